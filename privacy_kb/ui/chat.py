"""The "Vragen" tab: ask the assistant, see cited answers, act on them."""

from __future__ import annotations

import logging
from typing import Callable

import ipywidgets as widgets

from privacy_kb.ui.labels import norm_lang, t
from privacy_kb.ui.logic import prefill_from_reply
from privacy_kb.ui.render import esc, render_errors, render_reply, reply_plain_text

log = logging.getLogger(__name__)

# --- gap log switch (issue 5): labels kept here, next to the only widget using them ---
GAPS_LABEL = {"nl": "Onbeantwoorde vragen bewaren (anoniem)",
              "en": "Keep unanswered questions (anonymous)"}
GAPS_TOOLTIP = {
    "nl": "Vragen zonder (zeker) antwoord worden zonder uw identiteit lokaal bewaard, met "
          "e-mailadressen, telefoonnummers, IBAN's en postcodes gemaskeerd, om de FAQ te "
          "verbeteren.",
    "en": "Questions without a (confident) answer are kept locally without your identity, "
          "with e-mail addresses, phone numbers, IBANs and postcodes masked, to improve "
          "the FAQ."}
# --- end gap log switch ---


class Turn(widgets.VBox):
    """One question and its answer in the conversation.

    Children: the rendered answer (``html``), "Bedoelde u" buttons (``suggestion_buttons``),
    "Registreer dit verzoek" (``register_button``, only when a request was detected),
    "Kopieer antwoord" (``copy_button``) and the copy text (``copy_text``, hidden until
    asked for).
    """

    def __init__(self, reply, ask: Callable[[str], object],
                 register: Callable[[dict], object] | None):
        super().__init__()
        self.reply = reply
        self.add_class("pd-turn")
        lang = norm_lang(reply.lang)
        self.html = widgets.HTML(render_reply(reply, lang))
        self.html.add_class("pd-answer")
        self.suggestion_buttons = []
        for suggestion in reply.suggestions or []:
            button = widgets.Button(description=f"{t('chat.didyoumean', lang)}: {suggestion}",
                                    tooltip=suggestion,
                                    layout=widgets.Layout(width="auto", max_width="100%"))
            button.add_class("pd-suggestion")
            button.on_click(lambda _b, q=suggestion: ask(q))
            self.suggestion_buttons.append(button)
        self.copy_button = widgets.Button(description=t("chat.copy", lang), icon="copy",
                                          layout=widgets.Layout(width="auto"))
        self.copy_button.add_class("pd-copy")
        self.copy_text = widgets.Textarea(
            reply_plain_text(reply), rows=5, layout=widgets.Layout(width="95%", display="none"))
        self.copy_text.add_class("pd-copy-text")
        self.copy_hint = widgets.HTML(
            f'<span class="pd-note">{esc(t("chat.copy.hint", lang))}</span>',
            layout=widgets.Layout(display="none"))
        self.copy_button.on_click(self._toggle_copy)
        actions = [self.copy_button]
        self.prefill = prefill_from_reply(reply)
        self.register_button = None
        if self.prefill is not None and register is not None:
            self.register_button = widgets.Button(
                description=t("chat.register", lang), button_style="warning",
                icon="pencil", layout=widgets.Layout(width="auto"))
            self.register_button.add_class("pd-register-this")
            self.register_button.on_click(lambda _b: register(dict(self.prefill)))
            actions.insert(0, self.register_button)
        children = [self.html]
        if self.suggestion_buttons:
            children.append(widgets.VBox(self.suggestion_buttons))
        children += [widgets.HBox(actions), self.copy_hint, self.copy_text]
        self.children = children

    def _toggle_copy(self, _button=None):
        lang = norm_lang(self.reply.lang)
        show = self.copy_text.layout.display == "none"
        self.copy_text.layout.display = None if show else "none"
        self.copy_hint.layout.display = None if show else "none"
        self.copy_button.description = t("chat.copy.hide" if show else "chat.copy", lang)


class ChatView(widgets.VBox):
    """Question box, send button and the conversation (newest answer on top).

    Parameters
    ----------
    assistant : privacy_kb.assistant.Assistant
        Anything with ``ask(str) -> Reply``.
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
        self.assistant = assistant
        self.on_register = on_register
        self.lang = norm_lang(lang)
        self.turns: list[Turn] = []
        # continuous_update=False: the value syncs (and we answer) on Enter
        self.input = widgets.Text(continuous_update=False,
                                  layout=widgets.Layout(width="70%"))
        self.input.add_class("pd-chat-input")
        self.send_button = widgets.Button(button_style="primary", icon="paper-plane")
        self.send_button.add_class("pd-chat-send")
        self.clear_button = widgets.Button(icon="trash", layout=widgets.Layout(width="auto"))
        self.clear_button.add_class("pd-chat-clear")
        self.status = widgets.HTML()
        self.conversation = widgets.VBox()
        self.conversation.add_class("pd-chat-log")
        self.empty = widgets.HTML()
        self.input.observe(self._on_value, names="value")
        self.send_button.on_click(lambda _b: self.submit())
        self.clear_button.on_click(lambda _b: self.clear_log())
        # gap log switch (issue 5)
        self.gaps = gaps
        self.gaps_switch = widgets.Checkbox(value=gaps is not None, disabled=gaps is None,
                                            indent=False, layout=widgets.Layout(width="auto"))
        self.gaps_switch.add_class("pd-gaps-switch")
        self.children = [widgets.HBox([self.input, self.send_button, self.clear_button]),
                         self.gaps_switch, self.status, self.conversation]
        self.set_lang(self.lang)
        self._refresh_log()
        if assistant is None:
            self.status.value = render_errors(t("chat.no_faq", self.lang), [])

    # -- labels ---------------------------------------------------------------------
    def set_lang(self, lang: str) -> None:
        """Relabel the controls (past answers keep their own language)."""
        self.lang = norm_lang(lang)
        self.input.placeholder = t("chat.placeholder", self.lang)
        self.send_button.description = t("chat.send", self.lang)
        self.clear_button.description = t("chat.clear", self.lang)
        self.empty.value = f'<div class="pd-note">{esc(t("chat.empty", self.lang))}</div>'
        self.gaps_switch.description = GAPS_LABEL[self.lang]
        self.gaps_switch.tooltip = GAPS_TOOLTIP[self.lang]

    # -- actions --------------------------------------------------------------------
    def _on_value(self, change) -> None:
        if change["new"].strip():
            self.submit()

    def submit(self) -> None:
        """Ask what is in the question box (if anything) and clear the box."""
        question = self.input.value.strip()
        if not question:
            return
        self.input.value = ""
        self.ask(question)

    def ask(self, question: str):
        """Ask ``question``, put the answer on top of the conversation; returns the reply
        (None when the assistant failed — a plain message is shown instead)."""
        self.status.value = ""
        if self.assistant is None:
            self.status.value = render_errors(t("chat.no_faq", self.lang), [])
            return None
        try:
            reply = self.assistant.ask(question)
            turn = Turn(reply, self.ask, self.on_register)
        except Exception:  # noqa: BLE001 - a handler must never leak a traceback
            log.exception("chat: asking failed")
            self.status.value = render_errors(t("chat.error", self.lang), [])
            return None
        self.turns.insert(0, turn)
        self._refresh_log()
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

    def clear_log(self) -> None:
        """Forget the conversation."""
        for turn in self.turns:
            turn.close()
        self.turns = []
        self._refresh_log()

    def _refresh_log(self) -> None:
        self.conversation.children = list(self.turns) if self.turns else [self.empty]
