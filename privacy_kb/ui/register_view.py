"""The "Register" tab: the requests as a table, one request's details and history,
status changes, extensions and CSV export."""

from __future__ import annotations

import csv
import io
import logging
import os
import tempfile
from typing import Callable

import ipywidgets as widgets

from privacy_kb.errors import ValidationError
from privacy_kb.register.schema import STATUS_RANK
from privacy_kb.ui.labels import (EXPORT_CHOICES, EXTENSION_REASONS, OPEN_STATUSES,
                                  REQUEST_TYPES, STATUSES, norm_lang, options, reason_label,
                                  status_label, t, type_label)
from privacy_kb.ui.logic import register_rows, today_amsterdam
from privacy_kb.ui.render import (csv_download_link, esc, format_date, render_errors,
                                  render_exception, render_history, render_ok, render_request)

log = logging.getLogger(__name__)


def next_statuses(status: str | None) -> list[str]:
    """Statuses a request may move to from ``status``: forward only (steps may be
    skipped); "withdrawn" only from an open status; nothing from a final one. The
    register enforces this too; the list only spares people a refusal."""
    if status not in STATUS_RANK:
        return []
    rank = STATUS_RANK[status]
    out = [s for s in STATUSES if STATUS_RANK[s] > rank and s != "withdrawn"]
    if status in OPEN_STATUSES:
        out.append("withdrawn")
    return out


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


class RegisterView(widgets.VBox):
    """The register as a table with filters; select a request to act on it.

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
        self.last_export: bytes | None = None
        self._syncing = False
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
        # status change
        self.new_status = widgets.Dropdown(layout=widgets.Layout(width="14em"))
        self.new_status.add_class("pd-status-new")
        self.status_note = widgets.Text(layout=widgets.Layout(width="22em"))
        self.status_note.add_class("pd-status-note")
        self.status_apply = widgets.Button(button_style="primary",
                                           layout=widgets.Layout(width="auto"))
        self.status_apply.add_class("pd-status-apply")
        # extension
        self.extend_reason = widgets.Dropdown(layout=widgets.Layout(width="14em"))
        self.extend_reason.add_class("pd-extend-reason")
        self.extend_justification = widgets.Textarea(rows=2, layout=widgets.Layout(width="30em"))
        self.extend_justification.add_class("pd-extend-justification")
        self.extend_apply = widgets.Button(layout=widgets.Layout(width="auto"))
        self.extend_apply.add_class("pd-extend-apply")
        self.message = widgets.HTML()
        self.message.add_class("pd-register-message")
        # export
        self.export_profile = widgets.Dropdown(layout=widgets.Layout(width="20em"))
        self.export_profile.add_class("pd-export-profile")
        self.export_button = widgets.Button(icon="download", layout=widgets.Layout(width="auto"))
        self.export_button.add_class("pd-export-csv")
        self.export_link = widgets.HTML()
        self.export_link.add_class("pd-export-link")
        # section titles (relabelled by set_lang)
        self.titles = {k: widgets.HTML() for k in ("details", "history", "change", "extend",
                                                   "exports")}
        self.field_labels = {k: widgets.HTML() for k in (
            "filter.status", "filter.type", "filter.deadline", "select", "status.new",
            "status.note", "extend.reason", "extend.justification", "export.profile")}
        fl = self.field_labels
        self.children = [
            widgets.HBox([fl["filter.status"], self.status_filter, fl["filter.type"],
                          self.type_filter, fl["filter.deadline"], self.deadline_filter,
                          self.refresh_button, self.count]),
            self.table,
            widgets.HBox([fl["select"], self.selector]),
            self.message,
            self.titles["details"], self.detail,
            self.titles["change"],
            widgets.HBox([fl["status.new"], self.new_status, fl["status.note"],
                          self.status_note, self.status_apply]),
            self.titles["extend"],
            widgets.HBox([fl["extend.reason"], self.extend_reason,
                          fl["extend.justification"], self.extend_justification,
                          self.extend_apply]),
            self.titles["history"], self.history,
            self.titles["exports"],
            widgets.HBox([fl["export.profile"], self.export_profile, self.export_button]),
            self.export_link,
        ]
        for label in fl.values():
            label.layout = widgets.Layout(margin="0 0.3em 0 0.8em")
        self.set_lang(self.lang, refresh=False)
        for dropdown in (self.status_filter, self.type_filter, self.deadline_filter):
            dropdown.observe(lambda _c: self.refresh(), names="value")
        self.refresh_button.on_click(lambda _b: self.refresh())
        self.table.observe(self._on_table_select, names="selected_rows")
        self.selector.observe(self._on_selector, names="value")
        self.status_apply.on_click(lambda _b: self.do_set_status())
        self.extend_apply.on_click(lambda _b: self.do_extend())
        self.export_button.on_click(lambda _b: self.do_export())
        if register is None:
            self.message.value = render_errors(t("app.db.unavailable", self.lang), [])
        else:
            self.refresh()

    # -- labels ---------------------------------------------------------------------
    def set_lang(self, lang: str, refresh: bool = True) -> None:
        """Relabel everything; filters and selection are kept."""
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
        finally:
            self._syncing = False
        for key, widget in self.titles.items():
            widget.value = f"<h4>{esc(t('reg.' + key, lang))}</h4>"
        for key, widget in self.field_labels.items():
            widget.value = esc(t("reg." + key, lang))
        self.refresh_button.description = t("reg.refresh", lang)
        self.status_apply.description = t("reg.status.apply", lang)
        self.extend_apply.description = t("reg.extend.apply", lang)
        self.export_button.description = t("reg.export.apply", lang)
        self.status_note.placeholder = t("reg.status.note", lang)
        self.extend_justification.placeholder = t("reg.extend.justification", lang)
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
        """Offer only what makes sense for the selection (Python re-checks anyway)."""
        req = self.selected
        allowed = next_statuses(req.status) if req is not None else []
        set_options(self.new_status, options(allowed, status_label, self.lang))
        self.status_apply.disabled = not allowed
        can_extend = (req is not None and req.status in OPEN_STATUSES
                      and not getattr(req, "extended", False))
        self.extend_apply.disabled = not can_extend

    # -- actions ----------------------------------------------------------------------
    def _by(self) -> dict:
        by = (self.staff() or "").strip()
        return {"by": by} if by else {}

    def _precheck(self):
        """The selected request, or None with a message when nothing is selected."""
        if self.register is None:
            self.message.value = render_errors(t("app.db.unavailable", self.lang), [])
            return None
        if self.selected is None:
            self.message.value = render_errors(t("reg.nothing_selected", self.lang), [])
            return None
        return self.selected

    def do_set_status(self):
        """Move the selected request to the chosen status; returns the updated request
        or None (a message says why)."""
        req = self._precheck()
        if req is None:
            return None
        new = self.new_status.value
        try:
            updated = self.register.set_status(
                req.id, new, note=self.status_note.value.strip() or None,
                version=req.version, **self._by())
        except Exception as error:  # noqa: BLE001 - ValidationError, ConflictError, …
            if not isinstance(error, ValidationError):
                log.warning("register: set_status failed: %r", error)
            self.message.value = render_exception(error, self.lang, title=req.id)
            return None
        self.status_note.value = ""
        self.message.value = render_ok(
            f"{t('reg.status.ok', self.lang)}: {req.id} → {status_label(new, self.lang)}")
        self.refresh()
        return updated

    def do_extend(self):
        """Extend the selected request's deadline; returns the updated request or None."""
        req = self._precheck()
        if req is None:
            return None
        try:
            updated = self.register.extend(
                req.id, reason=self.extend_reason.value,
                justification=self.extend_justification.value.strip(),
                version=req.version, **self._by())
        except Exception as error:  # noqa: BLE001
            if not isinstance(error, ValidationError):
                log.warning("register: extend failed: %r", error)
            self.message.value = render_exception(error, self.lang, title=req.id)
            return None
        self.extend_justification.value = ""
        due = getattr(updated, "due", None)
        if due is None:
            due = self.register.get(req.id).due
        self.message.value = render_ok(
            f"{req.id}: {t('reg.extend.ok', self.lang)} {format_date(due, self.lang)}")
        self.refresh()
        return updated

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
