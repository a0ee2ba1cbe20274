"""Realistic synthetic requests for demos, benchmarks and the report notebook.

:func:`fill_demo` writes ``n`` requests spread over the two years before ``today``,
each taken as far along its lifecycle as its age makes plausible (acknowledged,
identity checked, sometimes extended, decided, answered, closed; a few left overdue).
The data is made by the register's own lifecycle commands, each run at the moment
of its step (:class:`~privacy_kb.register.lifecycle.Replay`), so it obeys every rule
they enforce and its audit trail is the one they write. Everything is derived from
``seed``: the same arguments give the same register. Names and addresses are
invented; e-mail domains are the reserved ``example.*`` ones.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from typing import Any

from privacy_kb.clock import AMSTERDAM
from privacy_kb.register.deadlines import GDPR_APPLIES_FROM, can_extend
from privacy_kb.register.lifecycle import Replay
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


def demo_request(rnd: random.Random, today: dt.date, ceiling: dt.datetime,
                 calendar: Any, awkward: bool = False) -> Replay:
    """One invented request received in the two years before ``today``, taken as far
    along its lifecycle as its age makes plausible by the register's own commands
    (:class:`~privacy_kb.register.lifecycle.Replay`), each run at its step's moment
    (none after ``ceiling``)."""
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
    received_at = min(_at(received, rnd), ceiling)
    if received == today:
        received_at = min(received_at, dt.datetime.combine(today, dt.time(8),
                                                           tzinfo=AMSTERDAM))
    handler = rnd.choice(STAFF)
    organisation = rnd.choice(ORGANISATIONS) if rnd.random() < 0.15 else None
    channel = _pick(rnd, CHANNEL_WEIGHTS)
    created_at = received_at + dt.timedelta(minutes=rnd.randint(5, 600))
    on_behalf_of, authority_checked = None, False
    if rnd.random() < 0.05:
        on_behalf_of = f"{rnd.choice(FIRST)} {last}"
        authority_checked = rnd.random() < 0.8
    last_at = max(received_at, min(created_at, ceiling, dt.datetime.combine(
        today, dt.time(8, 30), tzinfo=AMSTERDAM)))
    replay = Replay.add(
        {"request_type": request_type, "direct_marketing": direct_marketing,
         "name": name, "email": email, "phone": phone, "organisation": organisation,
         "on_behalf_of": on_behalf_of, "authority_checked": authority_checked,
         "channel": channel, "received": received_at,
         "description": DESCRIPTIONS[request_type], "handler": handler},
        at=last_at, by=handler, calendar=calendar)

    def step(day: dt.date, command: str, **kwargs: Any) -> bool:
        """Run one command on ``day`` (at a plausible moment after the last step)
        unless that moment lies after the ceiling."""
        nonlocal last_at
        at = max(_at(day, rnd), last_at + dt.timedelta(minutes=1))
        if day > today or at > ceiling:
            return False
        last_at = at
        replay.run(command, at=at, by=handler, **kwargs)
        return True

    # how far along: old requests are mostly done; a few stay open past their due date
    stuck = rnd.random() < 0.03
    withdraw = rnd.random() < 0.04
    day = received + dt.timedelta(days=rnd.randint(0, 2))
    ok = step(day, "acknowledge", on=day)
    if ok and rnd.random() < 0.3:
        ok = step(day, "set_status", status="identity_check")
        day += dt.timedelta(days=rnd.randint(0, 2))
        ok = ok and step(day, "request_info", on=day,
                         note="bevestiging gevraagd via bekend e-mailadres")
        day += dt.timedelta(days=rnd.randint(1, 6))
        ok = ok and step(day, "receive_info", on=day)
        ok = ok and step(day, "record_identity", verified=True,
                         method="email_confirmation", on=day)
    if ok:
        day += dt.timedelta(days=rnd.randint(0, 3))
        ok = step(day, "set_status", status="in_progress")
    if ok and withdraw:
        day += dt.timedelta(days=rnd.randint(1, 10))
        step(min(day, today), "set_status", status="withdrawn", note="ingetrokken")
        ok = False
    if ok and stuck:
        ok = False
    due = replay.request.due
    if ok and rnd.random() < 0.06:
        ext_day = day + dt.timedelta(days=rnd.randint(1, 10))
        if can_extend(received, ext_day, calendar):
            ok = step(ext_day, "extend", reason="complexity",
                      justification="Gegevens in meerdere systemen.", today=ext_day,
                      told_on=ext_day)
            if ok:
                day = ext_day
                due = replay.request.due
    if ok:
        span = max(1, (due - day).days - 1)
        day += dt.timedelta(days=min(span, int(rnd.triangular(1, span, span * 0.4))))
        roll = rnd.random()
        outcome = ("granted" if direct_marketing or roll < 0.75
                   else "partly" if roll < 0.9 else "refused")
        extra: dict[str, Any] = {}
        if outcome != "granted":
            extra = {"ground": GROUNDS[request_type],
                     "reasons": "Zie de brief aan de verzoeker.",
                     "told_about_complaint": True}
        ok = step(day, "decide", outcome=outcome, on=day, **extra)
        ok = ok and step(day, "set_status", status="answered")
    if ok and rnd.random() < 0.95:
        day += dt.timedelta(days=rnd.randint(0, 10))
        step(day, "set_status", status="closed")
    return replay


def fill_demo(reg: Any, n: int = 200, *, seed: int = 0, today: Any = None,
              awkward: bool = False, batch: int = 5_000) -> list[str]:
    """Add ``n`` synthetic requests to ``reg``, made by the register's own lifecycle
    commands (add, acknowledge, set_status, decide, …) each run at its step's
    moment, stored ``batch`` requests per transaction (``Register.add_replayed``).

    Parameters
    ----------
    reg : Register
    n : int
        How many requests.
    seed : int
        Same seed, same requests.
    today : date-like, optional
        The day the register is "as of"; default today (Europe/Amsterdam). No date
        in the data lies after it, and no moment after the register's "now".
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
    real_now = reg.now()
    day = as_today(today, real_now)
    ceiling = min(real_now, dt.datetime.combine(day, dt.time(23, 59), tzinfo=AMSTERDAM))
    if day > real_now.date():
        ceiling = dt.datetime.combine(day, dt.time(23, 59), tzinfo=AMSTERDAM)
    rnd = random.Random(seed)
    ids: list[str] = []
    for start in range(0, n, batch):
        ids.extend(reg.add_replayed([demo_request(rnd, day, ceiling, reg.calendar, awkward)
                                     for _ in range(min(batch, n - start))]))
    return ids
