import { describe, expect, it } from "vitest";

import { type ChatEvent, applyChatEvent, sseReader, startTurn, streamChat, toChatEvent } from "@/lib/ad-chat";
import type { ChatReply } from "@/lib/ad-types";
import { ApiError } from "@/lib/api/errors";

const reply = (text: string, warnings: string[] = []) =>
  ({ reply: text, provider: "openai", filled: ["product"], warnings, brief: { id: "b" } }) as unknown as ChatReply;

describe("chat stream reading", () => {
  it("reads messages split anywhere, even inside a multi-byte character, and skips keep-alive comments", () => {
    const bytes = new TextEncoder().encode(
      ': keep-alive\n\nevent: delta\ndata: {"text": "Caf\u00e9 "}\n\nevent: delta\r\ndata: {"text": "\ud83d\ude80"}\r\n\r\nevent: restart\ndata: {"text": ""}\n\n',
    );
    const reader = sseReader();
    const got = [];
    for (let i = 0; i < bytes.length; i += 3) got.push(...reader.push(bytes.slice(i, i + 3)));
    got.push(...reader.end());
    expect(got.map((m) => m.event)).toEqual(["delta", "delta", "restart"]);
    expect(got.map((m) => toChatEvent(m))).toEqual([
      { type: "delta", text: "Café " },
      { type: "delta", text: "🚀" },
      { type: "restart" },
    ]);
  });

  it("joins multi-line data and takes a last message without its blank line", () => {
    const reader = sseReader();
    expect(reader.push("event: warning\ndata: {\"text\":\ndata: \"late\"}")).toEqual([]);
    expect(reader.end()).toEqual([{ event: "warning", data: '{"text":\n"late"}' }]);
  });

  it("ignores events it cannot read", () => {
    expect(toChatEvent({ event: "delta", data: "not json" })).toBeNull();
    expect(toChatEvent({ event: "mystery", data: "{}" })).toBeNull();
    expect(toChatEvent({ event: "done", data: '{"reply": 3}' })).toBeNull();
  });
});

describe("merging a streamed turn", () => {
  const run = (events: ChatEvent[]) => events.reduce(applyChatEvent, startTurn("hello"));

  it("appends deltas, drops them on restart, and lets done have the last word", () => {
    const writing = run([{ type: "delta", text: "Nice " }, { type: "delta", text: "to meet" }]);
    expect(writing).toMatchObject({ status: "writing", text: "Nice to meet" });
    const restarted = applyChatEvent(writing, { type: "restart" });
    expect(restarted.text).toBe("");
    const done = run([
      { type: "delta", text: "half an ans" },
      { type: "warning", text: "The OpenAI chat could not answer" },
      { type: "restart" },
      { type: "delta", text: "What is the ad about?" },
      { type: "done", reply: reply("What is the ad about?", ["The OpenAI chat could not answer", "tone: too long — not taken"]) },
    ]);
    expect(done.status).toBe("done");
    expect(done.text).toBe("What is the ad about?");
    expect(done.warnings).toEqual(["The OpenAI chat could not answer", "tone: too long — not taken"]);
    // Nothing moves a finished turn.
    expect(applyChatEvent(done, { type: "delta", text: "late" })).toBe(done);
  });

  it("ends on an error event", () => {
    const failed = run([{ type: "delta", text: "x" }, { type: "error", detail: "The chat failed; try again", code: "INTERNAL" }]);
    expect(failed).toMatchObject({ status: "failed", error: "The chat failed; try again" });
  });
});

describe("streamChat", () => {
  const sse = (body: string, status = 200, type = "text/event-stream") =>
    (async () => new Response(body, { status, headers: { "content-type": type } })) as unknown as typeof fetch;

  it("posts the message and hands on each event", async () => {
    let sent: { url: string; body: string } | null = null;
    const fetcher = (async (url: string, init: RequestInit) => {
      sent = { url, body: String(init.body) };
      return new Response(`event: delta\ndata: {"text":"Hi"}\n\nevent: done\ndata: ${JSON.stringify(reply("Hi"))}\n\n`, {
        headers: { "content-type": "text/event-stream" },
      });
    }) as unknown as typeof fetch;
    const events: ChatEvent[] = [];
    await streamChat("b 1", "a 15 s vertical ad", (e) => events.push(e), { fetcher });
    expect(sent).toEqual({ url: "/api/briefs/b%201/chat/stream", body: '{"message":"a 15 s vertical ad"}' });
    expect(events.map((e) => e.type)).toEqual(["delta", "done"]);
  });

  it("says so when the stream is cut before its end", async () => {
    const events: ChatEvent[] = [];
    await streamChat("b", "hi", (e) => events.push(e), { fetcher: sse('event: delta\ndata: {"text":"Hi"}\n\n') });
    expect(events.at(-1)).toMatchObject({ type: "error", code: "STREAM_ENDED" });
  });

  it("rejects with the API's error when the turn is refused", async () => {
    const body = JSON.stringify({ detail: "This brief's video is made", error_code: "CONFLICT", status_code: 409 });
    const error = await streamChat("b", "hi", () => undefined, { fetcher: sse(body, 409, "application/json") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("CONFLICT");
    expect((error as ApiError).message).toBe("This brief's video is made");
  });
});
