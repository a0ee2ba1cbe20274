"""Drafting a letter from a request's fields: which kinds fit, the values a template
sees, and the ``Letter`` with its ``EmailMessage``. Nothing is ever sent.

Works from a plain mapping (or any object with ``to_dict()`` or dataclass fields) using
the register's field names (``privacy_kb.register.store.Request``): ``id``,
``request_type``, ``direct_marketing``, ``name``, ``email``, ``phone``, ``received``,
``due``, ``status``, ``extended``, ``extension_reason``, ``extension_justification``,
``decision``, ``decision_ground``, ``decision_reasons``, ``anonymised``, ``lang`` …
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from privacy_kb.errors import Problem, ValidationError
from privacy_kb.letters import templates as _templates
from privacy_kb.letters.wording import (complaint_route, format_day, outcome_label,
                                        reason_label, sender, type_label)
from privacy_kb.vocabulary import ARTICLES, OPEN_STATUSES

if TYPE_CHECKING:  # the mail library is imported when a message is made
    from email.message import EmailMessage

__all__ = ["Letter", "draft_letter", "check_kind", "fitting_kinds", "context_for",
           "request_fields", "check_details", "sample_request", "preview_template",
           "preview_sample", "sample_label", "SamplePreview",
           "TEMPLATE_VARIABLES"]


@dataclass(frozen=True)
class Letter:
    """A drafted letter to a requester.

    ``to`` is the requester's e-mail address (None when only a phone number or postal
    route is known); ``body`` is plain text. Nothing is sent: :meth:`as_email` gives a
    message to save as ``.eml`` or paste into a mail program.
    """

    kind: str
    lang: str
    to: str | None
    subject: str
    body: str
    to_name: str = ""
    request_id: str = ""

    def as_email(self) -> "EmailMessage":
        """An ``email.message.EmailMessage`` (text/plain, UTF-8) from the organisation
        to the requester; not sent. ``bytes(letter.as_email())`` is an ``.eml`` file."""
        import email.policy
        from email.headerregistry import Address
        from email.message import EmailMessage

        org = sender()
        to = _ascii_domain(self.to) if self.to else None
        # a non-ASCII local part (jürgen@…) needs SMTPUTF8 (RFC 6532); else plain RFC 5322
        msg = EmailMessage(policy=email.policy.SMTPUTF8 if to and not to.isascii()
                           else email.policy.default)
        msg["Subject"] = _header_text(self.subject)
        msg["From"] = Address(display_name=org["name"], addr_spec=org["email"])
        if to:
            try:
                msg["To"] = Address(display_name=_header_text(self.to_name),
                                    addr_spec=to)
            except (ValueError, IndexError):
                # an address the mail library cannot parse goes in as text, quoted
                msg["To"] = _header_text(self.to)
        msg["X-Privacy-Desk-Letter"] = f"{self.kind}; {self.lang}; {self.request_id}"
        msg.set_content(self.body)
        return msg


def _ascii_domain(address: str) -> str:
    """``jan@exämple.nl`` -> ``jan@xn--exmple-cua.nl`` (IDNA), as mail headers want."""
    local, at, domain = str(address).strip().rpartition("@")
    if not at or domain.isascii():
        return str(address).strip()
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        return str(address).strip()


def _header_text(text: str | None) -> str:
    """One line without control or format characters (no header injection)."""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " "
                   for ch in str(text or ""))
    return " ".join(text.split())


# --- the request's fields ---------------------------------------------------------------

def request_fields(request) -> dict:
    """The request as a plain dict: from a mapping, ``to_dict()`` or a dataclass."""
    if isinstance(request, Mapping):
        return dict(request)
    if hasattr(request, "to_dict"):
        return dict(request.to_dict())
    if dataclasses.is_dataclass(request):
        return {f.name: getattr(request, f.name) for f in dataclasses.fields(request)}
    raise TypeError("a request is a mapping of its fields or a register Request")


def _line(value) -> str:
    """A one-line field as text: control and format characters (line breaks,
    direction overrides) become spaces, so a value cannot add lines to a letter."""
    return _header_text(value)


def _text(value) -> str:
    """A multi-line field as text: line breaks kept, other control and format
    characters (direction overrides, escapes) dropped."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text
                   if ch in "\n\t" or unicodedata.category(ch)[0] != "C").strip()


def as_day(value) -> dt.date | None:
    """A date field as a ``datetime.date`` (from a date, datetime or ISO string)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _problem(field, code, nl, en):
    return Problem(field, code, nl, en)


# Asking for these is never needed to confirm identity (REGISTER_RULES.md, AP guidance).
_ID_DOCUMENT = re.compile(
    r"identiteitsbewijs|legitimatie|paspoort|rijbewijs|id[- ]?kaart|id[- ]?bewijs|"
    r"kopie\s+(?:van\s+)?(?:uw\s+)?id\b|\bbsn\b|burgerservicenummer|sofi|"
    r"passport|driving\s+licen[cs]e|driver'?s\s+license|identity\s+(?:card|document)|"
    r"copy\s+of\s+(?:your\s+)?id\b|\bid\s+(?:card|document|copy)|"
    r"citizen\s+service\s+number|social\s+security", re.IGNORECASE)


def check_details(details) -> list[Problem]:
    """Problems with what an information request asks for: nothing asked, or an
    identity document or BSN asked for (never needed; Art. 12(6) asks only what is
    necessary)."""
    text = " ".join(str(details or "").split())
    if not text:
        return [_problem("details", "required",
                         "Schrijf wat u van de verzoeker nodig hebt.",
                         "Write what you need from the requester.")]
    if _ID_DOCUMENT.search(text):
        return [_problem("details", "asks_for_id_document",
                         "Vraag niet om een (kopie van een) identiteitsbewijs of een BSN: "
                         "dat is nooit nodig. Vraag bijvoorbeeld om een antwoord vanaf het "
                         "e-mailadres dat wij al kennen.",
                         "Do not ask for (a copy of) an identity document or a BSN: that "
                         "is never needed. Ask, for example, for a reply from the e-mail "
                         "address we already know.")]
    return []


def check_kind(request, kind: str, *, purpose: str | None = None,
               details: str | None = None) -> None:
    """Refuse a letter that does not fit the request's state.

    An extension notice only for an extended request, a decision letter only after a
    decision (with its ground and reasons when partly granted or refused), an
    information request only while the request is open, no letter for an anonymised
    request.

    Raises
    ------
    ValidationError
        Codes ``unknown_kind``, ``anonymised``, ``not_extended``, ``no_decision``,
        ``decision_incomplete``, ``not_open``, ``unknown_purpose``, ``required``,
        ``asks_for_id_document``.
    """
    fields = request_fields(request)
    if kind not in _templates.KINDS:
        raise ValidationError([_problem(
            "kind", "unknown_kind",
            f"Onbekende soort brief {kind!r}; kies uit {', '.join(_templates.KINDS)}.",
            f"Unknown kind of letter {kind!r}; choose from {', '.join(_templates.KINDS)}.")])
    problems: list[Problem] = []
    if fields.get("anonymised"):
        problems.append(_problem("kind", "anonymised",
                                 "Dit verzoek is geanonimiseerd: er is niemand meer om te "
                                 "schrijven.",
                                 "This request was anonymised: there is no one left to "
                                 "write to."))
    if kind == "extension_notice" and not fields.get("extended"):
        problems.append(_problem("kind", "not_extended",
                                 "Een verlengingsbericht past alleen bij een verlengd "
                                 "verzoek; dit verzoek is niet verlengd.",
                                 "An extension notice fits only an extended request; this "
                                 "request was not extended."))
    if kind == "decision":
        decision = fields.get("decision")
        if not decision:
            problems.append(_problem("kind", "no_decision",
                                     "Een besluitbrief kan pas als het besluit is "
                                     "vastgelegd.",
                                     "A decision letter needs the decision recorded "
                                     "first."))
        elif decision in ("partly", "refused") and not (
                str(fields.get("decision_ground") or "").strip()
                and str(fields.get("decision_reasons") or "").strip()):
            problems.append(_problem("kind", "decision_incomplete",
                                     "Bij een (gedeeltelijke) afwijzing horen de grond en "
                                     "de motivering; die ontbreken.",
                                     "A (partial) refusal needs its ground and reasons; "
                                     "they are missing."))
    if kind == "info_request":
        if fields.get("status") not in OPEN_STATUSES:
            problems.append(_problem("kind", "not_open",
                                     "Om informatie vragen kan alleen bij een open verzoek.",
                                     "Information can only be asked for on an open "
                                     "request."))
        if purpose not in _templates.INFO_PURPOSES:
            problems.append(_problem("purpose", "unknown_purpose",
                                     "Kies waarvoor u informatie vraagt: identiteit of "
                                     "verduidelijking.",
                                     "Choose what the information is for: identity or "
                                     "clarification."))
        problems += check_details(details)
    if problems:
        raise ValidationError(problems)


def fitting_kinds(request) -> list[str]:
    """The kinds of letter that fit the request now, in lifecycle order (an
    information request is listed when the request is open; it needs details)."""
    out = []
    for kind in _templates.KINDS:
        try:
            check_kind(request, kind, purpose="identity", details="-")
        except ValidationError:
            continue
        out.append(kind)
    return out


# --- what a template sees ----------------------------------------------------------------

def context_for(request, kind: str, lang: str, *, purpose: str | None = None,
                details: str | None = None, today: dt.date | None = None) -> dict:
    """The values a template of ``kind`` sees: plain strings, booleans and two small
    dicts (``org``, ``ap``); dates already written out in ``lang``."""
    from privacy_kb.register.deadlines import due_dates

    f = request_fields(request)
    rtype = f.get("request_type") or ""
    dm = bool(f.get("direct_marketing"))
    received = as_day(f.get("received"))
    due = as_day(f.get("due"))
    one_month = due_dates(received, False)[1] if received else None
    has_phone = bool(str(f.get("phone") or "").strip())
    has_email = bool(str(f.get("email") or "").strip())
    if lang == "en":
        blocked = " and ".join(x for x, ok in (("e-mail address", has_email),
                                               ("phone number", has_phone)) if ok) \
            or "contact details"
    else:
        blocked = " en ".join(x for x, ok in (("e-mailadres", has_email),
                                              ("telefoonnummer", has_phone)) if ok) \
            or "contactgegevens"
    def day(d):
        return format_day(d, lang) if d else ""

    return {
        "kind": kind,
        "lang": lang,
        "id": _line(f.get("id")),
        "name": _line(f.get("name")),
        "organisation": _line(f.get("organisation")),
        "on_behalf_of": _line(f.get("on_behalf_of")),
        "description": _text(f.get("description")),
        "type": rtype,
        "type_label": type_label(rtype, lang, dm),
        "article": ARTICLES.get(rtype) or "",
        "direct_marketing": dm,
        "received": day(received),
        "due": day(due),
        "due_before": day(one_month),
        "new_due": day(due) if f.get("extended") else "",
        "extension_reason": reason_label(f.get("extension_reason"), lang),
        "extension_justification": _text(f.get("extension_justification")),
        "outcome": f.get("decision") or "",
        "outcome_label": outcome_label(f.get("decision"), lang),
        "ground": _line(f.get("decision_ground")),
        "reasons": _text(f.get("decision_reasons")),
        "decided_on": day(as_day(f.get("decided_on"))),
        "blocked": blocked,
        "purpose": purpose or "",
        "details": _text(details),
        "today": day(today or _today()),
        "org": dict(sender()),
        "ap": dict(complaint_route()),
    }


def _today() -> dt.date:
    from privacy_kb.clock import today_amsterdam

    return today_amsterdam()


def sample_request(case: dict) -> dict:
    """A request for checking templates: the case's type, outcome and purpose, with
    sample values (``templates.SAMPLE``) that occur in no template."""
    s = _templates.SAMPLE
    outcome = case.get("outcome")
    return {
        "id": s["id"], "request_type": case["request_type"],
        "direct_marketing": bool(case.get("direct_marketing")),
        "name": "Voorbeeld Verzoeker", "email": "verzoeker@example.org",
        "phone": "+31 6 00000000", "organisation": None, "on_behalf_of": None,
        "description": "Voorbeeldomschrijving", "status": "in_progress",
        "received": s["received"], "due": s["new_due"], "extended": True,
        "extension_reason": "complexity", "extension_justification": s["justification"],
        "decision": outcome, "decision_ground": s["ground"] if outcome else None,
        "decision_reasons": s["reasons"] if outcome else None,
        "decided_on": s["due"] if outcome else None, "anonymised": False, "lang": "nl",
    }


# --- drafting -------------------------------------------------------------------------------

def draft_letter(request, kind: str, lang: str | None = None, *, template=None,
                 purpose: str | None = None, details: str | None = None,
                 today: dt.date | None = None) -> Letter:
    """Draft a ``kind`` letter to the requester of ``request``.

    Parameters
    ----------
    request : mapping or Request
        The request's fields (register names).
    kind : {"acknowledgement", "info_request", "extension_notice", "decision"}
    lang : {"nl", "en"}, optional
        Default: the request's ``lang`` field, else "nl".
    template : privacy_kb.letters.Template, optional
        Staff's template for this kind and language; default the shipped one.
    purpose, details : str
        For an information request: ``"identity"`` or ``"clarification"``, and what
        is needed (never an identity document or a BSN).
    today : date, optional
        The letter's date (default today in Europe/Amsterdam).

    Returns
    -------
    Letter

    Raises
    ------
    ValidationError
        The kind does not fit the request (see :func:`check_kind`), or an unknown
        language.

    Examples
    --------
    >>> letter = draft_letter(reg.get("VZ-2026-0001"), "acknowledgement")  # doctest: +SKIP
    >>> letter.subject                                                   # doctest: +SKIP
    'Ontvangstbevestiging: uw verzoek om inzage (VZ-2026-0001)'
    """
    fields = request_fields(request)
    lang = lang or fields.get("lang") or "nl"
    if lang not in _templates.LANGS:
        raise ValidationError([_problem("lang", "unknown_lang",
                                        f"Onbekende taal {lang!r}; kies nl of en.",
                                        f"Unknown language {lang!r}; choose nl or en.")])
    if kind == "info_request" and purpose is None:
        purpose = "identity"
    check_kind(fields, kind, purpose=purpose, details=details)
    if template is None:
        template = _templates.default_template(kind, lang)
    context = context_for(fields, kind, lang, purpose=purpose, details=details,
                          today=today)
    subject, body = _templates.render(template, context)
    return Letter(kind=kind, lang=lang, to=_line(fields.get("email")) or None,
                  subject=subject, body=body, to_name=_line(fields.get("name")),
                  request_id=_line(fields.get("id")))


#: What a template may use, for the template editor's help text: name -> (nl, en).
TEMPLATE_VARIABLES = {
    "id": ("nummer van het verzoek", "the request's number"),
    "name": ("naam van de verzoeker", "the requester's name"),
    "organisation": ("organisatie", "organisation"),
    "on_behalf_of": ("namens wie", "on whose behalf"),
    "description": ("omschrijving van het verzoek", "the request's description"),
    "type": ("soort verzoek (access, erasure, …)", "request type (access, erasure, …)"),
    "type_label": ("soort verzoek in lopende tekst", "request type in running text"),
    "article": ("artikel van de AVG", "GDPR article"),
    "direct_marketing": ("bezwaar tegen direct marketing (ja/nee)",
                         "objection to direct marketing (yes/no)"),
    "received": ("datum van ontvangst", "date received"),
    "due": ("wettelijke uiterste datum", "legal due date"),
    "due_before": ("uiterste datum zonder verlenging", "due date without the extension"),
    "new_due": ("nieuwe uiterste datum (verlengd)", "new due date (extended)"),
    "extension_reason": ("reden van verlenging", "reason for the extension"),
    "extension_justification": ("onderbouwing van verlenging",
                                "justification of the extension"),
    "outcome": ("besluit: granted, partly, refused", "decision: granted, partly, refused"),
    "outcome_label": ("besluit in woorden", "decision in words"),
    "ground": ("grond van het besluit", "ground of the decision"),
    "reasons": ("motivering", "reasons"),
    "decided_on": ("datum van het besluit", "date of the decision"),
    "blocked": ("wat op de blokkeerlijst staat", "what is on the blocklist"),
    "purpose": ("identity of clarification", "identity or clarification"),
    "details": ("wat u nodig hebt (informatieverzoek)", "what you need (information request)"),
    "today": ("datum van de brief", "date of the letter"),
    "org.name, org.email, org.phone": ("afzender", "sender"),
    "ap.name, ap.name_en, ap.url, ap.statement": (
        "Autoriteit Persoonsgegevens: naam, klachtroute, tekst uit de privacyverklaring",
        "Dutch DPA: name, complaint route, the statement's wording"),
}


def preview_template(kind: str, lang: str, subject: str, body: str, *,
                     case: dict | None = None) -> Letter:
    """A letter from a template being edited, on a sample request (the editor's live
    preview). The template is validated first: a ValidationError names what is
    missing or broken, and nothing is drafted then.

    ``case``: ``{"request_type": …, "outcome": …, "direct_marketing": …,
    "purpose": …}``; default an access request (refused, for a decision).
    """
    template = _templates.validate_template(kind, lang, subject, body)
    case = {"request_type": "access", "direct_marketing": False,
            "outcome": "refused" if kind == "decision" else None,
            "purpose": "identity" if kind == "info_request" else None, **(case or {})}
    return draft_letter(sample_request(case), kind, lang, template=template,
                        purpose=case["purpose"], details=_templates.SAMPLE["details"])


@dataclass(frozen=True)
class SamplePreview:
    """The template editor's preview on one sample (:func:`preview_sample`).

    ``letter``: the template filled in for the sample (None when it cannot be filled
    in there); ``here``: what the template gets wrong on this sample (each message
    naming it); ``elsewhere``: the problems that would refuse the template when saved
    (:func:`~privacy_kb.letters.templates.validate_template`: each names the first
    sample it is missing in), or ``[]`` when it would be saved.
    """

    case: dict
    letter: Letter | None
    here: list
    elsewhere: list

    @property
    def saveable(self) -> bool:
        return not self.here and not self.elsewhere


def sample_label(kind: str, case: dict, lang: str) -> str:
    """A sample case in plain words, as the editor's sample list shows it:
    ``besluit "afgewezen" op een verzoek om inzage``; ``identiteit, verzoek om
    inzage``."""
    return _templates.describe_case(kind, case, lang)


def preview_sample(kind: str, lang: str, subject: str, body: str, case: dict) -> SamplePreview:
    """The template being edited, filled in for the sample ``case`` (one of
    :func:`~privacy_kb.letters.templates.sample_cases` for ``kind``), with what it
    gets wrong on that sample and on the others.

    Unlike :func:`preview_template` the letter is shown even when the template would
    be refused for another sample, so staff see each case and what is missing where.

    Raises
    ------
    ValidationError
        The source cannot be used at all (syntax, no subject, too long, unknown kind
        or language): there is nothing to preview.
    """
    template = _templates.checked_source(kind, lang, subject, body)
    here = _templates.case_problems(template, case)
    letter = None
    if not any(p.code == "template_error" for p in here):
        letter = draft_letter(sample_request(case), kind, lang, template=template,
                              purpose=case["purpose"], details=_templates.SAMPLE["details"])
    try:
        _templates.validate_template(kind, lang, subject, body)
        elsewhere = []
    except ValidationError as error:
        codes_here = {p.code for p in here}
        elsewhere = [p for p in error.problems if p.code not in codes_here]
    return SamplePreview(dict(case), letter, here, elsewhere)

