"""``privacy-desk app --preheat N``: Voila keeps N kernels that have already run the
notebook; a page is served from one, and a spare that waited longer than the idle
timeout is replaced by a fresh one (so a page never opens on an old rendering of the
register), keeping the pool full."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from processes import children, free_port, stop

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _until(predicate, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    return predicate()


def test_a_preheated_spare_serves_a_page_and_is_recycled_when_old(tmp_path):
    port, token = free_port(), os.urandom(8).hex()
    env = {**os.environ, "PRIVACY_DESK_TOKEN": token, "PYTHONPATH": str(ROOT),
           "PRIVACY_DESK_DB": str(tmp_path / "register.sqlite3"),
           "PRIVACY_DESK_GAPS": str(tmp_path / "gaps.jsonl")}
    log = tmp_path / "voila.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "privacy_kb.serve", str(ROOT / "notebooks" /
                                                            "privacy_desk.ipynb"),
             "--port", str(port), "--preheat", "1", "--idle-timeout", "4"],
            env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        first = _until(lambda: children(proc.pid), 60)
        assert len(first) == 1, "the spare kernel is started with the server"
        # The spare is replaced once it has waited longer than the idle timeout …
        replaced = _until(lambda: (k := children(proc.pid)) and k != first and k, 60)
        assert replaced and first[0] not in replaced, log.read_text()
        assert "Recycling preheated kernel" in log.read_text()
        # … and a page is served from a preheated kernel.
        assert _until(lambda: "Kernel pool of privacy_desk.ipynb is filled"
                      in log.read_text(), 60)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?token={token}",
                                    timeout=120) as page:
            html = page.read().decode()
        assert page.status == 200 and "application/vnd.jupyter.widget-view+json" in html
        assert "Using pre-heated kernel" in log.read_text()
    finally:
        stop(proc)
