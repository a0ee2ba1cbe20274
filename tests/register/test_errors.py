"""One error family (``DeskError``: a code and a message in Dutch and English) and
the store's errors naming the store and the cause, with passwords masked."""

import socket
import sqlite3

import pytest

from privacy_kb import open_register
from privacy_kb.errors import (ConflictError, DeskError, NotFoundError, StoreError,
                               ValidationError)
from privacy_kb.register.cli import main
from privacy_kb.register.engine import mask_url


def one_error_line(capsys):
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Error: "), err
    return err[0]


def closed_port() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def test_every_error_is_a_desk_error_with_a_code_and_two_languages():
    errors = [ValidationError([__import__("privacy_kb.register.validation", fromlist=["x"])
                               .problem("email", "invalid_email")]),
              ConflictError("VZ-1"), NotFoundError("VZ-9"),
              StoreError("Kapot.", "Broken.", "corrupt")]
    for err in errors:
        assert isinstance(err, DeskError)
        assert err.code and err.message("nl") and err.message("en")
        assert err.message("nl") != err.message("en")
    assert isinstance(errors[0], ValueError) and isinstance(errors[2], KeyError)
    assert [e.code for e in errors] == ["invalid", "conflict", "not_found", "corrupt"]


def test_unknown_driver_is_refused_by_name(tmp_path):
    with pytest.raises(StoreError) as info:
        open_register("mysql://desk:geheim@db.example.nl/pd")
    assert info.value.code == "unknown_driver"
    assert "mysql" in str(info.value) and "geheim" not in str(info.value)


def test_missing_driver_says_which(tmp_path):
    with pytest.raises(StoreError) as info:   # pg8000 is not installed
        open_register("postgresql+pg8000://desk:geheim@127.0.0.1:1/pd")
    assert info.value.code == "missing_driver"
    assert "pg8000" in str(info.value) and "geheim" not in str(info.value)


def test_unreachable_server_names_the_url_without_password():
    url = f"postgresql+psycopg://desk:Zeer%20Geheim@127.0.0.1:{closed_port()}/pd"
    with pytest.raises(StoreError) as info:
        open_register(url)
    assert info.value.code == "unreachable"
    text = str(info.value)
    assert "127.0.0.1" in text and "Geheim" not in text and "***" in text


def test_corrupt_file_names_path_and_cause(tmp_path):
    path = tmp_path / "kapot.sqlite3"
    path.write_bytes(b"dit is geen database" * 300)
    with pytest.raises(StoreError) as info:
        open_register(path, create=False)
    assert info.value.code == "corrupt" and str(path) in str(info.value)


def test_a_foreign_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "andere-app.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE klanten (id INTEGER PRIMARY KEY, naam TEXT)")
    conn.commit()
    conn.close()
    for create in (False, True):
        with pytest.raises(StoreError) as info:
            open_register(path, create=create)
        assert info.value.code == "not_a_register" and "klanten" in str(info.value)
    conn = sqlite3.connect(path)
    tables = [t for (t,) in conn.execute("SELECT name FROM sqlite_master")]
    conn.close()
    assert tables == ["klanten"]


def test_read_only_open_of_an_empty_file_creates_nothing(tmp_path):
    path = tmp_path / "leeg.sqlite3"
    path.touch()
    with pytest.raises(StoreError) as info:
        open_register(path, create=False)
    assert info.value.code == "no_register"
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    conn.close()


def test_mask_url_hides_every_password_form():
    assert mask_url("postgresql+psycopg://u:p%40ss@h:5432/db") == \
        "postgresql+psycopg://u:***@h:5432/db"
    assert "s3cr3t" not in mask_url("host=h password=s3cr3t dbname=x")
    assert mask_url("/home/anna/register.sqlite3") == "/home/anna/register.sqlite3"


@pytest.mark.parametrize("db", ["mysql://u:geheim@h/db", "postgresql+pg8000://u:geheim@h/db"])
def test_cli_prints_one_line_and_exits_1_for_a_bad_store(db, tmp_path, capsys):
    for argv in (["export", "--db", db, "--out", str(tmp_path / "x.csv")],
                 ["backup", "--db", db, "--out", str(tmp_path / "b.sqlite3")],
                 ["purge", "--db", db, "--dry-run"], ["retention", "--db", db]):
        assert main(argv) == 1
        line = one_error_line(capsys)
        assert "geheim" not in line and "Traceback" not in line


def test_cli_unreachable_server_is_one_masked_line(capsys, tmp_path):
    db = f"postgresql+psycopg://desk:Geheim@127.0.0.1:{closed_port()}/pd"
    assert main(["export", "--db", db, "--out", str(tmp_path / "x.csv")]) == 1
    line = one_error_line(capsys)
    assert "127.0.0.1" in line and "Geheim" not in line


def test_a_postgres_password_appears_in_no_message_and_no_log(caplog, capsys, tmp_path):
    import logging

    secret = "Zeer-Geheim-42"
    url = f"postgresql+psycopg://desk:{secret}@127.0.0.1:{closed_port()}/pd"
    with caplog.at_level(logging.DEBUG):
        with pytest.raises(StoreError) as info:
            open_register(url)
        assert main(["verify", "--db", url]) == 1
        assert main(["migrate", "--from", url, "--to", str(tmp_path / "x.sqlite3")]) == 1
        assert main(["migrate", "--from", str(tmp_path / "nope.sqlite3"), "--to", url]) == 1
    shown = [str(info.value), repr(info.value), info.value.message("nl"),
             info.value.message("en"), capsys.readouterr().err]
    shown += [r.getMessage() for r in caplog.records]
    shown += [str(r.exc_info[1]) for r in caplog.records if r.exc_info]
    assert all(secret not in text for text in shown)
    assert any("***" in text for text in shown)


@pytest.mark.parametrize("name, text, code", [
    ("SQLITE_READONLY", "attempt to write a readonly database", "read_only"),
    ("SQLITE_FULL", "database or disk is full", "disk_full"),
    ("SQLITE_CORRUPT", "database disk image is malformed", "corrupt"),
    ("SQLITE_NOTADB", "file is not a database", "corrupt"),
    ("SQLITE_CANTOPEN", "unable to open database file", "read_only"),
])
def test_driver_errors_become_store_errors_naming_path_and_cause(name, text, code):
    import sqlalchemy as sa

    from privacy_kb.register.engine import store_error

    orig = sqlite3.OperationalError(text)
    orig.sqlite_errorname = name
    exc = sa.exc.OperationalError("INSERT …", {}, orig)
    err = store_error(exc, sa.URL.create("sqlite", database="/srv/desk/register.sqlite3"))
    assert err.code == code
    assert "/srv/desk/register.sqlite3" in str(err) and text in str(err)


def test_a_lock_wait_is_not_mistaken_for_a_store_failure():
    import sqlalchemy as sa

    from privacy_kb.register.engine import store_error

    orig = sqlite3.OperationalError("database is locked")
    orig.sqlite_errorname = "SQLITE_BUSY"
    assert store_error(sa.exc.OperationalError("x", {}, orig),
                       sa.URL.create("sqlite", database="r.db")) is None
