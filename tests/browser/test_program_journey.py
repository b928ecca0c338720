"""Issue 17's journey: an administrator makes a program with two questions, imports 50 people, runs a round,
matches by hand, and a participant in two programs sees each program's relationships apart."""

from __future__ import annotations

import asyncio
import os
import re
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, FilePayload, Page, expect
from sqlalchemy import select, update

from mentorship.accounts.passwords import hash_password
from mentorship.database import build_sqlalchemy_config
from mentorship.demo.community import COORDINATOR_EMAIL
from mentorship.models import EnrolmentAnswer, EnrolmentQuestion, Profile, Program, ProgramMembership, User
from tests.browser.conftest import DEMO_PASSWORD, LiveServer
from tests.browser.pages import PageProblems, axe_violations, horizontal_overflow, signed_in
from tests.conftest import make_settings
from tests.databases import in_thread
from tests.factories import create_user, mentee, mentor

pytestmark = pytest.mark.browser

TEAM = "Which team are you in?"
TEAMS = ("Red", "Blue", "Green")
PROJECT = "Which project do you edit most?"
PROJECTS = ("Wikipedia", "Wikidata", "Commons")
HEADER = f"email,name,role,kinds,goals,offers,seeks,languages,timezone,capacity,{TEAM},{PROJECT}\n"
ROUND_TIMEOUT_MS = 180_000  # the engine is fitted in the background on a loaded machine
FIT_TIMEOUT_MS = 90_000


def person(tag: str, n: int) -> tuple[str, str, str, str]:
    """The nth imported person: (email, name, team, project); the first ten mentor."""
    role = "Mentor" if n < 10 else "Mentee"
    return f"journey-{tag}-{n}@example.org", f"{role} {tag} {n}", TEAMS[n % 3], PROJECTS[(n // 3) % 3]


def people_file(tag: str, *, broken: bool) -> bytes:
    """10 mentors with room for 4, 40 mentees; when broken, line 3 has a bad email and line 7 no such team."""
    lines = [HEADER]
    for n in range(50):
        email, name, team, project = person(tag, n)
        role, capacity = ("mentor", "4") if n < 10 else ("mentee", "")
        if broken and n == 1:
            email = email.replace("@", " at ")
        if broken and n == 5:
            team = "Purple"
        lines.append(
            f"{email},{name},{role},traditional,Write better articles,article writing,article writing,"
            f"en,Europe/Madrid,{capacity},{team},{project}\n"
        )
    return "".join(lines).encode()


def fits(page: Page, name: str, *, widths: tuple[int, ...] = (1280, 390)) -> None:
    """No serious axe violation, and no sideways scroll at each width."""
    assert axe_violations(page) == [], name
    folder = os.environ.get("SHOTS_DIR")  # screenshots for a person to look at, when asked for
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        assert horizontal_overflow(page) == 0, f"{name} scrolls sideways at {width} px"
        if folder:
            shot = f"journey-{re.sub(r'[^a-z]+', '-', name)}-{width}.png"
            page.screenshot(path=f"{folder}/{shot}", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 720})


def add_question(page: Page, prompt: str, use: str, weight: str = "1") -> None:
    """Add a single-choice question through the program page's question editor."""
    card = page.locator("#questions-card")
    card.get_by_text("Add a question", exact=True).click()
    card.locator("#q-new-prompt").fill(prompt)
    card.locator("#q-new-kind").select_option("single_choice")
    card.locator("#q-new-choices").fill("\n".join(TEAMS if prompt == TEAM else PROJECTS))
    card.locator("#q-new-use").select_option(use)
    card.locator("#q-new-weight").fill(weight)
    card.get_by_role("button", name="Add the question").click()
    expect(page.locator("#questions-card .question-item").filter(has_text=prompt)).to_be_visible()


def upload(page: Page, data: bytes) -> None:
    payload: FilePayload = {"name": "people.csv", "mimeType": "text/csv", "buffer": data}
    page.set_input_files("#f-file", files=[payload])
    page.get_by_role("button", name="Check the file").click()


def run(coroutine: Any) -> Any:
    """Run a database step in a thread of its own (the browser's event loop owns this one)."""
    return in_thread(lambda: asyncio.run(coroutine()))


def teams_by_profile(live_server: LiveServer, data_dir: Path, slug: str) -> dict[str, str]:
    """Every answer to the team question in the program, by profile id."""

    async def read() -> dict[str, str]:
        config = build_sqlalchemy_config(make_settings(live_server.database_url, data_dir))
        async with config.get_session() as session:
            rows = await session.execute(
                select(EnrolmentAnswer.profile_id, EnrolmentAnswer.value)
                .join(EnrolmentQuestion, EnrolmentQuestion.id == EnrolmentAnswer.question_id)
                .join(Program, Program.id == EnrolmentQuestion.program_id)
                .where(Program.slug == slug, EnrolmentQuestion.prompt == TEAM)
            )
            found = {str(profile_id): str(value) for profile_id, value in rows.all()}
        await config.get_engine().dispose()
        return found

    result: dict[str, str] = run(lambda: read())
    return result


def add_two_program_people(live_server: LiveServer, data_dir: Path, tag: str, slug: str) -> None:
    """A mentee who is a member of Newcomers and of the new program, and a Newcomers mentor with room."""
    settings = make_settings(live_server.database_url, data_dir)

    async def add() -> None:
        tova = await create_user(
            settings,
            f"tova-{tag}@example.org",
            name=f"Tova {tag}",
            profile=mentee(["article writing"], ["en"]),
            password=DEMO_PASSWORD,
        )
        nell = await create_user(
            settings,
            f"nell-{tag}@example.org",
            name=f"Nell {tag}",
            profile=mentor(2, ["article writing"], ["en"]),
            password=DEMO_PASSWORD,
        )
        config = build_sqlalchemy_config(settings)
        async with config.get_session() as session:
            programs = {
                p.slug: p.id
                for p in (await session.execute(select(Program).where(Program.slug.in_(["newcomers", slug]))))
                .scalars()
                .all()
            }
            memberships = [(tova, "newcomers", False), (tova, slug, False), (nell, "newcomers", True)]
            for user, program, as_mentor in memberships:
                profile_id = await session.scalar(select(Profile.id).where(Profile.user_id == user.id))
                session.add(
                    ProgramMembership(
                        program_id=programs[program],
                        profile_id=profile_id,
                        is_mentor=as_mentor,
                        is_mentee=not as_mentor,
                        joined_at=datetime.now(UTC),
                    )
                )
            await session.commit()
        await config.get_engine().dispose()

    run(lambda: add())


def invitations_accepted(live_server: LiveServer, data_dir: Path, tag: str) -> None:
    """The imported people choose their password, as invited, so later tests can sign any of them in."""

    async def accept() -> None:
        config = build_sqlalchemy_config(make_settings(live_server.database_url, data_dir))
        async with config.get_session() as session:
            await session.execute(
                update(User)
                .where(User.email.like(f"journey-{tag}-%"))
                .values(password_hash=hash_password(DEMO_PASSWORD, "fast"))
            )
            await session.commit()
        await config.get_engine().dispose()

    run(lambda: accept())


def match_by_hand(page: Page, slug: str, mentee_name: str, mentor_name: str, why: str) -> None:
    """Pick both people on the program's matching page, see the fit, start the relationship with a reason."""
    page.goto(f"/programs/{slug}/match")
    page.get_by_label("Search the program's mentees by name").fill(mentee_name)
    page.locator("#mentee-results").get_by_label(re.compile(re.escape(mentee_name))).check()
    page.get_by_label("Search the program's mentors by name").fill(mentor_name)
    page.locator("#mentor-results").get_by_label(re.compile(re.escape(mentor_name))).check()
    page.get_by_role("button", name="Show the fit").click()
    expect(page.locator("#match-preview").get_by_role("heading", name="The fit")).to_be_visible(
        timeout=FIT_TIMEOUT_MS
    )
    fits(page, f"matching in {slug}", widths=(1280,))
    page.get_by_label("Why you start it directly (kept in the history)").fill(why)
    page.get_by_role("button", name="Start the relationship").click()
    expect(page).to_have_url(re.compile(r"/relationships/[0-9a-f-]+$"))
    expect(page.get_by_role("status")).to_contain_text("The relationship has started")


def test_an_administrator_runs_a_program_from_its_questions_to_a_participant_in_two_programs(
    browser: Browser, live_server: LiveServer, tmp_path: Path
) -> None:
    tag = uuid.uuid4().hex[:6]
    program_name = f"Teams and projects {tag}"
    context, page = signed_in(browser, live_server, COORDINATOR_EMAIL)
    problems = PageProblems().watch(page)

    # 1. A new program offering one-to-one mentoring, with a hard rule and a preference.
    page.goto("/programs/new")
    page.get_by_label("Name").fill(program_name)
    page.get_by_label("Description").fill("Editors from different teams learn from each other.")
    page.get_by_label("One-to-one: a mentor and a mentee").check()
    page.get_by_label("Group: a mentor with several mentees").uncheck()
    page.get_by_label("Peer: people learning from each other").uncheck()
    page.get_by_label("Anyone signed in can join").check()
    fits(page, "new program form")
    page.get_by_role("button", name="Create the program").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(program_name)
    slug = page.url.rstrip("/").rsplit("/", 1)[1]
    expect(page.locator("dt:text-is('Kinds of mentoring') + dd")).to_have_text("One-to-one")
    add_question(page, TEAM, "different")
    add_question(page, PROJECT, "prefer", weight="2")
    summaries = page.locator("#questions-card .question-item summary")
    expect(summaries.nth(0)).to_contain_text("Never match people with the same answer")
    expect(summaries.nth(1)).to_contain_text("Prefer people with similar answers (weight 2")
    fits(page, "program page")

    # 2. Import 50 people: two bad lines first, then the fixed file.
    page.get_by_role("link", name="Import or export people").click()
    upload(page, people_file(tag, broken=True))
    errors = page.locator("#import-problems")
    expect(errors.get_by_role("heading")).to_have_text("2 problems in the file: nothing was imported")
    rows = errors.get_by_role("row")
    expect(rows.nth(1)).to_contain_text("3")
    expect(rows.nth(1)).to_contain_text("email")
    expect(rows.nth(2)).to_contain_text("7")
    expect(rows.nth(2)).to_contain_text(TEAM)
    expect(rows.nth(2)).to_contain_text("Purple")
    fits(page, "import problems")
    upload(page, people_file(tag, broken=False))
    expect(page.locator('[data-figure="new"]')).to_have_text("50")
    expect(page.get_by_text("Columns not imported")).to_have_count(0)
    fits(page, "import preview")
    page.get_by_role("button", name="Import 50 people").click()
    expect(page.get_by_role("heading", name="Imported")).to_be_visible(timeout=60_000)
    page.get_by_role("link", name="See the program's members").click()
    for n in (0, 9, 10, 49):
        expect(page.get_by_text(person(tag, n)[1], exact=True).first).to_be_visible()
    fits(page, "members")

    # 3. A traditional round in the program: no pairing within one team; reasons name the preference.
    page.goto("/rounds")
    page.get_by_label("Program").select_option(label=program_name)
    page.get_by_label("Kind").select_option("traditional")
    page.get_by_role("button", name="Run the round").click()
    expect(page.get_by_role("heading", name="Proposed pairings")).to_be_visible(timeout=ROUND_TIMEOUT_MS)
    round_id = page.url.rstrip("/").rsplit("/", 1)[1]
    detail = page.request.get(f"/api/v1/rounds/{round_id}").json()
    proposals = detail["proposals"]
    assert len(proposals) >= 30, len(proposals)  # 40 seats for 40 mentees: most are paired
    teams = teams_by_profile(live_server, tmp_path, slug)
    expected = {person(tag, n)[1]: person(tag, n)[2] for n in range(50)}
    for proposal in proposals:
        members = proposal["members"]
        assert len(members) == 2
        assert expected.keys() >= {m["name"] for m in members}, "only the program's members are matched"
        pair = [teams[str(m["profile_id"])] for m in members]
        assert pair == [expected[m["name"]] for m in members]
        assert pair[0] != pair[1], f"{members} are both in team {pair[0]}"
    quoted = f"“{PROJECT}”"
    assert any(quoted in reason for p in proposals for reason in p["reasons"]), "no reason names the project"
    expect(page.locator("td.why").filter(has_text=quoted).first).to_be_visible()
    fits(page, "round preview")

    # 4. A manual match in the new program, started with a reason.
    add_two_program_people(live_server, tmp_path, tag, slug)
    unpaired_mentor = person(tag, 0)[1]
    match_by_hand(page, slug, f"Tova {tag}", unpaired_mentor, "They asked to work on the same project.")
    expect(page.get_by_text(unpaired_mentor).first).to_be_visible()
    # ... and one in Newcomers, so that Tova is in two programs with a relationship in each.
    match_by_hand(page, "newcomers", f"Tova {tag}", f"Nell {tag}", "They met at the editathon.")
    invitations_accepted(live_server, tmp_path, tag)
    problems.failed_requests = [r for r in problems.failed_requests if not r.endswith("/import: 400")]
    problems.console_errors = [e for e in problems.console_errors if "status of 400" not in e]
    problems.assert_clean()
    context.close()

    # 5. Tova sees each program's relationship under its program's name.
    context, page = signed_in(browser, live_server, f"tova-{tag}@example.org")
    problems = PageProblems().watch(page)
    for path in ("/relationships", "/"):
        page.goto(path)
        for program, other in ((program_name, unpaired_mentor), ("Newcomers", f"Nell {tag}")):
            expect(page.get_by_role("heading", name=f"In {program}")).to_be_visible()
            listed = page.locator(
                f"xpath=//h2[normalize-space()='In {program}']/following-sibling::*"
                f" | //h3[normalize-space()='In {program}']/following-sibling::ul[1]"
            )
            expect(listed.filter(has_text=other).first).to_be_visible()
        fits(page, f"participant {path}")
    problems.assert_clean()
    context.close()
