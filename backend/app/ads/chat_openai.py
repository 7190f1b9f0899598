"""The vision chat as a conversation with an OpenAI text model, streamed: the Responses API
fills a plain-typed schema (the reply first, then every brief field; empty values mean "not
said"), and while the JSON arrives the reply's text is decoded out of it and handed on piece
by piece, so the page shows the answer as it is written. The call goes through the shared
call loop (ledger row, budget, retries); a retry after a partial answer says so (`restart`)."""

import json
from collections.abc import Callable
from typing import Any

import pydantic
from pydantic import BaseModel, ConfigDict, Field

from app.config import get_settings
from app.core.errors import ProviderError
from app.providers import openai_client
from app.providers.calls import call
from app.usage.prices import PlannedCall

SERVICE = openai_client.SERVICE
INSTRUCTIONS = (
    "You help a creator write the brief for a 15–60 second ad or promo video. Read their message "
    "and the brief so far; fill every field you can from what they said (leave a field empty, "
    "an empty list, or 0 for duration when they did not say it; never invent a brand colour). "
    "duration is one of 15, 30, 45, 60; aspect is 16:9, 9:16 (vertical) or 1:1 (square); brand "
    "colours are #rrggbb. Then, in `reply`, confirm briefly what you took and ask one short "
    "question about the most important thing still missing (product, audience, key messages, "
    "tone, call to action, duration, aspect, then style). When nothing is missing, say the "
    "brief is complete and suggest making the mood boards."
)


class BriefFill(BaseModel):
    """The model's answer. `reply` comes first so it streams before the fields."""

    model_config = ConfigDict(extra="forbid")

    reply: str = Field(description="What to say to the creator: what you took, then one question")
    product: str
    audience: str
    tone: list[str]
    style_keywords: list[str]
    key_messages: list[str]
    call_to_action: str
    duration: int = Field(description="15, 30, 45 or 60; 0 when not said")
    aspect: str = Field(description="16:9, 9:16 or 1:1; empty when not said")
    brand_colors: list[str] = Field(description="#rrggbb colours the creator gave")


class ReplyText:
    """Decodes the `reply` string out of the JSON as it streams in: feed text, get new reply
    characters back (escapes resolved), and nothing once the string has closed."""

    KEY = '"reply"'

    def __init__(self) -> None:
        self.buffer, self.done, self.emitted = "", False, 0

    def feed(self, delta: str) -> str:
        self.buffer += delta
        if self.done:
            return ""
        key = self.buffer.find(self.KEY)
        if key < 0:
            return ""
        start = self.buffer.find('"', key + len(self.KEY) + self.buffer[key + len(self.KEY) :].find(":") + 1)
        if start < 0:
            return ""
        out, i = [], start + 1
        while i < len(self.buffer):
            c = self.buffer[i]
            if c == "\\":
                if i + 1 >= len(self.buffer):
                    break
                if self.buffer[i + 1] == "u":
                    if i + 6 > len(self.buffer):
                        break
                    out.append(json.loads(f'"{self.buffer[i : i + 6]}"'))
                    i += 6
                    continue
                out.append(json.loads(f'"{self.buffer[i : i + 2]}"'))
                i += 2
                continue
            if c == '"':
                self.done = True
                break
            out.append(c)
            i += 1
        text = "".join(out)
        new, self.emitted = text[self.emitted :], len(text)
        return new


def model_name() -> str:
    settings = get_settings()
    return settings.ads.chat_model or settings.openai.planner_model


def chat(
    *,
    brief: dict[str, Any],
    history: list[dict[str, Any]],
    message: str,
    on_event: Callable[[str, str], None],
) -> BriefFill:
    """One turn: `on_event("delta", text)` as the reply streams, `on_event("restart", "")` before
    a retry. Raises ProviderError when the model cannot give a usable answer."""
    settings = get_settings()
    model, tokens = model_name(), settings.ads.chat_max_tokens
    payload = json.dumps({"brief": brief, "conversation": history, "message": message}, default=str)
    planned = PlannedCall(
        "openai",
        "OpenAI",
        model,
        "planner",
        round((len(INSTRUCTIONS + payload) / 4 + tokens) / 1000, 3),
        "1k_tokens",
    )
    attempts = [0]

    def work(attempt) -> BriefFill:
        attempts[0] += 1
        if attempts[0] > 1:
            on_event("restart", "")
        reply = ReplyText()
        try:
            with openai_client.client().responses.stream(
                model=model,
                instructions=INSTRUCTIONS,
                input=payload,
                text_format=BriefFill,
                max_output_tokens=tokens,
            ) as stream:
                for event in stream:
                    if event.type == "response.output_text.delta":
                        piece = reply.feed(event.delta)
                        if piece:
                            on_event("delta", piece)
                    elif event.type == "response.refusal.delta":
                        pass
                response = stream.get_final_response()
        except pydantic.ValidationError as exc:
            attempt.accept()
            raise ProviderError("answered with a cut-off or malformed brief", provider=SERVICE.label) from exc
        attempt.accept(response.id)
        if response.usage is not None:
            attempt.units = round(response.usage.total_tokens / 1000, 3)
        parsed = response.output_parsed
        if parsed is None or response.status == "incomplete":
            raise ProviderError("answered without a complete brief", provider=SERVICE.label)
        return parsed

    return call(planned, work, service=SERVICE, facts=openai_client.facts, what="the brief chat")
