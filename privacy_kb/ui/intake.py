"""The "Verzoek registreren" tab: the intake form of a rights request or complaint."""

from __future__ import annotations

import logging
from typing import Callable

import ipywidgets as widgets

from privacy_kb.errors import ValidationError
from privacy_kb.ui.labels import (CHANNELS, REQUEST_TYPES, channel_label, norm_lang, options,
                                  t, type_label)
from privacy_kb.ui.logic import intake_kwargs, today_amsterdam
from privacy_kb.ui.render import (esc, render_confirmation, render_errors, render_exception,
                                  render_field_error)

log = logging.getLogger(__name__)

#: Form fields in display order: (field, label key, CSS hook or None).
FIELDS = (("request_type", "intake.type", "pd-intake-type"),
          ("name", "intake.name", "pd-intake-name"),
          ("email", "intake.email", "pd-intake-email"),
          ("phone", "intake.phone", "pd-intake-phone"),
          ("organisation", "intake.organisation", "pd-intake-organisation"),
          ("on_behalf_of", "intake.on_behalf_of", "pd-intake-on-behalf-of"),
          ("authority_checked", "intake.authority_checked", "pd-intake-authority-checked"),
          ("channel", "intake.channel", "pd-intake-channel"),
          ("received", "intake.received", "pd-intake-received"),
          ("description", "intake.description", "pd-intake-description"),
          ("direct_marketing", "intake.direct_marketing", "pd-intake-direct-marketing"),
          ("handler", "intake.handler", "pd-intake-handler"))

LABEL_WIDTH = "16.5em"


class IntakeView(widgets.VBox):
    """Every field of a request, a message next to each field, a submit button.

    Parameters
    ----------
    register : Register or None
        Where requests go (``reg.add``). None: the form explains that the register is
        not available and submits nothing.
    staff : callable, optional
        Returns the staff member's name, recorded as ``by=`` in the audit trail.
    on_added : callable, optional
        Called with the new request after a successful submit (the register tab
        refreshes its table).
    lang : {"nl", "en"}
    """

    def __init__(self, register, staff: Callable[[], str] | None = None,
                 on_added: Callable[[object], object] | None = None, lang: str = "nl"):
        super().__init__()
        self.register = register
        self.staff = staff or (lambda: "")
        self.on_added = on_added
        self.lang = norm_lang(lang)
        self.today = register.today if register is not None else today_amsterdam
        self.last_added = None
        wide = widgets.Layout(width="26em")
        self.intro = widgets.HTML()
        self.request_type = widgets.Dropdown(options=options(REQUEST_TYPES, type_label),
                                             value="access", layout=wide)
        self.name = widgets.Text(layout=wide)
        self.email = widgets.Text(layout=wide)
        self.phone = widgets.Text(layout=wide)
        self.organisation = widgets.Text(layout=wide)
        self.on_behalf_of = widgets.Text(layout=wide)
        self.channel = widgets.Dropdown(options=options(CHANNELS, channel_label),
                                        value="email", layout=wide)
        self.received = widgets.DatePicker(value=self.today(), layout=wide)
        self.description = widgets.Textarea(rows=5, layout=widgets.Layout(width="26em"))
        self.authority_checked = widgets.Checkbox(value=False, indent=False, layout=wide)
        self.direct_marketing = widgets.Checkbox(value=False, indent=False, layout=wide)
        self.handler = widgets.Text(layout=wide)
        self.submit_button = widgets.Button(button_style="primary", icon="check")
        self.submit_button.add_class("pd-intake-submit")
        self.clear_button = widgets.Button(icon="eraser")
        self.clear_button.add_class("pd-intake-clear")
        self.message = widgets.HTML()
        self.message.add_class("pd-intake-message")
        self.labels: dict[str, widgets.HTML] = {}
        self.errors: dict[str, widgets.HTML] = {}
        rows = []
        for field, _key, hook in FIELDS:
            widget = getattr(self, field)
            widget.add_class(hook)
            self.labels[field] = widgets.HTML(layout=widgets.Layout(width=LABEL_WIDTH))
            self.errors[field] = widgets.HTML()
            self.errors[field].add_class(f"pd-error-{field}")
            rows.append(widgets.HBox([self.labels[field], widget, self.errors[field]]))
        self.submit_button.on_click(lambda _b: self.do_submit())
        self.clear_button.on_click(lambda _b: self.reset(keep_message=False))
        self.children = [self.intro, *rows,
                         widgets.HBox([self.submit_button, self.clear_button]), self.message]
        self.set_lang(self.lang)
        if register is None:
            self.message.value = render_errors(t("app.db.unavailable", self.lang), [])

    # -- labels ---------------------------------------------------------------------
    def set_lang(self, lang: str) -> None:
        """Relabel the form; values are kept."""
        self.lang = norm_lang(lang)
        for field, key, _hook in FIELDS:
            self.labels[field].value = f"<b>{esc(t(key, self.lang))}</b>"
        self.intro.value = f'<div class="pd-note">{esc(t("intake.intro", self.lang))}</div>'
        rtype, channel = self.request_type.value, self.channel.value
        self.request_type.options = options(REQUEST_TYPES, type_label, self.lang)
        self.request_type.value = rtype
        self.channel.options = options(CHANNELS, channel_label, self.lang)
        self.channel.value = channel
        self.submit_button.description = t("intake.submit", self.lang)
        self.clear_button.description = t("intake.clear", self.lang)

    # -- values ---------------------------------------------------------------------
    def values(self) -> dict:
        """The form as a dict of raw widget values."""
        return {field: getattr(self, field).value for field, _k, _h in FIELDS}

    def prefill(self, data: dict) -> None:
        """Fill the form from a chat answer (type and description); the message says
        so, field errors are cleared."""
        self._clear_errors()
        if data.get("request_type") in REQUEST_TYPES:
            self.request_type.value = data["request_type"]
        if "description" in data:
            self.description.value = str(data["description"] or "")
        self.message.value = (f'<div class="pd-note">{esc(t("intake.prefilled", self.lang))}'
                              "</div>")

    def reset(self, keep_message: bool = True) -> None:
        """Empty the form (received back to today)."""
        self.request_type.value = "access"
        self.channel.value = "email"
        for field in ("name", "email", "phone", "organisation", "on_behalf_of",
                      "description", "handler"):
            getattr(self, field).value = ""
        self.authority_checked.value = False
        self.direct_marketing.value = False
        self.received.value = self.today()
        self._clear_errors()
        if not keep_message:
            self.message.value = ""

    def _clear_errors(self) -> None:
        for html in self.errors.values():
            html.value = ""

    # -- the action -----------------------------------------------------------------
    def do_submit(self):
        """Validate and add the request; returns it, or None when nothing was saved.

        Every precondition is checked here, whatever the browser showed: a register
        must be open, a date given; the register validates the rest (all fields at
        once) and its messages go next to their fields.
        """
        self._clear_errors()
        if self.register is None:
            self.message.value = render_errors(t("app.db.unavailable", self.lang), [])
            return None
        kwargs = intake_kwargs(self.values())
        self.submit_button.disabled = True
        try:
            by = (self.staff() or "").strip() or None
            req = self.register.add(**kwargs, **({"by": by} if by else {}))
        except ValidationError as error:
            self._show_validation(error)
            return None
        except Exception as error:  # noqa: BLE001 - never a traceback on the page
            log.exception("intake: add failed")
            self.message.value = render_exception(error, self.lang)
            return None
        finally:
            self.submit_button.disabled = False
        self.last_added = req
        self.reset()
        self.message.value = render_confirmation(req, self.lang)
        if self.on_added is not None:
            try:
                self.on_added(req)
            except Exception:  # noqa: BLE001
                log.exception("intake: on_added failed")
        return req

    def _show_validation(self, error: ValidationError) -> None:
        messages = error.messages(self.lang)
        shown = {f for f, _k, _h in FIELDS}
        for field, msgs in messages.items():
            target = field if field in shown else None
            if target:
                self.errors[target].value = render_field_error(msgs)
        self.message.value = render_exception(error, self.lang)
