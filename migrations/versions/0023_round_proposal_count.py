"""round proposal count: the rounds list reads a column, not a key of each round's whole summary

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07 10:10:00.000000

The list read ``summary->'proposals'``, which parses each round's summary (megabytes at 100,000
people) per row. A nullable column, filled from the summaries of rounds that ran. Downgrading drops
it. Self-contained: no app imports.
"""

import sqlalchemy as sa
from alembic import op

__all__ = ("downgrade", "upgrade")

# revision identifiers, used by Alembic.
revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("matching_round") as batch:
        batch.add_column(sa.Column("proposal_count", sa.Integer(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        count = "CAST(summary::json ->> 'proposals' AS INTEGER)"
    else:
        count = "CAST(json_extract(summary, '$.proposals') AS INTEGER)"
    op.execute(f"UPDATE matching_round SET proposal_count = {count}")  # noqa: S608 - no input, a constant


def downgrade() -> None:
    with op.batch_alter_table("matching_round") as batch:
        batch.drop_column("proposal_count")
