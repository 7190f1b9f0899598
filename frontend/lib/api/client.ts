// The typed API client for client components. Same origin: proxy.ts forwards /api/* to the
// backend and attaches the access token from the httpOnly cookie.
import createClient from "openapi-fetch";

import { createAuthFetch } from "./auth-fetch";
import { apiErrorFrom } from "./errors";
import type { paths } from "./schema.gen";

export const SESSION_ENDED_URL = "/login?reason=session_ended";

async function refreshSession(): Promise<boolean> {
  const response = await fetch("/session/refresh", { method: "POST", credentials: "same-origin" });
  if (response.ok) return true;
  if (response.status === 401) return false;
  throw new Error(`refresh failed (${response.status})`);
}

let leaving = false;
function goToLogin() {
  // Several polls can fail at once; navigate only once.
  if (leaving || typeof window === "undefined") return;
  leaving = true;
  const next = encodeURIComponent(window.location.pathname + window.location.search);
  // A full page load on purpose, not router.push: the session is over, and everything this
  // tab holds from it (router cache, component state) should go with it.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign(`${SESSION_ENDED_URL}&next=${next}`);
}

export const api = createClient<paths>({
  baseUrl: "",
  fetch: createAuthFetch({
    fetch: (input, init) => globalThis.fetch(input, init),
    refresh: refreshSession,
    onSessionEnded: goToLogin,
  }),
});

/** Unwrap an openapi-fetch result: the data, or an ApiError with the API's `detail`. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) throw apiErrorFrom(result.error, result.response);
  return result.data as T;
}
