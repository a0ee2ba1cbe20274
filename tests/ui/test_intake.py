"""IntakeView: submit into a real (temporary) register, validation next to fields."""

from __future__ import annotations

import datetime as dt

from ui_helpers import XSS

from privacy_kb.errors import ValidationError
from privacy_kb.ui.app import staff_required_error
from privacy_kb.ui.intake import FIELDS, IntakeView, find_duplicates


def STAFF():  # noqa: N802 - the staff callable the app passes
    return "Anna"


def _fill(view, **values):
    defaults = dict(request_type="erasure", name="Jan Jansen", email="jan@example.nl",
                    channel="email", received=dt.date(2026, 1, 31),
                    description="Verwijder mijn gegevens")
    defaults.update(values)
    for field, value in defaults.items():
        getattr(view, field).value = value


def test_defaults(register):
    view = IntakeView(register, staff=STAFF)
    assert view.received.value == dt.date(2026, 3, 10)      # the register's today
    assert view.request_type.value == "access" and view.channel.value == "email"
    assert view.request_type.options[2] == ("Verwijdering (art. 17)", "erasure")
    hooks = {c for w in (view.request_type, view.name, view.email, view.phone, view.channel,
                         view.received, view.description, view.submit_button, view.message)
             for c in w._dom_classes}
    assert {"pd-intake-type", "pd-intake-name", "pd-intake-email", "pd-intake-phone",
            "pd-intake-channel", "pd-intake-received", "pd-intake-description",
            "pd-intake-submit", "pd-intake-message"} <= hooks


def test_submit_registers_shows_id_and_due_date_and_resets(register):
    added = []
    view = IntakeView(register, staff=lambda: "Anna", on_added=added.append)
    _fill(view, phone="050 535 0143", organisation="ACME", on_behalf_of="Piet")
    view.submit_button.click()
    req = register.get("VZ-2026-0001")
    assert (req.request_type, req.name, req.email, req.organisation, req.on_behalf_of) == (
        "erasure", "Jan Jansen", "jan@example.nl", "ACME", "Piet")
    assert req.received == dt.date(2026, 1, 31) and req.due == dt.date(2026, 3, 2)
    msg = view.message.value
    assert "VZ-2026-0001" in msg
    assert "ma 2 maart 2026" in msg and "za 28 februari 2026" in msg   # legal and nominal
    assert added == [req]
    assert view.name.value == "" and view.email.value == "" and view.description.value == ""
    assert view.request_type.value == "access" and view.received.value == dt.date(2026, 3, 10)
    history = register.history("VZ-2026-0001")
    assert history["by"].tolist() == ["Anna"]


def test_validation_messages_next_to_fields_and_form_kept(register):
    view = IntakeView(register, staff=STAFF)
    _fill(view, name="", email="not-an-address", received=dt.date(2026, 12, 1))
    assert view.do_submit() is None
    assert len(register.frame()) == 0                       # nothing written
    assert "geen geldig e-mailadres" in view.errors["email"].value
    assert "verplicht" in view.errors["name"].value
    assert "toekomst" in view.errors["received"].value
    assert view.errors["channel"].value == ""
    msg = view.message.value
    assert "niet opgeslagen" in msg and "E-mailadres:" in msg and "Naam:" in msg
    assert "Traceback" not in msg
    assert view.email.value == "not-an-address"              # the form stays filled
    # fixing the fields clears the messages on the next submit
    view.name.value, view.email.value = "Jan", "jan@example.nl"
    view.received.value = dt.date(2026, 3, 9)
    assert view.do_submit() is not None
    assert all(e.value == "" for e in view.errors.values())


def test_no_contact_is_reported_on_email_and_phone(register):
    view = IntakeView(register, staff=STAFF)
    _fill(view, email="")
    view.submit_button.click()
    assert view.errors["email"].value and view.errors["phone"].value
    assert len(register.frame()) == 0


def test_missing_date_is_a_message_not_a_crash(register):
    view = IntakeView(register, staff=STAFF)
    _fill(view, received=None)
    assert view.do_submit() is None
    assert view.errors["received"].value
    assert len(register.frame()) == 0


def test_markup_in_a_name_is_stored_as_typed_and_shown_escaped(register):
    view = IntakeView(register, staff=STAFF)
    _fill(view, name=XSS, description="<script>alert(2)</script>")
    req = view.do_submit()
    assert register.get(req.id).name == XSS
    assert "<img" not in view.message.value and "<script" not in view.message.value


def test_prefill_from_chat(register):
    view = IntakeView(register, staff=STAFF)
    view.errors["name"].value = "old"
    view.prefill({"request_type": "complaint", "description": "Ik wil klagen"})
    assert view.request_type.value == "complaint"
    assert view.description.value == "Ik wil klagen"
    assert view.errors["name"].value == ""
    assert "Ingevuld vanuit de vraag" in view.message.value


def test_no_register_submits_nothing():
    view = IntakeView(None)
    assert "niet beschikbaar" in view.message.value
    _fill(view)
    assert view.do_submit() is None


def test_english_labels(register):
    view = IntakeView(register, staff=STAFF, lang="en")
    assert view.submit_button.description == "Register"
    assert view.request_type.options[0] == ("Access (Art. 15)", "access")
    _fill(view, email="nope")
    view.submit_button.click()
    assert "This is not a valid e-mail address." in view.errors["email"].value


def test_every_input_has_its_own_label_as_description(register):
    view = IntakeView(register, staff=STAFF)
    for field, key, _hook in FIELDS:
        widget = getattr(view, field)
        assert widget.description, field               # rendered as <label for=…>
        assert not widget.description_allow_html
    assert view.name.description == "Naam *" and view.received.description == "Ontvangen op *"
    view.set_lang("en")
    assert view.name.description == "Name *"


def test_without_a_staff_name_nothing_is_saved_and_the_message_says_why(register):
    def nobody():
        raise staff_required_error()

    view = IntakeView(register, staff=nobody)
    _fill(view, received=dt.date(2026, 3, 9))
    assert view.do_submit() is None
    assert len(register.frame()) == 0
    assert "Vul eerst bovenaan uw naam in" in view.message.value
    assert view.name.value == "Jan Jansen"                   # the form stays filled


def test_a_late_request_is_confirmed_with_how_many_days_it_is_overdue(register):
    view = IntakeView(register, staff=STAFF)
    _fill(view, received=dt.date(2026, 1, 31))                # due Mon 2 March, today 10 March
    req = view.do_submit()
    msg = view.message.value
    assert req.id in msg and "pd-warn" in msg and "pd-ok" not in msg
    assert "al te laat" in msg and "ma 2 maart 2026, 8 dagen geleden" in msg
    view.set_lang("en")
    _fill(view, name="Piet", received=dt.date(2026, 2, 9))    # due Mon 9 March: 1 day late
    view.do_submit()
    assert "already late" in view.message.value and "1 day ago" in view.message.value


def test_a_request_within_its_deadline_is_confirmed_in_green(register):
    view = IntakeView(register, staff=STAFF)
    _fill(view, received=dt.date(2026, 3, 9))
    view.do_submit()
    assert "pd-ok" in view.message.value and "te laat" not in view.message.value


def test_a_likely_duplicate_is_shown_first_and_staff_can_go_on(register):
    view = IntakeView(register, staff=STAFF)
    _fill(view, received=dt.date(2026, 3, 9))
    first = view.do_submit()
    _fill(view, name="  jan   JANSEN ", email="other@example.nl", received=dt.date(2026, 3, 9))
    assert view.do_submit() is None                             # warned, not saved
    assert len(register.frame()) == 1
    msg = view.message.value
    assert "Mogelijk dubbel" in msg and first.id in msg and "Jan Jansen" in msg
    assert view.submit_button.description == "Toch registreren"
    assert view.name.value == "  jan   JANSEN "                 # the form stays filled
    second = view.do_submit()                                   # "Toch registreren"
    assert second is not None and second.id != first.id
    assert "lijkt op" in view.message.value and first.id in view.message.value
    assert view.submit_button.description == "Registreer"
    assert [r.id for r in (first, second)] == register.frame()["id"].tolist()


def test_duplicates_need_the_same_type_date_and_person(register):
    register.add(request_type="erasure", name="Jan Jansen", email="jan@example.nl",
                 phone="06 12345678", channel="email", received="2026-03-09", by="Anna")
    base = dict(request_type="erasure", name="Piet Puk", email=None, phone=None,
                received=dt.date(2026, 3, 9))
    assert find_duplicates(register, {**base, "email": "JAN@example.nl"})
    assert find_duplicates(register, {**base, "phone": "+31 6 1234 5678"})
    assert find_duplicates(register, {**base, "name": "jan jansen"})
    assert not find_duplicates(register, base)                            # another person
    assert not find_duplicates(register, {**base, "name": "Jan Jansen",
                                          "request_type": "access"})
    assert not find_duplicates(register, {**base, "name": "Jan Jansen",
                                          "received": dt.date(2026, 3, 8)})
    assert not find_duplicates(register, {**base, "name": "Jan Jansen", "received": None})


def test_changing_the_form_after_a_duplicate_warning_checks_again(register):
    view = IntakeView(register, staff=STAFF)
    _fill(view, received=dt.date(2026, 3, 9))
    view.do_submit()
    _fill(view, received=dt.date(2026, 3, 9))
    assert view.do_submit() is None
    view.description.value = "Een ander verzoek"                # changed: warn again
    assert view.do_submit() is None and len(register.frame()) == 1
    assert isinstance(view.do_submit().id, str) and len(register.frame()) == 2


def test_staff_errors_are_validation_errors():
    assert isinstance(staff_required_error(), ValidationError)
    assert staff_required_error().codes() == {"by": ["staff_required"]}
