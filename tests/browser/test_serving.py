"""How the page is served (issue 12, "Nobody else gets in"), in headless Chromium:

* the page asks no host but its own for anything, and its icons (Font Awesome) still
  come from Voila's own static files;
* closing the page shuts its kernel; a kernel whose page went away without saying so is
  culled once idle.

Each test starts its own Voila the way ``privacy-desk app`` does (python -m
privacy_kb.serve), so that it can count that server's kernels.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from processes import children
from voila_helpers import (LOCALE, NOTEBOOK, PAGE_TIMEOUT_MS, open_app, start_voila,
                           stop_voila)

pytestmark = pytest.mark.browser


def _kernels(server) -> int:
    """How many kernels the server runs (its child processes)."""
    return len(children(server.proc.pid))


def _wait_for_kernels(server, expected: int, seconds: float) -> int:
    deadline = time.monotonic() + seconds
    while (count := _kernels(server)) != expected and time.monotonic() < deadline:
        time.sleep(0.25)
    return count


@pytest.fixture
def serve(tmp_path):
    if not shutil.which("chromium") and not Path("/usr/bin/chromium").exists():
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    servers = []

    def start(*args: str):
        server = start_voila(NOTEBOOK, tmp_path / f"db{len(servers)}" / "register.sqlite3",
                             tmp_path / f"voila{len(servers)}.log",
                             env={"PRIVACY_DESK_GAPS": str(tmp_path / "gaps.jsonl")},
                             args=list(args))
        servers.append(server)
        return server

    yield start
    for server in servers:
        stop_voila(server)


def test_the_page_requests_nothing_from_another_host_and_shows_its_icons(browser, serve):
    server = serve()
    own = urlsplit(server.url).netloc
    requested: list[str] = []
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale=LOCALE)

    def record(route):  # every request the page makes passes here; only ours may go out
        requested.append(route.request.url)
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            route.abort()

    ctx.route("**/*", record)
    page = ctx.new_page()
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    try:
        open_app(page, server.url)
        # Use the page a little, so that lazily loaded parts are asked for too.
        page.get_by_role("tab", name="Verzoek registreren").click()
        page.get_by_role("tab", name="Register").click()
        page.locator(".pd-register-table").first.wait_for(timeout=PAGE_TIMEOUT_MS)
        page.get_by_role("tab", name="Vragen").click()
        box = page.locator(".pd-chat-input input")
        box.fill("Welke cookies gebruiken jullie?")
        box.press("Enter")
        page.locator(".pd-chat-log .pd-turn").first.wait_for()
        # The icons' font is Voila's own copy of Font Awesome, and it did load.
        icon = page.locator("button i.fa").first
        icon.wait_for()
        family = icon.evaluate("el => getComputedStyle(el).fontFamily")
        assert "Font Awesome" in family
        assert page.evaluate("() => document.fonts.ready.then("
                             "() => document.fonts.check('900 16px \"Font Awesome 5 Free\"'))")
        loaded = page.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded')"
                               ".map(f => f.family)")
        assert any("Font Awesome" in name for name in loaded), loaded
    finally:
        ctx.close()
    assert len(requested) > 10 and sockets, "expected the page's own requests to be seen"
    foreign = sorted({url for url in requested + sockets if urlsplit(url).netloc != own})
    assert foreign == []


def test_closing_the_page_shuts_its_kernel(browser, serve):
    server = serve()  # default idle timeout (10 minutes): only the page's goodbye counts
    ctx = browser.new_context(locale=LOCALE)
    page = ctx.new_page()
    try:
        open_app(page, server.url)
        assert _kernels(server) == 1
        page.close(run_before_unload=True)
        assert _wait_for_kernels(server, 0, 20) == 0
    finally:
        ctx.close()


def test_a_kernel_whose_page_vanished_is_culled_when_idle(browser, serve):
    server = serve("--idle-timeout", "3")
    ctx = browser.new_context(locale=LOCALE)
    page = ctx.new_page()
    open_app(page, server.url)
    assert _kernels(server) == 1
    ctx.close()  # no beforeunload: like a browser that crashed or lost the network
    assert _wait_for_kernels(server, 0, 30) == 0


def test_a_page_from_a_preheated_kernel_answers_and_opens_the_register(browser, serve):
    server = serve("--preheat", "1")  # as privacy-desk app serves by default
    deadline = time.monotonic() + 90
    while "is filled with 1 kernel" not in server.log.read_text():
        assert time.monotonic() < deadline, server.log.read_text()
        time.sleep(0.5)
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale=LOCALE)
    page = ctx.new_page()
    try:
        open_app(page, server.url)
        assert "Using pre-heated kernel" in server.log.read_text()
        box = page.locator(".pd-chat-input input")
        box.fill("Welke cookies gebruiken jullie?")
        box.press("Enter")
        page.locator(".pd-chat-log .pd-turn .pd-q", has_text="Welke cookies").wait_for()
        page.get_by_role("tab", name="Register").click()
        page.locator(".pd-register-table").first.wait_for(timeout=PAGE_TIMEOUT_MS)
    finally:
        ctx.close()
