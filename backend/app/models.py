"""Every model, imported once so Alembic and the tests see the whole schema."""

from app.ads.models import Brief
from app.auth.models import AuthSession, RefreshToken, User
from app.batches.models import Batch, BatchItem
from app.db import Base
from app.jobs.models import Job, JobEvent
from app.songs.models import Song, SongAnalysis
from app.tracks.models import Track, TrackStatus
from app.usage.models import ProviderCall
from app.videos.models import Clip, Video
from app.youtube.models import YouTubeToken

__all__ = [
    "AuthSession",
    "Base",
    "Batch",
    "BatchItem",
    "Brief",
    "Clip",
    "Job",
    "JobEvent",
    "Song",
    "SongAnalysis",
    "Video",
    "ProviderCall",
    "RefreshToken",
    "Track",
    "TrackStatus",
    "User",
    "YouTubeToken",
]
