"""Participant profiles: the registration steps, visibility rules, the coordinator roster."""
