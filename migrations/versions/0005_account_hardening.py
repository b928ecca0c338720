"""account hardening: session generation, device-aware sign-in limits

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 07:10:00.000000

"""

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC
from alembic import op

__all__ = ("downgrade", "upgrade")

sa.GUID = GUID  # type: ignore[attr-defined]
sa.DateTimeUTC = DateTimeUTC  # type: ignore[attr-defined]

# revision identifiers, used by Alembic.
revision = "0005"
down_revision = '0004'
branch_labels = None
depends_on = None


# No autocommit block: the whole upgrade runs in one transaction and rolls back as a whole on failure.
def upgrade() -> None:
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_generation', sa.Integer(), server_default='0', nullable=False))

    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('device', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.drop_column('device')

    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('session_generation')
