"""Field checks: every problem at once, with stable codes and Dutch/English messages."""

import datetime as dt
import string

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from privacy_kb.errors import ValidationError
from privacy_kb.register.validation import (LIMITS, Checker, as_today, clean_request,
                                            is_blank,
                                            looks_like_bsn, to_day, to_moment)

from .conftest import AMS, NOW

FAST = settings(max_examples=120, deadline=None)

GOOD = dict(request_type="access", name="Jan Jansen", email="jan@example.nl",
            channel="email", received="2026-11-02", description="Inzage graag.")


def codes(**changes):
    with pytest.raises(ValidationError) as info:
        clean_request({**GOOD, **changes}, NOW)
    return info.value.codes()


def test_good_request_is_clean():
    out = clean_request(GOOD, NOW)
    assert out["received"] == dt.date(2026, 11, 2)
    assert out["received_at"] == dt.datetime(2026, 11, 2, tzinfo=AMS)
    assert out["email"] == "jan@example.nl"
    assert out["phone"] is None and out["organisation"] is None


def test_unknown_type_and_channel():
    assert codes(request_type="wish", channel="pigeon") == {
        "request_type": ["unknown_value"], "channel": ["unknown_value"]}


def test_missing_required_fields_are_all_named():
    with pytest.raises(ValidationError) as info:
        clean_request({}, NOW)
    assert info.value.codes() == {
        "request_type": ["required"], "name": ["required"], "email": ["no_contact"],
        "phone": ["no_contact"], "channel": ["required"], "received": ["required"]}


def test_missing_contact_route():
    assert codes(email=None, phone=None) == {"email": ["no_contact"],
                                             "phone": ["no_contact"]}
    assert codes(email="  ", phone="") == {"email": ["no_contact"],
                                           "phone": ["no_contact"]}


def test_phone_alone_is_a_contact_route_and_is_normalised():
    out = clean_request({**GOOD, "email": None, "phone": "06-12345678"}, NOW)
    assert out["phone"] == "+31612345678"
    out = clean_request({**GOOD, "phone": "+32 470 12 34 56"}, NOW)
    assert out["phone"] == "+32470123456"


@pytest.mark.parametrize("email", ["jan", "jan@", "@example.nl", "jan@example",
                                   "jan @example.nl", "Jan <jan@example.nl>",
                                   "jan@@example.nl", "jan@localhost"])
def test_malformed_email(email):
    assert codes(email=email) == {"email": ["invalid_email"]}


@pytest.mark.parametrize("phone", ["12", "call me", "06-1234567", "+31 6 1234",
                                   "0000000000"])
def test_malformed_phone(phone):
    assert codes(phone=phone) == {"phone": ["invalid_phone"]}


def test_email_is_normalised_not_checked_for_delivery():
    out = clean_request({**GOOD, "email": " Jan@EXAMPLE.NL "}, NOW)
    assert out["email"] == "Jan@example.nl"


@pytest.mark.parametrize("received", [
    "2026-11-25",                              # tomorrow
    dt.date(2027, 1, 1),
    dt.datetime(2026, 11, 24, 16, 0),          # later today (naive = Amsterdam)
    "2026-11-24T15:00:00+00:00",               # 16:00 in Amsterdam
])
def test_arrival_in_the_future(received):
    assert codes(received=received) == {"received": ["in_future"]}


@pytest.mark.parametrize("received", ["2026-02-30", "2026-13-01", "31-02-2026",
                                      "yesterday", "2026/11/02", 20261102, "",
                                      "0000-00-00"])
def test_impossible_dates(received):
    expected = "required" if received == "" else "invalid_date"
    assert codes(received=received) == {"received": [expected]}


def test_arrival_before_the_gdpr():
    assert codes(received="2018-05-24") == {"received": ["before_gdpr"]}
    assert clean_request({**GOOD, "received": "2018-05-25"}, NOW)["received"]


@pytest.mark.parametrize("value, day, moment", [
    (dt.date(2026, 3, 31), dt.date(2026, 3, 31), dt.datetime(2026, 3, 31, tzinfo=AMS)),
    ("2026-03-31", dt.date(2026, 3, 31), dt.datetime(2026, 3, 31, tzinfo=AMS)),
    ("31-03-2026", dt.date(2026, 3, 31), dt.datetime(2026, 3, 31, tzinfo=AMS)),
    (dt.datetime(2026, 3, 31, 23, 30), dt.date(2026, 3, 31),
     dt.datetime(2026, 3, 31, 23, 30, tzinfo=AMS)),
    # late evening UTC is the next day in Amsterdam: that is the day the clock starts
    ("2026-03-31T23:30:00Z", dt.date(2026, 4, 1), dt.datetime(2026, 4, 1, 1, 30, tzinfo=AMS)),
    ("2026-01-31 09:15", dt.date(2026, 1, 31), dt.datetime(2026, 1, 31, 9, 15, tzinfo=AMS)),
])
def test_received_forms(value, day, moment):
    out = clean_request({**GOOD, "received": value}, NOW)
    assert out["received"] == day
    assert out["received_at"] == moment
    assert out["received_at"].utcoffset() == moment.utcoffset()


@pytest.mark.parametrize("field", ["name", "organisation", "on_behalf_of", "handler"])
@pytest.mark.parametrize("bad", ["Jan\nJansen", "Jan\tJansen", "Jan\x1b[31m", "Jan\x7f",
                                 "Jan\u2028Jansen", "Jan\u202eesnaJ", "Jan\x85"])
def test_control_characters_in_one_line_fields(field, bad):
    assert codes(**{field: bad}) == {field: ["control_chars"]}


def test_line_breaks_allowed_in_description_but_not_nul():
    out = clean_request({**GOOD, "description": "regel 1\r\nregel 2\tmet tab"}, NOW)
    assert out["description"] == "regel 1\r\nregel 2\tmet tab"
    assert codes(description="a\x00b") == {"description": ["invalid_text"]}
    assert codes(description="a\x07b") == {"description": ["control_chars"]}
    assert codes(name="\ud800") == {"name": ["invalid_text"]}


def test_oversized_text():
    assert codes(name="x" * (LIMITS["name"] + 1)) == {"name": ["too_long"]}
    assert codes(description="x" * (LIMITS["description"] + 1)) == {
        "description": ["too_long"]}
    assert clean_request({**GOOD, "name": "x" * LIMITS["name"]}, NOW)["name"]


def test_markup_and_quotes_are_stored_as_typed():
    name = "<img src=x onerror=alert(1)> O'Brien & \"Zn\""
    assert clean_request({**GOOD, "name": name}, NOW)["name"] == name


def test_direct_marketing_only_for_objections():
    assert codes(direct_marketing=True) == {
        "direct_marketing": ["direct_marketing_needs_objection"]}
    out = clean_request({**GOOD, "request_type": "objection", "direct_marketing": True},
                        NOW)
    assert out["direct_marketing"] is True


def test_booleans_must_be_booleans():
    assert codes(authority_checked="yes") == {"authority_checked": ["not_bool"]}


def test_everything_wrong_at_once_is_reported_at_once():
    with pytest.raises(ValidationError) as info:
        clean_request({**GOOD, "request_type": "wish", "email": "nope",
                       "received": "2030-01-01", "name": "Jan\nJansen",
                       "description": "x" * 30_000, "channel": "fax"}, NOW)
    err = info.value
    assert set(err.fields) == {"request_type", "email", "received", "name",
                               "description", "channel"}
    for p in err.problems:
        assert p.nl and p.en and p.nl != p.en
    assert " / " in str(err)
    assert "Ontvangen op: " in str(err) and "Received on: " in str(err)


def test_messages_name_fields_in_plain_words_codes_keep_identifiers():
    from privacy_kb.ui.labels import field_label
    from privacy_kb.vocabulary import FIELD_LABELS

    with pytest.raises(ValidationError) as info:
        clean_request({**GOOD, "request_type": "wish", "on_behalf_of": "a\nb"}, NOW)
    err = info.value
    assert err.fields == ["request_type", "on_behalf_of"]
    assert err.codes() == {"request_type": ["unknown_value"],
                           "on_behalf_of": ["control_chars"]}
    assert err.message("nl").startswith("Soort verzoek: Onbekende waarde 'wish'")
    assert "; Namens: " in err.message("nl")
    assert err.message("en").startswith("Request type: Unknown value 'wish'")
    assert "; On behalf of: " in err.message("en")
    assert str(err) == err.message("nl") + " / " + err.message("en")
    for identifier in ("request_type:", "on_behalf_of:"):
        assert identifier not in str(err)
    # one table: the UI's labels are the register's
    for field, (nl, en) in FIELD_LABELS.items():
        assert (field_label(field, "nl"), field_label(field, "en")) == (nl, en)
    # every field a request has, and every parameter a check names, has a label
    from privacy_kb.register.store import Request
    import dataclasses
    for f in dataclasses.fields(Request):
        assert f.name in FIELD_LABELS, f.name


def test_batch_problems_name_the_record_in_plain_words(register):
    with pytest.raises(ValidationError) as info:
        register.add_many([dict(GOOD), {**GOOD, "email": "nope"}])
    err = info.value
    assert err.fields == ["1.email"]
    assert err.message("nl").startswith("E-mailadres (verzoek 2 in de lijst): ")
    assert err.message("en").startswith("E-mail address (request 2 in the list): ")


def test_messages_are_plain_dutch_and_english():
    with pytest.raises(ValidationError) as info:
        clean_request({**GOOD, "email": None}, NOW)
    nl = info.value.messages("nl")["email"][0]
    en = info.value.messages("en")["email"][0]
    assert "e-mailadres" in nl and "telefoonnummer" in nl
    assert "e-mail address" in en and "phone number" in en


def test_as_today():
    assert as_today(None, NOW) == dt.date(2026, 11, 24)
    assert as_today("2026-03-02", NOW) == dt.date(2026, 3, 2)
    assert as_today(dt.datetime(2026, 3, 2, 23, 30, tzinfo=dt.timezone.utc), NOW) == \
        dt.date(2026, 3, 3)
    with pytest.raises(ValidationError) as info:
        as_today("morgen", NOW)
    assert info.value.codes() == {"today": ["invalid_date"]}


def test_bsn_detection():
    assert looks_like_bsn("BSN 111222333 gezien")
    assert looks_like_bsn("1234.56.782")
    assert not looks_like_bsn("klantnummer 123456789")   # fails the eleven-test
    assert not looks_like_bsn("telefoon 0612345678")
    assert not looks_like_bsn("paspoort getoond aan de balie")


# --- properties -------------------------------------------------------------------------

one_line_text = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
                        min_size=1, max_size=LIMITS["name"])


@FAST
@given(one_line_text)
@example("O'Brien <b>&amp;</b>")
@example("José Müller-Łukasiewicz")
@example("=HYPERLINK(\"http://x\")")
def test_any_printable_name_is_kept_exactly(name):
    assume(not is_blank(name) and not looks_like_bsn(name))  # blank or a BSN: refused
    assume(not any(ch in name for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
    assert clean_request({**GOOD, "name": name}, NOW)["name"] == name


@FAST
@given(st.text(max_size=300))
def test_arbitrary_text_is_either_kept_or_rejected_with_a_code(text):
    c = Checker()
    out = c.text("name", text, required=True)
    if c.problems:
        assert out is None
        assert {p.code for p in c.problems} <= {"required", "control_chars",
                                                 "invalid_text", "too_long",
                                                 "bsn_not_allowed"}
    else:
        assert out == text


@FAST
@given(st.one_of(st.text(max_size=30), st.integers(), st.none(), st.dates(),
                 st.datetimes(), st.floats()))
def test_received_never_crashes(value):
    c = Checker()
    result = c.received(value, NOW)
    assert (result is None) == bool(c.problems)
    if result is not None:
        day, moment = result
        assert moment.tzinfo is not None and moment.date() == day
        assert day <= NOW.date()


@FAST
@given(st.dates(min_value=dt.date(2018, 5, 25), max_value=dt.date(2026, 11, 24)),
       st.times())
def test_naive_datetime_means_amsterdam(day, time):
    naive = dt.datetime.combine(day, time)
    moment = to_moment(naive)
    assert moment.tzinfo is not None and moment.date() == day
    # equal wall time, except in the spring-forward gap, which moves an hour on
    assert dt.timedelta(0) <= moment.replace(tzinfo=None) - naive <= dt.timedelta(hours=1)
    assert to_day(naive) == day


@FAST
@given(st.text(alphabet=string.ascii_letters + string.digits + "@.-_+", max_size=40))
def test_email_check_never_crashes(value):
    c = Checker()
    out = c.email(value)
    assert (out is None) or not c.problems
