"""YouTube Data API v3 through the official client (google-api-python-client), aimed at
settings' base URL so the same code talks to Google or to a local emulator.

Only this module knows the wire: resumable sessions, `Content-Range: bytes */total` status
queries, Google's error reasons. Everything leaves it as a video resource, a number of
confirmed bytes, or a YouTubeError that says whether trying again makes sense."""

import json
import logging
import socket
import time
from collections.abc import Callable
from pathlib import Path

import httplib2
from google.auth.exceptions import RefreshError
from google.oauth2.credentials import Credentials
from google_auth_httplib2 import AuthorizedHttp
from googleapiclient.discovery import build_from_document
from googleapiclient.discovery_cache import get_static_doc
from googleapiclient.errors import HttpError
from googleapiclient.http import MediaFileUpload, MediaIoBaseUpload, build_http

from app.config import get_settings
from app.core.errors import ProviderError

log = logging.getLogger("app.youtube")

UPLOAD_SCOPE = "https://www.googleapis.com/auth/youtube.upload"
READONLY_SCOPE = "https://www.googleapis.com/auth/youtube.readonly"
SCOPES = (UPLOAD_SCOPE, READONLY_SCOPE)
QUOTA_REASONS = {"quotaExceeded", "dailyLimitExceeded", "uploadLimitExceeded"}
RATE_REASONS = {"rateLimitExceeded", "userRateLimitExceeded", "backendError"}


class YouTubeError(ProviderError):
    def __init__(
        self,
        message: str,
        *,
        reason: str | None = None,
        status: int | None = None,
        retryable: bool = False,
        quota: bool = False,
        reconnect: bool = False,
    ) -> None:
        super().__init__(message, provider="YouTube", retryable=retryable)
        self.reason, self.status, self.quota, self.reconnect = reason, status, quota, reconnect


def _error_details(content: bytes | str | None) -> tuple[str | None, str | None]:
    try:
        error = json.loads(content or b"{}").get("error", {})
        first = (error.get("errors") or [{}])[0]
        return first.get("reason") or error.get("status"), error.get("message") or first.get("message")
    except (ValueError, AttributeError):
        return None, None


def classify(exc: BaseException) -> YouTubeError | None:
    """What a failed call means for the creator; None for errors that are our own bugs."""
    if isinstance(exc, YouTubeError):
        return exc
    if isinstance(exc, RefreshError):
        data = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], dict) else {}
        if data.get("error") == "invalid_grant" or "invalid_grant" in str(exc.args[0] if exc.args else ""):
            return YouTubeError(
                "Google no longer accepts this channel's authorisation (invalid_grant): it was revoked, or the "
                "Google app is in Testing mode, where authorisations expire after 7 days. Reconnect the "
                "channel in Settings.",
                reason="invalid_grant",
                reconnect=True,
            )
        return YouTubeError(
            "Could not refresh the YouTube access token.",
            reason="refresh_failed",
            retryable=bool(getattr(exc, "retryable", False)),
        )
    if isinstance(exc, HttpError):
        status = exc.resp.status
        reason, message = _error_details(exc.content)
        if reason in QUOTA_REASONS:
            what = (
                "this channel has reached YouTube's daily upload limit"
                if reason == "uploadLimitExceeded"
                else "the API project's daily YouTube quota is used up"
            )
            return YouTubeError(
                f"YouTube refused the request: {what} ({reason}).", reason=reason, status=status, quota=True
            )
        if status == 401:
            return YouTubeError(
                "YouTube rejected the access token even after refreshing it; reconnect the "
                "channel in Settings.",
                reason=reason or "authError",
                status=401,
                reconnect=True,
            )
        if status >= 500 or status == 429 or reason in RATE_REASONS:
            return YouTubeError(
                f"YouTube had a temporary problem (HTTP {status}).",
                reason=reason,
                status=status,
                retryable=True,
            )
        return YouTubeError(
            f"YouTube refused the request (HTTP {status}{', ' + reason if reason else ''}): "
            f"{message or 'no details given'}",
            reason=reason,
            status=status,
        )
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return YouTubeError("YouTube did not answer in time.", reason="timeout", retryable=True)
    if isinstance(exc, (ConnectionError, httplib2.HttpLib2Error, OSError)):
        return YouTubeError(
            f"Could not reach YouTube ({type(exc).__name__}).", reason="network", retryable=True
        )
    return None


def _service(http):
    # Built from the discovery document packaged in the wheel, with its root swapped for
    # settings': `client_options` would keep https for uploads and fail against plain HTTP.
    doc = json.loads(get_static_doc("youtube", "v3"))
    root = get_settings().youtube.api_base_url.rstrip("/") + "/"
    doc["rootUrl"] = doc["mtlsRootUrl"] = root
    doc["baseUrl"] = root + doc.get("servicePath", "")
    return build_from_document(doc, http=http)


class _ChunkBytes(MediaIoBaseUpload):
    """Hands each chunk to the transport as bytes rather than a stream slice: when a 401
    makes the auth layer refresh the token and send the chunk again, a consumed stream slice
    (it cannot seek) would go out empty; bytes go out whole."""

    def has_stream(self) -> bool:
        return False


class _SessionWatcher:
    """The transport, plus a hook that hears the session URI the moment YouTube issues it,
    so it is saved before the first byte of video is sent."""

    def __init__(self, http, on_session: Callable[[str], None]) -> None:
        self._http, self._on_session = http, on_session

    def request(self, uri, method="GET", *args, **kwargs):
        resp, content = self._http.request(uri, method, *args, **kwargs)
        if method == "POST" and resp.status == 200 and "location" in resp:
            self._on_session(resp["location"])
        return resp, content


class YouTubeClient:
    def __init__(self, credentials: Credentials) -> None:
        settings = get_settings()
        self.credentials = credentials
        # build_http() stops httplib2 treating YouTube's "308 Resume Incomplete" as a redirect.
        transport = build_http()
        transport.timeout = settings.youtube.http_timeout_seconds
        self._http = AuthorizedHttp(credentials, http=transport)
        self._service = _service(self._http)

    def _execute(self, request):
        try:
            return request.execute(num_retries=2)
        except Exception as exc:
            error = classify(exc)
            if error is None:
                raise
            raise error from exc

    def channel(self) -> tuple[str, str] | None:
        """(id, title) of the channel the token belongs to, None when it has none."""
        items = self._execute(self._service.channels().list(part="snippet", mine=True)).get("items") or []
        return (items[0]["id"], items[0]["snippet"]["title"]) if items else None

    def privacy_status(self, video_id: str) -> str | None:
        items = self._execute(self._service.videos().list(part="status", id=video_id)).get("items") or []
        return items[0].get("status", {}).get("privacyStatus") if items else None

    def set_thumbnail(self, *, video_id: str, path: Path, mimetype: str = "image/jpeg") -> None:
        media = MediaFileUpload(str(path), mimetype=mimetype, resumable=False)
        try:
            self._execute(self._service.thumbnails().set(videoId=video_id, media_body=media))
        finally:
            media.stream().close()

    def insert_caption(self, *, video_id: str, language: str, name: str, path: Path) -> str:
        """Add a caption track (SRT or WebVTT file) to a video, published rather than a draft;
        returns the caption's id. One multipart request: the snippet and the file together."""
        media = MediaFileUpload(str(path), mimetype="application/octet-stream", resumable=False)
        body = {"snippet": {"videoId": video_id, "language": language, "name": name, "isDraft": False}}
        try:
            answer = self._execute(
                self._service.captions().insert(part="snippet", body=body, media_body=media)
            )
        finally:
            media.stream().close()
        return str(answer.get("id", ""))

    def query_session(self, session_uri: str, total: int) -> int | dict | None:
        """Ask YouTube how much of a session it has: bytes confirmed, the finished video
        resource, or None when the session is gone (expired after about a week)."""
        resp, content = self._http.request(
            session_uri, "PUT", body=b"", headers={"Content-Range": f"bytes */{total}", "Content-Length": "0"}
        )
        if resp.status in (200, 201):
            return json.loads(content)
        if resp.status == 308:
            confirmed = resp.get("range")
            return int(confirmed.rsplit("-", 1)[1]) + 1 if confirmed else 0
        if resp.status in (404, 410):
            return None
        raise HttpError(resp, content, uri="(upload session)")

    def upload(
        self,
        *,
        path: Path,
        body: dict,
        chunk_bytes: int,
        session_uri: str | None,
        on_session: Callable[[str], None],
        on_progress: Callable[[int, int], None],
    ) -> dict:
        """Send the video in `chunk_bytes` pieces and return YouTube's video resource.

        With `session_uri` it first asks where that session stands and continues from the last
        confirmed byte. A 5xx, 429 or timeout is followed by the same status query (the client
        library's error state) and a resume, up to `youtube_retry_attempts` times in a row with
        doubling waits; anything else (quota, refused metadata, revoked token) is raised at once."""
        settings = get_settings()
        total = path.stat().st_size
        transport = _SessionWatcher(self._http, on_session)
        failures = 0
        with open(path, "rb") as fh:
            media = _ChunkBytes(fh, mimetype="video/mp4", chunksize=chunk_bytes, resumable=True)
            request = self._service.videos().insert(part="snippet,status", body=body, media_body=media)
            pending_query = session_uri
            while True:
                try:
                    if pending_query:
                        state = self.query_session(pending_query, total)
                        if isinstance(state, dict):
                            return state  # it had finished before we lost track of it
                        if state is not None:
                            request.resumable_uri, request.resumable_progress = pending_query, state
                            on_progress(state, total)
                        else:
                            log.info("upload session expired; starting a new one")
                        pending_query = None
                    status, response = request.next_chunk(http=transport, num_retries=0)
                except Exception as exc:
                    error = classify(exc)
                    if error is None:
                        raise
                    if not error.retryable or failures >= settings.youtube.retry_attempts:
                        raise error from exc
                    failures += 1
                    log.warning(
                        "upload interrupted (%s); resuming, attempt %d of %d",
                        error.reason or error.status,
                        failures,
                        settings.youtube.retry_attempts,
                    )
                    time.sleep(settings.youtube.retry_backoff_seconds * 2 ** (failures - 1))
                    continue
                if response is not None:
                    return response
                failures = 0
                on_progress(status.resumable_progress, total)
