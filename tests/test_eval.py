"""Answer quality on the independent evaluation set (tests/eval/questions.yaml).

The set was written apart from the FAQ's own question variants, as real askers type:
both languages, typos, paraphrases, rights requests and out-of-scope questions. Each
criterion must reach 90%; the figures are printed (pytest -s, or -rA) for the record.
"""

from pathlib import Path

import pytest

from privacy_kb.evaluation import evaluate, load_cases

CASES = load_cases(Path(__file__).parent / "eval" / "questions.yaml")
THRESHOLD = 0.90


@pytest.fixture(scope="module")
def metrics(assistant):
    result = evaluate(assistant.ask, CASES)
    print(f"\nEvaluation set: {len(CASES)} questions\n{result.summary()}")
    return result


def test_the_set_is_large_and_covers_both_languages_requests_and_declines():
    assert len(CASES) >= 200
    assert sum(c.lang == "nl" for c in CASES) >= 80
    assert sum(c.lang == "en" for c in CASES) >= 80
    assert sum(not c.in_scope for c in CASES) >= 20
    assert sum(None not in c.request_types for c in CASES) >= 15


def test_every_expected_entry_exists(assistant):
    ids = {e.id for e in assistant.faq.entries}
    unknown = sorted({i for c in CASES for i in c.expect} - ids)
    assert unknown == []


@pytest.mark.parametrize("criterion", ["entry", "decline", "language", "request_type"])
def test_accuracy_is_at_least_90_percent(metrics, criterion):
    rate = metrics.rate(criterion)
    failures = "\n".join(metrics.failures.get(criterion, []))
    assert rate >= THRESHOLD, f"{criterion}: {rate:.1%}\n{failures}"
