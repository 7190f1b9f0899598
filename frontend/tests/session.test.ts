import { afterEach, describe, expect, it, vi } from "vitest";

import {
  ACCESS_COOKIE,
  DEVICE_COOKIE,
  EXPIRES_COOKIE,
  REFRESH_COOKIE,
  accessNeedsRefresh,
  clearTokens,
  isHttps,
  writeDevice,
  writeTokens,
} from "@/lib/auth/cookies";
import { refreshTokens } from "@/lib/auth/refresh";

const pair = (n: number) => ({
  access_token: `access-${n}`,
  refresh_token: `refresh-${n}`,
  token_type: "bearer",
  expires_in: 900,
});

describe("session cookies", () => {
  it("stores both tokens httpOnly, with the access expiry alongside", () => {
    const set = vi.fn();
    writeTokens({ set }, pair(1), false, Date.parse("2025-01-01T00:00:00Z"));
    const byName = Object.fromEntries(set.mock.calls.map(([name, value, opts]) => [name, { value, opts }]));
    expect(byName[ACCESS_COOKIE].value).toBe("access-1");
    expect(byName[ACCESS_COOKIE].opts).toMatchObject({ httpOnly: true, sameSite: "lax", maxAge: 900, secure: false });
    expect(byName[REFRESH_COOKIE].opts.httpOnly).toBe(true);
    expect(byName[EXPIRES_COOKIE].value).toBe(String(Date.parse("2025-01-01T00:15:00Z") / 1000));
  });

  it("remembers the browser for half a year, httpOnly, and sign-out keeps it", () => {
    const set = vi.fn();
    writeDevice({ set }, "device-1", true);
    expect(set).toHaveBeenCalledWith(DEVICE_COOKIE, "device-1", expect.objectContaining({
      httpOnly: true, secure: true, maxAge: 180 * 24 * 3600 }));
    const cleared = vi.fn();
    clearTokens({ set: cleared });
    expect(cleared.mock.calls.map((c) => c[0])).not.toContain(DEVICE_COOKIE);
  });

  it("clears all three", () => {
    const set = vi.fn();
    clearTokens({ set });
    expect(set.mock.calls.map((c) => [c[0], c[2].maxAge])).toEqual([
      [ACCESS_COOKIE, 0],
      [REFRESH_COOKIE, 0],
      [EXPIRES_COOKIE, 0],
    ]);
  });

  it("asks for a refresh a minute before expiry, or when anything is missing", () => {
    const now = 1_000_000_000_000;
    const inSeconds = (s: number) => String(now / 1000 + s);
    expect(accessNeedsRefresh("a", inSeconds(600), now)).toBe(false);
    expect(accessNeedsRefresh("a", inSeconds(30), now)).toBe(true);
    expect(accessNeedsRefresh(undefined, inSeconds(600), now)).toBe(true);
    expect(accessNeedsRefresh("a", undefined, now)).toBe(true);
  });

  it("marks cookies Secure only behind HTTPS", () => {
    expect(isHttps(new Headers({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(isHttps(new Headers(), "http://192.168.1.5:3000/login")).toBe(false);
    expect(isHttps(new Headers(), "https://studio.example/login")).toBe(true);
  });
});

describe("refreshTokens (server side)", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("rotates a refresh token once however many requests present it", async () => {
    let n = 0;
    const fetch = vi.fn(async () => {
      await new Promise((r) => setTimeout(r, 5));
      n += 1;
      return new Response(JSON.stringify(pair(n)), { status: 200 });
    });
    vi.stubGlobal("fetch", fetch);
    const results = await Promise.all([refreshTokens("r-shared"), refreshTokens("r-shared")]);
    // A latecomer inside the grace period gets the same new pair instead of a reuse revocation.
    const late = await refreshTokens("r-shared");
    expect(fetch).toHaveBeenCalledTimes(1);
    for (const r of [...results, late]) expect(r).toEqual({ ok: true, tokens: pair(1) });
  });

  it("reports a refused token as rejected", async () => {
    const body = { detail: "This session has ended; please sign in again", error_code: "SESSION_REVOKED", status_code: 401 };
    vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify(body), { status: 401 })));
    expect(await refreshTokens("r-revoked")).toEqual({ ok: false, error: body, rejected: true });
  });

  it("does not remember a network failure", async () => {
    const fetch = vi
      .fn()
      .mockRejectedValueOnce(new TypeError("fetch failed"))
      .mockResolvedValueOnce(new Response(JSON.stringify(pair(7)), { status: 200 }));
    vi.stubGlobal("fetch", fetch);
    const first = await refreshTokens("r-flaky");
    expect(first.ok).toBe(false);
    expect(first.ok === false && first.rejected).toBe(false);
    expect(await refreshTokens("r-flaky")).toEqual({ ok: true, tokens: pair(7) });
  });
});
