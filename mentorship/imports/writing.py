"""Writing a confirmed file, all or nothing in one transaction, and inviting the people it added."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.events.describe import N_, describe_as
from mentorship.events.services import record
from mentorship.imports.people import (
    DIRECTIONS,
    TopicNames,
    answer_columns,
    chunks,
    memberships,
    users_by_email,
)
from mentorship.models import (
    EnrolmentAnswer,
    ImportStatus,
    MembershipStatus,
    ParticipantImport,
    Profile,
    ProfileLanguage,
    ProfileTopic,
    ProgramMembership,
    Topic,
    User,
)
from mentorship.topics.services import topics_for

logger = logging.getLogger("mentorship.imports")
Progress = Callable[[float], Awaitable[None]]
FLUSH_EVERY = 500

describe_as("program.imported", N_("{actor} imported {people} people into the program “{name}”"))


async def execute_import(
    config: SQLAlchemyAsyncConfig, import_id: UUID, progress: Progress | None = None
) -> None:
    """The background job: write a claimed upload in one transaction; on any failure nothing is written."""
    async with config.get_session() as session:
        found = await session.get(ParticipantImport, import_id)
        if found is None or found.status is not ImportStatus.IMPORTING:
            return
        try:
            found.result = await write_people(session, found, progress)
            found.status = ImportStatus.DONE
            await session.commit()
        except Exception as exc:
            logger.exception("import %s failed", import_id)
            await session.rollback()
            await _fail(session, import_id, exc)


async def _fail(session: AsyncSession, import_id: UUID, exc: Exception) -> None:
    await session.execute(
        update(ParticipantImport)
        .where(ParticipantImport.id == import_id)
        .values(status=ImportStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
    )
    await session.commit()


async def write_people(
    session: AsyncSession, upload: ParticipantImport, progress: Progress | None
) -> dict[str, Any]:
    """Create, update and enrol everyone in the upload; returns the counts and the new accounts."""
    people: list[dict[str, Any]] = upload.people
    names = await TopicNames.load(session)
    entries = [e for p in people for d in DIRECTIONS for e in (p[d] or [])]
    topics = {topic.slug: topic for topic in await topics_for(session, list(dict.fromkeys(entries)))}
    users = await users_by_email(session, (p["email"] for p in people))
    places = await memberships(session, upload.program_id, users.values())
    now = datetime.now(UTC)
    invited: list[str] = []
    answered: list[tuple[Profile, dict[str, Any]]] = []
    for done, person in enumerate(people, start=1):
        user = users.get(person["email"])
        if user is None:
            # No password until they choose one from the invitation; the id now, so no flush per person.
            user = User(id=uuid4(), email=person["email"], name=person["name"], password_hash="")
            session.add(user)
            invited.append(str(user.id))
        profile = _profile(session, user, person)
        _fill(profile, person, names, topics)
        place = places.get(profile.id) if profile.id else None
        if place is None:
            place = ProgramMembership(program_id=upload.program_id, profile=profile, joined_at=now)
            session.add(place)
        if place.status is not MembershipStatus.ACTIVE:
            place.status, place.joined_at = MembershipStatus.ACTIVE, place.joined_at or now
        place.is_mentor, place.is_mentee = "mentor" in person["roles"], "mentee" in person["roles"]
        if person.get("answers"):
            answered.append((profile, person["answers"]))
        if done % FLUSH_EVERY == 0:
            await session.flush()
            if progress is not None:
                await progress(done / len(people))
    await _write_answers(session, upload.program_id, answered)
    report = upload.report
    name = report.get("program", "")
    record(
        session,
        "program.imported",
        "program",
        upload.program_id,
        upload.uploaded_by_id,
        people=len(people),
        name=name,
    )
    return {
        "people": len(people),
        "new": len(report.get("new", [])),
        "changed": len(report.get("changed", [])),
        "unchanged": report.get("unchanged", 0),
        "invited": invited,
    }


async def _write_answers(
    session: AsyncSession, program_id: UUID, answered: list[tuple[Profile, dict[str, Any]]]
) -> None:
    """The file's answers to the program's questions, in the import's transaction; empty cells keep them."""
    if not answered:
        return
    await session.flush()  # new profiles get their ids
    questions = {c.id for c in await answer_columns(session, program_id)}
    existing: dict[tuple[UUID, str], EnrolmentAnswer] = {}
    for part in chunks(sorted({profile.id for profile, _ in answered})):
        query = select(EnrolmentAnswer).where(EnrolmentAnswer.profile_id.in_(part))
        existing.update(
            ((a.profile_id, str(a.question_id)), a) for a in (await session.execute(query)).scalars()
        )
    for profile, answers in answered:
        for question_id, value in answers.items():
            if question_id not in questions:
                continue  # a question removed since the preview
            found = existing.get((profile.id, question_id))
            if found is None:
                session.add(
                    EnrolmentAnswer(question_id=UUID(question_id), profile_id=profile.id, value=value)
                )
            else:
                found.value = value


def _profile(session: AsyncSession, user: User, person: dict[str, Any]) -> Profile:
    if user.profile is None:
        # Column defaults apply only at flush; set them now, as the fields are read before that.
        user.profile = Profile(
            is_mentor=False,
            is_mentee=False,
            kinds=["traditional"],
            goals="",
            experience="",
            timezone="UTC",
            capacity=1 if "mentor" in person["roles"] else 0,
            languages=[],
            topics=[],
        )
        session.add(user.profile)
    return user.profile


def _fill(profile: Profile, person: dict[str, Any], names: TopicNames, topics: dict[str, Topic]) -> None:
    """Set the fields the file gives; an empty cell leaves the field as it is."""
    profile.user.name = person["name"] or profile.user.name
    profile.is_mentor = profile.is_mentor or "mentor" in person["roles"]
    profile.is_mentee = profile.is_mentee or "mentee" in person["roles"]
    for key in ("goals", "experience", "timezone"):
        if person[key] is not None and person[key] != getattr(profile, key).strip():
            setattr(profile, key, person[key])
    if person["kinds"] is not None and set(person["kinds"]) != set(profile.kinds or []):
        profile.kinds = list(person["kinds"])
    if person["capacity"] is not None:
        profile.capacity = person["capacity"]
    if person["languages"] is not None:
        _languages(profile, person["languages"])
    for column, direction in DIRECTIONS.items():
        if person[column] is not None:
            _topics(
                profile, direction, [topics[slug] for slug in names.slugs(person[column]) if slug in topics]
            )


def _languages(profile: Profile, codes: list[str]) -> None:
    """Keep the rows of languages that stay (a unique key per code), drop the others, add the new."""
    if codes == profile.language_codes:
        return
    kept = {row.code: row for row in profile.languages if row.code in codes}
    profile.languages = [kept.get(code) or ProfileLanguage(code=code) for code in codes]
    for position, row in enumerate(profile.languages):
        row.position = position


def _topics(profile: Profile, direction: Any, wanted: list[Topic]) -> None:
    if [t.slug for t in wanted] == profile.topic_slugs(direction):
        return
    others = [link for link in profile.topics if link.direction is not direction]
    mine = {link.topic_id: link for link in profile.topics if link.direction is direction}
    links = [
        mine.get(topic.id) or ProfileTopic(topic=topic, topic_id=topic.id, direction=direction)
        for topic in wanted
    ]
    for position, link in enumerate(links):
        link.position = position
    profile.topics = others + links
