"""The do-not-mail list (the statement's newsletter "blokkeerlijst").

Granting an objection to direct marketing puts the requester's e-mail address and
phone number here, in the same transaction as the decision. Entries outlive a purge
of the request. A contact is stored and looked up in one normal form
(:func:`contact_key`): the form ``add`` stores it in.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import sqlalchemy as sa

from privacy_kb.clock import AMSTERDAM
from privacy_kb.register import schema
from privacy_kb.register.validation import Checker

__all__ = ["contact_key", "add_contacts", "contains", "entries"]


def contact_key(contact: Any) -> str | None:
    """The stored form of an e-mail address or phone number: what ``add`` would store
    (normalised address in lower case, or E.164); None when it is neither."""
    if not isinstance(contact, str) or not contact.strip():
        return None
    contact = unicodedata.normalize("NFKC", contact)  # as Checker does: "＠" is "@"
    c = Checker()
    if "@" in contact:
        email = c.email(contact)
        return email.lower() if email else None
    return c.phone(contact)


def add_contacts(conn: sa.Connection, request_id: str, email: str | None,
                 phone: str | None, now: dt.datetime) -> None:
    """Put a request's contacts on the list, inside the caller's transaction
    (entries already there are kept as they are)."""
    s = schema.suppression
    for kind, contact in (("email", email), ("phone", phone)):
        if not contact:
            continue
        key = contact.lower() if kind == "email" else contact
        if conn.execute(sa.select(s.c.contact).where(s.c.contact == key)).first():
            continue
        try:
            with conn.begin_nested():
                conn.execute(sa.insert(s), {"contact": key, "kind": kind,
                                            "added_at": now, "request_id": request_id})
        except sa.exc.IntegrityError:  # added concurrently: fine
            pass


def contains(conn: sa.Connection, contact: Any) -> bool:
    """True when ``contact`` (in any spelling ``add`` stores the same) is on the list."""
    key = contact_key(contact)
    if key is None:
        return False
    s = schema.suppression
    return conn.execute(sa.select(s.c.contact).where(s.c.contact == key)).first() is not None


def entries(conn: sa.Connection) -> list[dict[str, Any]]:
    """The list: dicts with contact, kind, added_at (Europe/Amsterdam), request_id."""
    s = schema.suppression
    found = conn.execute(sa.select(s).order_by(s.c.added_at, s.c.contact)).mappings().all()
    return [{**r, "added_at": r["added_at"].astimezone(AMSTERDAM)} for r in found]
