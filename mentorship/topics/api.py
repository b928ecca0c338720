"""JSON API for the topic list: everyone signed in reads it, coordinators curate it."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

import msgspec
from litestar import Controller, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody

from mentorship.accounts.auth import COORDINATOR, SIGNED_IN, coordinator, signed_in
from mentorship.models import Topic
from mentorship.topics.curation import TopicCuration, TopicIn, TopicRow
from mentorship.topics.deps import provide_curation


class TopicOut(msgspec.Struct):
    """A topic with its names and how many people offer and seek it."""

    id: UUID
    slug: str
    label: str
    category: str
    aliases: list[str]
    translations: dict[str, str]
    curated: bool
    retired: bool
    offers: int = 0
    seeks: int = 0


class TopicState(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """Retire or restore a topic, or put a free tag on the curated list."""

    retired: bool | None = None
    curated: Literal[True] | None = None


class MergeIn(msgspec.Struct, forbid_unknown_fields=True):
    """The topic to fold this one into."""

    into: UUID


def _out(topic: Topic, row: TopicRow | None = None) -> TopicOut:
    return TopicOut(
        id=topic.id,
        slug=topic.slug,
        label=topic.label,
        category=topic.category,
        aliases=list(topic.aliases or []),
        translations=dict(topic.translations or {}),
        curated=topic.curated,
        retired=topic.retired,
        offers=row.offers if row else 0,
        seeks=row.seeks if row else 0,
    )


class TopicApiController(Controller):
    """Topics as JSON."""

    path = "/api/v1/topics"
    tags = ["topics"]
    dependencies = {"curation": Provide(provide_curation)}

    @get("/", name="api:topics", guards=[signed_in], opt=SIGNED_IN)
    async def list_topics(
        self,
        curation: NamedDependency[TopicCuration],
        status: FromQuery[Literal["curated", "free", "retired", "all"]] = "curated",
        q: FromQuery[Annotated[str, msgspec.Meta(max_length=100)]] = "",
    ) -> list[TopicOut]:
        """Topics with usage counts; the curated list by default (what autocomplete offers)."""
        return [_out(row.topic, row) for row in await curation.rows(status, q.replace("\x00", "").strip())]

    @post("/", name="api:topics:create", guards=[coordinator], opt=COORDINATOR, status_code=201)
    async def create(self, data: JSONBody[TopicIn], curation: NamedDependency[TopicCuration]) -> TopicOut:
        """Add a curated topic (coordinators)."""
        return _out(await curation.create(data.checked()))

    @patch("/{topic_id:uuid}", name="api:topics:update", guards=[coordinator], opt=COORDINATOR)
    async def update(
        self, topic_id: FromPath[UUID], data: JSONBody[TopicIn], curation: NamedDependency[TopicCuration]
    ) -> TopicOut:
        """Rename a topic or change its other names (coordinators)."""
        return _out(await curation.update(topic_id, data.checked()))

    @post(
        "/{topic_id:uuid}/state",
        name="api:topics:state",
        guards=[coordinator],
        opt=COORDINATOR,
        status_code=200,
    )
    async def set_state(
        self, topic_id: FromPath[UUID], data: JSONBody[TopicState], curation: NamedDependency[TopicCuration]
    ) -> TopicOut:
        """Retire, restore or adopt a topic (coordinators)."""
        topic = await curation.get(topic_id)
        if data.curated:
            topic = await curation.adopt(topic_id)
        if data.retired is not None:
            topic = await curation.set_retired(topic_id, data.retired)
        return _out(topic)

    @post(
        "/{topic_id:uuid}/merge",
        name="api:topics:merge",
        guards=[coordinator],
        opt=COORDINATOR,
        status_code=200,
    )
    async def merge(
        self, topic_id: FromPath[UUID], data: JSONBody[MergeIn], curation: NamedDependency[TopicCuration]
    ) -> TopicOut:
        """Fold this topic into another; people keep their choice and its names become aliases."""
        return _out(await curation.merge(topic_id, data.into))
