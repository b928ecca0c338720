"""A consequential action asks first, on a page of its own, and works with JavaScript turned off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from mentorship.demo.community import COORDINATOR_EMAIL
from tests.browser.conftest import LiveServer
from tests.browser.pages import PageProblems, axe_violations, sign_in, signed_in

pytestmark = pytest.mark.browser


def checked_by_axe(checker: Page, url: str) -> list[str]:
    """Axe's findings on a page (read with JavaScript on, which axe itself needs; GET changes nothing)."""
    checker.goto(url)
    return axe_violations(checker)


def test_making_and_unmaking_a_coordinator_is_confirmed_without_javascript(
    browser: Browser, live_server: LiveServer
) -> None:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    problems = PageProblems().watch(page)
    sign_in(page, live_server.url, COORDINATOR_EMAIL)
    axe_context, checker = signed_in(browser, live_server, COORDINATOR_EMAIL)
    page.goto("/roster")
    make = page.get_by_role("link", name=re.compile("^Make coordinator")).first
    name = re.sub(r"^Make coordinator:\s*", "", make.text_content() or "").strip()

    # The first click only asks: it says what follows and that it can be undone.
    make.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Make {name} a coordinator?")
    expect(page.get_by_text("The role can be removed again later")).to_be_visible()
    expect(page.get_by_role("link", name="Cancel")).to_have_attribute("href", "/roster")
    asked = checked_by_axe(checker, page.url)
    page.get_by_role("button", name=f"Make {name} a coordinator").click()
    expect(page.get_by_role("status")).to_contain_text(f"{name} is now a coordinator.")

    # Taking the role back is asked the same way, and leaves the demo as it was.
    coordinators = page.get_by_role("region", name="Coordinators")
    coordinators.get_by_role(
        "link", name=re.compile(rf"^Remove coordinator role\W+{re.escape(name)}$")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Remove {name}'s coordinator role?")
    removing = checked_by_axe(checker, page.url)
    page.get_by_role("button", name=f"Remove {name}'s coordinator role").click()
    expect(page.get_by_role("status")).to_contain_text(f"{name} is no longer a coordinator.")
    expect(page.get_by_role("region", name="Coordinators").get_by_role("listitem")).to_have_count(1)

    assert asked == [] and removing == []
    problems.assert_clean()
    context.close()
    axe_context.close()
