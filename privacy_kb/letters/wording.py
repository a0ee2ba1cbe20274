"""Words a letter needs besides its template: names of request types and outcomes in
running text, the sender, and the Autoriteit Persoonsgegevens complaint route in the
statement's own wording (section "Klachten" of privacy_kb/data/privacyverklaring.txt).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["type_label", "outcome_label", "reason_label", "sender", "complaint_route",
           "format_day"]

# In running text: "uw verzoek om inzage", "your request for access".
_TYPES = {
    "nl": {"access": "verzoek om inzage", "rectification": "verzoek om rectificatie",
           "erasure": "verzoek om verwijdering", "restriction": "verzoek om beperking",
           "portability": "verzoek om overdracht van gegevens",
           "objection": "bezwaar", "complaint": "klacht"},
    "en": {"access": "request for access", "rectification": "request for rectification",
           "erasure": "request for erasure", "restriction": "request for restriction",
           "portability": "request for data portability", "objection": "objection",
           "complaint": "complaint"},
}
_DM = {"nl": "bezwaar tegen direct marketing", "en": "objection to direct marketing"}
_OUTCOMES = {"nl": {"granted": "toegewezen", "partly": "gedeeltelijk toegewezen",
                    "refused": "afgewezen"},
             "en": {"granted": "granted", "partly": "partly granted", "refused": "refused"}}
_REASONS = {"nl": {"complexity": "de complexiteit van uw verzoek",
                   "number_of_requests": "het aantal verzoeken dat wij ontvingen"},
            "en": {"complexity": "the complexity of your request",
                   "number_of_requests": "the number of requests we received"}}


def type_label(request_type: str, lang: str, direct_marketing: bool = False) -> str:
    """The request type in running text, in ``lang``."""
    if request_type == "objection" and direct_marketing:
        return _DM[lang]
    return _TYPES[lang].get(request_type, "verzoek" if lang == "nl" else "request")


def outcome_label(outcome: str | None, lang: str) -> str:
    """"toegewezen" / "granted" …; "" for no decision."""
    return _OUTCOMES[lang].get(outcome or "", "")


def reason_label(reason: str | None, lang: str) -> str:
    """The extension reason in running text; an unknown one as stored."""
    return _REASONS[lang].get(reason or "", reason or "")


def format_day(day, lang: str) -> str:
    """A date as the reader writes it: "2 maart 2026", "2 March 2026" (Babel)."""
    from babel.dates import format_date

    return format_date(day, "long", locale="nl" if lang == "nl" else "en_GB")


@lru_cache(maxsize=1)
def _statement_sections() -> tuple[str, str]:
    from privacy_kb.statement import load_statement

    statement = load_statement()
    complaints = statement.get("klachten")
    contact = statement.get("onze-contactgegevens")
    return (" ".join(complaints.text.split()) if complaints else "",
            " ".join(contact.text.split()) if contact else "")


@lru_cache(maxsize=1)
def complaint_route() -> dict:
    """The Autoriteit Persoonsgegevens and how to complain to it.

    ``statement``: the statement's own two sentences on it (Dutch), ``url``: the
    complaint page it links to, ``name``, ``name_en``.
    """
    text, _ = _statement_sections()
    match = re.search(r"https?://\S+", text)
    url = match.group(0).rstrip(".,;)") if match else \
        "https://autoriteitpersoonsgegevens.nl/nl/zelf-doen/gebruik-uw-privacyrechten/" \
        "klacht-melden-bij-de-ap"
    sentences = re.split(r"(?<=\.)\s+(?=[A-Z])", text)
    # "Daarnaast kunt u deze klachten ook melden aan de Autoriteit Persoonsgegevens.
    # Voor meer informatie, zie <url>." -> the statement's wording, without "Daarnaast"
    # (which refers back to complaining to us first) and "deze" (no antecedent here)
    own = [s for s in sentences if "Autoriteit Persoonsgegevens" in s or "zie" in s]
    wording = " ".join(own) if own else (
        "U kunt een klacht melden aan de Autoriteit Persoonsgegevens. Voor meer "
        f"informatie, zie {url}.")
    wording = re.sub(r"^Daarnaast kunt u deze klachten ook melden",
                     "U kunt een klacht ook melden", wording)
    return {"name": "Autoriteit Persoonsgegevens",
            "name_en": "Dutch Data Protection Authority", "url": url,
            "statement": wording}


@lru_cache(maxsize=1)
def sender() -> dict:
    """Who the letters come from: name, e-mail address and phone number, as the
    statement's contact section gives them."""
    _, contact = _statement_sections()
    email = re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", contact)
    phone = re.search(r"\b0\d{2,3}[ -]?\d{3}[ -]?\d{3,4}\b", contact)
    return {"name": "Software Borg",
            "email": email.group(0) if email else "info@softwareborg.nl",
            "phone": phone.group(0) if phone else "050 535 0143"}
