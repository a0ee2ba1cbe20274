"""Fixtures for the register tests.

``register`` runs each test on SQLite (always) and on PostgreSQL when
``PRIVACY_DESK_TEST_PG`` holds a URL of a throwaway database (skipped otherwise).
Every test gets its own database under ``tmp_path``; ``PRIVACY_DESK_DB`` points there
too, so nothing ever touches the user's data directory.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest

AMS = ZoneInfo("Europe/Amsterdam")
#: "Now" for registers under test: a fixed Tuesday afternoon.
NOW = dt.datetime(2026, 11, 24, 14, 30, tzinfo=AMS)
PG_ENV = "PRIVACY_DESK_TEST_PG"


class Clock:
    """A settable clock: ``clock.now`` is returned; ``clock.advance(days=…)`` moves it."""

    def __init__(self, now: dt.datetime = NOW):
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now = self.now + dt.timedelta(**delta)


@pytest.fixture(autouse=True)
def _isolated_default_store(tmp_path, monkeypatch):
    monkeypatch.setenv("PRIVACY_DESK_DB", str(tmp_path / "default-register.sqlite3"))
    # These tests run as a JupyterHub user would: changes without an explicit ``by``
    # are recorded under the login (test_actor.py checks what happens without one).
    monkeypatch.setenv("JUPYTERHUB_USER", "hub-user")


@pytest.fixture
def clock():
    return Clock()


def _fresh_pg(url: str) -> None:
    import sqlalchemy as sa

    from privacy_kb.register import schema

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        schema.metadata.drop_all(conn)
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend_url(request, tmp_path):
    """A fresh, empty store: a SQLite path, or a PostgreSQL URL with no tables."""
    if request.param == "sqlite":
        return str(tmp_path / "register.sqlite3")
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"{PG_ENV} is not set")
    _fresh_pg(url)
    return url


@pytest.fixture
def register(backend_url, clock):
    from privacy_kb import open_register

    reg = open_register(backend_url, clock=clock, by="Anna")
    yield reg
    reg.close()


@pytest.fixture
def sqlite_register(tmp_path, clock):
    """SQLite only: for file modes, PRAGMAs, backups."""
    from privacy_kb import open_register

    reg = open_register(tmp_path / "register.sqlite3", clock=clock, by="Anna")
    yield reg
    reg.close()


def new_request(reg, **overrides):
    """Add a valid request; keywords override the defaults."""
    values = dict(request_type="access", name="Jan Jansen", email="jan@example.nl",
                  channel="email", received="2026-11-02",
                  description="Welke gegevens hebben jullie over mij?")
    values.update(overrides)
    return reg.add(**values)


@pytest.fixture
def add():
    return new_request
