"""Take the README's screenshots of the training and the report notebooks.

    python docs/screenshots/make_training_report.py

Starts Voila on notebooks/training.ipynb (quiz in presentation mode, one question
answered) and on notebooks/register_report.ipynb (no register yet, so the report shows
its marked DEMO data) and writes training.png and report.png next to this file, in
headless Chromium, cropped to the app and reduced to 256 colours as make.py does.
Needs Debian's chromium (apt-get install -y chromium).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402
from voila_helpers import launch_browser, open_page, start_voila, stop_voila  # noqa: E402

from make import optimise  # noqa: E402  (this folder: docs/screenshots/make.py)


def _page(browser, url: str, ready: str, height: int):
    return open_page(browser, url, ready, viewport={"width": 1280, "height": height},
                     device_scale_factor=1)


def _shoot(page, name: str) -> None:
    # Voila scrolls an inner element: make the viewport as tall as the app first
    height = page.evaluate("document.querySelector('.pd-app').scrollHeight")
    page.set_viewport_size({"width": 1280, "height": height + 80})
    page.wait_for_timeout(500)
    page.locator(".pd-app").screenshot(path=str(HERE / f"{name}.png"))   # cropped to the app


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="privacy-desk-shots-") as tmp:
        db = Path(tmp) / "register.sqlite3"          # not created: the report shows DEMO
        with sync_playwright() as pw:
            browser = launch_browser(pw)
            # one server at a time: each page load runs its notebook in a new kernel
            server = start_voila(REPO / "notebooks" / "training.ipynb", db,
                                 Path(tmp) / "training.log")
            try:
                ctx, page = _page(browser, server.url, ".pd-train-step", 900)
                page.get_by_role("tab", name="Quiz").click()
                page.locator("button.pd-present-toggle").click()
                page.locator("button.pd-quiz-choice").nth(1).click()
                page.locator("button.pd-choice-right").wait_for()
                _shoot(page, "training")
                ctx.close()
            finally:
                stop_voila(server)
            server = start_voila(REPO / "notebooks" / "register_report.ipynb", db,
                                 Path(tmp) / "report.log")
            try:
                ctx, page = _page(browser, server.url, "img.pd-report-chart", 1200)
                page.wait_for_function(
                    "() => [...document.querySelectorAll('img.pd-report-img')]"
                    ".every(i => i.complete && i.naturalWidth > 300)")
                _shoot(page, "report")
                ctx.close()
            finally:
                stop_voila(server)
            browser.close()
    made = [HERE / f"{name}.png" for name in ("training", "report")]
    optimise(made)
    for path in made:
        print(path, path.stat().st_size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
