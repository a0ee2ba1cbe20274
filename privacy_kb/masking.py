"""Masking personal details in free text (Dutch and English) before it is stored.

Two kinds of detector work together:

* **fast detectors**, always available (regular expressions checked by libraries):
  e-mail addresses (non-ASCII too), IBANs (``stdnum.iban``), card numbers (Luhn,
  ``stdnum.luhn``), 8- and 9-digit BSNs (eleven-test, ``stdnum.nl.bsn``), phone numbers
  in any spelling (``phonenumbers.PhoneNumberMatcher`` plus a digit-count backstop),
  Dutch and British postcodes, dates (numeric, Dutch and English month names), street
  addresses (Dutch street-name endings, English street types, "ik woon op …",
  "I live at …"), names after a cue ("ik ben …", "my name is …", "groet, …") and any
  other run of 7 or more digits;
* **names and places** from ``deduce`` (Dutch de-identification, LGPL): its lookup lists
  of Dutch first names, surnames and place names. Its tables take a while to build
  (half a minute here) the first time, then load in a fraction of a second. They are
  built once per deduce version into the user's cache folder (``privacy-desk
  prepare-masking`` / ``python -m privacy_kb.masking``, or by itself in a background
  *process* on first use), never on the chat's critical path. Only the tables this
  module uses are built (no street list of 300,000 names, no healthcare institutions):
  about 80 MB in memory instead of 1.1 GB per kernel; street addresses are found by the
  fast detectors instead.

:func:`mask` uses both and waits for the name tables when needed;
:func:`mask_fast` uses the fast detectors only (it does not find names: never store its
output where names must not be). :class:`NameDetector` is the process-wide handle on the
deduce tables: ``start()`` (non-blocking), ``ready()``, ``wait(timeout)``, ``failed``.

Deduce reads only files inside its own package and the cache written here; it does not
download anything (checked: its code opens no URL). Importing it would configure the
root logger to print DEBUG lines on standard output (``logging.basicConfig`` at import);
:func:`_import_deduce` prevents that.

This module imports neither pandas nor ipywidgets. See ``docs/masking.md``.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path

__all__ = ["mask", "mask_fast", "find_spans", "NameDetector", "name_detector",
           "MaskingUnavailable", "cache_dir", "build_name_tables",
           "EMAIL_MASK", "PHONE_MASK", "IBAN_MASK", "POSTCODE_MASK", "NAME_MASK",
           "ADDRESS_MASK", "PLACE_MASK", "DATE_MASK", "BSN_MASK", "CARD_MASK",
           "NUMBER_MASK", "URL_MASK", "AGE_MASK"]

log = logging.getLogger(__name__)

EMAIL_MASK = "[e-mail]"
PHONE_MASK = "[telefoon]"
IBAN_MASK = "[IBAN]"
POSTCODE_MASK = "[postcode]"
NAME_MASK = "[naam]"
ADDRESS_MASK = "[adres]"
PLACE_MASK = "[plaats]"
DATE_MASK = "[datum]"
BSN_MASK = "[BSN]"
CARD_MASK = "[kaartnummer]"
NUMBER_MASK = "[nummer]"
URL_MASK = "[url]"
AGE_MASK = "[leeftijd]"

# When two findings overlap, the union is masked with the label that ranks first here.
# A date written like one ("2010-05-04") outranks the eleven-test, which 1 in 11
# eight-digit numbers pass by chance.
_RANK = [EMAIL_MASK, URL_MASK, IBAN_MASK, CARD_MASK, DATE_MASK, BSN_MASK, ADDRESS_MASK,
         POSTCODE_MASK, PHONE_MASK, NAME_MASK, PLACE_MASK, AGE_MASK, NUMBER_MASK]
_PRIORITY = {label: i for i, label in enumerate(_RANK)}


class MaskingUnavailable(RuntimeError):
    """The name tables could not be built or loaded: text cannot be fully masked."""


# --- folding: one character in, one character out ----------------------------------

_DASHES = "\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"


def _fold_char(ch: str) -> str:
    if ch in _DASHES:
        return "-"
    if ch in _INVISIBLE or (ch.isspace() and ch not in "\n"):
        return " "
    if ord(ch) < 128:
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    # full-width digits and letters, the full-width at sign: one ASCII character
    if len(folded) == 1 and ord(folded) < 128:
        return folded
    return ch


def _fold(text: str) -> str:
    """``text`` with dashes, odd spaces, invisible marks and full-width forms made
    plain, character for character (positions stay the same)."""
    if text.isascii():
        return text
    return "".join(_fold_char(ch) for ch in text)


# --- fast detectors -----------------------------------------------------------------

_EMAIL = re.compile(
    r"[\w.!#$%&'*+/=?^`{|}~-]+\s*(?:@|\(at\)|\[at\]|\{at\})\s*"
    r"\w(?:[\w-]*\w)?(?:(?:\s*(?:\.|\(dot\)|\[dot\]|\(punt\)|\[punt\])\s*|\s+(?:dot|punt)\s+)"
    r"\w(?:[\w-]*\w)?)+", re.IGNORECASE)
# Spelt out to dodge spam filters: "jan at gmail dot com", "jan apenstaartje gmail punt nl".
_EMAIL_SPELT = re.compile(
    r"\b[\w.+-]+\s+(?:at|apenstaartje)\s+\w(?:[\w-]*\w)?"
    r"(?:\s+(?:dot|punt)\s+\w(?:[\w-]*\w)?)+\b", re.IGNORECASE)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]{4}){2,7}"
                   r"(?:[ -]?[A-Za-z0-9]{1,3})?\b")
# Digits with the separators people type between them (no letters).
_DIGIT_RUN = re.compile(r"(?<![\w])\+?\(?\d(?:[\d \t.()/-]*\d)?(?![\w])")
_PHONE = re.compile(r"(?<![\w@])(?:\+|00)?\(?\d[\d \t().\-/]{5,}\d(?![\w])")
_NL_POSTCODE = re.compile(
    r"\b(?P<digits>[1-9]\d{3})(?P<space>\s?)(?P<letters>[A-Za-z]{2})\b"
    r"(?P<house>[\s,]*(?:nr\.?\s*)?\d{1,5}(?:[-/]?[A-Za-z0-9]{1,4}\b|\s?[A-Za-z]\b)?)?")
_NOT_POSTCODE_LETTERS = frozenset(
    "en of in op is na om te al nu er de ik je ze we at to on an as be by do if it me "
    "my no or so up us".split())
_UK_POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b",
                          re.IGNORECASE)

_MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
           "november|december|january|february|march|may|june|july|august|october|"
           "jan|feb|febr|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|e|ste|de)?"
_YEAR = r"(?:(?:19|20)\d{2}|'\d{2})"
_DATE = re.compile(
    rf"\b(?:{_DAY}\s*(?:of\s+|van\s+)?(?:{_MONTHS})\b\.?(?:,?\s*{_YEAR}\b)?"
    rf"|(?:{_MONTHS})\b\.?\s+{_DAY}\b(?:,?\s*{_YEAR}\b)?"
    rf"|{_DAY}[-/.](?:1[0-2]|0?[1-9])[-/.](?:(?:19|20)\d{{2}}|\d{{2}})(?!\d)"
    rf"|(?:19|20)\d{{2}}[-/.](?:1[0-2]|0?[1-9])[-/.](?:[12]\d|3[01]|0?[1-9])(?!\d))",
    re.IGNORECASE)

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_PARTICLE = r"(?:van|de|der|den|ter|ten|te|het|'t|la|le|du|da|von|op|in|aan|bij|achter)"
_NL_STREET_END = (
    "straat|str|laan|ln|weg|wg|plein|dijk|dyk|gracht|kade|singel|markt|hof|dreef|steeg|"
    "pad|park|plantsoen|baan|dam|wal|burgwal|haven|ring|veld|erf|kamp|brink|oord|zijde|"
    "kanaal|boulevard|allee|poort|hoek|tuin|berg|bos|akker|weide|heuvel|dal|lei|vliet|"
    "gouw|diep|horst|rade|laantje|straatje|pleintje|stede|hoven|wijk|meer|vaart|acker")
_HOUSE = r"\d{1,5}(?:\s?[A-Za-z]\b|[-/][\w]{1,4}\b)?"
_NL_ADDRESS = re.compile(
    rf"(?:(?:{_CAP}|{_PARTICLE})[ \t]+){{0,3}}[A-ZÀ-ÖØ-Þ][\w'’-]*(?:{_NL_STREET_END})\.?"
    rf"[ \t]+(?:nr\.?[ \t]*)?{_HOUSE}")
_EN_ADDRESS = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?,?[ \t]+(?:{_CAP}[ \t]+){{1,3}}(?:Street|St|Road|Rd|Avenue|Ave|"
    rf"Lane|Ln|Drive|Dr|Close|Way|Court|Ct|Place|Pl|Square|Sq|Crescent|Terrace|Gardens|"
    rf"Grove|Row|Boulevard|Blvd|Hill|Park|Mews|Walk|Parade)\b\.?")
_ADDRESS_CUE = re.compile(
    r"(?i:\b(?:ik\s+woon\s+(?:op|aan|in|te)|woonachtig\s+(?:op|aan|in|te)|"
    r"wonende\s+(?:op|aan|te)|(?:mijn\s+|my\s+|new\s+|nieuwe?\s+|home\s+|woon)?"
    r"(?:adres|address|huisadres)(?:\s+is)?\s*:?|i\s+live\s+(?:at|on|in)|living\s+at|"
    r"verhuisd\s+naar|moved\s+to))\s+"
    r"(?P<what>[^.;!?\n]{1,80}?)"
    r"(?=\s*(?:[.;!?\n]|$)|\s(?i:en|and|maar|but|want|because|omdat|graag|please|"
    r"kunt|can|could|wil|would|is|zijn)\b)")
_NAME_CUE = re.compile(
    r"(?i:\b(?:(?:mijn|m'n)\s+naam\s+is|ik\s+heet|ik\s+ben|my\s+name\s+is|"
    r"name\s*:|naam\s*:|i\s+am|i'm|this\s+is|namens|on\s+behalf\s+of|"
    r"met\s+vriendelijke\s+groet(?:en)?|vriendelijke\s+groet(?:en)?|groet(?:en|jes)?|"
    r"regards|sincerely|thanks|cheers|mvg|gr\.|dank(?:\s+je|\s+u)?(?:\s+wel)?|"
    r"dhr\.?|mevr\.?|mw\.?|mr\.?|mrs\.?|ms\.?|dr\.?|de\s+heer|mevrouw)\b)"
    r"[,:]?\s+"
    rf"(?P<what>[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\.?[ \t]+(?:{_PARTICLE}[ \t]+)*[A-ZÀ-ÖØ-Þ][\w'’-]*){{0,4}})")
# After a sign-off or "my name is", what follows is a name even when typed in lower
# case ("mvg, karin visser", "namens piet de vries").
_NAME_CUE_ANY_CASE = re.compile(
    r"(?i:\b(?:(?:mijn|m'n)\s+naam\s+is|ik\s+heet|my\s+name\s+is|namens|on\s+behalf\s+of|"
    r"met\s+vriendelijke\s+groet(?:en)?|vriendelijke\s+groet(?:en)?|kind\s+regards|"
    r"best\s+regards|regards|sincerely|mvg|m\.v\.g\.)\b)[,:]?\s+"
    rf"(?P<what>[^\W\d_][\w'’-]*(?:[ \t]+(?:{_PARTICLE}[ \t]+)*[^\W\d_][\w'’-]*){{0,3}})")
_PLACE_CUE = re.compile(
    r"(?i:\b(?:geboren|born|woon|wonend[e]?|woonachtig|live|living|lives|grew\s+up|"
    r"verhuisd|moved)\b[^.;!?\n]{0,30}?\b(?:in|te|uit|from|to|naar))[ \t]+"
    r"(?P<what>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[ \t-](?:aan|op|upon|on|de|den|bij)?[ \t]*"
    r"[A-ZÀ-ÖØ-Þ][\w'’-]+)?)")
_PLACE_AFTER = re.compile(r"\s*,?\s*(?P<what>[A-ZÀ-ÖØ-Þ][\w'’-]+(?:[\s-](?:aan|op|upon|"
                          r"on|de|den|bij)?\s*[A-ZÀ-ÖØ-Þ][\w'’-]+)?)")
_CARD = re.compile(r"(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)")
_BSN = re.compile(r"(?<!\d)\d(?:[ .-]?\d){7,8}(?!\d)")


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _phone_spans(text: str):
    import phonenumbers

    for region in ("NL", "GB"):
        for m in phonenumbers.PhoneNumberMatcher(text, region):
            yield m.start, m.end, PHONE_MASK
    for m in _PHONE.finditer(text):
        # Dutch numbers have 10 digits (9 after +31), international ones up to 15
        if 9 <= len(_digits(m.group(0))) <= 15:
            yield m.start(), m.end(), PHONE_MASK


def _postcode_spans(text: str):
    for m in _NL_POSTCODE.finditer(text):
        letters = m.group("letters")
        if letters.upper() in ("SA", "SD", "SS"):
            continue
        # "1234 en 2027" is a sentence; "1234 EN", "1234en", "1234 en 12" are postcodes
        if letters.islower() and m.group("space") and letters in _NOT_POSTCODE_LETTERS:
            continue
        yield m.start(), m.end(), POSTCODE_MASK
    for m in _UK_POSTCODE.finditer(text):
        if any(c.isdigit() for c in m.group(0)):
            yield m.start(), m.end(), POSTCODE_MASK


def _number_spans(text: str):
    from stdnum import iban, luhn
    from stdnum.nl import bsn

    for m in _IBAN.finditer(text):
        raw = m.group(0)
        if iban.is_valid(raw) or sum(c.isdigit() for c in raw) >= 8:
            yield m.start(), m.end(), IBAN_MASK
    for m in _CARD.finditer(text):
        if luhn.is_valid(_digits(m.group(0))):
            yield m.start(), m.end(), CARD_MASK
    for m in _BSN.finditer(text):
        if bsn.is_valid(_digits(m.group(0))):
            yield m.start(), m.end(), BSN_MASK
    for m in _DIGIT_RUN.finditer(text):
        if len(_digits(m.group(0))) >= 7:
            yield m.start(), m.end(), NUMBER_MASK


def _group_spans(pattern: re.Pattern, text: str, label: str, *, digit: bool = False):
    for m in pattern.finditer(text):
        what = m.group("what")
        if what.strip() and (not digit or any(c.isdigit() for c in what)):
            yield m.start("what"), m.end("what"), label


def _fast_spans(text: str) -> list[tuple[int, int, str]]:
    spans = [(m.start(), m.end(), EMAIL_MASK)
             for pattern in (_EMAIL, _EMAIL_SPELT) for m in pattern.finditer(text)]
    spans += [(m.start(), m.end(), URL_MASK) for m in _URL.finditer(text)]
    spans += _number_spans(text)
    spans += _phone_spans(text)
    spans += _postcode_spans(text)
    spans += [(m.start(), m.end(), DATE_MASK) for m in _DATE.finditer(text)]
    spans += [(m.start(), m.end(), ADDRESS_MASK) for m in _NL_ADDRESS.finditer(text)]
    spans += [(m.start(), m.end(), ADDRESS_MASK) for m in _EN_ADDRESS.finditer(text)]
    # "mijn adres is veranderd" says nothing; "mijn adres is Kerkweg 5" does
    spans += _group_spans(_ADDRESS_CUE, text, ADDRESS_MASK, digit=True)
    spans += _group_spans(_NAME_CUE, text, NAME_MASK)
    spans += _group_spans(_NAME_CUE_ANY_CASE, text, NAME_MASK)
    spans += _group_spans(_PLACE_CUE, text, PLACE_MASK)
    return spans


# --- names and places: deduce ---------------------------------------------------------

# Deduce annotators this module leaves out: their tables are large (healthcare
# institutions, 300,000 street names) and what they find is not asker identity, or is
# found by the fast detectors (streets with a house number).
# Ages ("1 jaar") and bare domain names ("bol.com") are not asker identity and are
# common in questions; web addresses with http(s):// or www. are masked by _URL.
_DROPPED_ANNOTATORS = ("hospital", "institution", "street_lookup", "age", "url")
_DROPPED_LISTS = ("institutions/lst_healthcare_institution", "institutions/lst_hospital",
                  "locations/lst_street")
_CACHE_FILE = Path("cache") / "lookup_structs.pickle"


def _import_deduce():
    """Import deduce without letting it configure the root logger."""
    root = logging.getLogger()
    guard = logging.NullHandler()
    had_handlers = bool(root.handlers)
    if not had_handlers:
        root.addHandler(guard)       # logging.basicConfig does nothing when one exists
    try:
        import deduce
        from deduce import deduce as deduce_module
    finally:
        if not had_handlers:
            root.removeHandler(guard)
    return deduce, deduce_module


def _deduce_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("deduce")
    except PackageNotFoundError:
        return "missing"


def cache_dir() -> Path:
    """Where the name tables for this deduce version live:
    ``$PRIVACY_DESK_CACHE`` or the user's cache folder, then ``deduce-<version>``."""
    base = os.environ.get("PRIVACY_DESK_CACHE", "").strip()
    if not base:
        import platformdirs

        base = platformdirs.user_cache_dir("privacy-desk", appauthor=False)
    return Path(base).expanduser() / f"deduce-{_deduce_version()}"


def build_name_tables(target: Path | None = None) -> Path:
    """Build deduce's lookup tables that :func:`mask` needs into ``target`` (default
    :func:`cache_dir`); returns the folder. Safe to run from several processes at once
    (one builds, the others wait and find it done). Takes half a minute or so."""
    target = Path(target) if target is not None else cache_dir()
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    done = target / _CACHE_FILE
    with open(target / ".lock", "w") as lock:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:          # pragma: no cover - not on Linux/macOS
            pass
        if done.exists():
            return target
        deduce, deduce_module = _import_deduce()
        import docdeid as dd
        from deduce import lookup_struct_loader as loaders
        from deduce import lookup_structs as structs

        lookup_path = deduce_module._LOOKUP_LIST_PATH
        lists = [name for name in structs.all_lists if name not in _DROPPED_LISTS]
        items = structs.load_raw_itemsets(lookup_path, lists)
        tokenizer = deduce_module.Deduce._initialize_tokenizer(lookup_path)
        collection = dd.ds.DsCollection()
        for name in ("stop_word", "common_word", "interfix_surname", "initial",
                     "medical_term", "hospital_abbr"):
            lookup = dd.ds.LookupSet()
            lookup.add_items_from_iterable(items.get(name, ()))
            collection[name] = lookup
        collection["prefix"] = loaders.load_prefix_lookup(items)
        collection["interfix"] = loaders.load_interfix_lookup(items)
        collection["whitelist"] = loaders.load_whitelist_lookup(items)
        for name, load in (("first_name", loaders.load_first_name_lookup),
                           ("surname", loaders.load_surname_lookup),
                           ("placename", loaders.load_placename_lookup),
                           ("eponymous_disease", loaders.load_eponymous_disease_lookup)):
            collection[name] = load(items, tokenizer)
        # written aside and renamed: a reader never sees half a file
        tmp = target / "tmp-build"
        structs.cache_lookup_structs(collection, tmp, deduce.__version__)
        done.parent.mkdir(exist_ok=True, mode=0o700)
        os.replace(tmp / _CACHE_FILE, done)
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
        return target


def _load_deduce(folder: Path):
    if not (folder / _CACHE_FILE).exists():
        # deduce would otherwise build every table it knows in this process
        raise MaskingUnavailable(f"no name tables in {folder}")
    _deduce, deduce_module = _import_deduce()
    import json

    with open(deduce_module._BASE_CONFIG_FILE, encoding="utf-8") as handle:
        config = json.load(handle)
    for name in _DROPPED_ANNOTATORS:
        config["annotators"].pop(name, None)
    return deduce_module.Deduce(load_base_config=False, config=config, cache_path=folder)


_DEDUCE_TAGS = (("patient", NAME_MASK), ("persoon", NAME_MASK), ("naam", NAME_MASK),
                ("initia", NAME_MASK), ("straat", ADDRESS_MASK), ("huisnummer", ADDRESS_MASK),
                ("locatie", PLACE_MASK), ("datum", DATE_MASK), ("leeftijd", AGE_MASK),
                ("bsn", BSN_MASK), ("telefoon", PHONE_MASK), ("email", EMAIL_MASK),
                ("url", URL_MASK), ("id", NUMBER_MASK))


# Capitalised at the start of a sentence, these are words, though deduce's name lists
# hold them too ("My" is a Scandinavian first name).
_NOT_A_NAME = frozenset(
    "my i me we you your our us the a an is are was can could may might will would do "
    "does did how what when where why who which whose hi hello dear please thanks thank "
    "yes no if and or but so also ik mijn m'n wij we ons onze de het een hoe wat wie waar "
    "wanneer waarom welke mag kan kun wil zou is zijn ben beste hallo hoi dag graag ja "
    "nee als en of maar dus ook u uw jullie je jouw".split())


def _deduce_label(tag: str) -> str:
    tag = tag.lower()
    for key, label in _DEDUCE_TAGS:
        if key in tag:
            return label
    return NAME_MASK          # an unknown kind of finding: hide it all the same


class NameDetector:
    """The deduce tables of this process, loaded in the background.

    ``start()`` returns at once: a daemon thread builds the tables in a separate,
    low-priority process when they are not in the cache yet (so the chat's process
    keeps its CPU), then loads them (a fraction of a second). ``ready()`` says whether
    names can be found now; ``wait(timeout)`` blocks until they can (or it failed);
    ``failed`` holds the reason when it did. ``when_ready(callback)`` runs ``callback``
    once it is ready (at once when it already is).
    """

    def __init__(self, folder: Path | None = None):
        self._folder = folder
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self._deduce = None
        self._callbacks: list = []
        self.failed: str | None = None

    @property
    def folder(self) -> Path:
        return self._folder or cache_dir()

    def start(self) -> "NameDetector":
        with self._lock:
            if self._thread is None and not self._done.is_set():
                self._thread = threading.Thread(target=self._prepare, daemon=True,
                                                name="privacy-desk-names")
                self._thread.start()
        return self

    def _prepare(self) -> None:
        try:
            folder = self.folder
            if not (folder / _CACHE_FILE).exists():
                log.info("masking: building the name tables in %s", folder)
                cmd = [sys.executable, "-m", "privacy_kb.masking", "--build", str(folder)]
                if _has_nice():
                    cmd = ["nice", "-n", "10"] + cmd
                result = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True, check=False)
                if result.returncode != 0:
                    raise MaskingUnavailable(
                        "building the name tables failed: "
                        + (result.stderr.strip().splitlines() or ["?"])[-1])
            model = _load_deduce(folder)
            with self._lock:
                self._deduce = model
        except Exception as exc:  # noqa: BLE001 - reported through .failed
            self.failed = f"{type(exc).__name__}: {exc}"
            log.warning("masking: names cannot be detected (%s); questions are not "
                        "logged", self.failed)
        finally:
            self._done.set()
            self._run_callbacks()

    def _run_callbacks(self) -> None:
        with self._lock:
            callbacks, self._callbacks = self._callbacks, []
        for callback in callbacks:
            try:
                callback()
            except Exception:  # noqa: BLE001 - one failing listener stops no other
                log.warning("masking: a ready-callback failed", exc_info=True)

    def when_ready(self, callback) -> None:
        with self._lock:
            if not self._done.is_set():
                self._callbacks.append(callback)
                return
        callback()

    def ready(self) -> bool:
        return self._deduce is not None

    def wait(self, timeout: float | None = None) -> bool:
        self.start()
        self._done.wait(timeout)
        return self.ready()

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """What deduce finds in ``text``; raises MaskingUnavailable when not ready."""
        model = self._deduce
        if model is None:
            raise MaskingUnavailable(self.failed or "the name tables are not loaded yet")
        doc = model.deidentify(text, disabled={"redactor"})
        out = []
        for a in doc.annotations:
            label = _deduce_label(a.tag)
            if label == NAME_MASK and a.text.strip().lower() in _NOT_A_NAME:
                continue
            out.append((a.start_char, a.end_char, label))
        return out


def _has_nice() -> bool:
    import shutil

    return shutil.which("nice") is not None


_DETECTOR: NameDetector | None = None
_DETECTOR_LOCK = threading.Lock()


def name_detector() -> NameDetector:
    """The process-wide :class:`NameDetector` (not started until asked)."""
    global _DETECTOR
    with _DETECTOR_LOCK:
        if _DETECTOR is None:
            _DETECTOR = NameDetector()
        return _DETECTOR


# --- putting it together ------------------------------------------------------------

def _merge(spans) -> list[tuple[int, int, str]]:
    """Overlapping or touching findings become one, labelled by the highest rank."""
    out: list[list] = []
    for start, end, label in sorted(spans):
        if start >= end:
            continue
        if out and start < out[-1][1]:
            last = out[-1]
            last[1] = max(last[1], end)
            if _PRIORITY[label] < _PRIORITY[last[2]]:
                last[2] = label
        else:
            out.append([start, end, label])
    return [tuple(x) for x in out]


# The organisation's own names are no asker's identity: a name, place or web address
# finding inside one of these is dropped (never an e-mail address or a number).
_OWN_NAMES = re.compile(r"(?:stichting\s+|the\s+)?software\s*borg(?:\s+(?:instituut|institute|"
                        r"stichting|foundation))?|(?:www\.)?softwareborg\.nl(?:/\S*)?|"
                        r"autoriteit\s+persoonsgegevens", re.IGNORECASE)
_DROPPABLE = (NAME_MASK, PLACE_MASK, URL_MASK)


def _without_own_names(text: str, spans) -> list[tuple[int, int, str]]:
    own = [(m.start(), m.end()) for m in _OWN_NAMES.finditer(text)]
    if not own:
        return list(spans)
    return [(s, e, label) for s, e, label in spans
            if label not in _DROPPABLE or not any(s < oe and os_ < e for os_, oe in own)]


def _with_places(text: str, spans) -> list[tuple[int, int, str]]:
    """A capitalised word right after an address or postcode is its town."""
    extra = []
    for _start, end, label in spans:
        if label in (ADDRESS_MASK, POSTCODE_MASK):
            m = _PLACE_AFTER.match(text, end)
            if m:
                extra.append((m.start("what"), m.end("what"), PLACE_MASK))
    return list(spans) + extra


def find_spans(text: str, detector: NameDetector | None = None
               ) -> list[tuple[int, int, str]]:
    """Every identifying detail in ``text`` as ``(start, end, label)``, merged and
    sorted. With ``detector`` (ready), names and places from deduce are included."""
    folded = _fold(text)
    spans = _fast_spans(folded)
    if detector is not None:
        spans += detector.spans(folded)
    spans = _merge(_without_own_names(folded, spans))
    spans = _merge(_whole_names(folded, _with_places(folded, spans)))
    # "Jack" "O'Connor": two names with only a space between are one
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if out and label == NAME_MASK == out[-1][2] and not folded[out[-1][1]:start].strip():
            out[-1] = (out[-1][0], end, label)
        else:
            out.append((start, end, label))
    return out


_NAME_PREFIX = re.compile(r"\b[A-Za-z]['’]$")      # O'Connor, D'Souza, d'Ancona


def _whole_names(text: str, spans) -> list[tuple[int, int, str]]:
    """A name that starts after "O'" or "d'" takes that prefix along."""
    out = []
    for start, end, label in spans:
        if label == NAME_MASK:
            m = _NAME_PREFIX.search(text, max(0, start - 2), start)
            if m:
                start = m.start()
        out.append((start, end, label))
    return out


def _apply(text: str, spans) -> str:
    out, pos = [], 0
    for start, end, label in spans:
        out.append(text[pos:start])
        out.append(label)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def mask_fast(text: str) -> str:
    """``text`` with e-mail addresses, numbers, dates, postcodes and addresses masked,
    and names only where a cue announces them ("ik ben …"). It does NOT find names
    otherwise: use :func:`mask` for anything that is stored."""
    return _apply(text, find_spans(text))


def mask(text: str, *, timeout: float | None = None) -> str:
    """``text`` with every identifying detail replaced by a placeholder.

    Names, places, street addresses, dates, 8- and 9-digit BSNs (eleven-test), IBANs,
    card numbers (Luhn), e-mail addresses (non-ASCII too), phone numbers in any
    spelling (odd dashes and spaces too), Dutch and British postcodes and any other run
    of 7 or more digits: ``[naam]``, ``[plaats]``, ``[adres]``, ``[datum]``, ``[BSN]``,
    ``[IBAN]``, ``[kaartnummer]``, ``[e-mail]``, ``[telefoon]``, ``[postcode]``,
    ``[nummer]``. Masking errs on the side of hiding.

    The first call in a process may wait for deduce's name tables (a fraction of a
    second; half a minute when they were never built on this machine).

    Raises
    ------
    MaskingUnavailable
        When the name tables cannot be loaded (or ``timeout`` seconds passed): the text
        cannot be fully masked, so nothing is returned.

    Examples
    --------
    >>> mask("Ik ben Piet de Vries, Dorpsstraat 12 Haren, geboren 3 maart 1980")
    'Ik ben [naam], [adres] [plaats], geboren [datum]'
    >>> mask("Mail jan@exämple.nl of bel 06‐12345678")
    'Mail [e-mail] of bel [telefoon]'
    """
    detector = name_detector()
    if not detector.wait(timeout):
        raise MaskingUnavailable(detector.failed or "the name tables are not loaded yet")
    return _apply(text, find_spans(text, detector))


def main(argv: list[str] | None = None) -> int:
    """``python -m privacy_kb.masking [--build [FOLDER]]``: build the name tables now
    (into FOLDER, default :func:`cache_dir`)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--build"]:
        args = args[1:]
    if len(args) > 1 or (args and args[0].startswith("-")):
        print("usage: python -m privacy_kb.masking [--build [FOLDER]]", file=sys.stderr)
        return 2
    folder = build_name_tables(Path(args[0]) if args else None)
    print(f"name tables ready in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
