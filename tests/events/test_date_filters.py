"""History filters take dates from ten years back to five years ahead; others never break the page."""

from __future__ import annotations

from tests.events.conftest import History
from tests.factories import PASSWORD
from tests.helpers import Client, login


async def test_a_day_far_ahead_is_refused_by_field_in_the_api(client: Client, history: History) -> None:
    await login(client, "cora@example.org", PASSWORD)

    response = await client.get("/api/v1/events", params={"since": "0001-01-01", "until": "9999-12-31"})

    assert response.status_code == 400, response.text
    assert [item["key"] for item in response.json()["extra"]] == ["since", "until"]


async def test_a_day_far_ahead_in_the_page_filter_is_ignored(client: Client, history: History) -> None:
    await login(client, "cora@example.org", PASSWORD)

    response = await client.get("/events", params={"until": "9999-12-31"}, headers={"accept": "text/html"})

    assert response.status_code == 200
    assert "round.published" in response.text or "Cora Coordinator" in response.text
