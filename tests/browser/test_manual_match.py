"""A coordinator matches two people by hand: searches each, sees the fit and a warning, starts it."""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import select

from mentorship.database import build_sqlalchemy_config
from mentorship.demo.community import COORDINATOR_EMAIL
from mentorship.models import Profile, Program, ProgramMembership
from tests.browser.conftest import DEMO_PASSWORD, LiveServer
from tests.browser.pages import PageProblems, axe_violations, signed_in
from tests.conftest import make_settings
from tests.databases import in_thread
from tests.factories import create_user, mentee, mentor

pytestmark = pytest.mark.browser


def add_pair(live_server: LiveServer, data_dir: Path, tag: str) -> None:
    """A mentor in Berlin and a mentee in Auckland, both new members of the demo's Newcomers program."""
    settings = make_settings(live_server.database_url, data_dir)

    async def add() -> None:
        people = [
            await create_user(
                settings,
                f"quinn-{tag}@example.org",
                name=f"Quinn {tag}",
                profile=mentor(2, ["editathons"], ["en"]),
                password=DEMO_PASSWORD,
            ),
            await create_user(
                settings,
                f"rosa-{tag}@example.org",
                name=f"Rosa {tag}",
                profile=mentee(["editathons"], ["en"], "Pacific/Auckland"),
                password=DEMO_PASSWORD,
            ),
        ]
        config = build_sqlalchemy_config(settings)
        async with config.get_session() as session:
            program = (await session.execute(select(Program).where(Program.slug == "newcomers"))).scalar_one()
            for user, as_mentor in zip(people, (True, False), strict=True):
                profile_id = (
                    await session.execute(select(Profile.id).where(Profile.user_id == user.id))
                ).scalar_one()
                session.add(
                    ProgramMembership(
                        program_id=program.id,
                        profile_id=profile_id,
                        is_mentor=as_mentor,
                        is_mentee=not as_mentor,
                        joined_at=datetime.now(UTC),
                    )
                )
            await session.commit()
        await config.get_engine().dispose()

    in_thread(lambda: asyncio.run(add()))


def test_a_coordinator_searches_both_sides_sees_a_warning_and_starts_with_a_reason(
    browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    tag = uuid.uuid4().hex[:6]
    add_pair(live_server, tmp_path, tag)
    context, page = signed_in(browser, live_server, COORDINATOR_EMAIL)
    problems = PageProblems().watch(page)
    page.goto("/programs/newcomers/match")

    page.get_by_label("Search the program's mentees by name").fill(f"Rosa {tag}")
    page.locator("#mentee-results").get_by_label(re.compile(f"Rosa {tag}")).check()
    page.get_by_label("Search the program's mentors by name").fill(f"Quinn {tag}")
    page.locator("#mentor-results").get_by_label(re.compile(f"Quinn {tag}")).check()
    page.get_by_role("button", name="Show the fit").click()

    preview = page.locator("#match-preview")
    # The first fit in a fresh server fits the engine on the whole demo community: give it time.
    expect(preview.get_by_role("heading", name="The fit")).to_be_visible(timeout=90_000)
    expect(preview.locator(".fit")).not_to_have_count(0)
    expect(preview.locator('[data-code="hours_apart"]')).to_contain_text(f"Rosa {tag} and Quinn {tag} live")
    assert axe_violations(page) == []
    page.get_by_label("Why you start it directly (kept in the history)").fill("They met at the editathon.")
    page.get_by_role("button", name="Start the relationship").click()

    expect(page).to_have_url(re.compile(r"/relationships/[0-9a-f-]+$"))
    expect(page.get_by_role("status")).to_contain_text("The relationship has started")
    expect(page.get_by_text(f"Quinn {tag}").first).to_be_visible()
    expect(page.get_by_text(f"Rosa {tag}").first).to_be_visible()
    problems.assert_clean()
    context.close()
