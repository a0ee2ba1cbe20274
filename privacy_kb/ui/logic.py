"""Pure helpers behind the views: no widgets here, so they are tested on their own.

* :func:`prefill_from_reply` — what "Registreer dit verzoek" puts into the intake form;
* :func:`intake_kwargs` — the intake form's values as ``reg.add(...)`` keywords;
* :func:`edit_values` / :func:`edit_changes` — a request into the edit form and back,
  as only the fields that changed (``reg.update(...)`` keywords);
* :func:`today_amsterdam` — the calendar date the deadlines count from (from
  :mod:`privacy_kb.clock`, re-exported for the views);
* :func:`register_rows` — the register frame filtered and labelled for the table.
"""

from __future__ import annotations

from privacy_kb.clock import today_amsterdam  # noqa: F401 - re-exported for the views
from privacy_kb.ui.labels import OPEN_STATUSES, REQUEST_TYPES, status_label, t, type_label
from privacy_kb.ui.render import format_date, to_date

#: Intake fields that are free one-line text; empty means "not given" (None).
OPTIONAL_TEXT = ("email", "phone", "organisation", "on_behalf_of", "handler")


def prefill_from_reply(reply) -> dict | None:
    """The intake prefill for a reply that detected a request: ``{"request_type",
    "description", "lang"}`` (the language the chat detected), or None when the question was not a request (or the type is not
    one the register knows)."""
    request_type = getattr(reply, "request_type", None)
    if request_type not in REQUEST_TYPES:
        return None
    out = {"request_type": request_type, "description": getattr(reply, "question", "") or ""}
    if getattr(reply, "lang", None) in ("nl", "en"):   # letters go in the requester's language
        out["lang"] = reply.lang
    return out


def intake_kwargs(values: dict) -> dict:
    """The intake form's widget values as keyword arguments for ``reg.add``.

    Text is stripped; empty optional fields become None (so "no e-mail" is None, not
    ""); the name and description stay strings; ``received`` is passed on as given
    (the register validates it). Nothing is validated here: the register does that,
    all fields at once.
    """
    out = {
        "request_type": values.get("request_type"),
        "name": (values.get("name") or "").strip(),
        "channel": values.get("channel"),
        "received": values.get("received"),
        "description": (values.get("description") or "").strip(),
    }
    for key in ("authority_checked", "direct_marketing"):
        out[key] = bool(values.get(key, False))
    if values.get("lang"):
        out["lang"] = values["lang"]
    for key in OPTIONAL_TEXT:
        value = (values.get(key) or "").strip()
        out[key] = value or None
    return out


#: The request fields the edit form shows, in the intake form's order.
EDIT_FIELDS = ("request_type", "name", "email", "phone", "organisation", "on_behalf_of",
               "authority_checked", "channel", "received", "description", "direct_marketing",
               "handler")


def edit_values(req) -> dict:
    """A request's fields as edit-form widget values: text fields ``""`` for None,
    ``received`` the calendar date of receipt."""
    out = {}
    for field in EDIT_FIELDS:
        value = getattr(req, field, None)
        if field == "received":
            out[field] = to_date(value)
        elif field in ("authority_checked", "direct_marketing"):
            out[field] = bool(value)
        else:
            out[field] = "" if value is None else value
    return out


def edit_changes(req, values: dict) -> dict:
    """The edit form's values as ``reg.update`` keywords: only the fields that differ
    from ``req`` (text stripped, empty optionals None, as :func:`intake_kwargs`).

    An unchanged form gives ``{}``; an emptied date gives ``{"received": None}`` so the
    register can say it is required. Nothing is validated here.
    """
    new = intake_kwargs(values)
    out = {}
    for field in EDIT_FIELDS:
        old = getattr(req, field, None)
        value = new[field]
        if field == "received":
            if value is None or to_date(value) != to_date(old):
                out[field] = value
        elif value != old:
            out[field] = value
    return out


#: Deadline filter choices.
DEADLINE_FILTERS = ("all", "overdue", "due_soon")


def register_rows(frame, lang: str = "nl", *, status: str = "all", request_type: str = "all",
                  deadline: str = "all", overdue_ids=(), due_soon_ids=()):
    """The register as the table shows it: filtered, labelled, newest first.

    Parameters
    ----------
    frame : pandas.DataFrame
        ``reg.frame()``.
    lang : {"nl", "en"}
        Language of the column names and labels.
    status : str, keyword-only
        ``"all"``, ``"open"`` or one status.
    request_type : str, keyword-only
        ``"all"`` or one request type.
    deadline : {"all", "overdue", "due_soon"}, keyword-only
        Keep only the ids in ``overdue_ids`` / ``due_soon_ids``.
    overdue_ids, due_soon_ids : iterable of str, keyword-only
        The ids of ``reg.overdue()`` and ``reg.due_soon()`` (the register's own
        definitions); their rows get a marker in the last column.

    Returns
    -------
    (pandas.DataFrame, list of str)
        The display frame (all text, shown escaped by the table widget) and the
        request ids in the same row order.
    """
    import pandas as pd

    overdue_ids, due_soon_ids = set(overdue_ids), set(due_soon_ids)
    cols = [t(k, lang) for k in ("reg.col.id", "reg.col.type", "reg.col.status",
                                 "reg.col.received", "reg.col.due", "reg.col.name",
                                 "reg.col.flag")]
    if frame is None or len(frame) == 0:
        return pd.DataFrame({c: pd.Series([], dtype="object") for c in cols}), []
    records = frame.to_dict("records")
    if status == "open":
        records = [r for r in records if r["status"] in OPEN_STATUSES]
    elif status != "all":
        records = [r for r in records if r["status"] == status]
    if request_type != "all":
        records = [r for r in records if r["request_type"] == request_type]
    if deadline == "overdue":
        records = [r for r in records if str(r["id"]) in overdue_ids]
    elif deadline == "due_soon":
        records = [r for r in records if str(r["id"]) in due_soon_ids]
    records.sort(key=lambda r: str(r["id"]), reverse=True)
    ids = [str(r["id"]) for r in records]

    def flag(request_id: str) -> str:
        if request_id in overdue_ids:
            return t("reg.flag.overdue", lang)
        if request_id in due_soon_ids:
            return t("reg.flag.due_soon", lang)
        return ""

    rows = {
        cols[0]: ids,
        cols[1]: [type_label(r["request_type"], lang) for r in records],
        cols[2]: [status_label(r["status"], lang) for r in records],
        cols[3]: [_iso(r["received"]) for r in records],
        cols[4]: [_iso(r["due"]) for r in records],
        cols[5]: [_text(r.get("name")) for r in records],
        cols[6]: [flag(i) for i in ids],
    }
    return pd.DataFrame(rows, dtype="object"), ids


def _iso(value) -> str:
    d = to_date(value)
    return d.isoformat() if d else ""


def _text(value) -> str:
    import pandas as pd

    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def describe_due(req, lang: str = "nl") -> str:
    """``ma 2 maart 2026`` for a request's legal due date."""
    return format_date(getattr(req, "due", None), lang)
