"""The register's store: engine set-up, transactions, the request lifecycle and its
audit trail.

One :class:`Register` wraps one SQLAlchemy engine. Every change is one write
transaction that holds the change *and* its audit row: after a crash either both exist
or neither. On SQLite each write transaction starts with ``BEGIN IMMEDIATE`` (WAL
journal, ``synchronous=FULL``, a 30 s busy timeout), so kernels that write at once
queue instead of failing with "database is locked". Edits are
``UPDATE … WHERE id = ? AND version = ?``: an edit based on a stale copy raises
:class:`~privacy_kb.errors.ConflictError` and changes nothing.

This module does not import pandas; :mod:`privacy_kb.register.frames` does, lazily.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import json
import logging
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import sqlalchemy as sa
from sqlalchemy import event

from privacy_kb.clock import AMSTERDAM, now_amsterdam
from privacy_kb.errors import ConflictError, NotFoundError, StoreError, ValidationError
from privacy_kb.register import deadlines, schema
from privacy_kb.register.deadlines import DEFAULT_CALENDAR, HolidayCalendar, due_dates
from privacy_kb.register.schema import FINAL_STATUSES, OPEN_STATUSES, requests as T_REQ
from privacy_kb.register.validation import (REQUEST_FIELDS, Checker, as_today,
                                            clean_request, fail, looks_like_bsn)

__all__ = ["open_register", "Register", "Request", "RetentionPolicy", "PurgeResult",
           "default_location", "make_engine", "store_url", "ENV_VAR"]

log = logging.getLogger("privacy_kb.register")

#: Environment variable naming the default store (a path or a SQLAlchemy URL).
ENV_VAR = "PRIVACY_DESK_DB"
BUSY_TIMEOUT_S = 30
#: Key of the PostgreSQL advisory lock held while the schema is created or upgraded.
SCHEMA_LOCK_KEY = 727361


# --- the request --------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Request:
    """One data-subject request as stored; returned by ``add``, ``get`` and every edit.

    Dates (``received``, ``due``, ``due_nominal``, ``…_on``) are ``datetime.date``;
    moments (``received_at``, ``answered_at``, ``closed_at``, ``created_at``,
    ``updated_at``) are timezone-aware datetimes in Europe/Amsterdam. ``version``
    changes with every edit; pass it back to edits to detect stale copies.
    """

    id: str
    request_type: str
    direct_marketing: bool
    name: str
    email: str | None
    phone: str | None
    organisation: str | None
    on_behalf_of: str | None
    authority_checked: bool
    channel: str
    received: dt.date
    received_at: dt.datetime
    description: str
    status: str
    due_nominal: dt.date
    due: dt.date
    acknowledged_on: dt.date | None
    extended: bool
    extension_reason: str | None
    extension_justification: str | None
    extended_on: dt.date | None
    extension_told_on: dt.date | None
    identity_verified: bool | None
    identity_method: str | None
    identity_checked_on: dt.date | None
    identity_note: str | None
    info_requested_on: dt.date | None
    info_received_on: dt.date | None
    decision: str | None
    decision_ground: str | None
    decision_reasons: str | None
    told_about_complaint: bool | None
    decided_on: dt.date | None
    handler: str | None
    answered_at: dt.datetime | None
    closed_at: dt.datetime | None
    anonymised: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int

    @property
    def is_open(self) -> bool:
        """True while the request is received, in identity check or in progress."""
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: dt.date) -> bool:
        """Open and ``today`` past the legal due date (:func:`deadlines.is_overdue`)."""
        return deadlines.is_overdue(self.due, today, status=self.status)

    def to_dict(self) -> dict[str, Any]:
        """All fields as a dict (dates and datetimes kept as objects)."""
        return dataclasses.asdict(self)

    @classmethod
    def _from_row(cls, row: Mapping[str, Any]) -> "Request":
        values = {f: row[f] for f in _REQUEST_FIELD_NAMES}
        for col in schema.MOMENT_COLUMNS:
            if values[col] is not None:
                values[col] = values[col].astimezone(AMSTERDAM)
        return cls(**values)


_REQUEST_FIELD_NAMES = tuple(f.name for f in dataclasses.fields(Request))
assert set(_REQUEST_FIELD_NAMES) == {c.name for c in T_REQ.columns}


@dataclasses.dataclass(frozen=True)
class RetentionPolicy:
    """How long closed requests are kept, and why."""

    days: int
    justification: str
    mode: str  # "delete" or "anonymise"
    set_by: str
    set_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class PurgeResult:
    """What a purge did (or, with ``dry_run``, would do): counts and dates only."""

    count: int
    closed_before: dt.date
    mode: str
    dry_run: bool


# --- opening -------------------------------------------------------------------------------

def default_location() -> str:
    """The store used when none is named: ``$PRIVACY_DESK_DB``, else
    ``register.sqlite3`` in the user's data directory (platformdirs)."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    import platformdirs

    return str(Path(platformdirs.user_data_dir("privacy-desk", appauthor=False))
               / "register.sqlite3")


def open_register(url_or_path: str | os.PathLike | None = None, *, create: bool = True,
                  calendar: HolidayCalendar | None = None,
                  clock: Callable[[], dt.datetime] | None = None,
                  by: str | None = None, echo: bool = False) -> "Register":
    """Open the request register, creating the store and its schema when needed.

    Parameters
    ----------
    url_or_path : str or path-like, optional
        A SQLAlchemy URL (``postgresql+psycopg://…``, ``sqlite:///…``) or a plain file
        path (SQLite). ``None``: :func:`default_location`.
    create : bool
        Create a missing SQLite file (mode 0600) and its tables. ``False`` raises
        ``StoreError`` for a missing file instead (what the command line wants).
    calendar : HolidayCalendar, optional
        Holidays for deadlines; default Dutch public holidays including 5 May.
    clock : callable, optional
        Returns "now" (aware datetime); for tests. Default: the system clock.
    by : str, optional
        Staff member recorded in the audit trail when a call passes no ``by``;
        default the operating-system user.
    echo : bool
        Log every SQL statement (debugging).

    Returns
    -------
    Register

    Raises
    ------
    StoreError
        The file is missing and ``create`` is false, or the database was written by
        a newer release.

    Examples
    --------
    >>> reg = open_register(tmp_path / "register.sqlite3")        # doctest: +SKIP
    >>> req = reg.add(request_type="access", name="Jan", email="jan@example.nl",
    ...               channel="email", received="2026-01-31")     # doctest: +SKIP
    >>> req.id, req.due                                           # doctest: +SKIP
    ('VZ-2026-0001', datetime.date(2026, 3, 2))
    """
    engine = make_engine(url_or_path, create=create, echo=echo)
    reg = Register(engine, calendar=calendar, clock=clock, by=by)
    try:
        reg._ensure_schema()
    except BaseException:
        engine.dispose()
        raise
    return reg


def store_url(url_or_path: str | os.PathLike | None) -> sa.URL:
    """The SQLAlchemy URL of a store named as :func:`open_register` accepts it (a plain
    path means a SQLite file; ``None`` means :func:`default_location`)."""
    target = default_location() if url_or_path is None else os.fspath(url_or_path)
    if "://" in target:
        return sa.make_url(target)
    return sa.URL.create("sqlite", database=target)


def make_engine(url_or_path: str | os.PathLike | None, *, create: bool = True,
                echo: bool = False) -> sa.Engine:
    """The engine :func:`open_register` uses, without touching the schema: SQLite
    tuned as the rules say (a missing file created with mode 0600 when ``create``),
    any other URL used as given."""
    url = store_url(url_or_path)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, create=create, echo=echo)
    return sa.create_engine(url, echo=echo, pool_pre_ping=True)


def _sqlite_engine(url: sa.URL, *, create: bool, echo: bool) -> sa.Engine:
    database = url.database or ""
    memory = database in ("", ":memory:") or database.startswith("file::memory:")
    options: dict[str, Any] = {"echo": echo,
                               "connect_args": {"timeout": BUSY_TIMEOUT_S}}
    if memory:
        options["poolclass"] = sa.pool.StaticPool
        options["connect_args"]["check_same_thread"] = False
    else:
        path = Path(database).expanduser()
        if not path.exists():
            if not create:
                raise StoreError(f"Er is geen register op {path}.",
                                 f"There is no register at {path}.")
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # Owner-only from the first byte; SQLite gives -wal and -shm the same mode.
            fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
            os.close(fd)
        url = url.set(database=str(path))
    engine = sa.create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # noqa: ANN001
        # SQLAlchemy emits BEGIN itself (see _on_begin): turn off pysqlite's own.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        try:
            cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
            if not memory:
                _enable_wal(cur)
            cur.execute("PRAGMA synchronous = FULL")
            cur.execute("PRAGMA foreign_keys = ON")
        finally:
            cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001
        conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))

    return engine


def _enable_wal(cur) -> None:  # noqa: ANN001
    """Switch to WAL; retried, since a fresh file may be busy being set up by a peer."""
    import sqlite3
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            mode = cur.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if mode.lower() == "wal":
                return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
        if time.monotonic() > deadline:
            raise StoreError("Het register kon niet in WAL-modus worden gezet.",
                             "The register could not be switched to WAL mode.")
        time.sleep(0.01)


# --- the register ----------------------------------------------------------------------

def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(AMSTERDAM).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


_NOT_EDITABLE = {
    "id": "—", "status": "set_status", "due": "extend", "due_nominal": "extend",
    "version": "—", "received_at": "received",
    "extended": "extend", "extension_reason": "extend",
    "extension_justification": "extend", "extended_on": "extend",
    "extension_told_on": "extend",
    "identity_verified": "record_identity", "identity_method": "record_identity",
    "identity_checked_on": "record_identity", "identity_note": "record_identity",
    "info_requested_on": "request_info", "info_received_on": "receive_info",
    "acknowledged_on": "acknowledge",
    "decision": "decide", "decision_ground": "decide", "decision_reasons": "decide",
    "told_about_complaint": "decide", "decided_on": "decide",
    "answered_at": "set_status", "closed_at": "set_status", "anonymised": "purge",
    "created_at": "—", "updated_at": "—",
}

_SETTINGS_KEYS = ("retention_days", "retention_justification", "retention_mode",
                  "retention_set_by", "retention_set_at")


class Register:
    """The request register over one SQL store; see :func:`open_register`.

    Every method that changes a request takes ``by`` (the staff member, for the audit
    trail) and ``version`` (the version the caller's copy has; ``None`` means "the
    current one") and returns the request as it is afterwards.
    """

    def __init__(self, engine: sa.Engine, *, calendar: HolidayCalendar | None = None,
                 clock: Callable[[], dt.datetime] | None = None,
                 by: str | None = None):
        self.engine = engine
        self.calendar = calendar or DEFAULT_CALENDAR
        self._clock = clock
        self._default_by = by
        self.is_sqlite = engine.dialect.name == "sqlite"
        self._write_engine = (engine.execution_options(sqlite_begin="BEGIN IMMEDIATE")
                              if self.is_sqlite else engine)

    # -- plumbing ----------------------------------------------------------------------

    def __repr__(self) -> str:
        return f"<Register {self.url}>"

    @property
    def url(self) -> str:
        """The store's URL, password hidden."""
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Release the store's connections."""
        self.engine.dispose()

    def __enter__(self) -> "Register":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def now(self) -> dt.datetime:
        """The current moment, aware, in Europe/Amsterdam."""
        now = self._clock() if self._clock else now_amsterdam()
        if now.tzinfo is None:
            now = now.replace(tzinfo=AMSTERDAM)
        return now.astimezone(AMSTERDAM)

    def today(self) -> dt.date:
        """Today in Europe/Amsterdam."""
        return self.now().date()

    def _actor(self, by: Any, c: Checker) -> str | None:
        default = self._default_by
        if default is None:
            try:
                default = getpass.getuser()
            except Exception:  # no user name in some containers
                default = "unknown"
        return c.text("by", default if by is None else by, required=True)

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """One write transaction (``BEGIN IMMEDIATE`` on SQLite)."""
        with self._write_engine.connect() as conn:
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        """One read transaction: a consistent snapshot."""
        with self.engine.connect() as conn:
            with conn.begin():
                yield conn

    def _ensure_schema(self) -> None:
        """Create or migrate the schema; safe when many processes do it at once."""
        with self._read() as conn:
            if self._schema_version(conn) == schema.SCHEMA_VERSION:
                return
        with self._write() as conn:
            self._create_or_upgrade(conn)

    def _create_or_upgrade(self, conn: sa.Connection) -> int | None:
        """Create the schema, or run the missing :data:`schema.MIGRATIONS` steps in
        order, inside the caller's write transaction; returns the version found
        (``None``: there was no schema).

        Race-free: the caller's transaction holds the write lock (SQLite: ``BEGIN
        IMMEDIATE``) and on PostgreSQL a transaction-scoped advisory lock is taken
        first, so of several processes opening the store at once one creates or
        upgrades it and the others then find it done. A failing step rolls the whole
        upgrade back (DDL is transactional on both engines).
        """
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"),
                         {"key": SCHEMA_LOCK_KEY})
        version = self._schema_version(conn)
        now = self.now()
        if version is None:
            schema.metadata.create_all(conn)
            conn.execute(sa.insert(schema.schema_version),
                         {"version": schema.SCHEMA_VERSION, "applied_at": now})
            return None
        if version > schema.SCHEMA_VERSION:
            raise StoreError(
                f"Dit register heeft schemaversie {version}; deze versie van "
                f"Privacy Desk kent tot en met {schema.SCHEMA_VERSION}. Werk bij.",
                f"This register has schema version {version}; this release of "
                f"Privacy Desk knows up to {schema.SCHEMA_VERSION}. Upgrade.")
        steps = range(version + 1, schema.SCHEMA_VERSION + 1)
        missing = [step for step in steps if step not in schema.MIGRATIONS]
        if missing:
            raise StoreError(
                f"Geen upgrade naar schemaversie {missing[0]} gevonden.",
                f"No upgrade step to schema version {missing[0]}.")
        for step in steps:
            schema.MIGRATIONS[step](conn)
            conn.execute(sa.insert(schema.schema_version),
                         {"version": step, "applied_at": now})
        return version

    @staticmethod
    def _schema_version(conn: sa.Connection) -> int | None:
        if not sa.inspect(conn).has_table("schema_version"):
            return None
        return conn.execute(sa.select(sa.func.max(schema.schema_version.c.version))
                            ).scalar()

    def schema_version(self) -> int:
        """The schema version of the store."""
        with self._read() as conn:
            return self._schema_version(conn) or 0

    def _next_ids(self, conn: sa.Connection, year: int, count: int = 1) -> list[str]:
        """Allocate ``count`` ids for ``year`` inside the caller's write transaction."""
        counter = schema.request_counter
        bump = (sa.update(counter).where(counter.c.year == year)
                .values(last=counter.c.last + count).returning(counter.c.last))
        last = conn.execute(bump).scalar()
        if last is None:
            try:
                with conn.begin_nested():
                    conn.execute(sa.insert(counter), {"year": year, "last": count})
                last = count
            except sa.exc.IntegrityError:  # a concurrent first request of the year
                last = conn.execute(bump).scalar_one()
        return [f"VZ-{year}-{n:04d}" for n in range(last - count + 1, last + 1)]

    @staticmethod
    def _audit(conn: sa.Connection, rows: list[dict[str, Any]]) -> None:
        conn.execute(sa.insert(schema.audit), [
            {"request_id": r["request_id"], "at": r["at"], "actor": r["actor"],
             "action": r["action"],
             "changes": json.dumps(r.get("changes") or {}, default=_json_default,
                                   ensure_ascii=False, sort_keys=True),
             "note": r.get("note")} for r in rows])

    def _load(self, conn: sa.Connection, request_id: Any, lock: bool = False) -> Request:
        if not isinstance(request_id, str):
            raise NotFoundError(str(request_id))
        stmt = sa.select(T_REQ).where(T_REQ.c.id == request_id)
        if lock:
            stmt = stmt.with_for_update()
        row = conn.execute(stmt).mappings().first()
        if row is None:
            raise NotFoundError(request_id)
        return Request._from_row(row)

    def _change(self, request_id: str, *, version: Any, actor: str, action: str,
                plan: Callable[[Request, dt.datetime], dict[str, Any]],
                note: str | None = None,
                after: Callable[[sa.Connection, Request, dt.datetime], None] | None = None,
                check: Callable[[sa.Connection, Request, dict[str, Any]], None] | None
                = None) -> Request:
        """Apply ``plan``'s changes to one request with its audit row, atomically.

        ``plan(current, now)`` returns column -> new value, or raises ValidationError;
        ``check(conn, current, wanted)``, if given, may look at other rows in the same
        transaction and raise ValidationError too. Unchanged values are dropped.
        Raises ConflictError for a stale ``version``.
        """
        if version is not None and (isinstance(version, bool)
                                    or not isinstance(version, int)):
            raise fail("version", "not_number")
        now = self.now()
        with self._write() as conn:
            current = self._load(conn, request_id, lock=True)
            if version is not None and current.version != version:
                raise ConflictError(request_id)
            if current.anonymised:
                raise fail("id", "anonymised")
            wanted = plan(current, now)
            if check is not None:
                check(conn, current, wanted)
            changes = {k: (getattr(current, k), v) for k, v in wanted.items()
                       if getattr(current, k) != v}
            if not changes and action == "updated":
                return current
            values = {k: new for k, (_, new) in changes.items()}
            values.update(version=current.version + 1, updated_at=now)
            done = conn.execute(
                sa.update(T_REQ)
                .where(T_REQ.c.id == request_id, T_REQ.c.version == current.version)
                .values(**values))
            if done.rowcount != 1:
                raise ConflictError(request_id)
            self._audit(conn, [{"request_id": request_id, "at": now, "actor": actor,
                                "action": action, "changes": {k: list(v) for k, v in
                                                              changes.items()},
                                "note": note}])
            if after is not None:
                after(conn, current, now)
        return dataclasses.replace(current, **values)

    # -- adding ------------------------------------------------------------------------

    def add(self, *, request_type: str | None = None, name: str | None = None,
            email: str | None = None, phone: str | None = None,
            organisation: str | None = None, on_behalf_of: str | None = None,
            authority_checked: bool = False, channel: str | None = None,
            received: Any = None, description: str | None = "",
            direct_marketing: bool = False, handler: str | None = None,
            by: str | None = None) -> Request:
        """Register a new request; it starts in status ``received``.

        Parameters
        ----------
        request_type : str
            One of ``schema.REQUEST_TYPES``.
        name : str
            The requester's name.
        email, phone : str, optional
            At least one is required (a way to reach the requester). Phone numbers
            without country code are Dutch; stored as E.164 (``+31612345678``).
        organisation, on_behalf_of : str, optional
            The requester's organisation; the person on whose behalf they ask.
        authority_checked : bool
            Whether the authority to act on behalf of ``on_behalf_of`` was checked.
        channel : str
            One of ``schema.CHANNELS``.
        received : date, datetime or str
            When the request arrived (a naive datetime means Europe/Amsterdam; a date
            means midnight). The clock starts on this calendar date.
        description : str
            What is asked, as typed.
        direct_marketing : bool
            For an objection: it is against direct marketing (absolute, Art. 21(3)).
        handler : str, optional
            The staff member handling the request.
        by : str, optional
            Who registers it (audit trail).

        Returns
        -------
        Request

        Raises
        ------
        ValidationError
            Naming every bad field; nothing is written.
        """
        raw = {"request_type": request_type, "name": name, "email": email,
               "phone": phone, "organisation": organisation,
               "on_behalf_of": on_behalf_of, "authority_checked": authority_checked,
               "channel": channel, "received": received, "description": description,
               "direct_marketing": direct_marketing, "handler": handler}
        now = self.now()
        c = Checker()
        actor = self._actor(by, c)
        clean = clean_request(raw, now, c)
        row = self._new_row(clean, now)
        with self._write() as conn:
            row["id"] = self._next_ids(conn, clean["received"].year)[0]
            conn.execute(sa.insert(T_REQ), row)
            self._audit(conn, [self._received_audit(row, actor, now)])
        return Request._from_row(row)

    def add_many(self, records: Iterable[Mapping[str, Any]], *,
                 by: str | None = None) -> list[str]:
        """Register many requests in one transaction: all of them or none.

        Each record holds :meth:`add`'s keywords (``by`` excepted). Problems are
        reported with the record's position, e.g. field ``"3.email"``.

        Returns
        -------
        list of str
            The new ids, in the order of ``records``.
        """
        now = self.now()
        c = Checker()
        actor = self._actor(by, c)
        rows = []
        for i, rec in enumerate(records):
            unknown = set(rec) - set(REQUEST_FIELDS)
            sub = Checker()
            for field in sorted(unknown):
                sub.add(field, "unknown_field")
            try:
                clean = clean_request(rec, now, sub)
            except ValidationError as err:
                c.problems.extend(dataclasses.replace(p, field=f"{i}.{p.field}")
                                  for p in err.problems)
                continue
            rows.append(self._new_row(clean, now))
        c.done()
        if not rows:
            return []
        with self._write() as conn:
            self._assign_ids(conn, rows)
            conn.execute(sa.insert(T_REQ), rows)
            self._audit(conn, [self._received_audit(r, actor, now) for r in rows])
        return [r["id"] for r in rows]

    def _assign_ids(self, conn: sa.Connection, rows: list[dict[str, Any]]) -> None:
        """Give each row the next id of its receipt year, inside the write transaction."""
        by_year: dict[int, list[dict]] = {}
        for row in rows:
            by_year.setdefault(row["received"].year, []).append(row)
        for year, group in sorted(by_year.items()):
            for row, rid in zip(group, self._next_ids(conn, year, len(group))):
                row["id"] = rid

    def _bulk_insert(self, rows: list[dict[str, Any]]) -> list[str]:
        """Insert prepared, complete request rows in one transaction (demo data and
        imports that have already been validated). Each row may carry ``_audit`` (a
        list of audit dicts without ``request_id``) and ``_suppress`` (bool)."""
        with self._write() as conn:
            self._assign_ids(conn, rows)
            conn.execute(sa.insert(T_REQ),
                         [{k: r[k] for k in _REQUEST_FIELD_NAMES} for r in rows])
            audits = [{**a, "request_id": r["id"]} for r in rows
                      for a in r.get("_audit", ())]
            if audits:
                self._audit(conn, audits)
            for r in rows:
                if r.get("_suppress"):
                    self._suppress(conn, Request._from_row(r), r["updated_at"])
        return [r["id"] for r in rows]

    def _new_row(self, clean: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
        row = {name: None for name in _REQUEST_FIELD_NAMES}
        row.update(clean)
        row["due_nominal"], row["due"] = due_dates(clean["received"], False,
                                                   self.calendar)
        row.update(status="received", extended=False, anonymised=False,
                   created_at=now, updated_at=now, version=1)
        return row

    @staticmethod
    def _received_audit(row: dict[str, Any], actor: str, now: dt.datetime) -> dict:
        return {"request_id": row["id"], "at": now, "actor": actor, "action": "received",
                "changes": {"status": [None, "received"], "due": [None, row["due"]],
                            "received": [None, row["received"]]}}

    # -- reading -----------------------------------------------------------------------

    def get(self, request_id: str) -> Request:
        """The request as it is now.

        Raises
        ------
        NotFoundError
            No request has that id.
        """
        with self._read() as conn:
            return self._load(conn, request_id)

    def __contains__(self, request_id: object) -> bool:
        try:
            self.get(request_id)  # type: ignore[arg-type]
        except NotFoundError:
            return False
        return True

    def __bool__(self) -> bool:  # an empty register is still a register
        return True

    def __len__(self) -> int:
        with self._read() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(T_REQ)).scalar_one()

    def ids(self) -> list[str]:
        """All request ids, oldest receipt first."""
        with self._read() as conn:
            return list(conn.execute(sa.select(T_REQ.c.id)
                                     .order_by(T_REQ.c.received, T_REQ.c.id)).scalars())

    def audit_rows(self, request_id: str) -> list[dict[str, Any]]:
        """The audit trail of one request as dicts (``at`` aware, ``changes`` a dict),
        oldest first; see :meth:`history` for a DataFrame."""
        a = schema.audit
        with self._read() as conn:
            self._load(conn, request_id)
            rows = conn.execute(sa.select(a).where(a.c.request_id == request_id)
                                .order_by(a.c.seq)).mappings().all()
        return [{"seq": r["seq"], "at": r["at"].astimezone(AMSTERDAM), "by": r["actor"],
                 "action": r["action"], "changes": json.loads(r["changes"]),
                 "note": r["note"]} for r in rows]

    # -- editing -----------------------------------------------------------------------

    def update(self, request_id: str, *, by: str | None = None, version: int | None = None,
               **fields: Any) -> Request:
        """Edit the request's own fields (see ``validation.REQUEST_FIELDS``).

        Status, due dates, extension, identity, decision and ``id``/``version`` move
        through their own methods. Changing ``received`` recomputes the due dates.
        One audit row records every changed field as ``[old, new]``; an edit that
        changes nothing writes nothing.

        A new ``received`` must still fit what was recorded: no recorded date
        (``acknowledged_on``, ``info_requested_on``, ``info_received_on``,
        ``identity_checked_on``, ``extended_on``, ``extension_told_on``,
        ``decided_on``) and no status move (its audit moment, ``answered_at``,
        ``closed_at``) may lie before the new receipt date (code
        ``before_received`` on that field; ``status`` for a status move), and an
        extension must still have been decided and told within the new one-month
        deadline (``extension_too_late`` on ``extended_on``, ``told_too_late`` on
        ``extension_told_on``). Otherwise nothing changes.

        The id keeps its year: ids are stable (they are in letters and e-mails), so a
        request moved to another receipt year keeps e.g. ``VZ-2025-0042``; the receipt
        year is ``received.year``, not the id's.

        Raises
        ------
        ValidationError, ConflictError, NotFoundError
        """
        c = Checker()
        actor = self._actor(by, c)
        for key in fields:
            if key in _NOT_EDITABLE:
                c.add(key, "not_editable", how=_NOT_EDITABLE[key])
            elif key not in REQUEST_FIELDS:
                c.add(key, "unknown_field")
        c.done()

        def plan(cur: Request, now: dt.datetime) -> dict[str, Any]:
            merged = {f: getattr(cur, f) for f in REQUEST_FIELDS}
            merged["received"] = cur.received_at
            merged.update(fields)
            clean = clean_request(merged, now)
            if (clean["direct_marketing"] and cur.decision not in (None, "granted")):
                raise fail("direct_marketing", "dm_objection_absolute")
            if "received" in fields:
                clean["due_nominal"], clean["due"] = due_dates(
                    clean["received"], cur.extended, self.calendar)
            else:
                del clean["received"], clean["received_at"]
            return clean

        def check(conn: sa.Connection, cur: Request, wanted: dict[str, Any]) -> None:
            if "received" in wanted:
                self._check_recorded_facts(conn, cur, wanted["received"])

        def after(conn: sa.Connection, cur: Request, now: dt.datetime) -> None:
            new = self._load(conn, request_id)
            if new.direct_marketing and new.decision == "granted":
                self._suppress(conn, new, now)

        return self._change(request_id, version=version, actor=actor, action="updated",
                            plan=plan, after=after, check=check)

    #: Dates recorded on a request that cannot lie before its receipt.
    RECORDED_DATES = ("acknowledged_on", "info_requested_on", "info_received_on",
                      "identity_checked_on", "extended_on", "extension_told_on",
                      "decided_on")

    def _check_recorded_facts(self, conn: sa.Connection, cur: Request,
                              received: dt.date) -> None:
        """ValidationError when what was recorded about ``cur`` does not fit a receipt
        on ``received`` (see :meth:`update`)."""
        c = Checker()
        for field in self.RECORDED_DATES:
            day = getattr(cur, field)
            if day is not None and day < received:
                c.add(field, "before_received")
        if cur.extended:
            one_month = due_dates(received, False, self.calendar)[1]
            for field, code in (("extended_on", "extension_too_late"),
                                ("extension_told_on", "told_too_late")):
                day = getattr(cur, field)
                if day is not None and day > one_month and not c.bad(field):
                    c.add(field, code, due=one_month.isoformat())
        a = schema.audit
        moves = list(conn.execute(sa.select(a.c.at).where(
            a.c.request_id == cur.id, a.c.action == "status")).scalars())
        moves += [m for m in (cur.answered_at, cur.closed_at) if m is not None]
        first = min((m.astimezone(AMSTERDAM).date() for m in moves), default=None)
        if first is not None and first < received:
            c.add("status", "moved_before_received", day=first.isoformat())
        c.done()

    def set_status(self, request_id: str, status: str, *, by: str | None = None,
                   note: str | None = None, version: int | None = None) -> Request:
        """Move the request along its lifecycle.

        Forward only, skipping allowed: received → identity_check → in_progress →
        answered → closed; ``withdrawn`` from any open status. ``answered`` and
        ``closed`` need a recorded decision (:meth:`decide`). Reaching ``closed`` or
        ``withdrawn`` sets ``closed_at`` (the retention period runs from it).

        Raises
        ------
        ValidationError
            ``transition_not_allowed`` or ``decision_missing`` on field ``status``.
        ConflictError, NotFoundError
        """
        c = Checker()
        actor = self._actor(by, c)
        c.choice("status", status, schema.STATUSES)
        note = c.text("note", note, one_line=False)
        c.done()

        def plan(cur: Request, now: dt.datetime) -> dict[str, Any]:
            old = cur.status
            if status not in schema.allowed_next(old):
                raise fail("status", "transition_not_allowed", old=old, new=status)
            if status in ("answered", "closed") and cur.decision is None:
                raise fail("status", "decision_missing")
            values: dict[str, Any] = {"status": status}
            if status == "answered":
                values["answered_at"] = now
            if status in FINAL_STATUSES:
                values["closed_at"] = now
            return values

        return self._change(request_id, version=version, actor=actor, action="status",
                            plan=plan, note=note)

    def _open_day(self, c: Checker, field: str, value: Any, now: dt.datetime
                  ) -> dt.date | None:
        return c.day(field, now if value is None else value, now)

    @staticmethod
    def _require_open(cur: Request) -> None:
        if not cur.is_open:
            raise fail("status", "not_open", status=cur.status)

    @classmethod
    def _require_open_on(cls, cur: Request, day: dt.date,
                         floor: dt.date | None = None) -> None:
        """A fact dated ``day`` may be recorded: the request is open and ``day`` is not
        before ``floor`` (default: the receipt date)."""
        cls._require_open(cur)
        if day < (floor or cur.received):
            raise fail("on", "before_received")

    def acknowledge(self, request_id: str, *, on: Any = None, by: str | None = None,
                    version: int | None = None) -> Request:
        """Record that receipt was acknowledged to the requester (``on``: default
        today)."""
        now = self.now()
        c = Checker()
        actor = self._actor(by, c)
        day = self._open_day(c, "on", on, now)
        c.done()

        def plan(cur: Request, _now: dt.datetime) -> dict[str, Any]:
            self._require_open_on(cur, day)
            return {"acknowledged_on": day}

        return self._change(request_id, version=version, actor=actor,
                            action="acknowledged", plan=plan)

    def request_info(self, request_id: str, *, on: Any = None, note: str | None = None,
                     by: str | None = None, version: int | None = None) -> Request:
        """Record that extra information (e.g. to confirm identity) was asked for.

        The deadline does not pause: the clock keeps running from receipt.
        """
        return self._info("info_requested_on", "info_requested", request_id, on, note,
                          by, version)

    def receive_info(self, request_id: str, *, on: Any = None, note: str | None = None,
                     by: str | None = None, version: int | None = None) -> Request:
        """Record that the information asked for arrived."""
        return self._info("info_received_on", "info_received", request_id, on, note,
                          by, version)

    def _info(self, column: str, action: str, request_id: str, on: Any, note: Any,
              by: Any, version: Any) -> Request:
        now = self.now()
        c = Checker()
        actor = self._actor(by, c)
        day = self._open_day(c, "on", on, now)
        note = c.text("note", note, one_line=False)
        if note and looks_like_bsn(note):
            c.add("note", "bsn_not_allowed")
        c.done()

        def plan(cur: Request, _now: dt.datetime) -> dict[str, Any]:
            floor = cur.info_requested_on if column == "info_received_on" else None
            self._require_open_on(cur, day, floor)
            return {column: day}

        return self._change(request_id, version=version, actor=actor, action=action,
                            plan=plan, note=note)

    def record_identity(self, request_id: str, *, verified: bool, method: str,
                        note: str | None = None, on: Any = None, by: str | None = None,
                        version: int | None = None) -> Request:
        """Record the identity check: verified yes/no, how, when, a note.

        Never a document: no copy, no BSN (a note holding a BSN-like number is
        refused).

        Parameters
        ----------
        verified : bool
        method : str
            One of ``schema.IDENTITY_METHODS``: ``existing_channel``,
            ``email_confirmation``, ``id_shown``, ``other``.
        """
        now = self.now()
        c = Checker()
        actor = self._actor(by, c)
        verified = c.boolean("verified", verified)
        method = c.choice("method", method, schema.IDENTITY_METHODS)
        note = c.text("note", note, one_line=False, limit=2_000)
        if note and looks_like_bsn(note):
            c.add("note", "bsn_not_allowed")
        day = self._open_day(c, "on", on, now)
        c.done()

        def plan(cur: Request, _now: dt.datetime) -> dict[str, Any]:
            self._require_open_on(cur, day)
            return {"identity_verified": verified, "identity_method": method,
                    "identity_checked_on": day, "identity_note": note}

        return self._change(request_id, version=version, actor=actor, action="identity",
                            plan=plan)

    def extend(self, request_id: str, *, reason: str, justification: str,
               by: str | None = None, today: Any = None, version: int | None = None,
               told_on: Any = None) -> Request:
        """Extend the deadline by two further months (GDPR Art. 12(3)).

        Once only; only while the one-month deadline has not passed on ``today``; the
        requester must be told within that month (``told_on``, default ``today``).
        The new due date is receipt + 3 months, rolled to a working day.

        Parameters
        ----------
        reason : str
            ``"complexity"`` or ``"number_of_requests"``.
        justification : str
            Why; required.
        today : date, datetime or str, optional
            The day the extension is decided; ``None`` = today (Europe/Amsterdam).
            Not in the future and not before receipt. It may be backdated (recording
            an extension decided earlier); the audit row still records the real
            moment and staff member, so a backdated extension is visible in the
            audit trail (``extended_on`` earlier than the row's ``at``).
        told_on : date, datetime or str, optional
            When the requester was told; default ``today``. Not in the future, not
            after ``today`` and not before receipt.

        Raises
        ------
        ValidationError
            ``already_extended``, ``extension_too_late``, ``told_too_late``,
            ``in_future``, ``before_received``, ``not_open``, bad or missing fields.
        ConflictError, NotFoundError
        """
        now = self.now()
        c = Checker()
        actor = self._actor(by, c)
        reason = c.choice("reason", reason, schema.EXTENSION_REASONS)
        justification = c.text("justification", justification, required=True,
                               one_line=False)
        day = self._open_day(c, "today", today, now)
        told = self._open_day(c, "told_on", told_on, now) if told_on is not None else day
        if day and told and told > day:
            c.add("told_on", "in_future")
        c.done()

        def plan(cur: Request, _now: dt.datetime) -> dict[str, Any]:
            self._require_open(cur)
            if cur.extended:
                raise fail("reason", "already_extended")
            one_month = due_dates(cur.received, False, self.calendar)[1]
            c2 = Checker()
            if day < cur.received:
                c2.add("today", "before_received")
            elif day > one_month:
                c2.add("today", "extension_too_late", due=one_month.isoformat())
            if told_on is not None:  # else it is ``today``, checked just above
                if told < cur.received:
                    c2.add("told_on", "before_received")
                elif told > one_month:
                    c2.add("told_on", "told_too_late", due=one_month.isoformat())
            c2.done()
            nominal, due = due_dates(cur.received, True, self.calendar)
            return {"extended": True, "extension_reason": reason,
                    "extension_justification": justification, "extended_on": day,
                    "extension_told_on": told, "due_nominal": nominal, "due": due}

        return self._change(request_id, version=version, actor=actor, action="extended",
                            plan=plan)

    def decide(self, request_id: str, *, outcome: str, ground: str | None = None,
               reasons: str | None = None, told_about_complaint: bool | None = None,
               on: Any = None, by: str | None = None,
               version: int | None = None) -> Request:
        """Record the decision, apart from the status.

        Parameters
        ----------
        outcome : str
            ``"granted"``, ``"partly"`` or ``"refused"``.
        ground, reasons : str
            Legal ground (one line, e.g. "Art. 12(5) AVG: kennelijk ongegrond") and
            written reasons; required for ``partly`` and ``refused``.
        told_about_complaint : bool
            The requester was told about complaining to the Autoriteit
            Persoonsgegevens and going to court (Art. 12(4)); must be true for
            ``partly`` and ``refused``.
        on : date, optional
            Day of the decision; default today.

        An objection to direct marketing can only be granted; granting it puts the
        requester's e-mail address and phone number on the suppression list
        (:meth:`suppressed`), in the same transaction.

        Raises
        ------
        ValidationError
            ``dm_objection_absolute``, ``complaint_info_required``, ``required``,
            ``not_open``, …
        ConflictError, NotFoundError
        """
        now = self.now()
        c = Checker()
        actor = self._actor(by, c)
        outcome = c.choice("outcome", outcome, schema.OUTCOMES)
        ground = c.text("ground", ground, limit=500)
        reasons = c.text("reasons", reasons, one_line=False, limit=20_000)
        told = c.boolean("told_about_complaint", told_about_complaint, allow_none=True)
        day = self._open_day(c, "on", on, now)
        if outcome in ("partly", "refused"):
            if ground is None and not c.bad("ground"):
                c.add("ground", "required")
            if reasons is None and not c.bad("reasons"):
                c.add("reasons", "required")
            if told is not True and not c.bad("told_about_complaint"):
                c.add("told_about_complaint", "complaint_info_required")
        c.done()

        def plan(cur: Request, _now: dt.datetime) -> dict[str, Any]:
            self._require_open(cur)
            if cur.direct_marketing and outcome != "granted":
                raise fail("outcome", "dm_objection_absolute")
            if day < cur.received:
                raise fail("on", "before_received")
            return {"decision": outcome, "decision_ground": ground,
                    "decision_reasons": reasons, "told_about_complaint": told,
                    "decided_on": day}

        def after(conn: sa.Connection, cur: Request, now_: dt.datetime) -> None:
            if cur.direct_marketing and outcome == "granted":
                self._suppress(conn, cur, now_)

        return self._change(request_id, version=version, actor=actor, action="decided",
                            plan=plan, after=after)

    # -- suppression list (the newsletter "blokkeerlijst") -----------------------------

    def _suppress(self, conn: sa.Connection, req: Request, now: dt.datetime) -> None:
        s = schema.suppression
        for kind, contact in (("email", req.email), ("phone", req.phone)):
            if not contact:
                continue
            key = contact.lower() if kind == "email" else contact
            exists = conn.execute(sa.select(s.c.contact).where(s.c.contact == key)
                                  ).first()
            if exists:
                continue
            try:
                with conn.begin_nested():
                    conn.execute(sa.insert(s), {"contact": key, "kind": kind,
                                                "added_at": now, "request_id": req.id})
            except sa.exc.IntegrityError:  # added concurrently: fine
                pass

    @staticmethod
    def _contact_key(contact: str) -> str | None:
        contact = contact.strip()
        if "@" in contact:
            return contact.lower()
        c = Checker()
        return c.phone(contact)

    def suppressed(self, contact: str) -> bool:
        """True when an e-mail address or phone number is on the do-not-mail list."""
        if not isinstance(contact, str) or not contact.strip():
            return False
        key = self._contact_key(contact)
        if key is None:
            return False
        s = schema.suppression
        with self._read() as conn:
            return conn.execute(sa.select(s.c.contact).where(s.c.contact == key)
                                ).first() is not None

    def suppression_list(self) -> list[dict[str, Any]]:
        """The do-not-mail list: dicts with contact, kind, added_at, request_id."""
        s = schema.suppression
        with self._read() as conn:
            rows = conn.execute(sa.select(s).order_by(s.c.added_at, s.c.contact)
                                ).mappings().all()
        return [{**r, "added_at": r["added_at"].astimezone(AMSTERDAM)} for r in rows]

    # -- views (pandas, imported lazily) ----------------------------------------------

    def _where(self, *, status: Any = None, request_type: Any = None, since: Any = None,
               until: Any = None, overdue: bool | None = None,
               due_within: int | None = None, today: Any = None) -> list[Any]:
        """SQL conditions for the frame/export filters; ValidationError if bad."""
        c = Checker()
        where: list[Any] = []
        now = self.now()

        def many(field: str, value: Any, vocab: tuple[str, ...], col: Any) -> None:
            if value is None:
                return
            values = [value] if isinstance(value, str) else list(value)
            for v in values:
                c.choice(field, v, vocab)
            where.append(col.in_(values))

        many("status", status, schema.STATUSES, T_REQ.c.status)
        many("request_type", request_type, schema.REQUEST_TYPES, T_REQ.c.request_type)
        for field, value, op in (("since", since, "ge"), ("until", until, "le")):
            if value is None:
                continue
            try:
                day = as_today(value, now, field)
            except ValidationError as err:
                c.problems.extend(err.problems)
                continue
            where.append(T_REQ.c.received >= day if op == "ge"
                         else T_REQ.c.received <= day)
        try:
            day = as_today(today, now)
        except ValidationError as err:
            c.problems.extend(err.problems)
            day = now.date()
        if overdue is not None:  # deadlines.is_overdue, in SQL
            cond = sa.and_(T_REQ.c.status.in_(OPEN_STATUSES), T_REQ.c.due < day)
            where.append(cond if overdue else sa.not_(cond))
        if due_within is not None:
            days = c.integer("days", due_within, 0, 3660)
            if days is not None:
                where.append(sa.and_(T_REQ.c.status.in_(OPEN_STATUSES),
                                     T_REQ.c.due >= day,
                                     T_REQ.c.due_nominal <= day + dt.timedelta(days=days)))
        c.done()
        return where

    def _select(self, columns: Iterable[str], where: list[Any], *, raw: bool
                ) -> tuple[list[str], sa.Select]:
        """Rows of ``requests`` (ordered by receipt); ``raw`` skips per-value type
        conversion of dates and moments (SQLite gives ISO strings) for bulk readers."""
        names = list(columns)
        cols = []
        for name in names:
            col = T_REQ.c[name]
            if raw and (name in schema.DATE_COLUMNS or name in schema.MOMENT_COLUMNS):
                col = sa.type_coerce(col, sa.String).label(name)
            cols.append(col)
        stmt = (sa.select(*cols).where(*where)
                .order_by(T_REQ.c.received, T_REQ.c.created_at, T_REQ.c.id))
        return names, stmt

    def rows(self, columns: Iterable[str] | None = None, *, raw: bool = False,
             **filters: Any) -> tuple[list[str], list[tuple]]:
        """Column names and row tuples of the requests matching ``filters`` (those of
        :meth:`frame`), oldest receipt first. The building block of frames and
        exports."""
        where = self._where(**filters)
        names, stmt = self._select(columns or _REQUEST_FIELD_NAMES, where, raw=raw)
        with self._read() as conn:
            return names, [tuple(r) for r in conn.execute(stmt)]

    def frame(self, status: Any = None, request_type: Any = None, since: Any = None,
              until: Any = None, *, overdue: bool | None = None, today: Any = None):
        """The requests as a typed ``pandas.DataFrame``, one row per request.

        Columns are :class:`Request`'s fields; ``request_type``, ``status``,
        ``channel`` and the other vocabularies are ``Categorical`` with the full
        vocabulary as categories (``status`` ordered along the lifecycle); calendar
        dates (``received``, ``due``, …) are ``datetime64`` (naive, midnight);
        moments (``received_at``, ``closed_at``, …) are ``datetime64`` in
        Europe/Amsterdam; yes/no columns are ``bool`` (``boolean`` where unknown is
        possible).

        Parameters
        ----------
        status, request_type : str or list of str, optional
        since, until : date-like, optional
            Received on or after / on or before (inclusive).
        overdue : bool, optional
            Only overdue (True) or only not overdue (False) requests on ``today``.
        today : date-like, optional
            For ``overdue``; default today in Europe/Amsterdam.
        """
        from privacy_kb.register import frames

        return frames.requests_frame(self, status=status, request_type=request_type,
                                     since=since, until=until, overdue=overdue,
                                     today=today)

    def overdue(self, today: Any = None):
        """DataFrame of open requests past their legal due date on ``today``, with a
        ``days_overdue`` column; most overdue first."""
        from privacy_kb.register import frames

        return frames.overdue_frame(self, today=today)

    def due_soon(self, today: Any = None, days: int = 7):
        """DataFrame of open requests not overdue whose nominal due date (the one to
        alert on) is within ``days`` of ``today``, with ``days_left`` (to the legal
        date); soonest first."""
        from privacy_kb.register import frames

        return frames.due_soon_frame(self, today=today, days=days)

    def history(self, request_id: str):
        """DataFrame of the audit trail of one request, from its ``received`` row on:
        ``seq, at, by, action, changes (dict field -> [old, new]), summary, note``."""
        from privacy_kb.register import frames

        return frames.history_frame(self, request_id)

    def database_files(self) -> list[Path]:
        """The files that hold this register, resolved: a SQLite file and its
        ``-wal``, ``-shm`` and ``-journal`` companions (whether they exist or not).
        Empty for an in-memory SQLite store and for other engines (nothing on this
        machine to protect)."""
        if not self.is_sqlite:
            return []
        database = self.engine.url.database or ""
        if database in ("", ":memory:") or database.startswith("file:"):
            return []
        main = Path(database).expanduser().resolve()
        return [main] + [main.with_name(main.name + suffix)
                         for suffix in ("-wal", "-shm", "-journal")]

    def export_csv(self, path: Any, *, profile: str = "excel-nl",
                   columns: str = "standard", **filters: Any) -> int:
        """Write the requests to CSV; see :func:`privacy_kb.register.export.export_csv`.

        Returns the number of requests written.
        """
        from privacy_kb.register import export

        return export.export_csv(self, path, profile=profile, columns=columns,
                                 **filters)

    # -- backup ------------------------------------------------------------------------

    def backup(self, path: str | os.PathLike, *, overwrite: bool = False) -> Path:
        """Copy the register with SQLite's online backup API (safe while others write).

        The copy is created with mode 0600. PostgreSQL registers use ``pg_dump``.

        Raises
        ------
        StoreError
            Not SQLite, ``path`` is the register's own file (or its -wal/-shm), or
            ``path`` exists and ``overwrite`` is false.
        """
        if not self.is_sqlite:
            raise StoreError("Maak een back-up van PostgreSQL met pg_dump.",
                             "Back up PostgreSQL with pg_dump.")
        import sqlite3

        target = Path(path).expanduser()
        if target.resolve() in self.database_files():
            raise StoreError(f"{target} is het register zelf; kies een ander bestand.",
                             f"{target} is the register itself; choose another file.")
        if target.exists() and not overwrite:
            raise StoreError(f"{target} bestaat al.", f"{target} already exists.")
        target.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(target, os.O_CREAT | os.O_RDWR, 0o600))
        os.chmod(target, 0o600)
        dest = sqlite3.connect(target)
        raw = self.engine.raw_connection()
        try:
            raw.driver_connection.backup(dest)
        finally:
            raw.close()
            dest.close()
        return target

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` ("ok" when sound); "ok" elsewhere."""
        if not self.is_sqlite:
            return "ok"
        with self._read() as conn:
            return "\n".join(r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check"))

    # -- retention ---------------------------------------------------------------------

    def set_retention(self, days: int, justification: str, *, mode: str = "delete",
                      by: str | None = None) -> RetentionPolicy:
        """Set how long closed requests are kept after closure, and why.

        Parameters
        ----------
        days : int
            Days after ``closed_at`` (1 to 36,500).
        justification : str
            The written justification (required).
        mode : str
            What :meth:`purge` does: ``"delete"`` the request and its audit trail, or
            ``"anonymise"`` it (personal data and free text removed from the request
            and its audit trail; type, dates, status and decision kept for reports).
        """
        now = self.now()
        c = Checker()
        actor = self._actor(by, c)
        days = c.integer("days", days, 1, 36_500)
        justification = c.text("justification", justification, required=True,
                               one_line=False, limit=5_000)
        mode = c.choice("mode", mode, schema.PURGE_MODES)
        c.done()
        values = {"retention_days": str(days), "retention_justification": justification,
                  "retention_mode": mode, "retention_set_by": actor,
                  "retention_set_at": now.isoformat()}
        st = schema.settings
        with self._write() as conn:
            conn.execute(sa.delete(st).where(st.c.key.in_(_SETTINGS_KEYS)))
            conn.execute(sa.insert(st), [{"key": k, "value": v} for k, v in values.items()])
        return self.retention  # type: ignore[return-value]

    @property
    def retention(self) -> RetentionPolicy | None:
        """The retention policy, or None when none was set."""
        st = schema.settings
        with self._read() as conn:
            found = dict(conn.execute(sa.select(st.c.key, st.c.value)
                                      .where(st.c.key.in_(_SETTINGS_KEYS))).all())
        if "retention_days" not in found:
            return None
        return RetentionPolicy(int(found["retention_days"]),
                               found["retention_justification"],
                               found["retention_mode"], found["retention_set_by"],
                               dt.datetime.fromisoformat(found["retention_set_at"]))

    def purge(self, today: Any = None, *, dry_run: bool = False,
              by: str | None = None) -> PurgeResult:
        """Delete or anonymise closed and withdrawn requests whose retention period
        has run out on ``today``; log the count and the cut-off date only.

        The suppression list is kept: an objection to direct marketing keeps working.

        ``today`` may be earlier than today (purge as on a past day: fewer requests
        have expired), never later: a future day would purge requests before their
        retention period has run out.

        Raises
        ------
        ValidationError
            ``retention_not_configured`` (field ``retention``) when no policy was set;
            ``in_future`` or ``invalid_date`` (field ``today``).
        """
        now = self.now()
        c = Checker()
        actor = self._actor(by, c)
        day = None
        try:
            day = as_today(today, now)
        except ValidationError as err:
            c.problems.extend(err.problems)
        if day is not None and day > now.date():
            c.add("today", "in_future")
        policy = self.retention
        if policy is None:
            c.add("retention", "retention_not_configured")
        c.done()
        cutoff = day - dt.timedelta(days=policy.days)
        cutoff_moment = dt.datetime.combine(cutoff, dt.time(), tzinfo=AMSTERDAM)
        expired = sa.select(T_REQ.c.id).where(
            T_REQ.c.status.in_(FINAL_STATUSES), T_REQ.c.closed_at < cutoff_moment,
            sa.not_(T_REQ.c.anonymised))
        if dry_run:
            with self._read() as conn:
                n = len(conn.execute(expired).all())
            return PurgeResult(n, cutoff, policy.mode, True)
        with self._write() as conn:
            ids = list(conn.execute(expired).scalars())
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                if policy.mode == "delete":
                    conn.execute(sa.delete(schema.audit)
                                 .where(schema.audit.c.request_id.in_(chunk)))
                    conn.execute(sa.delete(T_REQ).where(T_REQ.c.id.in_(chunk)))
                else:
                    self._anonymise(conn, chunk, actor, now)
            conn.execute(sa.insert(schema.purge_log),
                         {"at": now, "actor": actor, "mode": policy.mode,
                          "closed_before": cutoff, "count": len(ids)})
        log.info("register purge (%s): %d requests closed before %s", policy.mode,
                 len(ids), cutoff.isoformat())
        return PurgeResult(len(ids), cutoff, policy.mode, False)

    def _anonymise(self, conn: sa.Connection, ids: list[str], actor: str,
                   now: dt.datetime) -> None:
        personal = set(schema.PERSONAL_COLUMNS)
        blank = {col: ("" if not T_REQ.c[col].nullable or col in
                       ("extension_justification", "decision_ground",
                        "decision_reasons") else None)
                 for col in personal}
        conn.execute(sa.update(T_REQ).where(T_REQ.c.id.in_(ids))
                     .values(**blank, anonymised=True, version=T_REQ.c.version + 1,
                             updated_at=now))
        a = schema.audit
        for seq, changes in conn.execute(sa.select(a.c.seq, a.c.changes)
                                         .where(a.c.request_id.in_(ids))).all():
            data = json.loads(changes)
            cleaned = {k: ([None, None] if k in personal else v) for k, v in data.items()}
            conn.execute(sa.update(a).where(a.c.seq == seq)
                         .values(changes=json.dumps(cleaned, sort_keys=True), note=None))
        self._audit(conn, [{"request_id": rid, "at": now, "actor": actor,
                            "action": "anonymised"} for rid in ids])

    def purge_log(self) -> list[dict[str, Any]]:
        """Past purges: at, by, mode, closed_before, count."""
        p = schema.purge_log
        with self._read() as conn:
            rows = conn.execute(sa.select(p).order_by(p.c.seq)).mappings().all()
        return [{"at": r["at"].astimezone(AMSTERDAM), "by": r["actor"], "mode": r["mode"],
                 "closed_before": r["closed_before"], "count": r["count"]} for r in rows]
