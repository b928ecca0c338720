"""Participants' pages: my proposals and requests, answering them, instant suggestions."""

from __future__ import annotations

from typing import Any, cast
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from mentorship.accounts.auth import SIGNED_IN, provide_me, signed_in
from mentorship.config import Settings
from mentorship.jobs import job_queue
from mentorship.lib.flash import flash
from mentorship.lib.htmx import is_fragment_request
from mentorship.lib.i18n import _
from mentorship.models import MemberRole, Profile, ProposalSource, ProposalStatus, User
from mentorship.profiles import options
from mentorship.profiles.views import Audience, profile_view
from mentorship.proposals.deps import provide_proposals
from mentorship.proposals.services import (
    MESSAGE_LIMIT,
    ProposalConflict,
    ProposalNotFound,
    ProposalService,
    RequestInvalid,
)
from mentorship.proposals.suggestions import (
    MentorSuggestion,
    PeerSuggestions,
    fit_of,
    suggest_by_program,
    suggest_peers_for,
)

NO_PEERS = PeerSuggestions()


def describe(proposal: Any, people: dict[UUID, Profile], me: Profile | None) -> dict[str, Any]:
    """A proposal as its members see it: the others' public profiles, my answer, the reasons."""
    profile_id = me.id if me is not None else None
    others = [
        {
            "role": m.role.value,
            "response": m.response.value,
            "view": profile_view(people[m.profile_id], people[m.profile_id].user, Audience.MATCHED),
            "profile_id": m.profile_id,
        }
        for m in proposal.members
        if m.profile_id != profile_id
    ]
    return {
        "proposal": proposal,
        "mine": proposal.member_of(profile_id),
        "others": others,
        "can_answer": proposal.can_answer(profile_id),
        "can_withdraw": proposal.can_withdraw(profile_id),
        "i_asked": proposal.asked_by(profile_id),
    }


class ProposalController(Controller):
    """Proposals, requests and suggestions for the signed-in person."""

    include_in_schema = False
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"proposals": Provide(provide_proposals)}

    @get("/proposals", name="proposals")
    async def index(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        proposals: NamedDependency[ProposalService],
    ) -> Template:
        """My proposals and requests: open ones first."""
        profile_id = await proposals.profile_id_of(me)
        mine = await proposals.mine(me)
        people = await proposals.people_of(mine)  # mine among them: no second read of my profile
        profile = people.get(profile_id) if profile_id is not None else None
        items = [describe(proposal, people, profile) for proposal in mine]
        items.sort(key=lambda item: item["proposal"].status is not ProposalStatus.OPEN)
        return Template(
            "proposals/index.html", context={"items": items, "has_profile": profile_id is not None}
        )

    @get("/proposals/{proposal_id:uuid}", name="proposals:detail")
    async def detail(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        proposal_id: FromPath[UUID],
        proposals: NamedDependency[ProposalService],
        settings: NamedDependency[Settings],
    ) -> Template:
        """One proposal with the other people's public profiles and the reasons."""
        proposal = await proposals.get(me, proposal_id)
        people = await proposals.people(proposal)
        profile_id = await proposals.profile_id_of(me)
        item = describe(proposal, people, people.get(profile_id) if profile_id is not None else None)
        return Template(
            "proposals/detail.html",
            context={
                "item": item,
                "options": options,
                "program": await proposals.program_of(proposal),
                "request_fit": await _request_fit(proposals, item, people, settings.load_threshold),
            },
        )

    @post("/proposals/{proposal_id:uuid}/accept", name="proposals:accept", status_code=303)
    async def accept(
        self,
        request: Request[Any, Any, Any],
        proposal_id: FromPath[UUID],
        proposals: NamedDependency[ProposalService],
    ) -> Response[Any]:
        """Say yes."""
        return await self._answer(request, proposals, proposal_id, True)

    @get("/proposals/{proposal_id:uuid}/decline", name="proposals:decline-page")
    async def decline_page(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        proposal_id: FromPath[UUID],
        proposals: NamedDependency[ProposalService],
    ) -> Response[Any]:
        """Decline asked once more: it is for good, so this page says so above the real form."""
        proposal = await proposals.get(me, proposal_id)
        item = describe(proposal, await proposals.people(proposal), await proposals.profile_of(me))
        if not item["can_answer"]:
            return Redirect(f"/proposals/{proposal_id}", status_code=303)
        return Template("proposals/decline.html", context={"item": item})

    @post("/proposals/{proposal_id:uuid}/decline", name="proposals:decline", status_code=303)
    async def decline(
        self,
        request: Request[Any, Any, Any],
        proposal_id: FromPath[UUID],
        proposals: NamedDependency[ProposalService],
    ) -> Response[Any]:
        """Say no, with an optional reason for the coordinators."""
        return await self._answer(request, proposals, proposal_id, False)

    async def _answer(
        self, request: Request[Any, Any, Any], proposals: ProposalService, proposal_id: UUID, accept: bool
    ) -> Response[Any]:
        reason = str((await request.form()).get("reason", ""))
        try:
            answer = await proposals.respond(provide_me(request), proposal_id, accept, reason)
        except ProposalConflict as exc:
            flash(request, str(exc), "error")
            return Redirect(f"/proposals/{proposal_id}", status_code=303)
        if answer.relationship_id:
            flash(request, _("Everyone said yes: your relationship has started."), "success")
            return Redirect(f"/relationships/{answer.relationship_id}", status_code=303)
        flash(
            request,
            _("Thank you: your answer is saved.") if accept else _("You declined this proposal."),
            "success",
        )
        return Redirect(f"/proposals/{proposal_id}", status_code=303)

    @post("/proposals/{proposal_id:uuid}/withdraw", name="proposals:withdraw", status_code=303)
    async def withdraw(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        proposal_id: FromPath[UUID],
        proposals: NamedDependency[ProposalService],
    ) -> Response[Any]:
        """Take back my request."""
        try:
            await proposals.withdraw(me, proposal_id)
        except ProposalConflict as exc:
            flash(request, str(exc), "error")
            return Redirect(f"/proposals/{proposal_id}", status_code=303)
        flash(request, _("Your request is withdrawn."), "success")
        return Redirect("/proposals", status_code=303)

    @get("/suggestions", name="suggestions")
    async def suggestions(
        self,
        request: Request[Any, Any, Any],
        proposals: NamedDependency[ProposalService],
        settings: NamedDependency[Settings],
    ) -> Response[Any]:
        """The mentors who fit me best right now, to ask directly."""
        return await _suggestions_page(request, proposals, settings)

    @post("/requests", name="requests:create", status_code=303)
    async def request_mentor(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        proposals: NamedDependency[ProposalService],
        settings: NamedDependency[Settings],
    ) -> Response[Any]:
        """Ask a suggested mentor."""
        form = await request.form()
        message = str(form.get("message", ""))
        # Whatever goes wrong, the page comes back with what was typed.
        program = str(form.get("program", ""))[:80]
        typed = {"mentor": str(form.get("mentor", "")), "message": message, "program": program}
        try:
            mentor = UUID(str(form.get("mentor", "")))
            created = await proposals.request(
                me,
                mentor,
                message,
                settings.max_pending_requests,
                settings.proposal_expiry_days,
                settings.load_threshold,
                program,
            )
        except RequestInvalid as exc:
            # A program that does not fit is said where the mentor's form is, like any refusal.
            errors = {"mentor": exc.errors["program"]} if "program" in exc.errors else exc.errors
            return await _suggestions_page(request, proposals, settings, typed, errors)
        except (ValueError, ProposalNotFound):
            refused = {"mentor": _("Choose a mentor from the suggestions.")}
            return await _suggestions_page(request, proposals, settings, typed, refused)
        except ProposalConflict as exc:
            refused = {"mentor": str(exc)}
            return await _suggestions_page(request, proposals, settings, typed, refused, status_code=409)
        flash(request, _("Your request is sent. You will hear back here."), "success")
        return Redirect(f"/proposals/{created.id}", status_code=303)

    @get("/requests", name="requests:address")
    async def request_address(self) -> Redirect:
        """The request form's address opened or reloaded: back to the suggestions (never a 405)."""
        return Redirect("/suggestions", status_code=303)


async def _request_fit(
    proposals: ProposalService, item: dict[str, Any], people: dict[UUID, Profile], load_threshold: float
) -> MentorSuggestion | None:
    """For the mentor a request was sent to: how the mentee who asked fits them, when the engine can say."""
    proposal, mine = item["proposal"], item["mine"]
    if proposal.source is not ProposalSource.REQUEST or mine is None or mine.role is not MemberRole.MENTOR:
        return None
    mentee = next(m for m in proposal.members if m.role is MemberRole.MENTEE)
    return await fit_of(proposals.session, people[mentee.profile_id], people[mine.profile_id], load_threshold)


async def _suggestions_page(
    request: Request[Any, Any, Any],
    proposals: ProposalService,
    settings: Settings,
    typed: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status_code: int = 400,
) -> Response[Any]:
    """The suggestions page; after a refused request, with its errors and what was typed."""
    me = await proposals.profile_of(provide_me(request))
    if me is None:
        return Redirect("/profile/edit/roles")
    queue = await job_queue(request.app)
    lists = (
        await suggest_by_program(proposals.session, me, load_threshold=settings.load_threshold, queue=queue)
        if me.is_mentee
        else []
    )
    # Each program's list, with the public view of every mentor in it.
    groups = [
        (group, [(s, profile_view(s.profile, s.profile.user, Audience.MATCHED)) for s in group.found])
        for group in lists
    ]
    mentors = {g.mentoring: await proposals.mentor_name_in(g.mentoring) for g in lists if g.mentoring}
    asked = (typed or {}).get("mentor", "")
    asked_in = (typed or {}).get("program", "")
    asked_shown = any(
        str(s.profile.id) == asked and (group.program.slug if group.program else "") == asked_in
        for group, views in groups
        for s, _view in views
    )
    peer_lists = await suggest_peers_for(proposals.session, me, queue=queue) if "peer" in me.kinds else None
    peers = [
        (s, profile_view(s.profile, s.profile.user, Audience.MATCHED)) for s in (peer_lists or NO_PEERS).found
    ]
    # While a list is being prepared the page polls itself, and htmx swaps in only the list.
    partial = is_fragment_request(cast("HTMXRequest", request))
    return Template(
        "proposals/_suggestions.html" if partial else "proposals/suggestions.html",
        headers={"Vary": "HX-Request"},
        context={
            "me": me,
            "groups": groups,
            "mentors": mentors,
            "peers": peers,
            "preparing": any(g.preparing for g in lists) or bool(peer_lists and peer_lists.preparing),
            "peers_preparing": bool(peer_lists and peer_lists.preparing),
            "limit": settings.max_pending_requests,
            "options": options,
            # A refused request for a mentor no longer suggested is shown, with its message, on its own.
            "asked_shown": asked_shown,
            "asked_name": "" if asked_shown or not errors else await proposals.mentor_name(asked),
            "typed": typed or {},
            "errors": errors or {},
            "message_limit": MESSAGE_LIMIT,
        },
        status_code=status_code if errors else 200,
    )
