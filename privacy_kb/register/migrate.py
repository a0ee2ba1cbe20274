"""Copy a whole register from one store to another (``privacy-desk migrate``).

The usual move is from a SQLite file to a shared PostgreSQL database when a team
outgrows one machine, but any pair works (SQLite → SQLite, PostgreSQL → SQLite, …).
Everything is copied as stored: every request with all its columns, its full audit
trail (``seq``, moments, actors, changes, notes), the id counters (so the next request
gets the next number), the suppression list, the retention settings and the purge log.

The copy is one write transaction on the destination, read from one consistent
snapshot of the source. Before that transaction commits, the destination is read back
and compared with the source: row counts of every table, and a checksum of every
request together with its history (and of each other table), field by field. Any
failure or difference rolls the transaction back, so the destination is left as it was
(a SQLite file that did not exist is removed again; an existing one has its WAL
cleared). A copy into a new SQLite file is marked by a locked ``<file>.migrating``
beside it; when the process is killed mid-copy, the next ``migrate`` to that file
removes the half-made file and its WAL (they hold copied personal data) first. A
destination that already holds data is refused: this command never merges two registers.

The source is opened the way the app opens it: a register written by an older release
is upgraded first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Mapping

import sqlalchemy as sa

from privacy_kb.errors import StoreError
from privacy_kb.register import schema
from privacy_kb.register.engine import make_engine, mask_url, store_url
from privacy_kb.register.files import abandoned, hold
from privacy_kb.register.store import Register

__all__ = ["migrate", "MigrationReport", "MigrationError", "TABLES", "MARKER_SUFFIX"]

log = logging.getLogger("privacy_kb.register")

#: Rows per INSERT batch (and per fetch from the source).
BATCH = 2_000

#: The tables copied, parents before children. ``schema_version`` is not copied: the
#: destination records its own creation.
TABLES = (schema.settings, schema.request_counter, schema.requests, schema.audit,
          schema.suppression, schema.purge_log, schema.letter_templates,
          schema.letter_template_history)

#: How the report names each table.
LABELS = {"requests": "requests", "audit": "audit rows", "suppression": "suppression entries",
          "request_counter": "id counters", "purge_log": "purge log",
          "settings": "settings", "letter_templates": "letter templates",
          "letter_template_history": "letter template changes"}

#: Auto-numbered columns copied with explicit values; PostgreSQL's sequences behind
#: them are moved past the copied maximum so that new rows keep numbering on.
_SERIAL = ((schema.audit, "seq"), (schema.purge_log, "seq"),
           (schema.letter_template_history, "seq"))


class MigrationError(StoreError):
    """The copy was refused, failed or did not verify; the destination is unchanged."""


@dataclasses.dataclass(frozen=True)
class MigrationReport:
    """What :func:`migrate` copied and how it was verified.

    ``source_counts`` and ``destination_counts`` map table name to rows (counted in the
    source snapshot and in the destination before commit; equal when a report exists).
    ``requests_compared`` requests were compared field by field together with their
    audit trails; ``checksum`` (SHA-256) covers every copied row and is the same on
    both sides.
    """

    source: str
    destination: str
    source_counts: dict[str, int]
    destination_counts: dict[str, int]
    requests_compared: int
    checksum: str
    seconds: float

    @property
    def requests(self) -> int:
        """Requests copied."""
        return self.destination_counts["requests"]

    @property
    def audit_rows(self) -> int:
        """Audit rows copied."""
        return self.destination_counts["audit"]

    @property
    def suppression(self) -> int:
        """Suppression-list entries copied."""
        return self.destination_counts["suppression"]

    def lines(self) -> list[str]:
        """The report as lines of text, for the command line."""
        width = max(len(label) for label in LABELS.values())
        out = [f"Copied {self.source} -> {self.destination} in {self.seconds:.1f} s",
               f"  {'':<{width}}  {'source':>10}  {'destination':>11}"]
        for table in TABLES:
            label = LABELS[table.name]
            out.append(f"  {label:<{width}}  {self.source_counts[table.name]:>10,}  "
                       f"{self.destination_counts[table.name]:>11,}")
        out.append(f"  verified: {self.requests_compared:,} requests and their histories "
                   f"identical field by field; checksum sha256:{self.checksum[:16]}")
        return out


def migrate(source: Any, destination: Any, *, batch: int = BATCH) -> MigrationReport:
    """Copy the whole register at ``source`` into the empty store ``destination``.

    Parameters
    ----------
    source, destination : str or path-like
        A SQLite file path or a SQLAlchemy URL each, as :func:`open_register` takes
        them. ``destination`` may be missing (a SQLite file is created, mode 0600), an
        empty database (the schema is created) or an empty register.
    batch : int
        Rows per INSERT.

    Returns
    -------
    MigrationReport

    Raises
    ------
    MigrationError
        Source and destination are the same store; the destination already holds
        requests, history, counters, settings or suppression entries; the copy failed
        or the read-back differs. The destination is unchanged.
    StoreError
        There is no register at ``source``, or a store is of a newer schema version.

    Examples
    --------
    >>> report = migrate("~/register.sqlite3",
    ...                  "postgresql+psycopg://desk@db.example.nl/privacydesk")  # doctest: +SKIP
    >>> report.requests, report.audit_rows                          # doctest: +SKIP
    (1234, 9876)
    """
    started = time.perf_counter()
    src_url, dst_url = store_url(source), store_url(destination)
    if _same_store(src_url, dst_url):
        raise MigrationError("Bron en bestemming zijn hetzelfde register.",
                             "Source and destination are the same register.", "same_store")
    src = _open_source(source)
    dst_file = _sqlite_file(dst_url)
    if dst_file is not None:
        _remove_half_made(dst_file)
    new_file = dst_file if dst_file is not None and not dst_file.exists() else None
    marker = _claim(new_file) if new_file is not None else None
    dst: Register | None = None
    try:
        dst = Register(make_engine(destination, create=True))
        wal = Path(f"{dst_file}-wal") if dst_file is not None else None
        if wal is not None and new_file is None and wal.exists() and wal.stat().st_size:
            dst.scrub()  # stale WAL frames of an earlier, interrupted copy
        with _snapshot(src) as sconn, dst.atomic() as dconn:
            _prepare(dst, dconn)
            source_counts = _counts(sconn)
            copied, digests = _copy(sconn, dconn, batch)
            _reset_sequences(dconn)
            destination_counts = _counts(dconn)
            _verify(source_counts, copied, destination_counts, digests,
                    _digests(dconn, batch))
        report = MigrationReport(
            source=src.url, destination=dst.url, source_counts=source_counts,
            destination_counts=destination_counts,
            requests_compared=len(digests["requests"]),
            checksum=_overall(digests), seconds=time.perf_counter() - started)
    except (sa.exc.SQLAlchemyError, StoreError) as error:
        _undo(dst, new_file, marker)
        if isinstance(error, StoreError):  # a driver's error, already named: unwrap
            if (isinstance(error, MigrationError)
                    or not isinstance(error.__cause__, sa.exc.SQLAlchemyError)):
                raise
            error = error.__cause__
        reason = mask_url(" ".join(str(getattr(error, "orig", None) or error).split()))
        raise MigrationError(
            f"Kopiëren mislukt; de bestemming is ongewijzigd: {reason}",
            f"Copying failed; the destination is unchanged: {reason}",
            "copy_failed") from error
    except BaseException:
        _undo(dst, new_file, marker)
        raise
    finally:
        src.close()
    dst.close()
    _release(marker)
    return report


# --- opening ---------------------------------------------------------------------------

def _same_store(a: sa.URL, b: sa.URL) -> bool:
    if a.get_backend_name() != b.get_backend_name():
        return False
    if a.get_backend_name() == "sqlite":
        if not a.database or a.database.startswith((":memory:", "file::memory:")):
            return False
        return (Path(a.database).expanduser().resolve()
                == Path(b.database or "").expanduser().resolve())
    return ((a.host or "localhost", a.port, a.database)
            == (b.host or "localhost", b.port, b.database))


def _sqlite_file(url: sa.URL) -> Path | None:
    """The destination's file when it is SQLite (not in memory)."""
    if url.get_backend_name() != "sqlite" or not url.database:
        return None
    if url.database.startswith((":memory:", "file:")):
        return None
    return Path(url.database).expanduser()


#: Beside a SQLite destination while a copy into a new file runs; held with a lock.
MARKER_SUFFIX = ".migrating"
_COMPANIONS = ("", "-wal", "-shm", "-journal")


def _claim(path: Path) -> tuple[Path, int]:
    """Create and lock the marker of a copy into the new file ``path``."""
    marker = Path(f"{path}{MARKER_SUFFIX}")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(marker, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    hold(fd)
    return marker, fd


def _release(marker: tuple[Path, int] | None) -> None:
    if marker is not None:
        marker[0].unlink(missing_ok=True)
        os.close(marker[1])


def _holds_register_data(path: Path) -> bool:
    """True when ``path`` holds a committed register with requests (a finished copy)."""
    import sqlite3

    if not path.exists() or path.stat().st_size == 0:
        return False
    try:
        conn = sqlite3.connect(path)
        try:
            return conn.execute("SELECT count(*) FROM requests").fetchone()[0] > 0
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _remove_half_made(path: Path) -> None:
    """Remove what an interrupted (killed) copy into the new file ``path`` left: the
    file and its WAL hold copied personal data but no finished register. A copy
    still running (its marker locked) is left alone; a finished copy is kept."""
    marker = Path(f"{path}{MARKER_SUFFIX}")
    if not marker.exists() or not abandoned(marker):
        return
    if not _holds_register_data(path):
        for suffix in _COMPANIONS:
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        log.warning("migrate: removed %s, left half-made by an interrupted copy", path)
    marker.unlink(missing_ok=True)


def _open_source(source: Any) -> Register:
    reg = Register(make_engine(source, create=False))
    try:
        reg.ensure_schema(create=False)
    except sa.exc.SQLAlchemyError as error:
        reg.close()
        reason = mask_url(" ".join(str(getattr(error, "orig", None) or error).split()))
        raise StoreError(f"De bron is geen leesbaar register: {reason}",
                         f"The source is not a readable register: {reason}",
                         "corrupt") from error
    except BaseException:
        reg.close()
        raise
    return reg


@contextmanager
def _snapshot(reg: Register) -> Iterator[sa.Connection]:
    """One read-only transaction over a consistent snapshot of the source (SQLite's
    WAL readers see one; PostgreSQL needs REPEATABLE READ for it)."""
    engine = reg.engine
    if engine.dialect.name == "postgresql":
        engine = engine.execution_options(isolation_level="REPEATABLE READ",
                                          postgresql_readonly=True)
    with engine.connect() as conn:
        with conn.begin():
            yield conn


def _prepare(dst: Register, conn: sa.Connection) -> None:
    """Create or upgrade the destination schema (under its lock) and make sure it
    holds no data."""
    schema.create_or_upgrade(conn, dst.now())
    found = {name: n for name, n in _counts(conn).items() if n}
    if found:
        what = ", ".join(f"{n:,} {LABELS[name]}" for name, n in found.items())
        raise MigrationError(
            f"De bestemming {dst.url} is niet leeg ({what}); migrate kopieert alleen "
            "naar een leeg register.",
            f"The destination {dst.url} is not empty ({what}); migrate only copies "
            "into an empty register.", "not_empty")


def _undo(dst: Register | None, new_file: Path | None,
          marker: tuple[Path, int] | None = None) -> None:
    if dst is not None:
        if new_file is None:
            try:
                dst.scrub()  # the rolled-back copy's frames out of the WAL
            except Exception:  # noqa: BLE001 - best effort; the error that matters is raised
                log.warning("migrate: could not clear the destination's WAL")
        dst.close()
    if new_file is not None:
        for suffix in _COMPANIONS:
            Path(f"{new_file}{suffix}").unlink(missing_ok=True)
    _release(marker)


# --- copying and verifying -------------------------------------------------------------

def _counts(conn: sa.Connection) -> dict[str, int]:
    return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in TABLES}


def _rows(conn: sa.Connection, table: sa.Table, batch: int
          ) -> Iterator[list[Mapping[str, Any]]]:
    """The table's rows in primary-key order, ``batch`` at a time."""
    stmt = sa.select(table).order_by(*table.primary_key.columns)
    result = conn.execution_options(stream_results=True, yield_per=batch).execute(stmt)
    yield from result.mappings().partitions(batch)


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class _Digests:
    """SHA-256 per request (its row, then its audit rows in ``seq`` order) and per
    other table (its rows in primary-key order)."""

    def __init__(self) -> None:
        self.requests: dict[str, Any] = {}
        self.tables: dict[str, Any] = {}

    def feed(self, table: sa.Table, rows: list[Mapping[str, Any]]) -> None:
        names = [c.name for c in table.columns]
        for row in rows:
            text = json.dumps([_canonical(row[n]) for n in names], ensure_ascii=False)
            if table is schema.requests:
                digest = self.requests.setdefault(row["id"], hashlib.sha256())
            elif table is schema.audit:
                digest = self.requests.setdefault(row["request_id"], hashlib.sha256())
            else:
                digest = self.tables.setdefault(table.name, hashlib.sha256())
            digest.update(text.encode("utf-8") + b"\n")

    def result(self) -> dict[str, dict[str, str]]:
        return {"requests": {k: v.hexdigest() for k, v in self.requests.items()},
                "tables": {k: v.hexdigest() for k, v in self.tables.items()}}


def _copy(sconn: sa.Connection, dconn: sa.Connection, batch: int
          ) -> tuple[dict[str, int], dict[str, dict[str, str]]]:
    """Copy every table; rows copied per table and the source's digests."""
    copied: dict[str, int] = {}
    digests = _Digests()
    for table in TABLES:
        copied[table.name] = 0
        for part in _rows(sconn, table, batch):
            rows = [dict(r) for r in part]
            dconn.execute(sa.insert(table), rows)
            digests.feed(table, rows)
            copied[table.name] += len(rows)
    return copied, digests.result()


def _digests(conn: sa.Connection, batch: int) -> dict[str, dict[str, str]]:
    digests = _Digests()
    for table in TABLES:
        for part in _rows(conn, table, batch):
            digests.feed(table, list(part))
    return digests.result()


def _reset_sequences(conn: sa.Connection) -> None:
    if conn.dialect.name != "postgresql":
        return  # SQLite numbers on from the largest rowid
    for table, column in _SERIAL:
        conn.execute(sa.text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column}'), "
            f"COALESCE((SELECT MAX({column}) FROM {table.name}), 0) + 1, false)"))


def _verify(source_counts: dict[str, int], copied: dict[str, int],
            destination_counts: dict[str, int], source: dict[str, dict[str, str]],
            destination: dict[str, dict[str, str]]) -> None:
    for table in TABLES:
        name = table.name
        if not source_counts[name] == copied[name] == destination_counts[name]:
            raise MigrationError(
                f"Aantallen kloppen niet voor {LABELS[name]}: bron {source_counts[name]},"
                f" gekopieerd {copied[name]}, bestemming {destination_counts[name]}.",
                f"Counts differ for {LABELS[name]}: source {source_counts[name]}, "
                f"copied {copied[name]}, destination {destination_counts[name]}.",
                "copy_failed")
    differ = sorted(k for k in source["requests"].keys() | destination["requests"].keys()
                    if source["requests"].get(k) != destination["requests"].get(k))
    if differ:
        raise MigrationError(
            f"{len(differ)} verzoeken verschillen na het kopiëren (eerste: {differ[0]}).",
            f"{len(differ)} requests differ after copying (first: {differ[0]}).",
            "copy_failed")
    for name in sorted(source["tables"].keys() | destination["tables"].keys()):
        if source["tables"].get(name) != destination["tables"].get(name):
            raise MigrationError(
                f"{LABELS[name]} verschilt na het kopiëren.",
                f"The {LABELS[name]} differs after copying.", "copy_failed")


def _overall(digests: dict[str, dict[str, str]]) -> str:
    total = hashlib.sha256()
    for name, value in sorted(digests["tables"].items()):
        total.update(f"{name}:{value}\n".encode())
    for rid, value in sorted(digests["requests"].items()):
        total.update(f"{rid}:{value}\n".encode())
    return total.hexdigest()
