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


# --- chat -----------------------------------------------------------------------------

def source_title(reply) -> str:
    """The cited section's title, or ``""``."""
    source = getattr(reply, "source", None) or {}
    return str(source.get("title") or "")


def render_reply(reply, ui_lang: str = "nl") -> str:
    """One turn of the conversation: the question, the answer and its source.

    The answer is in the asker's language (``reply.lang``); the labels around it
    ("Bron", "Bedoelde u") follow the question's language too, so that a whole turn
    reads in one language.
    """
    lang = norm_lang(getattr(reply, "lang", None) or ui_lang)
    parts = [f'<div class="pd-q">{esc(t("chat.you", lang))}: {esc(reply.question)}</div>']
    if not reply.answered:
        parts.append(f'<div class="pd-a pd-fallback"><b>{esc(t("chat.fallback", lang))}.'
                     f'</b> {esc(reply.text)}</div>')
    else:
        parts.append(f'<div class="pd-a">{esc(reply.text)}</div>')
        if reply.suggestions:
            parts.append(f'<div class="pd-note">{esc(t("chat.unsure", lang))}</div>')
    source = reply.source or {}
    if source:
        passage = source.get("passage") or source.get("quote") or ""
        parts.append(
            f'<div class="pd-src">{esc(t("chat.source", lang))}: '
            f'<b>{esc(source.get("title") or source.get("id") or "")}</b>'
            f'<details><summary>{esc(t("chat.passage", lang))}</summary>'
            f'<blockquote>{esc(passage)}</blockquote></details></div>')
    return "".join(parts)


def reply_plain_text(reply) -> str:
    """The answer as plain text for pasting into an e-mail: answer, then the source."""
    lang = norm_lang(getattr(reply, "lang", None))
    text = reply.text or ""
    title = source_title(reply)
    if title:
        text += f"\n\n({t('chat.source', lang)}: {title}, "
        text += ("privacyverklaring Software Borg)" if lang == "nl"
                 else "Software Borg privacy statement)")
    return text


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

def render_confirmation(req, lang: str = "nl") -> str:
    """The intake confirmation: the id and the legal due date (and the nominal one
    when it differs)."""
    due = format_date(req.due, lang)
    nominal = getattr(req, "due_nominal", None)
    if nominal is not None and to_date(nominal) != to_date(req.due):
        due += f" ({t('intake.due_nominal', lang)}: {format_date(nominal, lang)})"
    return render_ok(t("intake.ok", lang),
                     [f"{t('intake.id', lang)}: {req.id}", f"{t('intake.due', lang)}: {due}"])


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


def _changes_text(changes, lang: str) -> str:
    """The audit ``changes`` ({"field": [old, new]}) as ``Field: old → new`` lines."""
    if _is_missing(changes) or changes in ("", "{}"):
        return ""
    if isinstance(changes, str):
        try:
            changes = json.loads(changes)
        except ValueError:
            return changes
    if not isinstance(changes, dict):
        return str(changes)
    out = []
    for field, change in changes.items():
        if isinstance(change, (list, tuple)) and len(change) == 2:
            old, new = (_field_value(field, v, lang) if v is not None else "—"
                        for v in change)
            out.append(f"{field_label(field, lang)}: {old or '—'} → {new or '—'}")
        else:
            out.append(f"{field_label(field, lang)}: {_field_value(field, change, lang)}")
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
                text = _changes_text(value, lang)
            else:
                text = "" if _is_missing(value) else str(value)
            cells.append(f'<td style="white-space: pre-wrap">{esc(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    header = "".join(f"<th>{esc(t(k, lang))}</th>" for k, _ in head)
    return (f'<table class="pd-hist"><thead><tr>{header}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def csv_download_link(data: bytes, filename: str, label: str, note: str = "") -> str:
    """A link that hands ``data`` to the browser as a download (a ``data:`` URI), so
    the page needs no server file access and nothing lands in the served folder."""
    b64 = base64.b64encode(data).decode("ascii")
    extra = f' <span class="pd-note">{esc(note)}</span>' if note else ""
    return (f'<a class="pd-download" download="{esc(filename)}" '
            f'href="data:text/csv;base64,{b64}">{esc(label)}: {esc(filename)}</a>{extra}')


def render_location(location: str, lang: str = "nl") -> str:
    """Where the register is written."""
    return (f'<div class="pd-note">{esc(t("app.db", lang))}: '
            f'<code>{esc(location)}</code></div>')
