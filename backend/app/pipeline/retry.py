"""POST /retry: run the failed step again, from where the track stopped."""

from sqlalchemy.orm import Session

from app.errors import Conflict
from app.pipeline import generate, publish, render
from app.tracks.models import Track, TrackStatus
from app.tracks.service import claim


def retry(db: Session, *, track: Track) -> Track:
    if track.status != TrackStatus.FAILED:
        raise Conflict(f"Only a failed track can be retried; this one is {track.status}")
    if track.failed_stage == "render":
        # The music and art are intact: go back to `generated` and render again.
        track.status = TrackStatus.GENERATED
        db.commit()
        render.check_renderable(track)
        claim(db, track=track, expected=TrackStatus.GENERATED, status=TrackStatus.RENDERING,
              stage="rendering video", conflict="This track is already being retried")
        render.run(db, track=track)
    elif track.failed_stage == "generate":
        claim(db, track=track, expected=TrackStatus.FAILED, status=TrackStatus.GENERATING,
              stage="starting", conflict="This track is already being retried")
        generate.run(db, track=track)
    elif track.failed_stage == "upload":
        # Continues YouTube's resumable session from the last byte it confirmed.
        publish.resume(db, track=track)
    else:
        raise Conflict(f"Retrying the {track.failed_stage or 'unknown'} step is not supported")
    return track
