"""Understand a whole message: what people paste is an e-mail, not one clean question.

:func:`read_message` splits a message into sentences and sets aside what is not asked:
the greeting ("Geachte heer/mevrouw,"), the sign-off ("Met vriendelijke groet,") and the
signature below it (name, phone, address), contact lines and quoted earlier mail
("Op ... schreef ...:", lines starting with ``>``). What is left are sentences; the ones
that ask something (a question mark, a question word or verb first, an indirect
question such as "ik vroeg me af of ..." or "I'd like to know ...", or a request) are
the questions, each with the statements before it as its context ("I applied last
year. Do you still have my CV?").

The module is pure text handling: no FAQ, no matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from privacy_kb.lazyre import lazy

# -- what is set aside -------------------------------------------------------------------

_GREETING = lazy(
    r"^\s*(?:(?:beste|geachte|lieve|hallo|hoi|hey|hi|hello|dear|goedemorgen|goedemiddag|"
    r"goedenavond|goeiedag|goedendag|dag|good\s+(?:morning|afternoon|evening)|greetings)"
    r"\b[^,!:\n.?]{0,40}?(?:[,!:\n]|$)"
    r"|(?:to\s+whom\s+it\s+may\s+concern|l\.?s\.?)\s*[,:!\n])",
    re.IGNORECASE)

_SIGN_OFF = lazy(
    r"(?:^|(?<=[\s.!,]))(?:met\s+(?:(?:vriendelijke|hartelijke|beste|collegiale)\s+)?"
    r"groet(?:en)?|"
    r"vriendelijke\s+groet(?:en)?|hartelijke\s+groet(?:en)?|(?:veel\s+)?groet(?:en|jes)?|"
    r"mvg|m\.v\.g\.?|gr\.?|"
    r"(?:with\s+)?(?:kind|best|warm|many\s+thanks\s+and)\s+regards|regards|"
    r"(?:yours\s+)?(?:sincerely|faithfully|truly)(?:\s+yours)?|best\s+wishes|cheers|"
    r"all\s+the\s+best|hoogachtend)\b\s*[,.!]?\s*"
    r"|(?:^|(?<=[\s.!]))(?:best|thanks|thank\s+you|thx|tx|ty|cheers|bedankt|dank\s+je(?:\s+wel)?|"
    r"thank\s+you\s+(?:very|so)\s+much|thanks\s+(?:a\s+lot|so\s+much)|"
    r"(?:alvast|bij\s+voorbaat)\s+(?:hartelijk\s+)?(?:dank|bedankt)|hartelijk\s+dank|"
    r"dankjewel|dank\s+u(?:\s+wel)?|alvast\s+bedankt|thanks\s+in\s+advance|"
    r"many\s+thanks|groetjes|gr|grtz|grts|grz|greetz|groet)\s*[,.!]?\s*(?=\n|$)",
    re.IGNORECASE)

_QUOTE_START = lazy(
    r"^\s*(?:-{2,}\s*(?:original message|oorspronkelijk bericht|forwarded message|"
    r"doorgestuurd bericht|origineel bericht)\s*-{2,}"
    r"|(?:on|op)\s.{4,120}\s(?:wrote|schreef)\s*.{0,80}:\s*$"
    r"|(?:from|van|sent|verzonden|date|datum)\s*:\s*\S.*$"
    r"|_{8,}\s*$|begin (?:forwarded|doorgestuurd) (?:message|bericht)\s*:)",
    re.IGNORECASE)
# A client that wraps the attribution line over two or three ("On Tue, 3 Mar 2026 at
# 10:12, Software Borg <" / "info@softwareborg.nl> wrote:").
_ATTRIBUTION_HEAD = lazy(r"^\s*(?:on|op)\s+\S.{2,}$", re.IGNORECASE)
_ATTRIBUTION_TAIL = lazy(r"\b(?:wrote|schreef)\s*.{0,80}:\s*$", re.IGNORECASE)
# Mail headers pasted above the message ("Van: ...", "Onderwerp: ...").
_HEADER = lazy(r"^\s*(?:from|van|sent|verzonden|to|aan|cc|bcc|subject|onderwerp|date|datum|"
               r"reply-to|antwoord aan|re|fw|fwd)\s*:", re.IGNORECASE)
_SUBJECT = lazy(r"^\s*(?:subject|onderwerp)\s*:\s*(?:(?:re|fw|fwd|antw|doorst)\s*:\s*)*",
                re.IGNORECASE)
# What mail programs and legal departments add under a message.
_DISCLAIMER = lazy(
    r"\b(?:sent from my|verzonden (?:vanaf|met|via) mijn|verstuurd (?:vanaf|met|via) mijn|"
    r"get outlook for|outlook voor (?:ios|android)|"
    r"intended (?:solely |only |exclusively )?for the (?:use of the )?(?:addressee|"
    r"recipient|named|individual|person)|uitsluitend bestemd voor|alleen bestemd voor de "
    r"geadresseerde|niet voor u bestemd|(?:received|receive) (?:this|it|this (?:e-?mail|message))"
    r" (?:in error|by mistake)|per abuis|abusievelijk|"
    r"(?:consider|think of) the environment|denk aan het milieu|"
    r"(?:this|dit|deze) (?:e-?mail|bericht|e-?mailbericht)(?: message)?(?: and any "
    r"attachments?| en (?:eventuele )?bijlagen?)? (?:is|are|kan|kunnen|may) (?:\w+ ){0,2}"
    r"(?:confidential|vertrouwelijk)|no rights can be derived|geen rechten (?:\w+ ){0,3}"
    r"ontleend|disclaimer\s*:)",
    re.IGNORECASE)

_EMAIL = lazy(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = lazy(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_PHONE = lazy(r"(?:\+|\b)\d[\d\s().-]{7,}\d\b")
_CONTACT_LABEL = lazy(
    r"^\s*(?:tel(?:efoon)?|phone|mob(?:iel|ile)?|gsm|fax|e-?mail|mail|web(?:site)?|adres|"
    r"address|kvk|iban|t|m|e)\s*[.:]", re.IGNORECASE)
_POSTCODE = lazy(r"\b\d{4}\s?[A-Z]{2}\b")
_NAME = lazy(r"^(?:[A-Z][a-zà-ÿ'’-]+|[A-Z]\.)(?:\s+(?:van|de|der|den|het|ter|ten|"
                   r"v\.|d\.|[A-Z][a-zà-ÿ'’-]+|[A-Z]\.)){0,4}$")

# -- what asks something -----------------------------------------------------------------

_QUESTION_START = lazy(
    r"^\s*(?:(?:en|and|maar|but|also|ook|verder|tot\s+slot|daarnaast|bovendien|so|dus|"
    r"tenslotte|finally|lastly|secondly|firstly|first|then|dan|nog\s+iets|one\s+more\s+thing|"
    r"ten\s+eerste|ten\s+tweede|oh|ok|okay|oke|right|well|nou|en\s+verder)[,:;\s]+)*"
    r"(?:wat|wie|waar\w*|wanneer|hoe\w*|welk\w*|hoeveel|waarom|"
    r"kan|kun|kunt|kunnen|mag|mogen|moet|moeten|is|zijn|ben|heb|hebt|heeft|hebben|"
    r"wordt|worden|word|gebruik\w*|bewaar\w*|verkop\w*|verkoop\w*|delen|deel\w*|"
    r"slaan|sla|zal|zullen|zou|zouden|weet|klopt|staan|staat|geldt|geven|geef\w*|houd\w*|"
    r"krijg\w*|plaats\w*|stuur\w*|verwerk\w*|verzamel\w*|"
    r"what\w*|who|whom|whose|where\w*|when|why|how\w*|which|"
    # an English auxiliary asks only with a subject after it ("Would be good to know"
    # is a remark, "Would you ..." a question)
    r"(?:can|could|do|does|did|is|are|was|were|will|would|should|shall|may|might|must|"
    r"have|has|am|isn'?t|aren'?t|don'?t|doesn'?t|won'?t|wouldn'?t|can'?t)\s+(?:i|you|we|they|"
    r"he|she|it|there|this|that|these|those|my|your|our|their|the|a|an|any|all|some|"
    r"software|leadinfo|hotjar|google|linkedin|cookies?|data|people|someone|anyone|staff|"
    r"people|u|ur|y'?all|yours|mine|ours|theirs|his|hers|its))\b",
    re.IGNORECASE)

_INDIRECT = lazy(
    r"\b(?:ik\s+vroeg\s+me\s+af|ik\s+vraag\s+me\s+af|vraag\s+ik\s+me\s+af|"
    r"ik\s+wil(?:de)?\s+(?:graag\s+)?weten|ik\s+zou\s+(?:graag\s+)?(?:willen\s+)?weten|"
    r"graag\s+(?:hoor|wil|zou)\s+ik|graag\s+(?:weten|vernemen|horen)|hoor\s+ik\s+graag|"
    r"ik\s+ben\s+(?:benieuwd|nieuwsgierig)|ben\s+ik\s+benieuwd|"
    r"(?:kunt|kan|kunnen|wilt|zou)\s+(?:u|jij|je|jullie)\b|laat\s+(?:me|mij)\s+(?:even\s+)?weten|"
    r"(?:leg|legt)\s+.{0,30}\buit|vertel\s+(?:me|mij)|"
    r"wil(?:t)?\s+(?:u|jullie)|is\s+het\s+(?:zo|waar)\s+dat|klopt\s+het\s+dat|"
    r"ik\s+(?:snap|begrijp)\s+niet|het\s+is\s+me\s+niet\s+duidelijk|"
    r"(?:i|we)\s+(?:was\s+|were\s+)?wonder(?:ing|ed)?|(?:i'?m|i\s+am|we'?re|we\s+are)\s+wondering|"
    r"(?:i|we)(?:'d|\s+would|\s+should)\s+(?:also\s+|really\s+)?(?:like|love|want)\s+to\s+"
    r"(?:know|understand|find\s+out|hear|check|ask)|"
    r"(?:i|we)\s+(?:also\s+)?(?:want|need|wish)\s+to\s+(?:know|understand|find\s+out|check)|"
    r"(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:curious|not\s+sure|unsure|trying\s+to\s+understand)|"
    r"(?:ik|wij|we)\s+(?:wil|willen|zou|zouden|wilde|wilden)\s+(?:\w+\s+){0,2}?"
    r"(?:weten|vragen|horen|vernemen|begrijpen|nagaan|checken)|"
    r"(?:ik|wij|we)\s+(?:vraag|vragen|vroeg|vroegen)\s+(?:me|mij|ons)\s+af|"
    # the verb before its subject after a lead word ("Daarnaast wil ik weten ...",
    # "Verder zou ik graag willen weten ...", "Ook willen wij graag vernemen ...")
    r"(?:wil|wilde|willen|wilden|zou|zouden)\s+(?:ik|wij|we)\s+(?:\w+\s+){0,3}?"
    r"(?:weten|vragen|horen|vernemen|begrijpen|nagaan|checken)|"
    r"(?:vraag|vragen|vroeg|vroegen)\s+(?:ik|wij|we)\s+(?:me|mij|ons)\s+(?:\w+\s+){0,2}?af|"
    r"(?:is|was)\s+(?:het|dat)\s+(?:zo|waar|mogelijk)|"
    r"(?:ik|wij|we)\s+(?:heb|hebben)\s+(?:\S+\s+){0,6}?nodig|(?:i|we)\s+need\s+(?:to\s+know|the|your)|"
    r"(?:heb|hebben)\s+(?:ik|wij|we)\s+(?:\S+\s+){0,6}?nodig|"
    r"(?:would|it'?d|it\s+would)\s+be\s+(?:good|nice|great|helpful|useful)\s+to\s+"
    r"(?:know|understand|hear|learn)\s+(?:on\s+|in\s+|for\s+)?(?:what|which|how|whether|"
    r"if|why|when|where|who)|"
    r"(?:could|can|would|will)\s+you|please\s+(?:tell|let|explain|confirm|clarify)|"
    r"let\s+me\s+know|tell\s+me|explain|i\s+(?:don'?t|do\s+not)\s+understand|"
    r"it'?s\s+(?:not\s+)?clear|is\s+it\s+true\s+that|not\s+sure\s+(?:if|whether|how|what)|"
    r"niet\s+zeker\s+(?:of|hoe|wat)|"
    # reported, in a phone note or a colleague's summary ("vraagt waar Leadinfo zit",
    # "wil verder weten welke ...", "Asked what the Hotjar cookie does")
    r"(?:vraagt|vroeg|informeert|informeerde)\s+(?:\w+\s+){0,2}?(?:of|waar\w*|wat|hoe\w*|"
    r"welk\w*|wanneer|waarom|wie|naar)|"
    r"(?:wil|wilde|willen)\s+(?:\w+\s+){0,2}?weten|benieuwd\s+(?:\w+\s+)?(?:of|hoe\w*|wat|"
    r"waar\w*|welk\w*|wanneer|waarom|naar)|"
    r"(?:asked|asks|asking|enquired|inquired|wonders|wondered|queried)\s+(?:\w+\s+){0,2}?"
    r"(?:what|whether|if|how|where|which|when|why|who|about)|"
    r"(?:wants|wanted|would\s+like|needs|needed)\s+to\s+(?:know|find\s+out|understand)|"
    # a formal lead-in ("verzoek ik u mij te laten weten:", "answer the following:")
    r"(?:mij|me|ons)\s+(?:\w+\s+){0,2}?te\s+(?:laten\s+weten|informeren|berichten)|"
    r"(?:answer|beantwoorden|beantwoorden)\s+(?:\w+\s+){0,2}?(?:following|volgende)|"
    r"the\s+following\s+questions|de\s+volgende\s+vragen|"
    # formal letters ("Graag verneem ik welke ...", "Ik ontvang graag informatie over
    # hoe ...", "Please advise how ...", "I would appreciate some information on ...")
    r"graag\s+(?:verneem|vernemen|ontvang|ontvangen|hoor|horen)\s+(?:ik|wij|we)|"
    r"(?:ik|wij|we)\s+(?:verneem|vernemen|ontvang|ontvangen|hoor|horen)\s+graag\s+"
    r"(?!van\b)|"
    r"(?:informatie|information|details|uitleg|explanation|clarification|duidelijkheid)\s+"
    r"(?:\w+\s+)?(?:over|omtrent|on|about|regarding|as\s+to)\s+(?:hoe\w*|wat|welk\w*|"
    r"waar\w*|wanneer|waarom|of|how|what|which|where|when|whether|why|who)|"
    r"please\s+advise|kindly\s+(?:let|tell|inform|advise|confirm|explain)|"
    r"(?:interested|geïnteresseerd)\s+(?:in|to\s+know|to\s+hear)\s+(?:how|what|which|"
    r"where|when|whether|why|who|hoe\w*|wat|welk\w*|waar\w*|wanneer|waarom|of)|"
    r"gaat\s+(?:mij|me|ons)\s+(?:\w+\s+){0,2}?om\s+de\s+vraag)\b",
    re.IGNORECASE)
# "En het postadres graag.", "Graag ook het KvK-nummer."
_SHORT_PLEASE = lazy(r"^\s*(?:(?:en|ook|and|also|verder)\s+)*(?:graag\s+\w.*|(?:\w+\s+){1,5}"
                     r"(?:graag|please|svp|aub|a\.u\.b\.?))\s*[.!]?\s*$", re.IGNORECASE)
# "When I registered for your newsletter you asked for my organisation.": a clause of
# time or condition and a full stop tells what happened, it does not ask.
_WHEN_CLAUSE = lazy(r"^\s*(?:when|whenever|once|if|as|while|toen|wanneer|als|zodra|nadat)\s+"
                    r"(?:i|we|you|he|she|they|my|our|ik|we|wij|je|jij|u|hij|zij|mijn|onze)\b"
                    r"(?![^,]*,\s*(?:what|how|which|who|where|when|why|do|does|did|can|could|"
                    r"will|would|is|are|wat|hoe|welk\w*|wie|waar\w*|wanneer|waarom|kan|kun|"
                    r"kunt|mag|moet|wordt|worden|is|zijn|blijft|blijven)\b)",
                    re.IGNORECASE)
# A Dutch verb first and a full stop: a statement with its subject left out ("Moet het
# op onze inkoopregistratie zetten.", "Heb vorige week gesolliciteerd.").
_DUTCH_VERB_FIRST = lazy(
    r"^\s*(?:(?:en|maar|ook|verder|dus|dan|nou)[,\s]+)*(?:kan|kun|kunt|kunnen|mag|mogen|moet|"
    r"moeten|ben|heb|hebt|heeft|hebben|wordt|worden|word|zal|zullen|zou|zouden|weet|staan|"
    r"staat|geldt|krijg\w*|stuur\w*|houd\w*|geef\w*|plaats\w*|verwerk\w*|verzamel\w*|"
    r"gebruik\w*|bewaar\w*|deel\w*|delen|verkop\w*|verkoop\w*|sla|slaan)\b"
    # a subject after the verb is a real inversion ("Verder zou ik graag ...")
    r"(?!\s+(?:ik|je|jij|u|jullie|we|wij|ze|zij|hij|men|er|mijn|mn|m'n|uw|jouw|onze|ons|"
    r"de|dit|dat|deze|die|iemand|iedereen|software)\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Question:
    """One thing asked: its sentence and the statements just before it. ``joined``: the
    second half of a sentence that asks two things ("..., en hoe lang ...?")."""

    text: str
    context: str = ""
    joined: bool = False

    @property
    def with_context(self) -> str:
        return f"{self.context} {self.text}".strip()


@dataclass(frozen=True)
class Message:
    """A message read: its asking sentences and what was set aside."""

    body: str                       # the message without greeting, signature, quotes
    sentences: list[str] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    greeting: str = ""
    name: str = ""                  # the name signed with, if any
    is_letter: bool = False         # a greeting, sign-off or several lines: an e-mail
    quoted: str = ""                # the earlier mail quoted below it (what it replies to)
    subject: str = ""               # the subject line, when headers were pasted above it


def _strip_headers(lines: list[str]) -> tuple[list[str], str]:
    """Mail headers pasted above the message ("Van: ...", "Verzonden: ...",
    "Onderwerp: ...") set aside: (the lines below them, the subject)."""
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    start, subject = i, ""
    while i < len(lines) and _HEADER.match(lines[i]):
        if _SUBJECT.match(lines[i]):
            subject = _SUBJECT.sub("", lines[i]).strip()
        i += 1
    if i - start < 2 and not (i > start and _SUBJECT.match(lines[start])):
        return lines, ""   # one "Van: ..." line is no header block
    return lines[i:], subject


def _quote_start(lines: list[str], i: int) -> bool:
    """Line ``i`` starts the earlier mail: a separator, an attribution ("Op ... schreef
    ...:", also wrapped over up to three lines) or an Outlook header."""
    if _QUOTE_START.match(lines[i]):
        return True
    if _ATTRIBUTION_HEAD.match(lines[i]) and not re.search(r"[.?!]\s*$", lines[i]):
        for extra in (1, 2):
            joined = " ".join(line.strip() for line in lines[i:i + 1 + extra])
            if _ATTRIBUTION_TAIL.search(joined):
                return bool(_QUOTE_START.match(joined))
    return False


# Politeness that says nothing about the question ("Alvast bedankt voor uw reactie.",
# "I hope this email finds you well.", "Can you help me?"): neither a question nor
# context for one.
_PLEASANTRY = lazy(
    r"^\s*(?:(?:hi|hello|hallo|hoi|ok|oke|okay|nou|well|so|dus|en|and)[,\s]+)?(?:"
    r"(?:alvast|bij\s+voorbaat)\s+(?:heel\s+)?(?:hartelijk\s+|erg\s+|veel\s+)?(?:dank|bedankt)"
    r"(?:\s+voor\s+.{0,50})?"
    r"|(?:heel\s+|hartelijk\s+|erg\s+|veel\s+)?(?:dank|bedankt)(?:\s+(?:u|je|jullie)(?:\s+wel)?)?"
    r"(?:\s+alvast|\s+bij\s+voorbaat)?(?:\s+voor\s+.{0,50})?"
    r"|ik\s+hoor\s+(?:graag\s+|snel\s+|spoedig\s+|het\s+)*(?:van\s+(?:u|jullie|je)|graag)"
    r"(?:\s+\w+){0,3}"
    r"|ik\s+zie\s+(?:uw|jullie|je)\s+(?:reactie|antwoord|bericht)\s+(?:graag\s+|met\s+"
    r"belangstelling\s+)?tegemoet"
    r"|(?:ik\s+hoop|hopelijk)\s+(?:dat\s+)?(?:u|jullie|je)\s+(?:mij|me|ons)\s+(?:\w+\s+){0,2}"
    r"(?:kunt|kunnen|kan|kunnen)\s+helpen(?:\s+\w+){0,3}"
    r"|(?:kunt|kunnen|kan)\s+(?:u|jullie|je)\s+(?:mij|me|ons)\s+(?:hiermee\s+|hierbij\s+|"
    r"daarmee\s+|misschien\s+|even\s+)?helpen"
    r"|(?:excuses|sorry|mijn\s+excuses)\s+(?:voor|dat)\s+.{0,50}"
    r"|ik\s+hoop\s+dat\s+(?:alles\s+goed|het\s+goed)\s+.{0,30}"
    r"|(?:een\s+)?fijne\s+(?:dag|middag|avond|week|weekend)(?:\s+\w+){0,2}"
    r"|(?:thanks|thank\s+you|many\s+thanks|cheers)(?:\s+(?:a\s+lot|so\s+much|very\s+much))?"
    r"(?:\s+in\s+advance)?(?:\s+for\s+.{0,60})?"
    r"|(?:i\s+|i'?m\s+|we\s+|we'?re\s+)?(?:look|looking)\s+forward\s+to\s+.{0,60}"
    r"|i\s+hope\s+(?:this|my)\s+(?:e-?mail|message|note)\s+finds\s+you\s+well"
    r"|(?:i\s+)?hope\s+(?:you(?:'re|\s+are)|all\s+is)\s+(?:well|doing\s+well|good|fine)"
    r"(?:\s+\w+){0,2}"
    r"|(?:i\s+|we\s+)?hope\s+you\s+can\s+help(?:\s+\w+){0,3}"
    r"|(?:can|could)\s+you\s+(?:please\s+)?help\s+(?:me|us)(?:\s+(?:with\s+this|out))?"
    r"|sorry\s+(?:to\s+bother\s+you|for\s+(?:the|this|my)\s+.{0,40})(?:\s+\w+){0,4}"
    r"|apologies\s+for\s+.{0,50}"
    r"|(?:i\s+)?(?:really\s+)?appreciate\s+(?:your|the|any)\s+help(?:\s+\w+){0,3}"
    r"|(?:any|your)\s+help\s+(?:is|would\s+be)\s+(?:much\s+|greatly\s+|very\s+much\s+)?"
    r"appreciated"
    r"|have\s+a\s+(?:nice|good|great|lovely)\s+(?:day|weekend|week)"
    r")\s*[.,!?]*\s*$",
    re.IGNORECASE)


def is_pleasantry(sentence: str) -> bool:
    """``sentence`` is politeness only ("Alvast bedankt!", "Hope you're well.")."""
    return len(sentence) <= 120 and bool(_PLEASANTRY.match(sentence))


def _strip_quoted(lines: list[str]) -> list[str]:
    kept = []
    for i, line in enumerate(lines):
        if _quote_start(lines, i):
            break   # everything below is the earlier mail
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return kept


def _quoted(lines: list[str]) -> str:
    """The earlier mail quoted in a reply (what :func:`_strip_quoted` leaves out), as
    one line of text without its headers, mail addresses, greeting or sign-off."""
    out, below = [], False
    if not any(">" in line or ":" in line or "__" in line for line in lines):
        return ""   # no quote marker, attribution or header: nothing quoted (most messages)
    for i, line in enumerate(lines):
        if not below and _quote_start(lines, i):
            below = True
            continue
        if below or line.lstrip().startswith(">"):
            stripped = line.strip().lstrip("> ")
            if _HEADER.match(stripped) or _ATTRIBUTION_TAIL.search(stripped):
                continue
            out.append(stripped)
    text = "\n".join(out)
    text, _name = _split_signature(_strip_disclaimers(text))
    text, _greeting = _strip_greeting(text.strip())
    return " ".join(_EMAIL.sub(" ", text).split())


# One of these is in every phrase _DISCLAIMER finds (a quick test before the search).
_DISCLAIMER_WORDS = ("sent from", "verzonden", "verstuurd", "outlook", "bestemd", "intended",
                     "error", "mistake", "abuis", "abusievelijk", "environment", "milieu",
                     "confidential", "vertrouwelijk", "rights", "rechten", "disclaimer")


def _strip_disclaimers(text: str) -> str:
    """``text`` without what mail programs and legal departments add ("Sent from my
    iPhone", "Dit bericht is uitsluitend bestemd voor de geadresseerde ..."): a
    paragraph that holds such a phrase and asks nothing goes, from that line on."""
    lowered = text.lower()
    if not any(word in lowered for word in _DISCLAIMER_WORDS):
        return text
    blocks = re.split(r"(\n\s*\n)", text)
    out = []
    for block in blocks:
        match = _DISCLAIMER.search(block)
        if match and "?" not in block[match.start():]:
            head = block[:match.start()]
            cut = head.rfind("\n")
            # from the line holding the phrase on (a signature may stand above it)
            block = head[:cut + 1] if cut >= 0 else (
                head if re.search(r"[.!?]\s*$", head) else "")
        out.append(block)
    return "".join(out)


def _is_contact_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if _CONTACT_LABEL.match(stripped):
        return True
    rest = _EMAIL.sub("", _URL.sub("", _PHONE.sub("", stripped)))
    if rest != stripped and len(re.findall(r"[A-Za-z]{3,}", rest)) <= 2:
        return True   # little but a number, an address or a link
    return bool(_POSTCODE.search(stripped)) and len(stripped) < 60 and "?" not in stripped


def _looks_like_name(text: str) -> bool:
    text = text.strip().strip(",.;")
    return bool(text) and len(text) <= 60 and bool(_NAME.match(text))


# A postscript: a line starting "PS", "P.S." or "NB" with a colon or full stop.
_POSTSCRIPT = lazy(r"\n\s*(?:p\.?\s?s\.?|n\.?b\.?)(?:\s*[:.]|\s)\s*\S", re.IGNORECASE)


def _split_signature(text: str) -> tuple[str, str]:
    """(body, signed name): cut at the last sign-off that ends the message's text. A
    postscript under the signature ("PS: ...") stays with the body."""
    postscript = _POSTSCRIPT.search(text)
    if postscript:
        body, name = _split_signature(text[:postscript.start()])
        return f"{body.rstrip()}\n\n{text[postscript.start():].strip()}", name
    name = ""
    cut = None
    for match in _SIGN_OFF.finditer(text):
        after = text[match.end():]
        # A sign-off ends the message: what follows is short (name, contact lines).
        words = re.findall(r"[^\W\d_]+", after)
        if len(words) > 20 or "?" in after:
            continue
        before = text[:match.start()]
        if before.strip() and not re.search(r"[.!?,\n:]\s*$", before):
            continue   # mid-sentence use: "de groeten aan ..." is no sign-off
        cut = match
    if cut is None:
        return text, name
    tail = text[cut.end():]
    for piece in re.split(r"[\n,]", tail):
        piece = piece.strip()
        if not piece:
            continue
        if _looks_like_name(piece):
            name = piece.strip(",.; ")
        break
    return text[:cut.start()], name


def _signature_block(lines: list[str]) -> int:
    """How many of ``lines``' last lines are a signature without a sign-off: a last
    paragraph (after a blank line) of two to six short lines, none a sentence or a
    question, whose first is a name. 0 when there is none."""
    if not lines:
        return 0
    start = len(lines)
    while start > 0 and lines[start - 1].strip():
        start -= 1
    block = [line.strip() for line in lines[start:]]
    if start == 0 or not 2 <= len(block) <= 6 or not _looks_like_name(block[0]):
        return 0
    if any(len(line.split()) > 6 or re.search(r"[.?!:]$", line) for line in block):
        return 0
    return len(block)


def _strip_greeting(text: str) -> tuple[str, str]:
    match = _GREETING.match(text)
    if not match:
        return text, ""
    greeting = match.group(0)
    rest = text[match.end():]
    line_rest, newline, below = rest.partition("\n")
    if newline and greeting[-1:] != "\n" and len(line_rest.split()) <= 3 and \
            re.fullmatch(r"[^.?!:;]*[,!]?\s*", line_rest) and below.strip():
        # the rest of a greeting line ("Geachte heer, mevrouw,", "Dear Sir, Madam,")
        greeting += line_rest + newline
        rest = below
    if greeting.rstrip(" \t")[-1:] not in (",", "!", ":", "\n"):
        # "Hallo ik heb een vraag": only the greeting word goes.
        word = re.match(r"\s*\S+(?:\s+(?:morning|afternoon|evening))?", text)
        return text[word.end():], word.group(0).strip()
    return rest, greeting.strip(" ,!:\n")


_ABBREV = lazy(r"\b(?:bijv|bv|o\.a|i\.e|e\.g|etc|ca|nr|tel|dhr|mevr|mr|mrs|ms|dr|"
                     r"ir|drs|mw|st|vs|incl|excl|resp|z\.s\.m|a\.u\.b|s\.v\.p)\.$",
                     re.IGNORECASE)


# Words that start a sentence, seen capitalised after a word without a full stop
# between ("... your privacy statement What rights do I have", "... tracking me Thanks
# in advance"): where the writer left the stop out. Not "I", names or nouns.
_STARTERS = frozenset("""wat wie waar waarom wanneer hoe hoelang hoeveel welke welk kan kunt
kunnen mag mogen moet moeten is zijn wordt worden heb hebben heeft ik wij graag alvast dank i
bedankt verder ook daarnaast tevens mijn onze zou zouden klopt staat staan bewaren gebruiken
delen verkopen blijft blijven hartelijk groet groeten
what who where why when how which can could do does did is are will would should may
have has we my our also thanks thank many looking please appreciate hope kind best
regards cheers asked asks vraagt vroeg wants wanted caller beller bij zet stuur verwijder
wis geef haal delete remove send ben hebt kun zal gaan gaat doen doet krijg krijgen if als
zodra stel stop cancel corrigeer wijzig schrap""".split())
_STARTER_GAP = lazy(r"(?<=[a-z0-9à-ÿ,)])\s+(?=([A-Z][a-z]+)\b)")
# A line this short that ends without a stop, above a line that starts with a capital,
# ends its sentence (a hard-wrapped line of a paragraph runs on to the margin).
_SHORT_LINE = 55
_WRAP_WIDTH = (55, 80)


_RUNS_ON = lazy(r"\b(?:en|of|and|or|de|het|een|the|a|an|van|voor|for|met|with|to|naar|"
               r"in|op|on|at|bij|that|dat|die|weten|know|whether|if|af|wondering|is|are|"
               r"my|mijn|uw|your|jullie|our|onze|om|about|over|from|uit)$", re.IGNORECASE)
_CONTINUES = lazy(r"^(?:en|of|maar|and|or|but|dat|die|omdat|because|want|so|dus|zodat|"
                  r"which|who|that|than|dan)\b")


def _mend_lines(block: str, item: bool = False) -> str:
    """One paragraph's lines as one line, with a full stop where a line ended a sentence
    without one ("hoe lang bewaren jullie dat dan" / "Kan ik het ook laten ...").

    A paragraph wrapped at a margin (every line but the last long) runs on over its
    line ends unless a capital follows a short line or a sentence starter; in one typed
    line by line, a line end ends the sentence unless the line plainly runs on."""
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    margin = max((len(line) for line in lines), default=0)
    out = []
    for i, line in enumerate(lines):
        after = lines[i + 1] if i + 1 < len(lines) else ""
        if after and not re.search(r"[.!?:;,\-\u2013]$", line) and not _RUNS_ON.search(line):
            word = re.match(r"[A-Za-z]+", after)
            first = word.group(0) if word else ""
            # a mail program breaks a line only where the next word would not fit
            # within the paragraph's margin; a break before a word that would, was typed
            fits = len(line) + 1 + len(after.split()[0]) <= margin
            if _WRAP_WIDTH[0] <= len(line) <= _WRAP_WIDTH[1] and not item and \
                    not re.search(r"\d$", line) and not fits:
                # up to a mail program's margin: most likely wrapped there (not a list
                # item, one line each, nor a line ending in a number or a time)
                ends = first[:1].isupper() and (len(line) < _SHORT_LINE or
                                                first.lower() in _STARTERS)
            else:
                ends = first[:1].isupper() or first in _STARTERS
            if ends:
                line += "\u2063"   # a mark only this module reads: a sentence ends here
        out.append(line)
    return " ".join(out)


# A direct question run on after a clause without a stop ("How can I opt out of
# Leadinfo tracking me where do I complain?", "ik kan het knopje niet vinden hoe kan
# ik me afmelden"): the verb before its subject marks it, where an embedded question
# keeps the subject first ("I wonder where I can complain", "weet u waar ik kan ...").
_RUN_ON = lazy(
    r"(?<=[a-z0-9])\s+(?=(?:where|how|what|when|why|which|who|waar|hoe|wat|wanneer|waarom|"
    r"welke|wie)(?:\s+[a-z]+){0,2}?\s+(?:do|does|did|can|could|should|would|will|is|are|"
    r"may|must|kan|kun|kunt|kunnen|moet|moeten|mag|mogen|doe|doen|doet|zijn|wordt|worden|"
    r"heb|hebt|heeft|hebben|zal|zullen|gaan|gaat|bewaren|gebruiken|delen)\s+(?:I|i|you|we|"
    r"they|it|my|your|the|our|ik|je|jij|u|jullie|wij|ze|zij|het|mijn|de|uw)\b)")
_EMBEDS = frozenset("""know knows knew wonder wondering wondered ask asking asked tell telling
explain understand sure idea clear see check find out about on of is
was whether weten weet vraag vragen vroeg af uitleggen uitleg vertellen vertel snap begrijp
begrijpen duidelijk benieuwd zeker zien nagaan over of is was welk en and or in op met voor
aan van bij naar uit to for with on at from by""".split())
_TELL = frozenset("""tell show ask explain remind let inform advise vertel vertellen laat
laten zeg zeggen uitleggen informeren""".split())


def _mend_starts(block: str) -> str:
    """A full stop where a sentence starter follows a word without one, or a direct
    question runs on after a clause."""
    def mark(match: re.Match) -> str:
        if match.group(1).lower() in _STARTERS or \
                _PREPOSITION_QUESTION.match(block[match.end():]):
            return "\u2063 "
        return match.group(0)

    def run_on(match: re.Match) -> str:
        before = re.findall(r"[a-z]+", block[max(0, match.start() - 30):match.start()].lower())
        if len(before) < 3 or before[-1] in _EMBEDS or (
                before[-1] in ("me", "us", "mij", "ons") and before[-2] in _TELL):
            return match.group(0)
        return "\u2063 "
    return _RUN_ON.sub(run_on, _STARTER_GAP.sub(mark, block))


_ITEM = r"(?:[-*•]|\d{1,2}[.)]|\(?[a-z]\)|[a-z]\.|\(\d{1,2}\))"


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``: cut after ``.``, ``!``, ``?`` (not in abbreviations, web or
    mail addresses, numbers), at line breaks between paragraphs or list items, and where
    a sentence plainly ended without a stop (a short line above a capital, a question
    word written with a capital in mid-line)."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*" + _ITEM + r"\s)", text):
        item = re.match(r"^\s*" + _ITEM + r"\s+", block)
        if item:
            block = block[item.end():]   # a list item's number or bullet
        block = _mend_starts(_mend_lines(block, item=bool(item)))
        block = " ".join(block.split())
        if not block:
            continue
        start = 0
        for match in re.finditer(r"[.!?]+(?=\s+|$)|\u2063", block):
            end = match.end()
            piece = block[start:end]
            if match.group(0) == "." and _ABBREV.search(piece):
                continue
            if piece.strip():
                out.append(piece.strip())
            start = end
        if block[start:].strip():
            out.append(block[start:].strip())
    out = [s.replace("\u2063", "").strip() for s in out]
    return [re.sub(r"^" + _ITEM + r"\s+", "", s) for s in out if re.search(r"\w", s)]


_CONNECTOR = (r"^\s*(?:(?:en|and|maar|but|also|ook|verder|daarnaast|bovendien|so|dus|"
              r"tenslotte|finally|oh|ok|okay|oke|nou|dan)[,:;\s]+)*")
# Dutch puts the verb first in a yes/no question ("Blijft mijn adres bewaard?",
# "Staan uw servers in Nederland?"): a verb-like word, then a subject.
_DUTCH_V1 = lazy(
    _CONNECTOR + r"(?P<verb>[a-z]+(?:t|en|d))\s+(?:ik|je|jij|u|jullie|we|wij|ze|zij|hij|"
    r"het|de|dit|dat|deze|die|er|mijn|mn|m'n|uw|jouw|jullie|onze|ons|alle|al|iemand|"
    r"software|mensen|klanten)\b", re.IGNORECASE)
_NOT_VERBS = frozenset("""morgen tegen boven binnen buiten zonder toen misschien eigenlijk net
niet wel toch gisteren straks sinds want omdat tot met dat wat eerst laatst echt alleen
even soms vandaag verleden volgens namens tijdens vanaf dankzij bovendien daarnaast hierbij
graag helaas inmiddels ondertussen overigens zojuist onlangs vorige afgelopen volgende
geleden eerlijk gezegd ten kort""".split())


_ANNOUNCE = lazy(
    r"^\s*(?:(?:mijn|onze|de|een|nog\s+een|another|my|our|one\s+more|a|the|quick|korte|"
    r"kleine|eerste|tweede|laatste|first|second|last|other|andere)\s+)*"
    r"(?:vraag(?:je)?|vragen|question|questions|query)\s*(?:is|was|zijn|luidt|would be)?\s*"
    r"(?:[:\-\u2013]|\s(?=(?:of|hoe|wat|waar|wanneer|welk\w*|waarom|whether|if|how|what|"
    r"where|when|which|why|who|wie)\b))",
    re.IGNORECASE)


_QUESTION_WORDS = ("what", "where", "which", "when", "how", "who", "why", "wat", "waar",
                   "welke", "wanneer", "hoe", "wie", "waarom", "hoeveel", "hoelang")


def _slipped_question_word(sentence: str) -> bool:
    """The first word is a slip of a question word ("wht data do u collect", "hwo long",
    "waneer"): no word of either language, one letter off."""
    first = re.match(r"\s*([A-Za-z]{3,8})\b", sentence)
    if not first:
        return False
    word = first.group(1).lower()
    if word in _QUESTION_WORDS:
        return False
    from rapidfuzz.distance import OSA

    from privacy_kb import lexicon

    if not any(OSA.distance(word, q) <= 1 for q in _QUESTION_WORDS):
        return False
    return lexicon.zipf(word) < 3.0


# A few words and a comma before the question ("Just curious, what ...", "Uit
# nieuwsgierigheid, hoe lang ...", "By the way, do you ...").
_SHORT_LEAD = lazy(r"^\s*[^,?.!:;]{2,30},\s*")
# A question word after a preposition ("Op welke grondslag ...", "Met wie delen
# jullie ...", "For what purposes ...", "In which cases ...").
_PREPOSITION_QUESTION = lazy(
    r"^\s*(?:(?:en|and|ook|also)[,\s]+)?(?:op|met|voor|in|aan|van|bij|naar|tot|uit|onder|om|"
    r"vanaf|sinds|for|with|on|to|at|from|under|by|about|of|since|until)\s+(?:welke|welk|wat|wie|"
    r"hoeveel|hoelang|which|what|whom|who|how\s+(?:long|many|much))\b", re.IGNORECASE)
# A clause in front of the question ("Als ik me afmeld, blijft ...", "If I unsubscribe,
# do you ..."): the question starts after its comma.
_SUBORDINATE = lazy(
    r"^\s*(?:als|wanneer|indien|zodra|nu|stel\s+dat|aangezien|omdat|nadat|voordat|"
    r"if|when|once|in\s+case|suppose|since|given\s+that|because|after|before|now\s+that)"
    r"\b[^,?]{3,120},\s*", re.IGNORECASE)


# A sentence that counts the questions to come ("I need to understand two things.", "Ik
# heb een paar vragen.", "We have some questions about your statement.").
_COUNTS_QUESTIONS = lazy(
    r"\b(?:have|has|need\s+to\s+(?:understand|know|check|clarify)|(?:like|want)\s+to\s+"
    r"(?:know|ask|understand|check)|heb|hebben|wil|willen|zou|graag|stel|stellen)\b"
    r"(?:\s+\w+){0,4}?\s+"
    r"(?:two|three|four|a\s+few|a\s+couple\s+of|several|some|a\s+number\s+of|twee|drie|"
    r"vier|een\s+paar|enkele|een\s+aantal|meerdere)\s+(?:\w+\s+)?(?:things|questions|"
    r"points|matters|issues|dingen|vragen|vraagjes|punten|zaken)\s*(?:(?:about|on|regarding|"
    r"over|omtrent|met\s+betrekking\s+tot|answered|beantwoord|clarified|opgehelderd)\b.{0,80})?"
    r"[.!]?\s*$", re.IGNORECASE)


def is_question(sentence: str) -> bool:
    """True when ``sentence`` asks something: ``?``, a question word or verb first, or an
    indirect question ("ik vroeg me af of ...", "I'd like to know ..."), also after a
    lead-in that announces it ("Mijn vraag is: ...", "Quick question: ...")."""
    s = sentence.strip()
    if s.endswith("?"):
        return True
    if _COUNTS_QUESTIONS.search(s) and not s.endswith(":"):
        return False   # "I need to understand two things.": what follows asks them
    announced = _ANNOUNCE.match(s)
    if announced and len(s[announced.end():].split()) >= 3:
        return True
    if s.endswith("!"):
        return bool(_INDIRECT.search(s))
    if len(s.split()) <= 8 and _SHORT_PLEASE.match(s):
        return True
    if s.endswith(".") and (_DUTCH_VERB_FIRST.match(s) or _WHEN_CLAUSE.match(s)) and \
            not _INDIRECT.search(s):
        return False
    if _QUESTION_START.match(s) or _INDIRECT.search(s) or _slipped_question_word(s) or \
            _PREPOSITION_QUESTION.match(s):
        return True
    pieces = _LEAD_IN.split(s, maxsplit=1)
    if len(pieces) == 2 and len(pieces[1].split()) >= 3 and is_question(pieces[1]):
        return True   # "For a training slide I'm putting together: does your ..."
    lead = _SUBORDINATE.match(s) or _SHORT_LEAD.match(s)
    if lead and not _WH_THEN_SUBJECT.match(s[lead.end():]) and (
            _QUESTION_START.match(s[lead.end():]) or _DUTCH_V1.match(s[lead.end():])):
        return True   # "Als hij niet wordt aangenomen, hoe lang blijft zijn cv ...",
        # "Just curious, what exactly is ..."
    if _asks_after_comma(s):
        return True
    v1 = _DUTCH_V1.match(s)
    return bool(v1) and v1.group("verb").lower() not in _NOT_VERBS


# A subject right after a question word: a relative or embedded clause (", waar ik blij
# mee ben", ", what I mean"), not a direct question (", waar zit dat bedrijf").
_WH_THEN_SUBJECT = lazy(
    r"^\s*(?:(?:en|and|maar|but|of|or)\s+)?(?:wat|wie|waar\w*|wanneer|hoe|welk\w*|waarom|"
    r"what|who|where|when|why|how|which)\s+(?:ik|je|jij|u|jullie|we|wij|ze|zij|hij|men|"
    r"i|you|we|they|he|she|it|there)\b", re.IGNORECASE)


def _asks_after_comma(sentence: str) -> bool:
    """A sentence left without a stop whose last clause is a direct question ("Mijn
    kleinzoon zegt dat ik cookies kan weigeren, maar doet uw website het dan nog wel
    gewoon", "ik heb per ongeluk alles geaccepteerd, kan ik dat nog terugdraaien"):
    the question mark was left out, not the question."""
    if re.search(r"[.!;:]\s*$", sentence) or "," not in sentence:
        return False
    tail = sentence.rsplit(",", 1)[1]
    if len(tail.split()) < 3 or _WH_THEN_SUBJECT.match(tail):
        return False
    if _QUESTION_START.match(tail):
        return True
    v1 = _DUTCH_V1.match(tail)
    return bool(v1) and v1.group("verb").lower() not in _NOT_VERBS


_CLAUSE = lazy(
    r",?\s+(?:en|and|maar|but|plus)\s+(?=(?:ook\s+|also\s+)?(?:(?:on|in|for|to|with|under|"
    r"op|voor|met|naar|van|om|onder|tot|uit)\s+)?(?:wie|wat|waar\w*|wanneer|hoe\w*|"
    r"welk\w*|waarom|hoeveel|who|what|where|when|why|how|which|whether|is|are|do|does|can|"
    r"could|will|would|may|kan|kunt|mag|mogen|moet|worden|wordt|zijn|blijft|blijven|"
    r"staan|staat|bewaren|gebruiken|delen|verkopen)\b)", re.IGNORECASE)


_LEAD_IN = lazy(r"\s[-\u2013\u2014]\s|[:;]\s")


_PREP_QUESTION = lazy(r"^\s*(?:\w+\s+){0,2}?(?:welke|welk|wat|wie|waar\w*|hoe\w*|which|what|"
                     r"whom|who|where|how)\b", re.IGNORECASE)


def _asks(head: str) -> bool:
    """``head`` asks something, or what follows its lead-in does ("Nog een vraagje:
    welke gegevens ...", "Your statement refers to X - which entities ..."), or a
    question word stands after a preposition ("met welke derden u deze deelt")."""
    return is_question(head) or bool(_PREP_QUESTION.match(head)) or any(
        is_question(piece) for piece in _LEAD_IN.split(head)[1:] if len(piece.split()) >= 3)


def split_clauses(sentence: str) -> list[str]:
    """A sentence that asks two things, cut in two ("Welke cookies plaatsen jullie, en
    hoe lang wordt de Hotjar-cookie bewaard?", "... and on what legal basis?"): the first
    half is a question of at least three words, the second starts with a question word."""
    pieces = []
    start = 0
    for match in _CLAUSE.finditer(sentence):
        head, tail = sentence[start:match.start()], sentence[match.end():]
        if len(head.split()) >= 3 and tail.strip(" ?.!") and _asks(head) \
                and not start:
            pieces.append(head.strip(" ,"))
            start = match.end()
    pieces.append(sentence[start:].strip(" ,"))
    return [p for p in pieces if p]


def _lead_in(sentence: str) -> tuple[str, str]:
    """("lead-in", "question") when ``sentence`` puts a question of three words or more
    after a colon or a dash ("Ik ben benieuwd: wat ...?", "Quick one - does ...?") and
    the lead-in itself names nothing asked; else ("", sentence)."""
    pieces = _LEAD_IN.split(sentence, maxsplit=1)
    if len(pieces) < 2:
        return "", sentence
    head, tail = pieces[0].strip(), pieces[1].strip()
    if len(tail.split()) < 3 or not is_question(tail) or len(head.split()) > 12 or (
            is_question(head) and not _ANNOUNCE.match(head + ":")
            and not _INDIRECT.search(head)):
        return "", sentence
    return head, tail


def split_lead_ins(sentences: list[str]) -> list[str]:
    """``sentences`` with a lead-in before a question cut off it ("Kort gezegd: waar kan
    ik een klacht indienen?" -> "Kort gezegd", "waar kan ik een klacht indienen?"): what
    the lead-in says and what the question asks are told apart."""
    out = []
    for sentence in sentences:
        lead, tail = _lead_in(sentence)
        out += [lead, tail] if lead else [sentence]
    return out


def _merely_announced(sentence: str) -> bool:
    """``sentence`` asks only because a lead-in announces a question ("Quick question:
    my daughter applied last month."): what follows the lead-in is a statement."""
    s = sentence.strip()
    announced = _ANNOUNCE.match(s)
    return bool(announced) and s.endswith(".") and not is_question(s[announced.end():])


_POINTS_BACK = lazy(r"\b(?:hij|zij|ze|het|dat|dit|die|deze|daar\w*|hier\w*|it|its|that|this|"
                   r"these|those|they|them)\b", re.IGNORECASE)


def read_message(text: str, *, is_request=None) -> Message:
    """Read ``text`` (a chat question or a pasted e-mail).

    ``is_request``: optional callable sentence -> bool; sentences it accepts count as
    asking something too ("Verwijder mijn gegevens.").
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    all_lines, subject = _strip_headers(text.split("\n"))
    lines = _strip_quoted(all_lines)
    quoted = _quoted(all_lines)
    text = _strip_disclaimers("\n".join(lines).strip()).strip()
    body, name = _split_signature(text)
    body, greeting = _strip_greeting(body.strip())
    kept = [line for line in body.split("\n") if not _is_contact_line(line)]
    # A name alone on the last line, under no sign-off ("Jan"), is a signature too; so
    # is a last paragraph of short lines that starts with a name ("Jan de Vries" /
    # "Inkoper" / "Gemeente Zwolle").
    while kept and not kept[-1].strip():
        kept.pop()
    block = _signature_block(kept)
    if block:
        name = name or kept[-block].strip(",.; ")
        del kept[-block:]
    elif len(kept) > 1 and _looks_like_name(kept[-1]) and len(kept[-1].split()) <= 4:
        name = name or kept[-1].strip(",.; ")
        kept.pop()
    body = "\n".join(kept).strip()
    sentences, listed = [], set()
    for paragraph in re.split(r"\n\s*\n", body):
        lead_in = False
        for sentence in split_sentences(paragraph):
            if is_pleasantry(sentence):
                continue
            if lead_in:
                listed.add(len(sentences))   # an item under "Kunt u mij laten weten:"
            elif sentence.rstrip().endswith(":") and (
                    is_question(sentence) or bool(is_request and is_request(sentence))):
                lead_in = True
                listed.add(-1 - len(sentences))   # the lead-in itself: context
            sentences.append(sentence)
    questions: list[Question] = []
    context: list[str] = []
    request_said = ""
    for number, sentence in enumerate(sentences):
        if -1 - number in listed:
            context.append(sentence)
            continue
        asking = number in listed or is_question(sentence)
        if asking and _merely_announced(sentence) and number + 1 < len(sentences) and \
                is_question(sentences[number + 1]):
            # "Quick question: my daughter applied last month. How long do you keep
            # her CV?": the lead-in announces the question that follows; the sentence
            # it stands before tells what it is about
            asking = False
        if asking or (is_request and is_request(sentence)):
            lead, tail = _lead_in(sentence)
            if lead:
                # "Ik ben eigenlijk gewoon benieuwd: wat doen jullie ...?": the question
                # is what follows; the lead-in says why it is asked
                context.append(lead)
                sentence = tail
            clauses = split_clauses(sentence)
            if request_said and not context and _POINTS_BACK.search(sentence):
                # "Ik wil een klacht indienen: jullie tabel zegt dat _li_id ... Hoe lang
                # hoort hij te blijven?": the request says what "hij" is
                context, request_said = [request_said], ""
            if not asking:
                request_said = sentence
            questions.append(Question(clauses[0], " ".join(context)))
            for clause in clauses[1:]:
                questions.append(Question(clause, f"{' '.join(context)} {clauses[0]}".strip(),
                                          joined=True))
            # A request says what it is about ("Ik wil een klacht indienen: jullie tabel
            # zegt dat _li_id ..."): context for the question after it, too.
            context = []
        else:
            context.append(sentence)
    if not questions and sentences:
        questions = [Question(" ".join(sentences))]
    elif context and questions:
        # Statements after the last question ("Het gaat om mijn cv.") still tell
        # what it is about.
        last = questions[-1]
        questions[-1] = Question(last.text, f"{last.context} {' '.join(context)}".strip(),
                                 joined=last.joined)
    is_letter = bool(greeting or name or "\n" in text.strip())
    return Message(body=body, sentences=sentences, questions=questions, greeting=greeting,
                   name=name, is_letter=is_letter, quoted=quoted, subject=subject)
