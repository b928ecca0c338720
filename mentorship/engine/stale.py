"""Marking stored suggestions stale when who fits or who has room changes, and asking for their refresh."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from uuid import UUID, uuid4

from saq.queue.base import Queue
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.lib.db import dialect_insert
from mentorship.models import (
    PEER_SCOPE,
    MembershipStatus,
    ProgramMembership,
    RelationshipMember,
    SuggestionScope,
    slot_scope,
)

#: The refresh jobs: one key for the mentors' scopes and one for peers, so a burst of changes runs one job.
MENTORS_JOB, PEERS_JOB = "suggestions:mentors", "suggestions:peers"
REFRESH_TASK = "refresh_suggestions"
COMMUNITY = slot_scope(None)


async def suggestions_stale(
    session: AsyncSession,
    queue: Queue | None,
    *,
    programs: Iterable[UUID | None] = (),
    people: Iterable[UUID] = (),
    relationships: Iterable[UUID | None] = (),
) -> None:
    """Mark the scopes of these programs, people or relationships' members stale, and queue a refresh.

    Call it after the change is committed, so the refresh reads it. A person's scopes are her
    programs, the community's and the peers'; a program's change touches the community's too,
    whose mentees are the people in no program.
    """
    scopes = {slot_scope(p) for p in programs}
    people = set(people)
    wanted = [r for r in relationships if r is not None]
    if wanted:
        members = await session.execute(
            select(RelationshipMember.profile_id).where(RelationshipMember.relationship_id.in_(wanted))
        )
        people |= set(members.scalars())
    if people:
        found = await session.execute(
            select(ProgramMembership.program_id).where(
                ProgramMembership.profile_id.in_(people), ProgramMembership.status == MembershipStatus.ACTIVE
            )
        )
        scopes |= {slot_scope(p) for p in found.scalars()} | {PEER_SCOPE}
    if not scopes:
        return
    scopes.add(COMMUNITY)
    await mark_stale(session, scopes)
    await request_refresh(queue, peers=PEER_SCOPE in scopes, mentors=bool(scopes - {PEER_SCOPE}))


async def mark_stale(session: AsyncSession, scopes: set[str]) -> None:
    """Set these scopes' stale time to now (a scope never built gets its row), and commit."""
    now = datetime.now(UTC)
    # One upsert, in scope order: people saving at once on a new database all create the same
    # scope rows, and checking first then inserting made all but one of them fail; the fixed
    # order makes concurrent upserts wait for each other instead of deadlocking.
    statement = dialect_insert(session, SuggestionScope).values(
        [{"id": uuid4(), "scope": scope, "stale_since": now} for scope in sorted(scopes)]
    )
    await session.execute(
        statement.on_conflict_do_update(index_elements=[SuggestionScope.scope], set_={"stale_since": now})
    )
    await session.commit()


async def request_refresh(queue: Queue | None, *, mentors: bool = True, peers: bool = True) -> None:
    """Queue the refresh jobs (a job already waiting or running with the same key takes this one in)."""
    if queue is None:
        return
    for wanted, key, kind in ((mentors, MENTORS_JOB, "mentors"), (peers, PEERS_JOB, "peers")):
        if wanted:
            await queue.enqueue(
                REFRESH_TASK, key=key, kind=kind, timeout=1800, retries=2, heartbeat=60, ttl=600
            )


async def every_list_stale(session: AsyncSession, queue: Queue | None) -> None:
    """Mark every scope stale (the topic catalog changed: everyone's goals read anew) and queue refreshes."""
    # Digests are dropped too: the refresh reads everyone's goals anew, so it rebuilds every list.
    await session.execute(update(SuggestionScope).values(stale_since=datetime.now(UTC), digests=None))
    await session.commit()
    await request_refresh(queue)
