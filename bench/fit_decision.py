"""Fit the answer / decline rule (privacy_kb/decision.py) on the development data only.

    python bench/fit_decision.py            # print the fit and its training figures
    python bench/fit_decision.py --write    # also store the coefficients in decision.py
    python bench/fit_decision.py --cv 5     # choose the regularisation by 5-fold CV
    python bench/fit_decision.py --hold-out # leave the odd items of dev_messages_2 and _3
                                            # out, to check the rule on them afterwards

Samples: every development question (tests/eval/questions.yaml; bench/data/
dev_messages*.yaml, each e-mail question with its expected part; bench/data/
dev_out_of_scope.txt), matched as the assistant matches it (alone, and with its
context). Label: the best candidate is right (its entry is expected, or its section
is one of the expected ones and its answer holds an expected fact). The blind test set
is never read here. scikit-learn is needed for fitting only, not for answering.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from privacy_kb import decision  # noqa: E402
from privacy_kb.assistant import load_assistant  # noqa: E402
from privacy_kb.evaluation import load_cases, load_items, tuning_split  # noqa: E402
from privacy_kb.message import read_message  # noqa: E402

DEV_ENTRY = ROOT / "tests" / "eval" / "questions.yaml"
DEV_ITEMS = sorted((ROOT / "bench" / "data").glob("dev_messages*.yaml"))
DEV_OUT = ROOT / "bench" / "data" / "dev_out_of_scope.txt"


def _vector(bot, match):
    c = match.candidates
    stats = match.stats
    second = c[1].score if len(c) > 1 else 0.0
    return decision.features(c[0].score, c[0].coverage, second, stats, match.on_topic,
                             match.breadth, match.known_words, c[0].variant_cover)


def samples(bot, hold_out: bool = False):
    X, y = [], []

    def add(text, lang, ok, context=""):
        match = bot._match(text, lang, context)
        if not match.candidates:
            return
        X.append(_vector(bot, match))
        y.append(int(ok(bot.faq.entries[match.candidates[0].entry])))

    for case in load_cases(DEV_ENTRY):
        add(case.question, case.lang, lambda e, c=case: e.id in c.expect)
    items = []
    for path in DEV_ITEMS:
        loaded = load_items(path)
        if hold_out:
            loaded = tuning_split(path, loaded)[0]   # the odd items stay unseen: the check
        items += loaded
    for item in items:
        read = read_message(item.q, is_request=bot._is_request_sentence)
        questions = read.questions or []
        if item.kind == "email" and len(questions) == len(item.parts):
            pairs = list(zip(questions, item.parts))
        elif item.kind != "email" and questions:
            pairs = [(q, item.parts[0]) for q in questions]
        else:
            continue
        for question, part in pairs:
            def ok(entry, part=part):
                facts = not part.facts or any(f.casefold() in entry.answer[item.lang].casefold()
                                              for f in part.facts)
                return entry.section in part.sections and facts
            add(question.text, item.lang, ok)
            if question.context:
                add(question.text, item.lang, ok, question.context)
    for line in DEV_OUT.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lang = "en" if re.search(r"\b(the|you|your|is|do|what|how)\b", line.lower()) else "nl"
            add(line.strip(), lang, lambda e: False)
    return X, y


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the fit in decision.py")
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation")
    parser.add_argument("--balanced", action="store_true",
                        help="weigh right and wrong matches equally")
    parser.add_argument("--cv", type=int, default=0,
                        help="choose C (and balancing) by K-fold cross-validation")
    parser.add_argument("--hold-out", action="store_true",
                        help="fit without the odd items of dev_messages_2 and _3")
    opts = parser.parse_args()
    from sklearn.linear_model import LogisticRegression

    bot = load_assistant()
    X, y = samples(bot, hold_out=opts.hold_out)
    if opts.cv:
        from sklearn.model_selection import StratifiedKFold, cross_val_score

        folds = StratifiedKFold(n_splits=opts.cv, shuffle=True, random_state=0)
        results = []
        for balanced in (False, True):
            for c in (0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0):
                m = LogisticRegression(C=c, max_iter=2000,
                                       class_weight="balanced" if balanced else None)
                loss = -cross_val_score(m, X, y, cv=folds, scoring="neg_log_loss").mean()
                acc = cross_val_score(m, X, y, cv=folds, scoring="accuracy").mean()
                results.append((loss, c, balanced, acc))
                print(f"  C={c:<6} balanced={balanced!s:5}  log loss {loss:.4f}  "
                      f"accuracy {acc:.1%}")
        loss, opts.C, opts.balanced, acc = min(results)
        print(f"chosen by {opts.cv}-fold CV: C={opts.C} balanced={opts.balanced} "
              f"(log loss {loss:.4f}, accuracy {acc:.1%})")
    model = LogisticRegression(C=opts.C, max_iter=2000,
                               class_weight="balanced" if opts.balanced else None).fit(X, y)
    predicted = model.predict(X)
    accuracy = sum(int(p == t) for p, t in zip(predicted, y)) / len(y)
    print(f"{len(y)} samples, {sum(y)} right; training accuracy {accuracy:.1%}")
    coefs = tuple(round(float(c), 4) for c in model.coef_[0])
    intercept = round(float(model.intercept_[0]), 4)
    for name, c in zip(decision.FEATURES, coefs):
        print(f"  {name:10} {c:+.3f}")
    print(f"  intercept  {intercept:+.3f}")
    if opts.write:
        path = ROOT / "privacy_kb" / "decision.py"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"INTERCEPT = .*", f"INTERCEPT = {intercept}", text)
        text = re.sub(r"COEFFICIENTS = \(.*\)", f"COEFFICIENTS = {coefs}", text)
        path.write_text(text, encoding="utf-8")
        print(f"written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
