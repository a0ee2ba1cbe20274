"""Answer, suggest or decline: a rule fitted on the development data.

The features of a question's best match (see :func:`features`) go into a logistic
model whose coefficients were fitted by ``bench/fit_decision.py`` on the development
sets only (``tests/eval/questions.yaml``, ``bench/data/``), never on the blind test
set. They are stored here as plain numbers so that answering does not import
scikit-learn. Refit after changing the matcher or the FAQ:

    python bench/fit_decision.py --write
"""

from __future__ import annotations

import math

FEATURES = ("score", "coverage", "margin", "rare", "common", "topics", "on_topic",
            "breadth", "single", "specific", "variant_cover", "unknown")

# -- fitted by bench/fit_decision.py; do not edit by hand ----------------------------
# (current fit: --C 1 --hold-out, i.e. without dev_messages_2.yaml's odd items, which
# were kept to check it)
INTERCEPT = -4.8025
COEFFICIENTS = (2.1791, 2.2468, 0.0603, -0.6925, -0.609, 1.9933, 2.2674, -2.4704, -0.5556, -0.2169, 2.1949, 0.245)
# -- end fitted ----------------------------------------------------------------------

ANSWER_P = 0.5    # answer from this probability of being right
SUGGEST_P = 0.2   # offer the best entries as suggestions from this one


def features(score: float, coverage: float, second: float, stats: dict[str, float],
             on_topic: bool, breadth: float, known_words: int,
             variant_cover: float = 1.0) -> list[float]:
    """The match features, in the order of ``FEATURES``.

    ``score``/``second``: the best and second-best entry scores (0-100); ``coverage``:
    the share of the question's weight the best entry explains; ``stats``: the
    question's known, rare-unknown and common-unknown word weights and topic-word count
    (:meth:`privacy_kb.matching.MatchIndex.analyse`); ``on_topic``: the best entry is
    the right the question names; ``breadth``: the share of entries mentioning every
    topic word; ``known_words``: known words in the question.
    """
    total = (stats.get("known", 0.0) + stats.get("rare", 0.0) + stats.get("common", 0.0)) or 1.0
    return [score / 100.0, min(1.0, coverage), max(0.0, score - second) / 100.0,
            stats.get("rare", 0.0) / total, stats.get("common", 0.0) / total,
            min(stats.get("topics", 0.0), 6.0) / 6.0, float(on_topic), breadth,
            float(known_words <= 1), stats.get("specific", 0.0), variant_cover,
            min(stats.get("unknown", 0.0), 5.0) / 5.0]


def decision_probability(x: list[float]) -> float:
    """The fitted probability (0-1) that the best match is the right answer."""
    z = INTERCEPT + sum(c * v for c, v in zip(COEFFICIENTS, x))
    if z < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))
