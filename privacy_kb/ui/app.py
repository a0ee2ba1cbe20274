"""The whole app: a header (where the register lives, staff name, language) and three
tabs — "Vragen", "Verzoek registreren", "Register".

>>> from privacy_kb.ui import build_app          # doctest: +SKIP
>>> app = build_app()                            # doctest: +SKIP
>>> app                                          # doctest: +SKIP  (displays it)
"""

from __future__ import annotations

import getpass
import logging
import os

import ipywidgets as widgets

from privacy_kb.ui.chat import ChatView
from privacy_kb.ui.intake import IntakeView
from privacy_kb.ui.labels import norm_lang, t
from privacy_kb.ui.register_view import RegisterView
from privacy_kb.ui.render import CSS, esc, render_errors, render_exception

log = logging.getLogger(__name__)

#: Environment variable naming a FAQ file for the app (default: the packaged FAQ).
FAQ_ENV_VAR = "PRIVACY_DESK_FAQ"

TAB_KEYS = ("app.tab.chat", "app.tab.intake", "app.tab.register")
CHAT, INTAKE, REGISTER = range(3)


def describe_location(register) -> str:
    """Where the register writes, for people: the file path for SQLite, else the URL
    (password hidden)."""
    engine = getattr(register, "engine", None)
    url = getattr(engine, "url", None)
    if url is not None and url.get_backend_name() == "sqlite" and url.database:
        return os.path.abspath(url.database)
    return str(getattr(register, "url", "") or "")


def _default_staff() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is fine: the field stays empty
        return ""


class App(widgets.VBox):
    """Header plus the three tabs. Attributes: ``chat``, ``intake``, ``register_view``,
    ``tabs``, ``register`` (the open register or None), ``location`` (where it writes).
    """

    def __init__(self, assistant, register, location: str, lang: str = "nl",
                 register_error: Exception | None = None, gaps=None):
        super().__init__()
        self.add_class("pd-app")
        self.assistant = assistant
        self.register = register
        self.location = location
        self.lang = norm_lang(lang)
        self.style_html = widgets.HTML(CSS)
        self.title = widgets.HTML()
        self.where = widgets.HTML()
        self.where.add_class("pd-db-location")
        self.register_error = register_error
        self.staff = widgets.Text(value=_default_staff(), layout=widgets.Layout(width="16em"))
        self.staff.add_class("pd-staff")
        self.staff_label = widgets.HTML()
        self.lang_switch = widgets.ToggleButtons(options=[("NL", "nl"), ("EN", "en")],
                                                 value=self.lang,
                                                 style={"button_width": "3.5em"})
        self.lang_switch.add_class("pd-lang")
        staff = lambda: self.staff.value  # noqa: E731
        self.register_view = RegisterView(register, staff=staff, lang=self.lang)
        self.intake = IntakeView(register, staff=staff, on_added=self._on_added, lang=self.lang)
        self.chat = ChatView(assistant, on_register=self.open_intake, lang=self.lang,
                             gaps=gaps)
        self.tabs = widgets.Tab(children=[self.chat, self.intake, self.register_view])
        self.tabs.add_class("pd-tabs")
        self.tabs.observe(self._on_tab, names="selected_index")
        self.lang_switch.observe(lambda c: self.set_lang(c["new"]), names="value")
        self.children = [
            self.style_html,
            widgets.HBox([self.title,
                          widgets.HBox([self.staff_label, self.staff, self.lang_switch],
                                       layout=widgets.Layout(align_items="center",
                                                             grid_gap="0.6em"))],
                         layout=widgets.Layout(align_items="center",
                                               justify_content="space-between")),
            self.where,
            self.tabs,
        ]
        self.set_lang(self.lang)

    # -- language ---------------------------------------------------------------------
    def set_lang(self, lang: str) -> None:
        """Switch every label to ``lang`` ("nl" or "en"); answers keep their language."""
        self.lang = norm_lang(lang)
        if self.lang_switch.value != self.lang:
            self.lang_switch.value = self.lang  # observer calls back here once
            return
        self.title.value = f"<h2 style='margin:0.2em 0'>{esc(t('app.title', self.lang))}</h2>"
        self.staff_label.value = esc(t("app.staff", self.lang))
        self.staff.placeholder = t("app.staff.placeholder", self.lang)
        if self.register is not None:
            self.where.value = (f'<div class="pd-note">{esc(t("app.db", self.lang))}: '
                                f"<code>{esc(self.location)}</code></div>")
        else:
            detail = (render_exception(self.register_error, self.lang)
                      if self.register_error is not None else "")
            self.where.value = render_errors(
                f"{t('app.db.error', self.lang)}: {self.location}", []) + detail
        self.tabs.titles = tuple(t(k, self.lang) for k in TAB_KEYS)
        self.chat.set_lang(self.lang)
        self.intake.set_lang(self.lang)
        self.register_view.set_lang(self.lang)

    # -- wiring -----------------------------------------------------------------------
    def open_intake(self, prefill: dict) -> None:
        """"Registreer dit verzoek": prefill the intake form and show it."""
        try:
            self.intake.prefill(prefill)
        except Exception as error:  # noqa: BLE001
            log.exception("app: prefill failed")
            self.intake.message.value = render_exception(error, self.lang)
        self.tabs.selected_index = INTAKE

    def _on_added(self, _request) -> None:
        self.register_view.refresh()

    def _on_tab(self, change) -> None:
        if change["new"] == REGISTER:
            self.register_view.refresh()   # pick up what other kernels wrote


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
    A register that cannot be opened does not stop the app: the question tab works and
    the other tabs say plainly that the register is unavailable.
    """
    from privacy_kb import load_assistant, open_register
    from privacy_kb.register.store import default_location

    if assistant is None:
        try:
            assistant = load_assistant(os.environ.get(FAQ_ENV_VAR) or None)
        except Exception:  # noqa: BLE001 - the chat tab says so; the register still works
            log.exception("app: cannot load the FAQ")
    register, error = None, None
    if db is not None and hasattr(db, "add") and hasattr(db, "frame"):
        register = db
        location = describe_location(db)
    else:
        location = os.fspath(db) if db is not None else default_location()
        try:
            register = open_register(db)
            location = describe_location(register) or location
        except Exception as exc:  # noqa: BLE001 - shown in the header, not raised
            log.exception("app: cannot open the register at %s", location)
            error = exc
    if isinstance(gaps, str) and gaps == "default":
        from privacy_kb.gaps import open_gap_log

        gaps = open_gap_log()
    elif gaps is not None and not hasattr(gaps, "record"):
        from privacy_kb.gaps import GapLog

        gaps = GapLog(gaps)
    return App(assistant, register, location, lang=lang, register_error=error, gaps=gaps)
