// The browser-side half of token refresh. Tokens live in httpOnly cookies that proxy.ts turns
// into an Authorization header, and proxy.ts already refreshes a token that is about to
// expire; this wrapper covers the rest (a tab that slept past expiry, clock skew): on a 401
// TOKEN_EXPIRED it asks the dashboard to rotate the cookies once and repeats the request.

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export interface AuthFetchOptions {
  fetch: Fetch;
  /**
   * Rotates the session: true when new tokens are in place, false when the session is over;
   * throws when it could not tell (server unreachable), which is not a reason to sign out.
   */
  refresh: () => Promise<boolean>;
  /** Called once the session cannot be recovered (revoked, refresh failed). */
  onSessionEnded: () => void;
}

/** 401 codes that a fresh access token fixes; any other 401 means the session is gone. */
const RECOVERABLE = new Set(["TOKEN_EXPIRED"]);
/** 401 codes that belong to a form (wrong password), not to the session. */
const NOT_SESSION = new Set(["INVALID_CREDENTIALS"]);

async function errorCode(response: Response): Promise<string | null> {
  try {
    const body: unknown = await response.clone().json();
    const code = (body as { error_code?: unknown } | null)?.error_code;
    return typeof code === "string" ? code : null;
  } catch {
    return null;
  }
}

export function createAuthFetch({ fetch, refresh, onSessionEnded }: AuthFetchOptions): Fetch {
  // Every request that hits an expired token at the same moment waits on one refresh:
  // refresh tokens rotate, and presenting a used one twice would revoke the whole session.
  let inflight: Promise<boolean> | null = null;
  const refreshOnce = (): Promise<boolean> => {
    inflight ??= refresh().finally(() => {
      inflight = null;
    });
    return inflight;
  };

  return async (input, init) => {
    const request = new Request(input, init);
    // The body of a sent request is consumed, so keep an untouched copy for the retry.
    const spare = request.clone();
    const response = await fetch(request);
    if (response.status !== 401) return response;

    const code = await errorCode(response);
    if (code !== null && NOT_SESSION.has(code)) return response;
    if (code !== null && RECOVERABLE.has(code)) {
      let renewed: boolean;
      try {
        renewed = await refreshOnce();
      } catch {
        return response; // the caller shows the error; the session may well be fine
      }
      if (renewed) {
        const retried = await fetch(spare);
        if (retried.status === 401) onSessionEnded();
        return retried;
      }
    }
    onSessionEnded();
    return response;
  };
}
