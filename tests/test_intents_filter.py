"""The literal-word filter in request detection never hides a match: it only skips
compiling patterns that cannot match (a cold `privacy-desk ask` compiles few)."""

import re

import pytest

from privacy_kb import intents

SAMPLES = [
    "Verwijder al mijn gegevens", "I moved, here is my new address: Kerkstraat 1.",
    "Please stop using my data but don't delete it", "Welke gegevens hebben jullie van mij?",
    "stuur mijn gegevens naar een andere aanbieder", "take me off your mailing list",
    "Ik ben woedend, dit is schandalig", "Welke cookies gebruiken jullie?",
    "hoe lang bewaren jullie mijn cv", "wipe it", "json of csv graag",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_the_filter_agrees_with_the_patterns(text):
    lowered = intents._ascii_lower(text)
    for _kind, pattern in intents._STRONG_TOPICS + intents._TOPIC_PHRASES:
        assert intents._search(pattern, lowered) == (re.search(pattern, lowered) is not None)


def test_every_pattern_has_literal_words_to_filter_on():
    assert all(intents._literals(p) for _k, p in intents._STRONG_TOPICS + intents._TOPIC_PHRASES)
