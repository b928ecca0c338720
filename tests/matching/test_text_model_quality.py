"""The text model finds planted themes in every language of the multilingual benchmark (issue 16).

The target, at least 0.9 of the capacity ceiling in every language, is for the full-size
community (4,000 mentees; ``python -m bench.text_model`` prints PASS or MISS per language).
This test runs the quick community (800 mentees, about 25 mentors a language, three a
theme), where one unlucky mentor moves a language's share by several points: it asserts
a bound that today's model clears and the ASCII-only model missed by far (0.10 to 0.75).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment

from bench.text_model import Community, build, on_theme_flow
from matching import COLUMNS
from matching.scoring.vectorize import ProfileVectorizer
from matching.synthetic.multilingual import LANGUAGES

QUICK_BOUND = 0.7
QUICK_BOUND_ALL = 0.8


def optimal_mentors(community: Community) -> npt.NDArray[np.intp]:
    """Each mentee's mentor (-1: none) in the best assignment by the model's scores.

    The engine's optimum, solved densely on seats (one column per unit of capacity) so the
    test depends on the score model alone, not on the result types of the engine.
    """
    frame = community.frame[list(COLUMNS)]
    vectorizer = ProfileVectorizer().fit(frame)
    needs = vectorizer.transform_needs(frame)[community.mentees]
    offers = vectorizer.transform_offers(frame)[community.mentors]
    scores = np.where(community.speaks, (needs @ offers.T).toarray(), -1e6)
    seats = np.repeat(np.arange(len(community.mentors)), community.capacity)
    rows, cols = linear_sum_assignment(scores[:, seats], maximize=True)
    mentor = np.full(len(community.mentees), -1, dtype=np.intp)
    ok = scores[rows, seats[cols]] > -1e6
    mentor[rows[ok]] = seats[cols[ok]]
    return mentor


def test_every_language_reaches_most_of_the_ceiling_at_quick_size() -> None:
    community = build(800, seed=1)
    mentor = optimal_mentors(community)
    matched = mentor >= 0
    themed = matched & community.on_theme[np.arange(len(mentor)), np.maximum(mentor, 0)]
    language = community.frame["language"].to_numpy()[community.mentees]

    ratios = {}
    for code in LANGUAGES:
        which = language == code
        ceiling = min(on_theme_flow(community, which), int((matched & which).sum()))
        ratios[code] = (themed & which).sum() / ceiling
    everyone = min(on_theme_flow(community, np.ones_like(matched)), int(matched.sum()))

    assert min(ratios.values()) >= QUICK_BOUND, ratios
    assert themed.sum() / everyone >= QUICK_BOUND_ALL, themed.sum() / everyone
