"""Benchmark answering: quality on the development and blind sets, speed against bm25s.

    python bench/bench_ask.py            # full run
    python bench/bench_ask.py --quick    # fewer repetitions
    python bench/bench_ask.py --no-blind # without the blind set (when tuning)

Quality (aggregates only for the blind set, tests/eval/blind/*.yaml, which nobody tuning
the desk reads): right answer (section and facts), top-3, declines, request types and
false request flags, per language and per kind (question, typo, e-mail, request, out
of scope), for

* the development messages, bench/data/dev_messages*.yaml (what the rule was fitted on;
  of dev_messages_2 and _3 the even items, their odd items apart: held out),
* the old development set, tests/eval/questions.yaml (right FAQ entry),
* the blind test set, when present.

Speed, side by side in the same run: the median and p99 ``ask`` over the development
questions against ``bm25s`` (BM25 over the statement's paragraphs, tokenising each
question as it comes); and a cold ``privacy-desk ask`` against
``python -c "import rapidfuzz, yaml"``. Compare the ratios, not the absolute times.
``bm25s`` is a benchmark dependency only (``pip install bm25s``).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from privacy_kb.assistant import load_assistant  # noqa: E402
from privacy_kb.evaluation import (bar_failures, evaluate, evaluate_items, load_cases,  # noqa: E402
                                   load_items, looks_misspelt, tuning_split)
from privacy_kb.statement import load_statement  # noqa: E402

OLD_DEV = ROOT / "tests" / "eval" / "questions.yaml"
DEVS = sorted((ROOT / "bench" / "data").glob("dev_messages*.yaml"))
BLIND = ROOT / "tests" / "eval" / "blind"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def _forget_texts() -> None:
    """Clear the per-text caches, so that a repeated round measures answering, not
    remembering (per-word caches stay: words recur in real use)."""
    from privacy_kb import intents, language

    for fn in (language._tokenize, language._normalise_tokens, intents.topic_of,
               intents._detect):
        fn.cache_clear()
    # which request-pattern alternatives a text can match (privacy_kb.prefilter)
    intents._FILTERED._candidates.cache_clear()


def latencies(fn, questions: list[str], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        _forget_texts()
        for q in questions:
            t0 = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - t0) * 1e6)
    return out


class Bm25Baseline:
    """bm25s over the statement's paragraphs: the best paragraph's section."""

    def __init__(self):
        import bm25s

        self.bm25s = bm25s
        self.paragraphs, self.sections = [], []
        for section in load_statement():
            for para in section.paragraphs or [section.title]:
                self.paragraphs.append(para)
                self.sections.append(section.id)
        self.retriever = bm25s.BM25()
        self.retriever.index(bm25s.tokenize(self.paragraphs, show_progress=False),
                             show_progress=False)

    def ask(self, question: str):
        tokens = self.bm25s.tokenize([question], show_progress=False)
        if not tokens.vocab:
            return None
        docs, _scores = self.retriever.retrieve(tokens, k=1, show_progress=False)
        return self.sections[int(docs[0][0])]


def cold_start(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def quality(bot, blind: bool = True) -> None:
    titles = {e.title(lang): e.section for e in bot.faq.entries for lang in ("nl", "en")}

    def is_typo(text):
        return looks_misspelt(text, bot.index)

    old = load_cases(OLD_DEV)
    metrics = evaluate(bot.ask, old)
    print(f"Old development set ({OLD_DEV.relative_to(ROOT)}, {len(old)} questions):")
    print(metrics.summary())

    for path in DEVS:
        dev = load_items(path)
        tuned, held = tuning_split(path, dev)
        report = evaluate_items(bot.ask, tuned, section_of_title=titles, is_typo=is_typo)
        part = f"even items, tuned on: {len(tuned)}" if held else f"{len(dev)} items"
        print(f"\nDevelopment messages ({path.relative_to(ROOT)}, {part}):")
        print(report.table())
        if held:
            report = evaluate_items(bot.ask, held, section_of_title=titles, is_typo=is_typo)
            print(f"\nDevelopment messages ({path.relative_to(ROOT)}, odd items, held out: "
                  f"{len(held)}; aggregates only):")
            print(report.table())

    if not blind:
        print("\nBlind test set: not measured (--no-blind)")
        return
    blind = load_items(BLIND) if BLIND.is_dir() else []
    if not blind:
        print(f"\nBlind test set: none in {BLIND.relative_to(ROOT)}")
        return
    report = evaluate_items(bot.ask, blind, section_of_title=titles, is_typo=is_typo)
    print(f"\nBlind test set ({BLIND.relative_to(ROOT)}, {len(blind)} items; aggregates only):")
    print(report.table())
    missed = bar_failures(report)
    print("Bars of issue 10: " + ("all met" if not missed else "missed: " + "; ".join(missed)))


def speed(bot, rounds: int, runs: int) -> None:
    questions = [c.question for c in load_cases(OLD_DEV)]
    questions += [item.q for item in load_items(*DEVS) if item.kind != "email"]
    try:
        baseline = Bm25Baseline()
    except ImportError:
        print("\nbm25s is not installed (pip install bm25s): no speed comparison")
        return
    for q in questions[:20]:   # warm both up
        bot.ask(q)
        baseline.ask(q)
    ours = latencies(bot.ask, questions, rounds)
    theirs = latencies(baseline.ask, questions, rounds)
    print(f"\nLatency per question over {len(questions)} questions x {rounds} (microseconds)")
    print(f"{'':32}{'median':>10}{'p99':>10}")
    print(f"{'privacy-desk ask':32}{statistics.median(ours):10.0f}{percentile(ours, 99):10.0f}")
    print(f"{'bm25s (statement paragraphs)':32}{statistics.median(theirs):10.0f}"
          f"{percentile(theirs, 99):10.0f}")
    ratio = statistics.median(ours) / statistics.median(theirs)
    print(f"{'ratio (goal <= 2.0)':32}{ratio:10.2f}"
          f"{percentile(ours, 99) / percentile(theirs, 99):10.2f}")

    # An installed package has its bytecode compiled (pip does it), as the baseline's
    # modules have; a tree run with PYTHONDONTWRITEBYTECODE would compile on every run.
    import compileall

    compileall.compile_dir(ROOT / "privacy_kb", quiet=2)
    floor = cold_start([sys.executable, "-c", "import rapidfuzz, yaml"], runs)
    cold = cold_start([sys.executable, "-m", "privacy_kb", "ask",
                       "Welke cookies gebruiken jullie?"], runs)
    print(f"\nCold start (median of {runs}; the index cache is warm after the first run)")
    print(f"  python -c 'import rapidfuzz, yaml'   {floor:.3f} s")
    print(f"  privacy-desk ask                    {cold:.3f} s  "
          f"(ratio {cold / floor:.2f}, goal <= 1.5)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--speed-only", action="store_true", help="skip the quality report")
    parser.add_argument("--no-blind", action="store_true",
                        help="leave the blind test set out (for whoever tunes the desk)")
    opts = parser.parse_args()
    bot = load_assistant()
    if not opts.speed_only:
        quality(bot, blind=not opts.no_blind)
    speed(bot, rounds=2 if opts.quick else 5, runs=5 if opts.quick else 11)
    return 0


if __name__ == "__main__":
    sys.exit(main())
