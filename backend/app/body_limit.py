"""Refuses request bodies over the configured size with a 413 in the error shape, before they
are read into memory — and in a way the client gets to read.

A client that sends its whole body before reading (no `Expect: 100-continue`, e.g. Python's
urllib, or a proxy) would see the connection reset if we answered and closed with its bytes
still unread, so the rest of a refused body is read and thrown away first, up to a bound. A
chunked body has no length up front: it is counted as it arrives, and when it passes the limit
whatever the app was about to answer (its body parser's 400) is replaced by the 413.

The limit is per path: MAX_REQUEST_BYTES for JSON, and `route_limits` for routes that take
larger bodies (an upload), as {"/api/exact/path": bytes} or {"/api/prefix/*": bytes}."""

import contextlib
from collections.abc import Mapping

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.error_handlers import error_response

DRAIN_MAX_BYTES = 64 * 1024 * 1024  # past this a refused body is not read: the connection is closed


class BodyTooLarge(Exception):
    pass


async def _drain(receive: Receive, budget: int) -> None:
    """Read and discard the rest of the body, at most `budget` bytes."""
    while budget > 0:
        message = await receive()
        if message["type"] != "http.request":
            return
        budget -= len(message.get("body", b""))
        if not message.get("more_body", False):
            return


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


class BodySizeLimit:
    def __init__(
        self, app: ASGIApp, *, max_bytes: int, route_limits: Mapping[str, int] | None = None
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.exact = {p: n for p, n in (route_limits or {}).items() if not p.endswith("*")}
        self.prefixes = sorted(
            ((p[:-1], n) for p, n in (route_limits or {}).items() if p.endswith("*")),
            key=lambda item: -len(item[0]),
        )

    def limit_for(self, path: str) -> int:
        if path in self.exact:
            return self.exact[path]
        return next((n for prefix, n in self.prefixes if path.startswith(prefix)), self.max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        headers = Headers(scope=scope)
        declared = headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > limit:
            # A client waiting for "100 Continue" has sent nothing yet: answer at once. Anyone
            # else is sending: take the bytes off the wire so that the answer can be read.
            if "100-continue" not in headers.get("expect", "").lower() and int(declared) <= DRAIN_MAX_BYTES:
                await _drain(receive, int(declared))
            await self._refuse(scope, send, limit)
            return

        seen, exceeded, started, refused = 0, False, False, False

        async def limited_receive() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    exceeded = True
                    if message.get("more_body", False):
                        await _drain(receive, DRAIN_MAX_BYTES)
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started, refused
            if exceeded and not started:
                # The app's own answer to a body cut short (e.g. "error parsing the body") is
                # replaced by the 413; the rest of what it sends is dropped.
                if not refused:
                    refused = True
                    await self._refuse(scope, send, limit)
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        with contextlib.suppress(BodyTooLarge):  # answered below
            await self.app(scope, limited_receive, guarded_send)
        if exceeded and not started and not refused:
            await self._refuse(scope, send, limit)

    async def _refuse(self, scope: Scope, send: Send, limit: int) -> None:
        response = error_response(
            413,
            "PAYLOAD_TOO_LARGE",
            f"Request body is larger than {limit} bytes",
            headers={"Connection": "close"},
        )
        await response(scope, _no_receive, send)
