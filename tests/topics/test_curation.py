"""Coordinators curate the topic list, and what they change is what participants' entries resolve to."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.models import ProfileTopic, Topic
from mentorship.topics.services import seed_topics
from tests.factories import PASSWORD, create_user
from tests.helpers import Client, login, post_form, send_json


async def seed(settings: Settings) -> None:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        await seed_topics(session)
        await session.commit()
    await config.get_engine().dispose()


async def topic(settings: Settings, slug: str) -> Topic | None:
    config = build_sqlalchemy_config(settings)
    async with config.get_session() as session:
        found = (await session.execute(select(Topic).where(Topic.slug == slug))).scalar_one_or_none()
        links = await session.scalar(
            select(func.count()).select_from(ProfileTopic).join(Topic).where(Topic.slug == slug)
        )
    await config.get_engine().dispose()
    if found is not None:
        found.links = links  # type: ignore[attr-defined]
    return found


async def coordinator(client: Client, settings: Settings) -> None:
    await seed(settings)
    await create_user(settings, "coord@example.org", coordinator=True)
    await login(client, "coord@example.org", PASSWORD)


async def save_topics(client: Client, offers: str, seeks: str = "") -> Any:
    return await post_form(client, "/profile/edit/topics", {"offers": offers, "seeks": seeks})


async def test_a_new_topic_with_an_alias_is_what_participants_typing_the_alias_get(
    client: Client, settings: Settings
) -> None:
    await coordinator(client, settings)
    added = await post_form(
        client,
        "/topics/",
        {
            "label": "Podcasts",
            "category": "Communications",
            "aliases": "audio shows, podcast production",
            "translations": "es: Pódcasts\nfr: Balados",
        },
    )
    await create_user(settings, "ana@example.org", profile={"is_mentor": True, "capacity": 2})
    await login(client, "ana@example.org", PASSWORD)
    await save_topics(client, "audio shows, Balados")
    page = await client.get("/profile/edit/topics")

    stored = await topic(settings, "podcasts")
    assert added.status_code == 303
    assert stored is not None and stored.curated
    assert stored.translations == {"es": "Pódcasts", "fr": "Balados"}
    assert stored.links == 1  # type: ignore[attr-defined]
    assert '<option value="Podcasts"' in page.text  # offered by autocomplete now


async def test_form_errors_are_inline_and_nothing_is_written(client: Client, settings: Settings) -> None:
    await coordinator(client, settings)

    empty = await post_form(client, "/topics/", {"label": "  ", "translations": ""})
    bad_line = await post_form(
        client, "/topics/", {"label": "Podcasts", "translations": "es: Pódcasts\nfrench"}
    )
    taken = await post_form(client, "/topics/", {"label": "Copy-editing"})
    alias_taken = await post_form(client, "/topics/", {"label": "Podcasts", "aliases": "proofreading"})

    assert empty.status_code == 400 and "Give the topic a name." in empty.text
    assert bad_line.status_code == 400 and "Line 2" in bad_line.text
    assert taken.status_code == 400 and "already exists" in taken.text
    assert alias_taken.status_code == 400 and "already names" in alias_taken.text
    assert 'aria-invalid="true"' in alias_taken.text
    assert await topic(settings, "podcasts") is None


async def test_retired_topics_leave_autocomplete_but_stay_on_profiles(
    client: Client, settings: Settings
) -> None:
    await coordinator(client, settings)
    stubs = await topic(settings, "article-writing")
    assert stubs is not None
    await create_user(settings, "ana@example.org", profile={"is_mentee": True})
    await login(client, "ana@example.org", PASSWORD)
    await save_topics(client, "", "article writing")
    await login(client, "coord@example.org", PASSWORD)

    retired = await post_form(client, f"/topics/{stubs.id}/retire", {})
    listing = await client.get("/topics?status=retired")
    await login(client, "ana@example.org", PASSWORD)
    suggestions = await client.get("/profile/edit/topics")
    mine = (await client.get("/api/v1/profiles/mine")).json()

    assert retired.status_code == 303
    assert "Article writing" in listing.text
    assert '<option value="Article writing"' not in suggestions.text
    assert [t["label"] for t in mine["seeks"]] == ["Article writing"]


async def test_a_free_tag_can_be_adopted_or_merged_into_a_curated_topic(
    client: Client, settings: Settings
) -> None:
    await coordinator(client, settings)
    await create_user(settings, "ana@example.org", profile={"is_mentee": True})
    await create_user(settings, "ben@example.org", profile={"is_mentee": True})
    await login(client, "ana@example.org", PASSWORD)
    await save_topics(client, "", "Phone photography, Podcasting")
    await login(client, "ben@example.org", PASSWORD)
    await save_topics(client, "", "phone photography, photography")
    await login(client, "coord@example.org", PASSWORD)
    free = await client.get("/topics?status=free", headers={"hx-request": "true"})
    walks = await topic(settings, "phone-photography")
    podcasting = await topic(settings, "podcasting")
    photography = await topic(settings, "commons-media")
    assert walks is not None and podcasting is not None and photography is not None

    merged = await post_form(client, f"/topics/{walks.id}/merge", {"target": str(photography.id)})
    adopted = await post_form(client, f"/topics/{podcasting.id}/adopt", {})
    await create_user(settings, "cy@example.org", profile={"is_mentee": True})
    await login(client, "cy@example.org", PASSWORD)
    await save_topics(client, "", "Phone Photography")

    assert "<html" not in free.text and "Phone photography" in free.text
    assert merged.status_code == 303 and adopted.status_code == 303
    assert await topic(settings, "phone-photography") is None
    after = await topic(settings, "commons-media")
    assert after is not None and "Phone photography" in after.aliases
    # Ana's choice moved; Ben named both and keeps one link; Cy's new entry resolves by the alias.
    assert after.links == 3  # type: ignore[attr-defined]
    adopted_topic = await topic(settings, "podcasting")
    assert adopted_topic is not None and adopted_topic.curated


async def test_the_topics_api_reads_for_everyone_and_curates_for_coordinators(
    client: Client, settings: Settings
) -> None:
    await coordinator(client, settings)
    created = await send_json(client, "POST", "/api/v1/topics", {"label": "Podcasts", "aliases": ["audio"]})
    invalid = await send_json(client, "POST", "/api/v1/topics", {"label": "", "translations": {"es": "x"}})
    topic_id = created.json()["id"]
    renamed = await send_json(client, "PATCH", f"/api/v1/topics/{topic_id}", {"label": "Podcasting"})
    retired = await send_json(client, "POST", f"/api/v1/topics/{topic_id}/state", {"retired": True})
    missing = await send_json(
        client, "POST", "/api/v1/topics/00000000-0000-0000-0000-000000000000/state", {"retired": True}
    )
    await create_user(settings, "ana@example.org", profile={"is_mentee": True})
    await login(client, "ana@example.org", PASSWORD)
    listing = await client.get("/api/v1/topics")
    forbidden = await send_json(client, "POST", "/api/v1/topics", {"label": "Mine"})

    assert created.status_code == 201 and created.json()["slug"] == "podcasts"
    assert invalid.status_code == 400
    assert invalid.json()["extra"] == [{"key": "label", "message": "Give the topic a name."}]
    assert renamed.json()["label"] == "Podcasting" and renamed.json()["slug"] == "podcasts"
    assert retired.json()["retired"] is True
    assert missing.status_code == 404
    assert len(listing.json()) == 55 and "Podcasting" not in {t["label"] for t in listing.json()}
    assert forbidden.status_code == 403


async def test_editing_keeps_the_slug_and_refuses_a_name_of_another_topic(
    client: Client, settings: Settings
) -> None:
    await coordinator(client, settings)
    bots = await topic(settings, "bots")
    assert bots is not None

    form = await client.get(f"/topics/{bots.id}/edit")
    clash = await post_form(client, f"/topics/{bots.id}", {"label": "Lua modules"})
    saved = await post_form(
        client,
        f"/topics/{bots.id}",
        {"label": "Bots and tools", "translations": "es: Bots y herramientas"},
    )

    assert 'value="Bots and automation"' in form.text
    assert clash.status_code == 400 and "already names another topic" in clash.text
    assert saved.status_code == 303
    renamed = await topic(settings, "bots")
    assert renamed is not None and renamed.label == "Bots and tools"
    assert renamed.translations == {"es": "Bots y herramientas"}


async def test_other_names_and_translations_have_a_length_limit_with_the_error_under_the_field(
    client: Client, settings: Settings
) -> None:
    await coordinator(client, settings)
    padded = "audio" + ", " * 2500  # one name, but far more text than the field takes
    codes = [f"a{first}{second}" for first in "abcdefgh" for second in "abcdefgh"]  # 64 language codes

    form = await client.get("/topics/new")
    long_aliases = await post_form(client, "/topics/", {"label": "Podcasts", "aliases": padded})
    too_many = await post_form(
        client, "/topics/", {"label": "Podcasts", "translations": "\n".join(f"{c}: Podcasts" for c in codes)}
    )
    by_api = await send_json(
        client, "POST", "/api/v1/topics", {"label": "Podcasts", "translations": dict.fromkeys(codes, "P")}
    )

    assert 'name="aliases" rows="3" maxlength="4000"' in form.text
    assert 'name="translations" rows="5" maxlength="4000"' in form.text
    assert long_aliases.status_code == 400
    assert "Keep the other names under 4000 characters." in long_aliases.text
    assert padded in long_aliases.text  # what was typed is kept
    assert too_many.status_code == 400 and "At most 50 translations." in too_many.text
    assert by_api.status_code == 400 and [e["key"] for e in by_api.json()["extra"]] == ["translations"]
    assert await topic(settings, "podcasts") is None
