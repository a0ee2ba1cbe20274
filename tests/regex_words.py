"""Test helper: does every match of a regular expression spell out one of some words?

The answering code skips searching (and compiling) a pattern on a text that holds none
of the words the pattern cannot match without; this checks such word lists on the
pattern's syntax tree, so that the skipping can never hide a match.
"""

from re import _constants as sre_c
from re import _parser as sre_parse


def needs_a_word(pattern: str, words) -> bool:
    """Every match of ``pattern`` holds one of ``words`` (as a substring)."""
    return _needs_a_word(sre_parse.parse(pattern), tuple(words))


def _needs_a_word(items, words, before: str = "") -> bool:
    # One of the parts every match passes through spells out one of the words.
    # ``before``: the literal characters just before ``items`` (the parser moves a
    # prefix common to all alternatives out in front: "no more|no longer" is
    # "no" then " more|longer").
    run: list[str] = list(before)   # consecutive literal characters

    def run_holds() -> bool:
        spelt = "".join(run)
        return any(w in spelt for w in words)

    for op, av in items:
        if op is sre_c.LITERAL:
            run.append(chr(av))
            continue
        if run_holds():
            return True
        spelt, run = "".join(run), []
        if op is sre_c.SUBPATTERN and _needs_a_word(av[-1], words, spelt):
            return True
        if op is sre_c.BRANCH and all(_needs_a_word(b, words, spelt) for b in av[1]):
            return True
        if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) and av[0] >= 1 and \
                _needs_a_word(av[2], words):
            return True
    return run_holds()
