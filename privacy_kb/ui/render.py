"""The one place where text becomes HTML.

Everything that reaches an ``ipywidgets.HTML`` widget is built here, and every piece of
text in it — questions, answers, names, descriptions, notes, even FAQ and statement
text — goes through :func:`esc` (``html.escape`` with quotes). ``ipywidgets.HTML``
renders its value as raw HTML, so a requester called ``<img src=x onerror=alert(1)>``
would otherwise run script in every staff browser that shows the register.

All functions here are pure: values in, a string out. They are tested without widgets.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import math
import re

from privacy_kb.clock import AMSTERDAM
from privacy_kb.register import deadlines
from privacy_kb.texts import format_date as _format_day
from privacy_kb.ui.labels import (action_label, channel_label, decision_label, field_label,
                                  method_label, norm_lang, reason_label, status_label, t,
                                  type_label)

#: Styles of the app, shown once (in the app's header). Only our own class names.
CSS = """<style>
.pd-app { font-size: 14px; }
.pd-q { margin: 0.6em 0 0.2em 0; font-weight: 600; }
.pd-a { margin: 0.2em 0 0.3em 0; white-space: pre-wrap; }
.pd-src { color: #444; font-size: 0.92em; }
.pd-src details summary { cursor: pointer; color: #1a5fb4; }
.pd-src blockquote { margin: 0.3em 0 0.3em 0.5em; padding-left: 0.6em;
                     border-left: 3px solid #c0c0c0; white-space: pre-wrap; }
.pd-fallback { border-left: 4px solid #e5a50a; padding-left: 0.6em; }
.pd-ok { color: #1c6b2a; background: #e8f5e9; border-left: 4px solid #2e7d32;
         padding: 0.4em 0.7em; }
.pd-err { color: #8b1a1a; background: #fdecea; border-left: 4px solid #c62828;
          padding: 0.4em 0.7em; }
.pd-err ul, .pd-ok ul { margin: 0.2em 0 0.2em 1.2em; padding: 0; }
.pd-field-err { color: #b3261e; font-size: 0.9em; }
.pd-note { color: #555; font-size: 0.92em; }
.pd-dl { display: grid; grid-template-columns: max-content auto; gap: 0.15em 1em;
         margin: 0.3em 0; }
.pd-dl dt { font-weight: 600; } .pd-dl dd { margin: 0; white-space: pre-wrap; }
.pd-hist { border-collapse: collapse; font-size: 0.92em; }
.pd-hist th, .pd-hist td { border-bottom: 1px solid #ddd; padding: 0.2em 0.6em;
                          text-align: left; vertical-align: top; }
.pd-overdue-text { color: #b3261e; font-weight: 600; }
td.pd-flag { color: #b3261e; font-weight: 600; }
.pd-turn { border-bottom: 1px solid #e0e0e0; padding-bottom: 0.4em; }
.pd-q { white-space: pre-wrap; overflow-wrap: anywhere; max-height: 12em; overflow-y: auto; }
.pd-a, .pd-draft, .pd-err, .pd-ok, .pd-warn { overflow-wrap: anywhere; }
.pd-a a, .pd-draft a { color: #1a5fb4; text-decoration: underline; }
.pd-part { margin: 0.3em 0 0.5em 0; padding-left: 0.6em; border-left: 3px solid #d0d7de; }
.pd-part-q { font-weight: 600; }
.pd-draft { white-space: pre-wrap; background: #f6f8fa; border: 1px solid #d0d7de;
            padding: 0.5em 0.7em; margin: 0.3em 0; }
.pd-warn { color: #6b4500; background: #fff4e5; border-left: 4px solid #e5a50a;
           padding: 0.4em 0.7em; }
.pd-warn ul { margin: 0.2em 0 0.2em 1.2em; padding: 0; }
.pd-copy-widget { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em; }
.pd-app .pd-copy-button { width: auto; max-width: 100%; padding: 0 1em; }
.pd-turn .widget-html-content, .pd-chat .widget-html-content { line-height: 1.45; }
.pd-copy-status { color: #1c6b2a; font-weight: 600; }
.pd-copy-manual { flex-basis: 100%; } .pd-copy-area { width: 95%; }
.pd-wrap { flex-wrap: wrap !important; gap: 0.3em 0.6em; }
.pd-app .widget-label { min-width: 0; }
.pd-app .lm-TabBar-tab, .pd-app .lm-TabBar-tabLabel { color: #2b2b2b; }
@media (max-width: 600px) {
  .pd-app { font-size: 15px; }
  .pd-app .widget-inline-hbox, .pd-app .widget-hbox { flex-wrap: wrap !important; }
  .pd-app .widget-inline-hbox { height: auto !important; }
  .pd-app .widget-dropdown select, .pd-app .widget-text input,
  .pd-app .widget-datepicker input { height: var(--jp-widgets-inline-height, 28px); }
  .pd-app .widget-inline-hbox .widget-label { width: 100% !important; max-width: 100%;
                                              text-align: left; }
  .pd-app .widget-text, .pd-app .widget-textarea, .pd-app .widget-dropdown,
  .pd-app .widget-datepicker, .pd-app .pd-field, .pd-app .pd-chat-input {
      width: 100% !important; max-width: 100% !important; flex: 1 1 100% !important; }
  .pd-app .widget-text input, .pd-app .widget-textarea textarea,
  .pd-app .widget-dropdown select, .pd-app .widget-datepicker input { min-width: 0; }
  .pd-app .lm-TabBar-tab { min-width: 0 !important; flex: 1 1 auto !important; }
  .pd-app .lm-TabBar-tabLabel { white-space: normal; }
  .pd-app .widget-button, .pd-app .pd-copy-button { max-width: 100%; white-space: normal;
                                                     height: auto; min-height: 28px; }
}
</style>"""


def esc(value) -> str:
    """``value`` as HTML-safe text (``None`` -> ``""``); quotes escaped too."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return html.escape(str(value), quote=True)


def _is_missing(value) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd  # noqa: PLC0415 - pandas is in the app anyway
        return bool(pd.isna(value)) if not isinstance(value, (list, dict, str)) else False
    except (TypeError, ValueError, ImportError):
        return False


def to_date(value) -> dt.date | None:
    """A ``datetime.date`` from a date, datetime, pandas Timestamp or ISO string."""
    if _is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "date") and callable(value.date):  # pandas Timestamp
        return value.date()
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def format_date(value, lang: str = "nl") -> str:
    """A date as people write it: ``ma 2 maart 2026`` / ``Mon 2 March 2026``
    (:func:`privacy_kb.texts.format_date`, Babel's Dutch and English)."""
    d = to_date(value)
    return "" if d is None else _format_day(d, lang)


def format_moment(value, lang: str = "nl") -> str:
    """A moment in Amsterdam time: ``ma 2 maart 2026 14:05``."""
    if _is_missing(value):
        return ""
    if not isinstance(value, dt.datetime):
        if hasattr(value, "to_pydatetime"):
            value = value.to_pydatetime()
        else:
            try:
                value = dt.datetime.fromisoformat(str(value))
            except ValueError:
                return str(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    local = value.astimezone(AMSTERDAM)
    return f"{format_date(local.date(), lang)} {local:%H:%M}"


# --- links ----------------------------------------------------------------------------

#: Web and e-mail addresses in *escaped* text. An address ends at white space or at an
#: escaped character other than ``&amp;`` (``&lt;``, ``&gt;``, ``&quot;``, ``&#x27;``),
#: so markup can never reach an attribute; only http(s), ``www.`` and e-mail addresses
#: (``mailto:``) become links — ``javascript:`` and other schemes stay text.
_LINK = re.compile(
    r"(?P<url>\b(?:https?://|www\.)(?:[^\s&]|&amp;)+)"
    r"|(?P<mail>(?:\bmailto:)?[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,})")
_TRAILING = ".,;:!?)]}"


def _link(match: re.Match) -> str:
    text = match.group(0)
    tail = ""
    while text and text[-1] in _TRAILING:
        tail = text[-1] + tail
        text = text[:-1]
    if match.group("url"):
        href = text if text.lower().startswith(("http://", "https://")) else "https://" + text
        if len(text) <= len("www.") or text.endswith("//"):
            return match.group(0)
    else:
        address = text[len("mailto:"):] if text.lower().startswith("mailto:") else text
        href = "mailto:" + address
    return (f'<a href="{href}" rel="noopener noreferrer" target="_blank">{text}</a>'
            + tail)


def linkify(escaped: str) -> str:
    """Web and e-mail addresses in already escaped text as links that open in a new tab
    (``rel="noopener noreferrer"``). Escape first (:func:`esc`), then call this."""
    return _LINK.sub(_link, escaped)


def esc_links(value) -> str:
    """:func:`esc`, then :func:`linkify`: user-visible text with clickable addresses."""
    return linkify(esc(value))


# --- chat -----------------------------------------------------------------------------

def source_title(reply) -> str:
    """The cited section's title, or ``""``."""
    source = getattr(reply, "source", None) or {}
    return str(source.get("title") or "")


def _render_source(reply, lang: str) -> str:
    source = reply.source or {}
    if not source:
        return ""
    passage = source.get("passage") or source.get("quote") or ""
    return (f'<div class="pd-src">{esc(t("chat.source", lang))}: '
            f'<b>{esc(source.get("title") or source.get("id") or "")}</b>'
            f'<details><summary>{esc(t("chat.passage", lang))}</summary>'
            f'<blockquote>{esc(passage)}</blockquote></details></div>')


def _render_answer(reply, lang: str) -> str:
    """One answer (or its fallback) with its source; addresses become links."""
    if not reply.answered:
        out = (f'<div class="pd-a pd-fallback"><b>{esc(t("chat.fallback", lang))}.'
               f'</b> {esc_links(reply.text)}</div>')
    else:
        out = f'<div class="pd-a">{esc_links(reply.text)}</div>'
        if reply.suggestions:
            out += f'<div class="pd-note">{esc(t("chat.unsure", lang))}</div>'
    return out + _render_source(reply, lang)


def render_reply(reply, ui_lang: str = "nl", question: str | None = None) -> str:
    """One turn of the conversation: the question, the answer and its source.

    A message holding several questions (``reply.parts``, see DESIGN.md "Asking") shows
    each question found with its own answer and source, in message order. The answer
    is in the asker's language (``reply.lang``); the labels around it ("Bron",
    "Bedoelde u") follow it, so that a whole turn reads in one language. Web and
    e-mail addresses in answers are links. ``question``: the text as typed or pasted
    (line breaks kept), default ``reply.question``.
    """
    lang = norm_lang(reply.lang or ui_lang)
    asked = reply.question if question is None else question
    out = [f'<div class="pd-q">{esc(t("chat.you", lang))}: {esc(asked)}</div>']
    if not reply.parts:
        out.append(_render_answer(reply, lang))
        return "".join(out)
    out.append(f'<div class="pd-note">{esc(t("chat.parts", lang))}: '
               f"{len(reply.parts)}</div>")
    for number, part in enumerate(reply.parts, 1):
        part_lang = norm_lang(part.lang or lang)
        out.append(f'<div class="pd-part"><div class="pd-part-q">{number}. '
                   f"{esc(part.question)}</div>{_render_answer(part, part_lang)}</div>")
    return "".join(out)


def _plain_answer(reply, lang: str) -> str:
    text = reply.text or ""
    title = source_title(reply)
    if title:
        text += f"\n\n({t('chat.source', lang)}: {title}, "
        text += ("privacyverklaring Software Borg)" if lang == "nl"
                 else "Software Borg privacy statement)")
    return text


def reply_plain_text(reply) -> str:
    """The answer as plain text for pasting into an e-mail: answer, then the source;
    for a message with several questions, each question with its answer and source."""
    lang = norm_lang(reply.lang)
    if not reply.parts:
        return _plain_answer(reply, lang)
    blocks = [f"{n}. {part.question}\n{_plain_answer(part, norm_lang(part.lang or lang))}"
              for n, part in enumerate(reply.parts, 1)]
    return "\n\n".join(blocks)


def render_draft(draft: str, lang: str = "nl") -> str:
    """The draft reply e-mail (``bot.draft_reply``), escaped, addresses as links."""
    return (f'<div class="pd-note"><b>{esc(t("chat.draft", lang))}</b></div>'
            f'<div class="pd-draft">{esc_links(draft)}</div>')


# --- messages -------------------------------------------------------------------------

def render_ok(title: str, lines: list[str] = ()) -> str:
    """A green confirmation box: a bold title and optional lines (all escaped)."""
    body = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return (f'<div class="pd-ok"><b>{esc(title)}</b>'
            + (f"<ul>{body}</ul>" if body else "") + "</div>")


def render_errors(title: str, lines: list[str]) -> str:
    """A red box: a title and a list of messages (all escaped)."""
    body = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return (f'<div class="pd-err"><b>{esc(title)}</b>'
            + (f"<ul>{body}</ul>" if body else "") + "</div>")


def render_field_error(messages: list[str]) -> str:
    """The small red text next to one field; ``""`` when there is nothing to say."""
    if not messages:
        return ""
    return f'<span class="pd-field-err">{esc(" ".join(messages))}</span>'


def validation_lines(error, lang: str = "nl") -> list[str]:
    """Every message of a ValidationError as ``Field: message`` lines."""
    lines = []
    for field, msgs in error.messages(lang).items():
        for msg in msgs:
            lines.append(f"{field_label(field, lang)}: {msg}")
    return lines


def render_exception(error, lang: str = "nl", title: str | None = None) -> str:
    """Any exception from an action as a plain message box — never a traceback.

    ValidationError lists each field's messages; ConflictError, NotFoundError and
    StoreError give their own sentence; anything else gets a generic sentence (the
    details go to the log, not to the page).
    """
    from privacy_kb.errors import ConflictError, NotFoundError, ValidationError

    if isinstance(error, ValidationError):
        return render_errors(title or t("intake.fix", lang), validation_lines(error, lang))
    if isinstance(error, ConflictError):
        return render_errors(error.message(lang), [])
    if isinstance(error, NotFoundError):
        return render_errors(t("error.not_found", lang), [])
    message = getattr(error, "message", None)
    if callable(message) and type(error).__name__ == "StoreError":
        return render_errors(message(lang), [])
    return render_errors(t("error.unexpected", lang), [])


# --- register -------------------------------------------------------------------------

def days_text(days: int, lang: str = "nl") -> str:
    """``1 dag`` / ``8 dagen`` (``1 day`` / ``8 days``)."""
    return t("intake.day" if abs(days) == 1 else "intake.days", lang).format(n=days)


def render_warning(title: str, lines: list[str] = ()) -> str:
    """An amber box: a bold title and optional lines (all escaped)."""
    body = "".join(f"<li>{esc(line)}</li>" for line in lines)
    return (f'<div class="pd-warn" role="status"><b>{esc(title)}</b>'
            + (f"<ul>{body}</ul>" if body else "") + "</div>")


def duplicate_line(row: dict, lang: str = "nl") -> str:
    """``VZ-2026-0001 — Jan Jansen, Inzage (art. 15), ontvangen ma 2 maart 2026``."""
    received = "ontvangen" if norm_lang(lang) == "nl" else "received"
    return (f"{row.get('id')} — {row.get('name') or ''}, "
            f"{type_label(row.get('request_type'), lang)}, {received} "
            f"{format_date(row.get('received'), lang)}")


def render_duplicates(rows: list[dict], lang: str = "nl") -> str:
    """The "likely duplicate" warning shown before saving: the look-alikes and how to go
    on anyway."""
    return render_warning(t("intake.duplicate", lang),
                          [duplicate_line(r, lang) for r in rows]
                          + [t("intake.duplicate.go_on", lang)])


def render_confirmation(req, lang: str = "nl", today: dt.date | None = None,
                        duplicates: list[dict] = ()) -> str:
    """The intake confirmation: the id and the legal due date (and the nominal one
    when it differs).

    With ``today``, a request already past its legal due date is confirmed in an amber
    box saying it is late and by how many days; ``duplicates`` (rows the new request
    looks like, registered anyway) are named as well.
    """
    due = format_date(req.due, lang)
    nominal = getattr(req, "due_nominal", None)
    if nominal is not None and to_date(nominal) != to_date(req.due):
        due += f" ({t('intake.due_nominal', lang)}: {format_date(nominal, lang)})"
    lines = [f"{t('intake.id', lang)}: {req.id}", f"{t('intake.due', lang)}: {due}"]
    warnings = []
    if today is not None and is_overdue(req, today):
        late = (to_date(today) - to_date(req.due)).days
        warnings.append(t("intake.overdue", lang).format(due=format_date(req.due, lang),
                                                         days=days_text(late, lang)))
    for row in duplicates:
        warnings.append(f"{t('intake.duplicate.saved', lang)} {duplicate_line(row, lang)}")
    if not warnings:
        return render_ok(t("intake.ok", lang), lines)
    return render_warning(t("intake.ok", lang), lines + warnings)


DETAIL_FIELDS = ("id", "request_type", "direct_marketing", "status", "name", "email",
                 "phone", "organisation", "on_behalf_of", "authority_checked", "channel",
                 "received", "due", "due_nominal", "acknowledged_on", "info_requested_on",
                 "info_received_on", "identity_verified", "identity_method",
                 "identity_checked_on", "identity_note", "extended", "extension_reason",
                 "extension_justification", "extended_on", "decision", "decision_ground",
                 "decision_reasons", "told_about_complaint", "decided_on", "answered_at",
                 "closed_at", "handler", "description")
#: Yes/no fields left out of the details while "no" (nothing happened yet).
HIDE_WHEN_NO = ("extended", "direct_marketing", "authority_checked")
DATE_FIELDS = ("received", "due", "due_nominal")


def _field_value(field: str, value, lang: str) -> str:
    if _is_missing(value):
        return ""
    if field == "request_type":
        return type_label(value, lang)
    if field == "status":
        return status_label(value, lang)
    if field == "channel":
        return channel_label(value, lang)
    if field == "extension_reason":
        return reason_label(value, lang)
    if field == "decision":
        return decision_label(value, lang)
    if field == "identity_method":
        return method_label(value, lang)
    if isinstance(value, bool):
        return t("yes" if value else "no", lang)
    if isinstance(value, dt.datetime) or field.endswith("_at"):
        return format_moment(value, lang)
    if isinstance(value, dt.date) or field in DATE_FIELDS or field.endswith("_on"):
        return format_date(value, lang) or str(value)
    return str(value)


def render_request(req, lang: str = "nl", today: dt.date | None = None) -> str:
    """A request's details as a definition list; empty fields left out."""
    rows = []
    for field in DETAIL_FIELDS:
        value = _field_value(field, getattr(req, field, None), lang)
        if value == "" or (field in HIDE_WHEN_NO and value == t("no", lang)):
            continue
        cls = ""
        if field == "due" and today is not None and is_overdue(req, today):
            cls = ' class="pd-overdue-text"'
            value += f" — {t('reg.flag.overdue', lang)}"
        rows.append(f"<dt>{esc(field_label(field, lang))}</dt><dd{cls}>{esc(value)}</dd>")
    return f'<dl class="pd-dl">{"".join(rows)}</dl>'


def is_overdue(req, today: dt.date) -> bool:
    """Open and past its legal due date: the register's rule
    (:func:`privacy_kb.register.deadlines.is_overdue`) for a request or a table row."""
    due = to_date(getattr(req, "due", None))
    if due is None:
        return False
    status = getattr(req, "status", None) or ""
    return deadlines.is_overdue(due, to_date(today), status=status)


def bdi(text) -> str:
    """``text`` escaped and isolated (``<bdi>``): direction marks or overrides typed
    into a value (U+202E …) cannot reorder what stands around it."""
    return f"<bdi>{esc(text)}</bdi>"


def _changes_html(changes, lang: str) -> str:
    """The audit ``changes`` ({"field": [old, new]}) as ``Field: old → new`` lines,
    escaped, each value isolated."""
    if _is_missing(changes) or changes in ("", "{}"):
        return ""
    if isinstance(changes, str):
        try:
            changes = json.loads(changes)
        except ValueError:
            return bdi(changes)
    if not isinstance(changes, dict):
        return bdi(str(changes))
    out = []
    for field, change in changes.items():
        if isinstance(change, (list, tuple)) and len(change) == 2:
            old, new = (_field_value(field, v, lang) if v is not None else "—"
                        for v in change)
            out.append(f"{esc(field_label(field, lang))}: {bdi(old or '—')} → "
                       f"{bdi(new or '—')}")
        else:
            out.append(f"{esc(field_label(field, lang))}: "
                       f"{bdi(_field_value(field, change, lang))}")
    return "\n".join(out)


def render_history(frame, lang: str = "nl") -> str:
    """The audit trail (``reg.history(id)``) as a small table, oldest first."""
    if frame is None or len(frame) == 0:
        return f'<div class="pd-note">{esc(t("reg.history.empty", lang))}</div>'
    cols = list(frame.columns)

    def pick(*names):
        return next((n for n in names if n in cols), None)

    at, actor = pick("at", "timestamp", "when"), pick("actor", "by", "who")
    action, changes, note = pick("action", "event"), pick("changes"), pick("note")
    head = [("reg.history.at", at), ("reg.history.actor", actor),
            ("reg.history.action", action), ("reg.history.changes", changes),
            ("reg.history.note", note)]
    head = [(k, c) for k, c in head if c is not None]
    rows = []
    for record in frame.to_dict("records"):
        cells = []
        for key, col in head:
            value = record.get(col)
            if col == at:
                text = format_moment(value, lang)
            elif col == action:
                text = action_label(value, lang) if not _is_missing(value) else ""
            elif col == changes:
                cells.append(f'<td style="white-space: pre-wrap">'
                             f'{_changes_html(value, lang)}</td>')
                continue
            else:
                text = "" if _is_missing(value) else str(value)
            cells.append(f'<td style="white-space: pre-wrap">{bdi(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    header = "".join(f"<th>{esc(t(k, lang))}</th>" for k, _ in head)
    return (f'<table class="pd-hist"><thead><tr>{header}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def download_link(data: bytes, filename: str, label: str, note: str = "", *,
                  mime: str = "text/csv", hook: str = "pd-download") -> str:
    """A link that hands ``data`` to the browser as a download (a ``data:`` URI), so
    the page needs no server file access, asks no other host and nothing lands in the
    served folder. ``hook`` is the link's CSS class."""
    b64 = base64.b64encode(data).decode("ascii")
    extra = f' <span class="pd-note">{esc(note)}</span>' if note else ""
    return (f'<a class="{esc(hook)}" download="{esc(filename)}" '
            f'href="data:{esc(mime)};base64,{b64}">{esc(label)}: {esc(filename)}</a>{extra}')


def csv_download_link(data: bytes, filename: str, label: str, note: str = "") -> str:
    """A CSV file as a download link (:func:`download_link`)."""
    return download_link(data, filename, label, note)


def render_letter(letter, lang: str = "nl") -> str:
    """A drafted letter (``privacy_kb.letters.Letter``) as staff check it: to whom,
    the subject and the plain-text body, every part escaped (a requester's name is
    text, never markup)."""
    to = (f"{esc(letter.to_name)} &lt;{esc(letter.to)}&gt;" if letter.to
          else f'<i>{esc(t("letters.no_email", lang))}</i>')
    return ('<div class="pd-letter">'
            f'<div><b>{esc(t("letters.to", lang))}:</b> {to}</div>'
            f'<div class="pd-letter-subject"><b>{esc(t("letters.subject", lang))}:</b> '
            f"{esc(letter.subject)}</div>"
            '<pre class="pd-letter-body" style="white-space: pre-wrap; font-family: inherit;'
            ' border: 1px solid #ccc; padding: 0.5em; max-width: 48em;">'
            f"{esc(letter.body)}</pre></div>")

