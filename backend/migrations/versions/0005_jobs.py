"""jobs and job_events; a track's running-step state moves from its row to its jobs

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KIND_OF_STATUS = {"generating": "generate", "rendering": "render", "uploading": "upload"}


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Uuid(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("step", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("subject_type", sa.String(length=20), nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=12), server_default="queued", nullable=False),
        sa.Column("stage", sa.String(length=80), nullable=True),
        sa.Column("progress", sa.Float(), server_default="0", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="1", nullable=False),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("error_code", sa.String(length=40), nullable=True),
        sa.Column("retryable", sa.Boolean(), nullable=True),
        sa.Column("cost_usd", sa.Numeric(precision=10, scale=4), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "status IN ('queued','running','succeeded','failed','cancelled')",
            name=op.f("ck_jobs_status_values"),
        ),
        sa.CheckConstraint("progress >= 0 AND progress <= 1", name=op.f("ck_jobs_progress_range")),
        sa.CheckConstraint("attempts >= 1", name=op.f("ck_jobs_attempts_positive")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_jobs_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )
    op.create_index(op.f("ix_jobs_user_id"), "jobs", ["user_id"])
    op.create_index("ix_jobs_subject", "jobs", ["subject_type", "subject_id", sa.text("created_at DESC")])
    op.create_index(
        "uq_jobs_active_step",
        "jobs",
        ["subject_type", "subject_id", "step"],
        unique=True,
        postgresql_where=sa.text("status IN ('queued','running')"),
    )
    op.create_table(
        "job_events",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("job_id", sa.Uuid(), nullable=False),
        sa.Column("subject_type", sa.String(length=20), nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("event", sa.String(length=20), nullable=False),
        sa.Column("data", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["jobs.id"], name=op.f("fk_job_events_job_id_jobs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_events")),
    )
    op.create_index("ix_job_events_subject", "job_events", ["subject_type", "subject_id", "id"])
    op.create_index("ix_job_events_job", "job_events", ["job_id", "id"])

    # Every track that failed, or that was running, gets the job that says so: a failed step
    # stays retryable, and a running one is failed by the next start-up like any other job.
    op.execute("""
        INSERT INTO jobs (user_id, step, kind, subject_type, subject_id, status, stage, progress, attempts,
                          error_message, error_code, retryable, created_at, started_at, finished_at)
        SELECT user_id, 'track.' || failed_stage, failed_stage, 'track', id, 'failed', NULL, 0, 1,
               coalesce(error_message, 'This step failed.'), 'UNKNOWN', true, updated_at, updated_at, updated_at
        FROM tracks WHERE status = 'failed' AND failed_stage IN ('generate', 'render', 'upload')
    """)
    for status, kind in KIND_OF_STATUS.items():
        op.execute(f"""
            INSERT INTO jobs (user_id, step, kind, subject_type, subject_id, status, stage, progress, attempts,
                              created_at, started_at)
            SELECT user_id, 'track.{kind}', '{kind}', 'track', id, 'running', stage,
                   least(greatest(coalesce(progress, 0), 0), 100) / 100.0, 1, updated_at, updated_at
            FROM tracks WHERE status = '{status}'
        """)
    op.drop_constraint(op.f("ck_tracks_progress_range"), "tracks", type_="check")
    for column in ("stage", "progress", "error_message", "failed_stage"):
        op.drop_column("tracks", column)


def downgrade() -> None:
    op.add_column("tracks", sa.Column("failed_stage", sa.String(length=20), nullable=True))
    op.add_column("tracks", sa.Column("error_message", sa.Text(), nullable=True))
    op.add_column("tracks", sa.Column("progress", sa.Integer(), nullable=True))
    op.add_column("tracks", sa.Column("stage", sa.String(length=40), nullable=True))
    op.create_check_constraint(
        op.f("ck_tracks_progress_range"), "tracks", "progress IS NULL OR (progress >= 0 AND progress <= 100)"
    )
    # The newest job of each track tells the old columns what they held.
    op.execute("""
        UPDATE tracks t SET
            failed_stage = CASE WHEN j.status = 'failed' THEN j.kind END,
            error_message = CASE WHEN j.status = 'failed' THEN j.error_message END,
            stage = CASE WHEN j.status IN ('queued', 'running') THEN left(j.stage, 40) END,
            progress = CASE WHEN j.status IN ('queued', 'running') THEN (j.progress * 100)::int END
        FROM (SELECT DISTINCT ON (subject_id) * FROM jobs WHERE subject_type = 'track'
              ORDER BY subject_id, created_at DESC) j
        WHERE j.subject_id = t.id
    """)
    op.drop_index("ix_job_events_job", table_name="job_events")
    op.drop_index("ix_job_events_subject", table_name="job_events")
    op.drop_table("job_events")
    op.drop_index("uq_jobs_active_step", table_name="jobs")
    op.drop_index("ix_jobs_subject", table_name="jobs")
    op.drop_index(op.f("ix_jobs_user_id"), table_name="jobs")
    op.drop_table("jobs")
