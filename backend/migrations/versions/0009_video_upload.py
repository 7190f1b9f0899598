"""video upload: an upload session and a quota row may belong to a video (exactly one of track
or video per session), the session's YouTube id renamed to say so, a captions flag; the video
keeps its YouTube id, link, visibility and upload warnings

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.alter_column("upload_sessions", "video_id", new_column_name="youtube_video_id")
    op.alter_column("upload_sessions", "track_id", existing_type=sa.Uuid(), nullable=True)
    op.add_column("upload_sessions", sa.Column("video_id", sa.Uuid(), nullable=True))
    op.add_column(
        "upload_sessions",
        sa.Column("captions_done", sa.Boolean(), server_default="false", nullable=False),
    )
    op.create_foreign_key(
        op.f("fk_upload_sessions_video_id_videos"),
        "upload_sessions",
        "videos",
        ["video_id"],
        ["id"],
        ondelete="CASCADE",
    )
    op.create_unique_constraint(op.f("uq_upload_sessions_video_id"), "upload_sessions", ["video_id"])
    op.create_check_constraint(
        op.f("ck_upload_sessions_one_subject"),
        "upload_sessions",
        "(track_id IS NULL) <> (video_id IS NULL)",
    )
    op.add_column("youtube_quota_usage", sa.Column("video_id", sa.Uuid(), nullable=True))
    op.create_foreign_key(
        op.f("fk_youtube_quota_usage_video_id_videos"),
        "youtube_quota_usage",
        "videos",
        ["video_id"],
        ["id"],
        ondelete="SET NULL",
    )
    op.add_column("videos", sa.Column("youtube_video_id", sa.String(length=32), nullable=True))
    op.add_column("videos", sa.Column("youtube_url", sa.String(length=200), nullable=True))
    op.add_column("videos", sa.Column("youtube_privacy", sa.String(length=20), nullable=True))
    op.add_column(
        "videos",
        sa.Column(
            "upload_warnings",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
    )
    op.add_column("videos", sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    for column in ("uploaded_at", "upload_warnings", "youtube_privacy", "youtube_url", "youtube_video_id"):
        op.drop_column("videos", column)
    op.drop_constraint(
        op.f("fk_youtube_quota_usage_video_id_videos"), "youtube_quota_usage", type_="foreignkey"
    )
    op.drop_column("youtube_quota_usage", "video_id")
    op.execute("DELETE FROM upload_sessions WHERE track_id IS NULL")
    op.drop_constraint(op.f("ck_upload_sessions_one_subject"), "upload_sessions", type_="check")
    op.drop_constraint(op.f("uq_upload_sessions_video_id"), "upload_sessions", type_="unique")
    op.drop_constraint(op.f("fk_upload_sessions_video_id_videos"), "upload_sessions", type_="foreignkey")
    op.drop_column("upload_sessions", "captions_done")
    op.drop_column("upload_sessions", "video_id")
    op.alter_column("upload_sessions", "track_id", existing_type=sa.Uuid(), nullable=False)
    op.alter_column("upload_sessions", "youtube_video_id", new_column_name="video_id")
