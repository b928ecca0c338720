"""Coordinators' matching rounds: start one, watch it run, preview, edit, compare and publish."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, QueryParameter
from litestar.plugins.htmx import HTMXRequest
from litestar.response import Redirect, Template

from mentorship.accounts.auth import COORDINATOR, coordinator
from mentorship.config import Settings
from mentorship.lib.confirm import confirmation_page
from mentorship.lib.flash import flash
from mentorship.lib.i18n import _
from mentorship.lib.keyset import decode
from mentorship.models import Kind, RoundStatus, User
from mentorship.rounds.deps import provide_rounds, start_round
from mentorship.rounds.forms import RoundIn, RoundInvalid
from mentorship.rounds.pages import ROUNDS_PER_PAGE
from mentorship.rounds.preview import discarding, preview_context, publishing
from mentorship.rounds.services import RoundError, RoundNotFound, RoundService


async def _rounds_page(
    rounds: RoundService,
    values: dict[str, Any],
    errors: dict[str, str] | None = None,
    chosen: dict[str, str] | None = None,
    before: str = "",
) -> Template:
    """The rounds page: the form (with what was typed) and past rounds (with the rounds chosen to compare)."""
    if not values:
        values = {"kind": "traditional", "group_min": 3, "group_max": 6}
    listed = await rounds.all(decode(before, "before"), ROUNDS_PER_PAGE + 1)
    return Template(
        "rounds/index.html",
        status_code=400 if errors else 200,
        context={
            "rounds": listed[:ROUNDS_PER_PAGE],
            "older": listed[ROUNDS_PER_PAGE - 1].cursor if len(listed) > ROUNDS_PER_PAGE else "",
            "paged": bool(before),
            "values": values,
            "errors": errors or {},
            "chosen": chosen or {},
            "kinds": list(Kind),
            "programs": await rounds.programs(),
        },
    )


class RoundController(Controller):
    """The rounds pages."""

    path = "/rounds"
    include_in_schema = False
    guards = [coordinator]
    opt = COORDINATOR
    dependencies = {"rounds": Provide(provide_rounds)}

    @get("/", name="rounds")
    async def index(
        self,
        rounds: NamedDependency[RoundService],
        again: FromQuery[str] = "",
        before: Annotated[str, QueryParameter(max_length=200)] = "",
    ) -> Template:
        """Past rounds, newest first a page at a time, and the form to start one (or re-run one)."""
        values: dict[str, Any] = {"kind": "traditional", "group_min": 3, "group_max": 6}
        if again:
            try:
                earlier = await rounds.get(UUID(again))
            except (ValueError, RoundNotFound):
                earlier = None
            if earlier is not None:
                values = {"kind": earlier.kind.value, **earlier.options}
                values["program"] = earlier.program.slug if earlier.program is not None else ""
                values["exclude"] = "\n".join(", ".join(pair) for pair in earlier.options.get("exclude", []))
        return await _rounds_page(rounds, values, before=before)

    @post("/", name="rounds:create", status_code=303)
    async def create(
        self,
        request: Request[Any, Any, Any],
        rounds: NamedDependency[RoundService],
        me: NamedDependency[User],
    ) -> Response[Any]:
        """Start a round in the background."""
        form = await request.form()
        data = {key: form.get(key) for key in form}
        try:
            options = RoundIn.from_form(data).checked()
            started = await start_round(request, rounds, me, options)
        except RoundInvalid as exc:  # the form's rules, then the program's (its kinds)
            return await _rounds_page(rounds, data, errors=exc.errors)
        return Redirect(f"/rounds/{started.id}", status_code=303)

    @get("/compare", name="rounds:compare")
    async def compare(
        self, rounds: NamedDependency[RoundService], first: FromQuery[str] = "", second: FromQuery[str] = ""
    ) -> Template:
        """Two rounds side by side; without two different rounds, the rounds page says what to choose."""
        try:
            comparison = await rounds.compare(UUID(first), UUID(second))
        except ValueError:
            error = _("Choose two rounds to compare: one as A and one as B.")
        except RoundNotFound:
            error = _("One of those rounds no longer exists. Choose two rounds to compare.")
        except RoundError as exc:
            error = str(exc)
        else:
            return Template("rounds/compare.html", context=comparison)
        chosen = {"first": first, "second": second}
        return await _rounds_page(rounds, {}, errors={"compare": error}, chosen=chosen)

    @get("/{round_id:uuid}", name="rounds:detail")
    async def detail(
        self,
        request: HTMXRequest,
        round_id: FromPath[UUID],
        rounds: NamedDependency[RoundService],
        settings: NamedDependency[Settings],
        page: Annotated[int, QueryParameter(ge=1, le=1_000_000)] = 1,
    ) -> Template:
        """Progress while it runs; then the preview to edit and publish, its pairings a page at a time."""
        found = await rounds.get(round_id)
        context = await preview_context(rounds, found, page)
        if request.htmx and request.query_params.get("part") == "progress":
            if found.status in (RoundStatus.QUEUED, RoundStatus.RUNNING):
                return Template("rounds/_progress.html", context=context)
            # Finished: reload the whole page so the preview appears.
            return Template("rounds/_progress.html", context=context, headers={"HX-Refresh": "true"})
        return Template(
            "rounds/detail.html", context=context | {"expiry_days": settings.proposal_expiry_days}
        )

    @post("/{round_id:uuid}/proposals/{proposal_id:uuid}/remove", name="rounds:remove", status_code=303)
    async def remove(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        round_id: FromPath[UUID],
        proposal_id: FromPath[UUID],
        rounds: NamedDependency[RoundService],
    ) -> Response[Any]:
        """Take one pairing out before publishing."""
        await self._act(request, rounds.remove(round_id, proposal_id, me), _("Pairing removed."))
        return Redirect(f"/rounds/{round_id}#proposals", status_code=303)

    @post("/{round_id:uuid}/proposals/{proposal_id:uuid}/restore", name="rounds:restore", status_code=303)
    async def restore(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        round_id: FromPath[UUID],
        proposal_id: FromPath[UUID],
        rounds: NamedDependency[RoundService],
    ) -> Response[Any]:
        """Put a removed pairing back."""
        await self._act(request, rounds.restore(round_id, proposal_id, me), _("Pairing restored."))
        return Redirect(f"/rounds/{round_id}#proposals", status_code=303)

    @post("/{round_id:uuid}/proposals/{proposal_id:uuid}/swap", name="rounds:swap", status_code=303)
    async def swap(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        round_id: FromPath[UUID],
        proposal_id: FromPath[UUID],
        rounds: NamedDependency[RoundService],
    ) -> Response[Any]:
        """Give a mentee another fitting mentor."""
        raw = str((await request.form()).get("mentor", ""))
        try:
            mentor = UUID(raw)
        except ValueError:
            flash(request, _("Choose the mentor to swap in."), "error")
            return Redirect(f"/rounds/{round_id}#proposals", status_code=303)
        await self._act(request, rounds.swap(round_id, proposal_id, mentor, me), _("Mentor changed."))
        return Redirect(f"/rounds/{round_id}#proposals", status_code=303)

    @post("/{round_id:uuid}/proposals/{proposal_id:uuid}/move", name="rounds:move", status_code=303)
    async def move(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        round_id: FromPath[UUID],
        proposal_id: FromPath[UUID],
        rounds: NamedDependency[RoundService],
    ) -> Response[Any]:
        """Move a person of one group to another group."""
        form = await request.form()
        try:
            person, target = UUID(str(form.get("person", ""))), UUID(str(form.get("to", "")))
        except ValueError:
            flash(request, _("Choose who moves and the group they move to."), "error")
            return Redirect(f"/rounds/{round_id}#proposals", status_code=303)
        moving = rounds.move(round_id, proposal_id, person, target, me)
        await self._act(request, moving, _("Moved to the other group."))
        return Redirect(f"/rounds/{round_id}#proposals", status_code=303)

    @get("/{round_id:uuid}/publish", name="rounds:publish-confirm")
    async def confirm_publish(
        self,
        request: Request[Any, Any, Any],
        round_id: FromPath[UUID],
        rounds: NamedDependency[RoundService],
        settings: NamedDependency[Settings],
    ) -> Response[Any]:
        """Say how many proposals go to how many people, with the form that publishes them."""
        found = await rounds.get(round_id)
        if found.status is not RoundStatus.READY:
            flash(request, _("Only a finished, unpublished round can be published."), "info")
            return Redirect(f"/rounds/{round_id}", status_code=303)
        proposals = await rounds.proposals(round_id)
        return confirmation_page(publishing(found, proposals, settings.proposal_expiry_days))

    @post("/{round_id:uuid}/publish", name="rounds:publish", status_code=303)
    async def publish(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        round_id: FromPath[UUID],
        rounds: NamedDependency[RoundService],
        settings: NamedDependency[Settings],
    ) -> Response[Any]:
        """Open the proposals to the people in them."""
        try:
            opened = await rounds.publish(round_id, me, settings.proposal_expiry_days)
        except RoundError as exc:
            await rounds.session.rollback()
            flash(request, str(exc), "error")
            return Redirect(f"/rounds/{round_id}", status_code=303)
        flash(request, _("Published: {count} proposals sent.").format(count=opened), "success")
        return Redirect(f"/rounds/{round_id}", status_code=303)

    @get("/{round_id:uuid}/discard", name="rounds:discard-confirm")
    async def confirm_discard(
        self, request: Request[Any, Any, Any], round_id: FromPath[UUID], rounds: NamedDependency[RoundService]
    ) -> Response[Any]:
        """Say what discarding deletes, with the form that discards."""
        found = await rounds.get(round_id)
        if found.status in (RoundStatus.PUBLISHED, RoundStatus.DISCARDED):
            flash(request, _("A published or discarded round cannot be discarded."), "info")
            return Redirect(f"/rounds/{round_id}", status_code=303)
        return confirmation_page(discarding(found, len(await rounds.proposals(round_id))))

    @post("/{round_id:uuid}/discard", name="rounds:discard", status_code=303)
    async def discard(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        round_id: FromPath[UUID],
        rounds: NamedDependency[RoundService],
    ) -> Response[Any]:
        """Drop an unpublished round."""
        await self._act(request, rounds.discard(round_id, me), _("Round discarded."))
        return Redirect("/rounds", status_code=303)

    @staticmethod
    async def _act(request: Request[Any, Any, Any], action: Any, done: str) -> None:
        try:
            await action
        except RoundError as exc:
            flash(request, str(exc), "error")
            return
        flash(request, done, "success")
