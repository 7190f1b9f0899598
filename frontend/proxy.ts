// Runs before every page and /api request (see matcher):
//  - /api/*  is forwarded to the FastAPI backend with `Authorization: Bearer <access cookie>`,
//            so the browser talks same-origin and never holds a token;
//  - /media/* (signed file links) is forwarded as is;
//  - both carry X-Forwarded-For/-Proto/-Host set (not appended) from the browser's own
//    connection (lib/forwarded.ts): the API's login throttle counts per client address;
//  - pages   need a session: no cookies → /login; a token about to expire is refreshed here
//            first, and the new cookies are passed on to the server components of this very
//            request as well as set on the response.
import { type NextRequest, NextResponse } from "next/server";

import {
  ACCESS_COOKIE,
  EXPIRES_COOKIE,
  REFRESH_COOKIE,
  accessNeedsRefresh,
  clearTokens,
  isHttps,
  writeTokens,
} from "@/lib/auth/cookies";
import { refreshTokens } from "@/lib/auth/refresh";
import type { TokenPair } from "@/lib/api/types";
import { apiUrl } from "@/lib/env";
import { EVENT_STREAM_PATH } from "@/lib/event-stream";
import { setForwarded } from "@/lib/forwarded";

type Session =
  | { kind: "valid"; access: string; renewed?: TokenPair }
  | { kind: "none" } // never signed in, or signed out
  | { kind: "ended" } // the API refused the refresh token: revoked or expired
  | { kind: "unreachable"; access?: string }; // the API did not answer; let the request fail visibly

async function resolveSession(req: NextRequest): Promise<Session> {
  const access = req.cookies.get(ACCESS_COOKIE)?.value;
  const refresh = req.cookies.get(REFRESH_COOKIE)?.value;
  if (access && !accessNeedsRefresh(access, req.cookies.get(EXPIRES_COOKIE)?.value)) {
    return { kind: "valid", access };
  }
  if (!refresh) return access ? { kind: "valid", access } : { kind: "none" };
  const result = await refreshTokens(refresh, req.headers);
  if (result.ok) return { kind: "valid", access: result.tokens.access_token, renewed: result.tokens };
  return result.rejected ? { kind: "ended" } : { kind: "unreachable", access };
}

/** Put renewed tokens on the incoming request (for this render) and on the response (for the browser). */
function carryTokens(req: NextRequest, res: NextResponse, tokens: TokenPair | undefined) {
  if (!tokens) return;
  writeTokens(res.cookies, tokens, isHttps(req.headers, req.url));
}

// The dead cookies are not cleared here but by the sign-in page (GET /login?reason=…):
// prefetches and polls race the navigation, and a request that found the cookies already
// cleared would land on /login without the "session ended" message.
function sessionEndedJson(): NextResponse {
  return NextResponse.json(
    { detail: "Your session ended, please sign in again.", error_code: "SESSION_REVOKED", status_code: 401 },
    { status: 401 },
  );
}

async function forwardApi(req: NextRequest): Promise<NextResponse> {
  const target = new URL(req.nextUrl.pathname + req.nextUrl.search, apiUrl());
  const headers = setForwarded(new Headers(req.headers), req.headers, req.url);
  // Event streams go to the route handlers that relay them unbuffered (lib/event-stream.ts),
  // with the token and forwarding headers set here; everything else is rewritten to the API.
  const forward = () =>
    EVENT_STREAM_PATH.test(req.nextUrl.pathname)
      ? NextResponse.next({ request: { headers } })
      : NextResponse.rewrite(target, { request: { headers } });
  // A caller that brings its own token (curl through the dashboard) keeps it.
  if (headers.has("authorization")) return forward();

  const session = await resolveSession(req);
  if (session.kind === "ended") return sessionEndedJson();
  const access = session.kind === "valid" || session.kind === "unreachable" ? session.access : undefined;
  if (access) headers.set("authorization", `Bearer ${access}`);
  // The backend has no business with the dashboard's cookies.
  headers.delete("cookie");
  const res = forward();
  if (session.kind === "valid") carryTokens(req, res, session.renewed);
  return res;
}

function toLogin(req: NextRequest, reason?: string): NextResponse {
  const url = new URL("/login", req.url);
  const next = req.nextUrl.pathname + req.nextUrl.search;
  if (next !== "/" && next !== "/dashboard") url.searchParams.set("next", next);
  if (reason) url.searchParams.set("reason", reason);
  return NextResponse.redirect(url);
}

async function guardPage(req: NextRequest): Promise<NextResponse> {
  const session = await resolveSession(req);
  if (session.kind === "none") return toLogin(req);
  if (session.kind === "ended") return toLogin(req, "session_ended");
  if (session.kind === "unreachable" || !session.renewed) return NextResponse.next();

  // Server components read cookies() from the request: hand them the new tokens now.
  req.cookies.set(ACCESS_COOKIE, session.renewed.access_token);
  req.cookies.set(REFRESH_COOKIE, session.renewed.refresh_token);
  const res = NextResponse.next({ request: { headers: req.headers } });
  carryTokens(req, res, session.renewed);
  return res;
}

function loginPage(req: NextRequest): NextResponse {
  // Arriving here because the session ended: drop the dead cookies so we do not bounce back.
  // Only when a person arrives: not for the sign-in action's POST to this URL (it sets fresh
  // cookies itself), and not for a link prefetch that followed a redirect here — clearing
  // then would pull the cookies out from under the navigation that carries the message.
  const prefetch = req.headers.has("next-router-prefetch") || req.headers.get("sec-purpose")?.includes("prefetch");
  if (req.method === "GET" && !prefetch && req.nextUrl.searchParams.has("reason")) {
    const res = NextResponse.next();
    clearTokens(res.cookies);
    return res;
  }
  const access = req.cookies.get(ACCESS_COOKIE)?.value;
  if (access && !accessNeedsRefresh(access, req.cookies.get(EXPIRES_COOKIE)?.value)) {
    return NextResponse.redirect(new URL("/dashboard", req.url));
  }
  return NextResponse.next();
}

export async function proxy(req: NextRequest): Promise<NextResponse> {
  const { pathname } = req.nextUrl;
  if (pathname.startsWith("/api/")) return forwardApi(req);
  // Signed media links carry their own signature; forwarding them lets PUBLIC_BASE_URL point
  // at the dashboard, so one address serves everything (handy behind a single port).
  if (pathname.startsWith("/media/")) {
    const headers = setForwarded(new Headers(req.headers), req.headers, req.url);
    return NextResponse.rewrite(new URL(pathname + req.nextUrl.search, apiUrl()), { request: { headers } });
  }
  if (pathname === "/login") return loginPage(req);
  // A shared video's page: the link itself is the permission, so no session is asked for.
  if (pathname.startsWith("/v/")) return NextResponse.next();
  return guardPage(req);
}

export const config = {
  // Everything but Next's own assets and the /session routes (which manage the cookies
  // themselves). No extension-based exclusions: /media/… files must reach the proxy.
  matcher: ["/((?!_next/static|_next/image|session/|favicon\\.ico|icon\\.svg).*)"],
};
