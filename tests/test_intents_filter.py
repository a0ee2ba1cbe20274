"""The word filter in request detection never hides a match: it only skips compiling
and trying alternatives that cannot match (a cold `privacy-desk ask` compiles few)."""

import re
from pathlib import Path

import pytest
import yaml
from regex_words import needs_a_word

from privacy_kb import intents, prefilter

ROOT = Path(__file__).resolve().parent.parent
PATTERNS = [p for _k, p in intents._STRONG_TOPICS + intents._TOPIC_PHRASES] + [intents._ANGRY]
SAMPLES = [
    "Verwijder al mijn gegevens", "I moved, here is my new address: Kerkstraat 1.",
    "Please stop using my data but don't delete it", "Welke gegevens hebben jullie van mij?",
    "stuur mijn gegevens naar een andere aanbieder", "take me off your mailing list",
    "Ik ben woedend, dit is schandalig", "Welke cookies gebruiken jullie?",
    "hoe lang bewaren jullie mijn cv", "wipe it", "json of csv graag",
]


def _development_texts() -> list[str]:
    """Every development question and message (never the blind set), and their lines."""
    texts = []
    for path in [ROOT / "tests" / "eval" / "questions.yaml",
                 *sorted((ROOT / "bench" / "data").glob("dev_messages*.yaml"))]:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            texts.append(item["q"])
            texts.extend(line for line in item["q"].splitlines() if line.strip())
    return texts


@pytest.mark.parametrize("text", SAMPLES)
def test_the_filter_agrees_with_the_patterns(text):
    lowered = intents._ascii_lower(text)
    for pattern in PATTERNS:
        assert intents._search(pattern, lowered) == (re.search(pattern, lowered) is not None)


def test_the_filter_agrees_with_the_patterns_on_every_development_text():
    compiled = [re.compile(p) for p in PATTERNS]
    for text in _development_texts():
        lowered = intents._ascii_lower(text)
        for pattern, whole in zip(PATTERNS, compiled):
            assert intents._search(pattern, lowered) == (whole.search(lowered) is not None), \
                (pattern[:60], text[:80])


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p[:30])
def test_every_alternative_needs_one_of_its_words(pattern):
    """Why the filter is safe: no text can match an alternative without holding one of
    the words the filter looks for."""
    pieces = prefilter.split_alternatives(pattern)
    for piece in pieces:
        words = prefilter.required_words(piece)
        assert words, piece
        assert needs_a_word(piece, words), piece


def test_a_word_list_pattern_splits_into_its_alternatives():
    assert prefilter.split_alternatives(r"\b(a[)|]b|c(d|e)|f\|g)\b") == \
        [r"\b(?:a[)|]b)\b", r"\b(?:c(d|e))\b", r"\b(?:f\|g)\b"]
    # not one group around it all: kept whole
    assert prefilter.split_alternatives(r"\b(a|b) (c|d)\b") == [r"\b(a|b) (c|d)\b"]
    assert len(prefilter.split_alternatives(intents._ANGRY)) > 30


@pytest.mark.parametrize("piece, words", [
    (r"\b(?:recht op beperking)\b", {"beperking"}),
    # an optional part names nothing a match must hold; a quantified letter ends a run
    (r"\b(?:(stop|halt) (\w+ )?(using|processing))\b", {"using", "processing"}),
    (r"\b(?:colou?r chart)\b", {"chart"}),
    # a look-ahead holds no word of the match
    (r"\b(?:right (?=(?:address|person)\b))\b", {"right"}),
    # the alternative with no word of three letters makes the group useless
    (r"\b(?:(ik wil|i am) klagen)\b", {"klagen"}),
])
def test_the_words_to_filter_on_are_ones_no_match_can_lack(piece, words):
    assert prefilter.required_words(piece) == words
    assert needs_a_word(piece, words)


def test_a_pattern_set_caches_its_analysis_and_takes_patterns_it_was_not_given(
        tmp_path, monkeypatch):
    monkeypatch.setenv("PRIVACY_DESK_CACHE", str(tmp_path))
    declared = r"\b(alpha|beta gamma|x?delta)\b"
    patterns = prefilter.PatternSet(lambda: [declared], name="test-patterns")
    assert patterns.search(declared, "say beta gamma now")
    assert not patterns.search(declared, "beta alone")
    assert patterns.search(declared, "xdelta")
    assert patterns.search(r"\b(epsilon)\b", "an epsilon")   # not declared: added
    assert not patterns.search(r"\b(epsilon)\b", "nothing")
    assert len(list(tmp_path.glob("test-patterns-*.pickle"))) == 1
    # a second set of the same patterns reads the analysis instead of redoing it
    monkeypatch.setattr(prefilter, "analyse", lambda _patterns: pytest.fail("analysed again"))
    again = prefilter.PatternSet(lambda: [declared], name="test-patterns")
    assert again.search(declared, "alpha")
