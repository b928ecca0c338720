"""Small hand-made participants tables for the engine tests."""

from __future__ import annotations

import pandas as pd
import pytest


def person(pid: str, role: str, **fields: str) -> dict[str, str]:
    row = {
        "id": pid,
        "name": pid.title(),
        "role": role,
        "languages": "en",
        "capacity": "1" if role == "mentor" else "",
    }
    row.update(fields)
    return row


@pytest.fixture
def small_table() -> pd.DataFrame:
    return pd.DataFrame(
        [
            person(
                "ana",
                "mentee",
                seeks="Python;pandas",
                goals="learn data analysis with pandas",
                timezone="+01:00",
            ),
            person(
                "bo",
                "mentee",
                seeks="design;figma",
                goals="become a product designer",
                timezone="Europe/Berlin",
            ),
            person(
                "chi", "mentee", seeks="python", goals="data analysis", languages="ja", timezone="Asia/Tokyo"
            ),
            person(
                "dev",
                "mentor",
                offers="python;Pandas;sql",
                experience="ten years of data analysis in python",
                timezone="UTC",
            ),
            person("eve", "mentor", offers="UX;Figma", experience="product designer at a design agency"),
        ]
    )
