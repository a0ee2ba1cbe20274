"""The desk's calendar: Europe/Amsterdam, defined once.

Deadlines count in Amsterdam calendar days (docs/register-rules.md), so the register, its
validation, the UI and the gap log all take "now" and "today" from here. Standard
library only: importing this loads nothing else of the package.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

__all__ = ["TZ_NAME", "AMSTERDAM", "now_amsterdam", "today_amsterdam"]

#: The IANA name of the desk's time zone (pandas dtypes take the name).
TZ_NAME = "Europe/Amsterdam"
#: The desk's time zone.
AMSTERDAM = ZoneInfo(TZ_NAME)


def now_amsterdam() -> dt.datetime:
    """The current moment, aware, in Europe/Amsterdam."""
    return dt.datetime.now(AMSTERDAM)


def today_amsterdam() -> dt.date:
    """Today's calendar date in Europe/Amsterdam (what deadlines count from)."""
    return now_amsterdam().date()
