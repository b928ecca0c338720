"""Profile pages: my profile, the registration steps, someone else's profile."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from mentorship.accounts.auth import SIGNED_IN, signed_in
from mentorship.engine.stale import suggestions_stale
from mentorship.jobs import job_queue
from mentorship.lib.flash import flash
from mentorship.lib.i18n import _
from mentorship.models import User
from mentorship.profiles import options
from mentorship.profiles.deps import provide_profiles
from mentorship.profiles.formvalues import from_submission, from_view
from mentorship.profiles.schemas import PARSERS, STEP_SLUGS, STEPS
from mentorship.profiles.services import ProfileService, completeness
from mentorship.profiles.views import Audience, profile_view


def next_step(slug: str, is_mentor: bool) -> str | None:
    """The step after this one; mentors-only steps are skipped for mentees."""
    index = STEP_SLUGS.index(slug) + 1
    while index < len(STEP_SLUGS) and STEP_SLUGS[index] == "mentoring" and not is_mentor:
        index += 1
    return STEP_SLUGS[index] if index < len(STEP_SLUGS) else None


class ProfileController(Controller):
    """A participant's own profile and its edit steps."""

    include_in_schema = False
    guards = [signed_in]
    opt = SIGNED_IN
    dependencies = {"profiles": Provide(provide_profiles)}

    @get("/profile", name="profile")
    async def mine(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        profiles: NamedDependency[ProfileService],
    ) -> Response[Any]:
        """My profile, its completeness, and who can see what."""
        profile = await profiles.own(me.id)
        if profile is None:
            return Redirect("/profile/edit/roles")
        return Template(
            "profiles/mine.html",
            context={
                "view": profile_view(profile, me, Audience.OWNER),
                "completeness": completeness(profile),
                "steps": STEPS,
                "options": options,
            },
        )

    @get("/profile/edit", name="profile:edit")
    async def edit_start(self) -> Redirect:
        """Start at the first step."""
        return Redirect("/profile/edit/roles")

    @get("/profile/edit/{step:str}", name="profile:step")
    async def edit_step(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        step: FromPath[str],
        profiles: NamedDependency[ProfileService],
    ) -> Template:
        """One step of the profile form, filled with what is saved."""
        if step not in PARSERS:
            raise NotFoundException()
        profile = await profiles.own(me.id)
        values = from_view(profile_view(profile, me, Audience.OWNER) if profile else None)
        return await self._render_step(profiles, step, values, {}, profile.is_mentor if profile else True)

    @post("/profile/edit/{step:str}", name="profile:step:save", status_code=303)
    async def save_step(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        step: FromPath[str],
        profiles: NamedDependency[ProfileService],
    ) -> Response[Any]:
        """Validate and save one step, then go to the next."""
        if step not in PARSERS:
            raise NotFoundException()
        form = await request.form()
        data = {key: form.getall(key) for key in form}
        result = PARSERS[step](data)
        if result.errors:
            # The steps shown around the error are this person's: a mentee never sees mentor-only ones.
            saved = await profiles.own(me.id)
            is_mentor = (
                "mentor" in data.get("roles", []) if step == "roles" else saved is None or saved.is_mentor
            )
            return await self._render_step(
                profiles, step, from_submission(data), result.errors, is_mentor, status_code=400
            )
        profile = await profiles.save(me.id, result.values)
        await suggestions_stale(profiles.session, await job_queue(request.app), people=[profile.id])
        following = next_step(step, profile.is_mentor)
        if following is None or data.get("finish"):
            flash(request, _("Your profile is saved."), "success")
            return Redirect("/profile", status_code=303)
        return Redirect(f"/profile/edit/{following}", status_code=303)

    async def _render_step(
        self,
        profiles: ProfileService,
        step: str,
        values: Any,
        errors: dict[str, str],
        is_mentor: bool,
        status_code: int = 200,
    ) -> Template:
        return Template(
            "profiles/edit.html",
            status_code=status_code,
            context={
                "step": next(s for s in STEPS if s.slug == step),
                "steps": STEPS,
                "values": values,
                "errors": errors,
                "is_mentor": is_mentor,
                "options": options,
                "topics": await profiles.topic_choices(),
                "position": STEP_SLUGS.index(step) + 1,
            },
        )

    @get("/profiles/{profile_id:uuid}", name="profiles:detail")
    async def detail(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        profile_id: FromPath[UUID],
        profiles: NamedDependency[ProfileService],
    ) -> Template:
        """Someone's profile, as much of it as the viewer may see (404 when nothing)."""
        view = await profiles.view(me, profile_id)
        return Template("profiles/detail.html", context={"view": view, "options": options})
