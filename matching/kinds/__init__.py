"""Kinds of matching: the estimators a caller fits and runs, one module each.

:class:`~matching.kinds.traditional.MentorMatcher` (mentee to mentor, proved optimal),
:class:`~matching.kinds.peer.PeerMatcher` (mentee with mentee) and
:class:`~matching.kinds.group.GroupMatcher` (groups with a mentor) share one base,
:class:`~matching.kinds.base.BaseMatcher`: the score weights, hard constraints and seed,
fitting the vectorizer, and the pair scorer with its exclusions.
:mod:`~matching.kinds.suggest` gives instant suggestions for one person,
:mod:`~matching.kinds.incremental` keeps a solved community optimal through changes (its
saved form in :mod:`~matching.kinds.incremental_state`), and
:mod:`~matching.kinds.fair` trades total score for the worst-off group (max-min).
"""
