"""enrolment questions: the questions a program asks people who join it, and their answers

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 19:50:00.000000

Two new tables; nothing existing changes. Downgrading drops them. Self-contained: no app imports.
"""

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC
from alembic import op

__all__ = ("downgrade", "upgrade")

# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=20)


def _audit_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    return [
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", DateTimeUTC(timezone=True), nullable=False),
    ]


# No autocommit block: the whole upgrade runs in one transaction and rolls back as a whole on failure.
def upgrade() -> None:
    op.create_table(
        "enrolment_question",
        sa.Column("id", GUID(length=16), nullable=False),
        sa.Column("program_id", GUID(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("help_text", sa.Text(), nullable=False),
        sa.Column(
            "kind",
            _enum("question_kind", "single_choice", "multiple_choice", "short_text", "scale"),
            nullable=False,
        ),
        sa.Column("choices", sa.JSON(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("visibility", _enum("question_visibility", "private", "shared"), nullable=False),
        sa.Column(
            "use_in_matching", _enum("matching_use", "none", "same", "different", "prefer"), nullable=False
        ),
        sa.Column("weight", sa.Float(), nullable=False),
        *_audit_columns(),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["program.id"],
            name=op.f("fk_enrolment_question_program_id_program"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolment_question")),
    )
    with op.batch_alter_table("enrolment_question") as batch:
        batch.create_index(batch.f("ix_enrolment_question_program_id"), ["program_id"], unique=False)

    op.create_table(
        "enrolment_answer",
        sa.Column("id", GUID(length=16), nullable=False),
        sa.Column("question_id", GUID(length=16), nullable=False),
        sa.Column("profile_id", GUID(length=16), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        *_audit_columns(),
        sa.ForeignKeyConstraint(
            ["profile_id"],
            ["profile.id"],
            name=op.f("fk_enrolment_answer_profile_id_profile"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["enrolment_question.id"],
            name=op.f("fk_enrolment_answer_question_id_enrolment_question"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrolment_answer")),
        sa.UniqueConstraint("question_id", "profile_id", name=op.f("uq_enrolment_answer_question_id")),
    )
    with op.batch_alter_table("enrolment_answer") as batch:
        batch.create_index(batch.f("ix_enrolment_answer_profile_id"), ["profile_id"], unique=False)
        batch.create_index(batch.f("ix_enrolment_answer_question_id"), ["question_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("enrolment_answer") as batch:
        batch.drop_index(batch.f("ix_enrolment_answer_question_id"))
        batch.drop_index(batch.f("ix_enrolment_answer_profile_id"))
    op.drop_table("enrolment_answer")
    with op.batch_alter_table("enrolment_question") as batch:
        batch.drop_index(batch.f("ix_enrolment_question_program_id"))
    op.drop_table("enrolment_question")
