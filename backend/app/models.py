"""Every model, imported once so Alembic and the tests see the whole schema."""

from app.auth.models import AuthSession, RefreshToken, User
from app.batches.models import Batch, BatchItem
from app.db import Base
from app.jobs.models import Job, JobEvent
from app.tracks.models import Track, TrackStatus
from app.usage.models import ProviderCall
from app.youtube.models import YouTubeToken

__all__ = ["AuthSession", "Base", "Batch", "BatchItem", "Job", "JobEvent", "ProviderCall", "RefreshToken", "Track", "TrackStatus", "User", "YouTubeToken"]
