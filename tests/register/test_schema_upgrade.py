"""Versioned schema upgrades on both engines: the steps of ``schema.MIGRATIONS`` run in
order inside one write transaction under the schema lock, exactly once even when
several processes open an old register at once, and a failing step changes nothing.
"""

import subprocess
import sys

import pytest
import sqlalchemy as sa

from privacy_kb import open_register
from privacy_kb.errors import StoreError
from privacy_kb.register import schema

from .conftest import new_request

V = schema.SCHEMA_VERSION  # the current version; the tests add steps after it


def versions(url):
    engine = sa.create_engine(url) if "://" in str(url) else sa.create_engine(
        f"sqlite:///{url}")
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.select(schema.schema_version.c.version)
                                .order_by(schema.schema_version.c.version)).scalars()
            columns = {c["name"] for c in sa.inspect(conn).get_columns("requests")}
            return list(rows), columns
    finally:
        engine.dispose()


def add_priority(conn):
    conn.execute(sa.text("ALTER TABLE requests ADD COLUMN priority INTEGER"))


def mark_upgraded(conn):
    conn.execute(sa.insert(schema.settings), {"key": "upgraded", "value": "3"})


def test_register_at_version_1_is_upgraded_step_by_step(backend_url, clock, monkeypatch):
    with open_register(backend_url, clock=clock) as reg:
        kept = new_request(reg)
    v = schema.SCHEMA_VERSION                            # the release's own version
    monkeypatch.setattr(schema, "SCHEMA_VERSION", v + 2)
    monkeypatch.setitem(schema.MIGRATIONS, v + 1, add_priority)
    monkeypatch.setitem(schema.MIGRATIONS, v + 2, mark_upgraded)
    with open_register(backend_url, clock=clock) as reg:
        assert reg.schema_version() == v + 2
        assert reg.get(kept.id) == kept
    found, columns = versions(backend_url)
    assert found == [v, v + 1, v + 2] and "priority" in columns


def test_a_failing_step_rolls_the_whole_upgrade_back(backend_url, clock, monkeypatch):
    open_register(backend_url, clock=clock).close()

    def broken(conn):
        raise RuntimeError("the last step failed")

    v = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", v + 2)
    monkeypatch.setitem(schema.MIGRATIONS, v + 1, add_priority)
    monkeypatch.setitem(schema.MIGRATIONS, v + 2, broken)
    with pytest.raises(RuntimeError, match="the last step failed"):
        open_register(backend_url, clock=clock)
    found, columns = versions(backend_url)
    assert found == [v] and "priority" not in columns   # the ALTER was undone too


def test_a_missing_step_is_refused(backend_url, clock, monkeypatch):
    open_register(backend_url, clock=clock).close()
    v = schema.SCHEMA_VERSION
    monkeypatch.setattr(schema, "SCHEMA_VERSION", v + 1)
    monkeypatch.delitem(schema.MIGRATIONS, v + 1, raising=False)
    with pytest.raises(StoreError, match=f"No upgrade step to schema version {v + 1}"):
        open_register(backend_url, clock=clock)
    assert versions(backend_url)[0] == [v]


UPGRADER = r"""
import os, sys, time
import sqlalchemy as sa
from privacy_kb import open_register
from privacy_kb.register import schema

url, go, tag = sys.argv[1], sys.argv[2], sys.argv[3]

def step_2(conn):
    conn.execute(sa.text("ALTER TABLE requests ADD COLUMN priority INTEGER"))
    # a primary key: a second run of this step would fail with an IntegrityError
    conn.execute(sa.insert(schema.settings), {"key": "upgraded_by", "value": tag})
    time.sleep(0.3)  # a slow upgrade: the others arrive while it runs

NEXT = schema.SCHEMA_VERSION + 1
schema.SCHEMA_VERSION = NEXT
schema.MIGRATIONS[NEXT] = step_2
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.005)
reg = open_register(url, by=f"kernel-{tag}")
reg.add(request_type="access", name=f"Kernel {tag}", email=f"k{tag}@example.nl",
        channel="web", received="2026-11-20")
reg.close()
print("done", flush=True)
"""


@pytest.mark.slow
def test_processes_opening_an_old_register_at_once_upgrade_it_once(backend_url, clock,
                                                                    tmp_path):
    with open_register(backend_url, clock=clock) as reg:
        new_request(reg)
    script = tmp_path / "upgrader.py"
    script.write_text(UPGRADER)
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, str(script), str(backend_url), str(go),
                               str(k)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for k in range(4)]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    go.write_text("go")
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert out.split()[-1] == "done"
    found, columns = versions(backend_url)
    v = schema.SCHEMA_VERSION
    assert found == [v, v + 1] and "priority" in columns
    engine = sa.create_engine(backend_url if "://" in str(backend_url)
                              else f"sqlite:///{backend_url}")
    try:
        with engine.connect() as conn:
            who = conn.execute(sa.select(schema.settings.c.value)
                               .where(schema.settings.c.key == "upgraded_by")).all()
            count = conn.execute(sa.select(sa.func.count())
                                 .select_from(schema.requests)).scalar()
    finally:
        engine.dispose()
    assert len(who) == 1 and count == 5


def test_a_version_1_register_is_sealed_on_upgrade(tmp_path, clock):
    """Schema version 2 seals the audit trail: a register written before it is
    upgraded in place, its history sealed as found, and verifies clean."""
    path = tmp_path / "v1.sqlite3"
    with open_register(path, clock=clock) as reg:
        a = new_request(reg)
        reg.set_status(a.id, "in_progress", by="Bram")
        new_request(reg)
    import sqlite3

    from .old_schema import rewrite_as_version_1

    rewrite_as_version_1(f"sqlite:///{path}", clock.now)   # back to what version 1 wrote
    assert versions(path)[0] == [1]
    with open_register(path, clock=clock) as reg:
        assert reg.schema_version() == V
        assert reg.verify() == []
        assert [r["action"] for r in reg.audit_rows(a.id)] == ["received", "status"]
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM audit WHERE chain IS NULL").fetchone()[0] == 0
    conn.execute("UPDATE requests SET name = 'Iemand anders' WHERE id = ?", (a.id,))
    conn.commit()
    conn.close()
    with open_register(path, clock=clock) as reg:
        assert [(p.request_id, p.code) for p in reg.verify()] == [(a.id, "request_changed")]


def test_an_upgrade_that_adds_a_request_column_keeps_the_seals(tmp_path, clock,
                                                              monkeypatch):
    """A later release adds a column to ``requests`` (as letters add ``lang``): every
    request's state digest changes, so the upgrade re-seals the requests that were
    intact, and one tampered with before the upgrade stays flagged."""
    import sqlite3

    from privacy_kb.register import audit, lifecycle

    old_columns = tuple(c for c in lifecycle.REQUEST_COLUMNS if c != "handler")
    path = tmp_path / "old.sqlite3"
    with monkeypatch.context() as m:              # the old release: no handler column
        m.setattr(audit, "REQUEST_COLUMNS", old_columns)
        with open_register(path, clock=clock) as reg:
            a = new_request(reg)
            b = new_request(reg)
            reg.set_status(b.id, "in_progress")
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE requests DROP COLUMN handler")
    conn.execute("UPDATE requests SET name = 'Gewijzigd' WHERE id = ?", (a.id,))
    conn.commit()
    conn.close()

    def add_handler(conn):
        conn.execute(sa.text("ALTER TABLE requests ADD COLUMN handler VARCHAR(100)"))

    monkeypatch.setattr(schema, "SCHEMA_VERSION", V + 1)
    monkeypatch.setitem(schema.MIGRATIONS, V + 1, add_handler)
    with open_register(path, clock=clock) as reg:
        assert [(p.request_id, p.code) for p in reg.verify()] == \
            [(a.id, "request_changed")]
        reg.update(b.id, handler="Eva")
        assert [p.request_id for p in reg.verify()] == [a.id]
