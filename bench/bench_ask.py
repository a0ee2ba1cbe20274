"""Benchmark the answering engine against a plain rapidfuzz baseline, in one run.

    python bench/bench_ask.py            # full run (about a minute)
    python bench/bench_ask.py --quick    # fewer repetitions

Prints, for the shipped FAQ and the evaluation set (tests/eval/questions.yaml):
accuracy of Privacy Desk and of the baseline (rapidfuzz WRatio of the question against
every paragraph of the statement: the best paragraph's section is its "answer"),
ask latency median / p99 for both, latency with a synthetic 10,000-entry FAQ, and
the time of a cold ``privacy-desk ask`` beside a cold ``python -c pass``. Figures are
for this machine at this moment; compare the ratios, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from privacy_kb.assistant import Assistant, load_assistant  # noqa: E402
from privacy_kb.evaluation import evaluate, load_cases  # noqa: E402
from privacy_kb.faq import Faq, FaqEntry, load_faq  # noqa: E402
from privacy_kb.statement import load_statement  # noqa: E402

EVAL = ROOT / "tests" / "eval" / "questions.yaml"
BASELINE_CUTOFF = 60.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def latencies(fn, questions: list[str], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        for q in questions:
            t0 = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - t0) * 1000)
    return out


class Baseline:
    """rapidfuzz WRatio over the statement's paragraphs; section of the best one."""

    def __init__(self):
        statement = load_statement()
        self.paragraphs, self.sections = [], []
        for section in statement:
            for para in section.paragraphs:
                self.paragraphs.append(para)
                self.sections.append(section.id)

    def ask(self, question: str, cutoff: float = BASELINE_CUTOFF):
        best = process.extractOne(question, self.paragraphs, scorer=fuzz.WRatio,
                                  processor=str.lower)
        if best is None or best[1] < cutoff:
            return None
        return self.sections[best[2]]


def baseline_accuracy(baseline: Baseline, cases, faq: Faq,
                      cutoff: float = BASELINE_CUTOFF) -> tuple[float, float]:
    section_of = {e.id: e.section for e in faq.entries}
    in_scope = [c for c in cases if c.in_scope]
    out_scope = [c for c in cases if not c.in_scope]
    hits = sum(baseline.ask(c.question, cutoff) in
               {section_of[i] for i in c.expect if i in section_of} for c in in_scope)
    declines = sum(baseline.ask(c.question, cutoff) is None for c in out_scope)
    return hits / max(1, len(in_scope)), declines / max(1, len(out_scope))


def section_accuracy(bot: Assistant, cases, faq: Faq) -> float:
    """Share of in-scope questions answered from the right section (baseline's measure)."""
    section_of = {e.id: e.section for e in faq.entries}
    in_scope = [c for c in cases if c.in_scope]
    hits = 0
    for c in in_scope:
        reply = bot.ask(c.question)
        hits += reply.answered and reply.source and reply.source["id"] in {
            section_of[i] for i in c.expect if i in section_of}
    return hits / max(1, len(in_scope))


def synthetic_faq(n_entries: int, seed: int = 7) -> Faq:
    """A FAQ of ``n_entries`` built from the real one's words and made-up ones."""
    rng = random.Random(seed)
    real = load_faq()
    words = sorted({w for e in real.entries for lang in e.questions
                    for v in e.questions[lang] for w in v.lower().split() if w.isalpha()})
    words += ["".join(rng.choice("abcdefghijklmnoprstuvwz") for _ in range(rng.randint(4, 11)))
              for _ in range(20_000)]
    template = real.entries[0]
    entries = []
    for i in range(n_entries):
        variants = {lang: tuple(" ".join(rng.choice(words) for _ in range(rng.randint(3, 9)))
                                for _ in range(6)) for lang in ("nl", "en")}
        entries.append(FaqEntry(id=f"synthetic-{i}", section=template.section,
                                quote=template.quote, questions=variants,
                                answer=template.answer))
    return Faq(entries=tuple(entries), contact=real.contact, fallback=real.fallback)


def cold_start(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    opts = parser.parse_args()
    rounds = 2 if opts.quick else 10

    faq = load_faq()
    bot = load_assistant()
    baseline = Baseline()
    cases = load_cases(EVAL)
    questions = [c.question for c in cases]
    print(f"Evaluation set: {len(cases)} questions "
          f"({sum(c.in_scope for c in cases)} in scope); FAQ: {len(faq.entries)} entries")

    metrics = evaluate(bot.ask, cases)
    base_hit, base_decline = baseline_accuracy(baseline, cases, faq)
    base_top, _ = baseline_accuracy(baseline, cases, faq, cutoff=0.0)
    print("\nAccuracy                      Privacy Desk   baseline (WRatio/paragraphs)")
    print(f"  right section (in scope)    {section_accuracy(bot, cases, faq):12.1%}   "
          f"{base_hit:8.1%} (cutoff {BASELINE_CUTOFF:.0f}); {base_top:.1%} with no cutoff")
    print(f"  right entry (in scope)      {metrics.rate('entry'):12.1%}   {'n/a':>8}")
    print(f"  declines out of scope       {metrics.rate('decline'):12.1%}   "
          f"{base_decline:8.1%}")
    print(f"  language                    {metrics.rate('language'):12.1%}   {'n/a':>8}")
    print(f"  request type                {metrics.rate('request_type'):12.1%}   {'n/a':>8}")

    ours = latencies(bot.ask, questions, rounds)
    theirs = latencies(baseline.ask, questions, rounds)
    print("\nLatency per question (ms)     median      p99")
    print(f"  Privacy Desk                {statistics.median(ours):7.3f}  "
          f"{percentile(ours, 99):7.3f}")
    print(f"  baseline                    {statistics.median(theirs):7.3f}  "
          f"{percentile(theirs, 99):7.3f}")
    print(f"  ratio (ours / baseline)     {statistics.median(ours) / statistics.median(theirs):7.2f}  "
          f"{percentile(ours, 99) / percentile(theirs, 99):7.2f}")

    t0 = time.perf_counter()
    big = Assistant(synthetic_faq(10_000), load_statement())
    built = time.perf_counter() - t0
    big_lat = latencies(big.ask, questions, max(1, rounds // 2))
    print(f"\nSynthetic FAQ, 10,000 entries (index built in {built:.1f} s)")
    print(f"  median {statistics.median(big_lat):.2f} ms, p99 {percentile(big_lat, 99):.2f} ms "
          f"({statistics.median(big_lat) / statistics.median(ours):.1f}x the shipped FAQ's median)")

    runs = 3 if opts.quick else 7
    python = cold_start([sys.executable, "-c", "pass"], runs)
    cold = cold_start([sys.executable, "-m", "privacy_kb", "ask", "Welke cookies gebruiken jullie?"],
                      runs)
    print(f"\nCold start (median of {runs})")
    print(f"  python -c pass              {python:.3f} s")
    print(f"  privacy-desk ask            {cold:.3f} s ({cold / python:.1f}x python's own start)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
