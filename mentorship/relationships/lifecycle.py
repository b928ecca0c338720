"""Pause, resume, cadence, completion with reflections, early ends and re-match requests.

Completing or ending releases capacity in the same transaction as the status change: the status
moves with a conditional UPDATE (only one of two concurrent requests wins), the mentor's
``mentee_load`` drops with ``... WHERE mentee_load > 0`` and the active slots are deleted, so the
mentee can be matched again and the mentor can take someone new.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any
from uuid import UUID

import msgspec
from sqlalchemy import delete, select, update

from mentorship.engine.stale import suggestions_stale
from mentorship.events.services import record
from mentorship.lib.confirm import Confirmation
from mentorship.lib.db import lock_in_order
from mentorship.lib.i18n import _
from mentorship.models import (
    ActiveSlot,
    Kind,
    MemberRole,
    Profile,
    Reflection,
    Relationship,
    RelationshipStatus,
    User,
)
from mentorship.profiles.options import SKILLS
from mentorship.relationships.access import (
    Access,
    RelationshipConflict,
    RelationshipInvalid,
    clean,
)

SKILL_KEYS = tuple(SKILLS)
MIN_CADENCE, MAX_CADENCE = 7, 90
MAX_PAUSE_DAYS = 366
LIVE = (RelationshipStatus.ACTIVE, RelationshipStatus.PAUSED)


class PauseIn(msgspec.Struct, forbid_unknown_fields=True):
    """Pause until a day, from the API or the form; ``checked`` is its one rule."""

    until: date

    @classmethod
    def from_form(cls, form: Mapping[str, Any]) -> PauseIn:
        """The form's date as typed; RelationshipInvalid when it is not a date."""
        try:
            return cls(date.fromisoformat(str(form.get("until") or "").strip()))
        except ValueError:
            raise RelationshipInvalid({"until": _("Enter the date to resume, like 2026-03-31.")}) from None

    def checked(self, today: date) -> date:
        """The resume date: after today, within a year."""
        if self.until <= today:
            raise RelationshipInvalid({"until": _("Choose a day after today.")})
        if self.until > today + timedelta(days=MAX_PAUSE_DAYS):
            raise RelationshipInvalid({"until": _("Pause for at most a year.")})
        return self.until


def _whole(raw: str) -> int:
    """A typed whole number, or 0 (refused by every rule here) for anything else, like '²' or huge ones."""
    return int(raw) if raw.isdecimal() and len(raw) < 10 else 0


def check_cadence(days: int) -> int:
    """The one cadence rule, for forms and the API alike: weekly to quarterly."""
    if not MIN_CADENCE <= days <= MAX_CADENCE:
        message = _("Enter a number of days from {low} to {high}.").format(low=MIN_CADENCE, high=MAX_CADENCE)
        raise RelationshipInvalid({"days": message})
    return days


def parse_cadence(data: Mapping[str, Any]) -> int:
    """Days between check-ins, as typed in the form."""
    raw = str(data.get("days") or "").strip()
    return check_cadence(_whole(raw))


def _rating(value: Any) -> int:
    """A rating as typed: its number, or 0 (refused by the rule) when it is not one."""
    return _whole(str(value).strip())


Rating = Annotated[int, msgspec.Meta(description="From 1 to 5.")]
Skills = Annotated[
    dict[str, Rating],
    msgspec.Meta(description="My rating now per skill, 1 to 5: " + ", ".join(SKILL_KEYS) + "."),
]


class ReflectionIn(msgspec.Struct, forbid_unknown_fields=True):
    """The closing reflection and an optional self-assessment, from the API or the form."""

    reflection: Annotated[str, msgspec.Meta(description="What changed for me, up to 4000 characters.")]
    self_assessment: Skills | None = None

    @classmethod
    def from_form(cls, form: Mapping[str, Any]) -> ReflectionIn:
        """The form's fields as typed: one ``skill_<key>`` field per skill, blank when not rated."""
        typed = {k: form.get(f"skill_{k}") for k in SKILL_KEYS}
        ratings = {k: _rating(v) for k, v in typed.items() if v not in (None, "")}
        return cls(str(form.get("reflection") or ""), ratings or None)

    def checked(self) -> tuple[str, dict[str, int] | None]:
        """The reflection and the ratings (1 to 5 per known skill); RelationshipInvalid by field."""
        errors: dict[str, str] = {}
        text = clean(self.reflection, 4001)
        if not text:
            errors["reflection"] = _("Write a few words about what changed for you.")
        elif len(text) > 4000:
            errors["reflection"] = _("Keep the reflection under 4000 characters.")
        ratings: dict[str, int] = {}
        for key, value in (self.self_assessment or {}).items():
            if key not in SKILL_KEYS or not 1 <= value <= 5:
                errors[f"skill_{key}" if key in SKILL_KEYS else "self_assessment"] = _("Rate from 1 to 5.")
                continue
            ratings[key] = value
        if errors:
            raise RelationshipInvalid(errors)
        return text, ratings or None


class EndIn(msgspec.Struct, forbid_unknown_fields=True):
    """Why a relationship ends early (coordinators only ever read it), from the API or the form."""

    reason: str

    @classmethod
    def from_form(cls, form: Mapping[str, Any]) -> EndIn:
        """The form's field as typed."""
        return cls(str(form.get("reason") or ""))

    def checked(self) -> str:
        """The reason as stored; RelationshipInvalid when empty or too long."""
        reason = clean(self.reason, 2001)
        if not reason:
            raise RelationshipInvalid(
                {"reason": _("Tell the coordinators briefly why; only they will read it.")}
            )
        if len(reason) > 2000:
            raise RelationshipInvalid({"reason": _("Keep the reason under 2000 characters.")})
        return reason


def names_together(names: list[str]) -> str:
    """'Ana', 'Ana and Ben', 'Ana, Ben and Cy'."""
    if len(names) < 2:
        return "".join(names)
    return _("{some} and {last}").format(some=", ".join(names[:-1]), last=names[-1])


def ending(relationship_id: UUID, names: list[str], by_member: bool) -> Confirmation:
    """What ending a relationship early does, said before it is done."""
    if by_member:
        told, reason = _("the others in it are told"), _("Your reason goes to the coordinators only.")
    else:
        told, reason = _("everyone in it is told"), _("The reason stays with the coordinators.")
    return Confirmation(
        title=_("End this relationship early?"),
        effects=(
            _("It ends now: check-ins and reminders stop, and {told}.").format(told=told),
            _("Their places are freed: each of them can be matched with someone new."),
            # Rounds, suggestions and requests leave out every pair that was ever in a relationship.
            _(
                "{names} will not be paired again: no matching round proposes them to each other, "
                "and they are not suggested to each other."
            ).format(names=names_together(names)),
            reason,
        ),
        action=f"/relationships/{relationship_id}/end",
        button=_("End the relationship"),
        cancel=f"/relationships/{relationship_id}",
        danger=True,
    )


class LifecycleActions(Access):
    """State changes of a relationship; each is recorded as an event and told to the others."""

    async def _move(
        self, relationship_id: UUID, from_: tuple[RelationshipStatus, ...], **values: Any
    ) -> None:
        """Change the row only if it is still in one of the expected states."""
        moved = await self.session.execute(
            update(Relationship)
            .where(Relationship.id == relationship_id, Relationship.status.in_(from_))
            .values(**values)
        )
        if moved.rowcount != 1:  # type: ignore[attr-defined]
            await self.session.rollback()
            raise RelationshipConflict(_("This relationship changed a moment ago; reload the page."))

    async def pause(self, user: User, relationship_id: UUID, until: date) -> None:
        """Pause until a date: no reminders meanwhile; it resumes by itself on that day."""
        relationship, _me = await self.member(user, relationship_id)
        await self._move(
            relationship_id,
            (RelationshipStatus.ACTIVE, RelationshipStatus.PAUSED),
            status=RelationshipStatus.PAUSED,
            paused_until=until,
        )
        record(
            self.session,
            "relationship.paused",
            "relationship",
            relationship_id,
            user.id,
            until=until.isoformat(),
        )
        await self.tell(
            relationship,
            user,
            _("{name} paused your mentoring relationship until {day}.").format(
                name=user.name, day=until.isoformat()
            ),
        )
        await self.session.commit()

    async def resume(self, user: User, relationship_id: UUID) -> None:
        """Resume a paused relationship now."""
        relationship, _me = await self.member(user, relationship_id)
        await self._move(
            relationship_id, (RelationshipStatus.PAUSED,), status=RelationshipStatus.ACTIVE, paused_until=None
        )
        record(self.session, "relationship.resumed", "relationship", relationship_id, user.id)
        await self.tell(
            relationship, user, _("{name} resumed your mentoring relationship.").format(name=user.name)
        )
        await self.session.commit()

    async def set_cadence(self, user: User, relationship_id: UUID, days: int) -> None:
        """Agree a new number of days between check-ins."""
        relationship, _me = await self.member(user, relationship_id)
        await self._move(relationship_id, LIVE, cadence_days=days)
        record(self.session, "relationship.cadence", "relationship", relationship_id, user.id, days=days)
        await self.tell(
            relationship,
            user,
            _("{name} set your check-ins to every {days} days.").format(name=user.name, days=days),
        )
        await self.session.commit()

    async def complete(
        self, user: User, relationship_id: UUID, text: str, after: dict[str, int] | None
    ) -> Reflection:
        """Close the relationship with my reflection, or add my reflection once someone closed it."""
        relationship, me = await self.member(user, relationship_id)
        if relationship.status is RelationshipStatus.ENDED:
            raise RelationshipConflict(_("This relationship ended early; there is nothing to complete."))
        existing = await self.session.scalar(
            select(Reflection.id).where(
                Reflection.relationship_id == relationship_id, Reflection.profile_id == me.profile_id
            )
        )
        if existing is not None:
            raise RelationshipConflict(_("You already wrote your closing reflection."))
        closing = relationship.is_live
        if closing:
            await self._lock_people(relationship)
            await self._move(
                relationship_id,
                LIVE,
                status=RelationshipStatus.COMPLETED,
                ended_at=datetime.now(UTC),
                paused_until=None,
            )
            await self._release(relationship)
        profile = await self.session.get(Profile, me.profile_id)
        assert profile is not None
        reflection = Reflection(
            relationship_id=relationship_id,
            profile_id=me.profile_id,
            text=text,
            self_assessment_before=dict(profile.self_assessment) if profile.self_assessment else None,
            self_assessment_after=after,
            created_at=datetime.now(UTC),
        )
        if after:
            profile.self_assessment = after  # the profile keeps the person's latest view of themselves
        self.session.add(reflection)
        await self.session.flush()
        if closing:
            record(self.session, "relationship.completed", "relationship", relationship_id, user.id)
            await self.tell(
                relationship,
                user,
                _("{name} completed your mentoring relationship. Add your closing reflection.").format(
                    name=user.name
                ),
            )
        record(self.session, "relationship.reflected", "relationship", relationship_id, user.id)
        await self.session.commit()
        await suggestions_stale(self.session, None, relationships=[relationship_id] if closing else [])
        return reflection

    async def end(self, user: User, relationship_id: UUID, reason: str) -> None:
        """End early; the reason goes to coordinators only. Members and coordinators may end."""
        relationship, me = await self.visible(user, relationship_id)
        await self._lock_people(relationship)
        await self._move(
            relationship_id,
            LIVE,
            status=RelationshipStatus.ENDED,
            ended_at=datetime.now(UTC),
            paused_until=None,
            end_reason=reason,
        )
        await self._release(relationship)
        # The reason stays on the relationship, shown to coordinators only; the history says who ended it.
        record(
            self.session,
            "relationship.ended",
            "relationship",
            relationship_id,
            user.id,
            by_member=me is not None,
        )
        await self.tell(relationship, user, _("Your mentoring relationship has ended."))
        if me is not None:
            ids = [member.profile_id for member in relationship.members]
            names = (
                await self.session.execute(
                    select(User.name).join(Profile, Profile.user_id == User.id).where(Profile.id.in_(ids))
                )
            ).scalars()
            await self.tell_coordinators(
                _("The mentoring of {names} ended early; the reason is on its page.").format(
                    names=names_together(sorted(names))
                ),
                f"/relationships/{relationship_id}",
            )
        await self.session.commit()
        await suggestions_stale(self.session, None, relationships=[relationship_id])

    async def rematch(self, user: User, relationship_id: UUID) -> None:
        """Ask the coordinators for a different match."""
        relationship, _me = await self.member(user, relationship_id)
        if not relationship.is_live:
            raise RelationshipConflict(
                _("This relationship has closed; you can be matched again in the next round.")
            )
        await self._move(relationship_id, LIVE, rematch_requested=True)
        record(self.session, "relationship.rematch_requested", "relationship", relationship_id, user.id)
        await self.tell_coordinators(
            _("{name} asks for a re-match.").format(name=user.name), f"/relationships/{relationship_id}"
        )
        await self.session.commit()

    async def _lock_people(self, relationship: Relationship) -> None:
        """Lock the members' profiles first, in the order answering a proposal does, so neither deadlocks."""
        await lock_in_order(self.session, Profile, [member.profile_id for member in relationship.members])

    async def _release(self, relationship: Relationship) -> None:
        """Give the places back: the mentor's load for one-to-one mentoring, everyone's active slot."""
        if relationship.kind is Kind.TRADITIONAL:
            for mentor in relationship.members:
                if mentor.role is MemberRole.MENTOR:
                    await self.session.execute(
                        update(Profile)
                        .where(Profile.id == mentor.profile_id, Profile.mentee_load > 0)
                        .values(mentee_load=Profile.mentee_load - 1)
                    )
        await self.session.execute(delete(ActiveSlot).where(ActiveSlot.relationship_id == relationship.id))
