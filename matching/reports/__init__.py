"""Reports: what a result means to people, read from a result without changing it.

:mod:`~matching.reports.reason` defines a reason as data (a code and what it names) and
lists the codes; :mod:`~matching.reports.explain` (traditional) and
:mod:`~matching.reports.explain_kinds` (peer, group) build the reasons for each proposed pair
or group and for each person left unmatched; :mod:`~matching.reports.words` says them in
plain English for the command line; :mod:`~matching.reports.audit` reports match rates and scores by
attribute (fairness audit) as plain data that the command line and the web app render
alike.
"""
