"""The whole app: a header (who is working, where the register lives, language) and
three tabs — "Vragen", "Verzoek registreren", "Register".

The question tab is built first and is usable as soon as the page shows; the register
is opened, and the other two tabs are built, when first needed (a tab opened, or
"Registreer dit verzoek" clicked), so SQLAlchemy, pandas and itables stay off the path
to the first usable widget (issue 15).

Who is working (issue 12, DESIGN.md "Audit integrity"): behind JupyterHub
(``JUPYTERHUB_USER``) the logged-in user, shown as "Ingelogd als …"; otherwise the
name staff type in the header before their first change. Every register call gets
that name as ``by=``; until there is one, changes are refused with a plain message —
never a silent default from the server's account.

>>> from privacy_kb.ui import build_app          # doctest: +SKIP
>>> app = build_app()                            # doctest: +SKIP
>>> app                                          # doctest: +SKIP  (displays it)
"""

from __future__ import annotations

import logging
import os
from typing import Callable

import ipywidgets as widgets

from privacy_kb.errors import Problem, ValidationError
from privacy_kb.ui.browser import DateFormatHints, PageLanguage, SessionMemory
from privacy_kb.ui.chat import ChatView
from privacy_kb.ui.labels import norm_lang, t
from privacy_kb.ui.render import CSS, esc, render_errors, render_exception
from privacy_kb.url_mask import mask_url_text

log = logging.getLogger(__name__)

#: Environment variable naming a FAQ file for the app (default: the packaged FAQ).
FAQ_ENV_VAR = "PRIVACY_DESK_FAQ"
#: Set by JupyterHub in every single-user server: the logged-in user.
HUB_USER_ENV_VAR = "JUPYTERHUB_USER"

#: sessionStorage key of the staff name typed in the header (outside JupyterHub).
STAFF_MEMORY_KEY = "privacy-desk.staff.v1"

TAB_KEYS = ("app.tab.chat", "app.tab.intake", "app.tab.register")
CHAT, INTAKE, REGISTER = range(3)


def describe_location(register) -> str:
    """Where the register writes, for people: the file path for SQLite, else the URL
    (password hidden)."""
    engine = getattr(register, "engine", None)
    url = getattr(engine, "url", None)
    if url is not None and url.get_backend_name() == "sqlite" and url.database:
        return os.path.abspath(url.database)
    if url is not None:
        return mask_url_text(url.render_as_string(hide_password=True))
    return mask_url_text(str(getattr(register, "url", "") or ""))


def mask_password(location: str) -> str:
    """``postgresql://anna:***@host/db`` for a URL holding a password (in the user part
    or as ``password=``); else as given."""
    return mask_url_text(location or "")


def hub_user() -> str:
    """The JupyterHub user this server runs for, or ``""`` outside JupyterHub."""
    return " ".join((os.environ.get(HUB_USER_ENV_VAR) or "").split())


def staff_required_error() -> ValidationError:
    """The refusal of a change made before staff said who they are."""
    return ValidationError([Problem("by", "staff_required", t("app.staff.required", "nl"),
                                    t("app.staff.required", "en"))])


class App(widgets.VBox):
    """Header plus the three tabs. Attributes: ``chat``, ``intake`` and
    ``register_view`` (built on first use), ``tabs``, ``register`` (the open register
    or None; opened on first use), ``location`` (where it writes), ``staff`` (the name
    field; hidden behind JupyterHub).

    Parameters
    ----------
    assistant : Assistant or None
    register : Register or None
        An open register, or None with ``opener`` (opened on first use) or with
        ``register_error`` (why it could not be opened).
    location : str
        Where the register writes, as shown in the header.
    opener : callable, optional
        Returns the open register; called once, when the register is first needed.
    """

    def __init__(self, assistant, register, location: str, lang: str = "nl",
                 register_error: Exception | None = None, gaps=None,
                 opener: Callable[[], object] | None = None):
        super().__init__()
        self.add_class("pd-app")
        self.assistant = assistant
        self._register = register
        self._opener = opener if register is None and register_error is None else None
        self.location = mask_password(location)
        self.lang = norm_lang(lang)
        self.register_error = register_error
        self._intake = None
        self._register_view = None
        self.style_html = widgets.HTML(CSS)
        self.title = widgets.HTML()
        self.where = widgets.HTML()
        self.where.add_class("pd-db-location")
        self.hub_user = hub_user()
        self.staff = widgets.Text(value=self.hub_user, style={"description_width": "initial"},
                                  layout=widgets.Layout(width="18em", max_width="100%"))
        self.staff.add_class("pd-staff")
        self.staff_label = widgets.HTML()
        self.staff_label.add_class("pd-staff-label")
        # the typed name is kept in the browser tab (sessionStorage) for a reload
        self.staff_memory = SessionMemory(key=STAFF_MEMORY_KEY)
        self.page_lang = PageLanguage(lang=self.lang)
        self.date_hints = DateFormatHints()
        if self.hub_user:
            self.staff.disabled = True
            self.staff.layout.display = "none"
        else:
            self.staff_label.layout.display = "none"
            self.staff.observe(self._on_staff, names="value")
            self.staff_memory.observe(self._on_staff_restored, names="restored")
        self.lang_switch = widgets.ToggleButtons(options=[("NL", "nl"), ("EN", "en")],
                                                 value=self.lang,
                                                 tooltips=["Nederlands", "English"],
                                                 style={"button_width": "3.5em"})
        self.lang_switch.add_class("pd-lang")
        self.chat = ChatView(assistant, on_register=self.open_intake, lang=self.lang,
                             gaps=gaps)
        self.loading = [widgets.HTML(), widgets.HTML()]
        self.intake_slot = widgets.VBox([self.loading[0]])
        self.register_slot = widgets.VBox([self.loading[1]])
        self.tabs = widgets.Tab(children=[self.chat, self.intake_slot, self.register_slot])
        self.tabs.add_class("pd-tabs")
        self.tabs.observe(self._on_tab, names="selected_index")
        self.lang_switch.observe(lambda c: self.set_lang(c["new"]), names="value")
        who = widgets.HBox([self.staff_label, self.staff, self.lang_switch],
                           layout=widgets.Layout(align_items="center"))
        who.add_class("pd-wrap")
        head = widgets.HBox([self.title, who],
                            layout=widgets.Layout(align_items="center",
                                                  justify_content="space-between"))
        head.add_class("pd-wrap")
        self.children = [self.style_html, head, self.where, self.tabs, self.staff_memory,
                         self.page_lang, self.date_hints]
        self.set_lang(self.lang)

    # -- who is working ---------------------------------------------------------------
    def staff_name(self) -> str:
        """The name recorded as ``by=``: the JupyterHub user, else the name typed in
        the header. Raises ValidationError (field ``by``) while there is none."""
        name = self.hub_user or " ".join((self.staff.value or "").split())
        if not name:
            raise staff_required_error()
        return name

    def _on_staff(self, change) -> None:
        self.staff_memory.saved = " ".join((change["new"] or "").split())[:200]

    def _on_staff_restored(self, change) -> None:
        if not self.staff.value.strip():
            self.staff.value = " ".join((change["new"] or "").split())[:200]

    # -- built on first use -----------------------------------------------------------
    @property
    def register(self):
        """The open register (opened on first use), or None when it cannot be opened."""
        if self._register is None and self._opener is not None:
            opener, self._opener = self._opener, None
            try:
                self._register = opener()
                self.location = describe_location(self._register) or self.location
            except Exception as exc:  # noqa: BLE001 - shown in the header, not raised
                log.exception("app: cannot open the register at %s", self.location)
                self.register_error = exc
                if not self.location:
                    try:
                        from privacy_kb.register.store import default_location

                        self.location = default_location()
                    except Exception:  # noqa: BLE001 - the message says enough
                        log.warning("app: no default register location", exc_info=True)
            self._show_where()
        return self._register

    @property
    def intake(self):
        """The "Verzoek registreren" tab (built on first use)."""
        if self._intake is None:
            from privacy_kb.ui.intake import IntakeView

            self._intake = IntakeView(self.register, staff=self.staff_name,
                                      on_added=self._on_added, lang=self.lang)
            self.intake_slot.children = [self._intake]
        return self._intake

    @property
    def register_view(self):
        """The "Register" tab (built on first use: it needs pandas and itables)."""
        if self._register_view is None:
            from privacy_kb.ui.register_view import RegisterView

            self._register_view = RegisterView(self.register, staff=self.staff_name,
                                               lang=self.lang)
            self.register_slot.children = [self._register_view]
        return self._register_view

    # -- language ---------------------------------------------------------------------
    def set_lang(self, lang: str) -> None:
        """Switch every label to ``lang`` ("nl" or "en"); answers keep their language."""
        self.lang = norm_lang(lang)
        if self.lang_switch.value != self.lang:
            self.lang_switch.value = self.lang  # observer calls back here once
            return
        self.title.value = f"<h2 style='margin:0.2em 0'>{esc(t('app.title', self.lang))}</h2>"
        self.page_lang.lang = self.lang
        self.date_hints.label = t("date.format", self.lang)
        self.date_hints.names = {"day": t("date.day", self.lang),
                                 "month": t("date.month", self.lang),
                                 "year": t("date.year", self.lang)}
        self.staff.description = t("app.staff.label", self.lang)
        self.staff.placeholder = t("app.staff.placeholder", self.lang)
        self.staff_label.value = (f"{esc(t('app.staff.loggedin', self.lang))} "
                                  f"<b>{esc(self.hub_user)}</b>")
        for html in self.loading:
            html.value = f'<div class="pd-note">{esc(t("app.loading", self.lang))}</div>'
        self._show_where()
        self.tabs.titles = tuple(t(k, self.lang) for k in TAB_KEYS)
        self.chat.set_lang(self.lang)
        if self._intake is not None:
            self._intake.set_lang(self.lang)
        if self._register_view is not None:
            self._register_view.set_lang(self.lang)

    def _show_where(self) -> None:
        if self._register is not None:
            self.where.value = (f'<div class="pd-note">{esc(t("app.db", self.lang))}: '
                                f"<code>{esc(self.location)}</code></div>")
        elif self.register_error is not None:
            detail = render_exception(self.register_error, self.lang)
            self.where.value = render_errors(
                f"{t('app.db.error', self.lang)}: {self.location}", []) + detail
        elif self.location:            # not opened yet, but we know where it will be
            self.where.value = (f'<div class="pd-note">{esc(t("app.db", self.lang))}: '
                                f"<code>{esc(self.location)}</code></div>")
        else:
            self.where.value = ""      # the default place: said once it is opened

    # -- wiring -----------------------------------------------------------------------
    def open_intake(self, prefill: dict) -> None:
        """"Registreer dit verzoek": prefill the intake form and show it."""
        try:
            self.intake.prefill(prefill)
        except Exception as error:  # noqa: BLE001
            log.exception("app: prefill failed")
            if self._intake is not None:
                self._intake.message.value = render_exception(error, self.lang)
        self.tabs.selected_index = INTAKE

    def _on_added(self, _request) -> None:
        if self._register_view is not None:
            self._register_view.refresh()

    def _on_tab(self, change) -> None:
        try:
            if change["new"] == INTAKE:
                self.intake  # noqa: B018 - built on first opening
            elif change["new"] == REGISTER:
                built = self._register_view is not None
                view = self.register_view
                if built:
                    view.refresh()   # pick up what other kernels wrote
        except Exception as error:  # noqa: BLE001 - never a traceback on the page
            log.exception("app: building a tab failed")
            slot = self.intake_slot if change["new"] == INTAKE else self.register_slot
            slot.children = [widgets.HTML(render_exception(error, self.lang))]


def build_app(db=None, assistant=None, lang: str = "nl", gaps="default") -> App:
    """Build the Privacy Desk app.

    Parameters
    ----------
    db : str, path-like or Register, optional
        The register: an open ``Register``, a path (SQLite) or a SQLAlchemy URL.
        Default: ``open_register()``'s default — ``$PRIVACY_DESK_DB``, else a SQLite
        file in the user's data directory (created on first use). The app shows where
        it writes.
    assistant : Assistant, optional
        Default: ``load_assistant()`` (``$PRIVACY_DESK_FAQ`` when set, else the packaged
        FAQ).
    lang : {"nl", "en"}
        Language of the labels; switchable in the app.
    gaps : GapLog, path, None or "default"
        Where the chat logs unanswered questions (anonymously, see
        :mod:`privacy_kb.gaps`). "default": ``$PRIVACY_DESK_GAPS`` or the user's data
        directory, none when ``PRIVACY_DESK_GAPS=off``; None: no log.

    Returns
    -------
    App
        An ``ipywidgets.VBox``; display it (last expression of a cell).

    Notes
    -----
    The register is opened when first needed (opening the intake or register tab, or
    "Registreer dit verzoek"), so the question tab is usable first. A register that
    cannot be opened does not stop the app: the question tab works, the header says
    why, and the other tabs say plainly that the register is unavailable.
    """
    from privacy_kb import load_assistant

    if assistant is None:
        try:
            assistant = load_assistant(os.environ.get(FAQ_ENV_VAR) or None)
        except Exception:  # noqa: BLE001 - the chat tab says so; the register still works
            log.exception("app: cannot load the FAQ")
    if db is not None and hasattr(db, "add") and hasattr(db, "frame"):
        register, location, opener = db, describe_location(db), None
    else:
        register = None
        location = os.fspath(db) if db is not None else (
            os.environ.get("PRIVACY_DESK_DB") or "")
        if location and "://" not in location:
            location = os.path.abspath(os.path.expanduser(location))

        def opener():
            from privacy_kb import open_register

            return open_register(db)
    if isinstance(gaps, str) and gaps == "default":
        from privacy_kb.gaps import open_gap_log

        gaps = open_gap_log()
    elif gaps is not None and not hasattr(gaps, "record"):
        from privacy_kb.gaps import GapLog

        gaps = GapLog(gaps)
    return App(assistant, register, location, lang=lang, gaps=gaps, opener=opener)
