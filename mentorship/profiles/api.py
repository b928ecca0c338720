"""JSON API for profiles, under the same visibility rules as the pages."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec
from litestar import Controller, Request, get, patch
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotFoundException, PermissionDeniedException, ValidationException
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from mentorship.accounts.auth import COORDINATOR, SIGNED_IN, coordinator, signed_in
from mentorship.engine.stale import suggestions_stale
from mentorship.jobs import job_queue
from mentorship.models import User
from mentorship.profiles.deps import provide_profiles
from mentorship.profiles.schemas import PARSERS, FormData
from mentorship.profiles.services import ProfileService, RosterFilters
from mentorship.profiles.views import Audience, ProfileView, profile_view

Text = Annotated[str, msgspec.Meta(max_length=4000)]
Tags = Annotated[list[Annotated[str, msgspec.Meta(max_length=80)]], msgspec.Meta(max_length=12)]


class ProfilePatch(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    """Fields to change on my profile; absent fields stay as they are."""

    is_mentor: bool | None = None
    is_mentee: bool | None = None
    kinds: list[Literal["traditional", "group", "peer"]] | None = None
    goals: Text | None = None
    experience: Text | None = None
    offers: Tags | None = None
    seeks: Tags | None = None
    languages: (
        Annotated[list[Annotated[str, msgspec.Meta(max_length=40)]], msgspec.Meta(max_length=10)] | None
    ) = None
    timezone: Annotated[str, msgspec.Meta(max_length=64)] | None = None
    checkin_cadence_days: int | None = None
    capacity: int | None = None
    away_from: date | None = None
    away_until: date | None = None
    away_note: Annotated[str, msgspec.Meta(max_length=500)] | None = None


class ProfilePage(msgspec.Struct):
    """A page of profiles."""

    items: list[ProfileView]
    total: int
    page: int
    pages: int


def _as_form(step: str, patch_: ProfilePatch, current: ProfileView) -> FormData:
    """Merge a patch over the current values in the shape the step parser reads."""
    merged: dict[str, Any] = msgspec.structs.asdict(current)
    merged.update({key: value for key, value in msgspec.structs.asdict(patch_).items() if value is not None})
    topics = {
        name: ", ".join(t if isinstance(t, str) else t.label for t in merged.get(name) or [])
        for name in ("offers", "seeks")
    }
    roles = [
        role
        for role, flag in (("mentor", merged.get("is_mentor")), ("mentee", merged.get("is_mentee")))
        if flag
    ]
    forms: dict[str, dict[str, list[str]]] = {
        "roles": {"roles": roles, "kinds": list(merged.get("kinds") or [])},
        "goals": {"goals": [merged.get("goals", "")], "experience": [merged.get("experience", "")]},
        "topics": {"offers": [topics["offers"]], "seeks": [topics["seeks"]]},
        "practical": {
            "languages": [", ".join(merged.get("languages") or [])],
            "timezone": [merged.get("timezone", "")],
            "checkin_cadence_days": [str(merged.get("checkin_cadence_days", ""))],
        },
        "mentoring": {
            "capacity": [str(merged.get("capacity", ""))],
            "away_from": [str(merged.get("away_from") or "")],
            "away_until": [str(merged.get("away_until") or "")],
            "away_note": [merged.get("away_note") or ""],
        },
    }
    return forms[step]


STEP_FIELDS = {
    "roles": {"is_mentor", "is_mentee", "kinds"},
    "goals": {"goals", "experience"},
    "topics": {"offers", "seeks"},
    "practical": {"languages", "timezone", "checkin_cadence_days"},
    "mentoring": {"capacity", "away_from", "away_until", "away_note"},
}


class ProfileApiController(Controller):
    """Profiles as JSON."""

    path = "/api/v1/profiles"
    tags = ["profiles"]
    dependencies = {"profiles": Provide(provide_profiles)}

    @get("/", name="api:profiles", guards=[coordinator], opt=COORDINATOR)
    async def list_profiles(
        self,
        profiles: NamedDependency[ProfileService],
        q: FromQuery[str] = "",
        role: FromQuery[Literal["", "mentor", "mentee"]] = "",
        kind: FromQuery[Literal["", "traditional", "group", "peer"]] = "",
        topic: FromQuery[str] = "",
        language: FromQuery[str] = "",
        away: FromQuery[Literal["", "yes", "no"]] = "",
        page: Annotated[int, QueryParameter(ge=1, le=100_000)] = 1,
        per_page: Annotated[int, QueryParameter(ge=1, le=200)] = 25,
    ) -> ProfilePage:
        """Participants, filtered and paginated (coordinators; private parts never included)."""
        result = await profiles.roster(
            RosterFilters(
                q=q[:100],
                role=role,
                kind=kind,
                topic=topic,
                language=language,
                away=away,
                page=page,
                per_page=per_page,
            )
        )
        items = [profile_view(profile, user, Audience.COORDINATOR) for user, profile in result.rows]
        return ProfilePage(items=items, total=result.total, page=result.page, pages=result.pages)

    @get("/mine", name="api:profile:mine", guards=[signed_in], opt=SIGNED_IN)
    async def mine(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        profiles: NamedDependency[ProfileService],
    ) -> ProfileView:
        """My own profile, private parts included (404 before I start one)."""
        profile = await profiles.own(me.id)
        if profile is None:
            raise NotFoundException("You have not started your profile yet.")
        return profile_view(profile, me, Audience.OWNER)

    @get("/{profile_id:uuid}", name="api:profile", guards=[signed_in], opt=SIGNED_IN)
    async def get_profile(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        profile_id: FromPath[UUID],
        profiles: NamedDependency[ProfileService],
    ) -> ProfileView:
        """A profile as the caller may see it; someone else's private profile is a 404."""
        return await profiles.view(me, profile_id)

    @patch("/{profile_id:uuid}", name="api:profile:update", guards=[signed_in], opt=SIGNED_IN)
    async def update_profile(
        self,
        me: NamedDependency[User],
        request: Request[Any, Any, Any],
        profile_id: FromPath[UUID],
        data: JSONBody[ProfilePatch],
        profiles: NamedDependency[ProfileService],
    ) -> ProfileView:
        """Change my own profile; errors name the failing field."""
        current = await profiles.view(me, profile_id)
        if current.audience != Audience.OWNER:
            raise PermissionDeniedException("Only the owner can change a profile.")
        given = {k for k, v in msgspec.structs.asdict(data).items() if v is not None}
        values: dict[str, Any] = {}
        errors: list[dict[str, str]] = []
        for step, fields in STEP_FIELDS.items():
            if given & fields:
                result = PARSERS[step](_as_form(step, data, current))
                errors += [{"key": key, "message": message} for key, message in result.errors.items()]
                values.update({k: v for k, v in result.values.items() if k in fields | {"languages"}})
        if errors:
            raise ValidationException("Invalid profile", extra=errors)
        saved = await profiles.save(me.id, values)
        await suggestions_stale(profiles.session, await job_queue(request.app), people=[saved.id])
        return profile_view(saved, me, Audience.OWNER)
