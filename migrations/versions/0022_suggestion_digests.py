"""suggestion digests: a scope remembers the rows it was built from, so a refresh redoes only what changed

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 10:00:00.000000

One nullable column; existing scopes have none, so their next refresh is a full one. Downgrading
drops it. Self-contained: no app imports.
"""

import sqlalchemy as sa
from alembic import op

__all__ = ("downgrade", "upgrade")

# revision identifiers, used by Alembic.
revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("suggestion_scope") as batch:
        batch.add_column(sa.Column("digests", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("suggestion_scope") as batch:
        batch.drop_column("digests")
