"""A newcomer signs up, confirms the emailed link, fills in the profile, signs out and back in."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer
from tests.browser.pages import PageProblems, nav_link, sign_out

pytestmark = pytest.mark.browser


def confirmation_link(page: Page, live_server: LiveServer, email: str) -> str:
    """Read the link from the development outbox, as a person would from their inbox."""
    mail = page.locator("article.outbox-message", has_text=email)
    for _ in range(150):  # the job queue sends it shortly after the answer
        page.goto(live_server.url + "/dev/outbox")
        if mail.count():
            break
        page.wait_for_timeout(200)
    expect(mail.get_by_role("heading")).to_have_text("Finish creating your Mentorship account")
    match = re.search(r"https?://[^/\s]+(/signup/confirm/[\w-]+)", mail.locator("pre").inner_text())
    assert match, mail.inner_text()
    return live_server.url + match.group(1)


def test_sign_up_profile_log_out_and_log_in(page: Page, live_server: LiveServer) -> None:
    email = f"newcomer-{live_server.url.rsplit(':', 1)[1]}@example.org"
    page.goto(live_server.url + "/signup")

    page.get_by_label("Your name").fill("Nadia Haddad")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Repeat the password").fill("short")
    page.get_by_role("button", name="Create my account").click()
    expect(page.locator("#f-password-error")).to_have_text("Use at least 10 characters.")
    problems = PageProblems().watch(page)  # from here on, nothing may fail

    page.get_by_label("Password", exact=True).fill("a long enough password")
    page.get_by_label("Repeat the password").fill("a long enough password")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text(f"Check your inbox: we sent a link to {email}")).to_be_visible()

    page.goto(confirmation_link(page, live_server, email))
    page.get_by_role("button", name="Create my account").click()

    expect(page.get_by_role("heading", name="How you want to take part")).to_be_visible()
    page.get_by_label("be mentored").check()
    page.get_by_label(re.compile("Peer: two people")).check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Your goals").fill("I want to learn how to resolve conflicts on talk pages calmly.")
    page.get_by_label("Your experience").fill("Two years of copy-editing on Arabic Wikipedia.")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Topics you can help with").fill("Copy editing")
    page.get_by_label("Topics you want to grow in").fill("conflict resolution, Public speaking")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Languages you can hold a mentoring conversation in").fill("Arabic, English")
    page.get_by_label("Time zone").select_option("Asia/Amman")
    page.get_by_label("How often would you like to check in?").select_option("14")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save and finish").click()

    expect(page.get_by_role("heading", name="Nadia Haddad")).to_be_visible()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    expect(page.get_by_text("Conflict resolution and mediation")).to_be_visible()

    sign_out(page)
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Sign in").click()
    nav_link(page, "My profile").click()
    expect(page.get_by_role("heading", name="Nadia Haddad")).to_be_visible()
    problems.assert_clean()
