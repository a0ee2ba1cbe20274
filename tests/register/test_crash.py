"""Crash safety: a writer killed with SIGKILL at random moments, again and again.

After every kill ``PRAGMA integrity_check`` is ``ok``, every add the writer
acknowledged (printed after ``add`` returned) is there with its audit row, every
acknowledged edit is there with its audit row, and no request exists without its
"received" row, nor an audit row without its request.
"""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

WRITER = r"""
import sys
from privacy_kb import open_register

reg = open_register(sys.argv[1], by="crash-writer")
print("ready", flush=True)
i = 0
while True:
    req = reg.add(request_type="erasure", name=f"Writer {i}", email=f"w{i}@example.nl",
                  channel="email", received="2026-11-20", description="x" * (i % 700))
    print("A", req.id, flush=True)
    if i % 3 == 0:
        new = reg.update(req.id, description="bewerkt", version=req.version)
        print("U", req.id, new.version, flush=True)
    i += 1
"""

ROUNDS = 16


def run_and_kill(script, db, delay):
    """Start the writer, SIGKILL it ``delay`` seconds after it is ready (or during
    start-up when ``delay`` is negative); return the acknowledged lines."""
    proc = subprocess.Popen([sys.executable, str(script), str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines, ready = [], threading.Event()

    def read():
        for line in proc.stdout:
            if line.endswith("\n"):  # a line cut by the kill acknowledges nothing
                lines.append(line.split())
                if line.startswith("ready"):
                    ready.set()

    reader = threading.Thread(target=read)
    reader.start()
    if delay < 0:
        time.sleep(-delay)         # somewhere in imports, opening, schema creation
    else:
        assert ready.wait(30), proc.stderr.read()
        time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    reader.join(10)
    assert proc.returncode == -signal.SIGKILL
    return lines


def check(db, acked_adds, acked_versions):
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {t for (t,) in conn.execute("SELECT name FROM sqlite_master")}
        if "requests" not in tables:  # killed before the schema was committed
            assert not acked_adds and "audit" not in tables
            return 0
        requests = dict(conn.execute("SELECT id, version FROM requests"))
        received = {r for (r,) in conn.execute(
            "SELECT request_id FROM audit WHERE action = 'received'")}
        updates = dict(conn.execute(
            "SELECT request_id, count(*) FROM audit WHERE action = 'updated' "
            "GROUP BY request_id"))
        orphans = conn.execute("SELECT count(*) FROM audit WHERE request_id NOT IN "
                               "(SELECT id FROM requests)").fetchone()[0]
    finally:
        conn.close()
    assert acked_adds <= set(requests), "an acknowledged add is missing"
    assert received == set(requests), "a request without its audit row, or vice versa"
    assert orphans == 0
    for rid, version in acked_versions.items():
        assert requests[rid] >= version and updates.get(rid, 0) >= version - 1
    for rid, version in requests.items():
        assert updates.get(rid, 0) == version - 1, "an edit without its audit row"
    return len(requests)


@pytest.mark.slow
def test_sigkill_at_random_moments(tmp_path):
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    db = tmp_path / "crash.sqlite3"
    rnd = random.Random(20261124)
    acked_adds, acked_versions = set(), {}
    started = time.monotonic()
    for round_ in range(ROUNDS):
        # the first rounds die during start-up (possibly creating the schema)
        delay = -rnd.uniform(0.05, 0.9) if round_ < 2 else rnd.uniform(0.0, 0.5)
        for line in run_and_kill(script, db, delay):
            if line[0] == "A":
                acked_adds.add(line[1])
            elif line[0] == "U":
                acked_versions[line[1]] = int(line[2])
        if db.exists():
            check(db, acked_adds, acked_versions)
    total = check(db, acked_adds, acked_versions)
    assert total >= len(acked_adds) > 0
    assert time.monotonic() - started < 60
