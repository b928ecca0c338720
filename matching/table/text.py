"""Normalisation of topic tags and ``;``-separated lists, and words as people wrote them in any script."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

#: A small table of common spellings that mean the same topic.
SYNONYMS: Mapping[str, str] = {
    "js": "javascript",
    "java script": "javascript",
    "ts": "typescript",
    "py": "python",
    "python3": "python",
    "ml": "machine learning",
    "ai": "artificial intelligence",
    "k8s": "kubernetes",
    "ux": "user experience",
    "ui": "user interface",
    "ux design": "user experience",
    "db": "databases",
    "database": "databases",
    "sql databases": "databases",
    "devops": "dev ops",
    "ci cd": "continuous integration",
    "ci": "continuous integration",
    "docs": "documentation",
    "a11y": "accessibility",
    "i18n": "internationalisation",
    "internationalization": "internationalisation",
    "l10n": "localisation",
    "localization": "localisation",
    "golang": "go",
    "postgres": "postgresql",
    "react js": "react",
    "reactjs": "react",
    "node": "nodejs",
    "node js": "nodejs",
    "public speaking": "speaking",
    "careers": "career",
}

_PUNCT = re.compile(r"[^\w+#]+")
_SPACES = re.compile(r"\s+")


def normalize_tag(tag: str, synonyms: Mapping[str, str] | None = None) -> str:
    """Return the canonical form of one topic tag.

    Case, surrounding and inner spacing, and punctuation (except ``+`` and ``#``,
    as in ``c++`` and ``c#``) are folded; then the synonym table is applied.

    Parameters
    ----------
    tag : str
        The tag as a person typed it.
    synonyms : mapping, optional
        Canonical names for alternative spellings; defaults to :data:`SYNONYMS`.

    Returns
    -------
    str
        The normalised tag, possibly empty.
    """
    table = SYNONYMS if synonyms is None else synonyms
    folded = _SPACES.sub(" ", _PUNCT.sub(" ", tag.casefold().replace("_", " "))).strip()
    return table.get(folded, folded)


def split_list(value: object) -> list[str]:
    """Split a ``;``-separated cell into stripped, non-empty items (order kept)."""
    if not isinstance(value, str) or not value:
        return []
    return [item.strip() for item in value.split(";") if item.strip()]


def normalize_tags(value: object, synonyms: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """Split a ``;``-separated cell and normalise each tag, dropping duplicates.

    Parameters
    ----------
    value : object
        The cell; anything that is not a string counts as empty.
    synonyms : mapping, optional
        Passed to :func:`normalize_tag`.

    Returns
    -------
    tuple of str
        Distinct normalised tags in first-seen order.
    """
    seen: dict[str, None] = {}
    for item in split_list(value):
        tag = normalize_tag(item, synonyms)
        if tag:
            seen.setdefault(tag, None)
    return tuple(seen)


def join_words(words: Iterable[str], limit: int = 3) -> str:
    """Join up to ``limit`` words as plain English: ``a, b and c``."""
    items = list(words)[:limit]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _marks() -> str:
    """Combining marks (vowel signs, diacritics) of the scripts that write words with them, and ZW(N)J."""
    spans = (range(0x0300, 0x2000), range(0x20D0, 0x2100), range(0xFE20, 0xFE30))
    marks = [c for span in spans for c in span if unicodedata.category(chr(c)) in {"Mn", "Mc", "Me"}]
    marks += [0x200C, 0x200D]
    starts = [c for c in marks if c - 1 not in marks]
    ends = [c for c in marks if c + 1 not in marks]
    return "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in zip(starts, ends, strict=True))


_HIRAGANA = "\u3041-\u309f"
_KATAKANA = "\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HAN = "\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Python's \w stops at combining marks (a Devanagari vowel sign splits a word), so they are added.
_LETTER = rf"[\w{_marks()}]"
_WORDS = re.compile(rf"{_LETTER}+(?:[-'’]{_LETTER}+)*")
# Japanese and Chinese words run together: cut where the script changes.
_RUNS = re.compile(rf"[{_HIRAGANA}]+|[{_KATAKANA}]+|[{_HAN}]+|[^{_HIRAGANA}{_KATAKANA}{_HAN}\-'’]+")
_FIRST_CJK = "\u3005"
_SPLIT_FURTHER = re.compile(rf"[_{_HIRAGANA}{_KATAKANA}{_HAN}]")
#: Characters that join the parts of one written word: ``edit-a-thons``, ``l'édition``.
WORD_JOINERS = re.compile(r"[-'’]")


def split_words(text: str) -> list[str]:
    """Split ``text`` into words exactly as written, in any script.

    A word is a run of letters, digits and combining marks; hyphens and apostrophes
    inside it are kept (``edit-a-thons``, ``l'édition``). Japanese and Chinese, written
    without spaces, are cut where the script changes (kanji, hiragana, katakana), so
    ``記念物の写真`` gives ``記念物``, ``の`` and ``写真``.

    Parameters
    ----------
    text : str
        Free text.

    Returns
    -------
    list of str
        The words in order, case and accents kept.
    """
    if not text:
        return []
    if _SPLIT_FURTHER.search(text) is None:
        return _WORDS.findall(text)
    words: list[str] = []
    for word in _WORDS.findall(text):
        if "_" in word:
            words += _WORDS.findall(word.replace("_", " "))
        elif max(word) >= _FIRST_CJK:
            words += _RUNS.findall(word)
        else:
            words.append(word)
    return words
