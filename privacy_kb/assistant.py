"""The assistant: a question in, a cited answer (or an honest fallback) out.

Three outcomes:

* a confident answer: the best entry scores at least ``answer_min`` and no other
  entry comes within ``close_margin`` of it;
* an answer with "did you mean" suggestions: the best entry is good enough but others
  are close;
* a fallback: nothing scores ``answer_min``; the reply says it does not know, offers
  the closest questions that score at least ``suggest_min``, and gives the contact
  details from the statement.

``ask`` never raises: any string (or anything else) gets a reply.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from privacy_kb.faq import Faq, FaqEntry, load_faq
from privacy_kb.intents import detect_request, topic_of
from privacy_kb.language import detect_language
from privacy_kb.matching import Candidate, MatchIndex
from privacy_kb.statement import Statement, load_statement

ANSWER_MIN = 55.0
COVERAGE_MIN = 0.6
SUGGEST_MIN = 42.0
CLOSE_MARGIN = 5.0
REQUEST_BOOST = 12.0
# Share of the FAQ's entries that mention every topic word of the question: from
# BROAD_SHARE on, close neighbours are offered as suggestions; a bare keyword (one
# known word, no question word) from VAGUE_SHARE on is too vague to answer: the reply
# asks which question is meant.
BROAD_SHARE = 0.03
VAGUE_SHARE = 0.08
NEAR_EXACT = 95.0   # a score this high is the asker's wording: no doubt to offer
MAX_QUESTION_CHARS = 2000
MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class Reply:
    """What the assistant says to one question. See DESIGN.md, "Asking"."""

    answered: bool
    text: str
    lang: str
    source: dict | None
    score: float
    faq_id: str | None
    suggestions: list[str] = field(default_factory=list)
    request_type: str | None = None
    question: str = ""

    def to_dict(self) -> dict:
        """JSON-ready dict with every field."""
        return asdict(self)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


def clean_question(text) -> str:
    """A question as text we can match: control characters out, white space folded,
    at most ``MAX_QUESTION_CHARS`` characters."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    elif not isinstance(text, str):
        text = "" if text is None else str(text)
    text = text[: MAX_QUESTION_CHARS * 4]
    text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    return " ".join(text.split())[:MAX_QUESTION_CHARS]


class Assistant:
    """Answers questions from a FAQ, citing the statement.

    Parameters
    ----------
    faq : Faq
    statement : Statement
    answer_min, suggest_min, close_margin : float, keyword-only
        Score thresholds (0-100); see the module docstring.
    """

    def __init__(self, faq: Faq, statement: Statement, *, answer_min: float = ANSWER_MIN,
                 coverage_min: float = COVERAGE_MIN, suggest_min: float = SUGGEST_MIN,
                 close_margin: float = CLOSE_MARGIN):
        self.faq = faq
        self.statement = statement
        self.answer_min = answer_min
        self.coverage_min = coverage_min
        self.suggest_min = suggest_min
        self.close_margin = close_margin
        self.index = MatchIndex(
            ((i, lang, variant)
             for i, entry in enumerate(faq.entries)
             for lang, variants in entry.questions.items()
             for variant in variants + ((entry.titles[lang],) if entry.titles else ())),
            profiles={i: " ".join(entry.answer.values()) for i, entry in enumerate(faq.entries)},
        )
        self._by_type: dict[str, list[int]] = {}
        for i, entry in enumerate(faq.entries):
            if entry.request_type:
                self._by_type.setdefault(entry.request_type, []).append(i)

    # -- the public call --------------------------------------------------------------
    def ask(self, question) -> Reply:
        """Answer ``question``; never raises. See DESIGN.md for the reply's fields."""
        try:
            return self._ask(clean_question(question))
        except Exception:  # noqa: BLE001 - the contract: a reply, whatever happens
            return self._fallback("", "nl", [], 0.0, None)

    def _ask(self, question: str) -> Reply:
        lang = detect_language(question, self.index.lexicon)
        if not question:
            return self._fallback(question, lang or "nl", [], 0.0, None)
        candidates = self.index.search(question, limit=8, lang=lang)
        topic = topic_of(question)
        request_type = detect_request(question, topic=topic)
        if topic:
            candidates = self._prefer_topic(candidates, topic, request_type is not None)
        if lang is None:
            lang = candidates[0].lang if candidates else "nl"
        # A question that names a right (or a complaint) and matches that right's entry
        # needs no further proof of being in scope: the topic word is the evidence.
        on_topic = bool(candidates) and topic is not None and \
            self.faq.entries[candidates[0].entry].request_type == topic
        if (not candidates or candidates[0].score < self.answer_min
                or (candidates[0].coverage < self.coverage_min and not on_topic)):
            suggestions = [self.faq.entries[c.entry].title(lang) for c in candidates
                           if c.score >= self.suggest_min][:MAX_SUGGESTIONS]
            score = candidates[0].score if candidates else 0.0
            return self._fallback(question, lang, suggestions, score, request_type)
        best = candidates[0]
        entry = self.faq.entries[best.entry]
        breadth, known_words = self.index.breadth(question)
        if known_words == 1 and breadth >= VAGUE_SHARE and not on_topic:
            # One word that half the FAQ is about ("gegevens", "nieuwsbrief"): ask
            # which question is meant rather than pick one.
            suggestions = [self.faq.entries[c.entry].title(lang) for c in candidates
                           if c.score >= self.suggest_min][:MAX_SUGGESTIONS]
            return self._fallback(question, lang, suggestions, best.score, request_type)
        close = [c for c in candidates[1:] if best.score - c.score <= self.close_margin
                 and c.score >= self.answer_min - self.close_margin]
        if breadth >= BROAD_SHARE and best.score < NEAR_EXACT:
            # A broad question matched loosely: offer the neighbours too.
            close = [c for c in candidates[1:] if c.score >= self.answer_min
                     and best.score - c.score <= 3 * self.close_margin]
        suggestions = [self.faq.entries[c.entry].title(lang) for c in close][:MAX_SUGGESTIONS]
        if request_type is None and entry.request_type and topic == entry.request_type:
            request_type = entry.request_type   # a question about a right carries its type
        return Reply(answered=True, text=entry.answer[lang], lang=lang,
                     source=self._source(entry), score=min(100.0, best.score),
                     faq_id=entry.id, suggestions=suggestions,
                     request_type=request_type, question=question)

    # -- helpers ----------------------------------------------------------------------
    def _prefer_topic(self, candidates: list[Candidate], topic: str,
                      requested: bool) -> list[Candidate]:
        """Entries about the right in question rank above look-alikes; when the asker
        is making that request, its entry is offered even if the wording missed it."""
        floor = self.answer_min if requested else 0.0
        ranked = [Candidate(c.entry, max(floor, c.score + REQUEST_BOOST), c.variant, c.lang,
                            c.coverage)
                  if self.faq.entries[c.entry].request_type == topic else c
                  for c in candidates]
        if requested:
            # Someone exercising a right gets that right's entry (how to make the
            # request) first, whatever else the wording resembles.
            present = {c.entry for c in ranked}
            ranked += [Candidate(i, self.answer_min, -1, ranked[0].lang if ranked else "nl")
                       for i in self._by_type.get(topic, ()) if i not in present]
            return sorted(ranked, key=lambda c: (
                self.faq.entries[c.entry].request_type != topic, -c.score, c.entry))
        return sorted(ranked, key=lambda c: (-c.score, c.entry))

    def _source(self, entry: FaqEntry) -> dict | None:
        section = self.statement.get(entry.section)
        if section is None:
            return None
        return {"id": section.id, "title": section.title, "quote": entry.quote,
                "passage": section.passage(entry.quote)}

    def _fallback(self, question: str, lang: str, suggestions: list[str], score: float,
                  request_type: str | None) -> Reply:
        contact = self.faq.contact
        section = self.statement.get(contact.get("section", "")) if contact else None
        source = None
        if section is not None:
            source = {"id": section.id, "title": section.title, "quote": contact["quote"],
                      "passage": section.passage(contact["quote"])}
        return Reply(answered=False, text=self.faq.fallback.get(lang, ""), lang=lang,
                     source=source, score=min(100.0, score), faq_id=None,
                     suggestions=suggestions, request_type=request_type, question=question)


def load_assistant(path: str | Path | None = None, *, statement: str | Path | None = None,
                   **options) -> Assistant:
    """Build an :class:`Assistant` from a FAQ file.

    Parameters
    ----------
    path : str or Path, optional
        A ``faq.yaml``; default the one shipped with the package.
    statement : str or Path, keyword-only, optional
        The statement text file; default the one shipped with the package.
    **options
        Thresholds passed to :class:`Assistant`.

    Raises
    ------
    FaqError
        When the FAQ file has schema problems.

    Examples
    --------
    >>> bot = load_assistant()
    >>> bot.ask("Welke cookies gebruiken jullie?").lang
    'nl'
    """
    return Assistant(load_faq(path), load_statement(statement), **options)
