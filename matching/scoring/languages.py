"""Spoken languages as bit masks, 64 languages a word: two people share a language when an AND is non-zero."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

WordArray = npt.NDArray[np.uint64]


def language_words(languages: npt.NDArray[Any]) -> WordArray:
    """Each row of a ``(n, n_languages)`` 0/1 matrix as ``(n, words)`` bit masks."""
    spoken = np.asarray(languages) > 0
    n, n_lang = spoken.shape
    words = np.zeros((n, max(1, -(-n_lang // 64))), dtype=np.uint64)
    for k in range(n_lang):
        words[spoken[:, k], k // 64] |= np.uint64(1) << np.uint64(k % 64)
    return words


def share_language(a: WordArray, b: WordArray) -> npt.NDArray[np.bool_]:
    """``(len(a), len(b))``: whether each row of ``a`` shares a language with each row of ``b``."""
    out = np.asarray((a[:, None, 0] & b[None, :, 0]) != 0)
    for w in range(1, a.shape[1]):
        out |= (a[:, None, w] & b[None, :, w]) != 0
    return out


def share_language_pairs(a: WordArray, b: WordArray) -> npt.NDArray[np.bool_]:
    """Whether ``a[k]`` and ``b[k]`` share a language, for each ``k``."""
    return np.asarray(((a & b) != 0).any(axis=1))
