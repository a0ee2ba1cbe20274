"""Recognise when someone is making a rights request or a complaint.

Two signals, both needed: *what* (a right's topic: deleting, a copy of one's data,
correcting, restricting, transferring, objecting, complaining) and *that the person
asks for it* (first person and a wish, an imperative, "please"). "Wat is het recht op
inzage?" has the topic but no request; "ik wil weten hoe lang jullie mijn cv bewaren"
has a wish but no right: neither is a request.
"""

from __future__ import annotations

import re
from functools import lru_cache

from privacy_kb import prefilter
from privacy_kb.language import _strip_accents, normalise_tokens
from privacy_kb.lazyre import lazy

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

# Anger at how one was treated: a complaint even when the word is not used.
_ANGRY = (r"\b(woedend|kwaad|boos|razend|schandalig|schandelijk|belachelijk|onacceptabel|"
          r"onaanvaardbaar|te gek voor woorden|walgelijk|ik pik het niet|ik ben het zat|"
          r"ik ben er klaar mee|dit kan niet|hoe durven jullie|"
          r"furious|outraged|outrageous|disgraceful|disgusting|appalling|unacceptable|"
          r"ridiculous|angry|livid|fed up|sick of|how dare you|this is not ok(ay)?|"
          r"formal complaint|formele klacht|officiele klacht)\b")

# Phrases that name a topic without its usual word (matched on lower-case ASCII text).
_TOPIC_PHRASES = [
    ("access", r"\b(welke|wat voor|wat) (persoons)?gegevens\b.*\b(van mij|over mij|mij)\b"),
    ("access", r"\b(what|which) (personal )?(data|information|info)\b.*\b(on|about|of) me\b"),
    ("access", r"\b(stuur|send|give|geef|mail)\b.*\b(mij|me)\b.*\b(mijn|my|alle|all)\b.*"
               r"\b(gegevens|data|info|information|dossier|file)\b"),
    ("objection", r"\b(geen|niet meer|nooit meer|stop|stoppen|stopt)\b.*"
                  r"\b(nieuwsbrie\w*|\w*mail\w*|reclame|marketing|berichten|aanbiedingen|"
                  r"promoties|acties|verkoopgesprekken)\b"),
    ("objection", r"\b(stop|no more|any more|anymore|don'?t|do not|never|no longer)\b.*"
                  r"\b(newsletters?|e-?mails?|mailings?|marketing|ads|spam|offers|promotions|"
                  r"promotional|advertising|sales calls|commercial)\b"),
    ("objection", r"\b(unsubscribe|uitschrijven|afmelden)\b.*\b(me|mij)\b|"
                  r"\b(me|mij)\b.*\b(unsubscribe|uitschrijven|afmelden)\b"),
    ("access", r"\b(everything|all|alles|alle)\b.*\b(on|about|of|van|over) (me|mij)\b"),
    ("restriction", r"\b(stop|stoppen|stopt|niet meer|pause|pauzeer\w*|freeze|bevries\w*)\b.*"
                    r"\b(until|totdat|tot|zolang|tijdelijk|temporar\w*|for now|voorlopig)\b"),
    ("portability", r"\b(stuur|send|transfer|move|verhuis|zet|breng|geef|give)\b.*"
                    r"\b(naar|to)\b.*\b(andere|another|other|new|nieuwe)\b.*"
                    r"\b(aanbieder|provider|partij|party|company|bedrijf|organisatie|"
                    r"organisation|organization|dienst|service|leverancier|supplier)\b"),
    ("complaint", r"\b(ontevreden|boos|teleurgesteld|unhappy|not happy|dissatisfied|upset|"
                  r"disappointed)\b"),
    ("complaint", _ANGRY),
    ("rectification", r"\b(klopt niet|kloppen niet|(is|zijn) (niet (meer )?(juist|correct)|"
                      r"onjuist|fout)|no longer (correct|accurate|right|valid)|"
                      r"is wrong|are wrong|is incorrect|are incorrect|has changed)\b"),
    ("rectification", r"\b(wijzig\w*|aanpassen|pas|update|change|verander\w*|fix|correct)\b.*"
                      r"\b(adres|naam|e-?mail\w*|telefoon\w*|gegevens|address|name|phone|"
                      r"number|details|data)\b"),
]

# Someone asking for it: a wish, an imperative or a polite request.
_REQUEST_MARKERS = lazy(
    r"(^|[,.;:!]\s*)(just |even |gewoon |nu |now |then |dan )?(verwijder|wis|haal|stuur|geef|"
    r"corrigeer|verbeter|pas|wijzig|beperk|stop|draag|schrijf|gooi|vernietig|zet|hou|houd|"
    r"gebruik|verwerk|"
    r"delete|remove|erase|send|give|correct|fix|change|update|restrict|take|wipe|destroy|"
    r"transfer|export|unsubscribe|forget|cease|quit|treat|consider|register|record)\b"
    r"|\b(ik wil|ik zou graag|ik zou willen|wil ik|ik wens|ik verzoek|ik eis|ik vraag|"
    r"graag|verzoek om|bij deze|hierbij|ik maak bezwaar|maak ik bezwaar|ik heb een klacht|"
    r"ik dien|wil(t|len)? (u|jullie)|kunt u|kunnen jullie|kun je|kan je|zou u|zouden jullie|"
    r"i want|i wanna|i'?d like|i would like|i wish|i request|i demand|i need|i hereby|"
    r"i object|i have a complaint|i want to complain|i'?m requesting|please|pls|plz|"
    r"i don'?t want|i do not want|ik wil geen|ik wil niet meer|ik wil niet dat|"
    r"i no longer (want|wish)|(ik|wij|we) (wil|willen) (\w+ )?(niet langer|niet meer)|"
    r"i'?d rather not|i would rather not|ik (wil|heb) liever (niet|geen)|"
    r"i (hereby )?(invoke|exercise|am exercising|make use)|ik maak (hierbij )?gebruik|"
    r"(i am|i'?m|we are|we'?re) (hereby )?(filing|submitting|lodging|requesting|asking)|"
    r"pursuant to|op grond van|i ask (that|you)|ik vraag (u|jullie)|wil(t|len)? (u|jullie)|"
    r"moet .{1,40} zijn|should (now )?be|(jullie|u) (vragen|verzoeken) (om|te)|ask you to|"
    r"wil je|wilt u|kun je|kunt u|would appreciate|i'?d appreciate|appreciate it if|"
    r"graag aanpassen|please update|wil (nu |echt |wel )?(dat|graag)|"
    r"(would|'d) (really )?like to|wish to|"
    r"can you|could you|would you|will you|aub|a\.u\.b|alstublieft|alsjeblieft|svp|s\.v\.p)\b"
    r"|\b(van mij|over mij|about me|on me|of me)\b"
)

# Asking what something is or how it works, rather than asking for it.
_ABOUT_MARKERS = lazy(
    r"\b(wat is|wat houdt|wat betekent|wat zijn|hoe werkt|hoe zit het|heb ik (het )?recht|"
    r"wat (zijn )?mijn rechten|what is|what'?s|what are|what does|how does|"
    r"do i have (the|a) right|what rights|explain|uitleg)\b"
)


def _ascii_lower(text: str) -> str:
    return _strip_accents(text.lower()).replace("’", "'")


# Phrases that settle the topic before any single word does, in this order: "stop
# using my data but don't delete it" is a restriction, not an erasure; "I moved, my new
# address is ..." a rectification. Matched on lower-case ASCII text.
_STRONG_TOPICS = [
    ("restriction", r"\b(recht op beperking|right to restrict\w*|restrict(ion of)?( the)? "
                    r"processing|beperk\w* (van )?de verwerking|"
                    r"(don'?t|do not|niet) (delete|erase|remove|verwijder\w*|wis\w*)\b.{0,60}"
                    r"(yet|nog|in de tussentijd|meanwhile)|"
                    r"(but|maar) (don'?t|do not|niet) (delete|erase|remove|verwijder\w*|wis\w*)|"
                    r"(but|maar) (\w+ ){0,4}(niet|not|don'?t) (\w+ ){0,2}(weg|away|delete|erase|"
                    r"verwijderen|wissen)|"
                    r"voorlopig (\w+ ){0,2}niet (meer )?(gebruiken|verwerken)|"
                    r"(op|on) (pauze|hold|slot)|pauzeer\w*|put (\w+ ){0,4}on hold|"
                    r"(verwijder|wis)\w* (\w+ ){0,4}(alstublieft |alsjeblieft |a\.?u\.?b\.? )?niet|"
                    r"(stop|pause|freeze|halt) (\w+ ){0,3}(using|processing|collecting)\b.{0,80}"
                    r"\b(for now|until|while|but|temporar\w*|dispute)|"
                    r"(niet|geen) (meer )?(\w+ ){0,4}(gebruiken|verwerken|verzamelen)\b.{0,40}"
                    r"(alleen|wel) (nog )?(bewaren|houden)|alleen (nog )?bewaren|"
                    r"while you (check|verify|investigate|look into)|zolang (\w+ ){0,5}"
                    r"(loopt|onderzoek\w*|nagaat|controleert|uitzoekt)|"
                    r"tijdelijk (\w+ ){0,3}(stop\w*|stil\w*|beperk\w*|opschort\w*|niet)|"
                    r"(stop\w*|stil\w*|beperk\w*|opschort\w*) (\w+ ){0,4}tijdelijk|"
                    r"(tot|totdat|zolang) (dat |dit |het )?(\w+ ){0,4}(is )?(uitgezocht|opgelost|"
                    r"onderzocht|gecontroleerd|nagekeken|rechtgezet|afgehandeld|behandeld|"
                    r"beoordeeld)|"
                    r"until (this |that |it )?(\w+ ){0,4}(checked|resolved|settled|investigated|"
                    r"sorted|verified|corrected|dealt with|handled|decided|closed)|"
                    # keep it, but do not use it
                    r"(bewaar\w*|houd\w*|keep\w*|hold\w*) (\w+ ){0,3}(maar|but) (\w+ ){0,2}"
                    r"(niet|not|no longer|don'?t) (meer )?(\w+ ){0,2}(gebruik\w*|verwerk\w*|"
                    r"use|process\w*))\b"),
    ("complaint", r"\b(^\s*(klacht|complaint|formal complaint|formele klacht)(?=\s*:)|"
                  r"(beschouw|behandel|zie|treat|consider|regard)\w* (dit|deze|this|it|my "
                  r"\w+) (\w+ )?(als|as) (een |a )?(formele |formal |officiele |official )?"
                  r"(klacht|complaint)|"
                  r"klacht (\w+ ){0,3}(indienen|in dienen)|dien\w* (\w+ ){0,4}klacht|"
                  r"formele klacht|officiele klacht|(filing|file|lodge|lodging|submit\w*) "
                  r"(a |an |my )?(formal )?complaint|formal complaint|"
                  r"(ik ben het|i am|i'?m) (er )?(niet mee eens|not ok(ay)? with)|"
                  r"(i|and) (\w+ )?(want|wish|would like|'d like) to (formally )?complain|"
                  r"wil (\w+ ){0,3}klagen|"
                  r"(to|i|we) (formally |officially |hereby )?complain(ing)? (about|that|of)|"
                  r"writing to (formally )?complain|"
                  r"(raise|make|register) (a |an )?(formal |official )?complaint|"
                  r"klacht (\w+ ){0,2}(neerleggen|melden|indienen)|"
                  r"(als|as) (een |a )?(formele |formal |officiele |official )?(klacht|complaint)"
                  r"( (vastleggen|registreren|behandelen|beschouwen|record\w*|register\w*|"
                  r"treat\w*))?)\b"),
    ("erasure", r"\b(recht op vergetelheid|right to be forgotten|forget (about )?me|wipe|"
                r"(no longer|niet meer|niet langer) (\w+ ){0,2}(be |staan |voorkomen |zijn )?"
                r"(in|op) (your|jullie|uw|the|de|je) (database|databases|system|systems|systemen|"
                r"systeem|bestand|bestanden|records|files|administratie|klantenbestand)|"
                r"gooi\w* (\w+ ){0,4}weg|weggooien|vernietig\w*|destroy\w*|shred\w*|"
                r"no (need|reason) (for you )?to keep|"
                r"(hoef|hoeft|hoeven) (\w+ ){0,5}niet (meer )?(te )?(bewaren|houden)|"
                r"trek\w* (\w+ ){0,4}(sollicitatie|aanmelding|inschrijving) in|"
                r"withdraw\w* (\w+ ){0,2}(application|candidacy)|"
                r"(remov|delet|eras)\w* (me|my|all|everything)\b(?! from (your|the|this) (mailing|"
                r"newsletter|e-?mail|list|distribution))|haal (\w+ ){0,4}weg|"
                r"(verwijder|wis)\w* (\w+ ){0,3}(alles|al mijn)|"
                # out of the files, not off a list: erasure ("haal mij uit uw bestanden")
                r"(me|mij|ons|mijn|onze) (\w+ ){0,2}uit (al |alle )?(jullie |uw |je |de )?(bestand\w*|"
                r"syste\w*|administratie|database\w*|dossier\w*|registratie) (te )?(halen|"
                r"verwijderen|wissen|schrappen)|"
                r"(haal|remove|take|get) (me|mij|us|ons) (\w+ ){0,3}(uit|out of|from) "
                r"(al |all )?(jullie |uw |your |the |je )?(bestand\w*|syste\w*|"
                r"administratie|database\w*|records|files|dossier\w*|registratie)|"
                r"(mogen|mag|kunnen|kan) (\w+ ){1,6}(alsnog |nu |dan )?weg|"
                r"(gegevens|data|cv|alles|details) (\w+ ){0,4}weg (zijn|is|hebben)|"
                r"(gegevens|data|cv|alles) (\w+ ){0,4}(gone|erased|deleted) (from|by)\b)\b"),
    ("portability", r"\b((take|bring|carry) (it|them|this|my data|the data|my details) (\w+ )?"
                    r"with me|meenemen|mee (te )?nemen|"
                    r"machine[- ]?(readable|leesbaar)|(structured|gestructureerd\w*)"
                    r"[, ]+(\w+[, ]+){0,3}(format|formaat|bestand|file|export)|json|csv|"
                    r"import (it |them )?(somewhere|elsewhere|into)|"
                    r"(another|other|new|andere|nieuwe) (provider|supplier|company|party|"
                    r"partij|aanbieder|leverancier|dienstverlener|service|dienst|platform|"
                    r"system|systeem|tool|pakket|crm)|upload\w* (it |them )?(to|into|elsewhere)|"
                    r"(excel|spreadsheet|csv)[- ]?(\w+ )?(bestand|file|sheet)?\b.{0,80}\b(overzetten|"
                    r"importeren|import|meenemen|transfer|move)|"
                    r"(stappen|stap) (\w+ ){0,5}over naar|overstappen|switching to)\b"),
    ("objection", r"\b((niet|not|no longer|niet langer|niet meer|geen) (\w+ ){0,6}(gebruik\w*|use|"
                  r"using|inzetten) (\w+ ){0,3}(voor|for) (reclame|marketing|advertising|direct "
                  r"marketing|aanbiedingen|commercial\w*|commerciele\w*)|"
                  r"mailing ?list|maillijst|mailinglijst|take me off|call(ing)? list|bellijst|"
                  r"take (my|our) (\w+ )?(number|name|address|details|e-?mail) off|"
                  r"(sales|marketing|promotional) (calls|e-?mails|messages)\b.{0,30}\b(any ?more|no "
                  r"longer)|haal (me|mij) (\w+ ){0,3}"
                  r"(van|uit)|never signed up|nooit (\w+ ){0,2}(aangemeld|ingeschreven)|"
                  r"(niet meer|nooit meer|niet langer) (\w+ ){0,2}(bellen|gebeld|mailen|gemaild|"
                  r"benaderd|lastig)|no longer (\w+ ){0,3}(contacted|called|e-?mailed|approached)|stop (calling|emailing|e-mailing|mailing|sending|contacting)|"
                  r"geen behoefte|no (interest|need) in|opt[- ]?out of|"
                  r"(bel|mail) (me|mij) (\w+ )?niet meer)\b"),
    ("rectification", r"\b(new (home |postal |e-?mail |office )?(address|phone|number|e-?mail)|"
                      r"nieuwe? (\w+ )?(adres|nummer|telefoonnummer|e-?mailadres)|"
                      r"(i|we)( have|'ve)? (recently |just )?moved (house|home|offices?|to (?!a new "
                      r"job|another job|a new role))|(ben|zijn) (\w+ )?verhuisd|"
                      r"(my|our) (\w+ )?(address|number|e-?mail(address)?|name|surname) is now|"
                      r"(my|our) (\w+ )?(address|number|e-?mail|phone|name|surname) (has |have )?"
                      r"changed to|(per|vanaf|sinds|met ingang van) .{0,25}(woon|wonen) (ik|wij|we) "
                      r"(op|aan|in)|(i|we) now live (at|on)|"
                      r"(mijn|ons|onze) (\w+ )?(adres|nummer|telefoonnummer|e-?mailadres|naam|"
                      r"achternaam) is (nu|voortaan|veranderd|gewijzigd)|"
                      r"(is|are) (spelled|spelt|written) \w+,? not\b|(wordt|is) (geschreven|gespeld) "
                      r"(als |met )?\w+,? niet\b|"
                      r"spel\w* (wrong|incorrect\w*)|(wrongly|incorrectly) spel\w*|"
                      r"verkeerd (\w+ )?(gespeld|geschreven|staan|vermeld|genoteerd)|"
                      r"should (now )?be .{1,40} (now|instead)|"
                      r"(staat|staan) (\w+ ){0,3}verkeerd|verkeerd (\w+ ){0,2}(opgegeven|ingevuld|"
                      r"doorgegeven)|het juiste is|the (correct|right) one is|outdated|verouderd|"
                      r"out of date|not up to date|niet (meer )?(actueel|up[- ]to[- ]date)|"
                      r"misspel\w*|heet (\w+ ){0,3}(nu|anders|voortaan)|heten (\w+ ){0,3}"
                      r"(nu|anders|voortaan)|(now|since) called|renamed|nieuwe naam|new name|"
                      r"(records|files|system|systeem|administratie|administration|account)\b.{0,60}"
                      r"\b(wrong|incorrect|outdated|verkeerd|onjuist|fix|update|aanpassen|wijzigen|"
                      r"corrigeren)|(your|jullie|uw) records (list|say|show)|"
                      r"(is|zijn) (\w+ )?gewijzigd|has changed|have changed|"
                      r"changed (my |our )?(name|roles?|jobs?|address|number|surname|title)|"
                      r"getrouwd|married|update (your|my|the) (records|details|file|data)|"
                      r"(sinds|since|after|na) (mijn|my|ons|our) (huwelijk|marriage|scheiding|"
                      r"divorce|wedding)|"
                      r"(klopt|kloppen) niet|not (correct|right|accurate)|incorrect|"
                      r"(naam|achternaam|\w*adres|\w*nummer|titel|functie|gegevens) (\w+ ){0,5}"
                      r"(aanpassen|wijzigen|veranderen|corrigeren|updaten|verbeteren|bijwerken)|"
                      r"(naam|achternaam|adres|nummer|name|surname|address|number) (\w+ )?"
                      r"(veranderd|gewijzigd|changed))\b"),
    ("access", r"\b(artikel 15|article 15|inzage|(a )?copy of (all )?(my|the) (personal )?"
               r"(data|information|details)|kopie van|wat (\w+ ){0,3}(van|over) (me|mij) "
               r"(\w+ ){0,2}(hebben|heeft|hebt|bewaren|bewaard|opgeslagen)|"
               r"(what|which) (\w+ ){0,3}(you )?(have|hold|store|keep) (on|about) me|"
               r"everything you (have|hold|store|keep)|"
               r"(the |all |my )?(personal )?(information|data|details) (that )?you (have|hold|"
               r"keep|store)( on file)? (on|about) me|"
               r"wat (er )?(allemaal |nog |nu )*(over|van) (mij|me) (\w+ ){0,4}(staat|staan|is|"
               r"hebben|heeft|bewaard|vastgelegd|opgeslagen)|"
               r"(stuur|send|mail|geef|give) (\w+ ){0,3}(op |over )?(welke|wat|what|which) (\w+ ){0,3}"
               r"(gegevens|data|information|informatie|bedrijfsgegevens)\b.{0,80}\b(mij|me|my|mijn)\b|"
               r"(zien|inzien|see) wat (er )?(allemaal )?(over|van) (mij|me))\b"),
]


# The patterns searched with _search. Only the alternatives of a pattern whose words
# the text holds are compiled and tried (compiling them all slows every start; trying
# them all every answer).
_FILTERED = prefilter.PatternSet(
    lambda: [p for _kind, p in _STRONG_TOPICS + _TOPIC_PHRASES] + [_ANGRY])

_search = _FILTERED.search   # (pattern, lowered text) -> bool


@lru_cache(maxsize=4096)
def topic_of(text: str) -> str | None:
    """The right (or complaint) ``text`` is about, or None."""
    lowered = _ascii_lower(text)
    for kind, pattern in _STRONG_TOPICS:
        if _search(pattern, lowered):
            if kind == "access":
                # "alles wat je van me hebt verwijderen", "transfer the data you have
                # about me": what is to be done with the data wins over naming it
                tokens = set(normalise_tokens(text))
                if "verwijder" in tokens:
                    return "erasure"
                if tokens & TOPIC_TOKENS["portability"]:
                    return "portability"
            return kind
    tokens = set(normalise_tokens(text))
    long_tokens = [tok for tok in tokens if len(tok) > 8]   # compounds, for the roots
    for kind, words in TOPIC_TOKENS.items():
        if tokens & words or any(tok.startswith(word) for tok in long_tokens
                                 for word in words if len(tok) > len(word) + 3):
            return kind   # also a compound: "inzageverzoek", "bezwaarschrift"
    for kind, pattern in _TOPIC_PHRASES:
        if _search(pattern, lowered):
            if kind == "access" and _FOR_THAT.search(lowered) and \
                    not _OWN_WISH.search(lowered):
                continue   # "welke gegevens van mij bewaren jullie daarvoor": a purpose
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
_NEGATED = lazy(
    r"\b(i|we)\s+(do not|don'?t|dont|never|did not|didn'?t)\s+"
    r"(want|wish|need|ask|asked|request|requested|mean|meant)\b"
    r"|\bno need to\b"
    r"|\b(ik|wij|we)\s+(wil|wilde|wens|hoef|hoefde|vraag|vroeg|verzoek|doe|dien|maak)\s+"
    r"(\w+\s+){0,4}?(niet|geen|nooit)\b(?!\s+meer)"
    r"|\b(i'?m|i am|we'?re|we are) (just|only|merely) asking|\bnot (yet )?(making|submitting|"
    r"filing|sending) (a|an|any) (formal |official )?(request|complaint)|\b(this|it) is not "
    r"(yet )?(a|an) (formal |official )?(request|complaint)|\b(ik )?(vraag|vraagt) (het|dit) "
    r"(alleen|maar|enkel|slechts)\b|\b(dit|het) is (nog )?geen (officieel |formeel )?"
    r"(verzoek|klacht)"
    r"|\b(hoeft|hoeven)\s+(\w+\s+){0,3}?niet\b")


# Asking how or where to do something ("Waar kan ik een klacht indienen?", "How do I
# object?") is a question about the right, not the request itself.
_HOW_TO = lazy(
    r"^\s*(?:(?:en|and|ok|oke|maar|but)[,\s]+)?(?:waar|hoe|bij wie|wie|wanneer|wat moet|"
    r"kan ik|kun ik|mag ik|moet ik|is het mogelijk|where|how|who|to whom|when|"
    r"can i|could i|may i|am i allowed|is it possible|do i|should i|what do i)\b")
# A question word first asks, with or without a question mark ("Waar kan ik een klacht
# indienen bij de toezichthouder").
_QUESTION_WORD_FIRST = lazy(r"^\s*(?:(?:en|and|ok|oke|maar|but)[,\s]+)?(?:waar|hoe|wanneer|"
                            r"wie|bij wie|where|how|when|who|to whom)\b")
# Phrases only ever used to make the request ("gooi mijn cv weg", "no need to keep my
# CV", "I am filing a complaint"): no further wish needed.
_PERFORMATIVE = lazy(
    r"\b(wipe|gooi\w* (\w+ ){0,4}weg|weggooien|vernietig\w*|destroy\w*|shred\w*|"
    r"no (need|reason) (for you )?to keep|(hoef|hoeft|hoeven) (\w+ ){0,5}niet (meer )?(te )?"
    r"(bewaren|houden)|trek\w* (\w+ ){0,4}(sollicitatie|aanmelding|inschrijving) in|"
    r"withdraw\w* (\w+ ){0,2}(application|candidacy)|take me off|haal (me|mij) (\w+ ){0,3}"
    r"(van|uit)|(filing|file|lodge|lodging|submit\w*|rais\w*|make|making) (a |an |my )?"
    r"(formal )?complaint|"
    r"dien\w* (\w+ ){0,4}klacht|klacht (\w+ ){0,3}(indienen|in dienen)|formele klacht|"
    r"formal complaint|ik maak (hierbij )?(gebruik|aanspraak)|i (hereby )?(invoke|exercise)|"
    r"i am exercising|pursuant to|op grond van artikel|hierbij verzoek|i hereby|"
    r"(mogen|mag) (\w+ ){1,6}(alsnog |nu |dan )?weg|writing to (formally )?complain|"
    r"(formally|officially) complain|^\s*(klacht|complaint)(?=\s*:)|"
    r"(beschouw|behandel|treat|consider|regard)\w* (dit|deze|this|it) (\w+ )?(als|as) "
    r"(een |a )?(\w+ )?(klacht|complaint)|(i|and) (\w+ )?(want|wish|would like|'d like) to "
    r"(formally )?complain|(ik|en) (wil|zou) (\w+ ){0,3}(klagen|een klacht indienen))\b")


_FOR_THAT = lazy(r"\b(daarvoor|daarbij|hiervoor|hierbij|daarvan|daarmee|for that|for this|"
                 r"for it|for them|in that case|bij een|bij de|for a|for the|als ik|when i|if i|"
                 r"inschrijving|aanmelding|sollicitatie|training|workshop|cursus|nieuwsbrief|"
                 r"newsletter|application|course|registration|sign-?up)\b")
_OWN_WISH = lazy(r"\b(ik wil|i want|i'?d like|i would like|graag|please|stuur|sturen|toesturen|"
                 r"in (jullie|uw|your|je) (systemen|systeem|systems|database|bestanden|records|"
                 r"administratie)|"
                 r"opsturen|mailen|send|geef|give|"
                 r"verzoek|hierbij|request|overzicht|overview|artikel 15|article 15|inzage|"
                 r"copy|kopie)\b")

_POINTS_BACK = lazy(r"\b(dat|dit|het|die|deze|that|this|it|them|those)\b")

# "If I unsubscribe, will you delete my address?": a question about what follows a case.
_CONDITION = lazy(r"^\s*(if|when|once|als|wanneer|zodra) (i|ik|we|wij)\b")
_CONDITION_INSIDE = lazy(r"\b(if|when|once|als|wanneer|zodra|indien|in case) (i|ik|we|wij)\b")
_OWN_WISH_STRICT = lazy(r"\b(ik wil|i want|i'?d like|i would like|graag|please|alstublieft|"
                        r"a\.?u\.?b|hierbij|i hereby|i request|ik verzoek)\b")
# "Stel dat ik ... wil", "what if I wanted ...": asking about a case, not making it.
_HYPOTHETICAL = lazy(r"^\s*(stel dat|stel je voor|stel ik|suppose|supposing|what if|"
                           r"what happens if|wat gebeurt er als|als ik ooit|if i ever)\b")
# Giving new details ("my new address is ...", "I moved", "it's X not Y").
_NEW_DATA = lazy(
    r"\b(new (home |postal |e-?mail |office )?(address|phone|number|e-?mail) (is|:)|"
    r"nieuwe? (\w+ )?(adres|nummer|telefoonnummer|e-?mailadres) (is|:)|here is my new|"
    r"(i|we)( have|'ve)? (recently |just )?moved (house|home|offices?|to (?!a new job|another "
    r"job|a new role))|(ben|zijn) (\w+ )?verhuisd|is gewijzigd|is veranderd|has changed|"
    r"(address|e-?mail|number|phone|name|surname)( address)? (has |have )?changed to|"
    r"(woon|wonen) (ik|wij|we) (nu |voortaan )?(op|aan|in)|(ik|wij|we) (woon|wonen) (nu|voortaan|"
    r"vanaf|sinds|per) |(i|we) (now )?live (at|on)|"
    r"(address|number|e-?mail|name|surname|adres|nummer|e-?mailadres|naam) is (now|nu|voortaan)|"
    r"please note (my|our) new|noteer (mijn|ons) nieuwe|"
    r"should (now )?be|moet .{1,40} zijn|ipv|in plaats van|instead of|not \w+[,.]|"
    r"niet \w+[,.]|spel\w* wrong|verkeerd|(naam|achternaam|adres|nummer|name|surname|"
    r"address|number) (\w+ )?(veranderd|gewijzigd|changed))")


def detect_request(text: str, topic: str | None = None) -> str | None:
    """The rights request or complaint ``text`` makes, or None (see :func:`_detect`).

    ``topic``: the caller's ``topic_of(text)``, when it has it already.
    """
    # Keyed on the topic itself, so that a call with the topic and one without share
    # the remembered result (topic_of is remembered too).
    return _detect(text, topic or topic_of(text))


@lru_cache(maxsize=4096)
def _detect(text: str, topic: str | None = None) -> str | None:
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
    lowered = _ascii_lower(text)
    # The performative phrase itself may hold a negation ("no need to keep"); a wish
    # negated elsewhere in its own clause still counts ("I don't want you to have it,
    # just wipe it" wants erasure).
    performative = _PERFORMATIVE.search(lowered)
    checked = lowered
    if performative:
        start = max(lowered.rfind(p, 0, performative.start()) for p in ",.;:!?") + 1
        ends = [i for i in (lowered.find(p, performative.end()) for p in ",.;:!?") if i >= 0]
        checked = lowered[start:performative.start()] + " " + \
            lowered[performative.end():min(ends, default=len(lowered))]
    if topic not in ("objection", "restriction") and _NEGATED.search(checked) and \
            not _unnegated_clause(text, topic):
        return None
    asked = re.sub(r"^[^:?]{0,40}:\s+", "", lowered)   # after "Mijn vraag:", "Quick one:"
    if _HOW_TO.search(asked) and ("?" in text or _QUESTION_WORD_FIRST.match(asked)) and \
            not re.search(
            # "how do I request a copy?" asks how; "I request ..." is the request
            r"\b(ik wil|i want|i'?d like|i would like|graag|please|ik verzoek|hierbij verzoek|"
            r"(?<!een )(?<!het )(?<!uw )verzoek (ik|om)|i'?m requesting|i hereby request|"
            r"(jullie|u) (vragen|verzoeken) (om|te)|ask you to)\b", lowered) and not re.search(
            r"(^|[.,;:!]\s*|\band\s)i (hereby )?request\b", lowered):
        return None
    if _HYPOTHETICAL.search(lowered) or (
            text.rstrip().endswith("?") and _CONDITION.search(lowered)):
        return None
    if text.rstrip().endswith("?") and _CONDITION_INSIDE.search(lowered) and \
            not _OWN_WISH_STRICT.search(lowered):
        # "What happens to my data if I object?": the right is the case asked about
        return None
    if performative:
        return topic
    if topic == "access" and _FOR_THAT.search(lowered) and not _OWN_WISH.search(lowered):
        # "Welke gegevens van mij bewaren jullie daarvoor?" asks what is kept for a
        # purpose just named (a course, an application), not for a copy of it all.
        return None
    if topic == "complaint" and _search(_ANGRY, lowered):
        return topic   # anger is the complaint; no polite wish needed
    new_data = _NEW_DATA.search(lowered)
    if topic == "rectification" and new_data and not (
            "moved" in new_data.group(0) and not re.search(r"\d|address|adres|@", lowered)):
        return topic   # giving the new details is asking to use them ("I moved to
        # Utrecht and wondered if you have offices there" gives none)
    return topic if is_request(text) else None


def _unnegated_clause(text: str, topic: str) -> bool:
    """A clause of ``text`` names ``topic`` without a negation ("Ik wil niet dat jullie
    het bewaren, kunnen jullie alles wissen?": the second clause asks for erasure)."""
    clauses = re.split(r"[,;:]|\s(?:maar|but|dus|so)\s", text)
    if len(clauses) < 2:
        return False
    return any(topic_of(c) == topic and not _NEGATED.search(_ascii_lower(c))
               and is_request(c) for c in clauses)


_EXPLICIT_COMPLAINT = lazy(
    r"(^\s*(klacht|complaint)\s*:|\b(beschouw|behandel|treat|consider|regard)\w* (dit|deze|this|"
    r"it) (\w+ )?(als|as) (een |a )?(\w+ )?(klacht|complaint)|formal complaint|formele klacht|"
    r"officiele klacht)")


def message_request(sentences: list[str], body: str = "") -> str | None:
    """The request a whole message makes: the first one a sentence makes, else a
    complaint when the message as a whole is angry, else None."""
    found = [kind for kind in map(detect_request, sentences) if kind]
    if not found:
        # "Ik ben getrouwd en heet nu X. Kunnen jullie dat bijwerken?": the wish points
        # back at what the sentence before it said.
        # The sentence it points back at may be one further back ("My name is
        # misspelt. It's X with a j. Can you sort that out?").
        for i in range(1, len(sentences)):
            after = sentences[i]
            if not _POINTS_BACK.search(_ascii_lower(after)):
                continue
            for before in (sentences[i - 1], sentences[i - 2] if i >= 2 else ""):
                if before.rstrip().endswith("?"):
                    break   # a question about a right ("Naar welk adres stuur ik een
                    # inzageverzoek?") says what is asked, not what the writer wants done
                if before and topic_of(before):
                    kind = detect_request(f"{before} {after}")
                    if kind:
                        found.append(kind)
                    break
            if found:
                break
    if "complaint" in found and any(_EXPLICIT_COMPLAINT.search(_ascii_lower(s))
                                    for s in sentences):
        # "Hierbij teken ik bezwaar aan ... Beschouw dit als klacht.": the writer says
        # what the message is
        return "complaint"
    if "restriction" in found:
        # "The data you hold are wrong; until that is checked, do not use them": the
        # wrong data are the reason, the restriction is what is asked.
        return "restriction"
    if found:
        return found[0]
    lowered = _ascii_lower(body)
    if body and _search(_ANGRY, lowered) and not _NEGATED.search(lowered):
        return "complaint"
    return None
