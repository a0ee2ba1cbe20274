"""privacy_kb.register.query: the Register tab's one SQL statement per page.

The overdue / due-soon filter is SQL; the rule is privacy_kb.register.deadlines. These
tests hold the SQL to the rule on a grid of dates (weekends, holidays, both sides of
every boundary), and check searching, sorting, paging and the indexes.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
import sqlalchemy as sa
from ui_helpers import NOW, add_request

from privacy_kb import open_register
from privacy_kb.register import deadlines
from privacy_kb.register import query as rq

PG_ENV = "PRIVACY_DESK_TEST_PG"


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def grid(request, tmp_path_factory):
    """A request received on each of 75 days before 10 March 2026, every third one
    withdrawn (no longer open); on SQLite, and on PostgreSQL when PRIVACY_DESK_TEST_PG
    names a throwaway database (as the register's own tests do)."""
    if request.param == "sqlite":
        where = tmp_path_factory.mktemp("grid") / "reg.sqlite3"
    else:
        where = os.environ.get(PG_ENV)
        if not where:
            pytest.skip(f"{PG_ENV} is not set")
        from privacy_kb.register import schema

        engine = sa.create_engine(where)
        with engine.begin() as conn:
            schema.metadata.drop_all(conn)
        engine.dispose()
    reg = open_register(where, clock=lambda: NOW, by="tester")
    ids = reg.add_many([{"request_type": "access", "name": f"R {i}",
                         "email": f"r{i}@example.nl", "channel": "email",
                         "received": NOW.date() - dt.timedelta(days=i)}
                        for i in range(75)])
    for rid in ids[::3]:
        reg.set_status(rid, "withdrawn")
    yield reg
    reg.close()


def everything(reg, today, **filters):
    page = rq.fetch_page(reg.engine, rq.PageQuery(page_size=500, **filters), today)
    assert page.total == len(page.rows)
    return page


@pytest.mark.parametrize("today", [dt.date(2026, 3, 10), dt.date(2026, 3, 2),
                                   dt.date(2026, 2, 28), dt.date(2026, 1, 2),
                                   dt.date(2026, 2, 20)])
def test_overdue_and_due_soon_filters_are_the_deadline_rules(grid, today):
    rows = {r.id: grid.get(r.id) for r in everything(grid, today).rows}
    overdue = {i for i, r in rows.items()
               if deadlines.is_overdue(r.due, today, status=r.status)}
    soon = {i for i, r in rows.items() if r.status in deadlines.OPEN_STATUSES
            and deadlines.is_due_soon(r.due_nominal, r.due, today)}
    assert {r.id for r in everything(grid, today, deadline="overdue").rows} == overdue
    assert {r.id for r in everything(grid, today, deadline="due_soon").rows} == soon
    # and each row's own flags are the rule, asked per row
    for row in everything(grid, today).rows:
        assert row.overdue == (row.id in overdue) and row.due_soon == (row.id in soon)
        assert row.days_left == ((row.due - today).days if row.is_open else None)


def test_urgency_puts_open_requests_first_soonest_due_first(grid):
    rows = everything(grid, NOW.date()).rows
    open_rows = [r for r in rows if r.is_open]
    assert rows[:len(open_rows)] == open_rows
    assert [r.due for r in open_rows] == sorted(r.due for r in open_rows)
    closed = rows[len(open_rows):]
    assert [r.received for r in closed] == sorted((r.received for r in closed), reverse=True)
    reverse = everything(grid, NOW.date(), descending=True).rows
    assert reverse[0].is_open is False and reverse[-1].is_open


@pytest.mark.parametrize("filters", [{}, {"status": "open"}, {"status": "withdrawn"},
                                     {"deadline": "overdue"}, {"search": "r 1"},
                                     {"deadline": "due_soon"}])
def test_the_split_urgency_order_is_the_plain_one(grid, filters):
    """Two index-ordered halves give exactly the rows of the plain CASE order, on
    every page."""
    today = NOW.date()
    with grid.engine.connect() as conn:
        for page in range(6):
            query = rq.PageQuery(page=page, page_size=7, **filters)
            fast = conn.execute(rq.statement(query, today)).all()
            plain = conn.execute(rq.statement(query, today, split=False)).all()
            assert [tuple(r) for r in fast] == [tuple(r) for r in plain], page


def test_paging_counts_in_the_same_query_and_a_page_past_the_end_gives_the_last(grid):
    statements = []

    def seen(_conn, _cursor, sql, *_rest):
        if not sql.startswith("BEGIN"):          # the register's own transaction start
            statements.append(sql)

    sa.event.listen(grid.engine, "before_cursor_execute", seen)
    try:
        page = rq.fetch_page(grid.engine, rq.PageQuery(page=1, page_size=20), NOW.date())
    finally:
        sa.event.remove(grid.engine, "before_cursor_execute", seen)
    assert len(statements) == 1 and "count(*)" in statements[0]
    assert page.total == 75 and len(page.rows) == 20 and page.pages == 4
    last = rq.fetch_page(grid.engine, rq.PageQuery(page=99, page_size=20), NOW.date())
    assert last.page == 3 and len(last.rows) == 15


def test_unknown_values_fall_back_to_the_defaults():
    q = rq.PageQuery(status="bogus", request_type="x", deadline="later", sort="evil; --",
                     page=-4, page_size=10**6, search="  jan ", type_order=("x",)).checked()
    assert (q.status, q.request_type, q.deadline, q.sort, q.page, q.search) == (
        "all", "all", "all", "urgency", 0, "jan")
    assert q.page_size == rq.MAX_PAGE_SIZE and q.type_order == rq.REQUEST_TYPES


def test_search_treats_wildcards_as_text(register):
    add_request(register, name="100% Jansen")
    add_request(register, name="Piet_Puk", email="piet@example.nl")
    add_request(register, name="Klaas", email="klaas@example.nl")
    today = NOW.date()

    def ids(text):
        return rq.fetch_page(register.engine, rq.PageQuery(search=text), today).ids

    assert ids("%") == ["VZ-2026-0001"]
    assert ids("_") == ["VZ-2026-0002"]
    assert ids("JANSEN") == ["VZ-2026-0001"]
    assert ids("") == ["VZ-2026-0003", "VZ-2026-0002", "VZ-2026-0001"]   # newest first on a tie


def test_ensure_indexes_is_idempotent(register):
    rq.ensure_indexes(register.engine)
    rq.ensure_indexes(register.engine)
    names = {ix["name"] for ix in sa.inspect(register.engine).get_indexes("requests")}
    assert {ix.name for ix in rq.INDEXES} <= names
