"""Shared test set-up: hypothesis profiles, a register that never touches the user's
data directory, and small fixtures for the answering engine."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("ci", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")


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
