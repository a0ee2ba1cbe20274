"""The report widgets without a kernel: figures, chart, demo banner, exports, gaps."""

from __future__ import annotations

import base64
import datetime as dt
import re

from ui_helpers import XSS, add_request

from privacy_kb.gaps import GapLog
from privacy_kb.ui.report_view import ReportView, build_report


def test_report_on_a_real_register(register, tmp_path):
    add_request(register, name=XSS, received="2026-01-05")
    add_request(register, request_type="erasure", received="2026-03-02")
    view = ReportView(register, today=dt.date(2026, 3, 10), gaps=None)
    assert not view.demo and view.banner.value == ""
    assert "Verzoeken in totaal</td><td class=pd-num>2<" in view.overview.value
    assert "Te laat (open, na de wettelijke termijn)</td><td class=pd-num>1<" in \
        view.overview.value
    assert bytes(view.chart.value).startswith(b"\x89PNG")
    assert bytes(view.handling_chart.value).startswith(b"\x89PNG")
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


def test_demo_mode_is_marked(tmp_path):
    view = build_report(tmp_path / "none.sqlite3", today="2026-03-10", gaps=None,
                        demo_size=25)
    assert view.demo
    assert "DEMO-GEGEVENS / demo data" in view.banner.value
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
