"""RegisterView's lifecycle actions: acknowledge, identity (information asked and
received, the check itself), decide, edit — and the status change and extension that
use the same machinery.

For every action: the success path (asserted on ``reg.get()`` and ``reg.history()``),
a refusal by the register (messages beside the fields, nothing changed), a stale copy
(someone else edited the request between selecting and clicking: the conflict message,
nothing changed) and requester text shown as text.
"""

from __future__ import annotations

import datetime as dt

import pytest
from ui_helpers import XSS, add_request

from privacy_kb.errors import CONFLICT_NL
from privacy_kb.ui.register_view import RegisterView

RID = "VZ-2026-0001"
BSN = "111222333"        # passes the 11-test: the register refuses it in a note


@pytest.fixture
def reg(register):
    add_request(register, received="2026-03-02", phone="0612345678")        # VZ-2026-0001
    return register


@pytest.fixture
def view(reg):
    view = RegisterView(reg, staff=lambda: "Anna")
    view.selector.value = RID
    return view


def actions(reg):
    return reg.history(RID)["action"].tolist()


def errors(view, form):
    """Field -> the text shown beside it, for the fields that show something."""
    return {f: html.value for f, html in view.field_errors[form].items() if html.value}


# --- what each action needs to succeed, and what it leaves behind -----------------------

def fill_ack(view):
    view.ack_on.value = dt.date(2026, 3, 3)


def fill_request_info(view):
    view.info_on.value = dt.date(2026, 3, 4)
    view.info_note.value = "Gevraagd om bevestiging via het bekende adres"


def fill_identity(view):
    view.identity_verified.value = True
    view.identity_method.value = "email_confirmation"
    view.identity_note.value = "Bevestigd vanaf jan@example.nl"


def fill_decide(view):
    view.decide_outcome.value = "partly"
    view.decide_ground.value = "Art. 15 lid 4 AVG: rechten van anderen"
    view.decide_reasons.value = "E-mails van collega's zijn weggelaten."
    view.decide_told.value = True


def fill_edit(view):
    view.edit["name"].value = "  Jan de Vries "
    view.edit["organisation"].value = "Gemeente Groningen"


ACTIONS = {
    # name: (fill the form, the button, check the request after success, audit action,
    #        the status suggested beside the button, applied with it)
    "acknowledge": (fill_ack, "ack_apply",
                    lambda r: r.acknowledged_on == dt.date(2026, 3, 3), "acknowledged", None),
    "request_info": (fill_request_info, "info_request",
                     lambda r: r.info_requested_on == dt.date(2026, 3, 4), "info_requested",
                     "identity_check"),
    "identity": (fill_identity, "identity_apply",
                 lambda r: (r.identity_verified, r.identity_method, r.identity_checked_on)
                 == (True, "email_confirmation", dt.date(2026, 3, 10)), "identity",
                 "in_progress"),
    "decide": (fill_decide, "decide_apply",
               lambda r: (r.decision, r.told_about_complaint, r.decided_on)
               == ("partly", True, dt.date(2026, 3, 10)), "decided", "answered"),
    "edit": (fill_edit, "edit_apply",
             lambda r: (r.name, r.organisation, r.email)
             == ("Jan de Vries", "Gemeente Groningen", "jan@example.nl"), "updated", None),
}
@pytest.mark.parametrize("name", ACTIONS)
def test_action_succeeds_refreshes_and_suggests_the_next_status(view, reg, name):
    fill, button, check, action, suggested = ACTIONS[name]
    fill(view)
    getattr(view, button).click()
    req = reg.get(RID)
    assert check(req), req
    assert actions(reg) == ["received", action]           # the status is not changed...
    assert req.version == 2 and req.status == "received"
    assert reg.history(RID)["by"].tolist()[-1] == "Anna"
    assert "pd-ok" in view.message.value
    assert view.selected.version == 2                     # details reloaded
    assert "Anna" in view.history.value                   # history reloaded
    assert view.table.ids == [RID]
    # ...but the next one is offered beside the confirmation, one click away
    offered = view.next_statuses_offered
    assert offered[:1] == ([suggested] if suggested else [])
    if suggested:
        assert view.next_step.layout.display is None
        view.next_step.children[1].click()
        assert reg.get(RID).status == suggested
        assert actions(reg) == ["received", action, "status"]
        assert "Status gewijzigd" in view.message.value
    else:
        assert view.next_step.layout.display == "none"


def test_a_granted_request_closes_in_two_clicks_on_one_tab(view, reg):
    view.decide_outcome.value = "granted"
    view.decide_apply.click()
    assert view.next_statuses_offered == ["answered", "closed"]
    close = view.next_step.children[2]
    assert "Gesloten" in close.description
    close.click()
    req = reg.get(RID)
    assert (req.decision, req.status) == ("granted", "closed") and req.closed_at
    assert view.next_statuses_offered == []


def test_answered_suggests_closing(view, reg):
    reg.decide(RID, outcome="granted")
    view.refresh()
    view.new_status.value = "answered"
    view.status_apply.click()
    assert view.next_statuses_offered == ["closed"]


def test_an_unverified_identity_suggests_no_status(view, reg):
    fill_identity(view)
    view.identity_verified.value = False
    view.identity_apply.click()
    assert reg.get(RID).identity_verified is False
    assert view.next_statuses_offered == []


def test_a_refused_action_offers_no_next_step(view, reg):
    view.decide_outcome.value = "granted"
    view.decide_apply.click()
    view.decide_outcome.value = "refused"                 # missing ground etc.
    view.decide_apply.click()
    assert "pd-err" in view.message.value and view.next_statuses_offered == []


@pytest.mark.parametrize("name", ACTIONS)
def test_stale_copy_is_refused_and_changes_nothing(view, reg, name):
    fill, button, check, action, _suggested = ACTIONS[name]
    fill(view)
    reg.update(RID, handler="Bram", by="Bram")             # someone else, meanwhile
    before = reg.get(RID)
    getattr(view, button).click()
    assert CONFLICT_NL in view.message.value
    assert "Traceback" not in view.message.value
    assert reg.get(RID) == before
    assert actions(reg) == ["received", "updated"]
    # the message names the other change, and offers "Herladen"
    assert "Intussen gewijzigd" in view.message.value and "Bram" in view.message.value
    assert "Behandelaar" in view.message.value
    assert view.reload_button.layout.display is None
    assert view.reload_button.description == "Herladen"
    # reloading keeps what was typed, so the same click now goes through
    view.reload_button.click()
    assert view.selected.version == before.version
    assert "staat er nog" in view.message.value
    assert view.reload_button.layout.display == "none"
    getattr(view, button).click()
    req = reg.get(RID)
    assert check(req), req
    assert actions(reg)[:3] == ["received", "updated", action]


def test_reload_keeps_only_what_was_typed_and_the_other_change(view, reg):
    view.edit["organisation"].value = "Gemeente Assen"     # typed here
    reg.update(RID, handler="Bram", by="Bram")             # someone else, meanwhile
    view.edit_apply.click()
    assert CONFLICT_NL in view.message.value
    view.reload_button.click()
    assert view.edit["organisation"].value == "Gemeente Assen"
    assert view.edit["handler"].value == "Bram"            # not the stale empty value
    view.edit_apply.click()
    req = reg.get(RID)
    assert (req.organisation, req.handler) == ("Gemeente Assen", "Bram")


def test_receive_info_after_request(view, reg):
    fill_request_info(view)
    view.info_request.click()
    view.info_on.value = dt.date(2026, 3, 6)
    view.info_note.value = "Antwoord ontvangen"
    view.info_receive.click()
    req = reg.get(RID)
    assert req.info_requested_on == dt.date(2026, 3, 4)
    assert req.info_received_on == dt.date(2026, 3, 6)
    assert actions(reg) == ["received", "info_requested", "info_received"]
    assert "Antwoord ontvangen" in view.history.value
    assert view.info_note.value == ""                      # form emptied after success


def test_receive_info_stale_copy(view, reg):
    reg.acknowledge(RID, by="Bram")
    view.info_receive.click()
    assert CONFLICT_NL in view.message.value
    assert reg.get(RID).info_received_on is None


# --- refusals: messages beside the fields, nothing written -----------------------------

def unchanged(reg, before):
    assert reg.get(RID) == before
    assert actions(reg) == ["received"]


def test_acknowledge_before_receipt_is_refused(view, reg):
    before = reg.get(RID)
    view.ack_on.value = dt.date(2026, 3, 1)                # received 2 March
    view.ack_apply.click()
    assert "vóór de ontvangst" in errors(view, "ack")["on"]
    assert "Datum: Deze datum ligt vóór de ontvangst" in view.message.value
    unchanged(reg, before)


def test_info_note_with_a_bsn_is_refused(view, reg):
    before = reg.get(RID)
    view.info_note.value = f"BSN {BSN}"
    view.info_request.click()
    assert "BSN" in errors(view, "info")["note"]
    unchanged(reg, before)


def test_identity_never_records_a_document_number(view, reg):
    before = reg.get(RID)
    fill_identity(view)
    view.identity_note.value = f"Paspoort gezien, BSN {BSN}"
    view.identity_apply.click()
    assert set(errors(view, "identity")) == {"note"}
    assert "pd-err" in view.message.value
    unchanged(reg, before)
    assert view.identity_note.value.endswith(BSN)         # kept, so it can be corrected


def test_refusal_needs_ground_reasons_and_the_complaint_notice(view, reg):
    before = reg.get(RID)
    view.decide_outcome.value = "refused"
    view.decide_apply.click()
    shown = errors(view, "decide")
    assert set(shown) == {"ground", "reasons", "told_about_complaint"}
    assert "Autoriteit Persoonsgegevens" in shown["told_about_complaint"]
    for label in ("Wettelijke grond: Dit veld is verplicht", "Motivering: Dit veld is verplicht"):
        assert label in view.message.value
    unchanged(reg, before)
    # once every field is given, the messages go and the refusal is recorded
    fill_decide(view)
    view.decide_outcome.value = "refused"
    view.decide_apply.click()
    assert errors(view, "decide") == {}
    assert reg.get(RID).decision == "refused"


def test_the_decision_form_shows_every_problem_the_register_reports_at_once(view, reg,
                                                                           monkeypatch):
    """The view's half of "report all at once": whatever problems one refusal carries,
    each sits beside its field and all are listed, fields the form lacks included."""
    from privacy_kb.errors import Problem, ValidationError

    problems = [Problem("outcome", "dm_objection_absolute", "Alleen toewijzen.", "Grant only."),
                Problem("ground", "required", "Dit veld is verplicht.", "Required."),
                Problem("on", "before_received", "Vóór de ontvangst.", "Before receipt."),
                Problem("by", "required", "Wie bent u?", "Who are you?")]

    def refuse(*_a, **_k):
        raise ValidationError(problems)

    monkeypatch.setattr(reg, "decide", refuse)
    view.decide_apply.click()
    shown = errors(view, "decide")
    assert set(shown) == {"outcome", "ground", "on"}
    assert "Alleen toewijzen" in shown["outcome"] and "Vóór de ontvangst" in shown["on"]
    for text in ("Alleen toewijzen", "Dit veld is verplicht", "Vóór de ontvangst",
                 "Wie bent u?"):
        assert text in view.message.value, text


def test_direct_marketing_objection_can_only_be_granted(register):
    add_request(register, request_type="objection", direct_marketing=True,
                description="Geen reclame meer")
    view = RegisterView(register)
    view.selector.value = RID
    assert "alleen worden toegewezen" in view.decide_dm.value
    fill_decide(view)                                      # partly, with everything
    view.decide_apply.click()
    assert "absoluut" in errors(view, "decide")["outcome"]
    assert register.get(RID).decision is None
    view.decide_outcome.value = "granted"
    view.decide_apply.click()
    assert register.get(RID).decision == "granted"
    assert register.suppressed("jan@example.nl")


def test_every_broken_decision_rule_is_shown_in_one_message(register):
    """No mock: the register's own rules. A refused marketing objection, dated before
    the receipt, without the complaint notice: both rules that came in a second round
    before (issue 16) are listed at once, beside their fields and in one message, in
    Dutch, and in English in the English interface."""
    add_request(register, request_type="objection", direct_marketing=True,
                received="2026-03-02")
    view = RegisterView(register, staff=lambda: "Anna")
    view.selector.value = RID
    view.decide_outcome.value = "refused"
    view.decide_on.value = dt.date(2026, 3, 1)
    view.decide_apply.click()
    shown = errors(view, "decide")
    assert set(shown) == {"outcome", "on"}
    message = view.message.value
    assert "absoluut" in message and "vóór de ontvangst" in message
    assert message.count("<li") == 2 and "niet opgeslagen" in message
    assert register.get(RID).decision is None
    view.set_lang("en")
    view.decide_apply.click()
    message = view.message.value
    assert "not saved" in message and "before the request was received" in message
    assert "absolute" in message and "absoluut" not in message


def test_edit_with_a_bad_email_is_refused_beside_the_field(view, reg):
    before = reg.get(RID)
    view.edit["email"].value = "jan@"
    view.edit["name"].value = ""
    view.edit_apply.click()
    shown = errors(view, "edit")
    assert set(shown) == {"email", "name"}
    assert "geen geldig e-mailadres" in shown["email"]
    unchanged(reg, before)
    assert view.edit["email"].value == "jan@"              # the typed value stays


def test_edit_without_changes_writes_nothing(view, reg):
    before = reg.get(RID)
    view.edit_apply.click()
    assert "niets gewijzigd" in view.message.value
    unchanged(reg, before)


def test_edit_received_recomputes_the_due_date(view, reg):
    view.edit["received"].value = dt.date(2026, 1, 31)
    view.edit_apply.click()
    req = reg.get(RID)
    assert req.received == dt.date(2026, 1, 31) and req.due == dt.date(2026, 3, 2)
    assert "te laat" in view.detail.value


def test_extension_messages_sit_beside_the_field(view, reg):
    view.extend_apply.click()
    assert "verplicht" in errors(view, "extend")["justification"]
    assert not reg.get(RID).extended


def test_status_refusal_sits_beside_the_field(view, reg):
    # the lifecycle does not offer "answered" before a decision, and a status forced
    # past the menu (as from the browser console) is refused beside the field
    assert "answered" not in [v for _l, v in view.new_status.options]
    view.do_set_status("answered")
    assert "beslissing" in errors(view, "status")["status"]
    assert reg.get(RID).status == "received"


# --- preconditions, checked in Python whatever the browser shows -----------------------

BUTTONS = ("ack_apply", "info_request", "info_receive", "identity_apply", "decide_apply",
           "edit_apply", "status_apply", "extend_apply")


def test_nothing_selected_hides_the_actions_and_every_button_rechecks(reg):
    view = RegisterView(reg)
    assert view.actions_panel.layout.display == "none"
    for button in BUTTONS:
        widget = getattr(view, button)
        assert widget.disabled
        widget.disabled = False                    # as if clicked from the console
        widget.click()
        assert "Kies eerst een verzoek" in view.message.value
    assert actions(reg) == ["received"]


def test_a_closed_request_takes_no_lifecycle_actions(view, reg):
    reg.decide(RID, outcome="granted")
    reg.set_status(RID, "closed")
    view.refresh()
    before = reg.get(RID)
    for button in ("ack_apply", "info_request", "info_receive", "identity_apply",
                   "decide_apply", "extend_apply"):
        widget = getattr(view, button)
        assert widget.disabled
        widget.disabled = False
        widget.click()
        assert "niet meer open" in view.message.value, button
    assert reg.get(RID) == before


# --- the whole lifecycle, and requester text shown as text -----------------------------

def test_whole_lifecycle_in_the_panel(view, reg):
    fill_ack(view)
    view.ack_apply.click()
    fill_request_info(view)
    view.info_request.click()
    view.info_on.value = dt.date(2026, 3, 5)
    view.info_receive.click()
    fill_identity(view)
    view.identity_apply.click()
    fill_decide(view)
    view.decide_apply.click()
    view.new_status.value = "answered"
    view.status_apply.click()
    view.new_status.value = "closed"
    view.status_apply.click()
    req = reg.get(RID)
    assert req.status == "closed" and req.decision == "partly" and req.closed_at
    assert actions(reg) == ["received", "acknowledged", "info_requested", "info_received",
                            "identity", "decided", "status", "status"]
    for text in ("Ontvangst bevestigd", "Informatie gevraagd", "Informatie ontvangen",
                 "Identiteit", "Besluit", "Deels toegewezen", "Beantwoord", "Gesloten"):
        assert text in view.history.value, text
    for text in ("Deels toegewezen", "Art. 15 lid 4 AVG", "Bevestiging per e-mail",
                 "Gewezen op klachtrecht"):
        assert text in view.detail.value, text
    assert view.decide_apply.disabled and view.ack_apply.disabled


def test_requester_text_is_escaped_in_details_and_history(view, reg):
    view.edit["name"].value = XSS
    view.edit["description"].value = f"{XSS}\n<script>alert(2)</script>"
    view.edit_apply.click()
    view.identity_note.value = XSS
    view.identity_apply.click()
    view.decide_outcome.value = "refused"
    view.decide_ground.value = XSS
    view.decide_reasons.value = XSS
    view.decide_told.value = True
    view.decide_apply.click()
    assert reg.get(RID).name == XSS and reg.get(RID).decision_reasons == XSS
    for html in (view.detail.value, view.history.value):
        assert "<img" not in html and "<script" not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<bdi>Jan Jansen</bdi> → <bdi>&lt;img" in view.history.value


def test_english_labels_and_messages(view, reg):
    view.set_lang("en")
    assert view.actions.titles == ("Acknowledgement", "Identity", "Extend", "Decision",
                                   "Status", "Edit details")
    assert view.decide_apply.description == "Record decision"
    assert [label for label, _v in view.decide_outcome.options] == [
        "Granted", "Partly granted", "Refused"]
    view.decide_outcome.value = "refused"
    view.decide_apply.click()
    assert "Legal ground: This field is required." in view.message.value
    assert "not saved" in view.message.value
    view.set_lang("nl")
    assert view.actions.titles[3] == "Besluit" and view.selected.id == RID
