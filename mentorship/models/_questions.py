"""Enrolment questions a program asks the people who join it, and their answers (one per person)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import UUID

from advanced_alchemy.base import UUIDAuditBase
from sqlalchemy import JSON, Enum, Float, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

# A preference's weight: from a nudge to three times a normal preference.
MIN_WEIGHT, MAX_WEIGHT = 0.1, 3.0
SCALE = (1, 5)


def _enum(cls: type[StrEnum], name: str) -> Enum:
    return Enum(cls, name=name, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e])


class QuestionKind(StrEnum):
    """How a question is answered."""

    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    SHORT_TEXT = "short_text"
    SCALE = "scale"  # 1 to 5


class QuestionVisibility(StrEnum):
    """Who may read the answers."""

    PRIVATE = "private"  # the program's coordinators and administrators only
    SHARED = "shared"  # also the people a person is matched with


class MatchingUse(StrEnum):
    """How the answers take part in matching."""

    NONE = "none"
    SAME = "same"  # hard rule: never pair people whose answers differ
    DIFFERENT = "different"  # hard rule: never pair people who gave the same answer
    PREFER = "prefer"  # a preference with a weight


class AnswerError(ValueError):
    """An answer a question cannot take: ``reason`` is ``number``, ``scale`` or ``choice``."""

    def __init__(self, reason: str, value: str) -> None:
        super().__init__(f"{reason}: {value!r}")
        self.reason = reason
        self.value = value


class EnrolmentQuestion(UUIDAuditBase):
    """One question of a program's enrolment form, in its place in the form."""

    __tablename__ = "enrolment_question"

    program_id: Mapped[UUID] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    prompt: Mapped[str] = mapped_column(Text)
    help_text: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[QuestionKind] = mapped_column(_enum(QuestionKind, "question_kind"))
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(default=False)
    visibility: Mapped[QuestionVisibility] = mapped_column(
        _enum(QuestionVisibility, "question_visibility"), default=QuestionVisibility.SHARED
    )
    use_in_matching: Mapped[MatchingUse] = mapped_column(
        _enum(MatchingUse, "matching_use"), default=MatchingUse.NONE
    )
    weight: Mapped[float] = mapped_column(Float, default=1.0)

    @property
    def is_private(self) -> bool:
        """Whether only coordinators may read the answers."""
        return self.visibility is QuestionVisibility.PRIVATE

    @property
    def has_choices(self) -> bool:
        """Whether answers are picked from ``choices``."""
        return self.kind in (QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE)

    @property
    def in_matching(self) -> bool:
        """Whether the answers constrain or weigh matches."""
        return self.use_in_matching is not MatchingUse.NONE

    def clean(self, value: Any) -> str | list[str] | int | None:
        """An answer as stored (``None``: not answered), or :class:`AnswerError`."""
        if value is None or (isinstance(value, str | list) and not value):
            return None
        if self.kind is QuestionKind.SCALE:
            text = str(value).strip()
            if not text:
                return None
            if isinstance(value, bool) or not text.lstrip("-").isdigit():
                raise AnswerError("number", text)
            if not SCALE[0] <= int(text) <= SCALE[1]:
                raise AnswerError("scale", text)
            return int(text)
        if self.kind is QuestionKind.MULTIPLE_CHOICE:
            given = value if isinstance(value, list) else [value]
            picked = [str(v).strip() for v in given if str(v).strip()]
            unknown = [v for v in picked if v not in self.choices]
            if unknown:
                raise AnswerError("choice", unknown[0])
            # The form's order, each once: the same ticks are the same answer however they were sent.
            return [c for c in self.choices if c in picked] or None
        if isinstance(value, list):
            raise AnswerError("choice", ";".join(str(v) for v in value))
        text = str(value).strip()
        if text and self.kind is QuestionKind.SINGLE_CHOICE and text not in self.choices:
            raise AnswerError("choice", text)
        return text or None


class EnrolmentAnswer(UUIDAuditBase):
    """A person's answer to one question: a string, a list of strings (multiple choice) or a number."""

    __tablename__ = "enrolment_answer"
    __table_args__ = (UniqueConstraint("question_id", "profile_id"),)

    question_id: Mapped[UUID] = mapped_column(
        ForeignKey("enrolment_question.id", ondelete="CASCADE"), index=True
    )
    profile_id: Mapped[UUID] = mapped_column(ForeignKey("profile.id", ondelete="CASCADE"), index=True)
    value: Mapped[Any] = mapped_column(JSON)
