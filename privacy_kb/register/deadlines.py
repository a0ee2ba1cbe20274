"""Deadlines of GDPR Art. 12(3), counted per Regulation (EEC, Euratom) 1182/71.

Pure functions of dates; nothing here reads a clock or a database.

* One month runs to the same date in the next month; where that date does not exist,
  to the last day of that month (Reg. 1182/71 Art. 3(2)(c)). Never "30 days".
  Received 2026-03-31 -> 2026-04-30; received 2026-08-31 -> 2026-09-30.
* A period ending on a Saturday, Sunday or public holiday ends at the end of the next
  working day (Art. 3(4)). Received 2026-01-31 -> nominally Saturday 2026-02-28 ->
  legally Monday 2026-03-02.
* An extension (Art. 12(3), at most once) runs from receipt: receipt + 3 months, then
  rolled the same way (not +1 then +2).

Dutch public holidays come from the maintained ``holidays`` package. Its Dutch calendar
lists Liberation Day (5 May) only in lustrum years in its default ``public`` category;
the ``optional`` category adds it every year, as the Algemene termijnenwet does, so
:class:`HolidayCalendar` asks for both. The list stays configurable: days equated with
holidays by decree (art. 3(3) Algemene termijnenwet, such as a Friday after Ascension
Day) are an optional setting, and any date can be added or removed.

Note: the Algemene termijnenwet itself does not name Good Friday; the ``holidays``
calendar (and the list in ``docs/register-rules.md``) does. It is kept by default and can
be dropped with ``HolidayCalendar(exclude_names=("Good Friday",))``.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from dateutil.easter import easter

from privacy_kb.vocabulary import OPEN_STATUSES

__all__ = ["HolidayCalendar", "DEFAULT_CALENDAR", "add_months", "nominal_due",
           "nominal_extended_due", "roll_forward", "due_dates", "can_extend",
           "is_overdue", "is_due_soon", "overdue_rule", "due_soon_rule",
           "DUE_SOON_DAYS", "GDPR_APPLIES_FROM"]

#: The GDPR applies from this day; no request can have arrived before it.
GDPR_APPLIES_FROM = dt.date(2018, 5, 25)


@dataclass(frozen=True)
class HolidayCalendar:
    """Which days, besides Saturdays and Sundays, end no period.

    Parameters
    ----------
    categories : tuple of str
        Categories of the ``holidays`` package's Dutch calendar to use. The default,
        ``("public", "optional")``, includes 5 May every year.
    equated_days : frozenset of datetime.date
        Days equated with public holidays by decree (art. 3(3) Algemene termijnenwet).
    friday_after_ascension : bool
        Treat every Friday after Ascension Day as such a day (a recurring decree).
    exclude_names : tuple of str
        English holiday names of the ``holidays`` package to leave out, e.g.
        ``("Good Friday",)``.

    Examples
    --------
    >>> cal = HolidayCalendar()
    >>> cal.is_holiday(dt.date(2026, 5, 5)), cal.is_holiday(dt.date(2026, 4, 3))
    (True, True)
    >>> cal.next_working_day(dt.date(2026, 2, 28))
    datetime.date(2026, 3, 2)
    """

    categories: tuple[str, ...] = ("public", "optional")
    equated_days: frozenset[dt.date] = field(default_factory=frozenset)
    friday_after_ascension: bool = False
    exclude_names: tuple[str, ...] = ()

    def holidays(self, year: int) -> frozenset[dt.date]:
        """All holidays of ``year`` under this calendar."""
        return _holidays_of(self, year)

    def is_holiday(self, day: dt.date) -> bool:
        """True when ``day`` is a holiday (weekends aside)."""
        return day in _holidays_of(self, day.year)

    def is_working_day(self, day: dt.date) -> bool:
        """True when ``day`` is neither a Saturday, a Sunday nor a holiday."""
        return day.weekday() < 5 and day not in _holidays_of(self, day.year)

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the first working day after."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day


@lru_cache(maxsize=512)
def _holidays_of(cal: HolidayCalendar, year: int) -> frozenset[dt.date]:
    import holidays  # imported here: the package is large and only dates need it

    found = holidays.country_holidays("NL", years=year, categories=cal.categories,
                                      language="en_US")
    days = {d for d, name in found.items()
            if not any(ex in name.split("; ") for ex in cal.exclude_names)}
    if cal.friday_after_ascension:
        days.add(easter(year) + dt.timedelta(days=40))
    days.update(d for d in cal.equated_days if d.year == year)
    return frozenset(days)


DEFAULT_CALENDAR = HolidayCalendar()


def add_months(day: dt.date, months: int) -> dt.date:
    """The same date ``months`` later; the month's last day where that date is missing.

    >>> add_months(dt.date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    >>> add_months(dt.date(2024, 11, 30), 3)
    datetime.date(2025, 2, 28)
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = _calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def nominal_due(received: dt.date) -> dt.date:
    """The one-month date, before rolling over weekends and holidays."""
    return add_months(received, 1)


def nominal_extended_due(received: dt.date) -> dt.date:
    """Receipt + 3 months (the extended date), before rolling."""
    return add_months(received, 3)


def roll_forward(day: dt.date, calendar: HolidayCalendar = DEFAULT_CALENDAR) -> dt.date:
    """``day``, or the next working day when ``day`` is a weekend day or holiday."""
    return calendar.next_working_day(day)


def due_dates(received: dt.date, extended: bool = False,
              calendar: HolidayCalendar = DEFAULT_CALENDAR) -> tuple[dt.date, dt.date]:
    """The nominal and the legal due date of a request received on ``received``.

    Parameters
    ----------
    received : datetime.date
        The Europe/Amsterdam calendar date the request arrived.
    extended : bool
        Whether the deadline was extended by two further months (Art. 12(3)).
    calendar : HolidayCalendar
        Holidays that end no period.

    Returns
    -------
    (datetime.date, datetime.date)
        ``(nominal, legal)``: the calendar date, and that date rolled to a working day.

    Examples
    --------
    >>> due_dates(dt.date(2026, 1, 31))
    (datetime.date(2026, 2, 28), datetime.date(2026, 3, 2))
    """
    nominal = nominal_extended_due(received) if extended else nominal_due(received)
    return nominal, roll_forward(nominal, calendar)


def can_extend(received: dt.date, today: dt.date,
               calendar: HolidayCalendar = DEFAULT_CALENDAR) -> bool:
    """True while the one-month (legal) deadline has not passed on ``today``."""
    return today <= due_dates(received, False, calendar)[1]


def overdue_rule(is_open, due, today):
    """The one definition of "overdue": open, and ``today`` past the legal due date.

    Written with operators only, so the same rule works on plain values (bools and
    dates), on pandas Series (``report.overview``) and on SQLAlchemy columns (the
    register's SQL filters): pass ``is_open`` as a bool, a boolean Series or a SQL
    condition, and ``today`` as a date (or a ``pandas.Timestamp`` for datetime
    columns).

    >>> overdue_rule(True, dt.date(2026, 3, 2), dt.date(2026, 3, 3))
    True
    """
    return is_open & (due < today)


def due_soon_rule(is_open, due_nominal, due, today, days: int = 7):
    """The one definition of "due soon": open, not overdue, and the nominal due date
    (the one to alert on) within ``days`` of ``today``. Works on plain values, pandas
    Series and SQLAlchemy columns alike (see :func:`overdue_rule`).

    >>> due_soon_rule(True, dt.date(2026, 2, 28), dt.date(2026, 3, 2), dt.date(2026, 2, 23))
    True
    """
    return is_open & (due >= today) & (due_nominal <= today + dt.timedelta(days=days))


#: Days ahead that count as "due soon" unless a caller says otherwise.
DUE_SOON_DAYS = 7


def is_overdue(due: dt.date, today: dt.date, *, status: str | None = None) -> bool:
    """:func:`overdue_rule` for one request (``status`` omitted: the caller has already
    kept open requests only).

    >>> is_overdue(dt.date(2026, 3, 2), dt.date(2026, 3, 3), status="in_progress")
    True
    >>> is_overdue(dt.date(2026, 3, 2), dt.date(2026, 3, 3), status="answered")
    False
    """
    return bool(overdue_rule(status is None or status in OPEN_STATUSES, due, today))


def is_due_soon(due_nominal: dt.date, due: dt.date, today: dt.date,
                days: int = DUE_SOON_DAYS, *, status: str | None = None) -> bool:
    """:func:`due_soon_rule` for one request."""
    return bool(due_soon_rule(status is None or status in OPEN_STATUSES, due_nominal,
                              due, today, days))
