"""A local stand-in for Mubert's music API, both dialects, as Mubert documents them:

- v3 under /api/v3: `POST /public/tracks` (customer-id + access-token headers; prompt,
  duration, bitrate, format, intensity, mode checked), `GET /public/tracks/{id}` that reports
  `processing` for a few polls and then `done` with a download link that expires
  (`expired_at`); reading the track again after expiry hands out a fresh link.
- legacy B2B v2: `POST /v2/RecordTrackTTM` (`pat` in the body) → a download link that
  answers 404 until the track is "recorded", then the audio.

Controls: `polls` before a track is ready, `link_ttl` for new links, `first_link_expired`,
`fail_words` (a prompt containing one fails to generate — as the batch tests need), and the
fault injection of EmulatedService (routes: "create", "get", "record", "file")."""

import uuid
from datetime import UTC, datetime, timedelta

from tests.emulators import media
from tests.emulators.service import EmulatedService, Received, Reply

BITRATES = {32, 64, 96, 128, 192, 256, 320}
UNAUTHORISED = {"error": {"code": 401, "message": "Invalid customer-id or access-token"}}


class MubertEmulator(EmulatedService):
    def __init__(
        self,
        *,
        customer_id: str = "cust-emulator-7f3a",
        access_token: str = "mubert-token-3b9c2e81d4",
        pat: str = "mubert-pat-51e0aa92c7",
    ) -> None:
        self.customer_id, self.access_token, self.pat = customer_id, access_token, pat
        super().__init__()

    def reset(self) -> None:
        super().reset()
        self.tracks: dict[str, dict] = {}
        self.polls = 2  # GETs that still say "processing"
        self.link_ttl = 60.0
        self.first_link_expired = False
        self.fail_words: set[str] = set()

    @property
    def base_v3(self) -> str:
        return f"{self.url}/api/v3"

    @property
    def base_v2(self) -> str:
        return f"{self.url}/v2"

    def route(self, req: Received) -> str:
        if req.method == "POST" and req.path == "/api/v3/public/tracks":
            return "create"
        if req.method == "GET" and req.path.startswith("/api/v3/public/tracks/"):
            return "get"
        if req.method == "POST" and req.path == "/v2/RecordTrackTTM":
            return "record"
        if req.method == "GET" and req.path.startswith("/v2/download/"):
            return "v2-file"
        return "unknown"

    def handle(self, req: Received) -> Reply:
        if req.route in ("create", "get"):
            if (
                req.headers.get("customer-id") != self.customer_id
                or req.headers.get("access-token") != self.access_token
            ):
                return Reply(401, UNAUTHORISED)
            return self._create(req) if req.route == "create" else self._get(req.path.rsplit("/", 1)[-1])
        if req.route == "record":
            return self._record(req)
        if req.route == "v2-file":
            return self._v2_file(req.path.rsplit("/", 1)[-1])
        self.check(False, f"unexpected {req.method} {req.path}")
        return Reply(404, {"error": {"code": 404, "message": "not found"}})

    # --- v3 -----------------------------------------------------------------------------
    def _valid(self, body: dict, *, text_field: str) -> str | None:
        """What the real API would say is wrong with these parameters, or None."""
        text = body.get(text_field)
        if not isinstance(text, str) or not 1 <= len(text) <= 255:
            return f"{text_field} must be 1-255 characters"
        if not isinstance(body.get("duration"), int) or not 15 <= body["duration"] <= 1500:
            return "duration must be an integer number of seconds (15-1500)"
        if body.get("bitrate") not in BITRATES:
            return "bitrate must be one of " + ", ".join(map(str, sorted(BITRATES)))
        if body.get("format") not in ("mp3", "wav"):
            return "format must be mp3 or wav"
        if body.get("intensity") not in ("low", "medium", "high"):
            return "intensity must be low, medium or high"
        if body.get("mode") not in ("track", "loop"):
            return "mode must be track or loop"
        return None

    def _create(self, req: Received) -> Reply:
        body = req.json if isinstance(req.json, dict) else {}
        problem = self._valid(body, text_field="prompt")
        if not self.check(problem is None, f"v3 create: {problem}"):
            return Reply(422, {"error": {"code": 422, "message": problem}})
        track_id = str(uuid.uuid4())
        with self.lock:
            self.tracks[track_id] = {
                "body": body,
                "polls_left": self.polls,
                "links": 0,
                "failed": any(w in body["prompt"].lower() for w in self.fail_words),
            }
        return Reply(201, {"data": self._track_json(track_id)})

    def _get(self, track_id: str) -> Reply:
        with self.lock:
            track = self.tracks.get(track_id)
            if track is None:
                return Reply(404, {"error": {"code": 404, "message": "track not found"}})
            if track["polls_left"] > 0:
                track["polls_left"] -= 1
            elif not track["failed"] and (track.get("url") is None or track["expires"] <= datetime.now(UTC)):
                self._new_link(track)
            return Reply(200, {"data": self._track_json(track_id)})

    def _new_link(self, track: dict) -> None:
        body = track["body"]
        expired = self.first_link_expired and track["links"] == 0
        ttl = -30.0 if expired else self.link_ttl
        data = media.audio(body["duration"], body["format"], bitrate=body["bitrate"])
        track["url"] = self.host(
            data,
            "audio/mpeg" if body["format"] == "mp3" else "audio/wav",
            ttl=ttl,
            suffix="." + body["format"],
        )
        track["expires"] = datetime.now(UTC) + timedelta(seconds=ttl)
        track["links"] += 1

    def _track_json(self, track_id: str) -> dict:
        track = self.tracks[track_id]
        body = track["body"]
        if track["failed"] and track["polls_left"] == 0:
            status, url, expired_at = "error", None, None
        elif track.get("url") and track["polls_left"] == 0:
            status, url, expired_at = (
                "done",
                track["url"],
                track["expires"].isoformat().replace("+00:00", "Z"),
            )
        else:
            status, url, expired_at = "processing", None, None
        return {
            "id": track_id,
            "session_id": str(uuid.uuid5(uuid.NAMESPACE_URL, track_id)),
            "prompt": body["prompt"],
            "duration": body["duration"],
            "intensity": body["intensity"],
            "mode": body["mode"],
            "bpm": 72,
            "key": "D",
            "generations": [
                {
                    "session_id": track_id,
                    "format": body["format"],
                    "bitrate": body["bitrate"],
                    "status": status,
                    "url": url,
                    "expired_at": expired_at,
                    "error": "generation failed for this prompt" if status == "error" else None,
                    "created_at": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
                }
            ],
        }

    # --- v2 -----------------------------------------------------------------------------
    def _record(self, req: Received) -> Reply:
        body = req.json if isinstance(req.json, dict) else {}
        params = body.get("params") if isinstance(body.get("params"), dict) else {}
        if not self.check(body.get("method") == "RecordTrackTTM", "v2: method must be RecordTrackTTM"):
            return Reply(200, {"status": 2, "error": {"code": 400, "text": "unknown method"}})
        if params.get("pat") != self.pat:
            return Reply(200, {"status": 2, "error": {"code": 401, "text": "Invalid pat"}})
        problem = self._valid(params, text_field="text")
        if not self.check(problem is None, f"v2 record: {problem}"):
            return Reply(200, {"status": 2, "error": {"code": 422, "text": problem}})
        task = uuid.uuid4().hex
        with self.lock:
            self.tracks[task] = {
                "body": params,
                "polls_left": self.polls,
                "failed": any(w in params["text"].lower() for w in self.fail_words),
            }
        return Reply(
            200,
            {
                "status": 1,
                "data": {
                    "tasks": [
                        {
                            "task_id": task,
                            "download_link": f"{self.url}/v2/download/{task}.{params['format']}",
                        }
                    ]
                },
            },
        )

    def _v2_file(self, name: str) -> Reply:
        with self.lock:
            track = self.tracks.get(name.split(".")[0])
            if track is None or track["failed"]:
                return Reply(404, b"not found", content_type="text/plain")
            if track["polls_left"] > 0:
                track["polls_left"] -= 1
                return Reply(404, b"not ready", content_type="text/plain")
        params = track["body"]
        return Reply(
            200,
            media.audio(params["duration"], params["format"], bitrate=params["bitrate"]),
            content_type="audio/mpeg" if params["format"] == "mp3" else "audio/wav",
        )
