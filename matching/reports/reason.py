"""A reason is data: a code with the topics, words, languages or figures it names, never a sentence.

Callers turn reasons into words in their reader's language; :func:`matching.reports.words.sentence`
gives the plain English of the command line and its reports.

Codes
-----
Why a pair (or group) fits; ``items`` are at most three, strongest first. Words are whole
words as one of the people wrote them, content words only, none twice (see
:mod:`~matching.reports.named`):

==================  =================================================  ============================
code                items                                              value, counts, who
==================  =================================================  ============================
shared_topics       topic slugs the mentee seeks and the mentor offers
goal_terms          words of the mentee's goals met in the mentor's
                    experience
languages           language codes both speak
same_time_zone                                                         value: hours apart (< 0.5)
hours_apart                                                            value: hours apart
peer_offers         topic slugs one peer offers the other              who: (giver id, taker id)
both_seek           topic slugs both peers want to learn
shared_goals        words of both peers' goals
members_share       topic slugs two or more members seek               counts: members seeking each;
                                                                       value: group size
common_goals        words in half or more members' goals
mentor_offers       topic slugs the mentor offers the members seek     counts: members seeking each
overall_fit         (a group whose members share nothing named)
language_and_time_  language codes both speak                          value: hours apart, or None
only                (a pair sharing no topic and no word worth naming:   when a zone is unknown
                    in place of ``languages`` and the hours)
shared_answer       a question as people read it, then the answers     value: similarity (0-1), or
                    both (or the whole group) gave                     None for a group
close_answers       a question, then the two answers on its 1-5 scale  value: similarity (0-1)
different_answers   a question whose ``different`` rule the pair keeps
==================  =================================================  ============================

The three answer codes come with a ``private_`` prefix when the question's answers are private
to coordinators (see :mod:`~matching.reports.answers`): apps never show those to the people matched.

Why someone was left unmatched (traditional, ``peer_``, ``group_``):

=========================================  ==============================================
code                                       value
=========================================  ==============================================
no_shared_language                         (no mentor shares a language)
no_mentor_in_hours                         (none sharing one is within the time-zone limit)
below_min_score                            the minimum score
capacity_full                              the person's best fit (every mentor who fits is full)
peer_no_shared_language                    (no other peer shares a language)
peer_none_in_hours
peer_below_min_score                       the minimum score
peer_odd_one_out                           best fit (every peer who fits is paired)
peer_outbid                                best fit (those who fit them fit others better)
group_no_shared_language
group_none_in_hours
group_below_min_score                      the minimum score
group_too_small                            the smallest group size no fitting mentor can lead
group_full                                 best fit (every fitting group is full or too small)
=========================================  ==============================================

Why a mentor got no mentee: ``idle_no_language``, ``idle_no_overlap``, ``idle_outbid``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

PAIR_CODES = (
    "shared_topics",
    "goal_terms",
    "languages",
    "same_time_zone",
    "hours_apart",
    "peer_offers",
    "both_seek",
    "shared_goals",
    "members_share",
    "common_goals",
    "mentor_offers",
    "overall_fit",
    "language_and_time_only",
    "shared_answer",
    "close_answers",
    "different_answers",
    "private_shared_answer",
    "private_close_answers",
    "private_different_answers",
)
UNMATCHED_CODES = (
    "no_shared_language",
    "no_mentor_in_hours",
    "below_min_score",
    "capacity_full",
    "peer_no_shared_language",
    "peer_none_in_hours",
    "peer_below_min_score",
    "peer_odd_one_out",
    "peer_outbid",
    "group_no_shared_language",
    "group_none_in_hours",
    "group_below_min_score",
    "group_too_small",
    "group_full",
)
IDLE_CODES = ("idle_no_language", "idle_no_overlap", "idle_outbid")
CODES = (*PAIR_CODES, *UNMATCHED_CODES, *IDLE_CODES)


@dataclass(frozen=True)
class Reason:
    """One reason: a code (see the module's table) and what it names.

    Attributes
    ----------
    code : str
    items : tuple of str
        Topic slugs, words as people wrote them, or language codes, strongest first.
    value : float or None
        The one figure the code carries (hours apart, a best fit, a minimum score, a size).
    counts : tuple of int
        Per item, how many people it holds for (group reasons), else empty.
    who : tuple of str
        Table ids of the people the reason is about, in its order (a peer who offers, then
        the peer offered to), else empty.
    """

    code: str
    items: tuple[str, ...] = ()
    value: float | None = None
    counts: tuple[int, ...] = ()
    who: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON data: ``code``, ``items`` and ``value``, with ``counts`` and ``who`` when set."""
        data: dict[str, Any] = {"code": self.code, "items": list(self.items), "value": self.value}
        if self.counts:
            data["counts"] = list(self.counts)
        if self.who:
            data["who"] = list(self.who)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reason:
        """The reason :meth:`to_dict` gave."""
        value = data.get("value")
        return cls(
            str(data["code"]),
            tuple(str(i) for i in data.get("items") or ()),
            None if value is None else float(value),
            tuple(int(c) for c in data.get("counts") or ()),
            tuple(str(w) for w in data.get("who") or ()),
        )


Reasons = tuple[Reason, ...]


def as_data(reasons: Iterable[Reason]) -> list[dict[str, Any]]:
    """Reasons as a JSON-ready list."""
    return [r.to_dict() for r in reasons]
