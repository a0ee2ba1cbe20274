"""The Register tab in Chromium: sorting by a column title, days left in colour and in
words, search at any size, confirmations where the eye is, a stale edit reloaded
without losing what was typed, a phone-sized screen, and an axe-core check.

Each test adds its own requests (names starting "Regtab") to the session's register
and searches for them, so that what other tests registered does not matter.
"""

from __future__ import annotations

import datetime as dt

import pytest
from voila_helpers import axe_violations, new_context, open_app

from privacy_kb import open_register

pytestmark = pytest.mark.browser



def add(voila, name: str, days_ago: int, **extra) -> str:
    """Register a request received ``days_ago`` days ago (today in Amsterdam)."""
    reg = open_register(voila.db, by="setup")
    try:
        received = reg.today() - dt.timedelta(days=days_ago)
        values = {"request_type": "access", "name": name, "email": None,
                  "channel": "email", "received": received.isoformat(), "phone": None}
        values.update(extra)
        if not values["email"] and not values["phone"]:
            values["email"] = f"{name.split()[-1].lower()}@example.nl"
        return reg.add(**values).id
    finally:
        reg.close()


def open_register_tab(page, search: str):
    """Say who is working (the audit's by=; no JupyterHub here), open the tab, search."""
    page.locator(".pd-staff input").fill("Regtab Tester")
    page.locator(".pd-staff input").press("Tab")
    page.get_by_role("tab", name="Register", exact=True).click()
    box = page.locator(".pd-register-search input")
    box.fill(search)
    return page.locator(".pd-register-table tbody tr")


def names(rows) -> list[str]:
    return [name.strip() for name in rows.locator("td.pd-col-name").all_inner_texts()]


def test_sort_by_clicking_a_title_days_left_in_colour_and_words(page, voila):
    late = add(voila, "Regsort Zeger", 45)              # overdue
    add(voila, "Regsort Anton", 2)
    soon = add(voila, "Regsort Maria", 27)              # a few days left
    # a prefix of its own: the session register holds other tests' requests too
    rows = open_register_tab(page, "regsort ")
    page.wait_for_function(
        "() => document.querySelectorAll('.pd-register-table tbody tr').length === 3")
    # default: most urgent first
    assert names(rows) == ["Regsort Zeger", "Regsort Maria", "Regsort Anton"]
    late_cell = rows.nth(0).locator("td.pd-col-days_left")
    assert "te laat" in late_cell.inner_text()
    assert "pd-days-late" in late_cell.get_attribute("class")
    color = late_cell.evaluate("el => getComputedStyle(el).backgroundColor")
    assert color not in ("rgba(0, 0, 0, 0)", "transparent")
    assert rows.nth(1).locator("th button").inner_text() == soon
    assert rows.nth(0).locator("th button").inner_text() == late
    # clicking the title text itself (not a small arrow) sorts; again reverses
    title = page.locator(".pd-register-table th[data-key=name]")
    title.get_by_text("Naam").click()
    page.wait_for_function("() => document.querySelector("
                           "'.pd-register-table th[data-key=name]')"
                           ".getAttribute('aria-sort') === 'ascending'")
    assert names(rows) == ["Regsort Anton", "Regsort Maria", "Regsort Zeger"]
    title.get_by_text("Naam").click()
    page.wait_for_function("() => document.querySelector("
                           "'.pd-register-table th[data-key=name]')"
                           ".getAttribute('aria-sort') === 'descending'")
    assert names(rows) == ["Regsort Zeger", "Regsort Maria", "Regsort Anton"]


def test_search_by_phone_survives_a_filter_change(page, voila):
    rid = add(voila, "Regtab Telefoon", 3, phone="06 1122 3344")
    rows = open_register_tab(page, "0611223344")
    one_row = ("() => document.querySelectorAll('.pd-register-table tbody tr').length === 1")
    page.wait_for_function(one_row)
    assert rid in rows.first.inner_text()
    page.locator(".pd-filter-type select").select_option(label="Inzage (art. 15)")
    page.locator(".pd-filter-status select").select_option(label="Open (alle)")
    page.locator(".pd-page-info", has_text="1–1 van 1").wait_for()
    assert page.locator(".pd-register-search input").input_value() == "0611223344"
    page.wait_for_function(one_row)
    assert rid in rows.first.inner_text()


def test_confirmation_beside_the_action_in_view_and_next_step_offered(page, voila):
    rid = add(voila, "Regtab Bevestiging", 4)
    rows = open_register_tab(page, "regtab bevestiging")
    rows.filter(has_text=rid).locator("th button").click()
    page.locator(".pd-register-detail", has_text=rid).wait_for()
    page.get_by_role("tab", name="Besluit", exact=True).click()
    page.locator("button.pd-decide-apply").click()       # granted, the default
    ok = page.locator(".pd-register-message .pd-ok", has_text="Besluit vastgelegd")
    ok.wait_for()
    page.wait_for_timeout(600)                             # the smooth scroll
    box = ok.bounding_box()
    assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 900
    assert page.locator(".pd-register-message").get_attribute("role") == "status"
    # the count of matches is read out too when a search or filter changes it
    assert page.locator(".pd-register-count").get_attribute("aria-live") == "polite"
    page.locator("button.pd-next-closed").click()
    page.locator(".pd-register-message", has_text="Gesloten").wait_for()
    reg = open_register(voila.db)
    try:
        assert reg.get(rid).status == "closed"
    finally:
        reg.close()


def test_a_decision_breaking_two_rules_shows_both_at_once(page, voila):
    """issue 16: a refused objection to direct marketing, dated before the receipt,
    used to report the second rule only after the first was fixed."""
    rid = add(voila, "Regbesluit Reclame", 10, request_type="objection",
              direct_marketing=True)
    rows = open_register_tab(page, "regbesluit reclame")
    rows.filter(has_text=rid).locator("th button").click()
    page.locator(".pd-register-detail", has_text=rid).wait_for()
    page.get_by_role("tab", name="Besluit", exact=True).click()
    page.locator(".pd-decide-outcome select").select_option(label="Afgewezen")
    day_before = (dt.date.fromisoformat(_received(voila, rid)) - dt.timedelta(days=1))
    page.locator(".pd-decide-on input[type=date]").fill(day_before.isoformat())
    page.locator(".pd-decide-on input[type=date]").press("Tab")
    page.locator("button.pd-decide-apply").click()
    message = page.locator(".pd-register-message .pd-err")
    message.wait_for()
    text = message.inner_text()
    assert "absoluut" in text and "vóór de ontvangst" in text, text
    assert message.locator("li").count() == 2
    assert "absoluut" in page.locator(".pd-error-decide-outcome").inner_text()
    assert "vóór de ontvangst" in page.locator(".pd-error-decide-on").inner_text()


def _received(voila, rid: str) -> str:
    reg = open_register(voila.db)
    try:
        return reg.get(rid).received.isoformat()
    finally:
        reg.close()


def test_a_stale_edit_names_the_other_change_and_reloads_keeping_input(page, voila):
    rid = add(voila, "Regtab Conflict", 5)
    rows = open_register_tab(page, "regtab conflict")
    rows.filter(has_text=rid).locator("th button").click()
    page.locator(".pd-register-detail", has_text=rid).wait_for()
    page.get_by_role("tab", name="Gegevens wijzigen", exact=True).click()
    page.locator(".pd-edit-organisation input").fill("Gemeente Assen")
    reg = open_register(voila.db)
    try:
        reg.update(rid, handler="Bram", by="Bram")          # someone else, meanwhile
    finally:
        reg.close()
    page.locator("button.pd-edit-apply").click()
    message = page.locator(".pd-register-message")
    message.get_by_text("Intussen gewijzigd").wait_for()
    assert "Bram" in message.inner_text()
    page.locator("button.pd-register-reload", has_text="Herladen").click()
    message.get_by_text("staat er nog").wait_for()
    assert page.locator(".pd-edit-organisation input").input_value() == "Gemeente Assen"
    page.locator("button.pd-edit-apply").click()
    message.get_by_text("Gegevens gewijzigd").wait_for()
    reg = open_register(voila.db)
    try:
        req = reg.get(rid)
        assert (req.organisation, req.handler) == ("Gemeente Assen", "Bram")
    finally:
        reg.close()


def within_width(locator, width: int) -> bool:
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1


def test_on_a_phone_every_control_and_column_can_be_reached(browser, voila):
    add(voila, "Regtab Telefoonscherm", 6)
    ctx = new_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = ctx.new_page()
        page.set_default_timeout(30_000)
        open_app(page, voila.url)
        assert within_width(page.locator(".pd-lang button", has_text="EN"), 390)
        rows = open_register_tab(page, "regtab telefoonscherm")
        rows.first.wait_for()
        for selector in (".pd-filter-status select", ".pd-filter-type select",
                         ".pd-filter-deadline select", ".pd-register-search input",
                         "button.pd-export-csv", ".pd-export-profile select",
                         "button.pd-page-next"):
            assert within_width(page.locator(selector), 390), selector
        # the table scrolls sideways inside its own box: the last column is reachable
        wrap = page.locator(".pd-register-table .pd-table-wrap")
        assert wrap.evaluate("el => el.scrollWidth > el.clientWidth")
        last = page.locator(".pd-register-table th[data-key=letters]")
        wrap.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
        box = last.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 391
        assert page.evaluate("document.documentElement.scrollWidth") <= 391
    finally:
        ctx.close()


def test_on_a_phone_days_left_is_in_view_without_scrolling_sideways(browser, voila):
    add(voila, "Regdays Smalscherm", 40)                 # overdue: "… dagen te laat"
    ctx = new_context(browser, viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = ctx.new_page()
        page.set_default_timeout(30_000)
        open_app(page, voila.url)
        rows = open_register_tab(page, "regdays smalscherm")
        page.wait_for_function(
            "() => document.querySelectorAll('.pd-register-table tbody tr').length === 1")
        wrap = page.locator(".pd-register-table .pd-table-wrap")
        assert wrap.evaluate("el => el.scrollLeft") == 0   # nobody scrolled sideways
        cell = rows.first.locator("td.pd-col-days_left")
        assert "te laat" in cell.inner_text()
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        title = page.locator(".pd-register-table th[data-key=days_left]").bounding_box()
        assert title["x"] + title["width"] <= 390, title
    finally:
        ctx.close()


def test_axe_finds_nothing_serious_on_the_register_tab(page, voila):
    rid = add(voila, "Regtab Toegankelijk", 7)
    rows = open_register_tab(page, "regtab toegankelijk")
    rows.filter(has_text=rid).locator("th button").click()
    page.locator(".pd-register-detail", has_text=rid).wait_for()
    for tab in ("Ontvangst", "Identiteit", "Verlengen", "Besluit", "Status",
                "Gegevens wijzigen"):
        page.get_by_role("tab", name=tab, exact=True).click()
        assert axe_violations(page) == [], tab


def test_axe_finds_nothing_serious_on_the_questions_tab(page):
    assert axe_violations(page) == []


def test_the_table_speaks_english_in_the_english_interface(page, voila):
    add(voila, "Regtab English", 50)
    open_register_tab(page, "regtab english").first.wait_for()
    page.wait_for_function("() => document.documentElement.lang === 'nl'")
    page.locator(".pd-lang button", has_text="EN").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    row = page.locator(".pd-register-table tbody tr").first
    row.get_by_text("days overdue").wait_for()
    page.locator(".pd-register-table thead").get_by_text("Days left").wait_for()
    header = page.locator(".pd-register-table thead").inner_text()
    assert "Days left" in header and "Dagen" not in header
    assert "Click a column title" in page.locator(
        ".pd-register-table .pd-table-hint").inner_text()


def test_keyboard_alone_sorts_and_opens_a_request(page, voila):
    rid = add(voila, "Regtab Toetsenbord", 8)
    rows = open_register_tab(page, "regtab toetsenbord")
    rows.filter(has_text=rid).wait_for()
    page.locator(".pd-register-table th[data-key=received] button").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector("
                           "'.pd-register-table th[data-key=received]')"
                           ".getAttribute('aria-sort') === 'ascending'")
    page.locator(".pd-register-table tbody th button", has_text=rid).focus()
    page.keyboard.press("Enter")
    page.locator(".pd-register-detail", has_text=rid).wait_for()
    pressed = page.locator(".pd-register-table tbody th button", has_text=rid)
    page.wait_for_function("(id) => [...document.querySelectorAll("
                           "'.pd-register-table tbody th button')].some("
                           "b => b.textContent === id && b.getAttribute('aria-pressed') === 'true')",
                           arg=rid)
    assert pressed.get_attribute("aria-pressed") == "true"


def test_axe_finds_nothing_serious_on_the_intake_tab(page):
    page.get_by_role("tab", name="Verzoek registreren", exact=True).click()
    page.locator(".pd-intake-name input").wait_for()
    assert axe_violations(page) == []
