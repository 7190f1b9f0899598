import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";

import { proxy } from "@/proxy";

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
