"""Rules about one row live on its model and need no database (issue 15, item 4)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import sqlite

from mentorship.models import (
    ActionItem,
    Checkin,
    CheckinStatus,
    Kind,
    MemberRole,
    Proposal,
    ProposalMember,
    ProposalSource,
    ProposalStatus,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    Response,
)

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
MENTEE, MENTOR, STRANGER = uuid4(), uuid4(), uuid4()


def proposal(
    status: ProposalStatus = ProposalStatus.OPEN,
    source: ProposalSource = ProposalSource.ROUND,
    kind: Kind = Kind.TRADITIONAL,
    mentee_answer: Response = Response.PENDING,
    expires_at: datetime | None = None,
) -> Proposal:
    return Proposal(
        status=status,
        source=source,
        kind=kind,
        expires_at=expires_at,
        members=[
            ProposalMember(profile_id=MENTEE, role=MemberRole.MENTEE, response=mentee_answer),
            ProposalMember(profile_id=MENTOR, role=MemberRole.MENTOR, response=Response.PENDING),
        ],
    )


def test_member_of_finds_only_members() -> None:
    found = proposal()

    assert found.member_of(MENTEE) is found.members[0]
    assert found.member_of(STRANGER) is None
    assert found.member_of(None) is None
    assert found.mentor() is found.members[1]


@pytest.mark.parametrize(
    ("status", "kind", "answer", "who", "expected"),
    [
        (ProposalStatus.OPEN, Kind.TRADITIONAL, Response.PENDING, MENTEE, True),
        (ProposalStatus.OPEN, Kind.TRADITIONAL, Response.ACCEPTED, MENTEE, False),
        (ProposalStatus.OPEN, Kind.TRADITIONAL, Response.PENDING, STRANGER, False),
        (ProposalStatus.OPEN, Kind.TRADITIONAL, Response.PENDING, None, False),
        (ProposalStatus.ACCEPTED, Kind.TRADITIONAL, Response.PENDING, MENTEE, False),
        (ProposalStatus.ACCEPTED, Kind.GROUP, Response.PENDING, MENTEE, True),
        (ProposalStatus.EXPIRED, Kind.GROUP, Response.PENDING, MENTEE, False),
        (ProposalStatus.DECLINED, Kind.TRADITIONAL, Response.PENDING, MENTEE, False),
    ],
)
def test_can_answer_while_open_or_a_group_still_takes_members(
    status: ProposalStatus, kind: Kind, answer: Response, who: UUID | None, expected: bool
) -> None:
    assert proposal(status, kind=kind, mentee_answer=answer).can_answer(who) is expected


def test_only_the_mentee_who_asked_withdraws_an_open_request() -> None:
    request = proposal(source=ProposalSource.REQUEST, mentee_answer=Response.ACCEPTED)

    assert request.asked_by(MENTEE) and request.can_withdraw(MENTEE)
    assert not request.asked_by(MENTOR) and not request.can_withdraw(MENTOR)
    assert not proposal(source=ProposalSource.ROUND).can_withdraw(MENTEE)
    assert not proposal(ProposalStatus.EXPIRED, ProposalSource.REQUEST).can_withdraw(MENTEE)


@pytest.mark.parametrize(
    ("status", "expires_at", "expected"),
    [
        (ProposalStatus.OPEN, NOW - timedelta(seconds=1), True),
        (ProposalStatus.OPEN, NOW, True),
        (ProposalStatus.OPEN, NOW + timedelta(days=1), False),
        (ProposalStatus.OPEN, None, False),
        (ProposalStatus.ACCEPTED, NOW - timedelta(days=1), False),
    ],
)
def test_proposal_is_overdue_open_past_its_date(
    status: ProposalStatus, expires_at: datetime | None, expected: bool
) -> None:
    assert proposal(status, expires_at=expires_at).is_overdue(NOW) is expected


def sql(clause: object) -> str:
    return str(select(Proposal.id).where(clause).compile(dialect=sqlite.dialect()))  # type: ignore[arg-type]


def test_the_same_rules_read_as_sql_for_queries() -> None:
    assert "proposal.expires_at <=" in sql(Proposal.is_overdue(NOW))
    assert "proposal.kind" in sql(Proposal.takes_answers)
    assert "relationship.status IN" in sql(Relationship.is_live)
    assert "checkin.status IN" in sql(Checkin.is_upcoming)
    assert "action_item.due_on <" in sql(ActionItem.is_overdue(NOW.date()))


def relationship(status: RelationshipStatus = RelationshipStatus.ACTIVE) -> Relationship:
    return Relationship(
        status=status,
        members=[
            RelationshipMember(profile_id=MENTEE, role=MemberRole.MENTEE),
            RelationshipMember(profile_id=MENTOR, role=MemberRole.MENTOR),
        ],
    )


def test_relationship_knows_its_members_and_mentor() -> None:
    found = relationship()

    assert found.member_of(MENTEE) is found.members[0]
    assert found.member_of(STRANGER) is None and found.member_of(None) is None
    assert found.is_mentor(MENTOR) and not found.is_mentor(MENTEE) and not found.is_mentor(STRANGER)


@pytest.mark.parametrize(
    ("status", "live"),
    [
        (RelationshipStatus.ACTIVE, True),
        (RelationshipStatus.PAUSED, True),
        (RelationshipStatus.COMPLETED, False),
        (RelationshipStatus.ENDED, False),
    ],
)
def test_relationship_is_live_while_active_or_paused(status: RelationshipStatus, live: bool) -> None:
    assert relationship(status).is_live is live


@pytest.mark.parametrize(
    ("status", "upcoming", "held"),
    [
        (CheckinStatus.PLANNED, True, False),
        (CheckinStatus.RESCHEDULED, True, False),
        (CheckinStatus.HELD, False, True),
        (CheckinStatus.MISSED, False, False),
        (CheckinStatus.CANCELLED, False, False),
    ],
)
def test_checkin_upcoming_and_held(status: CheckinStatus, upcoming: bool, held: bool) -> None:
    checkin = Checkin(status=status)

    assert checkin.is_upcoming is upcoming
    assert checkin.is_held is held


@pytest.mark.parametrize(
    ("due_on", "done_at", "expected"),
    [
        (date(2026, 5, 31), None, True),
        (date(2026, 6, 1), None, False),
        (None, None, False),
        (date(2026, 5, 1), NOW, False),
    ],
)
def test_action_item_is_overdue_when_open_past_its_date(
    due_on: date | None, done_at: datetime | None, expected: bool
) -> None:
    assert ActionItem(due_on=due_on, done_at=done_at).is_overdue(NOW.date()) is expected


def test_action_item_is_deleted_by_its_owner_or_whoever_added_it() -> None:
    item = ActionItem(owner_id=MENTEE)

    assert item.deletable_by(MENTEE, added_it=False)
    assert item.deletable_by(MENTOR, added_it=True)
    assert not item.deletable_by(MENTOR, added_it=False)
    assert not item.deletable_by(None, added_it=True)
