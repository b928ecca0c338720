"""Background tasks of proposals: expire the unanswered ones, remind people, refresh stored suggestions."""

from __future__ import annotations

from datetime import timedelta

from saq.types import Context
from sqlalchemy import func, select

from mentorship.engine.stale import every_list_stale, request_refresh
from mentorship.jobs.tasks import database, task
from mentorship.models import PEER_SCOPE, SuggestionScope
from mentorship.proposals.refresh import refresh_mentor_lists, refresh_peer_lists, scopes_to_refresh
from mentorship.proposals.services import expire_and_remind
from mentorship.relationships.load import DEFAULT_THRESHOLD


@task(timeout=300, retries=1)
async def expire_proposals(ctx: Context) -> dict[str, int]:
    """Expire proposals past their date and remind people a day before."""
    async with database(ctx).get_session() as session:
        return await expire_and_remind(session, timedelta(days=1))


@task(timeout=1800, retries=2)
async def refresh_suggestions(ctx: Context, *, kind: str = "mentors") -> dict[str, int]:
    """Rebuild the stored suggestions of stale scopes: the mentors' lists, or the peers'."""
    settings = ctx.get("settings")
    threshold = getattr(settings, "load_threshold", DEFAULT_THRESHOLD)
    async with database(ctx).get_session() as session:
        if kind == "peers":
            return await refresh_peer_lists(session)
        return await refresh_mentor_lists(session, threshold)


@task(timeout=60, retries=0)
async def refresh_stale_suggestions(ctx: Context) -> dict[str, int]:
    """The safety net: queue the refresh when a scope is stale (a change during a refresh, a lost job)."""
    async with database(ctx).get_session() as session:
        stale = await scopes_to_refresh(session)
        fresh_peers = await session.scalar(
            select(SuggestionScope.id).where(
                SuggestionScope.scope == PEER_SCOPE,
                SuggestionScope.stale_since.is_(None),
                SuggestionScope.built_at.is_not(None),
            )
        )
    peers = fresh_peers is None  # stale, or never built
    await request_refresh(ctx.get("queue"), mentors=bool(stale), peers=peers)
    return {"stale": len(stale) + peers}


@task(timeout=60, retries=0)
async def rebuild_suggestions(ctx: Context) -> dict[str, int]:
    """Weekly: every list rebuilt whole (the lists stay readable until each scope's rebuild commits)."""
    async with database(ctx).get_session() as session:
        await every_list_stale(session, ctx.get("queue"))
        scopes = await session.scalar(select(func.count()).select_from(SuggestionScope))
    return {"scopes": int(scopes or 0)}
