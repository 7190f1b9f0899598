"""Clips from Replicate's image-to-video models, run by name (both are official models):

- `wan-video/wan-2.2-i2v-fast` (the default): no duration input; the clip is `num_frames`
  (81-121) played at `frames_per_second`, so we pick both to cover the slot;
- `bytedance/seedance-1-lite`: whole seconds, 2-12, rounded up to cover the slot.

One clip is one paid prediction: created without waiting (POST), then read every
REPLICATE_VIDEO_POLL_SECONDS (a clip takes 30-120 s). The client never retries a POST, so a
429/5xx on create, or a prediction that fails on the service's side, is retried here on the
shared 2, 4, 8 s schedule, each attempt passing the budget guard and getting its own ledger
row. The output link stops working after an hour, so the mp4 is fetched as soon as the
prediction succeeds, then probed: what is stored is measured, not assumed."""

import base64
import contextlib
import math
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from replicate.prediction import Prediction

from app.config import get_settings
from app.core.errors import ProviderError
from app.core.progress import ProgressFn
from app.media.image import cover_crop, load_image_checked
from app.providers.calls import HttpFacts, call, retrying, scrub
from app.providers.clips import ASPECTS, ClipFile, ClipRequest, measure_clip
from app.providers.downloads import download
from app.providers.replicate_client import SERVICE, TERMINAL, client, output_urls
from app.providers.replicate_client import facts as client_facts
from app.usage.prices import PlannedCall

WAN = "wan-video/wan-2.2-i2v-fast"
SEEDANCE = "bytedance/seedance-1-lite"
WAN_FRAMES = (81, 121)
SEEDANCE_SECONDS = (2, 12)
# Pixels per frame at each resolution (Wan's 832x480 and 1280x720 areas): the still is sent
# at about this size in the clip's aspect, since the output takes the input image's shape.
AREAS = {"480p": 832 * 480, "720p": 1280 * 720, "1080p": 1920 * 1080}
MODERATION = ("E005", "flagged as sensitive")
# Progress shares: upload, then the prediction (from its logs when it prints a bar), then download.
UPLOADED, CREATED, GENERATED = 0.05, 0.1, 0.9


class PredictionFailed(Exception):
    """The service took the clip but the prediction ended `failed` for a reason other than
    moderation: usually on its side (a worker lost, out of memory), so worth another try."""


def facts(exc: BaseException) -> HttpFacts | None:
    if isinstance(exc, PredictionFailed):
        # Not a transport error, but treated like one: retried on the schedule, booked as
        # "transient" (the attempt is still charged: the service had the work).
        return HttpFacts(transport=f"the prediction failed ({exc})")
    return client_facts(exc)


def wan_frames(duration: float, *, fps_min: int, fps_max: int) -> tuple[int, int]:
    """(num_frames, frames_per_second) for a clip that covers `duration` where the model can:
    the fewest frames at the lowest rate, then the highest rate those frames allow (a short
    slot gets a clip close to its length instead of one trimmed by seconds, which would cut
    away the end frame). Past 121 frames at fps_min the clip falls short and is looped."""
    lo, hi = WAN_FRAMES
    frames = min(hi, max(lo, math.ceil(duration * fps_min - 1e-6)))
    fps = min(fps_max, max(fps_min, math.floor(frames / duration + 1e-6)))
    return frames, fps


def seedance_seconds(duration: float) -> int:
    lo, hi = SEEDANCE_SECONDS
    return min(hi, max(lo, math.ceil(duration - 1e-6)))


def frame_size(aspect: str, resolution: str) -> tuple[int, int]:
    """The still's size for upload: the resolution's area in the clip's aspect, even sides."""
    aw, ah = ASPECTS[aspect]
    width = math.sqrt(AREAS[resolution] * aw / ah)
    return 2 * round(width / 2), 2 * round(width * ah / aw / 2)


class ReplicateClipProvider:
    name = "replicate"

    def __init__(self) -> None:
        self.settings = get_settings()
        self.model = self.settings.replicate.video_model
        client()  # a missing token fails now, naming REPLICATE_API_TOKEN
        # A still is the end frame of one clip and the start of the next: send it once per
        # provider (one provider serves a video's clips; uploads live for a day).
        self._sent: dict[tuple, str] = {}
        self._locks: dict[tuple, threading.Lock] = {}
        self._locks_lock = threading.Lock()

    # --- what one clip asks for and costs ------------------------------------------------
    def planned_calls(self, request: ClipRequest) -> list[PlannedCall]:
        s = self.settings.replicate
        if self.model == WAN:
            variant = s.video_resolution + ("+interpolate" if s.video_interpolate else "")
            return [PlannedCall("replicate", SERVICE.label, WAN, "clip", 1, "clip", variant)]
        seconds = seedance_seconds(request.duration)
        return [
            PlannedCall("replicate", SERVICE.label, SEEDANCE, "clip", seconds, "second", s.video_resolution)
        ]

    def inputs(self, request: ClipRequest, *, image: str, last: str | None) -> dict[str, Any]:
        """The prediction's input; `image` and `last` are links (uploads) or data: URIs."""
        s = self.settings.replicate
        body: dict[str, Any] = {"image": image, "prompt": request.prompt, "seed": request.seed % 2**31}
        if self.model == WAN:
            frames, fps = wan_frames(request.duration, fps_min=s.video_fps_min, fps_max=s.video_fps_max)
            body |= {
                "num_frames": frames,
                "frames_per_second": fps,
                "resolution": s.video_resolution,
                # i2v and t2v default differently, so never leave it to the model.
                "interpolate_output": s.video_interpolate,
            }
            if last:
                body["last_image"] = last
        else:
            body |= {"duration": seedance_seconds(request.duration), "resolution": s.video_resolution}
            if last:
                body["last_frame_image"] = last  # only valid together with `image`, which is always sent
        return body

    # --- sending the stills ---------------------------------------------------------------
    def _prepared(self, still: Path, *, aspect: str, workdir: Path) -> Path:
        """The still as a JPEG at the clip's size and aspect (a few hundred kB, not a 4 MB PNG)."""
        try:
            picture = load_image_checked(still.read_bytes())
        except (OSError, ValueError) as exc:
            raise ProviderError(f"cannot send the still {still.name}: {exc}", provider=SERVICE.label) from exc
        width, height = frame_size(aspect, self.settings.replicate.video_resolution)
        path = workdir / f"still-{uuid.uuid4().hex[:10]}.jpg"
        cover_crop(picture, width=width, height=height).save(path, format="JPEG", quality=92)
        return path

    def _send(self, still: Path, *, aspect: str, workdir: Path) -> str:
        try:
            stat = still.stat()
        except OSError as exc:
            raise ProviderError(f"cannot send the still {still.name}: {exc}", provider=SERVICE.label) from exc
        key = (str(still.resolve()), stat.st_mtime_ns, stat.st_size, aspect)
        with self._locks_lock:  # clips run side by side; neighbours share stills
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._sent:
                self._sent[key] = self._sent_once(still, aspect=aspect, workdir=workdir)
            return self._sent[key]

    def _sent_once(self, still: Path, *, aspect: str, workdir: Path) -> str:
        path = self._prepared(still, aspect=aspect, workdir=workdir)
        if self.settings.replicate.video_upload == "data":
            return "data:image/jpeg;base64," + base64.b64encode(path.read_bytes()).decode()

        def upload(_n: int) -> str:
            uploaded = client().files.create(path)  # POST /v1/files (the client never retries it)
            return str(uploaded.urls["get"])

        return retrying(upload, service=SERVICE, facts=facts, what="uploading the still")

    # --- one clip ------------------------------------------------------------------------------
    def generate(self, request: ClipRequest, *, workdir: Path, progress: ProgressFn) -> ClipFile:
        if not request.prompt.strip():
            raise ProviderError("a clip needs its scene text as the prompt", provider=SERVICE.label)
        if request.aspect not in ASPECTS:
            raise ProviderError(f"cannot make a {request.aspect} clip", provider=SERVICE.label)
        best = [-1.0]

        def report(fraction: float) -> None:  # never backwards, even when an attempt restarts
            if fraction > best[0]:
                best[0] = fraction
                progress(fraction)

        report(0.0)
        image = self._send(request.still, aspect=request.aspect, workdir=workdir)
        last = (
            self._send(request.next_still, aspect=request.aspect, workdir=workdir)
            if request.next_still
            else None
        )
        report(UPLOADED)
        body = self.inputs(request, image=image, last=last)
        [planned] = self.planned_calls(request)
        clip = call(
            planned,
            lambda attempt: self._attempt(attempt, body, workdir=workdir, report=report),
            service=SERVICE,
            facts=facts,
            what="making the clip",
        )
        report(1.0)
        return clip

    def _attempt(self, attempt, body: dict[str, Any], *, workdir: Path, report: ProgressFn) -> ClipFile:
        prediction = client().models.predictions.create(model=self.model, input=body, wait=False)
        attempt.accept(prediction.id)
        report(CREATED)
        self._wait(prediction, report=report)
        url = output_urls(prediction.output, what="the clip")[0]
        path = download(
            url,
            dest=workdir / f"clip-{prediction.id}.mp4",
            max_bytes=self.settings.replicate.video_max_bytes,
            service=SERVICE,
            what="the clip",
        )
        clip = measure_clip(path, provider=SERVICE.label)
        report(GENERATED + 0.05)
        return clip

    def _wait(self, prediction: Prediction, *, report: ProgressFn) -> None:
        """Read the prediction every few seconds until it ends; raise unless it succeeded."""
        settings = self.settings
        deadline = time.monotonic() + settings.providers.max_wait_seconds
        while prediction.status not in TERMINAL:
            if time.monotonic() >= deadline:
                with contextlib.suppress(Exception):
                    prediction.cancel()  # stop paying for a clip we no longer wait for
                raise ProviderError(
                    f"the clip did not finish within {settings.providers.max_wait_seconds:.0f} s; "
                    "try again later",
                    provider=SERVICE.label,
                    retryable=True,
                )
            time.sleep(settings.replicate.video_poll_seconds)
            retrying(
                lambda _n: prediction.reload(), service=SERVICE, facts=facts, what="checking on the clip"
            )
            if prediction.progress is not None:
                report(CREATED + (GENERATED - CREATED) * prediction.progress.percentage)
        if prediction.status == "succeeded":
            return
        reason = scrub(str(prediction.error or prediction.status))
        if prediction.status == "canceled":
            raise ProviderError("the clip's prediction was canceled", provider=SERVICE.label)
        if any(mark.lower() in reason.lower() for mark in MODERATION):
            raise ProviderError(
                "flagged the still or the scene text as sensitive (E005); change the scene's text or "
                "still and regenerate the clip",
                provider=SERVICE.label,
            )
        raise PredictionFailed(reason)
