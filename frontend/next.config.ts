import type { NextConfig } from "next";

const nextConfig: NextConfig = {
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
