"""render.py: the one place text becomes HTML — escaping, dates, messages."""

from __future__ import annotations

import base64
import datetime as dt

import pandas as pd

from privacy_kb.errors import ConflictError, NotFoundError, Problem, ValidationError
from privacy_kb.ui import render
from ui_helpers import XSS, make_reply


def test_esc_escapes_markup_and_quotes():
    assert render.esc(XSS) == "&lt;img src=x onerror=alert(1)&gt;"
    assert render.esc('a"b\'c&') == "a&quot;b&#x27;c&amp;"
    assert render.esc(None) == ""
    assert render.esc(float("nan")) == ""


def test_format_date_dutch_and_english():
    assert render.format_date(dt.date(2026, 3, 2)) == "ma 2 maart 2026"
    assert render.format_date(dt.date(2026, 3, 2), "en") == "Mon 2 March 2026"
    assert render.format_date("2026-12-27") == "zo 27 december 2026"
    assert render.format_date(pd.Timestamp("2026-05-05")) == "di 5 mei 2026"
    assert render.format_date(None) == ""
    assert render.format_date(pd.NaT) == ""


def test_format_moment_is_amsterdam_time():
    moment = dt.datetime(2026, 7, 1, 10, 30, tzinfo=dt.timezone.utc)
    assert render.format_moment(moment) == "wo 1 juli 2026 12:30"


def test_reply_escapes_question_answer_and_passage():
    reply = make_reply(XSS, text="<b>bold</b> & co",
                       source={"id": "s", "title": "<script>x</script>", "quote": "q",
                               "passage": "<img src=y onerror=z>"})
    html = render.render_reply(reply)
    assert "<img" not in html and "<script" not in html and "<b>bold" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<details>" in html and "<summary>" in html   # the passage is collapsible
    assert "Bron: <b>&lt;script&gt;x&lt;/script&gt;</b>" in html


def test_fallback_reply_says_it_does_not_know():
    reply = make_reply("weer?", answered=False, text="Geen idee; mail info@softwareborg.nl")
    html = render.render_reply(reply)
    assert "Geen antwoord gevonden" in html and "info@softwareborg.nl" in html
    assert "pd-fallback" in html


def test_english_reply_gets_english_labels():
    html = render.render_reply(make_reply("Which cookies?", lang="en", text="These."))
    assert "Question: Which cookies?" in html and "Source:" in html


def test_plain_text_for_copying_has_answer_and_source():
    text = render.reply_plain_text(make_reply("q", text="Antwoord <x>"))
    assert text.startswith("Antwoord <x>")          # plain text, not escaped
    assert "Bron: Uw rechten" in text


def test_validation_error_lists_every_field_without_traceback():
    error = ValidationError([
        Problem("email", "invalid_email", "Geen geldig e-mailadres.", "Not an e-mail."),
        Problem("name", "required", "Verplicht.", "Required."),
    ])
    html = render.render_exception(error)
    assert "E-mailadres: Geen geldig e-mailadres." in html and "Naam: Verplicht." in html
    assert "Traceback" not in html
    en = render.render_exception(error, "en")
    assert "Name: Required." in en and "E-mail address: Not an e-mail." in en


def test_conflict_not_found_and_unexpected_errors_are_plain_sentences():
    assert "laad het opnieuw" in render.render_exception(ConflictError("VZ-1"))
    assert "reload" in render.render_exception(ConflictError("VZ-1"), "en")
    assert "bestaat niet" in render.render_exception(NotFoundError("VZ-9"))
    html = render.render_exception(RuntimeError("<secret> internal detail"))
    assert "onverwachts" in html and "secret" not in html


def test_request_detail_and_history_escape_requester_text():
    class Req:
        id, request_type, status, name = "VZ-2026-0001", "erasure", "received", XSS
        email, description = "a@b.nl", "<script>alert(2)</script>"
        received, due, due_nominal = dt.date(2026, 1, 31), dt.date(2026, 3, 2), dt.date(2026, 2, 28)
        extended = False

    html = render.render_request(Req(), today=dt.date(2026, 3, 10))
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "ma 2 maart 2026 — ⚠ te laat" in html
    history = pd.DataFrame({"seq": [1], "at": [pd.Timestamp("2026-03-01 09:00", tz="UTC")],
                            "by": [XSS], "action": ["status"],
                            "changes": [{"status": ["received", "in_progress"]}],
                            "note": ["<b>n</b>"]})
    html = render.render_history(history)
    assert "<img" not in html and "<b>n" not in html
    assert "Status: Ontvangen → In behandeling" in html
    assert "zo 1 maart 2026 10:00" in html


def test_download_link_is_a_data_uri_with_the_bytes():
    data = "id;naam\r\nVZ-1;<img>\r\n".encode("utf-8-sig")
    html = render.csv_download_link(data, 'a"b.csv', "Download")
    assert 'download="a&quot;b.csv"' in html
    b64 = html.split("base64,", 1)[1].split('"', 1)[0]
    assert base64.b64decode(b64) == data


def test_request_detail_shows_identity_and_decision():
    class Req:
        id, request_type, status, name = "VZ-2026-0001", "access", "in_progress", "Jan"
        received, due = dt.date(2026, 3, 2), dt.date(2026, 4, 2)
        identity_verified, identity_method = False, "id_shown"
        decision, decision_ground, decision_reasons = "refused", "Art. 12(5)", "<b>x</b>"
        told_about_complaint, extended = True, False

    html = render.render_request(Req())
    assert "<dt>Identiteit gecontroleerd</dt><dd>nee</dd>" in html     # "no" is shown
    assert "Identiteitsbewijs getoond (niet gekopieerd)" in html
    assert "<dd>Afgewezen</dd>" in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert "<dt>Gewezen op klachtrecht</dt><dd>ja</dd>" in html
    assert "Identity verified" in render.render_request(Req(), "en")
