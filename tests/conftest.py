"""Shared test set-up: hypothesis profiles, a register that never touches the user's
data directory, and small fixtures for the answering engine."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("ci", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")


_CACHE_SAVED: list = []


def pytest_configure(config):
    """The index cache goes to a temporary directory for the session, never the user
    cache directory. Set before collection (modules may build an assistant on import)
    and in os.environ, so subprocesses the tests start inherit it."""
    _CACHE_SAVED.append(os.environ.get("PRIVACY_DESK_CACHE"))
    os.environ["PRIVACY_DESK_CACHE"] = tempfile.mkdtemp(prefix="privacy-desk-cache-")


def pytest_unconfigure(config):
    if not _CACHE_SAVED:
        return
    shutil.rmtree(os.environ.get("PRIVACY_DESK_CACHE", ""), ignore_errors=True)
    previous = _CACHE_SAVED.pop()
    if previous is None:
        os.environ.pop("PRIVACY_DESK_CACHE", None)
    else:
        os.environ["PRIVACY_DESK_CACHE"] = previous


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path_factory, monkeypatch):
    """No test writes to the real register: the default store points into a tmp dir."""
    monkeypatch.setenv("PRIVACY_DESK_DB", str(tmp_path_factory.mktemp("store") / "register.db"))
    # ... nor to the real log of unanswered questions (privacy_kb.gaps)
    monkeypatch.setenv("PRIVACY_DESK_GAPS", str(tmp_path_factory.mktemp("gaps") / "gaps.jsonl"))


@pytest.fixture(scope="session")
def mini_assistant():
    from privacy_kb import load_assistant

    return load_assistant(FIXTURES / "mini_faq.yaml")


@pytest.fixture(scope="session")
def assistant():
    from privacy_kb import load_assistant

    return load_assistant()
