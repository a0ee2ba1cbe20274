"""Recognise when someone is making a rights request or a complaint.

Two signals, both needed: *what* (a right's topic: deleting, a copy of one's data,
correcting, restricting, transferring, objecting, complaining) and *that the person
asks for it* (first person and a wish, an imperative, "please"). "Wat is het recht op
inzage?" has the topic but no request; "ik wil weten hoe lang jullie mijn cv bewaren"
has a wish but no right: neither is a request.
"""

from __future__ import annotations

import re

from privacy_kb.language import _strip_accents, normalise_tokens

# Canonical tokens (see language.normalise) that name each right's topic.
TOPIC_TOKENS = {
    "erasure": {"verwijder"},
    "access": {"inzage"},
    "rectification": {"rectificatie"},
    "restriction": {"beperking"},
    "portability": {"portabiliteit"},
    "objection": {"bezwaar"},
    "complaint": {"klacht"},
}

# Phrases that name a topic without its usual word (matched on lower-case ASCII text).
_TOPIC_PHRASES = [
    ("access", r"\b(welke|wat voor|wat) (persoons)?gegevens\b.*\b(van mij|over mij|mij)\b"),
    ("access", r"\b(what|which) (personal )?(data|information|info)\b.*\b(on|about|of) me\b"),
    ("access", r"\b(stuur|send|give|geef|mail)\b.*\b(mij|me)\b.*\b(mijn|my|alle|all)\b.*"
               r"\b(gegevens|data|info|information|dossier|file)\b"),
    ("objection", r"\b(geen|niet meer|nooit meer|stop|stoppen|stopt)\b.*"
                  r"\b(nieuwsbrie\w*|\w*mail\w*|reclame|marketing|berichten)\b"),
    ("objection", r"\b(stop|no more|don'?t|do not|never)\b.*"
                  r"\b(newsletters?|e-?mails?|mailings?|marketing|ads|spam)\b"),
    ("objection", r"\b(unsubscribe|uitschrijven|afmelden)\b.*\b(me|mij)\b|"
                  r"\b(me|mij)\b.*\b(unsubscribe|uitschrijven|afmelden)\b"),
    ("access", r"\b(everything|all|alles|alle)\b.*\b(on|about|of|van|over) (me|mij)\b"),
    ("restriction", r"\b(stop|stoppen|stopt|niet meer|pause|pauzeer\w*|freeze|bevries\w*)\b.*"
                    r"\b(until|totdat|tot|zolang|tijdelijk|temporar\w*|for now|voorlopig)\b"),
    ("portability", r"\b(stuur|send|transfer|move|verhuis|zet|breng|geef|give)\b.*"
                    r"\b(naar|to)\b.*\b(andere|another|other|new|nieuwe)\b.*"
                    r"\b(aanbieder|provider|partij|party|company|bedrijf|organisatie|"
                    r"organisation|organization|dienst|service|leverancier|supplier)\b"),
    ("complaint", r"\b(ontevreden|boos|unhappy|not happy|dissatisfied|upset)\b"),
    ("rectification", r"\b(klopt niet|kloppen niet|is (niet juist|onjuist|fout)|"
                      r"is wrong|are wrong|is incorrect|are incorrect|has changed)\b"),
    ("rectification", r"\b(wijzig\w*|aanpassen|pas|update|change|verander\w*|fix|correct)\b.*"
                      r"\b(adres|naam|e-?mail\w*|telefoon\w*|gegevens|address|name|phone|"
                      r"number|details|data)\b"),
]

# Someone asking for it: a wish, an imperative or a polite request.
_REQUEST_MARKERS = re.compile(
    r"^\s*(verwijder|wis|haal|stuur|geef|corrigeer|verbeter|pas|wijzig|beperk|stop|"
    r"draag|schrijf|delete|remove|erase|send|give|correct|fix|change|update|restrict|"
    r"stop|transfer|export|unsubscribe|forget)\b"
    r"|\b(ik wil|ik zou graag|ik zou willen|wil ik|ik wens|ik verzoek|ik eis|ik vraag|"
    r"graag|verzoek om|bij deze|hierbij|ik maak bezwaar|maak ik bezwaar|ik heb een klacht|"
    r"ik dien|wil(t|len)? (u|jullie)|kunt u|kunnen jullie|kun je|kan je|zou u|zouden jullie|"
    r"i want|i wanna|i'?d like|i would like|i wish|i request|i demand|i need|i hereby|"
    r"i object|i have a complaint|i want to complain|i'?m requesting|please|pls|plz|"
    r"i don'?t want|i do not want|ik wil geen|ik wil niet meer|"
    r"can you|could you|would you|will you)\b"
    r"|\b(van mij|over mij|about me|on me|of me)\b"
)

# Asking what something is or how it works, rather than asking for it.
_ABOUT_MARKERS = re.compile(
    r"\b(wat is|wat houdt|wat betekent|wat zijn|hoe werkt|hoe zit het|heb ik (het )?recht|"
    r"wat (zijn )?mijn rechten|what is|what'?s|what are|what does|how does|"
    r"do i have (the|a) right|what rights|explain|uitleg)\b"
)


def _ascii_lower(text: str) -> str:
    return _strip_accents(text.lower()).replace("’", "'")


def topic_of(text: str) -> str | None:
    """The right (or complaint) ``text`` is about, or None."""
    tokens = set(normalise_tokens(text))
    for kind, words in TOPIC_TOKENS.items():
        if tokens & words:
            return kind
    lowered = _ascii_lower(text)
    for kind, pattern in _TOPIC_PHRASES:
        if re.search(pattern, lowered):
            return kind
    return None


def is_request(text: str) -> bool:
    """True when ``text`` asks for something rather than asking what something is."""
    lowered = _ascii_lower(text)
    if not _REQUEST_MARKERS.search(lowered):
        return False
    about = _ABOUT_MARKERS.search(lowered)
    # "Wat is het recht op inzage? Ik wil mijn gegevens zien": the wish wins when it
    # comes after the explanation question; a bare "what is ..." is not a request.
    if about and not re.search(r"\b(ik wil|i want|i'?d like|i would like|graag|please)\b",
                               lowered):
        return False
    return True


# Saying what one does NOT want ("I don't want you to delete my data", "ik wil geen
# klacht indienen"). Only for objections is the negation the request itself ("stuur
# me geen nieuwsbrieven meer").
_NEGATED = re.compile(
    r"\b(i|we)\s+(do not|don'?t|dont|never|did not|didn'?t)\s+"
    r"(want|wish|need|ask|asked|request|requested|mean|meant)\b"
    r"|\bno need to\b"
    r"|\b(ik|wij|we)\s+(wil|wilde|wens|hoef|hoefde|vraag|vroeg|verzoek)\s+"
    r"(\w+\s+){0,4}?(niet|geen|nooit)\b(?!\s+meer)"
    r"|\b(hoeft|hoeven)\s+(\w+\s+){0,3}?niet\b")


def detect_request(text: str, topic: str | None = None) -> str | None:
    """The rights request or complaint ``text`` makes, or None.

    ``topic``: the caller's ``topic_of(text)``, when it has it already.

    Examples
    --------
    >>> detect_request("Verwijder al mijn gegevens")
    'erasure'
    >>> detect_request("I want a copy of my data")
    'access'
    >>> detect_request("Wat is het recht op inzage?") is None
    True
    >>> detect_request("Hoe lang bewaren jullie mijn cv?") is None
    True
    """
    topic = topic or topic_of(text)
    if topic is None:
        return None
    if topic != "objection" and _NEGATED.search(_ascii_lower(text)):
        return None
    return topic if is_request(text) else None
