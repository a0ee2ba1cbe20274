"""Measure answer quality on a labelled question set (used by tests and ``bench/``).

A case file is YAML, a list (or a mapping whose ``questions`` is the list) of::

    - q: "hoelang houden jullie mijn cv"
      lang: nl                       # the language the answer must be in
      expect: [application-retention]  # acceptable FAQ ids; [] = must decline (fallback)
      request_type: null             # what reply.request_type must be; a list accepts any
                                     # of its items (e.g. [null, access] for a question
                                     # about a right)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


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
    """Read a case file (see the module docstring)."""
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
    """Score ``ask`` (a callable question -> Reply) on ``cases``.

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
