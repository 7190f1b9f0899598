"use server";
// Sign-in and sign-out run on the server so the tokens go straight into httpOnly cookies.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";

import { toErrorBody } from "@/lib/api/errors";
import type { TokenPair } from "@/lib/api/types";
import { apiUrl } from "@/lib/env";
import { forwardedHeaders } from "@/lib/forwarded";

import {
  ACCESS_COOKIE,
  DEVICE_COOKIE,
  REFRESH_COOKIE,
  clearTokens,
  isHttps,
  writeDevice,
  writeTokens,
} from "./cookies";

export interface LoginState {
  error: string | null;
  email: string;
}

/** Only same-site paths: an open redirect after sign-in would be a phishing aid. */
function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === "string" ? value : "";
  return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/login") ? next : "/dashboard";
}

export async function login(_prev: LoginState, form: FormData): Promise<LoginState> {
  const email = String(form.get("email") ?? "").trim();
  const password = String(form.get("password") ?? "");
  if (!email || !password) return { error: "Enter your email and password.", email };

  const incoming = await headers();
  const store = await cookies();
  const device = store.get(DEVICE_COOKIE)?.value;
  let response: Response;
  try {
    // The API throttles failed sign-ins per address: it must see the browser's, not ours.
    response = await fetch(`${apiUrl()}/api/auth/login`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...forwardedHeaders(incoming) },
      body: JSON.stringify({ email, password, ...(device ? { device_token: device } : {}) }),
      cache: "no-store",
    });
  } catch {
    return { error: toErrorBody(null, 0).detail, email };
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const { detail } = toErrorBody(body, response.status);
    const wait = response.headers.get("Retry-After");
    const hint = response.status === 429 && wait && !/\d/.test(detail) ? ` Try again in ${wait} s.` : "";
    return { error: detail + hint, email };
  }

  const tokens = body as TokenPair & { device_token?: string | null };
  writeTokens(store, tokens, isHttps(incoming));
  if (tokens.device_token) writeDevice(store, tokens.device_token, isHttps(incoming));
  redirect(safeNext(form.get("next")));
}

export async function logout(): Promise<void> {
  const store = await cookies();
  const access = store.get(ACCESS_COOKIE)?.value;
  const refresh = store.get(REFRESH_COOKIE)?.value;
  if (refresh) {
    // Best effort: the cookies go either way, so a backend hiccup cannot trap the user signed in.
    await fetch(`${apiUrl()}/api/auth/logout`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...forwardedHeaders(await headers()),
        ...(access ? { Authorization: `Bearer ${access}` } : {}),
      },
      body: JSON.stringify({ refresh_token: refresh }),
      cache: "no-store",
    }).catch(() => undefined);
  }
  clearTokens(store);
  redirect("/login");
}
