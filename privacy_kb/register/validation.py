"""Field checks for the register: every problem at once, in Dutch and English.

A :class:`Checker` collects :class:`~privacy_kb.errors.Problem` objects while a caller
checks field after field, then raises one :class:`~privacy_kb.errors.ValidationError`
naming all of them. Nothing here touches the database (nor imports SQLAlchemy or pandas): callers
validate first and write afterwards, so a rejected add or update writes nothing.

Problem codes (what tests and widgets rely on; the wording may change):

``required``, ``unknown_value``, ``unknown_field``, ``not_editable``, ``no_contact``,
``invalid_email``, ``invalid_phone``, ``invalid_date``, ``in_future``, ``before_gdpr``,
``before_received``, ``moved_before_received``, ``control_chars``, ``invalid_text``,
``too_long``, ``not_text``, ``not_bool``, ``not_number``, ``out_of_range``,
``direct_marketing_needs_objection``, ``transition_not_allowed``, ``decision_missing``,
``not_open``, ``anonymised``, ``already_extended``, ``extension_too_late``,
``told_too_late``, ``dm_objection_absolute``, ``complaint_info_required``, ``bsn_not_allowed``,
``retention_not_configured``, ``is_register_file``, ``is_directory``, ``exists``,
``not_regular``, ``not_writable``, ``who_required``, ``nonexistent_time``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Iterable, Mapping

from privacy_kb.clock import AMSTERDAM
from privacy_kb.errors import Problem, ValidationError
from privacy_kb import vocabulary as schema  # the vocabularies; no SQLAlchemy here
from privacy_kb.register.deadlines import GDPR_APPLIES_FROM


#: Longest accepted text per field, in characters.
LIMITS = {
    "name": 200, "organisation": 200, "on_behalf_of": 200, "email": 254, "phone": 40,
    "handler": 100, "by": 100, "decision_ground": 500,
    "description": 20_000, "extension_justification": 5_000, "justification": 5_000,
    "decision_reasons": 20_000, "reasons": 20_000, "identity_note": 2_000,
    "note": 2_000,
}
#: Fields shown on one line: no control characters at all.
ONE_LINE = frozenset({"name", "organisation", "on_behalf_of", "email", "phone",
                      "handler", "by", "decision_ground", "ground"})


_MESSAGES: dict[str, tuple[str, str]] = {
    "required": ("Dit veld is verplicht.", "This field is required."),
    "unknown_value": ("Onbekende waarde {value}; kies uit: {choices}.",
                      "Unknown value {value}; choose from: {choices}."),
    "unknown_field": ("Dit veld bestaat niet.", "There is no such field."),
    "not_editable": ("Dit veld wijzigt u niet hier, maar met {how}.",
                     "This field is not edited here but with {how}."),
    "no_contact": ("Geef een e-mailadres of een telefoonnummer op, zodat de verzoeker "
                   "bereikbaar is.",
                   "Give an e-mail address or a phone number, so that the requester "
                   "can be reached."),
    "invalid_email": ("Dit is geen geldig e-mailadres.", "This is not a valid e-mail "
                      "address."),
    "invalid_phone": ("Dit is geen geldig telefoonnummer.", "This is not a valid phone "
                      "number."),
    "invalid_date": ("Dit is geen geldige datum (schrijf bijvoorbeeld 2026-01-31).",
                     "This is not a valid date (write for example 2026-01-31)."),
    "in_future": ("Deze datum ligt in de toekomst.", "This date lies in the future."),
    "nonexistent_time": ("Dit tijdstip bestaat niet in Nederland (de klok ging toen een "
                         "uur vooruit); controleer de tijd.",
                         "This time does not exist in the Netherlands (the clocks went "
                         "forward an hour); check the time."),
    "before_gdpr": ("Deze datum ligt vóór 25 mei 2018, toen de AVG van toepassing werd.",
                    "This date lies before 25 May 2018, when the GDPR began to apply."),
    "before_received": ("Deze datum ligt vóór de ontvangst van het verzoek.",
                        "This date lies before the request was received."),
    "moved_before_received": ("De status is al op {day} gewijzigd, vóór deze "
                              "ontvangstdatum.",
                              "The status was already changed on {day}, before this "
                              "date of receipt."),
    "control_chars": ("Bevat onzichtbare stuurtekens (zoals een tab of een "
                      "regelovergang); haal die weg.",
                      "Contains invisible control characters (such as a tab or a line "
                      "break); remove them."),
    "invalid_text": ("Bevat tekens die niet kunnen worden opgeslagen.",
                     "Contains characters that cannot be stored."),
    "too_long": ("Te lang: hoogstens {limit} tekens (nu {length}).",
                 "Too long: at most {limit} characters (now {length})."),
    "not_text": ("Moet tekst zijn.", "Must be text."),
    "not_bool": ("Moet ja of nee zijn.", "Must be yes or no."),
    "not_number": ("Moet een geheel getal zijn.", "Must be a whole number."),
    "out_of_range": ("Moet tussen {low} en {high} liggen.",
                     "Must lie between {low} and {high}."),
    "direct_marketing_needs_objection": (
        "Alleen een bezwaar kan over direct marketing gaan.",
        "Only an objection can concern direct marketing."),
    "transition_not_allowed": ("Van status {old} naar {new} gaan kan niet.",
                               "Going from status {old} to {new} is not allowed."),
    "decision_missing": ("Leg eerst de beslissing vast (toegewezen, deels of afgewezen).",
                         "Record the decision first (granted, partly or refused)."),
    "not_open": ("Het verzoek is niet meer open (status {status}).",
                 "The request is no longer open (status {status})."),
    "anonymised": ("Dit verzoek is geanonimiseerd en kan niet meer worden gewijzigd.",
                   "This request was anonymised and can no longer be changed."),
    "already_extended": ("De termijn is al verlengd; dat kan maar één keer.",
                         "The deadline was already extended; that can be done once only."),
    "extension_too_late": ("De termijn van een maand is verstreken ({due}); verlengen "
                           "kan niet meer.",
                           "The one-month deadline has passed ({due}); it can no longer "
                           "be extended."),
    "told_too_late": ("De verzoeker moet binnen de eerste maand (uiterlijk {due}) over "
                      "de verlenging worden geïnformeerd.",
                      "The requester must be told about the extension within the first "
                      "month (by {due})."),
    "dm_objection_absolute": ("Bezwaar tegen direct marketing is absoluut: het kan "
                              "alleen worden toegewezen.",
                              "An objection to direct marketing is absolute: it can "
                              "only be granted."),
    "complaint_info_required": (
        "Leg vast dat de verzoeker is gewezen op het recht om te klagen bij de "
        "Autoriteit Persoonsgegevens en naar de rechter te gaan.",
        "Record that the requester was told about the right to complain to the "
        "Autoriteit Persoonsgegevens and to go to court."),
    "bsn_not_allowed": ("Noteer geen BSN of documentnummer; alleen dat en hoe de "
                        "identiteit is vastgesteld.",
                        "Do not note a citizen service number (BSN) or document number; "
                        "only that and how identity was established."),
    "is_register_file": (
        "Dit is het databasebestand van het register zelf ({target}); kies een ander "
        "bestand, anders gaat het register verloren.",
        "This is the register's own database file ({target}); choose another file, or "
        "the register would be lost."),
    "is_directory": ("Dit is een map ({target}); geef een bestandsnaam op.",
                     "This is a folder ({target}); give a file name."),
    "who_required": (
        "Wie voert deze wijziging uit? Vul uw naam in (het logboek legt vast wie wat "
        "deed).",
        "Who is making this change? Enter your name (the audit trail records who did "
        "what)."),
    "exists": ("{target} bestaat al; kies een andere naam of sta overschrijven toe "
               "(--force).",
               "{target} already exists; choose another name or allow overwriting "
               "(--force)."),
    "not_regular": ("{target} is geen gewoon bestand (maar een koppeling, pijp of "
                    "apparaat); kies een gewoon bestand.",
                    "{target} is not a regular file (but a link, pipe or device); "
                    "choose a regular file."),
    "not_writable": ("{target} kan niet worden gebruikt: {cause}.",
                     "{target} cannot be used: {cause}."),
    "retention_not_configured": (
        "Er is geen bewaartermijn ingesteld (set_retention, of privacy-desk retention).",
        "No retention period has been configured (set_retention, or privacy-desk "
        "retention)."),
}


def problem(field: str, code: str, **params: Any) -> Problem:
    """A :class:`Problem` for ``field`` with the standard wording of ``code``."""
    nl, en = _MESSAGES[code]
    return Problem(field, code, nl.format(**params), en.format(**params))


def fail(field: str, code: str, **params: Any) -> ValidationError:
    """A :class:`ValidationError` with one problem (to ``raise``)."""
    return ValidationError([problem(field, code, **params)])


# --- dates and moments ------------------------------------------------------------------

_DUTCH_DATE = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")


def _parse(value: Any) -> dt.date | dt.datetime:
    """A date or datetime from a date, datetime or string; ValueError/TypeError if not."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if isinstance(value, str):
        text = value.strip()
        m = _DUTCH_DATE.match(text)
        if m:  # 31-01-2026, as Dutch people write it
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace(" ", "T", 1))
    raise TypeError(f"not a date: {type(value).__name__}")


class NonexistentTime(ValueError):
    """A local time that does not exist in Europe/Amsterdam (skipped when the clocks
    go forward, e.g. 2026-03-29 02:30)."""


def to_moment(value: Any) -> dt.datetime:
    """An aware datetime in Europe/Amsterdam; a date means its midnight there; a
    naive datetime is Amsterdam local time.

    Raises :class:`NonexistentTime` for a local time skipped by daylight saving time,
    ValueError or TypeError when ``value`` is not a date.
    """
    parsed = _parse(value)
    if isinstance(parsed, dt.datetime):
        if parsed.tzinfo is None:
            local = parsed.replace(tzinfo=AMSTERDAM)
            back = local.astimezone(dt.timezone.utc).astimezone(AMSTERDAM)
            if back.replace(tzinfo=None) != parsed:
                raise NonexistentTime(parsed.isoformat())
            parsed = local
        return parsed.astimezone(AMSTERDAM)
    return dt.datetime.combine(parsed, dt.time(), tzinfo=AMSTERDAM)


def to_day(value: Any) -> dt.date:
    """The Europe/Amsterdam calendar date of ``value``; ValueError/TypeError if none."""
    parsed = _parse(value)
    if isinstance(parsed, dt.datetime):
        if parsed.tzinfo is None:
            return parsed.date()
        return parsed.astimezone(AMSTERDAM).date()
    return parsed


def as_today(value: Any, now: dt.datetime, field: str = "today") -> dt.date:
    """``today`` as a date: ``None`` means today in Europe/Amsterdam.

    Raises
    ------
    ValidationError
        ``invalid_date`` when ``value`` is not a date.
    """
    if value is None:
        return now.astimezone(AMSTERDAM).date()
    try:
        return to_day(value)
    except (ValueError, TypeError, OverflowError):
        raise fail(field, "invalid_date") from None


# --- text --------------------------------------------------------------------------------

_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BLOCK_ALLOWED = frozenset("\t\n\r")
_BSN_SEPARATORS = " .\\-\u2010\u2011\u2012\u2013\u2014\u2212/_"
_BSN_CANDIDATE = re.compile(
    r"(?P<keyword>\b(?:bsn|burgerservicenummer|sofi-?nummer)\b[\s:.#-]*)?"
    r"(?<![\d])(?:\d[" + _BSN_SEPARATORS + r"]?){7,8}\d(?![\d])", re.IGNORECASE)


def _has_control(text: str, one_line: bool) -> bool:
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Cc":
            if one_line or ch not in _BLOCK_ALLOWED:
                return True
        elif one_line and (cat in ("Zl", "Zp") or ch in _BIDI_CONTROLS):
            return True
    return False


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def looks_like_bsn(text: str) -> bool:
    """True when ``text`` holds a BSN: nine digits, in any grouping (spaces, dots,
    hyphens or dashes between them), passing the eleven-test (``stdnum.nl.bsn``);
    or eight after the word BSN (an old number, read with a leading zero).

    >>> looks_like_bsn("bsn 111-222-333"), looks_like_bsn("klantnummer 123456789")
    (True, False)
    """
    from stdnum.nl import bsn

    folded = unicodedata.normalize("NFKC", text)
    for m in _BSN_CANDIDATE.finditer(folded):
        before = folded[:m.start()].rstrip(" .-()")
        if not m.group("keyword") and before.endswith(("+31", "0031")):
            continue  # a Dutch phone number written with its country code
        digits = "".join(ch for ch in m.group() if ch.isdigit())
        if len(digits) == 9 and bsn.is_valid(digits):
            return True
        if len(digits) == 8 and m.group("keyword") and bsn.is_valid("0" + digits):
            return True
    return False


#: Characters that show nothing: a required field made of only these is blank.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing: only whitespace, format characters
    (zero-width spaces and joiners, direction marks and isolates, tag characters,
    soft hyphens), variation selectors or blank fillers."""
    for ch in text:
        if ch.isspace() or ch in _FILLERS or unicodedata.category(ch) == "Cf":
            continue
        if "\ufe00" <= ch <= "\ufe0f" or "\U000e0100" <= ch <= "\U000e01ef":
            continue
        return False
    return True


class Checker:
    """Collects problems field by field; :meth:`done` raises them all at once.

    Examples
    --------
    >>> c = Checker()
    >>> c.text("name", "", required=True)
    >>> c.choice("request_type", "wish", schema.REQUEST_TYPES)
    >>> [p.code for p in c.problems]
    ['required', 'unknown_value']
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, field: str, code: str, **params: Any) -> None:
        """Record one problem."""
        self.problems.append(problem(field, code, **params))

    def bad(self, *fields: str) -> bool:
        """True when any of ``fields`` already has a problem."""
        return any(p.field in fields for p in self.problems)

    def done(self) -> None:
        """Raise a ValidationError naming every problem, if there is any."""
        if self.problems:
            raise ValidationError(self.problems)

    # each check returns the clean value, or None when absent or bad

    def text(self, field: str, value: Any, *, required: bool = False,
             one_line: bool | None = None, limit: int | None = None,
             empty: Any = None, bsn: bool = True) -> Any:
        """A string stored as typed; blank (:func:`is_blank`: invisible characters
        only) means absent (``empty`` is returned). With ``bsn`` (every free-text
        field) a BSN in any spelling is refused."""
        if value is None or (isinstance(value, str) and is_blank(value)):
            if required:
                self.add(field, "required")
            return empty
        if not isinstance(value, str):
            self.add(field, "not_text")
            return None
        one_line = field in ONE_LINE if one_line is None else one_line
        limit = limit or LIMITS.get(field, 2_000)
        ok = True
        if _has_surrogate(value) or "\x00" in value:
            self.add(field, "invalid_text")
            ok = False
        elif _has_control(value, one_line):
            self.add(field, "control_chars")
            ok = False
        if len(value) > limit:
            self.add(field, "too_long", limit=limit, length=len(value))
            ok = False
        elif bsn and looks_like_bsn(value):
            self.add(field, "bsn_not_allowed")
            ok = False
        return value if ok else None

    def choice(self, field: str, value: Any, choices: Iterable[str], *,
               required: bool = True) -> str | None:
        """One of ``choices``."""
        choices = tuple(choices)
        if value is None or value == "":
            if required:
                self.add(field, "required")
            return None
        if not isinstance(value, str) or value not in choices:
            shown = repr(value) if len(repr(value)) < 60 else repr(value)[:57] + "…"
            self.add(field, "unknown_value", value=shown, choices=", ".join(choices))
            return None
        return value

    def boolean(self, field: str, value: Any, *, allow_none: bool = False) -> bool | None:
        """A real bool (``None`` too when allowed)."""
        if value is None and allow_none:
            return None
        if isinstance(value, bool):
            return value
        self.add(field, "not_bool")
        return None

    def integer(self, field: str, value: Any, low: int, high: int) -> int | None:
        """A whole number within ``[low, high]``."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(field, "not_number")
            return None
        if not low <= value <= high:
            self.add(field, "out_of_range", low=low, high=high)
            return None
        return value

    def email(self, value: Any) -> str | None:
        """A syntactically valid address, normalised (no DNS lookup): compatibility
        forms folded (full-width letters, ligatures: NFKC), accents composed, an
        internationalised domain in Unicode whether given so or as punycode."""
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip()
        text = self.text("email", value, bsn=False)
        if text is None:
            return None
        from email_validator import EmailNotValidError, validate_email

        try:
            return validate_email(text, check_deliverability=False).normalized
        except EmailNotValidError:
            self.add("email", "invalid_email")
            return None

    def phone(self, value: Any) -> str | None:
        """A valid number (Dutch numbers without country code), as E.164; an
        extension is kept (``+31505350143;ext=12``), never dropped."""
        if isinstance(value, str):
            value = unicodedata.normalize("NFKC", value).strip()
        text = self.text("phone", value, bsn=False)
        if text is None:
            return None
        import phonenumbers

        try:
            number = phonenumbers.parse(text, "NL")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            self.add("phone", "invalid_phone")
            return None
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if number.extension:
            if not number.extension.isdigit() or len(e164) + 5 + len(number.extension) > 32:
                self.add("phone", "invalid_phone")
                return None
            return f"{e164};ext={number.extension}"
        return e164

    def day(self, field: str, value: Any, now: dt.datetime, *, required: bool = False,
            not_before: dt.date | None = None) -> dt.date | None:
        """A calendar date, not in the future and not before ``not_before``."""
        if value is None or value == "":
            if required:
                self.add(field, "required")
            return None
        try:
            day = to_day(value)
        except (ValueError, TypeError, OverflowError):
            self.add(field, "invalid_date")
            return None
        if day > now.astimezone(AMSTERDAM).date():
            self.add(field, "in_future")
            return None
        if not_before is not None and day < not_before:
            self.add(field, "before_received")
            return None
        return day

    def received(self, value: Any, now: dt.datetime) -> tuple[dt.date, dt.datetime] | None:
        """The arrival: (Europe/Amsterdam date, aware moment)."""
        if value is None or value == "":
            self.add("received", "required")
            return None
        try:
            moment = to_moment(value)
        except NonexistentTime:
            self.add("received", "nonexistent_time")
            return None
        except (ValueError, TypeError, OverflowError):
            self.add("received", "invalid_date")
            return None
        day = moment.date()
        now = now.astimezone(AMSTERDAM)
        if day > now.date() or moment > now + dt.timedelta(minutes=5):
            self.add("received", "in_future")
            return None
        if day < GDPR_APPLIES_FROM:
            self.add("received", "before_gdpr")
            return None
        return day, moment


REQUEST_FIELDS = ("request_type", "direct_marketing", "name", "email", "phone",
                  "organisation", "on_behalf_of", "authority_checked", "channel",
                  "received", "description", "handler", "lang")
"""What :meth:`Register.add` takes and :meth:`Register.update` may change."""


def clean_request(raw: Mapping[str, Any], now: dt.datetime,
                  checker: Checker | None = None) -> dict[str, Any]:
    """Check a whole request; return its clean values (``received`` -> date and
    ``received_at``).

    Raises
    ------
    ValidationError
        Naming every bad field at once.
    """
    c = checker or Checker()
    out: dict[str, Any] = {}
    out["request_type"] = c.choice("request_type", raw.get("request_type"),
                                   schema.REQUEST_TYPES)
    out["direct_marketing"] = c.boolean("direct_marketing",
                                        raw.get("direct_marketing", False))
    if out["direct_marketing"] and out["request_type"] not in (None, "objection"):
        c.add("direct_marketing", "direct_marketing_needs_objection")
    out["name"] = c.text("name", raw.get("name"), required=True)
    out["email"] = c.email(raw.get("email"))
    out["phone"] = c.phone(raw.get("phone"))
    if (out["email"] is None and out["phone"] is None
            and not c.bad("email", "phone")):
        c.add("email", "no_contact")
        c.add("phone", "no_contact")
    out["organisation"] = c.text("organisation", raw.get("organisation"))
    out["on_behalf_of"] = c.text("on_behalf_of", raw.get("on_behalf_of"))
    out["authority_checked"] = c.boolean("authority_checked",
                                         raw.get("authority_checked", False))
    out["channel"] = c.choice("channel", raw.get("channel"), schema.CHANNELS)
    arrival = c.received(raw.get("received"), now)
    out["received"], out["received_at"] = arrival if arrival else (None, None)
    out["description"] = c.text("description", raw.get("description"), empty="")
    out["handler"] = c.text("handler", raw.get("handler"))
    # the requester's language: letters are drafted in it (issue 11)
    out["lang"] = c.choice("lang", raw.get("lang") or "nl", schema.LANGS)
    c.done()
    return out
