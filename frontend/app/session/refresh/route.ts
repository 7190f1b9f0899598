// POST /session/refresh — used by the browser's API client after a 401 TOKEN_EXPIRED.
// Rotates the refresh cookie through the same de-duplicated path as proxy.ts.
import { type NextRequest, NextResponse } from "next/server";

import { REFRESH_COOKIE, isHttps, writeTokens } from "@/lib/auth/cookies";
import { refreshTokens } from "@/lib/auth/refresh";

export async function POST(req: NextRequest): Promise<NextResponse> {
  const refresh = req.cookies.get(REFRESH_COOKIE)?.value;
  if (!refresh) {
    return NextResponse.json(
      { detail: "Not signed in.", error_code: "NOT_AUTHENTICATED", status_code: 401 },
      { status: 401 },
    );
  }
  const result = await refreshTokens(refresh, req.headers);
  if (!result.ok) {
    // Cookies stay: the client goes to /login?reason=session_ended, which clears them.
    return NextResponse.json(result.error, { status: result.rejected ? 401 : 503 });
  }
  const res = new NextResponse(null, { status: 204 });
  writeTokens(res.cookies, result.tokens, isHttps(req.headers, req.url));
  return res;
}
