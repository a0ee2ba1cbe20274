"""Files the register writes: never over an existing file, a link, a FIFO or a
device unless asked; '-' is standard output; what a killed export or migrate left
behind is removed on the next run (issue 12)."""

import os
import subprocess
import sys
import textwrap

import pytest

from privacy_kb import open_register
from privacy_kb.errors import StoreError, ValidationError
from privacy_kb.register.cli import main
from privacy_kb.register.files import hold

from .conftest import new_request


@pytest.fixture
def db(tmp_path, clock):
    path = tmp_path / "register.sqlite3"
    reg = open_register(path, clock=clock, by="Anna")
    new_request(reg, name="Jan Exportman")
    reg.close()
    return str(path)


def targets(tmp_path):
    """Every kind of target that must be refused without --force."""
    out = {}
    existing = tmp_path / "bestaand.csv"
    existing.write_text("eerdere back-up")
    out["existing"] = existing
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    out["fifo"] = fifo
    victim = tmp_path / "slachtoffer.txt"
    victim.write_text("niet aankomen")
    link = tmp_path / "link.csv"
    link.symlink_to(victim)
    out["symlink"] = link
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "bestaat-niet" / "x.csv")
    out["dangling"] = dangling
    return out


@pytest.mark.parametrize("command", ["export", "backup"])
def test_existing_and_non_regular_targets_are_refused(db, tmp_path, command, capsys):
    work = tmp_path / "work"
    work.mkdir()
    for kind, target in targets(work).items():
        before = sorted(p.name for p in work.iterdir())
        assert main([command, "--db", db, "--out", str(target)]) == 1, kind
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and str(target) in err[0], (kind, err)
        assert sorted(p.name for p in work.iterdir()) == before, kind
    assert (work / "bestaand.csv").read_text() == "eerdere back-up"
    assert (work / "slachtoffer.txt").read_text() == "niet aankomen"
    assert not (work / "bestaat-niet").exists()
    assert (work / "link.csv").is_symlink() and (work / "pijp").exists()


@pytest.mark.parametrize("command", ["export", "backup"])
def test_force_replaces_a_regular_file_but_never_a_link(db, tmp_path, command, capsys):
    work = tmp_path / "work"
    work.mkdir()
    found = targets(work)
    assert main([command, "--db", db, "--out", str(found["existing"]), "--force"]) == 0
    assert found["existing"].read_bytes() != b"eerdere back-up"
    for kind in ("fifo", "symlink", "dangling"):
        assert main([command, "--db", db, "--out", str(found[kind]), "--force"]) == 1
    assert (work / "slachtoffer.txt").read_text() == "niet aankomen"
    capsys.readouterr()


def test_dash_means_standard_output(db, tmp_path):
    result = subprocess.run([sys.executable, "-m", "privacy_kb.register.cli", "export",
                             "--db", db, "--out", "-", "--profile", "plain"],
                            capture_output=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().splitlines()[0].startswith("id,request_type,")
    assert "Jan Exportman" in result.stdout.decode()
    assert b"1 requests written to standard output" in result.stderr
    assert not (tmp_path / "-").exists()


def test_api_overwrite_flag(db, tmp_path):
    reg = open_register(db, by="Anna")
    out = tmp_path / "uit.csv"
    reg.export_csv(out)
    with pytest.raises(ValidationError) as info:
        reg.export_csv(out)
    assert info.value.codes() == {"path": ["exists"]}
    assert reg.export_csv(out, overwrite=True) == 1
    with pytest.raises(StoreError, match="already exists"):
        reg.backup(out)
    reg.close()


def test_a_killed_exports_temporary_file_is_removed_on_the_next_run(db, tmp_path):
    out = tmp_path / "verzoeken.csv"
    stale = tmp_path / ".verzoeken.csv.k1ll3d_x.tmp"
    stale.write_text("id;name\nVZ-2026-0001;Jan Exportman\n")
    other = tmp_path / ".ander.csv.abcdefgh.tmp"     # another export's: not ours to touch
    other.write_text("x")
    busy = tmp_path / ".verzoeken.csv.running1.tmp"  # an export still running elsewhere
    busy.write_text("id;name\n")
    fd = os.open(busy, os.O_RDONLY)
    hold(fd)
    code = textwrap.dedent(f"""
        from privacy_kb import open_register
        open_register({db!r}, by="Anna").export_csv({str(out)!r})
    """)
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    os.close(fd)
    assert out.exists() and not stale.exists()
    assert other.exists() and busy.exists()


KILLED_MIGRATE = """
import os, signal, sys
from privacy_kb.register import migrate as m

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)   # after copying, before the commit

m._verify = die
m.migrate(sys.argv[1], sys.argv[2])
"""


def test_a_killed_migrates_half_made_destination_is_removed_next_run(tmp_path, clock):
    src = tmp_path / "bron.sqlite3"
    reg = open_register(src, clock=clock, by="Anna")
    reg.add_many([dict(request_type="access", name=f"Gekopieerd Persoon{i:04d}",
                       email=f"p{i}@example.nl", channel="email", received="2026-11-02",
                       description="x" * 2_000) for i in range(2_000)])
    reg.close()            # big enough that the copy spills from SQLite's cache to disk
    dst = tmp_path / "doel.sqlite3"
    script = tmp_path / "killed.py"
    script.write_text(KILLED_MIGRATE)
    result = subprocess.run([sys.executable, str(script), str(src), str(dst)],
                            capture_output=True, timeout=120)
    assert result.returncode == -9, result.stderr
    left = [p for p in tmp_path.iterdir() if p.name.startswith("doel.sqlite3")]
    assert any(b"Gekopieerd Persoon" in p.read_bytes() for p in left if p.is_file())

    empty = tmp_path / "leeg.sqlite3"
    open_register(empty, clock=clock, by="Anna").close()
    assert main(["migrate", "--from", str(empty), "--to", str(dst)]) == 0
    for p in tmp_path.iterdir():
        if p.name.startswith("doel.sqlite3"):
            assert b"Gekopieerd Persoon" not in p.read_bytes(), p.name
    assert not (tmp_path / "doel.sqlite3.migrating").exists()
