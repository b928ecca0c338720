"""Solvers: optimisation on a candidate graph, with certificates of optimality.

:mod:`~matching.solvers.flow` solves capacitated assignments by integer min-cost flow
and reads their dual prices, repaired warm by the compiled
:mod:`~matching.solvers.augment`; :mod:`~matching.solvers.traditional` proves a
traditional assignment optimal over all pairs by the price check (LP duality);
:mod:`~matching.solvers.pairing` matches peers (fractional LP, cycle rounding, blossom)
with an upper bound. Solvers see positions and scores only: no tables, no estimators, no
words.
"""
