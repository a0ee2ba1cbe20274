"""Letters that should have gone out: pure checks of a request, its sent-marks and today.

* **acknowledgement**: GDPR Art. 12 asks for prompt acknowledgement; the desk's rule is
  within three working days of receipt (weekends and Dutch public holidays excluded,
  the register's holiday calendar). An open request not acknowledged by then, or an
  acknowledgement sent later, is flagged.
* **extension notice**: an extension is valid only if the requester is told within
  the first month (Art. 12(3)). An extended request whose notice is not (yet) marked
  sent shows "extension notice not sent"; once the one-month (legal) date has passed
  without it, or it went out after that date, it is flagged as late.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from privacy_kb.letters.drafting import as_day, request_fields
from privacy_kb.vocabulary import OPEN_STATUSES

__all__ = ["Flag", "ACK_WORKING_DAYS", "acknowledgement_due", "extension_notice_due",
           "letter_flags"]

#: Working days after receipt within which a request is acknowledged.
ACK_WORKING_DAYS = 3


@dataclass(frozen=True)
class Flag:
    """Something about a request's letters that needs attention."""

    code: str
    nl: str
    en: str

    def text(self, lang: str = "nl") -> str:
        return self.en if lang == "en" else self.nl


def _calendar(calendar):
    if calendar is not None:
        return calendar
    from privacy_kb.register.deadlines import DEFAULT_CALENDAR

    return DEFAULT_CALENDAR


def acknowledgement_due(received: dt.date, calendar=None) -> dt.date:
    """The last day to acknowledge: the third working day after ``received``.

    >>> acknowledgement_due(dt.date(2026, 4, 24))   # Fri; Mon 27 April is King's Day
    datetime.date(2026, 4, 30)
    """
    cal = _calendar(calendar)
    day, left = received, ACK_WORKING_DAYS
    while left:
        day += dt.timedelta(days=1)
        if cal.is_working_day(day):
            left -= 1
    return day


def extension_notice_due(received: dt.date, calendar=None) -> dt.date:
    """The last day to send an extension notice: the one-month legal due date."""
    from privacy_kb.register.deadlines import due_dates

    return due_dates(received, False, _calendar(calendar))[1]


def letter_flags(request, sent: Mapping[str, object], today: dt.date,
                 calendar=None) -> list[Flag]:
    """The flags for ``request`` given ``sent`` (kind -> date it was marked sent, or
    None) on ``today``.

    Codes: ``acknowledgement_late`` (open and not acknowledged by the third working
    day, or acknowledged after it), ``extension_notice_not_sent`` (extended, notice
    not sent, the one-month date not passed yet), ``extension_notice_late`` (extended
    and the notice not sent by the one-month date, or sent after it).
    """
    f = request_fields(request)
    received = as_day(f.get("received"))
    if received is None:
        return []
    flags: list[Flag] = []
    ack_by = acknowledgement_due(received, calendar)
    ack_on = as_day(sent.get("acknowledgement"))
    if (ack_on is None and today > ack_by and f.get("status") in OPEN_STATUSES) or \
            (ack_on is not None and ack_on > ack_by):
        by = ack_by.isoformat()
        if ack_on is None:
            flags.append(Flag("acknowledgement_late",
                              f"Ontvangst niet binnen drie werkdagen bevestigd (uiterlijk "
                              f"{by}).",
                              f"Not acknowledged within three working days (by {by})."))
        else:
            flags.append(Flag("acknowledgement_late",
                              f"Ontvangst pas op {ack_on.isoformat()} bevestigd, na drie "
                              f"werkdagen (uiterlijk {by}).",
                              f"Acknowledged only on {ack_on.isoformat()}, after three "
                              f"working days (by {by})."))
    if f.get("extended"):
        notice_by = extension_notice_due(received, calendar)
        told_on = as_day(sent.get("extension_notice"))
        if told_on is None and today <= notice_by:
            flags.append(Flag("extension_notice_not_sent",
                              f"Verlengingsbericht nog niet verstuurd (uiterlijk "
                              f"{notice_by.isoformat()}).",
                              f"Extension notice not sent yet (due by "
                              f"{notice_by.isoformat()})."))
        elif told_on is None or told_on > notice_by:
            flags.append(Flag("extension_notice_late",
                              f"Verlengingsbericht niet verstuurd binnen de eerste maand "
                              f"(uiterlijk {notice_by.isoformat()}): de verlenging is zo "
                              f"niet geldig.",
                              f"Extension notice not sent within the first month (by "
                              f"{notice_by.isoformat()}): the extension is not valid "
                              f"that way."))
    return flags
