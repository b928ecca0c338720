"""Mentorship: explained mentor matching, group and peer mentoring, check-ins and burnout-aware load."""

__version__ = "0.1.0"
