"""Remove what a leaving person wrote alone and anonymise the rows history needs.

Kept, without the person: their relationships and memberships (others' history and the program's
counts), events (the actor shows as a deleted participant), and what a relationship agreed together
(goals, action items, check-in dates and shared notes), no longer attributed to them. Removed: the
profile's texts, topics, languages and self-descriptions, private notes, pulse answers, closing
reflections, agenda points, check-in entries and goal notes they wrote, their request messages and
decline reasons, the reason of a relationship they ended, their notifications, calendar feeds, reset
tokens and sign-in attempts.
"""

from __future__ import annotations

import uuid
from uuid import UUID

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.lib.i18n import _
from mentorship.models import (
    ActionItem,
    AgendaItem,
    CalendarFeed,
    CheckinEntry,
    EnrolmentAnswer,
    Event,
    Goal,
    GoalNote,
    LoginAttempt,
    MemberRole,
    Notification,
    OutboxMessage,
    PasswordResetToken,
    PrivateNote,
    Profile,
    ProfileLanguage,
    ProfileTopic,
    ProgramCoordinator,
    ProgramMembership,
    Proposal,
    ProposalMember,
    ProposalSource,
    PulseAnswer,
    Reflection,
    Relationship,
    User,
)


async def erase_profile(session: AsyncSession, profile_id: UUID) -> None:
    """Delete the person's own texts and answers; keep shared rows, unattributed."""
    for model, column in (
        (PrivateNote, PrivateNote.author_id),
        (PulseAnswer, PulseAnswer.profile_id),
        (Reflection, Reflection.profile_id),
        (AgendaItem, AgendaItem.author_id),
        (CheckinEntry, CheckinEntry.author_id),
        (GoalNote, GoalNote.author_id),
        (ProfileTopic, ProfileTopic.profile_id),
        (ProfileLanguage, ProfileLanguage.profile_id),
        (ProgramMembership, ProgramMembership.profile_id),  # a place in a program is the person's own
        (EnrolmentAnswer, EnrolmentAnswer.profile_id),
    ):
        await session.execute(delete(model).where(column == profile_id))
    await session.execute(update(Goal).where(Goal.created_by_id == profile_id).values(created_by_id=None))
    await session.execute(update(ActionItem).where(ActionItem.owner_id == profile_id).values(owner_id=None))
    await session.execute(
        update(ProposalMember).where(ProposalMember.profile_id == profile_id).values(reason="")
    )
    asked = select(ProposalMember.proposal_id).where(
        ProposalMember.profile_id == profile_id, ProposalMember.role == MemberRole.MENTEE
    )
    await session.execute(
        update(Proposal)
        .where(Proposal.source == ProposalSource.REQUEST, Proposal.id.in_(asked))
        .values(message="")
    )
    await session.execute(
        update(Profile)
        .where(Profile.id == profile_id)
        .values(
            is_mentor=False,
            is_mentee=False,
            kinds=[],
            goals="",
            experience="",
            timezone="UTC",
            capacity=0,
            mentee_load=0,
            pending_requests=0,
            away_from=None,
            away_until=None,
            away_note="",
            self_assessment=None,
            fairness_attributes=None,
        )
    )


async def erase_account(session: AsyncSession, user_id: UUID, email: str) -> None:
    """Anonymise the account row (events point at it) and delete what only concerned the person."""
    ended_by_them = select(Event.subject_id).where(
        Event.type == "relationship.ended", Event.actor_id == user_id
    )
    await session.execute(
        update(Relationship).where(Relationship.id.in_(ended_by_them)).values(end_reason="")
    )
    for model, column in (
        (Notification, Notification.user_id),
        (CalendarFeed, CalendarFeed.user_id),
        (PasswordResetToken, PasswordResetToken.user_id),
        (ProgramCoordinator, ProgramCoordinator.user_id),
    ):
        await session.execute(delete(model).where(column == user_id))
    await session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
    await session.execute(delete(OutboxMessage).where(OutboxMessage.recipient == email))
    await session.execute(
        update(User)
        .where(User.id == user_id)
        .values(
            email=f"deleted-{uuid.uuid4().hex}@deleted.invalid",
            name=_("Deleted participant"),
            password_hash="",
            is_active=False,
            is_coordinator=False,
            last_active_at=None,
            email_preferences=None,
        )
    )
