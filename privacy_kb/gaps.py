"""Questions the desk could not answer: a local, anonymous log, and its groups.

The chat records a question here when it gave no answer or a low-confidence one, so
that the FAQ can be improved where people actually get stuck. The desk practises what
the statement preaches (DESIGN.md, "The desk's own privacy"):

* only the question text, its language, the match score, whether it was answered, the
  matched FAQ entry and the *date* are kept — no asker identity, no session, no time of
  day;
* e-mail addresses, phone numbers (Dutch and international), IBANs and postcodes with
  house numbers are masked *before* anything is written (:func:`mask`);
* the log is a JSON Lines file readable by its owner only (mode 0600), in the user's
  data directory, or where ``$PRIVACY_DESK_GAPS`` says; ``PRIVACY_DESK_GAPS=off``
  switches recording off. Nothing is sent anywhere.

:func:`group_gaps` clusters similar questions (normalised with
:func:`privacy_kb.language.normalise`, compared with RapidFuzz's ``token_set_ratio``)
and ranks the groups by size: ``privacy-desk gaps`` prints them, the report notebook
shows them.

This module imports neither pandas nor ipywidgets.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from privacy_kb.clock import today_amsterdam

__all__ = ["ENV_VAR", "LOW_CONFIDENCE", "GapLog", "GapGroup", "mask", "should_record",
           "default_gaps_path", "open_gap_log", "gaps_enabled", "group_gaps"]

#: Environment variable: a file path for the log, or ``off`` to record nothing.
ENV_VAR = "PRIVACY_DESK_GAPS"
#: Answers scoring below this are "low confidence" and recorded too.
LOW_CONFIDENCE = 70.0
#: Similarity (0-100, ``token_set_ratio`` on normalised text) to join a group.
GROUP_THRESHOLD = 80.0
MAX_QUESTION_CHARS = 500
_OFF = {"off", "0", "false", "no", "nee", "uit", "disabled"}

# --- masking ------------------------------------------------------------------------

EMAIL_MASK = "[e-mail]"
PHONE_MASK = "[telefoon]"
IBAN_MASK = "[IBAN]"
POSTCODE_MASK = "[postcode]"

_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+\s*(?:@|\(at\)|\[at\])\s*"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\s*\.\s*[A-Za-z0-9](?:[A-Za-z0-9-]*"
    r"[A-Za-z0-9])?)+", re.UNICODE)
# Two letters, two check digits, then groups of four letters/digits (spaced or not)
# and a shorter last group: "NL91 ABNA 0417 1643 00", "NL91ABNA0417164300".
_IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]{4}){2,7}"
                   r"(?:[ -]?[A-Za-z0-9]{1,3})?\b")
# Dutch postcode (1000-9999 + two letters, not SA, SD or SS) with an optional house
# number and addition ("9753 TB 10", "9753TB", "1234 ab 12-3").
_POSTCODE = re.compile(
    r"\b(?P<digits>[1-9]\d{3})(?P<space>\s?)(?P<letters>[A-Za-z]{2})\b"
    r"(?P<house>[\s,]*(?:nr\.?\s*)?\d{1,5}(?:[-/]?[A-Za-z0-9]{1,4}\b|\s?[A-Za-z]\b)?)?")
# Lower-case words that follow a number in ordinary sentences ("in 2026 en 2027").
_NOT_POSTCODE_LETTERS = frozenset(
    "en of in op is na om te al nu er de ik je ze we at to on an as be by do if it me "
    "my no or so up us".split())
# A run of digits with the separators people type in phone numbers; counted below.
_PHONE = re.compile(r"(?<![\w@])(?:\+|00)?\(?\d[\d\s().\-/]{5,}\d(?![\w])")


def _mask_phone(match: re.Match) -> str:
    text = match.group(0)
    digits = sum(ch.isdigit() for ch in text)
    # Dutch numbers have 10 digits (9 after +31); international ones up to 15 (E.164).
    # A date (8 digits) or a year range is left alone.
    if 9 <= digits <= 15:
        return PHONE_MASK
    return text


def _mask_postcode(match: re.Match) -> str:
    letters = match.group("letters")
    if letters.upper() in ("SA", "SD", "SS"):
        return match.group(0)
    # "1234 en 2027" is a sentence; "1234 EN", "1234en" and "1234 en 12" are postcodes
    # only when typed like one (capitals or no space); a lower-case common word after
    # a number is left alone.
    if letters.islower() and match.group("space") and letters in _NOT_POSTCODE_LETTERS:
        return match.group(0)
    return POSTCODE_MASK


def mask(text: str) -> str:
    """``text`` with personal details replaced by placeholders.

    E-mail addresses -> ``[e-mail]``, IBANs -> ``[IBAN]``, Dutch postcodes with
    their house number -> ``[postcode]``, phone numbers (Dutch and international,
    9-15 digits however they are grouped) -> ``[telefoon]``. Masking errs on the side
    of hiding: a nine-digit number that is not a phone number is masked too.

    Examples
    --------
    >>> mask("Mail jan.jansen@example.nl of bel 06-12345678")
    'Mail [e-mail] of bel [telefoon]'
    >>> mask("Ik woon op 9753 TB 10 in Haren")
    'Ik woon op [postcode] in Haren'
    """
    text = _EMAIL.sub(EMAIL_MASK, text)
    text = _IBAN.sub(lambda m: IBAN_MASK if sum(c.isdigit() for c in m.group(0)) >= 8
                     else m.group(0), text)
    text = _PHONE.sub(_mask_phone, text)
    return _POSTCODE.sub(_mask_postcode, text)


# --- where the log lives ------------------------------------------------------------

def gaps_enabled(env: dict | None = None) -> bool:
    """False when ``$PRIVACY_DESK_GAPS`` switches recording off."""
    value = (os.environ if env is None else env).get(ENV_VAR, "").strip().lower()
    return value not in _OFF


def default_gaps_path(env: dict | None = None) -> Path:
    """``$PRIVACY_DESK_GAPS`` when it names a file, else ``gaps.jsonl`` in the user's
    data directory (next to the default register)."""
    value = (os.environ if env is None else env).get(ENV_VAR, "").strip()
    if value and value.lower() not in _OFF:
        return Path(value).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("privacy-desk", appauthor=False)) / "gaps.jsonl"


def should_record(reply, threshold: float = LOW_CONFIDENCE) -> bool:
    """True for a reply worth logging: no answer, or an answer scoring below
    ``threshold``; never for an empty question."""
    question = getattr(reply, "question", "") or ""
    if not question.strip():
        return False
    return not getattr(reply, "answered", False) or float(getattr(reply, "score", 0.0)) \
        < threshold


# --- the log ------------------------------------------------------------------------

class GapLog:
    """An append-only JSON Lines log of unanswered questions.

    Parameters
    ----------
    path : str or Path
        The log file; created (mode 0600, its folder 0700) on the first record.
    threshold : float, keyword-only
        Answers scoring below this are recorded as low confidence.
    clock : callable, keyword-only, optional
        Returns today's date (tests); default today in Europe/Amsterdam.

    Examples
    --------
    >>> log = GapLog(tmp_path / "gaps.jsonl")                         # doctest: +SKIP
    >>> log.record(bot.ask("Mag mijn hond mee naar kantoor?"))         # doctest: +SKIP
    True
    """

    def __init__(self, path: str | os.PathLike, *, threshold: float = LOW_CONFIDENCE,
                 clock=None):
        self.path = Path(path)
        self.threshold = threshold
        self._clock = clock or today_amsterdam

    def __repr__(self) -> str:
        return f"GapLog({str(self.path)!r})"

    def record(self, reply) -> bool:
        """Log ``reply`` (an assistant ``Reply``) if :func:`should_record` says so.

        Returns
        -------
        bool
            Whether a line was written.
        """
        if not should_record(reply, self.threshold):
            return False
        self.append(question=reply.question, lang=getattr(reply, "lang", None),
                    score=float(getattr(reply, "score", 0.0)),
                    answered=bool(getattr(reply, "answered", False)),
                    faq_id=getattr(reply, "faq_id", None))
        return True

    def append(self, *, question: str, lang: str | None, score: float, answered: bool,
               faq_id: str | None) -> dict:
        """Write one masked record; returns what was written."""
        entry = {
            "date": self._clock().isoformat(),
            "question": mask(" ".join(str(question).split()))[:MAX_QUESTION_CHARS],
            "lang": lang if lang in ("nl", "en") else None,
            "score": round(float(score), 1),
            "answered": bool(answered),
            "faq_id": faq_id,
        }
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
        return entry

    def entries(self) -> list[dict]:
        """Every record, oldest first; unreadable lines are skipped."""
        if not self.path.exists():
            return []
        out = []
        with open(self.path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                try:
                    item = json.loads(line)
                except ValueError:
                    continue
                if isinstance(item, dict) and isinstance(item.get("question"), str):
                    out.append(item)
        return out

    def groups(self, *, top: int | None = None, threshold: float = GROUP_THRESHOLD
               ) -> list["GapGroup"]:
        """The logged questions grouped by similarity; see :func:`group_gaps`."""
        return group_gaps(self.entries(), top=top, threshold=threshold)


def open_gap_log(path: str | os.PathLike | None = None, *, env: dict | None = None
                 ) -> GapLog | None:
    """The gap log at ``path`` (default :func:`default_gaps_path`), or None when
    ``$PRIVACY_DESK_GAPS`` is ``off`` and no path is given."""
    if path is not None:
        return GapLog(path)
    if not gaps_enabled(env):
        return None
    return GapLog(default_gaps_path(env))


# --- grouping -----------------------------------------------------------------------

@dataclass
class GapGroup:
    """Similar logged questions: the most common wording and how often it came up."""

    representative: str
    count: int
    questions: list[str] = field(default_factory=list)   # distinct wordings, most common first
    langs: list[str] = field(default_factory=list)
    answered: int = 0          # how many got a (low-confidence) answer
    last_date: str = ""

    def to_dict(self) -> dict:
        return {"representative": self.representative, "count": self.count,
                "questions": self.questions, "langs": self.langs,
                "answered": self.answered, "last_date": self.last_date}


def group_gaps(entries: Iterable[dict | str], *, top: int | None = None,
               threshold: float = GROUP_THRESHOLD) -> list[GapGroup]:
    """Cluster similar questions, largest group first.

    Each question is normalised (:func:`privacy_kb.language.normalise`); identical
    normalised questions count together. Then, most frequent first, each question
    joins the first group whose seed it matches with ``token_set_ratio >=
    threshold``, or starts a new group (greedy clustering: deterministic, no
    dependency on input order beyond ties, which are broken alphabetically).

    Parameters
    ----------
    entries : iterable of dict or str
        Log records (``{"question": …}``) or bare questions.
    top : int, optional
        Only the ``top`` largest groups.
    threshold : float
        Similarity 0-100 needed to join a group.

    Returns
    -------
    list of GapGroup
        Ranked by count (then by representative); the representative is the group's
        most frequent wording (the shortest among equally frequent ones).
    """
    from rapidfuzz import fuzz

    from privacy_kb.language import normalise

    # normalised key -> wordings with counts, languages, answered count, last date
    buckets: dict[str, dict] = {}
    for item in entries:
        record = {"question": item} if isinstance(item, str) else item
        text = " ".join(str(record.get("question", "")).split())
        if not text:
            continue
        key = normalise(text) or text.lower()
        bucket = buckets.setdefault(key, {"count": 0, "wordings": {}, "langs": set(),
                                          "answered": 0, "last": ""})
        bucket["count"] += 1
        bucket["wordings"][text] = bucket["wordings"].get(text, 0) + 1
        if record.get("lang"):
            bucket["langs"].add(record["lang"])
        bucket["answered"] += bool(record.get("answered"))
        bucket["last"] = max(bucket["last"], str(record.get("date") or ""))

    order = sorted(buckets, key=lambda k: (-buckets[k]["count"], k))
    clusters: list[dict] = []
    for key in order:
        bucket = buckets[key]
        home = next((c for c in clusters
                     if fuzz.token_set_ratio(key, c["seed"]) >= threshold), None)
        if home is None:
            home = {"seed": key, "count": 0, "wordings": {}, "langs": set(), "answered": 0,
                    "last": ""}
            clusters.append(home)
        home["count"] += bucket["count"]
        for text, n in bucket["wordings"].items():
            home["wordings"][text] = home["wordings"].get(text, 0) + n
        home["langs"] |= bucket["langs"]
        home["answered"] += bucket["answered"]
        home["last"] = max(home["last"], bucket["last"])

    groups = []
    for c in clusters:
        # most frequent wording first; ties: the shorter (usually the plainest), then A-Z
        wordings = sorted(c["wordings"], key=lambda w: (-c["wordings"][w], len(w), w))
        groups.append(GapGroup(representative=wordings[0], count=c["count"],
                               questions=wordings, langs=sorted(c["langs"]),
                               answered=c["answered"], last_date=c["last"]))
    groups.sort(key=lambda g: (-g.count, g.representative))
    return groups[:top] if top is not None else groups
