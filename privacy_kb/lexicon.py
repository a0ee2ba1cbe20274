"""How common a word is in Dutch or English, and the closest common word to a typo.

Built from ``wordfreq``'s frequency lists for both languages (Zipf scale: 6 is "the",
3 a word seen once per million words), ascii-folded and lower-cased, and cached (see
:mod:`privacy_kb.cache`), so only the first run after an install pays for building
it. Without ``wordfreq`` every word counts as unknown, which is what the matcher did
before: answers get more cautious, never wrong.

The matcher uses it twice: an unknown word that is common in the language ("koffie",
"vakantie", "actually") says little about whether the FAQ can answer, a rare one
("escrow") may mean the question is out of scope; and a misspelt common word
("jullei", "vakantei") is recognised as that word rather than as something rare.
"""

from __future__ import annotations

import unicodedata

MIN_ZIPF = 2.5          # rarer words are left out: they weigh as unknown words do
LANG_MARGIN = 1.0       # a word this much more common (Zipf) in one language marks it
TYPO_TARGET_ZIPF = 4.0  # a typo is only read as a word at least this common
_LANGS = ("nl", "en")

_DATA: dict | None = None


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _build() -> dict:
    try:
        import math

        import wordfreq
    except ImportError:
        return {"zipf": {}, "by_len": {}, "lang": {}, "source": None}
    per_lang: dict[str, dict[str, int]] = {}
    for lang in _LANGS:
        values = per_lang[lang] = {}
        for word, freq in wordfreq.get_frequency_dict(lang).items():
            if freq <= 0:
                continue
            z = math.log10(freq) + 9.0
            if z < MIN_ZIPF or not word.isalpha():
                continue
            key = _fold(word)
            value = int(round(z * 10))
            if values.get(key, 0) < value:
                values[key] = value
    nl, en = per_lang["nl"], per_lang["en"]
    zipf: dict[str, int] = {}
    lang_of: dict[str, str] = {}
    for key in nl.keys() | en.keys():
        a, b = nl.get(key, 0), en.get(key, 0)
        zipf[key] = max(a, b)
        if abs(a - b) >= LANG_MARGIN * 10:
            lang_of[key] = "nl" if a > b else "en"
    by_len: dict[int, list[str]] = {}
    for word, value in sorted(zipf.items(), key=lambda item: (-item[1], item[0])):
        if value >= TYPO_TARGET_ZIPF * 10 and len(word) >= 3:
            by_len.setdefault(len(word), []).append(word)
    return {"zipf": zipf, "by_len": by_len, "lang": lang_of, "source": "wordfreq"}


def _data() -> dict:
    global _DATA
    if _DATA is None:
        from privacy_kb.cache import cached, content_key

        # Keyed by the settings only: importing wordfreq to ask its version would cost
        # more than the whole answer. A list built without wordfreq is built again.
        key = content_key("lexicon", str(MIN_ZIPF), str(TYPO_TARGET_ZIPF), str(LANG_MARGIN))
        _DATA = cached("lexicon", key, _build)
        if _DATA.get("source") is None:
            _DATA = _build()
    return _DATA


def zipf(word: str) -> float:
    """How common ``word`` is in Dutch or English (the more common of the two), on the
    Zipf scale; 0.0 when it is not a known word."""
    return _data()["zipf"].get(word, 0) / 10.0


def language_of(word: str) -> str | None:
    """``"nl"`` or ``"en"`` when ``word`` is far more common in that language
    ("betekenis", "meaning"); None for words both use, or neither."""
    return _data().get("lang", {}).get(word)


def nearest_common(word: str) -> str | None:
    """The most common word at most one edit away (two for words of 8+ letters), or None."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    by_len = _data()["by_len"]
    max_edits = 1 if len(word) < 8 else 2
    best = None
    for length in range(len(word) - max_edits, len(word) + max_edits + 1):
        pool = by_len.get(length)
        if not pool:
            continue
        found = process.extractOne(word, pool, scorer=OSA.distance, score_cutoff=max_edits)
        if found is not None and (best is None or found[1] < best[1]
                                  or (found[1] == best[1] and zipf(found[0]) > zipf(best[0]))):
            best = found
    return best[0] if best else None


def words() -> list[str]:
    """Every word of the lists (Zipf ``MIN_ZIPF`` or more), most common first."""
    data = _data()["zipf"]
    return sorted(data, key=lambda w: (-data[w], w))
