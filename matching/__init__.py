"""The matching engine: a pure library that scores, matches, proves and explains.

Fit a :class:`MentorMatcher` on a participants table (see :mod:`matching.table`), call
:meth:`MentorMatcher.match` for a provably optimal traditional assignment, and
:func:`suggest_mentors` for instant suggestions for one person. :class:`PeerMatcher` and
:class:`GroupMatcher` form peer pairs and groups the same way; :func:`audit` reports on
fairness by attribute and :func:`max_min_fair` lifts the worst-off group.
:class:`SolvedCommunity` keeps a solved community optimal as people are added, edited
(:data:`ACTIONS`) or removed; :data:`COLUMNS` names the participants table's columns.

Callers import from here only; the sub-packages are private, from the top down:
:mod:`matching.kinds` (the estimators, suggestions, incremental
and fair matching), :mod:`matching.reports` (reasons and the fairness audit),
:mod:`matching.solvers` (flow, price check, pairing, grouping), :mod:`matching.scoring`
(features, pair scorer, candidate search, compiled kernels) and :mod:`matching.table`
(the input contract). :mod:`matching.synthetic` makes seeded test communities and
``python -m matching.warm`` compiles the kernels into numba's cache.
"""

from matching.kinds.fair import FairnessTradeoff, max_min_fair
from matching.kinds.group import Group, GroupMatcher, GroupResult
from matching.kinds.incremental import ACTIONS, SolvedCommunity
from matching.kinds.peer import PeerMatcher, PeerResult
from matching.kinds.suggest import Suggestion, suggest_mentors, suggest_peers
from matching.kinds.traditional import MatchResult, MentorMatcher
from matching.reports.audit import AuditReport, audit
from matching.scoring.candidates import Constraints
from matching.scoring.vectorize import ProfileVectorizer
from matching.table import COLUMNS, ParticipantTable, TableError, parse_participants, shown

__all__ = [
    "ACTIONS",
    "COLUMNS",
    "AuditReport",
    "Constraints",
    "FairnessTradeoff",
    "Group",
    "GroupMatcher",
    "GroupResult",
    "MatchResult",
    "MentorMatcher",
    "ParticipantTable",
    "PeerMatcher",
    "PeerResult",
    "ProfileVectorizer",
    "SolvedCommunity",
    "Suggestion",
    "TableError",
    "audit",
    "max_min_fair",
    "parse_participants",
    "shown",
    "suggest_mentors",
    "suggest_peers",
]
