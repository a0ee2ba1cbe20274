"""Letters that should have gone out (issue 11): acknowledgement within three working
days, extension notice within the first month. Pure; a day-by-day oracle checks the
working-day count."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from privacy_kb.letters.flags import (acknowledgement_due, extension_notice_due,
                                      letter_flags)
from privacy_kb.register.deadlines import DEFAULT_CALENDAR, HolidayCalendar

RECEIVED = dt.date(2026, 1, 30)          # Friday -> ack by Wed 4 Feb; one month: 2 March


def codes(request, sent, today):
    return [f.code for f in letter_flags(request, sent, today)]


def req(**extra):
    return {"id": "VZ-2026-0001", "received": RECEIVED, "status": "received",
            "extended": False, **extra}


def test_three_working_days_skip_weekends_and_holidays():
    assert acknowledgement_due(RECEIVED) == dt.date(2026, 2, 4)
    # Friday 24 April 2026; Monday 27 April is King's Day
    assert acknowledgement_due(dt.date(2026, 4, 24)) == dt.date(2026, 4, 30)
    # Thursday 2 April 2026: Good Friday 3 April and Easter Monday 6 April
    assert acknowledgement_due(dt.date(2026, 4, 2)) == dt.date(2026, 4, 9)
    # a calendar without Good Friday counts it
    assert acknowledgement_due(dt.date(2026, 4, 2),
                               HolidayCalendar(exclude_names=("Good Friday",))) \
        == dt.date(2026, 4, 8)


@given(st.dates(dt.date(2024, 1, 1), dt.date(2028, 12, 31)))
@example(dt.date(2026, 12, 24))
def test_acknowledgement_due_matches_a_day_by_day_count(received):
    due = acknowledgement_due(received)
    days = [received + dt.timedelta(days=i) for i in range(1, (due - received).days + 1)]
    working = [d for d in days if d.weekday() < 5 and not DEFAULT_CALENDAR.is_holiday(d)]
    assert len(working) == 3 and working[-1] == due


def test_an_open_request_not_acknowledged_in_time_is_flagged():
    assert codes(req(), {}, dt.date(2026, 2, 4)) == []
    assert codes(req(), {}, dt.date(2026, 2, 5)) == ["acknowledgement_late"]
    assert codes(req(), {"acknowledgement": dt.date(2026, 2, 4)}, dt.date(2026, 3, 1)) == []
    late = letter_flags(req(), {"acknowledgement": dt.date(2026, 2, 5)}, dt.date(2026, 3, 1))
    assert [f.code for f in late] == ["acknowledgement_late"]
    assert "2026-02-05" in late[0].text("nl") and "2026-02-04" in late[0].text("en")
    # a closed request that was never acknowledged is history, not a to-do
    assert codes(req(status="closed"), {}, dt.date(2026, 3, 1)) == []


def test_an_extension_shows_its_notice_until_sent_and_is_late_after_the_month():
    ext = req(extended=True)
    sent = {"acknowledgement": dt.date(2026, 2, 2)}
    assert extension_notice_due(RECEIVED) == dt.date(2026, 3, 2)
    assert codes(ext, sent, dt.date(2026, 2, 20)) == ["extension_notice_not_sent"]
    assert codes(ext, sent, dt.date(2026, 3, 2)) == ["extension_notice_not_sent"]
    assert codes(ext, sent, dt.date(2026, 3, 3)) == ["extension_notice_late"]
    on_time = {**sent, "extension_notice": dt.date(2026, 3, 2)}
    assert codes(ext, on_time, dt.date(2026, 4, 1)) == []
    too_late = {**sent, "extension_notice": dt.date(2026, 3, 3)}
    assert codes(ext, too_late, dt.date(2026, 4, 1)) == ["extension_notice_late"]
    assert codes(req(), sent, dt.date(2026, 4, 1)) == []            # not extended
