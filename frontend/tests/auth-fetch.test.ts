import { describe, expect, it, vi } from "vitest";

import { createAuthFetch } from "@/lib/api/auth-fetch";

const URL_ = "http://studio.test/api/stats";

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}
const expired = () => json(401, { detail: "access token has expired", error_code: "TOKEN_EXPIRED", status_code: 401 });
const revoked = () => json(401, { detail: "session ended", error_code: "SESSION_REVOKED", status_code: 401 });

/** A fake server: the access token is "old" until a refresh makes it "new". */
function server() {
  let token = "old";
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const request = input as Request;
    if (token === "old") return expired();
    return json(200, { ok: true, body: request.method === "POST" ? await request.text() : null });
  });
  const refresh = vi.fn(async () => {
    await new Promise((r) => setTimeout(r, 5));
    token = "new";
    return true;
  });
  return { fetch, refresh };
}

describe("createAuthFetch", () => {
  it("passes successful responses straight through", async () => {
    const fetch = vi.fn(async () => json(200, { ok: true }));
    const refresh = vi.fn();
    const authFetch = createAuthFetch({ fetch, refresh, onSessionEnded: vi.fn() });
    const res = await authFetch(URL_);
    expect(res.status).toBe(200);
    expect(refresh).not.toHaveBeenCalled();
  });

  it("refreshes once on TOKEN_EXPIRED and retries the request with its body", async () => {
    const { fetch, refresh } = server();
    const onSessionEnded = vi.fn();
    const authFetch = createAuthFetch({ fetch, refresh, onSessionEnded });
    const res = await authFetch(URL_, { method: "POST", body: '{"prompt":"rain"}' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, body: '{"prompt":"rain"}' });
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(onSessionEnded).not.toHaveBeenCalled();
  });

  it("shares one refresh between concurrent requests", async () => {
    const { fetch, refresh } = server();
    const authFetch = createAuthFetch({ fetch, refresh, onSessionEnded: vi.fn() });
    const results = await Promise.all([authFetch(URL_), authFetch(URL_), authFetch(URL_)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("refreshes again for a later expiry (the shared refresh is not cached forever)", async () => {
    const fetch = vi
      .fn<(input: RequestInfo | URL) => Promise<Response>>()
      .mockResolvedValueOnce(expired())
      .mockResolvedValueOnce(json(200, {}))
      .mockResolvedValueOnce(expired())
      .mockResolvedValueOnce(json(200, {}));
    const refresh = vi.fn(async () => true);
    const authFetch = createAuthFetch({ fetch, refresh, onSessionEnded: vi.fn() });
    await authFetch(URL_);
    await authFetch(URL_);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it("ends the session when the refresh is refused", async () => {
    const fetch = vi.fn(async () => expired());
    const onSessionEnded = vi.fn();
    const authFetch = createAuthFetch({ fetch, refresh: async () => false, onSessionEnded });
    const res = await authFetch(URL_);
    expect(res.status).toBe(401);
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("ends the session on SESSION_REVOKED without trying to refresh", async () => {
    const refresh = vi.fn(async () => true);
    const onSessionEnded = vi.fn();
    const authFetch = createAuthFetch({ fetch: async () => revoked(), refresh, onSessionEnded });
    await authFetch(URL_);
    expect(refresh).not.toHaveBeenCalled();
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
  });

  it("leaves a wrong password to the form", async () => {
    const onSessionEnded = vi.fn();
    const body = { detail: "Incorrect email or password", error_code: "INVALID_CREDENTIALS", status_code: 401 };
    const authFetch = createAuthFetch({ fetch: async () => json(401, body), refresh: vi.fn(), onSessionEnded });
    const res = await authFetch(URL_);
    expect((await res.json()).detail).toBe("Incorrect email or password");
    expect(onSessionEnded).not.toHaveBeenCalled();
  });

  it("keeps the session when the refresh could not reach the server", async () => {
    const onSessionEnded = vi.fn();
    const authFetch = createAuthFetch({
      fetch: async () => expired(),
      refresh: async () => {
        throw new Error("offline");
      },
      onSessionEnded,
    });
    const res = await authFetch(URL_);
    expect(res.status).toBe(401);
    expect(onSessionEnded).not.toHaveBeenCalled();
  });

  it("does not loop: a retry that is still 401 ends the session", async () => {
    const fetch = vi.fn(async () => expired());
    const refresh = vi.fn(async () => true);
    const onSessionEnded = vi.fn();
    const authFetch = createAuthFetch({ fetch, refresh, onSessionEnded });
    await authFetch(URL_);
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
  });
});
