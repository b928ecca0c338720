"""Chart geometry in a real browser: bars follow the data and stay inside the plot."""

from __future__ import annotations

from playwright.sync_api import Page

TOLERANCE_PX = 0.75


def assert_bars_follow_the_data(page: Page, chart_id: str) -> None:
    """Two different values draw two different heights in proportion; no bar leaves the plot area."""
    chart = page.locator(f"#{chart_id}")
    plot = chart.locator(".chart-plot").bounding_box()
    assert plot is not None, f"{chart_id} has no plot area"
    bars = []
    for rect in chart.locator("rect.chart-bar").all():
        box = rect.bounding_box()
        value = float(rect.get_attribute("data-value") or "0")
        if box is not None:
            bars.append((value, box))
    drawn = [(value, box) for value, box in bars if value > 0]
    assert len({value for value, _box in drawn}) >= 2, f"{chart_id}: the data has two different values"
    for value, box in bars:
        assert box["x"] >= plot["x"] - TOLERANCE_PX, (chart_id, value, box, plot)
        assert box["x"] + box["width"] <= plot["x"] + plot["width"] + TOLERANCE_PX, (
            chart_id,
            value,
            box,
            plot,
        )
        assert box["y"] >= plot["y"] - TOLERANCE_PX, (chart_id, value, box, plot)
        assert box["y"] + box["height"] <= plot["y"] + plot["height"] + TOLERANCE_PX, (
            chart_id,
            value,
            box,
            plot,
        )
    # Bars of one chart share a width, and side by side they fit the plot: no full-width stripes.
    assert sum(box["width"] for _v, box in bars) <= plot["width"] + TOLERANCE_PX, chart_id
    low = min(drawn, key=lambda bar: bar[0])
    high = max(drawn, key=lambda bar: bar[0])
    assert low[1]["height"] < high[1]["height"], chart_id
    for value, box in drawn:
        expected = high[1]["height"] * value / high[0]
        assert abs(box["height"] - expected) <= 1.0, (chart_id, value, box["height"], expected)
    # The bars stand on the same baseline.
    bottoms = {round(box["y"] + box["height"]) for _v, box in drawn}
    assert max(bottoms) - min(bottoms) <= 1, (chart_id, bottoms)
