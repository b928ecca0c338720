"""Refreshing stored suggestions: each stale scope's candidate lists, rebuilt from one pool."""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any, cast
from uuid import UUID, uuid4

from sqlalchemy import case, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.engine.pool import build_pool
from mentorship.engine.rows import MENTEE, mentee_row, mentor_row, profile_id_of
from mentorship.engine.shortlists import (
    KEEP,
    Changed,
    Update,
    rank_every_peer,
    rank_scopes,
    update_peers,
    update_scope,
)
from mentorship.engine.stale import COMMUNITY
from mentorship.engine.suggest import Fit, mentors_of
from mentorship.engine.table import participant_rows, participants
from mentorship.lib.db import chunked, dialect_insert, insert_rows
from mentorship.lib.reasons import ReasonData
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
from mentorship.proposals.digests import Built, Diff, diff, pack, row_digests, unpack
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
        session,
        Kind.TRADITIONAL,
        today,
        overloaded=await overloaded(session, load_threshold, today),
        seekers=False,  # every mentee is read below, not only those a round would match now
    )
    mentors, names = mentors_of(pool), pool.topic_names
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
    seekers = await participant_rows(session, (User.is_active, Profile.is_mentee), MENTEE, Kind.TRADITIONAL)
    mentee_frames, mentor_frames = {}, {}
    mentor_profile = mentors["id"].map(lambda row: str(profile_id_of(str(row))))
    for scope in scopes:
        if scope == COMMUNITY:
            chosen = [row for profile_id, row in seekers if profile_id not in members]
            mentor_frames[scope] = mentors
        else:
            chosen = [row for profile_id, row in seekers if profile_id in mentee_in.get(scope, set())]
            mentor_frames[scope] = mentors[mentor_profile.isin(mentor_in.get(scope, set()))].reset_index(
                drop=True
            )
        mentee_frames[scope] = participants(chosen)
    known = await built_from(session, scopes)
    counts: dict[str, int] = {}
    for scope in sorted(scopes):
        now = Built(started, row_digests(mentee_frames[scope]), row_digests(mentor_frames[scope]))
        change = None if every else diff(known.get(scope), now)
        if change is None:
            lists = await rank_scopes({scope: mentor_frames[scope]}, {scope: mentee_frames[scope]}, names)
            lists_of = lists.get(scope, {})
            await write_scope(session, scope, lists_of, started, len(mentor_frames[scope]), clock, now)
            counts[scope or "community"] = len(lists_of)
            continue
        floors = await kept_floors(session, scope, change.candidates | change.gone_candidates)
        found = await update_scope(
            mentor_frames[scope],
            mentee_frames[scope],
            names,
            Changed(change.seekers, change.candidates, floors),
        )
        await merge_scope(
            session,
            scope,
            change,
            found,
            Built(change.full_at, now.seekers, now.candidates),
            (started, clock, len(mentor_frames[scope])),
        )
        counts[scope or "community"] = len(found.ranked) + len(found.entering)
    return counts


async def refresh_peer_lists(session: AsyncSession, *, every: bool = False) -> dict[str, int]:
    """Rebuild the peers' lists: only the peers who changed and where they now fit, when few did."""
    started, clock = datetime.now(UTC), time.perf_counter()
    pool = await build_pool(session, Kind.PEER, date.today())
    rows = row_digests(pool.frame)
    now = Built(started, rows, rows)
    change = None if every else diff((await built_from(session, {PEER_SCOPE})).get(PEER_SCOPE), now)
    if change is None:
        lists = await rank_every_peer(pool)
        await write_scope(session, PEER_SCOPE, lists, started, pool.mentees, clock, now)
        return {PEER_SCOPE: len(lists)}
    floors = await kept_floors(session, PEER_SCOPE, change.candidates | change.gone_candidates)
    found = await update_peers(pool, Changed(change.seekers, change.candidates, floors))
    await merge_scope(
        session, PEER_SCOPE, change, found, Built(change.full_at, rows, rows), (started, clock, pool.mentees)
    )
    return {PEER_SCOPE: len(found.ranked) + len(found.entering)}


async def built_from(session: AsyncSession, scopes: set[str]) -> dict[str, Built | None]:
    """The digests each scope's lists were built from (None where there are none)."""
    rows = await session.execute(
        select(SuggestionScope.scope, SuggestionScope.digests).where(SuggestionScope.scope.in_(scopes))
    )
    return {scope: unpack(stored) for scope, stored in rows.all()}


async def kept_floors(session: AsyncSession, scope: str, leaving: set[str]) -> dict[str, float]:
    """Each seeker's last kept score once ``leaving`` candidates are out (0 while her list is short)."""
    if not leaving:
        return {}
    gone = [profile_id_of(row) for row in leaving]
    rows = await session.execute(
        select(SuggestionCandidate.mentee_id, func.count(), func.min(SuggestionCandidate.score))
        .where(SuggestionCandidate.scope == scope, SuggestionCandidate.candidate_id.not_in(gone))
        .group_by(SuggestionCandidate.mentee_id)
    )
    # Seekers (mentees and peers alike) are the pool's mentee rows.
    return {mentee_row(mentee): (float(low) if count >= KEEP else 0.0) for mentee, count, low in rows.all()}


def _rows(scope: str, lists: dict[str, list[Fit]]) -> list[dict[str, Any]]:
    return [
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


async def _delete(session: AsyncSession, scope: str, column: Any, ids: Iterable[UUID]) -> None:
    for chunk in chunked(sorted(set(ids)), 1000):
        await session.execute(
            delete(SuggestionCandidate).where(SuggestionCandidate.scope == scope, column.in_(chunk))
        )


async def merge_scope(
    session: AsyncSession,
    scope: str,
    change: Diff,
    found: Update,
    built: Built,
    timing: tuple[datetime, float, int],
) -> None:
    """Redo only what changed, in one transaction: the changed seekers' lists replaced, the changed
    candidates' rows taken out and put back where they now enter a kept list (best ``KEEP`` stay)."""
    await _delete(
        session,
        scope,
        SuggestionCandidate.mentee_id,
        map(profile_id_of, change.seekers | change.gone_seekers),
    )
    await _delete(
        session,
        scope,
        SuggestionCandidate.candidate_id,
        map(profile_id_of, change.candidates | change.gone_candidates),
    )
    await insert_rows(session, SuggestionCandidate, _rows(scope, found.ranked))
    entering = {profile_id_of(row): (row, fits) for row, fits in found.entering.items()}
    merged: dict[str, list[Fit]] = {}
    for chunk in chunked(sorted(entering), 1000):
        kept = await session.execute(
            select(
                SuggestionCandidate.mentee_id,
                SuggestionCandidate.candidate_id,
                SuggestionCandidate.score,
                SuggestionCandidate.reasons,
            )
            .where(SuggestionCandidate.scope == scope, SuggestionCandidate.mentee_id.in_(chunk))
            .order_by(SuggestionCandidate.mentee_id, SuggestionCandidate.rank)
        )
        held: dict[UUID, list[Fit]] = {}
        typed = cast("list[tuple[UUID, UUID, float, list[ReasonData] | None]]", kept.all())
        for mentee, candidate, score, reasons in typed:
            held.setdefault(mentee, []).append(
                Fit(candidate_row(scope, candidate), float(score), reasons or [])
            )
        for mentee in chunk:
            row, fits = entering[mentee]
            # Kept ones first at a tie: a changed candidate enters only by scoring strictly above.
            merged[row] = sorted([*held.get(mentee, []), *fits], key=lambda fit: -fit.score)[:KEEP]
        await _delete(session, scope, SuggestionCandidate.mentee_id, chunk)
    await insert_rows(session, SuggestionCandidate, _rows(scope, merged))
    started, clock, candidates = timing
    await _record(session, scope, started, clock, (len(built.seekers), candidates), built)


async def write_scope(
    session: AsyncSession,
    scope: str,
    lists: dict[str, list[Fit]],
    started: datetime,
    candidates: int,
    clock: float,
    built: Built | None = None,
) -> None:
    """Replace a scope's lists in one transaction; it stays stale if something changed since ``started``."""
    await session.execute(delete(SuggestionCandidate).where(SuggestionCandidate.scope == scope))
    await insert_rows(session, SuggestionCandidate, _rows(scope, lists))
    await _record(session, scope, started, clock, (len(lists), candidates), built)


async def _record(
    session: AsyncSession,
    scope: str,
    started: datetime,
    clock: float,
    sizes: tuple[int, int],
    built: Built | None,
) -> None:
    """Note the scope built at ``started`` (still stale if changed since) with its digests, and commit."""
    mentees, candidates = sizes
    values = {"built_at": started, "mentees": mentees, "candidates": candidates}
    values["digests"] = None if built is None else pack(built)
    seconds = round(time.perf_counter() - clock, 3)
    # An upsert: the scope's row may be created by someone marking it stale while this refresh runs.
    statement = dialect_insert(session, SuggestionScope).values(
        id=uuid4(), scope=scope, seconds=seconds, **values
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[SuggestionScope.scope],
            set_={
                **values,
                "seconds": seconds,
                "stale_since": case(
                    (SuggestionScope.stale_since <= started, None), else_=SuggestionScope.stale_since
                ),
            },
        )
    )
    await session.commit()


def candidate_row(scope: str, profile_id: UUID) -> str:
    """A stored candidate's table row: a mentor in a program's or the community's lists, else a peer
    (peers are the pool's seekers, its mentee rows)."""
    return mentee_row(profile_id) if scope == PEER_SCOPE else mentor_row(profile_id)


async def refresh_every_list(settings: Settings) -> int:
    """Rebuild every scope's mentor lists and the peers' lists now (the command line); how many lists."""
    config = build_sqlalchemy_config(settings)
    try:
        async with config.get_session() as session:
            mentors = await refresh_mentor_lists(session, settings.load_threshold, every=True)
            peers = await refresh_peer_lists(session, every=True)
        return sum(mentors.values()) + sum(peers.values())
    finally:
        await config.get_engine().dispose()
