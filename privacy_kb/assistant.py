"""The assistant: a question in, a cited answer (or an honest fallback) out.

A message (a chat question or a pasted e-mail) is read first (:mod:`privacy_kb.message`):
greeting, signature and quoted mail are set aside and every question in it is answered
on its own (``reply.parts`` when there are several). For each question, three outcomes:

* a confident answer: the fitted probability that the best entry is right
  (:mod:`privacy_kb.decision`) reaches ``answer_p``; close runners-up are offered as
  "did you mean" suggestions;
* a fallback with suggestions: the best entries are worth offering, not answering;
* a fallback: the reply says it does not know and gives the contact details from the
  statement.

``ask`` never raises: any string (or anything else) gets a reply.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from privacy_kb.decision import ANSWER_P, SUGGEST_P, decision_probability, features
from privacy_kb.draft import compose_draft
from privacy_kb.faq import Faq, FaqEntry, load_faq
from privacy_kb.intents import detect_request, message_request, topic_of
from privacy_kb.language import (MODIFIERS, canonical, detect_language, normalise_tokens,
                                 tokenize)
from privacy_kb.lazyre import lazy
from privacy_kb.matching import CONTEXT_WEIGHT, Candidate, MatchIndex
from privacy_kb.message import (Message, Question, is_question, read_message, split_lead_ins,
                                split_sentences)
from privacy_kb.statement import Statement, load_statement

ANSWER_MIN = 55.0
SUGGEST_MIN = 42.0
CLOSE_MARGIN = 5.0
# A question's own best entry this far (score points) ahead of its runner-up is what it
# asks; what was said before it may then only confirm it (see _own_favourite).
OWN_MARGIN = 2 * CLOSE_MARGIN
REQUEST_BOOST = 12.0
# Share of the FAQ's entries that mention every topic word of the question: from
# BROAD_SHARE on, close neighbours are offered as suggestions; a bare keyword (one
# known word, no question word) from VAGUE_SHARE on is too vague to answer: the reply
# asks which question is meant.
BROAD_SHARE = 0.03
VAGUE_SHARE = 0.08
NEAR_EXACT = 95.0   # a score this high is the asker's wording: no doubt to offer
MAX_QUESTION_CHARS = 2000
MAX_MESSAGE_CHARS = 20_000
MAX_PARTS = 8
MAX_SUGGESTIONS = 3
# A later question of a message whose best entry answered an earlier one takes a
# runner-up at most this many points behind instead.
NEW_MARGIN = 10.0
# How much of a quoted earlier mail is context for a reply's first question.
QUOTED_CHARS = 400
# A question inside a message that names two topic words of its own is answered from
# this fitted probability on (alone it needs ANSWER_P).
MESSAGE_P = 0.3
# The parties whose cookies the statement names: asked for by name alone, their entry.
PROVIDERS = frozenset({"google", "hotjar", "leadinfo", "linkedin", "twitter", "facebook"})
COOKIE_PROVIDERS = frozenset({"google", "hotjar", "leadinfo"})
# Words that ask what something costs. The statement names no prices: a question
# asking one is answered only by an entry that speaks of cost ("Kost een verzoek
# geld?"), never by one that merely shares its topic ("Wat kost een training?").
COST_WORDS = frozenset("""kost kosten kostte prijs prijzen tarief tarieven betalen betaal
price prices pricing cost costs fee fees pay paying gratis geld money""".split())
# A runner-up from the best entry's own section this close (score points) adds its
# answer: one passage, two facts the asker may both have meant.
SAME_SECTION_MARGIN = 20.0
# An unknown word this rare (matching.MatchIndex.rarity; 0.9 is Zipf 2.9 or rarer, or
# no word at all) may be what the question is really about.
RARE_UNKNOWN = 0.9
# Below this fitted probability, a question naming something the FAQ does not know
# (a capitalised rare word) is declined.
NAMED_P = 0.75
NAME_RARITY = 0.75   # a name at Zipf 3.6 or rarer ("Mailchimp" 3.0; "Google" is known)
_NAME_INSIDE = lazy(r"(?<=[\w,;:)] )[A-Z][a-z]+(?:[A-Z]\w*)?\b")
# How far (score points) below the best entry one about the party the question names
# may be and still answer it.
PARTY_MARGIN = 10.0
# A short follow-up ("en hoe lang?", "and for how long?") has at most this many words.
FOLLOW_UP_WORDS = 6


@dataclass(frozen=True)
class Reply:
    """What the assistant says to one question or message. See DESIGN.md, "Asking"."""

    answered: bool
    text: str
    lang: str
    source: dict | None
    score: float
    faq_id: str | None
    suggestions: list[str] = field(default_factory=list)
    request_type: str | None = None
    question: str = ""
    parts: list["Reply"] = field(default_factory=list)
    confidence: float = 0.0   # the fitted probability that the answer is right (0-1)

    def to_dict(self) -> dict:
        """JSON-ready dict with every field (``parts`` as dicts)."""
        return asdict(self)

    def to_json(self) -> str:
        import json   # here: answering alone needs no json (a cold start's worth)

        return json.dumps(self.to_dict(), ensure_ascii=False)


def _drop_controls(text: str, keep_newlines: bool) -> str:
    if (text.replace("\n", "") if keep_newlines else text).isprintable():
        return text   # nothing to drop (the common case), no walk over every character
    out = []
    for c in text:
        if unicodedata.category(c)[0] == "C":
            out.append("\n" if keep_newlines and c in "\n\r\u2028\u2029" else " ")
        else:
            out.append(c)
    return "".join(out)


def _as_text(text) -> str:
    if isinstance(text, bytes):
        return text.decode("utf-8", errors="replace")
    if not isinstance(text, str):
        return "" if text is None else str(text)
    return text


def clean_question(text) -> str:
    """A question as text we can match: control characters out, white space folded,
    at most ``MAX_QUESTION_CHARS`` characters."""
    text = _as_text(text)[: MAX_QUESTION_CHARS * 4]
    return " ".join(_drop_controls(text, False).split())[:MAX_QUESTION_CHARS]


def clean_message(text) -> str:
    """A message as text: control characters out but line breaks kept (they separate
    greeting, body and signature), each line's white space folded, at most
    ``MAX_MESSAGE_CHARS`` characters."""
    text = _as_text(text)[: MAX_MESSAGE_CHARS * 4].replace("\r\n", "\n")
    lines = [" ".join(line.split()) for line in _drop_controls(text, True).split("\n")]
    text = "\n".join(lines).strip()
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text[:MAX_MESSAGE_CHARS]


@dataclass
class _Match:
    """One question matched: candidates, the features of the best, and the verdict."""

    text: str
    lang: str | None
    candidates: list[Candidate]
    topic: str | None
    request_type: str | None
    on_topic: bool
    breadth: float
    known_words: int
    probability: float
    topics: float = 0.0
    stats: dict = field(default_factory=dict)


# Words that point back to what was said before.
_ANAPHOR = lazy(
    r"\b(?:hiervoor|hierover|hiermee|hiervan|daarvoor|daarover|daarmee|daarvan|daarna|"
    r"dat|dit|die|deze|het|ze|hem|er|it|its|that|this|these|those|them|they|one)\b",
    re.IGNORECASE)
# "En zo ja, op welke grondslag?", "and if so, ...": about what was asked before,
# whatever else it names.
_IF_SO = lazy(r"\b(?:zo ja|zo nee|indien ja|if so|if not|in dat geval|in that case|"
              r"als dat zo is|if that'?s the case)\b", re.IGNORECASE)
# An account, profile or password with a party the statement names: their service.
_THEIR_ACCOUNT = lazy(r"\b(?:google|facebook|linkedin|twitter|hotjar|leadinfo|x)[\s-]?"
                      r"(?:account|accounts|profiel|profile|wachtwoord|password|login|inlog\w*)\b",
                      re.IGNORECASE)
# A subject line that names a request ("Inzageverzoek", "Verzoek tot verwijdering",
# "Klacht", "Bezwaar", "Subject access request", "Complaint").
_REQUEST_NOUN = lazy(r"(?:verzoek|request|klacht|complaint|bezwaar|objection|aanvraag)",
                     re.IGNORECASE)
_ASKS_ABOUT = lazy(r"\b(?:vraag|vragen|vraagje|question|questions|query|info|informatie|"
                   r"information|hoe|how|wat|what|kosten|cost)\b|\?", re.IGNORECASE)
# A sentence that only asks for a confirmation ("Please confirm.", "Kunt u dit
# bevestigen?", "Can you confirm once this has been done?"), not of something named
# ("Could you confirm which data you keep?").
_CONFIRM_ONLY = lazy(
    r"^\W*(?:(?:and|en|also|ook)\s+)?(?:(?:please|kindly|graag|gelieve)\s+)?"
    r"(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|(?:kunt|kan|wilt|wil|zou)\s+"
    r"(?:u|je|jij|jullie)\s+(?:mij\s+|me\s+|ons\s+)?(?:dit\s+|dat\s+|het\s+)?"
    r"(?:even\s+|alstublieft\s+|aub\s+|svp\s+)?(?:de\s+ontvangst\s+)?)?"
    r"(?:confirm|bevestig\w*)(?:\s+(?:this|that|it|receipt|dit|dat|het|de\s+ontvangst|"
    r"(?:once|when|as\s+soon\s+as|zodra|wanneer|als)\b.*))?\s*[.!?]*\s*$",
    re.IGNORECASE)
# A reminder of an earlier message ("nog niets gehoord op onderstaande mail",
# "following up on my request below").
_REMINDER = lazy(
    r"\b(?:onderstaand\w*|hieronder|eerdere?|vorige|herinnering|nog\s+(?:niets|geen\s+"
    r"(?:reactie|antwoord))|below|earlier|previous|reminder|follow(?:ing)?[\s-]up|"
    r"still\s+(?:waiting|not\s+heard)|(?:not|never)\s+heard|no\s+(?:reply|response|answer))\b",
    re.IGNORECASE)
_CONJUNCTION = lazy(r"\b(?:en|and|plus|alsook|as well as|&)\b", re.IGNORECASE)
_FOLLOW_UP_START = lazy(
    r"^\s*(?:en|and|ook|also|maar|but|what about|how about|en wat|en hoe|en voor|"
    r"en bij|en de|en het|and the|and for|and what|and how|and why|en waarom|wat als|"
    r"what if|ok(?:e|ay)?|oke|dus|so)\b", re.IGNORECASE)


class Assistant:
    """Answers questions and whole messages from a FAQ, citing the statement.

    Parameters
    ----------
    faq : Faq
    statement : Statement
    answer_p : float, keyword-only
        The fitted probability of being right from which an answer is given
        (:mod:`privacy_kb.decision`); below ``suggest_p`` nothing is offered.
    """

    def __init__(self, faq: Faq, statement: Statement, *, answer_p: float = ANSWER_P,
                 suggest_p: float = SUGGEST_P, index: MatchIndex | None = None):
        self.faq = faq
        self.statement = statement
        self.answer_p = answer_p
        self.suggest_p = suggest_p
        self.index = index if index is not None else build_index(faq, statement)
        self._by_type: dict[str, list[int]] = {}
        for i, entry in enumerate(faq.entries):
            if entry.request_type:
                self._by_type.setdefault(entry.request_type, []).append(i)

    # -- the public calls -------------------------------------------------------------
    def ask(self, question, *, previous: Reply | None = None) -> Reply:
        """Answer ``question`` (a question or a whole pasted message); never raises.

        ``previous``: the reply the asker just got; a short follow-up ("en hoe lang?")
        then keeps its topic. See DESIGN.md for the reply's fields.
        """
        if not isinstance(previous, Reply):
            previous = None   # anything else is no reply to follow up on
        try:
            return self._ask_message(clean_message(question), previous)
        except Exception:  # noqa: BLE001 - the contract: a reply, whatever happens
            return self._fallback("", "nl", [], 0.0, None)

    def draft_reply(self, message) -> str:
        """A reply e-mail to ``message`` in the asker's language: greets the asker by the
        name they signed with, answers each question with its cited section, and ends
        with the contact details. Nothing is sent."""
        try:
            text = clean_message(message)
            read = read_message(text, is_request=self._is_request_sentence)
            reply = self._ask_message(text, None, read)
        except Exception:  # noqa: BLE001
            text, read, reply = "", None, self._fallback("", "nl", [], 0.0, None)
        return compose_draft(reply, read.name if read else "", self._contact_line())

    # -- messages ---------------------------------------------------------------------
    def _is_request_sentence(self, sentence: str) -> bool:
        return detect_request(sentence) is not None

    def _ask_message(self, text: str, previous: Reply | None, read=None) -> Reply:
        if not text:
            return self._fallback("", "nl", [], 0.0, None)
        read = read or _plain_question(text) or read_message(
            text, is_request=self._is_request_sentence)
        body = read.body or text
        lang = detect_language(body, self.index.lexicon)
        request_type = message_request(split_lead_ins(read.sentences) or [body], body)
        reminded = None
        if request_type is None and read.subject and _REQUEST_NOUN.search(read.subject) and \
                not _ASKS_ABOUT.search(read.subject):
            # "Onderwerp: Inzageverzoek", "Subject: Complaint": the subject names the
            # request the body then explains
            request_type = topic_of(read.subject)
        if request_type is None and read.quoted and _REMINDER.search(body):
            # "Ik heb nog niets gehoord op onderstaande mail": the request is in the
            # writer's own earlier mail, quoted below (it names the message's request,
            # it does not answer the questions asked now)
            reminded = message_request(split_sentences(read.quoted), read.quoted)
        questions = read.questions[:MAX_PARTS] or [Question(clean_question(body))]
        if read.quoted and not questions[0].joined and (
                self._leans(questions[0], lang) or
                self._match(read.quoted[:QUOTED_CHARS], lang).probability >= self.answer_p):
            # A reply: the mail it answers tells what its first question is about
            # ("Thanks for getting back to me. How long would you keep my details?"),
            # when the question does not say so itself or the mail is about something
            # the FAQ knows (not a bare "Thank you for your message").
            first = questions[0]
            questions[0] = replace(first, context=f"{read.quoted[:QUOTED_CHARS]} "
                                                  f"{first.context}".strip())
        if read.subject and not questions[0].joined and self._leans(questions[0], lang):
            # Headers pasted above the mail: its subject ("Onderwerp: mijn sollicitatie")
            # tells what a question that does not say so itself is about
            first = questions[0]
            questions[0] = replace(first, context=f"{read.subject} {first.context}".strip())
        prior = previous.parts[-1] if previous is not None and previous.parts else previous
        parts: list[Reply] = []
        for i, q in enumerate(questions):
            # The question before is context for the next ("Is that true?", "en hoe
            # lang bewaren jullie dat dan?"); the first may follow the last reply.
            before = prior if i == 0 else parts[-1] if parts else None
            part = self._answer(q, lang, before, in_message=i > 0,
                                letter=read.is_letter, droppable=len(questions) > 1,
                                answered={p.faq_id for p in parts if p.answered})
            if part is None:
                continue
            parts.append(part)
        if len(parts) > 1 and any(p.answered for p in parts):
            # A sentence taken in only because it makes a request ("I'm really fed up.")
            # is the message's request, not a question left unanswered.
            parts = [p for p in parts if p.answered or is_question(p.question)]
        if not parts:
            parts = [self._fallback(questions[0].text, lang or "nl", [], 0.0, None)]
            questions = questions[:1]
        questions = [q for q in questions if any(p.question == q.text for p in parts)]
        if lang is None:
            lang = next((p.lang for p in parts if p.answered), parts[0].lang)
        parts = [p if p.lang == lang else self._relang(p, lang) for p in parts]
        if request_type and self._by_type.get(request_type) and len(parts) == len(questions):
            parts = self._request_part(questions, parts, request_type, lang)
        parts = _merge_joined(questions, parts)
        if request_type and len(parts) > 1 and any(p.answered for p in parts):
            # "Please confirm.", "Can you confirm once this has been done?": asks that the
            # request be acknowledged, which the reply does; not a question left open
            parts = [p for p in parts if p.answered or not _CONFIRM_ONLY.match(p.question)]
        parts = _merge_repeats(parts)
        if request_type and not any(p.answered for p in parts) and \
                self._by_type.get(request_type):
            # The message makes a request its questions did not name ("Your records list
            # me as 'Mr'. Could you fix that?"): how to make that request is the answer.
            entry = self.faq.entries[self._by_type[request_type][0]]
            parts[0] = replace(parts[0], answered=True, text=entry.answer[lang or "nl"],
                               lang=lang or parts[0].lang, source=self._source(entry),
                               faq_id=entry.id, suggestions=[], request_type=request_type)
        if len(parts) == 1:
            part = parts[0]
            rtype = request_type or part.request_type or reminded
            return replace(part, request_type=rtype,
                           question=clean_question(text) if read.is_letter else part.question)
        return self._combine(text, lang, parts, request_type or reminded)

    def _leans(self, question: Question, lang: str | None) -> bool:
        """``question`` needs context: alone it is unclear, or it points back with little
        topic of its own ("Is that true?")."""
        own = self._match(question.text, lang, question.context)
        return own.probability < self.answer_p or (
            bool(_ANAPHOR.search(question.text)) and own.topics <= 1)

    def _request_part(self, questions: list[Question], parts: list[Reply],
                      request_type: str, lang: str) -> list[Reply]:
        """The sentence that makes the message's request is answered with how to make
        it ("We are moving to another provider. Can you send all our data in a common
        format?": portability), unless a part already answers with that right."""
        if any(p.answered and (entry := self.faq.get(p.faq_id)) is not None
               and entry.request_type == request_type for p in parts):
            return parts
        for i, question in enumerate(questions):
            if detect_request(question.text) == request_type or (
                    question.context and
                    detect_request(f"{question.context} {question.text}") == request_type):
                entry = self.faq.entries[self._by_type[request_type][0]]
                parts = list(parts)
                parts[i] = replace(parts[i], answered=True, text=entry.answer[lang],
                                   lang=lang, source=self._source(entry), faq_id=entry.id,
                                   suggestions=[], request_type=request_type)
                return parts
        return parts

    def _combine(self, text: str, lang: str, parts: list[Reply],
                 request_type: str | None) -> Reply:
        answered = [p for p in parts if p.answered]
        lead = answered[0] if answered else parts[0]
        label = "U vroeg" if lang == "nl" else "You asked"
        text_out = "\n\n".join(f"{label}: \u201c{p.question}\u201d\n{p.text}" for p in parts)
        return Reply(answered=bool(answered), text=text_out, lang=lang, source=lead.source,
                     score=max(p.score for p in parts), faq_id=lead.faq_id if answered else None,
                     suggestions=[], request_type=request_type or next(
                         (p.request_type for p in parts if p.request_type), None),
                     question=clean_question(text), parts=parts,
                     confidence=min(p.confidence for p in parts))

    def _relang(self, part: Reply, lang: str) -> Reply:
        """The same part in the message's language."""
        if part.answered:
            entry = self.faq.get(part.faq_id)
            extra = part.text[len(entry.answer[part.lang]):] if entry else ""
            text = entry.answer[lang] if entry else part.text
            if extra.strip() and entry is not None:
                # a two-fact answer: translate the second fact too
                for other in self.faq.entries:
                    if other.answer[part.lang] == extra.strip():
                        text += " " + other.answer[lang]
                        break
            suggestions = part.suggestions
        else:
            text, suggestions = self.faq.fallback.get(lang, part.text), part.suggestions
        return replace(part, lang=lang, text=text, suggestions=suggestions)

    # -- one question -----------------------------------------------------------------
    def _answer(self, question: Question, lang: str | None, previous: Reply | None,
                in_message: bool = False, letter: bool = False,
                droppable: bool = False, answered: frozenset | set = frozenset()) -> Reply | None:
        """The reply to one question, with its context and the reply before it tried
        too; None for a sentence in a message that names nothing the FAQ knows
        ("Please confirm.") when it is not the only one."""
        own = self._match(question.text, lang)
        if in_message and own.topics >= 2 and MESSAGE_P <= own.probability < self.answer_p:
            # A question in a message that names its own topic ("which security
            # measures do you have in place?") is answered on its own: the question
            # before it would only pull it back to that one's topic.
            own.probability = self.answer_p
        # Alone it is unclear, or it points back with little topic of its own ("Is that
        # true?", "en hoe lang bewaren jullie dat dan?"): the context may decide.
        leans = own.probability < self.answer_p or bool(_IF_SO.search(question.text)) or (
            bool(_ANAPHOR.search(question.text)) and own.topics <= 1
            and not self._names_a_party(question.text))
        if previous is not None and previous.answered and (
                question.joined or (in_message and leans)):
            sibling = self._sibling(question, lang, previous, own)
            if sibling is not None:
                return sibling
        tries = [own]
        if question.context:
            with_context = self._match(question.text, lang, question.context)
            tries.append(with_context)
            if not question.joined and (
                    ((in_message or letter) and
                     with_context.probability > max(own.probability, self.answer_p))
                    or self._context_settles(own, with_context)):
                # "I'd like to join a workshop. Which personal information must I give?":
                # what the writer said first tells what the question is about.
                # Its own words come first: the context decides how sure the answer
                # is, and which entry only where the question itself has no clear one.
                with_context = self._own_favourite(own, with_context, question.text)
                tries[1] = with_context
                own = with_context
                tries[0] = own
        follows = previous is not None and previous.question and (
            in_message or _is_follow_up(question.text))
        if follows:
            tries.append(self._match(question.text, lang, previous.question))
            if previous.faq_id:
                entry = self.faq.get(previous.faq_id)
                if entry is not None:
                    tries.append(self._match(question.text, lang,
                                             entry.title(previous.lang)))
        best = own
        if leans:
            others = [m for m in tries[1:] if m.probability >= self.answer_p]
            if question.context and len(tries) > 1 and tries[1] in others:
                # what the writer said just before the question comes first; the
                # question before that only when it does not settle it
                others = [tries[1]]
            if others:
                best = max(others, key=lambda m: m.probability)
            elif own.probability < self.answer_p:
                best = max(tries, key=lambda m: m.probability)
        if (in_message or droppable) and not any(m.candidates for m in tries):
            return None
        if answered and not question.joined:
            best = self._something_new(best, answered)
        # "Wat is het KvK-nummer? ... En het postadres graag.": one word after an
        # answered question asks for that, it is not a bare keyword
        return self._reply(best, question.text, lang,
                           follows_answer=in_message and previous is not None
                           and previous.answered)

    def _own_favourite(self, own: _Match, with_context: _Match, text: str) -> _Match:
        """``with_context`` led by the entry the question's own words clearly prefer
        (OWN_MARGIN ahead of their runner-up), when the context ranks that entry close
        to its own best and in the same section ("I signed up for your newsletter. How
        often do you actually send it?": how often, not how to sign up); else as it is
        ("Leadinfo recognises my employer. Waar kan ik me hiervoor afmelden?": Leadinfo's
        opt-out, not the newsletter's)."""
        mine, theirs = own.candidates, with_context.candidates
        if not mine or not theirs or theirs[0].entry == mine[0].entry:
            return with_context
        if mine[0].score - (mine[1].score if len(mine) > 1 else 0.0) < OWN_MARGIN:
            return with_context
        kept = next((c for c in theirs if c.entry == mine[0].entry), None)
        if kept is None or theirs[0].score - kept.score > CLOSE_MARGIN or \
                self.faq.entries[kept.entry].section != \
                self.faq.entries[theirs[0].entry].section:
            # the context tells the topic (the section); within it the question's own
            # words tell which entry
            return with_context
        swapped = replace(with_context, candidates=[kept] + [c for c in theirs if c is not kept])
        swapped.on_topic = swapped.topic is not None and \
            self.faq.entries[kept.entry].request_type == swapped.topic
        swapped.probability = self._probability(swapped, text)   # how sure of that one
        return swapped

    def _something_new(self, match: _Match, answered: set) -> _Match:
        """A second question in a message asks something new: when its best entry
        already answers an earlier question and a close runner-up of the same section
        does not, the runner-up answers it ("Please delete everything. Will my address
        stay on some list?")."""
        candidates = match.candidates
        if not candidates or self.faq.entries[candidates[0].entry].id not in answered:
            return match
        first = self.faq.entries[candidates[0].entry]
        for candidate in candidates[1:]:
            entry = self.faq.entries[candidate.entry]
            if candidate.score < max(SUGGEST_MIN, candidates[0].score - NEW_MARGIN):
                break
            if entry.id not in answered and entry.covered and (
                    entry.section == first.section or entry.request_type is None):
                return replace(match, candidates=[candidate] + [
                    c for c in candidates if c is not candidate])
        return match

    def _context_settles(self, own: _Match, with_context: _Match) -> bool:
        """What was said before the question points to one of the entries the question
        itself could mean, confidently ("I asked a question through your contact form.
        Would you use my details for marketing?": the contact form's entry)."""
        if not with_context.candidates or with_context.probability < self.answer_p:
            return False
        pick = with_context.candidates[0].entry
        return own.candidates[:1] != [] and own.candidates[0].entry != pick and \
            any(c.entry == pick for c in own.candidates)

    def _sibling(self, question: Question, lang: str | None, previous: Reply,
                 own: _Match) -> Reply | None:
        """The second half of a two-fact question ("..., en hoe lang?", "... and on what
        legal basis?") or a follow-up in a message: the entry of the first half's section
        that best answers what the second half adds, if there is one."""
        first = self.faq.get(previous.faq_id) if previous.faq_id else None
        if first is None or self._names_something_unknown(question.text):
            return None
        added = set(normalise_tokens(question.text))
        if not added:
            return None

        def fits(candidate: Candidate, match: _Match) -> bool:
            entry = self.faq.entries[candidate.entry]
            if entry is first or entry.section != first.section or not entry.covered:
                return False
            first_score = next((c.score for c in match.candidates
                                if self.faq.entries[c.entry] is first), 0.0)
            return candidate.score >= max(SUGGEST_MIN, first_score) and \
                bool(added & _answer_words(entry))

        # The half's own ranking first ("do you have agreements in place with them?"),
        # then the ranking with the first half as context ("on what legal basis?").
        for match in (own, self._match(question.text, lang, question.context)):
            for candidate in match.candidates:
                if fits(candidate, match):
                    match.candidates = [candidate] + [c for c in match.candidates
                                                      if c is not candidate]
                    match.probability = max(match.probability, self.answer_p)
                    return self._reply(match, question.text, lang, follows_answer=True)
        return None

    def _match(self, text: str, lang: str | None, context: str = "") -> _Match:
        whole = f"{context} {text}" if context else text
        question_lang = lang or detect_language(whole, self.index.lexicon)
        # A question that points back ("Waar kan ik me hiervoor afmelden?") is about
        # what came before as much as about its own words.
        weight = 1.0 if context and _ANAPHOR.search(text) else CONTEXT_WEIGHT
        candidates, stats = self.index.analyse(text, limit=8, lang=question_lang,
                                               context=context, context_weight=weight)
        # Only the question itself names a right or makes a request; its context says
        # what it is about ("Verwijder mijn cv. Hoe lang hadden jullie het bewaard?").
        topic = topic_of(text)
        request_type = detect_request(text, topic=topic)
        if topic:
            candidates = self._prefer_topic(candidates, topic, request_type is not None)
        candidates = self._prefer_named_party(text, candidates)
        on_topic = bool(candidates) and topic is not None and \
            self.faq.entries[candidates[0].entry].request_type == topic
        breadth, known_words = self.index.breadth(whole) if candidates else (0.0, 0)
        match = _Match(whole, lang, candidates, topic, request_type, on_topic, breadth,
                       known_words, 0.0, stats.get("topics", 0.0), stats)
        match.probability = self._probability(match, text)
        return match

    def _probability(self, match: _Match, text: str) -> float:
        """The fitted probability that ``match``'s best candidate is right."""
        candidates = match.candidates
        if not candidates:
            return 0.0
        second = candidates[1].score if len(candidates) > 1 else 0.0
        probability = decision_probability(features(
            candidates[0].score, candidates[0].coverage, second, match.stats, match.on_topic,
            match.breadth, match.known_words, candidates[0].variant_cover))
        if self._names_a_cookie(text, candidates[0], match.stats):
            # A cookie asked for by its name ("_ga", "_li_ses"): its entry is the
            # answer, whatever else the wording lacks.
            probability = max(probability, self.answer_p)
        elif probability < NAMED_P and self._names_something_unknown(text):
            # "Do you use Mailchimp?", "... under the Data Privacy Framework?": a name the
            # FAQ has never heard of is most likely what the statement does not cover
            probability = min(probability, self.suggest_p)
        if _THEIR_ACCOUNT.search(text):
            # "How do I delete my Facebook account?": the party's own service, which the
            # statement does not speak for
            probability = min(probability, self.suggest_p)
        return probability

    def _names_something_unknown(self, text: str) -> bool:
        """``text`` names, with a capital inside the sentence, a rare word the FAQ does
        not know ("Mailchimp", "Workspace", "Framework")."""
        if not any(c.isupper() for c in text[1:]):
            return False
        for word in _NAME_INSIDE.findall(text):
            token = word.lower()
            if self.index.correct(token) == () and self.index.rarity(token) >= NAME_RARITY:
                return True
        return False

    @staticmethod
    def _names_a_party(text: str) -> bool:
        """``text`` names a cookie or a party the statement names ("the hotjar one, what
        is it for?"): its "it" is that, not what was asked before."""
        tokens = tokenize(text)
        return any(tok.startswith("_") and len(tok) > 2 for tok in tokens) or bool(
            {canonical(tok) for tok in tokens} & PROVIDERS)

    def _prefer_named_party(self, text: str, candidates: list[Candidate]) -> list[Candidate]:
        """A question about a party or a cookie the statement names ("Where is Leadinfo
        based?", "... the difference between _li_id and _li_ses?") is answered by an
        entry about it, not by Software Borg's own address: when the best entry never
        mentions it and one within ``PARTY_MARGIN`` points does, that one comes first."""
        if len(candidates) < 2:
            return candidates
        lowered = text.lower()
        if "_" not in text and not any(name in lowered for name in PROVIDERS):
            return candidates   # names no party nor cookie (most questions)
        tokens = tokenize(text)
        named = ({canonical(tok) for tok in tokens} & PROVIDERS) | {
            canonical(tok) for tok in tokens if tok.startswith("_") and len(tok) > 2} - {None}
        if not named:
            return candidates
        words = self.index.entry_tokens
        if named & words.get(candidates[0].entry, set()):
            return candidates
        for candidate in candidates[1:]:
            if candidate.score < candidates[0].score - PARTY_MARGIN:
                break
            if named & words.get(candidate.entry, set()):
                return [candidate] + [c for c in candidates if c is not candidate]
        return candidates

    def _names_a_cookie(self, text: str, best: Candidate, stats: dict | None = None) -> bool:
        """The question names a cookie ("_ga", "_li_ses") or only a cookie's provider
        ("die van Google", "the Hotjar one"), and the best entry is about it. A provider
        named in a question with words the FAQ does not know ("Does Hotjar record my
        keystrokes?", "Google Workspace") may be about something else of theirs."""
        tokens = tokenize(text)
        names = {tok for tok in tokens if tok.startswith("_") and len(tok) > 2}
        entry_words = self.index.entry_tokens.get(best.entry, set())
        if not names and stats and stats.get("rare", 0.0) > 0 and any(
                self.index.correct(tok) == () and self.index.rarity(tok) >= RARE_UNKNOWN
                for tok in tokens):
            return False
        if not names:
            topics = {canonical(tok) for tok in tokens} - {None} - MODIFIERS
            names = topics & PROVIDERS
            if not names:
                return False
            if topics - names - {"cookie"}:
                # a question about a cookie provider ("die van google, hoe lang blijft
                # die staan?"): its cookie's entry, when that is the best one
                return bool(names & COOKIE_PROVIDERS) and "cookie" in entry_words and \
                    any(canonical(name) in entry_words for name in names)
        return any(canonical(name) in entry_words for name in names)

    def _reply(self, match: _Match, question: str, lang: str | None,
               follows_answer: bool = False) -> Reply:
        candidates = match.candidates
        if lang is None:
            lang = candidates[0].lang if candidates else "nl"
        request_type = match.request_type
        if not candidates or match.probability < self.answer_p:
            suggestions = []
            if match.probability >= self.suggest_p or (candidates and candidates[0].score >= 60):
                suggestions = [self.faq.entries[c.entry].title(lang) for c in candidates
                               if c.score >= SUGGEST_MIN][:MAX_SUGGESTIONS]
            score = candidates[0].score if candidates else 0.0
            return self._fallback(question, lang, suggestions, score, request_type,
                                  match.probability)
        best = candidates[0]
        entry = self.faq.entries[best.entry]
        if self._asks_a_price_it_lacks(match.text, best.entry):
            # the best entry that does speak of cost, if a close one does
            priced = next((c for c in candidates[1:]
                           if c.score >= max(ANSWER_MIN, best.score - 3 * CLOSE_MARGIN)
                           and not self._asks_a_price_it_lacks(match.text, c.entry)), None)
            if priced is None:
                suggestions = [self.faq.entries[c.entry].title(lang) for c in candidates
                               if c.score >= SUGGEST_MIN][:MAX_SUGGESTIONS]
                return self._fallback(question, lang, suggestions, best.score, request_type,
                                      match.probability)
            best = priced
            entry = self.faq.entries[best.entry]
            candidates = [best] + [c for c in candidates if c is not best]
            match = replace(match, candidates=candidates)
        if match.known_words == 1 and match.breadth >= VAGUE_SHARE and not match.on_topic \
                and not follows_answer:
            # One word that half the FAQ is about ("gegevens", "nieuwsbrief"): ask
            # which question is meant rather than pick one.
            suggestions = [self.faq.entries[c.entry].title(lang) for c in candidates
                           if c.score >= SUGGEST_MIN][:MAX_SUGGESTIONS]
            return self._fallback(question, lang, suggestions, best.score, request_type,
                                  match.probability)
        close = [c for c in candidates[1:] if best.score - c.score <= CLOSE_MARGIN
                 and c.score >= ANSWER_MIN - CLOSE_MARGIN]
        if match.breadth >= BROAD_SHARE and best.score < NEAR_EXACT:
            # A broad question matched loosely: offer the neighbours too.
            close = [c for c in candidates[1:] if c.score >= ANSWER_MIN
                     and best.score - c.score <= 3 * CLOSE_MARGIN]
        if not entry.covered:
            # "The statement says nothing about X": an honest fallback, in the entry's
            # own words (which say what the statement does not cover).
            reply = self._fallback(question, lang, [], best.score, request_type,
                                   match.probability)
            return replace(reply, text=entry.answer[lang])
        text = entry.answer[lang]
        second = self._second_fact(match, lang)
        if second is not None and _adds_nothing(text, second.answer[lang]):
            second = None
        if second is not None:
            text = f"{text} {second.answer[lang]}"
            close = [c for c in close if self.faq.entries[c.entry] is not second]
        suggestions = [self.faq.entries[c.entry].title(lang) for c in close][:MAX_SUGGESTIONS]
        return Reply(answered=True, text=text, lang=lang,
                     source=self._source(entry), score=min(100.0, best.score),
                     faq_id=entry.id, suggestions=suggestions,
                     request_type=request_type, question=question,
                     confidence=round(match.probability, 3))

    def _asks_a_price_it_lacks(self, text: str, entry: int) -> bool:
        """``text`` asks what something costs and the entry says nothing about cost."""
        asked = {tok for tok in tokenize(text) if tok in COST_WORDS}
        if not asked:
            return False
        cost_tokens = {canonical(w) for w in COST_WORDS} - {None}
        return not (self.index.entry_tokens.get(entry, set()) & cost_tokens)

    def _second_fact(self, match: _Match, lang: str) -> FaqEntry | None:
        """For a question asking two things ("what is it for and how long is it kept"),
        the entry that answers the second: a close runner-up from the same section that
        explains words of the question the first answer's entry does not."""
        if len(match.candidates) < 2:
            return None
        first, runner = match.candidates[0], match.candidates[1]
        a, b = self.faq.entries[first.entry], self.faq.entries[runner.entry]
        if not _CONJUNCTION.search(match.text):
            # One question, two entries of one passage about as close ("Delen jullie
            # mijn gegevens met andere bedrijven?": the grounds, and the processor
            # agreement): the passage's both facts.
            for runner in match.candidates[1:3]:
                b = self.faq.entries[runner.entry]
                if a.section == b.section and b.covered and runner.score >= ANSWER_MIN and \
                        runner.score >= first.score - SAME_SECTION_MARGIN:
                    return b
            return None
        if a.section != b.section or runner.score < first.score - 20 or \
                runner.score < ANSWER_MIN:
            return None
        words = set(normalise_tokens(match.text))
        own_a = self.index.entry_tokens.get(first.entry, set())
        own_b = self.index.entry_tokens.get(runner.entry, set())
        if (words & own_b) - own_a:
            return b
        return None

    def _prefer_topic(self, candidates: list[Candidate], topic: str,
                      requested: bool) -> list[Candidate]:
        """Entries about the right in question rank above look-alikes; when the asker
        is making that request, its entry is offered even if the wording missed it."""
        floor = ANSWER_MIN if requested else 0.0
        ranked = [replace(c, score=max(floor, c.score + REQUEST_BOOST),
                          coverage=max(c.coverage, 0.6) if requested else c.coverage)
                  if self.faq.entries[c.entry].request_type == topic else c
                  for c in candidates]
        if requested:
            # Someone exercising a right gets that right's entry (how to make the
            # request) first, whatever else the wording resembles.
            present = {c.entry for c in ranked}
            ranked += [Candidate(i, ANSWER_MIN, -1, ranked[0].lang if ranked else "nl", 0.6, 0.5)
                       for i in self._by_type.get(topic, ()) if i not in present]
            return sorted(ranked, key=lambda c: (
                self.faq.entries[c.entry].request_type != topic, -c.score, c.entry))
        return sorted(ranked, key=lambda c: (-c.score, c.entry))

    def _source(self, entry: FaqEntry) -> dict | None:
        section = self.statement.get(entry.section)
        if section is None:
            return None
        passage = section.passage(entry.quote)
        if not passage.strip():
            # A heading with no text of its own ("Doeleinden van de gegevensverwerking"):
            # what it stands above.
            passage = "\n".join(child.title for child in
                                 self.statement.children(section.id))
        return {"id": section.id, "title": section.title, "quote": entry.quote,
                "passage": passage}

    def _contact_line(self) -> str:
        contact = self.faq.contact or {}
        return contact.get("quote", "")

    def _fallback(self, question: str, lang: str, suggestions: list[str], score: float,
                  request_type: str | None, probability: float = 0.0) -> Reply:
        contact = self.faq.contact
        section = self.statement.get(contact.get("section", "")) if contact else None
        source = None
        if section is not None:
            source = {"id": section.id, "title": section.title, "quote": contact["quote"],
                      "passage": section.passage(contact["quote"])}
        return Reply(answered=False, text=self.faq.fallback.get(lang, ""), lang=lang,
                     source=source, score=min(100.0, score), faq_id=None,
                     suggestions=suggestions, request_type=request_type, question=question,
                     confidence=round(probability, 3))


_JOINING_WORDS = (" en ", " and ", " maar ", " but ", " plus ", ", ")


def _plain_question(text: str) -> Message | None:
    """A one-line question with nothing to set aside or split (most chat questions):
    read without the message machinery. None when it might be more."""
    if "\n" in text or len(text) > 300:
        return None
    inner = text.rstrip(" ?!.")
    if any(c in inner for c in "?!.:;") or any(w in f" {inner.lower()} " for w in _JOINING_WORDS):
        return None
    return Message(body=text, sentences=[text], questions=[Question(text)])


def _answer_words(entry: FaqEntry) -> set[str]:
    """What an entry's answers and questions say, as canonical words."""
    texts = list(entry.answer.values()) + [v for vs in entry.questions.values() for v in vs]
    return {tok for text in texts for tok in normalise_tokens(text)}


def _adds_nothing(first: str, second: str) -> bool:
    """The second answer repeats the first: the same text, or no number the first lacks
    ("... 2 jaar." after an answer that already says "2 jaar")."""
    if second in first:
        return True
    numbers = re.findall(r"\d+", second)
    return bool(numbers) and all(n in re.findall(r"\d+", first) for n in numbers)


def _merge_joined(questions: list[Question], parts: list[Reply]) -> list[Reply]:
    """One sentence asking two things about one section gets one answer holding both."""
    merged: list[Reply] = []
    for question, part in zip(questions, parts):
        prior = merged[-1] if merged else None
        if (question.joined and prior is not None and prior.answered and part.answered
                and prior.source and part.source and prior.source["id"] == part.source["id"]):
            text = prior.text if _adds_nothing(prior.text, part.text) \
                else f"{prior.text} {part.text}"
            merged[-1] = replace(prior, text=text,
                                 question=f"{prior.question}, {part.question}")
            continue
        merged.append(part)
    return merged


def _merge_repeats(parts: list[Reply]) -> list[Reply]:
    """Parts next to each other answered by the same entry ("Please remove my details.
    Can you confirm once this has been done?"): one part, the answer said once."""
    merged: list[Reply] = []
    for part in parts:
        prior = merged[-1] if merged else None
        if prior is not None and prior.answered and part.answered and \
                prior.faq_id == part.faq_id and prior.text == part.text:
            merged[-1] = replace(prior, question=f"{prior.question} {part.question}")
            continue
        merged.append(part)
    return merged


def _is_follow_up(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= FOLLOW_UP_WORDS and (
        bool(_FOLLOW_UP_START.match(text)) or len(words) <= 3)


def build_index(faq: Faq, statement: Statement) -> MatchIndex:
    """The match index over every entry's variants and title; each entry's profile
    (its second field) holds its answers and the passage of the section it cites."""
    profiles = {}
    for i, entry in enumerate(faq.entries):
        section = statement.get(entry.section)
        passage = section.passage(entry.quote) if section is not None else ""
        profiles[i] = " ".join([*entry.answer.values(), passage])
    index = MatchIndex(
        ((i, lang, variant)
         for i, entry in enumerate(faq.entries)
         for lang, variants in entry.questions.items()
         for variant in variants + ((entry.titles[lang],) if entry.titles else ())),
        profiles=profiles,
    )
    _learn_word_forms(index)
    return index


def _learn_word_forms(index: MatchIndex) -> None:
    """Teach the index the inflected forms of its words from simplemma's Dutch and
    English lemmas, over the words of the language lists (once, when the index is
    built and cached; answering itself needs no lemmatiser). Without simplemma or
    wordfreq the index works as before."""
    try:
        import simplemma
    except ImportError:
        return
    from privacy_kb import lexicon

    words = [w for w in lexicon.words() if len(w) >= 4]
    index.add_lemmas(words, lambda w: simplemma.lemmatize(w, lang=("nl", "en")))


def _sources_key() -> list[bytes]:
    """The code that shapes the index: a change to it must not read an old cache."""
    here = Path(__file__).resolve().parent
    return [(here / name).read_bytes() for name in
            ("language.py", "matching.py", "faq.py", "statement.py", "assistant.py")]


def _build_state(faq_path: Path, statement_path: Path) -> tuple:
    faq = load_faq(faq_path)
    statement = load_statement(statement_path)
    return faq, statement, build_index(faq, statement)


def load_assistant(path: str | Path | None = None, *, statement: str | Path | None = None,
                   **options) -> Assistant:
    """Build an :class:`Assistant` from a FAQ file.

    The parsed FAQ, statement and match index are cached in the user cache directory
    (:mod:`privacy_kb.cache`), keyed by the content of both files and of the code that
    builds them; a missing, stale or unwritable cache means building them here.

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
    from privacy_kb.cache import cached, content_key
    from privacy_kb.faq import default_faq_path
    from privacy_kb.statement import default_statement_path

    faq_path = Path(path) if path else default_faq_path()
    statement_path = Path(statement) if statement else default_statement_path()
    key = content_key(faq_path.read_bytes(), statement_path.read_bytes(), *_sources_key())
    faq, parsed, index = cached("assistant", key,
                                lambda: _build_state(faq_path, statement_path))
    return Assistant(faq, parsed, index=index, **options)
