"""Realistic synthetic requests for demos, benchmarks and the report notebook.

:func:`fill_demo` writes ``n`` requests spread over the two years before ``today``,
each taken as far along its lifecycle as its age makes plausible (acknowledged,
identity checked, sometimes extended, decided, answered, closed; a few left overdue),
with an audit trail that matches. Everything is derived from ``seed``: the same
arguments give the same register. Names and addresses are invented; e-mail domains are
the reserved ``example.*`` ones.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from typing import Any

from privacy_kb.clock import AMSTERDAM
from privacy_kb.register.deadlines import GDPR_APPLIES_FROM, can_extend, due_dates
from privacy_kb.register.validation import as_today

FIRST = ["Jan", "Anna", "Pieter", "Sanne", "Mohamed", "Fatima", "Daan", "Emma", "Bram",
         "Lotte", "Sem", "Julia", "Thijs", "Noor", "Ahmet", "Elif", "Kees", "Marieke",
         "Wouter", "Esther", "Rik", "Sophie", "Youssef", "Priya", "Jeroen", "Ilse",
         "Henk", "Ingrid", "Luuk", "Zoë", "Chen", "Olga"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
        "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
        "Brouwer", "de Wit", "Dijkstra", "van der Meer", "van den Berg", "Kok", "Yılmaz",
        "El Amrani", "Nguyen", "Kaya", "Şahin", "O'Neill", "Müller", "Wang", "Kowalski"]
ORGANISATIONS = ["Bakkerij De Korenschoof", "Gemeente Utrecht", "Stichting Open Data",
                 "Jansen & Zn. B.V.", "Advocatenkantoor Meijer", "Het Buurthuis"]
#: Names that test escaping and CSV neutralisation wherever they are shown.
AWKWARD_NAMES = ["<img src=x onerror=alert(1)>", "=HYPERLINK(\"http://x\",\"klik\")",
                 "+31 Jansen", "-Piet-", "@Sanne", "O'Brien & \"Zn\"", "Ædel Øster",
                 "    =1+1", "Émile Zola-Lévy", "名前 テスト"]
STAFF = ["Anna", "Bram", "Carla", "Dirk", "Eva"]
DOMAINS = ["example.nl", "example.com", "example.org"]

TYPES = {"access": 40, "erasure": 20, "rectification": 10, "objection": 10,
         "restriction": 4, "portability": 6, "complaint": 10}
CHANNEL_WEIGHTS = {"email": 55, "web": 25, "post": 8, "phone": 7, "in_person": 3,
                   "other": 2}
DESCRIPTIONS = {
    "access": "Ik wil graag weten welke persoonsgegevens u van mij verwerkt.",
    "erasure": "Verwijder alstublieft mijn account en alle gegevens over mij.",
    "rectification": "Mijn adres klopt niet meer; ik ben verhuisd.",
    "objection": "Ik maak bezwaar tegen het gebruik van mijn gegevens.",
    "restriction": "Gebruik mijn gegevens niet zolang mijn klacht loopt.",
    "portability": "Stuur mijn gegevens in een gangbaar formaat naar mij toe.",
    "complaint": "Ik ben niet tevreden over hoe mijn vorige verzoek is behandeld.",
}
GROUNDS = {
    "access": "Art. 15(4) AVG: rechten en vrijheden van anderen",
    "erasure": "Art. 17(3)(b) AVG: wettelijke bewaarplicht",
    "rectification": "Art. 16 AVG: gegevens zijn juist",
    "objection": "Art. 21(1) AVG: dwingende gerechtvaardigde gronden",
    "restriction": "Art. 18(1) AVG: geen van de gronden is van toepassing",
    "portability": "Art. 20(1) AVG: verwerking niet op toestemming of overeenkomst",
    "complaint": "Klacht ongegrond na onderzoek",
}


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def _pick(rnd: random.Random, weights: dict[str, int]) -> str:
    return rnd.choices(list(weights), weights=list(weights.values()))[0]


def _at(day: dt.date, rnd: random.Random) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(rnd.randint(8, 17), rnd.randint(0, 59)),
                               tzinfo=AMSTERDAM)


def demo_request(rnd: random.Random, today: dt.date, calendar: Any,
                 awkward: bool = False) -> dict[str, Any]:
    """One complete request row (with ``_audit``), consistent with the register's
    rules, received in the two years before ``today``."""
    first, last = rnd.choice(FIRST), rnd.choice(LAST)
    name = f"{first} {last}"
    if awkward and rnd.random() < 0.05:
        name = rnd.choice(AWKWARD_NAMES)
    request_type = _pick(rnd, TYPES)
    direct_marketing = request_type == "objection" and rnd.random() < 0.6
    email = phone = None
    if rnd.random() < 0.92:
        email = f"{_ascii(first)}.{_ascii(last)}{rnd.randint(1, 999)}@{rnd.choice(DOMAINS)}"
    if email is None or rnd.random() < 0.3:
        phone = f"+316{rnd.randint(10, 39)}{rnd.randint(0, 999_999):06d}"
    start = max(GDPR_APPLIES_FROM, today - dt.timedelta(days=730))
    received = start + dt.timedelta(days=rnd.randint(0, (today - start).days))
    received_at = _at(received, rnd)
    if received == today:
        received_at = min(received_at, dt.datetime.combine(today, dt.time(8),
                                                           tzinfo=AMSTERDAM))
    handler = rnd.choice(STAFF)
    due_nominal, due = due_dates(received, False, calendar)
    row: dict[str, Any] = {
        "request_type": request_type, "direct_marketing": direct_marketing,
        "name": name, "email": email, "phone": phone,
        "organisation": rnd.choice(ORGANISATIONS) if rnd.random() < 0.15 else None,
        "on_behalf_of": None, "authority_checked": False,
        "channel": _pick(rnd, CHANNEL_WEIGHTS), "received": received,
        "received_at": received_at, "description": DESCRIPTIONS[request_type],
        "status": "received", "due_nominal": due_nominal, "due": due,
        "acknowledged_on": None, "extended": False, "extension_reason": None,
        "extension_justification": None, "extended_on": None, "extension_told_on": None,
        "identity_verified": None, "identity_method": None, "identity_checked_on": None,
        "identity_note": None, "info_requested_on": None, "info_received_on": None,
        "decision": None, "decision_ground": None, "decision_reasons": None,
        "told_about_complaint": None, "decided_on": None, "handler": handler,
        "answered_at": None, "closed_at": None, "anonymised": False,
        "created_at": received_at + dt.timedelta(minutes=rnd.randint(5, 600)),
    }
    if rnd.random() < 0.05:
        row["on_behalf_of"] = f"{rnd.choice(FIRST)} {last}"
        row["authority_checked"] = rnd.random() < 0.8
    row["created_at"] = min(row["created_at"],
                            max(received_at, dt.datetime.combine(
                                today, dt.time(8, 30), tzinfo=AMSTERDAM)))
    audit = [{"at": row["created_at"], "actor": handler, "action": "received",
              "changes": {"status": [None, "received"], "due": [None, due],
                          "received": [None, received]}}]
    version = 1
    last_at = row["created_at"]

    def step(day: dt.date, action: str, changes: dict[str, Any], note: str | None = None
             ) -> bool:
        """Apply one lifecycle step on ``day`` unless that lies after today."""
        nonlocal version, last_at
        if day > today:
            return False
        at = max(_at(day, rnd), last_at + dt.timedelta(minutes=1))
        if at.date() > today:
            return False
        for key, new in list(changes.items()):
            if row[key] == new:
                del changes[key]
                continue
            changes[key] = [row[key], new]
            row[key] = new
        audit.append({"at": at, "actor": handler, "action": action, "changes": changes,
                      "note": note})
        version += 1
        last_at = at
        return True

    # how far along: old requests are mostly done; a few stay open past their due date
    stuck = rnd.random() < 0.03
    withdraw = rnd.random() < 0.04
    day = received + dt.timedelta(days=rnd.randint(0, 2))
    ok = step(day, "acknowledged", {"acknowledged_on": day})
    if ok and rnd.random() < 0.3:
        ok = step(day, "status", {"status": "identity_check"})
        day += dt.timedelta(days=rnd.randint(0, 2))
        ok = ok and step(day, "info_requested", {"info_requested_on": day},
                         "bevestiging gevraagd via bekend e-mailadres")
        day += dt.timedelta(days=rnd.randint(1, 6))
        ok = ok and step(day, "info_received", {"info_received_on": day})
        ok = ok and step(day, "identity", {
            "identity_verified": True, "identity_method": "email_confirmation",
            "identity_checked_on": day, "identity_note": None})
    if ok:
        day += dt.timedelta(days=rnd.randint(0, 3))
        ok = step(day, "status", {"status": "in_progress"})
    if ok and withdraw:
        day += dt.timedelta(days=rnd.randint(1, 10))
        step(day, "status", {"status": "withdrawn",
                             "closed_at": _at(min(day, today), rnd)}, "ingetrokken")
        ok = False
    if ok and stuck:
        ok = False
    if ok and rnd.random() < 0.06:
        ext_day = day + dt.timedelta(days=rnd.randint(1, 10))
        if can_extend(received, ext_day, calendar):
            nominal3, due3 = due_dates(received, True, calendar)
            ok = step(ext_day, "extended", {
                "extended": True, "extension_reason": "complexity",
                "extension_justification": "Gegevens in meerdere systemen.",
                "extended_on": ext_day, "extension_told_on": ext_day,
                "due_nominal": nominal3, "due": due3})
            day = ext_day
    if ok:
        span = max(1, (row["due"] - day).days - 1)
        day += dt.timedelta(days=min(span, int(rnd.triangular(1, span, span * 0.4))))
        roll = rnd.random()
        outcome = ("granted" if direct_marketing or roll < 0.75
                   else "partly" if roll < 0.9 else "refused")
        changes: dict[str, Any] = {"decision": outcome, "decided_on": day}
        if outcome != "granted":
            changes.update(decision_ground=GROUNDS[request_type],
                           decision_reasons="Zie de brief aan de verzoeker.",
                           told_about_complaint=True)
        ok = step(day, "decided", changes)
        if ok:
            row["_suppress"] = direct_marketing
            ok = step(day, "status", {"status": "answered", "answered_at": None})
            if ok:
                row["answered_at"] = audit[-1]["at"]
                audit[-1]["changes"]["answered_at"] = [None, row["answered_at"]]
    if ok and rnd.random() < 0.95:
        day += dt.timedelta(days=rnd.randint(0, 10))
        ok = step(day, "status", {"status": "closed", "closed_at": None})
        if ok:
            row["closed_at"] = audit[-1]["at"]
            audit[-1]["changes"]["closed_at"] = [None, row["closed_at"]]
    if row["status"] == "withdrawn" and row["closed_at"] is not None:
        row["closed_at"] = audit[-1]["at"]
        audit[-1]["changes"]["closed_at"] = [None, row["closed_at"]]
    row["updated_at"] = last_at
    row["version"] = version
    row["_audit"] = audit
    return row


def fill_demo(reg: Any, n: int = 200, *, seed: int = 0, today: Any = None,
              awkward: bool = False, batch: int = 5_000) -> list[str]:
    """Add ``n`` synthetic requests to ``reg``, in transactions of ``batch``.

    Parameters
    ----------
    reg : Register
    n : int
        How many requests.
    seed : int
        Same seed, same requests.
    today : date-like, optional
        The day the register is "as of"; default today (Europe/Amsterdam). No date
        in the data lies after it.
    awkward : bool
        Mix in names that test escaping and CSV neutralisation (``<img …>``,
        ``=HYPERLINK(…)``).

    Returns
    -------
    list of str
        The new request ids.

    Examples
    --------
    >>> ids = fill_demo(reg, 500, seed=1, today="2026-11-24")    # doctest: +SKIP
    """
    day = as_today(today, reg.now())
    rnd = random.Random(seed)
    ids: list[str] = []
    for start in range(0, n, batch):
        rows = [demo_request(rnd, day, reg.calendar, awkward)
                for _ in range(min(batch, n - start))]
        ids.extend(reg._bulk_insert(rows))
    return ids
