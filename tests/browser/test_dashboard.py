"""The coordinators' dashboard in a real browser: figures, two accessible SVG charts, no console errors."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.charts import assert_bars_follow_the_data
from tests.browser.conftest import LiveServer
from tests.browser.pages import PageProblems, nav_link, sign_in

pytestmark = pytest.mark.browser


def test_coordinator_sees_the_dashboard_with_accessible_charts(page: Page, live_server: LiveServer) -> None:
    problems = PageProblems().watch(page)
    sign_in(page, live_server.url, "coordinator@example.org")

    nav_link(page, "Dashboard").click()

    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()
    # The demo has relationships in every state: two completed, one ended early, one paused.
    expect(page.locator('[data-figure="completed"]')).to_have_text(re.compile(r"^2 \("))
    expect(page.locator('[data-figure="ended"]')).to_have_text(re.compile(r"^1 \("))
    expect(page.locator('[data-figure="paused"]')).to_have_text("1")
    months = page.get_by_role("img", name=re.compile("Check-ins planned and held"))
    loads = page.get_by_role("img", name=re.compile("Mentor load distribution"))
    expect(months).to_be_visible()
    expect(loads).to_be_visible()
    expect(months.locator("desc")).to_contain_text("planned")
    expect(loads.locator("rect.chart-bar").first).to_be_attached()
    expect(page.get_by_role("heading", name=re.compile(r"Relationships at risk \(\d+\)"))).to_be_visible()
    page.wait_for_load_state("networkidle")
    problems.assert_clean()


def test_coordinator_reads_why_a_relationship_ended_early(page: Page, live_server: LiveServer) -> None:
    problems = PageProblems().watch(page)
    sign_in(page, live_server.url, "coordinator@example.org")
    ended = page.request.get(live_server.url + "/api/v1/relationships?scope=all&status=ended").json()
    page.goto(f"{live_server.url}/relationships/{ended[0]['id']}")

    expect(page.get_by_text("Reason for ending (coordinators only):")).to_be_visible()
    expect(page.get_by_role("heading", name="Goals we agreed")).to_be_visible()
    problems.assert_clean()


@pytest.mark.parametrize("width", [1280, 390])
def test_dashboard_charts_draw_bars_in_proportion_inside_the_plot(
    page: Page, live_server: LiveServer, width: int
) -> None:
    problems = PageProblems().watch(page)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, "coordinator@example.org")

    page.goto(live_server.url + "/dashboard")

    for chart in ("chart-months", "chart-load"):
        assert_bars_follow_the_data(page, chart)
    expect(page.locator("#chart-months").locator("xpath=..").locator(".chart-legend li")).to_have_text(
        ["Planned", "Held"]
    )
    numbers = page.locator("#chart-load").locator("xpath=..").locator("details")
    numbers.get_by_text("Show the numbers").click()
    expect(numbers.get_by_role("table")).to_be_visible()
    shots = os.environ.get("SHOTS_DIR")
    if shots:
        page.screenshot(path=f"{shots}/dashboard-{width}.png", full_page=True)
        for chart in ("chart-months", "chart-load"):
            page.locator(f"#{chart}").locator("xpath=..").screenshot(path=f"{shots}/{chart}-{width}.png")
    problems.assert_clean()
