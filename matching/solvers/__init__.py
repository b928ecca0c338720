"""Solvers: optimisation on a candidate graph, with certificates of optimality.

:mod:`~matching.solvers.flow` solves capacitated assignments by integer min-cost flow
and reads their dual prices, repaired warm by the compiled
:mod:`~matching.solvers.augment`; :mod:`~matching.solvers.traditional` proves a
traditional assignment optimal over all pairs by the price check (LP duality);
:mod:`~matching.solvers.pairing` matches peers (fractional LP, cycle rounding, blossom)
with an upper bound, searched and priced by :mod:`~matching.solvers.peer_search`;
:mod:`~matching.solvers.grouping` forms groups of a minimum size by flow. Solvers see
positions, scores and scorers only: no tables' words, no estimators, no reasons.
"""
