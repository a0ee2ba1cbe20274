"""Retention: a configured period after closure, with a written justification; a purge
that deletes or anonymises expired closed requests and logs counts and dates only."""

import datetime as dt
import logging

import pytest
import sqlalchemy as sa

from privacy_kb import ValidationError
from privacy_kb.register import schema

from .conftest import AMS, NOW, new_request

WHY = "Een jaar na afsluiting bewaren we het dossier voor eventuele klachten bij de AP."


def closed_on(reg, clock, day, **kw):
    """A request received shortly before ``day`` and closed on ``day``."""
    clock.now = dt.datetime.combine(day, dt.time(15), tzinfo=AMS)
    req = new_request(reg, received=day - dt.timedelta(days=10), **kw)
    reg.decide(req.id, outcome="granted")
    reg.set_status(req.id, "answered")
    reg.set_status(req.id, "closed", note="afgehandeld, zie brief")
    clock.now = NOW
    return req.id


@pytest.fixture
def aged(register, clock):
    reg = register
    ids = {
        "old": closed_on(reg, clock, dt.date(2025, 3, 1), name="Oud Verzoek",
                         request_type="objection", direct_marketing=True),
        "edge": closed_on(reg, clock, dt.date(2025, 11, 24)),   # exactly 365 days
        "recent": closed_on(reg, clock, dt.date(2026, 6, 1)),
    }
    clock.now = dt.datetime(2025, 2, 1, 12, tzinfo=AMS)
    withdrawn = new_request(reg, received="2025-01-20")
    ids["withdrawn"] = reg.set_status(withdrawn.id, "withdrawn").id
    clock.now = NOW
    ids["open_old"] = new_request(reg, received="2025-01-02").id
    return reg, ids


def test_purge_needs_a_configured_policy(register):
    assert register.retention is None
    with pytest.raises(ValidationError) as info:
        register.purge(today="2026-11-24")
    assert info.value.codes() == {"retention": ["retention_not_configured"]}


def test_policy_is_validated_and_kept(register):
    with pytest.raises(ValidationError) as info:
        register.set_retention(0, " ", mode="shred")
    assert info.value.codes() == {"days": ["out_of_range"], "justification": ["required"],
                                  "mode": ["unknown_value"]}
    policy = register.set_retention(365, WHY, by="Functionaris")
    assert (policy.days, policy.justification, policy.mode, policy.set_by) == (
        365, WHY, "delete", "Functionaris")
    register.set_retention(730, WHY, mode="anonymise")
    assert register.retention.days == 730 and register.retention.mode == "anonymise"


def test_dry_run_counts_and_writes_nothing(aged):
    reg, ids = aged
    reg.set_retention(365, WHY)
    before = reg.frame()
    result = reg.purge(today="2026-11-24", dry_run=True)
    assert (result.count, result.closed_before, result.dry_run) == (
        2, dt.date(2025, 11, 24), True)
    assert len(reg.frame()) == len(before) and reg.purge_log() == []


def test_purge_deletes_expired_closed_requests_with_their_trail(aged, caplog):
    reg, ids = aged
    reg.set_retention(365, WHY)
    assert reg.suppressed("jan@example.nl")
    with caplog.at_level(logging.INFO, logger="privacy_kb.register"):
        result = reg.purge(today="2026-11-24", by="Functionaris")
    assert result.count == 2 and not result.dry_run
    remaining = set(reg.ids())
    assert remaining == {ids["edge"], ids["recent"], ids["open_old"]}
    with reg.engine.connect() as conn:
        trail_ids = set(conn.execute(sa.select(schema.audit.c.request_id)).scalars())
    assert trail_ids == remaining
    # the do-not-mail list outlives the request
    assert reg.suppressed("jan@example.nl")
    # logged: counts and dates only
    (entry,) = reg.purge_log()
    assert (entry["count"], entry["closed_before"], entry["mode"], entry["by"]) == (
        2, dt.date(2025, 11, 24), "delete", "Functionaris")
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "2 requests" in logged and "2025-11-24" in logged
    assert ids["old"] not in logged and "Oud" not in logged
    # nothing left to do
    assert reg.purge(today="2026-11-24").count == 0


def test_purge_anonymises_when_configured(aged):
    reg, ids = aged
    reg.set_retention(365, WHY, mode="anonymise")
    assert reg.purge(today="2026-11-24").count == 2
    assert len(reg) == 5
    old = reg.get(ids["old"])
    assert old.anonymised and old.name == "" and old.email is None
    assert old.description == "" and old.phone is None
    assert (old.request_type, old.status, old.decision, old.received) == (
        "objection", "closed", "granted", dt.date(2025, 2, 19))
    trail = reg.audit_rows(ids["old"])
    assert trail[-1]["action"] == "anonymised"
    assert all(r["note"] is None for r in trail)
    text = repr(trail)
    assert "Oud Verzoek" not in text and "jan@example.nl" not in text
    with pytest.raises(ValidationError) as info:
        reg.update(ids["old"], name="Terug")
    assert info.value.codes() == {"id": ["anonymised"]}
    assert reg.purge(today="2026-11-24").count == 0
    df = reg.frame()
    assert df.loc[df["id"] == ids["old"], "request_type"].item() == "objection"


def test_purge_refuses_a_day_in_the_future(aged):
    reg, ids = aged
    reg.set_retention(365, WHY)
    for future in ("2026-11-25", "2099-01-01", dt.date(2026, 11, 25)):
        for dry_run in (True, False):
            with pytest.raises(ValidationError) as info:
                reg.purge(today=future, dry_run=dry_run)
            assert info.value.codes() == {"today": ["in_future"]}
    assert set(reg.ids()) == set(ids.values())
    assert reg.purge_log() == []
    # today itself and earlier days are fine
    assert reg.purge(today="2026-11-24", dry_run=True).count == 2
    assert reg.purge(today="2026-02-15", dry_run=True).count == 1
