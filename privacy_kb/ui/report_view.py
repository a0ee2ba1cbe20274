"""The register report: overview, charts, rates, extensions, refusals, exports, and
the questions the desk could not answer.

Thin widgets over :mod:`privacy_kb.report` (figures and charts) and
:mod:`privacy_kb.gaps`. Charts are PNG bytes in an ``ipywidgets.Image``, so they render
in JupyterLab and Voila alike. Every text in HTML goes through
:func:`privacy_kb.ui.render.esc`.

>>> from privacy_kb.ui.report_view import build_report       # doctest: +SKIP
>>> build_report()                                           # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
import tempfile

import ipywidgets as widgets

from privacy_kb import report
from privacy_kb.ui.render import CSS, csv_download_link, esc, format_date, render_errors

log = logging.getLogger(__name__)

DECISIONS_NL = {"refused": "Afgewezen", "partly": "Deels toegewezen",
                "granted": "Toegewezen"}
REASONS_NL = {"complexity": "Complexiteit", "number_of_requests": "Aantal verzoeken"}
#: The CSV profiles offered: (profile, columns, button label, file name).
EXPORTS = (
    ("excel-nl", "standard", "CSV voor Excel (standaard)", "verzoeken.csv"),
    ("excel-nl", "pseudonymised", "CSV voor Excel (gepseudonimiseerd)",
     "verzoeken-gepseudonimiseerd.csv"),
    ("plain", "standard", "CSV (komma, UTF-8)", "verzoeken-plain.csv"),
)

REPORT_CSS = """<style>
.pd-demo-banner { background: #fff4ce; border: 2px dashed #c88800; color: #5c4400;
                  padding: 0.5em 0.8em; font-weight: 600; margin: 0.3em 0; }
.pd-figures { border-collapse: collapse; margin: 0.3em 0; }
.pd-figures th, .pd-figures td { border-bottom: 1px solid #ddd; padding: 0.25em 0.8em;
                                 text-align: left; }
.pd-figures td.pd-num { text-align: right; font-variant-numeric: tabular-nums; }
</style>"""


def _table(headers: list[str], rows: list[list], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td{' class=pd-num' if i in numeric else ''}>{esc(v)}</td>"
                         for i, v in enumerate(row)) + "</tr>" for row in rows)
    return f"<table class='pd-figures'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_overview(ov, within1, within3, median) -> str:
    """The key figures as a small table (Dutch)."""
    rows = [["Verzoeken in totaal", ov.total], ["Open", ov.open],
            ["Te laat (open, na de wettelijke termijn)", ov.overdue],
            ["Binnenkort te beantwoorden (binnen 7 dagen)", ov.due_soon],
            ["Ingetrokken", ov.withdrawn],
            ["Beantwoord binnen één maand",
             f"{within1.percent()} ({within1.numerator} van {within1.denominator})"],
            ["Beantwoord binnen drie maanden",
             f"{within3.percent()} ({within3.numerator} van {within3.denominator})"],
            ["Mediane behandelduur",
             "—" if median is None else f"{median:g} dagen".replace(".", ",")]]
    return _table(["Kengetal", "Waarde"], rows, numeric={1})


def render_extensions(frame) -> str:
    ext = report.extensions(frame)
    if len(ext) == 0:
        return "<div class='pd-note'>Geen verlengingen.</div>"
    reasons = report.counts_by(ext, "extension_reason")
    summary = ", ".join(f"{REASONS_NL.get(k, k)}: {v}" for k, v in reasons.items())
    rows = [[r["id"], report.TYPE_LABELS_NL.get(str(r["request_type"]), r["request_type"]),
             format_date(r["received"]), REASONS_NL.get(str(r["extension_reason"]),
                                                        r["extension_reason"]),
             r["extension_justification"]] for r in ext.to_dict("records")]
    return (f"<p>{esc(len(ext))} verlengd — {esc(summary)}</p>"
            + _table(["Nummer", "Type", "Ontvangen", "Reden", "Motivering"], rows))


def render_refusals(frame) -> str:
    ref = report.refusals(frame)
    if len(ref) == 0:
        return "<div class='pd-note'>Geen afwijzingen of gedeeltelijke toewijzingen.</div>"
    decisions = report.counts_by(ref, "decision")
    grounds = report.counts_by(ref, "decision_ground")
    summary = ", ".join(f"{DECISIONS_NL.get(k, k)}: {v}" for k, v in decisions.items())
    rows = [[g, n] for g, n in grounds.items()]
    return (f"<p>{esc(summary)}</p>"
            + _table(["Grond", "Aantal"], rows, numeric={1}))


def render_gaps(groups) -> str:
    """The most frequent unanswered questions, grouped (escaped: they are user text)."""
    if not groups:
        return ("<div class='pd-note'>Nog geen onbeantwoorde vragen vastgelegd.</div>")
    rows = [[g.count, g.representative,
             "; ".join(q for q in g.questions[1:4]) + (" …" if len(g.questions) > 4 else ""),
             ", ".join(g.langs)] for g in groups]
    return _table(["Aantal", "Vraag", "Ook gesteld als", "Taal"], rows, numeric={0})


class ReportView(widgets.VBox):
    """The whole report for one register on one day.

    Attributes: ``register``, ``demo`` (bool), ``today``, ``banner``, ``overview``,
    ``chart`` and ``handling_chart`` (``Image``), ``extensions_html``,
    ``refusals_html``, ``export_buttons``, ``export_links``, ``gaps_html``.
    """

    def __init__(self, register, *, demo: bool = False, today=None, gaps=None,
                 top_gaps: int = 10):
        super().__init__()
        self.add_class("pd-app")
        self.add_class("pd-report")
        self.register, self.demo, self.gaps, self.top_gaps = register, demo, gaps, top_gaps
        self.today = today or register.today()
        self.banner = widgets.HTML()
        self.banner.add_class("pd-demo-banner-box")
        self.overview = widgets.HTML()
        self.overview.add_class("pd-report-overview")
        self.chart = widgets.Image(format="png", layout=widgets.Layout(max_width="900px"))
        self.chart.add_class("pd-report-chart")
        self.handling_chart = widgets.Image(format="png",
                                            layout=widgets.Layout(max_width="600px"))
        self.handling_chart.add_class("pd-report-handling")
        self.table_html = widgets.HTML()
        self.extensions_html = widgets.HTML()
        self.refusals_html = widgets.HTML()
        self.gaps_html = widgets.HTML()
        self.gaps_html.add_class("pd-report-gaps")
        self.export_links = widgets.HTML()
        self.export_links.add_class("pd-report-export-links")
        self.export_buttons = []
        for profile, columns, label, filename in EXPORTS:
            button = widgets.Button(description=label, icon="download",
                                    layout=widgets.Layout(width="auto"))
            button.add_class("pd-report-export")
            button.on_click(lambda _b, p=profile, c=columns, f=filename, lab=label:
                            self.export(p, c, f, lab))
            self.export_buttons.append(button)
        self.refresh_button = widgets.Button(description="Vernieuwen", icon="refresh")
        self.refresh_button.on_click(lambda _b: self.refresh())

        def h(text):
            return widgets.HTML(f"<h3>{esc(text)}</h3>")

        self.children = [
            widgets.HTML(CSS + REPORT_CSS),
            widgets.HBox([widgets.HTML("<h2 style='margin:0.2em 0'>Rapportage "
                                       "verzoekenregister</h2>"), self.refresh_button],
                         layout=widgets.Layout(justify_content="space-between",
                                               align_items="center")),
            self.banner,
            h("Overzicht"), self.overview,
            h("Verzoeken per type per maand"), self.chart, self.table_html,
            h("Behandelduur"), self.handling_chart,
            h("Verlengingen"), self.extensions_html,
            h("Afwijzingen en gedeeltelijke toewijzingen"), self.refusals_html,
            h("Exporteren"), widgets.HBox(self.export_buttons,
                                          layout=widgets.Layout(grid_gap="0.5em")),
            self.export_links,
            h("Vragen zonder (zeker) antwoord"), self.gaps_html,
        ]
        self.refresh()

    def refresh(self) -> None:
        """Recompute every figure from the register as it is now."""
        if self.demo:
            self.banner.value = (
                "<div class='pd-demo-banner'>DEMO-GEGEVENS / demo data — er staan nog geen "
                "verzoeken in het register; dit rapport toont verzonnen verzoeken uit een "
                "tijdelijk register.</div>")
        try:
            frame = self.register.frame()
            ov = report.overview(frame, self.today)
            within1 = report.answered_within(frame, self.today, 1)
            within3 = report.answered_within(frame, self.today, 3)
            median = report.median_handling_days(frame)
            self.overview.value = (
                f"<div class='pd-note'>Peildatum: {esc(format_date(self.today))}</div>"
                + render_overview(ov, within1, within3, median))
            table = report.per_type_per_month(frame)
            self.chart.value = report.figure_png(report.chart_per_type_month(table))
            days = report.handling_days(frame)
            self.handling_chart.value = report.figure_png(report.chart_handling_days(days))
            shown = table.rename(columns=report.TYPE_LABELS_NL).tail(12)
            self.table_html.value = (
                "<details><summary>Tabel (laatste 12 maanden)</summary>"
                + _table(["Maand", *shown.columns],
                         [[m, *row] for m, row in zip(shown.index, shown.values.tolist())],
                         numeric=set(range(1, len(shown.columns) + 1)))
                + "</details>")
            self.extensions_html.value = render_extensions(frame)
            self.refusals_html.value = render_refusals(frame)
        except Exception:  # noqa: BLE001 - a message, never a traceback
            log.exception("report: cannot compute the figures")
            self.overview.value = render_errors("Het rapport kon niet worden gemaakt.", [])
        self.gaps_html.value = self._gaps()

    def _gaps(self) -> str:
        if self.gaps is None:
            return ("<div class='pd-note'>Het bewaren van onbeantwoorde vragen staat uit "
                    "(PRIVACY_DESK_GAPS=off).</div>")
        try:
            return render_gaps(self.gaps.groups(top=self.top_gaps))
        except Exception:  # noqa: BLE001
            log.exception("report: cannot read the gap log")
            return render_errors("De onbeantwoorde vragen konden niet worden gelezen.", [])

    def export(self, profile: str, columns: str, filename: str, label: str) -> bytes | None:
        """Export the register as CSV and offer it as a download link; returns the
        bytes (None on failure, with a message)."""
        try:
            with tempfile.TemporaryDirectory(prefix="privacy-desk-export-") as folder:
                path = os.path.join(folder, filename)
                count = self.register.export_csv(path, profile=profile, columns=columns)
                with open(path, "rb") as handle:
                    data = handle.read()
        except Exception:  # noqa: BLE001
            log.exception("report: export failed")
            self.export_links.value = render_errors("Exporteren is mislukt.", [])
            return None
        note = f"{count} verzoeken" + (" (DEMO-GEGEVENS)" if self.demo else "")
        if self.demo:
            filename = "demo-" + filename
        self.export_links.value = csv_download_link(data, filename, label, note)
        return data


def build_report(db=None, *, today=None, gaps="default", demo_size: int = 240
                 ) -> ReportView:
    """Build the report for the register ``db`` (default ``$PRIVACY_DESK_DB`` or the
    user's data directory); with no requests there, on demo data, clearly marked.

    Parameters
    ----------
    db : str, path-like or Register, optional
    today : date-like, optional
        The report's reference day; default today in Europe/Amsterdam.
    gaps : GapLog, None or "default"
        The log of unanswered questions to summarise; "default": the chat's log.
    """
    register, demo = report.open_report_register(db, demo_size=demo_size, today=today)
    if isinstance(gaps, str) and gaps == "default":
        from privacy_kb.gaps import open_gap_log

        gaps = open_gap_log()
    if today is not None:
        today = report._day(today)
    return ReportView(register, demo=demo, today=today, gaps=gaps)
