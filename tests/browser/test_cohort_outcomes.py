"""A cohort's outcome report in a real browser: fits a phone and a desktop, charts to scale, accessible."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.charts import assert_bars_follow_the_data
from tests.browser.conftest import LiveServer
from tests.browser.pages import PageProblems, axe_violations, horizontal_overflow, sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_the_pilot_cohorts_outcome_report_fits_and_draws_to_scale(
    page: Page, live_server: LiveServer, width: int
) -> None:
    problems = PageProblems().watch(page)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, "coordinator@example.org")

    page.goto(live_server.url + "/programs/leadership-pilot")
    page.get_by_role("link", name="Outcomes", exact=True).click()

    expect(page.get_by_role("heading", name="Outcomes of Leadership pilot cohort")).to_be_visible()
    expect(page.locator("#term-summary")).to_contain_text(re.compile(r"It ended 5 days ago\."))
    # The demo's closed relationships: two completed, one ended early.
    expect(page.locator('[data-figure="completed"]')).to_have_text("2")
    expect(page.locator('[data-figure="ended-early"]')).to_have_text("1")
    expect(page.get_by_role("img", name="How the relationships went")).to_be_visible()
    expect(
        page.get_by_text(re.compile("a month is shown only when at least 5 people answered"))
    ).to_be_visible()
    assert_bars_follow_the_data(page, "chart-relationships")
    bars = page.locator("#chart-relationships rect.chart-bar")
    heights = [
        (float(b.get_attribute("data-value") or 0), (b.bounding_box() or {}).get("height", 0))
        for b in bars.all()
    ]
    completed, ended = heights[0], heights[1]
    assert completed[1] == pytest.approx(2 * ended[1], abs=1.0)  # 2 completed draws twice 1 ended early
    assert horizontal_overflow(page) == 0
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the figures (CSV)").click()
    assert download.value.suggested_filename == "leadership-pilot-outcomes.csv"
    shots = os.environ.get("SHOTS_DIR")
    if shots:
        page.screenshot(path=f"{shots}/cohort-outcomes-{width}.png", full_page=True)
    problems.assert_clean()
