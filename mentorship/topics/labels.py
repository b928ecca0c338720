"""Topic names for reasons: the database's topics (curated names and translations), then the seed catalog.

Reasons are worded at view time, in templates and API bodies that cannot query, so requests
read every topic's name and translations from a copy each worker keeps: loaded with one query,
again after ``LABELS_TTL`` seconds, and at once after a coordinator changes a topic in this
worker (:func:`forget_labels`); other workers see a rename within the lifetime.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Receive, Scope, Send
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.models import Topic
from mentorship.topics import catalog

#: A topic's name, its names by language code, and whether coordinators curate it, by slug.
Labels = Mapping[str, tuple[str, Mapping[str, str], bool]]
_LABELS: ContextVar[Labels | None] = ContextVar("topic_labels", default=None)
#: Seconds a worker names topics from its copy before reading them again.
LABELS_TTL = 30.0
# Bumped by forget_labels(): every middleware's copy older than the bump is read again.
_changed = [0]


def forget_labels() -> None:
    """Name topics afresh on the next request (a coordinator renamed, translated or merged one)."""
    _changed[0] += 1


async def load_labels(db: AsyncSession) -> dict[str, tuple[str, dict[str, str], bool]]:
    """Every topic's name and translations (retired ones too: old reasons still name them)."""
    rows = await db.execute(select(Topic.slug, Topic.label, Topic.translations, Topic.curated))
    found: dict[str, tuple[str, dict[str, str], bool]] = {}
    for slug, label, translations, curated in rows:
        names = translations if isinstance(translations, dict) else {}
        found[str(slug)] = (str(label), {str(k): str(v) for k, v in names.items() if v}, bool(curated))
    return found


@contextmanager
def labels_in(labels: Labels) -> Iterator[None]:
    """Name topics by ``labels`` inside the block (a request's)."""
    token = _LABELS.set(labels)
    try:
        yield
    finally:
        _LABELS.reset(token)


def topic_label(slug: str, locale: str) -> str | None:
    """A topic's name in ``locale``; None for a topic neither the database nor the seed catalog knows.

    The database's name in that language, else the seed catalog's; else the curated name,
    and for a free tag on a seed topic's slug (added before the catalog was seeded) the
    catalog's English name before the words someone typed.
    """
    labels = _LABELS.get() or {}
    if slug not in labels and " " in slug:
        # The engine names a topic by its normalised tag: "article writing" for article-writing.
        hyphened = slug.replace(" ", "-")
        if hyphened in labels or hyphened in catalog.TOPICS_BY_SLUG:
            slug = hyphened
    found = labels.get(slug)
    if found is None:
        return catalog.topic_label(slug, locale)
    label, translations, curated = found
    code = locale.replace("-", "_").split("_")[0]
    seed = catalog.TOPICS_BY_SLUG.get(slug)
    if named := translations.get(locale) or translations.get(code):
        return named
    if seed is not None and (named := seed.translations.get(code)):
        return named
    return seed.label if seed is not None and not curated else label or None


def topic_labels_middleware(db_config: SQLAlchemyAsyncConfig) -> Any:
    """Middleware factory: each request names topics from the worker's copy (static files aside).

    Reading every topic on every request put a whole-table query on every page, health
    checks and ``/api/v1/me`` included, though few pages show a reason.
    """
    # (when loaded, forget_labels() count then, the labels)
    copy: list[tuple[float, int, Labels]] = []

    async def current() -> Labels:
        now = time.monotonic()
        if not copy or now - copy[0][0] > LABELS_TTL or copy[0][1] != _changed[0]:
            seen = _changed[0]
            async with db_config.get_session() as db:
                copy[:] = [(now, seen, await load_labels(db))]
        return copy[0][2]

    def factory(app: ASGIApp) -> ASGIApp:
        async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != ScopeType.HTTP or str(scope.get("path", "")).startswith("/static/"):
                await app(scope, receive, send)
                return
            with labels_in(await current()):
                await app(scope, receive, send)

        return middleware

    return factory
