"""notification email status; email preferences move from the profile to the account

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 11:20:59.631948

"""

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC, JsonB
from alembic import op

__all__ = ("downgrade", "upgrade")

sa.GUID = GUID  # type: ignore[attr-defined]
sa.DateTimeUTC = DateTimeUTC  # type: ignore[attr-defined]
sa.JsonB = JsonB  # type: ignore[attr-defined]

# revision identifiers, used by Alembic.
revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


# No autocommit block: the whole upgrade runs in one transaction and rolls back as a whole on failure.
def upgrade() -> None:
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("email_status", sa.String(length=10), server_default="pending", nullable=False)
        )
        batch_op.add_column(sa.Column("emailed_at", sa.DateTimeUTC(timezone=True), nullable=True))

    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email_preferences", sa.JSON(), nullable=True))
    # Coordinators without a profile choose their emails too, so the choice lives on the account.
    op.execute(
        "UPDATE user_account SET email_preferences = "
        "(SELECT profile.email_preferences FROM profile WHERE profile.user_id = user_account.id)"
    )
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.drop_column("email_preferences")


def downgrade() -> None:
    with op.batch_alter_table("profile", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email_preferences", sa.JSON(), nullable=True))
    op.execute(
        "UPDATE profile SET email_preferences = "
        "(SELECT user_account.email_preferences FROM user_account WHERE user_account.id = profile.user_id)"
    )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_column("email_preferences")

    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_column("emailed_at")
        batch_op.drop_column("email_status")
