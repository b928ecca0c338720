"""People of a file against the app: who is new, what changes for the others, and how topics resolve."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.imports.reading import AnswerColumn
from mentorship.models import (
    EnrolmentAnswer,
    EnrolmentQuestion,
    MembershipStatus,
    ProgramMembership,
    TopicDirection,
    User,
)
from mentorship.topics.catalog import normalise_tag, resolve_topic
from mentorship.topics.curation import name_index

CHUNK = 500  # rows per IN (...) list: well under every database's limit on bound values
DIRECTIONS = {"offers": TopicDirection.OFFERS, "seeks": TopicDirection.SEEKS}


def chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    """The items in lists of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


async def users_by_email(session: AsyncSession, emails: Iterable[str]) -> dict[str, User]:
    """The accounts with these emails (profiles, topics and languages loaded), by lower-case email."""
    found: dict[str, User] = {}
    for chunk in chunks(sorted(set(emails))):
        query = select(User).where(User.email.in_(chunk))
        found.update((user.email.lower(), user) for user in (await session.execute(query)).scalars())
    return found


async def memberships(
    session: AsyncSession, program_id: UUID, users: Iterable[User]
) -> dict[UUID, ProgramMembership]:
    """These people's places in the program, by profile id."""
    profile_ids = [user.profile.id for user in users if user.profile is not None]
    found: dict[UUID, ProgramMembership] = {}
    for chunk in chunks(profile_ids):
        query = select(ProgramMembership).where(
            ProgramMembership.program_id == program_id, ProgramMembership.profile_id.in_(chunk)
        )
        found.update((m.profile_id, m) for m in (await session.execute(query)).scalars())
    return found


async def answer_columns(session: AsyncSession, program_id: UUID) -> list[AnswerColumn]:
    """The program's enrolment questions as columns of a participants file, in the form's order."""
    found = await session.execute(
        select(EnrolmentQuestion)
        .where(EnrolmentQuestion.program_id == program_id)
        .order_by(EnrolmentQuestion.position, EnrolmentQuestion.created_at)
    )
    return [
        AnswerColumn(str(q.id), q.prompt, q.kind.value, tuple(q.choices), q.required) for q in found.scalars()
    ]


async def stored_answers(
    session: AsyncSession, columns: list[AnswerColumn], profile_ids: Iterable[UUID]
) -> dict[UUID, dict[str, Any]]:
    """These people's answers to the columns' questions, by profile id and question id (as text)."""
    found: dict[UUID, dict[str, Any]] = {}
    if not columns:
        return found
    questions = [UUID(c.id) for c in columns]
    for chunk in chunks(sorted(set(profile_ids))):
        query = select(EnrolmentAnswer).where(
            EnrolmentAnswer.question_id.in_(questions), EnrolmentAnswer.profile_id.in_(chunk)
        )
        for answer in (await session.execute(query)).scalars():
            found.setdefault(answer.profile_id, {})[str(answer.question_id)] = answer.value
    return found


class TopicNames:
    """Slugs of what people typed, resolved as `topics_for` resolves them, without writing anything."""

    def __init__(self, index: dict[str, str]) -> None:
        self.index = index

    @classmethod
    async def load(cls, session: AsyncSession) -> TopicNames:
        """Read every stored topic's names once."""
        return cls(await name_index(session))

    def slug(self, entry: str) -> str:
        """The slug an entry resolves to (a new free topic's when nothing matches)."""
        tag = normalise_tag(entry)
        return self.index.get(tag) or self.index.get(tag.removesuffix("s")) or resolve_topic(entry)

    def slugs(self, entries: list[str]) -> list[str]:
        """The slugs of entries, each once, in order."""
        return list(dict.fromkeys(self.slug(entry) for entry in entries))


def changes(
    person: dict[str, Any],
    user: User,
    membership: ProgramMembership | None,
    names: TopicNames,
    answers: dict[str, Any] | None = None,
) -> list[str]:
    """The fields the import would change for a person already in the app (empty: unchanged).

    ``answers``: the person's stored answers to the program's questions, by question id.
    """
    changed: list[str] = []
    if person["name"] is not None and person["name"] != user.name:
        changed.append("name")
    profile = user.profile
    if profile is None:
        return [*changed, "profile", "program"]
    roles = set(person["roles"])
    if ("mentor" in roles and not profile.is_mentor) or ("mentee" in roles and not profile.is_mentee):
        changed.append("role")
    wanted: dict[str, Any] = {
        "kinds": set(person["kinds"]) if person["kinds"] is not None else None,
        "goals": person["goals"],
        "experience": person["experience"],
        "offers": names.slugs(person["offers"]) if person["offers"] is not None else None,
        "seeks": names.slugs(person["seeks"]) if person["seeks"] is not None else None,
        "languages": person["languages"],
        "timezone": person["timezone"],
        "capacity": person["capacity"],
    }
    current: dict[str, Any] = {
        "kinds": set(profile.kinds or []),
        # Cells are read trimmed; stored text may end in a newline someone typed.
        "goals": profile.goals.strip(),
        "experience": profile.experience.strip(),
        "offers": profile.topic_slugs(TopicDirection.OFFERS),
        "seeks": profile.topic_slugs(TopicDirection.SEEKS),
        "languages": profile.language_codes,
        "timezone": profile.timezone,
        "capacity": profile.capacity,
    }
    changed += [key for key, value in wanted.items() if value is not None and value != current[key]]
    given = person.get("answers") or {}
    if any((answers or {}).get(key) != value for key, value in given.items()):
        changed.append("answers")
    if (
        membership is None
        or membership.status is not MembershipStatus.ACTIVE
        or membership.is_mentor != ("mentor" in roles)
        or membership.is_mentee != ("mentee" in roles)
    ):
        changed.append("program")
    return changed
