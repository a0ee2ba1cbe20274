"""render.py: the one place text becomes HTML — escaping, dates, messages."""

from __future__ import annotations

import base64
import datetime as dt

import pandas as pd

from privacy_kb.errors import ConflictError, NotFoundError, Problem, ValidationError
from privacy_kb.ui import render
from chat_fakes import answer as make_reply
from ui_helpers import XSS


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
    assert "Bron: Cookies" in text


def test_links_are_made_after_escaping_and_only_for_web_and_mail_addresses():
    link = '<a href="{}" rel="noopener noreferrer" target="_blank">{}</a>'
    assert render.esc_links("Mail info@softwareborg.nl.") == (
        "Mail " + link.format("mailto:info@softwareborg.nl", "info@softwareborg.nl") + ".")
    assert render.esc_links("zie www.softwareborg.nl/privacy, of") == (
        "zie " + link.format("https://www.softwareborg.nl/privacy",
                             "www.softwareborg.nl/privacy") + ", of")
    assert render.esc_links("(https://ap.nl/a?b=1&c=2)") == (
        "(" + link.format("https://ap.nl/a?b=1&amp;c=2", "https://ap.nl/a?b=1&amp;c=2") + ")")
    assert render.esc_links("mailto:jan@exämple.nl") == link.format(
        "mailto:jan@exämple.nl", "mailto:jan@exämple.nl")
    for text in ("javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://x.nl",
                 "bel 050 535 0143", "www. niets"):
        assert "<a" not in render.esc_links(text), text


def test_markup_can_never_break_out_of_a_link():
    for hostile in ('http://x.nl"onmouseover="alert(1)', "https://a.nl<img src=x onerror=y>",
                    "www.a.nl'><script>alert(1)</script>", 'x@y.nl"><b>',
                    "https://a.nl/&quot;x"):
        html = render.esc_links(hostile)
        assert "<img" not in html and "<script" not in html and "<b>" not in html
        assert html.count('"') == 6 * html.count("<a ")       # only our own attributes
    assert render.esc_links("https://a.nl/&quot;x").startswith(
        '<a href="https://a.nl/&amp;quot;x"')


def test_a_message_shows_every_question_with_its_answer_and_source():
    first = make_reply("Welke cookies?", "_ga en _gid.")
    second = make_reply("Hoe lang?", "Zie https://x.nl.", lang="nl",
                        source={"id": "b", "title": "Bewaren", "quote": "q",
                                "passage": "p"}, answered=True)
    third = make_reply("Mag mijn hond mee?", "Daar heb ik geen antwoord op.",
                       answered=False, source=None)
    reply = make_reply("Beste,\nWelke cookies? Hoe lang? Hond?", "alles")
    reply.parts = [first, second, third]
    html = render.render_reply(reply)
    assert "Gevonden vragen: 3" in html
    assert html.index("1. Welke cookies?") < html.index("Bron: <b>Cookies</b>") \
        < html.index("2. Hoe lang?") < html.index("Bron: <b>Bewaren</b>") \
        < html.index("3. Mag mijn hond mee?") < html.index("Geen antwoord gevonden")
    assert 'href="https://x.nl"' in html
    text = render.reply_plain_text(reply)
    assert text.split("\n\n")[0] == "1. Welke cookies?\n_ga en _gid."
    assert "(Bron: Bewaren, privacyverklaring Software Borg)" in text


def test_draft_is_escaped_with_links():
    html = render.render_draft("Beste <b>Els</b>,\nmail info@softwareborg.nl", "en")
    assert "Draft reply" in html and "&lt;b&gt;Els" in html
    assert 'href="mailto:info@softwareborg.nl"' in html


def test_confirmation_of_a_late_request_says_by_how_many_days():
    class Req:
        id, due, due_nominal, status = "VZ-2026-0001", dt.date(2026, 3, 2), None, "received"

    assert "pd-ok" in render.render_confirmation(Req(), today=dt.date(2026, 3, 2))
    html = render.render_confirmation(Req(), today=dt.date(2026, 3, 10))
    assert "pd-warn" in html and "ma 2 maart 2026, 8 dagen geleden" in html
    assert "1 day ago" in render.render_confirmation(Req(), "en", today=dt.date(2026, 3, 3))
    duplicate = {"id": "VZ-2026-0000", "name": XSS, "request_type": "access",
                 "received": dt.date(2026, 3, 2)}
    html = render.render_confirmation(Req(), duplicates=[duplicate])
    assert "pd-warn" in html and "VZ-2026-0000" in html and "<img" not in html


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
    assert "Status: <bdi>Ontvangen</bdi> → <bdi>In behandeling</bdi>" in html
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


def test_direction_overrides_in_the_history_stay_inside_their_value():
    # issue 12: U+202E in a name reordered the rest of the history row
    import pandas as pd

    from privacy_kb.ui.render import render_history

    frame = pd.DataFrame([{"at": "2026-11-02T10:00:00+01:00", "actor": "Anna\u202e",
                           "action": "updated", "note": "\u202egnihton",
                           "changes": '{"name": ["Jan\u202e", "Piet"]}'}])
    html = render_history(frame)
    for value in ("Anna\u202e", "\u202egnihton", "Jan\u202e"):
        assert f"<bdi>{value}</bdi>" in html
    assert "<bdi>Piet</bdi>" in html
