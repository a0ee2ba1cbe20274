"""The "Vragen" tab: ask the assistant, see cited answers, act on them.

Two ways in: the question box (one line; Enter sends) and "E-mail plakken" (a text
area for a whole e-mail or letter). Both go to ``bot.ask(text, previous=...)`` with the
previous reply, so a short follow-up ("en hoe lang?") keeps the last topic (DESIGN.md,
"Asking"). A message holding several questions shows each question found with its
answer and source (``reply.parts``); a pasted message also gets a draft reply to copy
(``bot.draft_reply``).

The conversation lives in the kernel while the page is open and in the browser tab's
``sessionStorage`` (see :mod:`privacy_kb.ui.browser` for why there): after a reload the
questions are asked again, in order, so the answers come back without anything being
stored on the server. "Wis gesprek" forgets both.
"""

from __future__ import annotations

import json
import logging
from typing import Callable

import ipywidgets as widgets

from privacy_kb.ui.browser import CopyButton, SessionMemory
from privacy_kb.ui.labels import norm_lang, t
from privacy_kb.ui.logic import prefill_from_reply
from privacy_kb.ui.render import (esc, render_draft, render_errors, render_reply,
                                  reply_plain_text)

log = logging.getLogger(__name__)


#: sessionStorage key of the conversation (one per browser tab and origin).
MEMORY_KEY = "privacy-desk.chat.v1"
#: At most this many questions are kept for a reload, each at most this long.
MEMORY_TURNS = 30
MEMORY_CHARS = 20_000

_LABEL_STYLE = {"description_width": "initial"}


def copy_button(text: str, label_key: str, lang: str) -> CopyButton:
    """A "Kopieer …" button for ``text`` with its labels in ``lang``."""
    button = CopyButton(text=text, label=t(label_key, lang), done_label=t("chat.copied", lang),
                        manual_hint=t("chat.copy.manual", lang))
    return button


class Turn(widgets.VBox):
    """One question (or pasted message) and its answer in the conversation.

    Children: the rendered answer (``html``), "Bedoelde u" buttons
    (``suggestion_buttons``), "Registreer dit verzoek" (``register_button``, only when
    the engine detected a request: ``reply.request_type`` set), "Kopieer antwoord"
    (``copy_button``, copies the answer with its source) and, for a pasted message,
    the draft reply (``draft_html``) with "Kopieer concept-antwoord"
    (``draft_copy_button``).
    """

    def __init__(self, reply, ask: Callable[[str], object],
                 register: Callable[[dict], object] | None, *, asked: str | None = None,
                 draft: str | None = None, draft_failed: bool = False):
        super().__init__()
        self.reply = reply
        self.draft = draft
        self.add_class("pd-turn")
        lang = norm_lang(reply.lang)
        self.asked = asked if asked is not None else reply.question
        self.html = widgets.HTML(render_reply(reply, lang, question=self.asked))
        self.html.add_class("pd-answer")
        self.suggestion_buttons = []
        for suggestion in reply.suggestions or []:
            button = widgets.Button(description=f"{t('chat.didyoumean', lang)}: {suggestion}",
                                    tooltip=suggestion,
                                    layout=widgets.Layout(width="auto", max_width="100%"))
            button.add_class("pd-suggestion")
            button.on_click(lambda _b, q=suggestion: ask(q))
            self.suggestion_buttons.append(button)
        self.copy_button = copy_button(reply_plain_text(reply), "chat.copy", lang)
        self.copy_button.add_class("pd-copy")
        actions = [self.copy_button]
        self.prefill = prefill_from_reply(reply)
        if self.prefill is not None:
            self.prefill["description"] = self.asked
        self.register_button = None
        if self.prefill is not None and register is not None:
            self.register_button = widgets.Button(
                description=t("chat.register", lang), button_style="warning",
                icon="pencil", layout=widgets.Layout(width="auto", max_width="100%"))
            self.register_button.add_class("pd-register-this")
            self.register_button.on_click(lambda _b: register(dict(self.prefill)))
            actions.insert(0, self.register_button)
        children = [self.html]
        if self.suggestion_buttons:
            children.append(widgets.VBox(self.suggestion_buttons))
        row = widgets.HBox(actions, layout=widgets.Layout(align_items="center"))
        row.add_class("pd-wrap")
        children.append(row)
        self.draft_html = self.draft_copy_button = None
        if draft is not None:
            self.draft_html = widgets.HTML(render_draft(draft, lang))
            self.draft_html.add_class("pd-draft-reply")
            self.draft_copy_button = copy_button(draft, "chat.copy.draft", lang)
            self.draft_copy_button.add_class("pd-copy-draft")
            children += [self.draft_html, self.draft_copy_button]
        elif draft_failed:
            children.append(widgets.HTML(render_errors(t("chat.draft.error", lang), [])))
        self.children = children


class ChatView(widgets.VBox):
    """Question box, "E-mail plakken", and the conversation (newest answer on top).

    Parameters
    ----------
    assistant : privacy_kb.assistant.Assistant
        Anything with ``ask(text, previous=reply) -> Reply`` and ``draft_reply(text) ->
        str`` (DESIGN.md, "Asking").
    on_register : callable, optional
        Called with the intake prefill (``{"request_type", "description"}``) when
        "Registreer dit verzoek" is clicked.
    lang : {"nl", "en"}
        Language of the labels (answers follow the question's language).
    gaps : privacy_kb.gaps.GapLog, optional
        Where unanswered and low-confidence questions are logged (anonymously) while
        the "Onbeantwoorde vragen bewaren" box (``gaps_switch``) is ticked. None: no
        log; the box is shown unticked and disabled.
    """

    def __init__(self, assistant, on_register: Callable[[dict], object] | None = None,
                 lang: str = "nl", gaps=None):
        super().__init__()
        self.add_class("pd-chat")
        self.assistant = assistant
        self.on_register = on_register
        self.lang = norm_lang(lang)
        self.turns: list[Turn] = []
        self.previous = None          # the last reply: context for a short follow-up
        self.asked: list[dict] = []   # what was asked, oldest first (for a reload)
        # continuous_update=False: the value syncs (and we answer) on Enter
        self.input = widgets.Text(continuous_update=False, style=_LABEL_STYLE,
                                  layout=widgets.Layout(width="70%", min_width="0"))
        self.input.add_class("pd-chat-input")
        self.send_button = widgets.Button(button_style="primary", icon="paper-plane")
        self.send_button.add_class("pd-chat-send")
        self.paste_toggle = widgets.ToggleButton(value=False, icon="envelope",
                                                 layout=widgets.Layout(width="auto"))
        self.paste_toggle.add_class("pd-chat-paste-toggle")
        self.paste = widgets.Textarea(rows=8, style=_LABEL_STYLE,
                                      layout=widgets.Layout(width="95%"))
        self.paste.add_class("pd-chat-paste")
        self.paste_button = widgets.Button(button_style="primary", icon="envelope-open")
        self.paste_button.add_class("pd-chat-paste-send")
        self.paste_box = widgets.VBox([self.paste, self.paste_button],
                                      layout=widgets.Layout(display="none"))
        self.clear_button = widgets.Button(icon="trash", layout=widgets.Layout(width="auto"))
        self.clear_button.add_class("pd-chat-clear")
        self.clear_note = widgets.HTML()
        self.status = widgets.HTML()
        self.conversation = widgets.VBox()
        self.conversation.add_class("pd-chat-log")
        self.empty = widgets.HTML()
        self.memory = SessionMemory(key=MEMORY_KEY)
        self.memory.observe(self._on_restored, names="restored")
        self.input.observe(self._on_value, names="value")
        self.send_button.on_click(lambda _b: self.submit())
        self.paste_button.on_click(lambda _b: self.submit_message())
        self.paste_toggle.observe(self._on_paste_toggle, names="value")
        self.clear_button.on_click(lambda _b: self.clear_log())
        # gap log switch (issue 5)
        self.gaps = gaps
        self.gaps_switch = widgets.Checkbox(value=gaps is not None, disabled=gaps is None,
                                            indent=False, layout=widgets.Layout(width="auto"))
        self.gaps_switch.add_class("pd-gaps-switch")
        ask_row = widgets.HBox([self.input, self.send_button, self.paste_toggle],
                               layout=widgets.Layout(align_items="center"))
        ask_row.add_class("pd-wrap")
        foot = widgets.HBox([self.gaps_switch, self.clear_button],
                            layout=widgets.Layout(align_items="center"))
        foot.add_class("pd-wrap")
        self.children = [ask_row, self.paste_box, foot, self.clear_note, self.status,
                         self.conversation, self.memory]
        self.set_lang(self.lang)
        self._refresh_log()
        if assistant is None:
            self.status.value = render_errors(t("chat.no_faq", self.lang), [])

    # -- labels ---------------------------------------------------------------------
    def set_lang(self, lang: str) -> None:
        """Relabel the controls (past answers keep their own language)."""
        self.lang = norm_lang(lang)
        self.input.description = t("chat.input.label", self.lang)
        self.input.placeholder = t("chat.placeholder", self.lang)
        self.send_button.description = t("chat.send", self.lang)
        self.paste_toggle.description = t("chat.paste.toggle", self.lang)
        self.paste.description = t("chat.paste.label", self.lang)
        self.paste.placeholder = t("chat.paste.placeholder", self.lang)
        self.paste_button.description = t("chat.paste.send", self.lang)
        self.clear_button.description = t("chat.clear", self.lang)
        self.clear_note.value = f'<div class="pd-note">{esc(t("chat.clear.note", self.lang))}</div>'
        self.empty.value = f'<div class="pd-note">{esc(t("chat.empty", self.lang))}</div>'
        self.gaps_switch.description = t("chat.gaps.label", self.lang)
        self.gaps_switch.tooltip = t("chat.gaps.tooltip", self.lang)

    # -- actions --------------------------------------------------------------------
    def _on_value(self, change) -> None:
        if change["new"].strip():
            self.submit()

    def _on_paste_toggle(self, change) -> None:
        self.paste_box.layout.display = None if change["new"] else "none"

    def submit(self) -> None:
        """Ask what is in the question box (if anything) and clear the box."""
        question = self.input.value.strip()
        if not question:
            return
        self.input.value = ""
        self.ask(question)

    def submit_message(self) -> None:
        """Answer the pasted e-mail (if any): every question in it, plus a draft reply;
        the text area is emptied."""
        message = self.paste.value.strip()
        if not message:
            return
        self.paste.value = ""
        self.ask(message, message=True)

    def ask(self, question: str, *, message: bool = False, replay: bool = False):
        """Ask ``question`` (with the previous reply as context), put the answer on top
        of the conversation; returns the reply (None when the assistant failed — a
        plain message is shown instead).

        ``message``: a pasted e-mail — a draft reply is made too (as it is whenever the
        engine found several questions). ``replay``: asked again after a reload; not
        logged again.
        """
        self.status.value = ""
        if self.assistant is None:
            self.status.value = render_errors(t("chat.no_faq", self.lang), [])
            return None
        try:
            reply = self.assistant.ask(question, previous=self.previous)
        except Exception:  # noqa: BLE001 - a handler must never leak a traceback
            log.exception("chat: asking failed")
            self.status.value = render_errors(t("chat.error", self.lang), [])
            return None
        draft, draft_failed = None, False
        if message or reply.parts:
            try:
                draft = self.assistant.draft_reply(question)
            except Exception:  # noqa: BLE001 - the answers still show
                log.exception("chat: drafting a reply failed")
                draft_failed = True
        try:
            turn = Turn(reply, self.ask, self.on_register, asked=question, draft=draft,
                        draft_failed=draft_failed)
        except Exception:  # noqa: BLE001
            log.exception("chat: showing the answer failed")
            self.status.value = render_errors(t("chat.error", self.lang), [])
            return None
        self.previous = reply
        # kept in the browser tab before the turn is shown: the page handles the
        # kernel's messages in order, so an answer on screen is an answer a reload keeps
        self._remember(question, message)
        self.turns.insert(0, turn)
        self._refresh_log()
        if not replay:
            self._record_gap(reply)
        return reply

    def _record_gap(self, reply) -> None:
        """Log an unanswered or low-confidence question if the switch is on (issue 5);
        a failing log never disturbs the conversation."""
        if self.gaps is None or not self.gaps_switch.value:
            return
        try:
            self.gaps.record(reply)
        except Exception:  # noqa: BLE001 - e.g. a read-only disk: the chat goes on
            log.warning("chat: could not record an unanswered question", exc_info=True)

    # -- the conversation across a reload --------------------------------------------
    def _remember(self, question: str, message: bool) -> None:
        self.asked.append({"q": question[:MEMORY_CHARS], "m": bool(message)})
        self.asked = self.asked[-MEMORY_TURNS:]
        self.memory.saved = json.dumps(self.asked, ensure_ascii=False)

    def _on_restored(self, change) -> None:
        self.restore(change["new"])

    def restore(self, saved: str) -> int:
        """Ask again, in order, what the browser kept from before a reload (a JSON list
        of ``{"q": text, "m": pasted?}``); returns how many were restored. Anything
        malformed is ignored; nothing happens once the conversation has started."""
        if self.turns or not saved:
            return 0
        try:
            items = json.loads(saved)
        except ValueError:
            return 0
        if not isinstance(items, list):
            return 0
        count = 0
        for item in items[-MEMORY_TURNS:]:
            if not isinstance(item, dict) or not isinstance(item.get("q"), str):
                continue
            question = item["q"][:MEMORY_CHARS].strip()
            if question and self.ask(question, message=bool(item.get("m")),
                                     replay=True) is not None:
                count += 1
        return count

    def clear_log(self) -> None:
        """Forget the conversation: in the browser tab first (so that a reload right
        after the turns vanish finds nothing), then here."""
        self.memory.saved = ""
        self.asked = []
        self.previous = None
        for turn in self.turns:
            turn.close()
        self.turns = []
        self.status.value = ""
        self._refresh_log()

    def _refresh_log(self) -> None:
        self.conversation.children = list(self.turns) if self.turns else [self.empty]
