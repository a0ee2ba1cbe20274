"""Training material drawn from the statement and the FAQ: a walk-through and a quiz.

Nothing here is a hand-kept answer key. Every quiz question is built from a fact read
out of the statement at run time — a cookie-table row, a sentence found by an anchored
pattern in a named section, a FAQ entry's citation — so when the statement changes
the quiz changes with it, and a question whose fact can no longer be found is simply
not asked (``privacy-desk check`` and the tests say so). What *is* written here are the
question stems and small vocabularies of wrong answers (frequencies, legal bases), and
their English wording.

* :func:`build_walkthrough` — section by section: the text, a plain-language summary
  (the answers of FAQ entries that cite the section) and the questions people ask.
* :func:`generate_questions` — every question the data supports, unshuffled.
* :func:`make_quiz` — a seeded selection with shuffled order and choices
  (``random.Random(seed)``): the same seed gives the same quiz, in Dutch or English.
* :class:`QuizSession` — answers, feedback citing the section, the score.

Pure: no widgets, no pandas.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Callable

from privacy_kb.faq import Faq, load_faq
from privacy_kb.statement import Section, Statement, load_statement, squash
from privacy_kb.texts import text

__all__ = ["Step", "build_walkthrough", "Fact", "Question", "Feedback", "QuizSession",
           "generate_facts", "generate_questions", "make_quiz", "durations_in",
           "duration_days", "duration_en"]

LANGS = ("nl", "en")


def _lang(lang: str | None) -> str:
    return lang if lang in LANGS else "nl"


# --- walk-through ----------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """One section of the walk-through (``position`` counts from 1)."""

    section_id: str
    title: str
    level: int
    text: str
    summary: tuple[str, ...]      # FAQ answers citing the section, in the language asked
    questions: tuple[str, ...]    # FAQ questions citing the section
    position: int
    total: int


def build_walkthrough(statement: Statement | None = None, faq: Faq | None = None,
                      lang: str = "nl", *, max_summary: int = 3,
                      max_questions: int = 8) -> list[Step]:
    """The statement section by section, for a trainer to step through.

    Parameters
    ----------
    statement, faq : optional
        Default: the ones shipped with the package.
    lang : {"nl", "en"}
        Language of the summary and questions (the statement text is Dutch).
    max_summary, max_questions : int, keyword-only
        How many FAQ answers and questions to show per section.

    Returns
    -------
    list of Step
        Every section with text of its own, in document order.
    """
    statement = statement or load_statement()
    faq = faq or load_faq()
    lang = _lang(lang)
    sections = statement.substantive()
    steps = []
    for position, section in enumerate(sections, start=1):
        entries = [e for e in faq.entries if e.section == section.id]
        summary: list[str] = []
        for entry in entries:
            answer = entry.answer.get(lang) or entry.answer.get("nl", "")
            if answer and answer not in summary:
                summary.append(answer)
        questions = list(dict.fromkeys(e.title(lang) for e in entries))
        steps.append(Step(section_id=section.id, title=section.title, level=section.level,
                          text=section.text, summary=tuple(summary[:max_summary]),
                          questions=tuple(questions[:max_questions]), position=position,
                          total=len(sections)))
    return steps


# --- durations (read from the statement, compared, translated) -----------------------

_NUMBER_WORDS = {"één": 1, "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
                 "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "twaalf": 12}
_NUMBER_EN = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
              8: "eight", 9: "nine", 10: "ten", 12: "twelve"}
_UNITS = {"dag": (1, "day"), "dagen": (1, "day"), "week": (7, "week"), "weken": (7, "week"),
          "maand": (30, "month"), "maanden": (30, "month"), "jaar": (365, "year"),
          "jaren": (365, "year"), "uur": (1 / 24, "hour")}
_DURATION = re.compile(
    r"\b(?P<n>\d+|" + "|".join(_NUMBER_WORDS) + r")\s+(?P<unit>"
    + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_SESSION_NL = "alleen de huidige sessie"


def durations_in(text: str) -> list[str]:
    """Retention periods written in ``text`` ("4 weken", "één jaar", "365 dagen"), in
    order, without repeats; "een" counts only as "één" (it is the article otherwise)."""
    out: list[str] = []
    for m in _DURATION.finditer(text):
        if m.group("n").lower() == "een":
            continue
        value = f"{m.group('n')} {m.group('unit')}"
        if value not in out:
            out.append(value)
    if _SESSION_NL in text.lower() and _SESSION_NL not in out:
        out.append(_SESSION_NL)
    return out


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def duration_days(duration: str) -> float:
    """A Dutch duration in days (a session is 0): for telling equal periods apart
    ("365 dagen" and "één jaar" are the same choice)."""
    if duration.lower() == _SESSION_NL:
        return 0.0
    m = _DURATION.fullmatch(duration.strip())
    if not m:
        raise ValueError(f"not a duration: {duration!r}")
    return _count(m.group("n")) * _UNITS[m.group("unit").lower()][0]


def duration_en(duration: str) -> str:
    """The English for a Dutch duration: "4 weken" -> "4 weeks", "één jaar" -> "one
    year", "alleen de huidige sessie" -> "only the current session"."""
    if duration.lower() == _SESSION_NL:
        return "only the current session"
    m = _DURATION.fullmatch(duration.strip())
    if not m:
        raise ValueError(f"not a duration: {duration!r}")
    n = _count(m.group("n"))
    unit = _UNITS[m.group("unit").lower()][1] + ("" if n == 1 else "s")
    number = m.group("n") if m.group("n").isdigit() else _NUMBER_EN.get(n, str(n))
    return f"{number} {unit}"


# --- facts and questions ---------------------------------------------------------------

@dataclass(frozen=True)
class Fact:
    """A question before shuffling: both languages, the correct choice first.

    ``answer`` is the correct answer as it stands in the statement (Dutch) and
    ``quote`` the verbatim passage of section ``section_id`` it was read from.
    """

    id: str
    section_id: str
    quote: str
    answer: str
    prompt: dict[str, str]
    choices: dict[str, tuple[str, ...]]     # per language; index 0 is correct
    explanation: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Feedback:
    correct: bool
    text: str           # one paragraph, plain text
    right_answer: str
    source_id: str
    source_title: str
    quote: str
    verdict: str = ""         # "Goed!" / "Helaas, … Het juiste antwoord is: …"
    explanation: str = ""     # the FAQ answer in plain language


@dataclass(frozen=True)
class Question:
    """One multiple-choice question in one language, choices shuffled."""

    id: str
    lang: str
    prompt: str
    choices: tuple[str, ...]
    answer: int                   # index into ``choices``
    section_id: str
    section_title: str
    quote: str
    fact: str                     # the correct answer as in the statement (Dutch)
    explanation: str = ""

    @property
    def correct_choice(self) -> str:
        return self.choices[self.answer]

    def check(self, choice: int) -> Feedback:
        """Feedback on choosing ``choices[choice]``, citing the section."""
        lang = _lang(self.lang)
        ok = choice == self.answer
        parts = [text("quiz.right", lang) if ok else
                 f"{text('quiz.wrong', lang)} {text('quiz.answer_is', lang)}: "
                 f"{self.correct_choice}."]
        if self.explanation:
            parts.append(self.explanation)
        parts.append(f"{text('quiz.source', lang)}: {self.section_title} — “{self.quote}”")
        return Feedback(correct=ok, text=" ".join(parts), right_answer=self.correct_choice,
                        source_id=self.section_id, source_title=self.section_title,
                        quote=self.quote, verdict=parts[0], explanation=self.explanation)


def _sentence_with(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around ``text[start:end]``, squashed."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_dot = text.find(".", end)
    right = len(text) if right_dot < 0 else right_dot + 1
    return squash(text[left + 1 if left >= 0 else 0: right])


def _explain(faq: Faq, section_id: str, evidence: str) -> dict[str, str]:
    """The answers of the FAQ entry that cites ``section_id`` and whose quote overlaps
    ``evidence`` (else the first entry citing it): the plain-language explanation."""
    entries = [e for e in faq.entries if e.section == section_id]
    needle = squash(evidence).lower()
    best = next((e for e in entries if squash(e.quote).lower() in needle
                 or needle in squash(e.quote).lower()), entries[0] if entries else None)
    return dict(best.answer) if best else {}


def _pick_distractors(correct: str, pool: list[str], same: Callable[[str, str], bool],
                      k: int = 3) -> list[str]:
    out: list[str] = []
    for item in pool:
        if len(out) >= k:
            break
        if same(item, correct) or any(same(item, o) for o in out):
            continue
        out.append(item)
    return out


def _cookie_facts(statement: Statement, faq: Faq, durations: list[str]) -> list[Fact]:
    cookies = [s for s in statement if s.cookie and s.cookie.get("retention")]
    if len(cookies) < 2:
        return []
    facts: list[Fact] = []
    retentions = [c.cookie["retention"] for c in cookies]
    pool = list(dict.fromkeys(retentions + durations))
    same = lambda a, b: duration_days(a) == duration_days(b)  # noqa: E731
    for section in cookies:
        name, ret = section.cookie["name"], section.cookie["retention"]
        wrong = _pick_distractors(ret, pool, same)
        if len(wrong) < 2:
            continue
        choices = [ret] + wrong
        facts.append(Fact(
            id=f"cookie-retention:{section.id}", section_id=section.id, quote=ret,
            answer=ret,
            prompt={"nl": f"Hoe lang worden de gegevens van de cookie {name} bewaard?",
                    "en": f"How long is the data of the cookie {name} kept?"},
            choices={"nl": tuple(choices), "en": tuple(duration_en(c) for c in choices)},
            explanation=_explain(faq, section.id, ret)))
    # "which cookie is kept for …": only for a retention that one cookie has
    for section in cookies:
        ret = section.cookie["retention"]
        if sum(same(ret, r) for r in retentions) != 1:
            continue
        names = [section.cookie["name"]] + [c.cookie["name"] for c in cookies
                                            if c is not section][:3]
        facts.append(Fact(
            id=f"cookie-by-retention:{section.id}", section_id=section.id, quote=ret,
            answer=section.cookie["name"],
            prompt={"nl": f"Bij welke cookie is de bewaartermijn {ret}?",
                    "en": f"Which cookie has a retention period of {duration_en(ret)}?"},
            choices={"nl": tuple(names), "en": tuple(names)},
            explanation=_explain(faq, section.id, ret)))
    return facts


@dataclass(frozen=True)
class _Spec:
    """A question whose answer is read from one section by an anchored pattern."""

    id: str
    section: str
    pattern: str                      # group "fact" is the answer, verbatim
    prompt: dict[str, str]
    kind: str                         # "duration" | "vocabulary" | "party"


#: Wrong answers for the vocabulary questions, with their English. The right answer
#: must be found in the statement; these are the plausible alternatives.
BASES = {"gerechtvaardigd belang": "legitimate interest",
         "uitvoering van de overeenkomst": "performance of the contract",
         "wettelijke verplichting": "legal obligation",
         "toestemming": "consent"}
FREQUENCIES = {"maandelijks": "monthly", "wekelijks": "weekly", "dagelijks": "daily",
               "eens per kwartaal": "once a quarter"}
#: Other parties the statement names: wrong answers to "where do you complain".
PARTIES = ("Leadinfo B.V.", "Google", "Hotjar", "LinkedIn")

SPECS = (
    _Spec("application-without-consent", "solliciteren-via-de-website",
          r"tot (?P<fact>\d+ \w+) daarna",
          {"nl": "Hoe lang na de sollicitatieprocedure bewaren we de gegevens van een "
                 "sollicitant zonder toestemming?",
           "en": "How long after the application procedure do we keep an applicant's data "
                 "without consent?"}, "duration"),
    _Spec("application-with-consent", "solliciteren-via-de-website",
          r"met toestemming van u bewaren we de gegevens na een sollicitatieprocedure "
          r"voor een periode van (?P<fact>\S+ \w+)",
          {"nl": "Hoe lang mogen we de gegevens van een sollicitant na de procedure "
                 "bewaren als die daar toestemming voor geeft?",
           "en": "How long may we keep an applicant's data after the procedure if the "
                 "applicant consents?"}, "duration"),
    _Spec("complaint-authority", "klachten",
          r"melden aan de (?P<fact>Autoriteit Persoonsgegevens)",
          {"nl": "Waar kunt u, naast Software Borg zelf, een klacht over de verwerking "
                 "van uw persoonsgegevens melden?",
           "en": "Besides Software Borg itself, where can you report a complaint about "
                 "the processing of your personal data?"}, "party"),
    _Spec("basis-contact-form", "contact-en-downloadformulier",
          r"op basis van (?P<fact>uitvoering van de overeenkomst)",
          {"nl": "Op welke grondslag verwerken we de gegevens uit het contact- en "
                 "downloadformulier?",
           "en": "On what legal basis do we process the data from the contact and "
                 "download form?"}, "basis"),
    _Spec("basis-visits", "bezoekgegevens-en-klikgedrag",
          r"op basis van ons (?P<fact>gerechtvaardigd belang)",
          {"nl": "Op welke grondslag verwerken we bezoekgegevens en klikgedrag op de "
                 "website?",
           "en": "On what legal basis do we process visit data and click behaviour on "
                 "the website?"}, "basis"),
    _Spec("basis-screening", "solliciteren-via-de-website",
          r"op basis van ons (?P<fact>gerechtvaardigd belang)",
          {"nl": "Op welke grondslag kan een (online) screening van een sollicitant "
                 "plaatsvinden?",
           "en": "On what legal basis can an (online) screening of an applicant take "
                 "place?"}, "basis"),
    _Spec("newsletter-frequency", "verwerking-via-de-nieuwsbrief",
          r"maximaal (?P<fact>maandelijks)",
          {"nl": "Hoe vaak ontvangt een abonnee de nieuwsbrief hoogstens?",
           "en": "How often at most does a subscriber receive the newsletter?"},
          "frequency"),
)


def _spec_fact(spec: _Spec, statement: Statement, faq: Faq,
               durations: list[str]) -> Fact | None:
    section: Section | None = statement.get(spec.section)
    if section is None:
        return None
    text = squash(section.text)
    m = re.search(spec.pattern, text, re.IGNORECASE)
    if not m:
        return None
    answer = m.group("fact")
    quote = _sentence_with(text, m.start(), m.end())
    if spec.kind == "duration":
        try:
            duration_days(answer)
        except ValueError:
            return None
        wrong = _pick_distractors(answer, durations,
                                  lambda a, b: duration_days(a) == duration_days(b))
        nl = [answer] + wrong
        en = [duration_en(c) for c in nl]
    elif spec.kind == "party":
        everything = squash(" ".join(s.text for s in statement))
        wrong = [p for p in PARTIES if p in everything and p != answer][:3]
        nl = en = [answer] + wrong
    else:
        vocab = BASES if spec.kind == "basis" else FREQUENCIES
        key = answer.lower()
        if key not in vocab:
            return None
        nl = [key] + [v for v in vocab if v != key][:3]
        en = [vocab[v] for v in nl]
    if len(nl) < 3:
        return None
    return Fact(id=spec.id, section_id=section.id, quote=quote, answer=answer,
                prompt=dict(spec.prompt), choices={"nl": tuple(nl), "en": tuple(en)},
                explanation=_explain(faq, section.id, quote))


def _faq_section_facts(statement: Statement, faq: Faq) -> list[Fact]:
    """"Which part of the statement answers …?" for FAQ entries citing a prose section
    (not a cookie row): the answer is the cited section's title."""
    prose = [s for s in statement.substantive() if not s.cookie and s.level > 0]
    facts = []
    for entry in faq.entries:
        section = statement.get(entry.section)
        if section is None or section.cookie or section.level == 0 \
                or not section.contains(entry.quote):
            continue
        # distractors: the prose sections nearest in the document, deterministic
        index = next(i for i, s in enumerate(prose) if s.id == section.id)
        near = sorted((s for s in prose if s.id != section.id),
                      key=lambda s: (abs(prose.index(s) - index), s.line))
        titles = [section.title] + [s.title for s in near[:3]]
        facts.append(Fact(
            id=f"faq-section:{entry.id}", section_id=section.id, quote=entry.quote,
            answer=section.title,
            prompt={lang: text("quiz.section_of", lang, title=entry.title(lang))
                    for lang in LANGS},
            choices={"nl": tuple(titles), "en": tuple(titles)},
            explanation=dict(entry.answer)))
    return facts


def generate_facts(statement: Statement | None = None, faq: Faq | None = None,
                   *, include_faq: bool = True) -> list[Fact]:
    """Every question the statement and FAQ support, correct choice first.

    Fact questions (cookie table, retention periods, legal bases, where to complain,
    newsletter frequency) come first, then — with ``include_faq`` — one
    "which part of the statement answers …" question per FAQ entry.
    """
    statement = statement or load_statement()
    faq = faq or load_faq()
    durations: list[str] = []
    for section in statement:
        for d in durations_in(squash(section.text)):
            if d not in durations:
                durations.append(d)
    facts = _cookie_facts(statement, faq, durations)
    facts += [f for spec in SPECS if (f := _spec_fact(spec, statement, faq, durations))]
    if include_faq:
        facts += _faq_section_facts(statement, faq)
    return facts


def _render(fact: Fact, statement: Statement, lang: str, order: list[int]) -> Question:
    choices = fact.choices[lang]
    section = statement.get(fact.section_id)
    return Question(id=fact.id, lang=lang, prompt=fact.prompt[lang],
                    choices=tuple(choices[i] for i in order), answer=order.index(0),
                    section_id=fact.section_id,
                    section_title=section.title if section else fact.section_id,
                    quote=fact.quote, fact=fact.answer,
                    explanation=fact.explanation.get(lang, ""))


def generate_questions(statement: Statement | None = None, faq: Faq | None = None,
                       lang: str = "nl", *, include_faq: bool = True) -> list[Question]:
    """Every question in ``lang``, unshuffled (the correct choice first)."""
    statement = statement or load_statement()
    return [_render(f, statement, _lang(lang), list(range(len(f.choices["nl"]))))
            for f in generate_facts(statement, faq, include_faq=include_faq)]


def make_quiz(statement: Statement | None = None, faq: Faq | None = None, *,
              lang: str = "nl", seed: int = 0, n: int = 10,
              n_faq: int = 2) -> list[Question]:
    """A quiz of ``n`` questions: fact questions plus ``n_faq`` FAQ questions, picked,
    ordered and with choices shuffled by ``random.Random(seed)``.

    The same ``seed`` gives the same questions in the same order with the correct
    answer in the same place, in either language — so a trainer can repeat a session,
    or run it in Dutch and English side by side.

    Examples
    --------
    >>> quiz = make_quiz(seed=7, n=5)
    >>> len(quiz), quiz[0].lang
    (5, 'nl')
    """
    statement = statement or load_statement()
    lang = _lang(lang)
    all_facts = generate_facts(statement, faq)
    facts = [f for f in all_facts if not f.id.startswith("faq-section:")]
    faq_facts = [f for f in all_facts if f.id.startswith("faq-section:")]
    rnd = random.Random(seed)
    n_faq = min(n_faq, len(faq_facts), max(0, n - 1))
    chosen = rnd.sample(facts, min(len(facts), n - n_faq))
    chosen += rnd.sample(faq_facts, min(n_faq, n - len(chosen)))
    rnd.shuffle(chosen)
    quiz = []
    for fact in chosen:
        order = list(range(len(fact.choices["nl"])))
        rnd.shuffle(order)
        quiz.append(_render(fact, statement, lang, order))
    return quiz


class QuizSession:
    """The state of one quiz: which question, what was answered, the score.

    The first answer to a question counts; answering again shows feedback but does not
    change the score.

    Parameters
    ----------
    questions : list of Question
    """

    def __init__(self, questions: list[Question]):
        self.questions = list(questions)
        self.answers: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self.questions)

    def answer(self, index: int, choice: int) -> Feedback:
        """Answer question ``index`` with choice ``choice``; returns the feedback."""
        question = self.questions[index]
        if not 0 <= choice < len(question.choices):
            raise ValueError(f"choice {choice} out of range")
        self.answers.setdefault(index, choice)
        return question.check(choice)

    @property
    def correct(self) -> int:
        return sum(self.questions[i].answer == c for i, c in self.answers.items())

    @property
    def finished(self) -> bool:
        return len(self.answers) == len(self.questions)

    @property
    def answered(self) -> int:
        return len(self.answers)

    def score_text(self, lang: str = "nl") -> str:
        """The final score: "Uw score: 3 van de 4 goed"."""
        return text("quiz.score", _lang(lang), correct=self.correct,
                    total=len(self.questions))

    def running_text(self, lang: str = "nl") -> str:
        """The score so far, over the questions answered: "Score tot nu toe: 2 van de
        3 goed"."""
        return text("quiz.running", _lang(lang), correct=self.correct,
                    answered=self.answered)

    def relabel(self, questions: list[Question]) -> QuizSession:
        """The same quiz with ``questions`` in another language, keeping the answers
        given so far (and so the score).

        ``questions`` must be the same questions in the same order with the correct
        choice in the same place (what :func:`make_quiz` gives for the same seed in
        another language); otherwise ``ValueError``.
        """
        same = [(q.id, q.answer, len(q.choices)) for q in questions] == \
            [(q.id, q.answer, len(q.choices)) for q in self.questions]
        if not same:
            raise ValueError("not the same quiz: questions differ")
        session = QuizSession(questions)
        session.answers = dict(self.answers)
        return session
