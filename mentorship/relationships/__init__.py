"""Relationships after the match: goals, pause and resume, cadence, completion, early ends, mentor load."""
