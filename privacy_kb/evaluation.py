"""Measure answer quality on labelled question sets (used by tests and ``bench/``).

Two schemas are read.

The **entry schema** (``tests/eval/questions.yaml``): a list (or a mapping whose
``questions`` is the list) of::

    - q: "hoelang houden jullie mijn cv"
      lang: nl                       # the language the answer must be in
      expect: [application-retention]  # acceptable FAQ ids; [] = must decline (fallback)
      request_type: null             # what reply.request_type must be; a list accepts any
                                     # of its items (e.g. [null, access] for a question
                                     # about a right)

The **section schema** (``bench/data/dev_messages.yaml`` and the blind test set in
``tests/eval/blind/``), written from the statement alone, without the FAQ::

    - q: "text as typed (may be a multi-line pasted e-mail)"
      lang: nl | en
      kind: question | email | out_of_scope | request
      sections: [section-id, ...]   # any of these cited = right; [] = must be declined
      request_type: null | access | ... | complaint
      facts: ["4 weken", "4 weeks"] # optional: the answer must contain one of these
      # kind: email items have parts: [{sections: [...], facts: [...]}, ...] (one per
      # question, in order) instead of sections/facts

An answer is *right* when it is answered (not a fallback), cites one of the sections and,
when facts are given, its text holds one of them (case-insensitive). *Top-3* counts the
answer's section and the sections of the entries it offers as suggestions. An e-mail is
right when each expected part, in order, is answered rightly by a part of the reply
(``reply.parts``; the reply itself when it has none); extra parts in the reply are not
held against it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

KINDS = ("question", "email", "out_of_scope", "request")
REQUEST_TYPES = ("access", "rectification", "erasure", "restriction", "portability",
                 "objection", "complaint")


# --------------------------------------------------------------------------------------
# The entry schema
# --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    question: str
    lang: str
    expect: tuple[str, ...]
    request_types: tuple[str | None, ...]

    @property
    def in_scope(self) -> bool:
        return bool(self.expect)


@dataclass
class Metrics:
    """Counts and failures per criterion; ``rate(name)`` is the share correct."""

    totals: dict[str, int] = field(default_factory=dict)
    correct: dict[str, int] = field(default_factory=dict)
    failures: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, ok: bool, detail: str) -> None:
        self.totals[name] = self.totals.get(name, 0) + 1
        self.correct[name] = self.correct.get(name, 0) + int(ok)
        if not ok:
            self.failures.setdefault(name, []).append(detail)

    def rate(self, name: str) -> float:
        return self.correct.get(name, 0) / self.totals[name] if self.totals.get(name) else 0.0

    def summary(self) -> str:
        return "\n".join(f"{name:>13}: {self.rate(name):6.1%} "
                         f"({self.correct.get(name, 0)}/{total})"
                         for name, total in self.totals.items())


def load_cases(path: str | Path) -> list[Case]:
    """Read a case file in the entry schema (see the module docstring)."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if isinstance(raw, dict):
        raw = raw["questions"]
    cases = []
    for item in raw:
        rtype = item.get("request_type")
        rtypes = tuple(rtype) if isinstance(rtype, list) else (rtype,)
        cases.append(Case(question=str(item["q"]), lang=item["lang"],
                          expect=tuple(item.get("expect") or ()), request_types=rtypes))
    return cases


def evaluate(ask, cases: list[Case]) -> Metrics:
    """Score ``ask`` (a callable question -> Reply) on ``cases`` (entry schema).

    Criteria: ``entry`` (in-scope questions answered with an acceptable entry),
    ``decline`` (out-of-scope questions get the fallback), ``language`` (the reply is in
    the expected language), ``request_type`` (the detected request is as labelled).
    """
    metrics = Metrics()
    for case in cases:
        reply = ask(case.question)
        shown = f"{case.question!r} -> answered={reply.answered} faq_id={reply.faq_id} " \
                f"score={reply.score} lang={reply.lang} type={reply.request_type}"
        if case.in_scope:
            metrics.add("entry", reply.answered and reply.faq_id in case.expect,
                        f"{shown}; expected {list(case.expect)}")
        else:
            metrics.add("decline", not reply.answered, f"{shown}; expected the fallback")
        metrics.add("language", reply.lang == case.lang, f"{shown}; expected {case.lang}")
        metrics.add("request_type", reply.request_type in case.request_types,
                    f"{shown}; expected {list(case.request_types)}")
    return metrics


# --------------------------------------------------------------------------------------
# The section schema
# --------------------------------------------------------------------------------------

class ItemError(ValueError):
    """An item of a section-schema file is malformed; the message says which and why."""


@dataclass(frozen=True)
class Part:
    sections: tuple[str, ...]
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    """One labelled question or message (section schema)."""

    q: str
    lang: str
    kind: str
    parts: tuple[Part, ...]          # one for a question, one per question of an e-mail
    request_type: str | None = None
    source: str = ""                 # file name, for the record

    @property
    def in_scope(self) -> bool:
        return any(p.sections for p in self.parts)

    @property
    def sections(self) -> tuple[str, ...]:
        return self.parts[0].sections if self.parts else ()

    @property
    def facts(self) -> tuple[str, ...]:
        return self.parts[0].facts if self.parts else ()


def _strings(value, what: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return tuple(str(v) for v in value)
    raise ItemError(f"{where}: '{what}' must be a list of strings")


def parse_items(raw, source: str = "") -> list[Item]:
    """Items from parsed YAML (a list, or a mapping with ``questions``)."""
    if isinstance(raw, dict):
        raw = raw.get("questions", raw.get("items"))
    if not isinstance(raw, list):
        raise ItemError(f"{source or 'items'}: expected a list of items")
    items = []
    for index, entry in enumerate(raw):
        where = f"{source or 'items'} item {index}"
        if not isinstance(entry, dict) or not isinstance(entry.get("q"), str):
            raise ItemError(f"{where}: needs a text 'q'")
        lang = entry.get("lang")
        if lang not in ("nl", "en"):
            raise ItemError(f"{where}: 'lang' must be nl or en")
        kind = entry.get("kind", "question")
        if kind not in KINDS:
            raise ItemError(f"{where}: 'kind' must be one of {', '.join(KINDS)}")
        rtype = entry.get("request_type")
        if rtype is not None and rtype not in REQUEST_TYPES:
            raise ItemError(f"{where}: unknown request_type {rtype!r}")
        if entry.get("parts"):
            parts_raw = entry["parts"]
            if not isinstance(parts_raw, list):
                raise ItemError(f"{where}: 'parts' must be a list")
            parts = tuple(Part(_strings(p.get("sections"), "sections", where),
                               _strings(p.get("facts"), "facts", where))
                          for p in parts_raw if isinstance(p, dict))
        else:
            parts = (Part(_strings(entry.get("sections"), "sections", where),
                          _strings(entry.get("facts"), "facts", where)),)
        items.append(Item(q=entry["q"], lang=lang, kind=kind, parts=parts,
                          request_type=rtype, source=source))
    return items


# Development files whose odd items (1, 3, 5, ... counting from 0) are held out: nobody
# tunes on them or reads their failures; bench/ reports them apart, as a check of what
# was tuned on the even items.
HELD_OUT_FILES = ("dev_messages_2.yaml", "dev_messages_3.yaml")


def tuning_split(path: str | Path, items: list[Item]) -> tuple[list[Item], list[Item]]:
    """(the items one may tune on, the held-out items) of a development file: for the
    files in ``HELD_OUT_FILES`` the even and the odd items, for any other all and none."""
    if Path(path).name in HELD_OUT_FILES:
        return items[0::2], items[1::2]
    return items, []


def load_items(*paths: str | Path) -> list[Item]:
    """Read section-schema files (each a YAML list); a folder means its ``*.yaml``."""
    items: list[Item] = []
    for path in paths:
        path = Path(path)
        files = sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml")) if path.is_dir() \
            else [path]
        for file in files:
            raw = yaml.safe_load(file.read_text(encoding="utf-8"))
            items.extend(parse_items(raw or [], file.name))
    return items


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass
class Report:
    """Rates per measure and group. Measures: ``right`` (section and facts), ``answer``
    (``right`` for questions and requests, not e-mails), ``section``,
    ``facts`` (items with facts), ``top3``, ``declined`` (out of scope),
    ``request_type`` (items that make a request), ``false_request`` (items that make
    none, flagged anyway: lower is better), ``language``. Groups: ``all``, ``nl``,
    ``en``, each kind, and ``typo`` (questions with a word that is no word)."""

    tallies: dict[tuple[str, str], Tally] = field(default_factory=dict)
    failures: list[tuple[int, str, str]] = field(default_factory=list)   # (index, measure, detail)

    def add(self, measure: str, groups: list[str], ok: bool) -> None:
        for group in groups:
            tally = self.tallies.setdefault((measure, group), Tally())
            tally.total += 1
            tally.right += int(ok)

    def rate(self, measure: str, group: str = "all") -> float:
        tally = self.tallies.get((measure, group))
        return tally.rate if tally else 0.0

    def count(self, measure: str, group: str = "all") -> Tally:
        return self.tallies.get((measure, group), Tally())

    def table(self) -> str:
        """Aggregates only: one line per measure, one column per group."""
        groups = ["all", "nl", "en", "question", "typo", "email", "request", "out_of_scope"]
        measures = ["answer", "right", "section", "facts", "top3", "declined", "request_type",
                    "false_request", "language"]
        lines = [f"{'':14}" + "".join(f"{g:>16}" for g in groups)]
        for measure in measures:
            cells = []
            for group in groups:
                tally = self.tallies.get((measure, group))
                cells.append(f"{tally.rate:6.1%} {tally.right:>3}/{tally.total:<4}"
                             if tally and tally.total else "-")
            lines.append(f"{measure:14}" + "".join(f"{c:>16}" for c in cells))
        return "\n".join(lines)


def _has_fact(text: str, facts: tuple[str, ...]) -> bool:
    lowered = text.casefold()
    return not facts or any(f.casefold() in lowered for f in facts)


def _part_ok(reply, part: Part) -> tuple[bool, bool]:
    """(section right, facts right) of one answered reply for one expected part."""
    cited = (reply.source or {}).get("id") if reply.answered else None
    return cited in part.sections, bool(reply.answered) and _has_fact(reply.text, part.facts)


def _offered_sections(reply, section_of_title: dict[str, str]) -> list[str]:
    out = []
    if reply.answered and reply.source:
        out.append(reply.source["id"])
    out += [section_of_title[s] for s in reply.suggestions if s in section_of_title]
    return out[:3]


def _align(replies, parts: tuple[Part, ...]) -> tuple[bool, bool]:
    """Each expected part answered, in order, by a reply part: (sections, sections+facts).

    A part expected out of scope (no sections) must be met by a declined reply part. One
    reply part may answer consecutive expected parts (one answer holding both facts).
    """
    def ok(reply, part: Part, require_facts: bool) -> bool:
        if not part.sections:
            return not reply.answered
        section_ok, facts_ok = _part_ok(reply, part)
        return section_ok and (facts_ok or not require_facts)

    def matches(require_facts: bool) -> bool:
        position = 0
        for part in parts:
            while position < len(replies) and not ok(replies[position], part, require_facts):
                position += 1
            if position == len(replies):
                return False
        return True
    return matches(False), matches(True)


def evaluate_items(ask, items: list[Item], *, section_of_title: dict[str, str] | None = None,
                   is_typo=None) -> Report:
    """Score ``ask`` (message -> Reply) on section-schema ``items``.

    ``section_of_title``: FAQ title -> cited section (for top-3 through suggestions);
    ``is_typo``: callable text -> bool marking questions with misspellings.
    """
    section_of_title = section_of_title or {}
    report = Report()
    for index, item in enumerate(items):
        reply = ask(item.q)
        groups = ["all", item.lang, item.kind]
        if item.kind == "question" and is_typo is not None and is_typo(item.q):
            groups.append("typo")
        shown = (f"answered={reply.answered} cited={(reply.source or {}).get('id')} "
                 f"faq_id={reply.faq_id} type={reply.request_type} parts={len(reply.parts)}")

        def note(measure: str, ok: bool) -> None:
            report.add(measure, groups, ok)
            if not ok:
                report.failures.append((index, measure, shown))

        if item.in_scope:
            if item.kind == "email":
                replies = reply.parts or [reply]
                section_ok, right = _align(replies, item.parts)
                note("section", section_ok)
                note("right", right)
            else:
                replies = reply.parts or [reply]
                section_ok = any(_part_ok(r, item.parts[0])[0] for r in replies)
                facts_ok = any(all(_part_ok(r, item.parts[0])) for r in replies)
                note("section", section_ok)
                note("right", facts_ok)
                note("answer", facts_ok)
                if item.facts:
                    note("facts", any(_part_ok(r, item.parts[0])[1] for r in replies
                                      if _part_ok(r, item.parts[0])[0]))
                offered = [s for r in replies for s in _offered_sections(r, section_of_title)]
                note("top3", any(s in item.sections for s in offered[:3]))
        else:
            note("declined", not reply.answered)
        if item.request_type is not None:
            note("request_type", reply.request_type == item.request_type)
        else:
            # a flag is a failure here: record "not flagged" as the success
            report.add("false_request", groups, reply.request_type is not None)
            if reply.request_type is not None:
                report.failures.append((index, "false_request", shown))
        note("language", reply.lang == item.lang)
    return report


# Bars of issue 10, on the blind set. ``answer``: in-scope questions and requests (not
# e-mails, which have their own bar) answered rightly.
BARS = {
    ("answer", "nl"): 0.95,
    ("answer", "en"): 0.95,
    ("right", "email"): 0.90,
    ("declined", "all"): 0.95,
    ("request_type", "all"): 0.95,
}
FALSE_REQUEST_MAX = 0.02


def bar_failures(report: Report) -> list[str]:
    """Each bar the report misses, as aggregate figures only (no item text)."""
    problems = []
    for (measure, group), bar in BARS.items():
        tally = report.count(measure, group)
        if tally.total == 0 or tally.rate < bar:
            problems.append(f"{measure} [{group}]: {tally.rate:.1%} "
                            f"({tally.right}/{tally.total}), bar {bar:.0%}")
    flags = report.count("false_request", "all")
    if flags.total and flags.rate > FALSE_REQUEST_MAX:
        problems.append(f"false request flags: {flags.rate:.1%} "
                        f"({flags.right}/{flags.total}), at most {FALSE_REQUEST_MAX:.0%}")
    return problems


def looks_misspelt(text: str, index) -> bool:
    """True when ``text`` has a word of four or more letters that is neither a word the
    FAQ knows, nor a stop word, nor a word of Dutch or English (for the "typo" group)."""
    from privacy_kb import lexicon
    from privacy_kb.language import canonical, tokenize

    for token in tokenize(text):
        if len(token) < 4 or not token.isalpha() or canonical(token) is None:
            continue
        if canonical(token) in index.idf or lexicon.zipf(token) > 0:
            continue
        return True
    return False
