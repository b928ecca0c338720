"""The bridge from profiles to the engine's participants table (the CSV contract of `mentorship match`)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from mentorship.engine.rows import MENTOR, row_id
from mentorship.models import Kind, Profile, TopicDirection

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
