"""A team's desk on JupyterHub, for real: deploy/jupyterhub_config.py on 127.0.0.1 with
its proxy (configurable-http-proxy from npm), two staff members logging in through the
hub's page in Chromium, each registering and editing a request on the desk's Voila page.

Checked: each lands on the desk after logging in; the register's history names who did
what by their login; neither reaches the other's server; no page asks another host for
anything.

The shipped configuration runs each user's server as their own system account (PAM,
LocalProcessSpawner); this test loads it and swaps in JupyterHub's shared-password
authenticator and SimpleLocalProcessSpawner (servers as the test's own account), so it
needs no system users. The register is a SQLite file here (PostgreSQL in the README's
deployment; the register suite runs on both).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from voila_helpers import LOCALE, REPO, free_port

from privacy_kb import open_register

pytestmark = [pytest.mark.browser, pytest.mark.hub, pytest.mark.slow]

DEPLOY_CONFIG = REPO / "deploy" / "jupyterhub_config.py"
USERS = ("anna", "bram")
PASSWORD = secrets.token_urlsafe(12)
SPAWN_TIMEOUT_MS = 180_000


def _proxy_command() -> str:
    local = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
    found = str(local) if local.exists() else shutil.which("configurable-http-proxy")
    if found:
        return found
    message = "configurable-http-proxy is not installed (npm ci, see scripts/test.sh)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    if not shutil.which("chromium") and not Path("/usr/bin/chromium").exists():
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    proxy = _proxy_command()
    base = tmp_path_factory.mktemp("hub")
    (base / "state").mkdir()
    port, hub_port, api_port = free_port(), free_port(), free_port()
    config = base / "jupyterhub_test_config.py"
    config.write_text(f"""
load_subconfig({str(DEPLOY_CONFIG)!r})
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = {PASSWORD!r}
c.Authenticator.allowed_users = {set(USERS)!r}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(base / "home" / "{username}")!r}
c.Spawner.args.append("--allow-root")   # servers run as the test's account, root in CI
c.Spawner.environment.update({{
    "PYTHONPATH": {str(REPO)!r},                      # this checkout's privacy_kb
    "PRIVACY_DESK_GAPS": {str(base / "gaps.jsonl")!r},
}})
""")
    db = base / "register.sqlite3"
    env = {**os.environ, "PRIVACY_DESK_DB": str(db), "PRIVACY_DESK_HUB_STATE": str(base / "state"),
           "PYTHONPATH": str(REPO)}
    log = open(base / "hub.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)],
                            cwd=base, env=env, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise RuntimeError("jupyterhub exited:\n" + (base / "hub.log").read_text())
            try:
                with urllib.request.urlopen(f"{url}/hub/api", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("jupyterhub did not answer:\n"
                                   + (base / "hub.log").read_text())
            time.sleep(0.5)
        yield {"url": url, "db": db, "log": base / "hub.log"}
    finally:
        proc.terminate()  # the hub stops the users' servers and its proxy
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _context(browser, hub, requested: list[str]):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale=LOCALE)
    own = urlsplit(hub["url"]).netloc

    def record(route):
        requested.append(route.request.url)
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            route.abort()

    ctx.route("**/*", record)
    return ctx


def _log_in(page, hub, user: str) -> None:
    page.goto(f"{hub['url']}/hub/login", timeout=60_000)
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill(PASSWORD)
    page.locator("#login_submit").click()
    page.wait_for_url(re.compile(rf"/user/{user}/voila/render/privacy_desk\.ipynb"),
                      timeout=SPAWN_TIMEOUT_MS)
    page.wait_for_selector("#loading", state="detached", timeout=SPAWN_TIMEOUT_MS)
    page.locator(".pd-chat-input input").wait_for(state="visible", timeout=SPAWN_TIMEOUT_MS)


def _register_and_edit(page, user: str) -> str:
    """Through the page: ask, register the request the desk recognises, change its status."""
    question = "Ik wil mijn gegevens laten verwijderen"
    box = page.locator(".pd-chat-input input")
    box.fill(question)
    box.press("Enter")
    turn = page.locator(".pd-chat-log .pd-turn").first
    turn.locator(".pd-q", has_text=question).wait_for()
    turn.locator("button.pd-register-this").click()
    page.locator(".pd-intake-description textarea").wait_for(state="visible")
    page.locator(".pd-intake-name input").fill(f"Klant van {user}")
    page.locator(".pd-intake-email input").fill(f"klant.{user}@example.nl")
    page.locator(".pd-intake-received input").fill(
        (dt.date.today() - dt.timedelta(days=2)).isoformat())
    page.locator("button.pd-intake-submit").click()
    message = page.locator(".pd-intake-message .pd-ok")
    message.wait_for()
    request_id = re.search(r"VZ-\d{4}-\d{4}", message.inner_text()).group(0)

    page.get_by_role("tab", name="Register", exact=True).click()
    row = page.locator(".pd-register-table tbody tr", has_text=request_id)
    try:  # the first opening builds the tab in the kernel: as slow as a page load
        row.wait_for(timeout=SPAWN_TIMEOUT_MS)
    except Exception as error:  # say what the page showed, then fail
        tabs = page.get_by_role("tab").all_inner_texts()
        selected = page.locator('[role="tab"][aria-selected="true"]').all_inner_texts()
        shown = page.locator(".pd-app").inner_text()[-1500:]
        raise AssertionError(f"{error}\n--- tabs {tabs}, selected {selected}\n"
                             f"--- page end:\n{shown}") from error
    row.click()
    page.get_by_role("tab", name="Status", exact=True).click()
    page.locator(".pd-status-new select").select_option(label="In behandeling")
    page.locator(".pd-status-note input").fill(f"opgepakt door {user}")
    page.locator("button.pd-status-apply").click()
    page.locator(".pd-register-message", has_text="Status gewijzigd").wait_for()
    return request_id


@pytest.fixture(scope="module")
def desk_work(browser, hub):
    """Both users log in and work, then each tries the other's (running) server."""
    done, contexts = {}, []
    try:
        pages = {}
        for user in USERS:
            requested: list[str] = []
            ctx = _context(browser, hub, requested)
            contexts.append(ctx)
            page = ctx.new_page()
            page.set_default_timeout(60_000)
            _log_in(page, hub, user)
            done[user] = {"request_id": _register_and_edit(page, user),
                          "requested": requested, "other": {}}
            pages[user] = page
        for user, page in pages.items():
            other = next(u for u in USERS if u != user)
            for path in (f"/user/{other}/voila/render/privacy_desk.ipynb",
                         f"/user/{other}/api/kernels", f"/user/{other}/lab"):
                response = page.goto(f"{hub['url']}{path}", timeout=60_000)
                done[user]["other"][path] = (response.status, page.url,
                                             page.locator(".pd-chat-input").count())
        # Leaving the desk page (above) asked the user's server to shut its kernel.
        for user, page in pages.items():
            kernels = None
            for _ in range(40):
                response = page.goto(f"{hub['url']}/user/{user}/api/kernels")
                kernels = response.json() if response.status == 200 else response.status
                if kernels == []:
                    break
                time.sleep(0.5)
            done[user]["own_kernels_after_leaving"] = kernels
    finally:
        for ctx in contexts:
            ctx.close()
    return done


def test_each_user_registers_and_edits_on_their_own_desk(desk_work, hub):
    reg = open_register(str(hub["db"]))
    try:
        for user, work in desk_work.items():
            req = reg.get(work["request_id"])
            assert req.name == f"Klant van {user}" and req.status == "in_progress"
            notes = reg.history(work["request_id"])["note"].tolist()
            assert f"opgepakt door {user}" in notes
    finally:
        reg.close()
    assert desk_work["anna"]["request_id"] != desk_work["bram"]["request_id"]


def test_the_history_names_each_user_by_their_login(desk_work, hub):
    reg = open_register(str(hub["db"]))
    try:
        for user, work in desk_work.items():
            history = reg.history(work["request_id"])
            assert set(history["by"]) == {user}, history[["action", "by"]].to_dict("records")
    finally:
        reg.close()


def test_neither_user_reaches_the_others_server(desk_work):
    for user, work in desk_work.items():
        for path, (status, url, app_widgets) in work["other"].items():
            assert status == 403, (user, path, status, url)
            assert app_widgets == 0, (user, path)


def test_leaving_the_desk_page_shuts_its_kernel(desk_work):
    for user, work in desk_work.items():
        assert work["own_kernels_after_leaving"] == [], user


def test_the_pages_ask_no_other_host_for_anything(desk_work, hub):
    own = urlsplit(hub["url"]).netloc
    for work in desk_work.values():
        assert len(work["requested"]) > 10
        assert sorted({u for u in work["requested"] if urlsplit(u).netloc != own}) == []
