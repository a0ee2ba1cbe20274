"""The "Register" tab: the requests as a table, one request's details and history, the
actions that carry it through its lifecycle (acknowledge, identity, extend, decide,
status, edit) and CSV export."""

from __future__ import annotations

import csv
import io
import logging
import os
import tempfile
from typing import Callable

import ipywidgets as widgets

from privacy_kb.errors import ConflictError, ValidationError
from privacy_kb.vocabulary import allowed_next
from privacy_kb.ui.intake import FIELDS as INTAKE_FIELDS
from privacy_kb.ui.labels import (CHANNELS, EXPORT_CHOICES, EXTENSION_REASONS,
                                  IDENTITY_METHODS, OPEN_STATUSES, OUTCOMES, REQUEST_TYPES,
                                  STATUSES, channel_label, decision_label, method_label,
                                  norm_lang, options, reason_label, status_label, t,
                                  type_label)
from privacy_kb.ui.logic import edit_changes, edit_values, register_rows, today_amsterdam
from privacy_kb.ui.render import (csv_download_link, esc, format_date, render_errors,
                                  render_exception, render_field_error, render_history,
                                  render_ok, render_request)

log = logging.getLogger(__name__)


def next_statuses(status: str | None) -> list[str]:
    """Statuses a request may move to from ``status``: the register's own rule
    (:func:`privacy_kb.vocabulary.allowed_next`), which ``set_status`` enforces; the
    list only spares people a refusal."""
    return list(allowed_next(status))


def count_csv_rows(data: bytes, profile: str = "excel-nl") -> int:
    """Data rows (header excluded) in an exported CSV; quoted line breaks count once."""
    text = data.decode("utf-8-sig", errors="replace")
    delimiter = ";" if profile == "excel-nl" else ","
    return max(0, sum(1 for _ in csv.reader(io.StringIO(text), delimiter=delimiter)) - 1)


def table_language(lang: str) -> dict:
    """DataTables' own texts (search box, paging) in ``lang``; inline, no download."""
    if norm_lang(lang) == "en":
        return {"search": "Search:", "lengthMenu": "_MENU_ per page",
                "info": "_START_–_END_ of _TOTAL_", "infoEmpty": "0 of 0",
                "infoFiltered": "(filtered from _MAX_)", "zeroRecords": "No requests found.",
                "emptyTable": "No requests."}
    return {"search": "Zoeken:", "lengthMenu": "_MENU_ per pagina",
            "info": "_START_–_END_ van _TOTAL_", "infoEmpty": "0 van 0",
            "infoFiltered": "(gefilterd uit _MAX_)", "zeroRecords": "Geen verzoeken gevonden.",
            "emptyTable": "Geen verzoeken.",
            "paginate": {"first": "Eerste", "last": "Laatste", "next": "Volgende",
                         "previous": "Vorige"}}


def set_options(dropdown: widgets.Dropdown, choices: list[tuple[str, object]]) -> None:
    """Give ``dropdown`` new (label, value) choices, keeping its value when it is still
    a choice, else the first one (ipywidgets would leave it at None)."""
    keep = dropdown.value
    dropdown.options = choices
    values = [v for _label, v in choices]
    if keep in values:
        dropdown.value = keep
    elif values:
        dropdown.value = values[0]


#: The action tabs of the detail panel, in lifecycle order: (key, label key).
ACTION_TABS = (("ack", "reg.act.ack"), ("identity", "reg.act.identity"),
               ("extend", "reg.act.extend"), ("decide", "reg.act.decide"),
               ("status", "reg.act.status"), ("edit", "reg.act.edit"))
LABEL_WIDTH = "14em"


class RegisterView(widgets.VBox):
    """The register as a table with filters; select a request to act on it.

    The selected request's panel has one small form per action — acknowledge, identity
    (information asked/received, the check itself), extend, decide, change status, edit
    the request's fields. Each form sends the version of the copy shown, so an edit
    made meanwhile by someone else is refused rather than overwritten; a refused action
    shows its messages beside the fields and changes nothing.

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
        from itables.widget import ITable  # imported here: only this tab needs it

        self.register = register
        self.staff = staff or (lambda: "")
        self.lang = norm_lang(lang)
        self.today = today or (register.today if register is not None else today_amsterdam)
        self.ids: list[str] = []
        self.selected = None          # the request as loaded when selected
        self._form_for: object = ()   # (id, version) the action forms were filled from
        self.last_export: bytes | None = None
        self._syncing = False
        self.labels: list[tuple[str, widgets.HTML]] = []          # (text key, label)
        self.notes: list[tuple[str, widgets.HTML]] = []           # (text key, note)
        self.field_errors: dict[str, dict[str, widgets.HTML]] = {}  # form -> field -> HTML
        # filters
        self.status_filter = widgets.Dropdown(layout=widgets.Layout(width="auto"))
        self.status_filter.add_class("pd-filter-status")
        self.type_filter = widgets.Dropdown(layout=widgets.Layout(width="auto"))
        self.type_filter.add_class("pd-filter-type")
        self.deadline_filter = widgets.Dropdown(layout=widgets.Layout(width="auto"))
        self.deadline_filter.add_class("pd-filter-deadline")
        self.refresh_button = widgets.Button(icon="refresh", layout=widgets.Layout(width="auto"))
        self.refresh_button.add_class("pd-register-refresh")
        self.count = widgets.HTML()
        # table and selection
        self.table = ITable(None, select={"style": "single"}, allow_html=False,
                            classes="display compact nowrap cell-border", pageLength=10,
                            lengthMenu=[10, 25, 50, 100], language=table_language(self.lang),
                            columnDefs=[{"targets": -1, "className": "pd-flag"}])
        self.table.add_class("pd-register-table")
        self.selector = widgets.Dropdown(layout=widgets.Layout(width="24em"))
        self.selector.add_class("pd-register-select")
        self.detail = widgets.HTML()
        self.detail.add_class("pd-register-detail")
        self.history = widgets.HTML()
        self.history.add_class("pd-register-history")
        self.message = widgets.HTML()
        self.message.add_class("pd-register-message")
        # the action forms, one per tab
        self.actions = widgets.Tab(children=[self._ack_form(), self._identity_form(),
                                             self._extend_form(), self._decide_form(),
                                             self._status_form(), self._edit_form()])
        self.actions.add_class("pd-actions")
        # export
        self.export_profile = widgets.Dropdown(layout=widgets.Layout(width="20em"))
        self.export_profile.add_class("pd-export-profile")
        self.export_button = widgets.Button(icon="download", layout=widgets.Layout(width="auto"))
        self.export_button.add_class("pd-export-csv")
        self.export_link = widgets.HTML()
        self.export_link.add_class("pd-export-link")
        # section titles and inline labels (relabelled by set_lang)
        self.titles = {k: widgets.HTML() for k in ("details", "actions", "history",
                                                   "exports")}
        inline = {k: self._label(k, margin="0 0.3em 0 0.8em") for k in (
            "reg.filter.status", "reg.filter.type", "reg.filter.deadline", "reg.select",
            "reg.export.profile")}
        self.actions_panel = widgets.VBox([self.titles["actions"], self.actions])
        self.children = [
            widgets.HBox([inline["reg.filter.status"], self.status_filter,
                          inline["reg.filter.type"], self.type_filter,
                          inline["reg.filter.deadline"], self.deadline_filter,
                          self.refresh_button, self.count]),
            self.table,
            widgets.HBox([inline["reg.select"], self.selector]),
            self.titles["details"], self.detail,
            self.actions_panel,
            self.message,
            self.titles["history"], self.history,
            self.titles["exports"],
            widgets.HBox([inline["reg.export.profile"], self.export_profile,
                          self.export_button]),
            self.export_link,
        ]
        self.set_lang(self.lang, refresh=False)
        for dropdown in (self.status_filter, self.type_filter, self.deadline_filter):
            dropdown.observe(lambda _c: self.refresh(), names="value")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.table.observe(self._on_table_select, names="selected_rows")
        self.selector.observe(self._on_selector, names="value")
        self.ack_apply.on_click(lambda _b: self.do_acknowledge())
        self.info_request.on_click(lambda _b: self.do_request_info())
        self.info_receive.on_click(lambda _b: self.do_receive_info())
        self.identity_apply.on_click(lambda _b: self.do_record_identity())
        self.extend_apply.on_click(lambda _b: self.do_extend())
        self.decide_apply.on_click(lambda _b: self.do_decide())
        self.status_apply.on_click(lambda _b: self.do_set_status())
        self.edit_apply.on_click(lambda _b: self.do_edit())
        self.export_button.on_click(lambda _b: self.do_export())
        self._set_actions()
        if register is None:
            self.message.value = render_errors(t("app.db.unavailable", self.lang), [])
        else:
            self.refresh()

    # -- building the forms -----------------------------------------------------------
    def _label(self, key: str, **layout) -> widgets.HTML:
        label = widgets.HTML(layout=widgets.Layout(**layout))
        self.labels.append((key, label))
        return label

    def _note(self, key: str) -> widgets.HTML:
        note = widgets.HTML()
        self.notes.append((key, note))
        return note

    def _row(self, form: str, field: str, key: str, widget, hook: str) -> widgets.HBox:
        """One form row: label, widget (CSS class ``hook``), and the place where the
        register's message about ``field`` appears."""
        widget.add_class(hook)
        error = widgets.HTML()
        error.add_class(f"pd-error-{form}-{field}")
        self.field_errors.setdefault(form, {})[field] = error
        return widgets.HBox([self._label(key, width=LABEL_WIDTH), widget, error],
                            layout=widgets.Layout(align_items="center"))

    @staticmethod
    def _button(hook: str, primary: bool = True) -> widgets.Button:
        button = widgets.Button(button_style="primary" if primary else "",
                                layout=widgets.Layout(width="auto"))
        button.add_class(hook)
        return button

    @staticmethod
    def _buttons(*buttons: widgets.Button) -> widgets.HBox:
        """Buttons in a row at their own width (a VBox would stretch them)."""
        return widgets.HBox(list(buttons), layout=widgets.Layout(margin="0.4em 0 0 0"))

    def _ack_form(self) -> widgets.VBox:
        self.ack_on = widgets.DatePicker()
        self.ack_apply = self._button("pd-ack-apply")
        return widgets.VBox([self._note("reg.ack.intro"),
                             self._row("ack", "on", "reg.ack.on", self.ack_on, "pd-ack-on"),
                             self._buttons(self.ack_apply)])

    def _identity_form(self) -> widgets.VBox:
        self.info_on = widgets.DatePicker()
        self.info_note = widgets.Text(layout=widgets.Layout(width="30em"))
        self.info_request = self._button("pd-info-request", primary=False)
        self.info_receive = self._button("pd-info-receive", primary=False)
        self.identity_verified = widgets.Dropdown(layout=widgets.Layout(width="20em"))
        self.identity_method = widgets.Dropdown(layout=widgets.Layout(width="20em"))
        self.identity_note = widgets.Textarea(rows=2, layout=widgets.Layout(width="30em"))
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
        self.extend_reason = widgets.Dropdown(layout=widgets.Layout(width="20em"))
        self.extend_justification = widgets.Textarea(rows=2, layout=widgets.Layout(width="30em"))
        self.extend_apply = self._button("pd-extend-apply")
        return widgets.VBox([
            self._note("reg.extend"),
            self._row("extend", "reason", "reg.extend.reason", self.extend_reason,
                      "pd-extend-reason"),
            self._row("extend", "justification", "reg.extend.justification",
                      self.extend_justification, "pd-extend-justification"),
            self._buttons(self.extend_apply)])

    def _decide_form(self) -> widgets.VBox:
        self.decide_outcome = widgets.Dropdown(layout=widgets.Layout(width="20em"))
        self.decide_ground = widgets.Text(layout=widgets.Layout(width="30em"))
        self.decide_reasons = widgets.Textarea(rows=3, layout=widgets.Layout(width="30em"))
        self.decide_told = widgets.Checkbox(indent=False, layout=widgets.Layout(width="2em"))
        told_text = self._note("reg.decide.told.text")
        self.decide_on = widgets.DatePicker()
        self.decide_dm = widgets.HTML()
        self.decide_dm.add_class("pd-decide-dm")
        self.decide_apply = self._button("pd-decide-apply")
        told_row = self._row("decide", "told_about_complaint", "reg.decide.told",
                             self.decide_told, "pd-decide-told")
        told_row.children = (told_row.children[0], told_row.children[1], told_text,
                             told_row.children[2])
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
        self.new_status = widgets.Dropdown(layout=widgets.Layout(width="20em"))
        self.status_note = widgets.Text(layout=widgets.Layout(width="30em"))
        self.status_apply = self._button("pd-status-apply")
        return widgets.VBox([
            self._row("status", "status", "reg.status.new", self.new_status, "pd-status-new"),
            self._row("status", "note", "reg.status.note", self.status_note,
                      "pd-status-note"),
            self._buttons(self.status_apply)])

    def _edit_form(self) -> widgets.VBox:
        wide = {"width": "26em"}
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
                widget = widgets.Checkbox(indent=False, layout=widgets.Layout(**wide))
            else:
                widget = cls(layout=widgets.Layout(**wide))
            self.edit[field] = widget
            rows.append(self._row("edit", field, key, widget,
                                  "pd-edit-" + field.replace("_", "-")))
        self.edit_apply = self._button("pd-edit-apply")
        return widgets.VBox([*rows, self._buttons(self.edit_apply)])

    # -- labels ---------------------------------------------------------------------
    def set_lang(self, lang: str, refresh: bool = True) -> None:
        """Relabel everything; filters, selection and typed values are kept."""
        self.lang = lang = norm_lang(lang)
        self._syncing = True
        try:
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
        finally:
            self._syncing = False
        for key, widget in self.titles.items():
            widget.value = f"<h4>{esc(t('reg.' + key, lang))}</h4>"
        for key, label in self.labels:
            label.value = esc(t(key, lang))
        for key, note in self.notes:
            note.value = f'<span class="pd-note">{esc(t(key, lang))}</span>'
        self.actions.titles = tuple(t(key, lang) for _name, key in ACTION_TABS)
        for button, key in ((self.refresh_button, "reg.refresh"),
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
        self.status_note.placeholder = t("reg.status.note", lang)
        self.extend_justification.placeholder = t("reg.extend.justification", lang)
        self.decide_ground.placeholder = t("reg.decide.ground.placeholder", lang)
        self._show_dm_note()
        if refresh and self.register is not None:
            self.refresh()

    # -- reading ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Reload the table (with the filters) and the selected request."""
        if self._syncing or self.register is None:
            return
        try:
            today = self.today()
            frame = self.register.frame()
            overdue = self.register.overdue(today=today)
            due_soon = self.register.due_soon(today=today)
            display, ids = register_rows(
                frame, self.lang, status=self.status_filter.value or "all",
                request_type=self.type_filter.value or "all",
                deadline=self.deadline_filter.value or "all",
                overdue_ids=[str(i) for i in overdue["id"]] if len(overdue) else [],
                due_soon_ids=[str(i) for i in due_soon["id"]] if len(due_soon) else [])
        except Exception as error:  # noqa: BLE001
            log.exception("register: refresh failed")
            self.message.value = render_exception(error, self.lang)
            return
        self.ids = ids
        keep = self.selected.id if self.selected is not None else None
        self._syncing = True
        try:
            self.table.update(display, selected_rows=[ids.index(keep)] if keep in ids else [],
                              language=table_language(self.lang))
            self.selector.options = [(t("reg.select.none", self.lang), None)] + [
                (i, i) for i in ids]
            self.selector.value = keep if keep in ids else None
        finally:
            self._syncing = False
        self.count.value = f'<span class="pd-note">{len(ids)} {esc(t("reg.count", self.lang))}</span>'
        if keep in ids:
            self.select(keep)
        else:
            self.select(None)

    def _on_table_select(self, change) -> None:
        if self._syncing:
            return
        rows = change["new"] or []
        if rows and 0 <= rows[0] < len(self.ids):
            self.select(self.ids[rows[0]])

    def _on_selector(self, change) -> None:
        if not self._syncing:
            self.select(change["new"])

    def select(self, request_id: str | None) -> None:
        """Show one request's details and history (None: show nothing)."""
        self._syncing = True
        try:
            if self.selector.value != request_id and (request_id is None or
                                                       request_id in self.ids):
                self.selector.value = request_id
            if request_id in self.ids:
                row = self.ids.index(request_id)
                if list(self.table.selected_rows or []) != [row]:
                    self.table.selected_rows = [row]
            elif self.table.selected_rows:
                self.table.selected_rows = []
        finally:
            self._syncing = False
        if request_id is None or self.register is None:
            self.selected = None
            self.detail.value = ""
            self.history.value = ""
            self._set_actions()
            return
        try:
            req = self.register.get(request_id)
            history = self.register.history(request_id)
        except Exception as error:  # noqa: BLE001
            log.exception("register: select failed")
            self.selected = None
            self.detail.value = ""
            self.history.value = ""
            self.message.value = render_exception(error, self.lang)
            self._set_actions()
            return
        self.selected = req
        self.detail.value = render_request(req, self.lang, today=self.today())
        self.history.value = render_history(history, self.lang)
        self._set_actions()

    def _set_actions(self) -> None:
        """Offer only what makes sense for the selection (Python re-checks anyway); fill
        the forms afresh when another request, or a newer version of it, is shown."""
        req = self.selected
        self.actions_panel.layout.display = "none" if req is None else None
        is_open = req is not None and req.status in OPEN_STATUSES
        allowed = next_statuses(req.status) if req is not None else []
        set_options(self.new_status, options(allowed, status_label, self.lang))
        self.status_apply.disabled = not allowed
        for button in (self.ack_apply, self.info_request, self.info_receive,
                       self.identity_apply, self.decide_apply):
            button.disabled = not is_open
        self.extend_apply.disabled = not (is_open and not getattr(req, "extended", False))
        self.edit_apply.disabled = req is None or bool(getattr(req, "anonymised", False))
        key = (req.id, req.version) if req is not None else None
        if key != self._form_for:
            self._form_for = key
            self._fill_forms(req)

    def _fill_forms(self, req) -> None:
        """Reset every action form for ``req``: dates to today, notes empty, the
        identity check and decision as recorded so far, the edit form from its fields."""
        for errors in self.field_errors.values():
            for html in errors.values():
                html.value = ""
        today = self.today()
        for picker in (self.ack_on, self.info_on, self.identity_on, self.decide_on):
            picker.value = today
        self.info_note.value = self.status_note.value = self.extend_justification.value = ""
        self._show_dm_note()
        if req is None:
            return
        self.identity_verified.value = req.identity_verified is not False
        self.identity_method.value = req.identity_method or IDENTITY_METHODS[0]
        self.identity_note.value = req.identity_note or ""
        self.decide_outcome.value = req.decision or OUTCOMES[0]
        self.decide_ground.value = req.decision_ground or ""
        self.decide_reasons.value = req.decision_reasons or ""
        self.decide_told.value = bool(req.told_about_complaint)
        for field, value in edit_values(req).items():
            self.edit[field].value = value

    def _show_dm_note(self) -> None:
        dm = self.selected is not None and getattr(self.selected, "direct_marketing", False)
        self.decide_dm.value = (f'<div class="pd-note"><b>{esc(t("reg.decide.dm", self.lang))}'
                                "</b></div>" if dm else "")

    # -- actions ----------------------------------------------------------------------
    def _by(self) -> dict:
        by = (self.staff() or "").strip()
        return {"by": by} if by else {}

    def _precheck(self, open_only: bool = False):
        """The selected request, or None with a message when nothing is selected (or,
        with ``open_only``, when the copy shown is no longer open)."""
        if self.register is None:
            self.message.value = render_errors(t("app.db.unavailable", self.lang), [])
            return None
        if self.selected is None:
            self.message.value = render_errors(t("reg.nothing_selected", self.lang), [])
            return None
        if open_only and self.selected.status not in OPEN_STATUSES:
            self.message.value = render_errors(
                f"{self.selected.id}: {t('reg.not_open', self.lang)}", [])
            return None
        return self.selected

    def _act(self, form: str, call: Callable, ok: Callable, *, open_only: bool = True):
        """Run one action on the selected request: precheck, ``call(req)`` (which passes
        ``version=req.version``), then either ``ok(req, updated)``'s text and a refresh
        of table, details and history, or the error — beside the form's fields and in
        the message box, never a traceback. Returns the updated request or None."""
        req = self._precheck(open_only=open_only)
        if req is None:
            return None
        for html in self.field_errors.get(form, {}).values():
            html.value = ""
        try:
            updated = call(req)
        except Exception as error:  # noqa: BLE001 - ValidationError, ConflictError, …
            self._show_error(form, req, error)
            return None
        self.message.value = render_ok(ok(req, updated))
        self.refresh()
        return updated

    def _show_error(self, form: str, req, error: Exception) -> None:
        if isinstance(error, ValidationError):
            errors = self.field_errors.get(form, {})
            for field, msgs in error.messages(self.lang).items():
                if field in errors:
                    errors[field].value = render_field_error(msgs)
            title = f"{req.id}: {t('reg.fix', self.lang)}"
        else:
            if not isinstance(error, ConflictError):
                log.warning("register: %s failed: %r", form, error)
            title = req.id
        self.message.value = render_exception(error, self.lang, title=title)

    def do_acknowledge(self):
        """Record that receipt was acknowledged (on the date in the form)."""
        return self._act("ack", lambda req: self.register.acknowledge(
            req.id, on=self.ack_on.value, version=req.version, **self._by()),
            lambda req, _u: f"{req.id}: {t('reg.ack.ok', self.lang)}")

    def do_request_info(self):
        """Record that extra information (e.g. about identity) was asked for."""
        return self._act("info", lambda req: self.register.request_info(
            req.id, on=self.info_on.value, note=self.info_note.value.strip() or None,
            version=req.version, **self._by()),
            lambda req, _u: f"{req.id}: {t('reg.info.requested_ok', self.lang)}")

    def do_receive_info(self):
        """Record that the information asked for arrived."""
        return self._act("info", lambda req: self.register.receive_info(
            req.id, on=self.info_on.value, note=self.info_note.value.strip() or None,
            version=req.version, **self._by()),
            lambda req, _u: f"{req.id}: {t('reg.info.received_ok', self.lang)}")

    def do_record_identity(self):
        """Record the identity check: verified yes/no, the method, a note (never a
        document or BSN; the register refuses a BSN-like note)."""
        return self._act("identity", lambda req: self.register.record_identity(
            req.id, verified=self.identity_verified.value, method=self.identity_method.value,
            note=self.identity_note.value.strip() or None, on=self.identity_on.value,
            version=req.version, **self._by()),
            lambda req, _u: f"{req.id}: {t('reg.identity.ok', self.lang)}")

    def do_decide(self):
        """Record the decision; the register demands ground, reasons and the complaint
        notice for partly/refused, and refuses anything but granted for a
        direct-marketing objection."""
        return self._act("decide", lambda req: self.register.decide(
            req.id, outcome=self.decide_outcome.value,
            ground=self.decide_ground.value.strip() or None,
            reasons=self.decide_reasons.value.strip() or None,
            told_about_complaint=bool(self.decide_told.value), on=self.decide_on.value,
            version=req.version, **self._by()),
            lambda req, u: f"{req.id}: {t('reg.decide.ok', self.lang)} — "
                           f"{decision_label(u.decision, self.lang)}")

    def do_set_status(self):
        """Move the selected request to the chosen status; returns the updated request
        or None (a message says why)."""
        new = self.new_status.value
        return self._act("status", lambda req: self.register.set_status(
            req.id, new, note=self.status_note.value.strip() or None,
            version=req.version, **self._by()),
            lambda req, _u: f"{t('reg.status.ok', self.lang)}: {req.id} → "
                            f"{status_label(new, self.lang)}", open_only=False)

    def do_extend(self):
        """Extend the selected request's deadline; returns the updated request or None."""
        return self._act("extend", lambda req: self.register.extend(
            req.id, reason=self.extend_reason.value,
            justification=self.extend_justification.value.strip(),
            version=req.version, **self._by()),
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
            self.message.value = render_ok(f"{req.id}: {t('reg.edit.none', self.lang)}")
            return None
        return self._act("edit", lambda r: self.register.update(
            r.id, version=r.version, **changes, **self._by()),
            lambda r, _u: f"{r.id}: {t('reg.edit.ok', self.lang)}", open_only=False)

    def do_export(self) -> bytes | None:
        """Write the CSV to a private temporary file (outside the served folder), offer
        it as a download link and delete the file; returns the bytes or None."""
        if self.register is None:
            self.message.value = render_errors(t("app.db.unavailable", self.lang), [])
            return None
        choice = self.export_profile.value
        if choice not in EXPORT_CHOICES:
            choice = "standard"
        kwargs = EXPORT_CHOICES[choice][0]
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
        if choice == "pseudonymised":
            name += "-gepseudonimiseerd" if self.lang == "nl" else "-pseudonymised"
        filename = f"{name}-{stamp}.csv"
        rows = written if isinstance(written, int) else count_csv_rows(
            data, kwargs.get("profile", "excel-nl"))
        self.last_export = data
        self.export_link.value = csv_download_link(
            data, filename, t("reg.export.ok", self.lang),
            note=f"({rows} {t('reg.export.rows', self.lang)})")
        return data
