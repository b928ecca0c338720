"""The matching engine: a pure library that scores, matches, proves and explains.

Fit a :class:`MentorMatcher` on a participants table (see :mod:`matching.table`), call
:meth:`MentorMatcher.match` for a provably optimal traditional assignment, and
:func:`suggest_mentors` for instant suggestions for one person.
"""

from matching.candidates import Constraints
from matching.group import Group, GroupMatcher, GroupResult
from matching.model import MatchResult, MentorMatcher
from matching.peer import PeerMatcher, PeerResult
from matching.suggest import Suggestion, suggest_mentors
from matching.table import ParticipantTable, TableError, parse_participants
from matching.vectorize import ProfileVectorizer

__all__ = [
    "Constraints",
    "Group",
    "GroupMatcher",
    "GroupResult",
    "MatchResult",
    "MentorMatcher",
    "ParticipantTable",
    "PeerMatcher",
    "PeerResult",
    "ProfileVectorizer",
    "Suggestion",
    "TableError",
    "parse_participants",
    "suggest_mentors",
]
