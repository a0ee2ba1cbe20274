"""Fixtures: a session Voila server on the app notebook, a session Chromium, and a
fresh context with the app loaded per test. See voila_helpers.py for the recipe
(TOOLCHAIN.md): the register is a temporary SQLite file outside the repository.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from voila_helpers import (NOTEBOOK, launch_browser, new_context, open_app, serve_notebook,
                           start_voila, stop_voila)


@pytest.fixture(scope="session")
def voila(tmp_path_factory):
    if not shutil.which("chromium") and not Path("/usr/bin/chromium").exists():
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    base = tmp_path_factory.mktemp("voila")
    # the chat logs unanswered questions: into tmp too, never the user's data dir
    server = start_voila(NOTEBOOK, base / "db" / "register.sqlite3", base / "voila.log",
                         env={"PRIVACY_DESK_GAPS": str(base / "gaps.jsonl")})
    yield server
    stop_voila(server)


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = launch_browser(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, voila):
    """A fresh context and the loaded app; dialogs (alert) are recorded, not shown."""
    ctx = new_context(browser, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, voila.url)
    yield page
    ctx.close()


@pytest.fixture(scope="module")
def training_server(tmp_path_factory):
    """Voila on the training notebook (one per test module)."""
    server = serve_notebook(tmp_path_factory, "training")
    yield server
    stop_voila(server)


@pytest.fixture(scope="module")
def report_server(tmp_path_factory):
    """Voila on the register report notebook (one per test module)."""
    server = serve_notebook(tmp_path_factory, "register_report")
    yield server
    stop_voila(server)
