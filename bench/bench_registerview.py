"""Benchmark of the Register tab's filter change at 1,000, 20,000 and 100,000 requests.

For each size, on a fresh SQLite register filled with a direct bulk insert of valid
rows (every status, type and deadline situation; due dates from the register's own
``deadlines.due_dates``):

* **query**: :func:`privacy_kb.register.query.fetch_page` — the one SQL statement that
  filters, searches, sorts, pages and counts;
* **view**: a filter change on the real ``RegisterView`` (no kernel): the model's
  trait is set, the view queries, builds the table's rows and updates its widgets —
  what a person waits for after choosing a filter;
* **baseline**: plain pandas on the same file, the same rows: ``read_sql`` of the
  columns the table shows, then the same filter, sort and first page in pandas.

Each figure is the median of several filter changes (status, type, overdue, due soon,
a search, a sort) with a warm cache, and "view max" the slowest of them; the ratio is
view / baseline (medians). The goal of issue 15 is a view filter change under 200 ms
at 20,000 requests: the slowest change is held to it.

Run: ``python bench/bench_registerview.py`` (about a minute) or ``--quick``
(1,000 and 20,000 only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd
import sqlalchemy as sa

from privacy_kb import open_register
from privacy_kb.clock import AMSTERDAM
from privacy_kb.register import query as rq
from privacy_kb.register.deadlines import due_dates
from privacy_kb.register.schema import requests as T_REQ
from privacy_kb.vocabulary import OPEN_STATUSES, REQUEST_TYPES, STATUSES

TODAY = dt.date(2026, 11, 24)
NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=AMSTERDAM)
REPEAT = 3

#: The filter changes timed, as (model trait, value) steps applied in order.
CHANGES = (("status", "open"), ("request_type", "erasure"), ("deadline", "overdue"),
           ("deadline", "due_soon"), ("request_type", "all"), ("search", "12 jansen"),
           ("search", ""), ("sort", "name"), ("status", "all"), ("deadline", "all"),
           ("sort", "urgency"))


def rows(n: int) -> list[dict]:
    """``n`` valid request rows: received over the last 400 days, every status."""
    out = []
    for i in range(n):
        received = TODAY - dt.timedelta(days=i % 400)
        nominal, due = due_dates(received)
        status = STATUSES[i % len(STATUSES)]
        decided = status in ("answered", "closed")
        at = dt.datetime.combine(received, dt.time(9), AMSTERDAM)
        out.append({
            "id": f"VZ-{received.year}-{i + 1:06d}", "request_type": REQUEST_TYPES[i % 7],
            "direct_marketing": False, "name": f"Aanvrager {i} {'Jansen' if i % 5 else 'de Vries'}",
            "email": f"aanvrager{i}@example.nl", "phone": "+31505350143" if i % 3 == 0 else None,
            "organisation": None, "on_behalf_of": None, "authority_checked": False,
            "channel": "email", "received": received, "received_at": at,
            "description": "Ik wil graag weten welke gegevens u van mij verwerkt.",
            "status": status, "due_nominal": nominal, "due": due, "acknowledged_on": None,
            "extended": False, "extension_reason": None, "extension_justification": None,
            "extended_on": None, "extension_told_on": None, "identity_verified": None,
            "identity_method": None, "identity_checked_on": None, "identity_note": None,
            "info_requested_on": None, "info_received_on": None,
            "decision": "granted" if decided else None, "decision_ground": None,
            "decision_reasons": None, "told_about_complaint": None,
            "decided_on": received if decided else None, "handler": None,
            "answered_at": at if decided else None,
            "closed_at": at if status in ("closed", "withdrawn") else None,
            "anonymised": False, "created_at": at, "updated_at": at, "version": 1})
    return out


def fill(path: str, n: int):
    reg = open_register(path, clock=lambda: NOW, by="bench")
    with reg.engine.begin() as conn:
        data = rows(n)
        for start in range(0, n, 5000):
            conn.execute(sa.insert(T_REQ), data[start:start + 5000])
    rq.ensure_indexes(reg.engine)
    with reg.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    return reg


def baseline_change(engine, state: dict) -> list[str]:
    """The same filter change, the plain pandas way: read the rows, filter, sort, page."""
    df = pd.read_sql("SELECT id, request_type, status, received, due, due_nominal, name,"
                     " email, phone FROM requests", engine)
    due = pd.to_datetime(df["due"])
    nominal = pd.to_datetime(df["due_nominal"])
    today = pd.Timestamp(TODAY)
    is_open = df["status"].isin(OPEN_STATUSES)
    keep = pd.Series(True, index=df.index)
    if state["status"] == "open":
        keep &= is_open
    elif state["status"] != "all":
        keep &= df["status"] == state["status"]
    if state["request_type"] != "all":
        keep &= df["request_type"] == state["request_type"]
    if state["deadline"] == "overdue":
        keep &= is_open & (due < today)
    elif state["deadline"] == "due_soon":
        keep &= is_open & (due >= today) & (nominal <= today + pd.Timedelta(days=7))
    if state["search"]:
        s = state["search"].lower()
        keep &= (df["id"].str.lower().str.contains(s, regex=False)
                 | df["name"].str.lower().str.contains(s, regex=False)
                 | df["email"].str.lower().str.contains(s, regex=False))
    out = df[keep]
    if state["sort"] == "name":
        out = out.assign(_k=out["name"].str.lower()).sort_values(["_k", "id"])
    else:
        out = out.assign(_g=~out["status"].isin(OPEN_STATUSES)).sort_values(
            ["_g", "due", "received", "id"], ascending=[True, True, False, False])
    return out["id"].head(25).tolist()


def time_steps(step) -> list[float]:
    times = []
    for _ in range(REPEAT):
        for trait, value in CHANGES:
            start = time.perf_counter()
            step(trait, value)
            times.append(time.perf_counter() - start)
    return times


def measure(n: int, workdir: Path) -> dict:
    from privacy_kb.ui.register_view import RegisterView

    path = str(workdir / f"bench-{n}.sqlite3")
    t0 = time.perf_counter()
    reg = fill(path, n)
    fill_s = time.perf_counter() - t0
    engine = reg.engine

    state = {"status": "all", "request_type": "all", "deadline": "all", "search": "",
             "sort": "urgency"}

    def query_step(trait, value):
        state[trait] = value
        rq.fetch_page(engine, rq.PageQuery(**state), TODAY)

    def base_step(trait, value):
        state[trait] = value
        baseline_change(engine, state)

    view = RegisterView(reg, today=lambda: TODAY)

    def view_step(trait, value):
        setattr(view.model, trait, value)

    # the three agree on the first page (the benchmark compares like with like)
    for trait, value in CHANGES[:4]:
        state[trait] = value
        setattr(view.model, trait, value)
        ours = rq.fetch_page(engine, rq.PageQuery(**state), TODAY).ids
        assert ours == view.ids, (trait, value)
        assert ours == baseline_change(engine, state), (trait, value)
    for trait in ("status", "request_type", "deadline"):
        state[trait] = "all"
        setattr(view.model, trait, "all")

    view_times = time_steps(view_step)
    result = {"n": n, "fill_s": fill_s,
              "query": statistics.median(time_steps(query_step)),
              "view": statistics.median(view_times), "view_max": max(view_times),
              "baseline": statistics.median(time_steps(base_step))}
    reg.close()
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 and 20,000 only")
    args = parser.parse_args(argv)
    sizes = (1_000, 20_000) if args.quick else (1_000, 20_000, 100_000)
    print(f"# Register tab filter change — {platform.python_version()}, SQLite, "
          f"{os.cpu_count()} cores; median of {REPEAT * len(CHANGES)} changes")
    print(f"{'requests':>9} | {'fill s':>6} | {'query ms':>8} | {'view ms':>8} | "
          f"{'view max':>8} | {'pandas ms':>9} | {'view/pandas':>11} | max < 200 ms")
    with tempfile.TemporaryDirectory(prefix="bench-registerview-") as tmp:
        for n in sizes:
            r = measure(n, Path(tmp))
            ok = "yes" if r["view_max"] < 0.2 else "NO"
            print(f"{r['n']:>9,} | {r['fill_s']:6.1f} | {r['query'] * 1e3:8.1f} | "
                  f"{r['view'] * 1e3:8.1f} | {r['view_max'] * 1e3:8.1f} | "
                  f"{r['baseline'] * 1e3:9.1f} | "
                  f"{r['view'] / r['baseline']:11.2f} | {ok}")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
