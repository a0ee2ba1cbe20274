"""The "Brieven / Letters" section of a request's details in the Register tab, and the
register table's compact letters column.

Staff choose a letter that fits the request's state (:func:`privacy_kb.letters.fitting_kinds`),
see it drafted by the register (``reg.letter``; escaped by
:func:`privacy_kb.ui.render.render_letter`), copy it with one click (the chat's
:class:`~privacy_kb.ui.browser.CopyButton`), download it as an ``.eml`` (a ``data:``
link built from ``letter.as_email()``: nothing is asked of another host, nothing is
sent) and record that it was sent (``reg.mark_sent`` with the staff name as ``by=``,
through the register view's ordinary action path, so a refusal shows its message and
never a traceback).
"""

from __future__ import annotations

import logging
import re

import ipywidgets as widgets

from privacy_kb.errors import ValidationError
from privacy_kb.letters import KINDS, LANGS, fitting_kinds
from privacy_kb.ui.browser import CopyButton
from privacy_kb.ui.labels import t
from privacy_kb.ui.render import (download_link, esc, format_date, render_exception,
                                  format_moment, render_errors, render_letter, render_ok,
                                  render_warning)

log = logging.getLogger(__name__)

__all__ = ["LettersPanel", "TemplateEditor", "letters_cell", "kind_label", "eml_filename"]

PURPOSES = ("identity", "clarification")
#: Text keys, written out so that every key is findable in the code.
KIND_KEYS = {"acknowledgement": "letters.kind.acknowledgement",
             "info_request": "letters.kind.info_request",
             "extension_notice": "letters.kind.extension_notice",
             "decision": "letters.kind.decision"}
SHORT_KEYS = {"acknowledgement": "letters.short.acknowledgement",
              "info_request": "letters.short.info_request",
              "extension_notice": "letters.short.extension_notice",
              "decision": "letters.short.decision"}
FLAG_KEYS = {"acknowledgement_late": "letters.flag.acknowledgement_late",
             "extension_notice_not_sent": "letters.flag.extension_notice_not_sent",
             "extension_notice_late": "letters.flag.extension_notice_late"}
PURPOSE_KEYS = {"identity": "letters.purpose.identity",
                "clarification": "letters.purpose.clarification"}
LANG_KEYS = {"nl": "lang.nl", "en": "lang.en"}


def kind_label(kind: str, lang: str) -> str:
    """"Ontvangstbevestiging", "Extension notice", …"""
    return t(KIND_KEYS[kind], lang) if kind in KIND_KEYS else str(kind)


def letters_cell(row, flags, lang: str) -> str:
    """The table's letters column for one row: which letters went out and, in words
    (not colour alone), what needs attention — e.g. ``Ontvangst ✓ · Besluit –`` or
    ``Ontvangst – · ⚠ ontvangst niet op tijd bevestigd``. The information request and
    the extension notice are listed only when sent or (extension) when extended."""
    sent = getattr(row, "sent", {}) or {}
    parts = []
    for kind in KINDS:
        if kind == "info_request" and not sent.get(kind):
            continue
        if kind == "extension_notice" and not (getattr(row, "extended", False)
                                               or sent.get(kind)):
            continue
        mark = "✓" if sent.get(kind) else "–"
        parts.append(f"{t(SHORT_KEYS[kind], lang)} {mark}")
    for flag in flags or ():
        key = FLAG_KEYS.get(flag.code)
        parts.append("⚠ " + (t(key, lang) if key else flag.text(lang)))
    return " · ".join(parts)


def eml_filename(letter) -> str:
    """``VZ-2026-0001-acknowledgement-nl.eml`` (only safe characters)."""
    stem = f"{letter.request_id or 'brief'}-{letter.kind}-{letter.lang}"
    return re.sub(r"[^A-Za-z0-9._-]+", "_", stem) + ".eml"


class LettersPanel(widgets.VBox):
    """One request's letters: choose, see, copy, download, mark sent.

    Parameters
    ----------
    view : RegisterView
        Gives the register, the staff name, today, the language and the action path
        (``view.run_action``) that records ``mark_sent`` and refreshes table and history.
    """

    def __init__(self, view):
        super().__init__()
        self.add_class("pd-letters")
        self.view = view
        self.request = None
        self.letter = None
        self.title = widgets.HTML()
        self.intro = widgets.HTML()
        self.kind = widgets.Dropdown(layout=widgets.Layout(width="auto"))
        self.kind.add_class("pd-letter-kind")
        self.lang_choice = widgets.Dropdown(layout=widgets.Layout(width="auto"))
        self.lang_choice.add_class("pd-letter-lang")
        self.purpose = widgets.Dropdown(layout=widgets.Layout(width="auto"))
        self.purpose.add_class("pd-letter-purpose")
        self.details = widgets.Text(layout=widgets.Layout(width="30em", max_width="100%"))
        self.details.add_class("pd-letter-details")
        self.show_button = widgets.Button(layout=widgets.Layout(width="auto"))
        self.show_button.add_class("pd-letter-show")
        for w in (self.kind, self.lang_choice, self.purpose, self.details):
            w.style.description_width = "initial"
        self.info_row = widgets.HBox([self.purpose, self.details, self.show_button])
        self.info_row.add_class("pd-form-row")
        self.flags = widgets.HTML()
        self.flags.add_class("pd-letter-flags")
        self.sent_html = widgets.HTML()
        self.sent_html.add_class("pd-letter-sent")
        self.preview = widgets.HTML()
        self.preview.add_class("pd-letter-preview")
        self.copy_button = CopyButton()
        self.copy_button.add_class("pd-letter-copy")
        self.eml = widgets.HTML()
        self.eml.add_class("pd-letter-eml")
        self.sent_on = widgets.DatePicker()
        self.sent_on.add_class("pd-letter-sent-on")
        self.sent_on.style.description_width = "initial"
        self.mark_button = widgets.Button(button_style="primary",
                                          layout=widgets.Layout(width="auto"))
        self.mark_button.add_class("pd-letter-mark-sent")
        choose = widgets.HBox([self.kind, self.lang_choice],
                              layout=widgets.Layout(flex_flow="row wrap"))
        choose.add_class("pd-form-row")
        self.out_row = widgets.HBox([self.copy_button, self.eml],
                                    layout=widgets.Layout(align_items="center",
                                                          flex_flow="row wrap"))
        self.mark_row = widgets.HBox([self.sent_on, self.mark_button],
                                     layout=widgets.Layout(align_items="center",
                                                           flex_flow="row wrap"))
        self.children = [self.title, self.intro, self.flags, self.sent_html, choose,
                         self.info_row, self.preview, self.out_row, self.mark_row]
        self._quiet = False
        self.kind.observe(lambda _c: self._on_choice(), names="value")
        self.lang_choice.observe(lambda _c: self._on_choice(), names="value")
        self.purpose.observe(lambda _c: self._on_choice(), names="value")
        self.show_button.on_click(lambda _b: self.draft())
        self.mark_button.on_click(lambda _b: self.do_mark_sent())
        self.relabel()

    @property
    def lang(self) -> str:
        return self.view.lang

    # -- labels ----------------------------------------------------------------------
    def relabel(self) -> None:
        lang = self.lang
        self.title.value = f"<h3 class='pd-h3'>{esc(t('letters.title', lang))}</h3>"
        self.intro.value = f'<span class="pd-note">{esc(t("letters.intro", lang))}</span>'
        self.kind.description = t("letters.kind", lang)
        self.lang_choice.description = t("letters.lang", lang)
        self.purpose.description = t("letters.purpose", lang)
        self.details.description = t("letters.details", lang)
        self.show_button.description = t("letters.show", lang)
        self.sent_on.description = t("letters.sent_on", lang)
        self.mark_button.description = t("letters.mark_sent", lang)
        self.copy_button.label = t("letters.copy", lang)
        self.copy_button.done_label = t("chat.copied", lang)
        self.copy_button.manual_hint = t("chat.copy.manual", lang)
        self._quiet = True
        try:
            keep = self.lang_choice.value
            self.lang_choice.options = [(t(LANG_KEYS[code], lang), code) for code in LANGS]
            if keep in LANGS:
                self.lang_choice.value = keep
            keep = self.purpose.value
            self.purpose.options = [(t(PURPOSE_KEYS[p], lang), p) for p in PURPOSES]
            if keep in PURPOSES:
                self.purpose.value = keep
            keep = self.kind.value
            self.kind.options = [(kind_label(v, lang), v) for _l, v in self.kind.options]
            if keep is not None and keep in [v for _l, v in self.kind.options]:
                self.kind.value = keep
        finally:
            self._quiet = False
        if self.request is not None:          # relabel only: no database read
            self._render_status()
            if self.letter is not None:
                self.preview.value = render_letter(self.letter, lang)
                self._offer(self.letter)

    # -- showing ---------------------------------------------------------------------
    def show_request(self, req) -> None:
        """Show the letters of ``req`` (None: hide the section): the kinds that fit
        its state now, its language first, what was sent and what needs attention."""
        same = self.request is not None and req is not None and self.request.id == req.id
        self.request = req
        self.layout.display = "none" if req is None else None
        if req is None:
            self.letter = None
            return
        fitting = fitting_kinds(req)
        self._quiet = True
        try:
            keep = self.kind.value if same else None
            self.kind.options = [(kind_label(k, self.lang), k) for k in fitting]
            if keep in fitting:
                self.kind.value = keep
            elif fitting:
                self.kind.value = fitting[0]
            if not same:
                self.lang_choice.value = req.lang if req.lang in LANGS else "nl"
                self.details.value = ""
                self.purpose.value = PURPOSES[0]
            self.sent_on.value = self.view.today()
        finally:
            self._quiet = False
        self._show_status()
        self.draft()

    def _show_status(self) -> None:
        """Which letters were marked sent, and the register's letter flags
        (:func:`privacy_kb.letters.letter_flags`, as ``reg.letter_flags``), in words;
        from the request already loaded (no further query)."""
        from privacy_kb.letters import letter_flags
        from privacy_kb.register.lifecycle import LETTER_SENT

        req = self.request
        sent = {kind: getattr(req, column, None) for kind, (column, _a) in LETTER_SENT.items()}
        try:
            flags = letter_flags(req, sent, self.view.today(),
                                 getattr(self.view.register, "calendar", None))
        except Exception:  # noqa: BLE001 - the letters still draft without it
            log.warning("letters: flags failed", exc_info=True)
            flags = []
        self._status = (sent, flags)
        self._render_status()

    def _render_status(self) -> None:
        sent, flags = getattr(self, "_status", ({}, []))
        lang = self.lang
        items = []
        for kind in KINDS:
            day = sent.get(kind)
            when = (f"{t('letters.sent', lang)} {format_date(day, lang)}" if day
                    else t("letters.sent.no", lang))
            items.append(f"<li>{esc(kind_label(kind, lang))}: {esc(when)}</li>")
        self.sent_html.value = f'<ul class="pd-letter-sent-list">{"".join(items)}</ul>'
        self.flags.value = (render_warning(t("letters.attention", lang),
                                           [f.text(lang) for f in flags]) if flags else "")

    def _on_choice(self) -> None:
        if not self._quiet and self.request is not None:
            self.draft()

    def choose(self, kind: str) -> None:
        """Show the ``kind`` letter; a kind that does not fit the request's state shows
        the register's message (it is not offered, but the state may have moved on)."""
        if kind in [v for _l, v in self.kind.options]:
            self.kind.value = kind
            self.draft()
        else:
            self.draft(kind)

    def draft(self, kind: str | None = None):
        """Draft the chosen letter with the register (``reg.letter``) and show it; a
        refusal (ValidationError) is shown as the register's message. Returns the
        Letter or None."""
        req, lang = self.request, self.lang
        kind = kind or self.kind.value
        is_info = kind == "info_request"
        self.info_row.layout.display = None if is_info else "none"
        self.letter = None
        self.copy_button.text = ""
        self.eml.value = ""
        self.out_row.layout.display = self.mark_row.layout.display = "none"
        if req is None:
            return None
        if kind is None:
            self.preview.value = f'<div class="pd-note">{esc(t("letters.none", lang))}</div>'
            return None
        try:
            letter = self.view.register.letter(
                req.id, kind, self.lang_choice.value,
                purpose=self.purpose.value if is_info else None,
                details=self.details.value.strip() or None if is_info else None,
                today=self.view.today())
        except ValidationError as error:
            self.preview.value = render_exception(error, lang, title=kind_label(kind, lang))
            return None
        except Exception as error:  # noqa: BLE001 - never a traceback on the page
            log.warning("letters: drafting failed: %s", type(error).__name__)
            self.preview.value = render_exception(error, lang, title=kind_label(kind, lang))
            return None
        self.letter = letter
        self.preview.value = render_letter(letter, lang)
        self._offer(letter)
        self.out_row.layout.display = self.mark_row.layout.display = None
        return letter

    def _offer(self, letter) -> None:
        """The copy button's text and the .eml download link for ``letter``."""
        lang = self.lang
        self.copy_button.text = letter.body
        self.eml.value = download_link(bytes(letter.as_email()), eml_filename(letter),
                                       t("letters.download", lang), mime="message/rfc822",
                                       hook="pd-letter-download")

    # -- the action ------------------------------------------------------------------
    def do_mark_sent(self):
        """"Markeer als verstuurd": ``reg.mark_sent`` for the letter shown, on the date
        chosen, by the staff member (refused, with the message, before staff said who
        they are); the table, details and history then show it."""
        view = self.view
        kind = self.letter.kind if self.letter is not None else self.kind.value
        if kind is None:
            view.say(render_errors(t("letters.none", self.lang), []))
            return None
        return view.run_action("letters", lambda req: view.register.mark_sent(
            req.id, kind, on=self.sent_on.value, version=req.version, **view.by_staff()),
            lambda req, _u: f"{req.id}: {kind_label(kind, self.lang)} "
                            f"{t('letters.marked', self.lang)}", open_only=False)


class TemplateEditor(widgets.VBox):
    """Staff's letter templates, per kind and language: edit the subject and body
    (Jinja2, rendered in the register's sandbox), see a live preview on a sample
    request staff choose (each request type, each outcome, …:
    :func:`privacy_kb.letters.preview_sample`), with what is missing for that sample
    and for the others, each named, save (a template that
    leaves out what the law requires is refused with a message naming it; nothing is
    written then), the history (who, when) and "Standaard herstellen".

    Parameters
    ----------
    view : RegisterView
        Gives the register, the staff name (``by=``) and the language.
    """

    def __init__(self, view):
        super().__init__()
        self.add_class("pd-template-editor")
        self.view = view
        self.is_default = True
        self.kind = widgets.Dropdown(layout=widgets.Layout(width="auto"))
        self.kind.add_class("pd-template-kind")
        self.lang_choice = widgets.Dropdown(layout=widgets.Layout(width="auto"))
        self.lang_choice.add_class("pd-template-lang")
        # the sample request the preview fills in: one of the cases the template must
        # handle (templates.sample_cases: each request type, each outcome, …)
        self.sample = widgets.Dropdown(layout=widgets.Layout(width="auto", max_width="100%"))
        self.sample.add_class("pd-template-sample")
        self.subject = widgets.Text(layout=widgets.Layout(width="48em", max_width="100%"))
        self.subject.add_class("pd-template-subject")
        self.body = widgets.Textarea(rows=14, continuous_update=False,
                                     layout=widgets.Layout(width="48em", max_width="100%"))
        self.body.add_class("pd-template-body")
        for w in (self.kind, self.lang_choice, self.sample, self.subject, self.body):
            w.style.description_width = "initial"
        self.state = widgets.HTML()
        self.state.add_class("pd-template-state")
        self.help = widgets.HTML()
        self.preview = widgets.HTML()
        self.preview.add_class("pd-template-preview")
        self.save_button = widgets.Button(button_style="primary",
                                          layout=widgets.Layout(width="auto"))
        self.save_button.add_class("pd-template-save")
        self.restore_button = widgets.Button(layout=widgets.Layout(width="auto"))
        self.restore_button.add_class("pd-template-restore")
        self.message = widgets.HTML()
        self.message.add_class("pd-template-message")
        self.history = widgets.HTML()
        self.history.add_class("pd-template-history")
        choose = widgets.HBox([self.kind, self.lang_choice],
                              layout=widgets.Layout(flex_flow="row wrap"))
        buttons = widgets.HBox([self.save_button, self.restore_button],
                               layout=widgets.Layout(flex_flow="row wrap"))
        self.children = [choose, self.state, self.subject, self.body, self.help,
                         self.sample, self.preview, buttons, self.message, self.history]
        self._quiet = False
        self.kind.observe(lambda _c: self.load(), names="value")
        self.lang_choice.observe(lambda _c: self.load(), names="value")
        self.sample.observe(lambda _c: self.update_preview(), names="value")
        self.subject.observe(lambda _c: self.update_preview(), names="value")
        self.body.observe(lambda _c: self.update_preview(), names="value")
        self.save_button.on_click(lambda _b: self.do_save())
        self.restore_button.on_click(lambda _b: self.do_restore())
        self.relabel()
        self.load()

    @property
    def lang(self) -> str:
        return self.view.lang

    @property
    def register(self):
        return self.view.register

    def relabel(self) -> None:
        from privacy_kb.letters import TEMPLATE_VARIABLES

        lang = self.lang
        self._quiet = True
        try:
            keep_kind, keep_lang = self.kind.value, self.lang_choice.value
            self.kind.options = [(kind_label(k, lang), k) for k in KINDS]
            self.kind.value = keep_kind if keep_kind in KINDS else KINDS[0]
            self.lang_choice.options = [(t(LANG_KEYS[c], lang), c) for c in LANGS]
            self.lang_choice.value = keep_lang if keep_lang in LANGS else "nl"
            self._sample_options()
        finally:
            self._quiet = False
        self.kind.description = t("letters.kind", lang)
        self.lang_choice.description = t("letters.lang", lang)
        self.sample.description = t("tpl.sample", lang)
        self.subject.description = t("letters.subject", lang)
        self.body.description = t("tpl.body", lang)
        self.save_button.description = t("tpl.save", lang)
        self.restore_button.description = t("tpl.restore", lang)
        names = "".join(f"<li><code>{{{{ {esc(name)} }}}}</code>: {esc(nl if lang == 'nl' else en)}</li>"
                        for name, (nl, en) in TEMPLATE_VARIABLES.items())
        self.help.value = (f'<details class="pd-template-help"><summary>'
                           f'{esc(t("tpl.variables", lang))}</summary><ul>{names}</ul>'
                           "</details>")
        self._show_state()
        self._show_history()
        if self.subject.value:                  # loaded: the preview speaks the new language
            self.update_preview()

    def _sample_options(self) -> None:
        """The sample requests of the chosen kind, in words in the interface's language;
        the one chosen stays chosen (by position, as the cases of a kind are fixed),
        else a refusal of an access request (a decision) or the first case."""
        from privacy_kb.letters import sample_label
        from privacy_kb.letters.templates import sample_cases

        kind = self.kind.value
        cases = sample_cases(kind)
        keep = self.sample.value if getattr(self, "_sample_kind", None) == kind else None
        self._sample_kind, self._cases = kind, cases
        self.sample.options = [(sample_label(kind, case, self.lang), i)
                               for i, case in enumerate(cases)]
        if keep is None:
            keep = next((i for i, c in enumerate(cases)
                         if c["request_type"] == "access" and c["outcome"] in (None, "refused")),
                        0)
        self.sample.value = keep

    @property
    def sample_case(self) -> dict:
        """The sample request the preview fills in (a case of ``sample_cases``)."""
        return self._cases[self.sample.value]

    def choose_sample(self, **wanted) -> None:
        """Choose the first sample whose case has the ``wanted`` values, e.g.
        ``choose_sample(request_type="erasure", outcome="granted")``."""
        for i, case in enumerate(self._cases):
            if all(case.get(k) == v for k, v in wanted.items()):
                self.sample.value = i
                return
        raise ValueError(f"no sample case with {wanted}")

    def load(self) -> None:
        """Put the template in force for the chosen kind and language in the editor."""
        if self._quiet or self.register is None:
            return
        if getattr(self, "_sample_kind", None) != self.kind.value:
            self._quiet = True
            try:
                self._sample_options()
            finally:
                self._quiet = False
        try:
            template, self.is_default = self.register.template(self.kind.value,
                                                               self.lang_choice.value)
        except Exception as error:  # noqa: BLE001 - never a traceback on the page
            self.message.value = render_exception(error, self.lang)
            return
        self._quiet = True
        try:
            self.subject.value = template.subject
            self.body.value = template.body
        finally:
            self._quiet = False
        self.message.value = ""
        self._show_state()
        self._show_history()
        self.update_preview()

    def _show_state(self) -> None:
        key = "tpl.default" if self.is_default else "tpl.custom"
        self.state.value = f'<span class="pd-note">{esc(t(key, self.lang))}</span>'

    def update_preview(self):
        """The live preview: the template as typed, filled in for the sample request
        chosen; above it, what the template gets wrong on this sample and (would
        saving refuse it) on the others, each naming its sample. A template whose
        source cannot be used shows what is wrong instead. Returns the Letter or None."""
        from privacy_kb.letters import preview_sample, sample_label

        if self._quiet:
            return None
        lang = self.lang
        try:
            result = preview_sample(self.kind.value, self.lang_choice.value,
                                    self.subject.value, self.body.value, self.sample_case)
        except ValidationError as error:
            self.preview.value = render_exception(error, lang, title=t("tpl.refused", lang))
            return None
        except Exception as error:  # noqa: BLE001
            log.warning("templates: preview failed: %s", type(error).__name__)
            self.preview.value = render_exception(error, lang)
            return None
        case = sample_label(self.kind.value, result.case, lang)
        parts = []
        if result.here:
            parts.append(render_errors(t("tpl.sample.wrong", lang).format(case=case),
                                       [p.text(lang) for p in result.here]))
        if result.elsewhere:
            parts.append(render_warning(t("tpl.sample.elsewhere", lang),
                                        [p.text(lang) for p in result.elsewhere]))
        if result.letter is None:
            parts.append(f'<div class="pd-note">{esc(t("tpl.sample.cannot", lang))}</div>')
        else:
            parts.append(f'<div class="pd-note">'
                         f'{esc(t("tpl.preview.on", lang).format(case=case))}</div>'
                         + render_letter(result.letter, lang))
        self.preview.value = "".join(parts)
        return result.letter

    def do_save(self) -> bool:
        """Save the template as typed, by the staff member; refused: the message names
        what is missing and nothing is written."""
        try:
            changed = self.register.save_template(
                self.kind.value, self.lang_choice.value, self.subject.value,
                self.body.value, **self.view.by_staff())
        except ValidationError as error:
            self.message.value = render_exception(error, self.lang,
                                                  title=t("tpl.refused", self.lang))
            return False
        except Exception as error:  # noqa: BLE001
            log.warning("templates: save failed: %s", type(error).__name__)
            self.message.value = render_exception(error, self.lang)
            return False
        self.load()
        self.message.value = render_ok(t("tpl.saved" if changed else "tpl.unchanged",
                                         self.lang))
        self.view.letters.draft()                  # the letter shown follows the template
        return True

    def do_restore(self) -> bool:
        """"Standaard herstellen": the shipped template is in force again."""
        try:
            changed = self.register.restore_template(self.kind.value, self.lang_choice.value,
                                                     **self.view.by_staff())
        except Exception as error:  # noqa: BLE001 - ValidationError (staff), …
            self.message.value = render_exception(error, self.lang)
            return False
        self.load()
        self.message.value = render_ok(t("tpl.restored" if changed else "tpl.unchanged",
                                         self.lang))
        self.view.letters.draft()
        return True

    def _show_history(self) -> None:
        """Who changed this template, and when (newest first)."""
        if self.register is None or self._quiet:
            return
        try:
            rows = self.register.template_history(self.kind.value, self.lang_choice.value)
        except Exception:  # noqa: BLE001
            log.warning("templates: history failed", exc_info=True)
            rows = []
        lang = self.lang
        if not rows:
            self.history.value = f'<div class="pd-note">{esc(t("tpl.history.none", lang))}</div>'
            return
        action = {"edit": t("tpl.history.edit", lang), "restore": t("tpl.history.restore", lang)}
        body = "".join(f"<tr><td>{esc(format_moment(r['at'], lang))}</td><td>{esc(r['by'])}</td>"
                       f"<td>{esc(action.get(r['action'], r['action']))}</td></tr>"
                       for r in reversed(rows))
        self.history.value = (f"<table class='pd-hist'><caption>{esc(t('tpl.history', lang))}"
                              f"</caption><thead><tr><th>{esc(t('tpl.history.at', lang))}</th>"
                              f"<th>{esc(t('tpl.history.by', lang))}</th>"
                              f"<th>{esc(t('tpl.history.action', lang))}</th></tr></thead>"
                              f"<tbody>{body}</tbody></table>")
