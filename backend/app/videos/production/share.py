"""Share links: `/v/{token}` plays the composed video in a plain page without signing in.
The token is 192 random bits (unguessable); revoking it clears it, so the old link is dead
at once; a new share makes a new token."""

import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import storage
from app.errors import Conflict, NotFound
from app.songs.models import Song
from app.videos.models import Video
from app.videos.production.schemas import SharedVideo


def share(db: Session, video: Video) -> Video:
    if not video.output_path:
        raise Conflict("Compose the video before sharing it")
    if video.share_token is None:
        video.share_token = secrets.token_urlsafe(24)
        db.commit()
    return video


def revoke(db: Session, video: Video) -> Video:
    video.share_token = None
    db.commit()
    return video


def path(video: Video) -> str | None:
    """The dashboard path of the share page; the dashboard prefixes its own origin, so the link
    is right whichever host name the creator reached the studio by."""
    return None if video.share_token is None else f"/v/{video.share_token}"


def shared(db: Session, token: str) -> SharedVideo:
    video = db.scalar(select(Video).where(Video.share_token == token)) if token else None
    if video is None or not video.output_path:
        raise NotFound("This link does not exist or was revoked")
    song = db.get_one(Song, video.song_id)
    return SharedVideo(
        title=song.title,
        aspect=video.aspect,
        duration=video.output_duration,
        video_url=storage.signed_url(video.output_path) or "",
    )
