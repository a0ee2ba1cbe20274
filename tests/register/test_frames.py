"""DataFrame views: typed columns, filters, overdue and due-soon with a fixed today."""

import datetime as dt

import pandas as pd
import pytest

from privacy_kb import ValidationError
from privacy_kb.register import schema

from .conftest import new_request


def test_frame_is_typed(register):
    req = new_request(register, received="2026-01-31 10:00", phone="0612345678")
    register.record_identity(req.id, verified=True, method="existing_channel")
    df = register.frame()
    assert list(df["id"]) == [req.id]
    assert list(df.columns) == list(req.to_dict())
    assert list(df["request_type"].cat.categories) == list(schema.REQUEST_TYPES)
    assert list(df["status"].cat.categories) == list(schema.STATUSES)
    assert df["status"].cat.ordered
    assert list(df["channel"].cat.categories) == list(schema.CHANNELS)
    for col in ("received", "due", "due_nominal", "identity_checked_on"):
        assert df[col].dtype == "datetime64[us]", col
    for col in ("received_at", "created_at", "closed_at"):
        assert str(df[col].dtype) == "datetime64[us, Europe/Amsterdam]", col
    assert df["received"].iloc[0] == pd.Timestamp("2026-01-31")
    assert df["received_at"].iloc[0] == pd.Timestamp("2026-01-31 10:00",
                                                     tz="Europe/Amsterdam")
    assert df["due"].iloc[0] == pd.Timestamp("2026-03-02")
    assert df["extended"].dtype == bool and df["authority_checked"].dtype == bool
    assert df["identity_verified"].dtype == "boolean"
    assert df["identity_verified"].iloc[0]
    assert pd.isna(df["told_about_complaint"].iloc[0])
    assert df["version"].dtype == "int64"
    assert pd.api.types.is_string_dtype(df["name"])
    assert pd.isna(df["organisation"].iloc[0])


def test_empty_frame_has_typed_columns(register):
    df = register.frame()
    assert len(df) == 0
    assert df["received"].dtype == "datetime64[us]"
    assert isinstance(df["status"].dtype, pd.CategoricalDtype)
    assert register.overdue(today="2026-11-24").empty
    assert register.due_soon(today="2026-11-24").empty


def test_counts_show_every_type(register):
    new_request(register, request_type="erasure")
    counts = register.frame()["request_type"].value_counts()
    assert counts["erasure"] == 1 and counts["portability"] == 0


def test_filters(register):
    a = new_request(register, request_type="erasure", received="2026-01-10")
    b = new_request(register, request_type="access", received="2026-02-10")
    c = new_request(register, request_type="access", received="2026-03-10")
    register.set_status(c.id, "in_progress")

    def ids(**kw):
        return list(register.frame(**kw)["id"])

    assert ids() == [a.id, b.id, c.id]
    assert ids(status="received") == [a.id, b.id]
    assert ids(status=["in_progress", "closed"]) == [c.id]
    assert ids(request_type="access") == [b.id, c.id]
    assert ids(since="2026-02-10") == [b.id, c.id]
    assert ids(until="2026-02-10") == [a.id, b.id]
    assert ids(since=dt.date(2026, 2, 1), until="2026-02-28") == [b.id]
    assert ids(overdue=True, today="2026-02-11") == [a.id]
    assert ids(overdue=False, today="2026-02-11") == [b.id, c.id]
    with pytest.raises(ValidationError) as info:
        register.frame(status="done", request_type="wish", since="gisteren")
    assert info.value.codes() == {"status": ["unknown_value"],
                                  "request_type": ["unknown_value"],
                                  "since": ["invalid_date"]}


@pytest.fixture
def deadlines_register(register):
    """Requests around today = Tue 2026-03-03."""
    reg = register
    made = {
        # due Mon 2 Mar (nominal Sat 28 Feb): overdue by one day
        "late": new_request(reg, received="2026-01-31"),
        # due today: not overdue yet, due soon
        "today": new_request(reg, received="2026-02-03"),
        # nominal Sun 8 Mar -> due Mon 9 Mar: due soon
        "soon": new_request(reg, received="2026-02-08"),
        # nominal 10 Mar -> due soon only when looking 7 days ahead
        "edge": new_request(reg, received="2026-02-10"),
        # due 25 Mar: not soon
        "later": new_request(reg, received="2026-02-25"),
        # past due but answered: not overdue (only open requests are)
        "answered": new_request(reg, received="2026-01-05"),
        # past due but withdrawn
        "withdrawn": new_request(reg, received="2026-01-06"),
    }
    reg.decide(made["answered"].id, outcome="granted")
    reg.set_status(made["answered"].id, "answered")
    reg.set_status(made["withdrawn"].id, "withdrawn")
    return reg, {k: v.id for k, v in made.items()}


def test_overdue(deadlines_register):
    reg, ids = deadlines_register
    df = reg.overdue(today="2026-03-03")
    assert list(df["id"]) == [ids["late"]]
    assert list(df["days_overdue"]) == [1]
    assert list(reg.overdue(today="2026-03-02")["id"]) == []
    assert list(reg.overdue(today=dt.datetime(2026, 3, 10, 12, 0))["id"]) == [
        ids["late"], ids["today"], ids["soon"]]


def test_due_soon(deadlines_register):
    reg, ids = deadlines_register
    df = reg.due_soon(today="2026-03-03")
    assert list(df["id"]) == [ids["today"], ids["soon"], ids["edge"]]
    assert list(df["days_left"]) == [0, 6, 7]
    assert list(reg.due_soon(today="2026-03-03", days=3)["id"]) == [ids["today"]]
    assert ids["later"] in set(reg.due_soon(today="2026-03-03", days=30)["id"])


def test_due_soon_alerts_on_the_nominal_date(register):
    # received 31 Jan: nominal Sat 28 Feb, legal Mon 2 Mar. On Sun 1 Mar the nominal
    # date has passed but the request is not overdue: it is due soon (alert!).
    req = new_request(register, received="2026-01-31")
    assert list(register.due_soon(today="2026-03-01", days=0)["id"]) == [req.id]
    assert register.overdue(today="2026-03-01").empty


def test_extension_moves_a_request_out_of_overdue(register):
    req = new_request(register, received="2026-01-31")
    register.extend(req.id, reason="complexity", justification="Veel systemen.",
                    today="2026-02-20")
    assert register.overdue(today="2026-03-03").empty
    assert list(register.overdue(today="2026-05-01")["id"]) == [req.id]


def test_today_defaults_to_the_clock(register, clock):
    req = new_request(register, received="2026-10-20")  # due 20 Nov; clock: 24 Nov
    assert list(register.overdue()["id"]) == [req.id]
    clock.now = clock.now.replace(year=2026, month=11, day=18)
    assert register.overdue().empty
    assert list(register.due_soon()["id"]) == [req.id]


def test_bad_days(register):
    with pytest.raises(ValidationError) as info:
        register.due_soon(today="2026-03-03", days=-1)
    assert info.value.codes() == {"days": ["out_of_range"]}
