"""The report widgets without a kernel: figures, chart, demo banner, exports, gaps."""

from __future__ import annotations

import base64
import datetime as dt
import html
import re

import matplotlib
import pandas as pd
from ui_helpers import XSS, add_request

from privacy_kb import report
from privacy_kb.gaps import GapLog
from privacy_kb.report import Rate
from privacy_kb.ui.report_view import (ReportView, alt_handling_days, alt_per_type_month,
                                       build_report, rate_basis)

matplotlib.use("Agg")


def test_report_on_a_real_register(register, tmp_path):
    add_request(register, name=XSS, received="2026-01-05")
    add_request(register, request_type="erasure", received="2026-03-02")
    view = ReportView(register, today=dt.date(2026, 3, 10), gaps=None)
    assert not view.demo and view.banner.value == ""
    assert "Verzoeken in totaal</td><td class=pd-num>2<" in view.overview.value
    assert "Te laat (open, na de wettelijke termijn)</td><td class=pd-num>1<" in \
        view.overview.value
    assert view.chart_png.startswith(b"\x89PNG")
    assert view.handling_png.startswith(b"\x89PNG")
    assert "Geen verlengingen" in view.extensions_html.value
    assert "staat uit" in view.gaps_html.value
    assert XSS not in "".join(w.value for w in (view.overview, view.extensions_html,
                                                view.refusals_html, view.table_html))


def test_export_buttons_offer_csv_downloads(register):
    add_request(register, name="=HYPERLINK(\"x\")", received="2026-03-02")
    view = ReportView(register, today=dt.date(2026, 3, 10), gaps=None)
    assert len(view.export_buttons) == 3
    view.export_buttons[0].click()
    link = view.export_links.value
    assert 'download="verzoeken.csv"' in link
    data = base64.b64decode(re.search(r"base64,([^\"]+)", link).group(1))
    assert data.startswith(b"\xef\xbb\xbf")                    # excel-nl: BOM and ';'
    assert b"'=HYPERLINK" in data                               # formula neutralised
    pseudo = view.export("excel-nl", "pseudonymised", "p.csv", "p")
    assert b"HYPERLINK" not in pseudo and b"jan@example.nl" not in pseudo
    plain = view.export("plain", "standard", "q.csv", "q")
    assert not plain.startswith(b"\xef\xbb\xbf") and b"," in plain.splitlines()[0]


def test_excel_exports_speak_the_reports_language(register):
    """The report's "CSV voor Excel" files are for people, like the register tab's
    "Excel (NL)": headers and coded values in the report's language, not field names
    and codes beside "ja"/"nee" (issue 16); the plain CSV keeps them for tools."""
    add_request(register, request_type="erasure", received="2026-03-02")
    view = ReportView(register, today=dt.date(2026, 3, 10), gaps=None)

    def header_and_row(data: bytes, delimiter=";"):
        lines = data.decode("utf-8-sig").splitlines()
        return lines[0].split(delimiter), lines[1].split(delimiter)

    header, row = header_and_row(view.export("excel-nl", "standard", "v.csv", "v"))
    assert header[:2] == ["Nummer", "Soort verzoek"] and "Verwijdering (art. 17)" in row
    header, _ = header_and_row(view.export("excel-nl", "pseudonymised", "p.csv", "p"))
    assert header[:2] == ["Pseudoniem", "Soort verzoek"]
    view.set_lang("en")
    header, row = header_and_row(view.export("excel-nl", "standard", "v.csv", "v"))
    assert header[:2] == ["Number", "Request type"] and "Erasure (Art. 17)" in row
    header, row = header_and_row(view.export("plain", "standard", "q.csv", "q"), ",")
    assert header[:2] == ["id", "request_type"] and "erasure" in row


def test_demo_mode_is_marked(tmp_path):
    view = build_report(tmp_path / "none.sqlite3", today="2026-03-10", gaps=None,
                        demo_size=25)
    assert view.demo
    assert "DEMO-GEGEVENS" in view.banner.value
    assert "Verzoeken in totaal</td><td class=pd-num>25<" in view.overview.value
    assert not (tmp_path / "none.sqlite3").exists()
    view.export_buttons[1].click()
    assert "demo-verzoeken-gepseudonimiseerd.csv" in view.export_links.value
    assert "DEMO-GEGEVENS" in view.export_links.value


def test_gap_groups_are_shown_escaped(register, tmp_path):
    log = GapLog(tmp_path / "g.jsonl")
    for q in ["Mag mijn hond mee naar kantoor?", "mag mijn hond mee naar het kantoor",
              f"Wat is {XSS}?"]:
        log.append(question=q, lang="nl", score=10, answered=False, faq_id=None)
    view = ReportView(register, today=dt.date(2026, 3, 10), gaps=log)
    html = view.gaps_html.value
    assert "<td class=pd-num>2</td><td>Mag mijn hond mee naar kantoor?</td>" in html
    assert XSS not in html and "&lt;img" in html


def test_broken_register_shows_a_message(register):
    class Broken:
        def frame(self):
            raise RuntimeError("boom")

        def today(self):
            return dt.date(2026, 3, 10)

    view = ReportView(Broken(), gaps=None)
    assert "kon niet worden gemaakt" in view.overview.value
    assert "boom" not in view.overview.value


def _img(widget_html: str) -> dict[str, str]:
    """The attributes of the one <img> in a chart widget, unescaped."""
    tags = re.findall(r"<img\s[^>]*>", widget_html)
    assert len(tags) == 1
    return {k: html.unescape(v) for k, v in re.findall(r'(\w+)="([^"]*)"', tags[0])}


def test_each_rate_says_what_it_counts_over():
    assert rate_basis(Rate(1, 3), 1) == ("1 van de 3 verzoeken die zijn afgehandeld of "
                                         "waarvan de maand al om is")
    assert rate_basis(Rate(1, 1), 3) == ("1 van de 1 verzoeken die zijn afgehandeld of "
                                         "waarvan de drie maanden al om zijn")
    assert rate_basis(Rate(0, 0), 1, "en") == ("0 of the 0 requests that are completed or "
                                               "whose month has passed")


def test_the_overview_explains_the_different_denominators(register):
    # one answered today (after a month, within three); one open past its month
    # (late) but not past three: counted in the one-month rate only
    done = add_request(register, received="2026-01-05")
    register.decide(done.id, outcome="granted")
    register.set_status(done.id, "answered", by="t")
    add_request(register, received="2026-01-20")
    view = ReportView(register, today=dt.date(2026, 3, 10), gaps=None)
    one = report.answered_within(register.frame(), view.today, 1)
    three = report.answered_within(register.frame(), view.today, 3)
    assert (one.numerator, one.denominator, three.numerator, three.denominator) == \
        (0, 2, 1, 1)                                          # the case the issue names
    value = html.unescape(view.overview.value)
    assert ("Beantwoord binnen één maand</td><td class=pd-num>0%</td><td>0 van de 2 "
            "verzoeken die zijn afgehandeld of waarvan de maand al om is</td>") in value
    assert ("Beantwoord binnen drie maanden</td><td class=pd-num>100%</td><td>1 van de 1 "
            "verzoeken die zijn afgehandeld of waarvan de drie maanden al om zijn</td>") \
        in value
    assert "<th>Geteld over</th>" in value
    assert "tellen over verschillende aantallen" in value


def test_the_whole_report_switches_to_english_and_back(register):
    add_request(register, request_type="erasure", received="2026-01-05")
    view = ReportView(register, today=dt.date(2026, 3, 10), gaps=None)
    assert "Rapportage verzoekenregister" in view.title.value
    view.lang_switch.value = "en"
    assert view.lang == "en"
    assert "Request register report" in view.title.value
    assert "Requests in total</td><td class=pd-num>1<" in view.overview.value
    assert "Reference date: Tue 10 March 2026" in view.overview.value
    assert "Answered within one month" in view.overview.value
    assert [b.description for b in view.export_buttons][0] == "CSV for Excel (standard)"
    assert "<h3>Handling time</h3>" in [h.value for h in view.headings.values()]
    assert "Erasure" in view.table_html.value and "January 2026" in view.table_html.value
    assert "Keeping unanswered questions is switched off" in view.gaps_html.value
    assert _img(view.chart.value)["alt"].startswith("Stacked bar chart")
    dutch = "".join(w.value for w in (view.overview, view.table_html, view.extensions_html,
                                      view.refusals_html, view.gaps_html, view.chart))
    for word in ("Verzoeken", "Beantwoord", "Peildatum", "Verwijdering", "Grafiek"):
        assert word not in dutch, word
    view.set_lang("nl")
    assert view.lang_switch.value == "nl"
    assert "Verzoeken in totaal</td><td class=pd-num>1<" in view.overview.value
    assert build_report(register, today="2026-03-10", gaps=None, lang="en").lang == "en"


def test_charts_are_images_with_alt_text_saying_what_they_show(register):
    for day in ("2026-01-05", "2026-01-07", "2026-02-02"):
        add_request(register, received=day)
    add_request(register, request_type="erasure", received="2026-02-03")
    view = ReportView(register, today=dt.date(2026, 3, 10), gaps=None)
    chart = _img(view.chart.value)
    assert "pd-report-chart" in chart["class"].split()
    assert base64.b64decode(chart["src"].split(",", 1)[1]) == view.chart_png
    assert chart["alt"] == ("Gestapelde staafgrafiek van het aantal ontvangen verzoeken per "
                            "maand, van januari 2026 tot en met februari 2026, per type: "
                            "Inzage 3, Verwijdering 1. In totaal 4 verzoeken.")
    handling = _img(view.handling_chart.value)
    assert handling["alt"].startswith("Histogram van de behandelduur")
    assert base64.b64decode(handling["src"].split(",", 1)[1]) == view.handling_png


def test_handling_alt_text_counts_and_summarises():
    days = pd.Series([10, 15, 54])
    assert alt_handling_days(days) == (
        "Histogram van de behandelduur van 3 afgehandelde verzoeken, in dagen van "
        "ontvangst tot afhandeling: mediaan 15 dagen, kortste 10, langste 54; 2 binnen "
        "31 dagen. Stippellijnen bij 1 en 3 maanden.")
    assert "median 15 days" in alt_handling_days(days, "en")
    assert alt_handling_days(pd.Series([], dtype="int64"), "en") == \
        "Histogram of the handling time: no completed requests yet."
    assert alt_per_type_month(pd.DataFrame(columns=["access"]), "nl") == \
        "Grafiek zonder verzoeken: het register is leeg."


def test_demo_charts_are_marked_on_the_chart_and_in_the_alt_text(tmp_path):
    view = build_report(tmp_path / "none.sqlite3", today="2026-03-10", gaps=None,
                        demo_size=25)
    for widget in (view.chart, view.handling_chart):
        assert _img(widget.value)["alt"].startswith("DEMO-GEGEVENS, verzonnen verzoeken.")
    frame = view.register.frame()
    for fig in (report.chart_per_type_month(report.per_type_per_month(frame), demo=True),
                report.chart_handling_days(report.handling_days(frame), demo=True)):
        assert fig.axes[0].get_title().endswith("— DEMO-GEGEVENS")
        assert [t.get_text() for t in fig.texts] == ["DEMO-GEGEVENS"]   # across the chart
    english = report.chart_handling_days(report.handling_days(frame), lang="en", demo=True)
    assert english.axes[0].get_title() == "Handling time — DEMO DATA"
    plain = report.chart_handling_days(report.handling_days(frame))
    assert plain.texts == [] and "DEMO" not in plain.axes[0].get_title()


def test_the_handling_time_chart_counts_whole_requests():
    fig = report.chart_handling_days(pd.Series([3, 40]))      # one request per bar
    report.figure_png(fig)                                    # draw: ticks are final
    ticks = [t for t in fig.axes[0].get_yticks() if 0 <= t <= fig.axes[0].get_ylim()[1]]
    assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks)


def test_charts_in_english():
    table = pd.DataFrame({"access": [2, 1], "erasure": [0, 1]}, index=["2026-02", "2026-03"])
    ax = report.chart_per_type_month(table, lang="en").axes[0]
    assert ax.get_title() == "Requests per type per month"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("Month of receipt", "Number of requests")
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Access", "Erasure"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Feb 26", "Mar 26"]


def test_an_unreadable_register_is_reported_never_shown_as_empty_or_demo(monkeypatch):
    class Unreadable(Exception):                         # shaped like the desk's errors
        def message(self, lang="nl"):
            return "The server does not answer." if lang == "en" else \
                "De server antwoordt niet."

    def fail(*_args, **_kwargs):
        raise Unreadable("postgresql://desk:***@db/desk")

    def boom(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(report, "open_report_register", fail)
    view = build_report("postgresql://desk@db/desk", today="2026-03-10", gaps=None)
    assert view.register is None and not view.demo and view.banner.value == ""
    assert "kan niet worden gelezen" in view.overview.value
    assert "De server antwoordt niet." in view.overview.value
    assert "Verzoeken in totaal" not in view.overview.value
    assert view.chart.value == "" and view.chart_png == b""
    assert all(b.disabled for b in view.export_buttons)
    view.lang_switch.value = "en"
    assert "The server does not answer." in view.overview.value
    monkeypatch.setattr(report, "open_report_register", boom)
    plain = build_report(None, gaps=None)                 # no message of its own
    assert "kan niet worden gelezen" in plain.overview.value
    assert "boom" not in plain.overview.value


def test_a_damaged_register_file_shows_the_stores_own_message(tmp_path):
    damaged = tmp_path / "register.sqlite3"
    damaged.write_bytes(b"not a database, just text\n" * 200)
    view = build_report(damaged, today="2026-03-10", gaps=None)
    assert view.register is None and not view.demo
    assert "kan niet worden gelezen" in view.overview.value
    assert "beschadigd of geen database" in view.overview.value       # StoreError, nl
    view.set_lang("en")
    assert "damaged or not a database" in view.overview.value
    assert damaged.read_bytes().startswith(b"not a database")         # left as it was
