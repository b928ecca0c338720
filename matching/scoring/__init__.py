"""Scoring: how well two people fit, and the search for each person's best candidates.

:mod:`~matching.scoring.vectorize` turns profiles into need and offer vectors (topics,
goal words, time zone) whose dot product is the score; its text part is
:mod:`~matching.scoring.text_features` (TF-IDF in any language) over the terms of
:mod:`~matching.scoring.words` (function words, stems, n-grams, language detection).
:mod:`~matching.scoring.languages` holds spoken languages as bit masks;
:mod:`~matching.scoring.clusters` bounds whole blocks of mentors so they can be skipped
unscored; :mod:`~matching.scoring.candidates` scores pairs under the hard constraints
(:class:`~matching.scoring.candidates.PairScorer`) and keeps each person's exact top
candidates. The compiled inner loops live apart in :mod:`~matching.scoring.kernels`
(numba, cached on disk by ``python -m matching.warm``).
"""
