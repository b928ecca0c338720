"""Retiring and merging topics are asked once more, saying who keeps what and whether it can be undone."""

from __future__ import annotations

import html

from mentorship.config import Settings
from tests.factories import PASSWORD, create_user
from tests.helpers import Client, login, post_form
from tests.topics.test_curation import coordinator, save_topics, topic


async def test_retire_asks_first_and_says_people_keep_the_topic(client: Client, settings: Settings) -> None:
    await coordinator(client, settings)
    await create_user(settings, "ana@example.org", profile={"is_mentee": True})
    await login(client, "ana@example.org", PASSWORD)
    await save_topics(client, "", "article writing")
    await login(client, "coord@example.org", PASSWORD)
    writing = await topic(settings, "article-writing")
    assert writing is not None

    listing = await client.get("/topics")
    asked = await client.get(f"/topics/{writing.id}/retire")
    after_asking = await topic(settings, "article-writing")
    retired = await post_form(client, f"/topics/{writing.id}/retire", {})

    shown = html.unescape(asked.text)
    assert f'href="/topics/{writing.id}/retire"' in listing.text
    assert f'action="/topics/{writing.id}/retire"' not in listing.text
    assert asked.status_code == 200 and "Retire “Article writing”?" in shown
    assert "The 1 person who chose it keeps it on their profile." in shown
    assert "You can restore it from the retired topics." in shown
    assert f'action="/topics/{writing.id}/retire"' in asked.text and 'href="/topics"' in asked.text
    assert after_asking is not None and not after_asking.retired
    assert retired.status_code == 303
    done = await topic(settings, "article-writing")
    assert done is not None and done.retired


async def test_merge_asks_first_and_says_it_cannot_be_undone(client: Client, settings: Settings) -> None:
    await coordinator(client, settings)
    await create_user(settings, "ana@example.org", profile={"is_mentee": True})
    await login(client, "ana@example.org", PASSWORD)
    await save_topics(client, "", "Phone photography")
    await login(client, "coord@example.org", PASSWORD)
    phone, media = await topic(settings, "phone-photography"), await topic(settings, "commons-media")
    assert phone is not None and media is not None

    free = await client.get("/topics?status=free")
    asked = await client.get(f"/topics/{phone.id}/merge", params={"target": str(media.id)})
    still = await topic(settings, "phone-photography")
    merged = await post_form(client, f"/topics/{phone.id}/merge", {"target": str(media.id)})

    shown = html.unescape(asked.text)
    assert f'action="/topics/{phone.id}/merge" method="get"' in free.text
    assert (
        asked.status_code == 200 and "Merge “Phone photography” into “Photos and media on Commons”?" in shown
    )
    assert "This cannot be undone." in shown
    assert f'name="target" value="{media.id}"' in asked.text
    assert still is not None
    assert merged.status_code == 303
    assert await topic(settings, "phone-photography") is None


async def test_merge_without_a_topic_chosen_goes_back_and_says_so(client: Client, settings: Settings) -> None:
    await coordinator(client, settings)
    await create_user(settings, "ana@example.org", profile={"is_mentee": True})
    await login(client, "ana@example.org", PASSWORD)
    await save_topics(client, "", "Phone photography")
    await login(client, "coord@example.org", PASSWORD)
    phone = await topic(settings, "phone-photography")
    assert phone is not None

    asked = await client.get(f"/topics/{phone.id}/merge", params={"target": ""}, follow_redirects=False)
    page = await client.get(asked.headers["location"])

    assert asked.status_code == 303
    assert "Choose the topic to merge “Phone photography” into." in html.unescape(page.text)
