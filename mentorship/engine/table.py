"""The bridge from profiles to the engine's participants table (the CSV contract of `mentorship match`)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.engine.rows import MENTOR, row_id
from mentorship.models import Kind, Profile, Topic, TopicDirection

#: Each topic's names in every language (label, translations, other names), by slug.
TopicNames = Mapping[str, tuple[str, ...]]

# Opt-in attributes people may share for the fairness audit; read only in aggregate.
AUDIT_COLUMNS = ("region", "gender", "first_language")


def participant(role: str, profile: Profile, kind: Kind, capacity: int) -> dict[str, Any]:
    """One participants-table row for a profile in a role (``capacity``: a mentor's free places)."""
    attributes = profile.fairness_attributes or {}
    return {
        "id": row_id(role, profile.id),
        "name": profile.user.name,
        "role": role,
        "kinds": kind.value,
        "goals": profile.goals,
        "experience": profile.experience,
        "offers": ";".join(profile.topic_slugs(TopicDirection.OFFERS)),
        "seeks": ";".join(profile.topic_slugs(TopicDirection.SEEKS)),
        "languages": ";".join(profile.language_codes) or "en",
        "timezone": profile.timezone or "UTC",
        "capacity": str(capacity) if role == MENTOR else "",
        **{column: str(attributes.get(column, "") or "") for column in AUDIT_COLUMNS},
    }


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
