"""Reports: what a result means to people, read from a result without changing it.

:mod:`~matching.reports.explain` gives the reasons for each proposed pair and for each
person left unmatched; :mod:`~matching.reports.audit` reports match rates and scores by
attribute (fairness audit) as plain data that the command line and the web app render
alike.
"""
