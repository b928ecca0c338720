"""Topics named in free text, in any language a topic has a name in: the bridge between languages.

A French goal ("améliorer la rédaction des articles") and an English mentor who offers
*Article writing* share no word, but the catalog names that topic in French too
("Rédaction d'articles"). :class:`TopicFinder` reads each goal and experience in its own
language (:func:`~matching.scoring.words.detect_language`), stems it as the text features
do, and adds every topic one of whose names it contains to the topics the person seeks
(from goals) or offers (from experience). Topics are language-free, so the two meet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from matching.scoring.words import WordTerms, base_code, detect_language
from matching.table.text import split_list, split_words

#: A name is not looked for in a language whose function words take one of its words this long.
LOST_LETTERS = 4
#: Where each side's topics are read from and written to.
SIDES = (("goals", "seeks"), ("experience", "offers"))
#: Topic tags by one term of a name, with all the name's terms; names looked for as written.
_Index = tuple[dict[str, list[tuple[str, frozenset[str]]]], list[tuple[str, str]]]
#: Kana, then CJK ideographs (extension A and the unified block): scripts written without spaces.
_DENSE = ((0x3040, 0x30FF), (0x3400, 0x9FFF))


def _dense(name: str) -> bool:
    """Written without spaces between words (Japanese, Chinese): looked for as written."""
    # Range bounds, not membership in a tuple of 27,000 code points: that scan cost most of a
    # whole community's suggestion refresh.
    return any(low <= ord(c) <= high for c in name for low, high in _DENSE)


class TopicFinder(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Add the topics a person's goals and experience name to those they seek and offer.

    A topic is named when every content word of one of its names (its label, a
    translation, an alias) is in the text, in any order and inflection: both are read in
    the text's language, without its function words, and stemmed where Snowball has a
    stemmer. A name that would lose a word of :data:`LOST_LETTERS` letters or more to that
    language's function words is not looked for in it. Names in scripts written without
    spaces are looked for as written.

    Parameters
    ----------
    names : mapping of str to sequence of str, optional
        Each topic tag (as the ``seeks`` and ``offers`` columns write it) and its names in
        every language. ``None`` or empty adds nothing.
    language : {"detect", "first"}, default="detect"
        Read each text in the language whose function words it uses most, or in the
        writer's first listed language (as :class:`~matching.scoring.text_features.TextVectorizer`).

    Attributes
    ----------
    n_names_ : int
        Names known, over every topic.
    """

    def __init__(self, names: Mapping[str, Sequence[str]] | None = None, *, language: str = "detect") -> None:
        self.names = names
        self.language = language

    def fit(self, X: pd.DataFrame | None = None, y: object = None) -> TopicFinder:  # noqa: N803
        """Learn the names; the table is not needed (the names are the catalog's)."""
        if self.language not in {"detect", "first"}:
            raise ValueError(f"unknown language={self.language!r}")
        self.terms_ = WordTerms((2, 3), "none", stop=True, stem=True)
        self.names_ = {tag: tuple(n for n in found if n.strip()) for tag, found in (self.names or {}).items()}
        self.n_names_ = sum(map(len, self.names_.values()))
        self._by_language: dict[str, _Index] = {}
        return self

    def _index(self, language: str) -> _Index:
        """Names read in ``language``: by one of their terms, and those looked for as written."""
        found = self._by_language.get(language)
        if found is None:
            by_term: dict[str, list[tuple[str, frozenset[str]]]] = {}
            written: list[tuple[str, str]] = []
            for tag, names in self.names_.items():
                for name in names:
                    if _dense(name):
                        written.append((tag, name.casefold()))
                        continue
                    words = [w.casefold() for w in split_words(name)]
                    read = [self.terms_.terms([w], language) for w in words]
                    # A name that loses a word of four letters or more to the function-word list
                    # ("Copy editing" read as "editing") would be found in far too many texts.
                    if any(
                        not found and len(w) >= LOST_LETTERS for w, found in zip(words, read, strict=True)
                    ):
                        continue
                    if terms := frozenset(t for found in read for t in found):
                        by_term.setdefault(min(terms), []).append((tag, terms))
            found = self._by_language[language] = (by_term, written)
        return found

    def topics(self, text: str, languages: Sequence[str]) -> list[str]:
        """The topic tags ``text`` names, sorted; ``languages``: the writer's, most fluent first."""
        check_is_fitted(self, "names_")
        if not text or not self.names_:
            return []
        words = [w.casefold() for w in split_words(text)]
        if self.language == "first":
            language = base_code(languages[0]) if languages else ""
        else:
            language = detect_language(words, languages)
        by_term, written = self._index(language)
        terms = set(self.terms_.terms(words, language))
        found: dict[str, None] = {}
        for term in terms:
            for tag, needed in by_term.get(term, ()):
                if needed <= terms:
                    found[tag] = None
        if written:
            folded = text.casefold()
            found.update((tag, None) for tag, name in written if name in folded)
        return sorted(found)

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:  # noqa: N803
        """A copy of the participants table with named topics added to ``seeks`` and ``offers``."""
        check_is_fitted(self, "names_")
        frame = X.copy()
        if not self.names_ or not len(frame):
            return frame
        languages = [split_list(v) for v in _strings(frame.get("languages"), len(frame))]
        for text_column, topic_column in SIDES:
            if text_column not in frame.columns:
                continue
            texts = _strings(frame[text_column], len(frame))
            listed = _strings(frame.get(topic_column), len(frame))
            frame[topic_column] = [
                _joined(have, self.topics(text, langs))
                for text, have, langs in zip(texts, listed, languages, strict=True)
            ]
        return frame

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.target_tags.required = False
        tags.requires_fit = False
        return tags


def _strings(column: Iterable[Any] | None, n: int) -> list[str]:
    return [""] * n if column is None else ["" if not isinstance(v, str) else v for v in column]


def _joined(have: str, found: list[str]) -> str:
    """``have`` (a ``;`` list) with the tags of ``found`` it lacks appended."""
    listed = split_list(have)
    extra = [tag for tag in found if tag not in listed]
    return ";".join([*listed, *extra])
