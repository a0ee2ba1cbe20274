"""The audit trail: one row per change of a request, written in the change's own
transaction (after a crash both exist or neither), and sealed so that changes made
outside the register show.

Rows hold the moment, the staff member, the action, the changed fields as JSON
(``{"field": [old, new]}``) and an optional note. See ``docs/register-store.md`` and
``docs/register-audit.md``.

Sealing (tamper evidence)
-------------------------
Each row also holds ``state``, a SHA-256 digest of the request row as the change
left it, and ``chain``, a SHA-256 over the previous row's ``chain`` (per request) and
this row's own content and ``state``. :func:`verify` recomputes both: an audit row
edited or deleted breaks the chain; a request row changed with a direct SQL
``UPDATE`` no longer matches the ``state`` of its latest audit row; a request
deleted with its whole trail shows in the id counters, which no purge accounts for.

What it does not do: there is no secret in it. Someone who can write the database
and has read this code can recompute every digest after tampering, and nothing here
stops them; it makes tampering *evident* to everyone else (an edit in a SQL console,
a careless script, a restored file), not impossible. Keeping a copy of
:func:`head` (one digest over every chain) outside the database, e.g. in the daily
report, lets a later verification show a rewrite too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from typing import Any, Iterable, Mapping

import sqlalchemy as sa

from privacy_kb.clock import AMSTERDAM
from privacy_kb.register import schema
from privacy_kb.register.lifecycle import REQUEST_COLUMNS, AuditEntry

__all__ = ["append", "append_new", "reseal", "rows", "status_moves", "to_json",
           "state_digest", "verify", "head", "IntegrityProblem", "intact_states",
           "restamp_latest", "is_sealed"]

#: ``(moment, staff member, entry, the request as the change left it)``
Item = tuple[dt.datetime, str, AuditEntry, Any]


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


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _digest(values: list[Any]) -> str:
    text = json.dumps([_canonical(v) for v in values], ensure_ascii=False,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def state_digest(request: Any, *, request_id: str | None = None,
                 columns: tuple[str, ...] | None = None) -> str:
    """SHA-256 of a request's stored state: every column (or ``columns``), in a
    canonical form that is the same on SQLite and PostgreSQL. ``request`` is a
    ``Request`` or a row mapping; ``request_id`` replaces its id (for one not stored
    yet)."""
    get = request.__getitem__ if isinstance(request, Mapping) else \
        (lambda name: getattr(request, name))
    names = REQUEST_COLUMNS if columns is None else columns
    values = [get(c) for c in names]
    if request_id is not None:
        values[names.index("id")] = request_id
    return _digest(values)


def _link(prev: str | None, request_id: str, at: dt.datetime, actor: str, action: str,
          changes: str, note: str | None, state: str | None) -> str:
    return _digest([prev or "", request_id, at, actor, action, changes, note, state])


def _sealed_rows(request_id: str, items: Iterable[Item], prev: str | None
                 ) -> list[dict[str, Any]]:
    out = []
    for at, actor, entry, after in items:
        changes = to_json(entry.changes)
        state = state_digest(after, request_id=request_id)
        prev = _link(prev, request_id, at, actor, entry.action, changes, entry.note,
                     state)
        out.append({"request_id": request_id, "at": at, "actor": actor,
                    "action": entry.action, "changes": changes, "note": entry.note,
                    "state": state, "chain": prev})
    return out


def _last_chain(conn: sa.Connection, request_id: str) -> str | None:
    a = schema.audit
    return conn.execute(sa.select(a.c.chain).where(a.c.request_id == request_id)
                        .order_by(a.c.seq.desc()).limit(1)).scalar()


def append(conn: sa.Connection, request_id: str, items: Iterable[Item]) -> None:
    """Append sealed audit rows to one request's trail, inside the caller's
    transaction (which holds the request's row lock)."""
    values = _sealed_rows(request_id, items, _last_chain(conn, request_id))
    if values:
        conn.execute(sa.insert(schema.audit), values)


def append_new(conn: sa.Connection, trails: Iterable[tuple[str, Iterable[Item]]]) -> None:
    """Write the whole sealed trails of requests that have none yet (new requests),
    in one statement, inside the caller's transaction."""
    values = [row for rid, items in trails for row in _sealed_rows(rid, items, None)]
    if values:
        conn.execute(sa.insert(schema.audit), values)


def reseal(conn: sa.Connection, request_ids: Iterable[str]) -> None:
    """Seal the trails of ``request_ids`` afresh after the register itself rewrote
    them (anonymisation): the chain over the rows as they now are, the current
    request state on the latest row and no earlier states (digests of personal data
    that is gone)."""
    a, t = schema.audit, schema.requests
    columns = _present_columns(conn)   # mid-upgrade the table may lack newer ones
    for rid in request_ids:
        current = conn.execute(sa.select(*[t.c[c] for c in columns])
                               .where(t.c.id == rid)).mappings().first()
        found = conn.execute(sa.select(a).where(a.c.request_id == rid)
                             .order_by(a.c.seq)).mappings().all()
        prev = None
        for i, r in enumerate(found):
            state = (state_digest(current, columns=columns)
                     if current is not None and i == len(found) - 1 else None)
            prev = _link(prev, rid, r["at"], r["actor"], r["action"], r["changes"],
                         r["note"], state)
            conn.execute(sa.update(a).where(a.c.seq == r["seq"])
                         .values(state=state, chain=prev))


def _present_columns(conn: sa.Connection) -> tuple[str, ...]:
    """The columns of ``requests`` the database has now, in the order of the code's."""
    present = {c["name"] for c in sa.inspect(conn).get_columns("requests")}
    return tuple(c for c in REQUEST_COLUMNS if c in present)


def is_sealed(conn: sa.Connection) -> bool:
    """True when the audit table has its seal columns (schema version 2 on)."""
    return "chain" in {c["name"] for c in sa.inspect(conn).get_columns("audit")}


def intact_states(conn: sa.Connection) -> set[str] | None:
    """Before a schema upgrade: the requests whose latest seal matches their row, the
    digest taken over the columns the table has now (the ones it was sealed with).
    None when the trail is not sealed yet (before schema version 2)."""
    if not is_sealed(conn):
        return None
    columns = _present_columns(conn)
    a, t = schema.audit, schema.requests
    latest = (sa.select(a.c.request_id, sa.func.max(a.c.seq).label("seq"))
              .group_by(a.c.request_id).subquery())
    sealed = dict(conn.execute(sa.select(a.c.request_id, a.c.state)
                               .join(latest, a.c.seq == latest.c.seq)).all())
    return {r["id"] for r in conn.execute(sa.select(*[t.c[c] for c in columns])).mappings()
            if sealed.get(r["id"]) == state_digest(r, columns=columns)}


def restamp_latest(conn: sa.Connection, request_ids: Iterable[str]) -> None:
    """After a schema upgrade: seal the current state of ``request_ids`` (those
    :func:`intact_states` found intact) on their latest audit row, re-linking that
    row's chain. Others keep their old seal, so verification still flags them."""
    a, t = schema.audit, schema.requests
    for rid in request_ids:
        current = conn.execute(sa.select(t).where(t.c.id == rid)).mappings().first()
        last_two = conn.execute(sa.select(a).where(a.c.request_id == rid)
                                .order_by(a.c.seq.desc()).limit(2)).mappings().all()
        if current is None or not last_two:
            continue
        r = last_two[0]
        prev = last_two[1]["chain"] if len(last_two) > 1 else None
        state = state_digest(current)
        chain = _link(prev, rid, r["at"], r["actor"], r["action"], r["changes"],
                      r["note"], state)
        conn.execute(sa.update(a).where(a.c.seq == r["seq"])
                     .values(state=state, chain=chain))


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


# --- verifying ---------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class IntegrityProblem:
    """One thing :func:`verify` found: the request concerned (None for the register
    as a whole), a code and a message in Dutch and English."""

    request_id: str | None
    code: str
    nl: str
    en: str

    def message(self, lang: str = "nl") -> str:
        """The message in ``lang``."""
        return self.en if lang == "en" else self.nl

    def __str__(self) -> str:
        where = f"{self.request_id}: " if self.request_id else ""
        return f"{where}{self.en}"


_TEXTS = {
    "request_changed": (
        "het verzoek klopt niet met zijn laatste logboekregel: het verzoek is buiten "
        "het register om gewijzigd (of die logboekregel verwijderd)",
        "the request does not match its latest audit row: it was changed outside the "
        "register (or that audit row was deleted)"),
    "audit_changed": (
        "logboekregel {seq} volgt niet uit de regel ervoor: een logboekregel is buiten "
        "het register om gewijzigd of verwijderd",
        "audit row {seq} does not follow from the row before it: an audit row was "
        "edited or deleted outside the register"),
    "no_audit": ("het verzoek heeft geen logboek: het is buiten het register om "
                 "toegevoegd of het logboek is verwijderd",
                 "the request has no audit trail: it was inserted, or its trail "
                 "deleted, outside the register"),
    "orphan_audit": ("er zijn logboekregels maar het verzoek ontbreekt: het is buiten "
                     "het register om verwijderd",
                     "there are audit rows but the request is missing: it was deleted "
                     "outside the register"),
    "missing_requests": (
        "{n} verzoek(en) ontbreken die geen opschoning verklaart (volgens de "
        "nummering zijn er {issued} uitgegeven, {purged} opgeschoond en {found} "
        "aanwezig): buiten het register om verwijderd",
        "{n} request(s) are missing that no purge accounts for (the numbering issued "
        "{issued}, {purged} were purged, {found} are here): deleted outside the "
        "register"),
}


def _problem(request_id: str | None, code: str, **params: Any) -> IntegrityProblem:
    nl, en = _TEXTS[code]
    return IntegrityProblem(request_id, code, nl.format(**params), en.format(**params))


def verify(conn: sa.Connection) -> list[IntegrityProblem]:
    """Every request row and audit trail checked against their seals (see the
    module docstring); an empty list when all is as the register wrote it."""
    a, t = schema.audit, schema.requests
    states = {r["id"]: state_digest(r)
              for r in conn.execute(sa.select(t)).mappings()}
    problems: list[IntegrityProblem] = []
    seen: set[str] = set()
    stmt = (sa.select(a.c.seq, a.c.request_id, a.c.at, a.c.actor, a.c.action,
                      a.c.changes, a.c.note, a.c.state, a.c.chain)
            .order_by(a.c.request_id, a.c.seq))
    current, prev, last_state, broken = None, None, None, False

    def finish(rid: str | None) -> None:
        if rid is None:
            return
        if rid not in states:
            problems.append(_problem(rid, "orphan_audit"))
        elif last_state != states[rid]:
            problems.append(_problem(rid, "request_changed"))

    for r in conn.execute(stmt).mappings():
        rid = r["request_id"]
        if rid != current:
            finish(current)
            current, prev, broken = rid, None, False
            seen.add(rid)
        expected = _link(prev, rid, r["at"], r["actor"], r["action"], r["changes"],
                         r["note"], r["state"])
        if r["chain"] != expected and not broken:
            problems.append(_problem(rid, "audit_changed", seq=r["seq"]))
            broken = True
        prev, last_state = r["chain"], r["state"]
    finish(current)
    for rid in sorted(set(states) - seen):
        problems.append(_problem(rid, "no_audit"))
    issued = conn.execute(sa.select(sa.func.coalesce(
        sa.func.sum(schema.request_counter.c.last), 0))).scalar_one()
    p = schema.purge_log
    purged = conn.execute(sa.select(sa.func.coalesce(sa.func.sum(p.c.count), 0))
                          .where(p.c.mode == "delete")).scalar_one()
    found = len(states)
    if issued > found + purged:
        problems.append(_problem(None, "missing_requests", n=issued - found - purged,
                                 issued=issued, purged=purged, found=found))
    return sorted(problems, key=lambda p: (p.request_id or "", p.code))


def head(conn: sa.Connection) -> str:
    """One SHA-256 over the latest ``chain`` of every request (in id order): write it
    down somewhere else; if it changes without the register having written, the
    history was rewritten."""
    a = schema.audit
    latest = (sa.select(a.c.request_id, sa.func.max(a.c.seq).label("seq"))
              .group_by(a.c.request_id).subquery())
    chains = conn.execute(sa.select(a.c.request_id, a.c.chain)
                          .join(latest, a.c.seq == latest.c.seq)
                          .order_by(a.c.request_id)).all()
    return _digest([list(row) for row in chains])
