"""participant imports: an uploaded participants file, its preview, and how its import went

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 16:58:00.000000

One new table; nothing existing changes. Downgrading drops it. Self-contained: no app imports.
"""

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC
from alembic import op

__all__ = ("downgrade", "upgrade")

sa.GUID = GUID  # type: ignore[attr-defined]
sa.DateTimeUTC = DateTimeUTC  # type: ignore[attr-defined]

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


# No autocommit block: the whole upgrade runs in one transaction and rolls back as a whole on failure.
def upgrade() -> None:
    op.create_table('participant_import',
    sa.Column('id', sa.GUID(length=16), nullable=False),
    sa.Column('program_id', sa.GUID(length=16), nullable=False),
    sa.Column('uploaded_by_id', sa.GUID(length=16), nullable=True),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('file_hash', sa.String(length=64), nullable=False),
    sa.Column('status', sa.Enum('preview', 'importing', 'done', 'failed', name='import_status', native_enum=False, length=20), nullable=False),
    sa.Column('expires_at', sa.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('confirmed_at', sa.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('people', sa.JSON(), nullable=False),
    sa.Column('report', sa.JSON(), nullable=False),
    sa.Column('result', sa.JSON(), nullable=True),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_participant_import_program_id_program'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'], name=op.f('fk_participant_import_uploaded_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participant_import'))
    )
    with op.batch_alter_table('participant_import', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_participant_import_file_hash'), ['file_hash'], unique=False)
        batch_op.create_index(batch_op.f('ix_participant_import_program_id'), ['program_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('participant_import', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_participant_import_program_id'))
        batch_op.drop_index(batch_op.f('ix_participant_import_file_hash'))

    op.drop_table('participant_import')
