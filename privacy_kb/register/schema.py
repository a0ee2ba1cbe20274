"""Tables of the request register: explicit DDL, vocabularies, schema version.

Everything here is portable SQLAlchemy Core (SQLite and PostgreSQL). Constraints live
in the database as well as in :mod:`privacy_kb.register.validation`, so that a bug or
a hand-written ``INSERT`` cannot store a request the rules forbid.

The ``schema_version`` table holds one row per applied version. :data:`MIGRATIONS`
maps a version to the function that brings a database from the previous version to
it; :func:`privacy_kb.register.store.open_register` runs the missing ones in order,
inside the same write transaction that checked the version.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

SCHEMA_VERSION = 3

# --- vocabularies: defined in privacy_kb/vocabulary.py (the engine shares them) ------
from privacy_kb.vocabulary import (  # noqa: E402,F401 - re-exported for the register
    LANGS, ARTICLES, AUDIT_ACTIONS, CHANNELS, EXTENSION_REASONS, FINAL_STATUSES, IDENTITY_METHODS,
    OPEN_STATUSES, OUTCOMES, PURGE_MODES, REQUEST_TYPES, STATUS_RANK, STATUSES, allowed_next,
)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class UTCDateTime(TypeDecorator):
    """A moment in time, stored in UTC, returned timezone-aware (UTC).

    SQLite has no time zones: SQLAlchemy's ``DateTime`` would silently drop the offset.
    Converting to UTC on the way in keeps stored values comparable on every backend.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(dt.timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)


metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("applied_at", UTCDateTime, nullable=False),
)

settings = sa.Table(
    "settings", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

request_counter = sa.Table(
    "request_counter", metadata,
    sa.Column("year", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("last", sa.Integer, nullable=False),
    sa.CheckConstraint("last >= 0", name="ck_counter_last"),
)

requests = sa.Table(
    "requests", metadata,
    sa.Column("id", sa.String(24), primary_key=True),
    sa.Column("request_type", sa.String(20), nullable=False),
    sa.Column("direct_marketing", sa.Boolean, nullable=False, default=False),
    # requester
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("email", sa.String(254)),
    sa.Column("phone", sa.String(32)),
    sa.Column("organisation", sa.String(200)),
    sa.Column("on_behalf_of", sa.String(200)),
    sa.Column("authority_checked", sa.Boolean, nullable=False, default=False),
    # arrival
    sa.Column("channel", sa.String(20), nullable=False),
    sa.Column("lang", sa.String(2), nullable=False, default="nl",
              server_default="nl"),
    sa.Column("received", sa.Date, nullable=False),
    sa.Column("received_at", UTCDateTime, nullable=False),
    sa.Column("description", sa.Text, nullable=False, default=""),
    # lifecycle and deadlines
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("due_nominal", sa.Date, nullable=False),
    sa.Column("due", sa.Date, nullable=False),
    sa.Column("acknowledged_on", sa.Date),
    sa.Column("extended", sa.Boolean, nullable=False, default=False),
    sa.Column("extension_reason", sa.String(32)),
    sa.Column("extension_justification", sa.Text),
    sa.Column("extended_on", sa.Date),
    sa.Column("extension_told_on", sa.Date),
    # identity (never a document: a yes/no, a method, a date and a note)
    sa.Column("identity_verified", sa.Boolean),
    sa.Column("identity_method", sa.String(32)),
    sa.Column("identity_checked_on", sa.Date),
    sa.Column("identity_note", sa.Text),
    sa.Column("info_requested_on", sa.Date),
    sa.Column("info_received_on", sa.Date),
    # decision
    sa.Column("decision", sa.String(16)),
    sa.Column("decision_ground", sa.String(500)),
    sa.Column("decision_reasons", sa.Text),
    sa.Column("told_about_complaint", sa.Boolean),
    sa.Column("decided_on", sa.Date),
    sa.Column("decision_sent_on", sa.Date),
    # handling
    sa.Column("handler", sa.String(100)),
    sa.Column("answered_at", UTCDateTime),
    sa.Column("closed_at", UTCDateTime),
    sa.Column("anonymised", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.CheckConstraint(_in("request_type", REQUEST_TYPES), name="ck_requests_type"),
    sa.CheckConstraint(_in("channel", CHANNELS), name="ck_requests_channel"),
    sa.CheckConstraint(_in("lang", LANGS), name="ck_requests_lang"),
    sa.CheckConstraint(_in("status", STATUSES), name="ck_requests_status"),
    sa.CheckConstraint(f"decision IS NULL OR {_in('decision', OUTCOMES)}",
                       name="ck_requests_decision"),
    sa.CheckConstraint(
        f"extension_reason IS NULL OR {_in('extension_reason', EXTENSION_REASONS)}",
        name="ck_requests_extension_reason"),
    sa.CheckConstraint(
        f"identity_method IS NULL OR {_in('identity_method', IDENTITY_METHODS)}",
        name="ck_requests_identity_method"),
    sa.CheckConstraint("anonymised OR email IS NOT NULL OR phone IS NOT NULL",
                       name="ck_requests_contact"),
    sa.CheckConstraint("NOT direct_marketing OR request_type = 'objection'",
                       name="ck_requests_direct_marketing"),
    sa.CheckConstraint("NOT direct_marketing OR decision IS NULL OR decision = 'granted'",
                       name="ck_requests_dm_granted"),
    sa.CheckConstraint(
        "NOT extended OR (extension_reason IS NOT NULL"
        " AND extension_justification IS NOT NULL AND extended_on IS NOT NULL)",
        name="ck_requests_extension"),
    sa.CheckConstraint(
        "decision IS NULL OR decision = 'granted' OR (decision_ground IS NOT NULL"
        " AND decision_reasons IS NOT NULL AND told_about_complaint)",
        name="ck_requests_refusal"),
    sa.CheckConstraint("due >= due_nominal AND due_nominal > received",
                       name="ck_requests_due"),
    sa.CheckConstraint("version >= 1", name="ck_requests_version"),
    sa.Index("ix_requests_status_due", "status", "due"),
    sa.Index("ix_requests_received", "received"),
)

audit = sa.Table(
    "audit", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("request_id", sa.String(24), sa.ForeignKey("requests.id"), nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("actor", sa.String(100), nullable=False),
    sa.Column("action", sa.String(20), nullable=False),
    sa.Column("changes", sa.Text, nullable=False),  # JSON: {"field": [old, new], ...}
    sa.Column("note", sa.Text),
    # the seal (privacy_kb.register.audit): digest of the request as this change left
    # it, and the hash chain over the request's audit rows (since version 2)
    sa.Column("state", sa.String(64)),
    sa.Column("chain", sa.String(64)),
    sa.CheckConstraint(_in("action", AUDIT_ACTIONS), name="ck_audit_action"),
    sa.Index("ix_audit_request", "request_id", "seq"),
)

suppression = sa.Table(
    "suppression", metadata,
    sa.Column("contact", sa.String(254), primary_key=True),  # e-mail (lower case) or E.164
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("added_at", UTCDateTime, nullable=False),
    sa.Column("request_id", sa.String(24)),  # no foreign key: outlives a purged request
    sa.CheckConstraint("kind IN ('email', 'phone')", name="ck_suppression_kind"),
)

purge_log = sa.Table(
    "purge_log", metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("actor", sa.String(100), nullable=False),
    sa.Column("mode", sa.String(12), nullable=False),
    sa.Column("closed_before", sa.Date, nullable=False),
    sa.Column("count", sa.Integer, nullable=False),
    sa.CheckConstraint(_in("mode", PURGE_MODES), name="ck_purge_mode"),
    sa.CheckConstraint("count >= 0", name="ck_purge_count"),
)

#: Staff's letter templates and their history (issue 11; privacy_kb.letters.storage).
from privacy_kb.letters.storage import define_tables as _letter_tables  # noqa: E402

letter_templates, letter_template_history = _letter_tables(metadata, UTCDateTime)

#: Columns of ``requests`` that hold the requester's personal data or free text:
#: what anonymisation clears and what the pseudonymised export leaves out.
PERSONAL_COLUMNS = ("name", "email", "phone", "organisation", "on_behalf_of",
                    "description", "extension_justification", "identity_note",
                    "decision_ground", "decision_reasons")

DATE_COLUMNS = tuple(c.name for c in requests.columns if isinstance(c.type, sa.Date))
MOMENT_COLUMNS = tuple(c.name for c in requests.columns if isinstance(c.type, UTCDateTime))
BOOL_COLUMNS = tuple(c.name for c in requests.columns if isinstance(c.type, sa.Boolean))


#: version -> function bringing an existing database from ``version - 1`` to
#: ``version``, run inside the write transaction that read the old version. A new
#: database is created at :data:`SCHEMA_VERSION` straight from :data:`metadata`. A later
#: release bumps SCHEMA_VERSION, changes the tables above and adds e.g.
#: ``MIGRATIONS[2] = _add_some_column``. Adding a column to ``requests`` needs nothing
#: more: ``create_or_upgrade`` re-seals the latest state of every request whose seal
#: was intact before the steps ran (``audit.intact_states`` / ``audit.restamp_latest``).
def _seal_the_audit_trail(conn: sa.Connection) -> None:
    """Version 2: audit rows get ``state`` and ``chain`` (tamper evidence); every
    existing trail is sealed as found, with the request's current state on its
    latest row (history written before the upgrade is trusted as it stands)."""
    conn.execute(sa.text("ALTER TABLE audit ADD COLUMN state VARCHAR(64)"))
    conn.execute(sa.text("ALTER TABLE audit ADD COLUMN chain VARCHAR(64)"))
    from privacy_kb.register import audit as audit_trail  # imports this module

    ids = conn.execute(sa.select(requests.c.id)).scalars().all()
    audit_trail.reseal(conn, ids)


MIGRATIONS: dict[int, Callable[[sa.Connection], None]] = {2: _seal_the_audit_trail}


def _add_letters(conn: sa.Connection) -> None:
    """Version 3 (issue 11): the requester's language, the date a decision letter was
    sent, and the letter template tables. Existing requests are Dutch."""
    conn.execute(sa.text(
        "ALTER TABLE requests ADD COLUMN lang VARCHAR(2) DEFAULT 'nl' NOT NULL"
        " CONSTRAINT ck_requests_lang CHECK (lang IN ('nl', 'en'))"))
    conn.execute(sa.text("ALTER TABLE requests ADD COLUMN decision_sent_on DATE"))
    letter_templates.create(conn)
    letter_template_history.create(conn)


MIGRATIONS[3] = _add_letters


# --- creating and upgrading -----------------------------------------------------------

#: Key of the PostgreSQL advisory lock held while the schema is created or upgraded.
SCHEMA_LOCK_KEY = 727361


def current_version(conn: sa.Connection) -> int | None:
    """The schema version of the database behind ``conn``; None when it has no
    register schema (no ``schema_version`` table)."""
    if not sa.inspect(conn).has_table("schema_version"):
        return None
    return conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()


def foreign_tables(conn: sa.Connection) -> list[str]:
    """Tables in the database that are not the register's (another application's
    data: a register is never created over them)."""
    ours = set(metadata.tables)
    return sorted(t for t in sa.inspect(conn).get_table_names() if t not in ours)


def create_or_upgrade(conn: sa.Connection, now: dt.datetime) -> int | None:
    """Create the schema, or run the missing :data:`MIGRATIONS` steps in order, inside
    the caller's write transaction; returns the version found (``None``: there was no
    schema).

    Race-free: the caller's transaction holds the write lock (SQLite: ``BEGIN
    IMMEDIATE``) and on PostgreSQL a transaction-scoped advisory lock is taken first,
    so of several processes opening the store at once one creates or upgrades it and
    the others then find it done. A failing step rolls the whole upgrade back (DDL is
    transactional on both engines).

    Raises
    ------
    StoreError
        ``newer_schema`` (written by a newer release), ``schema_upgrade`` (a missing
        step), ``not_a_register`` (the database holds another application's tables).
    """
    from privacy_kb.errors import StoreError

    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"),
                     {"key": SCHEMA_LOCK_KEY})
    version = current_version(conn)
    if version is None:
        others = foreign_tables(conn)
        if others:
            raise StoreError(
                f"Deze database is geen register (ze bevat al tabellen van iets anders: "
                f"{', '.join(others[:5])}); het register wordt er niet in gemaakt.",
                f"This database is not a register (it holds another application's "
                f"tables: {', '.join(others[:5])}); no register is created in it.",
                "not_a_register")
        metadata.create_all(conn)
        conn.execute(sa.insert(schema_version), {"version": SCHEMA_VERSION, "applied_at": now})
        return None
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"Dit register heeft schemaversie {version}; deze versie van "
            f"Privacy Desk kent tot en met {SCHEMA_VERSION}. Werk bij.",
            f"This register has schema version {version}; this release of "
            f"Privacy Desk knows up to {SCHEMA_VERSION}. Upgrade.", "newer_schema")
    steps = range(version + 1, SCHEMA_VERSION + 1)
    missing = [step for step in steps if step not in MIGRATIONS]
    if missing:
        raise StoreError(f"Geen upgrade naar schemaversie {missing[0]} gevonden.",
                         f"No upgrade step to schema version {missing[0]}.",
                         "schema_upgrade")
    from privacy_kb.register import audit as audit_trail  # imports this module

    # A step that adds or changes a column of ``requests`` changes every request's
    # state digest: keep the seals of the requests that were intact before it.
    intact = audit_trail.intact_states(conn)
    for step in steps:
        MIGRATIONS[step](conn)
        conn.execute(sa.insert(schema_version), {"version": step, "applied_at": now})
    if intact is None and audit_trail.is_sealed(conn):  # sealed by one of the steps
        intact = set(conn.execute(sa.select(requests.c.id)).scalars())
    if intact is not None:
        audit_trail.restamp_latest(conn, intact)
    return version
