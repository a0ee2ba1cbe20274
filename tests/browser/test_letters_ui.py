"""Letters in the Register tab, in Chromium (issue 11): open a request, copy its
acknowledgement (read back from the real clipboard), download it as an .eml (a real
download, from a data: link: nothing asked of another host), mark it sent, and see
the history and the table's letters column show it."""

from __future__ import annotations

import email
import email.policy

import pytest
from test_register_tab import add, open_register_tab
from voila_helpers import new_context, open_app

pytestmark = pytest.mark.browser


@pytest.fixture
def clip_page(browser, voila):
    """The app in a context that may use the clipboard (as a browser asks its user)."""
    ctx = new_context(browser, viewport={"width": 1280, "height": 900},
                      accept_downloads=True)
    ctx.grant_permissions(["clipboard-read", "clipboard-write"],
                          origin=f"http://127.0.0.1:{voila.port}")
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    open_app(page, voila.url)
    yield page
    ctx.close()


def test_copy_download_and_mark_sent_an_acknowledgement(clip_page, voila):
    page = clip_page
    rid = add(voila, "Regtab Brief <b>Vet</b>", 1, email="brief@example.nl")
    rows = open_register_tab(page, "regtab brief")
    row = rows.filter(has_text=rid)
    row.locator("th button").click()
    section = page.locator(".pd-letters")
    page.locator(".pd-letter-preview", has_text=rid).wait_for()
    # the letters column says what went out, in words
    assert "Ontvangst –" in row.locator("td.pd-col-letters").inner_text()
    # the name is text in the letter, never markup
    assert section.locator(".pd-letter-preview b", has_text="Vet").count() == 0
    body = section.locator(".pd-letter-body").inner_text()
    assert rid in body and "<b>Vet</b>" in body

    # copy: really on the clipboard, with a visible confirmation
    page.evaluate("navigator.clipboard.writeText('leeg')")
    section.locator(".pd-letter-copy button").click()
    section.locator(".pd-letter-copy .pd-copy-status", has_text="Gekopieerd").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert rid in copied and "Regtab Brief <b>Vet</b>" in copied
    assert copied.strip() == body.strip()

    # download the .eml
    with page.expect_download() as info:
        section.locator("a.pd-letter-download").click()
    download = info.value
    assert download.suggested_filename == f"{rid}-acknowledgement-nl.eml"
    msg = email.message_from_bytes(open(download.path(), "rb").read(),
                                   policy=email.policy.default)
    assert rid in msg["Subject"]
    assert msg["To"].addresses[0].addr_spec == "brief@example.nl"
    assert rid in msg.get_content()

    # mark sent: recorded with the staff name, shown in the history and the table
    section.locator("button.pd-letter-mark-sent").click()
    page.locator(".pd-register-message .pd-ok",
                 has_text="Ontvangstbevestiging als verstuurd vastgelegd").wait_for()
    page.locator(".pd-register-history", has_text="Ontvangstbevestiging verstuurd").wait_for()
    assert "Regtab Tester" in page.locator(".pd-register-history").inner_text()
    page.locator(".pd-register-table td.pd-col-letters", has_text="Ontvangst ✓").wait_for()


def test_template_editor_refuses_a_template_without_the_request_number(clip_page, voila):
    page = clip_page
    open_register_tab(page, "regtab sjabloon")
    page.locator(".pd-templates").get_by_text("Briefsjablonen").click()
    preview = page.locator(".pd-template-preview")
    preview.get_by_text("Voorbeeld bij: verzoek om inzage").wait_for()
    body = page.locator(".pd-template-body textarea")
    body.fill(body.input_value().replace("{{ id }}", "het nummer"))
    body.press("Tab")                     # the body is sent when the field is left
    preview.get_by_text("nummer van het verzoek").wait_for()
    page.locator("button.pd-template-save").click()
    message = page.locator(".pd-template-message")
    message.get_by_text("Sjabloon niet opgeslagen").wait_for()
    assert "nummer van het verzoek" in message.inner_text()
    assert "standaardsjabloon" in page.locator(".pd-template-state").inner_text()


def test_template_editor_previews_the_sample_staff_choose(clip_page, voila):
    """issue 16: the preview on a chosen sample request, and a template that is wrong
    for one sample only names that sample."""
    page = clip_page
    open_register_tab(page, "regtab voorbeeld")
    page.locator(".pd-templates").get_by_text("Briefsjablonen").click()
    page.locator(".pd-template-kind select").select_option(label="Besluitbrief")
    preview = page.locator(".pd-template-preview")
    preview.get_by_text('Voorbeeld bij: besluit "afgewezen" op een verzoek om inzage').wait_for()
    assert "Grond:" in preview.inner_text()
    page.locator(".pd-template-sample select").select_option(
        label='besluit "toegewezen" op een verzoek om verwijdering')
    preview.get_by_text('Voorbeeld bij: besluit "toegewezen" op een verzoek om '
                        "verwijdering").wait_for()
    text = preview.inner_text()
    assert "gewist" in text and "Grond:" not in text
    # leave out the recipients sentence: wrong for this sample, named above its letter
    body = page.locator(".pd-template-body textarea")
    body.fill(body.input_value().replace("Wij hebben de ontvangers aan wie",
                                         "Wij hebben iedereen aan wie")
              .replace("wie die ontvangers zijn", "wie dat zijn"))
    body.press("Tab")
    preview.get_by_text("Bij dit voorbeeld (besluit").wait_for()
    assert "de ontvangers van de gegevens" in preview.inner_text()
    assert "gewist" in preview.inner_text()                  # the letter is still shown

