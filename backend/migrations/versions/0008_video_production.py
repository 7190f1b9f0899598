"""video production: scenes and storyboard stills, clip motion and sources, the composed
output, share links, regeneration counts

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "scenes",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("video_id", sa.Uuid(), nullable=False),
        sa.Column("index", sa.Integer(), nullable=False),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("still_path", sa.String(length=500), nullable=True),
        sa.Column("painted_key", sa.String(length=64), nullable=True),
        sa.Column(
            "layers",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
        sa.Column("seed", sa.Integer(), server_default="0", nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=True),
        sa.Column("approved", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.ForeignKeyConstraint(
            ["video_id"], ["videos.id"], name=op.f("fk_scenes_video_id_videos"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scenes")),
        sa.UniqueConstraint("video_id", "index", name="uq_scenes_video_index"),
    )
    op.create_index(op.f("ix_scenes_video_id"), "scenes", ["video_id"], unique=False)
    op.add_column("clips", sa.Column("scene_index", sa.Integer(), nullable=True))
    op.add_column(
        "clips", sa.Column("status", sa.String(length=10), server_default="planned", nullable=False)
    )
    op.add_column("clips", sa.Column("motion", postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.add_column("clips", sa.Column("source_path", sa.String(length=500), nullable=True))
    op.add_column("clips", sa.Column("provider", sa.String(length=20), nullable=True))
    op.add_column("clips", sa.Column("seed", sa.Integer(), server_default="0", nullable=False))
    op.add_column("clips", sa.Column("error", sa.Text(), nullable=True))
    op.add_column(
        "videos", sa.Column("analysis_version", sa.String(length=20), server_default="1", nullable=False)
    )
    op.add_column("videos", sa.Column("seed", sa.Integer(), server_default="0", nullable=False))
    op.add_column("videos", sa.Column("video_type", sa.String(length=20), nullable=True))
    op.add_column("videos", sa.Column("style", postgresql.JSONB(astext_type=sa.Text()), nullable=True))
    op.add_column(
        "videos",
        sa.Column(
            "warnings",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
    )
    op.add_column(
        "videos",
        sa.Column(
            "regenerated",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
    )
    op.add_column(
        "videos",
        sa.Column(
            "options",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'{}'::jsonb"),
            nullable=False,
        ),
    )
    op.add_column("videos", sa.Column("output_path", sa.String(length=500), nullable=True))
    op.add_column("videos", sa.Column("output_bytes", sa.BigInteger(), nullable=True))
    op.add_column("videos", sa.Column("output_duration", sa.Float(), nullable=True))
    op.add_column("videos", sa.Column("share_token", sa.String(length=64), nullable=True))
    op.add_column("videos", sa.Column("finalized_at", sa.DateTime(timezone=True), nullable=True))
    op.create_unique_constraint(op.f("uq_videos_share_token"), "videos", ["share_token"])


def downgrade() -> None:
    op.drop_constraint(op.f("uq_videos_share_token"), "videos", type_="unique")
    op.drop_column("videos", "finalized_at")
    op.drop_column("videos", "share_token")
    op.drop_column("videos", "output_duration")
    op.drop_column("videos", "output_bytes")
    op.drop_column("videos", "output_path")
    op.drop_column("videos", "options")
    op.drop_column("videos", "regenerated")
    op.drop_column("videos", "warnings")
    op.drop_column("videos", "style")
    op.drop_column("videos", "video_type")
    op.drop_column("videos", "seed")
    op.drop_column("videos", "analysis_version")
    op.drop_column("clips", "error")
    op.drop_column("clips", "seed")
    op.drop_column("clips", "provider")
    op.drop_column("clips", "source_path")
    op.drop_column("clips", "motion")
    op.drop_column("clips", "status")
    op.drop_column("clips", "scene_index")
    op.drop_index(op.f("ix_scenes_video_id"), table_name="scenes")
    op.drop_table("scenes")
