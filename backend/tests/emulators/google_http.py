"""The HTTP side of the Google emulator: parse requests, check bearer tokens, route to
GoogleEmulator's handlers, and answer the way Google's front ends do (JSON errors,
Content-Length always set, keep-alive)."""

import base64
import json
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

UNAUTHORISED = {
    "error": {
        "code": 401,
        "message": "Request had invalid authentication credentials.",
        "errors": [
            {
                "message": "Invalid Credentials",
                "domain": "global",
                "reason": "authError",
                "location": "Authorization",
                "locationType": "header",
            }
        ],
        "status": "UNAUTHENTICATED",
    }
}


def make_handler(emulator):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet: the test output is for assertions
            return None

        def _query(self) -> dict:
            return {k: v[-1] for k, v in parse_qs(urlsplit(self.path).query).items()}

        def _body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _send(self, status: int, payload=None, headers: dict | None = None) -> None:
            data = (
                b""
                if payload is None
                else (payload if isinstance(payload, bytes) else json.dumps(payload).encode())
            )
            path = urlsplit(self.path).path
            emulator.calls.append((self.command, path, status))
            try:
                self.send_response(status)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                if payload is not None:
                    self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client went away (timed out or killed)

        def _basic(self) -> tuple[str, str] | None:
            header = self.headers.get("Authorization") or ""
            if not header.startswith("Basic "):
                return None
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
            return user, password

        def do_GET(self) -> None:
            path, q = urlsplit(self.path).path, self._query()
            if path == "/o/oauth2/auth":
                status, headers, payload = emulator.consent(q)
                return self._send(status, payload, headers)
            if not emulator.authorised(self.headers.get("Authorization")):
                return self._send(
                    401, UNAUTHORISED, {"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'}
                )
            if path == "/youtube/v3/channels" and q.get("mine") == "true":
                return self._send(200, emulator.list_channels())
            if path == "/youtube/v3/videos":
                return self._send(200, emulator.list_videos(q))
            return self._send(404, {"error": {"code": 404, "message": f"no route {path}"}})

        def do_POST(self) -> None:
            path, q, body = urlsplit(self.path).path, self._query(), self._body()
            if path == "/token":
                form = {k: v[-1] for k, v in parse_qs(body.decode()).items()}
                status, payload = emulator.token(form, self._basic())
                return self._send(status, payload, {"Cache-Control": "no-store"})
            if path == "/revoke":
                form = {k: v[-1] for k, v in parse_qs(body.decode()).items()}
                status, payload = emulator.revoke(form.get("token") or q.get("token", ""))
                return self._send(status, payload)
            if not emulator.authorised(self.headers.get("Authorization")):
                return self._send(
                    401, UNAUTHORISED, {"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'}
                )
            if path == "/upload/youtube/v3/videos":
                status, headers, payload = emulator.start_upload(q, self.headers, json.loads(body or b"{}"))
                return self._send(status, payload, headers)
            if path == "/upload/youtube/v3/captions":
                status, payload = emulator.insert_caption(q, self.headers.get("Content-Type", ""), body)
                return self._send(status, payload)
            if path == "/upload/youtube/v3/thumbnails/set":
                status, payload = emulator.set_thumbnail(q, self.headers.get("Content-Type", ""), body)
                return self._send(status, payload)
            return self._send(404, {"error": {"code": 404, "message": f"no route {path}"}})

        def do_PUT(self) -> None:
            path, q, body = urlsplit(self.path).path, self._query(), self._body()
            session = emulator.sessions.get(q.get("upload_id", ""))
            if path != "/upload/youtube/v3/videos" or session is None:
                return self._send(404, {"error": {"code": 404, "message": "upload session not found"}})
            if not emulator.authorised(self.headers.get("Authorization")):
                return self._send(
                    401, UNAUTHORISED, {"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/"'}
                )
            status, headers, payload = emulator.put_chunk(
                session, self.headers.get("Content-Range", ""), body
            )
            return self._send(status, payload, headers)

    return Handler
