"""When a cohort's term is over, ask each live relationship, once, to complete with a closing check-in."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.events.services import record
from mentorship.lib.db import retrying
from mentorship.lib.errors import Conflict
from mentorship.lib.i18n import _
from mentorship.models import (
    Checkin,
    CheckinStatus,
    CheckinTemplate,
    Event,
    Profile,
    Program,
    Relationship,
    RelationshipMember,
    TemplateKind,
    User,
)
from mentorship.notifications.services import notify_once
from mentorship.programs.services import ProgramService

ASKED = "cohort.closing_requested"
# The closing check-in lands a week on, at a working hour, so both people can still move it.
CLOSING_AFTER = timedelta(days=7)
CLOSING_HOUR = time(16, 0)


class CohortNotOver(Conflict):
    """The program has no end date, or its term has not ended yet."""


@dataclass(frozen=True)
class Closing:
    """What one closing run did: relationships asked now, and those asked before."""

    asked: int
    already: int


def term_over(program: Program, today: date) -> bool:
    """Whether the program is a cohort whose last day is behind us."""
    return program.ends_on is not None and program.ends_on < today


async def ended_cohort_of(session: AsyncSession, relationship: Relationship, today: date) -> Program | None:
    """The relationship's program when it is a cohort whose term is over and the relationship still live."""
    if relationship.program_id is None or not relationship.is_live:
        return None
    program = await session.get(Program, relationship.program_id)
    return program if program is not None and term_over(program, today) else None


class CohortClosing:
    """Asks an ended cohort's live relationships to complete; running it again asks nobody twice."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def closable(self, slug: str, by: User, today: date | None = None) -> Program:
        """A program this person manages whose term is over; CohortNotOver says why not otherwise."""
        program = await ProgramService(self.session).managed(slug, by)
        if not term_over(program, today or datetime.now(UTC).date()):
            raise CohortNotOver(
                _("This program's term ends on {day}; its cohort can be closed after that.").format(
                    day=program.ends_on.isoformat()
                )
                if program.ends_on
                else _("This program has no end date, so there is no cohort to close.")
            )
        return program

    async def close_now(self, slug: str, by: User, today: date | None = None) -> Closing:
        """A coordinator's "Close the cohort now" on a program they manage."""
        program = await self.closable(slug, by, today)
        program_id, actor_id = program.id, by.id
        return await retrying(self.session, functools.partial(self._close, program_id, actor_id))

    async def close_ended(self, today: date | None = None) -> dict[str, int]:
        """The daily sweep: every cohort whose term is over (archived ones too, they may still run)."""
        today = today or datetime.now(UTC).date()
        query = select(Program.id).where(Program.ends_on.is_not(None), Program.ends_on < today)
        ids = list((await self.session.execute(query)).scalars())
        await self.session.rollback()
        asked = 0
        for program_id in ids:
            done = await retrying(self.session, functools.partial(self._close, program_id, None))
            asked += done.asked
        return {"programs": len(ids), "asked": asked}

    async def _close(self, program_id: UUID, actor_id: UUID | None) -> Closing:
        """One transaction per program: lock it, ask the relationships not yet asked, commit."""
        # Two coordinators (or the sweep and a coordinator) at once: the second waits here on
        # PostgreSQL, then finds every relationship already asked; SQLite's single writer retries.
        await self.session.execute(select(Program.id).where(Program.id == program_id).with_for_update())
        live = select(Relationship).where(Relationship.program_id == program_id, Relationship.is_live)
        relationships = list((await self.session.execute(live.order_by(Relationship.started_at))).scalars())
        asked_before = await self._asked({r.id for r in relationships})
        template = await self._closing_template()
        asked = 0
        for relationship in relationships:
            if relationship.id in asked_before:
                continue
            asked += await self._ask(relationship, template, actor_id)
        await self.session.commit()
        return Closing(asked=asked, already=len(relationships) - asked)

    async def _asked(self, ids: set[UUID]) -> set[UUID]:
        if not ids:
            return set()
        query = select(Event.subject_id).where(
            Event.type == ASKED, Event.subject_type == "relationship", Event.subject_id.in_(ids)
        )
        return {i for i in (await self.session.execute(query)).scalars() if i is not None}

    async def _closing_template(self) -> CheckinTemplate | None:
        query = select(CheckinTemplate).where(
            CheckinTemplate.kind == TemplateKind.CLOSING, CheckinTemplate.current, ~CheckinTemplate.retired
        )
        return (await self.session.execute(query.order_by(CheckinTemplate.built_in.desc()).limit(1))).scalar()

    async def _ask(
        self, relationship: Relationship, template: CheckinTemplate | None, actor: UUID | None
    ) -> bool:
        """Tell every member, then record the ask and plan the closing check-in unless one exists.

        The members' notifications carry a unique key and go first: they are the claim. A second
        close running at once waits on the first one's rows and then adds none, so it stops here.
        """
        link = f"/relationships/{relationship.id}"
        text = _(
            "Your cohort has ended: please complete your mentoring relationship with a closing check-in "
            "and your reflection, including the before and after self-assessment."
        )
        members = select(Profile.user_id).join(
            RelationshipMember, RelationshipMember.profile_id == Profile.id
        )
        claimed = [
            await notify_once(
                self.session, user_id, f"cohort-closing:{relationship.id}", "relationship", text, link
            )
            for user_id in (
                await self.session.execute(
                    members.where(RelationshipMember.relationship_id == relationship.id)
                )
            ).scalars()
        ]
        if claimed and not any(claimed):
            return False
        record(
            self.session, ASKED, "relationship", relationship.id, actor, program_id=relationship.program_id
        )
        checkin_id = await self._closing_checkin(relationship, template)
        if checkin_id is not None:
            record(self.session, "checkin.scheduled", "checkin", checkin_id, actor, closing=True)
        return True

    async def _closing_checkin(
        self, relationship: Relationship, template: CheckinTemplate | None
    ) -> UUID | None:
        """Plan a closing check-in a week on, unless the relationship already has one (planned or held)."""
        if template is None:
            return None
        has_one = await self.session.scalar(
            select(Checkin.id)
            .join(CheckinTemplate, CheckinTemplate.id == Checkin.template_id)
            .where(
                Checkin.relationship_id == relationship.id,
                CheckinTemplate.kind == TemplateKind.CLOSING,
                Checkin.status != CheckinStatus.CANCELLED,
            )
            .limit(1)
        )
        if has_one is not None:
            return None
        day = datetime.now(UTC).date() + CLOSING_AFTER
        if relationship.paused_until is not None:
            day = max(day, relationship.paused_until)
        checkin = Checkin(
            relationship_id=relationship.id,
            template_id=template.id,
            scheduled_at=datetime.combine(day, CLOSING_HOUR, tzinfo=UTC),
            status=CheckinStatus.PLANNED,
        )
        self.session.add(checkin)
        await self.session.flush()
        return checkin.id
