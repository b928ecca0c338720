"""A request as the mentee who sent it sees it: her own request, not an answer she gave."""

from __future__ import annotations

from mentorship.config import Settings
from tests.helpers import Client, send_json
from tests.proposals.test_request_message import ana_and_mia


async def test_the_mentee_sees_she_sent_her_request_not_an_answer(settings: Settings, client: Client) -> None:
    mia = await ana_and_mia(settings, client)
    sent = await send_json(client, "POST", "/api/v1/requests", {"mentor_profile_id": mia, "message": "Hello"})
    assert sent.status_code == 201, sent.text

    page = await client.get(f"/proposals/{sent.json()['id']}", headers={"accept": "text/html"})

    assert page.status_code == 200
    assert "Your answer" not in page.text
    assert "You sent this request" in page.text
    assert "It waits for Mia" in page.text
