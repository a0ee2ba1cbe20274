"""Report figures against a register with known contents: exact counts and rates."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import matplotlib
import pytest

matplotlib.use("Agg")

from privacy_kb import open_register  # noqa: E402
from privacy_kb import report  # noqa: E402

AMS = ZoneInfo("Europe/Amsterdam")
TODAY = dt.date(2026, 3, 10)


class Clock:
    def __init__(self):
        self.now = dt.datetime(2026, 3, 10, 10, 0, tzinfo=AMS)

    def at(self, day: str, hour: int = 11):
        self.now = dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=AMS)

    def __call__(self):
        return self.now


def _add(reg, request_type, received, name="Jan Jansen"):
    return reg.add(request_type=request_type, name=name, email="jan@example.nl",
                   channel="email", received=received, description="test")


@pytest.fixture(scope="module")
def known(tmp_path_factory):
    """Seven requests whose figures are known by hand (today = 2026-03-10):

    A access    rec 01-05, granted, answered 01-20        (15 days)
    B erasure   rec 01-10, extended 01-20, answered 03-05 (54 days)
    C access    rec 02-02, refused, answered 02-12        (10 days)
    D objection rec 01-15, in progress: overdue (due Mon 02-16)
    E rectif.   rec 02-12, received: due soon (due 03-12)
    F complaint rec 02-20, withdrawn
    G portab.   rec 03-09, received
    """
    clock = Clock()
    reg = open_register(tmp_path_factory.mktemp("report") / "r.sqlite3", clock=clock,
                        by="tester")
    clock.at("2026-03-10")
    a = _add(reg, "access", "2026-01-05")
    b = _add(reg, "erasure", "2026-01-10")
    c = _add(reg, "access", "2026-02-02", name="<b>Piet</b>")
    d = _add(reg, "objection", "2026-01-15")
    _add(reg, "rectification", "2026-02-12")
    f = _add(reg, "complaint", "2026-02-20")
    _add(reg, "portability", "2026-03-09")
    # the lifecycle, each step on its own day
    clock.at("2026-01-20")
    reg.set_status(a.id, "in_progress")
    reg.decide(a.id, outcome="granted", on="2026-01-20")
    reg.set_status(a.id, "answered")
    reg.set_status(b.id, "in_progress")
    reg.extend(b.id, reason="complexity", justification="Veel systemen.", today="2026-01-20")
    clock.at("2026-02-12")
    reg.set_status(c.id, "in_progress")
    reg.decide(c.id, outcome="refused", ground="Art. 12(5) AVG: kennelijk ongegrond",
               reasons="Zie brief.", told_about_complaint=True, on="2026-02-12")
    reg.set_status(c.id, "answered")
    reg.set_status(d.id, "in_progress")
    clock.at("2026-02-25")
    reg.set_status(f.id, "withdrawn")
    clock.at("2026-03-05")
    reg.decide(b.id, outcome="granted", on="2026-03-05")
    reg.set_status(b.id, "answered")
    clock.at("2026-03-10")
    yield reg
    reg.close()


@pytest.fixture(scope="module")
def frame(known):
    return known.frame()


def test_overview_counts(frame, known):
    ov = report.overview(frame, TODAY)
    assert ov.to_dict() == {"total": 7, "open": 3, "overdue": 1, "due_soon": 1,
                            "withdrawn": 1}
    # the same rules as the register's own views
    assert ov.overdue == len(known.overdue(TODAY))
    assert ov.due_soon == len(known.due_soon(TODAY))


def test_per_type_per_month(frame):
    table = report.per_type_per_month(frame)
    assert list(table.index) == ["2026-01", "2026-02", "2026-03"]
    assert list(table.columns) == ["access", "rectification", "erasure", "restriction",
                                   "portability", "objection", "complaint"]
    assert table.loc["2026-01"].to_dict() == {
        "access": 1, "rectification": 0, "erasure": 1, "restriction": 0,
        "portability": 0, "objection": 1, "complaint": 0}
    assert table.loc["2026-02"].to_dict() == {
        "access": 1, "rectification": 1, "erasure": 0, "restriction": 0,
        "portability": 0, "objection": 0, "complaint": 1}
    assert table.loc["2026-03", "portability"] == 1
    assert int(table.to_numpy().sum()) == 7


def test_per_type_per_month_fills_empty_months(frame):
    table = report.per_type_per_month(frame, start="2025-11-01", end="2026-04-30")
    assert list(table.index) == ["2025-11", "2025-12", "2026-01", "2026-02", "2026-03",
                                 "2026-04"]
    assert int(table.loc["2025-12"].sum()) == 0


def test_answered_within_one_and_three_months(frame):
    # counted: A, B, C (completed) and D (open past its one-month date); on time: A, C
    one = report.answered_within(frame, TODAY, 1)
    assert (one.numerator, one.denominator) == (2, 4)
    assert one.share == 0.5
    # D's three months have not passed: counted A, B, C, all on time
    three = report.answered_within(frame, TODAY, 3)
    assert (three.numerator, three.denominator) == (3, 3)


def test_handling_time(frame, known):
    days = report.handling_days(frame)
    ids = {r.id: r.request_type for r in (known.get(i) for i in known.ids())}
    assert sorted(days.tolist()) == [10, 15, 54]
    assert set(days.index) <= set(ids)
    assert report.median_handling_days(frame) == 15.0


def test_extensions_and_refusals(frame):
    ext = report.extensions(frame)
    assert len(ext) == 1
    assert ext.loc[0, "request_type"] == "erasure"
    assert report.counts_by(ext, "extension_reason") == {"complexity": 1}
    ref = report.refusals(frame)
    assert len(ref) == 1
    assert report.counts_by(ref, "decision") == {"refused": 1}
    assert report.counts_by(ref, "decision_ground") == {
        "Art. 12(5) AVG: kennelijk ongegrond": 1}


def test_empty_register_gives_zeros_not_errors(tmp_path):
    reg = open_register(tmp_path / "empty.sqlite3")
    frame = reg.frame()
    assert report.overview(frame, TODAY).total == 0
    assert report.answered_within(frame, TODAY).share is None
    assert report.median_handling_days(frame) is None
    assert report.per_type_per_month(frame).empty
    assert len(report.extensions(frame)) == 0 and len(report.refusals(frame)) == 0
    reg.close()


def test_chart_is_a_labelled_png(frame):
    fig = report.chart_per_type_month(report.per_type_per_month(frame))
    ax = fig.axes[0]
    assert ax.get_title() == "Verzoeken per type per maand"
    assert ax.get_xlabel() == "Maand van ontvangst"
    assert ax.get_ylabel() == "Aantal verzoeken"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Inzage", "Rectificatie", "Verwijdering", "Overdraagbaarheid",
                      "Bezwaar", "Klacht"]        # types with requests only
    assert [t.get_text() for t in ax.get_xticklabels()] == ["jan 26", "feb 26", "mrt 26"]
    png = report.figure_png(fig)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000
    hist = report.chart_handling_days(report.handling_days(frame))
    assert hist.axes[0].get_xlabel() == "Dagen van ontvangst tot afhandeling"
    assert report.figure_png(hist).startswith(b"\x89PNG")


def test_report_register_uses_demo_data_only_when_empty(tmp_path, known):
    reg, demo = report.open_report_register(known)
    assert reg is known and demo is False
    missing = tmp_path / "nothing-here.sqlite3"
    reg, demo = report.open_report_register(missing, demo_size=30, today="2026-03-10")
    assert demo is True and len(reg) == 30
    assert not missing.exists()                        # the user's store is not created
    assert str(tmp_path) not in reg.url                # a temporary register elsewhere
    empty = open_register(tmp_path / "empty.sqlite3")
    reg, demo = report.open_report_register(tmp_path / "empty.sqlite3", demo_size=5)
    assert demo is True and len(empty) == 0            # the empty register stays empty
    empty.close()


def test_report_register_raises_failures_instead_of_showing_demo_data(tmp_path):
    """An unreadable register is an error, never an empty or DEMO report (issue 14)."""
    import socket
    import sqlite3

    from privacy_kb.errors import StoreError

    corrupt = tmp_path / "kapot.sqlite3"
    corrupt.write_bytes(b"geen database " * 400)
    foreign = tmp_path / "andere.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE klanten (id INTEGER)")
    conn.commit()
    conn.close()
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    unreachable = f"postgresql+psycopg://desk:Geheim@127.0.0.1:{port}/pd"
    for db, code in ((corrupt, "corrupt"), (foreign, "not_a_register"),
                     (unreachable, "unreachable"), ("mysql://x@h/db", "unknown_driver")):
        with pytest.raises(StoreError) as info:
            report.open_report_register(db, demo_size=5)
        assert info.value.code == code
        assert "Geheim" not in str(info.value)
