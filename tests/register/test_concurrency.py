"""Several kernels at once: processes opening a new register and adding concurrently
lose nothing, never see "database is locked", and get unique ids; threads editing
one request either queue (version=None) or get a ConflictError (stale copy)."""

import json
import subprocess
import sys
import threading
import time

import pytest
import sqlalchemy as sa

from privacy_kb import ConflictError, open_register
from privacy_kb.register import schema

from .conftest import Clock, new_request

WORKER = r"""
import json, os, sys, time
from privacy_kb import open_register

url, n, go, tag = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.005)
reg = open_register(url, by=f"kernel-{tag}")     # the first open is concurrent too
ids = []
for i in range(n):
    req = reg.add(request_type="access", name=f"Kernel {tag} #{i}",
                  email=f"k{tag}.{i}@example.nl", channel="web", received="2026-11-20")
    if i % 5 == 0:
        reg.update(req.id, description=f"edit by {tag}")
    ids.append(req.id)
reg.close()
print(json.dumps(ids), flush=True)
"""

PROCESSES, PER_PROCESS = 4, 25


@pytest.mark.slow
def test_processes_add_at_once_on_a_new_register(backend_url, tmp_path):
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, str(script), backend_url, str(PER_PROCESS),
                               str(go), str(k)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for k in range(PROCESSES)]
    for p in procs:  # barrier: every process has imported everything
        assert p.stdout.readline().strip() == "ready"
    go.write_text("go")
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert "locked" not in err
        results.append(json.loads(out.strip().splitlines()[-1]))

    ids = [i for r in results for i in r]
    total = PROCESSES * PER_PROCESS
    assert len(ids) == len(set(ids)) == total
    assert sorted(ids) == [f"VZ-2026-{n:04d}" for n in range(1, total + 1)]  # no gaps
    reg = open_register(backend_url)
    try:
        assert len(reg) == total and sorted(reg.ids()) == sorted(ids)
        with reg.engine.connect() as conn:
            a = schema.audit
            received = conn.execute(sa.select(a.c.request_id, sa.func.count())
                                    .where(a.c.action == "received")
                                    .group_by(a.c.request_id)).all()
            updated = conn.execute(sa.select(sa.func.count()).select_from(a)
                                   .where(a.c.action == "updated")).scalar()
        assert len(received) == total and all(n == 1 for _, n in received)
        assert updated == PROCESSES * len(range(0, PER_PROCESS, 5))
        assert reg.integrity_check() == "ok"
    finally:
        reg.close()


def test_threads_editing_one_request_queue_up(register):
    req = new_request(register)
    errors = []

    def work(k):
        try:
            for i in range(10):
                register.update(req.id, description=f"thread {k} edit {i}", by=f"t{k}")
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert register.get(req.id).version == 1 + 40
    assert len(register.audit_rows(req.id)) == 41


def test_two_editors_with_the_same_copy(register):
    """Two staff members opened the same request; both save. One wins, the other is
    told to reload; the loser's change is not silently applied."""
    req = new_request(register)
    barrier = threading.Barrier(2)
    outcomes = {}

    def save(who, phone):
        barrier.wait()
        try:
            register.update(req.id, by=who, version=req.version, phone=phone)
            outcomes[who] = "saved"
        except ConflictError:
            outcomes[who] = "conflict"

    threads = [threading.Thread(target=save, args=("Anna", "0611111111")),
               threading.Thread(target=save, args=("Bram", "0622222222"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(w for w, o in outcomes.items() if o == "saved")
    final = register.get(req.id)
    assert final.version == 2
    assert final.phone == {"Anna": "+31611111111", "Bram": "+31622222222"}[winner]
    assert [r["by"] for r in register.audit_rows(req.id)] == ["Anna", winner]


@pytest.mark.slow
def test_many_registers_opened_at_once_in_threads(tmp_path):
    """Schema creation is race-free inside one process too."""
    path = tmp_path / "threads.sqlite3"
    errors, regs = [], []
    barrier = threading.Barrier(6)

    def open_and_add():
        try:
            barrier.wait()
            reg = open_register(path, clock=Clock())
            regs.append(reg)
            new_request(reg)
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))

    threads = [threading.Thread(target=open_and_add) for _ in range(6)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and time.monotonic() - started < 30
    assert len(regs[0]) == 6
    for reg in regs:
        reg.close()


EDITOR = r"""
import json, os, random, sys, time
from privacy_kb import ConflictError, open_register

url, go, tag, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
shared = json.loads(sys.argv[5])
reg = open_register(url, by=f"kernel-{tag}")
rnd = random.Random(tag)
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.005)
applied, conflicts, added, message = [], [], [], None
for i in range(rounds):
    req = reg.add(request_type="erasure", name=f"Kernel {tag} #{i}",
                  email=f"k{tag}.{i}@example.nl", channel="email", received="2026-11-20")
    added.append(req.id)
    for rid in shared:
        cur = reg.get(rid)                      # the copy a staff member has on screen
        time.sleep(rnd.random() * 0.004)        # ... while someone else may save
        token = f"{tag}.{i}"
        try:
            new = reg.update(rid, version=cur.version, by=f"kernel-{tag}",
                             description=cur.description + "|" + token)
        except ConflictError as exc:
            conflicts.append(rid)
            message = str(exc)
        else:
            applied.append([rid, new.version, token])
reg.close()
print(json.dumps({"applied": applied, "conflicts": conflicts, "added": added,
                  "message": message}), flush=True)
"""

EDITORS, ROUNDS = 4, 15


@pytest.mark.slow
def test_processes_adding_and_editing_the_same_requests(backend_url, tmp_path):
    """Optimistic concurrency across processes (kernels on several machines, on
    PostgreSQL): every edit of a shared request is either applied or refused with a
    ConflictError; none is lost (the version sequence, the description built up by
    the edits and the audit trail agree); adds meanwhile get every id exactly once."""
    reg = open_register(backend_url, clock=Clock(), by="Anna")
    shared = [new_request(reg, description="start").id for _ in range(2)]
    reg.close()
    script = tmp_path / "editor.py"
    script.write_text(EDITOR)
    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, str(script), backend_url, str(go), str(k),
                               str(ROUNDS), json.dumps(shared)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for k in range(EDITORS)]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    go.write_text("go")
    results = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))

    applied = [a for r in results for a in r["applied"]]
    conflicts = [c for r in results for c in r["conflicts"]]
    assert len(applied) + len(conflicts) == EDITORS * ROUNDS * len(shared)
    assert conflicts, "no edit ever met a stale copy; the test proves nothing"
    assert all("Someone else changed this request; reload" in r["message"]
               for r in results if r["message"])

    added = [i for r in results for i in r["added"]]
    total = len(shared) + EDITORS * ROUNDS
    assert len(set(added)) == len(added) == EDITORS * ROUNDS
    reg = open_register(backend_url)
    try:
        assert len(reg) == total
        assert sorted(reg.ids()) == [f"VZ-2026-{n:04d}" for n in range(1, total + 1)]
        for rid in shared:
            mine = sorted((v, token) for r, v, token in applied if r == rid)
            versions = [v for v, _ in mine]
            assert versions == list(range(2, 2 + len(mine)))   # each version once
            final = reg.get(rid)
            assert final.version == 1 + len(mine)
            # no lost update: every applied edit is in the text, in version order
            assert final.description == "start" + "".join(f"|{t}" for _, t in mine)
            trail = [row for row in reg.audit_rows(rid) if row["action"] == "updated"]
            assert len(trail) == len(mine)
            previous = "start"
            for row, (_, token) in zip(trail, mine):
                old, new = row["changes"]["description"]
                assert old == previous and new == previous + "|" + token
                assert row["by"] == f"kernel-{token.split('.')[0]}"
                previous = new
    finally:
        reg.close()
