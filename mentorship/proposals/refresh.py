"""Refreshing stored suggestions: each stale scope's candidate lists, rebuilt from one pool."""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import UTC, date, datetime
from uuid import UUID, uuid4

from sqlalchemy import case, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.engine.pool import build_pool
from mentorship.engine.rows import profile_id_of
from mentorship.engine.shortlists import mentee_frame, rank_every_peer, rank_scopes
from mentorship.engine.stale import COMMUNITY
from mentorship.engine.suggest import Fit, mentors_of
from mentorship.models import (
    PEER_SCOPE,
    Kind,
    MembershipStatus,
    Profile,
    Program,
    ProgramMembership,
    SuggestionCandidate,
    SuggestionScope,
    User,
    slot_scope,
)
from mentorship.relationships.load import DEFAULT_THRESHOLD, overloaded


async def scopes_to_refresh(
    session: AsyncSession, wanted: Iterable[str] | None = None, *, every: bool = False
) -> set[str]:
    """Scopes stale or never built (or ``every`` one): the running programs' and the community's."""
    programs = await session.execute(select(Program.id).where(~Program.archived))
    scopes = {COMMUNITY, *(slot_scope(p) for p in programs.scalars())}
    if wanted is not None:
        scopes &= set(wanted)
    if every:
        return scopes
    fresh = await session.execute(
        select(SuggestionScope.scope).where(
            SuggestionScope.scope.in_(scopes),
            SuggestionScope.stale_since.is_(None),
            SuggestionScope.built_at.is_not(None),
        )
    )
    return scopes - set(fresh.scalars())


async def refresh_mentor_lists(
    session: AsyncSession,
    load_threshold: float = DEFAULT_THRESHOLD,
    wanted: Iterable[str] | None = None,
    *,
    every: bool = False,
) -> dict[str, int]:
    """Rebuild the mentor lists of stale scopes (or ``every`` one) from one pool, split by program."""
    started, clock = datetime.now(UTC), time.perf_counter()
    scopes = await scopes_to_refresh(session, wanted, every=every)
    if not scopes:
        return {}
    today = date.today()
    pool = await build_pool(
        session, Kind.TRADITIONAL, today, overloaded=await overloaded(session, load_threshold, today)
    )
    mentors = mentors_of(pool)
    rows = await session.execute(
        select(ProgramMembership.program_id, ProgramMembership.profile_id, ProgramMembership.is_mentor).where(
            ProgramMembership.status == MembershipStatus.ACTIVE
        )
    )
    mentor_in: dict[str, set[str]] = {}
    mentee_in: dict[str, set[UUID]] = {}
    members: set[UUID] = set()
    for program_id, profile_id, is_mentor in rows.all():
        members.add(profile_id)
        if is_mentor:
            mentor_in.setdefault(slot_scope(program_id), set()).add(str(profile_id))
    seeking = await session.execute(
        select(ProgramMembership.program_id, ProgramMembership.profile_id).where(
            ProgramMembership.status == MembershipStatus.ACTIVE, ProgramMembership.is_mentee
        )
    )
    for program_id, profile_id in seeking.all():
        mentee_in.setdefault(slot_scope(program_id), set()).add(profile_id)
    seekers = list(
        (
            await session.execute(
                select(Profile)
                .join(User, User.id == Profile.user_id)
                .where(User.is_active, Profile.is_mentee)
                .options(selectinload(Profile.topics), selectinload(Profile.languages))
                .order_by(Profile.created_at, Profile.id)
            )
        ).scalars()
    )
    mentee_frames, mentor_frames = {}, {}
    mentor_profile = mentors["id"].map(lambda row: str(profile_id_of(str(row))))
    for scope in scopes:
        if scope == COMMUNITY:
            chosen = [p for p in seekers if p.id not in members]
            mentor_frames[scope] = mentors
        else:
            chosen = [p for p in seekers if p.id in mentee_in.get(scope, set())]
            mentor_frames[scope] = mentors[mentor_profile.isin(mentor_in.get(scope, set()))].reset_index(
                drop=True
            )
        mentee_frames[scope] = mentee_frame(chosen)
    lists = await rank_scopes(mentor_frames, mentee_frames, pool.topic_names)
    for scope in scopes:
        await write_scope(session, scope, lists.get(scope, {}), started, len(mentor_frames[scope]), clock)
    return {scope or "community": len(lists.get(scope, {})) for scope in scopes}


async def refresh_peer_lists(session: AsyncSession) -> dict[str, int]:
    """Rebuild every peer's list of peers from one peer pool."""
    started, clock = datetime.now(UTC), time.perf_counter()
    pool = await build_pool(session, Kind.PEER, date.today())
    lists = await rank_every_peer(pool)
    await write_scope(session, PEER_SCOPE, lists, started, pool.mentees, clock)
    return {PEER_SCOPE: len(lists)}


async def write_scope(
    session: AsyncSession,
    scope: str,
    lists: dict[str, list[Fit]],
    started: datetime,
    candidates: int,
    clock: float,
) -> None:
    """Replace a scope's lists in one transaction; it stays stale if something changed since ``started``."""
    await session.execute(delete(SuggestionCandidate).where(SuggestionCandidate.scope == scope))
    rows = [
        {
            "id": uuid4(),
            "scope": scope,
            "mentee_id": profile_id_of(row),
            "candidate_id": profile_id_of(fit.row),
            "rank": rank,
            "score": fit.score,
            "reasons": fit.reasons,
        }
        for row, fits in lists.items()
        for rank, fit in enumerate(fits)
    ]
    for start in range(0, len(rows), 5000):
        await session.execute(insert(SuggestionCandidate), rows[start : start + 5000])
    built = {"built_at": started, "mentees": len(lists), "candidates": candidates}
    seconds = round(time.perf_counter() - clock, 3)
    changed = await session.execute(
        update(SuggestionScope)
        .where(SuggestionScope.scope == scope)
        .values(
            **built,
            seconds=seconds,
            stale_since=case(
                (SuggestionScope.stale_since <= started, None), else_=SuggestionScope.stale_since
            ),
        )
    )
    if not changed.rowcount:  # type: ignore[attr-defined]
        session.add(SuggestionScope(scope=scope, seconds=seconds, **built))
    await session.commit()


async def refresh_every_list(settings: Settings) -> int:
    """Rebuild every scope's mentor lists and the peers' lists now (the command line); how many lists."""
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            mentors = await refresh_mentor_lists(session, settings.load_threshold, every=True)
            peers = await refresh_peer_lists(session)
        return sum(mentors.values()) + sum(peers.values())
    finally:
        await config.get_engine().dispose()
