"""The export, backup and purge commands: exit codes, one-line errors, files written."""

import argparse
import csv
import datetime as dt
import os
import sqlite3
import subprocess
import sys

import pytest

from privacy_kb import open_register
from privacy_kb.register.cli import add_commands, main

from .conftest import AMS, Clock, new_request


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "register.sqlite3"
    reg = open_register(path, clock=Clock(), by="Anna")
    new_request(reg, name="=HYPERLINK(\"x\")")
    new_request(reg, request_type="erasure", phone="0612345678")
    reg.close()
    return str(path)


def one_error_line(capsys):
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in err
    return lines[0]


def test_add_commands_sets_handlers():
    parser = argparse.ArgumentParser()
    add_commands(parser.add_subparsers(dest="command"))
    for argv in (["export", "--out", "x.csv"], ["backup", "--out", "b.sqlite3"],
                 ["purge", "--dry-run"]):
        args = parser.parse_args(argv)
        assert callable(args.func)
    args = parser.parse_args(["export", "--db", "d", "--out", "o", "--profile", "plain",
                              "--columns", "pseudonymised"])
    assert (args.db, args.out, args.profile, args.columns) == ("d", "o", "plain",
                                                              "pseudonymised")


def test_export(db, tmp_path, capsys):
    out = tmp_path / "requests.csv"
    assert main(["export", "--db", db, "--out", str(out)]) == 0
    assert "2 requests written" in capsys.readouterr().out
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert len(rows) == 3 and rows[0][0] == "id"
    assert rows[1][rows[0].index("name")] == "'=HYPERLINK(\"x\")"


def test_export_with_dutch_labels(db, tmp_path):
    out = tmp_path / "overzicht.csv"
    assert main(["export", "--db", db, "--out", str(out), "--labels", "nl"]) == 0
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:3] == ["Nummer", "Soort verzoek", "Status"]
    assert rows[1][rows[0].index("Naam")] == "'=HYPERLINK(\"x\")"
    assert rows[1][2] == "Ontvangen"


def test_export_pseudonymised_plain(db, tmp_path):
    out = tmp_path / "report.csv"
    assert main(["export", "--db", db, "--out", str(out), "--profile", "plain",
                 "--columns", "pseudonymised"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("pseudonym,request_type,")
    assert "VZ-" not in text and "Jan" not in text
    assert "example.nl" not in text and "+316" not in text


def test_export_uses_the_environment_default(db, tmp_path, monkeypatch):
    monkeypatch.setenv("PRIVACY_DESK_DB", db)
    out = tmp_path / "env.csv"
    assert main(["export", "--out", str(out)]) == 0
    assert out.exists()


def test_missing_register_is_one_error_line(tmp_path, capsys):
    missing = tmp_path / "nope.sqlite3"
    assert main(["export", "--db", str(missing), "--out", str(tmp_path / "x.csv")]) == 1
    assert "nope.sqlite3" in one_error_line(capsys)
    assert not missing.exists()  # the command does not create an empty register


def test_unwritable_output_is_one_error_line(db, tmp_path, capsys):
    out = tmp_path / "no-such-dir" / "x.csv"
    assert main(["export", "--db", db, "--out", str(out)]) == 1
    one_error_line(capsys)


def test_bad_url_is_one_error_line(tmp_path, capsys):
    code = main(["export", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none",
                 "--out", str(tmp_path / "x.csv")])
    assert code == 1
    one_error_line(capsys)


def test_backup(db, tmp_path, capsys):
    out = tmp_path / "backup.sqlite3"
    assert main(["backup", "--db", db, "--out", str(out)]) == 0
    assert "2 requests" in capsys.readouterr().out
    with sqlite3.connect(out) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM requests").fetchone()[0] == 2
    assert main(["backup", "--db", db, "--out", str(out)]) == 1
    assert "already exists" in one_error_line(capsys)


def test_purge(tmp_path, capsys):
    path = tmp_path / "register.sqlite3"
    clock = Clock(dt.datetime(2025, 1, 20, 12, 0, tzinfo=AMS))
    reg = open_register(path, clock=clock, by="Anna")
    old = new_request(reg, received="2025-01-06")
    reg.set_status(old.id, "withdrawn")
    clock.now = dt.datetime(2026, 11, 24, 12, 0, tzinfo=AMS)
    new_request(reg)
    reg.close()

    assert main(["purge", "--db", str(path), "--dry-run"]) == 1
    assert "retention" in one_error_line(capsys)

    reg = open_register(path, clock=clock, by="Anna")
    reg.set_retention(365, "Een jaar na afsluiting, voor eventuele klachten bij de AP.")
    reg.close()
    assert main(["purge", "--db", str(path), "--today", "2026-11-24", "--dry-run"]) == 0
    assert capsys.readouterr().out.strip() == (
        "1 requests closed before 2025-11-24 would be deleted")
    assert main(["purge", "--db", str(path), "--today", "2026-11-24", "--by", "Anna"]) == 0
    assert "1 requests closed before 2025-11-24 were deleted" in capsys.readouterr().out
    assert main(["purge", "--db", str(path), "--today", "morgen"]) == 1
    assert "Datum: " in one_error_line(capsys)
    reg = open_register(path)
    assert len(reg) == 1
    reg.close()


def test_module_runs_and_imports_only_the_standard_library(db, tmp_path):
    code = ("import sys, privacy_kb.register.cli; "
            "print(sorted(m for m in ('sqlalchemy', 'pandas', 'holidays', 'phonenumbers',"
            " 'email_validator') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
    csv_out = tmp_path / "cli.csv"
    done = subprocess.run([sys.executable, "-m", "privacy_kb.register.cli", "export",
                           "--db", db, "--out", str(csv_out)], capture_output=True,
                          text=True, env={**os.environ, "PYTHONWARNINGS": "error"})
    assert done.returncode == 0, done.stderr
    assert csv_out.exists()


def test_retention_command(db, capsys):
    assert main(["retention", "--db", db]) == 0
    assert "No retention period set" in capsys.readouterr().out
    assert main(["retention", "--db", db, "--days", "365", "--by", "Anna"]) == 1
    assert "Onderbouwing: " in one_error_line(capsys)
    assert main(["retention", "--db", db, "--days", "400", "--justification",
                 "Klachttermijn AP plus marge.", "--mode", "anonymise", "--by", "Anna"]) == 0
    out = capsys.readouterr().out
    assert "kept 400 days, then anonymised" in out and "Klachttermijn" in out
    reg = open_register(db)
    assert reg.retention.days == 400 and reg.retention.mode == "anonymise"
    reg.close()


def test_export_refuses_to_overwrite_its_own_database(db, tmp_path, capsys):
    before = open(db, "rb").read()
    assert main(["export", "--db", db, "--out", db]) == 1
    assert "database" in one_error_line(capsys)
    assert open(db, "rb").read() == before
    for suffix in ("-wal", "-shm", "-journal"):
        assert main(["export", "--db", db, "--out", db + suffix]) == 1
        one_error_line(capsys)
    assert main(["export", "--db", db, "--out", str(tmp_path)]) == 1
    assert "folder" in one_error_line(capsys)
    reg = open_register(db, create=False)
    assert len(reg) == 2 and reg.integrity_check() == "ok"
    reg.close()


def test_purge_refuses_a_future_today(tmp_path, capsys):
    path = tmp_path / "register.sqlite3"
    clock = Clock(dt.datetime(2020, 1, 20, 12, 0, tzinfo=AMS))
    reg = open_register(path, clock=clock, by="Anna")
    old = new_request(reg, received="2020-01-06")
    reg.set_status(old.id, "withdrawn")
    reg.set_retention(365, "Een jaar na afsluiting, voor eventuele klachten bij de AP.")
    reg.close()
    real_today = dt.datetime.now(AMS).date()
    future = (real_today + dt.timedelta(days=1)).isoformat()
    assert main(["purge", "--db", str(path), "--today", future]) == 1
    assert "future" in one_error_line(capsys)
    reg = open_register(path)
    assert len(reg) == 1 and reg.purge_log() == []
    reg.close()
