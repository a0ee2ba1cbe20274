"""The SQLite store: PRAGMAs, BEGIN IMMEDIATE, file modes, locations, online backup."""

import os
import sqlite3
import stat
import threading
import time

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from privacy_kb import open_register
from privacy_kb.errors import StoreError
from privacy_kb.register.store import default_location

from .conftest import Clock, new_request


def pragma(reg, name):
    with reg.engine.connect() as conn:
        return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_pragmas(sqlite_register):
    assert pragma(sqlite_register, "journal_mode") == "wal"
    assert pragma(sqlite_register, "synchronous") == 2  # FULL
    assert pragma(sqlite_register, "busy_timeout") == 30_000
    assert pragma(sqlite_register, "foreign_keys") == 1
    assert sqlite_register.integrity_check() == "ok"


def test_writes_begin_immediate_and_reads_do_not(sqlite_register):
    seen = []

    @event.listens_for(sqlite_register.engine, "before_cursor_execute")
    def record(conn, cursor, statement, *args):
        if statement.startswith(("BEGIN", "SAVEPOINT")):
            seen.append(statement)

    req = new_request(sqlite_register)
    assert seen and seen[0] == "BEGIN IMMEDIATE"
    seen.clear()
    sqlite_register.update(req.id, description="nieuw")
    assert seen == ["BEGIN IMMEDIATE"]
    seen.clear()
    sqlite_register.get(req.id)
    sqlite_register.frame()
    assert seen and set(seen) == {"BEGIN"}


def test_a_busy_writer_makes_us_wait_not_fail(sqlite_register, tmp_path):
    req = new_request(sqlite_register)
    other = sqlite3.connect(tmp_path / "register.sqlite3", isolation_level=None,
                            check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE requests SET handler = 'Eva' WHERE id = ?", (req.id,))
    threading.Timer(0.6, lambda: other.execute("COMMIT")).start()
    started = time.monotonic()
    # read-then-write under contention: with a deferred BEGIN this fails at once with
    # "database is locked"; with BEGIN IMMEDIATE it queues behind the other writer
    done = sqlite_register.update(req.id, description="na het wachten")
    assert time.monotonic() - started >= 0.5
    assert done.handler == "Eva" and done.description == "na het wachten"
    other.close()


def test_files_are_owner_only(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "umask", os.umask)  # restore whatever the test changes
    old = os.umask(0o022)
    try:
        path = tmp_path / "sub" / "register.sqlite3"
        reg = open_register(path, clock=Clock())
        new_request(reg)
        for suffix in ("", "-wal", "-shm"):
            mode = stat.S_IMODE(os.stat(f"{path}{suffix}").st_mode)
            assert mode == 0o600, (suffix, oct(mode))
        reg.close()
    finally:
        os.umask(old)


def test_default_location_from_environment(tmp_path, monkeypatch):
    target = tmp_path / "env-register.sqlite3"
    monkeypatch.setenv("PRIVACY_DESK_DB", str(target))
    assert default_location() == str(target)
    reg = open_register(clock=Clock())
    new_request(reg)
    reg.close()
    assert target.exists()


def test_default_location_in_user_data_dir(tmp_path, monkeypatch):
    import platformdirs

    monkeypatch.delenv("PRIVACY_DESK_DB")
    monkeypatch.setattr(platformdirs, "user_data_dir",
                        lambda appname, appauthor=None: str(tmp_path / "data" / appname))
    assert default_location() == str(tmp_path / "data" / "privacy-desk" /
                                     "register.sqlite3")
    reg = open_register(clock=Clock())
    reg.close()
    assert (tmp_path / "data" / "privacy-desk" / "register.sqlite3").exists()


def test_url_and_memory_forms(tmp_path):
    path = tmp_path / "via-url.sqlite3"
    reg = open_register(f"sqlite:///{path}", clock=Clock())
    new_request(reg)
    reg.close()
    assert path.exists()
    mem = open_register(":memory:", clock=Clock())
    assert new_request(mem).id == "VZ-2026-0001" and len(mem) == 1
    mem.close()


def test_missing_file_without_create(tmp_path):
    with pytest.raises(StoreError) as info:
        open_register(tmp_path / "missing.sqlite3", create=False)
    assert "missing.sqlite3" in str(info.value)
    assert not (tmp_path / "missing.sqlite3").exists()


def test_online_backup(sqlite_register, tmp_path):
    for _ in range(5):
        new_request(sqlite_register)
    target = sqlite_register.backup(tmp_path / "backups" / "copy.sqlite3")
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    copy = open_register(target, create=False)
    assert len(copy) == 5 and copy.integrity_check() == "ok"
    assert copy.history(copy.ids()[0])["action"].tolist() == ["received"]
    copy.close()
    with pytest.raises(StoreError):
        sqlite_register.backup(target)
    new_request(sqlite_register)
    sqlite_register.backup(target, overwrite=True)
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM requests").fetchone()[0] == 6


def test_backup_refuses_the_register_itself(sqlite_register):
    new_request(sqlite_register)
    own = sqlite_register.database_files()
    for target in own[:2]:   # the database file and its -wal
        with pytest.raises(StoreError) as info:
            sqlite_register.backup(target, overwrite=True)
        assert "register itself" in str(info.value)
    assert len(sqlite_register) == 1 and sqlite_register.integrity_check() == "ok"


def test_backup_while_another_process_writes(sqlite_register, tmp_path):
    stop = threading.Event()
    writer = open_register(tmp_path / "register.sqlite3", clock=Clock())

    def write():
        while not stop.is_set():
            new_request(writer)

    thread = threading.Thread(target=write)
    thread.start()
    try:
        time.sleep(0.1)
        target = sqlite_register.backup(tmp_path / "hot.sqlite3")
    finally:
        stop.set()
        thread.join()
        writer.close()
    with sqlite3.connect(target) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n = conn.execute("SELECT count(*) FROM requests").fetchone()[0]
        audits = conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    assert n >= 1 and audits == n


def test_schema_is_explicit_ddl(sqlite_register):
    ddl = " ".join(r[0] for r in sqlite3.connect(
        sqlite_register.engine.url.database).execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table'"))
    for fragment in ("PRIMARY KEY", "NOT NULL", "CHECK", "ck_requests_contact",
                     "ck_requests_refusal", "schema_version", "request_counter"):
        assert fragment in ddl


def test_foreign_keys_protect_the_audit_trail(sqlite_register):
    with pytest.raises(sa.exc.IntegrityError):
        with sqlite_register.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO audit (request_id, at, actor, action, changes) "
                "VALUES ('VZ-1999-0001', '2026-01-01 00:00:00', 'x', 'updated', '{}')")


def test_why_begin_immediate(sqlite_register, tmp_path):
    """The same contention with a deferred BEGIN fails at once: the rule this store
    follows (REGISTER_RULES.md, "The store")."""
    req = new_request(sqlite_register)
    sqlite_register._write_engine = sqlite_register.engine  # plain BEGIN for writes
    other = sqlite3.connect(tmp_path / "register.sqlite3", isolation_level=None,
                            check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE requests SET handler = 'Eva' WHERE id = ?", (req.id,))
    threading.Timer(0.3, lambda: other.execute("COMMIT")).start()
    started = time.monotonic()
    with pytest.raises(sa.exc.OperationalError, match="database is locked"):
        sqlite_register.update(req.id, description="verloren")
    assert time.monotonic() - started < 5
    time.sleep(0.4)
    other.close()
