"""Manual matching: find a program's members, preview a pairing, send it as a proposal or start it now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from mentorship.config import Settings
from mentorship.engine.parted import parted_pairs
from mentorship.lib.i18n import _
from mentorship.manual.checks import Facts, Rule, name, warnings
from mentorship.manual.fit import pair_fits
from mentorship.manual.forms import MatchInvalid, Pick, PickIn, check_reason
from mentorship.manual.preview import Made, Plan, Preview, Started
from mentorship.manual.writes import MatchWrites, retried
from mentorship.models import (
    ActiveSlot,
    EnrolmentAnswer,
    EnrolmentQuestion,
    Kind,
    MatchingUse,
    MemberRole,
    MembershipStatus,
    Profile,
    Program,
    ProgramMembership,
    Proposal,
    User,
    slot_scope,
)
from mentorship.programs.services import ProgramService
from mentorship.relationships.load import DEFAULT_THRESHOLD, load_of

SEARCH_LIMIT = 20


class MatchService(MatchWrites):
    """Manual matching in one program, for its coordinators and the community's administrators."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.programs = ProgramService(session)

    async def program(self, slug: str, user: User) -> Program:
        """The program, when this person may match in it (its coordinators and administrators)."""
        return await self.programs.managed(slug, user)

    async def search(self, slug: str, user: User, role: str, query: str) -> list[ProgramMembership]:
        """Active members of the program in a role whose name holds the query, by name."""
        program = await self.program(slug, user)
        wanted = (
            select(ProgramMembership)
            .join(Profile, Profile.id == ProgramMembership.profile_id)
            .join(User, User.id == Profile.user_id)
            .where(
                ProgramMembership.program_id == program.id,
                ProgramMembership.status == MembershipStatus.ACTIVE,
                User.is_active,
                ProgramMembership.is_mentor if role == "mentor" else ProgramMembership.is_mentee,
            )
            .order_by(func.lower(User.name), User.id)
        )
        words = query.replace("\x00", "").strip()[:100]
        if words:
            escaped = words.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            wanted = wanted.where(func.lower(User.name).like(f"%{escaped}%", escape="\\"))
        found = list((await self.session.execute(wanted.limit(SEARCH_LIMIT * 3))).scalars())
        if role == "peer":  # kinds are JSON: people who chose peer mentoring, read here
            found = [m for m in found if Kind.PEER.value in m.profile.kinds]
        return found[:SEARCH_LIMIT]

    async def chosen(self, slug: str, user: User, ids: list[UUID]) -> list[ProgramMembership]:
        """The members among these profile ids (to keep them shown while searching again)."""
        program = await self.program(slug, user)
        if not ids:
            return []
        query = select(ProgramMembership).where(
            ProgramMembership.program_id == program.id, ProgramMembership.profile_id.in_(ids)
        )
        return list((await self.session.execute(query)).scalars())

    async def preview(
        self, slug: str, user: User, pick: Pick, load_threshold: float = DEFAULT_THRESHOLD
    ) -> Preview:
        """The fit and every warning; refused with the field named when the pairing is impossible."""
        program = await self.program(slug, user)
        mentor, mentees, memberships = await self._people(program, pick)
        everyone = [*([mentor] if mentor else []), *mentees]
        facts = Facts(
            program=program,
            kind=pick.kind,
            mentor=mentor,
            mentees=mentees,
            memberships=memberships,
            parted=await parted_pairs(self.session, {p.id for p in everyone}),
            load=await load_of(self.session, mentor.id) if mentor else None,
            load_threshold=load_threshold,
            has_relationship=await self._matched(pick.kind, [m.id for m in mentees], program.id),
            today=date.today(),
            rules=await self._rules(program.id, [p.id for p in everyone]),
        )
        fits = await pair_fits(self.session, pick.kind, mentor, mentees, load_threshold)
        return Preview(program, pick, mentor, mentees, fits, warnings(facts))

    async def propose(
        self,
        slug: str,
        user: User,
        pick: Pick,
        expiry_days: int,
        load_threshold: float = DEFAULT_THRESHOLD,
    ) -> Proposal:
        """Send the pairing as a proposal: everyone is notified and answers as usual."""
        plan = Plan.of(await self.preview(slug, user, pick, load_threshold))
        await self.session.commit()
        return await retried(self.session, lambda: self._propose(plan, user.id, expiry_days))

    async def start(
        self,
        slug: str,
        user: User,
        pick: Pick,
        reason: str,
        mentor_is_full_ok: bool,
        load_threshold: float = DEFAULT_THRESHOLD,
    ) -> Started:
        """Start the relationship now, the reason kept in the history with who did it."""
        plan = Plan.of(await self.preview(slug, user, pick, load_threshold))
        await self.session.commit()
        return await retried(self.session, lambda: self._start(plan, user.id, reason, mentor_is_full_ok))

    async def send(self, slug: str, user: User, values: dict[str, Any], settings: Settings) -> Made:
        """The match form's pick, sent as a proposal or (``action`` start, with a reason) started now."""
        await self.program(slug, user)
        pick = PickIn.from_form(values, values["mentee"]).checked()
        if values.get("action") == "start":
            reason = check_reason(values["reason"])
            full_ok = bool(values.get("full_ok"))
            started = await self.start(slug, user, pick, reason, full_ok, settings.load_threshold)
            return Made(relationship_id=started.relationship_id)
        proposal = await self.propose(
            slug, user, pick, settings.proposal_expiry_days, settings.load_threshold
        )
        return Made(proposal_id=proposal.id)

    async def _people(
        self, program: Program, pick: Pick
    ) -> tuple[Profile | None, list[Profile], dict[UUID, ProgramMembership]]:
        """The picked profiles; refused when one is unknown, not in the program or deactivated."""
        rows = await self.session.execute(
            select(Profile)
            .where(Profile.id.in_(pick.ids))
            .options(selectinload(Profile.topics), selectinload(Profile.languages))
        )
        profiles = {p.id: p for p in rows.scalars()}
        memberships = {
            m.profile_id: m
            for m in (
                await self.session.execute(
                    select(ProgramMembership).where(
                        ProgramMembership.program_id == program.id,
                        ProgramMembership.profile_id.in_(pick.ids),
                        ProgramMembership.status != MembershipStatus.LEFT,
                    )
                )
            ).scalars()
        }
        for person_id in pick.ids:
            field = "mentor_id" if person_id == pick.mentor_id else "mentee_ids"
            person = profiles.get(person_id)
            if person is None or person_id not in memberships:
                who = name(person) if person else _("Someone picked")
                raise MatchInvalid({field: _("{name} is not in this program.").format(name=who)})
            if not person.user.is_active:
                raise MatchInvalid({field: _("{name}'s account is deactivated.").format(name=name(person))})
        mentor = profiles[pick.mentor_id] if pick.mentor_id else None
        return mentor, [profiles[i] for i in pick.mentee_ids], memberships

    async def _rules(self, program_id: UUID, ids: list[UUID]) -> list[Rule]:
        """The program's hard-rule questions and these people's answers to them."""
        questions = list(
            (
                await self.session.execute(
                    select(EnrolmentQuestion)
                    .where(
                        EnrolmentQuestion.program_id == program_id,
                        EnrolmentQuestion.use_in_matching.in_([MatchingUse.SAME, MatchingUse.DIFFERENT]),
                    )
                    .order_by(EnrolmentQuestion.position)
                )
            ).scalars()
        )
        answers = await self.session.execute(
            select(EnrolmentAnswer.question_id, EnrolmentAnswer.profile_id, EnrolmentAnswer.value).where(
                EnrolmentAnswer.question_id.in_([q.id for q in questions]),
                EnrolmentAnswer.profile_id.in_(ids),
            )
        )
        found: dict[UUID, dict[UUID, Any]] = {q.id: {} for q in questions}
        for question_id, profile_id, value in answers.all():
            found[UUID(str(question_id))][UUID(str(profile_id))] = value
        return [Rule(q.prompt, q.use_in_matching is MatchingUse.SAME, found[q.id]) for q in questions]

    async def _matched(self, kind: Kind, ids: list[UUID], program_id: UUID) -> set[UUID]:
        """Who among these already has a live relationship of this kind in the program, as mentee or peer."""
        query = select(ActiveSlot.profile_id).where(
            ActiveSlot.profile_id.in_(ids),
            ActiveSlot.kind == kind,
            ActiveSlot.role != MemberRole.MENTOR,
            ActiveSlot.scope == slot_scope(program_id),
        )
        return set((await self.session.execute(query)).scalars())


@dataclass(frozen=True)
class Search:
    """The match page's two search boxes: what was typed, who was found, who is chosen."""

    mentee_q: str
    mentor_q: str
    mentees: list[ProgramMembership]
    mentors: list[ProgramMembership]


async def search_both(
    matches: MatchService,
    slug: str,
    user: User,
    kind: str,
    typed: dict[str, str],
    chosen: tuple[list[UUID], list[UUID]],
) -> Search:
    """Both boxes' results, the people already chosen in a box kept at its top."""
    peer = kind == Kind.PEER.value
    boxes = (("mentee", "peer" if peer else "mentee"), ("mentor", "peer" if peer else "mentor"))
    results = []
    for (box, role), ids in zip(boxes, chosen, strict=True):
        kept = await matches.chosen(slug, user, ids)
        found = await matches.search(slug, user, role, typed.get(f"{box}_q", ""))
        held = {m.profile_id for m in kept}
        results.append([*kept, *(m for m in found if m.profile_id not in held)])
    return Search(typed.get("mentee_q", ""), typed.get("mentor_q", ""), results[0], results[1])
