"""Drop blind test items that read as a FAQ variant (the guard in tests/test_eval.py).

A blind item whose question (or one of an e-mail's questions) normalises to a FAQ
variant, or lies within rapidfuzz ratio 90 of one, measures recall of the FAQ's own
wording, not of unseen phrasing. When the FAQ gains variants, run this to remove the
blind items they now copy; it rewrites only the blind files and prints how many it
dropped per file (never the items' text, so that FAQ editors do not read them).

    python scripts/prune_blind.py
"""

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import test_eval  # noqa: E402

from privacy_kb import load_assistant  # noqa: E402
from privacy_kb.evaluation import load_items  # noqa: E402


def main() -> int:
    assistant = load_assistant()
    for path in sorted(test_eval.BLIND_DIR.glob("*.yaml")):
        items = load_items(path)
        copies = set(test_eval._near_copies(assistant, items))
        if not copies:
            print(f"{path.name}: 0 dropped, {len(items)} kept")
            continue
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        kept = [item for i, item in enumerate(raw) if i not in copies]
        header = "".join(line for line in path.read_text(encoding="utf-8").splitlines(True)
                         if line.startswith("#"))
        body = yaml.safe_dump(kept, allow_unicode=True, sort_keys=False, width=100)
        path.write_text(header + body, encoding="utf-8")
        print(f"{path.name}: {len(copies)} dropped, {len(kept)} kept")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
