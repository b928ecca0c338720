"""suggestion candidates: each mentee's best candidates per scope, kept ready for instant suggestions

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 23:20:00.000000

Two new tables; nothing existing changes. They start empty: every scope reads as "not built
yet" until the refresh job fills it. Downgrading drops them. Self-contained: no app imports.
"""

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC
from alembic import op

__all__ = ("downgrade", "upgrade")

# revision identifiers, used by Alembic.
revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


# No autocommit block: the whole upgrade runs in one transaction and rolls back as a whole on failure.
def upgrade() -> None:
    op.create_table(
        "suggestion_scope",
        sa.Column("id", GUID(length=16), nullable=False),
        sa.Column("scope", sa.String(length=36), nullable=False),
        sa.Column("built_at", DateTimeUTC(timezone=True), nullable=True),
        sa.Column("stale_since", DateTimeUTC(timezone=True), nullable=True),
        sa.Column("mentees", sa.Integer(), nullable=False),
        sa.Column("candidates", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestion_scope")),
        sa.UniqueConstraint("scope", name=op.f("uq_suggestion_scope_scope")),
    )
    op.create_table(
        "suggestion_candidate",
        sa.Column("id", GUID(length=16), nullable=False),
        sa.Column("scope", sa.String(length=36), nullable=False),
        sa.Column("mentee_id", GUID(length=16), nullable=False),
        sa.Column("candidate_id", GUID(length=16), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["mentee_id"],
            ["profile.id"],
            name=op.f("fk_suggestion_candidate_mentee_id_profile"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["profile.id"],
            name=op.f("fk_suggestion_candidate_candidate_id_profile"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestion_candidate")),
    )
    with op.batch_alter_table("suggestion_candidate") as batch:
        batch.create_index("ix_suggestion_candidate_mentee_scope", ["mentee_id", "scope"], unique=False)
        batch.create_index(batch.f("ix_suggestion_candidate_scope"), ["scope"], unique=False)
        batch.create_index(batch.f("ix_suggestion_candidate_candidate_id"), ["candidate_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("suggestion_candidate") as batch:
        batch.drop_index(batch.f("ix_suggestion_candidate_candidate_id"))
        batch.drop_index(batch.f("ix_suggestion_candidate_scope"))
        batch.drop_index("ix_suggestion_candidate_mentee_scope")
    op.drop_table("suggestion_candidate")
    op.drop_table("suggestion_scope")
