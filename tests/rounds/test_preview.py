"""The round preview: its edits work as labelled and every figure on it follows them."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import AsyncTestClient
from sqlalchemy import event
from sqlalchemy.engine import Engine

from mentorship.app import create_app
from mentorship.config import Settings
from tests.factories import PASSWORD, create_user, mentee, mentor
from tests.helpers import login, post_form
from tests.rounds.conftest import community, run_round
from tests.stored_suggestions import refresh_suggestions

Client = AsyncTestClient[Litestar]


@pytest.fixture
async def coordinator(quiet: Settings) -> AsyncIterator[Client]:
    """A client of its own, for the coordinator (created by the test's community)."""
    async with AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local") as client:
        yield client


async def start(client: Client, settings: Settings, **form: str) -> tuple[str, dict[str, Any]]:
    """Sign in, run a round to the preview; return its path and API detail."""
    await login(client, "coordinator@example.org", PASSWORD)
    started = await post_form(client, "/rounds/", {"min_score": "0", **form})
    path = started.headers["location"]
    await run_round(settings, path.rsplit("/", 1)[1])
    detail = (await client.get("/api/v1" + path)).json()
    return path, detail


def figure(page: str, label: str) -> str:
    """The value of one summary figure, found by its label."""
    found = re.search(
        r'class="figure-value"[^>]*>([^<]*)</\w+>\s*<\w+ class="figure-label"[^>]*>\s*' + re.escape(label),
        page,
    )
    assert found, f"no figure {label!r}"
    return html.unescape(found.group(1)).strip()


def by_names(detail: dict[str, Any]) -> dict[tuple[str, ...], dict[str, Any]]:
    return {tuple(m["name"] for m in p["members"]): p for p in detail["proposals"]}


async def test_remove_changes_every_figure_and_the_publish_count(
    quiet: Settings, coordinator: Client
) -> None:
    await community(quiet)
    path, detail = await start(coordinator, quiet, kind="traditional")
    ben = by_names(detail)["Max Mentor", "Ben"]

    await post_form(coordinator, f"{path}/proposals/{ben['id']}/remove", {})
    page = (await coordinator.get(path)).text
    api = (await coordinator.get("/api/v1" + path)).json()

    assert figure(page, "proposals") == "1"
    assert figure(page, "people matched") == "1 / 3"
    assert "Publish 1 proposal<" in page
    # Ben is unmatched now, and says why.
    assert re.search(r"removed from this round.*?Ben", page.split('id="unmatched-title"', 1)[1], re.S)
    assert api["figures"]["proposals"] == 1 and api["figures"]["matched"] == 1
    assert api["round"]["summary"]["proposals"] == 2  # the run's own figures stay as they were


async def test_the_round_s_figures_are_summed_once_until_a_pairing_changes(
    quiet: Settings, coordinator: Client
) -> None:
    await community(quiet)
    path, detail = await start(coordinator, quiet, kind="traditional")
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        await coordinator.get(path)
        again = list(statements)
        await post_form(
            coordinator, f"{path}/proposals/{by_names(detail)['Max Mentor', 'Ben']['id']}/remove", {}
        )
        statements.clear()
        page = (await coordinator.get(path)).text
    finally:
        event.remove(Engine, "before_cursor_execute", count)

    def summing(found: list[str]) -> list[str]:
        return [s for s in found if "GROUP BY" in s and ".bin" in s]  # the histogram of the sums

    assert not summing(again)  # the API's visit kept them
    assert summing(statements) and figure(page, "proposals") == "1"


async def test_a_round_s_summary_is_read_once_per_version(quiet: Settings, coordinator: Client) -> None:
    await community(quiet)
    path, _detail = await start(coordinator, quiet, kind="traditional")
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    await coordinator.get(path)
    event.listen(Engine, "before_cursor_execute", count)
    try:
        page = (await coordinator.get(path)).text
    finally:
        event.remove(Engine, "before_cursor_execute", count)

    assert not [s for s in statements if "matching_round.summary" in s]  # parsed on the first visit
    assert figure(page, "proposals") == "2" and "Publish 2 proposals<" in page


async def test_swap_offers_only_mentors_with_room_and_the_default_works(
    quiet: Settings, coordinator: Client
) -> None:
    await community(quiet)
    # Three places for Ben and Dee (bots): whoever way they are matched, one of them can move to a free place.
    await create_user(quiet, "zoe@example.org", name="Zoe Mentor", profile=mentor(2, ["bots"], ["en"]))
    await create_user(quiet, "dee@example.org", name="Dee", profile=mentee(["bots"], ["en"]))
    path, detail = await start(coordinator, quiet, kind="traditional")
    mia = next(
        m["profile_id"] for p in detail["proposals"] for m in p["members"] if m["name"] == "Mia Mentor"
    )

    page = (await coordinator.get(path)).text
    selects = {
        p["id"]: found.group(0)
        for p in detail["proposals"]
        if (found := re.search(rf'<select[^>]*id="swap-{p["id"]}".*?</select>', page, re.S))
    }
    offers = {pid: re.findall(r'<option value="([^"]+)"', select) for pid, select in selects.items()}
    assert offers, "some pairing offers another mentor"
    chosen, offered = next(iter(offers.items()))
    default = re.search(r'<option value="([^"]+)" selected', selects[chosen])
    before = next(m["name"] for p in detail["proposals"] if p["id"] == chosen for m in p["members"])
    pick = default.group(1) if default else offered[0]
    swapped = await post_form(coordinator, f"{path}/proposals/{chosen}/swap", {"mentor": pick})
    after = (await coordinator.get(path)).text
    now = next(p for p in (await coordinator.get("/api/v1" + path)).json()["proposals"] if p["id"] == chosen)

    assert all(mia not in found for found in offers.values())  # Mia has one place and it is taken
    assert swapped.status_code == 303
    assert "Mentor changed." in after
    assert now["members"][0]["name"] != before


async def test_peer_preview_shows_no_mentor_sections(quiet: Settings, coordinator: Client) -> None:
    await create_user(quiet, "coordinator@example.org", name="Coordinator", coordinator=True)
    for name, offers, seeks in (("A", "bots", "editathons"), ("B", "editathons", "bots"), ("C", "bots", "x")):
        await create_user(
            quiet,
            f"{name.lower()}@example.org",
            name=name,
            profile={
                "is_mentee": True,
                "kinds": ["peer"],
                "offers": [offers],
                "seeks": [seeks],
                "languages": ["en"],
                "goals": "learn " + seeks,
            },
        )
    path, _detail = await start(coordinator, quiet, kind="peer")

    page = (await coordinator.get(path)).text

    assert "Proposed pairings" in page
    assert "Mentor load after this round" not in page
    assert "Swap mentor" not in page


def group_people(count: int) -> list[tuple[str, str, dict[str, Any]]]:
    people = [
        (
            f"g{i}@example.org",
            f"G{i}",
            {
                "is_mentee": True,
                "kinds": ["group"],
                "seeks": ["editathons"],
                "languages": ["en"],
                "goals": "run editathons",
            },
        )
        for i in range(count)
    ]
    for lead in ("Lead One", "Lead Two"):
        people.append(
            (
                lead.replace(" ", ".").lower() + "@example.org",
                lead,
                {
                    "is_mentor": True,
                    "kinds": ["group"],
                    "capacity": 4,
                    "offers": ["editathons"],
                    "languages": ["en"],
                    "experience": "editathons",
                },
            )
        )
    return people


async def test_group_preview_moves_a_person_within_the_group_sizes(
    quiet: Settings, coordinator: Client
) -> None:
    await create_user(quiet, "coordinator@example.org", name="Coordinator", coordinator=True)
    for email, name, profile in group_people(7):
        await create_user(quiet, email, name=name, profile=profile)
    path, detail = await start(coordinator, quiet, kind="group", group_min="3", group_max="4")
    groups = sorted(detail["proposals"], key=lambda p: len(p["members"]))
    small, big = groups[0], groups[1]
    mover, stuck = [m for m in big["members"] if m["role"] == "mentee"][:2]

    page = (await coordinator.get(path)).text
    moved = await post_form(
        coordinator, f"{path}/proposals/{big['id']}/move", {"person": mover["profile_id"], "to": small["id"]}
    )
    refused = await post_form(
        coordinator, f"{path}/proposals/{big['id']}/move", {"person": stuck["profile_id"], "to": small["id"]}
    )
    after = {p["id"]: p for p in (await coordinator.get("/api/v1" + path)).json()["proposals"]}
    shown = (await coordinator.get(path)).text

    assert "Move to" in page
    assert moved.status_code == 303
    assert mover["profile_id"] in {m["profile_id"] for m in after[small["id"]]["members"]}
    assert len(after[small["id"]]["members"]) == 5 and len(after[big["id"]]["members"]) == 4
    # Small now has 4 (the largest), big has 3 (the smallest): moving one more breaks both limits.
    assert refused.status_code == 303
    assert stuck["profile_id"] in {m["profile_id"] for m in after[big["id"]]["members"]}
    assert "That group would be smaller than 3 people." in shown
    assert "groups of 3 to 4" in shown


async def test_unmatched_people_are_grouped_by_reason(quiet: Settings, coordinator: Client) -> None:
    await create_user(quiet, "coordinator@example.org", name="Coordinator", coordinator=True)
    await create_user(quiet, "mia@example.org", name="Mia Mentor", profile=mentor(1, ["bots"], ["en"]))
    for name, seeks in (("Ana", ["bots"]), ("Ben", ["bots", "editathons"]), ("Cy", ["editathons"])):
        await create_user(quiet, f"{name.lower()}@example.org", name=name, profile=mentee(seeks, ["en"]))
    path, detail = await start(coordinator, quiet, kind="traditional")

    page = (await coordinator.get(path)).text
    section = page.split('id="unmatched-title"', 1)[1].split("</section>", 1)[0]

    # Two people are left for the same reason, each with their own best fit: one heading, both names.
    assert section.count("every mentor who fits is full") == 1
    assert "best fit 0." not in section
    assert len(detail["round"]["summary"]["unmatched"]) == 2


async def test_the_fairness_audit_shows_the_librarys_report_with_the_gaps_in_words(
    quiet: Settings, coordinator: Client
) -> None:
    await create_user(quiet, "coordinator@example.org", name="Coordinator", coordinator=True)
    await create_user(quiet, "mia@example.org", name="Mia Mentor", profile=mentor(5, ["bots"], ["en"]))
    # Five from Europe who share the mentor's language, five from Asia who do not, three unsaid.
    for k in range(13):
        region = "Europe" if k < 5 else "Asia" if k < 10 else ""
        language = "hi" if region == "Asia" else "en"
        shared = {"fairness_attributes": {"region": region}} if region else {}
        profile = mentee(["bots"], [language], **shared)
        await create_user(quiet, f"p{k}@example.org", name=f"P{k}", profile=profile)
    path, detail = await start(coordinator, quiet, kind="traditional")

    page = html.unescape((await coordinator.get(path)).text)
    section = page.split('id="audit-title"', 1)[1].split("</section>", 1)[0]

    report = detail["round"]["summary"]["audit"]
    assert [a["attribute"] for a in report["attributes"]] == ["region"]
    assert "Lower quartile" in section
    assert "1 smaller group" in section and "fewer than 5 people each, not described: (blank)" in section
    assert re.search(r"“Asia” is matched \d+ points less often than “Europe”\.", section)
    assert re.search(r'class="flagged"><th scope="row">Asia<', section)


async def test_gap_is_said_in_words_with_the_figures_in_details(quiet: Settings, coordinator: Client) -> None:
    await community(quiet)
    path, detail = await start(coordinator, quiet, kind="traditional")

    page = (await coordinator.get(path)).text

    exact = re.search(r"<details[^>]*>\s*<summary[^>]*>[^<]*exact figures.*?</details>", page, re.I | re.S)
    outside = page.replace(exact.group(0), "") if exact else page

    assert "Best possible: no other set of pairings scores higher" in page
    assert exact and re.search(r"\d\.\d\de[+-]\d\d", exact.group(0))
    assert not re.search(r"\d\.\d\de[+-]\d\d|upper bound \d", outside)
    assert "upper_bound" in detail["round"]["summary"] and "relative_gap" in detail["round"]["summary"]


async def test_compare_with_nothing_chosen_is_a_form_error_that_keeps_the_choice(
    quiet: Settings, coordinator: Client
) -> None:
    await community(quiet)
    path, _detail = await start(coordinator, quiet, kind="traditional")
    round_id = path.rsplit("/", 1)[1]

    nothing = await coordinator.get("/rounds/compare")
    only_a = await coordinator.get("/rounds/compare", params={"first": round_id})
    itself = await coordinator.get("/rounds/compare", params={"first": round_id, "second": round_id})

    assert nothing.status_code == 400 and "Choose two rounds to compare" in nothing.text
    assert "Start a round" in nothing.text  # the rounds page, not an error page
    assert only_a.status_code == 400
    assert re.search(rf'value="{round_id}"\s+checked', only_a.text)  # the choice is kept
    assert itself.status_code == 400 and "Choose two different rounds" in itself.text


async def test_scores_read_as_a_fit(quiet: Settings, coordinator: Client) -> None:
    await community(quiet)
    path, _detail = await start(coordinator, quiet, kind="traditional")

    page = (await coordinator.get(path)).text

    assert re.search(r'class="fit[^"]*"[^>]*title="[^"]*0\.\d\d', page)
    assert re.search(r"(Weak|Fair|Good|Strong) fit", page)


async def test_a_published_proposal_and_suggestions_show_the_score_as_a_fit(
    quiet: Settings, coordinator: Client
) -> None:
    await community(quiet)
    path, detail = await start(coordinator, quiet, kind="traditional")
    await post_form(coordinator, f"{path}/publish", {})
    ana = by_names(detail)["Mia Mentor", "Ana"]
    await create_user(quiet, "zoe@example.org", name="Zoe Mentor", profile=mentor(2, ["bots"], ["en"]))
    await create_user(quiet, "dee@example.org", name="Dee", profile=mentee(["bots"], ["en"]))
    await refresh_suggestions(quiet)
    async with AsyncTestClient(app=create_app(quiet), base_url="http://testserver.local") as client:
        await login(client, "dee@example.org", PASSWORD)
        suggestions = (await client.get("/suggestions")).text
        await login(client, "ana@example.org", PASSWORD)
        page = (await client.get(f"/proposals/{ana['id']}")).text

    for shown in (page, suggestions):
        assert re.search(r'class="fit fit-\w+" title="Match score 0\.\d\d of 1"', shown)
        assert re.search(r"(Weak|Fair|Good|Strong) fit", shown)
