"""Coordinators confirming one import preview at the same moment, through three workers, import it once."""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter

import pytest
from sqlalchemy import func, select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import ImportStatus, ParticipantImport, Program, ProgramCoordinator
from tests.concurrency.conftest import Server, signed_in
from tests.factories import create_user

pytestmark = pytest.mark.slow

COORDINATORS = 4


async def make_program(settings: Settings, tag: str, user_ids: list[uuid.UUID]) -> str:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        program = Program(name=f"Imports {tag}", slug=f"imports-{tag}", kinds=["traditional"])
        session.add(program)
        await session.flush()
        session.add_all(ProgramCoordinator(program_id=program.id, user_id=u) for u in user_ids)
        await session.commit()
        slug = program.slug
    await config.get_engine().dispose()
    return slug


async def claimed(settings: Settings, import_id: str) -> int:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        count = await session.scalar(
            select(func.count())
            .select_from(ParticipantImport)
            .where(
                ParticipantImport.id == uuid.UUID(import_id),
                ParticipantImport.status != ImportStatus.PREVIEW,
            )
        )
    await config.get_engine().dispose()
    return int(count or 0)


async def test_coordinators_confirming_one_preview_at_once_get_one_import_and_clean_409s(
    server: Server,
) -> None:
    tag = uuid.uuid4().hex[:8]
    people = [await create_user(server.settings, f"lead-{tag}-{i}@example.org") for i in range(COORDINATORS)]
    slug = await make_program(server.settings, tag, [p.id for p in people])
    clients = list(await asyncio.gather(*(signed_in(server.url, p.email) for p in people)))
    text = f"email,name,role,languages\nnew-{tag}@example.org,New {tag},mentee,en\n"
    preview = await clients[0].post(
        f"/api/v1/programs/{slug}/imports", files={"file": ("people.csv", text.encode(), "text/csv")}
    )
    assert preview.status_code == 201, preview.text
    import_id = preview.json()["id"]
    await asyncio.gather(*(c.get("/healthz") for c in clients for _ in range(COORDINATORS)))

    answers = await asyncio.gather(
        *(c.post(f"/api/v1/programs/{slug}/imports/{import_id}/confirm") for c in clients)
    )

    assert Counter(a.status_code for a in answers) == {202: 1, 409: COORDINATORS - 1}
    assert all("already imported" in a.json()["detail"] for a in answers if a.status_code == 409)
    assert await claimed(server.settings, import_id) == 1
    await asyncio.gather(*(c.aclose() for c in clients))
