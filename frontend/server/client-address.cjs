// Loaded with `node --require` before Next starts (package.json "start" and "dev", the Docker
// image). The dashboard is the studio's front door, so any X-Forwarded-* header a browser
// sends is its own invention: passed on, a rotating X-Forwarded-For would give every sign-in
// attempt a fresh address and walk past the API's login throttle. Next only fills these
// headers in when they are absent, so each request has them replaced here, before Next sees
// it, by what the connection itself says: who connected, over what, to which host.
// proxy.ts then hands exactly these to the API (lib/forwarded.ts).
"use strict";

const http = require("node:http");

const STAMPED = Symbol.for("ambient-studio.client-address");

/** "::ffff:192.0.2.7" (an IPv4 peer on a dual-stack socket) reads better as "192.0.2.7". */
function plainAddress(address) {
  return typeof address === "string" && address.startsWith("::ffff:") && address.includes(".")
    ? address.slice(7)
    : address;
}

function stamp(req) {
  const headers = req.headers;
  for (const name of ["forwarded", "x-real-ip", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"]) {
    delete headers[name];
  }
  const address = plainAddress(req.socket && req.socket.remoteAddress);
  if (address) headers["x-forwarded-for"] = address;
  headers["x-forwarded-proto"] = req.socket && req.socket.encrypted ? "https" : "http";
  if (headers.host) headers["x-forwarded-host"] = headers.host;
}

if (!globalThis[STAMPED]) {
  const createServer = http.createServer;
  http.createServer = function createStampingServer(...args) {
    const server = createServer.apply(this, args);
    // First in line, so Next's own listeners only ever see the stamped headers.
    server.prependListener("request", stamp);
    server.prependListener("upgrade", stamp);
    return server;
  };
  globalThis[STAMPED] = true;
}

module.exports = { stamp, plainAddress };
