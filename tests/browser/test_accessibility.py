"""axe-core on every page of the mentee's, the mentor's and the coordinator's journeys."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import LiveServer
from tests.browser.journeys import journeys, walk
from tests.browser.pages import axe_violations, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("role", ["mentee", "mentor", "coordinator"])
def test_no_serious_accessibility_violation_on_any_page_of_the_journey(
    browser: Browser, live_server: LiveServer, role: str
) -> None:
    journey = next(j for j in journeys(live_server.database_url) if j.role == role)
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    # A mentee's suggestions rank mentors once per program she is in: under a loaded CI machine
    # (two workers, each with its servers) that page can take longer than Playwright's 30 s default.
    page.set_default_navigation_timeout(90_000)
    sign_in(page, live_server.url, journey.email)

    found = [f"{step.name} {url}: {v}" for step, url in walk(page, journey) for v in axe_violations(page)]

    context.close()
    assert not found, "serious or critical axe-core violations:\n" + "\n".join(found)
