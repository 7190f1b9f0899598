"""Mubert music, over httpx (Mubert has no official Python client).

API v3 (default): `POST /public/tracks` with the customer's `customer-id` + `access-token`
headers, poll `GET /public/tracks/{id}` until the generation is done, then download its link
before `expired_at` (an expired link is renewed once by reading the track again).
Legacy B2B v2 (MUBERT_API=v2, the older flow): `POST …/v2/RecordTrackTTM` with the
personal access token in the body, then poll the returned link until it answers 200.
Status words that Mubert's documentation leaves unclear (done vs completed; v2 error
shapes) are all accepted."""

import math
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from app.config import get_settings
from app.core.errors import ProviderError
from app.core.progress import ProgressFn
from app.providers.base import AudioResult
from app.providers.calls import Service, call, pick, poll_until, require_keys, retrying, scrub
from app.providers.downloads import LinkGone, download, fetch_once
from app.providers.outputs import to_audio_result
from app.usage.prices import PlannedCall

SERVICE = Service("mubert", "Mubert", ("MUBERT_CUSTOMER_ID", "MUBERT_ACCESS_TOKEN"))
SERVICE_V2 = Service("mubert", "Mubert", ("MUBERT_PAT",))
DONE, FAILED = {"done", "completed", "success"}, {"error", "failed"}
PROMPT_LIMIT = 200  # v3 accepts 200–255 characters depending on the plan; 200 is safe everywhere
EXPIRY_MARGIN = timedelta(seconds=10)  # a link this close to expiry is renewed before use
WAIT_SHARE = 0.6  # of the progress bar: waiting for Mubert; decoding and encoding take the rest


def short_prompt(prompt: str) -> str:
    """Cut at a word boundary: Mubert refuses longer prompts rather than truncating them."""
    if len(prompt) <= PROMPT_LIMIT:
        return prompt
    cut = prompt[:PROMPT_LIMIT].rsplit(" ", 1)[0]
    return cut or prompt[:PROMPT_LIMIT]


def _expired(generation: dict) -> bool:
    raw = generation.get("expired_at")
    if not raw:
        return False
    try:
        when = datetime.fromisoformat(str(raw))  # 3.11 reads a trailing Z
    except ValueError:
        return False  # unreadable: try the link and renew it if it is refused
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when - EXPIRY_MARGIN <= datetime.now(UTC)


class MubertProvider:
    name = "mubert"

    def __init__(self) -> None:
        self.settings = get_settings()
        self.v2 = self.settings.mubert.api == "v2"
        if self.v2:
            self.keys = require_keys(SERVICE_V2, mubert_pat=self.settings.mubert.pat)
        else:
            self.keys = require_keys(
                SERVICE,
                mubert_customer_id=self.settings.mubert.customer_id,
                mubert_access_token=self.settings.mubert.access_token,
            )
        self.service = SERVICE_V2 if self.v2 else SERVICE

    def planned_calls(self, *, duration: int) -> list[PlannedCall]:
        return [PlannedCall("mubert", "Mubert", "b2b-v2" if self.v2 else "api-v3", "music", 1, "track")]

    def generate(
        self, *, prompt: str, duration: int, seed: int, workdir: Path, progress: ProgressFn
    ) -> AudioResult:
        progress(0.0)
        started = time.monotonic()

        def waiting() -> None:  # Mubert gives no progress: creep towards WAIT_SHARE
            progress(WAIT_SHARE * (1 - math.exp(-(time.monotonic() - started) / 60)))

        dest = workdir / f"mubert.{self.settings.mubert.format}"
        planned = self.planned_calls(duration=duration)[0]
        if self.v2:
            self._record_v2(prompt=prompt, duration=duration, dest=dest, planned=planned, waiting=waiting)
        else:
            self._track_v3(prompt=prompt, duration=duration, dest=dest, planned=planned, waiting=waiting)
        progress(WAIT_SHARE)
        return to_audio_result(
            [dest],
            duration=duration,
            crossfade=0,
            workdir=workdir,
            service=self.service,
            progress=lambda f: progress(WAIT_SHARE + (1 - WAIT_SHARE) * f),
        )

    # --- API v3 -------------------------------------------------------------------------
    def _client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.settings.mubert.base_url.rstrip("/"),
            timeout=self.settings.providers.timeout_seconds,
            headers={
                "customer-id": self.keys["mubert_customer_id"],
                "access-token": self.keys["mubert_access_token"],
            },
        )

    def _track_v3(self, *, prompt: str, duration: int, dest: Path, planned: PlannedCall, waiting) -> None:
        body = {
            "prompt": short_prompt(prompt),
            "duration": duration,
            "bitrate": self.settings.mubert.bitrate,
            "format": self.settings.mubert.format,
            "intensity": self.settings.mubert.intensity,
            "mode": self.settings.mubert.mode,
        }
        with self._client() as client:

            def work(attempt) -> tuple[str, dict]:
                response = client.post("/public/tracks", json=body)
                response.raise_for_status()
                track_id = str(
                    pick(response.json(), "data", "id", service=SERVICE, what="creating the track")
                )
                attempt.accept(track_id)
                return track_id, poll_until(
                    lambda: self._generation_if_done(client, track_id, waiting),
                    service=SERVICE,
                    what="waiting for the track",
                )

            track_id, generation = call(planned, work, service=SERVICE, what="creating the track")
            if _expired(generation):  # e.g. a slow poll: renew before using the link
                generation = self._renewed(client, track_id)
            try:
                self._download(generation, dest)
            except LinkGone:  # expired between reading and fetching, or revoked: ask once more
                self._download(self._renewed(client, track_id), dest)

    def _download(self, generation: dict, dest: Path) -> None:
        download(
            pick(generation, "url", service=SERVICE, what="the finished track"),
            dest=dest,
            max_bytes=self.settings.providers.audio_max_bytes,
            service=SERVICE,
            what="the Mubert track",
        )

    def _renewed(self, client: httpx.Client, track_id: str) -> dict:
        return retrying(
            lambda _n: self._generation(client, track_id), service=SERVICE, what="renewing the download link"
        )

    def _generation(self, client: httpx.Client, track_id: str) -> dict:
        response = client.get(f"/public/tracks/{track_id}")
        response.raise_for_status()
        return pick(response.json(), "data", "generations", 0, service=SERVICE, what="reading the track")

    def _generation_if_done(self, client: httpx.Client, track_id: str, waiting) -> dict | None:
        generation = self._generation(client, track_id)
        status = str(generation.get("status", "")).lower()
        if status in DONE:
            return generation
        if status in FAILED:
            reason = scrub(str(generation.get("error") or generation.get("message") or status))
            raise ProviderError(
                f"could not make this track ({reason}); try another prompt", provider=SERVICE.label
            )
        waiting()
        return None

    # --- Legacy B2B v2 --------------------------------------------------------------------
    def _record_v2(self, *, prompt: str, duration: int, dest: Path, planned: PlannedCall, waiting) -> None:
        params = {
            "pat": self.keys["mubert_pat"],
            "duration": duration,
            "text": short_prompt(prompt),
            "mode": self.settings.mubert.mode,
            "format": self.settings.mubert.format,
            "bitrate": self.settings.mubert.bitrate,
            "intensity": self.settings.mubert.intensity,
        }
        url = self.settings.mubert.v2_base_url.rstrip("/") + "/RecordTrackTTM"

        link = ""

        def fetch_when_ready() -> Path | None:
            waiting()
            return fetch_once(
                link,
                dest=dest,
                max_bytes=self.settings.providers.audio_max_bytes,
                service=SERVICE_V2,
                what="the Mubert track",
                not_ready=frozenset({404}),
            )

        def work(attempt) -> None:
            nonlocal link
            with httpx.Client(timeout=self.settings.providers.timeout_seconds) as client:
                response = client.post(url, json={"method": "RecordTrackTTM", "params": params})
                response.raise_for_status()
                answer = response.json()
            if answer.get("status") != 1:
                self._v2_refusal(answer)
            link = str(
                pick(
                    answer,
                    "data",
                    "tasks",
                    0,
                    "download_link",
                    service=SERVICE_V2,
                    what="recording the track",
                )
            )
            attempt.accept(link.rsplit("/", 1)[-1][:200])
            poll_until(fetch_when_ready, service=SERVICE_V2, what="waiting for the track")

        call(planned, work, service=SERVICE_V2, what="recording the track")

    @staticmethod
    def _v2_refusal(answer: dict) -> None:
        error: dict = answer["error"] if isinstance(answer.get("error"), dict) else {}
        text = scrub(
            str(error.get("text") or error.get("message") or answer.get("error") or "no reason given")
        )
        code = error.get("code")
        if code in (401, 403) or any(w in text.lower() for w in ("pat", "token", "auth", "access")):
            raise ProviderError(
                f"refused the key: check your Mubert key (MUBERT_PAT) — {text}", provider=SERVICE_V2.label
            )
        raise ProviderError(f"refused the request: {text}", provider=SERVICE_V2.label)
