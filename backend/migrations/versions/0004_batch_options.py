"""batches: what each item is taken to (options), item start times, item status values

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "batches",
        sa.Column(
            "options",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
    )
    op.add_column("batch_items", sa.Column("started_at", sa.DateTime(timezone=True), nullable=True))
    op.create_check_constraint(
        op.f("ck_batch_items_status_values"),
        "batch_items",
        "status IN ('pending','generating','rendering','uploading','success','failed')",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_batch_items_status_values"), "batch_items", type_="check")
    op.drop_column("batch_items", "started_at")
    op.drop_column("batches", "options")
