"""Every model, imported once so Alembic and the tests see the whole schema."""

from app.auth.models import AuthSession, RefreshToken, User
from app.batches.models import Batch, BatchItem
from app.db import Base
from app.tracks.models import Track, TrackStatus
from app.usage.models import ProviderCall  # provider-call ledger (issue 7)
from app.youtube.models import YouTubeToken

__all__ = ["AuthSession", "Base", "Batch", "BatchItem", "ProviderCall", "RefreshToken", "Track", "TrackStatus", "User", "YouTubeToken"]
