"""The history: coordinators see and export who did what when; nobody else sees it; nothing edits it."""

from __future__ import annotations

import csv
import io
import json
import re

from litestar import Litestar
from litestar.testing import AsyncTestClient

from mentorship.events.describe import describe
from tests.events.conftest import History
from tests.factories import PASSWORD
from tests.helpers import login
from tests.routes import UNSAFE, routes

Client = AsyncTestClient[Litestar]
HTML = {"accept": "text/html"}


async def as_coordinator(client: Client) -> None:
    await login(client, "cora@example.org", PASSWORD)


def words(html: str) -> str:
    """The text without tags, spaces collapsed (names in a line are links)."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


async def test_page_lists_who_when_and_what_newest_first(client: Client, history: History) -> None:
    await as_coordinator(client)

    html = (await client.get("/events", headers=HTML)).text

    assert "Newest first" in html and html.count("<time datetime=") == 5
    order = ["proposal.expired", "proposal.declined", "proposal.accepted", "round.published", "round.started"]
    positions = [html.index(f"<code>{type_}</code>") for type_ in order]
    assert positions == sorted(positions)
    assert "2026-03-03 15:00:00" in html
    assert "Cora Coordinator published a matching round (12 proposals)" in words(html)
    assert "Ana Alves accepted a proposal" in words(html)


async def test_filter_menus_offer_each_type_that_occurs_once_in_order(
    client: Client, history: History
) -> None:
    await as_coordinator(client)

    html = (await client.get("/events", headers=HTML)).text

    def menu(name: str) -> list[str]:
        select = re.search(rf'<select id="e-{name}".*?</select>', html, re.S)
        assert select is not None
        return re.findall(r'<option value="([^"]*)"', select.group(0))

    types = ["proposal.accepted", "proposal.declined", "proposal.expired", "round.published", "round.started"]
    assert menu("type") == ["", *types]
    assert menu("subject") == ["", "proposal", "round"]


async def test_filters_narrow_the_table_fragment_for_htmx(client: Client, history: History) -> None:
    await as_coordinator(client)

    response = await client.get(
        "/events?type=&actor=ana&subject_type=proposal&since=2026-03-03&until=2026-03-03",
        headers={"HX-Request": "true"},
    )

    assert response.text.startswith('<section id="event-table"')
    assert response.text.count("<time datetime=") == 1
    assert "Ana Alves accepted a proposal" in words(response.text)
    assert "declined" not in response.text


async def test_bad_dates_are_ignored_not_an_error(client: Client, history: History) -> None:
    await as_coordinator(client)

    response = await client.get("/events?since=not-a-date&until=2026-13-45", headers=HTML)

    assert response.status_code == 200
    assert response.text.count("<time datetime=") == 5


async def test_csv_exports_the_filtered_rows_with_a_header(client: Client, history: History) -> None:
    await as_coordinator(client)

    response = await client.get("/events.csv?subject_type=proposal&until=2026-03-03")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.text.splitlines()[0] == "at,type,actor,actor_id,subject_type,subject_id,description,data"
    rows = read_csv(response.text)
    assert [(row["at"], row["type"], row["actor"]) for row in rows] == [
        ("2026-03-03T15:00:00+00:00", "proposal.declined", "'=Ben Bold"),
        ("2026-03-03T09:00:00+00:00", "proposal.accepted", "Ana Alves"),
    ]
    assert rows[0]["actor_id"] == str(history.ben.id)
    assert rows[0]["subject_id"] == str(history.proposal_id)
    assert json.loads(rows[0]["data"]) == {"reason": "no time, sorry"}
    assert rows[0]["description"] == "'=Ben Bold declined a proposal"


async def test_csv_without_filters_has_every_event(client: Client, history: History) -> None:
    await as_coordinator(client)

    rows = read_csv((await client.get("/events.csv")).text)

    assert len(rows) == 5
    assert rows[-1]["type"] == "round.started" and rows[-1]["data"] == '{"kind": "traditional"}'
    assert rows[0]["actor"] == "" and rows[0]["description"] == "A proposal expired unanswered"


async def test_api_filters_and_pages(client: Client, history: History) -> None:
    await as_coordinator(client)

    by_actor = (await client.get(f"/api/v1/events?actor_id={history.coordinator.id}&limit=1")).json()
    rest = (
        await client.get(f"/api/v1/events?actor_id={history.coordinator.id}&before={by_actor['next']}")
    ).json()
    by_type = (await client.get("/api/v1/events?type=proposal.declined")).json()
    first = (await client.get("/api/v1/events?since=2026-03-02&limit=2")).json()
    second = (await client.get(f"/api/v1/events?since=2026-03-02&limit=2&before={first['next']}")).json()

    assert (by_actor["limit"], by_actor["items"][0]["type"]) == (1, "round.published")
    assert len(rest["items"]) == 1 and rest["next"] is None
    assert by_type["items"][0]["actor_name"] == "=Ben Bold"
    assert by_type["items"][0]["data"] == {"reason": "no time, sorry"}
    assert [item["type"] for item in second["items"]] == ["proposal.accepted", "round.published"]


async def test_participants_never_see_the_history(client: Client, history: History) -> None:
    await login(client, "ana@example.org", PASSWORD)

    page = await client.get("/events", headers=HTML, follow_redirects=False)
    export = await client.get("/events.csv", headers=HTML, follow_redirects=False)
    api = await client.get("/api/v1/events")

    assert (page.status_code, export.status_code, api.status_code) == (403, 403, 403)
    assert "Ana Alves" not in page.text + export.text + api.text


async def test_anonymous_visitors_are_sent_to_sign_in(client: Client, history: History) -> None:
    page = await client.get("/events", headers=HTML, follow_redirects=False)
    api = await client.get("/api/v1/events")

    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    assert api.status_code == 401


async def test_nav_shows_history_to_coordinators_only(client: Client, history: History) -> None:
    await as_coordinator(client)
    coordinator_nav = (await client.get("/notifications")).text
    await login(client, "ana@example.org", PASSWORD)
    participant_nav = (await client.get("/notifications")).text

    assert 'href="/events"' in coordinator_nav
    assert 'href="/events"' not in participant_nav
    assert 'href="/notifications"' in participant_nav


def test_no_route_changes_an_event(app: Litestar) -> None:
    writers = [
        (method, path)
        for method, path, _access in routes(app)
        if method in UNSAFE and "event" in path.lower()
    ]

    assert writers == []


async def test_writing_methods_on_the_history_are_refused(client: Client, history: History) -> None:
    await as_coordinator(client)
    token = client.cookies.get("csrftoken") or ""

    statuses = {
        (await client.request(method, path, headers={"x-csrftoken": token}, json={})).status_code
        for method in ("POST", "PUT", "PATCH", "DELETE")
        for path in ("/api/v1/events", "/events", f"/api/v1/events/{history.round_id}")
    }

    assert statuses <= {404, 405}


def test_descriptions_fall_back_to_the_type_and_data() -> None:
    assert describe("proposal.accepted", "proposal", {}, "Ana") == "Ana accepted a proposal"
    assert describe("round.published", "round", {}, "Cora").startswith("Round published")
    assert describe("badge.earned", "profile", {"badge": "early bird", "empty": ""}, None) == (
        "Badge earned (profile) · badge: early bird"
    )
