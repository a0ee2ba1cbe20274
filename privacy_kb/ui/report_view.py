"""The register report: overview, charts, rates, extensions, refusals, exports, and
the questions the desk could not answer — in Dutch or English (a switch on the page).

Thin widgets over :mod:`privacy_kb.report` (figures and charts) and
:mod:`privacy_kb.gaps`; every text comes from :mod:`privacy_kb.texts`. Charts are PNG
images with alt text (``<img alt="…">``, :func:`alt_per_type_month`,
:func:`alt_handling_days`) in an ``HTML`` widget, so they render in JupyterLab and
Voila alike and a screen reader can say what they show. Every text in HTML goes
through :func:`privacy_kb.ui.render.esc`.

>>> from privacy_kb.ui.report_view import build_report       # doctest: +SKIP
>>> build_report()                                           # doctest: +SKIP
"""

from __future__ import annotations

import base64
import logging
import os
import tempfile

import ipywidgets as widgets

from privacy_kb import report
from privacy_kb.register.deadlines import DUE_SOON_DAYS
from privacy_kb.texts import (format_month, format_number, format_percent, label, norm_lang,
                              text, type_name)
from privacy_kb.ui.render import CSS, csv_download_link, esc, format_date, render_errors

log = logging.getLogger(__name__)

#: The CSV profiles offered: (profile, columns, label key, file name).
EXPORTS = (
    ("excel-nl", "standard", "report.export.standard", "verzoeken.csv"),
    ("excel-nl", "pseudonymised", "report.export.pseudonymised",
     "verzoeken-gepseudonimiseerd.csv"),
    ("plain", "standard", "report.export.plain", "verzoeken-plain.csv"),
)

REPORT_CSS = """<style>
.pd-demo-banner { background: #fff4ce; border: 2px dashed #c88800; color: #5c4400;
                  padding: 0.5em 0.8em; font-weight: 600; margin: 0.3em 0; }
.pd-figures { border-collapse: collapse; margin: 0.3em 0; }
.pd-figures th, .pd-figures td { border-bottom: 1px solid #ddd; padding: 0.25em 0.8em;
                                 text-align: left; }
.pd-figures td.pd-num { text-align: right; font-variant-numeric: tabular-nums; }
.pd-report-img { max-width: 100%; height: auto; }
</style>"""


def _table(headers: list[str], rows: list[list], numeric: set[int] = frozenset()) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td{' class=pd-num' if i in numeric else ''}>{esc(v)}</td>"
                         for i, v in enumerate(row)) + "</tr>" for row in rows)
    return f"<table class='pd-figures'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def rate_basis(rate, months: int, lang: str = "nl") -> str:
    """What a rate counts over, ``"1 van de 3 verzoeken die zijn afgehandeld of
    waarvan de maand al om is"``: the one- and three-month rates count over different
    requests, and the report says so beside each."""
    key = "report.within1.of" if months == 1 else "report.within3.of"
    return text(key, lang, numerator=rate.numerator, denominator=rate.denominator)


def render_overview(ov, within1, within3, median, lang: str = "nl",
                    days: int = DUE_SOON_DAYS) -> str:
    """The key figures as a small table; beside each rate, what it counts over."""
    lang = norm_lang(lang)
    median_text = "—" if median is None else text(
        "report.day" if median == 1 else "report.days", lang, n=format_number(median, lang))
    rows = [[text("report.total", lang), ov.total, ""],
            [text("report.open", lang), ov.open, ""],
            [text("report.overdue", lang), ov.overdue, ""],
            [text("report.due_soon", lang, days=days), ov.due_soon, ""],
            [text("report.withdrawn", lang), ov.withdrawn, ""],
            [text("report.within1", lang), format_percent(within1.share, lang),
             rate_basis(within1, 1, lang)],
            [text("report.within3", lang), format_percent(within3.share, lang),
             rate_basis(within3, 3, lang)],
            [text("report.median", lang), median_text, ""]]
    headers = [text(k, lang) for k in ("report.col.figure", "report.col.value",
                                       "report.col.basis")]
    return (_table(headers, rows, numeric={1})
            + f"<p class='pd-note pd-report-rates-note'>"
              f"{esc(text('report.within.note', lang))}</p>")


def render_extensions(frame, lang: str = "nl") -> str:
    ext = report.extensions(frame)
    if len(ext) == 0:
        return f"<div class='pd-note'>{esc(text('report.extensions.none', lang))}</div>"
    reasons = report.counts_by(ext, "extension_reason")
    summary = ", ".join(f"{label('extension_reason', k, lang)}: {v}"
                        for k, v in reasons.items())
    rows = [[r["id"], label("request_type", str(r["request_type"]), lang),
             format_date(r["received"], lang),
             label("extension_reason", str(r["extension_reason"]), lang),
             r["extension_justification"]] for r in ext.to_dict("records")]
    headers = [text(k, lang) for k in ("report.col.id", "report.col.type",
                                       "report.col.received", "report.col.reason",
                                       "report.col.justification")]
    return (f"<p>{esc(text('report.extensions.count', lang, n=len(ext), summary=summary))}"
            f"</p>" + _table(headers, rows))


def render_refusals(frame, lang: str = "nl") -> str:
    ref = report.refusals(frame)
    if len(ref) == 0:
        return f"<div class='pd-note'>{esc(text('report.refusals.none', lang))}</div>"
    decisions = report.counts_by(ref, "decision")
    grounds = report.counts_by(ref, "decision_ground")
    summary = ", ".join(f"{label('decision', k, lang)}: {v}" for k, v in decisions.items())
    rows = [[g, n] for g, n in grounds.items()]
    return (f"<p>{esc(summary)}</p>"
            + _table([text("report.col.ground", lang), text("report.col.count", lang)],
                     rows, numeric={1}))


def render_gaps(groups, lang: str = "nl") -> str:
    """The most frequent unanswered questions, grouped (escaped: they are user text)."""
    if not groups:
        return f"<div class='pd-note'>{esc(text('report.gaps.none', lang))}</div>"
    rows = [[g.count, g.representative,
             "; ".join(q for q in g.questions[1:4]) + (" …" if len(g.questions) > 4 else ""),
             ", ".join(g.langs)] for g in groups]
    headers = [text(k, lang) for k in ("report.col.count", "report.col.question",
                                       "report.col.also", "report.col.lang")]
    return _table(headers, rows, numeric={0})


# --- charts with alt text -------------------------------------------------------------

def alt_per_type_month(table, lang: str = "nl", demo: bool = False) -> str:
    """What the per-type-per-month chart shows, in words: the months, each type's
    total (most first) and the total."""
    totals = {c: int(table[c].sum()) for c in table.columns} if len(table) else {}
    total = sum(totals.values())
    if not total:
        words = text("chart.per_type.alt.empty", lang)
    else:
        types = ", ".join(f"{type_name(c, lang)} {n}" for c, n in
                          sorted(totals.items(), key=lambda kv: -kv[1]) if n)
        words = text("chart.per_type.alt", lang,
                     first=format_month(table.index[0], lang, long=True),
                     last=format_month(table.index[-1], lang, long=True),
                     types=types, total=total)
    return f"{text('chart.demo.alt', lang)} {words}" if demo else words


def alt_handling_days(days, lang: str = "nl", demo: bool = False) -> str:
    """What the handling-time histogram shows, in words: how many requests, the
    median, the shortest and longest, and how many within 31 days."""
    values = [int(d) for d in days.tolist()]
    if not values:
        words = text("chart.handling.alt.empty", lang)
    else:
        words = text("chart.handling.alt", lang, n=len(values),
                     median=format_number(float(days.median()), lang),
                     min=min(values), max=max(values),
                     within=sum(v <= 31 for v in values))
    return f"{text('chart.demo.alt', lang)} {words}" if demo else words


def render_chart(png: bytes, alt: str, cls: str) -> str:
    """A PNG as ``<img>`` with its alt text (escaped) and a class to find it by."""
    data = base64.b64encode(png).decode("ascii")
    return (f'<img class="pd-report-img {esc(cls)}" alt="{esc(alt)}" '
            f'src="data:image/png;base64,{data}">')


class ReportView(widgets.VBox):
    """The whole report for one register on one day, in Dutch or English.

    With ``failure`` (the error met opening the register; ``register`` is then None)
    it shows that message and no figures: a register that cannot be read is never
    shown as an empty or a demo one.

    Attributes: ``register``, ``demo`` (bool), ``today``, ``lang``, ``lang_switch``,
    ``banner``, ``overview``, ``chart`` and ``handling_chart`` (HTML with an
    ``<img alt>``; the PNG bytes in ``chart_png`` and ``handling_png``),
    ``extensions_html``, ``refusals_html``, ``export_buttons``, ``export_links``,
    ``gaps_html``.
    """

    def __init__(self, register, *, demo: bool = False, today=None, gaps=None,
                 top_gaps: int = 10, lang: str = "nl", failure: Exception | None = None):
        super().__init__()
        self.add_class("pd-app")
        self.add_class("pd-report")
        self.register, self.demo, self.gaps, self.top_gaps = register, demo, gaps, top_gaps
        self.failure = failure
        if today is None:
            from privacy_kb.clock import today_amsterdam

            today = register.today() if register is not None else today_amsterdam()
        self.today = today
        self.lang = norm_lang(lang)
        self.title = widgets.HTML()
        self.lang_switch = widgets.ToggleButtons(options=[("NL", "nl"), ("EN", "en")],
                                                 value=self.lang,
                                                 style={"button_width": "3.5em"})
        self.lang_switch.add_class("pd-lang")
        self.banner = widgets.HTML()
        self.banner.add_class("pd-demo-banner-box")
        self.overview = widgets.HTML()
        self.overview.add_class("pd-report-overview")
        self.chart = widgets.HTML(layout=widgets.Layout(max_width="900px"))
        self.chart.add_class("pd-report-chart-box")
        self.handling_chart = widgets.HTML(layout=widgets.Layout(max_width="600px"))
        self.handling_chart.add_class("pd-report-handling-box")
        self.chart_png = self.handling_png = b""
        self.table_html = widgets.HTML()
        self.extensions_html = widgets.HTML()
        self.refusals_html = widgets.HTML()
        self.gaps_html = widgets.HTML()
        self.gaps_html.add_class("pd-report-gaps")
        self.export_links = widgets.HTML()
        self.export_links.add_class("pd-report-export-links")
        self.export_buttons = []
        for profile, columns, key, filename in EXPORTS:
            button = widgets.Button(icon="download", layout=widgets.Layout(width="auto"))
            button.add_class("pd-report-export")
            button.disabled = register is None
            button.on_click(lambda _b, p=profile, c=columns, f=filename, k=key:
                            self.export(p, c, f, text(k, self.lang)))
            self.export_buttons.append(button)
        self.refresh_button = widgets.Button(icon="refresh")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.headings = {key: widgets.HTML() for key in (
            "report.h.overview", "report.h.per_type", "report.h.handling",
            "report.h.extensions", "report.h.refusals", "report.h.export", "report.h.gaps")}
        h = self.headings
        self.lang_switch.observe(lambda c: self.set_lang(c["new"]), names="value")
        self.children = [
            widgets.HTML(CSS + REPORT_CSS),
            widgets.HBox([self.title, widgets.HBox([self.refresh_button, self.lang_switch],
                                                   layout=widgets.Layout(grid_gap="0.6em"))],
                         layout=widgets.Layout(justify_content="space-between",
                                               align_items="center")),
            self.banner,
            h["report.h.overview"], self.overview,
            h["report.h.per_type"], self.chart, self.table_html,
            h["report.h.handling"], self.handling_chart,
            h["report.h.extensions"], self.extensions_html,
            h["report.h.refusals"], self.refusals_html,
            h["report.h.export"], widgets.HBox(self.export_buttons,
                                               layout=widgets.Layout(grid_gap="0.5em")),
            self.export_links,
            h["report.h.gaps"], self.gaps_html,
        ]
        self.set_lang(self.lang)

    def set_lang(self, lang: str) -> None:
        """The whole report in ``lang`` ("nl" or "en"): labels, figures and charts."""
        self.lang = norm_lang(lang)
        if self.lang_switch.value != self.lang:
            self.lang_switch.value = self.lang           # observed: comes back here
            return
        title = esc(text("report.title", self.lang))
        self.title.value = f"<h2 style='margin:0.2em 0'>{title}</h2>"
        for key, widget in self.headings.items():
            widget.value = f"<h3>{esc(text(key, self.lang))}</h3>"
        for button, (_p, _c, key, _f) in zip(self.export_buttons, EXPORTS, strict=True):
            button.description = text(key, self.lang)
        self.refresh_button.description = text("report.refresh", self.lang)
        self.export_links.value = ""
        self.refresh()

    def _failure_message(self) -> str:
        """The opening error in the report's language: its own message when it has
        one per language (the desk's errors do), else a plain sentence."""
        own = getattr(self.failure, "message", None)
        words = [text("report.unreadable", self.lang)]
        if callable(own):
            try:
                words.append(str(own(self.lang)))
            except Exception:  # noqa: BLE001 - the plain sentence is enough
                pass
        return render_errors(" ".join(words), [])

    def refresh(self) -> None:
        """Recompute every figure from the register as it is now."""
        lang = self.lang
        if self.register is None:
            self.overview.value = self._failure_message()
            self.gaps_html.value = self._gaps()
            return
        if self.demo:
            self.banner.value = (f"<div class='pd-demo-banner'>"
                                 f"{esc(text('report.demo', lang))}</div>")
        try:
            frame = self.register.frame()
            ov = report.overview(frame, self.today, days=DUE_SOON_DAYS)
            within1 = report.answered_within(frame, self.today, 1)
            within3 = report.answered_within(frame, self.today, 3)
            median = report.median_handling_days(frame)
            as_of = text("report.as_of", lang, date=format_date(self.today, lang))
            self.overview.value = (f"<div class='pd-note'>{esc(as_of)}</div>"
                                   + render_overview(ov, within1, within3, median, lang))
            table = report.per_type_per_month(frame)
            self.chart_png = report.figure_png(
                report.chart_per_type_month(table, lang=lang, demo=self.demo))
            self.chart.value = render_chart(
                self.chart_png, alt_per_type_month(table, lang, self.demo), "pd-report-chart")
            days = report.handling_days(frame)
            self.handling_png = report.figure_png(
                report.chart_handling_days(days, lang=lang, demo=self.demo))
            self.handling_chart.value = render_chart(
                self.handling_png, alt_handling_days(days, lang, self.demo),
                "pd-report-handling")
            shown = table.tail(12)
            self.table_html.value = (
                f"<details><summary>{esc(text('report.table', lang))}</summary>"
                + _table([text("report.col.month", lang),
                          *(type_name(c, lang) for c in shown.columns)],
                         [[format_month(m, lang, long=True), *row]
                          for m, row in zip(shown.index, shown.values.tolist(), strict=True)],
                         numeric=set(range(1, len(shown.columns) + 1)))
                + "</details>")
            self.extensions_html.value = render_extensions(frame, lang)
            self.refusals_html.value = render_refusals(frame, lang)
        except Exception:  # noqa: BLE001 - a message, never a traceback
            log.exception("report: cannot compute the figures")
            self.overview.value = render_errors(text("report.error", lang), [])
        self.gaps_html.value = self._gaps()

    def _gaps(self) -> str:
        if self.gaps is None:
            return f"<div class='pd-note'>{esc(text('report.gaps.off', self.lang))}</div>"
        try:
            return render_gaps(self.gaps.groups(top=self.top_gaps), self.lang)
        except Exception:  # noqa: BLE001
            log.exception("report: cannot read the gap log")
            return render_errors(text("report.gaps.error", self.lang), [])

    def export(self, profile: str, columns: str, filename: str, label: str) -> bytes | None:
        """Export the register as CSV and offer it as a download link; returns the
        bytes (None on failure, with a message)."""
        try:
            with tempfile.TemporaryDirectory(prefix="privacy-desk-export-") as folder:
                path = os.path.join(folder, filename)
                # the Excel files are for people: headers and labels in the report's
                # language; the plain CSV keeps field names and codes for tools
                labels = self.lang if profile == "excel-nl" else None
                count = self.register.export_csv(path, profile=profile, columns=columns,
                                                 labels=labels)
                with open(path, "rb") as handle:
                    data = handle.read()
        except Exception:  # noqa: BLE001
            log.exception("report: export failed")
            self.export_links.value = render_errors(text("report.export.failed", self.lang),
                                                    [])
            return None
        note = text("report.export.rows", self.lang, n=count)
        if self.demo:
            note += f" ({text('chart.demo', self.lang)})"
            filename = "demo-" + filename
        self.export_links.value = csv_download_link(data, filename, label, note)
        return data


def build_report(db=None, *, today=None, gaps="default", demo_size: int = 240,
                 lang: str = "nl") -> ReportView:
    """Build the report for the register ``db`` (default ``$PRIVACY_DESK_DB`` or the
    user's data directory); with no requests there, on demo data, clearly marked.

    Parameters
    ----------
    db : str, path-like or Register, optional
    today : date-like, optional
        The report's reference day; default today in Europe/Amsterdam.
    gaps : GapLog, None or "default"
        The log of unanswered questions to summarise; "default": the chat's log.
    lang : {"nl", "en"}
        The report's language to start with (the page has a switch).
    """
    failure = None
    try:
        register, demo = report.open_report_register(db, demo_size=demo_size, today=today)
    except Exception as error:  # noqa: BLE001 - the report says so, never a traceback
        log.exception("report: cannot open the register")
        register, demo, failure = None, False, error
    if isinstance(gaps, str) and gaps == "default":
        from privacy_kb.gaps import open_gap_log

        gaps = open_gap_log()
    if today is not None:
        today = report.as_day(today)
    return ReportView(register, demo=demo, today=today, gaps=gaps, lang=lang,
                      failure=failure)
