"""foreign key indexes: every foreign key column leads an index

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07 16:30:00.000000

Fifteen indexes; no data changes. Downgrading drops them. Self-contained: no app imports.
"""

from alembic import op

__all__ = ("downgrade", "upgrade")

# revision identifiers, used by Alembic.
revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

# A check-in's page read its action items by scanning them all (8 ms at 10,000 people, growing with
# the community), and deleting a person or a check-in scanned every table that points at it to set
# or cascade the key: an unindexed foreign key is a page or an erasure that slows as the community grows.
COLUMNS = (
    ("action_item", "checkin_id"),
    ("agenda_item", "author_id"),
    ("checkin", "template_id"),
    ("checkin_entry", "author_id"),
    ("checkin_template", "created_by_id"),
    ("event", "actor_id"),
    ("goal", "created_by_id"),
    ("goal_note", "author_id"),
    ("goal_note", "checkin_id"),
    ("matching_round", "created_by_id"),
    ("participant_import", "uploaded_by_id"),
    ("private_note", "author_id"),
    ("program", "agenda_template_id"),
    ("reflection", "profile_id"),
    ("relationship", "proposal_id"),
)


def upgrade() -> None:
    for table, column in COLUMNS:
        op.create_index(f"ix_{table}_{column}", table, [column])


def downgrade() -> None:
    for table, column in reversed(COLUMNS):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
