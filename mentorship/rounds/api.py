"""JSON API for matching rounds (coordinators)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

import msgspec
from litestar import Controller, Request, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, QueryParameter

from mentorship.accounts.auth import COORDINATOR, coordinator
from mentorship.config import Settings
from mentorship.lib.keyset import decode
from mentorship.lib.reasons import read_reasons, reasons_text
from mentorship.models import MemberRole, Proposal, Round, User
from mentorship.rounds.deps import provide_rounds, start_round
from mentorship.rounds.forms import RoundIn
from mentorship.rounds.pages import (
    MAX_PAIRINGS,
    PAIRINGS_PER_PAGE,
    ROUNDS_PER_PAGE,
    RoundListing,
    pairings,
)
from mentorship.rounds.preview import round_sums, summed_figures
from mentorship.rounds.services import RoundService


class RoundOut(msgspec.Struct):
    """A round: options, progress and, once computed, its summary."""

    id: UUID
    kind: str
    status: str
    options: dict[str, Any]
    progress: float
    stage: str
    error: str
    created_at: datetime
    published_at: datetime | None
    summary: dict[str, Any]
    # The program's slug and name; empty for a round over the whole community.
    program: str = ""
    program_name: str = ""
    # In a list: pass it as ``before`` for the rounds older than this one.
    cursor: str = ""


class MemberOut(msgspec.Struct):
    """One person in a proposal."""

    profile_id: UUID
    name: str
    role: str
    response: str


class ProposalOut(msgspec.Struct):
    """A proposal of a round."""

    id: UUID
    kind: str
    status: str
    score: float
    # In the request's language; ``reason_codes`` holds the same reasons as data.
    reasons: list[str]
    members: list[MemberOut]
    reason_codes: list[dict[str, Any]] = []


class RoundDetail(msgspec.Struct):
    """A round, a page of its proposals (best first), its figures as edited (the summary keeps the run's).

    ``page`` of ``pages``, ``limit`` proposals a page of ``total_proposals``; ``next_page`` null on the last.
    """

    round: RoundOut
    proposals: list[ProposalOut]
    figures: dict[str, Any]
    page: int = 1
    pages: int = 1
    limit: int = PAIRINGS_PER_PAGE
    total_proposals: int = 0
    next_page: int | None = None


class Published(msgspec.Struct):
    """What publishing did."""

    opened: int


def round_out(found: Round, *, with_alternatives: bool = False) -> RoundOut:
    summary = dict(found.summary or {})
    if not with_alternatives:
        summary.pop("alternatives", None)
    return RoundOut(
        id=found.id,
        kind=found.kind.value,
        status=found.status.value,
        options=found.options,
        progress=found.progress,
        stage=found.stage,
        error=found.error,
        created_at=found.created_at,
        published_at=found.published_at,
        summary=summary,
        program=found.program.slug if found.program is not None else "",
        program_name=found.program.name if found.program is not None else "",
    )


def listed_out(listed: RoundListing) -> RoundOut:
    return RoundOut(
        id=listed.id,
        kind=listed.kind.value,
        status=listed.status.value,
        options=listed.options,
        progress=listed.progress,
        stage=listed.stage,
        error=listed.error,
        created_at=listed.created_at,
        published_at=listed.published_at,
        summary={} if listed.proposals is None else {"proposals": listed.proposals},
        program=listed.program_slug,
        program_name=listed.program_name,
        cursor=listed.cursor,
    )


async def proposals_out(rounds: RoundService, proposals: list[Proposal]) -> list[ProposalOut]:
    people = await rounds.named({m.profile_id for p in proposals for m in p.members})
    names = {str(profile_id): person.name for profile_id, person in people.items()}
    return [
        ProposalOut(
            id=p.id,
            kind=p.kind.value,
            status=p.status.value,
            score=p.score,
            # Coordinators' preview: reasons about private answers are theirs to read.
            reasons=reasons_text(p.reasons, names, private=True),
            reason_codes=[dict(r) for r in read_reasons(p.reasons, private=True)],
            members=[
                MemberOut(m.profile_id, people[m.profile_id].name, m.role.value, m.response.value)
                for m in sorted(p.members, key=lambda m: m.role is not MemberRole.MENTOR)
            ],
        )
        for p in proposals
    ]


class RoundApiController(Controller):
    """Rounds as JSON."""

    path = "/api/v1/rounds"
    tags = ["rounds"]
    guards = [coordinator]
    opt = COORDINATOR
    dependencies = {"rounds": Provide(provide_rounds)}

    @get("/", name="api:rounds")
    async def list_rounds(
        self,
        rounds: NamedDependency[RoundService],
        before: Annotated[str, QueryParameter(max_length=200)] = "",
        limit: Annotated[int, QueryParameter(ge=1, le=ROUNDS_PER_PAGE)] = ROUNDS_PER_PAGE,
    ) -> list[RoundOut]:
        """Rounds newest first, ``limit`` at a time; ``before=<the last one's cursor>`` gives the older ones.

        A listed round's summary holds only its count of proposals: the round's own address has the rest.
        """
        return [listed_out(r) for r in await rounds.all(decode(before, "before"), limit)]

    @post("/", name="api:rounds:create", status_code=202)
    async def create(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[RoundIn],
        rounds: NamedDependency[RoundService],
        me: NamedDependency[User],
    ) -> RoundOut:
        """Start a round in the background; poll it for progress."""
        return round_out(await start_round(request, rounds, me, data.checked()))

    @get("/{round_id:uuid}", name="api:round")
    async def detail(
        self,
        round_id: FromPath[UUID],
        rounds: NamedDependency[RoundService],
        page: Annotated[int, QueryParameter(ge=1, le=1_000_000)] = 1,
        limit: Annotated[int, QueryParameter(ge=1, le=MAX_PAIRINGS)] = PAIRINGS_PER_PAGE,
    ) -> RoundDetail:
        """A round, its summary, its figures and a page of its proposals (``page``, ``limit`` a page)."""
        found = await rounds.get(round_id)
        sums = await round_sums(rounds, found)
        shown = await pairings(rounds.session, round_id, page, limit, int(sums["every"]))
        numbers = summed_figures(found, sums)
        return RoundDetail(
            round_out(found),
            await proposals_out(rounds, shown.items),
            numbers,
            page=shown.page,
            pages=shown.pages,
            limit=limit,
            total_proposals=shown.total,
            next_page=shown.page + 1 if shown.page < shown.pages else None,
        )

    @post("/{round_id:uuid}/publish", name="api:round:publish", status_code=200)
    async def publish(
        self,
        me: NamedDependency[User],
        round_id: FromPath[UUID],
        rounds: NamedDependency[RoundService],
        settings: NamedDependency[Settings],
    ) -> Published:
        """Open the round's proposals to the people in them."""
        await rounds.get(round_id)
        return Published(await rounds.publish(round_id, me, settings.proposal_expiry_days))

    @post("/{round_id:uuid}/proposals/{proposal_id:uuid}/remove", name="api:round:remove", status_code=200)
    async def remove(
        self,
        me: NamedDependency[User],
        round_id: FromPath[UUID],
        proposal_id: FromPath[UUID],
        rounds: NamedDependency[RoundService],
    ) -> ProposalOut:
        """Take a proposal out of an unpublished round."""
        proposal = await rounds.remove(round_id, proposal_id, me)
        return (await proposals_out(rounds, [proposal]))[0]
