"""The main navigation: one row at 1280 and 390 px, the right page marked, names that match titles."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page

from mentorship.demo.community import COORDINATOR_EMAIL
from tests.browser.conftest import LiveServer
from tests.browser.journeys import PROFILE, Step, journeys, visit
from tests.browser.pages import sign_in

pytestmark = pytest.mark.browser

# The label a link shows, without its unread badge.
LINK_LABELS = """() => [...document.querySelectorAll('nav[aria-label="Main"] a[href]')].map(a => ({
  href: a.getAttribute('href'),
  label: [...a.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join('').trim(),
}))"""
MIDDLES = """() => [...document.querySelectorAll(
  '.site-header .brand, nav[aria-label="Main"] ul.nav-list > li, nav[aria-label="Main"] .menu-toggle')]
  .filter(e => e.checkVisibility())
  .map(e => { const box = e.getBoundingClientRect(); return Math.round(box.top + box.height / 2); })"""


def _signed_in_page(browser: Browser, live_server: LiveServer, email: str, width: int = 1280) -> Page:
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in(page, live_server.url, email)
    return page


def _current_labels(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        'nav[aria-label="Main"] [aria-current="page"]', "els => els.map(e => e.textContent.trim())"
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_coordinator_navigation_is_one_row(browser: Browser, live_server: LiveServer, width: int) -> None:
    page = _signed_in_page(browser, live_server, COORDINATOR_EMAIL, width)
    page.goto("/dashboard")

    middles = page.evaluate(MIDDLES)

    assert len(middles) >= (5 if width == 1280 else 2), middles
    # One row: every item's middle on one line (the logo is taller than a link, so middles differ).
    assert max(middles) - min(middles) <= 6, f"the navigation wraps into rows at {width} px: {middles}"
    page.context.close()


def test_my_profile_is_marked_only_on_my_own_profile(browser: Browser, live_server: LiveServer) -> None:
    page = _signed_in_page(browser, live_server, COORDINATOR_EMAIL)

    visit(page, Step("person", "/roster", (PROFILE,)))
    on_other = _current_labels(page)
    page.goto("/profile")
    on_mine = _current_labels(page)

    assert "My profile" not in on_other
    assert on_mine == ["My profile"]
    page.context.close()


def test_a_signed_in_person_sees_the_signed_in_header_on_a_404_page(
    browser: Browser, live_server: LiveServer
) -> None:
    page = _signed_in_page(browser, live_server, COORDINATOR_EMAIL)

    response = page.goto("/no-such-page")

    assert response is not None and response.status == 404
    assert page.locator('form[action="/logout"]').count() == 1
    assert page.locator('a[href="/login"]').count() == 0
    page.context.close()


@pytest.mark.parametrize("role", ["mentor", "coordinator"])
def test_every_navigation_link_opens_a_page_titled_like_the_link(
    browser: Browser, live_server: LiveServer, role: str
) -> None:
    email = next(j.email for j in journeys(live_server.database_url) if j.role == role)
    page = _signed_in_page(browser, live_server, email)
    links = page.evaluate(LINK_LABELS)
    mismatched = []

    for link in links:
        page.goto(link["href"])
        if urlsplit(page.url).path != link["href"]:
            continue  # sent on elsewhere (e.g. a profile not started yet opens its first step)
        title = page.title().split(" · ")[0].strip()
        heading = " ".join(page.locator("main h1").first.inner_text().split())
        # The community page's heading is its welcome line; its title still names it.
        if title != link["label"] or (heading != link["label"] and link["href"] != "/"):
            mismatched.append(f"{link['label']!r} -> {link['href']}: title {title!r}, heading {heading!r}")

    assert len(links) >= 5, links
    assert not mismatched, "\n".join(mismatched)
    page.context.close()
