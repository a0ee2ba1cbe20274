"""The house stays clean: ruff finds no errors and vulture finds no dead code.

Both run as part of the test command, so a change that leaves an unused import, an
undefined name or a function nothing calls fails here, naming the place. Names that
only a framework uses are listed, after review, in tests/vulture_whitelist.py.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["privacy_kb", "tests", "bench", "scripts", "docs", "deploy"]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)


def test_ruff_finds_nothing():
    result = _run("ruff", "check", "--output-format", "concise", *SOURCES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_vulture_finds_no_dead_code_in_the_package():
    # The tests, benchmarks and scripts count as users of the package's public names;
    # only findings inside the package are reported.
    result = _run("vulture", *SOURCES, "tests/vulture_whitelist.py",
                  "--min-confidence", "60")
    dead = [line for line in result.stdout.splitlines() if line.startswith("privacy_kb/")]
    assert dead == [], "\n".join(dead)
