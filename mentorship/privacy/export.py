"""Build "Download my data": one query per area, only what the person may see."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.lib.reasons import reasons_text
from mentorship.models import (
    ActionItem,
    AgendaItem,
    Checkin,
    CheckinEntry,
    EnrolmentAnswer,
    EnrolmentQuestion,
    Event,
    Goal,
    GoalNote,
    Notification,
    PrivateNote,
    Profile,
    Program,
    ProgramCoordinator,
    ProgramMembership,
    Proposal,
    ProposalMember,
    ProposalStatus,
    PulseAnswer,
    Reflection,
    Relationship,
    RelationshipMember,
    User,
)
from mentorship.privacy import schemas as out
from mentorship.profiles.views import Audience, profile_view

T = TypeVar("T")
HIDDEN_PROPOSALS = (ProposalStatus.DRAFT, ProposalStatus.REMOVED)


def _grouped(rows: Iterable[T], key: str) -> dict[Any, list[T]]:
    groups: dict[Any, list[T]] = defaultdict(list)
    for row in rows:
        groups[getattr(row, key)].append(row)
    return groups


class Exporter:
    """Everything one person may take with them, read in one session."""

    def __init__(self, session: AsyncSession, user: User) -> None:
        self.session = session
        self.user = user
        self.me: UUID | None = None
        self.names: dict[UUID, str] = {}

    async def _all(self, query: Select[Any]) -> list[Any]:
        return list((await self.session.execute(query)).scalars())

    def _name(self, profile_id: UUID | None) -> str | None:
        return self.names.get(profile_id) if profile_id is not None else None

    async def build(self) -> out.AccountExport:
        """The whole document."""
        user = self.user
        profile = await self.session.scalar(select(Profile).where(Profile.user_id == user.id))
        self.me = profile.id if profile else None
        relationships = await self._relationships() if profile else []
        return out.AccountExport(
            format_version=out.FORMAT_VERSION,
            exported_at=datetime.now(UTC),
            account=out.ExportAccount(
                id=user.id,
                email=user.email,
                name=user.name,
                is_coordinator=user.is_coordinator,
                created_at=user.created_at,
                last_active_at=user.last_active_at,
                email_preferences=user.email_preferences,
            ),
            profile=profile_view(profile, user, Audience.OWNER) if profile else None,
            relationships=relationships,
            pulse_answers=await self._pulse() if profile else [],
            proposals=await self._proposals() if profile else [],
            notifications=await self._notifications(),
            self_assessments=out.ExportSelfAssessments(
                current=profile.self_assessment if profile else None,
                history=[
                    out.ExportSelfAssessment(
                        r.id,
                        r.my_reflection.self_assessment_before,
                        r.my_reflection.self_assessment_after,
                        r.my_reflection.created_at,
                    )
                    for r in relationships
                    if r.my_reflection is not None
                ],
            ),
            history=[
                out.ExportEvent(at=e.at, type=e.type, subject_type=e.subject_type, subject_id=e.subject_id)
                for e in await self._all(select(Event).where(Event.actor_id == user.id).order_by(Event.at))
            ],
            programs=await self._programs(),
        )

    async def _programs(self) -> list[out.ExportProgram]:
        """Every program I have a place in or coordinate, with my answers to its questions."""
        places = {
            m.program_id: m
            for m in await self._all(select(ProgramMembership).where(ProgramMembership.profile_id == self.me))
        }
        coordinated = set(
            await self._all(
                select(ProgramCoordinator.program_id).where(ProgramCoordinator.user_id == self.user.id)
            )
        )
        programs = await self._all(
            select(Program).where(Program.id.in_({*places, *coordinated})).order_by(Program.name)
        )
        answers = await self.session.execute(
            select(EnrolmentQuestion.program_id, EnrolmentQuestion.prompt, EnrolmentAnswer.value)
            .join(EnrolmentAnswer, EnrolmentAnswer.question_id == EnrolmentQuestion.id)
            .where(EnrolmentAnswer.profile_id == self.me)
            .order_by(EnrolmentQuestion.position)
        )
        mine: dict[UUID, list[out.ExportAnswer]] = defaultdict(list)
        for program_id, prompt, value in answers.all():
            mine[UUID(str(program_id))].append(out.ExportAnswer(question=str(prompt), answer=value))
        exported = []
        for program in programs:
            place = places.get(program.id)
            exported.append(
                out.ExportProgram(
                    slug=program.slug,
                    name=program.name,
                    status=place.status.value if place else "",
                    as_mentor=bool(place and place.is_mentor),
                    as_mentee=bool(place and place.is_mentee),
                    joined_at=place.joined_at if place else None,
                    coordinator=program.id in coordinated,
                    answers=mine.get(program.id, []),
                )
            )
        return exported

    async def _learn_names(self, profile_ids: Iterable[UUID]) -> None:
        rows = await self.session.execute(
            select(Profile.id, User.name)
            .join(User, User.id == Profile.user_id)
            .where(Profile.id.in_(set(profile_ids)))
        )
        for profile_id, name in rows:
            self.names[profile_id] = name

    async def _relationships(self) -> list[out.ExportRelationship]:
        mine = select(RelationshipMember.relationship_id).where(RelationshipMember.profile_id == self.me)
        found = await self._all(
            select(Relationship).where(Relationship.id.in_(mine)).order_by(Relationship.started_at)
        )
        ids = [r.id for r in found]
        await self._learn_names(m.profile_id for r in found for m in r.members)
        goals = _grouped(
            await self._all(
                select(Goal).where(Goal.relationship_id.in_(ids)).order_by(Goal.position, Goal.created_at)
            ),
            "relationship_id",
        )
        notes = _grouped(
            await self._all(
                select(GoalNote)
                .where(GoalNote.goal_id.in_([g.id for gs in goals.values() for g in gs]))
                .order_by(GoalNote.created_at)
            ),
            "goal_id",
        )
        checkins = _grouped(
            await self._all(
                select(Checkin).where(Checkin.relationship_id.in_(ids)).order_by(Checkin.scheduled_at)
            ),
            "relationship_id",
        )
        actions = _grouped(
            await self._all(
                select(ActionItem).where(ActionItem.relationship_id.in_(ids)).order_by(ActionItem.created_at)
            ),
            "relationship_id",
        )
        reflections = _grouped(
            await self._all(
                select(Reflection).where(Reflection.relationship_id.in_(ids)).order_by(Reflection.created_at)
            ),
            "relationship_id",
        )
        checkin_outs = await self._checkins([c for cs in checkins.values() for c in cs])
        result = []
        for r in found:
            me = next(m for m in r.members if m.profile_id == self.me)
            own = next((x for x in reflections[r.id] if x.profile_id == self.me), None)
            result.append(
                out.ExportRelationship(
                    id=r.id,
                    kind=r.kind.value,
                    status=r.status.value,
                    my_role=me.role.value,
                    started_at=r.started_at,
                    ended_at=r.ended_at,
                    paused_until=r.paused_until,
                    cadence_days=r.cadence_days,
                    members=[
                        out.ExportMember(
                            self.names.get(m.profile_id, ""), m.role.value, m.profile_id == self.me
                        )
                        for m in r.members
                    ],
                    goals=[
                        out.ExportGoal(
                            g.title,
                            g.description,
                            g.status.value,
                            [
                                out.ExportNote(n.text, self._name(n.author_id), n.created_at)
                                for n in notes[g.id]
                            ],
                        )
                        for g in goals[r.id]
                    ],
                    checkins=[checkin_outs[c.id] for c in checkins[r.id]],
                    action_items=[
                        out.ExportActionItem(a.text, self._name(a.owner_id), a.due_on, a.done_at)
                        for a in actions[r.id]
                    ],
                    reflections=[
                        out.ExportReflection(self.names.get(x.profile_id, ""), x.text, x.created_at)
                        for x in reflections[r.id]
                    ],
                    my_reflection=out.ExportMyReflection(
                        own.text, own.self_assessment_before, own.self_assessment_after, own.created_at
                    )
                    if own
                    else None,
                )
            )
        return result

    async def _checkins(self, checkins: list[Checkin]) -> dict[UUID, out.ExportCheckin]:
        ids = [c.id for c in checkins]
        agenda = _grouped(
            await self._all(
                select(AgendaItem)
                .where(AgendaItem.checkin_id.in_(ids))
                .order_by(AgendaItem.position, AgendaItem.created_at)
            ),
            "checkin_id",
        )
        entries = _grouped(
            await self._all(
                select(CheckinEntry).where(CheckinEntry.checkin_id.in_(ids)).order_by(CheckinEntry.created_at)
            ),
            "checkin_id",
        )
        # Private notes: only the person's own, never another member's.
        private = {
            n.checkin_id: n.text
            for n in await self._all(
                select(PrivateNote).where(PrivateNote.checkin_id.in_(ids), PrivateNote.author_id == self.me)
            )
        }
        return {
            c.id: out.ExportCheckin(
                id=c.id,
                scheduled_at=c.scheduled_at,
                duration_minutes=c.duration_minutes,
                status=c.status.value,
                held_at=c.held_at,
                notes=c.notes,
                agenda=[
                    out.ExportAgendaPoint(a.section, a.text, self._name(a.author_id)) for a in agenda[c.id]
                ],
                entries=[
                    out.ExportAgendaPoint(e.section, e.text, self._name(e.author_id)) for e in entries[c.id]
                ],
                my_private_note=private.get(c.id),
            )
            for c in checkins
        }

    async def _pulse(self) -> list[out.ExportPulse]:
        answers = await self._all(
            select(PulseAnswer).where(PulseAnswer.profile_id == self.me).order_by(PulseAnswer.created_at)
        )
        return [
            out.ExportPulse(p.checkin_id, p.energy, p.workload, p.stress, p.wants_support, p.created_at)
            for p in answers
        ]

    async def _proposals(self) -> list[out.ExportProposal]:
        mine = select(ProposalMember.proposal_id).where(ProposalMember.profile_id == self.me)
        found = await self._all(
            select(Proposal)
            .where(Proposal.id.in_(mine), Proposal.status.not_in(HIDDEN_PROPOSALS))
            .order_by(Proposal.created_at)
        )
        await self._learn_names(m.profile_id for p in found for m in p.members)
        result = []
        for p in found:
            me = next(m for m in p.members if m.profile_id == self.me)
            result.append(
                out.ExportProposal(
                    id=p.id,
                    kind=p.kind.value,
                    source=p.source.value,
                    status=p.status.value,
                    score=p.score,
                    reasons=reasons_text(p.reasons),
                    message=p.message,
                    created_at=p.created_at,
                    expires_at=p.expires_at,
                    decided_at=p.decided_at,
                    my_role=me.role.value,
                    my_response=me.response.value,
                    my_reason=me.reason,
                    members=[
                        out.ExportMember(
                            self.names.get(m.profile_id, ""), m.role.value, m.profile_id == self.me
                        )
                        for m in p.members
                    ],
                )
            )
        return result

    async def _notifications(self) -> list[out.ExportNotification]:
        notes = await self._all(
            select(Notification).where(Notification.user_id == self.user.id).order_by(Notification.created_at)
        )
        return [out.ExportNotification(n.type, n.text, n.link, n.created_at, n.read_at) for n in notes]
