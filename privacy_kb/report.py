"""Figures about the request register, for whoever reports on it.

Pure functions over ``reg.frame()`` with an explicit ``today``: the same frame and day
always give the same numbers, so they are tested against a register with known
contents. Charts are matplotlib figures labelled in Dutch or English (texts from
:mod:`privacy_kb.texts`), marked on the chart itself when they show demo data;
:func:`figure_png` turns one into PNG bytes (what the notebook shows in Voila).

Definitions (the report says them too):

* **open** — status received, identity_check or in_progress; **overdue** — open and
  ``today`` after the legal due date; **due soon** — open, not overdue, nominal due
  date within ``days`` (as ``Register.due_soon``).
* **completed** — answered (``answered_at`` set), or closed without an answer moment
  (then ``closed_at`` counts); withdrawn requests are left out of every rate.
* **answered within one month** — completed on or before receipt + 1 month (the
  nominal deadline of Art. 12(3), before weekends and holidays), out of the requests
  that are completed *or* whose one-month date has passed (an open request past it
  counts as late). "Within three months" likewise with receipt + 3 months.
* **handling time** — calendar days from receipt to completion; the median over
  completed requests.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from privacy_kb.register.deadlines import (DUE_SOON_DAYS, add_months, due_soon_rule,
                                           overdue_rule)
from privacy_kb.texts import format_month, text, type_name
from privacy_kb.vocabulary import OPEN_STATUSES, REQUEST_TYPES

__all__ = ["Overview", "Rate", "overview", "per_type_per_month", "answered_within",
           "median_handling_days", "extensions", "refusals", "handling_days", "counts_by",
           "chart_handling_days",
           "chart_per_type_month", "figure_png", "open_report_register"]


def as_day(today: Any) -> dt.date:
    """A calendar date from a date, a datetime or an ISO string."""
    if isinstance(today, dt.datetime):
        return today.date()
    if isinstance(today, dt.date):
        return today
    return dt.date.fromisoformat(str(today)[:10])


def _dates(series: pd.Series) -> pd.Series:
    """A date or moment column as naive midnight timestamps (local calendar day)."""
    if getattr(series.dtype, "tz", None) is not None:
        series = series.dt.tz_localize(None)
    return series.dt.normalize()


# --- counts ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Overview:
    total: int
    open: int
    overdue: int
    due_soon: int
    withdrawn: int

    def to_dict(self) -> dict:
        return asdict(self)


def overview(frame: pd.DataFrame, today: Any, *, days: int = DUE_SOON_DAYS) -> Overview:
    """How many requests in all, open, overdue and due within ``days`` (the rules of
    :func:`~privacy_kb.register.deadlines.overdue_rule` and
    :func:`~privacy_kb.register.deadlines.due_soon_rule`)."""
    day = pd.Timestamp(as_day(today))
    is_open = frame["status"].astype(str).isin(OPEN_STATUSES)
    overdue = overdue_rule(is_open, frame["due"], day)
    soon = due_soon_rule(is_open, frame["due_nominal"], frame["due"], day, days)
    return Overview(total=len(frame), open=int(is_open.sum()), overdue=int(overdue.sum()),
                    due_soon=int(soon.sum()),
                    withdrawn=int((frame["status"].astype(str) == "withdrawn").sum()))


def per_type_per_month(frame: pd.DataFrame, *, start: Any = None,
                       end: Any = None) -> pd.DataFrame:
    """Requests received per month (rows, ``"YYYY-MM"``) and type (columns, every
    type of the vocabulary in its order); months without requests are rows of zeros.

    ``start``/``end`` (date-like) widen or narrow the range of months; default the
    months of the first and last request.
    """
    if len(frame) == 0 and start is None:
        return pd.DataFrame(columns=list(REQUEST_TYPES), dtype="int64")
    months = frame["received"].dt.to_period("M")
    first = pd.Period(as_day(start), "M") if start is not None else months.min()
    last = pd.Period(as_day(end), "M") if end is not None else months.max()
    index = pd.period_range(first, last, freq="M")
    counts = pd.crosstab(months, frame["request_type"].astype(str))
    table = counts.reindex(index=index, columns=list(REQUEST_TYPES), fill_value=0)
    table = table.fillna(0).astype("int64")
    table.index = [str(p) for p in table.index]
    table.index.name = "maand"
    table.columns.name = "type"
    return table


# --- timeliness -----------------------------------------------------------------------

def _completed_on(frame: pd.DataFrame) -> pd.Series:
    """The day each request was completed (NaT if not): answered_at, else closed_at
    for requests closed without an answer moment; withdrawn ones never count."""
    answered = _dates(frame["answered_at"])
    closed = _dates(frame["closed_at"])
    status = frame["status"].astype(str)
    done = answered.where(answered.notna(), closed.where(status == "closed"))
    return done.where(status != "withdrawn")


def handling_days(frame: pd.DataFrame) -> pd.Series:
    """Calendar days from receipt to completion per completed request (by id)."""
    done = _completed_on(frame)
    days = (done - frame["received"]).dt.days
    out = pd.Series(days.to_numpy(), index=frame["id"].to_numpy(), name="dagen")
    return out.dropna().astype("int64")


def median_handling_days(frame: pd.DataFrame) -> float | None:
    """Median handling time in days over completed requests; None when there are none."""
    days = handling_days(frame)
    return float(days.median()) if len(days) else None


@dataclass(frozen=True)
class Rate:
    """``numerator`` of ``denominator`` requests; ``share`` is None for 0 of 0."""

    numerator: int
    denominator: int

    @property
    def share(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None


def answered_within(frame: pd.DataFrame, today: Any, months: int = 1) -> Rate:
    """How many requests were completed within ``months`` of receipt (nominal date).

    Counted over the non-withdrawn requests that are completed or whose deadline
    (receipt + ``months``) has passed on ``today``.
    """
    day = as_day(today)
    done = _completed_on(frame)
    received = frame["received"].dt.date
    limit = pd.to_datetime(pd.Series([add_months(r, months) for r in received],
                                     index=frame.index, dtype="object"))
    withdrawn = frame["status"].astype(str) == "withdrawn"
    counted = ~withdrawn & (done.notna() | (limit < pd.Timestamp(day)))
    on_time = counted & done.notna() & (done <= limit)
    return Rate(int(on_time.sum()), int(counted.sum()))


# --- extensions and refusals ----------------------------------------------------------

def extensions(frame: pd.DataFrame) -> pd.DataFrame:
    """Extended requests: ``id, request_type, received, extension_reason,
    extension_justification``, oldest first."""
    cols = ["id", "request_type", "received", "extension_reason",
            "extension_justification"]
    out = frame.loc[frame["extended"].astype(bool), cols]
    return out.sort_values(["received", "id"], ignore_index=True)


def refusals(frame: pd.DataFrame) -> pd.DataFrame:
    """Refused and partly granted requests: ``id, request_type, decision,
    decision_ground, decided_on``, oldest decision first."""
    cols = ["id", "request_type", "decision", "decision_ground", "decided_on"]
    mask = frame["decision"].astype(str).isin(["refused", "partly"])
    return frame.loc[mask, cols].sort_values(["decided_on", "id"], ignore_index=True)


def counts_by(frame: pd.DataFrame, column: str) -> dict[str, int]:
    """Non-empty values of ``column`` with their counts, most frequent first."""
    values = frame[column].dropna().astype(str)
    values = values[values != ""]
    counts = values.value_counts()
    return {str(k): int(v) for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}


# --- charts ---------------------------------------------------------------------------

def _mark_demo(fig, ax, lang: str) -> None:
    """Mark a chart of demo data on the chart itself: in its title and across it."""
    mark = text("chart.demo", lang)
    ax.set_title(f"{ax.get_title()} — {mark}", color="#a51d2d", fontweight="bold")
    fig.text(0.5, 0.5, mark, fontsize=4.5 * fig.get_figwidth(), fontweight="bold",
             color="#a51d2d", alpha=0.25, rotation=20, ha="center", va="center")


def chart_per_type_month(table: pd.DataFrame, *, title: str | None = None,
                         lang: str = "nl", demo: bool = False):
    """A stacked bar chart of :func:`per_type_per_month`, labelled in ``lang``;
    ``demo`` marks it DEMO-GEGEVENS on the chart.

    Returns a ``matplotlib.figure.Figure`` (made without pyplot, so no global state
    and no GUI backend is involved).
    """
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9, 4.2), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    columns = [c for c in table.columns if table[c].sum() > 0] or list(table.columns)
    bottom = [0] * len(table)
    x = range(len(table))
    colours = ("#1a5fb4", "#e66100", "#2e7d32", "#9141ac", "#c01c28", "#865e3c", "#5e5c64")
    for i, col in enumerate(columns):
        values = table[col].tolist()
        ax.bar(x, values, bottom=bottom, label=type_name(col, lang),
               color=colours[i % len(colours)], width=0.8)
        bottom = [b + v for b, v in zip(bottom, values)]
    labels = [format_month(p, lang) for p in table.index]
    step = max(1, len(labels) // 12)
    ax.set_xticks(list(x)[::step], labels[::step], rotation=45, ha="right")
    ax.set_title(title or text("chart.per_type.title", lang))
    ax.set_xlabel(text("chart.per_type.x", lang))
    ax.set_ylabel(text("chart.count", lang))
    ax.yaxis.get_major_locator().set_params(integer=True)
    if columns:
        ax.legend(title=text("chart.per_type.legend", lang), fontsize="small", ncols=1,
                  loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.grid(axis="y", alpha=0.3)
    if demo:
        _mark_demo(fig, ax, lang)
    return fig


def chart_handling_days(days: pd.Series, *, title: str | None = None, lang: str = "nl",
                        demo: bool = False):
    """A histogram of handling days with the one- and three-month marks; the y axis
    counts requests in whole numbers."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(6, 3.4), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ax.hist(days.tolist(), bins=range(0, max([95, *days.tolist()]) + 5, 5),
            color="#1a5fb4")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    for x, label, side in ((31, text("chart.month1", lang), "left"),
                           (92, text("chart.month3", lang), "right")):
        ax.axvline(x, color="#c01c28", linestyle="--", linewidth=1)
        ax.text(x + (1 if side == "left" else -1), ax.get_ylim()[1] * 0.9, label,
                color="#c01c28", fontsize="small", ha=side)
    ax.set_title(title or text("chart.handling.title", lang))
    ax.set_xlabel(text("chart.handling.x", lang))
    ax.set_ylabel(text("chart.count", lang))
    if demo:
        _mark_demo(fig, ax, lang)
    return fig


def figure_png(fig) -> bytes:
    """The figure as PNG bytes (Agg canvas; works headless and in Voila)."""
    import io

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


# --- the register to report on ----------------------------------------------------------

def open_report_register(db: Any = None, *, demo_size: int = 240, seed: int = 2026,
                         today: Any = None):
    """The register to report on, or a demo one when there is none yet.

    Opens ``db`` (default ``$PRIVACY_DESK_DB`` or the user's data directory) without
    creating anything. Demo data is shown only where there is no register yet: a
    SQLite register file that is missing, empty, or holds no requests. Then a
    register in a new temporary folder (never the user's) is filled with
    ``demo_size`` synthetic requests (:func:`privacy_kb.register.demo.fill_demo`),
    and the second value says it is a demo.

    Any other failure is raised, never shown as an empty or demo register: an
    unreachable server, a corrupt or foreign database, a missing driver
    (:class:`~privacy_kb.errors.StoreError`, naming the store and the cause).

    Returns
    -------
    (Register, bool)
        The register and whether it is demo data.

    Raises
    ------
    StoreError
        The register exists (or should) but cannot be read.
    """
    from privacy_kb import open_register
    from privacy_kb.errors import StoreError

    if db is not None and hasattr(db, "frame"):
        reg = db
    else:
        try:
            reg = open_register(db, create=False)
        except StoreError as error:
            if error.code != "no_register":
                raise
            reg = None
    if reg is not None and (len(reg) > 0 or not reg.is_sqlite):
        return reg, False
    if reg is not None and reg is not db:
        reg.close()
    from privacy_kb.register.demo import fill_demo

    folder = tempfile.mkdtemp(prefix="privacy-desk-demo-")
    demo = open_register(os.path.join(folder, "demo.sqlite3"), by="demo")
    fill_demo(demo, demo_size, seed=seed, today=today)
    return demo, True
