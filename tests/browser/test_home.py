"""The home pages in a real browser: the community for visitors, the API docs from local files only."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from mentorship.demo.community import COORDINATOR_EMAIL
from tests.browser.conftest import PROJECT_ROOT, LiveServer
from tests.browser.journeys import journeys
from tests.browser.pages import PageProblems, axe_violations, horizontal_overflow, sign_in

pytestmark = pytest.mark.browser
SHOTS = PROJECT_ROOT / "var" / "screenshots" / "home"  # for a person to look at


def test_home_page_shows_the_demo_community_without_errors(page: Page, live_server: LiveServer) -> None:
    problems = PageProblems().watch(page)

    page.goto(live_server.url + "/")

    expect(page.get_by_role("heading", name="The community at a glance")).to_be_visible()
    expect(page.get_by_role("heading", name="Topics most sought")).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    page.wait_for_load_state("networkidle")
    problems.assert_clean()


def test_unknown_page_shows_a_friendly_404(page: Page, live_server: LiveServer) -> None:
    response = page.goto(live_server.url + "/this-page-does-not-exist")

    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="We could not find that page")).to_be_visible()
    expect(page.get_by_role("link", name="Back to the home page")).to_be_visible()


def test_api_docs_draw_offline_from_local_files(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    problems = PageProblems().watch(page)
    elsewhere: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else elsewhere.append(r.url))

    page.goto("/schema")

    # The docs are drawn by script from a schema of over a hundred models: seconds on a loaded CI machine.
    expect(page.get_by_text("/api/v1/community", exact=True).first).to_be_visible(timeout=30_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "api-docs.png"))
    assert elsewhere == []
    problems.assert_clean()
    context.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("role", ["mentor", "coordinator"])
def test_personal_home(browser: Browser, live_server: LiveServer, role: str, width: int) -> None:
    email = next(j.email for j in journeys(live_server.database_url) if j.role == role)
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = PageProblems().watch(page)

    sign_in(page, live_server.url, email)
    page.goto("/")

    expect(page.get_by_role("heading", name="What needs me now")).to_be_visible()
    if email == COORDINATOR_EMAIL:
        expect(page.get_by_role("heading", name="The program")).to_be_visible()
    else:
        expect(page.get_by_role("heading", name="My relationships at a glance")).to_be_visible()
    assert page.locator("#needs-me a[href], #program a[href]").count() > 0
    assert horizontal_overflow(page) == 0
    assert axe_violations(page) == []
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{role}-{width}.png"), full_page=True)
    problems.assert_clean()
    context.close()
