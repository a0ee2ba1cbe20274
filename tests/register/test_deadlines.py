"""Deadlines per GDPR Art. 12(3) and Reg. 1182/71: examples from REGISTER_RULES.md,
Dutch holidays from the `holidays` package, and properties against a day-by-day
oracle."""

import calendar
import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from privacy_kb.register.deadlines import (DEFAULT_CALENDAR, HolidayCalendar, add_months,
                                           can_extend, due_dates, is_due_soon,
                                           is_overdue, nominal_due, roll_forward)

D = dt.date
FAST = settings(max_examples=150, deadline=None)
dates = st.dates(min_value=D(2018, 5, 25), max_value=D(2040, 12, 31))


# --- the examples of REGISTER_RULES.md ----------------------------------------------------

@pytest.mark.parametrize("received, nominal, legal", [
    (D(2026, 3, 31), D(2026, 4, 30), D(2026, 4, 30)),   # month end clamps (Thu)
    (D(2026, 8, 31), D(2026, 9, 30), D(2026, 9, 30)),   # month end clamps (Wed)
    (D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 2)),    # Sat 28 Feb -> Mon 2 Mar
    (D(2028, 1, 31), D(2028, 2, 29), D(2028, 2, 29)),   # leap year
    (D(2026, 1, 15), D(2026, 2, 15), D(2026, 2, 16)),   # 15 Feb 2026 is a Sunday
])
def test_rule_examples(received, nominal, legal):
    assert due_dates(received) == (nominal, legal)


def test_never_thirty_days():
    # 31 Jan + 30 days would be 2 Mar by accident; 1 Feb + 30 days is 3 Mar, not 1 Mar.
    assert nominal_due(D(2026, 2, 1)) == D(2026, 3, 1)


# --- Dutch public holidays ------------------------------------------------------------

@pytest.mark.parametrize("day, name", [
    (D(2026, 1, 1), "New Year"),
    (D(2026, 4, 3), "Good Friday"),
    (D(2026, 4, 6), "Easter Monday"),
    (D(2026, 4, 27), "King's Day"),
    (D(2026, 5, 5), "Liberation Day, not a lustrum year"),
    (D(2027, 5, 5), "Liberation Day, not a lustrum year"),
    (D(2025, 5, 5), "Liberation Day, lustrum year"),
    (D(2026, 5, 14), "Ascension Day"),
    (D(2026, 5, 25), "Whit Monday"),
    (D(2026, 12, 25), "Christmas"),
    (D(2026, 12, 26), "Boxing Day"),
    (D(2025, 4, 26), "King's Day moved to Saturday: 27 April 2025 is a Sunday"),
    (D(2031, 4, 26), "King's Day moved to Saturday: 27 April 2031 is a Sunday"),
])
def test_holidays_present(day, name):
    assert DEFAULT_CALENDAR.is_holiday(day), name
    assert not DEFAULT_CALENDAR.is_working_day(day)


def test_kings_day_on_sunday_is_not_kept_on_the_27th():
    assert D(2031, 4, 27).weekday() == 6
    assert not DEFAULT_CALENDAR.is_holiday(D(2031, 4, 27))


def test_ordinary_days_are_working_days():
    for day in (D(2026, 4, 2), D(2026, 4, 7), D(2026, 5, 6), D(2026, 5, 15),
                D(2026, 12, 24), D(2026, 12, 31)):
        assert DEFAULT_CALENDAR.is_working_day(day), day


def test_library_default_misses_5_may_in_non_lustrum_years():
    """Why the calendar asks for the `optional` category: guard against a silent
    change in the library's defaults."""
    holidays = pytest.importorskip("holidays")
    assert D(2026, 5, 5) not in holidays.country_holidays("NL", years=2026)
    assert D(2026, 5, 5) in holidays.country_holidays(
        "NL", years=2026, categories=("public", "optional"))


@pytest.mark.parametrize("received, legal", [
    (D(2026, 3, 3), D(2026, 4, 7)),    # 3 Apr Good Friday, Sat, Sun, Easter Monday
    (D(2026, 3, 6), D(2026, 4, 7)),    # 6 Apr Easter Monday -> Tuesday
    (D(2026, 4, 5), D(2026, 5, 6)),    # 5 May 2026 (Tuesday) -> Wednesday
    (D(2026, 3, 27), D(2026, 4, 28)),  # 27 Apr King's Day (Monday) -> Tuesday
    (D(2026, 4, 14), D(2026, 5, 15)),  # 14 May Ascension Day -> Friday
    (D(2026, 11, 25), D(2026, 12, 28)),  # Christmas Fri, Boxing Day Sat, Sun -> Mon
    (D(2026, 12, 1), D(2027, 1, 4)),   # 1 Jan 2027 (Fri) New Year -> Monday 4 Jan
])
def test_roll_over_holidays(received, legal):
    assert due_dates(received)[1] == legal


def test_friday_after_ascension_is_optional():
    plain = due_dates(D(2026, 4, 14))[1]
    decree = HolidayCalendar(friday_after_ascension=True)
    assert plain == D(2026, 5, 15)
    assert due_dates(D(2026, 4, 14), calendar=decree)[1] == D(2026, 5, 18)


def test_equated_days_and_exclusions_are_configurable():
    cal = HolidayCalendar(equated_days=frozenset({D(2026, 3, 4)}))
    assert due_dates(D(2026, 2, 4), calendar=cal) == (D(2026, 3, 4), D(2026, 3, 5))
    no_good_friday = HolidayCalendar(exclude_names=("Good Friday",))
    assert no_good_friday.is_working_day(D(2026, 4, 3))
    assert no_good_friday.is_holiday(D(2026, 4, 6))


# --- extension ------------------------------------------------------------------------

def test_extension_is_receipt_plus_three_months():
    # +1 then +2 would give 28 Feb -> 28 Apr; +3 gives 30 Apr.
    assert due_dates(D(2026, 1, 31), extended=True) == (D(2026, 4, 30), D(2026, 4, 30))
    # 31 Mar + 3 months = 30 Jun (Tue)
    assert due_dates(D(2026, 3, 31), extended=True) == (D(2026, 6, 30), D(2026, 6, 30))
    # 5 Feb + 3 months = 5 May (holiday) -> 6 May
    assert due_dates(D(2026, 2, 5), extended=True) == (D(2026, 5, 5), D(2026, 5, 6))


def test_can_extend_until_the_legal_one_month_date():
    received = D(2026, 1, 31)  # legal one-month date: Mon 2 Mar
    assert can_extend(received, D(2026, 3, 2))
    assert not can_extend(received, D(2026, 3, 3))


def test_overdue_and_due_soon():
    nominal, legal = D(2026, 2, 28), D(2026, 3, 2)
    assert not is_overdue(legal, D(2026, 3, 2))
    assert is_overdue(legal, D(2026, 3, 3))
    assert is_due_soon(nominal, legal, D(2026, 2, 21))
    assert not is_due_soon(nominal, legal, D(2026, 2, 20))
    assert is_due_soon(nominal, legal, D(2026, 3, 1))   # nominal passed, legal not yet
    assert not is_due_soon(nominal, legal, D(2026, 3, 3))  # overdue, not "soon"


# --- properties -------------------------------------------------------------------------

def oracle_add_months(day: dt.date, months: int) -> dt.date:
    """Walk forward day by day to the first day of the target month, then to the same
    day number or the month's last day."""
    target_month = (day.month - 1 + months) % 12 + 1
    cur = day
    seen_firsts = 0
    while True:
        cur += dt.timedelta(days=1)
        if cur.day == 1:
            seen_firsts += 1
            if seen_firsts == months:
                break
    assert cur.month == target_month
    while cur.day < day.day:
        nxt = cur + dt.timedelta(days=1)
        if nxt.month != cur.month:
            break
        cur = nxt
    return cur


def oracle_roll(day: dt.date, holidays: set[dt.date]) -> dt.date:
    while day.weekday() >= 5 or day in holidays:
        day += dt.timedelta(days=1)
    return day


@FAST
@given(dates, st.integers(min_value=1, max_value=3))
@example(D(2026, 1, 31), 1)
@example(D(2024, 1, 31), 1)    # leap February
@example(D(2026, 11, 30), 3)   # -> 28 Feb
@example(D(2026, 12, 31), 1)   # year boundary
def test_add_months_matches_day_by_day_oracle(day, months):
    assert add_months(day, months) == oracle_add_months(day, months)


@FAST
@given(dates)
@example(D(2026, 1, 31))
@example(D(2026, 3, 3))     # Easter
@example(D(2031, 3, 26))    # King's Day on a Sunday in 2031
@example(D(2038, 3, 23))    # Good Friday, weekend, Easter Monday, King's Day in a row
def test_legal_due_date_properties(received):
    nominal, legal = due_dates(received)
    assert nominal > received
    assert legal >= nominal
    # at most Good Friday, a weekend, Easter Monday and King's Day (2038: 23-27 April)
    assert (legal - nominal).days <= 5
    assert DEFAULT_CALENDAR.is_working_day(legal)
    # every day between nominal and legal (exclusive) is a non-working day
    d = nominal
    while d < legal:
        assert not DEFAULT_CALENDAR.is_working_day(d)
        d += dt.timedelta(days=1)
    hol = set(DEFAULT_CALENDAR.holidays(nominal.year)) | set(
        DEFAULT_CALENDAR.holidays(nominal.year + 1))
    assert legal == oracle_roll(nominal, hol)
    # month-end clamp: the nominal day is the received day or the month's last day
    last = calendar.monthrange(nominal.year, nominal.month)[1]
    assert nominal.day == min(received.day, last)


@FAST
@given(dates)
def test_extended_is_three_months_from_receipt(received):
    nominal, legal = due_dates(received, extended=True)
    assert nominal == add_months(received, 3)
    assert legal == roll_forward(nominal)
    assert legal >= due_dates(received)[1]


@FAST
@given(dates, dates)
def test_deadlines_are_monotone(a, b):
    if a <= b:
        assert due_dates(a)[0] <= due_dates(b)[0]
        assert due_dates(a)[1] <= due_dates(b)[1]


# --- one "overdue" rule -----------------------------------------------------------------

def test_overdue_rule_takes_the_status_into_account():
    due = D(2026, 3, 2)
    for status in ("received", "identity_check", "in_progress"):
        assert is_overdue(due, D(2026, 3, 3), status=status)
        assert not is_overdue(due, D(2026, 3, 2), status=status)
    for status in ("answered", "closed", "withdrawn", ""):
        assert not is_overdue(due, D(2026, 3, 3), status=status)
    assert is_overdue(due, D(2026, 3, 3))   # no status: the caller kept open ones


STATUS_PATHS = {"received": (), "identity_check": ("identity_check",),
                "in_progress": ("in_progress",), "answered": ("answered",),
                "closed": ("answered", "closed"), "withdrawn": ("withdrawn",)}


def test_every_overdue_check_agrees_with_the_rule(register):
    """Request.is_overdue, the UI's is_overdue and the SQL filter (frame/overdue) give
    what deadlines.is_overdue says, for every status around the due date."""
    from privacy_kb.ui.render import is_overdue as ui_is_overdue

    reqs = []
    for status, path in STATUS_PATHS.items():
        req = register.add(request_type="access", name="Jan", email="jan@example.nl",
                           channel="email", received="2026-01-31")
        if "answered" in path:
            register.decide(req.id, outcome="granted", on="2026-02-10")
        for step in path:
            register.set_status(req.id, step)
        reqs.append(register.get(req.id))
    assert {r.status for r in reqs} == set(STATUS_PATHS)
    for today in (D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 3), D(2026, 6, 1)):
        sql = set(register.frame(overdue=True, today=today)["id"])
        assert set(register.overdue(today=today)["id"]) == sql
        for req in reqs:
            expected = is_overdue(req.due, today, status=req.status)
            assert req.is_overdue(today) == expected, (req.status, today)
            assert ui_is_overdue(req, today) == expected, (req.status, today)
            assert (req.id in sql) == expected, (req.status, today)
