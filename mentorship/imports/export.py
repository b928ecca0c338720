"""A program's participants as a CSV in the import format: one row per person and role."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any
from uuid import UUID

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.engine.rows import row_id
from mentorship.imports.people import stored_answers
from mentorship.imports.reading import AnswerColumn
from mentorship.lib.spreadsheet import safe_cell
from mentorship.models import MembershipStatus, Profile, ProgramMembership, TopicDirection, User

BATCH = 1000  # members read per query while streaming

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


def _members_query(program_id: UUID) -> Any:
    return (
        select(ProgramMembership, func.lower(User.name))
        .join(Profile, ProgramMembership.profile_id == Profile.id)
        .join(User, Profile.user_id == User.id)
        .where(
            ProgramMembership.program_id == program_id, ProgramMembership.status == MembershipStatus.ACTIVE
        )
        .order_by(func.lower(User.name), User.email)
    )


async def members(session: AsyncSession, program_id: UUID) -> list[ProgramMembership]:
    """The program's active members, by name then email."""
    return list((await session.execute(_members_query(program_id))).scalars())


async def _batch(
    session: AsyncSession, program_id: UUID, after: tuple[str, str] | None, size: int
) -> tuple[list[ProgramMembership], tuple[str, str] | None]:
    """The next members by name then email, and where the batch ends (the database's own lower case)."""
    query = _members_query(program_id).limit(size)
    if after is not None:
        name = func.lower(User.name)
        query = query.where(or_(name > after[0], and_(name == after[0], User.email > after[1])))
    found: Any = (await session.execute(query)).all()
    if not found:
        return [], None
    last, lowered = found[-1]
    return [place for place, _name in found], (lowered, last.profile.user.email)


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
    _write(writer, places, questions, answers or {})
    return buffer.getvalue()


def _write(
    writer: Any,
    places: list[ProgramMembership],
    questions: Sequence[AnswerColumn],
    answers: dict[UUID, dict[str, Any]],
) -> None:
    profiles = [place.profile_id for place in places for takes in (place.is_mentor, place.is_mentee) if takes]
    for cells, profile_id in zip(rows(places), profiles, strict=True):
        given = answers.get(profile_id, {})
        extra = [answer_cell(given.get(q.id)) for q in questions]
        writer.writerow([safe_cell(cell) for cell in [*cells, *extra]])


async def csv_chunks(
    session_factory: Callable[[], AbstractAsyncContextManager[AsyncSession]],
    program_id: UUID,
    questions: Sequence[AnswerColumn] = (),
    size: int = BATCH,
) -> AsyncIterator[str]:
    """The same text as :func:`as_csv`, a batch of members at a time on a session of its own (flat memory)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*COLUMNS, *(q.prompt for q in questions)])
    after: tuple[str, str] | None = None
    async with session_factory() as session:
        while True:
            places, after = await _batch(session, program_id, after, size)
            if not places:
                break
            answers = await stored_answers(session, list(questions), (p.profile_id for p in places))
            _write(writer, places, questions, answers)
            session.expunge_all()
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.getvalue():
        yield buffer.getvalue()
