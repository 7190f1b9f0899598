// The route that relays the API's Server-Sent Events: chunk by chunk, marked so Next's gzip
// (which would hold them back) leaves the response alone.
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

import { GET } from "@/app/api/tracks/[track_id]/events/route";

const ID = "11111111-1111-4111-8111-111111111111";

afterEach(() => vi.unstubAllGlobals());

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

function call(headers: Record<string, string> = {}, search = "") {
  const req = new NextRequest(`http://studio.test/api/tracks/${ID}/events${search}`, { headers });
  return GET(req, { params: Promise.resolve({ track_id: ID }) });
}

describe("event stream relay", () => {
  it("passes the token, Last-Event-ID and forwarding headers on, and the events back unbuffered", async () => {
    const events = ["retry: 2000\n\n", 'id: 7\nevent: progress\ndata: {"progress":0.5}\n\n', ": keep-alive\n\n"];
    const fetch = vi.fn(async () => new Response(streamOf(events), { headers: { "content-type": "text/event-stream; charset=utf-8" } }));
    vi.stubGlobal("fetch", fetch);
    const res = await call(
      { authorization: "Bearer a1", "last-event-id": "6", "x-forwarded-for": "192.0.2.7", cookie: "as_access=a1" },
      "?last_event_id=6",
    );
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`http://127.0.0.1:8000/api/tracks/${ID}/events?last_event_id=6`);
    const sent = new Headers(init.headers);
    expect(sent.get("authorization")).toBe("Bearer a1");
    expect(sent.get("last-event-id")).toBe("6");
    expect(sent.get("x-forwarded-for")).toBe("192.0.2.7");
    expect(sent.get("cookie")).toBeNull();
    expect(init.signal).toBeInstanceOf(AbortSignal);

    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    expect(await res.text()).toBe(events.join(""));
  });

  it("gives an error answer back as the API gave it, so EventSource stops there", async () => {
    const body = { detail: "Track not found", error_code: "NOT_FOUND", status_code: 404 };
    vi.stubGlobal("fetch", vi.fn(async () => Response.json(body, { status: 404 })));
    const res = await call({ authorization: "Bearer a1" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(body);
  });

  it("answers 502 when the API is not there", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("fetch failed"))));
    const res = await call();
    expect(res.status).toBe(502);
    expect((await res.json()).error_code).toBe("API_UNREACHABLE");
  });
});
