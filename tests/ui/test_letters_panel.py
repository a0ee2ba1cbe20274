"""The Register tab's letters (issue 11 item 5), driven through the widgets without a
kernel: the "Brieven" section of a request (choose, see escaped, copy, .eml, mark
sent), the table's letters column with its flags in words, and the requester's
language from intake and chat."""

from __future__ import annotations

import base64
import email
import email.policy

import pytest
from ui_helpers import XSS, add_request, make_reply, table_column

from privacy_kb.ui.register_view import RegisterView


def _eml(view) -> email.message.EmailMessage:
    link = view.letters.eml.value
    assert 'download="' in link and "data:message/rfc822;base64," in link
    data = base64.b64decode(link.split("base64,", 1)[1].split('"', 1)[0])
    return email.message_from_bytes(data, policy=email.policy.default)


def _letters_cell(view, request_id):
    cells = table_column(view.table, "letters")
    return next(cell for cell, row in zip(cells, view.table.rows) if row["id"] == request_id)


@pytest.fixture
def view_and_request(register):
    req = add_request(register, name=XSS, received="2026-03-09")
    view = RegisterView(register, staff=lambda: "Sanne")
    view.select(req.id)
    return view, req


def test_letters_offers_only_the_kinds_that_fit_and_shows_the_letter_escaped(
        view_and_request):
    view, req = view_and_request
    panel = view.letters
    assert panel.layout.display is None
    # not extended, not decided: no extension notice, no decision letter on offer
    assert [v for _l, v in panel.kind.options] == ["acknowledgement", "info_request"]
    assert panel.kind.value == "acknowledgement"
    html = panel.preview.value
    assert req.id in html and "Ontvangstbevestiging" in html
    assert XSS not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "2 maart" not in html and "9 maart 2026" in html      # date received, in words


def test_a_kind_that_does_not_fit_shows_the_registers_message_not_a_traceback(
        view_and_request):
    view, _req = view_and_request
    view.letters.choose("decision")
    html = view.letters.preview.value
    assert "besluit is vastgelegd" in html and "Traceback" not in html
    assert view.letters.letter is None and view.letters.eml.value == ""
    assert view.letters.out_row.layout.display == "none"     # nothing to copy or send


def test_copy_button_holds_the_letter_body_with_chat_labels(view_and_request):
    view, req = view_and_request
    from privacy_kb.ui.browser import CopyButton

    copy = view.letters.copy_button
    assert isinstance(copy, CopyButton)                  # the chat's widget, not a second one
    assert copy.text == view.letters.letter.body and req.id in copy.text
    assert XSS in copy.text                              # plain text: the name as typed
    assert copy.done_label == "Gekopieerd" and copy.label == "Kopieer brief"


def test_eml_download_is_the_letters_email(view_and_request):
    view, req = view_and_request
    msg = _eml(view)
    assert req.id in msg["Subject"]
    assert msg["To"].addresses[0].addr_spec == "jan@example.nl"
    assert msg.get_content().strip() == view.letters.letter.body.strip()
    assert f"{req.id}-acknowledgement-nl.eml" in view.letters.eml.value


def test_mark_sent_records_it_with_the_staff_name_and_the_history_shows_it(
        view_and_request, register):
    view, req = view_and_request
    assert "Ontvangst –" in _letters_cell(view, req.id)
    view.letters.mark_button.click()
    assert register.get(req.id).acknowledged_on.isoformat() == "2026-03-10"
    assert register.letters_sent(req.id)["acknowledgement"].isoformat() == "2026-03-10"
    last = register.history(req.id).iloc[-1]
    assert last["by"] == "Sanne"
    assert "Ontvangstbevestiging als verstuurd vastgelegd" in view.message.value
    assert "Ontvangstbevestiging verstuurd" in view.history.value
    assert "Ontvangst ✓" in _letters_cell(view, req.id)
    assert "Ontvangstbevestiging: Verstuurd di 10 maart 2026" in view.letters.sent_html.value


def test_mark_sent_is_refused_until_staff_say_who_they_are(register):
    from privacy_kb.ui.app import staff_required_error

    def nobody():
        raise staff_required_error()

    req = add_request(register, received="2026-03-09")
    view = RegisterView(register, staff=nobody)
    view.select(req.id)
    view.letters.mark_button.click()
    assert register.get(req.id).acknowledged_on is None
    assert "pd-err" in view.message.value and "Traceback" not in view.message.value


def test_an_english_request_gets_its_letter_in_english_and_staff_can_switch(register):
    req = add_request(register, received="2026-03-09", lang="en")
    view = RegisterView(register)
    view.select(req.id)
    assert view.letters.lang_choice.value == "en"
    assert "9 March 2026" in view.letters.letter.body
    view.letters.lang_choice.value = "nl"
    assert "9 maart 2026" in view.letters.letter.body
    assert view.letters.letter.lang == "nl"


def test_information_request_needs_details_and_never_an_id_document(view_and_request):
    view, _req = view_and_request
    panel = view.letters
    panel.kind.value = "info_request"
    assert panel.info_row.layout.display is None
    assert "Schrijf wat u van de verzoeker nodig hebt" in panel.preview.value
    panel.details.value = "een kopie van uw paspoort"
    panel.show_button.click()
    assert panel.letter is None and "identiteitsbewijs" in panel.preview.value
    panel.details.value = "uw klantnummer"
    panel.show_button.click()
    assert panel.letter is not None and "uw klantnummer" in panel.letter.body


def test_extension_and_decision_letters_after_the_facts(register):
    req = add_request(register, received="2026-03-02")
    register.extend(req.id, reason="complexity", justification="Veel systemen")
    view = RegisterView(register, staff=lambda: "Sanne")
    view.select(req.id)
    assert "extension_notice" in [v for _l, v in view.letters.kind.options]
    # the flag in words: in the details and in the table (not colour alone)
    assert "Verlengingsbericht nog niet verstuurd" in view.letters.flags.value
    assert "⚠ verlengingsbericht nog versturen" in _letters_cell(view, req.id)
    view.letters.choose("extension_notice")
    assert "Veel systemen" in view.letters.letter.body
    view.letters.mark_button.click()
    assert register.get(req.id).extension_told_on is not None
    assert "Verlenging ✓" in _letters_cell(view, req.id)
    assert "verlengingsbericht" not in _letters_cell(view, req.id)


def test_table_letter_flags_agree_with_the_register(register):
    late = add_request(register, received="2026-03-02")          # ack due Thu 5 March
    fresh = add_request(register, received="2026-03-09", name="Piet")
    view = RegisterView(register)
    flagged = register.letter_flags_all()
    assert set(flagged) == {late.id}
    assert _letters_cell(view, late.id) == (
        "Ontvangst – · Besluit – · ⚠ ontvangst niet op tijd bevestigd")
    assert _letters_cell(view, fresh.id) == "Ontvangst – · Besluit –"
    view.set_lang("en")
    assert _letters_cell(view, late.id) == "Ack – · Decision – · ⚠ acknowledgement late"


def test_ui_language_switch_relabels_the_letters_section(view_and_request):
    view, _req = view_and_request
    body = view.letters.letter.body
    view.set_lang("en")
    assert view.letters.mark_button.description == "Mark as sent"
    assert "Subject" in view.letters.preview.value
    assert view.letters.letter.body == body          # the letter keeps its own language


# -- the requester's language at intake ---------------------------------------------------

def test_intake_records_the_requesters_language(register):
    from privacy_kb.ui.intake import IntakeView

    intake = IntakeView(register, staff=lambda: "Sanne")
    intake.name.value = "Jane Doe"
    intake.email.value = "jane@example.org"
    intake.requester_lang.value = "en"
    intake.submit_button.click()
    assert intake.last_added is not None
    assert register.get(intake.last_added.id).lang == "en"
    assert intake.requester_lang.value == "nl"       # the form is reset


def test_intake_language_defaults_to_dutch(register):
    from privacy_kb.ui.intake import IntakeView

    intake = IntakeView(register, staff=lambda: "Sanne")
    intake.name.value = "Jan"
    intake.email.value = "jan@example.nl"
    intake.submit_button.click()
    assert register.get(intake.last_added.id).lang == "nl"


def test_chat_register_button_prefills_the_detected_language(app):
    reply = make_reply("Please erase my data", request_type="erasure", lang="en")
    from privacy_kb.ui.logic import prefill_from_reply

    app.open_intake(prefill_from_reply(reply))
    assert app.intake.requester_lang.value == "en"
    assert app.intake.request_type.value == "erasure"



# -- the template editor ---------------------------------------------------------------

@pytest.fixture
def editor(view_and_request):
    view, _req = view_and_request
    return view.open_templates()


def test_template_editor_loads_the_template_in_force_with_a_live_preview(editor):
    assert editor.kind.value == "acknowledgement" and editor.lang_choice.value == "nl"
    assert "{{ id }}" in editor.body.value
    assert "standaardsjabloon" in editor.state.value
    assert "Voorbeeld Verzoeker" in editor.preview.value        # the sample request
    editor.body.value += "\nMet vriendelijke groet, het privacyteam {{ 7*7 }}"
    assert "het privacyteam 49" in editor.preview.value         # live, as typed
    editor.lang_choice.value = "en"
    assert "{{ id }}" in editor.body.value and "Voorbeeld Verzoeker" in editor.preview.value
    assert "privacyteam" not in editor.body.value


def test_a_template_without_what_the_law_requires_is_refused_by_name(editor, register):
    editor.body.value = editor.body.value.replace("{{ id }}", "")
    assert "nummer van het verzoek" in editor.preview.value
    editor.save_button.click()
    assert "Sjabloon niet opgeslagen" in editor.message.value
    assert "nummer van het verzoek" in editor.message.value
    assert register.template_history("acknowledgement", "nl") == []
    assert register.template("acknowledgement", "nl")[1] is True      # still the default


def test_saved_template_drafts_the_letters_and_restore_default_brings_it_back(
        editor, view_and_request, register):
    view, _req = view_and_request
    editor.body.value += "\nU kunt ons ook bellen."
    editor.save_button.click()
    assert "Sjabloon opgeslagen" in editor.message.value
    assert "aangepast" in editor.state.value
    assert "U kunt ons ook bellen." in view.letters.letter.body
    assert "Sanne" in editor.history.value and "Aangepast" in editor.history.value
    editor.restore_button.click()
    assert "Standaardsjabloon hersteld" in editor.message.value
    assert register.template("acknowledgement", "nl")[1] is True
    assert "U kunt ons ook bellen." not in view.letters.letter.body
    assert [r["action"] for r in register.template_history("acknowledgement", "nl")] == [
        "edit", "restore"]
    assert "Standaard hersteld" in editor.history.value


def test_template_text_is_escaped_in_the_editor_preview(editor):
    editor.body.value += "\n<script>alert(1)</script>"
    assert "<script>" not in editor.preview.value
    assert "&lt;script&gt;" in editor.preview.value


def test_staff_choose_the_sample_request_and_the_preview_follows(editor):
    """issue 16: one sample case only showed one of the letters a template writes."""
    from privacy_kb.letters.templates import sample_cases

    editor.kind.value = "decision"
    labels = [label for label, _i in editor.sample.options]
    assert len(labels) == len(sample_cases("decision")) == len(set(labels))
    assert editor.sample.description == "Voorbeeldverzoek"
    assert editor.sample_case == {"request_type": "access", "direct_marketing": False,
                                  "outcome": "refused", "purpose": None}
    refused = editor.preview.value
    assert "afgewezen" in refused and "Grond:" in refused
    assert "Artikel 19" not in refused and "artikel 19" not in refused
    editor.choose_sample(request_type="erasure", outcome="granted")
    granted = editor.preview.value
    assert granted != refused
    assert "toegewezen" in granted and "gewist" in granted and "artikel 19" in granted
    assert "Grond:" not in granted
    assert "Voorbeeld bij: besluit &quot;toegewezen&quot; op een verzoek om " \
           "verwijdering" in granted
    editor.choose_sample(request_type="objection", direct_marketing=True)
    assert "blokkeerlijst" in editor.preview.value
    # the chosen sample stays chosen while the text is edited and in English
    editor.body.value += "\nTot ziens."
    assert editor.sample_case["direct_marketing"] is True
    assert "Tot ziens." in editor.preview.value
    editor.view.set_lang("en")
    assert editor.sample.description == "Sample request"
    assert editor.sample_case["direct_marketing"] is True
    assert "Preview for: decision &quot;granted&quot;" in editor.preview.value


def test_the_samples_follow_the_kind_of_letter(editor):
    editor.kind.value = "info_request"
    assert [c["purpose"] for c in editor._cases[:2]] == ["identity", "clarification"]
    identity = editor.preview.value
    editor.choose_sample(request_type="access", purpose="clarification")
    assert editor.preview.value != identity
    assert "Voorbeeld bij: verduidelijking, verzoek om inzage" in editor.preview.value


def test_a_template_wrong_for_one_sample_names_that_sample(editor, register):
    """The enclosure is left out of a granted portability decision only: on another
    sample the letter is still shown, with a warning naming the sample it fails;
    on that sample itself the problem is named above its letter; saving refuses."""
    editor.kind.value = "decision"
    body = editor.body.value
    snippet = "In de bijlage vindt u de persoonsgegevens die u ons hebt verstrekt"
    assert snippet in body
    editor.body.value = body.replace(snippet, "U ontvangt de persoonsgegevens die u ons "
                                              "hebt verstrekt")
    shown = editor.preview.value                     # sample: a refused access request
    assert "Opslaan wordt geweigerd" in shown
    assert ("wat er is bijgevoegd (de gegevens in de bijlage) niet (bij besluit "
            "&quot;toegewezen&quot; op een verzoek om overdracht van gegevens" in shown)
    assert "Bij dit voorbeeld" not in shown and "Grond:" in shown     # letter still shown
    editor.choose_sample(request_type="portability", outcome="partly")
    shown = editor.preview.value
    assert ("Bij dit voorbeeld (besluit &quot;gedeeltelijk toegewezen&quot; op een "
            "verzoek om overdracht van gegevens) klopt het sjabloon niet" in shown)
    assert "U ontvangt de persoonsgegevens" in shown
    editor.save_button.click()
    assert "Sjabloon niet opgeslagen" in editor.message.value
    assert "overdracht van gegevens" in editor.message.value
    assert register.template("decision", "nl")[1] is True


def test_a_template_that_cannot_be_filled_in_for_one_sample_says_so(editor):
    editor.kind.value = "decision"
    editor.body.value += '\n{% if type == "complaint" %}{{ 1 / 0 }}{% endif %}'
    assert "Opslaan wordt geweigerd" in editor.preview.value
    assert "klacht" in editor.preview.value
    editor.choose_sample(request_type="complaint", outcome="granted")
    shown = editor.preview.value
    assert "kan het sjabloon niet worden ingevuld" in shown
    assert "Traceback" not in shown
