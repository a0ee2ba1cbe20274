"""The "Verzoek registreren" tab: the intake form of a rights request or complaint.

Every input carries its label as the widget's ``description``: ipywidgets 8 renders
that as a ``<label for=…>`` tied to the input, so screen readers announce it.
Before saving, the register is searched for the same person, type and receipt date
(``reg.rows``): a likely duplicate is shown and staff go on with "Toch registreren".
A request whose legal deadline has already passed is saved with a warning saying by
how many days it is late.
"""

from __future__ import annotations

import logging
from typing import Callable

import ipywidgets as widgets

from privacy_kb.errors import ValidationError
from privacy_kb.ui.labels import (CHANNELS, REQUEST_TYPES, channel_label, norm_lang, options,
                                  t, type_label)
from privacy_kb.ui.logic import intake_kwargs, today_amsterdam
from privacy_kb.ui.render import (esc, render_confirmation, render_duplicates, render_errors,
                                  render_exception, render_field_error, to_date)

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
_LABEL_STYLE = {"description_width": LABEL_WIDTH}


def _person_keys(name, email, phone) -> set[tuple[str, str]]:
    """What identifies a requester for the duplicate check: the name (case and spaces
    folded), the e-mail address (case folded) and the phone number's last nine
    digits (``06 1234 5678`` and ``+31612345678`` agree)."""
    keys = set()
    name = " ".join(str(name or "").casefold().split())
    if name:
        keys.add(("name", name))
    email = str(email or "").strip().casefold()
    if email:
        keys.add(("email", email))
    digits = "".join(c for c in str(phone or "") if c.isdigit())
    if len(digits) >= 9:
        keys.add(("phone", digits[-9:]))
    return keys


def find_duplicates(register, kwargs: dict) -> list[dict]:
    """Requests already in ``register`` with the same type, the same receipt date and
    the same requester (name, e-mail or phone) as ``kwargs`` (``reg.add`` keywords);
    ``[]`` when the form lacks type, date or requester. Uses the public ``reg.rows``."""
    received = to_date(kwargs.get("received"))
    mine = _person_keys(kwargs.get("name"), kwargs.get("email"), kwargs.get("phone"))
    if received is None or not kwargs.get("request_type") or not mine:
        return []
    names, rows = register.rows(["id", "request_type", "name", "email", "phone", "received"],
                                request_type=kwargs["request_type"], since=received,
                                until=received)
    found = []
    for row in rows:
        record = dict(zip(names, row))
        if to_date(record.get("received")) != received:
            continue
        if mine & _person_keys(record.get("name"), record.get("email"), record.get("phone")):
            found.append(record)
    return found


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
        self.pending_duplicates: list[dict] = []   # shown, not yet confirmed
        self._confirmed_for = None                  # the form values "Toch registreren" is for

        def wide():
            return widgets.Layout(width="43em", max_width="100%")

        style = _LABEL_STYLE
        self.intro = widgets.HTML()
        self.request_type = widgets.Dropdown(options=options(REQUEST_TYPES, type_label),
                                             value="access", layout=wide(), style=style)
        self.name = widgets.Text(layout=wide(), style=style)
        self.email = widgets.Text(layout=wide(), style=style)
        self.phone = widgets.Text(layout=wide(), style=style)
        self.organisation = widgets.Text(layout=wide(), style=style)
        self.on_behalf_of = widgets.Text(layout=wide(), style=style)
        self.channel = widgets.Dropdown(options=options(CHANNELS, channel_label),
                                        value="email", layout=wide(), style=style)
        self.received = widgets.DatePicker(value=self.today(), layout=wide(), style=style)
        self.description = widgets.Textarea(rows=5, layout=wide(), style=style)
        self.authority_checked = widgets.Checkbox(value=False, indent=True, layout=wide(),
                                                  style=style)
        self.direct_marketing = widgets.Checkbox(value=False, indent=True, layout=wide(),
                                                 style=style)
        self.handler = widgets.Text(layout=wide(), style=style)
        # the requester's language: letters to them are drafted in it (issue 11)
        self.requester_lang = widgets.Dropdown(options=[("Nederlands", "nl"),
                                                        ("English", "en")],
                                               value="nl", layout=wide(), style=style)
        self.requester_lang.add_class("pd-intake-lang")
        self.requester_lang.add_class("pd-field")
        self.submit_button = widgets.Button(button_style="primary", icon="check")
        self.submit_button.add_class("pd-intake-submit")
        self.clear_button = widgets.Button(icon="eraser")
        self.clear_button.add_class("pd-intake-clear")
        self.message = widgets.HTML()
        self.message.add_class("pd-intake-message")
        self.errors: dict[str, widgets.HTML] = {}
        rows = []
        for field, _key, hook in FIELDS:
            widget = getattr(self, field)
            widget.add_class(hook)
            widget.add_class("pd-field")
            self.errors[field] = widgets.HTML()
            self.errors[field].add_class(f"pd-error-{field}")
            row = widgets.HBox([widget, self.errors[field]],
                               layout=widgets.Layout(align_items="center"))
            row.add_class("pd-wrap")
            rows.append(row)
        self.submit_button.on_click(lambda _b: self.do_submit())
        self.clear_button.on_click(lambda _b: self.reset(keep_message=False))
        self.add_class("pd-intake")
        buttons = widgets.HBox([self.submit_button, self.clear_button])
        buttons.add_class("pd-wrap")
        self.children = [self.intro, *rows, self.requester_lang, buttons, self.message]
        self.set_lang(self.lang)
        if register is None:
            self.message.value = render_errors(t("app.db.unavailable", self.lang), [])

    # -- labels ---------------------------------------------------------------------
    def set_lang(self, lang: str) -> None:
        """Relabel the form; values are kept."""
        self.lang = norm_lang(lang)
        for field, key, _hook in FIELDS:
            getattr(self, field).description = t(key, self.lang)
        self.intro.value = f'<div class="pd-note">{esc(t("intake.intro", self.lang))}</div>'
        rtype, channel = self.request_type.value, self.channel.value
        self.request_type.options = options(REQUEST_TYPES, type_label, self.lang)
        self.request_type.value = rtype
        self.channel.options = options(CHANNELS, channel_label, self.lang)
        self.channel.value = channel
        self.requester_lang.description = t("intake.lang", self.lang)
        self.requester_lang.options = [(t("lang.nl", self.lang), "nl"),
                                       (t("lang.en", self.lang), "en")]
        self.submit_button.description = t(
            "intake.submit.anyway" if self.pending_duplicates else "intake.submit", self.lang)
        self.clear_button.description = t("intake.clear", self.lang)

    # -- values ---------------------------------------------------------------------
    def values(self) -> dict:
        """The form as a dict of raw widget values."""
        values = {field: getattr(self, field).value for field, _k, _h in FIELDS}
        values["lang"] = self.requester_lang.value
        return values

    def prefill(self, data: dict) -> None:
        """Fill the form from a chat answer (type and description); the message says
        so, field errors are cleared."""
        self._clear_errors()
        if data.get("request_type") in REQUEST_TYPES:
            self.request_type.value = data["request_type"]
        if "description" in data:
            self.description.value = str(data["description"] or "")
        if data.get("lang") in ("nl", "en"):      # the chat's detected language
            self.requester_lang.value = data["lang"]
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
        self.requester_lang.value = "nl"
        self.received.value = self.today()
        self._clear_errors()
        self._confirmed_for = None
        self._set_pending([])
        if not keep_message:
            self.message.value = ""

    def _clear_errors(self) -> None:
        for html in self.errors.values():
            html.value = ""

    # -- the action -----------------------------------------------------------------
    def do_submit(self):
        """Validate and add the request; returns it, or None when nothing was saved.

        Every precondition is checked here, whatever the browser showed: a register
        must be open and staff must have said who they are (``by=``); a form that looks
        like a request already registered (same person, type and receipt date) is
        shown as a likely duplicate first and saved on the next click ("Toch
        registreren") if unchanged; the register validates the rest (all fields at
        once) and its messages go next to their fields.
        """
        self._clear_errors()
        if self.register is None:
            self.message.value = render_errors(t("app.db.unavailable", self.lang), [])
            return None
        kwargs = intake_kwargs(self.values())
        self.submit_button.disabled = True
        try:
            by = self.staff()
            duplicates = find_duplicates(self.register, kwargs)
            fingerprint = repr(sorted(kwargs.items()))
            if duplicates and self._confirmed_for != fingerprint:
                self._confirmed_for = fingerprint
                self._set_pending(duplicates)
                self.message.value = render_duplicates(duplicates, self.lang)
                return None
            req = self.register.add(**kwargs, by=by)
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
        self.message.value = render_confirmation(req, self.lang, today=self.today(),
                                                 duplicates=duplicates)
        if self.on_added is not None:
            try:
                self.on_added(req)
            except Exception:  # noqa: BLE001
                log.exception("intake: on_added failed")
        return req

    def _set_pending(self, duplicates: list[dict]) -> None:
        self.pending_duplicates = list(duplicates)
        self.submit_button.description = t(
            "intake.submit.anyway" if duplicates else "intake.submit", self.lang)

    def _show_validation(self, error: ValidationError) -> None:
        messages = error.messages(self.lang)
        shown = {f for f, _k, _h in FIELDS}
        for field, msgs in messages.items():
            target = field if field in shown else None
            if target:
                self.errors[target].value = render_field_error(msgs)
        self.message.value = render_exception(error, self.lang)
