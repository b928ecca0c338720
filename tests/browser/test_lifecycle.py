"""A whole relationship in the browser: accepted, met, checked in on, paused, resumed and completed."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.orm import aliased

from mentorship.models import (
    Kind,
    MemberRole,
    Profile,
    Proposal,
    ProposalMember,
    ProposalStatus,
    User,
)
from tests.browser.conftest import LiveServer
from tests.browser.pages import PageProblems, signed_in
from tests.databases import in_thread

pytestmark = pytest.mark.browser
ACTION = "Draft the editathon budget and share it"
REFLECTION = "I now hand work over with a checklist instead of doing it all myself."
AFTER = 4  # the mentee's self-assessment at the end, for every skill


@dataclass(frozen=True)
class OpenPair:
    """An open demo proposal whose mentee answered the self-assessment on their profile."""

    proposal_id: str
    mentee_email: str
    mentee_name: str
    mentor_email: str
    mentor_name: str
    delegation_before: int


def open_pair(database_url: str) -> OpenPair:
    """The best-scored open traditional proposal of the demo round with a self-assessed mentee."""
    mentee, mentor = aliased(ProposalMember), aliased(ProposalMember)
    mentee_profile, mentor_profile = aliased(Profile), aliased(Profile)
    mentee_user, mentor_user = aliased(User), aliased(User)
    query = (
        select(
            Proposal.id,
            mentee_user.email,
            mentee_user.name,
            mentor_user.email,
            mentor_user.name,
            mentee_profile.self_assessment,
        )
        .join(mentee, (mentee.proposal_id == Proposal.id) & (mentee.role == MemberRole.MENTEE))
        .join(mentor, (mentor.proposal_id == Proposal.id) & (mentor.role == MemberRole.MENTOR))
        .join(mentee_profile, mentee_profile.id == mentee.profile_id)
        .join(mentor_profile, mentor_profile.id == mentor.profile_id)
        .join(mentee_user, mentee_user.id == mentee_profile.user_id)
        .join(mentor_user, mentor_user.id == mentor_profile.user_id)
        .where(Proposal.status == ProposalStatus.OPEN, Proposal.kind == Kind.TRADITIONAL)
        .where(mentor_profile.mentee_load < mentor_profile.capacity)
        .order_by(Proposal.score.desc(), Proposal.id)
    )

    async def find() -> OpenPair:
        engine = create_async_engine(database_url)
        async with engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        await engine.dispose()
        pid, mentee_email, mentee_name, mentor_email, mentor_name, before = next(
            row for row in rows if row[5] and "delegation" in row[5]
        )
        return OpenPair(str(pid), mentee_email, mentee_name, mentor_email, mentor_name, before["delegation"])

    return in_thread(lambda: asyncio.run(find()))


def accept(page: Page, other_name: str, then: str) -> None:
    """Open the proposal from my list and say yes."""
    page.goto("/proposals")
    page.get_by_role("link", name=f"Traditional proposal: {other_name}").click()
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(then)


def day(days: int) -> str:
    return (datetime.now(UTC).date() + timedelta(days=days)).isoformat()


def plan(page: Page, relationship_id: str, template: str, days: int) -> str:
    """Plan a check-in from a template on a day to come; returns its page's path."""
    page.goto(f"/relationships/{relationship_id}")
    page.get_by_role("link", name="Plan a check-in").click()
    page.get_by_label("Agenda", exact=True).select_option(label=template)
    page.get_by_label(re.compile(r"^When")).fill(f"{day(days)}T10:00")
    page.get_by_role("button", name="Plan it", exact=True).click()
    expect(page.get_by_role("heading", name=template)).to_be_visible()
    return urlsplit(page.url).path


def hold(page: Page, entries: dict[str, str]) -> None:
    """Write my part of the record and mark the check-in held."""
    for section, text in entries.items():
        page.get_by_label(section, exact=True).fill(text)
    page.get_by_role("button", name="Save and mark held").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("held")


def test_relationship_lifecycle_from_first_meeting_to_completion(
    browser: Browser, live_server: LiveServer
) -> None:
    pair = open_pair(live_server.database_url)
    mentee_context, mentee = signed_in(browser, live_server, pair.mentee_email)
    mentor_context, mentor = signed_in(browser, live_server, pair.mentor_email)
    problems = [PageProblems().watch(mentee), PageProblems().watch(mentor)]

    # Both say yes: the relationship starts.
    accept(mentee, pair.mentor_name, "Thank you: your answer is saved.")
    accept(mentor, pair.mentee_name, "Everyone said yes: your relationship has started.")
    relationship_id = urlsplit(mentor.url).path.rsplit("/", 1)[1]
    expect(mentor.get_by_role("heading", level=1)).to_contain_text("active")

    # The first meeting from its template, recorded, with an action item for the mentee.
    first = plan(mentee, relationship_id, "First meeting", 2)
    mentor.goto(first)
    hold(mentor, {"Expectations": "Honest feedback on running events", "Cadence": "Every two weeks"})
    mentor.get_by_label("What", exact=True).fill(ACTION)
    mentor.get_by_label("Who", exact=True).select_option(label=pair.mentee_name)
    mentor.get_by_label("By", exact=True).fill(day(10))
    mentor.get_by_role("button", name="Add action item").click()
    expect(mentor.locator("#action-items")).to_contain_text(ACTION)

    # First regular check-in: the open action is carried forward; the mentee answers the pulse.
    second = plan(mentor, relationship_id, "Regular check-in", 14)
    mentee.goto(second)
    carried = mentee.locator("#carried-actions")
    expect(carried).to_contain_text(ACTION)
    hold(mentee, {"Wins since last time": "The venue is booked"})
    mentee.get_by_label("Energy").select_option("4")
    mentee.get_by_label("Workload").select_option("3")
    mentee.get_by_label("Stress").select_option("2")
    mentee.get_by_role("button", name="Save my answers").click()
    expect(mentee.get_by_text(re.compile("^You answered on"))).to_be_visible()
    mentee.get_by_role("link", name="See my trend").click()
    expect(mentee.get_by_role("img", name="My wellbeing over time")).to_be_visible()
    latest = mentee.get_by_role("row").nth(1).get_by_role("cell")
    expect(latest).to_have_text([re.compile(r"^\d{4}-\d\d-\d\d$"), "4", "3", "2", ""])

    # Second regular check-in: still carried forward, and done during the meeting.
    third = plan(mentee, relationship_id, "Regular check-in", 28)
    mentor.goto(third)
    carried = mentor.locator("#carried-actions")
    expect(carried).to_contain_text(ACTION)
    hold(mentor, {"Progress on each goal": "Budget drafted, waiting for the chapter"})
    carried.get_by_role("listitem").filter(has_text=ACTION).get_by_role("button", name="Done").click()
    expect(carried.get_by_role("listitem").filter(has_text=ACTION)).to_contain_text("done")
    mentor.goto(f"/relationships/{relationship_id}/checkins")
    expect(mentor.locator("#open-actions")).to_contain_text("Nothing open.")

    # A pause with a resume date, then resumed early.
    mentee.goto(f"/relationships/{relationship_id}")
    mentee.get_by_label("Pause until").fill(day(40))
    mentee.get_by_role("button", name="Pause", exact=True).click()
    expect(mentee.get_by_role("heading", level=1)).to_contain_text("paused")
    expect(mentee.get_by_text(f"paused until {day(40)}")).to_be_visible()
    mentor.goto(f"/relationships/{relationship_id}")
    mentor.get_by_role("button", name="Resume now").click()
    expect(mentor.get_by_role("status")).to_contain_text("the relationship is active again")
    expect(mentor.get_by_role("heading", level=1)).to_contain_text("active")

    # Completion: the mentee reflects and answers the self-assessment again.
    mentee.goto(f"/relationships/{relationship_id}")
    mentee.get_by_role("link", name="Complete with a reflection").click()
    mentee.get_by_label("My reflection").fill(REFLECTION)
    expect(mentee.get_by_text("Delegating work")).to_contain_text(f"(before: {pair.delegation_before})")
    for skill in (
        "Delegating work",
        "Giving feedback",
        "Managing stress",
        "Facilitating inclusively",
        "Handling conflict",
        "Sharing knowledge",
    ):
        mentee.get_by_label(skill).select_option(str(AFTER))
    mentee.get_by_role("button", name="Complete the relationship").click()
    expect(mentee.get_by_role("heading", level=1)).to_contain_text("completed")
    comparison = mentee.get_by_role("table", name="My self-assessment, before and after")
    row = comparison.get_by_role("row", name=re.compile("^Delegating work"))
    expect(row.get_by_role("cell")).to_have_text(
        [str(pair.delegation_before), str(AFTER), f"{AFTER - pair.delegation_before:+d}"]
    )

    # The mentor reads the reflection but never the mentee's self-assessment.
    mentor.goto(f"/relationships/{relationship_id}")
    expect(mentor.get_by_role("heading", level=1)).to_contain_text("completed")
    expect(mentor.get_by_role("region", name="Closing reflections")).to_contain_text(REFLECTION)
    expect(mentor.get_by_role("table", name="My self-assessment, before and after")).to_have_count(0)
    expect(mentor.get_by_text("Only you see this comparison.")).to_have_count(0)

    for watched in problems:
        watched.assert_clean()
    mentee_context.close()
    mentor_context.close()
