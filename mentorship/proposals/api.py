"""JSON API for my proposals, requests and instant suggestions."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import ClientException
from litestar.params import FromPath, JSONBody, Parameter

from mentorship.accounts.auth import SIGNED_IN, provide_me, signed_in
from mentorship.config import Settings
from mentorship.jobs import job_queue
from mentorship.lib.reasons import read_reasons, reasons_text
from mentorship.models import Profile, Program, Proposal, User
from mentorship.profiles.views import Audience, ProfileView, profile_view
from mentorship.proposals.deps import provide_proposals
from mentorship.proposals.services import (
    MESSAGE_LIMIT,
    ProposalService,
)
from mentorship.proposals.suggestions import MentorSuggestion, suggest_by_program, suggest_peers_for


class Member(msgspec.Struct):
    """Someone in a proposal, with their public profile."""

    role: str
    response: str
    profile: ProfileView


class ProposalOut(msgspec.Struct):
    """A proposal or request as one of its members sees it."""

    id: UUID
    kind: str
    source: str
    status: str
    score: float
    # In the request's language; ``reason_codes`` holds the same reasons as data.
    reasons: list[str]
    message: str
    expires_at: datetime | None
    my_response: str
    others: list[Member]
    relationship_id: UUID | None = None
    reason_codes: list[dict[str, Any]] = []
    # The program it was made in; empty for one over the whole community.
    program_slug: str = ""


class AnswerIn(msgspec.Struct, forbid_unknown_fields=True):
    """An optional reason, shared with coordinators only."""

    reason: Annotated[str, msgspec.Meta(max_length=1000)] = ""


class RequestIn(msgspec.Struct, forbid_unknown_fields=True):
    """Ask a mentor directly."""

    mentor_profile_id: UUID
    message: Annotated[str, msgspec.Meta(max_length=MESSAGE_LIMIT)] = ""
    # The program's slug; needed only when the mentee and the mentor share several.
    program: Annotated[str, msgspec.Meta(max_length=80)] = ""


class SuggestionOut(msgspec.Struct):
    """A mentor (or, for people who chose peer mentoring, a peer) who fits, with reasons."""

    score: float
    reasons: list[str]
    profile: ProfileView
    kind: Literal["mentor", "peer"] = "mentor"
    reason_codes: list[dict[str, Any]] = []
    # The program a mentor is suggested in (ask them with this slug); empty outside programs.
    program_slug: str = ""


def _suggestion(found: MentorSuggestion, kind: Literal["mentor", "peer"], program: str = "") -> SuggestionOut:
    view = profile_view(found.profile, found.profile.user, Audience.MATCHED)
    names = {str(found.profile.id): view.name}
    codes = [dict(r) for r in read_reasons(found.reasons)]
    return SuggestionOut(found.score, reasons_text(found.reasons, names), view, kind, codes, program)


class Conflict(ClientException):
    """409: the answer or request cannot be taken now."""

    status_code = 409


async def _out(
    proposals: ProposalService, user: User, proposal: Proposal, relationship_id: UUID | None = None
) -> ProposalOut:
    return (await _outs(proposals, user, [proposal], relationship_id))[0]


async def _outs(
    proposals: ProposalService, user: User, found: list[Proposal], relationship_id: UUID | None = None
) -> list[ProposalOut]:
    """Proposals as JSON, their people and programs read together (a list shows many)."""
    people = await proposals.people_of(found)
    me = await proposals.profile_id_of(user)
    programs = await proposals.programs_of(found)
    return [
        _shape(proposal, people, me, programs[p] if (p := proposal.program_id) else None, relationship_id)
        for proposal in found
    ]


def _shape(
    proposal: Proposal,
    people: dict[UUID, Profile],
    me: UUID | None,
    program: Program | None,
    relationship_id: UUID | None,
) -> ProposalOut:
    mine = proposal.member_of(me)
    return ProposalOut(
        id=proposal.id,
        kind=proposal.kind.value,
        source=proposal.source.value,
        status=proposal.status.value,
        score=proposal.score,
        reasons=reasons_text(proposal.reasons, {str(k): v.user.name for k, v in people.items()}),
        reason_codes=[dict(r) for r in read_reasons(proposal.reasons)],
        message=proposal.message,
        expires_at=proposal.expires_at,
        my_response=mine.response.value if mine else "",
        others=[
            Member(
                m.role.value,
                m.response.value,
                profile_view(people[m.profile_id], people[m.profile_id].user, Audience.MATCHED),
            )
            for m in proposal.members
            if mine is None or m.profile_id != mine.profile_id
        ],
        relationship_id=relationship_id,
        program_slug=program.slug if program is not None else "",
    )


class ProposalApiController(Controller):
    """Proposals, requests and suggestions as JSON."""

    path = "/api/v1"
    tags = ["proposals"]
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"proposals": Provide(provide_proposals)}

    @get("/proposals", name="api:proposals")
    async def mine(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        proposals: NamedDependency[ProposalService],
        program: Annotated[str, Parameter(max_length=80)] = "",
    ) -> list[ProposalOut]:
        """My published proposals and requests, newest first (``?program=<slug>``: in that program only)."""
        return await _outs(proposals, me, await proposals.mine(me, program))

    @get("/proposals/{proposal_id:uuid}", name="api:proposal")
    async def detail(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        proposal_id: FromPath[UUID],
        proposals: NamedDependency[ProposalService],
    ) -> ProposalOut:
        """One of my proposals (a 404 for anyone not in it)."""
        return await _out(proposals, me, await proposals.get(me, proposal_id))

    @post("/proposals/{proposal_id:uuid}/accept", name="api:proposal:accept", status_code=200)
    async def accept(
        self,
        request: Request[Any, Any, Any],
        proposal_id: FromPath[UUID],
        proposals: NamedDependency[ProposalService],
    ) -> ProposalOut:
        """Accept; the relationship starts when everyone needed has (409 with the reason when it cannot)."""
        return await self._answer(request, proposals, proposal_id, True, "")

    @post("/proposals/{proposal_id:uuid}/decline", name="api:proposal:decline", status_code=200)
    async def decline(
        self,
        request: Request[Any, Any, Any],
        proposal_id: FromPath[UUID],
        proposals: NamedDependency[ProposalService],
        data: JSONBody[AnswerIn | None] = None,
    ) -> ProposalOut:
        """Decline, with an optional reason for coordinators."""
        return await self._answer(request, proposals, proposal_id, False, data.reason if data else "")

    async def _answer(
        self,
        request: Request[Any, Any, Any],
        proposals: ProposalService,
        proposal_id: UUID,
        accept: bool,
        reason: str,
    ) -> ProposalOut:
        user = provide_me(request)
        answer = await proposals.respond(user, proposal_id, accept, reason)
        proposal = await proposals.get(user, proposal_id)
        return await _out(proposals, user, proposal, answer.relationship_id)

    @post("/requests", name="api:requests:create", status_code=201)
    async def request_mentor(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        data: JSONBody[RequestIn],
        proposals: NamedDependency[ProposalService],
        settings: NamedDependency[Settings],
    ) -> ProposalOut:
        """Ask a mentor directly (at most a few requests pending at once)."""
        created = await proposals.request(
            me,
            data.mentor_profile_id,
            data.message,
            settings.max_pending_requests,
            settings.proposal_expiry_days,
            settings.load_threshold,
            data.program,
        )
        return await _out(proposals, me, await proposals.get(me, created.id))

    @get("/suggestions", name="api:suggestions")
    async def suggestions(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        proposals: NamedDependency[ProposalService],
        settings: NamedDependency[Settings],
    ) -> Response[list[SuggestionOut]]:
        """The mentors with a free place who fit me best right now, then peers if I chose peer mentoring.

        202 with the ``Suggestions-Status: preparing`` header while her lists are being built.
        """
        profile = await proposals.profile_of(me)
        if profile is None or not profile.is_mentee:
            return Response([])
        queue = await job_queue(request.app)
        lists = await suggest_by_program(
            proposals.session, profile, load_threshold=settings.load_threshold, queue=queue
        )
        mentors = [
            _suggestion(s, "mentor", group.program.slug if group.program else "")
            for group in lists
            for s in group.found
        ]
        peers = (
            await suggest_peers_for(proposals.session, profile, queue=queue)
            if "peer" in profile.kinds
            else None
        )
        found = mentors + [_suggestion(s, "peer") for s in (peers.found if peers else [])]
        if any(g.preparing for g in lists) or (peers and peers.preparing):
            # Not ready for her yet (new here, or a refresh under way): 202, and when to ask again.
            return Response(
                found, status_code=202, headers={"Suggestions-Status": "preparing", "Retry-After": "5"}
            )
        return Response(found, headers={"Suggestions-Status": "ready"})
