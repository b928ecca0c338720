"""program relationships: proposals and relationships belong to a program; one slot of a kind per program

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 19:45:00.000000

Proposals and relationships gain the program they belong to, and a person's one active slot of a
kind becomes one per program (``scope``: the program's id as text, "" for the whole community).
An existing community's proposals, relationships and rounds join its default program
("community-mentoring", made by 0012), so its data stays together; without one they stay
community-wide. Downgrading drops the columns (a person's slots in several programs are cut to one
per kind first, so the old unique rule holds). Self-contained: no app imports.
"""

import sqlalchemy as sa
from advanced_alchemy.types import GUID
from alembic import op

__all__ = ("downgrade", "upgrade")

# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

DEFAULT_SLUG = "community-mentoring"
TABLES = ("proposal", "relationship")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("program_id", GUID(length=16), nullable=True))
            batch.create_index(f"ix_{table}_program_id", ["program_id"])
            batch.create_foreign_key(
                f"fk_{table}_program_id_program", "program", ["program_id"], ["id"], ondelete="SET NULL"
            )
    with op.batch_alter_table("active_slot") as batch:
        batch.add_column(sa.Column("scope", sa.String(length=36), nullable=False, server_default=""))
        batch.drop_constraint("uq_active_slot_profile_id", type_="unique")
        batch.create_unique_constraint("uq_active_slot_profile_id", ["profile_id", "kind", "role", "scope"])
    _adopt_into_default_program()


def _adopt_into_default_program() -> None:
    bind = op.get_bind()
    program = sa.table("program", sa.column("id", GUID(length=16)), sa.column("slug", sa.String))
    default_id = bind.execute(sa.select(program.c.id).where(program.c.slug == DEFAULT_SLUG)).scalar()
    if default_id is None:
        return
    for table in (*TABLES, "matching_round"):
        rows = sa.table(table, sa.column("program_id", GUID(length=16)))
        bind.execute(sa.update(rows).where(rows.c.program_id.is_(None)).values(program_id=default_id))
    slots = sa.table("active_slot", sa.column("scope", sa.String))
    bind.execute(sa.update(slots).values(scope=str(default_id)))


def downgrade() -> None:
    bind = op.get_bind()
    slots = sa.table(
        "active_slot",
        sa.column("id", GUID(length=16)),
        sa.column("profile_id", GUID(length=16)),
        sa.column("kind", sa.String),
        sa.column("role", sa.String),
    )
    # min() has no uuid form on PostgreSQL: keep the slot no other of the same person and kind precedes.
    other = slots.alias("other")
    earlier = sa.exists().where(
        other.c.profile_id == slots.c.profile_id,
        other.c.kind == slots.c.kind,
        other.c.role == slots.c.role,
        other.c.id < slots.c.id,
    )
    bind.execute(sa.delete(slots).where(earlier))
    with op.batch_alter_table("active_slot") as batch:
        batch.drop_constraint("uq_active_slot_profile_id", type_="unique")
        batch.create_unique_constraint("uq_active_slot_profile_id", ["profile_id", "kind", "role"])
        batch.drop_column("scope")
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"fk_{table}_program_id_program", type_="foreignkey")
            batch.drop_index(f"ix_{table}_program_id")
            batch.drop_column("program_id")
