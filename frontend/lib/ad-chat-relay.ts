// The vision chat's streamed answer, passed through the dashboard's own server for the same
// reason as the job streams (lib/event-stream.ts): a rewritten response is gzipped by Next,
// which holds the reply back until a buffer fills. This one is a POST carrying the message.
import type { NextRequest } from "next/server";

import { apiUrl } from "@/lib/env";

/** What the API may need from the browser's request; proxy.ts has set the token and X-Forwarded-*. */
const PASSED = ["authorization", "content-type", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"];

/** Far above the API's own limit on a message (2 000 characters): the API judges, this only bounds. */
const BODY_MAX = 64 * 1024;

export async function relayChatStream(req: NextRequest, path: string): Promise<Response> {
  const headers = new Headers({ accept: "text/event-stream" });
  for (const name of PASSED) {
    const value = req.headers.get(name);
    if (value) headers.set(name, value);
  }
  const body = await req.text();
  if (body.length > BODY_MAX) {
    return Response.json(
      { detail: "The message is too long.", error_code: "PAYLOAD_TOO_LARGE", status_code: 413 },
      { status: 413 },
    );
  }
  let upstream: Response;
  try {
    upstream = await fetch(`${apiUrl()}${path}`, { method: "POST", headers, body, cache: "no-store", signal: req.signal });
  } catch {
    return Response.json(
      { detail: "The studio's API is not reachable.", error_code: "API_UNREACHABLE", status_code: 502 },
      { status: 502 },
    );
  }
  const type = upstream.headers.get("content-type") ?? "";
  if (!upstream.ok || !type.startsWith("text/event-stream")) {
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
