"""The demo community as a participants table, built from its generator without a database."""

from __future__ import annotations

import pandas as pd

from matching import COLUMNS
from mentorship.demo.community import generate_community


def demo_table(seed: int = 2026, size: int = 240) -> pd.DataFrame:
    """One row per role a demo person takes (a person who is both gets two), as the app's bridge writes it."""
    rows = []
    for k, person in enumerate(generate_community(seed, size)):
        roles = [r for r, on in (("mentor", person.is_mentor), ("mentee", person.is_mentee)) if on]
        for role in roles:
            rows.append(
                {
                    "id": f"{role}-{k}",
                    "name": person.name,
                    "role": role,
                    "kinds": ";".join(person.kinds),
                    "goals": person.goals,
                    "experience": person.experience,
                    "offers": ";".join(person.offers),
                    "seeks": ";".join(person.seeks),
                    "languages": ";".join(person.languages) or "en",
                    "timezone": person.timezone or "UTC",
                    "capacity": str(person.capacity) if role == "mentor" else "",
                }
            )
    return pd.DataFrame(rows, columns=list(COLUMNS)).fillna("")
