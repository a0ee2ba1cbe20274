"""The register's store: one :class:`Register` over one SQLAlchemy engine.

The rules live in :mod:`privacy_kb.register.lifecycle` (pure functions); this module
loads a request, asks the rule for the change and applies it with its audit row in
one transaction (:meth:`Register.atomic`): after a crash either both exist or
neither. On SQLite each write transaction starts with ``BEGIN IMMEDIATE`` (WAL
journal, ``synchronous=FULL``, a 30 s busy timeout), so kernels that write at once
queue instead of failing with "database is locked". Edits are
``UPDATE … WHERE id = ? AND version = ?``: an edit based on a stale copy raises
:class:`~privacy_kb.errors.ConflictError` and changes nothing.

Other concerns have their own modules, which use only the public methods of
:class:`Register`: :mod:`~privacy_kb.register.engine` (URLs, engines, driver errors),
:mod:`~privacy_kb.register.audit`, :mod:`~privacy_kb.register.suppression` (the
do-not-mail list), :mod:`~privacy_kb.register.retention` (retention and purge),
:mod:`~privacy_kb.register.backup`. See ``docs/register-store.md``.

This module does not import pandas; :mod:`privacy_kb.register.frames` does, lazily.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

import sqlalchemy as sa

from privacy_kb.clock import AMSTERDAM, now_amsterdam
from privacy_kb.errors import ConflictError, NotFoundError, StoreError, ValidationError
from privacy_kb.register import audit, deadlines, lifecycle, retention, schema, suppression
from privacy_kb.register.deadlines import DEFAULT_CALENDAR, HolidayCalendar
# Re-exported: these names were defined here before the store was split by concern.
from privacy_kb.register.engine import (BUSY_TIMEOUT_S, ENV_VAR, check_file_modes,  # noqa: F401
                                        default_location, describe, make_engine,
                                        mask_url, store_error, store_url)
from privacy_kb.register.lifecycle import REQUEST_COLUMNS, Change, Request
from privacy_kb.register.retention import PurgeResult, RetentionPolicy  # noqa: F401
from privacy_kb.register.validation import Checker, as_today, fail
from privacy_kb.vocabulary import OPEN_STATUSES

__all__ = ["open_register", "Register", "Request", "RetentionPolicy", "PurgeResult",
           "default_location", "make_engine", "store_url", "ENV_VAR", "request_from_row"]

T_REQ = schema.requests
log = logging.getLogger("privacy_kb.register")
assert set(REQUEST_COLUMNS) == {c.name for c in T_REQ.columns}


def request_from_row(row: Mapping[str, Any]) -> Request:
    """A :class:`Request` from a ``requests`` row (moments converted to
    Europe/Amsterdam)."""
    values = {f: row[f] for f in REQUEST_COLUMNS}
    for col in schema.MOMENT_COLUMNS:
        if values[col] is not None:
            values[col] = values[col].astimezone(AMSTERDAM)
    return Request(**values)


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
        Create a missing SQLite file (mode 0600) and the register's tables. ``False``
        (what read-only commands use) refuses a missing file and a database without
        a register (``StoreError``), and creates nothing.
    calendar : HolidayCalendar, optional
        Holidays for deadlines; default Dutch public holidays including 5 May.
    clock : callable, optional
        Returns "now" (aware datetime); for tests. Default: the system clock.
    by : str, optional
        Staff member recorded in the audit trail when a call passes no ``by``. Without
        it (and without ``$JUPYTERHUB_USER``) every change must name its ``by``.
    echo : bool
        Log every SQL statement (debugging).

    Returns
    -------
    Register

    Raises
    ------
    StoreError
        Naming the store and the cause: ``no_register``, ``not_a_register``,
        ``corrupt``, ``read_only``, ``disk_full``, ``unknown_driver``,
        ``missing_driver``, ``unreachable``, ``newer_schema``.

    Examples
    --------
    >>> reg = open_register(tmp_path / "register.sqlite3", by="Anna")  # doctest: +SKIP
    >>> req = reg.add(request_type="access", name="Jan", email="jan@example.nl",
    ...               channel="email", received="2026-01-31")     # doctest: +SKIP
    >>> req.id, req.due                                           # doctest: +SKIP
    ('VZ-2026-0001', datetime.date(2026, 3, 2))
    """
    engine = make_engine(url_or_path, create=create, echo=echo)
    reg = Register(engine, calendar=calendar, clock=clock, by=by)
    try:
        reg.ensure_schema(create=create)
    except BaseException:
        engine.dispose()
        raise
    check_file_modes(engine.url)   # a register others may read: warned, set to 0600
    return reg


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
        self.clock = clock
        self.default_by = by
        self.is_sqlite = engine.dialect.name == "sqlite"
        self._write_engine = (engine.execution_options(sqlite_begin="BEGIN IMMEDIATE")
                              if self.is_sqlite else engine)
        self._local = threading.local()

    # -- plumbing ----------------------------------------------------------------------

    def __repr__(self) -> str:
        return f"<Register {self.url}>"

    @property
    def url(self) -> str:
        """The store's URL, password hidden."""
        return mask_url(self.engine.url)

    def close(self) -> None:
        """Release the store's connections."""
        self.engine.dispose()

    def __enter__(self) -> "Register":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def now(self) -> dt.datetime:
        """The current moment, aware, in Europe/Amsterdam (from ``clock`` if set)."""
        now = self.clock() if self.clock else now_amsterdam()
        if now.tzinfo is None:
            now = now.replace(tzinfo=AMSTERDAM)
        return now.astimezone(AMSTERDAM)

    def today(self) -> dt.date:
        """Today in Europe/Amsterdam."""
        return self.now().date()

    def actor(self, by: Any, checker: Checker | None = None) -> str | None:
        """Who is making a change (:func:`lifecycle.resolve_actor`): ``by``, else the
        register's ``by``, else ``$JUPYTERHUB_USER``; else a ``ValidationError``
        (collected in ``checker`` when given, and None returned)."""
        try:
            return lifecycle.resolve_actor(by, self.default_by, os.environ)
        except ValidationError as err:
            if checker is None:
                raise
            checker.problems.extend(err.problems)
            return None

    @contextmanager
    def atomic(self) -> Iterator[sa.Connection]:
        """One write transaction (``BEGIN IMMEDIATE`` on SQLite) around the block.

        Every change the register makes runs in one; a block may hold many changes,
        which then commit together or not at all. Nested use is a savepoint: an
        exception rolls back to it and is re-raised. An exception leaving the
        outermost block rolls everything back and is re-raised (driver errors about
        the store itself as :class:`StoreError`).

        Examples
        --------
        >>> with reg.atomic():                                 # doctest: +SKIP
        ...     reg.acknowledge(rid, by="Anna")
        ...     reg.set_status(rid, "in_progress", by="Anna")
        """
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            with conn.begin_nested():
                yield conn
            return
        try:
            with self._write_engine.connect() as conn:
                with conn.begin():
                    self._local.conn = conn
                    try:
                        yield conn
                    finally:
                        self._local.conn = None
        except sa.exc.DBAPIError as exc:
            error = store_error(exc, self.engine.url)
            if error is None:
                raise
            raise error from exc

    @contextmanager
    def snapshot(self, *, repeatable: bool = False) -> Iterator[sa.Connection]:
        """One read transaction: a consistent snapshot (inside :meth:`atomic`, that
        transaction, so the block's own changes are seen). ``repeatable``: its
        statements must all see the same data — on PostgreSQL, whose default (READ
        COMMITTED) gives each statement a snapshot of its own, the transaction is
        REPEATABLE READ (SQLite's read transaction is one snapshot already)."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        try:
            with self.engine.connect() as conn:
                if repeatable and conn.dialect.name == "postgresql":
                    conn.execution_options(isolation_level="REPEATABLE READ")
                with conn.begin():
                    yield conn
        except sa.exc.DBAPIError as exc:
            error = store_error(exc, self.engine.url)
            if error is None:
                raise
            raise error from exc

    def ensure_schema(self, *, create: bool = True) -> None:
        """Create or upgrade the schema (:func:`schema.create_or_upgrade`); safe when
        many processes do it at once. With ``create=False`` a database without a
        register raises ``StoreError`` (``no_register`` when it is empty,
        ``not_a_register`` when it holds other tables) and nothing is created."""
        with self.snapshot() as conn:
            version = schema.current_version(conn)
            if version == schema.SCHEMA_VERSION:
                return
            if version is None and not create:
                where = describe(self.engine.url)
                others = schema.foreign_tables(conn)
                if others:
                    raise StoreError(
                        f"{where} is geen register (de database bevat andere tabellen: "
                        f"{', '.join(others[:5])}).",
                        f"{where} is not a register (the database holds other tables: "
                        f"{', '.join(others[:5])}).", "not_a_register")
                raise StoreError(f"Er is geen register op {where} (de database is leeg).",
                                 f"There is no register at {where} (the database is "
                                 "empty).", "no_register")
        with self.atomic() as conn:
            schema.create_or_upgrade(conn, self.now())

    def schema_version(self) -> int:
        """The schema version of the store (0: none)."""
        with self.snapshot() as conn:
            return schema.current_version(conn) or 0

    def database_files(self) -> list[Path]:
        """The files that hold this register, resolved: a SQLite file and its
        ``-wal``, ``-shm`` and ``-journal`` companions (whether they exist or not).
        Empty for an in-memory SQLite store and for other engines."""
        from privacy_kb.register.engine import database_files

        return database_files(self.engine.url)

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` ("ok" when sound); "ok" elsewhere."""
        if not self.is_sqlite:
            return "ok"
        with self.snapshot() as conn:
            return "\n".join(r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check"))

    def verify(self) -> list[audit.IntegrityProblem]:
        """Check every request and its audit trail against their seals
        (:mod:`privacy_kb.register.audit`): the problems found, each naming the
        request changed outside the register (a direct SQL ``UPDATE`` of its row, an
        audit row edited or deleted, a request inserted or deleted); an empty list
        when everything is as the register wrote it.

        Tamper-*evident*, not tamper-proof: someone with write access to the
        database who recomputes the seals is not caught; compare :meth:`audit_head`
        with a copy kept elsewhere for that.
        """
        with self.snapshot() as conn:
            return audit.verify(conn)

    def audit_head(self) -> str:
        """One digest over the latest seal of every request
        (:func:`privacy_kb.register.audit.head`): keep a copy outside the database."""
        with self.snapshot() as conn:
            return audit.head(conn)

    def scrub(self) -> None:
        """Leave nothing deleted readable in the store's files (SQLite): checkpoint the
        WAL into the database and truncate it, ``VACUUM`` (``secure_delete`` is always
        on, so freed pages are zeroed too), then truncate the WAL again. Other idle
        connections may stay open; one in the middle of reading is waited for (up to
        the busy timeout). Called after a purge; a no-op on other engines (see
        ``docs/register-retention.md`` for PostgreSQL)."""
        if not self.is_sqlite or not self.database_files():
            return
        raw = self.engine.raw_connection()
        try:
            db = raw.driver_connection
            self._checkpoint(db)
            db.execute("VACUUM")
            if not self._checkpoint(db):
                log.warning("register scrub: the WAL could not be truncated while "
                            "another connection was reading; the next checkpoint will")
        finally:
            raw.close()

    @staticmethod
    def _checkpoint(db: Any) -> bool:
        """``wal_checkpoint(TRUNCATE)``, retried while readers block it; True when done."""
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:
            busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if not busy:
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)

    # -- ids and changes -----------------------------------------------------------------

    @staticmethod
    def _next_ids(conn: sa.Connection, year: int, count: int = 1) -> list[str]:
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
    def _load(conn: sa.Connection, request_id: Any, lock: bool = False) -> Request:
        if not isinstance(request_id, str):
            raise NotFoundError(str(request_id))
        stmt = sa.select(T_REQ).where(T_REQ.c.id == request_id)
        if lock:
            stmt = stmt.with_for_update()
        row = conn.execute(stmt).mappings().first()
        if row is None:
            raise NotFoundError(request_id)
        return request_from_row(row)

    def _apply(self, request_id: str, *, version: Any, by: Any,
               command: Callable[[Request, dt.datetime, sa.Connection], Change]
               ) -> Request:
        """Load the request, ask ``command(current, now, conn)`` for the change (a
        lifecycle rule) and apply it with its audit rows, atomically.

        Raises ConflictError for a stale ``version``; ValidationError from the rule.
        """
        actor = self.actor(by)
        if version is not None and (isinstance(version, bool)
                                    or not isinstance(version, int)):
            raise fail("version", "not_number")
        now = self.now()
        with self.atomic() as conn:
            current = self._load(conn, request_id, lock=True)
            if version is not None and current.version != version:
                raise ConflictError(request_id)
            change = command(current, now, conn)
            if not change.values:
                return current
            done = conn.execute(
                sa.update(T_REQ)
                .where(T_REQ.c.id == request_id, T_REQ.c.version == current.version)
                .values(**change.values))
            if done.rowcount != 1:
                raise ConflictError(request_id)
            after = change.apply(current)
            audit.append(conn, request_id, [(now, actor, e, after) for e in change.audit])
            if change.suppress:
                suppression.add_contacts(conn, request_id, after.email, after.phone, now)
        return after

    # -- adding ------------------------------------------------------------------------

    def add(self, *, request_type: str | None = None, name: str | None = None,
            email: str | None = None, phone: str | None = None,
            organisation: str | None = None, on_behalf_of: str | None = None,
            authority_checked: bool = False, channel: str | None = None,
            received: Any = None, description: str | None = "",
            direct_marketing: bool = False, handler: str | None = None,
            lang: str | None = None, by: str | None = None) -> Request:
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
        lang : {"nl", "en"}, optional
            The requester's language (default "nl"): letters are drafted in it.
        by : str, optional
            Who registers it (audit trail); see :meth:`actor`.

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
               "direct_marketing": direct_marketing, "handler": handler, "lang": lang}
        now = self.now()
        c = Checker()
        actor = self.actor(by, c)
        try:
            row, entry = lifecycle.new_request(raw, now=now, calendar=self.calendar)
        except ValidationError as err:
            c.problems.extend(err.problems)
        c.done()
        with self.atomic() as conn:
            row["id"] = self._next_ids(conn, row["received"].year)[0]
            conn.execute(sa.insert(T_REQ), row)
            audit.append_new(conn, [(row["id"], [(now, actor, entry, row)])])
        return request_from_row(row)

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
        actor = self.actor(by, c)
        made: list = []
        try:
            made = lifecycle.new_requests(records, now=now, calendar=self.calendar)
        except ValidationError as err:
            c.problems.extend(err.problems)
        c.done()
        if not made:
            return []
        rows = [row for row, _ in made]
        with self.atomic() as conn:
            self._assign_ids(conn, rows)
            conn.execute(sa.insert(T_REQ), rows)
            audit.append_new(conn, [(row["id"], [(now, actor, entry, row)])
                                    for row, entry in made])
        return [r["id"] for r in rows]

    def _assign_ids(self, conn: sa.Connection, rows: list[dict[str, Any]]) -> None:
        """Give each row the next id of its receipt year, inside the write transaction."""
        by_year: dict[int, list[dict]] = {}
        for row in rows:
            by_year.setdefault(row["received"].year, []).append(row)
        for year, group in sorted(by_year.items()):
            for row, rid in zip(group, self._next_ids(conn, year, len(group))):
                row["id"] = rid

    def add_replayed(self, histories: Iterable["lifecycle.Replay"]) -> list[str]:
        """Store requests whose whole history was made by the lifecycle commands
        outside the store (:class:`lifecycle.Replay`: demo data, imports of past
        events), in one transaction: each gets the next id of its receipt year, its
        final state, every audit row with the moment and staff member it was made
        at, and its contacts on the do-not-mail list when a command asked for it.

        Every state was made by the same rules as :meth:`add` and the other commands
        apply (and the database's constraints check it again); nothing is written
        when anything fails. Returns the new ids in order.
        """
        items = list(histories)
        rows = [{c: getattr(h.request, c) for c in REQUEST_COLUMNS} for h in items]
        if not rows:
            return []
        with self.atomic() as conn:
            self._assign_ids(conn, rows)
            conn.execute(sa.insert(T_REQ), rows)
            audit.append_new(conn, [(row["id"], h.log) for row, h in zip(rows, items)])
            for row, h in zip(rows, items):
                if h.suppress:
                    suppression.add_contacts(conn, row["id"], row["email"], row["phone"],
                                             h.request.updated_at)
        return [r["id"] for r in rows]

    # -- reading -----------------------------------------------------------------------

    def get(self, request_id: str) -> Request:
        """The request as it is now.

        Raises
        ------
        NotFoundError
            No request has that id.
        """
        with self.snapshot() as conn:
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
        with self.snapshot() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(T_REQ)).scalar_one()

    def ids(self) -> list[str]:
        """All request ids, oldest receipt first."""
        with self.snapshot() as conn:
            return list(conn.execute(sa.select(T_REQ.c.id)
                                     .order_by(T_REQ.c.received, T_REQ.c.id)).scalars())

    def audit_rows(self, request_id: str) -> list[dict[str, Any]]:
        """The audit trail of one request as dicts (``at`` aware, ``changes`` a dict),
        oldest first; see :meth:`history` for a DataFrame."""
        with self.snapshot() as conn:
            self._load(conn, request_id)
            return audit.rows(conn, request_id)

    def allowed_actions(self, request: Request | str, today: Any = None) -> tuple[str, ...]:
        """What ``request`` (or the request with that id) allows on ``today``
        (default today): :func:`lifecycle.allowed_actions` with this register's
        calendar."""
        if isinstance(request, str):
            request = self.get(request)
        return lifecycle.allowed_actions(request, as_today(today, self.now()),
                                         self.calendar)

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
        def command(cur: Request, now: dt.datetime, conn: sa.Connection) -> Change:
            moves = audit.status_moves(conn, cur.id) if "received" in fields else ()
            return lifecycle.update(cur, fields, now=now, calendar=self.calendar,
                                    status_moves=moves)

        return self._apply(request_id, version=version, by=by, command=command)

    def set_status(self, request_id: str, status: str, *, by: str | None = None,
                   note: str | None = None, version: int | None = None) -> Request:
        """Move the request along its lifecycle (:func:`lifecycle.set_status`).

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
        return self._apply(request_id, version=version, by=by, command=lambda cur, now, _:
                           lifecycle.set_status(cur, status, note=note, now=now,
                                                calendar=self.calendar))

    def acknowledge(self, request_id: str, *, on: Any = None, by: str | None = None,
                    version: int | None = None) -> Request:
        """Record that receipt was acknowledged to the requester (``on``: default
        today)."""
        return self._apply(request_id, version=version, by=by, command=lambda cur, now, _:
                           lifecycle.acknowledge(cur, on=on, now=now,
                                                 calendar=self.calendar))

    def request_info(self, request_id: str, *, on: Any = None, note: str | None = None,
                     by: str | None = None, version: int | None = None) -> Request:
        """Record that extra information (e.g. to confirm identity) was asked for.

        The deadline does not pause: the clock keeps running from receipt.
        """
        return self._apply(request_id, version=version, by=by, command=lambda cur, now, _:
                           lifecycle.request_info(cur, on=on, note=note, now=now,
                                                  calendar=self.calendar))

    def receive_info(self, request_id: str, *, on: Any = None, note: str | None = None,
                     by: str | None = None, version: int | None = None) -> Request:
        """Record that the information asked for arrived."""
        return self._apply(request_id, version=version, by=by, command=lambda cur, now, _:
                           lifecycle.receive_info(cur, on=on, note=note, now=now,
                                                  calendar=self.calendar))

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
        return self._apply(request_id, version=version, by=by, command=lambda cur, now, _:
                           lifecycle.record_identity(cur, verified=verified, method=method,
                                                     note=note, on=on, now=now,
                                                     calendar=self.calendar))

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
        return self._apply(request_id, version=version, by=by, command=lambda cur, now, _:
                           lifecycle.extend(cur, reason=reason, justification=justification,
                                            today=today, told_on=told_on, now=now,
                                            calendar=self.calendar))

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
        return self._apply(request_id, version=version, by=by, command=lambda cur, now, _:
                           lifecycle.decide(cur, outcome=outcome, ground=ground,
                                            reasons=reasons,
                                            told_about_complaint=told_about_complaint,
                                            on=on, now=now, calendar=self.calendar))

    # -- letters to the requester (issue 11; privacy_kb.letters drafts them) ------------

    def letter(self, request_id: str, kind: str, lang: str | None = None, *,
               purpose: str | None = None, details: str | None = None,
               today: Any = None):
        """Draft a letter to the requester; nothing is sent.

        Parameters
        ----------
        kind : {"acknowledgement", "info_request", "extension_notice", "decision"}
        lang : {"nl", "en"}, optional
            Default: the request's language.
        purpose, details : str
            For an information request: ``"identity"`` (default) or
            ``"clarification"``, and what is needed (never an ID copy or a BSN).
        today : date, optional
            The letter's date; default today.

        Returns
        -------
        privacy_kb.letters.Letter
            ``kind, lang, to, subject, body`` and ``as_email()``.

        Raises
        ------
        ValidationError
            The kind does not fit the request's state (``not_extended``,
            ``no_decision``, …), an unknown kind or language.
        NotFoundError
        """
        from privacy_kb.letters import draft_letter

        request = self.get(request_id)
        lang = lang or request.lang
        template, _default = self.template(kind, lang)
        day = self.today() if today is None else as_today(today, self.now())
        return draft_letter(request, kind, lang, template=template, purpose=purpose,
                            details=details, today=day)

    def mark_sent(self, request_id: str, kind: str, *, on: Any = None,
                  by: str | None = None, version: int | None = None) -> Request:
        """Record that a letter of ``kind`` was sent to the requester on ``on``
        (default today); audited. The register never sends anything: someone records
        that they did. Sets ``acknowledged_on``, ``info_requested_on``,
        ``extension_told_on`` or ``decision_sent_on``.

        Raises
        ------
        ValidationError
            ``unknown_value`` (kind), ``not_extended``, ``no_decision``, ``not_open``,
            ``in_future``, ``before_received``, ``anonymised``.
        ConflictError, NotFoundError
        """
        return self._apply(request_id, version=version, by=by, command=lambda cur, now, _:
                           lifecycle.mark_sent(cur, kind, on=on, now=now,
                                               calendar=self.calendar))

    def letters_sent(self, request_id: str) -> dict[str, dt.date | None]:
        """Letter kind -> the day it was marked sent (None: not yet)."""
        request = self.get(request_id)
        return {kind: getattr(request, column)
                for kind, (column, _action) in lifecycle.LETTER_SENT.items()}

    def letter_flags(self, request_id: str, today: Any = None) -> list:
        """What needs attention about this request's letters
        (:func:`privacy_kb.letters.letter_flags`): ``acknowledgement_late``,
        ``extension_notice_not_sent``, ``extension_notice_late``."""
        from privacy_kb.letters import letter_flags

        day = self.today() if today is None else as_today(today, self.now())
        request = self.get(request_id)
        sent = {kind: getattr(request, column)
                for kind, (column, _action) in lifecycle.LETTER_SENT.items()}
        return letter_flags(request, sent, day, self.calendar)

    def letter_flags_all(self, today: Any = None) -> dict[str, list]:
        """Request id -> its letter flags, for every request that has any (the
        register table's "letters" column; one query)."""
        from privacy_kb.letters import letter_flags

        day = self.today() if today is None else as_today(today, self.now())
        columns = ["id", "status", "received", "extended"] + [
            column for column, _action in lifecycle.LETTER_SENT.values()]
        names, rows = self.rows(columns)
        out: dict[str, list] = {}
        for values in rows:
            row = dict(zip(names, values))
            sent = {kind: row[column]
                    for kind, (column, _action) in lifecycle.LETTER_SENT.items()}
            flags = letter_flags(row, sent, day, self.calendar)
            if flags:
                out[row["id"]] = flags
        return out

    def template(self, kind: str, lang: str):
        """The template in force for ``kind`` in ``lang`` and whether it is the
        default: ``(privacy_kb.letters.Template, bool)``."""
        from privacy_kb.letters.storage import load_template
        from privacy_kb.letters.templates import check_kind_lang

        check_kind_lang(kind, lang)
        with self.snapshot() as conn:
            return load_template(conn, schema.letter_templates, kind, lang)

    def save_template(self, kind: str, lang: str, subject: str, body: str, *,
                      by: str | None = None) -> bool:
        """Put staff's template in force for ``kind`` in ``lang``, after checking it
        says everything the law requires (:func:`privacy_kb.letters.validate_template`);
        one history row (who, when, old -> new). False when nothing changed.

        Raises
        ------
        ValidationError
            Field ``template``: what is missing or broken; nothing is written.
        """
        from privacy_kb.letters import validate_template
        from privacy_kb.letters.storage import store_template

        c = Checker()
        actor = self.actor(by, c)
        c.done()
        template = validate_template(kind, lang, subject, body)
        with self.atomic() as conn:
            return store_template(conn, (schema.letter_templates,
                                         schema.letter_template_history),
                                  template, by=actor, now=self.now())

    def restore_template(self, kind: str, lang: str, *, by: str | None = None) -> bool:
        """"Restore default": the shipped template is in force again; one history row.
        False when it already was."""
        from privacy_kb.letters.storage import restore_default
        from privacy_kb.letters.templates import check_kind_lang

        check_kind_lang(kind, lang)
        c = Checker()
        actor = self.actor(by, c)
        c.done()
        with self.atomic() as conn:
            return restore_default(conn, (schema.letter_templates,
                                          schema.letter_template_history),
                                   kind, lang, by=actor, now=self.now())

    def template_history(self, kind: str | None = None, lang: str | None = None
                         ) -> list[dict[str, Any]]:
        """Every template change, oldest first: ``kind, lang, at, by, action`` ("edit"
        or "restore"), ``old_subject, old_body, new_subject, new_body`` (None: the
        default)."""
        from privacy_kb.letters.storage import history_rows

        with self.snapshot() as conn:
            rows = history_rows(conn, schema.letter_template_history, kind, lang)
        for row in rows:
            row["at"] = row["at"].astimezone(AMSTERDAM)
        return rows

    # -- suppression list (the newsletter "blokkeerlijst") -----------------------------

    def suppressed(self, contact: str) -> bool:
        """True when an e-mail address or phone number is on the do-not-mail list, in
        any spelling :meth:`add` would store as the same address or number."""
        if suppression.contact_key(contact) is None:
            return False
        with self.snapshot() as conn:
            return suppression.contains(conn, contact)

    def suppression_list(self) -> list[dict[str, Any]]:
        """The do-not-mail list: dicts with contact, kind, added_at, request_id."""
        with self.snapshot() as conn:
            return suppression.entries(conn)

    # -- views (pandas, imported lazily) ----------------------------------------------

    def where(self, *, status: Any = None, request_type: Any = None, since: Any = None,
              until: Any = None, overdue: bool | None = None,
              due_within: int | None = None, today: Any = None) -> list[Any]:
        """SQL conditions on ``schema.requests`` for the frame/export filters
        (overdue and due-soon by :func:`deadlines.overdue_rule` and
        :func:`deadlines.due_soon_rule`); ValidationError if a filter is bad."""
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
        is_open = T_REQ.c.status.in_(OPEN_STATUSES)
        if overdue is not None:
            cond = deadlines.overdue_rule(is_open, T_REQ.c.due, day)
            where.append(cond if overdue else sa.not_(cond))
        if due_within is not None:
            days = c.integer("days", due_within, 0, 3660)
            if days is not None:
                where.append(deadlines.due_soon_rule(is_open, T_REQ.c.due_nominal,
                                                     T_REQ.c.due, day, days))
        c.done()
        return where

    def rows(self, columns: Iterable[str] | None = None, *, raw: bool = False,
             cells: Callable[[sa.Connection], Mapping[str, Callable[[Any], Any]]]
             | None = None, **filters: Any) -> tuple[list[str], list[tuple]]:
        """Column names and row tuples of the requests matching ``filters`` (those of
        :meth:`frame`), oldest receipt first; ``raw`` skips per-value type conversion
        of dates and moments (SQLite gives ISO strings) for bulk readers. ``cells``,
        given the connection (to look at the data first, in the same snapshot),
        maps column names to functions of the column giving the SQL expression to
        select instead (formatting done by the database). The building block of
        frames and exports."""
        where = self.where(**filters)
        names = list(columns or REQUEST_COLUMNS)
        # cells that look at the data first see the same data as the rows
        with self.snapshot(repeatable=cells is not None) as conn:  # fetchall: one call
            formats = cells(conn) if cells is not None else {}
            cols = []
            for name in names:
                col = T_REQ.c[name]
                if name in formats:
                    col = formats[name](col).label(name)
                elif raw and (name in schema.DATE_COLUMNS
                              or name in schema.MOMENT_COLUMNS):
                    col = sa.type_coerce(col, sa.String).label(name)
                cols.append(col)
            stmt = (sa.select(*cols).where(*where)
                    .order_by(T_REQ.c.received, T_REQ.c.created_at, T_REQ.c.id))
            return names, list(map(tuple, conn.execute(stmt).fetchall()))

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

    def due_soon(self, today: Any = None, days: int = deadlines.DUE_SOON_DAYS):
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

    def export_csv(self, path: Any, *, profile: str = "excel-nl",
                   columns: str = "standard", labels: str | None = None,
                   overwrite: bool = False, **filters: Any) -> int:
        """Write the requests to CSV; see :func:`privacy_kb.register.export.export_csv`.

        Returns the number of requests written.
        """
        from privacy_kb.register import export

        return export.export_csv(self, path, profile=profile, columns=columns,
                                 labels=labels, overwrite=overwrite, **filters)

    # -- backup and retention (own modules) ---------------------------------------------

    def backup(self, path: str | os.PathLike, *, overwrite: bool = False) -> Path:
        """Copy the register with SQLite's online backup API (safe while others write);
        see :func:`privacy_kb.register.backup.backup`.

        Raises
        ------
        StoreError
            Not SQLite, ``path`` is the register's own file (or its -wal/-shm), or
            ``path`` exists (or is a link, FIFO, …) and ``overwrite`` is false.
        """
        from privacy_kb.register import backup

        return backup.backup(self, path, overwrite=overwrite)

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
        return retention.set_policy(self, days, justification, mode=mode, by=by)

    @property
    def retention(self) -> RetentionPolicy | None:
        """The retention policy, or None when none was set."""
        return retention.policy(self)

    def purge(self, today: Any = None, *, dry_run: bool = False,
              by: str | None = None) -> PurgeResult:
        """Delete or anonymise closed and withdrawn requests whose retention period
        has run out on ``today``; log the count and the cut-off date only; then
        :meth:`scrub` the files so nothing of them stays readable.

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
        return retention.purge(self, today, dry_run=dry_run, by=by)

    def purge_log(self) -> list[dict[str, Any]]:
        """Past purges: at, by, mode, closed_before, count."""
        return retention.purge_log(self)

