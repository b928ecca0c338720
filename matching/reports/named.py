"""The words a reason names: whole words as people wrote them, content words of their languages only.

A text feature is a stem or a character n-gram; a reason never names one. It names the
word the person wrote behind a stem (:meth:`~matching.scoring.vectorize.ProfileVectorizer.surface_words`),
only when both people wrote a content word for it: a word of letters, long enough to carry
meaning, that is no function word of any language either person speaks. One word is named
once, whatever its case or inflection.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from matching.scoring.vectorize import ProfileVectorizer
from matching.scoring.words import function_words
from matching.table.participants import ParticipantTable

IntArray = npt.NDArray[np.int64]
#: Words naming the text features of a pair: ``(pair k, text columns strongest first) -> words``.
PairWords = Callable[[int, Sequence[int]], tuple[str, ...]]
_Reader = Callable[[int], list[str]]

#: Fewest letters of a word a reason names; scripts that write a word in few signs need fewer.
MIN_LETTERS = 3
MIN_SIGNS = 2
_DENSE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_JOINERS = re.compile(r"[-'’]")


def is_content_word(word: str, languages: Iterable[str]) -> bool:
    """Whether ``word`` may be named: letters only (joiners aside), long enough, no function word."""
    return _shaped(word) and not _function_word(word, tuple(languages))


@lru_cache(maxsize=1 << 16)
def _shaped(word: str) -> bool:
    """Letters only (joiners and marks aside) and long enough for its script."""
    core = _JOINERS.sub("", word.casefold())
    # Vowel signs of Devanagari, Arabic and other scripts are marks, not letters: part of the word.
    letters = [c for c in core if not unicodedata.category(c).startswith("M")]
    if not core or not all(c.isalpha() for c in letters):
        return False
    return len(core) >= (MIN_SIGNS if _DENSE.search(core) else MIN_LETTERS)


#: Letters that stand for an elided article, pronoun or preposition (French, Italian, Catalan).
_ELIDING = frozenset("cdjlmnst")
_ELIDED = re.compile(r"^(\w{1,3})['’](?=\w{3})")


@lru_cache(maxsize=1 << 16)
def _unelided(word: str, languages: tuple[str, ...]) -> str:
    """The word without an elided function word before an apostrophe: ``d'articles`` is ``articles``."""
    found = _ELIDED.match(word)
    if found is None:
        return word
    head = found.group(1).casefold()
    if head in _ELIDING or (
        len(head) > 1 and any(f"{head}'" in function_words(c) or head in function_words(c) for c in languages)
    ):
        return word[found.end() :]
    return word


@lru_cache(maxsize=1 << 17)
def _forms(word: str) -> tuple[str, str, bool]:
    """A word case-folded, without its joiners, and whether it is shaped like a word to name."""
    folded = word.casefold()
    return folded, _JOINERS.sub("", folded), _shaped(word)


@lru_cache(maxsize=256)
def _function_sets(languages: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """The function words of each of these languages (not their union: pairs bring thousands of
    combinations, and building each union cost more than the few extra look-ups)."""
    return tuple(found for code in languages if (found := function_words(code)))


@lru_cache(maxsize=1 << 16)
def _function_word(word: str, languages: tuple[str, ...]) -> bool:
    folded = word.casefold()
    core = _JOINERS.sub("", folded)
    return any(folded in function_words(code) or core in function_words(code) for code in languages)


def common_stems(
    table: ParticipantTable,
    blocks: Sequence[tuple[IntArray, sp.csr_matrix]],
    max_share: float,
    min_people: int,
) -> dict[str, frozenset[int]]:
    """Per first language, the columns in the texts of more than ``max_share`` of its people.

    ``blocks`` are table rows and their rows of one block; a person in two blocks (needs
    and offers) counts once. Only languages ``min_people`` or more write first are judged.
    """
    if not blocks:
        return {}
    rows = np.concatenate([r for r, _ in blocks]).astype(np.int64)
    used = sp.vstack([sp.csr_matrix(x) for _, x in blocks], format="coo")
    # One row per person of the table: a word in their needs or their offers is theirs once.
    person = sp.csr_matrix(
        (np.ones(used.nnz), (rows[used.row], used.col)), shape=(len(table.ids), used.shape[1])
    )
    person.data[:] = 1.0
    people = np.unique(rows)
    first = np.array([(table.languages[r] or ("",))[0] for r in people.tolist()], dtype=object)
    found: dict[str, frozenset[int]] = {}
    for code in np.unique(first).tolist():
        mine = people[first == code]
        if len(mine) >= min_people:
            share = np.asarray((person[mine] > 0).sum(axis=0)).ravel() / len(mine)
            found[str(code)] = frozenset(np.flatnonzero(share > max_share).tolist())
    return found


class WordNamer:
    """Names text features of one fitted vectorizer by the words people wrote.

    Parameters
    ----------
    vectorizer : ProfileVectorizer
        Fitted.
    table : ParticipantTable, optional
        The fitted table, to learn each language's common words from ``blocks``.
    blocks : sequence of (ndarray of int, scipy.sparse.csr_matrix), optional
        Table rows and their rows of one feature block (needs or offers), e.g. the mentees'
        needs and the mentors' offers.
    max_share : float, default=0.15
        A stem in more of one language's people's texts than this names nothing for
        people writing that language first: it says what most of them say, not what a
        pair shares ("seit", "Zeit", "hope").
    min_people : int, default=10
        Fewest people of a language for its common words to be judged.
    """

    def __init__(
        self,
        vectorizer: ProfileVectorizer,
        table: ParticipantTable | None = None,
        blocks: Sequence[tuple[IntArray, sp.csr_matrix]] = (),
        *,
        max_share: float = 0.15,
        min_people: int = 10,
    ) -> None:
        self.vectorizer = vectorizer
        names = vectorizer.half_feature_names().astype(str)
        self.is_text = np.char.startswith(names, "text:")
        self.common_ = common_stems(table, blocks, max_share, min_people) if table is not None else {}
        self.table = table
        self._written: dict[tuple[int, str], dict[int, dict[str, None]]] = {}
        # The people being ranked against the fit (one table, many pairs each): read once too.
        self._other: tuple[ParticipantTable | None, dict[tuple[int, str], dict[int, dict[str, None]]]] = (
            None,
            {},
        )

    def text_columns(self, columns: Sequence[int]) -> list[int]:
        """The stem (``text:``) columns of ``columns``, in their order."""
        return [int(c) for c in columns if self.is_text[c]]

    def _written_by(self, table: ParticipantTable, row: int, side: str) -> dict[int, dict[str, None]]:
        """Every text column of one person's side and the words they wrote for it (read once a fit)."""
        # A mentor is in as many pairs as their capacity, and a ranked person in as many as her
        # list is long: read each text once for all of them.
        if table is self.table:
            known = self._written
        else:
            if self._other[0] is not table:
                self._other = (table, {})
            known = self._other[1]
        cached = known.get((row, side))
        if cached is None:
            cached = known[(row, side)] = self.vectorizer.written(table, row, side)
        return cached

    def _reader(self, table: ParticipantTable, row: int, side: str, codes: tuple[str, ...]) -> _Reader:
        """One person's content words per column, each column read when first asked."""
        common = self.common_.get((table.languages[row] or ("",))[0], frozenset())
        written = self._written_by(table, row, side)
        is_text, stops = self.is_text, _function_sets(codes)

        def words(column: int) -> list[str]:
            found = written.get(column) if column not in common and is_text[column] else None
            kept: dict[str, None] = {}
            for word in found or ():
                if "'" in word or "’" in word:
                    word = _unelided(word, codes)
                if word not in kept:
                    folded, core, shaped = _forms(word)
                    if shaped and not any(folded in stop or core in stop for stop in stops):
                        kept[word] = None
            return list(kept)

        return words

    def _content(
        self, table: ParticipantTable, row: int, side: str, columns: list[int], languages: list[str]
    ) -> dict[int, list[str]]:
        words = self._reader(table, row, side, tuple(languages))
        return {column: kept for column in columns if (kept := words(column))}

    def pair(
        self,
        first: tuple[ParticipantTable, int, str],
        second: tuple[ParticipantTable, int, str],
        columns: Sequence[int],
        limit: int = 3,
    ) -> tuple[str, ...]:
        """Words of the first person's text whose stem the second person's text also has.

        ``first`` and ``second`` are ``(table, row, side)`` (side ``"needs"`` or ``"offers"``);
        ``columns`` strongest first. A stem is named by the first person's word, as written,
        when both wrote a content word for it.
        """
        columns = self.text_columns(columns)
        if not columns:
            return ()
        codes = tuple(sorted({*first[0].languages[first[1]], *second[0].languages[second[1]]}))
        mine, theirs = self._reader(*first, codes), self._reader(*second, codes)
        seen: set[str] = set()
        kept: list[str] = []
        # Strongest first, and no further than the words a reason names: a pair shares many stems.
        for column in columns:
            words = mine(column)
            if words and words[0].casefold() not in seen and theirs(column):
                seen.add(words[0].casefold())
                kept.append(words[0])
                if len(kept) == limit:
                    break
        return tuple(kept)

    def common(
        self, table: ParticipantTable, rows: Sequence[int], columns: Sequence[int], limit: int = 3
    ) -> tuple[str, ...]:
        """Each stem (``columns``, strongest first) by the word most members wrote for it."""
        written: dict[int, Counter[str]] = {}
        columns = self.text_columns(columns)
        for row in rows:
            words = self._content(table, int(row), "needs", columns, list(table.languages[row]))
            for column, found in words.items():
                written.setdefault(column, Counter()).update(found[:1])
        return _distinct((written[c].most_common(1)[0][0] for c in columns if written.get(c)), limit)


def _distinct(words: Iterable[str], limit: int) -> tuple[str, ...]:
    """The first ``limit`` words, none twice whatever its case."""
    seen: set[str] = set()
    kept: list[str] = []
    for word in words:
        if word.casefold() not in seen and len(kept) < limit:
            seen.add(word.casefold())
            kept.append(word)
    return tuple(kept)


def pair_words(
    namer: WordNamer,
    first: tuple[ParticipantTable, IntArray, str],
    second: tuple[ParticipantTable, IntArray, str],
) -> PairWords:
    """The words of each pair ``k``: rows ``first[1][k]`` and ``second[1][k]`` of their tables."""

    def words(k: int, columns: Sequence[int]) -> tuple[str, ...]:
        return namer.pair(
            (first[0], int(first[1][k]), first[2]), (second[0], int(second[1][k]), second[2]), columns
        )

    return words
