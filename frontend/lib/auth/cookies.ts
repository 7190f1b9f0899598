// Tokens are kept in httpOnly cookies: page JavaScript never sees them, server components read
// them with cookies(), and proxy.ts turns them into the Authorization header for /api/*.
import type { TokenPair } from "@/lib/api/types";

export const ACCESS_COOKIE = "as_access";
export const REFRESH_COOKIE = "as_refresh";
/** When the access token expires (epoch seconds); outlives the token so we know to refresh. */
export const EXPIRES_COOKIE = "as_expires";
// "This browser signed in before": the API lets it sign in even while others' failed guesses
// hold the account or the address back. Kept across sign-outs; it is no credential by itself.
export const DEVICE_COOKIE = "as_device";
const DEVICE_MAX_AGE = 180 * 24 * 3600;

/** The backend's refresh-token lifetime (7 days); the cookie should not outlive it. */
const REFRESH_MAX_AGE = 7 * 24 * 3600;
/** Refresh this long before the access token expires, so a request never races the expiry. */
export const REFRESH_MARGIN_SECONDS = 60;

interface CookieOptions {
  httpOnly: boolean;
  sameSite: "lax";
  secure: boolean;
  path: string;
  maxAge: number;
}

/** Anything with a cookies.set like Next's cookie stores (RequestCookies, ResponseCookies, cookies()). */
export interface CookieWriter {
  set(name: string, value: string, options?: Partial<CookieOptions>): unknown;
}

const base = (secure: boolean, maxAge: number): CookieOptions => ({
  httpOnly: true,
  sameSite: "lax",
  // Only over HTTPS: a self-hosted studio is often opened as http://<host>:3000,
  // where a Secure cookie would be dropped and sign-in would silently fail.
  secure,
  path: "/",
  maxAge,
});

export function writeTokens(store: CookieWriter, tokens: TokenPair, secure: boolean, now = Date.now()): void {
  const expiresAt = Math.floor(now / 1000) + tokens.expires_in;
  store.set(ACCESS_COOKIE, tokens.access_token, base(secure, tokens.expires_in));
  store.set(REFRESH_COOKIE, tokens.refresh_token, base(secure, REFRESH_MAX_AGE));
  store.set(EXPIRES_COOKIE, String(expiresAt), base(secure, REFRESH_MAX_AGE));
}

export function writeDevice(store: CookieWriter, token: string, secure: boolean): void {
  store.set(DEVICE_COOKIE, token, base(secure, DEVICE_MAX_AGE));
}

export function clearTokens(store: CookieWriter): void {
  for (const name of [ACCESS_COOKIE, REFRESH_COOKIE, EXPIRES_COOKIE]) {
    store.set(name, "", { path: "/", maxAge: 0 });
  }
}

/** True when the access token is missing or expires within the margin. */
export function accessNeedsRefresh(
  access: string | undefined,
  expiresAt: string | undefined,
  now = Date.now(),
): boolean {
  if (!access) return true;
  const exp = Number(expiresAt);
  if (!Number.isFinite(exp)) return true;
  return exp - now / 1000 < REFRESH_MARGIN_SECONDS;
}

export function isHttps(headers: Headers, url?: string): boolean {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (forwarded) return forwarded === "https";
  return url?.startsWith("https:") ?? false;
}
