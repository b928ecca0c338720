"""rounds in programs: a round runs within one program, over its members only

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 17:30:00.000000

A round gains the program it ran in. Rounds from before programs existed ran over the whole
community and stay that way (no program). Downgrading drops the column. Self-contained: no app imports.
"""

import sqlalchemy as sa
from advanced_alchemy.types import GUID
from alembic import op

__all__ = ("downgrade", "upgrade")

# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("matching_round") as batch:
        batch.add_column(sa.Column("program_id", GUID(length=16), nullable=True))
        batch.create_index("ix_matching_round_program_id", ["program_id"])
        batch.create_foreign_key(
            "fk_matching_round_program_id_program", "program", ["program_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("matching_round") as batch:
        batch.drop_constraint("fk_matching_round_program_id_program", type_="foreignkey")
        batch.drop_index("ix_matching_round_program_id")
        batch.drop_column("program_id")
