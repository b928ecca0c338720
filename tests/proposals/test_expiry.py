"""Unanswered proposals get a reminder a day before and expire after; the queue runs this on a schedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from mentorship.config import Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.jobs.config import build_jobs_plugin
from mentorship.models import (
    Kind,
    MemberRole,
    Notification,
    Profile,
    Proposal,
    ProposalMember,
    ProposalSource,
    ProposalStatus,
)
from mentorship.proposals.services import expire_and_remind
from tests.factories import create_user, mentee, mentor


async def test_reminder_then_expiry_and_the_request_slot_comes_back(settings: Settings) -> None:
    guide = await create_user(settings, "mia@example.org", profile=mentor(2, ["editathons"], ["en"]))
    asker = await create_user(
        settings, "ana@example.org", profile=mentee(["editathons"], ["en"], pending_requests=1)
    )
    assert guide.profile is not None and asker.profile is not None
    config = build_sqlalchemy_config(settings)
    now = datetime.now(UTC)
    async with config.get_session() as session:
        proposal = Proposal(
            source=ProposalSource.REQUEST,
            kind=Kind.TRADITIONAL,
            status=ProposalStatus.OPEN,
            expires_at=now + timedelta(hours=20),
        )
        proposal.members = [
            ProposalMember(profile_id=guide.profile.id, role=MemberRole.MENTOR),
            ProposalMember(profile_id=asker.profile.id, role=MemberRole.MENTEE),
        ]
        session.add(proposal)
        await session.commit()
        first = await expire_and_remind(session, timedelta(days=1), now)
        second = await expire_and_remind(session, timedelta(days=1), now)
        later = await expire_and_remind(session, timedelta(days=1), now + timedelta(days=1))
        status = await session.scalar(select(Proposal.status).where(Proposal.id == proposal.id))
        pending = await session.scalar(select(Profile.pending_requests).where(Profile.id == asker.profile.id))
        notes = list((await session.execute(select(Notification.type, Notification.user_id))).all())
    await config.get_engine().dispose()

    assert first == {"expired": 0, "reminded": 2} and second == {"expired": 0, "reminded": 0}
    assert later["expired"] == 1 and status is ProposalStatus.EXPIRED
    assert pending == 0
    assert sorted(n.type for n in notes) == ["reminder", "reminder"]


def test_the_queue_schedules_expiry_and_email_retries(settings: Settings) -> None:
    plugin = build_jobs_plugin(settings, in_process=False)

    (queue,) = plugin.config.queue_configs
    scheduled = {job.function.__qualname__: job.cron for job in queue.scheduled_tasks}

    assert scheduled["expire_proposals"] == "*/10 * * * *"
    assert "send_notification_emails" in scheduled
