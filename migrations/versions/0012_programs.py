"""programs: several mentoring programs in one community, their members and their coordinators

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 16:22:34.460172

An existing community becomes one open, open-ended program, "Community mentoring", offering every
kind, and every profile is enrolled in it with the roles it has, so nothing is lost. A database with
no accounts yet gets no program. Downgrading drops the three tables. Self-contained: no app imports.
"""

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC
from alembic import op

__all__ = ("downgrade", "upgrade")

sa.GUID = GUID  # type: ignore[attr-defined]
sa.DateTimeUTC = DateTimeUTC  # type: ignore[attr-defined]

# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


DEFAULT_PROGRAM = {
    "name": "Community mentoring",
    "slug": "community-mentoring",
    "description": "The community's mentoring program: everyone who had a profile before programs existed.",
    "kinds": ["traditional", "group", "peer"],
    "join_policy": "open",
    "checkin_cadence_days": 14,
    "archived": False,
}
BATCH = 1000


def _enrol_the_existing_community() -> None:
    connection = op.get_bind()
    if not connection.execute(sa.text("SELECT count(*) FROM user_account")).scalar():
        return
    program = sa.table(
        "program",
        *(sa.column(name) for name in DEFAULT_PROGRAM if name != "kinds"),
        sa.column("id", sa.GUID(length=16)),
        sa.column("kinds", sa.JSON()),
        sa.column("created_at", sa.DateTimeUTC(timezone=True)),
        sa.column("updated_at", sa.DateTimeUTC(timezone=True)),
    )
    membership = sa.table(
        "program_membership",
        *(sa.column(name) for name in ("is_mentor", "is_mentee", "status")),
        sa.column("id", sa.GUID(length=16)),
        sa.column("program_id", sa.GUID(length=16)),
        sa.column("profile_id", sa.GUID(length=16)),
        sa.column("joined_at", sa.DateTimeUTC(timezone=True)),
        sa.column("created_at", sa.DateTimeUTC(timezone=True)),
        sa.column("updated_at", sa.DateTimeUTC(timezone=True)),
    )
    profile = sa.table(
        "profile",
        sa.column("id", sa.GUID(length=16)),
        sa.column("is_mentor"),
        sa.column("is_mentee"),
        sa.column("created_at", sa.DateTimeUTC(timezone=True)),
    )
    now = datetime.now(UTC)
    program_id = uuid.uuid4()
    connection.execute(
        program.insert().values(id=program_id, created_at=now, updated_at=now, **DEFAULT_PROGRAM)
    )
    query = sa.select(profile.c.id, profile.c.is_mentor, profile.c.is_mentee, profile.c.created_at)
    rows = [
        {
            "id": uuid.uuid4(),
            "program_id": program_id,
            "profile_id": profile_id,
            "is_mentor": bool(is_mentor),
            "is_mentee": bool(is_mentee),
            "status": "active",
            # They were in the community's one program since their profile was made.
            "joined_at": created_at or now,
            "created_at": now,
            "updated_at": now,
        }
        for profile_id, is_mentor, is_mentee, created_at in connection.execute(query).all()
    ]
    for start in range(0, len(rows), BATCH):
        connection.execute(membership.insert(), rows[start : start + BATCH])


# No autocommit block: the whole upgrade runs in one transaction and rolls back as a whole on failure.
def upgrade() -> None:
    op.create_table('program',
    sa.Column('id', sa.GUID(length=16), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('kinds', sa.JSON(), nullable=False),
    sa.Column('opens_at', sa.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('closes_at', sa.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('join_policy', sa.Enum('open', 'invitation', 'approval', name='join_policy', native_enum=False, length=20), nullable=False),
    sa.Column('checkin_cadence_days', sa.Integer(), nullable=False),
    sa.Column('agenda_template_id', sa.GUID(length=16), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agenda_template_id'], ['checkin_template.id'], name=op.f('fk_program_agenda_template_id_checkin_template'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program')),
    sa.UniqueConstraint('name', name=op.f('uq_program_name'))
    )
    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_slug'), ['slug'], unique=True)

    op.create_table('program_coordinator',
    sa.Column('id', sa.GUID(length=16), nullable=False),
    sa.Column('program_id', sa.GUID(length=16), nullable=False),
    sa.Column('user_id', sa.GUID(length=16), nullable=False),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_program_coordinator_program_id_program'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_program_coordinator_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program_coordinator')),
    sa.UniqueConstraint('program_id', 'user_id', name=op.f('uq_program_coordinator_program_id'))
    )
    with op.batch_alter_table('program_coordinator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_coordinator_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_program_coordinator_user_id'), ['user_id'], unique=False)

    op.create_table('program_membership',
    sa.Column('id', sa.GUID(length=16), nullable=False),
    sa.Column('program_id', sa.GUID(length=16), nullable=False),
    sa.Column('profile_id', sa.GUID(length=16), nullable=False),
    sa.Column('is_mentor', sa.Boolean(), nullable=False),
    sa.Column('is_mentee', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('active', 'invited', 'pending', 'left', name='membership_status', native_enum=False, length=20), nullable=False),
    sa.Column('joined_at', sa.DateTimeUTC(timezone=True), nullable=True),
    sa.Column('sa_orm_sentinel', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTimeUTC(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTimeUTC(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['profile_id'], ['profile.id'], name=op.f('fk_program_membership_profile_id_profile'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['program_id'], ['program.id'], name=op.f('fk_program_membership_program_id_program'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_program_membership')),
    sa.UniqueConstraint('program_id', 'profile_id', name=op.f('uq_program_membership_program_id'))
    )
    with op.batch_alter_table('program_membership', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_program_membership_profile_id'), ['profile_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_program_membership_program_id'), ['program_id'], unique=False)

    _enrol_the_existing_community()


def downgrade() -> None:
    with op.batch_alter_table('program_membership', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_membership_program_id'))
        batch_op.drop_index(batch_op.f('ix_program_membership_profile_id'))

    op.drop_table('program_membership')
    with op.batch_alter_table('program_coordinator', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_coordinator_user_id'))
        batch_op.drop_index(batch_op.f('ix_program_coordinator_program_id'))

    op.drop_table('program_coordinator')
    with op.batch_alter_table('program', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_program_slug'))

    op.drop_table('program')
