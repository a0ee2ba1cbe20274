"""Commands never create a register where there is none and never touch a database
that is not one; a register readable by others is reported and closed (issue 12)."""

import hashlib
import logging
import os
import sqlite3
import stat

import pytest

from privacy_kb import open_register
from privacy_kb.errors import StoreError
from privacy_kb.register.cli import main

from .conftest import new_request

COMMANDS = (["export", "--out", "{tmp}/x.csv"], ["export", "--out", "-"],
            ["backup", "--out", "{tmp}/b.sqlite3"], ["purge", "--dry-run"],
            ["purge", "--by", "Anna"], ["retention"],
            ["retention", "--days", "30", "--justification", "x", "--by", "Anna"])


def fingerprint(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def foreign(tmp_path):
    path = tmp_path / "boekhouding.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE facturen (nr INTEGER PRIMARY KEY, klant TEXT)")
    conn.execute("INSERT INTO facturen VALUES (1, 'Jan Jansen')")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_commands_refuse_another_applications_database(foreign, tmp_path, argv, capsys):
    before = fingerprint(foreign)
    argv = [a.format(tmp=tmp_path) for a in argv]
    assert main(argv[:1] + ["--db", str(foreign)] + argv[1:]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("Error: ")
    assert str(foreign) in err[0] and "not a register" in err[0]
    assert fingerprint(foreign) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [foreign.name]


def test_the_app_does_not_create_a_register_in_a_foreign_file_either(foreign):
    before = fingerprint(foreign)
    with pytest.raises(StoreError) as info:
        open_register(foreign)
    assert info.value.code == "not_a_register"
    assert fingerprint(foreign) == before
    assert not (foreign.parent / (foreign.name + "-wal")).exists()


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_commands_do_not_create_a_missing_register(tmp_path, argv, capsys):
    db = tmp_path / "nieuw.sqlite3"
    argv = [a.format(tmp=tmp_path) for a in argv]
    assert main(argv[:1] + ["--db", str(db)] + argv[1:]) == 1
    assert "no register" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_register_readable_by_others_is_reported_and_closed(tmp_path, clock, caplog):
    path = tmp_path / "register.sqlite3"
    reg = open_register(path, clock=clock, by="Anna")
    new_request(reg)
    reg.close()
    os.chmod(path, 0o644)
    with caplog.at_level(logging.WARNING, logger="privacy_kb.register"):
        reg = open_register(path, clock=clock, by="Anna")
    reg.close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert any("readable by others" in r.getMessage() and str(path) in r.getMessage()
               for r in caplog.records)
