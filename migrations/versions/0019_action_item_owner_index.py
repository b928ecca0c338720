"""action item owner index: a mentor's load reads her overdue items by owner

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 00:55:00.000000

One index; no data changes. Downgrading drops it. Self-contained: no app imports.
"""

from alembic import op

__all__ = ("downgrade", "upgrade")

# revision identifiers, used by Alembic.
revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Without it, twenty mentors' loads read every live relationship's action items (70 ms at 10k).
    op.create_index("ix_action_item_owner_id", "action_item", ["owner_id"])


def downgrade() -> None:
    op.drop_index("ix_action_item_owner_id", table_name="action_item")
