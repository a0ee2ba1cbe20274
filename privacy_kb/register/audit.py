"""The audit trail: one row per change of a request, written in the change's own
transaction (after a crash both exist or neither).

Rows hold the moment, the staff member, the action, the changed fields as JSON
(``{"field": [old, new]}``) and an optional note. See ``docs/register-store.md``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterable

import sqlalchemy as sa

from privacy_kb.clock import AMSTERDAM
from privacy_kb.register import schema
from privacy_kb.register.lifecycle import AuditEntry

__all__ = ["append", "append_logged", "rows", "status_moves", "to_json"]


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(AMSTERDAM).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def to_json(changes: Any) -> str:
    """The stored JSON text of an audit row's ``changes`` (keys sorted, dates ISO)."""
    return json.dumps(changes or {}, default=_json_default, ensure_ascii=False,
                      sort_keys=True)


def append(conn: sa.Connection, items: Iterable[tuple[str, AuditEntry]], *,
           actor: str, at: dt.datetime) -> None:
    """Write audit rows ``(request_id, entry)``, all made by ``actor`` at ``at``,
    inside the caller's transaction."""
    append_logged(conn, [(rid, at, actor, e) for rid, e in items])


def append_logged(conn: sa.Connection,
                  items: Iterable[tuple[str, dt.datetime, str, AuditEntry]]) -> None:
    """Write audit rows ``(request_id, at, actor, entry)`` inside the caller's
    transaction, in order."""
    values = [{"request_id": rid, "at": at, "actor": actor, "action": e.action,
               "changes": to_json(e.changes), "note": e.note}
              for rid, at, actor, e in items]
    if values:
        conn.execute(sa.insert(schema.audit), values)


def rows(conn: sa.Connection, request_id: str) -> list[dict[str, Any]]:
    """The audit trail of one request as dicts (``at`` aware in Europe/Amsterdam,
    ``changes`` a dict, ``by`` the staff member), oldest first."""
    a = schema.audit
    found = conn.execute(sa.select(a).where(a.c.request_id == request_id)
                         .order_by(a.c.seq)).mappings().all()
    return [{"seq": r["seq"], "at": r["at"].astimezone(AMSTERDAM), "by": r["actor"],
             "action": r["action"], "changes": json.loads(r["changes"]),
             "note": r["note"]} for r in found]


def status_moves(conn: sa.Connection, request_id: str) -> list[dt.datetime]:
    """The moments of a request's status changes (its ``status`` audit rows)."""
    a = schema.audit
    return list(conn.execute(sa.select(a.c.at).where(
        a.c.request_id == request_id, a.c.action == "status")).scalars())
