// server/client-address.cjs, preloaded into the dashboard's Node process: every request a
// server of that process receives has its X-Forwarded-* headers replaced by the socket's.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);

let server: http.Server;
let port = 0;

beforeAll(async () => {
  require("../server/client-address.cjs");
  server = http.createServer((req, res) => res.end(JSON.stringify(req.headers)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(headers: Record<string, string>): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/api/auth/login", headers }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve(JSON.parse(body) as Record<string, string>));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("client-address preload", () => {
  it("replaces whatever the client claimed with the socket's address, scheme and host", async () => {
    const seen = await get({
      host: "studio.lan:3000",
      "x-forwarded-for": "203.0.113.66, 198.51.100.1",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "evil.example",
      "x-forwarded-port": "443",
      forwarded: "for=203.0.113.66",
      "x-real-ip": "203.0.113.66",
    });
    expect(seen["x-forwarded-for"]).toBe("127.0.0.1");
    expect(seen["x-forwarded-proto"]).toBe("http");
    expect(seen["x-forwarded-host"]).toBe("studio.lan:3000");
    expect(seen["x-forwarded-port"]).toBeUndefined();
    expect(seen.forwarded).toBeUndefined();
    expect(seen["x-real-ip"]).toBeUndefined();
  });

  it("stamps requests that carried no such header too, and marks the process", async () => {
    const seen = await get({ host: "127.0.0.1:3000" });
    expect(seen["x-forwarded-for"]).toBe("127.0.0.1");
    expect((globalThis as Record<symbol, unknown>)[Symbol.for("ambient-studio.client-address")]).toBe(true);
  });

  it("writes an IPv4 peer on a dual-stack socket plainly", () => {
    const { plainAddress } = require("../server/client-address.cjs") as { plainAddress: (a: string) => string };
    expect(plainAddress("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(plainAddress("2001:db8::1")).toBe("2001:db8::1");
  });
});
