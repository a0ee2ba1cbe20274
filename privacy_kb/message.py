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
    r"(?:^|(?<=[\s.!,]))(?:met\s+(?:vriendelijke|hartelijke|beste|collegiale)\s+groet(?:en)?|"
    r"vriendelijke\s+groet(?:en)?|hartelijke\s+groet(?:en)?|(?:veel\s+)?groet(?:en|jes)?|"
    r"mvg|m\.v\.g\.?|gr\.?|"
    r"(?:with\s+)?(?:kind|best|warm|many\s+thanks\s+and)\s+regards|regards|"
    r"(?:yours\s+)?(?:sincerely|faithfully|truly)(?:\s+yours)?|best\s+wishes|cheers|"
    r"all\s+the\s+best|hoogachtend)\b\s*[,.!]?\s*"
    r"|(?:^|(?<=[\s.!]))(?:best|thanks|thank\s+you|thx|tx|ty|cheers|bedankt|dank\s+je(?:\s+wel)?|"
    r"dankjewel|dank\s+u(?:\s+wel)?|alvast\s+bedankt|thanks\s+in\s+advance|"
    r"many\s+thanks|groetjes|gr)\s*[,.!]?\s*(?=\n|$)",
    re.IGNORECASE)

_QUOTE_START = lazy(
    r"^\s*(?:-{2,}\s*(?:original message|oorspronkelijk bericht|forwarded message|"
    r"doorgestuurd bericht)\s*-{2,}"
    r"|(?:on|op)\s.{4,120}\s(?:wrote|schreef)\s*.{0,80}:\s*$"
    r"|(?:from|van|sent|verzonden|date|datum)\s*:\s*\S.*$)",
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
    r"niet\s+zeker\s+(?:of|hoe|wat))\b",
    re.IGNORECASE)


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


def _strip_quoted(lines: list[str]) -> list[str]:
    kept = []
    for line in lines:
        if _QUOTE_START.match(line):
            break   # everything below is the earlier mail
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return kept


def _quoted(lines: list[str]) -> str:
    """The earlier mail quoted in a reply (what :func:`_strip_quoted` leaves out), as
    one line of text without its headers or mail addresses."""
    out, below = [], False
    for line in lines:
        if _QUOTE_START.match(line):
            below = True
            continue
        if below or line.lstrip().startswith(">"):
            out.append(line.strip().lstrip("> "))
    return " ".join(_EMAIL.sub(" ", " ".join(out)).split())


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


def _split_signature(text: str) -> tuple[str, str]:
    """(body, signed name): cut at the last sign-off that ends the message's text."""
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


def _strip_greeting(text: str) -> tuple[str, str]:
    match = _GREETING.match(text)
    if not match:
        return text, ""
    greeting = match.group(0)
    rest = text[match.end():]
    if greeting.rstrip(" \t")[-1:] not in (",", "!", ":", "\n"):
        # "Hallo ik heb een vraag": only the greeting word goes.
        word = re.match(r"\s*\S+(?:\s+(?:morning|afternoon|evening))?", text)
        return text[word.end():], word.group(0).strip()
    return rest, greeting.strip(" ,!:\n")


_ABBREV = lazy(r"\b(?:bijv|bv|o\.a|i\.e|e\.g|etc|ca|nr|tel|dhr|mevr|mr|mrs|ms|dr|"
                     r"ir|drs|mw|st|vs|incl|excl|resp|z\.s\.m|a\.u\.b|s\.v\.p)\.$",
                     re.IGNORECASE)


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``: cut after ``.``, ``!``, ``?`` (not in abbreviations, web or
    mail addresses, numbers) and at line breaks between paragraphs or list items."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)", text):
        block = " ".join(block.split())
        if not block:
            continue
        start = 0
        for match in re.finditer(r"[.!?]+(?=\s+|$)", block):
            end = match.end()
            piece = block[start:end]
            if match.group(0) == "." and _ABBREV.search(piece):
                continue
            if piece.strip():
                out.append(piece.strip())
            start = end
        if block[start:].strip():
            out.append(block[start:].strip())
    return [re.sub(r"^(?:[-*•]|\d+[.)])\s+", "", s) for s in out if re.search(r"\w", s)]


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


def is_question(sentence: str) -> bool:
    """True when ``sentence`` asks something: ``?``, a question word or verb first, or an
    indirect question ("ik vroeg me af of ...", "I'd like to know ...")."""
    s = sentence.strip()
    if s.endswith("?"):
        return True
    if s.endswith("!"):
        return bool(_INDIRECT.search(s))
    if _QUESTION_START.match(s) or _INDIRECT.search(s):
        return True
    v1 = _DUTCH_V1.match(s)
    return bool(v1) and v1.group("verb").lower() not in _NOT_VERBS


_CLAUSE = lazy(
    r",?\s+(?:en|and|maar|but|plus)\s+(?=(?:ook\s+|also\s+)?(?:(?:on|in|for|to|with|under|"
    r"op|voor|met|naar|van|om|onder|tot|uit)\s+)?(?:wie|wat|waar\w*|wanneer|hoe\w*|"
    r"welk\w*|waarom|hoeveel|who|what|where|when|why|how|which|whether|is|are|do|does|can|"
    r"could|will|would|may|kan|kunt|mag|mogen|moet|worden|wordt|zijn|blijft|blijven|"
    r"staan|staat|bewaren|gebruiken|delen|verkopen)\b)", re.IGNORECASE)


_LEAD_IN = lazy(r"\s[-\u2013\u2014]\s|[:;]\s")


def _asks(head: str) -> bool:
    """``head`` asks something, or what follows its lead-in does ("Nog een vraagje:
    welke gegevens ...", "Your statement refers to X - which entities ...")."""
    return is_question(head) or any(is_question(piece) for piece in _LEAD_IN.split(head)[1:]
                                    if len(piece.split()) >= 3)


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


def read_message(text: str, *, is_request=None) -> Message:
    """Read ``text`` (a chat question or a pasted e-mail).

    ``is_request``: optional callable sentence -> bool; sentences it accepts count as
    asking something too ("Verwijder mijn gegevens.").
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    all_lines = text.split("\n")
    lines = _strip_quoted(all_lines)
    quoted = _quoted(all_lines)
    text = "\n".join(lines).strip()
    body, name = _split_signature(text)
    body, greeting = _strip_greeting(body.strip())
    kept = [line for line in body.split("\n") if not _is_contact_line(line)]
    # A name alone on the last line, under no sign-off ("Jan"), is a signature too.
    while kept and not kept[-1].strip():
        kept.pop()
    if len(kept) > 1 and _looks_like_name(kept[-1]) and len(kept[-1].split()) <= 4:
        name = name or kept[-1].strip(",.; ")
        kept.pop()
    body = "\n".join(kept).strip()
    sentences = split_sentences(body)
    questions: list[Question] = []
    context: list[str] = []
    for sentence in sentences:
        asks = is_question(sentence) or bool(is_request and is_request(sentence))
        if asks:
            clauses = split_clauses(sentence)
            questions.append(Question(clauses[0], " ".join(context)))
            for clause in clauses[1:]:
                questions.append(Question(clause, f"{' '.join(context)} {clauses[0]}".strip(),
                                          joined=True))
            context = []
        else:
            context.append(sentence)
    if not questions and sentences:
        questions = [Question(" ".join(sentences))]
    elif context and questions:
        # Statements after the last question ("Het gaat om mijn cv.") still tell
        # what it is about.
        last = questions[-1]
        questions[-1] = Question(last.text, f"{last.context} {' '.join(context)}".strip())
    is_letter = bool(greeting or name or "\n" in text.strip())
    return Message(body=body, sentences=sentences, questions=questions, greeting=greeting,
                   name=name, is_letter=is_letter, quoted=quoted)
