// The typed API client for server components and server actions: straight to the backend
// (no proxy hop) with the access token from the cookie. proxy.ts has refreshed that token
// before the render started, so a 401 here means the session really is over.
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import createClient from "openapi-fetch";

import { ACCESS_COOKIE } from "@/lib/auth/cookies";
import { apiUrl } from "@/lib/env";
import { forwardedHeaders } from "@/lib/forwarded";

import { apiErrorFrom } from "./errors";
import type { paths } from "./schema.gen";

export async function serverApi() {
  const token = (await cookies()).get(ACCESS_COOKIE)?.value;
  return createClient<paths>({
    baseUrl: apiUrl(),
    headers: { ...forwardedHeaders(await headers()), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    cache: "no-store",
  });
}

/**
 * The data of a server-side call, or: a redirect to /login when the session is gone, the
 * not-found page for a 404, and an ApiError (caught by the nearest error.tsx) otherwise.
 */
export function orThrow<T>(result: { data?: T; error?: unknown; response: Response }): T {
  const { response } = result;
  if (response.ok) return result.data as T;
  if (response.status === 401) redirect("/login?reason=session_ended");
  if (response.status === 404) notFound();
  throw apiErrorFrom(result.error, response);
}
