"""The "Register" tab: the requests as a table, one request's details and history, the
actions that carry it through its lifecycle (acknowledge, identity, extend, decide,
status, edit) and CSV export.

State lives in a :class:`~privacy_kb.ui.register_model.RegisterModel` (filters, search,
sort, page, selection, language); the widgets are linked to its traits and the view
observes it. Each change of what the table should show is one SQL query
(:func:`privacy_kb.register.query.fetch_page`): the browser gets one page.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import tempfile
from collections.abc import Callable

import ipywidgets as widgets
import traitlets

from privacy_kb.errors import ConflictError, ValidationError
from privacy_kb.register import query as register_query
from privacy_kb.ui.intake import FIELDS as INTAKE_FIELDS
from privacy_kb.ui.labels import (
    CHANNELS,
    EXPORT_CHOICES,
    EXTENSION_REASONS,
    IDENTITY_METHODS,
    OPEN_STATUSES,
    OUTCOMES,
    REQUEST_TYPES,
    STATUSES,
    channel_label,
    decision_label,
    method_label,
    norm_lang,
    options,
    reason_label,
    status_label,
    t,
    type_label,
)
from privacy_kb.ui.letters_view import LettersPanel, TemplateEditor, letters_cell
from privacy_kb.ui.logic import edit_changes, edit_values, today_amsterdam
from privacy_kb.ui.register_model import PAGE_SIZES, RegisterModel
from privacy_kb.ui.register_table import RegisterTable, Scroller
from privacy_kb.ui.render import (
    csv_download_link,
    esc,
    format_date,
    render_errors,
    render_exception,
    render_field_error,
    render_history,
    render_ok,
    render_request,
)
from privacy_kb.register import lifecycle

log = logging.getLogger(__name__)


#: The statuses each action suggests next, offered as one-click buttons beside its
#: confirmation (only those the register allows from the status reached): asking for
#: information starts the identity check, a verified identity starts the work, a
#: decision is answered — or closed at once —, an answered request is closed.
SUGGESTED_NEXT = {"info": ("identity_check",), "identity": ("in_progress",),
                  "decide": ("answered", "closed"), "status": ("closed",)}


def suggested_statuses(form: str, req) -> list[str]:
    """The statuses to suggest after the action ``form`` left the request ``req``:
    none after an identity check that failed, none the register would refuse
    (:func:`privacy_kb.register.lifecycle.next_statuses`)."""
    if req is None or (form == "identity" and req.identity_verified is not True):
        return []
    allowed = lifecycle.next_statuses(req)
    return [s for s in SUGGESTED_NEXT.get(form, ()) if s in allowed]


def count_csv_rows(data: bytes, profile: str = "excel-nl") -> int:
    """Data rows (header excluded) in an exported CSV; quoted line breaks count once."""
    text = data.decode("utf-8-sig", errors="replace")
    delimiter = ";" if profile == "excel-nl" else ","
    return max(0, sum(1 for _ in csv.reader(io.StringIO(text), delimiter=delimiter)) - 1)


def set_options(dropdown: widgets.Dropdown, choices: list[tuple[str, object]]) -> None:
    """Give ``dropdown`` new (label, value) choices, keeping its value when it is still
    a choice, else the first one (ipywidgets would leave it at None)."""
    keep = dropdown.value
    dropdown.options = choices       # ipywidgets selects the first choice here
    values = [v for _label, v in choices]
    if keep in values:
        dropdown.value = keep
    elif values:
        dropdown.value = values[0]


def days_text(days: int | None, lang: str) -> str:
    """Days left as words: ``12 dagen``, ``1 dag``, ``vandaag``, ``3 dagen te laat``
    (the colour of the cell is never the only sign)."""
    if days is None:
        return "—"
    if days == 0:
        return t("reg.days.today", lang)
    if days < 0:
        key = "reg.days.late_one" if days == -1 else "reg.days.late"
        return t(key, lang).format(n=-days)
    return t("reg.days.one" if days == 1 else "reg.days.left", lang).format(n=days)


def days_tone(row) -> str:
    """The days-left colour, as request tools use it: green; amber under 10 days; red
    under 5 and when overdue (the register's rule); none for a closed request."""
    if not row.is_open or row.days_left is None:
        return ""
    if row.overdue or row.days_left < 5:
        return "late"
    if row.days_left < 10:
        return "warn"
    return "ok"


#: The table's columns, in the order shown: (key, label key). The number comes first
#: (the row's button), days left second, so that the urgency is in view on a phone
#: (390 px) without scrolling the table sideways.
COLUMNS = (("id", "reg.col.id"), ("days_left", "reg.col.days"),
           ("request_type", "reg.col.type"), ("status", "reg.col.status"),
           ("name", "reg.col.name"), ("due", "reg.col.due"),
           ("received", "reg.col.received"), ("letters", "reg.col.letters"))
#: Columns the table cannot sort by (computed per row, not a column of the register).
UNSORTABLE = {"letters"}
#: A column key -> the sort it asks for (days left sorts like the due date).
COLUMN_SORT = {"days_left": "due"}


def page_letter_flags(page_rows, today, calendar=None) -> dict[str, list]:
    """Request id -> its letter flags, for the rows of one page: the rule
    ``reg.letter_flags_all`` applies (:func:`privacy_kb.letters.letter_flags`), fed
    from the columns the page's own query already read (received, status, extended,
    the sent dates), so the table stays one SQL query per change and never reads the
    whole register."""
    from privacy_kb.letters import letter_flags

    out = {}
    for row in page_rows:
        flags = letter_flags(row, row.sent, today, calendar)
        if flags:
            out[row.id] = flags
    return out


def table_rows(page_rows, lang: str, flags: dict | None = None) -> list[dict]:
    """The page's rows as the table widget shows them: plain strings (the browser puts
    them in as text), the first one the request number, and the days-left colour.
    ``flags``: request id -> its letter flags (``reg.letter_flags_all``), shown in
    words in the letters column."""
    flags = flags or {}
    out = []
    for row in page_rows:
        cells = {"id": row.id, "days_left": days_text(row.days_left, lang),
                 "request_type": type_label(row.request_type, lang),
                 "status": status_label(row.status, lang), "name": row.name,
                 "due": row.due.isoformat(), "received": row.received.isoformat(),
                 "letters": letters_cell(row, flags.get(row.id, ()), lang)}
        out.append({"id": row.id, "tone": days_tone(row),
                    "cells": [cells[key] for key, _label in COLUMNS]})
    return out


#: The action tabs of the detail panel, in lifecycle order: (key, label key).
ACTION_TABS = (("ack", "reg.act.ack"), ("identity", "reg.act.identity"),
               ("extend", "reg.act.extend"), ("decide", "reg.act.decide"),
               ("status", "reg.act.status"), ("edit", "reg.act.edit"))
LABEL_WIDTH = "14em"

#: Styles of the tab (beside render.CSS): the filter bar and panels wrap on a phone.
STYLE = """<style>
.pd-register-bar, .pd-register-pager, .pd-register-exportbar { flex-wrap: wrap;
  gap: 0.3em 0.8em; align-items: center; }
.pd-register-bar .widget-dropdown, .pd-register-bar .widget-text { width: auto;
  max-width: 100%; }
.pd-register-panels { flex-wrap: wrap; gap: 0.5em 1.5em; align-items: flex-start; }
.pd-register-panels > .widget-vbox { flex: 1 1 26em; min-width: 0; max-width: 100%; }
.pd-register .widget-hbox.pd-form-row { flex-wrap: wrap; }
.pd-register .widget-label { white-space: normal; }
.pd-register .pd-register-detail, .pd-register .pd-register-history { overflow-x: auto;
  max-width: 100%; }
.pd-register .pd-register-detail .pd-dl { display: grid; column-gap: 1em;
  grid-template-columns: minmax(9em, max-content) minmax(0, 1fr); line-height: 1.5; }
.pd-register .pd-register-detail .pd-dl dt, .pd-register .pd-register-detail .pd-dl dd {
  float: none; margin: 0; width: auto; }
.pd-register .pd-register-history .pd-hist { line-height: 1.4; }
.pd-register h3.pd-h3 { font-size: 1.05em; margin: 0.6em 0 0.2em 0; }
/* the app's header (staff name, language switch) wraps on a phone instead of cutting
   the switch off; app.py could say flex_flow="row wrap" itself */
.pd-app .widget-hbox:has(> .widget-hbox > .pd-lang),
.pd-app .widget-hbox:has(> .pd-lang) { flex-wrap: wrap; row-gap: 0.3em; }
.pd-app .pd-staff { max-width: 100%; }
/* page-wide: tab titles not chosen were grey on grey (axe: color-contrast) */
.pd-app .lm-TabBar-tab:not(.lm-mod-current) .lm-TabBar-tabLabel { color: #333; }
.pd-register .jupyter-widget-tab > .lm-TabBar, .pd-register .widget-tab > .p-TabBar {
  overflow-x: auto; }
</style>"""


class RegisterView(widgets.VBox):
    """The register as a table with filters; select a request to act on it.

    The selected request's panel has one small form per action — acknowledge, identity
    (information asked/received, the check itself), extend, decide, change status, edit
    the request's fields. Each form sends the version of the copy shown, so an edit
    made meanwhile by someone else is refused rather than overwritten: the message then
    names the other change and offers "Herladen", which loads the new version and keeps
    what was typed. A refused action shows every message beside its field at once and
    changes nothing.

    Parameters
    ----------
    register : Register or None
        None: the tab explains that the register is not available.
    staff : callable, optional
        Returns the staff member's name, recorded as ``by=``.
    lang : {"nl", "en"}
    today : callable, optional
        Returns today's date (tests pin it); default today in Europe/Amsterdam.
    """

    def __init__(self, register, staff: Callable[[], str] | None = None, lang: str = "nl",
                 today: Callable[[], object] | None = None):
        super().__init__()
        self.add_class("pd-register")
        self.register = register
        self.staff = staff or (lambda: "")
        self.today = today or (register.today if register is not None else today_amsterdam)
        self.model = RegisterModel(lang=norm_lang(lang))
        self.page = None              # the last register_query.Page shown
        self.selected = None          # the request as loaded when selected
        self._history = None          # its history, as loaded
        self._stale = None            # the copy a refused (stale) action was based on
        self._form_for: object = ()   # (id, version) the action forms were filled from
        self.last_export: bytes | None = None
        self.described: list[tuple[str, widgets.Widget]] = []     # (text key, widget)
        self.labels: list[tuple[str, widgets.HTML]] = []          # (text key, label)
        self.notes: list[tuple[str, widgets.HTML]] = []           # (text key, note)
        self.field_errors: dict[str, dict[str, widgets.HTML]] = {}  # form -> field -> HTML
        if register is not None and hasattr(register, "engine"):
            try:
                register_query.ensure_indexes(register.engine)
            except Exception:  # noqa: BLE001 - slower without them, still correct
                log.warning("register: cannot create the table's indexes", exc_info=True)
        self._build()
        self._relabel(query=False)    # the choices exist before the links set values
        self._wire()
        self._set_actions()
        if register is None:
            self.notice.value = render_errors(t("app.db.unavailable", self.lang), [])
            self.message.value = self.notice.value
        else:
            self.refresh()

    @property
    def lang(self) -> str:
        return self.model.lang

    @property
    def ids(self) -> list[str]:
        """The request numbers on the page shown, in order."""
        return [row.id for row in self.model.page_rows]

    # -- building ---------------------------------------------------------------------
    def _build(self) -> None:
        wide = widgets.Layout(width="auto")
        self.style_html = widgets.HTML(STYLE)
        # filters and search (labels are the widgets' own descriptions: tied to them)
        self.status_filter = self._described(widgets.Dropdown(layout=wide),
                                             "reg.filter.status", "pd-filter-status")
        self.type_filter = self._described(widgets.Dropdown(layout=wide), "reg.filter.type",
                                           "pd-filter-type")
        self.deadline_filter = self._described(widgets.Dropdown(layout=wide),
                                               "reg.filter.deadline", "pd-filter-deadline")
        self.search = self._described(
            widgets.Text(continuous_update=True, layout=widgets.Layout(width="22em")),
            "reg.search", "pd-register-search")
        for w in (self.status_filter, self.type_filter, self.deadline_filter, self.search):
            w.style.description_width = "initial"
        self.refresh_button = widgets.Button(icon="refresh", layout=wide)
        self.refresh_button.add_class("pd-register-refresh")
        self.count = widgets.HTML()
        self.count.add_class("pd-register-count")
        self.notice = widgets.HTML()
        self.notice.add_class("pd-register-notice")
        # table, pager and selection
        self.table = RegisterTable()
        self.table.add_class("pd-register-table")
        self.prev_button = widgets.Button(icon="chevron-left", layout=wide)
        self.prev_button.add_class("pd-page-prev")
        self.next_button = widgets.Button(icon="chevron-right", layout=wide)
        self.next_button.add_class("pd-page-next")
        self.page_info = widgets.HTML()
        self.page_info.add_class("pd-page-info")
        self.page_size = self._described(
            widgets.Dropdown(options=[(str(n), n) for n in PAGE_SIZES], layout=wide),
            "reg.page.size", "pd-page-size")
        self.page_size.style.description_width = "initial"
        self.selector = self._described(
            widgets.Combobox(ensure_option=False, continuous_update=False,
                             layout=widgets.Layout(width="24em")),
            "reg.select", "pd-register-select")
        self.selector.style.description_width = "initial"
        self.detail = widgets.HTML()
        self.detail.add_class("pd-register-detail")
        self.history = widgets.HTML()
        self.history.add_class("pd-register-history")
        self.message = widgets.HTML()
        self.message.add_class("pd-register-message")
        self.reload_button = widgets.Button(icon="rotate-right", button_style="warning",
                                            layout=widgets.Layout(width="auto",
                                                                  display="none"))
        self.reload_button.add_class("pd-register-reload")
        self.next_label = widgets.HTML()
        self.next_step = widgets.HBox([self.next_label], layout=widgets.Layout(
            display="none", align_items="center", flex_flow="row wrap"))
        self.next_step.add_class("pd-register-next")
        self.scroller = Scroller(target="pd-register-message",
                                 live=["pd-register-count", "pd-register-notice"])
        self.scroller.layout.display = "none"
        # the action forms, one per tab
        self.actions = widgets.Tab(children=[self._ack_form(), self._identity_form(),
                                             self._extend_form(), self._decide_form(),
                                             self._status_form(), self._edit_form()])
        self.actions.add_class("pd-actions")
        # export
        self.export_profile = self._described(widgets.Dropdown(layout=widgets.Layout(
            width="auto")), "reg.export.profile", "pd-export-profile")
        self.export_profile.style.description_width = "initial"
        self.export_button = widgets.Button(icon="download", layout=wide)
        self.export_button.add_class("pd-export-csv")
        self.export_link = widgets.HTML()
        self.export_link.add_class("pd-export-link")
        # section titles
        self.titles = {k: widgets.HTML() for k in ("details", "actions", "history",
                                                   "exports")}
        self.actions_panel = widgets.VBox([self.titles["actions"], self.actions])
        self.letters = LettersPanel(self)
        self.letters.layout.display = "none"
        self.details_panel = widgets.VBox([self.titles["details"], self.detail, self.letters])
        self.work_panel = widgets.VBox([self.actions_panel, self.message, self.next_step,
                                        self.reload_button, self.scroller])
        bar = widgets.HBox([self.status_filter, self.type_filter, self.deadline_filter,
                            self.search, self.refresh_button, self.count])
        bar.add_class("pd-register-bar")
        pager = widgets.HBox([self.prev_button, self.page_info, self.next_button,
                              self.page_size, self.selector])
        pager.add_class("pd-register-pager")
        panels = widgets.HBox([self.details_panel, self.work_panel])
        panels.add_class("pd-register-panels")
        exportbar = widgets.HBox([self.export_profile, self.export_button])
        exportbar.add_class("pd-register-exportbar")
        # the letter templates, built when first opened (they render every case)
        self.template_editor = None
        self.templates_slot = widgets.VBox()
        self.templates = widgets.Accordion(children=[self.templates_slot], selected_index=None)
        self.templates.add_class("pd-templates")
        self.children = [self.style_html, bar, self.notice, self.table, pager, panels,
                         self.titles["history"], self.history, self.titles["exports"],
                         exportbar, self.export_link, self.templates]

    def _wire(self) -> None:
        m = self.model
        self._links = [
            traitlets.link((m, "status"), (self.status_filter, "value")),
            traitlets.link((m, "request_type"), (self.type_filter, "value")),
            traitlets.link((m, "deadline"), (self.deadline_filter, "value")),
            traitlets.link((m, "search"), (self.search, "value")),
            traitlets.link((m, "page_size"), (self.page_size, "value")),
            traitlets.link((m, "selected"), (self.table, "selected")),
            traitlets.link((m, "selected"), (self.selector, "value"),
                           transform=(lambda v: v or "", lambda v: v.strip() or None)),
            traitlets.dlink((m, "sort"), (self.table, "sort"),
                            transform=lambda v: "days_left" if v == "due" else v),
            traitlets.dlink((m, "descending"), (self.table, "descending")),
            traitlets.dlink((m, "lang"), (self.scroller, "lang")),
        ]
        self.table.on_sort(lambda key: m.sort_by(COLUMN_SORT.get(key, key)))
        m.observe(lambda _c: self.refresh_table(), names="request")
        m.observe(lambda c: self._load_selected(), names="selected")
        m.observe(lambda _c: self._relabel(), names="lang")
        self.prev_button.on_click(lambda _b: self.turn_page(-1))
        self.next_button.on_click(lambda _b: self.turn_page(+1))
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.reload_button.on_click(lambda _b: self.reload_keeping_input())
        self.ack_apply.on_click(lambda _b: self.do_acknowledge())
        self.info_request.on_click(lambda _b: self.do_request_info())
        self.info_receive.on_click(lambda _b: self.do_receive_info())
        self.identity_apply.on_click(lambda _b: self.do_record_identity())
        self.extend_apply.on_click(lambda _b: self.do_extend())
        self.decide_apply.on_click(lambda _b: self.do_decide())
        self.status_apply.on_click(lambda _b: self.do_set_status())
        self.edit_apply.on_click(lambda _b: self.do_edit())
        self.export_button.on_click(lambda _b: self.do_export())
        self.templates.observe(lambda c: self.open_templates() if c["new"] == 0 else None,
                               names="selected_index")

    def _described(self, widget, key: str, hook: str):
        """``widget`` labelled by its own description (a ``<label for>`` tied to the
        input, so screen readers read it), relabelled by :meth:`set_lang`."""
        widget.add_class(hook)
        self.described.append((key, widget))
        return widget

    def _label(self, key: str, **layout) -> widgets.HTML:
        label = widgets.HTML(layout=widgets.Layout(**layout))
        self.labels.append((key, label))
        return label

    def _note(self, key: str) -> widgets.HTML:
        note = widgets.HTML()
        self.notes.append((key, note))
        return note

    def _row(self, form: str, field: str, key: str, widget, hook: str) -> widgets.HBox:
        """One form row: the widget labelled by its description (CSS class ``hook``),
        and the place where the register's message about ``field`` appears."""
        self._described(widget, key, hook)
        if not isinstance(widget, widgets.Checkbox):
            widget.style.description_width = LABEL_WIDTH
        error = widgets.HTML()
        error.add_class(f"pd-error-{form}-{field}")
        self.field_errors.setdefault(form, {})[field] = error
        row = widgets.HBox([widget, error], layout=widgets.Layout(align_items="center"))
        row.add_class("pd-form-row")
        return row

    @staticmethod
    def _button(hook: str, primary: bool = True) -> widgets.Button:
        button = widgets.Button(button_style="primary" if primary else "",
                                layout=widgets.Layout(width="auto"))
        button.add_class(hook)
        return button

    @staticmethod
    def _buttons(*buttons: widgets.Widget) -> widgets.HBox:
        """Buttons in a row at their own width (a VBox would stretch them)."""
        row = widgets.HBox(list(buttons), layout=widgets.Layout(margin="0.4em 0 0 0",
                                                               align_items="center"))
        row.add_class("pd-form-row")
        return row

    def _ack_form(self) -> widgets.VBox:
        self.ack_on = widgets.DatePicker()
        self.ack_apply = self._button("pd-ack-apply")
        return widgets.VBox([self._note("reg.ack.intro"),
                             self._row("ack", "on", "reg.ack.on", self.ack_on, "pd-ack-on"),
                             self._buttons(self.ack_apply)])

    def _identity_form(self) -> widgets.VBox:
        self.info_on = widgets.DatePicker()
        self.info_note = widgets.Text(layout=widgets.Layout(width="30em", max_width="100%"))
        self.info_request = self._button("pd-info-request", primary=False)
        self.info_receive = self._button("pd-info-receive", primary=False)
        self.identity_verified = widgets.Dropdown(layout=widgets.Layout(width="30em",
                                                                        max_width="100%"))
        self.identity_method = widgets.Dropdown(layout=widgets.Layout(width="30em",
                                                                      max_width="100%"))
        self.identity_note = widgets.Textarea(rows=2, layout=widgets.Layout(
            width="30em", max_width="100%"))
        self.identity_on = widgets.DatePicker()
        self.identity_apply = self._button("pd-identity-apply")
        return widgets.VBox([
            self._note("reg.info.intro"),
            self._row("info", "on", "reg.info.on", self.info_on, "pd-info-on"),
            self._row("info", "note", "reg.info.note", self.info_note, "pd-info-note"),
            self._buttons(self.info_request, self.info_receive),
            widgets.HTML("<hr>"),
            self._note("reg.identity.intro"),
            self._row("identity", "verified", "reg.identity.verified",
                      self.identity_verified, "pd-identity-verified"),
            self._row("identity", "method", "reg.identity.method", self.identity_method,
                      "pd-identity-method"),
            self._row("identity", "note", "reg.identity.note", self.identity_note,
                      "pd-identity-note"),
            self._row("identity", "on", "reg.identity.on", self.identity_on,
                      "pd-identity-on"),
            self._buttons(self.identity_apply)])

    def _extend_form(self) -> widgets.VBox:
        self.extend_reason = widgets.Dropdown(layout=widgets.Layout(width="30em",
                                                                    max_width="100%"))
        self.extend_justification = widgets.Textarea(rows=2, layout=widgets.Layout(
            width="30em", max_width="100%"))
        self.extend_apply = self._button("pd-extend-apply")
        return widgets.VBox([
            self._note("reg.extend"),
            self._row("extend", "reason", "reg.extend.reason", self.extend_reason,
                      "pd-extend-reason"),
            self._row("extend", "justification", "reg.extend.justification",
                      self.extend_justification, "pd-extend-justification"),
            self._buttons(self.extend_apply)])

    def _decide_form(self) -> widgets.VBox:
        width = {"width": "30em", "max_width": "100%"}
        self.decide_outcome = widgets.Dropdown(layout=widgets.Layout(**width))
        self.decide_ground = widgets.Text(layout=widgets.Layout(**width))
        self.decide_reasons = widgets.Textarea(rows=3, layout=widgets.Layout(**width))
        self.decide_told = widgets.Checkbox(indent=False, layout=widgets.Layout(
            width="auto", max_width="100%"))
        self.decide_on = widgets.DatePicker()
        self.decide_dm = widgets.HTML()
        self.decide_dm.add_class("pd-decide-dm")
        self.decide_apply = self._button("pd-decide-apply")
        told_row = self._row("decide", "told_about_complaint", "reg.decide.told.text",
                             self.decide_told, "pd-decide-told")
        told_row.children = (self._label("reg.decide.told", width=LABEL_WIDTH),
                             *told_row.children)
        return widgets.VBox([
            self._note("reg.decide.intro"), self.decide_dm,
            self._row("decide", "outcome", "reg.decide.outcome", self.decide_outcome,
                      "pd-decide-outcome"),
            self._row("decide", "ground", "reg.decide.ground", self.decide_ground,
                      "pd-decide-ground"),
            self._row("decide", "reasons", "reg.decide.reasons", self.decide_reasons,
                      "pd-decide-reasons"),
            told_row,
            self._row("decide", "on", "reg.decide.on", self.decide_on, "pd-decide-on"),
            self._buttons(self.decide_apply)])

    def _status_form(self) -> widgets.VBox:
        self.new_status = widgets.Dropdown(layout=widgets.Layout(width="30em",
                                                                 max_width="100%"))
        self.status_note = widgets.Text(layout=widgets.Layout(width="30em", max_width="100%"))
        self.status_apply = self._button("pd-status-apply")
        return widgets.VBox([
            self._row("status", "status", "reg.status.new", self.new_status, "pd-status-new"),
            self._row("status", "note", "reg.status.note", self.status_note,
                      "pd-status-note"),
            self._buttons(self.status_apply)])

    def _edit_form(self) -> widgets.VBox:
        wide = {"width": "30em", "max_width": "100%"}
        make = {"request_type": widgets.Dropdown, "channel": widgets.Dropdown,
                "received": widgets.DatePicker, "authority_checked": widgets.Checkbox,
                "direct_marketing": widgets.Checkbox}
        self.edit: dict[str, widgets.Widget] = {}
        rows = []
        for field, key, _hook in INTAKE_FIELDS:
            cls = make.get(field, widgets.Text)
            if field == "description":
                widget = widgets.Textarea(rows=3, layout=widgets.Layout(**wide))
            elif cls is widgets.Checkbox:
                widget = widgets.Checkbox(indent=False, layout=widgets.Layout(
                    width="auto", max_width="100%"))
            elif cls is widgets.DatePicker:
                widget = widgets.DatePicker()
            else:
                widget = cls(layout=widgets.Layout(**wide))
            self.edit[field] = widget
            row = self._row("edit", field, key, widget, "pd-edit-" + field.replace("_", "-"))
            if cls is widgets.Checkbox:   # line the box up under the other inputs
                row.children = (widgets.HTML(layout=widgets.Layout(width=LABEL_WIDTH)),
                                *row.children)
            rows.append(row)
        self.edit_apply = self._button("pd-edit-apply")
        return widgets.VBox([*rows, self._buttons(self.edit_apply)])

    # -- labels ---------------------------------------------------------------------
    def set_lang(self, lang: str, refresh: bool = True) -> None:
        """Relabel everything; filters, search, sort, page, selection and typed values
        are kept (the model's ``lang``: the view observes it)."""
        del refresh  # kept for callers; a language change queries only to re-sort
        self.model.lang = norm_lang(lang)

    def _relabel(self, query: bool = False) -> None:
        """Every text in the model's language. The links are paused meanwhile (new
        options make a dropdown jump to its first choice) and then set the widgets
        back from the model; the table is redrawn from the rows it has (a language
        change that re-sorts queries through the model's ``request``)."""
        links = getattr(self, "_links", [])
        for link in links:
            link.unlink()
        try:
            self._relabel_widgets()
        finally:
            for link in links:
                link.link()
        self._draw_table()
        if self.selected is not None:
            self.detail.value = render_request(self.selected, self.lang, today=self.today())
            self.history.value = render_history(self._history, self.lang)
        if query and self.register is not None:
            self.refresh()

    def _relabel_widgets(self) -> None:
        lang = self.lang
        set_options(self.status_filter, [(t("reg.all", lang), "all"),
                                         (t("reg.open", lang), "open")]
                    + options(STATUSES, status_label, lang))
        set_options(self.type_filter, [(t("reg.all", lang), "all")]
                    + options(REQUEST_TYPES, type_label, lang))
        set_options(self.deadline_filter, [(t("reg.all", lang), "all"),
                                           (t("reg.overdue", lang), "overdue"),
                                           (t("reg.due_soon", lang), "due_soon")])
        set_options(self.extend_reason, options(EXTENSION_REASONS, reason_label, lang))
        set_options(self.export_profile, [(nl if lang == "nl" else en, key) for key,
                                          (_kw, nl, en) in EXPORT_CHOICES.items()])
        set_options(self.new_status, options([v for _l, v in self.new_status.options],
                                             status_label, lang))
        set_options(self.identity_verified, [(t("reg.identity.yes", lang), True),
                                             (t("reg.identity.no", lang), False)])
        set_options(self.identity_method, options(IDENTITY_METHODS, method_label, lang))
        set_options(self.decide_outcome, options(OUTCOMES, decision_label, lang))
        set_options(self.edit["request_type"], options(REQUEST_TYPES, type_label, lang))
        set_options(self.edit["channel"], options(CHANNELS, channel_label, lang))
        for key, widget in self.titles.items():
            widget.value = f"<h3 class='pd-h3'>{esc(t('reg.' + key, lang))}</h3>"
        for key, widget in self.described:
            widget.description = t(key, lang)
        for key, label in self.labels:
            label.value = esc(t(key, lang))
        for key, note in self.notes:
            note.value = f'<span class="pd-note">{esc(t(key, lang))}</span>'
        self.actions.titles = tuple(t(key, lang) for _name, key in ACTION_TABS)
        for button, key in ((self.refresh_button, "reg.refresh"),
                            (self.prev_button, "reg.page.prev"),
                            (self.next_button, "reg.page.next"),
                            (self.reload_button, "reg.conflict.reload"),
                            (self.ack_apply, "reg.ack.apply"),
                            (self.info_request, "reg.info.request"),
                            (self.info_receive, "reg.info.receive"),
                            (self.identity_apply, "reg.identity.apply"),
                            (self.extend_apply, "reg.extend.apply"),
                            (self.decide_apply, "reg.decide.apply"),
                            (self.status_apply, "reg.status.apply"),
                            (self.edit_apply, "reg.edit.apply"),
                            (self.export_button, "reg.export.apply")):
            button.description = t(key, lang)
        self.search.placeholder = t("reg.search.placeholder", lang)
        self.selector.placeholder = t("reg.select.placeholder", lang)
        self.status_note.placeholder = t("reg.status.note", lang)
        self.extend_justification.placeholder = t("reg.extend.justification", lang)
        self.decide_ground.placeholder = t("reg.decide.ground.placeholder", lang)
        self.table.columns = [{"key": key, "label": t(label, lang),
                               "sortable": key not in UNSORTABLE} for key, label in COLUMNS]
        self.letters.relabel()
        self.templates.set_title(0, t("tpl.title", lang))
        if self.template_editor is not None:
            self.template_editor.relabel()
        self.table.texts = {"empty": t("reg.empty", lang), "region": t("reg.table.region", lang)}
        self._show_dm_note()

    # -- reading ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the table (one query) and the selected request (the refresh button,
        and the app when the tab is opened: other kernels may have written)."""
        if self.register is None:
            return
        self.refresh_table()
        self._load_selected()

    def refresh_table(self) -> None:
        """Query the page the model asks for and show it: one SQL statement."""
        if self.register is None:
            return
        try:
            page = register_query.fetch_page(self.register.engine, self.model.request,
                                             self.today())
        except Exception as error:  # noqa: BLE001 - shown, never a traceback
            log.exception("register: refresh failed")
            self.notice.value = render_exception(error, self.lang)
            return
        self.letter_flags = page_letter_flags(page.rows, self.today(),
                                              getattr(self.register, "calendar", None))
        self.notice.value = ""
        self.page = page
        with self.model.hold_trait_notifications():
            self.model.page_rows = page.rows
            self.model.total = page.total
        if page.page != self.model.page:      # the list shrank under the page shown
            self.model.page = page.page
            return
        self._draw_table()

    def _draw_table(self) -> None:
        """Show the page the last query gave, in the model's language (no query)."""
        page, lang = self.page, self.lang
        if page is None:
            return
        self.table.rows = table_rows(page.rows, lang, getattr(self, "letter_flags", {}))
        if self.model.sort == "urgency":
            sort = t("reg.sort.urgency", lang)
        else:
            sort = t(dict(COLUMNS).get(self.model.sort, "reg.col.id"), lang)
        direction = t("reg.sort.desc" if self.model.descending else "reg.sort.asc", lang)
        self.table.caption = t("reg.table.caption", lang).format(sort=sort,
                                                                  direction=direction)
        first = page.page * page.page_size + 1 if page.total else 0
        last = page.page * page.page_size + len(page.rows)
        info = t("reg.page.info", lang).format(first=first, last=last, total=page.total)
        self.page_info.value = f'<span class="pd-note">{esc(info)}</span>'
        self.prev_button.disabled = page.page == 0
        self.next_button.disabled = page.page + 1 >= page.pages
        self.count.value = (f'<span class="pd-note">{page.total} '
                            f'{esc(t("reg.count", lang))}</span>')
        self.selector.options = self.ids

    def turn_page(self, step: int) -> None:
        """Go ``step`` pages on (back when negative), within the pages there are."""
        pages = self.page.pages if self.page is not None else 1
        self.model.page = min(max(0, self.model.page + step), pages - 1)

    def select(self, request_id: str | None) -> None:
        """Show one request's details and history (None: show nothing)."""
        if request_id == self.model.selected:
            self._load_selected()
        else:
            self.model.selected = request_id

    def _load_selected(self) -> None:
        request_id = self.model.selected
        if request_id is None or self.register is None:
            self._show(None)
            return
        try:
            req = self.register.get(request_id)
            history = self.register.history(request_id)
        except Exception as error:  # noqa: BLE001
            if not isinstance(error, KeyError):
                log.exception("register: select failed")
            self._show(None)
            self.message.value = render_exception(error, self.lang)
            return
        self._show(req, history)

    def _show(self, req, history=None) -> None:
        """Show ``req`` (None: nothing) and its history, newest first."""
        self.selected = req
        self._history = history.iloc[::-1] if history is not None else None
        if req is None:
            self.detail.value = self.history.value = ""
        else:
            self.detail.value = render_request(req, self.lang, today=self.today())
            self.history.value = render_history(self._history, self.lang)
        self.letters.show_request(req)
        self._set_actions()

    def _set_actions(self) -> None:
        """Offer only what makes sense for the selection (Python re-checks anyway); fill
        the forms afresh when another request, or a newer version of it, is shown."""
        req = self.selected
        for panel in (self.actions_panel, self.details_panel, self.titles["history"]):
            panel.layout.display = "none" if req is None else None
        # The register's own rules say what this request allows (lifecycle.py); the
        # view only shows it, and the commands check again when called.
        actions = set(lifecycle.allowed_actions(req, self.today())) if req is not None \
            else set()
        allowed = list(lifecycle.next_statuses(req)) if req is not None else []
        set_options(self.new_status, options(allowed, status_label, self.lang))
        for button, action in ((self.status_apply, "set_status"),
                               (self.ack_apply, "acknowledge"),
                               (self.info_request, "request_info"),
                               (self.info_receive, "receive_info"),
                               (self.identity_apply, "record_identity"),
                               (self.decide_apply, "decide"),
                               (self.extend_apply, "extend"),
                               (self.edit_apply, "update")):
            button.disabled = action not in actions
        key = (req.id, req.version) if req is not None else None
        if key != self._form_for:
            self._form_for = key
            self._fill_forms(req)

    def _offer_next(self, form: str, req) -> None:
        """Beside the confirmation: a button per status the action suggests next
        (:func:`suggested_statuses`); one click moves the request on."""
        statuses = suggested_statuses(form, req)
        buttons = []
        for i, status in enumerate(statuses):
            button = widgets.Button(description=f"→ {status_label(status, self.lang)}",
                                    button_style="success" if i == 0 else "",
                                    layout=widgets.Layout(width="auto"))
            button.add_class("pd-next-status")
            button.add_class(f"pd-next-{status}")
            button.on_click(lambda _b, s=status: self.do_set_status(s))
            buttons.append(button)
        self.next_label.value = esc(t("reg.then", self.lang)) if buttons else ""
        self.next_step.children = [self.next_label, *buttons]
        self.next_step.layout.display = None if buttons else "none"

    @property
    def next_statuses_offered(self) -> list[str]:
        """The statuses the "next step" buttons offer now."""
        return [cls.removeprefix("pd-next-") for b in self.next_step.children[1:]
                for cls in b._dom_classes if cls.startswith("pd-next-")
                and cls != "pd-next-status"]

    def _fill_forms(self, req) -> None:
        """Reset every action form for ``req``: dates to today, notes empty, the
        identity check and decision as recorded so far, the edit form from its fields,
        each "then" status at its suggestion."""
        for errors in self.field_errors.values():
            for html in errors.values():
                html.value = ""
        today = self.today()
        for picker in (self.ack_on, self.info_on, self.identity_on, self.decide_on):
            picker.value = today
        self.info_note.value = self.status_note.value = self.extend_justification.value = ""
        self._show_dm_note()
        if req is not None:
            self.identity_verified.value = req.identity_verified is not False
            self.identity_method.value = req.identity_method or IDENTITY_METHODS[0]
            self.identity_note.value = req.identity_note or ""
            self.decide_outcome.value = req.decision or OUTCOMES[0]
            self.decide_ground.value = req.decision_ground or ""
            self.decide_reasons.value = req.decision_reasons or ""
            self.decide_told.value = bool(req.told_about_complaint)
            for field, value in edit_values(req).items():
                self.edit[field].value = value
        self._pristine = {id(w): (w, w.value) for w in self._form_inputs()}

    def _form_inputs(self) -> list[widgets.Widget]:
        """Every input of the action forms."""
        return [self.ack_on, self.info_on, self.info_note, self.identity_verified,
                self.identity_method, self.identity_note, self.identity_on,
                self.extend_reason, self.extend_justification, self.decide_outcome,
                self.decide_ground, self.decide_reasons, self.decide_told, self.decide_on,
                self.new_status, self.status_note, *self.edit.values()]

    def _typed(self) -> list[tuple[widgets.Widget, object]]:
        """The inputs people changed since the forms were filled, with their values."""
        pristine = getattr(self, "_pristine", {})
        return [(w, w.value) for key, (w, value) in pristine.items() if w.value != value]

    def _show_dm_note(self) -> None:
        dm = self.selected is not None and getattr(self.selected, "direct_marketing", False)
        self.decide_dm.value = (f'<div class="pd-note"><b>{esc(t("reg.decide.dm", self.lang))}'
                                "</b></div>" if dm else "")

    # -- messages ---------------------------------------------------------------------
    def say(self, html: str) -> None:
        """Show ``html`` in the message box beside the actions and scroll it into
        view (where the eye is, not below the fold)."""
        self.message.value = html
        self.scroller.nonce += 1

    # -- actions ----------------------------------------------------------------------
    def by_staff(self) -> dict:
        """``{"by": name}`` for the staff member the app shell knows, else ``{}`` (the
        register then refuses, asking who is making the change)."""
        by = (self.staff() or "").strip()
        return {"by": by} if by else {}

    def _precheck(self, open_only: bool = False):
        """The selected request, or None with a message when nothing is selected (or,
        with ``open_only``, when the copy shown is no longer open)."""
        if self.register is None:
            self.say(render_errors(t("app.db.unavailable", self.lang), []))
            return None
        if self.selected is None:
            self.say(render_errors(t("reg.nothing_selected", self.lang), []))
            return None
        if open_only and self.selected.status not in OPEN_STATUSES:
            self.say(render_errors(f"{self.selected.id}: {t('reg.not_open', self.lang)}",
                                    []))
            return None
        return self.selected

    def run_action(self, form: str, call: Callable, ok: Callable, *, open_only: bool = True):
        """Run one action on the selected request: precheck, ``call(req)`` (which passes
        ``version=req.version``), then the status chosen beside the button (if any),
        then either ``ok(req, updated)``'s text and a refresh of table, details and
        history, or the error — beside the form's fields and in the message box, never
        a traceback. Returns the updated request or None."""
        req = self._precheck(open_only=open_only)
        if req is None:
            return None
        for html in self.field_errors.get(form, {}).values():
            html.value = ""
        self.reload_button.layout.display = "none"
        self._offer_next(form, None)
        try:
            updated = call(req)
        except Exception as error:  # noqa: BLE001 - ValidationError, ConflictError, …
            self._show_error(form, req, error)
            return None
        self._stale = None
        self.refresh_table()
        self._load_selected()
        self.say(render_ok(ok(req, updated)))
        self._offer_next(form, self.selected)
        return updated

    def _show_error(self, form: str, req, error: Exception) -> None:
        """Every problem at once: each beside its field, all of them in the message
        box (fields the form does not show included)."""
        if isinstance(error, ValidationError):
            errors = self.field_errors.get(form, {})
            for field, msgs in error.messages(self.lang).items():
                if field in errors:
                    errors[field].value = render_field_error(msgs)
            self.say(render_exception(error, self.lang,
                                       title=f"{req.id}: {t('reg.fix', self.lang)}"))
            return
        if isinstance(error, ConflictError):
            self._stale = req
            self.reload_button.layout.display = None
            self.say(render_exception(error, self.lang) + self._other_changes(req))
            return
        log.warning("register: %s failed: %r", form, error)
        self.say(render_exception(error, self.lang, title=req.id))

    def _other_changes(self, stale) -> str:
        """Who changed what since ``stale`` was loaded — the last history rows, one per
        version the request moved on (each edit writes one) — escaped by
        render_history, newest first; "" when it cannot be read."""
        try:
            newer = self.register.get(stale.id).version - stale.version
            history = self.register.history(stale.id) if newer > 0 else None
        except Exception:  # noqa: BLE001 - the conflict message stands on its own
            log.warning("register: history for a conflict failed", exc_info=True)
            return ""
        if history is None or not len(history):
            return ""
        since = history.tail(newer)
        return (f'<div class="pd-conflict"><b>{esc(t("reg.conflict.who", self.lang))}</b>'
                f"{render_history(since.iloc[::-1], self.lang)}</div>")

    def reload_keeping_input(self) -> None:
        """"Herladen": load the request as it is now, keep what was typed in every
        form (to apply again on the new version) and say so."""
        stale, self._stale = self._stale, None
        self.reload_button.layout.display = "none"
        if self.register is None or self.selected is None:
            return
        try:
            req = self.register.get(self.selected.id)
            history = self.register.history(self.selected.id)
        except Exception as error:  # noqa: BLE001
            self.say(render_exception(error, self.lang))
            return
        typed = self._typed()       # only what was typed: the rest follows the new version
        self._show(req, history)
        for widget, value in typed:
            try:
                widget.value = value
            except traitlets.TraitError:      # a choice the new version no longer offers
                pass
        self.refresh_table()
        lines = [] if stale is None else [t("reg.conflict.kept", self.lang)]
        self.say(render_ok(f"{req.id}: {t('reg.conflict.reloaded', self.lang)}", lines))

    def do_acknowledge(self):
        """Record that receipt was acknowledged (on the date in the form)."""
        return self.run_action("ack", lambda req: self.register.acknowledge(
            req.id, on=self.ack_on.value, version=req.version, **self.by_staff()),
            lambda req, _u: f"{req.id}: {t('reg.ack.ok', self.lang)}")

    def do_request_info(self):
        """Record that extra information (e.g. about identity) was asked for."""
        return self.run_action("info", lambda req: self.register.request_info(
            req.id, on=self.info_on.value, note=self.info_note.value.strip() or None,
            version=req.version, **self.by_staff()),
            lambda req, _u: f"{req.id}: {t('reg.info.requested_ok', self.lang)}")

    def do_receive_info(self):
        """Record that the information asked for arrived."""
        return self.run_action("info", lambda req: self.register.receive_info(
            req.id, on=self.info_on.value, note=self.info_note.value.strip() or None,
            version=req.version, **self.by_staff()),
            lambda req, _u: f"{req.id}: {t('reg.info.received_ok', self.lang)}")

    def do_record_identity(self):
        """Record the identity check: verified yes/no, the method, a note (never a
        document or BSN; the register refuses a BSN-like note)."""
        return self.run_action("identity", lambda req: self.register.record_identity(
            req.id, verified=self.identity_verified.value, method=self.identity_method.value,
            note=self.identity_note.value.strip() or None, on=self.identity_on.value,
            version=req.version, **self.by_staff()),
            lambda req, _u: f"{req.id}: {t('reg.identity.ok', self.lang)}")

    def do_decide(self):
        """Record the decision; the register demands ground, reasons and the complaint
        notice for partly/refused, and refuses anything but granted for a
        direct-marketing objection."""
        return self.run_action("decide", lambda req: self.register.decide(
            req.id, outcome=self.decide_outcome.value,
            ground=self.decide_ground.value.strip() or None,
            reasons=self.decide_reasons.value.strip() or None,
            told_about_complaint=bool(self.decide_told.value), on=self.decide_on.value,
            version=req.version, **self.by_staff()),
            lambda req, u: f"{req.id}: {t('reg.decide.ok', self.lang)} — "
                           f"{decision_label(u.decision, self.lang)}")

    def do_set_status(self, status: str | None = None):
        """Move the selected request to ``status`` (default: the one chosen in the
        status form); returns the updated request or None (a message says why)."""
        new = status or self.new_status.value
        return self.run_action("status", lambda req: self.register.set_status(
            req.id, new, note=self.status_note.value.strip() or None,
            version=req.version, **self.by_staff()),
            lambda req, _u: f"{t('reg.status.ok', self.lang)}: {req.id} → "
                            f"{status_label(new, self.lang)}", open_only=False)

    def do_extend(self):
        """Extend the selected request's deadline; returns the updated request or None."""
        return self.run_action("extend", lambda req: self.register.extend(
            req.id, reason=self.extend_reason.value,
            justification=self.extend_justification.value.strip(),
            version=req.version, **self.by_staff()),
            lambda req, u: f"{req.id}: {t('reg.extend.ok', self.lang)} "
                           f"{format_date(u.due, self.lang)}")

    def do_edit(self):
        """Save the edit form's changed fields (``reg.update``); an unchanged form
        writes nothing and says so."""
        req = self._precheck()
        if req is None:
            return None
        changes = edit_changes(req, {f: w.value for f, w in self.edit.items()})
        if not changes:
            self.say(render_ok(f"{req.id}: {t('reg.edit.none', self.lang)}"))
            return None
        return self.run_action("edit", lambda r: self.register.update(
            r.id, version=r.version, **changes, **self.by_staff()),
            lambda r, _u: f"{r.id}: {t('reg.edit.ok', self.lang)}", open_only=False)

    def open_templates(self) -> TemplateEditor | None:
        """The letter template editor (built on first opening)."""
        if self.register is None:
            return None
        if self.template_editor is None:
            self.template_editor = TemplateEditor(self)
            self.templates_slot.children = [self.template_editor]
        if self.templates.selected_index != 0:
            self.templates.selected_index = 0
        return self.template_editor

    def export_filters(self) -> dict:
        """The table's filters as ``export_csv`` keywords (the search text is not one:
        the export says so)."""
        m = self.model
        out: dict = {}
        if m.status == "open":
            out["status"] = list(OPEN_STATUSES)
        elif m.status != "all":
            out["status"] = m.status
        if m.request_type != "all":
            out["request_type"] = m.request_type
        if m.deadline == "overdue":
            out.update(overdue=True, today=self.today())
        elif m.deadline == "due_soon":
            out.update(due_within=register_query.DUE_SOON_DAYS, today=self.today())
        return out

    def do_export(self) -> bytes | None:
        """Write the requests the filters show (status, type, deadline) to a private
        temporary file (outside the served folder), offer it as a download link and
        delete the file; returns the bytes or None."""
        if self.register is None:
            self.export_link.value = render_errors(t("app.db.unavailable", self.lang), [])
            return None
        choice = self.export_profile.value
        if choice not in EXPORT_CHOICES:
            choice = "standard"
        kwargs = {**EXPORT_CHOICES[choice][0], **self.export_filters()}
        if kwargs["profile"] == "excel-nl":  # for people: headers and labels as on screen
            kwargs["labels"] = self.lang
        tmpdir = tempfile.mkdtemp(prefix="privacy-desk-export-")
        path = os.path.join(tmpdir, "export.csv")
        try:
            written = self.register.export_csv(path, **kwargs)
            with open(path, "rb") as handle:
                data = handle.read()
        except Exception as error:  # noqa: BLE001
            log.exception("register: export failed")
            self.export_link.value = render_exception(error, self.lang)
            return None
        finally:
            if os.path.exists(path):
                os.remove(path)
            os.rmdir(tmpdir)
        stamp = self.today().isoformat()
        name = ("verzoeken" if self.lang == "nl" else "requests")
        name += {"standard": "", "pseudonymised": "-gepseudonimiseerd" if self.lang == "nl"
                 else "-pseudonymised", "plain": "-tools"}[choice]
        filtered = self.export_filters()
        if filtered:
            name += "-" + t("reg.export.filtered_name", self.lang)
        filename = f"{name}-{stamp}.csv"
        rows = written if isinstance(written, int) else count_csv_rows(
            data, kwargs.get("profile", "excel-nl"))
        scope = t("reg.export.filtered" if filtered else "reg.export.everything", self.lang)
        if self.model.search:
            scope += " " + t("reg.export.search_ignored", self.lang)
        self.last_export = data
        self.export_link.value = csv_download_link(
            data, filename, t("reg.export.ok", self.lang),
            note=f"({rows} {t('reg.export.rows', self.lang)}; {scope})")
        return data
