"""list indexes: keyset paging of the history, notifications and a round's pairings

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 23:00:00.000000

Three indexes; no data changes. Downgrading drops them. Self-contained: no app imports.
"""

from alembic import op

__all__ = ("downgrade", "upgrade")

# revision identifiers, used by Alembic.
revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_event_at_id", "event", ["at", "id"]),
    ("ix_notification_user_created", "notification", ["user_id", "created_at", "id"]),
    ("ix_proposal_round_score", "proposal", ["round_id", "score", "id"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
