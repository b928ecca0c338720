"""The matching engine: a pure library that scores, matches, proves and explains.

Fit a :class:`MentorMatcher` on a participants table (see :mod:`matching.table`), call
:meth:`MentorMatcher.match` for a provably optimal traditional assignment, and
:func:`suggest_mentors` for instant suggestions for one person; a :class:`TopicFinder`
adds the topics people's free text names, in any language the catalog names them in. :class:`PeerMatcher` and
:class:`GroupMatcher` form peer pairs and groups the same way. Every kind returns one
:class:`Matching` (units of a mentor or none and their members, who is left out and why, the
certificate); a :class:`Reason` is data, a code with what it names (the codes are listed in
:mod:`matching.reports.reason`), and :func:`sentence` says reasons in plain English for the
command line; :func:`audit` reports on
fairness by attribute and :func:`max_min_fair` lifts the worst-off group.
:class:`Question` makes answers to a program's own questions (extra table columns) hard rules
or weighted preferences of every kind, with reasons that name them.
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
from matching.kinds.group import GroupMatcher
from matching.kinds.incremental import ACTIONS, SolvedCommunity
from matching.kinds.peer import PeerMatcher
from matching.kinds.result import Details, Left, Matching, Member, Unit
from matching.kinds.suggest import (
    Suggestion,
    suggest_mentors,
    suggest_mentors_batch,
    suggest_peers,
    suggest_peers_batch,
)
from matching.kinds.traditional import MentorMatcher
from matching.reports.audit import AuditReport, audit
from matching.reports.reason import CODES, Reason, Reasons
from matching.reports.words import sentence
from matching.scoring.candidates import Constraints
from matching.scoring.questions import Question
from matching.scoring.topic_names import TopicFinder
from matching.scoring.vectorize import ProfileVectorizer
from matching.table import COLUMNS, ParticipantTable, TableError, parse_participants, shown

__all__ = [
    "ACTIONS",
    "CODES",
    "COLUMNS",
    "AuditReport",
    "Constraints",
    "Details",
    "FairnessTradeoff",
    "GroupMatcher",
    "Left",
    "Matching",
    "Member",
    "MentorMatcher",
    "ParticipantTable",
    "PeerMatcher",
    "ProfileVectorizer",
    "Question",
    "Reason",
    "Reasons",
    "SolvedCommunity",
    "Suggestion",
    "TableError",
    "TopicFinder",
    "Unit",
    "audit",
    "max_min_fair",
    "parse_participants",
    "sentence",
    "shown",
    "suggest_mentors",
    "suggest_mentors_batch",
    "suggest_peers",
    "suggest_peers_batch",
]
