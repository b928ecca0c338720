"""From written words to text features: each language's function words, stems and character n-grams.

A text is read in one language (said or detected, see :func:`detect_language`). Its
words are case-folded; a function word of that language (the ``stop-words`` package's
list, and Japanese written in hiragana alone) gives nothing; any other word gives its
Snowball stem where Snowball has a stemmer for the language, and otherwise (Japanese,
Chinese, Korean, Thai ...) the word itself and its character n-grams within the word
(also, by default, in inflection-rich languages), so that inflected forms and
compounds written without spaces still meet. Hyphenated words also give the stem of
the parts written together (``edit-a-thons`` meets ``editathons``).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import lru_cache
from itertools import chain
from typing import Any

import snowballstemmer  # type: ignore[import-untyped]
import stop_words  # type: ignore[import-untyped]

from matching.table.text import WORD_JOINERS

#: Prefix of character n-gram terms: a space never occurs inside a word, so they never meet a stem.
GRAM = " "
#: Snowball's name for each language code it has a stemmer for.
STEMMERS = {
    code: name
    for code, name in {
        "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
        "da": "danish", "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian",
        "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
        "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian",
        "ne": "nepali", "no": "norwegian", "nb": "norwegian", "fa": "persian", "pl": "polish",
        "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian", "st": "sesotho",
        "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish", "yi": "yiddish",
    }.items()
    if name in snowballstemmer.algorithms()
}  # fmt: skip


#: Languages whose words also give character n-grams by default, beside those with no stemmer:
#: rich inflection, root-and-pattern morphology or compounding, where n-grams find the shared
#: part of forms a suffix-stripping stemmer leaves apart (and which, in IR evaluations, gain
#: most from n-grams). English, Spanish, Italian, Portuguese and French keep stems alone:
#: Snowball serves them well and their vectors stay sparse, so scoring stays fast.
NGRAM_LANGUAGES = (
    "ar", "bg", "cs", "de", "fa", "fi", "he", "hi", "hu", "nl", "pl", "ru", "sk", "sv", "tr", "uk",
)  # fmt: skip


@lru_cache(maxsize=256)
def base_code(language: str) -> str:
    """``pt-BR`` and ``pt_br`` are ``pt``: resources are per language, not per region."""
    return language.replace("_", "-").split("-", 1)[0].lower()


@lru_cache(maxsize=128)
def function_words(language: str) -> frozenset[str]:
    """The function words of ``language`` (``stop-words`` package), case-folded; empty if it has none."""
    code = base_code(language)
    if code not in stop_words.LANGUAGE_MAPPING:
        return frozenset()
    return frozenset(w.casefold() for w in stop_words.get_stop_words(code))


#: Share of a text's words that are function words of the writer's first language for it to be
#: taken as written in that language without a vote (running text has 30 to 50%).
FIRST_LANGUAGE_SHARE = 0.2


@lru_cache(maxsize=1)
def _voters() -> dict[str, tuple[tuple[str, float], ...]]:
    """Each function word of any language, the languages it belongs to and its vote in each.

    A word of many languages' lists ("je", "i", "to") is weak evidence: a share of a vote each.
    """
    index: dict[str, list[str]] = {}
    for code in sorted(stop_words.LANGUAGE_MAPPING):
        for word in function_words(code):
            index.setdefault(word, []).append(code)
    return {word: tuple((code, 1 / len(codes)) for code in codes) for word, codes in index.items()}


def detect_language(words: Sequence[str], listed: Sequence[str]) -> str:
    """The language a text is written in: the one whose function words it uses most.

    Function words are the most frequent words of a language, so even a short text
    names its language by them, at the cost of a dictionary look-up per word. Most
    people write in their first language: when at least :data:`FIRST_LANGUAGE_SHARE`
    of the words are its function words, it is taken without a vote. Otherwise a word
    of several languages' lists counts as a share of a vote for each. A language the
    person listed gets half a vote more and wins a tie; with no function word at all,
    the first listed language is taken.

    Parameters
    ----------
    words : sequence of str
        The text's words, case-folded.
    listed : sequence of str
        The languages the person speaks, most fluent first.

    Returns
    -------
    str
        A base language code (``""`` when nothing is known).
    """
    codes = [base_code(c) for c in listed]
    if codes and len(words) and _uses(words, codes[0]) >= FIRST_LANGUAGE_SHARE:
        return codes[0]
    voters = _voters()
    hits = Counter([w for w in words if w in voters])
    if not hits:
        return codes[0] if codes else ""
    votes = dict.fromkeys(codes, 0.5)
    for word, count in hits.items():
        for code, share in voters[word]:
            votes[code] = votes.get(code, 0.0) + count * share
    best = max(votes, key=votes.__getitem__)
    # Among equals, the language listed first.
    return next((c for c in codes if votes[c] == votes[best]), best)


def _uses(words: Sequence[str], language: str) -> float:
    """Share of ``words`` that are function words of ``language``."""
    return sum(map(function_words(language).__contains__, words)) / len(words)


_HIRAGANA = re.compile("[\u3041-\u309f]+")


def _grammar(word: str, language: str) -> bool:
    """Japanese written in hiragana alone is mostly particles, endings and auxiliaries (です, したい)."""
    return language == "ja" and _HIRAGANA.fullmatch(word) is not None


class _Terms(dict[str, tuple[str, ...]]):
    """A word's terms, computed on first look-up."""

    def __init__(self, compute: Callable[[str], tuple[str, ...]]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, word: str) -> tuple[str, ...]:
        terms = self[word] = self.compute(word)
        return terms


class WordTerms:
    """Turn the case-folded words of a text in one language into its terms, caching each word's.

    Parameters
    ----------
    ngram_range : tuple of int
        Lengths of the character n-grams of a word with no stemmer (the word padded by a
        space on each side, as scikit-learn's ``char_wb``).
    ngrams : {"unstemmed", "all", "none"} or collection of str
        Which words give n-grams: those of languages without a stemmer, every word, none,
        or those of the languages named and of languages without a stemmer.
    stop : bool
        Drop the function words of the text's language.
    stem : bool
        Stem words of languages Snowball knows.
    """

    def __init__(
        self, ngram_range: tuple[int, int], ngrams: str | Collection[str], *, stop: bool, stem: bool
    ) -> None:
        self.ngram_range = ngram_range
        self.ngrams = ngrams
        self.stop = stop
        self.stem = stem
        self._cache: dict[str, _Terms] = {}
        # A Snowball stemmer keeps the word it works on in itself: one per thread (the app scores
        # suggestions in worker threads, and two at once in one stemmer raised IndexError).
        self._stemmers = threading.local()

    def __getstate__(self) -> dict[str, Any]:
        # Caches and stemmers rebuild on use; pickles stay small.
        return {**self.__dict__, "_cache": {}, "_stemmers": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _stemmers=threading.local())

    def terms(self, words: Iterable[str], language: str) -> list[str]:
        """The terms of a text's case-folded ``words`` read in ``language``."""
        return list(chain.from_iterable(map(self.lookup(language).__getitem__, words)))

    def lookup(self, language: str) -> dict[str, tuple[str, ...]]:
        """Case-folded word to its terms in ``language``, each word worked out once."""
        cache = self._cache.get(language)
        if cache is None:
            cache = self._cache[language] = _Terms(lambda word: self.word_terms(word, language))
        return cache

    def word_terms(self, word: str, language: str) -> tuple[str, ...]:
        """One case-folded word's terms: its stem, or itself and its n-grams; none for a function word."""
        parts = [p for p in WORD_JOINERS.split(word) if p]
        terms: dict[str, None] = {}
        for part in parts:
            terms.update(dict.fromkeys(self._part_terms(part, language)))
        if "-" in word and len(parts) > 1 and terms:
            terms.update(dict.fromkeys(self._part_terms("".join(parts), language)))
        return tuple(terms)

    def _part_terms(self, part: str, language: str) -> list[str]:
        if part.isnumeric() or (self.stop and (part in function_words(language) or _grammar(part, language))):
            return []
        if len(part) < 2 and part.isascii():
            return []
        stemmer = self._stemmer(language) if self.stem else None
        terms = [stemmer.stemWord(part) if stemmer is not None else part]
        if self._wants_grams(language, stemmer is None):
            terms += self._grams(part)
        return terms

    def _wants_grams(self, language: str, unstemmed: bool) -> bool:
        if isinstance(self.ngrams, str):
            return self.ngrams == "all" or (self.ngrams == "unstemmed" and unstemmed)
        return unstemmed or language in self.ngrams

    def _grams(self, word: str) -> list[str]:
        padded = f" {word} "
        low, high = self.ngram_range
        return [
            GRAM + padded[k : k + n]
            for n in range(low, high + 1)
            for k in range(len(padded) - n + 1)
            if n < len(padded)
        ]

    def _stemmer(self, language: str) -> Any:
        mine: dict[str, Any] | None = getattr(self._stemmers, "by_language", None)
        if mine is None:
            mine = self._stemmers.by_language = {}
        if language not in mine:
            name = STEMMERS.get(language)
            mine[language] = snowballstemmer.stemmer(name) if name else None
        return mine[language]
