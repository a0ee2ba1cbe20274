"""A tamper-evident audit trail: ``reg.verify()`` is empty while everything is as
the register wrote it, and names each request changed outside it (issue 12)."""

import datetime as dt
import subprocess
import sys

import pytest
import sqlalchemy as sa

from privacy_kb import open_register
from privacy_kb.register import schema
from privacy_kb.register.cli import main
from privacy_kb.register.demo import fill_demo

from .conftest import new_request


def codes(reg):
    return [(p.request_id, p.code) for p in reg.verify()]


def sql(reg, statement, **params):
    """A change made behind the register's back (a kernel with its own connection)."""
    engine = sa.create_engine(reg.engine.url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text(statement), params)
    finally:
        engine.dispose()


@pytest.fixture
def lived(register, clock):
    """A register whose requests went through every command, purge included."""
    a = new_request(register)
    register.update(a.id, phone="0612345678", description="Alles, graag.")
    register.acknowledge(a.id, on="2026-11-03")
    register.set_status(a.id, "identity_check", note="even checken")
    register.request_info(a.id, on="2026-11-04")
    register.receive_info(a.id, on="2026-11-05")
    register.record_identity(a.id, verified=True, method="email_confirmation")
    register.set_status(a.id, "in_progress")
    register.extend(a.id, reason="complexity", justification="Veel systemen",
                    today="2026-11-20")
    dm = new_request(register, request_type="objection", direct_marketing=True,
                     email="dm@example.nl")
    register.decide(dm.id, outcome="granted")
    register.set_status(dm.id, "answered")
    register.set_status(dm.id, "closed")
    register.add_many([dict(request_type="access", name="B", email="b@example.nl",
                            channel="web", received="2026-11-10")])
    return register, a, dm


def test_everything_the_register_writes_verifies(lived):
    reg, *_ = lived
    assert reg.verify() == []


@pytest.mark.parametrize("mode", ["delete", "anonymise"])
def test_a_purge_keeps_the_register_verifiable(lived, clock, mode):
    reg, a, dm = lived
    reg.set_retention(30, "Een maand.", mode=mode)
    clock.advance(days=60)
    assert reg.purge().count == 1
    assert reg.verify() == []


def test_demo_data_verifies(register):
    fill_demo(register, 150, seed=3, today="2026-11-24")
    assert register.verify() == []


def test_a_direct_update_of_a_request_is_named(lived):
    reg, a, dm = lived
    sql(reg, "UPDATE requests SET due = :due WHERE id = :id", due=dt.date(2027, 6, 1),
        id=a.id)
    assert codes(reg) == [(a.id, "request_changed")]


def test_an_edited_audit_row_is_named(lived):
    reg, a, dm = lived
    sql(reg, "UPDATE audit SET actor = 'Niemand' WHERE seq = (SELECT min(seq) FROM audit "
             "WHERE request_id = :id AND action = 'decided')", id=dm.id)
    assert codes(reg) == [(dm.id, "audit_changed")]


def test_a_deleted_audit_row_is_named(lived):
    reg, a, dm = lived
    sql(reg, "DELETE FROM audit WHERE seq = (SELECT min(seq) FROM audit "
             "WHERE request_id = :id AND action = 'acknowledged')", id=a.id)
    assert codes(reg) == [(a.id, "audit_changed")]
    sql(reg, "DELETE FROM audit WHERE seq = (SELECT max(seq) FROM audit "
             "WHERE request_id = :id)", id=dm.id)       # its latest row
    assert codes(reg) == [(a.id, "audit_changed"), (dm.id, "request_changed")]


def test_a_request_deleted_with_its_trail_shows(lived):
    reg, a, dm = lived
    sql(reg, "DELETE FROM suppression")
    sql(reg, "DELETE FROM audit WHERE request_id = :id", id=dm.id)
    sql(reg, "DELETE FROM requests WHERE id = :id", id=dm.id)
    assert codes(reg) == [(None, "missing_requests")]
    assert "1 request(s) are missing" in str(reg.verify()[0])


def test_a_request_inserted_behind_the_registers_back_is_named(lived):
    reg, a, dm = lived
    with reg.snapshot() as conn:
        row = dict(conn.execute(sa.select(schema.requests)
                                .where(schema.requests.c.id == a.id)).mappings().one())
    engine = sa.create_engine(reg.engine.url)
    with engine.begin() as conn:
        conn.execute(sa.insert(schema.requests), {**row, "id": "VZ-2026-0999"})
    engine.dispose()
    assert codes(reg) == [("VZ-2026-0999", "no_audit")]


def test_the_migrated_copy_verifies(lived, tmp_path):
    from privacy_kb.register.migrate import migrate

    reg, *_ = lived
    migrate(reg.engine.url.render_as_string(hide_password=False),
            tmp_path / "copy.sqlite3")
    with open_register(tmp_path / "copy.sqlite3", create=False) as copy:
        assert copy.verify() == []
        assert copy.audit_head() == reg.audit_head()


def test_verify_command(sqlite_register, tmp_path, capsys):
    reg = sqlite_register
    a = new_request(reg)
    b = new_request(reg)
    db = str(reg.database_files()[0])
    assert main(["verify", "--db", db]) == 0
    assert capsys.readouterr().out.startswith("OK: 2 requests")
    sql(reg, "UPDATE requests SET status = 'closed', closed_at = updated_at "
             "WHERE id = :id", id=b.id)
    sql(reg, "UPDATE audit SET note = 'weg' WHERE request_id = :id", id=a.id)
    assert main(["verify", "--db", db]) == 1
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert lines[0].startswith(f"{a.id}: audit row") and lines[1].startswith(f"{b.id}: ")
    assert f"2 request(s) changed outside the register: {a.id}, {b.id}" in captured.err


def test_privacy_desk_verify_is_a_subcommand(sqlite_register):
    new_request(sqlite_register)
    db = str(sqlite_register.database_files()[0])
    result = subprocess.run([sys.executable, "-m", "privacy_kb", "verify", "--db", db],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("OK: 1 requests")


def test_verify_is_read_only(tmp_path, capsys):
    missing = tmp_path / "nergens.sqlite3"
    assert main(["verify", "--db", str(missing)]) == 1
    assert "no register" in capsys.readouterr().err and not missing.exists()
