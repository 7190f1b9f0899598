// Server-side token rotation, shared by proxy.ts and the /session/refresh route.
//
// Refresh tokens rotate and the backend revokes the whole session when a used one is
// presented again. A browser easily sends several requests with the same cookie at once
// (a page plus its polls, two tabs), so every refresh of one token is run once and its
// result is handed to the latecomers for a short grace period.
import { toErrorBody } from "@/lib/api/errors";
import type { ApiErrorBody, TokenPair } from "@/lib/api/types";
import { apiUrl } from "@/lib/env";
import { forwardedHeaders } from "@/lib/forwarded";

export type RefreshResult =
  | { ok: true; tokens: TokenPair }
  | { ok: false; error: ApiErrorBody; /** true when the API said no (not a network hiccup) */ rejected: boolean };

const GRACE_MS = 30_000;

interface Entry {
  at: number;
  result: Promise<RefreshResult>;
}

// globalThis, because proxy.ts and route handlers are bundled separately but share the process.
const KEY = Symbol.for("ambient-studio.refresh-cache");
const cache: Map<string, Entry> = ((globalThis as Record<symbol, unknown>)[KEY] as Map<string, Entry>) ??
  ((globalThis as Record<symbol, unknown>)[KEY] = new Map<string, Entry>());

async function callRefresh(refreshToken: string, incoming?: Headers): Promise<RefreshResult> {
  try {
    const response = await fetch(`${apiUrl()}/api/auth/refresh`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(incoming ? forwardedHeaders(incoming) : {}) },
      body: JSON.stringify({ refresh_token: refreshToken }),
      cache: "no-store",
    });
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return { ok: true, tokens: body as TokenPair };
    return { ok: false, error: toErrorBody(body, response.status), rejected: response.status === 401 };
  } catch {
    return { ok: false, error: toErrorBody(null, 0), rejected: false };
  }
}

/** `incoming`: the browser's request, whose address the API should see (lib/forwarded.ts). */
export function refreshTokens(refreshToken: string, incoming?: Headers, now = Date.now()): Promise<RefreshResult> {
  for (const [token, entry] of cache) {
    if (now - entry.at > GRACE_MS) cache.delete(token);
  }
  const hit = cache.get(refreshToken);
  if (hit) return hit.result;

  const result = callRefresh(refreshToken, incoming).then((r) => {
    // A network failure is worth retrying on the next request; an answer is not.
    if (!r.ok && !r.rejected) cache.delete(refreshToken);
    return r;
  });
  cache.set(refreshToken, { at: now, result });
  return result;
}
