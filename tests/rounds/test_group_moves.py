"""Moving a person to another group of a round's preview scores them with the new group's mentor."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import numpy as np
import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.app import create_app
from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.engine.pool import build_pool
from mentorship.models import Kind
from tests.factories import PASSWORD, create_user
from tests.helpers import login, post_form
from tests.rounds.conftest import run_round

Client = AsyncTestClient[Litestar]


@pytest.fixture
async def coordinator(quiet: Settings) -> AsyncIterator[Client]:
    async with AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local") as client:
        yield client


def lead(offers: str) -> dict[str, Any]:
    return {
        "is_mentor": True,
        "kinds": ["group"],
        "capacity": 4,
        "offers": [offers],
        "languages": ["en"],
        "experience": f"I run {offers}",
    }


def member(seeks: list[str], goals: str) -> dict[str, Any]:
    return {"is_mentee": True, "kinds": ["group"], "seeks": seeks, "languages": ["en"], "goals": goals}


async def people(settings: Settings) -> None:
    """Two group mentors, three mentees for each, and Mo, who wants both."""
    await create_user(settings, "coordinator@example.org", name="Coordinator", coordinator=True)
    await create_user(settings, "edit@example.org", name="Lead Edit", profile=lead("editathons"))
    await create_user(settings, "bots@example.org", name="Lead Bots", profile=lead("bots"))
    for i in range(3):
        await create_user(
            settings, f"e{i}@example.org", name=f"Eda {i}", profile=member(["editathons"], "editathons")
        )
        await create_user(
            settings, f"b{i}@example.org", name=f"Bo {i}", profile=member(["bots"], "write bots")
        )
    await create_user(
        settings, "mo@example.org", name="Mo", profile=member(["editathons", "bots"], "editathons and bots")
    )


async def engine_fits(settings: Settings, groups: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    """Each member's fit with their group's mentor, by the engine's own scorer over the round's pool."""
    from matching import GroupMatcher

    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        pool = await build_pool(session, Kind.GROUP, date.today())
    await config.get_engine().dispose()
    matcher = GroupMatcher(min_size=3, max_size=4).fit(pool.frame)
    ids = list(matcher.table_.ids)
    mentee_at = {ids[row]: i for i, row in enumerate(matcher.mentees_)}
    mentor_at = {ids[row]: i for i, row in enumerate(matcher.mentors_)}
    scorer = matcher.scorer()
    fits: dict[str, dict[str, float]] = {}
    for mentor, members in groups.items():
        rows = np.array([mentee_at[f"mentee:{m}"] for m in members])
        scores = scorer.pairs(rows, np.full(len(rows), mentor_at[f"mentor:{mentor}"]))
        fits[mentor] = dict(zip(members, scores.tolist(), strict=True))
    return fits


def mentor_of(proposal: dict[str, Any]) -> str:
    return str(next(m["profile_id"] for m in proposal["members"] if m["role"] == "mentor"))


def mentees(proposal: dict[str, Any]) -> list[str]:
    return [m["profile_id"] for m in proposal["members"] if m["role"] == "mentee"]


async def group_round(client: Client, settings: Settings) -> str:
    """Sign the coordinator in and run a group round of three to four people to its preview."""
    await login(client, "coordinator@example.org", PASSWORD)
    started = await post_form(
        client, "/rounds/", {"kind": "group", "min_score": "0", "group_min": "3", "group_max": "4"}
    )
    path: str = started.headers["location"]
    await run_round(settings, path.rsplit("/", 1)[1])
    return path


async def test_a_moved_person_is_scored_with_the_new_groups_mentor_and_the_totals_follow(
    quiet: Settings, coordinator: Client
) -> None:
    await people(quiet)
    path = await group_round(coordinator, quiet)
    before = (await coordinator.get("/api/v1" + path)).json()["proposals"]
    source = next(p for p in before if "Mo" in {m["name"] for m in p["members"]})
    target = next(p for p in before if p["id"] != source["id"])
    mo = next(m["profile_id"] for m in source["members"] if m["name"] == "Mo")

    moved = await post_form(
        coordinator, f"{path}/proposals/{source['id']}/move", {"person": mo, "to": target["id"]}
    )
    detail = (await coordinator.get("/api/v1" + path)).json()
    after = {p["id"]: p for p in detail["proposals"]}
    page = html.unescape((await coordinator.get(path)).text)

    assert moved.status_code == 303
    groups = {mentor_of(after[p]): mentees(after[p]) for p in (source["id"], target["id"])}
    assert mo in groups[mentor_of(target)]
    fits = await engine_fits(quiet, groups)
    mo_fit = fits[mentor_of(target)][mo]
    # The old group's mentor fitted Mo differently: the test means something only when they differ.
    assert abs(mo_fit - source["score"]) > 0.01
    for proposal_id in (source["id"], target["id"]):
        members = fits[mentor_of(after[proposal_id])]
        assert after[proposal_id]["score"] == pytest.approx(sum(members.values()) / len(members))
    assert "(4 of 4)" in " ".join(after[target["id"]]["reasons"])
    assert detail["figures"]["total"] == pytest.approx(sum(sum(f.values()) for f in fits.values()))
    # Mo's own fit is shown beside Mo, in the row of the new group.
    shown = shown_fits(page)
    assert shown[mo] == (name_of_mentor(target), f"(fit {mo_fit:.2f})")


def shown_fits(page: str) -> dict[str, tuple[str, str]]:
    """Each group member's fit as the preview shows it, with the mentor of the row it is in."""
    found = {}
    for row in re.findall(r"<tr[^>]*>.*?</tr>", page, re.S):
        mentor = re.search(r'<th scope="row">(?:<span class="group-label">[^<]*</span> )?([^<]*)</th>', row)
        for person, fit in re.findall(
            r'data-member="([^"]+)"[^>]*>[^<]*<span class="member-fit[^"]*"[^>]*>([^<]*)<', row
        ):
            found[person] = (mentor.group(1).strip() if mentor else "", " ".join(fit.split()))
    return found


def name_of_mentor(proposal: dict[str, Any]) -> str:
    return str(next(m["name"] for m in proposal["members"] if m["role"] == "mentor"))


async def test_a_person_the_other_groups_mentor_cannot_take_stays_where_they_are(
    quiet: Settings, coordinator: Client
) -> None:
    await create_user(quiet, "coordinator@example.org", name="Coordinator", coordinator=True)
    await create_user(
        quiet, "edit@example.org", name="Lead Edit", profile=lead("editathons") | {"languages": ["en", "es"]}
    )
    await create_user(quiet, "bots@example.org", name="Lead Bots", profile=lead("bots"))
    for i in range(3):
        await create_user(
            quiet, f"e{i}@example.org", name=f"Eda {i}", profile=member(["editathons"], "editathons")
        )
        await create_user(quiet, f"b{i}@example.org", name=f"Bo {i}", profile=member(["bots"], "write bots"))
    # Ines speaks only Spanish: of the two mentors, only Lead Edit shares a language with her.
    await create_user(
        quiet,
        "ines@example.org",
        name="Ines",
        profile=member(["editathons"], "editathons") | {"languages": ["es"]},
    )
    path = await group_round(coordinator, quiet)
    before = (await coordinator.get("/api/v1" + path)).json()["proposals"]
    source = next(p for p in before if "Ines" in {m["name"] for m in p["members"]})
    target = next(p for p in before if p["id"] != source["id"])
    ines = next(m["profile_id"] for m in source["members"] if m["name"] == "Ines")

    refused = await post_form(
        coordinator, f"{path}/proposals/{source['id']}/move", {"person": ines, "to": target["id"]}
    )
    after = {p["id"]: p for p in (await coordinator.get("/api/v1" + path)).json()["proposals"]}
    page = html.unescape((await coordinator.get(path)).text)

    assert refused.status_code == 303
    assert ines in mentees(after[source["id"]]) and ines not in mentees(after[target["id"]])
    assert after[target["id"]]["score"] == target["score"]
    assert "Ines cannot be in that group: its mentor shares no language with them" in page
