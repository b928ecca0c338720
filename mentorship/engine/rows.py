"""Row ids of the engine's participants table: one format, made and read only here."""

from __future__ import annotations

from uuid import UUID

MENTEE = "mentee"
MENTOR = "mentor"


def row_id(role: str, profile_id: UUID) -> str:
    """The table id of a person in a role (``mentee`` or ``mentor``; peers are mentees)."""
    return f"{role}:{profile_id}"


def mentee_row(profile_id: UUID) -> str:
    """The table id of someone seeking a mentor or a peer."""
    return row_id(MENTEE, profile_id)


def mentor_row(profile_id: UUID) -> str:
    """The table id of someone mentoring."""
    return row_id(MENTOR, profile_id)


def profile_id_of(row: str) -> UUID:
    """The profile id back from a table id."""
    return UUID(row.split(":", 1)[1])


def same_person(first: str, second: str) -> bool:
    """Whether two table ids are one person in two roles."""
    return profile_id_of(first) == profile_id_of(second)
