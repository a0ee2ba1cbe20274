"""Rank FAQ entries for a question: a pure index over pre-normalised question variants.

How a question is scored against one variant (both normalised by
:func:`privacy_kb.language.normalise`):

1. Query tokens that are not in the FAQ's vocabulary are corrected: a misspelt word
   becomes the closest spelling seen in the FAQ (rapidfuzz optimal string alignment:
   one slip in a word under 8 letters, two in a longer one), a Dutch compound is split
   into known words ("sollicitatiegegevens"). What stays unknown still
   counts against the match, so a question about something the FAQ does not cover
   scores low.
2. Weighted overlap, each token weighted by its inverse document frequency over
   entries (damped: ``idf ** 0.75``, so one rare filler word cannot dominate):
   ``coverage_q`` is the share of the question's weight the variant explains,
   ``coverage_v`` the share of the variant's weight the question explains, and
   ``coverage_e`` the share the entry's whole profile (all its variants and answers)
   explains.
3. For the best candidates, a character-level rapidfuzz ``token_sort_ratio`` of the
   two normalised strings rewards close wording.

``score = 100 * (0.45 coverage_q + 0.20 coverage_e + 0.20 coverage_v + 0.15 chars)``;
an entry scores as its best variant and reports ``coverage_e`` as its ``coverage``.
Variants are normalised once, at build time.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from operator import itemgetter

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from privacy_kb import lexicon
from privacy_kb.language import (MODIFIERS, STOP_EN, STOP_NL, SYNONYMS, canonical,
                                 normalise_tokens, tokenize)

W_COVER_Q = 0.45
W_COVER_V = 0.20
W_CHARS = 0.15
W_ENTRY = 0.20
IDF_POWER = 0.75
_LONG_WORD = 8
_UNSEEN = object()
_STOP_WORDS = sorted(w for w in STOP_NL | STOP_EN if len(w) >= 5)
_SHORT_WORDS = sorted({w for w in STOP_NL | STOP_EN if 3 <= len(w) <= 4} |
                      {"what", "who", "why", "how", "wat", "wie", "hoe", "waar", "when"})
_RERANK = 20          # variants re-scored with the character-level ratio
CONTEXT_WEIGHT = 0.5  # a context word weighs half a word of the question itself
_ENTRIES_KEPT = 8     # entries scored in full before the bound may stop the search
_MIN_TYPO_LEN = 4
_MIN_PART = 3
_REAL_WORD_ZIPF = 3.5   # this common (Zipf) in Dutch or English: a word, not a typo
# A real word this much rarer (Zipf) than a function word one edit away is a slip of
# it ("julie" 4.1 / "jullie" 5.9); "cloud" (4.5) / "could" (6.1) stays a word.
_SLIP_GAP = 1.7
# An unknown word weighs by how rare it is: a rare one ("escrow") may mean "out of
# scope", a common one ("koffie", "actually") says little. Zipf 2 or rarer (and
# non-words) weigh fully, Zipf 6 ("the") weighs _COMMON_FLOOR.
_RARE_ZIPF, _COMMON_ZIPF, _COMMON_FLOOR = 2.5, 6.0, 0.15


def _compound_zipf(token: str) -> float:
    """How common a Dutch compound's parts are ("leveranciersadministratie": the rarer
    of "leveranciers" and "administratie"), allowing a linking s; 0.0 when it does not
    split into two words of the language."""
    best = 0.0
    for cut in range(4, len(token) - 3):
        head, tail = token[:cut], token[cut:]
        head_z = lexicon.zipf(head) or (lexicon.zipf(head[:-1]) if head.endswith("s") else 0.0)
        if head_z < 3.0:
            continue
        tail_z = lexicon.zipf(tail)
        if tail_z >= 3.0:
            best = max(best, min(head_z, tail_z))
    return best


@dataclass(frozen=True)
class Candidate:
    """One ranked entry: its index in the FAQ, score 0-100, best variant and its language,
    and how much of the question it explains."""

    entry: int
    score: float
    variant: int
    lang: str
    coverage: float = 1.0   # share of the question's weight the entry explains (0-1)
    variant_cover: float = 1.0   # share of the best variant's weight the question explains


class MatchIndex:
    """Inverted index over question variants.

    Parameters
    ----------
    variants : iterable of (entry index, language, question text)
        Every question variant of every entry.

    Examples
    --------
    >>> idx = MatchIndex([(0, "en", "How long do you keep my CV?"),
    ...                   (1, "en", "Which cookies do you use?")])
    >>> idx.search("hoe lang bewaren jullie mijn cv")[0].entry
    0
    """

    def __init__(self, variants, profiles=None):
        self.entry_of: list[int] = []
        self.lang_of: list[str] = []
        # Each variant's normalised words (a set, and as text): what the tables below are
        # built from; not kept (a smaller index loads faster from the cache).
        tokens_of: list[frozenset[str]] = []
        text_of: list[str] = []
        surface: set[str] = set(SYNONYMS)
        lang_counts: dict[str, dict[str, int]] = {}
        for entry, lang, text in variants:
            raw = tokenize(text)
            surface.update(raw)
            for word in set(raw):
                counts = lang_counts.setdefault(word, {})
                counts[lang] = counts.get(lang, 0) + 1
            toks = normalise_tokens(text)
            self.entry_of.append(entry)
            self.lang_of.append(lang)
            tokens_of.append(frozenset(toks))
            text_of.append(" ".join(toks))
        # An entry's profile: all its variants' words plus its answers' words.
        self.entry_tokens: dict[int, set[str]] = {}
        for entry, toks in zip(self.entry_of, tokens_of):
            self.entry_tokens.setdefault(entry, set()).update(toks)
        for entry, text in (profiles or {}).items():
            surface.update(tokenize(text))
            self.entry_tokens.setdefault(entry, set()).update(normalise_tokens(text))
        self.entry_postings: dict[str, list[int]] = {}
        for entry, toks in self.entry_tokens.items():
            for tok in toks:
                self.entry_postings.setdefault(tok, []).append(entry)
        n_entries = max(1, len(self.entry_tokens))
        self.idf = {tok: math.log(1.0 + n_entries / len(ents)) ** IDF_POWER
                    for tok, ents in self.entry_postings.items()}
        self.max_idf = max(self.idf.values(), default=1.0)
        # An unknown word weighs as much as a fairly rare known one.
        self.unknown_weight = math.log(1.0 + n_entries / 2.0) ** IDF_POWER
        self.doc_weight = [sum(self.idf[t] for t in toks) or 1.0 for toks in tokens_of]
        self.docs_of: dict[int, list[int]] = {}
        self.variant_postings: dict[str, list[int]] = {}
        for doc, entry in enumerate(self.entry_of):
            self.docs_of.setdefault(entry, []).append(doc)
        for entry, docs in self.docs_of.items():
            for tok in set().union(*(tokens_of[d] for d in docs)):
                self.variant_postings.setdefault(tok, []).append(entry)
        # An entry's lightest variant: a variant explains at most the weight its entry's
        # variants together explain, over at least this weight (for the search bound).
        self.min_doc_weight = {entry: min(self.doc_weight[d] for d in docs)
                               for entry, docs in self.docs_of.items()}
        # Per entry, per token: the entry's variants holding it (in variant order), so
        # that scoring an entry touches only the variants sharing a word with the query.
        self.token_docs: dict[int, dict[str, tuple[int, ...]]] = {}
        for entry, docs in self.docs_of.items():
            by_token: dict[str, list[int]] = {}
            for doc in docs:
                for tok in tokens_of[doc]:
                    by_token.setdefault(tok, []).append(doc)
            self.token_docs[entry] = {tok: tuple(ds) for tok, ds in by_token.items()}
        # The variants' words sorted, as the character-level ratio compares them
        # (rapidfuzz's token_sort_ratio is the ratio of the sorted words).
        self.sorted_text_of = [" ".join(sorted(text.split())) for text in text_of]
        # Every spelling seen (and every synonym) that leads to a known token: a typo
        # is corrected against these, so "newletter" finds "newsletter" -> nieuwsbrief.
        self.surface = {word: canon for word in surface
                        if (canon := canonical(word)) is not None and canon in self.idf}
        self.surface_words = sorted(self.surface)   # sorted: ties resolve the same way every run
        # Words that mark a language in this FAQ: seen (nearly) only in one language.
        self.lexicon = {word: max(counts, key=counts.get) for word, counts in lang_counts.items()
                        if len(counts) == 1 or max(counts.values()) >= 4 * min(counts.values())}
        self._corrections: dict[str, object] = {}
        self._rarity: dict[str, float] = {}
        self.lemmas: dict[str, str] = {}

    def add_lemmas(self, words, lemmatize) -> int:
        """Learn other forms of the FAQ's words: every word in ``words`` whose lemma
        (``lemmatize(word)``) is a known token while the word itself is not ("plaatst"
        -> "plaatsen", "gesolliciteerd" -> "solliciteren"). Done once, when the index is
        built, so that answering needs no lemmatiser. Returns how many were learnt."""
        for word in words:
            if word in self.surface or canonical(word) in self.idf:
                continue
            try:
                lemma = lemmatize(word)
            except Exception:  # noqa: BLE001 - a lemmatiser hiccup costs one word
                continue
            canon = canonical(lemma) if lemma and lemma != word else None
            if canon is not None and canon in self.idf and canon not in MODIFIERS:
                self.lemmas[word] = canon
        self._corrections.clear()
        return len(self.lemmas)

    def __len__(self) -> int:
        return len(self.entry_of)

    def correct(self, token: str) -> tuple[tuple[str, float], ...] | None:
        """Known tokens a raw query word stands for, each with a similarity 0-1.

        A known word stands for itself; an unknown one for its closest spelling, or
        for the parts of a compound; None for a stop word (or a misspelt one: "julie"),
        empty when nothing fits.
        """
        cached = self._corrections.get(token, _UNSEEN)
        if cached is not _UNSEEN:
            return cached
        canon = canonical(token)
        found: tuple[tuple[str, float], ...] | None = ()
        if canon is None:
            found = None
        elif canon in self.idf:
            found = ((canon, 1.0),)
        elif token in self.lemmas:
            found = ((self.lemmas[token], 1.0),)
        elif len(token) == 3 and token.isalpha() and lexicon.zipf(token) == 0.0:
            # A short non-word is a slip of a short function or question word
            # ("wht", "hwo", "jij"): one edit from one, it is that word.
            near = process.extractOne(token, _SHORT_WORDS, scorer=OSA.distance,
                                      score_cutoff=1)
            if near is not None:
                canon_near = canonical(near[0])
                found = ((canon_near, 0.9),) if canon_near in self.idf else None
        elif len(token) >= _MIN_TYPO_LEN and not token.isdigit():
            # A common word of the language is what it says ("date" is no "data");
            # only a non-word is read as a slip of a known one.
            real_word = lexicon.zipf(token) >= _REAL_WORD_ZIPF
            # One slip (a wrong, missing, extra or swapped letter) in a short word, two
            # in a long one: "newletter", "chnage", "portabilty", "unsubscrbe".
            max_edits = 1 if len(token) < _LONG_WORD else 2
            best = None if real_word else process.extractOne(
                token, self.surface_words, scorer=OSA.distance, score_cutoff=max_edits)
            if best is not None:
                similarity = 1.0 - best[1] / max(len(token), len(best[0]))
                found = ((self.surface[best[0]], similarity),)
            elif len(token) >= 5 and self._slip_of_stop_word(token, real_word):
                found = None
            else:
                found = self._split_compound(token)
        if len(self._corrections) < 50_000:
            self._corrections[token] = found
        return found

    @staticmethod
    def _slip_of_stop_word(token: str, real_word: bool) -> bool:
        """``token`` is a slip of a function word ("julie" for "jullie", "witch" for
        "which"): one edit from one, and no word, or a far rarer one (a name)."""
        near = process.extractOne(token, _STOP_WORDS, scorer=OSA.distance, score_cutoff=1)
        if near is None:
            return False
        return not real_word or lexicon.zipf(near[0]) - lexicon.zipf(token) >= _SLIP_GAP

    def rarity(self, token: str) -> float:
        """Weight factor (``_COMMON_FLOOR``-1) of an unknown query word: 1 for a rare word
        or a non-word, less the more common the word (or the word it misspells) is."""
        found = self._rarity.get(token)
        if found is None:
            found = self._rarity_of(token)
            if len(self._rarity) < 50_000:
                self._rarity[token] = found
        return found

    def _rarity_of(self, token: str) -> float:
        z = lexicon.zipf(token)
        if z == 0.0 and len(token) >= 9 and token.isalpha():
            z = _compound_zipf(token)
        if z == 0.0 and len(token) >= _MIN_TYPO_LEN and not token.isdigit():
            near = lexicon.nearest_common(token)
            z = lexicon.zipf(near) if near else 0.0
        if z <= _RARE_ZIPF:
            return 1.0
        share = (z - _RARE_ZIPF) / (_COMMON_ZIPF - _RARE_ZIPF)
        return max(_COMMON_FLOOR, 1.0 - share * (1.0 - _COMMON_FLOOR))

    def _split_compound(self, token: str, depth: int = 0) -> tuple[tuple[str, float], ...]:
        """Known words a compound is made of ("websitebezoekgegevens"), or ()."""
        if depth > 2:
            return ()
        for cut in range(len(token) - _MIN_PART, _MIN_PART - 1, -1):   # longest head first
            head = canonical(token[:cut])
            if head not in self.idf:
                continue
            tail_raw = token[cut:]
            tail = canonical(tail_raw)
            if tail in self.idf:
                return ((head, 0.9), (tail, 0.9))
            rest = self._split_compound(tail_raw, depth + 1)
            if rest:
                return ((head, 0.9),) + rest
        return ()

    def breadth(self, text: str) -> tuple[float, int]:
        """How broad ``text`` is: the share of entries that mention every topic word of
        it, and how many known words it has (question words included).

        ("gegevens") -> (0.74, 1): a bare word most of the FAQ is about; ("hoe lang
        bewaren jullie mijn cv") -> (0.04, 3); ("what is a cookie?") -> (0.31, 2).
        """
        known = [k for tok in dict.fromkeys(tokenize(text))
                 for k, _ in (self.correct(tok) or ())]
        lists = [self.entry_postings.get(k, ()) for k in known if k not in MODIFIERS]
        if not lists:
            return 0.0, len(known)
        common = set(lists[0]).intersection(*lists[1:])
        return len(common) / max(1, len(self.entry_tokens)), len(known)

    def search(self, text: str, limit: int = 5, lang: str | None = None) -> list[Candidate]:
        """The best ``limit`` entries for ``text``, best first (one candidate per entry).

        On equal scores a variant in ``lang`` wins, so the reported language follows
        the asker's.
        """
        return self.analyse(text, limit, lang)[0]

    def analyse(self, text: str, limit: int = 5, lang: str | None = None,
                context: str = "", context_weight: float = CONTEXT_WEIGHT,
                ) -> tuple[list[Candidate], dict[str, float]]:
        """:meth:`search`, plus what the question is made of (``context``: the sentences
        before it, weighing ``CONTEXT_WEIGHT``): the weight of its known
        words (``known``), of its unknown rare words (``rare``) and unknown common words
        (``common``), how many topic words it has (``topics``) and how specific its most
        specific one is (``specific``: its idf over the highest idf, 0-1)."""
        raw_tokens = list(dict.fromkeys(tokenize(text)))[:64]
        query: dict[str, float] = {}   # known token -> similarity
        query_weight = 0.0
        stats = {"known": 0.0, "rare": 0.0, "common": 0.0, "topics": 0.0, "specific": 0.0,
                 "unknown": 0.0}
        for tok in raw_tokens:
            matches = self.correct(tok)
            if not matches:
                if matches is not None:
                    r = self.rarity(tok)
                    stats["unknown"] += 1.0
                    query_weight += self.unknown_weight * r
                    stats["rare" if r >= 0.5 else "common"] += self.unknown_weight * r
                continue
            for known, sim in matches:
                if known not in query:
                    query[known] = sim
                    query_weight += self.idf[known]
        # What was said before the question tells its topic, at a lower weight; its
        # unknown words (the story around the question) do not count against it.
        for tok in dict.fromkeys(tokenize(context)) if context else ():
            for known, sim in self.correct(tok) or ():
                if known not in query:
                    query[known] = sim * context_weight
                    query_weight += self.idf[known] * context_weight
        stats["known"] = query_weight - stats["rare"] - stats["common"]
        stats["topics"] = float(sum(tok not in MODIFIERS for tok in query))
        top_idf = max((self.idf[tok] for tok in query if tok not in MODIFIERS), default=0.0)
        stats["specific"] = top_idf / self.max_idf if self.max_idf else 0.0
        if not any(tok not in MODIFIERS for tok in query):
            return [], stats   # "how are you?": a question word alone names no topic
        idf = self.idf
        weights = {tok: idf[tok] * sim for tok, sim in query.items()}
        entry_acc: dict[int, float] = {}
        variant_acc: dict[int, float] = {}
        entry_postings, variant_postings = self.entry_postings, self.variant_postings
        for tok, w in weights.items():
            postings = entry_postings.get(tok)
            if postings:
                if entry_acc:
                    for entry in postings:
                        entry_acc[entry] = entry_acc.get(entry, 0.0) + w
                else:
                    entry_acc = dict.fromkeys(postings, w)
            # A variant explains at most what the entry's variants together explain.
            postings = variant_postings.get(tok)
            if postings:
                if variant_acc:
                    for entry in postings:
                        variant_acc[entry] = variant_acc.get(entry, 0.0) + w
                else:
                    variant_acc = dict.fromkeys(postings, w)
        if not entry_acc:
            return [], stats
        doc_weight = self.doc_weight
        inv = 1.0 / query_weight
        # Entries in order of how much of the question their profile explains; a
        # variant scores at most what its entry's profile explains, so once an entry's
        # bound falls below the best entries found, no later one can beat them.
        acc: dict[int, float] = {}
        scored: list[tuple[int, float]] = []
        min_dw = self.min_doc_weight
        # (the arithmetic as written in the formula: the same rounding, the same ties)
        bounds = [((W_COVER_Q * v + W_ENTRY * entry_acc[e]) * inv
                   + (W_COVER_V * (v / min_dw[e]) if v < min_dw[e] else W_COVER_V), e)
                  for e, v in variant_acc.items()]
        bounds.sort()
        kept: list[float] = []   # the best _ENTRIES_KEPT entry scores so far (a min-heap)
        token_docs = self.token_docs
        witems = list(weights.items())
        while bounds:
            bound, entry = bounds.pop()
            if len(kept) >= _ENTRIES_KEPT and bound < kept[0]:
                break
            entry_part = W_ENTRY * entry_acc[entry] * inv
            by_token = token_docs[entry]
            local: dict[int, float] = {}
            for tok, w in witems:
                docs = by_token.get(tok)
                if docs is not None:
                    if local:
                        for doc in docs:
                            local[doc] = local.get(doc, 0.0) + w
                    else:
                        local = dict.fromkeys(docs, w)
            top = 0.0
            for doc in sorted(local):
                s = local[doc]
                dw = doc_weight[doc]
                rough_score = W_COVER_Q * s * inv + entry_part + \
                    (W_COVER_V * (s / dw) if s < dw else W_COVER_V)
                scored.append((doc, rough_score))
                if rough_score > top:
                    top = rough_score
            acc.update(local)
            if len(kept) < _ENTRIES_KEPT:
                heapq.heappush(kept, top)
            elif top > kept[0]:
                heapq.heapreplace(kept, top)
        if not scored:
            return [], stats
        # sorted(...)[:n] is heapq.nlargest(n, ...), ties in the same order, and faster here
        rough = sorted(scored, key=itemgetter(1), reverse=True)[:_RERANK]
        entry_of, lang_of, sorted_text_of = self.entry_of, self.lang_of, self.sorted_text_of
        query_text = " ".join(sorted(query))
        ratio = fuzz.ratio
        best: dict[int, tuple[float, int]] = {}   # entry -> (score, its best variant)
        for doc, partial in rough:
            chars = ratio(query_text, sorted_text_of[doc]) / 100.0
            score = round(100.0 * (partial + W_CHARS * chars), 1)
            entry = entry_of[doc]
            held = best.get(entry)
            if held is None or score > held[0] or (
                    score == held[0] and lang_of[held[1]] != lang and lang_of[doc] == lang):
                best[entry] = (score, doc)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
        return [Candidate(entry, score, doc, lang_of[doc],
                          min(1.0, entry_acc.get(entry, 0.0) / query_weight),
                          min(1.0, acc[doc] / doc_weight[doc]))
                for entry, (score, doc) in ranked], stats
