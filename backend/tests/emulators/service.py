"""What the Mubert, OpenAI and Replicate emulators share: a threaded HTTP server on a real
loopback socket that records every request (with its arrival time, to check retry
schedules), checks what arrives (a request the real service would refuse is answered the
way it would be *and* noted in `violations`, which the test fixtures assert is empty),
serves the files a service hands out through expiring links, and injects faults on demand:
an HTTP status (with Retry-After), a malformed body, a slow answer, a dropped connection."""

import itertools
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Received:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # lower-cased names
    body: bytes
    at: float  # time.monotonic() on arrival
    route: str = ""

    @property
    def json(self) -> Any:
        try:
            return json.loads(self.body or b"null")
        except ValueError:
            return None


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict/list → JSON; bytes → as is
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None
    delay: float = 0.0  # seconds to wait before answering (slow service, client timeouts)
    drop: bool = False  # close the connection without answering


@dataclass
class Hosted:
    data: bytes
    content_type: str
    expires: float | None  # time.time(); None = never
    name: str


MALFORMED = Reply(200, b'{"data": {"id": "trunc', content_type="application/json")


class EmulatedService:
    """Subclasses implement route(req) -> name and handle(req) -> Reply."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self.reset()

    # --- lifecycle ----------------------------------------------------------------------
    def start(self) -> "EmulatedService":
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self) -> None:
        with self.lock:
            self.received: list[Received] = []
            self.violations: list[str] = []
            self.faults: dict[str, list[Reply]] = {}
            self.files: dict[str, Hosted] = {}

    # --- controls -----------------------------------------------------------------------
    def fail(
        self,
        route: str,
        status: int = 500,
        *,
        times: int = 1,
        retry_after: str | None = None,
        body: Any = None,
        reply: Reply | None = None,
    ) -> None:
        """The next `times` requests to `route` get this answer instead of the real one."""
        headers = {"Retry-After": retry_after} if retry_after is not None else {}
        answer = reply or Reply(
            status, body if body is not None else {"error": {"message": f"injected {status}"}}, headers
        )
        with self.lock:
            self.faults.setdefault(route, []).extend([answer] * times)

    def host(self, data: bytes, content_type: str, *, ttl: float | None = None, suffix: str = "") -> str:
        """Serve data at a fresh link (like a signed storage URL) that stops working after ttl s."""
        name = secrets.token_hex(8) + suffix
        with self.lock:
            self.files[name] = Hosted(data, content_type, None if ttl is None else time.time() + ttl, name)
        return f"{self.url}/files/{name}"

    # --- observations -------------------------------------------------------------------
    def requests(self, route: str | None = None) -> list[Received]:
        with self.lock:
            return [r for r in self.received if route is None or r.route == route]

    def gaps(self, route: str) -> list[float]:
        times = [r.at for r in self.requests(route)]
        return [b - a for a, b in itertools.pairwise(times)]

    def check(self, ok: bool, message: str) -> bool:
        """Note a request the real service would refuse; return ok."""
        if not ok:
            with self.lock:
                self.violations.append(message)
        return ok

    # --- to implement -------------------------------------------------------------------
    def route(self, req: Received) -> str:
        raise NotImplementedError

    def handle(self, req: Received) -> Reply:
        raise NotImplementedError

    # --- dispatch -----------------------------------------------------------------------
    def _serve_file(self, req: Received) -> Reply:
        hosted = self.files.get(req.path.rsplit("/", 1)[-1])
        if hosted is None:
            return Reply(404, b"<Error><Code>NoSuchKey</Code></Error>", content_type="application/xml")
        if hosted.expires is not None and time.time() > hosted.expires:
            return Reply(
                403,
                b"<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
                content_type="application/xml",
            )
        return Reply(200, hosted.data, content_type=hosted.content_type)

    def dispatch(self, req: Received) -> Reply:
        req.route = "file" if req.path.startswith("/files/") else self.route(req)
        with self.lock:
            self.received.append(req)
            queued = self.faults.get(req.route)
            fault = queued.pop(0) if queued else None
        if fault is not None:
            return fault
        if req.route == "file":
            return self._serve_file(req)
        return self.handle(req)


def _handler(service: EmulatedService):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            return None

        def _run(self) -> None:
            parts = urlsplit(self.path)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            req = Received(
                self.command,
                parts.path,
                {k: v[-1] for k, v in parse_qs(parts.query).items()},
                {k.lower(): v for k, v in self.headers.items()},
                body,
                time.monotonic(),
            )
            try:
                reply = service.dispatch(req)
            except Exception as exc:
                service.violations.append(f"emulator error on {req.method} {req.path}: {exc!r}")
                reply = Reply(500, {"error": {"message": "emulator error"}})
            if reply.delay:
                time.sleep(reply.delay)
            if reply.drop:
                self.close_connection = True
                return
            data = (
                reply.body
                if isinstance(reply.body, bytes)
                else (b"" if reply.body is None else json.dumps(reply.body).encode())
            )
            content_type = reply.content_type or (
                "application/json" if not isinstance(reply.body, bytes) else "application/octet-stream"
            )
            try:
                self.send_response(reply.status)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up (timed out)

        do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _run

    return Handler
