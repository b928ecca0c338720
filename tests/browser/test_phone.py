"""At 390 px (a phone) no page of any journey scrolls sideways, not even with one very long word."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import LiveServer
from tests.browser.journeys import RELATIONSHIP, Step, journeys, visit, walk
from tests.browser.pages import horizontal_overflow, sign_in

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("role", ["mentee", "mentor", "coordinator"])
def test_no_page_of_the_journey_scrolls_sideways_on_a_phone(
    browser: Browser, live_server: LiveServer, role: str
) -> None:
    journey = next(j for j in journeys(live_server.database_url) if j.role == role)
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    sign_in(page, live_server.url, journey.email)

    too_wide = [
        f"{step.name} {url}: {px} px too wide"
        for step, url in walk(page, journey)
        if (px := horizontal_overflow(page))
    ]

    context.close()
    assert not too_wide, "pages that scroll sideways at 390 px:\n" + "\n".join(too_wide)


def test_one_unbroken_long_word_wraps_instead_of_widening_the_page(
    browser: Browser, live_server: LiveServer
) -> None:
    mentee = next(j for j in journeys(live_server.database_url) if j.role == "mentee")
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    sign_in(page, live_server.url, mentee.email)
    visit(page, Step("relationship", "/relationships", (RELATIONSHIP,)))

    # What a person typed, as the page shows it: a paragraph of the main content.
    page.evaluate(
        "() => { const p = document.createElement('p'); p.className = 'prose';"
        " p.textContent = 'x'.repeat(5000); document.querySelector('main').append(p); }"
    )

    assert horizontal_overflow(page) == 0
    context.close()
