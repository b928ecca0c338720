"""settled sign-in tries: a try is marked failed once its password check fails

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 08:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

__all__ = ("downgrade", "upgrade")

# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


# No autocommit block: the whole upgrade runs in one transaction and rolls back as a whole on failure.
def upgrade() -> None:
    with op.batch_alter_table("login_attempt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failed", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("login_attempt", schema=None) as batch_op:
        batch_op.drop_column("failed")
