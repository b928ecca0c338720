"""user name index: lists ordered by case-folded name read it from an index

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 06:40:00.000000

One expression index on (lower(name), id); no data changes. Downgrading drops it. Self-contained:
no app imports.
"""

import sqlalchemy as sa
from alembic import op

__all__ = ("downgrade", "upgrade")

# revision identifiers, used by Alembic.
revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The roster and the member lists page by lower(name): at 10,000 people a sort of everyone per page.
    op.create_index("ix_user_account_name_lower", "user_account", [sa.text("lower(name)"), "id"])


def downgrade() -> None:
    op.drop_index("ix_user_account_name_lower", table_name="user_account")
