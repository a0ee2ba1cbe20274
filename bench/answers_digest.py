"""Digest of every development answer, to prove that a speed change answers the same.

    python bench/answers_digest.py --save /tmp/baseline.json   # before changing anything
    python bench/answers_digest.py --against /tmp/baseline.json

Runs ``ask`` over every development question and message (tests/eval/questions.yaml,
bench/data/dev_messages*.yaml; never the blind set) and prints a digest of the
outcomes plus how many items changed against a saved baseline:

* ``changed``: the (entry id, answered/suggested/declined, request type) of the reply
  or of any of its parts differs;
* ``changed in full``: anything of the reply differs (text, score, confidence,
  suggestions, parts) -- stricter, for changes meant to be pure speed-ups.
"""

from __future__ import annotations

import argparse
import json
import sys
from hashlib import sha256
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from privacy_kb.assistant import load_assistant  # noqa: E402
from privacy_kb.evaluation import load_cases, load_items  # noqa: E402

OLD_DEV = ROOT / "tests" / "eval" / "questions.yaml"
DEVS = sorted((ROOT / "bench" / "data").glob("dev_messages*.yaml"))


def questions() -> list[str]:
    return [c.question for c in load_cases(OLD_DEV)] + [i.q for i in load_items(*DEVS)]


def _status(reply) -> str:
    if reply.answered:
        return "answered"
    return "suggested" if reply.suggestions else "declined"


def outcome(reply) -> list:
    """What counts as the answer: entry, status, request type, and the same per part."""
    return [reply.faq_id, _status(reply), reply.request_type,
            [[p.faq_id, _status(p), p.request_type] for p in reply.parts]]


def run() -> list[dict]:
    bot = load_assistant()
    out = []
    for q in questions():
        reply = bot.ask(q)
        out.append({"q": q, "outcome": outcome(reply),
                    "full": sha256(reply.to_json().encode()).hexdigest()[:16]})
    return out


def digest(records: list[dict], key: str) -> str:
    return sha256(json.dumps([r[key] for r in records]).encode()).hexdigest()[:16]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", type=Path, help="write the answers as a baseline JSON")
    parser.add_argument("--against", type=Path, help="compare with a saved baseline JSON")
    parser.add_argument("--show", action="store_true", help="list the changed items")
    opts = parser.parse_args()
    records = run()
    print(f"{len(records)} items; outcome digest {digest(records, 'outcome')}, "
          f"full digest {digest(records, 'full')}")
    if opts.save:
        opts.save.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"baseline written to {opts.save}")
    if opts.against:
        base = json.loads(opts.against.read_text(encoding="utf-8"))
        if [r["q"] for r in base] != [r["q"] for r in records]:
            print("the questions differ from the baseline's: no comparison")
            return 2
        changed = [(b, r) for b, r in zip(base, records) if b["outcome"] != r["outcome"]]
        full = sum(b["full"] != r["full"] for b, r in zip(base, records))
        print(f"changed: {len(changed)}; changed in full: {full}")
        if opts.show:
            for b, r in changed:
                print(f"- {b['q'][:70]!r}\n    was {b['outcome']}\n    now {r['outcome']}")
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
