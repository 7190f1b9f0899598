// Server-Sent Events from the API, passed through the dashboard's own server. proxy.ts
// forwards the rest of /api/* with a rewrite, but Next gzips a rewritten response when the
// browser accepts gzip, and gzip holds the events back until a buffer fills: a stream that
// never arrives. These routes fetch the stream themselves and hand each chunk on as it comes,
// marked no-transform (Next's compression leaves such a response alone) and unbuffered.
import type { NextRequest } from "next/server";

import { apiUrl } from "@/lib/env";

/** What the API may need from the browser's request; proxy.ts has set the token and X-Forwarded-*. */
const PASSED = ["authorization", "last-event-id", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"];

// The brief chat's streamed reply (a POST) is relayed the same way, by its own route.
export const EVENT_STREAM_PATH = /^\/api\/((tracks|jobs|songs|videos|briefs)\/[^/]+\/events|briefs\/[^/]+\/chat\/stream)$/;

export async function relayEventStream(req: NextRequest, path: string): Promise<Response> {
  const headers = new Headers({ accept: "text/event-stream" });
  for (const name of PASSED) {
    const value = req.headers.get(name);
    if (value) headers.set(name, value);
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${apiUrl()}${path}${req.nextUrl.search}`, {
      headers,
      cache: "no-store",
      // The browser leaving (tab closed, EventSource closed) ends the API's stream too.
      signal: req.signal,
    });
  } catch {
    return Response.json(
      { detail: "The studio's API is not reachable.", error_code: "API_UNREACHABLE", status_code: 502 },
      { status: 502 },
    );
  }
  const type = upstream.headers.get("content-type") ?? "";
  if (!upstream.ok || !type.startsWith("text/event-stream")) {
    // An error answer (401, 404 …) goes back as the API gave it; EventSource then gives up.
    return new Response(upstream.body, { status: upstream.status, headers: { "content-type": type || "application/json" } });
  }
  return new Response(upstream.body, {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
}
