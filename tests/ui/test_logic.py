"""logic.py: the pure helpers behind the views."""

from __future__ import annotations

import datetime as dt

from ui_helpers import make_reply

from privacy_kb.ui.logic import intake_kwargs, prefill_from_reply


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
