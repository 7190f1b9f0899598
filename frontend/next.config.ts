import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The API is reached through proxy.ts (same origin for the browser); generate and render
  // run inline on the backend for up to minutes, so the proxy must not cut them at 30 s.
  experimental: {
    proxyTimeout: 15 * 60 * 1000,
  },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
