// The vision chat's streamed turn (POST /api/briefs/{id}/chat/stream, server-sent events):
// read from a fetch body, since EventSource cannot POST a message. Events: `delta` {text} as
// the reply is written, `restart` (drop what was shown: a retry, or the built-in chat taking
// over), `warning` {text}, then `done` (the ChatReply) or `error` {detail, error_code}.
import type { ChatReply } from "@/lib/ad-types";
import { ApiError, toErrorBody } from "@/lib/api/errors";

export type ChatEvent =
  | { type: "delta"; text: string }
  | { type: "restart" }
  | { type: "warning"; text: string }
  | { type: "done"; reply: ChatReply }
  | { type: "error"; detail: string; code: string };

export interface SseMessage {
  event: string;
  data: string;
}

/**
 * An incremental SSE reader: feed it chunks as they arrive, get the complete messages so
 * far. A message may be split anywhere, even inside a multi-byte character (the decoder is
 * streaming).
 */
export function sseReader(): { push: (chunk: Uint8Array | string) => SseMessage[]; end: () => SseMessage[] } {
  const decoder = new TextDecoder();
  let buffer = "";
  const take = (final: boolean): SseMessage[] => {
    if (final && buffer.trim()) buffer += "\n\n"; // a last message without its blank line
    const out: SseMessage[] = [];
    let match: RegExpExecArray | null;
    while ((match = /\r?\n\r?\n/.exec(buffer)) !== null) {
      const block = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith(":")) continue; // a comment: keep-alive
        const colon = line.indexOf(":");
        const name = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (name === "event") event = value;
        else if (name === "data") data.push(value);
      }
      if (data.length > 0) out.push({ event, data: data.join("\n") });
    }
    return out;
  };
  return {
    push: (chunk) => {
      buffer += typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
      return take(false);
    },
    end: () => {
      buffer += decoder.decode();
      return take(true);
    },
  };
}

/** One SSE message as a chat event; null for one this page does not know or cannot read. */
export function toChatEvent(message: SseMessage): ChatEvent | null {
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return null;
  }
  const d = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
  const text = typeof d.text === "string" ? d.text : "";
  switch (message.event) {
    case "delta":
      return { type: "delta", text };
    case "restart":
      return { type: "restart" };
    case "warning":
      return { type: "warning", text };
    case "done":
      return typeof d.reply === "string" && typeof d.brief === "object" ? { type: "done", reply: d as unknown as ChatReply } : null;
    case "error":
      return {
        type: "error",
        detail: typeof d.detail === "string" ? d.detail : "The chat failed; try again",
        code: typeof d.error_code === "string" ? d.error_code : "INTERNAL",
      };
    default:
      return null;
  }
}

/** What the chat shows of the turn in flight. */
export interface TurnState {
  message: string;
  /** The reply as written so far. */
  text: string;
  warnings: string[];
  status: "sending" | "writing" | "done" | "failed";
  error: string | null;
  reply: ChatReply | null;
}

export function startTurn(message: string): TurnState {
  return { message, text: "", warnings: [], status: "sending", error: null, reply: null };
}

/** The turn after one more event: deltas append, a restart clears, `done` has the last word. */
export function applyChatEvent(state: TurnState, event: ChatEvent): TurnState {
  if (state.status === "done" || state.status === "failed") return state;
  switch (event.type) {
    case "delta":
      return { ...state, status: "writing", text: state.text + event.text };
    case "restart":
      return { ...state, text: "" };
    case "warning":
      return event.text && !state.warnings.includes(event.text) ? { ...state, warnings: [...state.warnings, event.text] } : state;
    case "done": {
      const warnings = [...state.warnings, ...event.reply.warnings.filter((w) => !state.warnings.includes(w))];
      return { ...state, status: "done", text: event.reply.reply, warnings, reply: event.reply };
    }
    case "error":
      return { ...state, status: "failed", error: event.detail };
  }
}

/**
 * Send one message and hand each event on as it arrives. Rejects with the API's error when
 * the turn is refused before it starts (404, 409 for a brief whose video is made, 400); a
 * failure during the turn arrives as an `error` event. A stream that ends without `done` or
 * `error` is reported as an `error` event too, so the caller always hears how it ended.
 */
export async function streamChat(
  briefId: string,
  message: string,
  onEvent: (event: ChatEvent) => void,
  { signal, fetcher = fetch }: { signal?: AbortSignal; fetcher?: typeof fetch } = {},
): Promise<void> {
  const response = await fetcher(`/api/briefs/${encodeURIComponent(briefId)}/chat/stream`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream" },
    body: JSON.stringify({ message }),
    signal,
  });
  const type = response.headers.get("content-type") ?? "";
  if (!response.ok || !type.startsWith("text/event-stream") || !response.body) {
    const body: unknown = await response.json().catch(() => null);
    throw new ApiError(toErrorBody(body, response.status));
  }
  const reader = response.body.getReader();
  const sse = sseReader();
  let ended = false;
  const hand = (messages: SseMessage[]) => {
    for (const m of messages) {
      const event = toChatEvent(m);
      if (!event) continue;
      if (event.type === "done" || event.type === "error") ended = true;
      onEvent(event);
    }
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hand(sse.push(value));
  }
  hand(sse.end());
  if (!ended) onEvent({ type: "error", detail: "The chat's answer was cut off; try again", code: "STREAM_ENDED" });
}
