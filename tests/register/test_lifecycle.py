"""The lifecycle rules as pure functions: no database, no clock, no pandas; and the
actions a request allows are exactly the ones its commands accept."""

import dataclasses
import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacy_kb.errors import ValidationError
from privacy_kb.register import lifecycle
from privacy_kb.register.lifecycle import Request

from .conftest import AMS, NOW


def make(**fields) -> Request:
    """A request as ``add`` would store it (id given), then ``fields`` on top."""
    row, _ = lifecycle.new_request(
        {"request_type": "access", "name": "Jan", "email": "jan@example.nl",
         "channel": "email", "received": "2026-11-02"}, now=NOW)
    row["id"] = "VZ-2026-0001"
    return dataclasses.replace(Request(**row), **fields)


def test_lifecycle_imports_neither_sqlalchemy_nor_pandas():
    code = ("import sys, privacy_kb.register.lifecycle; "
            "print(sorted(m for m in ('sqlalchemy', 'pandas') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_a_command_returns_the_change_and_its_audit_row():
    req = make()
    change = lifecycle.acknowledge(req, on="2026-11-03", now=NOW)
    assert change.values == {"acknowledged_on": dt.date(2026, 11, 3), "version": 2,
                             "updated_at": NOW}
    (entry,) = change.audit
    assert entry.action == "acknowledged"
    assert entry.changes == {"acknowledged_on": [None, dt.date(2026, 11, 3)]}
    after = change.apply(req)
    assert after.acknowledged_on == dt.date(2026, 11, 3) and req.acknowledged_on is None


def test_a_command_refuses_with_every_problem():
    with pytest.raises(ValidationError) as info:
        lifecycle.decide(make(), outcome="refused", on="2030-01-01", now=NOW)
    assert info.value.codes() == {"on": ["in_future"], "ground": ["required"],
                                  "reasons": ["required"],
                                  "told_about_complaint": ["complaint_info_required"]}


def test_a_decision_breaking_three_rules_gets_all_three_at_once():
    # issue 16: the rules about the request (no longer open, an objection to direct
    # marketing can only be granted, not before the receipt) came one per round
    req = make(request_type="objection", direct_marketing=True, status="closed")
    with pytest.raises(ValidationError) as info:
        lifecycle.decide(req, outcome="refused", ground="Art. 21", reasons="r",
                         told_about_complaint=True, on="2026-11-01", now=NOW)
    assert info.value.codes() == {"status": ["not_open"],
                                  "outcome": ["dm_objection_absolute"],
                                  "on": ["before_received"]}
    # each named in both languages, in one message
    assert "absoluut" in info.value.message("nl") and "vóór de ontvangst" in str(info.value)
    assert "before the request was received" in info.value.message("en")


def test_a_refusal_missing_everything_and_dated_too_early_is_one_report():
    with pytest.raises(ValidationError) as info:
        lifecycle.decide(make(), outcome="refused", on="2026-10-30", now=NOW)
    assert info.value.codes() == {"ground": ["required"], "reasons": ["required"],
                                  "told_about_complaint": ["complaint_info_required"],
                                  "on": ["before_received"]}


def test_a_refused_marketing_objection_is_not_asked_for_a_refusals_ground():
    # no refusal can be recorded, so asking for its ground would send staff astray
    req = make(request_type="objection", direct_marketing=True)
    with pytest.raises(ValidationError) as info:
        lifecycle.decide(req, outcome="partly", now=NOW)
    assert info.value.codes() == {"outcome": ["dm_objection_absolute"]}


def test_an_edit_that_changes_nothing_is_an_empty_change():
    req = make()
    assert lifecycle.update(req, {"name": "Jan"}, now=NOW).values == {}


def test_granting_a_direct_marketing_objection_asks_for_suppression():
    req = make(request_type="objection", direct_marketing=True)
    assert lifecycle.decide(req, outcome="granted", now=NOW).suppress is True
    assert lifecycle.decide(make(), outcome="granted", now=NOW).suppress is False


def test_actor_is_never_a_silent_default(monkeypatch):
    assert lifecycle.resolve_actor("Anna", "Bram", {"JUPYTERHUB_USER": "hub"}) == "Anna"
    assert lifecycle.resolve_actor(None, "Bram", {"JUPYTERHUB_USER": "hub"}) == "Bram"
    assert lifecycle.resolve_actor(None, None, {"JUPYTERHUB_USER": "hub"}) == "hub"
    with pytest.raises(ValidationError) as info:
        lifecycle.resolve_actor(None, None, {"USER": "root"})
    assert info.value.codes() == {"by": ["who_required"]}
    with pytest.raises(ValidationError):
        lifecycle.resolve_actor("  ", None, {})


TODAY = NOW.date()


def _states() -> dict[str, Request]:
    """Requests in every stage, built by the commands themselves."""
    def run(req, command, **kw):
        return getattr(lifecycle, command)(req, now=NOW, **kw).apply(req)

    fresh = make()
    ack = run(fresh, "acknowledge", on="2026-11-03")
    checking = run(ack, "set_status", status="identity_check")
    asked = run(checking, "request_info", on="2026-11-04")
    working = run(asked, "set_status", status="in_progress")
    extended = run(working, "extend", reason="complexity", justification="veel",
                   today="2026-11-20")
    decided = run(working, "decide", outcome="granted", on="2026-11-21")
    answered = run(decided, "set_status", status="answered")
    closed = run(answered, "set_status", status="closed")
    withdrawn = run(working, "set_status", status="withdrawn")
    late = make(received=dt.date(2026, 9, 1),
                received_at=dt.datetime(2026, 9, 1, 9, tzinfo=AMS),
                due_nominal=dt.date(2026, 10, 1), due=dt.date(2026, 10, 1))
    anonymised = dataclasses.replace(closed, anonymised=True)
    return {"fresh": fresh, "ack": ack, "checking": checking, "asked": asked,
            "working": working, "extended": extended, "decided": decided,
            "answered": answered, "closed": closed, "withdrawn": withdrawn,
            "late": late, "anonymised": anonymised}


VALID_INPUTS = {
    "update": {"fields": {"description": "nieuw"}},
    "acknowledge": {"on": TODAY},
    "request_info": {"on": TODAY},
    "receive_info": {"on": TODAY},
    "record_identity": {"verified": True, "method": "existing_channel", "on": TODAY},
    "extend": {"reason": "complexity", "justification": "veel", "today": TODAY},
    "decide": {"outcome": "granted", "on": TODAY},
}


def _accepts(req: Request, action: str) -> bool:
    try:
        if action == "set_status":
            statuses = lifecycle.next_statuses(req)
            for status in statuses:
                lifecycle.set_status(req, status, now=NOW)
            return bool(statuses)
        kwargs = dict(VALID_INPUTS[action])
        if action == "update":
            lifecycle.update(req, kwargs["fields"], now=NOW)
        else:
            getattr(lifecycle, action)(req, now=NOW, **kwargs)
        return True
    except ValidationError:
        return False


@pytest.mark.parametrize("state", list(_states()))
def test_allowed_actions_are_exactly_what_the_commands_accept(state):
    req = _states()[state]
    allowed = lifecycle.allowed_actions(req, TODAY)
    assert set(allowed) <= set(lifecycle.ACTIONS)
    for action in lifecycle.ACTIONS:
        assert (action in allowed) == _accepts(req, action), (state, action)


def test_statuses_offered_are_the_ones_set_status_takes():
    states = _states()
    assert lifecycle.next_statuses(states["working"]) == ("withdrawn",)
    assert lifecycle.next_statuses(states["decided"]) == ("answered", "closed", "withdrawn")
    assert lifecycle.next_statuses(states["closed"]) == ()


STATUSES_TRIED = ("identity_check", "in_progress", "answered", "closed", "withdrawn")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(lifecycle.ACTIONS),
                          st.sampled_from(STATUSES_TRIED)), max_size=12))
def test_random_walks_keep_the_rules(steps):
    """Along any sequence of commands: an offered action is accepted, a refused one
    changes nothing, every change bumps the version by one with one audit row, and a
    final request stays final."""
    req = make()
    for action, status in steps:
        allowed = lifecycle.allowed_actions(req, TODAY)
        try:
            if action == "set_status":
                change = lifecycle.set_status(req, status, now=NOW)
                assert status in lifecycle.next_statuses(req)
            elif action == "update":
                change = lifecycle.update(req, {"description": f"v{req.version}"},
                                          now=NOW)
            else:
                change = getattr(lifecycle, action)(req, now=NOW, **VALID_INPUTS[action])
        except ValidationError:
            assert action == "set_status" or action not in allowed
            continue
        assert action in allowed
        after = change.apply(req)
        assert after.version == req.version + 1 and len(change.audit) == 1
        if not req.is_open:
            assert not after.is_open
        req = after
