import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

import { proxy } from "@/proxy";

// The sign-in action reads the browser's request through next/headers; here it is a stand-in.
const incoming = { headers: new Headers() };
const jar = { set: vi.fn(), get: vi.fn() };
vi.mock("next/headers", () => ({ headers: async () => incoming.headers, cookies: async () => jar }));
const { login } = await import("@/lib/auth/actions");

const HOUR = 3600;
const now = () => Math.floor(Date.now() / 1000);

function request(path: string, cookies: Record<string, string> = {}) {
  const cookie = Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
  return new NextRequest(`http://studio.test${path}`, { headers: cookie ? { cookie } : {} });
}

const fresh = (refresh = "r1") => ({ as_access: "a1", as_refresh: refresh, as_expires: String(now() + HOUR) });
const expiring = (refresh: string) => ({ as_access: "a1", as_refresh: refresh, as_expires: String(now() + 10) });

function stubRefresh(status: number, body: unknown) {
  const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status }));
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

afterEach(() => vi.unstubAllGlobals());

describe("proxy: pages", () => {
  it("sends a visitor without a session to sign in, remembering where they were going", async () => {
    const res = await proxy(request("/history?status=failed"));
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("next")).toBe("/history?status=failed");
  });

  it("lets a fresh session through untouched", async () => {
    const fetch = stubRefresh(500, {});
    const res = await proxy(request("/dashboard", fresh()));
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("rotates an expiring token before rendering and hands the new one to this render", async () => {
    const fetch = stubRefresh(200, { access_token: "a2", refresh_token: "r2", token_type: "bearer", expires_in: 900 });
    const res = await proxy(request("/dashboard", expiring("r-page")));
    expect(fetch).toHaveBeenCalledTimes(1);
    // Set on the browser…
    expect(res.cookies.get("as_access")?.value).toBe("a2");
    expect(res.cookies.get("as_refresh")?.value).toBe("r2");
    expect(res.cookies.get("as_access")?.httpOnly).toBe(true);
    // …and on the request the server components are about to read.
    expect(res.headers.get("x-middleware-request-cookie")).toContain("as_access=a2");
  });

  it("ends a revoked session with a message", async () => {
    stubRefresh(401, { detail: "This session has ended", error_code: "SESSION_REVOKED", status_code: 401 });
    const res = await proxy(request("/dashboard", expiring("r-revoked")));
    const location = new URL(res.headers.get("location") ?? "");
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("reason")).toBe("session_ended");
  });
});

describe("proxy: /api", () => {
  it("forwards to the backend with the access token as a Bearer header, without cookies", async () => {
    const res = await proxy(request("/api/stats?x=1", fresh()));
    expect(res.headers.get("x-middleware-rewrite")).toBe("http://127.0.0.1:8000/api/stats?x=1");
    expect(res.headers.get("x-middleware-request-authorization")).toBe("Bearer a1");
    expect(res.headers.get("x-middleware-override-headers")?.split(",")).not.toContain("cookie");
  });

  it("answers 401 SESSION_REVOKED itself when the session cannot be renewed", async () => {
    stubRefresh(401, { detail: "reuse", error_code: "SESSION_REVOKED", status_code: 401 });
    const res = await proxy(request("/api/stats", expiring("r-api-revoked")));
    expect(res.status).toBe(401);
    expect((await res.json()).error_code).toBe("SESSION_REVOKED");
  });
});

describe("proxy: /login", () => {
  it("sends a signed-in visitor to the dashboard", async () => {
    const res = await proxy(request("/login", fresh()));
    expect(new URL(res.headers.get("location") ?? "").pathname).toBe("/dashboard");
  });

  it("clears dead cookies when arriving because the session ended", async () => {
    const res = await proxy(request("/login?reason=session_ended", fresh()));
    expect(res.cookies.get("as_refresh")?.value).toBe("");
    expect(res.headers.get("location")).toBeNull();
  });

  it("leaves the cookies to the navigation when a link prefetch lands there", async () => {
    const req = request("/login?reason=session_ended", fresh());
    req.headers.set("next-router-prefetch", "1");
    const res = await proxy(req);
    expect(res.cookies.get("as_refresh")).toBeUndefined();
  });
});

describe("proxy: X-Forwarded-* to the API", () => {
  const STAMPED = Symbol.for("ambient-studio.client-address");
  const marks = globalThis as Record<symbol, unknown>;
  afterEach(() => {
    delete marks[STAMPED];
  });

  /**
   * A request as Next hands it to the proxy: server/client-address.cjs has already replaced
   * the X-Forwarded-* headers with the socket's (192.0.2.7), but a client's other claims
   * (Forwarded, X-Real-IP) would still be there if it stopped short.
   */
  function fromBrowser(path: string, cookies: Record<string, string> = {}, extra: Record<string, string> = {}) {
    const req = request(path, cookies);
    req.headers.set("host", "studio.test");
    req.headers.set("x-forwarded-for", "192.0.2.7");
    req.headers.set("x-forwarded-proto", "http");
    req.headers.set("forwarded", "for=203.0.113.66");
    req.headers.set("x-real-ip", "203.0.113.66");
    for (const [name, value] of Object.entries(extra)) req.headers.set(name, value);
    return req;
  }

  const sent = (res: Response, name: string) => res.headers.get(`x-middleware-request-${name}`);
  const kept = (res: Response) => res.headers.get("x-middleware-override-headers")?.split(",") ?? [];

  it("sets X-Forwarded-For to the client's socket address and drops the client's own claims", async () => {
    marks[STAMPED] = true;
    const res = await proxy(fromBrowser("/api/auth/me", fresh()));
    expect(sent(res, "x-forwarded-for")).toBe("192.0.2.7");
    expect(sent(res, "x-forwarded-proto")).toBe("http");
    expect(sent(res, "x-forwarded-host")).toBe("studio.test");
    expect(kept(res)).not.toContain("forwarded");
    expect(kept(res)).not.toContain("x-real-ip");
  });

  it("does the same for callers with their own token and for media links", async () => {
    marks[STAMPED] = true;
    for (const req of [
      fromBrowser("/api/stats", {}, { authorization: "Bearer own" }),
      fromBrowser("/media/images/a.png?exp=1&sig=x"),
    ]) {
      const res = await proxy(req);
      expect(res.headers.get("x-middleware-rewrite")).toContain("http://127.0.0.1:8000/");
      expect(sent(res, "x-forwarded-for")).toBe("192.0.2.7");
      expect(kept(res)).not.toContain("forwarded");
    }
  });

  it("never passes on a list: only one address is the socket's", async () => {
    marks[STAMPED] = true;
    const res = await proxy(fromBrowser("/api/stats", fresh(), { "x-forwarded-for": "198.51.100.1, 192.0.2.7" }));
    expect(kept(res)).not.toContain("x-forwarded-for");
  });

  it("sends no address at all where nothing stamped the socket's (a bare next start)", async () => {
    const res = await proxy(fromBrowser("/api/stats", fresh(), { "x-forwarded-for": "198.51.100.1" }));
    expect(kept(res)).not.toContain("x-forwarded-for");
    expect(res.headers.get("x-middleware-request-authorization")).toBe("Bearer a1");
  });

  it("tells the API the browser's address when refreshing on its behalf", async () => {
    marks[STAMPED] = true;
    const fetch = stubRefresh(200, { access_token: "a2", refresh_token: "r2", token_type: "bearer", expires_in: 900 });
    await proxy(fromBrowser("/api/stats", expiring("r-forwarded")));
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(new Headers(init.headers).get("x-forwarded-for")).toBe("192.0.2.7");
  });
});

describe("sign-in action: X-Forwarded-For to the API", () => {
  const STAMPED = Symbol.for("ambient-studio.client-address");
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[STAMPED];
  });

  it("sends the browser's socket address, so the throttle counts the right client", async () => {
    (globalThis as Record<symbol, unknown>)[STAMPED] = true;
    incoming.headers = new Headers({ host: "studio.test", "x-forwarded-for": "192.0.2.7", "x-forwarded-proto": "http" });
    const fetch = vi.fn(async () => Response.json({ detail: "Incorrect email or password", error_code: "INVALID_CREDENTIALS", status_code: 401 }, { status: 401 }));
    vi.stubGlobal("fetch", fetch);
    const form = new FormData();
    form.set("email", "me@example.com");
    form.set("password", "wrong password");
    const state = await login({ error: null, email: "" }, form);
    expect(state.error).toBe("Incorrect email or password");
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    const sent = new Headers(init.headers);
    expect(sent.get("x-forwarded-for")).toBe("192.0.2.7");
    expect(sent.get("x-forwarded-host")).toBe("studio.test");
  });
});

describe("proxy: event streams", () => {
  it("hands /events to the relaying route with the token set, instead of a (gzipped) rewrite", async () => {
    for (const path of [
      "/api/tracks/11111111-1111-4111-8111-111111111111/events",
      "/api/jobs/22222222-2222-4222-8222-222222222222/events?last_event_id=4",
      "/api/briefs/33333333-3333-4333-8333-333333333333/events",
    ]) {
      const res = await proxy(request(path, fresh()));
      expect(res.headers.get("x-middleware-rewrite")).toBeNull();
      expect(res.headers.get("x-middleware-next")).toBe("1");
      expect(res.headers.get("x-middleware-request-authorization")).toBe("Bearer a1");
      expect(res.headers.get("x-middleware-override-headers")?.split(",")).not.toContain("cookie");
    }
  });
});
