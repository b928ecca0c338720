"""confirmed sign-ups and email retries: a sign-up request waits for its emailed link before the
account exists; a notification email counts its attempts and waits before the next one

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-06 08:00:00.000000

"""

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC
from alembic import op

__all__ = ("downgrade", "upgrade")

sa.GUID = GUID  # type: ignore[attr-defined]
sa.DateTimeUTC = DateTimeUTC  # type: ignore[attr-defined]

# revision identifiers, used by Alembic.
revision = "0008"
down_revision = '0005'
branch_labels = None
depends_on = None


# No autocommit block: the whole upgrade runs in one transaction and rolls back as a whole on failure.
def upgrade() -> None:
    op.create_table('signup_request',
    sa.Column('id', sa.GUID(length=16), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('expires_at', sa.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTimeUTC(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signup_request')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_signup_request_token_hash'))
    )
    with op.batch_alter_table('signup_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signup_request_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_signup_request_expires_at'), ['expires_at'], unique=False)

    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_attempts', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('email_retry_at', sa.DateTimeUTC(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_column('email_retry_at')
        batch_op.drop_column('email_attempts')

    with op.batch_alter_table('signup_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signup_request_expires_at'))
        batch_op.drop_index(batch_op.f('ix_signup_request_email'))

    op.drop_table('signup_request')
