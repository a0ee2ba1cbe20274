"""The request lifecycle as pure functions: the rules, with no database in them.

Each command is a function of the request as it is, the caller's inputs, ``now`` and
the holiday calendar. It returns a :class:`Change` (the new field values and the
audit row to write) or raises :class:`~privacy_kb.errors.ValidationError` naming every
problem. Nothing here reads a clock, opens a connection or imports SQLAlchemy or
pandas: :class:`~privacy_kb.register.store.Register` loads the request, calls the
command and applies the change in one transaction (``Register.atomic``), and tests
call the commands directly. See ``docs/register-lifecycle.md``.

Commands: :func:`new_request` (add), :func:`update`, :func:`set_status` (withdraw and
close too), :func:`acknowledge`, :func:`request_info`, :func:`receive_info`,
:func:`record_identity`, :func:`extend`, :func:`decide`. :func:`allowed_actions`
and :func:`next_statuses` tell a screen what a request allows now, by the same rules.
:func:`resolve_actor` says who is making a change (never a silent default).

Examples
--------
>>> import datetime as dt
>>> from privacy_kb.clock import AMSTERDAM
>>> now = dt.datetime(2026, 11, 24, 14, 30, tzinfo=AMSTERDAM)
>>> row, audit = new_request({"request_type": "access", "name": "Jan",
...     "email": "jan@example.nl", "channel": "email", "received": "2026-11-02"}, now=now)
>>> row["due"], audit.action
(datetime.date(2026, 12, 2), 'received')
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Iterable, Mapping

from privacy_kb.clock import AMSTERDAM
from privacy_kb.errors import ValidationError
from privacy_kb.register import deadlines
from privacy_kb.register.deadlines import DEFAULT_CALENDAR, HolidayCalendar, due_dates
from privacy_kb.register.validation import (REQUEST_FIELDS, Checker, as_today,
                                            clean_request, fail)
from privacy_kb.vocabulary import (EXTENSION_REASONS, FINAL_STATUSES, IDENTITY_METHODS,
                                   OPEN_STATUSES, OUTCOMES, STATUSES, allowed_next)

__all__ = ["Request", "Change", "AuditEntry", "REQUEST_COLUMNS", "NOT_EDITABLE",
           "RECORDED_DATES", "ACTIONS", "new_request", "new_requests", "update",
           "set_status", "acknowledge", "request_info", "receive_info",
           "record_identity", "extend", "decide", "mark_sent", "LETTER_SENT",
           "allowed_actions", "next_statuses",
           "resolve_actor", "JUPYTERHUB_ENV", "Replay"]


# --- the request ----------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Request:
    """One data-subject request as stored; returned by ``add``, ``get`` and every edit.

    Dates (``received``, ``due``, ``due_nominal``, ``…_on``) are ``datetime.date``;
    moments (``received_at``, ``answered_at``, ``closed_at``, ``created_at``,
    ``updated_at``) are timezone-aware datetimes in Europe/Amsterdam. ``version``
    changes with every edit; pass it back to edits to detect stale copies.
    """

    id: str
    request_type: str
    direct_marketing: bool
    name: str
    email: str | None
    phone: str | None
    organisation: str | None
    on_behalf_of: str | None
    authority_checked: bool
    channel: str
    lang: str
    received: dt.date
    received_at: dt.datetime
    description: str
    status: str
    due_nominal: dt.date
    due: dt.date
    acknowledged_on: dt.date | None
    extended: bool
    extension_reason: str | None
    extension_justification: str | None
    extended_on: dt.date | None
    extension_told_on: dt.date | None
    identity_verified: bool | None
    identity_method: str | None
    identity_checked_on: dt.date | None
    identity_note: str | None
    info_requested_on: dt.date | None
    info_received_on: dt.date | None
    decision: str | None
    decision_ground: str | None
    decision_reasons: str | None
    told_about_complaint: bool | None
    decided_on: dt.date | None
    decision_sent_on: dt.date | None
    handler: str | None
    answered_at: dt.datetime | None
    closed_at: dt.datetime | None
    anonymised: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int

    @property
    def is_open(self) -> bool:
        """True while the request is received, in identity check or in progress."""
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: dt.date) -> bool:
        """Open and ``today`` past the legal due date (:func:`deadlines.is_overdue`)."""
        return deadlines.is_overdue(self.due, today, status=self.status)

    def is_due_soon(self, today: dt.date, days: int = deadlines.DUE_SOON_DAYS) -> bool:
        """Open, not overdue, nominal due date within ``days`` (:func:`deadlines.is_due_soon`)."""
        return deadlines.is_due_soon(self.due_nominal, self.due, today, days,
                                     status=self.status)

    def to_dict(self) -> dict[str, Any]:
        """All fields as a dict (dates and datetimes kept as objects)."""
        return dataclasses.asdict(self)


#: The stored columns of a request, in order (the ``requests`` table has exactly these).
REQUEST_COLUMNS = tuple(f.name for f in dataclasses.fields(Request))


@dataclasses.dataclass(frozen=True)
class AuditEntry:
    """One audit row to write: the action, ``changes`` (field -> ``[old, new]``) and an
    optional note. The store adds the request id, the moment and the staff member."""

    action: str
    changes: Mapping[str, list[Any]]
    note: str | None = None


@dataclasses.dataclass(frozen=True)
class Change:
    """What a command does to one request.

    ``values`` holds every column that changes (``version`` and ``updated_at``
    included); ``audit`` the rows to append; ``suppress`` asks the store to put the
    request's contacts on the do-not-mail list in the same transaction. An empty
    ``values`` means nothing changes and nothing is written.
    """

    values: Mapping[str, Any]
    audit: tuple[AuditEntry, ...]
    suppress: bool = False

    def apply(self, request: Request) -> Request:
        """The request as it is after this change."""
        return dataclasses.replace(request, **self.values) if self.values else request


#: Fields that ``update`` does not change, and the command that does.
NOT_EDITABLE = {
    "id": "—", "status": "set_status", "due": "extend", "due_nominal": "extend",
    "version": "—", "received_at": "received",
    "extended": "extend", "extension_reason": "extend",
    "extension_justification": "extend", "extended_on": "extend",
    "extension_told_on": "extend",
    "identity_verified": "record_identity", "identity_method": "record_identity",
    "identity_checked_on": "record_identity", "identity_note": "record_identity",
    "info_requested_on": "request_info", "info_received_on": "receive_info",
    "acknowledged_on": "acknowledge",
    "decision": "decide", "decision_ground": "decide", "decision_reasons": "decide",
    "told_about_complaint": "decide", "decided_on": "decide",
    "decision_sent_on": "mark_sent",
    "answered_at": "set_status", "closed_at": "set_status", "anonymised": "purge",
    "created_at": "—", "updated_at": "—",
}

#: Dates recorded on a request that cannot lie before its receipt.
RECORDED_DATES = ("acknowledged_on", "info_requested_on", "info_received_on",
                  "identity_checked_on", "extended_on", "extension_told_on",
                  "decided_on", "decision_sent_on")

#: Every command a screen may offer, in the order to show them.
ACTIONS = ("update", "acknowledge", "request_info", "receive_info", "record_identity",
           "extend", "decide", "set_status")

#: Environment variable JupyterHub sets to the logged-in user's name.
JUPYTERHUB_ENV = "JUPYTERHUB_USER"


# --- who -------------------------------------------------------------------------------

def resolve_actor(by: Any, default: str | None = None,
                  env: Mapping[str, str] | None = None) -> str:
    """The staff member to record in the audit trail.

    ``by`` when given; else ``default`` (the name given when the register was
    opened); else the JupyterHub login (``$JUPYTERHUB_USER`` in ``env``); else a
    ``ValidationError`` (field ``by``, code ``who_required``) asking who is making the
    change. Never the server's account: on a shared server that would be "root" or
    "jovyan" for everyone.

    >>> resolve_actor(None, env={"JUPYTERHUB_USER": "anna"})
    'anna'
    """
    c = Checker()
    for candidate in (by, default, (env or {}).get(JUPYTERHUB_ENV)):
        if candidate is None or (isinstance(candidate, str) and not candidate.strip()):
            continue
        value = c.text("by", candidate, required=True)
        c.done()
        return value
    c.add("by", "who_required")
    c.done()
    raise AssertionError("unreachable")  # pragma: no cover


# --- helpers ---------------------------------------------------------------------------

def _change(request: Request, wanted: Mapping[str, Any], action: str, now: dt.datetime,
            note: str | None = None, *, suppress: bool = False,
            skip_if_same: bool = False) -> Change:
    """The change that sets ``wanted`` on ``request``: unchanged values dropped, the
    version bumped, one audit row. ``skip_if_same``: nothing at all when nothing
    changes (an edit that changes nothing writes nothing)."""
    diff = {k: [getattr(request, k), v] for k, v in wanted.items()
            if getattr(request, k) != v}
    if not diff and skip_if_same:
        return Change({}, ())
    values = {k: new for k, (_, new) in diff.items()}
    values.update(version=request.version + 1, updated_at=now)
    return Change(values, (AuditEntry(action, diff, note),), suppress)


def _writable(request: Request) -> None:
    if request.anonymised:
        raise fail("id", "anonymised")


def _require_open(request: Request) -> None:
    if not request.is_open:
        raise fail("status", "not_open", status=request.status)


def _require_open_on(request: Request, day: dt.date, floor: dt.date | None = None) -> None:
    """A fact dated ``day`` may be recorded: the request is open and ``day`` is not
    before ``floor`` (default: the receipt date)."""
    _require_open(request)
    if day < (floor or request.received):
        raise fail("on", "before_received")


def _day(c: Checker, field: str, value: Any, now: dt.datetime) -> dt.date | None:
    """A date input; ``None`` means today."""
    return c.day(field, now if value is None else value, now)


def _note(c: Checker, value: Any, limit: int | None = None) -> str | None:
    return c.text("note", value, one_line=False, limit=limit)  # a BSN is refused


# --- adding ----------------------------------------------------------------------------

def _new_row(clean: Mapping[str, Any], now: dt.datetime,
             calendar: HolidayCalendar) -> dict[str, Any]:
    row: dict[str, Any] = {name: None for name in REQUEST_COLUMNS}
    row.update(clean)
    row["due_nominal"], row["due"] = due_dates(clean["received"], False, calendar)
    row.update(status="received", extended=False, anonymised=False,
               created_at=now, updated_at=now, version=1)
    return row


def _received_entry(row: Mapping[str, Any]) -> AuditEntry:
    return AuditEntry("received", {"status": [None, "received"], "due": [None, row["due"]],
                                   "received": [None, row["received"]]})


def new_request(raw: Mapping[str, Any], *, now: dt.datetime,
                calendar: HolidayCalendar = DEFAULT_CALENDAR
                ) -> tuple[dict[str, Any], AuditEntry]:
    """A new request row (every column but ``id``, status ``received``, due dates
    computed) and its ``received`` audit row, from ``add``'s keywords.

    Raises
    ------
    ValidationError
        Naming every bad field.
    """
    clean = clean_request(raw, now)
    row = _new_row(clean, now, calendar)
    return row, _received_entry(row)


def new_requests(records: Iterable[Mapping[str, Any]], *, now: dt.datetime,
                 calendar: HolidayCalendar = DEFAULT_CALENDAR
                 ) -> list[tuple[dict[str, Any], AuditEntry]]:
    """:func:`new_request` for many records; problems are reported with the record's
    position (field ``"3.email"``), all records checked before raising."""
    c = Checker()
    out = []
    for i, rec in enumerate(records):
        sub = Checker()
        for field in sorted(set(rec) - set(REQUEST_FIELDS)):
            sub.add(field, "unknown_field")
        try:
            clean = clean_request(rec, now, sub)
        except ValidationError as err:
            c.problems.extend(dataclasses.replace(p, field=f"{i}.{p.field}")
                              for p in err.problems)
            continue
        row = _new_row(clean, now, calendar)
        out.append((row, _received_entry(row)))
    c.done()
    return out


# --- editing ---------------------------------------------------------------------------

def update(request: Request, fields: Mapping[str, Any], *, now: dt.datetime,
           calendar: HolidayCalendar = DEFAULT_CALENDAR,
           status_moves: Iterable[dt.datetime] = ()) -> Change:
    """Edit the request's own fields (``validation.REQUEST_FIELDS``).

    ``status_moves`` are the moments of the request's past status changes (from its
    audit trail): a new ``received`` may not lie after any of them, nor after any
    recorded date, and an extension must still fit the new one-month deadline.
    Changing ``received`` recomputes the due dates. An edit that changes nothing is
    an empty :class:`Change`.
    """
    c = Checker()
    for key in fields:
        if key in NOT_EDITABLE:
            c.add(key, "not_editable", how=NOT_EDITABLE[key])
        elif key not in REQUEST_FIELDS:
            c.add(key, "unknown_field")
    c.done()
    _writable(request)
    merged = {f: getattr(request, f) for f in REQUEST_FIELDS}
    merged["received"] = request.received_at
    merged.update(fields)
    clean = clean_request(merged, now)
    if clean["direct_marketing"] and request.decision not in (None, "granted"):
        raise fail("direct_marketing", "dm_objection_absolute")
    if "received" in fields:
        clean["due_nominal"], clean["due"] = due_dates(clean["received"],
                                                       request.extended, calendar)
        if clean["received"] != request.received:
            _check_recorded_facts(request, clean["received"], calendar, status_moves)
    else:
        del clean["received"], clean["received_at"]
    after = dataclasses.replace(request, **clean)
    return _change(request, clean, "updated", now, skip_if_same=True,
                   suppress=after.direct_marketing and after.decision == "granted")


def _check_recorded_facts(request: Request, received: dt.date, calendar: HolidayCalendar,
                          status_moves: Iterable[dt.datetime]) -> None:
    """ValidationError when what was recorded about ``request`` does not fit a receipt
    on ``received``."""
    c = Checker()
    for field in RECORDED_DATES:
        day = getattr(request, field)
        if day is not None and day < received:
            c.add(field, "before_received")
    if request.extended:
        one_month = due_dates(received, False, calendar)[1]
        for field, code in (("extended_on", "extension_too_late"),
                            ("extension_told_on", "told_too_late")):
            day = getattr(request, field)
            if day is not None and day > one_month and not c.bad(field):
                c.add(field, code, due=one_month.isoformat())
    moves = list(status_moves)
    moves += [m for m in (request.answered_at, request.closed_at) if m is not None]
    first = min((m.astimezone(AMSTERDAM).date() for m in moves), default=None)
    if first is not None and first < received:
        c.add("status", "moved_before_received", day=first.isoformat())
    c.done()


def set_status(request: Request, status: Any, *, note: Any = None, now: dt.datetime,
               calendar: HolidayCalendar = DEFAULT_CALENDAR) -> Change:
    """Move the request along its lifecycle (withdraw and close included).

    Forward only, skipping allowed (:func:`privacy_kb.vocabulary.allowed_next`);
    ``answered`` and ``closed`` need a recorded decision. Reaching ``answered`` sets
    ``answered_at``; ``closed`` or ``withdrawn`` sets ``closed_at`` (retention runs
    from it).
    """
    c = Checker()
    c.choice("status", status, STATUSES)
    note = c.text("note", note, one_line=False)
    c.done()
    _writable(request)
    if status not in allowed_next(request.status):
        raise fail("status", "transition_not_allowed", old=request.status, new=status)
    if status in ("answered", "closed") and request.decision is None:
        raise fail("status", "decision_missing")
    values: dict[str, Any] = {"status": status}
    if status == "answered":
        values["answered_at"] = now
    if status in FINAL_STATUSES:
        values["closed_at"] = now
    return _change(request, values, "status", now, note)


def acknowledge(request: Request, *, on: Any = None, now: dt.datetime,
                calendar: HolidayCalendar = DEFAULT_CALENDAR) -> Change:
    """Record that receipt was acknowledged to the requester (``on``: default today)."""
    c = Checker()
    day = _day(c, "on", on, now)
    c.done()
    _writable(request)
    _require_open_on(request, day)
    return _change(request, {"acknowledged_on": day}, "acknowledged", now)


def request_info(request: Request, *, on: Any = None, note: Any = None,
                 now: dt.datetime, calendar: HolidayCalendar = DEFAULT_CALENDAR) -> Change:
    """Record that extra information was asked for; the deadline does not pause."""
    return _info(request, "info_requested_on", "info_requested", on, note, now)


def receive_info(request: Request, *, on: Any = None, note: Any = None,
                 now: dt.datetime, calendar: HolidayCalendar = DEFAULT_CALENDAR) -> Change:
    """Record that the information asked for arrived (not before it was asked)."""
    return _info(request, "info_received_on", "info_received", on, note, now)


def _info(request: Request, column: str, action: str, on: Any, note: Any,
          now: dt.datetime) -> Change:
    c = Checker()
    day = _day(c, "on", on, now)
    note = _note(c, note)
    c.done()
    _writable(request)
    floor = request.info_requested_on if column == "info_received_on" else None
    _require_open_on(request, day, floor)
    return _change(request, {column: day}, action, now, note)


def record_identity(request: Request, *, verified: Any, method: Any, note: Any = None,
                    on: Any = None, now: dt.datetime,
                    calendar: HolidayCalendar = DEFAULT_CALENDAR) -> Change:
    """Record the identity check: verified yes/no, how, when, a note; never a
    document (a note holding a BSN-like number is refused)."""
    c = Checker()
    verified = c.boolean("verified", verified)
    method = c.choice("method", method, IDENTITY_METHODS)
    note = _note(c, note, limit=2_000)
    day = _day(c, "on", on, now)
    c.done()
    _writable(request)
    _require_open_on(request, day)
    return _change(request, {"identity_verified": verified, "identity_method": method,
                             "identity_checked_on": day, "identity_note": note},
                   "identity", now)


def extend(request: Request, *, reason: Any, justification: Any, today: Any = None,
           told_on: Any = None, now: dt.datetime,
           calendar: HolidayCalendar = DEFAULT_CALENDAR) -> Change:
    """Extend the deadline by two further months (GDPR Art. 12(3)): once, only while
    the one-month deadline has not passed on ``today`` (default today). The requester
    must be told within that month: ``told_on`` records when, if that already
    happened; else marking the extension notice sent (:func:`mark_sent`) does, and
    until then the request shows "extension notice not sent". New due date: receipt +
    3 months, rolled to a working day."""
    c = Checker()
    reason = c.choice("reason", reason, EXTENSION_REASONS)
    justification = c.text("justification", justification, required=True,
                           one_line=False)
    day = _day(c, "today", today, now)
    # the requester is told by a letter someone marks sent (mark_sent), or told_on
    told = _day(c, "told_on", told_on, now) if told_on is not None else None
    if day and told and told > day:
        c.add("told_on", "in_future")
    c.done()
    _writable(request)
    _require_open(request)
    if request.extended:
        raise fail("reason", "already_extended")
    one_month = due_dates(request.received, False, calendar)[1]
    c = Checker()
    if day < request.received:
        c.add("today", "before_received")
    elif day > one_month:
        c.add("today", "extension_too_late", due=one_month.isoformat())
    if told is not None:
        if told < request.received:
            c.add("told_on", "before_received")
        elif told > one_month:
            c.add("told_on", "told_too_late", due=one_month.isoformat())
    c.done()
    nominal, due = due_dates(request.received, True, calendar)
    return _change(request, {"extended": True, "extension_reason": reason,
                             "extension_justification": justification,
                             "extended_on": day, "extension_told_on": told,
                             "due_nominal": nominal, "due": due}, "extended", now)


def decide(request: Request, *, outcome: Any, ground: Any = None, reasons: Any = None,
           told_about_complaint: Any = None, on: Any = None, now: dt.datetime,
           calendar: HolidayCalendar = DEFAULT_CALENDAR) -> Change:
    """Record the decision (granted / partly / refused), apart from the status.

    ``partly`` and ``refused`` need the legal ground, the reasons and a record that the
    requester was told about complaining to the AP and going to court (Art. 12(4)).
    An objection to direct marketing can only be granted; granting it asks for the
    contacts to go on the do-not-mail list (``Change.suppress``).

    Every rule the decision breaks is reported at once, in one
    :class:`~privacy_kb.errors.ValidationError`: bad inputs, a request no longer open
    or anonymised, an objection to direct marketing not granted
    (``dm_objection_absolute``; the ground, reasons and complaint notice of a refusal
    are then not asked for, as no refusal can be recorded), and a decision dated
    before the receipt (``before_received``) — so the form is corrected in one round.
    """
    c = Checker()
    outcome = c.choice("outcome", outcome, OUTCOMES)
    ground = c.text("ground", ground, limit=500)
    reasons = c.text("reasons", reasons, one_line=False, limit=20_000)
    told = c.boolean("told_about_complaint", told_about_complaint, allow_none=True)
    day = _day(c, "on", on, now)
    if request.anonymised:
        c.add("id", "anonymised")
    if not request.is_open:
        c.add("status", "not_open", status=request.status)
    dm_refused = request.direct_marketing and outcome is not None and outcome != "granted"
    if dm_refused:
        c.add("outcome", "dm_objection_absolute")
    elif outcome in ("partly", "refused"):
        if ground is None and not c.bad("ground"):
            c.add("ground", "required")
        if reasons is None and not c.bad("reasons"):
            c.add("reasons", "required")
        if told is not True and not c.bad("told_about_complaint"):
            c.add("told_about_complaint", "complaint_info_required")
    if day is not None and day < request.received:
        c.add("on", "before_received")
    c.done()
    return _change(request, {"decision": outcome, "decision_ground": ground,
                             "decision_reasons": reasons, "told_about_complaint": told,
                             "decided_on": day}, "decided", now,
                   suppress=request.direct_marketing and outcome == "granted")


#: Letter kind -> the request's column holding the day it was marked sent, and the
#: audit action (issue 11).
LETTER_SENT = {"acknowledgement": ("acknowledged_on", "acknowledged"),
               "info_request": ("info_requested_on", "info_requested"),
               "extension_notice": ("extension_told_on", "updated"),
               "decision": ("decision_sent_on", "updated")}


def mark_sent(request: Request, kind: Any, *, on: Any = None, now: dt.datetime,
              calendar: HolidayCalendar = DEFAULT_CALENDAR) -> Change:
    """Record that a letter of ``kind`` went to the requester on ``on`` (default
    today): a fact someone records, never assumed. The letter must fit the request
    (an extension notice only for an extended request, a decision letter only after
    the decision: :func:`privacy_kb.letters.check_kind`); the day not in the future
    and not before receipt. An extension notice sent after the one-month date is
    recorded as it happened (and flagged: the extension is not valid that way)."""
    from privacy_kb.letters import KINDS
    from privacy_kb.letters import check_kind as _fits

    c = Checker()
    kind = c.choice("kind", kind, KINDS)
    day = _day(c, "on", on, now)
    c.done()
    _writable(request)
    if kind == "info_request":
        # an information request is sent while the request is open
        _require_open(request)
    elif kind != "acknowledgement":
        _fits(request, kind)
    if day < request.received:
        raise fail("on", "before_received")
    column, action = LETTER_SENT[kind]
    notes = {"acknowledgement": "Ontvangstbevestiging verstuurd / acknowledgement sent",
             "info_request": "Informatieverzoek verstuurd / information request sent",
             "extension_notice": "Verlengingsbericht verstuurd / extension notice sent",
             "decision": "Besluitbrief verstuurd / decision letter sent"}
    return _change(request, {column: day}, action, now, notes[kind])


# --- replaying a history outside the store ---------------------------------------------

class Replay:
    """A request taken through its lifecycle by the commands above, in memory: for
    demo data and imports of past events, stored at once with
    ``Register.add_replayed``.

    ``request`` is the state so far (its ``id`` is empty until stored); ``log`` the
    audit rows as ``(moment, staff member, AuditEntry, request after it)``;
    ``suppress`` whether a command asked for the contacts to go on the do-not-mail
    list.

    Examples
    --------
    >>> r = Replay.add(raw, at=moment, by="Anna")                 # doctest: +SKIP
    >>> r.run("acknowledge", at=later, by="Anna", on=later.date())  # doctest: +SKIP
    """

    def __init__(self, request: Request, log: list, calendar: HolidayCalendar):
        self.request = request
        self.log = log
        self.calendar = calendar
        self.suppress = False

    @classmethod
    def add(cls, raw: Mapping[str, Any], *, at: dt.datetime, by: str,
            calendar: HolidayCalendar = DEFAULT_CALENDAR) -> "Replay":
        """:func:`new_request` at the moment ``at``, by ``by``."""
        actor = resolve_actor(by)
        row, entry = new_request(raw, now=at, calendar=calendar)
        row["id"] = ""
        request = Request(**row)
        return cls(request, [(at, actor, entry, request)], calendar)

    def run(self, command: str, *, at: dt.datetime, by: str, **inputs: Any) -> Request:
        """Run the command named ``command`` (one of :data:`ACTIONS`) at ``at``, by
        ``by``; the request as it is afterwards. Raises ValidationError as the
        command does."""
        if command not in ACTIONS:
            raise ValueError(f"unknown command {command!r}")
        actor = resolve_actor(by)
        change = globals()[command](self.request, now=at, calendar=self.calendar, **inputs)
        self.request = change.apply(self.request)
        self.log.extend((at, actor, entry, self.request) for entry in change.audit)
        self.suppress = self.suppress or change.suppress
        return self.request


# --- what a request allows -------------------------------------------------------------

def next_statuses(request: Request) -> tuple[str, ...]:
    """The statuses :func:`set_status` would accept now: :func:`allowed_next`, less
    ``answered`` and ``closed`` while no decision is recorded."""
    if request.anonymised:
        return ()
    return tuple(s for s in allowed_next(request.status)
                 if request.decision is not None or s not in ("answered", "closed"))


def allowed_actions(request: Request, today: Any,
                    calendar: HolidayCalendar = DEFAULT_CALENDAR) -> tuple[str, ...]:
    """The commands (names from :data:`ACTIONS`) that ``request`` allows on ``today``,
    by the same rules the commands enforce; a screen offers exactly these (the
    commands check again when called).

    >>> allowed_actions(req, "2026-11-24")              # doctest: +SKIP
    ('update', 'acknowledge', 'request_info', 'receive_info', 'record_identity',
     'extend', 'decide', 'set_status')
    """
    if today is None:
        raise fail("today", "required")
    day = as_today(today, dt.datetime.combine(dt.date.min, dt.time(), AMSTERDAM))
    if request.anonymised:
        return ()
    allowed = {"update"}
    if request.is_open:
        allowed.update({"acknowledge", "request_info", "receive_info", "record_identity",
                        "decide"})
        if not request.extended and deadlines.can_extend(request.received, day, calendar):
            allowed.add("extend")
    if next_statuses(request):
        allowed.add("set_status")
    return tuple(a for a in ACTIONS if a in allowed)
