"""A program's participants as a CSV in the import format: one row per person and role."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.engine.rows import row_id
from mentorship.imports.reading import AnswerColumn
from mentorship.lib.spreadsheet import safe_cell
from mentorship.models import MembershipStatus, Profile, ProgramMembership, TopicDirection, User

COLUMNS = (
    "id",
    "email",
    "name",
    "role",
    "kinds",
    "goals",
    "experience",
    "offers",
    "seeks",
    "languages",
    "timezone",
    "capacity",
)


async def members(session: AsyncSession, program_id: UUID) -> list[ProgramMembership]:
    """The program's active members, by name then email."""
    query = (
        select(ProgramMembership)
        .join(Profile, ProgramMembership.profile_id == Profile.id)
        .join(User, Profile.user_id == User.id)
        .where(
            ProgramMembership.program_id == program_id, ProgramMembership.status == MembershipStatus.ACTIVE
        )
        .order_by(func.lower(User.name), User.email)
    )
    return list((await session.execute(query)).scalars())


def rows(places: list[ProgramMembership]) -> Iterator[tuple[str, ...]]:
    """The cells of each member's rows: a mentor row and a mentee row for someone in both roles."""
    for place in places:
        profile = place.profile
        for role, takes in (("mentor", place.is_mentor), ("mentee", place.is_mentee)):
            if not takes:
                continue
            yield (
                row_id(role, profile.id),
                profile.user.email,
                profile.user.name,
                role,
                ";".join(profile.kinds or []),
                profile.goals.strip(),
                profile.experience.strip(),
                ";".join(profile.topic_slugs(TopicDirection.OFFERS)),
                ";".join(profile.topic_slugs(TopicDirection.SEEKS)),
                ";".join(profile.language_codes),
                profile.timezone,
                str(profile.capacity) if role == "mentor" else "",
            )


def answer_cell(value: Any) -> str:
    """A stored answer as the import reads it: several choices joined with ";", a number as digits."""
    if value is None:
        return ""
    return ";".join(str(v) for v in value) if isinstance(value, list) else str(value)


def as_csv(
    places: list[ProgramMembership],
    questions: Sequence[AnswerColumn] = (),
    answers: dict[UUID, dict[str, Any]] | None = None,
) -> str:
    """The CSV text; cells a spreadsheet would run as a formula get a leading apostrophe.

    The program's questions follow as columns headed by the question, each person's answers in both
    of their rows.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*COLUMNS, *(q.prompt for q in questions)])
    answers = answers or {}
    profiles = [place.profile_id for place in places for takes in (place.is_mentor, place.is_mentee) if takes]
    for cells, profile_id in zip(rows(places), profiles, strict=True):
        given = answers.get(profile_id, {})
        extra = [answer_cell(given.get(q.id)) for q in questions]
        writer.writerow([safe_cell(cell) for cell in [*cells, *extra]])
    return buffer.getvalue()
