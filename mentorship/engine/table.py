"""The bridge from profiles to the engine's participants table (the CSV contract of `mentorship match`)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

import pandas as pd
from sqlalchemy import literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.engine.rows import MENTOR, row_id
from mentorship.models import Kind, Profile, ProfileLanguage, ProfileTopic, Topic, TopicDirection, User

#: Each topic's names in every language (label, translations, other names), by slug.
TopicNames = Mapping[str, tuple[str, ...]]

# Opt-in attributes people may share for the fairness audit; read only in aggregate.
AUDIT_COLUMNS = ("region", "gender", "first_language")


def participant(role: str, profile: Profile, kind: Kind, capacity: int) -> dict[str, Any]:
    """One participants-table row for a profile in a role (``capacity``: a mentor's free places)."""
    return _row(
        role,
        kind,
        capacity,
        (profile.id, profile.user.name, profile.goals, profile.experience, profile.timezone),
        (profile.topic_slugs(TopicDirection.OFFERS), profile.topic_slugs(TopicDirection.SEEKS)),
        profile.language_codes,
        profile.fairness_attributes,
    )


def _row(
    role: str,
    kind: Kind,
    capacity: int,
    person: tuple[UUID, str, str | None, str | None, str | None],
    topics: tuple[list[str], list[str]],
    languages: list[str],
    attributes: dict[str, Any] | None,
) -> dict[str, Any]:
    profile_id, name, goals, experience, timezone = person
    attributes = attributes or {}
    return {
        "id": row_id(role, profile_id),
        "name": name,
        "role": role,
        "kinds": kind.value,
        "goals": goals,
        "experience": experience,
        "offers": ";".join(topics[0]),
        "seeks": ";".join(topics[1]),
        "languages": ";".join(languages) or "en",
        "timezone": timezone or "UTC",
        "capacity": str(capacity) if role == MENTOR else "",
        **{column: str(attributes.get(column, "") or "") for column in AUDIT_COLUMNS},
    }


async def participant_rows(
    session: AsyncSession, where: Sequence[Any], role: str, kind: Kind, *, room: Any = None
) -> list[tuple[UUID, dict[str, Any]]]:
    """Every matching profile's row as :func:`participant` makes it, read as columns, not ORM objects.

    Three statements whatever the number of people: for the suggestions' refresh, which reads every
    mentee (loading 70,000 profiles with their topics and languages as objects took a minute at 100k).
    ``room``: a column read as each row's capacity (a mentor's free places).
    """
    chosen = select(Profile.id).join(User, User.id == Profile.user_id).where(*where)
    people = await session.execute(
        select(
            Profile.id,
            User.name,
            Profile.goals,
            Profile.experience,
            Profile.timezone,
            Profile.fairness_attributes,
            literal(0) if room is None else room,
        )
        .join(User, User.id == Profile.user_id)
        .where(*where)
        .order_by(Profile.created_at, Profile.id)
    )
    tags: dict[UUID, tuple[list[str], list[str]]] = {}
    linked = await session.execute(
        select(ProfileTopic.profile_id, ProfileTopic.direction, Topic.slug)
        .join(Topic, Topic.id == ProfileTopic.topic_id)
        .where(ProfileTopic.profile_id.in_(chosen))
        .order_by(ProfileTopic.profile_id, ProfileTopic.position, ProfileTopic.id)
    )
    for profile_id, direction, slug in linked.all():
        offers, seeks = tags.setdefault(profile_id, ([], []))
        (offers if direction is TopicDirection.OFFERS else seeks).append(slug)
    spoken: dict[UUID, list[str]] = {}
    found = await session.execute(
        select(ProfileLanguage.profile_id, ProfileLanguage.code)
        .where(ProfileLanguage.profile_id.in_(chosen))
        .order_by(ProfileLanguage.profile_id, ProfileLanguage.position)
    )
    for profile_id, code in found.all():
        spoken.setdefault(profile_id, []).append(code)
    return [
        (
            row[0],
            _row(
                role,
                kind,
                int(row[6]),
                tuple(row[:5]),
                tags.get(row[0], ([], [])),
                spoken.get(row[0], []),
                row[5],
            ),
        )
        for row in people.all()
    ]


def participants(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The participants table of these rows: the library's columns, then the audit's."""
    # The library (seconds of scikit-learn to import) loads with the first table, not with the app.
    from matching import COLUMNS

    return pd.DataFrame(rows, columns=[*COLUMNS, *AUDIT_COLUMNS]).fillna("")


async def topic_names(session: AsyncSession) -> dict[str, tuple[str, ...]]:
    """Every curated, current topic's names in every language: what free text may name it by."""
    rows = await session.execute(
        select(Topic.slug, Topic.label, Topic.translations, Topic.aliases).where(
            Topic.curated, Topic.retired.is_(False)
        )
    )
    found: dict[str, tuple[str, ...]] = {}
    for slug, label, translations, aliases in rows:
        others = translations.values() if isinstance(translations, dict) else ()
        names = [label, *others, *(aliases if isinstance(aliases, list) else ())]
        found[str(slug)] = tuple(dict.fromkeys(str(n) for n in names if n and str(n).strip()))
    return found


# A finder reads each catalog name once per language; kept while the catalog stays the same.
_FINDERS: OrderedDict[tuple[tuple[str, tuple[str, ...]], ...], Any] = OrderedDict()
_FINDERS_LOCK = threading.Lock()


def with_topics(frame: pd.DataFrame, names: TopicNames) -> pd.DataFrame:
    """The table with the topics people's goals and experience name, in any language, added.

    A French goal about "rédaction d'articles" then seeks the catalog's *Article writing*,
    which an English mentor offers: the catalog's translations bridge the two languages.
    """
    if not names or frame.empty:
        return frame
    from matching import TopicFinder

    key = tuple(sorted((slug, tuple(found)) for slug, found in names.items()))
    with _FINDERS_LOCK:
        finder = _FINDERS.get(key)
        if finder is None:
            finder = _FINDERS[key] = TopicFinder(dict(names)).fit()
            while len(_FINDERS) > 2:
                _FINDERS.popitem(last=False)
        else:
            _FINDERS.move_to_end(key)
    found: pd.DataFrame = finder.transform(frame)
    return found
