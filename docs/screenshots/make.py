"""Take the README's screenshots from the real app: one PNG per tab.

    python docs/screenshots/make.py

Starts Voila on notebooks/privacy_desk.ipynb with a temporary register filled with
demo requests (privacy_kb.register.demo), asks two questions, opens each tab in
headless Chromium and writes vragen.png, verzoek.png and register.png next to this
file. Needs Debian's chromium (apt-get install -y chromium).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402
from voila_helpers import (NOTEBOOK, launch_browser, new_context, open_app,  # noqa: E402
                           start_voila, stop_voila)

from privacy_kb import open_register  # noqa: E402
from privacy_kb.register.demo import fill_demo  # noqa: E402


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="privacy-desk-shots-") as tmp:
        db = Path(tmp) / "register.sqlite3"
        reg = open_register(db)
        fill_demo(reg, 40, seed=4)
        reg.close()
        server = start_voila(NOTEBOOK, db, Path(tmp) / "voila.log")
        try:
            with sync_playwright() as pw:
                browser = launch_browser(pw)
                ctx = new_context(browser, viewport={"width": 1280, "height": 900},
                                  device_scale_factor=1, locale="nl-NL")
                page = ctx.new_page()
                page.set_default_timeout(30_000)
                open_app(page, server.url)
                box = page.locator(".pd-chat-input input")
                for question in ("Welke cookies gebruiken jullie?",
                                 "Ik wil mijn gegevens laten verwijderen"):
                    box.fill(question)
                    box.press("Enter")
                    page.locator(".pd-chat-log .pd-q", has_text=question).wait_for()
                page.locator(".pd-chat-log .pd-turn").first.locator("details summary").click()
                page.wait_for_timeout(300)
                page.screenshot(path=str(HERE / "vragen.png"), full_page=True)

                page.locator("button.pd-register-this").first.click()
                page.locator(".pd-intake-name input").fill("Jan Jansen")
                page.locator(".pd-intake-email input").fill("jan@example")
                page.locator(".pd-intake-received input").fill(
                    (dt.date.today() - dt.timedelta(days=2)).isoformat())
                page.locator("button.pd-intake-submit").click()
                page.locator(".pd-intake-message .pd-err").wait_for()
                page.wait_for_timeout(300)
                page.screenshot(path=str(HERE / "verzoek.png"), full_page=True)

                page.get_by_role("tab", name="Register", exact=True).click()
                page.locator(".pd-register-table tbody tr").first.wait_for()
                page.locator(".pd-filter-status select").select_option(label="Open (alle)")
                page.wait_for_timeout(500)
                flagged = page.locator(".pd-register-table tbody tr", has_text="te laat")
                rows = flagged if flagged.count() else page.locator(
                    ".pd-register-table tbody tr")
                rows.first.click()
                page.locator(".pd-register-history table").wait_for()
                # the decision form of the selected request, as staff fill it in
                page.get_by_role("tab", name="Besluit", exact=True).click()
                page.locator(".pd-decide-outcome select").select_option(label="Afgewezen")
                page.locator("button.pd-decide-apply").click()
                page.locator(".pd-error-decide-ground", has_text="verplicht").wait_for()
                # tall enough for the whole tab; Voila scrolls an inner element, so a
                # full-page shot alone would cut the top off
                height = page.evaluate("document.querySelector('.pd-app').scrollHeight")
                page.set_viewport_size({"width": 1280, "height": max(1500, height + 120)})
                page.evaluate("document.querySelectorAll('*').forEach("
                              "e => { if (e.scrollTop) e.scrollTop = 0; })")
                page.wait_for_timeout(500)
                page.screenshot(path=str(HERE / "register.png"), full_page=True)
                browser.close()
        finally:
            stop_voila(server)
    for name in ("vragen", "verzoek", "register"):
        print(HERE / f"{name}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
