"""A large file goes through the job with progress; two confirming one preview at once make one import."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import pytest

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.imports import tasks
from tests.imports.conftest import HEADER, People, confirm, counts, run_job, upload

PEOPLE = 2000


def large_file() -> str:
    """2,000 people: every tenth mentors, the others seek a mentor; a few topics and languages."""
    lines = [HEADER]
    topics = ("editathons", "bots", "article writing", "templates", "lua")
    for n in range(PEOPLE):
        role = "mentor" if n % 10 == 0 else "mentee"
        topic = topics[n % len(topics)]
        offers, seeks = (topic, "") if role == "mentor" else ("", topic)
        capacity = "3" if role == "mentor" else ""
        lines.append(
            f",person{n}@example.org,Person {n},{role},traditional,Goal {n},,{offers},{seeks},en;es,"
            f"Europe/Madrid,{capacity},\n"
        )
    return "".join(lines)


class FakeJob:
    """Records the progress the task reports, as the queue's job would store it."""

    def __init__(self) -> None:
        self.progress: list[float] = []
        self.heartbeat = 0

    async def update(self, **fields: Any) -> None:
        self.progress.append(fields["progress"])


async def test_a_large_file_imports_through_the_job_with_progress(
    people: People, quiet: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tasks, "PROGRESS_EVERY", 0.0)
    before = await counts(quiet)
    preview = (await upload(people["lead"], large_file())).json()
    assert len(preview["new"]) == PEOPLE
    assert (await confirm(people["lead"], preview["id"])).status_code == 202
    job = FakeJob()

    config = build_sqlalchemy_config(quiet)
    result = await tasks.run_import(
        {"db_config": config, "settings": quiet, "job": job}, import_id=preview["id"]
    )  # type: ignore[typeddict-item]
    await config.get_engine().dispose()
    page = await people["lead"].get(f"/programs/leadership/import/{preview['id']}")

    assert result["people"] == PEOPLE
    assert job.progress == sorted(job.progress) and len(job.progress) >= 3
    assert await counts(quiet) == {"users": before["users"] + PEOPLE, "memberships": PEOPLE}
    assert "2000 people are now members" in page.text


async def test_two_coordinators_confirming_one_preview_at_once_make_one_import(
    people: People, quiet: Settings
) -> None:
    preview = (await upload(people["lead"], HEADER + ",zoe@example.org,Zoe,mentee,,,,,,en,,,\n")).json()

    answers = await asyncio.gather(
        confirm(people["lead"], preview["id"]), confirm(people["admin"], preview["id"])
    )
    await run_job(quiet, preview["id"])

    assert Counter(a.status_code for a in answers) == {202: 1, 409: 1}
    assert next(a for a in answers if a.status_code == 409).json()["detail"]
    assert (await counts(quiet))["memberships"] == 1
