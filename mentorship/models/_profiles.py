"""What a participant tells the program about themselves, as the matcher reads it."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any
from uuid import UUID

from advanced_alchemy.base import UUIDAuditBase, UUIDBase
from sqlalchemy import JSON, ColumnElement, Enum, ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, raiseload, relationship
from sqlalchemy.orm.interfaces import LoaderOption

from mentorship.models._enums import TopicDirection

if TYPE_CHECKING:
    from mentorship.models._accounts import User
    from mentorship.models._topics import Topic


class Profile(UUIDAuditBase):
    """A participant's registration: roles, kinds, goals, topics, languages, time zone, capacity."""

    __tablename__ = "profile"
    __table_args__ = (Index("ix_profile_updated_at", "updated_at"),)  # the coordinators' figures' fingerprint

    user_id: Mapped[UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), unique=True)
    is_mentor: Mapped[bool] = mapped_column(default=False)
    is_mentee: Mapped[bool] = mapped_column(default=False)
    kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    goals: Mapped[str] = mapped_column(Text, default="")
    experience: Mapped[str] = mapped_column(Text, default="")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    capacity: Mapped[int] = mapped_column(default=0)
    checkin_cadence_days: Mapped[int] = mapped_column(default=14)
    away_from: Mapped[date | None] = mapped_column(default=None)
    away_until: Mapped[date | None] = mapped_column(default=None)
    away_note: Mapped[str] = mapped_column(String(500), default="")
    # Counters changed only by conditional UPDATEs (`... WHERE mentee_load < capacity`), so two
    # workers accepting at once can never push a mentor past capacity.
    mentee_load: Mapped[int] = mapped_column(default=0, server_default="0")
    pending_requests: Mapped[int] = mapped_column(default=0, server_default="0")
    # Private to the person: never shown to coordinators or other participants.
    self_assessment: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    # Opt-in, self-described; only ever read in aggregate with small groups suppressed.
    fairness_attributes: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)

    user: Mapped[User] = relationship(back_populates="profile", lazy="joined")
    topics: Mapped[list[ProfileTopic]] = relationship(
        back_populates="profile", lazy="selectin", cascade="all, delete-orphan"
    )
    languages: Mapped[list[ProfileLanguage]] = relationship(
        back_populates="profile",
        lazy="selectin",
        cascade="all, delete-orphan",
        order_by="ProfileLanguage.position",
    )

    @classmethod
    @cache  # built once: building the options cost a tenth of a millisecond a request
    def without_lists(cls) -> tuple[LoaderOption, LoaderOption]:
        """Loader options for a profile read without its topics and languages: two statements fewer.

        For pages that show neither; reading them then raises instead of querying unseen.
        """
        return raiseload(cls.topics), raiseload(cls.languages)

    def is_away(self, on: date) -> bool:
        """Whether the person is in an away period on the given day."""
        if self.away_from is None and self.away_until is None:
            return False
        starts = self.away_from or date.min
        ends = self.away_until or date.max
        return starts <= on <= ends

    @classmethod
    def away_on(cls, day: date | ColumnElement[date]) -> ColumnElement[bool]:
        """SQL twin of `is_away`: the person is in an away period on the given day."""
        has_period = cls.away_from.is_not(None) | cls.away_until.is_not(None)
        starts = func.coalesce(cls.away_from, date.min) <= day
        ends = func.coalesce(cls.away_until, date.max) >= day
        return has_period & starts & ends

    def matching_checks(
        self, has_topics: bool | None = None, has_languages: bool | None = None
    ) -> list[tuple[str, str, bool]]:
        """What matching needs from this profile: (profile step, field, filled in), in step order.

        A caller that read the profile without its lists says whether it has any.
        """
        topics = bool(self.topics) if has_topics is None else has_topics
        languages = bool(self.languages) if has_languages is None else has_languages
        checks = [
            ("roles", "roles", (self.is_mentor or self.is_mentee) and bool(self.kinds)),
            ("goals", "goals", bool(self.goals.strip())),
            ("goals", "experience", bool(self.experience.strip())),
            ("topics", "topics", topics),
            ("practical", "languages", languages),
            ("practical", "timezone", bool(self.timezone) and self.timezone != "UTC"),
        ]
        if self.is_mentor:
            checks.append(("mentoring", "capacity", self.capacity > 0))
        return checks

    def topic_slugs(self, direction: TopicDirection) -> list[str]:
        """The slugs this person offers or seeks, in the order they gave them."""
        return [link.topic.slug for link in self.topics if link.direction is direction]

    @property
    def language_codes(self) -> list[str]:
        """ISO codes of the languages the person speaks, most preferred first."""
        return [language.code for language in self.languages]


class ProfileTopic(UUIDBase):
    """A topic a person offers or seeks."""

    __tablename__ = "profile_topic"
    __table_args__ = (UniqueConstraint("profile_id", "topic_id", "direction"),)

    profile_id: Mapped[UUID] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    topic_id: Mapped[UUID] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"), index=True)
    direction: Mapped[TopicDirection] = mapped_column(
        Enum(TopicDirection, native_enum=False, length=10, values_callable=lambda e: [m.value for m in e])
    )
    position: Mapped[int] = mapped_column(default=0)

    profile: Mapped[Profile] = relationship(back_populates="topics")
    topic: Mapped[Topic] = relationship(lazy="joined")


class ProfileLanguage(UUIDBase):
    """A language a person can hold a mentoring conversation in."""

    __tablename__ = "profile_language"
    __table_args__ = (UniqueConstraint("profile_id", "code"),)

    profile_id: Mapped[UUID] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(12), index=True)
    position: Mapped[int] = mapped_column(default=0)

    profile: Mapped[Profile] = relationship(back_populates="languages")
