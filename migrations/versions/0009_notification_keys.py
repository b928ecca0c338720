"""notification keys and groups: one note per event per person (a unique key the database enforces),
and a grouped note's list of entries

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 08:30:00.000000

"""

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC
from alembic import op

__all__ = ("downgrade", "upgrade")

sa.GUID = GUID  # type: ignore[attr-defined]
sa.DateTimeUTC = DateTimeUTC  # type: ignore[attr-defined]

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


# No autocommit block: the whole upgrade runs in one transaction and rolls back as a whole on failure.
def upgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("items", sa.JSON(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_notification_user_id"), ["user_id", "key"])


def downgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_notification_user_id"), type_="unique")
        batch_op.drop_column("items")
        batch_op.drop_column("key")
