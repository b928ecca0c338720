"""figures fingerprint indexes: the latest change of each table the coordinators' figures read

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-07 03:45:00.000000

Six indexes; no data changes. Downgrading drops them. Self-contained: no app imports.
"""

from alembic import op

__all__ = ("downgrade", "upgrade")

# revision identifiers, used by Alembic.
revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

# The dashboard's figures are kept until one of these changes: each max() is one index step.
INDEXES = (
    ("ix_relationship_updated_at", "relationship"),
    ("ix_checkin_updated_at", "checkin"),
    ("ix_action_item_updated_at", "action_item"),
    ("ix_proposal_updated_at", "proposal"),
    ("ix_profile_updated_at", "profile"),
    ("ix_program_membership_updated_at", "program_membership"),
)


def upgrade() -> None:
    for name, table in INDEXES:
        op.create_index(name, table, ["updated_at"])


def downgrade() -> None:
    for name, table in reversed(INDEXES):
        op.drop_index(name, table_name=table)
