"""Long word-list patterns searched only where they can match.

The request patterns of :mod:`privacy_kb.intents` are long alternations,
``\\b(alternative|alternative|...)\\b``, each alternative holding words of its own
("recht op beperking", "(stop|pause) ... (using|processing)"). Compiling such a
pattern costs a cold ``privacy-desk ask`` milliseconds, and trying it on every
sentence costs every answer. So a pattern is split into its alternatives; each is
compiled on first need and tried only on a text that holds one of the words (three
letters or more) written out in it. Which of all those words a text holds is found
in one pass over the text (Aho-Corasick, ``pyahocorasick``), for all patterns at once.

``search(pattern, text)`` is ``re.search(pattern, text) is not None`` for the
patterns written this way: every alternative names a word it cannot match without
(``tests/test_intents_filter.py`` checks this on the patterns' syntax trees).
"""

from __future__ import annotations

import re
from functools import lru_cache

try:
    import ahocorasick
except ImportError:  # pragma: no cover - a dependency; without it: plain substring tests
    ahocorasick = None

_WORD = re.compile(r"[a-z]{3,}")
_ESCAPE = re.compile(r"\\[A-Za-z]")
_BACKREF = re.compile(r"\\[1-9]|\(\?P[=<]")


def literals(pattern: str) -> frozenset[str]:
    """The words of three letters or more written out in ``pattern``."""
    return frozenset(_WORD.findall(_ESCAPE.sub(" ", pattern)))


def split_alternatives(pattern: str) -> list[str]:
    """``\\b(A|B|C)\\b`` as ``[\\b(?:A)\\b, \\b(?:B)\\b, \\b(?:C)\\b]``: a text matches the
    pattern exactly when it matches one of them. Any other pattern is kept whole."""
    if not (pattern.startswith("\\b(") and pattern.endswith(")\\b")) or \
            pattern.startswith("\\b(?") or _BACKREF.search(pattern):
        return [pattern]
    inner = pattern[3:-3]
    pieces, depth, start, i, n = [], 0, 0, 0, len(inner)
    while i < n:
        c = inner[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":   # a character class: to its closing bracket ("[]x]" and "[^]x]" too)
            i += 2 if inner.startswith("[^", i) else 1
            i += 1 if i < n and inner[i] == "]" else 0
            while i < n and inner[i] != "]":
                i += 2 if inner[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:   # the outer group closes before the end: not one group
                return [pattern]
        elif c == "|" and depth == 0:
            pieces.append(inner[start:i])
            start = i + 1
        i += 1
    if depth != 0:
        return [pattern]
    pieces.append(inner[start:])
    return [f"\\b(?:{piece})\\b" for piece in pieces]


class _Registry:
    """Every pattern searched so far, split, and one automaton over all their words."""

    def __init__(self):
        self.parts: dict[str, tuple[tuple[str, frozenset[int]], ...]] = {}
        self.word_ids: dict[str, int] = {}
        self.automaton = None

    def register(self, pattern: str) -> tuple[tuple[str, frozenset[int]], ...]:
        parts = []
        for piece in split_alternatives(pattern):
            ids = frozenset(self.word_ids.setdefault(w, len(self.word_ids))
                            for w in literals(piece))
            parts.append((piece, ids))
        self.parts[pattern] = found = tuple(parts)
        self.automaton = None
        _present.cache_clear()
        return found

    def present(self, text: str) -> frozenset[int]:
        if ahocorasick is None:
            return frozenset(i for w, i in self.word_ids.items() if w in text)
        automaton = self.automaton
        if automaton is None:
            automaton = self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
            for word, i in self.word_ids.items():
                automaton.add_word(word, i)
            automaton.make_automaton()
        return frozenset(i for _end, i in automaton.iter(text)) if self.word_ids else frozenset()


_REGISTRY = _Registry()


@lru_cache(maxsize=256)
def _present(text: str) -> frozenset[int]:
    # the same text is searched with every pattern of a step: its words are found once
    return _REGISTRY.present(text)


@lru_cache(maxsize=2048)
def _compiled(piece: str) -> re.Pattern:
    return re.compile(piece)


def search(pattern: str, text: str) -> bool:
    """``re.search(pattern, text) is not None``, trying only the alternatives of
    ``pattern`` whose words ``text`` holds (see the module docstring)."""
    parts = _REGISTRY.parts.get(pattern) or _REGISTRY.register(pattern)
    present = _present(text)
    for piece, ids in parts:
        if ids and ids.isdisjoint(present):
            continue
        if _compiled(piece).search(text) is not None:
            return True
    return False
