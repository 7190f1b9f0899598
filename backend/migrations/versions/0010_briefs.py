"""briefs: an ad's brief (product, audience, tone, style, messages, call to action, duration,
aspect, brand colours, an optional library song), its chat transcript, its mood boards and
chosen direction, and the music and video made from it

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json_list(name: str) -> sa.Column:
    return sa.Column(
        name, postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False
    )


def upgrade() -> None:
    op.create_table(
        "briefs",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("product", sa.String(length=120), server_default="", nullable=False),
        sa.Column("audience", sa.String(length=200), server_default="", nullable=False),
        _json_list("tone"),
        _json_list("style_keywords"),
        _json_list("key_messages"),
        sa.Column("call_to_action", sa.String(length=80), server_default="", nullable=False),
        sa.Column("duration", sa.Integer(), nullable=True),
        sa.Column("aspect", sa.String(length=5), nullable=True),
        _json_list("brand_colors"),
        sa.Column("song_id", sa.Uuid(), nullable=True),
        _json_list("transcript"),
        _json_list("skipped"),
        _json_list("moodboards"),
        sa.Column("moodboard_round", sa.Integer(), server_default="0", nullable=False),
        sa.Column("chosen", sa.Integer(), nullable=True),
        sa.Column("music_song_id", sa.Uuid(), nullable=True),
        sa.Column("video_id", sa.Uuid(), nullable=True),
        _json_list("warnings"),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "duration IS NULL OR duration IN (15, 30, 45, 60)", name=op.f("ck_briefs_duration_values")
        ),
        sa.CheckConstraint(
            "aspect IS NULL OR aspect IN ('16:9','9:16','1:1')", name=op.f("ck_briefs_aspect_values")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_briefs_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["song_id"], ["songs.id"], name=op.f("fk_briefs_song_id_songs"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["music_song_id"], ["songs.id"], name=op.f("fk_briefs_music_song_id_songs"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["video_id"], ["videos.id"], name=op.f("fk_briefs_video_id_videos"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_briefs")),
    )
    op.create_index(op.f("ix_briefs_user_id"), "briefs", ["user_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_briefs_user_id"), table_name="briefs")
    op.drop_table("briefs")
