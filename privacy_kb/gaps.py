"""Questions the desk could not answer: a local, anonymous log, and its groups.

The chat records a question here when it gave no answer or a low-confidence one, so
that the FAQ can be improved where people actually get stuck. The desk practises what
the statement preaches (DESIGN.md, "The desk's own privacy"):

* only the question text, its language, the match score, whether it was answered, the
  matched FAQ entry and the *date* are kept — no asker identity, no session, no time of
  day;
* every identifying detail (names, places, street addresses, dates, BSNs, IBANs, card
  numbers, e-mail addresses, phone numbers in any spelling, postcodes, other long
  numbers) is masked *before* anything is written (:func:`mask`,
  :mod:`privacy_kb.masking`). Names need deduce's tables, which load in the background:
  until they are ready a question is held in memory only and written once fully masked
  (:meth:`GapLog.record` never waits); if they cannot be loaded, nothing is written;
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
import logging
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from privacy_kb.clock import today_amsterdam
from privacy_kb.masking import (ADDRESS_MASK, BSN_MASK, CARD_MASK, DATE_MASK,  # noqa: F401
                                EMAIL_MASK, IBAN_MASK, NAME_MASK, NUMBER_MASK, PHONE_MASK,
                                PLACE_MASK, POSTCODE_MASK, MaskingUnavailable, mask,
                                name_detector)

log = logging.getLogger(__name__)

__all__ = ["ENV_VAR", "LOW_CONFIDENCE", "GapLog", "GapGroup", "mask", "should_record",
           "default_gaps_path", "open_gap_log", "gaps_enabled", "group_gaps",
           "MaskingUnavailable"]

#: Environment variable: a file path for the log, or ``off`` to record nothing.
ENV_VAR = "PRIVACY_DESK_GAPS"
#: Answers scoring below this are "low confidence" and recorded too.
LOW_CONFIDENCE = 70.0
#: Similarity (0-100, ``token_set_ratio`` on normalised text) to join a group.
GROUP_THRESHOLD = 80.0
MAX_QUESTION_CHARS = 500
_OFF = {"off", "0", "false", "no", "nee", "uit", "disabled"}

# --- masking lives in privacy_kb.masking (re-exported: DESIGN.md names gaps.mask) ---

#: Questions held in memory while the name tables load; beyond this the oldest go.
MAX_PENDING = 200


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
    """An append-only JSON Lines log of unanswered questions, masked before writing.

    Parameters
    ----------
    path : str or Path
        The log file; created (mode 0600, its folder 0700) on the first record.
    threshold : float, keyword-only
        Answers scoring below this are recorded as low confidence.
    clock : callable, keyword-only, optional
        Returns today's date (tests); default today in Europe/Amsterdam.
    detector : privacy_kb.masking.NameDetector, keyword-only, optional
        Finds names and places; default the process-wide one
        (:func:`privacy_kb.masking.name_detector`).

    Notes
    -----
    :meth:`record` never waits for the name tables. When they are not loaded yet it
    holds the question in memory (at most ``MAX_PENDING``) and writes it, fully masked,
    as soon as they are; :meth:`flush` waits for that. When they cannot be loaded the
    held questions are dropped: nothing unmasked is ever written.

    Examples
    --------
    >>> log = GapLog(tmp_path / "gaps.jsonl")                         # doctest: +SKIP
    >>> log.record(bot.ask("Mag mijn hond mee naar kantoor?"))         # doctest: +SKIP
    True
    """

    def __init__(self, path: str | os.PathLike, *, threshold: float = LOW_CONFIDENCE,
                 clock=None, detector=None):
        self.path = Path(path)
        self.threshold = threshold
        self._clock = clock or today_amsterdam
        self._detector = detector
        self._pending: list[dict] = []
        self._lock = threading.Lock()
        self.dropped = 0             # questions not written because masking failed

    def __repr__(self) -> str:
        return f"GapLog({str(self.path)!r})"

    @property
    def detector(self):
        return self._detector if self._detector is not None else name_detector()

    def record(self, reply) -> bool:
        """Log ``reply`` (an assistant ``Reply``) if :func:`should_record` says so.

        Returns at once. The question is written fully masked, now when the name
        tables are loaded, else as soon as they are (see the class notes).

        Returns
        -------
        bool
            Whether the question is kept (written, or held to be written once masked).
        """
        if not should_record(reply, self.threshold):
            return False
        item = {"date": self._clock().isoformat(), "question": str(reply.question),
                "lang": getattr(reply, "lang", None),
                "score": float(getattr(reply, "score", 0.0)),
                "answered": bool(getattr(reply, "answered", False)),
                "faq_id": getattr(reply, "faq_id", None)}
        detector = self.detector.start()
        with self._lock:
            self._pending.append(item)
            if len(self._pending) > MAX_PENDING:
                del self._pending[0]
                self.dropped += 1
        if detector.ready():
            self._write_pending()
            return True
        if detector.failed:
            self._write_pending()            # drops them, counted
            return False
        detector.when_ready(self._write_pending)
        return True

    def pending(self) -> int:
        """How many recorded questions wait for the name tables."""
        with self._lock:
            return len(self._pending)

    def flush(self, timeout: float | None = None) -> bool:
        """Wait (at most ``timeout`` seconds) until every recorded question is written;
        True when none is left waiting."""
        with self._lock:
            if not self._pending:
                return True
        self.detector.wait(timeout)
        self._write_pending()
        return self.pending() == 0

    def _write_pending(self) -> None:
        detector = self.detector
        with self._lock:
            if not detector.ready():
                if detector.failed and self._pending:
                    self.dropped += len(self._pending)
                    log.warning("gaps: %d question(s) not logged: names cannot be masked",
                                len(self._pending))
                    self._pending = []
                return
            items, self._pending = self._pending, []
            for item in items:
                try:
                    self._write(item, item["question"])
                except Exception:  # noqa: BLE001 - e.g. a read-only disk; never the text
                    self.dropped += 1
                    log.warning("gaps: could not write a question to %s", self.path)

    def append(self, *, question: str, lang: str | None, score: float, answered: bool,
               faq_id: str | None) -> dict:
        """Write one record now, fully masked (waits for the name tables if needed);
        returns what was written. Raises MaskingUnavailable when names cannot be
        masked (nothing is written then)."""
        self.detector.wait()
        item = {"date": self._clock().isoformat(), "lang": lang, "score": score,
                "answered": answered, "faq_id": faq_id}
        with self._lock:
            return self._write(item, question)

    def _write(self, item: dict, question: str) -> dict:
        text = " ".join(str(question).split())
        if len(text) > 4 * MAX_QUESTION_CHARS:
            # masking time grows with length; cut at a space, so no word (an e-mail
            # address, an IBAN) is split, well past what is kept anyway
            text = text[:4 * MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
        entry = {
            "date": item["date"],
            "question": self._mask(text)[:MAX_QUESTION_CHARS],
            "lang": item["lang"] if item["lang"] in ("nl", "en") else None,
            "score": round(float(item["score"]), 1),
            "answered": bool(item["answered"]),
            "faq_id": item["faq_id"],
        }
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
        return entry

    def _mask(self, text: str) -> str:
        from privacy_kb.masking import _apply, find_spans

        detector = self.detector
        if not detector.ready():
            raise MaskingUnavailable(detector.failed or "the name tables are not loaded")
        return _apply(text, find_spans(text, detector))

    def entries(self, *, timeout: float | None = 120.0) -> list[dict]:
        """Every record, oldest first; unreadable lines are skipped. Questions this
        log recorded that still wait for the name tables are written first (waiting at
        most ``timeout`` seconds).

        Each question is masked again on the way out (masking is idempotent), so a
        log written before names were masked shows nothing identifying either.

        Raises
        ------
        MaskingUnavailable
            When the name tables cannot be loaded: nothing is returned unmasked.
        """
        self.flush(timeout)
        if self.path.exists() and not self.detector.wait(timeout):
            raise MaskingUnavailable(self.detector.failed or "the name tables are not loaded")
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
                    item["question"] = self._mask(item["question"])
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
