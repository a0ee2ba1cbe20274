"""Long word-list patterns searched only where they can match.

The request patterns of :mod:`privacy_kb.intents` are long alternations,
``\\b(alternative|alternative|...)\\b``, each alternative holding words of its own
("recht op beperking", "(stop|pause) ... (using|processing)"). Compiling such a
pattern costs a cold ``privacy-desk ask`` milliseconds, and trying it on every
sentence costs every answer. So a pattern is split into its alternatives; each is
compiled on first need and tried only on a text that holds one of a set of words it
cannot match without (the rarest-looking such set its text spells out). Which of all
those words a text holds is found in one pass over the text (Aho-Corasick,
``pyahocorasick``), for all patterns of a :class:`PatternSet` at once.

``PatternSet.search(pattern, text)`` is ``re.search(pattern, text) is not None`` for the
patterns written this way: every alternative names a word it cannot match without
(``tests/test_intents_filter.py`` checks this on the patterns' syntax trees).
"""

from __future__ import annotations

import re
from functools import lru_cache

from privacy_kb.language import STOP_EN, STOP_NL

try:
    import ahocorasick
except ImportError:  # pragma: no cover - a dependency; without it: plain substring tests
    ahocorasick = None

_WORD = re.compile(r"[a-z]{3,}")
_FUNCTION_WORDS = STOP_NL | STOP_EN
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
    pieces = _branches(pattern[3:-3])
    if pieces is None:   # the outer group closes before the end: not one group
        return [pattern]
    return [f"\\b(?:{piece})\\b" for piece in pieces]


def _branches(body: str) -> list[str] | None:
    """``body`` cut at its top-level ``|`` (none inside groups or classes); None when
    its parentheses do not balance."""
    pieces, depth, start, i, n = [], 0, 0, 0, len(body)
    while i < n:
        c = body[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":   # a character class: to its closing bracket ("[]x]" and "[^]x]" too)
            i = _class_end(body, i)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                return None
        elif c == "|" and depth == 0:
            pieces.append(body[start:i])
            start = i + 1
        i += 1
    if depth != 0:
        return None
    pieces.append(body[start:])
    return pieces


def _class_end(body: str, i: int) -> int:
    """The index of the ``]`` closing the character class opening at ``i``."""
    n = len(body)
    i += 2 if body.startswith("[^", i) else 1
    i += 1 if i < n and body[i] == "]" else 0
    while i < n and body[i] != "]":
        i += 2 if body[i] == "\\" else 1
    return i


def _group_end(body: str, i: int) -> int:
    """The index of the ``)`` closing the group opening at ``i``."""
    depth, n = 0, len(body)
    while i < n:
        c = body[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(body, i)
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError("unbalanced group")


def _quantifier(body: str, i: int) -> tuple[bool, int]:
    """Whether the quantifier at ``i`` (if any) lets its item be absent, and the index
    after it."""
    if i >= len(body):
        return False, i
    c = body[i]
    if c in "?*":
        return True, i + 1 + (body[i + 1:i + 2] in ("?", "+"))
    if c == "+":
        return False, i + 1 + (body[i + 1:i + 2] in ("?", "+"))
    if c == "{":
        end = body.find("}", i)
        low = body[i + 1:end].split(",")[0].strip()
        return (not low.isdigit() or int(low) == 0), end + 1
    return False, i


def _required_sets(body: str) -> list[frozenset[str]]:
    """Sets of words such that every match of ``body`` holds a word of each set (a
    set per part every match passes through: a run of plain letters, or a group whose
    every alternative has such a set)."""
    found: list[frozenset[str]] = []
    run: list[str] = []

    def close_run():
        words = _WORD.findall("".join(run))
        if words:   # the run's rarest-looking word: no function word, long
            found.append(frozenset([max(words, key=lambda w: (w not in _FUNCTION_WORDS,
                                                              len(w)))]))
        run.clear()

    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c == "(":
            end = _group_end(body, i)
            inner = body[i + 1:end]
            optional, i = _quantifier(body, end + 1)
            close_run()
            if inner.startswith("?") and not inner.startswith("?:"):
                continue   # a look-around, or a group with flags: no words from it
            if optional:
                continue
            inner = inner[2:] if inner.startswith("?:") else inner
            branch_sets = [_best(_required_sets(b)) for b in _branches(inner) or [inner]]
            if all(branch_sets):
                found.append(frozenset().union(*branch_sets))
            continue
        if c == "[" or c == "\\" or c == ".":
            i = _class_end(body, i) + 1 if c == "[" else i + (2 if c == "\\" else 1)
            close_run()
            _optional, i = _quantifier(body, i)
            continue
        if c in "|)^$":
            return []   # not a plain sequence: no claim
        optional, after = _quantifier(body, i + 1)
        if after > i + 1:   # a quantified letter: the run stops before it
            if not optional:
                run.append(c)
            close_run()
            i = after
            continue
        run.append(c)
        i += 1
    close_run()
    return found


def _best(sets: list[frozenset[str]]) -> frozenset[str] | None:
    """The set least likely to occur by chance: no function words ("niet", "the"),
    long words, few of them."""
    if not sets:
        return None
    return max(sets, key=lambda ws: (-len(ws & _FUNCTION_WORDS), min(len(w) for w in ws),
                                     -len(ws)))


def required_words(piece: str) -> frozenset[str]:
    """Words every match of ``piece`` (``\\b(?:...)\\b`` or a whole pattern) holds one
    of, chosen to be rare; all its words when no such set is found."""
    body = piece[5:-3] if piece.startswith("\\b(?:") and piece.endswith(")\\b") else piece
    body = body[2:] if body.startswith("\\b") else body
    try:
        best = _best(_required_sets(body))
    except (ValueError, IndexError):
        best = None
    return best or literals(piece)


def analyse(patterns) -> dict[str, list[tuple[str, frozenset[str]]]]:
    """Each pattern's alternatives with the words to filter them on."""
    return {pattern: [(piece, required_words(piece)) for piece in split_alternatives(pattern)]
            for pattern in dict.fromkeys(patterns)}


class PatternSet:
    """Patterns searched on the same texts, filtered together: one pass over a text
    finds the words of all of them.

    ``patterns``: a callable returning the patterns, called on the first search (so
    that building the set costs an import nothing). Their analysis is cached on disk
    (:mod:`privacy_kb.cache`, as ``name``), keyed by the patterns and this module's
    code. A pattern searched that is not among them is added then.
    """

    def __init__(self, patterns, name: str = "patterns"):
        self._source = patterns
        self._name = name
        self.known: set[str] = set()
        self.word_ids: dict[str, int] = {}
        # word id -> the (pattern, alternative) pairs that hold it
        self.pieces_of: list[list[tuple[str, str]]] = []
        # pattern -> its alternatives with no word to filter on (always tried)
        self.unfiltered: dict[str, list[str]] = {}
        self.automaton = None
        self._candidates = lru_cache(maxsize=256)(self._find)

    def _load(self) -> None:
        patterns = list(self._source())
        self._source = None
        from pathlib import Path

        from privacy_kb.cache import cached, content_key

        try:
            key = content_key(Path(__file__).read_bytes(), *patterns)
        except OSError:   # no source to key on (a zipped install): analyse here
            self._add(analyse(patterns))
            return
        self._add(cached(self._name, key, lambda: analyse(patterns)))

    def _add(self, analysed: dict[str, list[tuple[str, frozenset[str]]]]) -> None:
        for pattern, pieces in analysed.items():
            if pattern in self.known:
                continue
            self.unfiltered[pattern] = []
            for piece, words in pieces:
                if not words:
                    self.unfiltered[pattern].append(piece)
                for word in words:
                    i = self.word_ids.setdefault(word, len(self.word_ids))
                    if i == len(self.pieces_of):
                        self.pieces_of.append([])
                    self.pieces_of[i].append((pattern, piece))
            self.known.add(pattern)
        self.automaton = None
        self._candidates.cache_clear()

    def _find(self, text: str) -> dict[str, list[str]]:
        """Per pattern, the alternatives holding a word that ``text`` holds."""
        if ahocorasick is None:
            present = {i for w, i in self.word_ids.items() if w in text}
        elif not self.word_ids:
            present = set()
        else:
            automaton = self.automaton
            if automaton is None:
                automaton = self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
                for word, i in self.word_ids.items():
                    automaton.add_word(word, i)
                automaton.make_automaton()
            present = {i for _end, i in automaton.iter(text)}
        found: dict[str, list[str]] = {}
        for i in present:
            for pattern, piece in self.pieces_of[i]:
                pieces = found.setdefault(pattern, [])
                if piece not in pieces:
                    pieces.append(piece)
        return found

    def search(self, pattern: str, text: str) -> bool:
        """``re.search(pattern, text) is not None``, trying only the alternatives of
        ``pattern`` whose words ``text`` holds (see the module docstring)."""
        pieces = self._candidates(text).get(pattern)
        always = self.unfiltered.get(pattern)
        if always is None:   # a pattern not analysed yet (the first search of all, too)
            if self._source is not None:
                self._load()
            if pattern not in self.known:
                self._add(analyse([pattern]))
            return self.search(pattern, text)
        if pieces is not None:
            for piece in pieces:
                if _compiled(piece).search(text) is not None:
                    return True
        for piece in always:
            if _compiled(piece).search(text) is not None:
                return True
        return False


@lru_cache(maxsize=2048)
def _compiled(piece: str) -> re.Pattern:
    return re.compile(piece)
