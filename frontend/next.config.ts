import { hostname, networkInterfaces } from "node:os";

import type { NextConfig } from "next";

/**
 * Host names the dev server's own scripts may be loaded from. `next dev` refuses its
 * /_next resources to any page origin but localhost, so a studio opened as
 * http://127.0.0.1:3000 or by the machine's LAN address would never hydrate. Allowed: the
 * loopback address, this machine's name and every address its interfaces carry, plus
 * DEV_ALLOWED_ORIGINS (comma-separated host names or patterns such as "*.lan") for names
 * the machine cannot know, e.g. a DNS alias.
 */
function devOrigins(): string[] {
  const addresses = Object.values(networkInterfaces())
    .flat()
    // An IPv6 origin's host name is written in brackets.
    .flatMap((nic) => (!nic ? [] : nic.family === "IPv6" ? [`[${nic.address}]`] : [nic.address]));
  const extra = (process.env.DEV_ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  return [...new Set(["127.0.0.1", "localhost", hostname(), ...addresses, ...extra])];
}

const nextConfig: NextConfig = {
  allowedDevOrigins: devOrigins(),
  // `make test` builds into a folder of its own, so it never swaps the build out from under
  // a studio that `make start` is serving from .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // The Docker image sets NEXT_OUTPUT=standalone: a self-contained server.js with only the
  // node_modules it needs. `make start` runs `next start` on the plain build, which the
  // standalone layout would make Next warn about.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // The API is reached through proxy.ts (same origin for the browser); generate, render,
  // upload and whole batches run inline on the backend for minutes, so the proxy must not cut
  // them at 30 s. A batch of ten long tracks with videos can take most of an hour; should one
  // take longer still, the batch page follows it by polling after the request is cut off.
  experimental: {
    proxyTimeout: 60 * 60 * 1000,
  },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
