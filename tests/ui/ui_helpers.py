"""Shared helpers of the widget tests: a pinned clock, canned replies, a stub assistant."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from privacy_kb.assistant import Reply

AMS = ZoneInfo("Europe/Amsterdam")
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
#: The pinned "now" of the register: Tuesday 10 March 2026, 10:00 in Amsterdam.
NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=AMS)
XSS = "<img src=x onerror=alert(1)>"


def make_reply(question, *, answered=True, text="Het antwoord.", lang="nl", suggestions=(),
               request_type=None, source=None):
    source = source if source is not None else {
        "id": "uw-rechten", "title": "Uw rechten", "quote": "inzagerecht",
        "passage": "U kunt te allen tijde opvragen welke persoonsgegevens wij verwerken."}
    return Reply(answered=answered, text=text, lang=lang, source=source, score=80.0,
                 faq_id="x" if answered else None, suggestions=list(suggestions),
                 request_type=request_type, question=question)


class StubAssistant:
    """Answers from a dict question -> Reply; anything else gets a fallback."""

    def __init__(self, replies=None):
        self.replies = dict(replies or {})
        self.asked: list[str] = []

    def ask(self, question, previous=None):
        self.asked.append(question)
        if question in self.replies:
            return self.replies[question]
        return make_reply(question, answered=False,
                          text="Daar heb ik geen antwoord op. Mail info@softwareborg.nl.")

    def draft_reply(self, message):
        return "Beste heer/mevrouw,\n\nDank voor uw bericht."


def add_request(reg, **overrides):
    values = dict(request_type="access", name="Jan Jansen", email="jan@example.nl",
                  channel="email", received="2026-03-02", description="Inzage graag")
    values.update(overrides)
    return reg.add(**values)


def table_column(table, key):
    """The texts of one column of a register table, found by its key (the columns'
    order is a layout choice: days left comes second so a phone shows it)."""
    keys = [col["key"] for col in table.columns]
    assert key in keys, f"no column {key!r} in {keys}"
    i = keys.index(key)
    return [row["cells"][i] for row in table.rows]


def column_labels(table) -> dict:
    """Column key -> the title shown."""
    return {col["key"]: col["label"] for col in table.columns}
