"""A local stand-in for the two OpenAI endpoints the studio uses, as the official SDK sends
them (base_url = <emulator>/v1):

- `POST /v1/images/generations`: bearer key checked; per model family the sizes, qualities
  and parameters the real API accepts (GPT image models refuse `response_format` and always
  answer `b64_json`; DALL·E 3 draws 1792×1024 and answers a link or base64 as asked). The
  picture is a real PNG of the requested size.
- `POST /v1/responses` with a strict `json_schema` text format: answers a scene plan for the
  clips in the input (or `plan_override`), with token usage.

Routes for fault injection: "images", "responses", "file"."""

import base64
import json
import time
import uuid

from tests.emulators import media
from tests.emulators.service import EmulatedService, Received, Reply

GPT_SIZES = {"1024x1024", "1536x1024", "1024x1536", "auto"}
GPT_QUALITIES = {"low", "medium", "high", "auto"}
DALLE3_SIZES = {"1024x1024", "1792x1024", "1024x1792"}
DALLE3_QUALITIES = {"standard", "hd"}


def error(
    status: int,
    message: str,
    *,
    type_: str = "invalid_request_error",
    code: str | None = None,
    param: str | None = None,
) -> Reply:
    return Reply(status, {"error": {"message": message, "type": type_, "param": param, "code": code}})


NO_CREDIT = error(
    429,
    "You exceeded your current quota, please check your plan and billing details.",
    type_="insufficient_quota",
    code="insufficient_quota",
)


class OpenAIEmulator(EmulatedService):
    def __init__(self, *, api_key: str = "sk-emulator-8d41f0c2b7e94a15") -> None:
        self.api_key = api_key
        super().__init__()

    def reset(self) -> None:
        super().reset()
        self.models = {"gpt-image-2", "gpt-image-1.5", "dall-e-3", "gpt-5.4-mini"}
        self.plan_override: dict | None = None

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    def route(self, req: Received) -> str:
        return {"/v1/images/generations": "images", "/v1/responses": "responses"}.get(req.path, "unknown")

    def handle(self, req: Received) -> Reply:
        if req.headers.get("authorization") != f"Bearer {self.api_key}":
            given = (req.headers.get("authorization") or "")[-4:]
            return error(401, f"Incorrect API key provided: ****{given}.", code="invalid_api_key")
        body = req.json
        if not self.check(isinstance(body, dict), f"{req.path}: body is not a JSON object"):
            return error(400, "We could not parse the JSON body of your request.")
        if req.route == "images":
            return self._image(body)
        if req.route == "responses":
            return self._response(body)
        self.check(False, f"unexpected {req.method} {req.path}")
        return error(404, f"Invalid URL ({req.method} {req.path})")

    # --- images -------------------------------------------------------------------------
    def _image(self, body: dict) -> Reply:
        model, prompt = body.get("model"), body.get("prompt")
        if not self.check(model in self.models, f"images: unknown model {model!r}"):
            return error(
                404,
                f"The model `{model}` does not exist or you do not have access to it.",
                code="model_not_found",
            )
        if not self.check(
            isinstance(prompt, str) and 0 < len(prompt) <= 32000, "images: prompt missing or too long"
        ):
            return error(400, "Invalid prompt", param="prompt")
        if not self.check(body.get("n", 1) == 1, "images: n must be 1"):
            return error(400, "n must be 1", param="n")
        dalle = model == "dall-e-3"
        sizes, qualities = (DALLE3_SIZES, DALLE3_QUALITIES) if dalle else (GPT_SIZES, GPT_QUALITIES)
        size = body.get("size", "1024x1024")
        if not self.check(size in sizes, f"images: size {size} not offered by {model}"):
            return error(
                400, f"Invalid value: '{size}'. Supported values are: {sorted(sizes)}.", param="size"
            )
        if not self.check(
            body.get("quality", "auto" if not dalle else "standard") in qualities,
            f"images: quality {body.get('quality')} not offered by {model}",
        ):
            return error(400, "Invalid quality", param="quality")
        if not dalle and not self.check(
            "response_format" not in body, "images: response_format sent to a GPT image model"
        ):
            return error(
                400,
                "Unknown parameter: 'response_format'.",
                code="unknown_parameter",
                param="response_format",
            )
        width, height = (1536, 1024) if size == "auto" else map(int, size.split("x"))
        png = media.image(width, height)
        item: dict = {}
        if dalle and body.get("response_format", "url") == "url":
            item["url"] = self.host(png, "image/png", ttl=3600, suffix=".png")
        else:
            item["b64_json"] = base64.b64encode(png).decode()
        if dalle:
            item["revised_prompt"] = prompt
        answer: dict = {"created": int(time.time()), "data": [item]}
        if not dalle:
            answer |= {
                "output_format": body.get("output_format", "png"),
                "size": f"{width}x{height}",
                "usage": {
                    "input_tokens": 50,
                    "output_tokens": 4160,
                    "total_tokens": 4210,
                    "input_tokens_details": {"image_tokens": 0, "text_tokens": 50},
                },
            }
        return Reply(200, answer)

    # --- responses (structured output) --------------------------------------------------
    def _response(self, body: dict) -> Reply:
        fmt = (body.get("text") or {}).get("format") or {}
        ok = (
            fmt.get("type") == "json_schema"
            and fmt.get("strict") is True
            and isinstance(fmt.get("schema"), dict)
        )
        if not self.check(ok, "responses: text.format must be a strict json_schema"):
            return error(400, "text.format must be a strict json_schema", param="text.format")
        schema = fmt["schema"]
        if not self.check(
            schema.get("additionalProperties") is False
            and set(schema.get("required", [])) == set(schema.get("properties", {})),
            "responses: strict schema needs every property required",
        ):
            return error(
                400,
                "Invalid schema for response_format: all properties must be required",
                param="text.format",
            )
        if not self.check(
            body.get("model") in self.models, f"responses: unknown model {body.get('model')!r}"
        ):
            return error(404, "model not found", code="model_not_found")
        try:
            request = json.loads(body.get("input") or "{}")
        except ValueError:
            request = {}
        plan = self.plan_override or {
            "title": "Tide of Slow Light",
            "style": "soft watercolour, misty, pastel dusk light",
            "palette": ["#1d2b3a", "#6b8fa3", "#f2c9a0"],
            "scenes": [
                {
                    "clip_index": c["index"],
                    "prompt": f"misty shoreline at dusk, {c['section']} mood",
                    "motion": "drift",
                    "transition": "crossfade" if c["energy"] < 0.6 else "cut",
                }
                for c in request.get("clips", [])
            ],
        }
        text = json.dumps(plan)
        return Reply(
            200,
            {
                "id": f"resp_{uuid.uuid4().hex}",
                "object": "response",
                "created_at": int(time.time()),
                "model": body["model"],
                "status": "completed",
                "error": None,
                "incomplete_details": None,
                "instructions": body.get("instructions"),
                "metadata": {},
                "parallel_tool_calls": True,
                "temperature": 1.0,
                "tool_choice": "auto",
                "tools": [],
                "top_p": 1.0,
                "text": {"format": fmt},
                "output": [
                    {
                        "type": "message",
                        "id": f"msg_{uuid.uuid4().hex}",
                        "status": "completed",
                        "role": "assistant",
                        "content": [{"type": "output_text", "text": text, "annotations": []}],
                    }
                ],
                "usage": {
                    "input_tokens": 900,
                    "output_tokens": 600,
                    "total_tokens": 1500,
                    "input_tokens_details": {"cached_tokens": 0},
                    "output_tokens_details": {"reasoning_tokens": 0},
                },
            },
        )
