"""Every SQLAlchemy model, re-exported so Alembic and the features see one place."""

from mentorship.models._accounts import LoginAttempt, OutboxMessage, PasswordResetToken, User
from mentorship.models._enums import Kind, TopicDirection
from mentorship.models._matching import (
    ActiveSlot,
    Event,
    MemberRole,
    Notification,
    Proposal,
    ProposalMember,
    ProposalSource,
    ProposalStatus,
    Relationship,
    RelationshipMember,
    RelationshipStatus,
    Response,
    Round,
    RoundStatus,
)
from mentorship.models._profiles import Profile, ProfileLanguage, ProfileTopic
from mentorship.models._store import StoreItem
from mentorship.models._topics import Topic

__all__ = [
    "ActiveSlot",
    "Event",
    "Kind",
    "MemberRole",
    "Notification",
    "Proposal",
    "ProposalMember",
    "ProposalSource",
    "ProposalStatus",
    "Relationship",
    "RelationshipMember",
    "RelationshipStatus",
    "Response",
    "Round",
    "RoundStatus",
    "LoginAttempt",
    "OutboxMessage",
    "PasswordResetToken",
    "Profile",
    "ProfileLanguage",
    "ProfileTopic",
    "StoreItem",
    "Topic",
    "TopicDirection",
    "User",
]
