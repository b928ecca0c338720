"""A coordinator runs a round, previews it, removes a pairing and publishes; the two people accept."""

from __future__ import annotations

import os
import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.charts import assert_bars_follow_the_data
from tests.browser.conftest import LiveServer
from tests.browser.pages import PageProblems, sign_in

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@example.org"
ROUND_TIMEOUT_MS = 180_000  # the whole demo community is matched in the background


def screenshots(page: Page, name: str) -> None:
    """Full-page screenshots at desktop and phone widths, when SHOTS_DIR asks for them."""
    folder = os.environ.get("SHOTS_DIR")
    if not folder:
        return
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)
        page.screenshot(path=f"{folder}/{name}-{width}-top.png")
        for section in ("chart-title", "unmatched-title", "proposals-title"):
            box = page.locator(f"section[aria-labelledby={section}]")
            box.screenshot(path=f"{folder}/{name}-{width}-{section}.png")
    page.set_viewport_size({"width": 1280, "height": 720})


def pairing_row(page: Page, proposal: dict[str, Any]) -> Any:
    """The preview's table row holding exactly this proposal's people."""
    row = page.get_by_role("row")
    for member in proposal["members"]:
        row = row.filter(has_text=member["name"])
    return row


def accept_as(
    browser: Browser, server: LiveServer, email: str, proposal: dict[str, Any], then: str
) -> tuple[PageProblems, str]:
    """Sign in as one person of the proposal, read it with its reasons, accept it, see what follows."""
    context = browser.new_context()
    page = context.new_page()
    problems = PageProblems().watch(page)
    sign_in(page, server.url, email)
    page.goto(server.url + "/proposals")
    # Demo people may have older proposals with the same person; the card links to this one.
    card = page.get_by_role("article").filter(has=page.locator(f'a[href="/proposals/{proposal["id"]}"]'))
    expect(card.get_by_text(re.compile("^Why: "))).to_be_visible()
    card.get_by_role("link").click()
    why = page.get_by_role("region", name="Why we think this fits")
    expect(why.get_by_role("listitem").first).to_have_text(proposal["reasons"][0])
    page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_text(then)).to_be_visible()
    landed = page.url
    context.close()
    return problems, landed


def relationships_of(
    browser: Browser, server: LiveServer, email: str, other_name: str, relationship_path: str
) -> PageProblems:
    context = browser.new_context()
    page = context.new_page()
    problems = PageProblems().watch(page)
    sign_in(page, server.url, email)
    page.goto(server.url + "/relationships")
    # An earlier, completed relationship of the same two people may be listed too.
    link = page.get_by_role("link", name=re.compile(re.escape(other_name)))
    expect(link.and_(page.locator(f'a[href="{relationship_path}"]'))).to_be_visible()
    context.close()
    return problems


def test_round_preview_remove_publish_then_both_accept(
    page: Page, browser: Browser, live_server: LiveServer
) -> None:
    problems = PageProblems().watch(page)
    sign_in(page, live_server.url, COORDINATOR)
    page.goto(live_server.url + "/rounds")
    page.get_by_label("Kind").select_option("traditional")
    page.get_by_role("button", name="Run the round").click()
    expect(page.get_by_role("heading", name="Proposed pairings")).to_be_visible(timeout=ROUND_TIMEOUT_MS)
    round_id = page.url.rstrip("/").rsplit("/", 1)[1]
    detail = page.request.get(f"{live_server.url}/api/v1/rounds/{round_id}").json()
    removed, kept = detail["proposals"][0], detail["proposals"][1]
    count = len(detail["proposals"])
    assert_bars_follow_the_data(page, "chart-scores")
    expect(page.locator('[data-figure="proposals"]')).to_have_text(str(count))
    screenshots(page, "round-preview")

    pairing_row(page, removed).get_by_role("button", name=re.compile("^Remove")).click()
    expect(pairing_row(page, removed).get_by_role("button", name="Restore")).to_be_visible()
    # Every figure follows the removal, and Publish sends what the figures say.
    expect(page.locator('[data-figure="proposals"]')).to_have_text(str(count - 1))
    expect(page.get_by_text(re.compile("^After your changes:"))).to_be_visible()
    page.get_by_role("link", name=f"Publish {count - 1} proposals").click()
    # Publishing is asked once more, in the preview's figures; nothing is sent before the confirmation.
    expect(page.get_by_role("heading", level=1)).to_have_text("Publish this round?")
    sent = re.compile(rf"^{count - 1} proposals will be sent to \d+ people")
    expect(page.get_by_text(sent)).to_be_visible()
    page.get_by_role("button", name=f"Publish {count - 1} proposals").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("published")
    expect(page.get_by_text(f"Published: {count - 1} proposals sent.")).to_be_visible()

    people = {
        m["role"]: (
            m["name"],
            page.request.get(f"{live_server.url}/api/v1/profiles/{m['profile_id']}").json()["email"],
        )
        for m in kept["members"]
    }
    (mentor_name, mentor_email), (mentee_name, mentee_email) = people["mentor"], people["mentee"]
    mentee_problems, _ = accept_as(browser, live_server, mentee_email, kept, "Your answer: accepted.")
    mentor_problems, landed = accept_as(
        browser, live_server, mentor_email, kept, "Everyone said yes: your relationship has started."
    )
    after = page.request.get(f"{live_server.url}/api/v1/rounds/{round_id}").json()

    statuses = {p["id"]: p["status"] for p in after["proposals"]}
    assert statuses[removed["id"]] == "removed"
    assert statuses[kept["id"]] == "accepted"
    relationship_path = urlsplit(landed).path
    assert relationship_path.startswith("/relationships/")
    seen = [
        relationships_of(browser, live_server, mentee_email, mentor_name, relationship_path),
        relationships_of(browser, live_server, mentor_email, mentee_name, relationship_path),
    ]
    for watched in (problems, mentee_problems, mentor_problems, *seen):
        watched.assert_clean()
