"""Two members of a demo relationship plan a first meeting, record it, and see its action carried forward."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from mentorship.models import Profile, Relationship, RelationshipMember, RelationshipStatus, User
from tests.browser.conftest import LiveServer
from tests.browser.pages import PageProblems, signed_in
from tests.databases import in_thread

pytestmark = pytest.mark.browser
ACTION = "Send the volunteer call to the chapter list"
PRIVATE = "Nervous about leading the workshop"


def demo_pair(database_url: str) -> tuple[str, str, str]:
    """An active demo relationship and its two members' emails."""

    async def find() -> tuple[str, str, str]:
        engine = create_async_engine(database_url)
        async with engine.connect() as connection:
            query = (
                select(Relationship.id, User.email)
                .join(RelationshipMember, RelationshipMember.relationship_id == Relationship.id)
                .join(Profile, Profile.id == RelationshipMember.profile_id)
                .join(User, User.id == Profile.user_id)
                .where(Relationship.status == RelationshipStatus.ACTIVE)
                .order_by(Relationship.created_at, User.email)
            )
            rows = (await connection.execute(query)).all()
        await engine.dispose()
        emails: dict[str, list[str]] = {}
        for relationship_id, email in rows:
            emails.setdefault(str(relationship_id), []).append(email)
        relationship_id, (first, second, *_rest) = next((k, v) for k, v in emails.items() if len(v) >= 2)
        return relationship_id, first, second

    return in_thread(lambda: asyncio.run(find()))


def plan(page: Page, relationship_id: str, template: str, days: int) -> None:
    page.goto(f"/relationships/{relationship_id}/checkins")
    page.get_by_label("Agenda", exact=True).select_option(label=template)
    when = (datetime.now(UTC) + timedelta(days=days)).strftime("%Y-%m-%dT10:00")
    page.locator("#f-when").fill(when)
    page.get_by_role("button", name="Plan it", exact=True).click()
    expect(page.get_by_role("heading", name=template)).to_be_visible()


def test_first_meeting_record_action_carried_forward_and_pulse(
    browser: Browser, live_server: LiveServer
) -> None:
    relationship_id, first_email, second_email = demo_pair(live_server.database_url)
    one_context, one = signed_in(browser, live_server, first_email)
    two_context, two = signed_in(browser, live_server, second_email)
    problems = PageProblems().watch(one)

    plan(one, relationship_id, "First meeting", 400)
    first_meeting = one.url
    two.goto(first_meeting)
    two.get_by_label("Add a point to the agenda").fill("How often should we meet?")
    two.get_by_role("button", name="Add point").click()
    expect(two.locator("#agenda")).to_contain_text("How often should we meet?")

    one.reload()
    expect(one.locator("#agenda")).to_contain_text("How often should we meet?")
    one.get_by_label("Expectations").fill("Honest feedback on running events")
    one.get_by_label("My private note").fill(PRIVATE)
    one.get_by_role("button", name="Save and mark held").click()
    expect(one.locator("h1 .status")).to_have_text("held")
    one.locator("#f-action-text").fill(ACTION)
    one.get_by_label("By", exact=True).fill((datetime.now(UTC) + timedelta(days=410)).strftime("%Y-%m-%d"))
    one.get_by_role("button", name="Add action item").click()
    expect(one.locator("#action-items")).to_contain_text(ACTION)

    plan(two, relationship_id, "Regular check-in", 414)
    expect(two.locator("#carried-actions")).to_contain_text(ACTION)
    two.get_by_label("Energy").select_option("4")
    two.get_by_label("Workload").select_option("3")
    two.get_by_label("Stress").select_option("2")
    two.get_by_role("button", name="Save my answers").click()
    expect(two.locator("#pulse-saved")).to_be_visible()
    two.goto("/me/wellbeing")
    expect(two.locator("svg.pulse-chart")).to_be_visible()

    two.goto(first_meeting)
    expect(two.locator("#agenda")).to_contain_text("Honest feedback on running events")
    expect(two.locator("body")).not_to_contain_text(PRIVATE)
    problems.assert_clean()
    one_context.close()
    two_context.close()


def test_record_error_keeps_every_typed_value_under_its_field_and_reload_is_no_405(
    browser: Browser, live_server: LiveServer
) -> None:
    relationship_id, first_email, _second = demo_pair(live_server.database_url)
    context, page = signed_in(browser, live_server, first_email)
    statuses: list[int] = []
    page.on("response", lambda response: statuses.append(response.status))
    plan(page, relationship_id, "Regular check-in", 420)
    checkin_url = page.url
    long_notes = "We talked about the venue and the volunteers. " * 115  # about 5,300 characters
    # Browsers stop typing at maxlength; a scripted value can still go over, and the server checks it.
    page.locator("#f-notes").evaluate("el => el.removeAttribute('maxlength')")

    page.get_by_label("Wins since last time").fill("Booked the library hall")
    page.get_by_label("Shared notes").fill(long_notes)
    page.get_by_label("My private note").fill("Unsure about the budget")
    page.get_by_role("button", name="Save", exact=True).click()

    error = page.locator("#f-notes-error")
    expect(error).to_contain_text("Keep it under 5000 characters")
    expect(page.locator("#f-notes")).to_have_attribute("aria-invalid", "true")
    assert (
        page.locator("#record .field").filter(has=page.locator("#f-notes")).locator(".field-error").count()
        == 1
    )
    expect(page.locator("#f-notes")).to_have_value(long_notes)
    expect(page.get_by_label("Wins since last time")).to_have_value("Booked the library hall")
    expect(page.get_by_label("My private note")).to_have_value("Unsure about the budget")
    expect(page.locator(".field-error")).to_have_count(1)

    reloaded = page.reload()
    assert reloaded is not None and reloaded.status != 405
    opened = page.goto(page.url)
    assert opened is not None and opened.status == 200
    assert page.url.rstrip("/") == checkin_url.rstrip("/")
    expect(page.get_by_role("link", name="Sign in")).to_have_count(0)
    assert 405 not in statuses and not [s for s in statuses if s >= 500]
    context.close()


def test_an_action_item_is_ticked_off_on_the_relationship_page(
    browser: Browser, live_server: LiveServer
) -> None:
    relationship_id, first_email, _second = demo_pair(live_server.database_url)
    context, page = signed_in(browser, live_server, first_email)
    plan(page, relationship_id, "Regular check-in", 430)
    text = "Ask the chapter for two more volunteers"
    page.locator("#f-action-text").fill(text)
    page.get_by_role("button", name="Add action item").click()
    expect(page.locator("#action-items")).to_contain_text(text)

    page.goto(f"/relationships/{relationship_id}")
    item = page.locator("#action-items li").filter(has_text=text)
    item.get_by_role("button", name=re.compile("^Done")).click()

    expect(page).to_have_url(re.compile(f"/relationships/{relationship_id}$"))
    done = page.locator("#action-items li").filter(has_text=text)
    expect(done.locator(".status")).to_have_text("done")
    expect(done.get_by_role("button", name=re.compile("^Open again"))).to_be_visible()
    context.close()
