import type { ApiErrorBody } from "./types";

/** An API error carrying the backend's `detail` (what the user reads) and `error_code`. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly retryAfter: number | null;
  /** When Retry-After runs out (epoch ms), fixed when the answer arrived; null without one. */
  readonly retryAt: number | null;

  constructor(body: ApiErrorBody, retryAfter: number | null = null, now = Date.now()) {
    super(body.detail);
    this.name = "ApiError";
    this.code = body.error_code;
    this.status = body.status_code;
    this.retryAfter = retryAfter;
    this.retryAt = retryAfter !== null ? now + retryAfter * 1000 : null;
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.detail === "string" && typeof v.error_code === "string";
}

/**
 * Normalise whatever came back into the one error shape. FastAPI's own 422 puts a list in
 * `detail`; a proxy failure may send HTML. Either way the user gets one readable sentence.
 */
export function toErrorBody(body: unknown, status: number): ApiErrorBody {
  if (isErrorBody(body)) return { ...body, status_code: body.status_code ?? status };
  if (typeof body === "object" && body !== null && Array.isArray((body as { detail?: unknown }).detail)) {
    const first = (body as { detail: Array<{ msg?: string }> }).detail[0];
    return { detail: first?.msg ?? "Invalid request", error_code: "VALIDATION_ERROR", status_code: status };
  }
  const detail =
    status === 0 || status >= 500
      ? "The studio server is not responding. Please try again in a moment."
      : `Request failed (${status})`;
  return { detail, error_code: status >= 500 ? "SERVER_ERROR" : "HTTP_ERROR", status_code: status };
}

export function retryAfterSeconds(response: Response): number | null {
  const raw = response.headers.get("Retry-After");
  if (!raw) return null;
  const seconds = Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds) : null;
}

/** Build an ApiError from a failed openapi-fetch call. */
export function apiErrorFrom(error: unknown, response: Response): ApiError {
  return new ApiError(toErrorBody(error, response.status), retryAfterSeconds(response));
}

/** A message fit for a toast, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return "Network error: the studio server could not be reached.";
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong.";
}
