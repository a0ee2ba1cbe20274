"""Demo data: deterministic, and consistent with every rule the register enforces."""

import datetime as dt

import pandas as pd

from privacy_kb.register.demo import fill_demo
from privacy_kb.register.validation import clean_request

from .conftest import NOW


def test_demo_is_deterministic(tmp_path):
    from privacy_kb import open_register

    frames = []
    for name in ("a", "b"):
        reg = open_register(tmp_path / f"{name}.sqlite3")
        fill_demo(reg, 150, seed=7, today="2026-11-24")
        frames.append(reg.frame())
        reg.close()
    pd.testing.assert_frame_equal(*frames)


def test_demo_follows_the_rules(register):
    ids = fill_demo(register, 300, seed=11, today="2026-11-24", awkward=True)
    assert len(ids) == len(set(ids)) == len(register) == 300
    today = dt.date(2026, 11, 24)
    df = register.frame()
    for col in ("received", "acknowledged_on", "decided_on", "extended_on"):
        assert (df[col].dropna() <= pd.Timestamp(today)).all(), col
    assert (df["created_at"].dropna().dt.date <= today).all()
    done = df[df["status"].isin(["answered", "closed"])]
    assert done["decision"].notna().all()
    assert df.loc[df["status"].isin(["closed", "withdrawn"]), "closed_at"].notna().all()
    refused = df[df["decision"].isin(["partly", "refused"])]
    assert refused["told_about_complaint"].all() and refused["decision_ground"].notna().all()
    assert not df.loc[df["direct_marketing"], "decision"].isin(["partly", "refused"]).any()
    assert len(register.overdue(today=today)) > 0
    for rid in ids[:40]:
        req = register.get(rid)
        trail = register.audit_rows(rid)
        assert trail[0]["action"] == "received"
        assert len(trail) == req.version
        clean_request({f: getattr(req, f) for f in (
            "request_type", "direct_marketing", "name", "email", "phone", "organisation",
            "on_behalf_of", "authority_checked", "channel", "description", "handler")}
            | {"received": req.received_at}, NOW)
    assert register.integrity_check() == "ok"


def test_a_replayed_history_is_what_the_live_commands_write(register, clock):
    """Demo data is made by the real commands: replaying them in memory
    (``lifecycle.Replay`` + ``add_replayed``) stores exactly what running them on
    the register does."""
    from privacy_kb.register.lifecycle import Replay

    raw = dict(request_type="objection", direct_marketing=True, name="Jan",
               email="Jan@Example.NL", channel="email", received="2026-11-02")
    steps = [("acknowledge", {"on": "2026-11-03"}),
             ("set_status", {"status": "in_progress"}),
             ("decide", {"outcome": "granted", "on": "2026-11-20"}),
             ("set_status", {"status": "answered"})]
    live = register.add(**raw, by="Bram")
    for command, inputs in steps:
        getattr(register, command)(live.id, by="Bram", **inputs)
    replay = Replay.add(raw, at=NOW, by="Bram")
    for command, inputs in steps:
        replay.run(command, at=NOW, by="Bram", **inputs)
    (copy,) = register.add_replayed([replay])
    a, b = register.get(live.id).to_dict(), register.get(copy).to_dict()
    assert {k: v for k, v in a.items() if k != "id"} == \
        {k: v for k, v in b.items() if k != "id"}
    def strip(rows):
        return [{k: r[k] for k in ("at", "by", "action", "changes", "note")} for r in rows]

    assert strip(register.audit_rows(live.id)) == strip(register.audit_rows(copy))
    assert [e["request_id"] for e in register.suppression_list()] == [live.id]
