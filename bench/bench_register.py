"""Benchmark of the request register against plain pandas, in the same run.

Three operations, each beside the same operation done the plain-pandas way:

1. adding 10,000 requests one by one: ``Register.add`` (validation, deadlines, id
   allocation, audit row, ``BEGIN IMMEDIATE``, WAL, ``synchronous=FULL``) versus one
   ``DataFrame.to_sql(if_exists="append")`` per request on a default SQLite file
   (no validation, no audit, no deadlines);
2. loading 100,000 requests into a DataFrame: ``Register.frame()`` (typed:
   categoricals, datetimes, booleans) versus ``pandas.read_sql("SELECT * …")``
   (untyped) on the same file;
3. exporting 100,000 requests to CSV: ``Register.export_csv(columns="full")``
   (formula neutralisation, Excel profile) versus ``read_sql`` + ``to_csv`` with the
   same separator and encoding (no neutralisation);
4. ``Register.verify()`` over those 100,000 requests and their audit trails (every
   seal recomputed) versus merely reading both tables with ``read_sql``.

Each runs on SQLite and, given ``--pg URL`` (or ``$PRIVACY_DESK_TEST_PG``), on
PostgreSQL as well, the plain-pandas baseline on the same engine; the table then shows
both engines side by side. On PostgreSQL the benchmark creates its own databases on
that server (``CREATE DATABASE``, so the user needs CREATEDB) and drops them at the
end; the database named in the URL is only used to connect.

Run on demand: ``python bench/bench_register.py [--pg URL]`` (a few minutes) or
``--quick`` (1,000 adds, 10,000 rows; seconds). Prints a table with the ratio
ours / pandas per engine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from privacy_kb import open_register  # noqa: E402
from privacy_kb.register.demo import fill_demo  # noqa: E402
from privacy_kb.register.store import store_url  # noqa: E402

TODAY = dt.date(2026, 11, 24)


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    """Best wall-clock time of ``repeat`` runs, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def request_values(i: int) -> dict:
    return {"request_type": ("access", "erasure", "objection", "complaint")[i % 4],
            "name": f"Aanvrager {i}", "email": f"aanvrager{i}@example.nl",
            "phone": "0612345678" if i % 3 == 0 else None, "channel": "email",
            "received": (TODAY - dt.timedelta(days=i % 300)).isoformat(),
            "description": "Ik wil graag weten welke gegevens u van mij verwerkt."}


class SQLiteStores:
    """Fresh SQLite files in the work directory."""

    name = "SQLite"

    def __init__(self, workdir: Path):
        self.workdir = workdir

    def make(self, label: str) -> str:
        return str(self.workdir / f"{label}.sqlite3")

    def close(self) -> None:
        pass


class PostgresStores:
    """Fresh databases on a PostgreSQL server, dropped by :meth:`close`."""

    name = "PostgreSQL"

    def __init__(self, server: str):
        self.server = sa.make_url(server)
        self.admin = sa.create_engine(self.server, isolation_level="AUTOCOMMIT")
        self.prefix = f"bench_register_{uuid.uuid4().hex[:8]}"
        self.made: list[str] = []

    def make(self, label: str) -> str:
        name = f"{self.prefix}_{label}"
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return self.server.set(database=name).render_as_string(hide_password=False)

    def version(self) -> str:
        with self.admin.connect() as conn:
            return conn.exec_driver_sql("SHOW server_version").scalar().split()[0]

    def close(self) -> None:
        with self.admin.connect() as conn:
            for name in self.made:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.dispose()


def bench_adds(stores, n: int) -> tuple[float, float]:
    reg = open_register(stores.make("adds"), by="bench")
    ours, _ = timed(lambda: [reg.add(**request_values(i)) for i in range(n)])
    assert len(reg) == n
    reg.close()

    engine = sa.create_engine(store_url(stores.make("adds_pandas")))
    rows = [{**request_values(i), "id": f"VZ-2026-{i + 1:04d}", "status": "received"}
            for i in range(n)]

    def plain():
        for row in rows:
            pd.DataFrame([row]).to_sql("requests", engine, if_exists="append",
                                       index=False)

    base, _ = timed(plain)
    engine.dispose()
    return ours, base


def bench_reads(stores, workdir: Path, n: int, repeat: int
                ) -> list[tuple[str, float, float]]:
    url = stores.make("big")
    reg = open_register(url, by="bench")
    fill_start = time.perf_counter()
    fill_demo(reg, n, seed=1, today=TODAY)
    print(f"  ({stores.name}: filled {n:,} demo requests with audit trails in "
          f"{time.perf_counter() - fill_start:.1f} s)", file=sys.stderr)
    engine = sa.create_engine(store_url(url))

    ours_frame, df = timed(reg.frame, repeat)
    assert len(df) == n
    base_frame, raw = timed(lambda: pd.read_sql("SELECT * FROM requests", engine), repeat)
    assert len(raw) == n

    out = workdir / "export.csv"
    ours_csv, written = timed(lambda: reg.export_csv(out, columns="full", overwrite=True),
                              repeat)
    assert written == n
    base_out = workdir / "export-pandas.csv"

    def plain_export():
        frame = pd.read_sql("SELECT * FROM requests", engine)
        frame.to_csv(base_out, sep=";", encoding="utf-8-sig", index=False)

    base_csv, _ = timed(plain_export, repeat)
    ours_std, _ = timed(lambda: reg.export_csv(out, overwrite=True), repeat)

    def plain_read_all():
        pd.read_sql("SELECT * FROM requests", engine)
        pd.read_sql("SELECT * FROM audit", engine)

    ours_verify, problems = timed(reg.verify, repeat)
    assert problems == []
    base_verify, _ = timed(plain_read_all, repeat)
    engine.dispose()
    reg.close()
    return [(f"load {n:,} into a DataFrame", ours_frame, base_frame),
            (f"export {n:,} to CSV (all columns)", ours_csv, base_csv),
            (f"export {n:,} to CSV (standard columns)", ours_std, base_csv),
            (f"verify {n:,} requests' seals vs read both tables", ours_verify,
             base_verify)]


def run(stores, workdir: Path, adds: int, rows: int, repeat: int
        ) -> list[tuple[str, float, float]]:
    """Every operation on one engine: (name, ours, plain pandas)."""
    results = []
    ours, base = bench_adds(stores, adds)
    results.append((f"add {adds:,} one by one", ours, base))
    results.extend(bench_reads(stores, workdir, rows, repeat))
    return results


def table(by_engine: dict[str, list[tuple[str, float, float]]]) -> list[str]:
    """The results as text: one row per operation, three columns per engine."""
    names = [name for name, _, _ in next(iter(by_engine.values()))]
    width = max(len(n) for n in names + ["operation"])
    cell = 29  # "ours (s)  pandas (s)  ratio"
    head = f"{'':<{width}}" + "".join(f"  {engine:^{cell}}" for engine in by_engine)
    sub = f"{'operation':<{width}}" + f"  {'ours (s)':>8}  {'pandas (s)':>10}  {'ratio':>5}" \
        * len(by_engine)
    lines = [head, sub, "-" * len(sub)]
    for i, name in enumerate(names):
        line = f"{name:<{width}}"
        for results in by_engine.values():
            _, ours, base = results[i]
            line += f"  {ours:8.2f}  {base:10.2f}  {ours / base:5.2f}"
        lines.append(line)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="1,000 adds and 10,000 rows instead of 10,000 and 100,000")
    parser.add_argument("--dir", help="work in this directory (default: a temporary one)")
    parser.add_argument("--pg", metavar="URL",
                        default=os.environ.get("PRIVACY_DESK_TEST_PG") or None,
                        help="also run on this PostgreSQL server (default: "
                             "$PRIVACY_DESK_TEST_PG); the benchmark creates and drops "
                             "its own databases there")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    args = parser.parse_args(argv)
    adds, rows, repeat = (1_000, 10_000, 3) if args.quick else (10_000, 100_000, 2)

    by_engine: dict[str, list[tuple[str, float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-register-") as tmp:
        workdir = Path(args.dir or tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        about = (f"Python {platform.python_version()}, pandas {pd.__version__}, "
                 f"SQLAlchemy {sa.__version__}, SQLite {sqlite3.sqlite_version}")
        backends = [SQLiteStores(workdir)]
        if args.pg and not args.no_pg:
            backends.append(PostgresStores(args.pg))
            about += f", PostgreSQL {backends[-1].version()} (localhost)"
        print(f"{about}, {os.cpu_count()} CPUs", file=sys.stderr)
        try:
            for stores in backends:
                by_engine[stores.name] = run(stores, workdir, adds, rows, repeat)
        finally:
            for stores in backends:
                stores.close()

    print("\n".join(table(by_engine)))
    print("\nratio = ours / plain pandas on the same engine (lower is better). Ours also "
          "validates, computes deadlines, writes an audit row per add and durably "
          "commits each one (SQLite: WAL, synchronous=FULL); frames are typed; exports "
          "neutralise formulas.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
