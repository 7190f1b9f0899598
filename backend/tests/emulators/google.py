"""A local stand-in for Google's OAuth 2.0 endpoints and the YouTube Data API v3 upload
endpoints, speaking the wire protocol the official clients use:
consent redirect, token exchange with PKCE, refresh, revoke; resumable uploads (200 +
Location, 308 + Range, `bytes */total` status queries, final 200 with the video resource),
thumbnails.set, captions.insert (multipart: snippet + SRT), videos.list, channels.list. It checks bearer tokens, chunk alignment and
ranges, keeps the reassembled file, and can inject faults: 5xx on a chunk, a chunk held until
released (to kill the client meanwhile), a chunk answered too late, expired access tokens,
revoked grants, exhausted quota, refused thumbnails, videos forced private."""

import base64
import hashlib
import json
import re
import secrets
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from http.server import ThreadingHTTPServer
from urllib.parse import urlencode

ALIGN = 256 * 1024


def _error(code: int, reason: str, message: str) -> dict:
    return {
        "error": {
            "code": code,
            "message": message,
            "errors": [
                {
                    "message": message,
                    "domain": "youtube.quota" if reason == "quotaExceeded" else "global",
                    "reason": reason,
                }
            ],
        }
    }


@dataclass
class Session:
    body: dict
    total: int
    data: bytearray = field(default_factory=bytearray)
    video_id: str | None = None


class GoogleEmulator:
    def __init__(
        self, *, client_id: str = "emulator-client", client_secret: str = "emulator-secret", port: int = 0
    ) -> None:
        self.client_id, self.client_secret = client_id, client_secret
        self.lock = threading.RLock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False  # a held handler must not block shutdown
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.reset()

    # --- lifecycle and controls -------------------------------------------------------------
    def start(self) -> "GoogleEmulator":
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release()
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        with self.lock:
            self.channel: tuple[str, str] | None = ("UCemulatorchannel0000001", "Lofi Rain Studio")
            self.chunk_bytes = ALIGN  # what "chunk n" means in the fault controls
            self.codes: dict[str, dict] = {}
            self.refresh_tokens: dict[str, bool] = {}  # token -> revoked
            self.grant_scopes: dict[str, list[str]] = {}  # refresh token -> scopes granted
            self.access_tokens: dict[str, dict] = {}  # token -> {refresh, expired}
            self.sessions: dict[str, Session] = {}
            self.videos: dict[str, dict] = {}
            self.files: dict[str, bytes] = {}
            self.thumbnails: dict[str, tuple[str, bytes]] = {}
            self.calls: list[tuple[str, str, int]] = []  # method, path, status
            self.chunk_starts: list[int] = []
            self.status_queries = 0
            self.auth_requests: list[dict] = []
            self.insert_bodies: list[dict] = []
            self.fail_chunks: dict[int, tuple[int, int]] = {}  # index -> (status, times)
            self.delay_chunks: dict[int, float] = {}
            self.hold_index: int | None = None
            self.held, self._release = threading.Event(), threading.Event()
            self.on_chunk = None  # test hook, called with the chunk's first byte before it is kept
            self.deny_consent = False
            self.granted_scopes: list[str] | None = None  # None = what was asked
            self.quota_exhausted = False
            self.insert_error: tuple[int, str] | None = None  # one-shot refusal of videos.insert
            self.thumbnail_forbidden = False
            self.force_private = False
            self.captions: dict[str, list[dict]] = {}  # video id -> [{snippet, content_type, body}]
            self.caption_error: tuple[int, str] | None = None  # one-shot refusal of captions.insert

    def fail_chunk(self, index: int, status: int = 503, times: int = 1) -> None:
        self.fail_chunks[index] = (status, times)

    def delay_chunk(self, index: int, seconds: float) -> None:
        self.delay_chunks[index] = seconds

    def hold_chunk(self, index: int) -> None:
        self.hold_index = index
        self.held.clear()
        self._release.clear()

    def release(self) -> None:
        self._release.set()

    def expire_access_tokens(self) -> None:
        with self.lock:
            for token in self.access_tokens.values():
                token["expired"] = True

    def revoke_all(self) -> None:
        """As if the creator removed the app's access in their Google account."""
        with self.lock:
            for token in self.refresh_tokens:
                self.refresh_tokens[token] = True
            self.expire_access_tokens()

    # --- observations -----------------------------------------------------------------------
    def resent_chunks(self) -> int:
        return sum(n - 1 for n in Counter(self.chunk_starts).values())

    def count(self, method: str, path: str) -> int:
        return sum(1 for m, p, _ in self.calls if m == method and p == path)

    def latest_access_token(self) -> str:
        return list(self.access_tokens)[-1]

    # --- OAuth ------------------------------------------------------------------------------
    def consent(self, q: dict) -> tuple[int, dict, object]:
        self.auth_requests.append(q)
        if q.get("client_id") != self.client_id or q.get("response_type") != "code":
            return 400, {}, {"error": "invalid_request"}
        if q.get("code_challenge_method") != "S256" or not q.get("code_challenge"):
            return 400, {}, {"error": "invalid_request", "error_description": "PKCE required"}
        back = {"state": q.get("state", "")}
        if self.deny_consent:
            back["error"] = "access_denied"
        else:
            code = secrets.token_urlsafe(24)
            scopes = self.granted_scopes if self.granted_scopes is not None else q.get("scope", "").split()
            self.codes[code] = {
                "challenge": q["code_challenge"],
                "redirect_uri": q.get("redirect_uri"),
                "scopes": scopes,
            }
            back |= {"code": code, "scope": " ".join(scopes)}
        return 302, {"Location": f"{q.get('redirect_uri')}?{urlencode(back)}"}, None

    def token(self, form: dict, basic: tuple[str, str] | None) -> tuple[int, dict]:
        client = basic or (form.get("client_id"), form.get("client_secret"))
        if client != (self.client_id, self.client_secret):
            return 401, {"error": "invalid_client"}
        with self.lock:
            if form.get("grant_type") == "authorization_code":
                grant = self.codes.pop(form.get("code", ""), None)  # single use
                verifier = form.get("code_verifier", "")
                challenge = (
                    base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
                )
                if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
                    return 400, {"error": "invalid_grant", "error_description": "Bad Request"}
                if not verifier or challenge != grant["challenge"]:
                    return 400, {"error": "invalid_grant", "error_description": "Missing code verifier."}
                refresh = "1//" + secrets.token_urlsafe(48)
                self.refresh_tokens[refresh] = False
                self.grant_scopes[refresh] = grant["scopes"]
                return 200, self._issue(refresh, grant["scopes"]) | {"refresh_token": refresh}
            if form.get("grant_type") == "refresh_token":
                refresh = form.get("refresh_token", "")
                if self.refresh_tokens.get(refresh, True):
                    return 400, {
                        "error": "invalid_grant",
                        "error_description": "Token has been expired or revoked.",
                    }
                return 200, self._issue(refresh, self.grant_scopes[refresh])
        return 400, {"error": "unsupported_grant_type"}

    def _issue(self, refresh: str, scopes: list[str]) -> dict:
        access = "ya29." + secrets.token_urlsafe(96)
        self.access_tokens[access] = {"refresh": refresh, "expired": False}
        return {"access_token": access, "expires_in": 3599, "scope": " ".join(scopes), "token_type": "Bearer"}

    def revoke(self, token: str) -> tuple[int, dict]:
        with self.lock:
            refresh = self.access_tokens.get(token, {}).get("refresh", token)
            if refresh not in self.refresh_tokens:
                return 400, {"error": "invalid_token", "error_description": "Token expired or revoked"}
            self.refresh_tokens[refresh] = True
            for access in self.access_tokens.values():
                if access["refresh"] == refresh:
                    access["expired"] = True
        return 200, {}

    def authorised(self, header: str | None) -> bool:
        token = (header or "").removeprefix("Bearer ")
        with self.lock:
            info = self.access_tokens.get(token)
            return bool(info) and not info["expired"] and not self.refresh_tokens.get(info["refresh"], True)

    # --- YouTube ----------------------------------------------------------------------------
    def start_upload(self, q: dict, headers, body: dict) -> tuple[int, dict, object]:
        if q.get("uploadType") != "resumable" or set(q.get("part", "").split(",")) != {"snippet", "status"}:
            return 400, {}, _error(400, "badRequest", "expected uploadType=resumable&part=snippet,status")
        if self.insert_error:
            (status, reason), self.insert_error = self.insert_error, None
            return status, {}, _error(status, reason, "The request metadata is invalid.")
        if self.quota_exhausted:
            return (
                403,
                {},
                _error(
                    403,
                    "quotaExceeded",
                    "The request cannot be completed because you have exceeded your quota.",
                ),
            )
        title, status = body.get("snippet", {}).get("title", ""), body.get("status", {})
        if not 0 < len(title) <= 100 or "<" in title or ">" in title:
            return (
                400,
                {},
                _error(400, "invalidTitle", "The request metadata specifies an invalid video title."),
            )
        if (
            status.get("privacyStatus") not in ("public", "unlisted", "private")
            or "selfDeclaredMadeForKids" not in status
        ):
            return 400, {}, _error(400, "invalidVideoMetadata", "The request metadata is invalid.")
        if status.get("publishAt") and status["privacyStatus"] != "private":
            return 400, {}, _error(400, "invalidPublishAt", "publishAt needs privacyStatus private.")
        total = int(headers.get("X-Upload-Content-Length") or -1)
        if total <= 0 or not (headers.get("X-Upload-Content-Type") or "").startswith("video/"):
            return 400, {}, _error(400, "badContent", "X-Upload-Content-Length/Type missing")
        upload_id = secrets.token_urlsafe(32)
        with self.lock:
            self.insert_bodies.append(body)
            self.sessions[upload_id] = Session(body=body, total=total)
        location = f"{self.url}/upload/youtube/v3/videos?uploadType=resumable&part=snippet%2Cstatus&upload_id={upload_id}"
        return 200, {"Location": location}, None

    def put_chunk(self, session: Session, content_range: str, data: bytes) -> tuple[int, dict, object]:
        if match := re.fullmatch(r"bytes \*/(\d+)", content_range):
            self.status_queries += 1
            return self._position(session)
        match = re.fullmatch(r"bytes (\d+)-(\d+)/(\d+)", content_range)
        if not match:
            return 400, {}, _error(400, "badContentRange", f"bad Content-Range {content_range!r}")
        start, end, total = map(int, match.groups())
        if total != session.total or end - start + 1 != len(data) or end >= total:
            return (
                400,
                {},
                _error(400, "badContentRange", "range does not match the body or the declared size"),
            )
        if start != len(session.data):
            return (
                400,
                {},
                _error(400, "badContentRange", f"chunk starts at {start}, server has {len(session.data)}"),
            )
        if end + 1 < total and len(data) % ALIGN:
            return 400, {}, _error(400, "badChunkSize", "chunks must be multiples of 256 KiB")
        index = start // self.chunk_bytes
        self.chunk_starts.append(start)
        if index in self.fail_chunks:
            status, times = self.fail_chunks.pop(index)
            if times > 1:
                self.fail_chunks[index] = (status, times - 1)
            return status, {}, _error(status, "backendError", "Backend Error")
        if index in self.delay_chunks:
            time.sleep(self.delay_chunks.pop(index))  # the client has given up by now
            return 503, {}, _error(503, "backendError", "Backend Error")
        if index == self.hold_index:
            self.hold_index = None
            self.held.set()
            self._release.wait(60)
            return 503, {}, _error(503, "backendError", "Backend Error")  # the client is gone
        if self.on_chunk:
            self.on_chunk(start)
        with self.lock:
            session.data += data
            if len(session.data) == total:
                self._finish(session)
        return self._position(session)

    def _position(self, session: Session) -> tuple[int, dict, object]:
        if session.video_id:
            return 200, {}, self.videos[session.video_id]
        return 308, ({"Range": f"bytes=0-{len(session.data) - 1}"} if session.data else {}), None

    def _finish(self, session: Session) -> None:
        video_id = secrets.token_urlsafe(8)[:11]
        status = session.body["status"]
        self.files[video_id] = bytes(session.data)
        self.videos[video_id] = {
            "kind": "youtube#video",
            "id": video_id,
            "snippet": session.body["snippet"]
            | {
                "channelId": self.channel[0] if self.channel else "",
                "publishedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            },
            "status": {
                "uploadStatus": "uploaded",
                "privacyStatus": status["privacyStatus"],
                "publishAt": status.get("publishAt"),
                "madeForKids": status["selfDeclaredMadeForKids"],
                "selfDeclaredMadeForKids": status["selfDeclaredMadeForKids"],
                "containsSyntheticMedia": status.get("containsSyntheticMedia", False),
                "license": "youtube",
                "embeddable": True,
            },
        }
        session.video_id = video_id

    def set_thumbnail(self, q: dict, content_type: str, data: bytes) -> tuple[int, object]:
        if q.get("videoId") not in self.videos:
            return 404, _error(404, "videoNotFound", "The video could not be found.")
        if self.thumbnail_forbidden:
            return 403, _error(
                403,
                "forbidden",
                "The authenticated user doesn't have permissions to upload and set custom video thumbnails.",
            )
        if content_type not in ("image/jpeg", "image/png") or len(data) > 2 * 1024 * 1024:
            return 400, _error(
                400, "mediaBodyTooBig", "The thumbnail image file is too large or of the wrong type."
            )
        self.thumbnails[q["videoId"]] = (content_type, data)
        return 200, {
            "kind": "youtube#thumbnailSetResponse",
            "items": [{"default": {"url": "https://i.ytimg.com/x"}}],
        }

    def insert_caption(self, q: dict, content_type: str, data: bytes) -> tuple[int, object]:
        """captions.insert as the client library sends it: one multipart/related request, the
        snippet as JSON then the caption file. The file must be SRT cues within the video."""
        if q.get("uploadType") != "multipart" or q.get("part") != "snippet":
            return 400, _error(400, "badRequest", "expected uploadType=multipart&part=snippet")
        parts = _multipart(content_type, data)
        if parts is None or len(parts) != 2 or not parts[0][0].startswith("application/json"):
            return 400, _error(400, "badContent", "expected a multipart/related body: JSON, then the file")
        try:
            snippet = json.loads(parts[0][1]).get("snippet", {})
        except ValueError:
            return 400, _error(400, "parseError", "the metadata part is not JSON")
        video_id = snippet.get("videoId")
        if video_id not in self.videos:
            return 404, _error(404, "videoNotFound", "The video could not be found.")
        language, name = snippet.get("language"), snippet.get("name")
        if not isinstance(language, str) or not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", language):
            return 400, _error(400, "invalidMetadata", "snippet.language must be a BCP-47 code")
        if not isinstance(name, str) or not 0 < len(name) <= 150 or snippet.get("isDraft") is not False:
            return 400, _error(400, "invalidMetadata", "snippet.name and snippet.isDraft=false are expected")
        if self.caption_error:
            (status, reason), self.caption_error = self.caption_error, None
            return status, _error(status, reason, "The caption track could not be added.")
        text = parts[1][1].decode("utf-8", errors="strict")
        cues = re.findall(
            r"(?m)^\d+\r?\n(\d\d):(\d\d):(\d\d),(\d{3}) --> (\d\d):(\d\d):(\d\d),(\d{3})\r?\n\S", text
        )
        if not cues:
            return 400, _error(400, "captionFileInvalid", "The caption file is not SRT or has no cues.")
        caption_id = secrets.token_urlsafe(16)
        self.captions.setdefault(video_id, []).append(
            {"id": caption_id, "snippet": snippet, "content_type": parts[1][0], "body": text}
        )
        return 200, {
            "kind": "youtube#caption",
            "id": caption_id,
            "snippet": snippet | {"trackKind": "standard", "status": "serving"},
        }

    def list_videos(self, q: dict) -> dict:
        items = []
        for vid in q.get("id", "").split(","):
            if vid in self.videos:
                video = json.loads(json.dumps(self.videos[vid]))
                if self.force_private:
                    video["status"]["privacyStatus"] = "private"
                items.append(
                    {"kind": "youtube#video", "id": vid}
                    | {p: video[p] for p in q.get("part", "").split(",") if p in video}
                )
        return {"kind": "youtube#videoListResponse", "items": items}

    def list_channels(self) -> dict:
        items = (
            [{"kind": "youtube#channel", "id": self.channel[0], "snippet": {"title": self.channel[1]}}]
            if self.channel
            else []
        )
        return {"kind": "youtube#channelListResponse", "items": items}


def _multipart(content_type: str, data: bytes) -> list[tuple[str, bytes]] | None:
    """The parts of a multipart/related body as (content type, bytes), None when it is not one."""
    if not content_type.startswith("multipart/related"):
        return None
    message = BytesParser(policy=policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + data
    )
    if not message.is_multipart():
        return None
    return [(part.get_content_type(), part.get_payload(decode=True) or b"") for part in message.iter_parts()]


def _handler(emulator: GoogleEmulator):
    from tests.emulators.google_http import make_handler

    return make_handler(emulator)
