"""One page of the register for the Register tab: filtered, searched, sorted and paged
in SQL, in one query.

The view never loads the whole register: :func:`fetch_page` sends one ``SELECT`` that
filters (status, type, overdue / due soon), searches (number, name, e-mail, phone),
sorts (any column of the table, or by urgency) and cuts out one page, and counts the
matching rows in the same statement (a scalar subquery). It is portable SQLAlchemy
Core over :data:`privacy_kb.register.schema.requests` (SQLite and PostgreSQL).

Overdue and due soon are the register's one rule, asked, not re-derived: the SQL filter
is :func:`~privacy_kb.register.deadlines.overdue_rule` /
:func:`~privacy_kb.register.deadlines.due_soon_rule` applied to the columns, and each
row's flags come from :func:`~privacy_kb.register.deadlines.is_overdue` /
:func:`~privacy_kb.register.deadlines.is_due_soon` (``tests/ui/test_register_query.py``
holds them to each other on a grid of dates).

>>> page = fetch_page(reg.engine, PageQuery(status="open", search="jansen"),
...                   today=reg.today())                          # doctest: +SKIP
>>> page.total, [row.id for row in page.rows]                     # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import sqlalchemy as sa

from privacy_kb.register import deadlines
from privacy_kb.register.schema import requests as T_REQ
from privacy_kb.vocabulary import OPEN_STATUSES, REQUEST_TYPES, STATUS_RANK, STATUSES

__all__ = [
    "DEADLINES",
    "DUE_SOON_DAYS",
    "INDEXES",
    "SORTS",
    "Page",
    "PageQuery",
    "PageRow",
    "due_soon_clause",
    "ensure_indexes",
    "fetch_page",
    "overdue_clause",
    "search_clause",
]

#: The due-soon window of the register's rule.
DUE_SOON_DAYS: int = deadlines.DUE_SOON_DAYS

#: Sort keys the table offers: "urgency" (open requests first, soonest legal due date
#: first; then the others, newest receipt first) and one per column.
SORTS = ("urgency", "id", "request_type", "status", "received", "due", "name")
#: Deadline filter values.
DEADLINES = ("all", "overdue", "due_soon")
#: Status filter values besides the statuses themselves.
STATUS_FILTERS = ("all", "open", *STATUSES)
MAX_PAGE_SIZE = 500

_OPEN_SQL = "status IN (" + ", ".join(repr(s) for s in OPEN_STATUSES) + ")"

#: Indexes the page queries use, created by :func:`ensure_indexes` (idempotent):
#: type/status filters with the due-date order, the due-date order, and the open
#: requests by due date (the default order).
INDEXES = (
    sa.Index("ix_requests_type_status_due", T_REQ.c.request_type, T_REQ.c.status,
             T_REQ.c.due),
    sa.Index("ix_requests_due", T_REQ.c.due),
    # open requests by due date: the first half of the default (urgency) order
    sa.Index("ix_requests_open_due", T_REQ.c.due, T_REQ.c.received,
             sqlite_where=sa.text(_OPEN_SQL), postgresql_where=sa.text(_OPEN_SQL)),
)

_COLUMNS = ("id", "request_type", "status", "received", "due", "due_nominal", "name",
            "email", "phone", "anonymised", "extended", "acknowledged_on",
            "info_requested_on", "extension_told_on", "decision_sent_on")
#: Letter kind -> the column that records the day it was marked sent
#: (``lifecycle.LETTER_SENT``), for the table's "letters" column.
_SENT_COLUMNS = {"acknowledgement": "acknowledged_on", "info_request": "info_requested_on",
                 "extension_notice": "extension_told_on", "decision": "decision_sent_on"}


@dataclasses.dataclass(frozen=True)
class PageQuery:
    """What the table asks for. Every field has a safe default; :meth:`checked`
    replaces values the table does not know by the default (a stale browser may send
    anything)."""

    status: str = "all"          # "all", "open" or one status
    request_type: str = "all"    # "all" or one request type
    deadline: str = "all"        # "all", "overdue", "due_soon"
    search: str = ""             # number, name, e-mail or phone (part of it)
    sort: str = "urgency"        # one of SORTS
    descending: bool = False
    page: int = 0                # 0-based
    page_size: int = 25
    #: Request types in the order people read their labels (the view passes them in
    #: its language); sorting by type follows it.
    type_order: tuple[str, ...] = REQUEST_TYPES

    def checked(self) -> PageQuery:
        """This query with every unknown value replaced by its default."""
        default = PageQuery()
        size = self.page_size if isinstance(self.page_size, int) else default.page_size
        return dataclasses.replace(
            self,
            status=self.status if self.status in STATUS_FILTERS else "all",
            request_type=(self.request_type if self.request_type in ("all", *REQUEST_TYPES)
                          else "all"),
            deadline=self.deadline if self.deadline in DEADLINES else "all",
            search=(self.search or "").strip()[:200],
            sort=self.sort if self.sort in SORTS else "urgency",
            descending=bool(self.descending),
            page=max(0, self.page if isinstance(self.page, int) else 0),
            page_size=min(MAX_PAGE_SIZE, max(1, size)),
            type_order=(tuple(self.type_order) if sorted(self.type_order or ())
                        == sorted(REQUEST_TYPES) else REQUEST_TYPES))


@dataclasses.dataclass(frozen=True)
class PageRow:
    """One row of the table, with what the register's deadline rules say about it."""

    id: str
    request_type: str
    status: str
    received: dt.date
    due: dt.date
    due_nominal: dt.date
    name: str
    is_open: bool
    overdue: bool            # deadlines.is_overdue
    due_soon: bool           # deadlines.is_due_soon (open requests only)
    days_left: int | None    # legal due date minus today; None when not open
    extended: bool = False
    #: letter kind -> the day it was marked sent (None: not yet)
    sent: dict = dataclasses.field(default_factory=dict, compare=False)


@dataclasses.dataclass(frozen=True)
class Page:
    """One page of matching requests, and how many match in all."""

    rows: list[PageRow]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def ids(self) -> list[str]:
        return [row.id for row in self.rows]


# --- the rules as SQL ------------------------------------------------------------------

def _open():
    """``status IN ('received', …)`` with the statuses written out (fixed vocabulary,
    no user input), so that SQLite can match it to the partial index below."""
    return T_REQ.c.status.in_([sa.literal_column(repr(s)) for s in OPEN_STATUSES])


def overdue_clause(today: dt.date):
    """:func:`deadlines.overdue_rule` in SQL: open, and today past the legal due date."""
    return deadlines.overdue_rule(_open(), T_REQ.c.due, today)


def due_soon_clause(today: dt.date, days: int = DUE_SOON_DAYS):
    """:func:`deadlines.due_soon_rule` in SQL: open, not overdue, and the nominal due
    date within ``days``."""
    return deadlines.due_soon_rule(_open(), T_REQ.c.due_nominal, T_REQ.c.due, today, days)


_PHONE_CHARS = re.compile(r"^[+\d][\d\s\-().]*$")


def search_clause(text: str):
    """Rows whose number, name, e-mail address or phone number contains ``text``
    (case-insensitive; ``%`` and ``_`` are plain characters). A phone number matches
    however it is typed: ``050 535 0143``, ``0505350143`` and ``+31 50 535 0143`` all
    find the stored ``+31505350143``. None for an empty text."""
    text = (text or "").strip()
    if not text:
        return None
    needle = text.lower()
    cond = [sa.func.lower(T_REQ.c[col]).contains(needle, autoescape=True)
            for col in ("id", "name", "email")]
    digits = re.sub(r"\D", "", text)
    if len(digits) >= 3 and _PHONE_CHARS.match(text):
        if text.startswith("00"):
            digits = digits[2:]          # 0031 50 … -> 3150…
        elif text.startswith("0"):
            digits = digits[1:]          # 050 … -> 50… (after +31 in E.164)
        cond.append(T_REQ.c.phone.contains(digits, autoescape=True))
    return sa.or_(*cond)


def _rank(column, order) -> sa.Case:
    """A CASE giving each code its position in ``order``."""
    return sa.case({v: i for i, v in enumerate(order)}, value=column, else_=len(order))


def _order_by(query: PageQuery) -> list:
    desc = query.descending
    if query.sort == "urgency":
        # open first, soonest legal due date first; then the rest, newest first
        group, open_due = sa.case((_open(), 0), else_=1), sa.case((_open(), T_REQ.c.due))
        if desc:
            return [group.desc(), open_due.desc(), T_REQ.c.received, T_REQ.c.id]
        return [group, open_due, T_REQ.c.received.desc(), T_REQ.c.id.desc()]
    if query.sort == "request_type":
        key = _rank(T_REQ.c.request_type, query.type_order)
    elif query.sort == "status":
        key = sa.case(STATUS_RANK, value=T_REQ.c.status, else_=len(STATUS_RANK))  # lifecycle
    elif query.sort == "name":
        key = sa.func.lower(T_REQ.c.name)
    else:
        key = T_REQ.c[query.sort]
    tie = T_REQ.c.id.desc() if desc else T_REQ.c.id
    return [key.desc() if desc else key, tie]


def _where(query: PageQuery, today: dt.date) -> list:
    where = []
    if query.status == "open":
        where.append(_open())
    elif query.status != "all":
        where.append(T_REQ.c.status == query.status)
    if query.request_type != "all":
        where.append(T_REQ.c.request_type == query.request_type)
    if query.deadline == "overdue":
        where.append(overdue_clause(today))
    elif query.deadline == "due_soon":
        where.append(due_soon_clause(today))
    found = search_clause(query.search)
    if found is not None:
        where.append(found)
    return where


def statement(query: PageQuery, today: dt.date, *, split: bool = True) -> sa.Select:
    """The one ``SELECT`` behind a page: the page's rows, each with the total count.

    The count is an uncorrelated scalar subquery, which SQLite and PostgreSQL run once;
    ``count(*) OVER ()`` would make them carry every matching row through the sort
    (five times slower at 100,000 requests). The default order, most urgent first, is
    read in two index-ordered halves — open requests by due date (a partial index),
    then the rest newest first — instead of sorting every row on a ``CASE``
    (``split=False``: that plain form, which the tests use as the oracle).
    """
    query = query.checked()
    where = _where(query, today)
    total = sa.select(sa.func.count()).select_from(T_REQ).where(*where).scalar_subquery()
    cols = [T_REQ.c[name] for name in _COLUMNS]
    offset = query.page * query.page_size
    if split and query.sort == "urgency" and not query.descending:
        return _urgency_statement(where, total, offset + query.page_size,
                                  query.page_size, offset)
    return (sa.select(*cols, total.label("match_count"))
            .where(*where)
            .order_by(*_order_by(query))
            .limit(query.page_size).offset(offset))


def _urgency_statement(where: list, total, upto: int, size: int, offset: int) -> sa.Select:
    """Most urgent first as a union of two halves, each cut at ``upto`` rows in its
    own index order, then paged: the same rows as ``_order_by``'s urgency order."""
    cols = [T_REQ.c[name] for name in _COLUMNS]
    open_half = (sa.select(sa.literal(0).label("grp"), *cols).where(*where, _open())
                 .order_by(T_REQ.c.due, T_REQ.c.received.desc(), T_REQ.c.id.desc())
                 .limit(upto).subquery())
    rest = (sa.select(sa.literal(1).label("grp"), *cols).where(*where, sa.not_(_open()))
            .order_by(T_REQ.c.received.desc(), T_REQ.c.id.desc())
            .limit(upto).subquery())
    both = sa.union_all(sa.select(open_half), sa.select(rest)).subquery()
    return (sa.select(*[both.c[name] for name in _COLUMNS], total.label("match_count"))
            .order_by(both.c.grp, sa.case((both.c.grp == 0, both.c.due)),
                      both.c.received.desc(), both.c.id.desc())
            .limit(size).offset(offset))


def _row(record, today: dt.date) -> PageRow:
    is_open = record.status in OPEN_STATUSES
    due = record.due
    return PageRow(
        id=record.id, request_type=record.request_type, status=record.status,
        received=record.received, due=due, due_nominal=record.due_nominal,
        name=record.name or "", is_open=is_open,
        overdue=deadlines.is_overdue(due, today, status=record.status),
        due_soon=is_open and deadlines.is_due_soon(record.due_nominal, due, today),
        days_left=(due - today).days if is_open else None,
        extended=bool(record.extended),
        sent={kind: getattr(record, column) for kind, column in _SENT_COLUMNS.items()})


def fetch_page(engine: sa.Engine, query: PageQuery, today: dt.date) -> Page:
    """One page of the register as ``query`` asks, counted and flagged on ``today``.

    One query; a page past the end (the register shrank, or the filter narrowed)
    gives the last page instead, with a second query only then.
    """
    query = query.checked()
    with engine.connect() as conn:
        records = conn.execute(statement(query, today)).all()
        if not records and query.page > 0:
            total = conn.execute(sa.select(sa.func.count()).select_from(T_REQ)
                                 .where(*_where(query, today))).scalar_one()
            last = max(0, -(-total // query.page_size) - 1)
            query = dataclasses.replace(query, page=last)
            records = conn.execute(statement(query, today)).all() if total else []
    total = records[0].match_count if records else 0
    return Page([_row(r, today) for r in records], total, query.page, query.page_size)


def ensure_indexes(engine: sa.Engine) -> None:
    """Create the page queries' indexes when missing (idempotent; SQLite and
    PostgreSQL). Until ``schema.py`` lists them, the view calls this once when it
    opens a register."""
    with engine.begin() as conn:
        for index in INDEXES:
            index.create(conn, checkfirst=True)
