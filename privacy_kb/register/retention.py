"""Retention of closed requests and the purge that applies it.

The register holds personal data itself: closed and withdrawn requests are kept for a
period with a written justification (:func:`set_policy`), then :func:`purge` deletes
them with their audit trail, or anonymises them (personal data and free text removed
from the request and its audit trail; type, dates, status and decision kept for
reports). The purge log keeps counts and dates only. On SQLite a purge then
checkpoints the WAL (``TRUNCATE``) and runs ``VACUUM``, with ``secure_delete`` on, so
that nothing of a purged request stays readable in the database file or its WAL.
See ``docs/register-retention.md``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from typing import Any

import sqlalchemy as sa

from privacy_kb.clock import AMSTERDAM
from privacy_kb.register import audit, schema
from privacy_kb.register.validation import Checker, as_today
from privacy_kb.vocabulary import FINAL_STATUSES, PURGE_MODES

__all__ = ["RetentionPolicy", "PurgeResult", "set_policy", "policy", "purge",
           "purge_log", "SETTINGS_KEYS"]

log = logging.getLogger("privacy_kb.register")

SETTINGS_KEYS = ("retention_days", "retention_justification", "retention_mode",
                 "retention_set_by", "retention_set_at")
_T = schema.requests


@dataclasses.dataclass(frozen=True)
class RetentionPolicy:
    """How long closed requests are kept, and why."""

    days: int
    justification: str
    mode: str  # "delete" or "anonymise"
    set_by: str
    set_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class PurgeResult:
    """What a purge did (or, with ``dry_run``, would do): counts and dates only."""

    count: int
    closed_before: dt.date
    mode: str
    dry_run: bool


def set_policy(reg: Any, days: Any, justification: Any, *, mode: Any = "delete",
               by: Any = None) -> RetentionPolicy:
    """``Register.set_retention``: set how long closed requests are kept, and why."""
    now = reg.now()
    c = Checker()
    actor = reg.actor(by, c)
    days = c.integer("days", days, 1, 36_500)
    justification = c.text("justification", justification, required=True,
                           one_line=False, limit=5_000)
    mode = c.choice("mode", mode, PURGE_MODES)
    c.done()
    values = {"retention_days": str(days), "retention_justification": justification,
              "retention_mode": mode, "retention_set_by": actor,
              "retention_set_at": now.isoformat()}
    st = schema.settings
    with reg.atomic() as conn:
        conn.execute(sa.delete(st).where(st.c.key.in_(SETTINGS_KEYS)))
        conn.execute(sa.insert(st), [{"key": k, "value": v} for k, v in values.items()])
    return policy(reg)  # type: ignore[return-value]


def policy(reg: Any) -> RetentionPolicy | None:
    """The retention policy, or None when none was set."""
    st = schema.settings
    with reg.snapshot() as conn:
        found = dict(conn.execute(sa.select(st.c.key, st.c.value)
                                  .where(st.c.key.in_(SETTINGS_KEYS))).all())
    if "retention_days" not in found:
        return None
    return RetentionPolicy(int(found["retention_days"]), found["retention_justification"],
                           found["retention_mode"], found["retention_set_by"],
                           dt.datetime.fromisoformat(found["retention_set_at"]))


def purge(reg: Any, today: Any = None, *, dry_run: bool = False,
          by: Any = None) -> PurgeResult:
    """``Register.purge``: delete or anonymise closed and withdrawn requests whose
    retention period has run out on ``today`` (never later than today)."""
    now = reg.now()
    c = Checker()
    actor = reg.actor(by, c) if not dry_run else None
    day = None
    try:
        day = as_today(today, now)
    except Exception as err:  # noqa: BLE001 - a ValidationError: collect it
        c.problems.extend(getattr(err, "problems", []))
    if day is not None and day > now.date():
        c.add("today", "in_future")
    current = policy(reg)
    if current is None:
        c.add("retention", "retention_not_configured")
    c.done()
    cutoff = day - dt.timedelta(days=current.days)
    cutoff_moment = dt.datetime.combine(cutoff, dt.time(), tzinfo=AMSTERDAM)
    expired = sa.select(_T.c.id).where(
        _T.c.status.in_(FINAL_STATUSES), _T.c.closed_at < cutoff_moment,
        sa.not_(_T.c.anonymised))
    if dry_run:
        with reg.snapshot() as conn:
            n = len(conn.execute(expired).all())
        return PurgeResult(n, cutoff, current.mode, True)
    with reg.atomic() as conn:
        ids = list(conn.execute(expired).scalars())
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            if current.mode == "delete":
                conn.execute(sa.delete(schema.audit)
                             .where(schema.audit.c.request_id.in_(chunk)))
                conn.execute(sa.delete(_T).where(_T.c.id.in_(chunk)))
            else:
                _anonymise(conn, chunk, actor, now)
        conn.execute(sa.insert(schema.purge_log),
                     {"at": now, "actor": actor, "mode": current.mode,
                      "closed_before": cutoff, "count": len(ids)})
    if ids:
        reg.scrub()
    log.info("register purge (%s): %d requests closed before %s", current.mode,
             len(ids), cutoff.isoformat())
    return PurgeResult(len(ids), cutoff, current.mode, False)


def _anonymise(conn: sa.Connection, ids: list[str], actor: str, now: dt.datetime) -> None:
    personal = set(schema.PERSONAL_COLUMNS)
    blank = {col: ("" if not _T.c[col].nullable or col in
                   ("extension_justification", "decision_ground", "decision_reasons")
                   else None)
             for col in personal}
    conn.execute(sa.update(_T).where(_T.c.id.in_(ids))
                 .values(**blank, anonymised=True, version=_T.c.version + 1,
                         updated_at=now))
    a = schema.audit
    for seq, changes in conn.execute(sa.select(a.c.seq, a.c.changes)
                                     .where(a.c.request_id.in_(ids))).all():
        data = json.loads(changes)
        cleaned = {k: ([None, None] if k in personal else v) for k, v in data.items()}
        conn.execute(sa.update(a).where(a.c.seq == seq)
                     .values(changes=json.dumps(cleaned, sort_keys=True), note=None))
    conn.execute(sa.insert(a), [{"request_id": rid, "at": now, "actor": actor,
                                 "action": "anonymised", "changes": audit.to_json({}),
                                 "note": None} for rid in ids])
    audit.reseal(conn, ids)  # the register rewrote these trails: sealed afresh


def purge_log(reg: Any) -> list[dict[str, Any]]:
    """Past purges: at, by, mode, closed_before, count."""
    p = schema.purge_log
    with reg.snapshot() as conn:
        found = conn.execute(sa.select(p).order_by(p.c.seq)).mappings().all()
    return [{"at": r["at"].astimezone(AMSTERDAM), "by": r["actor"], "mode": r["mode"],
             "closed_before": r["closed_before"], "count": r["count"]} for r in found]
