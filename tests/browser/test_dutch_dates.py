"""Dates in the Dutch interface, in Chromium (issue 16): the page is served as Dutch,
the browser runs in Dutch (voila_helpers: LANGUAGE=nl, locale nl-NL) and so shows a
date field as dd-mm-jjjj, and every date field says, beside it, the order this browser
uses — a page cannot choose it (Chromium takes it from its own interface language).

What the field shows is read from Chromium's accessibility tree (the field's day,
month and year parts, in order, with their names): the DOM only holds the ISO value.
"""

from __future__ import annotations

import re

import pytest
from voila_helpers import NL_PAK, PAGE_TIMEOUT_MS, new_context

pytestmark = pytest.mark.browser


def date_parts(page, selector: str) -> list[tuple[str, str]]:
    """The parts of the first date field under ``selector`` as the browser shows them:
    (role, name) for each day/month/year part and each separator, in order."""
    cdp = page.context.new_cdp_session(page)
    try:
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, selector
        nodes = cdp.send("Accessibility.queryAXTree", {"nodeId": node})["nodes"]
        sub = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    assert nodes, f"no accessibility node for {selector}"
    # the field's own subtree, in document order
    by_id = {n["nodeId"]: n for n in sub}
    out = []

    def walk(ax_id):
        n = by_id.get(ax_id)
        if n is None:
            return
        role = n.get("role", {}).get("value")
        name = n.get("name", {}).get("value", "")
        if role == "spinbutton":
            out.append(("part", name.split()[0]))
        elif role == "StaticText" and name.strip() and not name.strip().isdigit():
            out.append(("sep", name.strip()))
        for child in n.get("childIds", []):
            walk(child)

    walk(nodes[0]["nodeId"])
    return out


def test_the_page_is_dutch_and_dates_read_dd_mm_jjjj(browser, voila):
    if not NL_PAK.exists():
        pytest.fail("Chromium has no Dutch: apt-get install chromium-l10n "
                    "(scripts/test.sh installs it)")
    ctx = new_context(browser, viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        page.set_default_timeout(30_000)
        response = page.goto(voila.url, timeout=PAGE_TIMEOUT_MS)
        html = response.text()
        # served as Dutch from the first byte (nbconvert's default said "en")
        assert re.search(r'<html[^>]*\blang="nl"', html), html[:300]
        page.wait_for_selector("#loading", state="detached", timeout=PAGE_TIMEOUT_MS)
        assert page.evaluate("navigator.language") == "nl-NL"
        page.get_by_role("tab", name="Verzoek registreren", exact=True).click()
        field = page.locator(".pd-intake-received input[type=date]")
        field.wait_for()
        # the field itself: day, month, year, joined by "-" (Dutch Chromium)
        assert date_parts(page, ".pd-intake-received input[type=date]") == [
            ("part", "Dag"), ("sep", "-"), ("part", "Maand"), ("sep", "-"),
            ("part", "Jaar")]
        # and the words beside it, tied to it for screen readers
        hint = page.locator(".pd-intake-received .pd-date-format")
        hint.wait_for()
        assert hint.inner_text() == "notatie: dd-mm-jjjj"
        assert field.get_attribute("aria-describedby") == hint.get_attribute("id")
        field_box, hint_box = field.bounding_box(), hint.bounding_box()
        assert hint_box["x"] >= field_box["x"] + field_box["width"] - 1   # beside it
        page.locator(".pd-lang button", has_text="EN").click()
        page.locator(".pd-intake-received .pd-date-format",
                     has_text="format: dd-mm-yyyy").wait_for()
        # date fields built later (the Register tab's forms) get the hint too
        page.get_by_role("tab", name="Register", exact=True).click()
        page.locator(".pd-register input[type=date]").first.wait_for(state="attached")
        page.wait_for_function("() => [...document.querySelectorAll("
                               "'.pd-register input[type=date]')].every(i => "
                               "i.nextElementSibling && i.nextElementSibling.classList"
                               ".contains('pd-date-format'))")
    finally:
        ctx.close()
