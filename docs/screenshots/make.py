"""Take the README's screenshots from the real app.

    python docs/screenshots/make.py

Starts Voila on the app notebook with a temporary register (outside the repository)
holding a dozen invented requests, added through ``open_register(...).add(..., by=...)``
with receipt dates spread so that some are overdue and the days-left colours show.
In headless Chromium it types the staff name first (the app asks for it before any
change), then writes next to this file:

- ``vragen.png``: the Vragen tab answering a pasted e-mail per question, with its
  draft reply;
- ``verzoek.png``: the intake tab with a validation message beside a field;
- ``register.png``: the Register tab, most urgent first, days left in colour;
- ``register-phone.png``: the Register tab on a 390 px wide phone.

Needs Debian's chromium (apt-get install -y chromium). The PNGs are reduced to 256
colours with Pillow (already installed with matplotlib): a third of the size, the text
as sharp.
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

from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from voila_helpers import (NOTEBOOK, launch_browser, new_context, open_app,  # noqa: E402
                           start_voila, stop_voila)

from privacy_kb import open_register  # noqa: E402

STAFF = "Anna de Wit"
#: A pasted e-mail: greeting, two questions, a signature (invented name).
EMAIL = ("Beste Privacy Desk,\n\n"
         "Welke cookies gebruiken jullie op de website? En hoe lang bewaren jullie "
         "mijn sollicitatiegegevens?\n\n"
         "Met vriendelijke groet,\nFemke Verhoeven")
#: (type, name, channel, days ago, status) — invented people, reserved example.*
#: domains; two overdue, a few close to their deadline.
REQUESTS = [
    ("access", "Pieter Bakker", "email", 48, "in_progress"),
    ("erasure", "Sanne Mulder", "web", 36, "identity_check"),
    ("objection", "Mohamed El Amrani", "email", 30, "in_progress"),
    ("access", "Lotte de Groot", "post", 27, "in_progress"),
    ("rectification", "Daan Visser", "phone", 23, "identity_check"),
    ("complaint", "Fatima Kaya", "email", 19, "in_progress"),
    ("portability", "Bram Hendriks", "web", 14, "identity_check"),
    ("erasure", "Noor Dijkstra", "email", 9, "received"),
    ("restriction", "Kees van Leeuwen", "post", 5, "received"),
    ("access", "Elif Şahin", "in_person", 2, "received"),
    ("objection", "Wouter Smit", "email", 0, "received"),
]
PAGE = {"width": 1280, "height": 860}


def fill_register(db: Path) -> None:
    """The demo-like requests, through the register's public API."""
    reg = open_register(db)
    try:
        today = reg.today()
        for kind, name, channel, days_ago, status in REQUESTS:
            first, *rest = name.lower().replace("ş", "s").split()
            email = f"{first}.{rest[-1]}@example.nl"
            received = today - dt.timedelta(days=days_ago)
            request = reg.add(request_type=kind, name=name, email=email, channel=channel,
                              received=received.isoformat(), description="", by="Bram")
            if status != "received":
                reg.acknowledge(request.id, on=received + dt.timedelta(days=1), by="Bram")
                reg.set_status(request.id, status, by="Carla")
    finally:
        reg.close()


def say_who(page) -> None:
    box = page.locator(".pd-staff input")
    box.fill(STAFF)
    box.press("Tab")


def unscroll(page) -> None:
    """Voila scrolls an inner element: back to the top before a shot."""
    page.evaluate("document.querySelectorAll('*').forEach("
                  "e => { if (e.scrollTop) e.scrollTop = 0; })")


def shoot(page, name: str, width: int, min_height: int = 400) -> Path:
    """The whole app, cropped to it: the viewport is made as tall as the app first."""
    height = page.evaluate("document.querySelector('.pd-app').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(min_height, height + 40)})
    unscroll(page)
    page.wait_for_timeout(600)
    path = HERE / f"{name}.png"
    page.locator(".pd-app").screenshot(path=str(path))
    return path


def optimise(paths: list[Path]) -> None:
    for path in paths:
        with Image.open(path) as image:
            small = image.convert("RGB").quantize(
                colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        small.save(path, optimize=True)


def main() -> int:
    made: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="privacy-desk-shots-") as tmp:
        db = Path(tmp) / "register.sqlite3"
        fill_register(db)
        server = start_voila(NOTEBOOK, db, Path(tmp) / "voila.log")
        try:
            with sync_playwright() as pw:
                browser = launch_browser(pw)
                ctx = new_context(browser, viewport=PAGE, device_scale_factor=1,
                                  locale="nl-NL")
                page = ctx.new_page()
                page.set_default_timeout(30_000)
                open_app(page, server.url)
                say_who(page)

                page.locator(".pd-chat-paste-toggle").click()
                page.locator(".pd-chat-paste textarea").fill(EMAIL)
                page.locator(".pd-chat-paste-send").click()
                turn = page.locator(".pd-chat-log .pd-turn").first
                turn.locator(".pd-draft").wait_for()
                page.wait_for_timeout(300)
                made.append(shoot(page, "vragen", PAGE["width"]))
                page.set_viewport_size(PAGE)

                page.get_by_role("tab", name="Verzoek registreren", exact=True).click()
                page.locator(".pd-intake-name input").fill("Jan Jansen")
                page.locator(".pd-intake-email input").fill("jan@example")
                page.locator(".pd-intake-received input").fill(
                    (dt.date.today() - dt.timedelta(days=2)).isoformat())
                page.locator("button.pd-intake-submit").click()
                page.wait_for_function(
                    "() => document.querySelector('.pd-error-email').innerText.trim()")
                page.wait_for_timeout(300)
                made.append(shoot(page, "verzoek", PAGE["width"]))
                page.set_viewport_size(PAGE)

                page.get_by_role("tab", name="Register", exact=True).click()
                rows = page.locator(".pd-register-table tbody tr")
                page.wait_for_function(
                    "n => document.querySelectorAll('.pd-register-table tbody tr')"
                    ".length >= n", arg=len(REQUESTS))
                made.append(shoot(page, "register", PAGE["width"]))
                assert rows.count() >= len(REQUESTS)
                ctx.close()

                phone = new_context(browser, viewport={"width": 390, "height": 844},
                                    device_scale_factor=1, locale="nl-NL",
                                    is_mobile=True, has_touch=True)
                page = phone.new_page()
                page.set_default_timeout(30_000)
                open_app(page, server.url)
                say_who(page)
                page.get_by_role("tab", name="Register", exact=True).click()
                page.locator(".pd-register-table tbody tr").first.wait_for()
                page.wait_for_timeout(500)
                made.append(shoot(page, "register-phone", 390, min_height=844))
                phone.close()
                browser.close()
        finally:
            stop_voila(server)
    optimise(made)
    for path in made:
        print(path, path.stat().st_size)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
