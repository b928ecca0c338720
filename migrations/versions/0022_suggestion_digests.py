"""suggestion digests and user updates: a refresh redoes only what changed; kept counts see account edits

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 10:00:00.000000

One nullable column on suggestion_scope (existing scopes have none, so their next refresh is a
whole one) and an index on user_account.updated_at (the kept figures' fingerprint reads its latest
value). Downgrading drops both. Self-contained: no app imports.
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
    op.create_index("ix_user_account_updated_at", "user_account", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_user_account_updated_at", table_name="user_account")
    with op.batch_alter_table("suggestion_scope") as batch:
        batch.drop_column("digests")
