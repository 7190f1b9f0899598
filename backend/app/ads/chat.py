"""One turn of the vision chat: the creator's message in, the brief filled in, a reply out.

The chat is OpenAI's when ADS_CHAT_PROVIDER is "openai" (or "planner" with PLANNER_PROVIDER=
openai), else the built-in guided questions; an OpenAI failure falls back to the built-in
chat with a warning. Whatever a model proposes passes the same validation as a PATCH (a
value that fails it is dropped, with a warning); the brief's fields are what is stored, the
transcript beside them. `stream` runs a turn on a worker thread and hands out its events as
server-sent events: `delta` (reply text), `restart` (drop the partial reply: a retry),
`warning`, then `done` with the whole result (or `error`)."""

import json
import logging
import queue
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pydantic
from sqlalchemy.orm import Session

from app.ads import chat_local, chat_openai
from app.ads.models import Brief
from app.ads.schemas import BriefUpdate, ChatReply
from app.ads.service import fields_of, public, require_no_video
from app.config import get_settings
from app.core.errors import ProviderError
from app.db import session_factory
from app.errors import AppError
from app.providers import registry

log = logging.getLogger("app.ads")
Emit = Callable[[str, str], None]


def provider_name() -> str:
    chosen = get_settings().ads.chat_provider
    return registry.chosen()["planner"] if chosen == "planner" else chosen


def _asked(brief: Brief) -> str | None:
    for turn in reversed(brief.transcript):
        if turn.get("role") == "assistant":
            return turn.get("field")
    return None


def _validated(updates: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Each proposed value checked as a PATCH would check it; failures dropped with a warning."""
    good, warnings = {}, []
    for name, value in updates.items():
        try:
            checked = BriefUpdate.model_validate({name: value})
        except pydantic.ValidationError as exc:
            warnings.append(f"{name}: {exc.errors()[0]['msg']} — not taken")
            continue
        good[name] = getattr(checked, name)
    return good, warnings


def _from_model(fill: chat_openai.BriefFill) -> dict[str, Any]:
    proposed: dict[str, Any] = {}
    for name in ("product", "audience", "call_to_action"):
        if getattr(fill, name).strip():
            proposed[name] = getattr(fill, name).strip()
    for name in ("tone", "style_keywords", "key_messages", "brand_colors"):
        items = [str(v).strip() for v in getattr(fill, name) if str(v).strip()]
        if items:
            proposed[name] = items
    if fill.duration > 0:
        proposed["duration"] = chat_local.nearest_duration(fill.duration)
    if fill.aspect.strip():
        proposed["aspect"] = fill.aspect.strip()
    return proposed


def _changed(brief: Brief, updates: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in updates.items() if getattr(brief, k) != v}


def _local(brief: Brief, message: str, emit: Emit) -> tuple[str, dict[str, Any], str | None, list[str]]:
    turn = chat_local.answer(message, _asked(brief))
    updates, warnings = _validated(turn.updates)
    filled = _changed(brief, updates)
    after = fields_of(brief) | updates
    skipped = list(dict.fromkeys([*brief.skipped, *turn.skipped]))
    question = chat_local.next_question(after, skipped)
    text = chat_local.reply(filled, turn.notes, question)
    brief.skipped = skipped
    emit("delta", text)
    return text, updates, question, warnings


def converse(db: Session, brief: Brief, message: str, emit: Emit) -> ChatReply:
    require_no_video(brief)
    provider, warnings = provider_name(), list[str]()
    text, updates, question = "", dict[str, Any](), None
    if provider == "openai":
        try:
            history = brief.transcript[-get_settings().ads.chat_history_turns :] if brief.transcript else []
            fill = chat_openai.chat(brief=fields_of(brief), history=history, message=message, on_event=emit)
            updates, warnings = _validated(_from_model(fill))
            text, question = fill.reply, chat_local.next_question(fields_of(brief) | updates, brief.skipped)
        except (ProviderError, LookupError) as exc:
            warning = f"The OpenAI chat could not answer ({exc}); the built-in questions take over."
            log.warning("%s", warning)
            emit("warning", warning)
            emit("restart", "")
            provider, warnings = "local", [warning]
    if provider != "openai":
        text, updates, question, local_warnings = _local(brief, message, emit)
        warnings += local_warnings
    filled = _changed(brief, updates)
    for name, value in updates.items():
        setattr(brief, name, value)
    brief.transcript = [
        *brief.transcript,
        {"role": "user", "text": message},
        {"role": "assistant", "text": text, "field": question},
    ]
    db.commit()
    return ChatReply(
        reply=text, provider=provider, filled=sorted(filled), warnings=warnings, brief=public(db, brief)
    )


def _sse(event: str, data: Any) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, default=str)}\n\n".encode()


def stream(brief_id: uuid.UUID, message: str) -> Iterator[bytes]:
    """The turn's events as SSE; the turn runs on its own thread and session (the request's
    session is closed by the time a streamed body is sent)."""
    events: queue.Queue[tuple[str, Any] | None] = queue.Queue()

    def run() -> None:
        try:
            with session_factory()() as db:
                brief = db.get_one(Brief, brief_id)
                result = converse(db, brief, message, lambda e, d: events.put((e, {"text": d})))
                events.put(("done", result.model_dump(mode="json")))
        except AppError as exc:
            events.put(("error", {"detail": str(exc), "error_code": exc.error_code}))
        except Exception:
            log.exception("the brief chat failed")
            events.put(("error", {"detail": "The chat failed; try again", "error_code": "INTERNAL"}))
        finally:
            events.put(None)

    threading.Thread(target=run, name=f"brief-chat-{brief_id}", daemon=True).start()
    while (item := events.get()) is not None:
        yield _sse(*item)
