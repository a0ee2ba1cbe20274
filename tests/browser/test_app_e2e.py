"""End to end: the real notebook in Voila, driven in headless Chromium.

Each test loads the page once (each load starts a kernel) and walks a whole flow on it.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import re

import pytest

from privacy_kb import load_assistant, open_register
from privacy_kb.ui.render import format_date

pytestmark = pytest.mark.browser

XSS_NAME = "<img src=x onerror=window.__pwned=1>"


def ask(page, question: str, *, press_enter: bool = True):
    """Type a question, send it, and return the newest turn once its answer shows."""
    box = page.locator(".pd-chat-input input")
    box.fill(question)
    if press_enter:
        box.press("Enter")
    else:
        page.locator("button.pd-chat-send").click()
    turn = page.locator(".pd-chat-log .pd-turn").first
    turn.locator(".pd-q", has_text=question).wait_for()
    return turn


#: Short, vague questions; the first whose reply offers suggestions is used. The app's
#: assistant is the packaged FAQ, the same one load_assistant() gives here.
SUGGESTION_PROBES = ("bewaren", "cookie", "bewaartermijn", "sollicitatie", "delen",
                     "cookies nieuwsbrief", "privacy", "wat doen jullie met mijn gegevens",
                     "gegevens", "nieuwsbrief", "rechten")


def question_with_suggestions() -> tuple[str, str]:
    """The first probe whose reply has suggestions, and its first suggestion.

    Fails (never skips: a skip would hide that the "Bedoelde u" buttons went untested)
    when the FAQ offers suggestions for none of them.
    """
    bot = load_assistant()
    for question in SUGGESTION_PROBES:
        suggestions = bot.ask(question).suggestions
        if suggestions:
            return question, suggestions[0]
    pytest.fail("No probe question gets 'Bedoelde u' suggestions from the packaged FAQ "
                f"any more ({', '.join(SUGGESTION_PROBES)}); add a vaguer question to "
                "SUGGESTION_PROBES so the suggestion buttons stay tested.")


def test_the_faq_offers_suggestions_for_a_probe():
    """No browser needed: says early, and plainly, when the probes stop working."""
    question, suggestion = question_with_suggestions()
    assert suggestion and suggestion != question


def test_dutch_and_english_questions_and_a_suggestion(page):
    turn = ask(page, "Hoe lang bewaren jullie mijn sollicitatie?")
    assert "Bron:" in turn.inner_text()
    passage = turn.locator("details blockquote")
    assert not passage.is_visible()                       # collapsed until asked for
    turn.locator("details summary").click()
    assert passage.is_visible() and passage.inner_text().strip()

    turn = ask(page, "Which cookies do you use?", press_enter=False)
    assert "Source:" in turn.inner_text()
    assert page.locator(".pd-chat-log .pd-turn").count() == 2

    # a question whose match is uncertain offers "Bedoelde u" buttons that ask; on a
    # cleared conversation, so the probe is not read as a follow-up of the last answer
    page.locator("button.pd-chat-clear").click()
    page.locator(".pd-chat-log .pd-turn").first.wait_for(state="detached")
    question, suggestion = question_with_suggestions()
    turn = ask(page, question)
    turn.locator(".pd-suggestion").first.click()
    page.locator(".pd-chat-log .pd-turn").first.locator(
        ".pd-q", has_text=suggestion).wait_for()
    assert page.locator(".pd-chat-log .pd-turn").count() == 2

    # every answer can be copied (the clipboard itself: tests/browser/test_chat_ui.py)
    newest = page.locator(".pd-chat-log .pd-turn").first
    assert newest.locator(".pd-copy button").inner_text() == "Kopieer antwoord"


def test_request_to_register_decision_status_and_export(page, voila):
    # chat: a rights request offers "Registreer dit verzoek"
    question = "Ik wil mijn gegevens laten verwijderen"
    turn = ask(page, question)
    turn.locator("button.pd-register-this").click()
    description = page.locator(".pd-intake-description textarea")
    description.wait_for(state="visible")
    assert description.input_value() == question
    assert page.locator(".pd-intake-type select").input_value() != ""
    assert "Verwijdering" in page.locator(".pd-intake-type select option:checked").inner_text()

    # who is working: the audit's by= (no JupyterHub here, so typed in the header)
    page.locator(".pd-staff input").fill("Anna")
    page.locator(".pd-staff input").press("Tab")

    # a bad e-mail address: a message next to the field, nothing saved
    received = (dt.date.today() - dt.timedelta(days=3)).isoformat()
    page.locator(".pd-intake-name input").fill(XSS_NAME)
    page.locator(".pd-intake-email input").fill("geen-adres")
    page.locator(".pd-intake-received input").fill(received)
    page.locator("button.pd-intake-submit").click()
    page.locator(".pd-error-email", has_text="geen geldig e-mailadres").wait_for()
    assert "niet opgeslagen" in page.locator(".pd-intake-message").inner_text()

    page.locator(".pd-intake-email input").fill("jan@example.nl")
    page.locator(".pd-intake-phone input").fill("050 535 0143")
    page.locator("button.pd-intake-submit").click()
    message = page.locator(".pd-intake-message .pd-ok")
    message.wait_for()
    text = message.inner_text()
    request_id = re.search(r"VZ-\d{4}-\d{4}", text).group(0)
    reg = open_register(voila.db)
    try:
        req = reg.get(request_id)
    finally:
        reg.close()
    assert req.name == XSS_NAME and req.description == question
    assert req.request_type == "erasure" and req.received.isoformat() == received
    assert format_date(req.due) in text                  # the legal due date, in Dutch
    assert page.locator(".pd-intake-name input").input_value() == ""   # form reset

    # register: the row is there, the name is text
    page.get_by_role("tab", name="Register", exact=True).click()
    row = page.locator(".pd-register-table tbody tr", has_text=request_id)
    row.wait_for()
    assert XSS_NAME in row.inner_text()
    row.click()
    detail = page.locator(".pd-register-detail")
    detail.get_by_text(XSS_NAME).wait_for()
    assert page.locator(".pd-register-history").inner_text().count("Ontvangen") >= 1

    # change its status
    page.get_by_role("tab", name="Status", exact=True).click()
    page.locator(".pd-status-new select").select_option(label="In behandeling")
    page.locator(".pd-status-note input").fill("identiteit bekend")
    page.locator("button.pd-status-apply").click()
    page.locator(".pd-register-message", has_text="Status gewijzigd").wait_for()
    page.locator(".pd-register-history", has_text="identiteit bekend").wait_for()
    assert "In behandeling" in page.locator(".pd-register-table tbody tr",
                                            has_text=request_id).inner_text()

    # record the decision: a refusal without reasons is refused beside the fields
    page.get_by_role("tab", name="Besluit", exact=True).click()
    page.locator(".pd-decide-outcome select").select_option(label="Afgewezen")
    page.locator("button.pd-decide-apply").click()
    page.locator(".pd-error-decide-ground", has_text="verplicht").wait_for()
    assert "Autoriteit Persoonsgegevens" in page.locator(
        ".pd-error-decide-told_about_complaint").inner_text()
    page.locator(".pd-decide-ground input").fill("Art. 17 lid 3 AVG: wettelijke bewaarplicht")
    page.locator(".pd-decide-reasons textarea").fill("Facturen bewaren we 7 jaar.")
    page.locator(".pd-decide-told input[type=checkbox]").check()
    page.locator("button.pd-decide-apply").click()
    page.locator(".pd-register-message", has_text="Besluit vastgelegd").wait_for()
    assert page.locator(".pd-error-decide-ground").inner_text().strip() == ""
    page.locator(".pd-register-detail", has_text="wettelijke bewaarplicht").wait_for()

    # now it can be answered; the history shows decision and status
    page.get_by_role("tab", name="Status", exact=True).click()
    page.locator(".pd-status-new select").select_option(label="Beantwoord")
    page.locator("button.pd-status-apply").click()
    page.locator(".pd-register-message", has_text="Beantwoord").wait_for()
    history = page.locator(".pd-register-history")
    history.locator("tr", has_text="Besluit").filter(has_text="Afgewezen").wait_for()
    history.locator("tr", has_text="In behandeling → Beantwoord").wait_for()
    assert "Beantwoord" in page.locator(".pd-register-table tbody tr",
                                        has_text=request_id).inner_text()
    reg = open_register(voila.db)
    try:
        req = reg.get(request_id)
        assert (req.status, req.decision, req.told_about_complaint) == (
            "answered", "refused", True)
        assert reg.history(request_id)["action"].tolist()[-2:] == ["decided", "status"]
    finally:
        reg.close()

    # export: a download link whose data is the CSV
    page.locator("button.pd-export-csv").click()
    link = page.locator(".pd-export-link a")
    link.wait_for()
    href = link.get_attribute("href")
    assert href.startswith("data:text/csv;base64,")
    data = base64.b64decode(href.split(",", 1)[1])
    with page.expect_download() as info:
        link.click()
    downloaded = info.value
    assert downloaded.suggested_filename.endswith(".csv")
    assert open(downloaded.path(), "rb").read() == data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    found = [r for r in rows if request_id in r]
    assert found and any(XSS_NAME in cell for cell in found[0])
    assert rows[0][:2] == ["Nummer", "Soort verzoek"]  # Dutch headers (issue 16)

    # pseudonymised: no name, not even the id (issue 12: a random pseudonym instead)
    page.locator(".pd-export-profile select").select_option(value=None, index=1)
    page.locator("button.pd-export-csv").click()
    page.locator(".pd-export-link a", has_text="gepseudonimiseerd").wait_for()
    href = page.locator(".pd-export-link a").get_attribute("href")
    text = base64.b64decode(href.split(",", 1)[1]).decode("utf-8-sig")
    assert request_id not in text and "onerror" not in text
    assert text.startswith("Pseudoniem;")

    # nothing the requester typed ran as markup
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".pd-app img").count() == 0
    assert page.dialogs == []


def test_markup_in_a_question_runs_nothing(page):
    turn = ask(page, "<img src=x onerror=window.__pwned=1> cookies?")
    assert "<img src=x onerror=window.__pwned=1>" in turn.inner_text()
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".pd-chat-log img").count() == 0


def test_english_switch(page):
    page.locator(".pd-lang button", has_text="EN").click()
    page.get_by_role("tab", name="Questions", exact=True).wait_for()
    page.get_by_role("tab", name="Register a request", exact=True).click()
    page.locator("button.pd-intake-submit", has_text="Register").wait_for()
