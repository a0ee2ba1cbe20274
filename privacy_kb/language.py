"""Language detection and text normalisation for matching (Dutch and English).

``normalise`` turns a question into canonical tokens: lower case, accents and
punctuation gone, stop words dropped, light stemming, and domain synonyms folded to
one canonical token shared by both languages ("delete", "wissen" and "verwijderen" all
become ``verwijder``), so a question can match a variant written in either language.
It is idempotent: ``normalise(normalise(x)) == normalise(x)``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from privacy_kb.lazyre import lazy

# Stop words: function words that carry no topic. Question words that do carry
# meaning for this FAQ ("hoelang", "waarom") are kept or mapped to a synonym below.
STOP_NL = frozenset("""
de het een en of maar dat die dit deze der des den van voor met op in aan bij uit om
naar tot over onder door als dan ook nog al wel niet geen zo er hier daar
ik mij me mijn je jij jou jouw u uw we wij ons onze jullie hun hen zij ze
hij zijn haar is ben bent was waren wordt worden werd word heeft hebben heb hebt had
kan kun kunt kunnen kon zou zouden zal zullen moet moeten mag mogen wil wilt willen
gaat gaan doe doet doen dus nu even graag eigenlijk gewoon iets alle alles elk elke
iemand men toch want omdat zodat hallo hoi hey
beste goedemorgen goedemiddag bedankt dank alvast vraag vragen weten zeg zeggen
precies ergens erg heel veel weinig meer minder mogelijk mn m'n zn z'n t 't s
te zon steeds altijd nooit telkens weer alweer echt nou hoor krijg krijgt krijgen kreeg
eens zomaar allemaal dingen ding zit zitten
""".split())

STOP_EN = frozenset("""
the a an and or but that this these those of for with on in at by from to into about
as than then also still not no so there here i me my mine
you your yours we us our ours they them their he him his she her it its is am are was
were be been being has have had do does did can could would will shall should may might
must want wants wanted wanna like please pls plz hi hello hey dear thanks thank just
any anything all some something anyone someone much many more less very really
if does doesnt dont im ive id know tell ask question get got
always never ever again now still yet really actually getting gets thing things
kind sort lot lots one
s t
""".split())

# Words that tell the languages apart (stop words plus frequent content words).
_NL_MARKERS = STOP_NL | frozenset(
    "wat wie welk welke waar waarom wanneer hoe hoeveel waarvoor "
    "gegevens persoonsgegevens bewaren bewaartermijn verwijderen nieuwsbrief klacht "
    "afmelden inzage wissen solliciteren sollicitatie jullie welke waarom hoelang lang "
    "opvragen verzoek recht rechten delen derden beveiliging wijzigen aanpassen".split()
)
_EN_MARKERS = STOP_EN | frozenset(
    "what whats who which where why when how hows often "
    "data personal keep store delete remove newsletter complaint unsubscribe access "
    "erase erasure application apply job right rights share sharing third parties "
    "security change long copy request".split()
)
# Words spelled the same in both languages do not vote.
_AMBIGUOUS = frozenset("in is we me op of die data cookie cookies recht".split()) | (
    _NL_MARKERS & _EN_MARKERS
)

# Domain synonyms: every word in a group becomes the group's first word (after stemming).
_SYNONYM_GROUPS = [
    # Question words tell apart "which data", "why", "how long", "who", "where", "when".
    "welk welke which",
    "wat what whats",
    "waarom why waarvoor purpose doel doeleinden reason",
    "wie who whom",
    "waar where",
    "wanneer when",
    "hoe how hows",
    "hoeveel often vaak frequency frequentie",
    "verwijder verwijderen verwijdert wis wissen gewist wist weghalen weg vergeten delete "
    "deleted deleting erase erased erasing erasure remove removed removing gegevenswissing "
    "verwijdering forget forgotten wipe purge purged",
    "inzage inzien inzagerecht opvragen access copy kopie",
    "rectificatie rectify rectification correct correctie corrigeren corrigeer corrigeert "
    "verbeteren verbeter verbetert herstellen herstel onjuist onjuiste incorrect wrong fout "
    "bijwerken bijgewerkt actualiseren "
    "foute inaccurate",
    "beperking beperken beperk restrict restriction limit limiting",
    "portabiliteit dataportabiliteit overdragen overdracht portability portable transfer "
    "export meenemen",
    "bezwaar object objection verzet verzetten oppose",
    "klacht klachten complaint complain complaints klagen ontevreden unhappy",
    "bewaar bewaren bewaard bewaart bewaartermijn bewaartermijnen retention retain "
    "retained keep kept store stored storing opslaan opgeslagen houden",
    "duur hoelang lang long duration period periode termijn",
    "nieuwsbrief nieuwsbrieven newsletter newsletters mailing maillijst mailinglist",
    "afmelden uitschrijven afmeldlink unsubscribe opzeggen opzegging cancel uitschrijving "
    "signoff",
    "aanmelden abonneren inschrijven subscribe signup abonnement subscription",
    "sollicitatie sollicitaties solliciteren sollicitant application applications apply "
    "applying applicant cv resume vacature vacancy job baan",
    "gegevens persoonsgegevens data info informatie information details personal "
    "personaldata",
    "delen gedeeld deel share shared sharing doorgeven verstrekken",
    "verkopen verkoop verkocht verkoopt sell selling sold sells",
    "stop stoppen stopt stopzetten beeindigen halt",
    "derde derden third thirdparty thirdparties partijen parties partners",
    "beveiliging beveiligd beveiligen security secure safe veilig veiligheid protect "
    "protected protection",
    "cookie cookies koekje koekjes",
    "toestemming consent permission",
    "grondslag basis legal lawful rechtsgrond gerechtvaardigd legitimate belang interest",
    # training a model is not a training course
    "train trainen traint getraind trained trains",
    "training trainingen trainings workshop workshops cursus course courses instituut institute",
    "formulier formulieren form forms downloadformulier contactformulier",
    "contact contactgegevens bereiken reach contacteren contactdetails",
    "email mail mailadres emailadres emailaddress",
    "telefoon telefoonnummer phone bellen call",
    "gebruik gebruiken gebruikt use used using",
    "website site webpagina websites",
    "klant klanten customer customers client clients klantrelatie",
    "kvk kvknummer handelsregister kamer koophandel chamber commerce",
    "wijziging wijzigingen wijzig wijzigen veranderen verandering changes change changed "
    "amend aanpassen aanpassing update updated",
    "recht rechten right rights",
    "verwerk verwerken verwerking verwerkt process processing processed",
    "blokkeerlijst blocklist blacklist suppression",
    "browser browsers chrome firefox safari edge",
    "blokkeer blokkeren uitschakelen uitzetten disable block blocking weigeren refuse reject",
    "voorkeur voorkeuren preferences preference settings instellingen instelling",
    "sociale social socialmedia media",
    "ipadres ip",
    "privacyverklaring privacyverklaringen verklaring statement policy privacybeleid "
    "privacystatement privacypolicy cookieverklaring cookiebeleid beleid",
    "verzamel verzamelen verzameld collect collected collecting gather",
    "nodig need needed noodzakelijk necessary essential",
    "aanbieding aanbiedingen offer offers reclame advertenties ads advertising promotie",
    "misbruik misuse abuse hack hacked lek datalek breach",
    "overeenkomst overeenkomsten agreement agreements contract contracten",
    "verzoek verzoeken request requests aanvraag",
    "ander andere anders other another",
    "werkt werken werking work works working functioneert",
    "bedrijf bedrijven company companies organisatie organisaties organisation "
    "organization firm",
    "bezoek bezoeken bezoeker bezoekers visit visits visitor visitors bezocht visited",
    "tijd time moment",
    "jaar jaren year years",
    "maand maanden month months maandelijks monthly",
    "week weken weeks",
    "dag dagen day days",
    "sessie session sessions",
    "melding meldingen banner banners popup popups cookiemelding cookiebanner notification "
    "notice balk",
    "vertrouwelijk vertrouwelijkheid confidential confidentially confidentiality discreet "
    "discretion prive private privately",
    "anoniem anonimiseren geanonimiseerd anonymous anonymise anonymised anonymize "
    "anonymized anonymisation anonymization pseudonimiseren gepseudonimiseerd pseudonymise "
    "pseudonymised pseudonymize pseudonymized",
    "adviseur adviseurs advisor advisors adviser advisers recruiter recruiters consultant "
    "consultants recruitment werving bureau buro wervingsbureau hr",
    "invullen ingevuld invul fill filled enter entered submit submitted",
    "download downloaden gedownload downloaded downloading whitepaper brochure",
    "zonder without",
    "screening screenen gescreend screen screened googelen googlen opzoeken checken "
    "background achtergrond",
    "wet wetten wettelijk wettelijke law laws legally statutory verplicht verplichting "
    "obliged obligation obligations required",
    "adres adressen address addresses postadres",
    "naam namen name names",
    "toegang unauthorised unauthorized onbevoegd onbevoegde",
    "firewall firewalls server servers",
    "knop knoppen button buttons icoon icon",
    "abonnees subscribers subscriber",
    "gevestigd vestiging kantoor kantoren office offices located",
    "eu eea eer europa europe europese european",
    "plaats plaatsen plaatst geplaatst plaatsing place placed places placing",
]


def _strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_APOSTROPHES = str.maketrans({"’": "", "‘": "", "'": "", "`": "", "´": ""})
_JOINERS = re.compile(r"(?<=\w)[-/](?=\w)")
_TOKEN = re.compile(r"_?[a-z0-9]+(?:_[a-z0-9]+)*")


# Phrases whose meaning a word-by-word reading loses: Dutch separable verbs ("schrijf
# me uit" is not "schrijf me in") and "no more ..." (a wish to stop). Each comes with
# words it cannot match without (tests/test_language.py checks them on the pattern's
# syntax tree): a text holding none of them is not searched, and most patterns are
# never even compiled.
_PHRASES = [
    # an e-mail address or a web address is one thing, not its pieces ("info", "nl")
    (("@",), lazy(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), " emailadres "),
    (("http", "www."), lazy(r"\b(?:https?://|www\.)[^\s]+"), " website "),
    (("schrij",),
     lazy(r"\b(?:schrijf|schrijft|schrijven)\s+(?:(?:me|mij|je|u|zich|ik|jullie|ons)\s+)?"
          r"(?:(?:nu|even|graag|maar)\s+)?(uit|in)\b"), r"\1schrijven"),
    (("meld",), lazy(r"\b(?:meld|meldt|melden)\s+(?:(?:me|mij|je|u|zich|ik|jullie|ons)\s+)?"
                     r"(?:(?:nu|even|graag|maar)\s+)?(af|aan)\b"), r"\1melden"),
    (("zeg",), lazy(r"\b(?:zeg|zegt|zeggen)\b((?:\s+\w+){0,3}?)\s+op\b"), r"opzeggen\1"),
    # separable verbs with "te": "over te dragen", "op te vragen", "in te zien"
    (("te",), lazy(r"\b(op|in|af|uit|over|door|weg|aan|mee|terug|toe)\s+te\s+([a-z]{3,})\b"),
     r"\1\2"),
    (("meer",), lazy(r"\b(?:geen|niet)\b((?:\s+\w+){0,4}?)\s+meer\b"), r"stop\1"),
    (("no more", "no longer", "not anymore", "never again"),
     lazy(r"\b(?:no more|no longer|not anymore|never again)\b"), "stop"),
    # sending data abroad is no transfer to oneself (portability)
    (("transfer",),
     lazy(r"\btransfer\w*(?=(?:\s+\w+){0,4}\s+(?:outside|abroad|overseas|buiten|"
          r"internationally|countr\w*|landen|land|united states|usa|us|america\w*|"
          r"amerika\w*|verenigde staten|china|india|uk|united kingdom|derde landen|eu|"
          r"europe|europa|eea|eer)\b)"),
     "doorgeven"),
    # outside the organisation is a third party, not abroad ("shared with anyone outside
    # Software Borg", "buiten jullie organisatie")
    (("outside", "buiten"),
     lazy(r"\b(?:outside|buiten)\s+(?:of\s+)?(?:software\s*borg|the\s+company|your\s+"
          r"(?:company|organi[sz]ation|firm)|de\s+organisatie|jullie(?:\s+organisatie)?|"
          r"uw\s+organisatie)\b"), "external"),
    # "is it correct that ...?" asks whether something is true, not for a correction
    (("correct", "right", "juist"),
     lazy(r"\b(is it|is that|is this|that'?s|klopt het|klopt dat) (correct|right|juist)\b"),
     r"\1 true"),
    # the form's kind tells contact from download form ("contactformulier")
    (("formulier",), lazy(r"\b(contact|download|aanmeld|inschrijf|sollicitatie)(formulier\w*)"),
     r"\1 \2"),
    # "the right address" is no right of the GDPR; "unauthorised access" no access request
    (("right ",), lazy(r"\bright (?=(?:address|person|people|place|department|team|way|email|"
                       r"e-mail|one|contact)\b)"), "proper "),
    ((" access",), lazy(r"\b(?:unauthori[sz]ed|unlawful|illegal|improper) access\b"),
     "unauthorised"),
]


def tokenize(text: str) -> list[str]:
    """Lower-case ASCII word tokens; hyphenated words are joined (``e-mail`` -> ``email``).

    Cookie names keep their underscores (``_li_id``); separable Dutch verbs are joined
    ("meld me af" -> ``afmelden``) and "geen ... meer" / "no more" become ``stop``.
    """
    return list(_tokenize(text))


@lru_cache(maxsize=4096)
def _tokenize(text: str) -> tuple[str, ...]:
    # tokenize, cached: the same text is tokenized by several steps of one answer.
    text = _strip_accents(text.lower()).translate(_APOSTROPHES)
    text = _JOINERS.sub("", text)
    for words, pattern, repl in _PHRASES:
        for word in words:
            if word in text:
                text = pattern.sub(repl, text)
                break
    return tuple(_TOKEN.findall(text))


_SUFFIXES = (
    # longest first; (suffix, replacement, minimal stem length)
    ("ingen", "", 4), ("ities", "ity", 4), ("ation", "", 5), ("ieren", "", 4),
    ("heden", "heid", 3), ("ing", "", 4), ("ies", "ie", 3),
    ("eren", "", 4), ("tjes", "", 3), ("tje", "", 3), ("en", "", 4), ("es", "", 4),
    ("ed", "", 4), ("ly", "", 5), ("s", "", 4),
)


_ANY_SUFFIX = tuple(suffix for suffix, _repl, _min in _SUFFIXES)


def _strip_suffix(token: str) -> str:
    if not token.endswith(_ANY_SUFFIX):
        return token   # (one test in C for the words with no suffix at all)
    for suffix, repl, min_stem in _SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= min_stem:
            return token[: len(token) - len(suffix)] + repl
    return token


def stem(token: str) -> str:
    """Light suffix stripping for Dutch and English; never below a short stem.

    One suffix at most, and only when the result has no strippable suffix left
    (``gegevens`` stays whole rather than becoming ``gegev``), which also makes
    ``stem`` idempotent.
    """
    if token.startswith("_") or token.isdigit() or len(token) <= 4:
        return token
    stripped = _strip_suffix(token)
    return stripped if _strip_suffix(stripped) == stripped else token


def _build_synonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in _SYNONYM_GROUPS:
        words = group.split()
        canon = words[0]
        for word in words:
            table.setdefault(word, canon)
            table.setdefault(stem(word), canon)
    return table


SYNONYMS = _build_synonyms()


@lru_cache(maxsize=65536)
def canonical(token: str) -> str | None:
    """Canonical form of one token, or None for a stop word.

    A synonym's group word, else the stem's group word, else the stem. Group words
    are stems of themselves, so the result is its own canonical form.
    """
    if token in STOP_NL or token in STOP_EN:
        return None
    canon = SYNONYMS.get(token)
    if canon is None:
        stemmed = stem(token)
        canon = SYNONYMS.get(stemmed, stemmed)
    # "questions" stems to "question", a stop word: then it is one too.
    return None if canon in STOP_NL or canon in STOP_EN else canon


# Question words: they tell apart entries on one topic but say nothing of the topic.
MODIFIERS = frozenset({"welk", "wat", "waarom", "wie", "waar", "wanneer", "hoe", "hoeveel",
                       "duur"})


def normalise_tokens(text: str) -> list[str]:
    """Canonical content tokens of ``text``, in order (duplicates kept)."""
    return list(_normalise_tokens(text))


@lru_cache(maxsize=4096)
def _normalise_tokens(text: str) -> tuple[str, ...]:
    out = []
    for tok in tokenize(text):
        canon = canonical(tok)
        if canon:
            out.append(canon)
    return tuple(out)


def normalise(text: str) -> str:
    """Canonical form of ``text`` for matching: canonical tokens joined by spaces.

    Examples
    --------
    >>> normalise("Hoe lang bewaren jullie mijn CV?")
    'duur bewaar sollicitatie'
    >>> normalise("How long do you keep my application?")
    'duur bewaar sollicitatie'
    """
    return " ".join(normalise_tokens(text))


def detect_language(text: str, lexicon: dict[str, str] | None = None) -> str | None:
    """``"nl"`` or ``"en"`` by counting marker words; ``None`` when undecided.

    ``lexicon`` (word -> language, e.g. learnt from a FAQ's variants) adds votes for
    words the built-in lists do not know. Returns ``None`` when neither language has
    more votes, so that the caller can break the tie (the language of the
    best-matching FAQ variant, else Dutch).
    """
    nl = en = 0.0
    unplaced: list[str] = []
    for tok in tokenize(text):
        if tok in _AMBIGUOUS:
            continue
        if lexicon and tok not in _NL_MARKERS and tok not in _EN_MARKERS and tok in lexicon:
            if lexicon[tok] == "nl":
                nl += 1
            else:
                en += 1
        elif tok in _NL_MARKERS:
            nl += 1
        elif tok in _EN_MARKERS:
            en += 1
        elif tok.endswith(("ij", "sch", "heid", "lijk", "tje")) or "ij" in tok:
            nl += 0.5
        elif tok.endswith(("tion", "ing", "ly", "ness")) or tok.startswith(("wh", "th")):
            en += 0.5
        elif len(tok) >= 4 and tok.isalpha():
            unplaced.append(tok)
    if nl == en and unplaced:
        # Undecided by the marker words: the language lists decide ("_li_ses cookie
        # betekenis"). Only now, as loading them costs a cold start some time.
        from privacy_kb import lexicon as word_lists

        for tok in unplaced:
            lang = word_lists.language_of(tok)
            nl += lang == "nl"
            en += lang == "en"
    if nl > en:
        return "nl"
    if en > nl:
        return "en"
    return None
