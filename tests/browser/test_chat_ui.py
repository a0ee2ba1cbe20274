"""The question and intake tabs as support staff meet them, in headless Chromium.

Copying really reaches the clipboard (the context is granted clipboard access, as a
browser asks its user), a pasted e-mail is answered per question with a draft reply,
the conversation survives a reload, every input has a label tied to it, nothing is
cut off on a 390 px phone, and the intake warns about late and duplicate requests.
"""

from __future__ import annotations

import datetime as dt

import pytest
from voila_helpers import axe_violations, new_context, open_app

from privacy_kb import load_assistant, open_register
from privacy_kb.clock import today_amsterdam

pytestmark = pytest.mark.browser


EMAIL = ("Goedemiddag,\n\nWelke cookies gebruiken jullie? En hoe lang bewaren jullie mijn "
         "sollicitatie?\n\nMet vriendelijke groet,\nEls Visser\n06 12345678")


def _open(browser, voila, width=1280, height=900):
    ctx = new_context(browser, viewport={"width": width, "height": height})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"],
                          origin=f"http://127.0.0.1:{voila.port}")
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    open_app(page, voila.url)
    return ctx, page


def _ask(page, question):
    box = page.locator(".pd-chat-input input")
    box.fill(question)
    box.press("Enter")
    turn = page.locator(".pd-chat-log .pd-turn").first
    turn.locator(".pd-q", has_text=question).wait_for()
    return turn


def _clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_answer_puts_the_answer_on_the_clipboard_and_says_so(browser, voila):
    ctx, page = _open(browser, voila)
    try:
        page.evaluate("navigator.clipboard.writeText('leeg')")
        turn = _ask(page, "Hoe lang bewaren jullie mijn sollicitatie?")
        answer = turn.locator(".pd-a").first.inner_text().strip()
        turn.locator(".pd-copy button").click()
        turn.locator(".pd-copy .pd-copy-status", has_text="Gekopieerd").wait_for()
        copied = _clipboard(page)
        assert copied.startswith(answer[:60]) and "(Bron: " in copied
        assert turn.locator(".pd-copy-manual").is_hidden()       # no Ctrl+C box needed
    finally:
        ctx.close()


def test_without_the_clipboard_api_copying_falls_back_and_then_shows_the_text(browser,
                                                                              voila):
    ctx, page = _open(browser, voila)
    try:
        turn = _ask(page, "Welke cookies gebruiken jullie?")
        page.evaluate("navigator.clipboard.writeText('leeg')")
        # a browser that refuses the Clipboard API (plain http on another host, a policy)
        page.evaluate("""() => { window.__realWrite = navigator.clipboard.writeText
                                   .bind(navigator.clipboard);
            navigator.clipboard.writeText = () => Promise.reject(new Error('blocked')); }""")
        turn.locator(".pd-copy button").click()
        turn.locator(".pd-copy .pd-copy-status", has_text="Gekopieerd").wait_for()
        copied = _clipboard(page)                            # execCommand('copy') did it
        assert copied.startswith(turn.locator(".pd-a").first.inner_text().strip()[:40])
        # and one where nothing may copy: the text is shown, selected, with a hint
        page.evaluate("() => { document.execCommand = () => false; }")
        turn.locator(".pd-copy button").click()
        area = turn.locator(".pd-copy-manual textarea")
        area.wait_for(state="visible")
        assert area.input_value() == copied
        assert "Ctrl+C" in turn.locator(".pd-copy-manual").inner_text()
        assert area.evaluate("el => el.selectionEnd - el.selectionStart") == len(copied)
    finally:
        ctx.close()


def test_a_pasted_email_is_answered_per_question_with_a_draft_to_copy(browser, voila):
    ctx, page = _open(browser, voila)
    try:
        page.locator(".pd-chat-paste-toggle").click()
        page.locator(".pd-chat-paste textarea").fill(EMAIL)
        page.locator(".pd-chat-paste-send").click()
        turn = page.locator(".pd-chat-log .pd-turn").first
        turn.locator(".pd-draft").wait_for()
        parts = turn.locator(".pd-part")
        assert parts.count() == 2
        for i in range(2):
            assert parts.nth(i).locator(".pd-src").count() == 1
        assert "Els Visser" in turn.locator(".pd-q").inner_text()      # as pasted
        draft = load_assistant().draft_reply(EMAIL)
        assert turn.locator(".pd-draft").inner_text().strip() == draft.strip()
        turn.locator(".pd-copy-draft button").click()
        turn.locator(".pd-copy-draft .pd-copy-status", has_text="Gekopieerd").wait_for()
        assert _clipboard(page) == draft
        link = turn.locator('.pd-draft a[href="mailto:info@softwareborg.nl"]').first
        assert link.get_attribute("rel") == "noopener noreferrer"
        assert link.get_attribute("target") == "_blank"
    finally:
        ctx.close()


def test_a_follow_up_keeps_the_topic_and_the_conversation_survives_a_reload(browser, voila):
    ctx, page = _open(browser, voila)
    try:
        _ask(page, "Wat doet de _ga cookie?")
        follow = _ask(page, "en hoe lang?")
        assert follow.locator(".pd-fallback").count() == 0
        assert "2 jaar" in follow.locator(".pd-a").inner_text()
        page.reload()
        page.wait_for_selector("#loading", state="detached", timeout=60_000)
        turns = page.locator(".pd-chat-log .pd-turn")
        try:
            turns.nth(1).wait_for(timeout=60_000)   # re-asked in a fresh kernel: as slow as a load
        except Exception as error:  # say what the page and the server did, then fail
            log = voila.log.read_text(errors="replace").splitlines()[-40:]
            raise AssertionError(
                f"{error}\n--- turns shown: {turns.count()}; chat log: "
                f"{page.locator('.pd-chat-log').inner_text()[:500]!r}\n--- stored: "
                f"{page.evaluate('JSON.stringify(sessionStorage)')[:500]}\n--- voila log:\n"
                + "\n".join(log)) from error
        assert [turns.nth(i).locator(".pd-q").inner_text() for i in range(2)] == [
            "Vraag: en hoe lang?", "Vraag: Wat doet de _ga cookie?"]
        assert "2 jaar" in turns.first.locator(".pd-a").inner_text()   # same context
        page.locator("button.pd-chat-clear").click()
        page.locator(".pd-chat-log .pd-turn").first.wait_for(state="detached")
        assert page.evaluate("sessionStorage.length") == 0    # gone before the turns
        open_app(page, voila.url)                              # a fresh load of the tab
        page.locator(".pd-chat-log .pd-note", has_text="Nog geen vragen").wait_for()
        assert page.locator(".pd-chat-log .pd-turn").count() == 0
    finally:
        ctx.close()


LABELLED = """() => [...document.querySelectorAll(
    '.pd-app input, .pd-app select, .pd-app textarea')]
  .filter(el => el.offsetParent !== null)
  .map(el => ({cls: el.closest('.jupyter-widgets')?.className || el.className,
               label: [...(el.labels || [])].map(l => l.innerText.trim()).join(' ')
                      || el.getAttribute('aria-label') || ''}))"""

CUT_OFF = """(width) => [...document.querySelectorAll(
    '.pd-app input, .pd-app select, .pd-app textarea, .pd-app button, .pd-app label')]
  .filter(el => el.offsetParent !== null)
  .filter(el => { const r = el.getBoundingClientRect();
                  return r.width > 0 && (r.left < -1 || r.right > width + 1); })
  .map(el => (el.innerText || el.placeholder || el.className).slice(0, 40))"""


def test_inputs_have_labels_and_nothing_is_cut_off_on_a_phone(browser, voila):
    ctx, page = _open(browser, voila, width=390, height=844)
    try:
        page.locator(".pd-chat-paste-toggle").click()
        _ask(page, "Ik wil een klacht indienen over jullie nieuwsbrief")
        for tab in ("Vragen", "Verzoek registreren"):
            page.get_by_role("tab", name=tab).click()
            if tab != "Vragen":
                page.locator(".pd-intake-name input").wait_for()
            fields = page.evaluate(LABELLED)
            assert len(fields) >= (4 if tab == "Vragen" else 13), fields   # staff name too
            assert [f for f in fields if not f["label"]] == [], tab
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, tab
            assert page.evaluate(CUT_OFF, 390) == [], tab
        assert page.locator(".pd-intake-name input").evaluate(
            "el => el.labels[0].innerText") == "Naam *"
    finally:
        ctx.close()


def test_intake_needs_a_name_warns_when_late_and_about_duplicates(browser, voila):
    ctx, page = _open(browser, voila)
    try:
        assert _ask(page, "Waar kan ik een klacht indienen bij de AP?").locator(
            ".pd-register-this").count() == 0
        page.get_by_role("tab", name="Verzoek registreren").click()
        late = today_amsterdam() - dt.timedelta(days=60)
        page.locator(".pd-intake-name input").fill("Vera Late")
        page.locator(".pd-intake-email input").fill("vera@example.nl")
        page.locator(".pd-intake-received input").fill(late.isoformat())
        message = page.locator(".pd-intake-message")
        page.locator("button.pd-intake-submit").click()
        message.get_by_text("Vul eerst bovenaan uw naam in").wait_for()
        page.locator(".pd-staff input").fill("Anna")
        page.locator(".pd-staff input").press("Tab")
        page.locator("button.pd-intake-submit").click()
        message.get_by_text("al te laat").wait_for()
        assert "dagen geleden" in message.inner_text()
        page.locator(".pd-intake-name input").fill("vera late")
        page.locator(".pd-intake-email input").fill("vera@example.nl")
        page.locator(".pd-intake-received input").fill(late.isoformat())
        page.locator("button.pd-intake-submit").click()
        message.get_by_text("Mogelijk dubbel").wait_for()
        page.get_by_role("button", name="Toch registreren").click()
        message.get_by_text("lijkt op").wait_for()
        page.reload()                                  # the name stays with the tab
        open_app(page, voila.url)
        page.wait_for_function(
            "document.querySelector('.pd-staff input').value === 'Anna'")
        reg = open_register(voila.db)
        try:
            mine = reg.frame()
            mine = mine[mine["email"] == "vera@example.nl"]
            assert len(mine) == 2
            for request_id in mine["id"]:
                assert reg.history(request_id)["by"].tolist() == ["Anna"]
        finally:
            reg.close()
    finally:
        ctx.close()


def test_axe_finds_nothing_serious_on_the_question_and_intake_tabs(browser, voila):
    ctx, page = _open(browser, voila)
    try:
        _ask(page, "Ik wil mijn gegevens laten verwijderen")
        page.locator(".pd-chat-paste-toggle").click()
        page.locator(".pd-chat-paste textarea").fill(EMAIL)
        page.locator(".pd-chat-paste-send").click()
        page.locator(".pd-chat-log .pd-turn").first.locator(".pd-draft").wait_for()
        assert axe_violations(page, ".pd-app") == []
        page.get_by_role("tab", name="Verzoek registreren").click()
        page.locator(".pd-intake-name input").wait_for()
        page.locator("button.pd-intake-submit").click()           # messages shown too
        page.locator(".pd-intake-message .pd-err").wait_for()
        assert axe_violations(page, ".pd-app") == []
    finally:
        ctx.close()
