"""Mentoring programs: several in one community, who may join them, and who coordinates each."""
