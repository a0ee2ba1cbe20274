"""One definition of the desk's time zone and of "today in Amsterdam"."""

import datetime as dt
import pathlib

import privacy_kb
from privacy_kb import clock


def test_today_is_the_amsterdam_calendar_date():
    assert clock.AMSTERDAM.key == clock.TZ_NAME == "Europe/Amsterdam"
    now = clock.now_amsterdam()
    assert now.utcoffset() in (dt.timedelta(hours=1), dt.timedelta(hours=2))
    assert clock.today_amsterdam() in (now.date(), now.date() + dt.timedelta(days=1))


def test_every_module_uses_the_one_definition():
    from privacy_kb import gaps
    from privacy_kb.register import export, frames, store, validation
    from privacy_kb.ui import logic, render

    for module in (validation, store, export, render):
        assert module.AMSTERDAM is clock.AMSTERDAM, module.__name__
    assert logic.today_amsterdam is clock.today_amsterdam
    assert gaps.GapLog("unused.jsonl")._clock is clock.today_amsterdam
    assert frames.MOMENT_DTYPE == f"datetime64[us, {clock.TZ_NAME}]"


def test_no_other_module_defines_the_time_zone():
    root = pathlib.Path(privacy_kb.__file__).parent
    found = [str(p.relative_to(root)) for p in root.rglob("*.py")
             if p.name != "clock.py" and ("ZoneInfo(" in p.read_text(encoding="utf-8")
                                          or '"Europe/Amsterdam"' in p.read_text(
                                              encoding="utf-8"))]
    assert found == []


def test_register_today_without_a_test_clock_is_amsterdam_today(tmp_path):
    reg = privacy_kb.open_register(tmp_path / "r.sqlite3")
    try:
        assert reg.now().tzinfo is clock.AMSTERDAM
        assert reg.today() in (clock.today_amsterdam(),
                               clock.today_amsterdam() - dt.timedelta(days=1))
    finally:
        reg.close()
