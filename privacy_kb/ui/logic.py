"""Pure helpers behind the views: no widgets here, so they are tested on their own.

* :func:`prefill_from_reply` — what "Registreer dit verzoek" puts into the intake form;
* :func:`intake_kwargs` — the intake form's values as ``reg.add(...)`` keywords;
* :func:`edit_values` / :func:`edit_changes` — a request into the edit form and back,
  as only the fields that changed (``reg.update(...)`` keywords);
* :func:`today_amsterdam` — the calendar date the deadlines count from (from
  :mod:`privacy_kb.clock`, re-exported for the views);
"""

from __future__ import annotations

from privacy_kb.clock import today_amsterdam  # noqa: F401 - re-exported for the views
from privacy_kb.ui.labels import REQUEST_TYPES
from privacy_kb.ui.render import to_date

#: Intake fields that are free one-line text; empty means "not given" (None).
OPTIONAL_TEXT = ("email", "phone", "organisation", "on_behalf_of", "handler")


def prefill_from_reply(reply) -> dict | None:
    """The intake prefill for a reply that detected a request: ``{"request_type",
    "description", "lang"}`` (the language the chat detected: letters are drafted in
    it), or None when the question was not a request (or the type is not one the
    register knows)."""
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
