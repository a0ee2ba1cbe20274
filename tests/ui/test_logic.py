"""logic.py: the pure helpers behind the views."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from privacy_kb.ui.logic import intake_kwargs, prefill_from_reply, register_rows
from ui_helpers import make_reply


def test_prefill_only_for_requests():
    assert prefill_from_reply(make_reply("Welke cookies?")) is None
    assert prefill_from_reply(make_reply("wis mij", request_type="erasure")) == {
        "request_type": "erasure", "description": "wis mij", "lang": "nl"}
    # the chat's detected language goes along: letters are drafted in it (issue 11)
    assert prefill_from_reply(make_reply("erase me", request_type="erasure", lang="en")) == {
        "request_type": "erasure", "description": "erase me", "lang": "en"}
    assert prefill_from_reply(make_reply("x", request_type="nonsense")) is None


def test_intake_kwargs_strips_and_turns_empty_optionals_into_none():
    kwargs = intake_kwargs({"request_type": "access", "name": "  Jan ", "email": " ",
                            "phone": "0612345678 ", "organisation": "", "channel": "web",
                            "received": dt.date(2026, 3, 1), "description": " x ",
                            "authority_checked": True, "handler": ""})
    assert kwargs["name"] == "Jan" and kwargs["email"] is None
    assert kwargs["phone"] == "0612345678" and kwargs["organisation"] is None
    assert kwargs["description"] == "x" and kwargs["handler"] is None
    assert kwargs["authority_checked"] is True and kwargs["direct_marketing"] is False
    assert kwargs["received"] == dt.date(2026, 3, 1)


def _frame():
    return pd.DataFrame({
        "id": ["VZ-2026-0001", "VZ-2026-0002", "VZ-2026-0003"],
        "request_type": ["access", "erasure", "complaint"],
        "status": ["received", "closed", "in_progress"],
        "received": pd.to_datetime(["2026-01-31", "2026-02-01", "2026-02-12"]),
        "due": pd.to_datetime(["2026-03-02", "2026-03-02", "2026-03-12"]),
        "name": ["<b>A</b>", "B", None],
    })


def test_register_rows_labels_sorts_and_marks():
    df, ids = register_rows(_frame(), overdue_ids=["VZ-2026-0001"],
                            due_soon_ids=["VZ-2026-0003"])
    assert ids == ["VZ-2026-0003", "VZ-2026-0002", "VZ-2026-0001"]   # newest first
    assert list(df.columns) == ["Nummer", "Soort", "Status", "Ontvangen", "Termijn", "Naam",
                                "Let op"]
    assert df["Let op"].tolist() == ["binnenkort", "", "⚠ te laat"]
    assert df["Naam"].tolist() == ["", "B", "<b>A</b>"]   # raw: the table escapes it
    assert df["Termijn"].tolist()[0] == "2026-03-12"
    assert df["Soort"].tolist()[0] == "Klacht"


def test_register_rows_filters():
    frame = _frame()
    assert register_rows(frame, status="open")[1] == ["VZ-2026-0003", "VZ-2026-0001"]
    assert register_rows(frame, status="closed")[1] == ["VZ-2026-0002"]
    assert register_rows(frame, request_type="erasure")[1] == ["VZ-2026-0002"]
    assert register_rows(frame, deadline="overdue", overdue_ids=["VZ-2026-0001"])[1] == [
        "VZ-2026-0001"]
    assert register_rows(frame, deadline="due_soon", due_soon_ids=[])[1] == []
    df, ids = register_rows(frame.iloc[0:0])
    assert ids == [] and len(df.columns) == 7


def test_register_rows_english():
    df, _ = register_rows(_frame(), "en", overdue_ids=["VZ-2026-0001"])
    assert "Attention" in df.columns and "⚠ overdue" in df["Attention"].tolist()


def test_edit_changes_keeps_only_what_differs():
    from types import SimpleNamespace

    from privacy_kb.ui.logic import EDIT_FIELDS, edit_changes, edit_values

    req = SimpleNamespace(request_type="access", name="Jan", email="jan@example.nl",
                          phone=None, organisation=None, on_behalf_of=None,
                          authority_checked=False, channel="email",
                          received=dt.date(2026, 3, 2), description="Inzage",
                          direct_marketing=False, handler=None)
    values = edit_values(req)
    assert set(values) == set(EDIT_FIELDS)
    assert values["phone"] == "" and values["received"] == dt.date(2026, 3, 2)
    assert edit_changes(req, values) == {}
    values.update(name=" Jan de Vries ", phone=" ", email="", received=dt.date(2026, 3, 1))
    assert edit_changes(req, values) == {"name": "Jan de Vries", "email": None,
                                         "received": dt.date(2026, 3, 1)}
    values["received"] = None                    # emptied: the register says "required"
    assert edit_changes(req, values)["received"] is None
