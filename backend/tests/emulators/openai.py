"""A local stand-in for the two OpenAI endpoints the studio uses, as the official SDK sends
them (base_url = <emulator>/v1):

- `POST /v1/images/generations`: bearer key checked; per model family the sizes, qualities
  and parameters the real API accepts (GPT image models refuse `response_format` and always
  answer `b64_json`; DALL·E 3 draws 1792×1024 and answers a link or base64 as asked). The
  picture is a real PNG of the requested size.
- `POST /v1/responses` with a strict `json_schema` text format: the schema is checked the way
  the real API checks it (every object closed and fully required; keywords such as `default`,
  `maxLength`, `minimum` refused with 400 `invalid_json_schema`), then a scene plan for the clips
  in the input is answered (or `plan_override`), with token usage. `plan_mode` makes it answer
  a refusal, or an answer cut off at `max_output_tokens` (`status: incomplete`).
- `POST /v1/audio/transcriptions` (multipart; fault route "transcriptions"): openai_audio.py.

Routes for fault injection: "images", "responses", "file"."""

import base64
import json
import time
import uuid

from tests.emulators import media, openai_audio
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
        self.plan_mode: str | None = None  # None, "refusal" or "incomplete"
        self.audio = openai_audio.Script()  # what the transcription models hear
        self.chat_override: dict | None = None  # the brief chat's answer (streamed)

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    def route(self, req: Received) -> str:
        return {
            "/v1/images/generations": "images",
            "/v1/responses": "responses",
            "/v1/audio/transcriptions": "transcriptions",
        }.get(req.path, "unknown")

    def handle(self, req: Received) -> Reply:
        if req.headers.get("authorization") != f"Bearer {self.api_key}":
            given = (req.headers.get("authorization") or "")[-4:]
            return error(401, f"Incorrect API key provided: ****{given}.", code="invalid_api_key")
        if req.route == "transcriptions":  # multipart, not JSON
            return openai_audio.transcribe(self, self.audio, req)
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
        name = str(fmt.get("name", ""))
        problem = strict_schema_problem(fmt["schema"])
        if problem is not None:
            # Not a violation: the adapter may send it on purpose in a test, and the answer
            # is what the real API says.
            return error(
                400,
                f"Invalid schema for response_format '{name}': {problem}",
                code="invalid_json_schema",
                param="text.format.schema",
            )
        if not self.check(
            body.get("model") in self.models, f"responses: unknown model {body.get('model')!r}"
        ):
            return error(404, "model not found", code="model_not_found")
        if not self.check(
            isinstance(body.get("max_output_tokens"), int) and body["max_output_tokens"] >= 16,
            "responses: max_output_tokens missing",
        ):
            return error(400, "max_output_tokens must be an integer", param="max_output_tokens")
        if body.get("stream"):
            return self._stream(body, fmt)
        try:
            request = json.loads(body.get("input") or "{}")
        except ValueError:
            request = {}
        planner = default_ad_plan if name == "AdPlan" else default_plan
        plan = self.plan_override or planner(request)
        text = json.dumps(plan)
        status, incomplete, content = (
            "completed",
            None,
            {"type": "output_text", "text": text, "annotations": []},
        )
        if self.plan_mode == "refusal":
            content = {"type": "refusal", "refusal": "I'm sorry, but I can't help with that request."}
        elif self.plan_mode == "incomplete":
            status, incomplete = "incomplete", {"reason": "max_output_tokens"}
            content = {"type": "output_text", "text": text[: len(text) // 2], "annotations": []}
        return Reply(
            200,
            {
                "id": f"resp_{uuid.uuid4().hex}",
                "object": "response",
                "created_at": int(time.time()),
                "model": body["model"],
                "status": status,
                "error": None,
                "incomplete_details": incomplete,
                "instructions": body.get("instructions"),
                "metadata": {},
                "parallel_tool_calls": True,
                "temperature": 1.0,
                "tool_choice": "auto",
                "tools": [],
                "top_p": 1.0,
                "max_output_tokens": body.get("max_output_tokens"),
                "text": {"format": fmt},
                "output": [
                    {
                        "type": "message",
                        "id": f"msg_{uuid.uuid4().hex}",
                        "status": status,
                        "role": "assistant",
                        "content": [content],
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

    # --- responses, streamed (the brief chat) -------------------------------------------
    def _stream(self, body: dict, fmt: dict) -> Reply:
        """A streamed answer as the Responses API sends it: server-sent events from
        response.created through output_text deltas to response.completed, every event
        numbered. Only the brief chat streams; its input must carry the brief and the message."""
        try:
            request = json.loads(body.get("input") or "{}")
        except ValueError:
            request = {}
        self.check(
            isinstance(request, dict) and "brief" in request and "message" in request,
            "responses (stream): input lacks the brief or the message",
        )
        self.check("reply" in fmt["schema"].get("properties", {}), "responses (stream): schema has no reply")
        self.check(
            list(fmt["schema"].get("properties", {}))[:1] == ["reply"],
            "responses (stream): reply is not the first property (it would not stream first)",
        )
        answer = self.chat_override or default_brief_fill(request)
        return Reply(200, stream_events(body, fmt, json.dumps(answer)), content_type="text/event-stream")


def default_brief_fill(request: dict) -> dict:
    """The brief as it was, and a question for the audience."""
    brief = request.get("brief") or {}
    return {
        "reply": "Thanks! Who is the ad for?",
        "product": brief.get("product") or "",
        "audience": brief.get("audience") or "",
        "tone": brief.get("tone") or [],
        "style_keywords": brief.get("style_keywords") or [],
        "key_messages": brief.get("key_messages") or [],
        "call_to_action": brief.get("call_to_action") or "",
        "duration": brief.get("duration") or 0,
        "aspect": brief.get("aspect") or "",
        "brand_colors": brief.get("brand_colors") or [],
    }


def stream_events(body: dict, fmt: dict, text: str, chunk: int = 7) -> bytes:
    """The event stream of one message whose text arrives `chunk` characters at a time."""
    rid, mid = f"resp_{uuid.uuid4().hex}", f"msg_{uuid.uuid4().hex}"
    part = {"type": "output_text", "text": text, "annotations": []}
    item = {"type": "message", "id": mid, "status": "completed", "role": "assistant", "content": [part]}

    def response(status: str, output: list, usage: dict | None) -> dict:
        return {
            "id": rid,
            "object": "response",
            "created_at": int(time.time()),
            "model": body.get("model"),
            "status": status,
            "error": None,
            "incomplete_details": None,
            "instructions": body.get("instructions"),
            "metadata": {},
            "parallel_tool_calls": True,
            "temperature": 1.0,
            "tool_choice": "auto",
            "tools": [],
            "top_p": 1.0,
            "max_output_tokens": body.get("max_output_tokens"),
            "text": {"format": fmt},
            "output": output,
            "usage": usage,
        }

    usage = {
        "input_tokens": 400,
        "output_tokens": 120,
        "total_tokens": 520,
        "input_tokens_details": {"cached_tokens": 0},
        "output_tokens_details": {"reasoning_tokens": 0},
    }
    where = {"item_id": mid, "output_index": 0, "content_index": 0}
    events: list[dict] = [
        {"type": "response.created", "response": response("in_progress", [], None)},
        {
            "type": "response.output_item.added",
            "output_index": 0,
            "item": item | {"status": "in_progress", "content": []},
        },
        {"type": "response.content_part.added", **where, "part": part | {"text": ""}},
        *(
            {"type": "response.output_text.delta", **where, "delta": text[i : i + chunk], "logprobs": []}
            for i in range(0, len(text), chunk)
        ),
        {"type": "response.output_text.done", **where, "text": text, "logprobs": []},
        {"type": "response.content_part.done", **where, "part": part},
        {"type": "response.output_item.done", "output_index": 0, "item": item},
        {"type": "response.completed", "response": response("completed", [item], usage)},
    ]
    return "".join(
        f"event: {e['type']}\ndata: {json.dumps(e | {'sequence_number': n})}\n\n"
        for n, e in enumerate(events)
    ).encode()


# Keywords strict mode refuses (the real API names the first it meets); `pattern`, `format` and
# number bounds are documented as supported on new models but refused by others, so a schema
# we send must not rely on them either.
REFUSED_KEYWORDS = (
    "default",
    "maxLength",
    "minLength",
    "maxItems",
    "minItems",
    "prefixItems",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "pattern",
    "format",
    "allOf",
    "not",
    "if",
    "then",
    "else",
)
MAX_DEPTH = 5  # object nesting the strictest models accept


def strict_schema_problem(schema: dict) -> str | None:
    """The real API's complaint about a strict schema, or None when it would accept it."""
    if "anyOf" in schema or schema.get("type") != "object":
        return "the root must be an object, not anyOf"
    defs = schema.get("$defs", {})

    def walk(node: object, where: tuple[str, ...], depth: int) -> str | None:
        if not isinstance(node, dict):
            return None
        context = f"In context={where!r}"
        for keyword in REFUSED_KEYWORDS:
            if keyword in node:
                return f"{context}, '{keyword}' is not permitted."
        if "$ref" in node:
            ref = str(node["$ref"]).removeprefix("#/$defs/")
            if ref not in defs:
                return (
                    f"{context}, reference to component '{node['$ref']}' which was not found in the schema."
                )
            return walk(defs[ref], ("$defs", ref), depth)
        if node.get("type") == "object" or "properties" in node:
            if depth > MAX_DEPTH:
                return f"{context}, {depth} levels of nesting exceeds limit of {MAX_DEPTH}."
            props = node.get("properties", {})
            if node.get("additionalProperties") is not False:
                return f"{context}, 'additionalProperties' is required to be supplied and to be false."
            missing = sorted(set(props) - set(node.get("required", [])))
            if missing:
                return f"{context}, 'required' is required to be supplied and to be an array including every key in properties. Missing '{missing[0]}'."
            for key, sub in props.items():
                found = walk(sub, (*where, "properties", key), depth + 1)
                if found:
                    return found
        if "items" in node:
            return walk(node["items"], (*where, "items"), depth)
        for i, option in enumerate(node.get("anyOf", [])):
            found = walk(option, (*where, "anyOf", str(i)), depth)
            if found:
                return found
        return None

    return walk(schema, (), 1)


def default_ad_plan(request: dict) -> dict:
    """A valid ad plan for the brief in the request: three to five scenes of equal whole
    milliseconds summing to its duration, the product named in each, hook first, call to
    action last."""
    duration_ms = int(request.get("duration", 15)) * 1000
    count = 5 if duration_ms >= 30000 else 3
    lengths = [duration_ms // count] * count
    lengths[-1] += duration_ms - sum(lengths)
    roles = ["hook", *["message", "product", "audience"][: count - 2], "cta"]
    product = request.get("product") or "the product"
    palette = (request.get("style") or {}).get("palette") or ["#101820", "#f2aa4c", "#ffffff"]
    return {
        "title": f"{product} in the rain",
        "scenes": [
            {
                "index": k,
                "section_index": k,
                "prompt": f"emulated shot {k}: {product} on a wet neon street, {role}",
                "framing": "close" if role in ("hook", "product") else "wide",
                "motion": "push" if k % 2 == 0 else "pan_left",
                "intensity": 0.7,
                "palette": palette[:3],
                "lighting": "neon reflections",
                "transition": "cut" if k % 2 == 0 else "crossfade",
                "transition_seconds": 0.0 if k % 2 == 0 else 0.5,
                "caption_space": role == "cta",
                "duration": ms / 1000,
                "role": role,
            }
            for k, (ms, role) in enumerate(zip(lengths, roles, strict=True))
        ],
    }


def default_plan(request: dict) -> dict:
    """A small, valid plan for the clips in the request: one scene per section, shared by the
    section's clips, chorus cut in, the rest crossfaded."""
    clips = request.get("clips", [])
    scenes: list[dict] = []
    assignments = []
    for clip in clips:
        if not scenes or scenes[-1]["section_index"] != clip["section_index"]:
            loud = clip["energy"] >= 0.6
            scenes.append(
                {
                    "index": len(scenes),
                    "section_index": clip["section_index"],
                    "prompt": f"misty shoreline at dusk, {clip['section_label']} mood",
                    "framing": "close" if loud else "wide",
                    "motion": "push" if loud else "drift",
                    "intensity": round(0.2 + 0.7 * clip["energy"], 2),
                    "palette": ["#1d2b3a", "#6b8fa3", "#f2c9a0"],
                    "lighting": "pastel dusk light",
                    "transition": "cut" if loud else "crossfade",
                    "transition_seconds": 0.0 if loud else 1.0,
                    "caption_space": request.get("video_type") == "lyric",
                }
            )
        assignments.append({"clip_index": clip["index"], "scene_index": scenes[-1]["index"]})
    return {
        "title": "Tide of Slow Light",
        "style": {
            "medium": "soft watercolour",
            "world": "a misty shoreline at dusk",
            "palette": ["#1d2b3a", "#3c5468", "#6b8fa3", "#f2c9a0"],
            "lighting": "pastel dusk light",
            "camera": "slow gliding moves",
            "motifs": ["a lone lighthouse beam"],
            "metaphor": "the tide as breath",
            "transitions": "cut on loud downbeats, crossfade elsewhere",
        },
        "scenes": scenes,
        "clips": assignments,
    }
