"""What the desk gets wrong on the development items one may tune on, and a one-line
summary per set (for whoever tunes the desk).

    python bench/dev_failures.py              # failures of the tuned items, then figures
    python bench/dev_failures.py --summary    # figures only

Only items one may tune on are shown: tests/eval/questions.yaml, bench/data/
dev_messages.yaml and the even items of the files in HELD_OUT_FILES. Their odd items
are held out: the summary gives their aggregates, never an item. The blind test set is
never read here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from privacy_kb.assistant import load_assistant  # noqa: E402
from privacy_kb.evaluation import (evaluate, evaluate_items, load_cases, load_items,  # noqa: E402
                                   tuning_split)

OLD_DEV = ROOT / "tests" / "eval" / "questions.yaml"
DEVS = sorted((ROOT / "bench" / "data").glob("dev_messages*.yaml"))
MEASURES = (("answer", "all"), ("answer", "nl"), ("answer", "en"), ("right", "email"),
            ("section", "email"), ("declined", "all"), ("request_type", "all"),
            ("false_request", "all"))


def line(name: str, report) -> str:
    cells = []
    for measure, group in MEASURES:
        tally = report.count(measure, group)
        label = f"{measure}[{group}]" if group != "all" else measure
        cells.append(f"{label} {tally.right}/{tally.total}" if tally.total else f"{label} -")
    return f"{name:28} " + "  ".join(cells)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", action="store_true", help="figures only")
    parser.add_argument("--only", default="", help="failures of the sets whose label holds this")
    opts = parser.parse_args()
    bot = load_assistant()
    titles = {e.title(lang): e.section for e in bot.faq.entries for lang in ("nl", "en")}
    lines = []
    metrics = evaluate(bot.ask, load_cases(OLD_DEV))
    lines.append(f"{'questions.yaml':28} " + "  ".join(
        f"{name} {metrics.correct.get(name, 0)}/{total}"
        for name, total in metrics.totals.items()))
    if not opts.summary and (not opts.only or opts.only in "questions.yaml"):
        for name, failures in metrics.failures.items():
            for failure in failures:
                print(f"[questions.yaml {name}] {failure}")
    for path in DEVS:
        tuned, held = tuning_split(path, load_items(path))
        report = evaluate_items(bot.ask, tuned, section_of_title=titles)
        label = f"{path.stem}{' even' if held else ''}"
        lines.append(line(label, report))
        if not opts.summary and (not opts.only or opts.only in label):
            by_item: dict[int, list[str]] = {}
            for index, measure, detail in report.failures:
                by_item.setdefault(index, []).append(f"{measure}: {detail}")
            for index, found in sorted(by_item.items()):
                item = tuned[index]
                number = index * 2 if held else index
                expected = [list(p.sections) + list(p.facts)[:1] for p in item.parts]
                print(f"[{label} #{number} {item.kind} {item.lang} type={item.request_type}] "
                      f"expected {expected}")
                for line_ in dict.fromkeys(found):
                    print(f"    - {line_}")
                print("    | " + item.q.strip().replace("\n", "\n    | "))
        if held:
            lines.append(line(f"{path.stem} odd (held out)",
                              evaluate_items(bot.ask, held, section_of_title=titles)))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
