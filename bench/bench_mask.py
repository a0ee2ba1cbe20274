"""Benchmark masking (issue 12) against answering the same message, in one run.

    python bench/bench_mask.py            # 5 rounds over the corpus and 300 FAQ questions
    python bench/bench_mask.py --quick    # 1 round

Measures per message, on the same machine in the same run:

* ``mask``: everything the gap log does before writing (fast detectors + deduce names);
* ``mask_fast``: the fast detectors only;
* ``ask``: the assistant answering the message (the chat's own work: the baseline).

Messages: tests/fixtures/personal_data_corpus.yaml (57 messages with personal data)
and the first 300 question variants of the FAQ. Also reports how long the name tables
take to load in this process (they are built beforehand: ``python -m privacy_kb.masking``)
and the process's peak memory. Absolute figures depend on the machine; compare ratios.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from privacy_kb import load_assistant  # noqa: E402
from privacy_kb.faq import load_faq  # noqa: E402
from privacy_kb.masking import mask, mask_fast, name_detector  # noqa: E402


def per_message_ms(fn, messages, rounds):
    times = []
    for _ in range(rounds):
        for message in messages:
            start = time.perf_counter()
            fn(message)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    rounds = 1 if args.quick else 5
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    if not name_detector().wait(600):
        print("name tables unavailable:", name_detector().failed)
        return 1
    load_s = time.perf_counter() - start
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    corpus = [item["text"] for item in yaml.safe_load(
        (ROOT / "tests" / "fixtures" / "personal_data_corpus.yaml").read_text("utf-8"))]
    faq = [q for e in load_faq().entries for q in e.questions.get("nl", ())][:300]
    messages = corpus + faq
    bot = load_assistant()
    mask(messages[0])
    bot.ask(messages[0])                                      # warm both up
    print(f"name tables loaded in {load_s:.2f} s; peak memory {rss_before:.0f} MB before, "
          f"{rss_after:.0f} MB after")
    print(f"{len(messages)} messages x {rounds} rounds")
    results = {name: per_message_ms(fn, messages, rounds)
               for name, fn in (("ask (baseline)", bot.ask), ("mask", mask),
                                ("mask_fast", mask_fast))}
    base = results["ask (baseline)"][0]
    for name, (median, p95) in results.items():
        print(f"{name:16} median {median:6.2f} ms  p95 {p95:6.2f} ms  "
              f"ratio to ask {median / base:4.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
