"""coordinators index: the few coordinators are read without scanning every account

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07 16:40:00.000000

One partial index on the accounts that coordinate; no data changes. Downgrading drops it.
Self-contained: no app imports.
"""

import sqlalchemy as sa
from alembic import op

__all__ = ("downgrade", "upgrade")

# revision identifiers, used by Alembic.
revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The roster reads the coordinators on every page: a scan of every account (27 ms at 100,000).
    op.create_index(
        "ix_user_account_coordinators",
        "user_account",
        ["id"],
        sqlite_where=sa.text("is_coordinator = 1"),
        postgresql_where=sa.text("is_coordinator"),
    )


def downgrade() -> None:
    op.drop_index("ix_user_account_coordinators", table_name="user_account")
