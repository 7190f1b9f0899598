"""Domain errors. Services raise these; one handler in main.py turns them into the JSON
error shape {"detail", "error_code", "status_code"}."""


class AppError(Exception):
    status_code = 500
    error_code = "INTERNAL_ERROR"

    def __init__(self, detail: str, *, error_code: str | None = None, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.detail = detail
        if error_code:
            self.error_code = error_code
        self.headers = headers or {}


class BadRequest(AppError):
    status_code = 400
    error_code = "VALIDATION_ERROR"


class Unauthorized(AppError):
    status_code = 401
    error_code = "NOT_AUTHENTICATED"

    def __init__(self, detail: str, *, error_code: str | None = None):
        super().__init__(detail, error_code=error_code, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(AppError):
    status_code = 403
    error_code = "FORBIDDEN"


class NotFound(AppError):
    status_code = 404
    error_code = "NOT_FOUND"


class Conflict(AppError):
    status_code = 409
    error_code = "CONFLICT"


class IdempotencyMismatch(AppError):
    """A repeated request (same client-chosen id or Idempotency-Key) whose body differs from the
    first one's: it cannot be answered with that result, and must not silently be."""

    status_code = 422
    error_code = "IDEMPOTENCY_MISMATCH"


class Unprocessable(AppError):
    """Well-formed, but against the rules of what it edits (e.g. sections that would leave a
    gap); the detail names what breaks them."""

    status_code = 422
    error_code = "UNPROCESSABLE"


class PayloadTooLarge(AppError):
    status_code = 413
    error_code = "PAYLOAD_TOO_LARGE"


class RateLimited(AppError):
    status_code = 429
    error_code = "RATE_LIMITED"

    def __init__(self, detail: str, *, retry_after: int):
        super().__init__(detail, headers={"Retry-After": str(retry_after)})
        self.retry_after = retry_after


class QuotaExceeded(AppError):
    status_code = 403
    error_code = "QUOTA_EXCEEDED"


class StepFailed(AppError):
    """A pipeline step failed; the track is left `failed` and can be retried."""

    status_code = 502
    error_code = "STEP_FAILED"


class InsufficientStorage(AppError):
    status_code = 507
    error_code = "INSUFFICIENT_STORAGE"


# --- Paid providers ---
class BudgetExceeded(AppError):
    """The work would pass the per-job or monthly provider budget; refused before any call."""

    status_code = 402
    error_code = "BUDGET_EXCEEDED"


class ProviderNotConfigured(AppError):
    """A real provider is selected but its key (or price) is missing from the settings."""

    status_code = 503
    error_code = "PROVIDER_NOT_CONFIGURED"


class RangeNotSatisfiable(AppError):
    """A byte range that starts past the end of the file; says the size, as RFC 9110 asks."""

    status_code = 416
    error_code = "RANGE_NOT_SATISFIABLE"

    def __init__(self, size: int):
        super().__init__(
            f"The requested range is outside the file ({size} bytes)",
            headers={"Content-Range": f"bytes */{size}"},
        )
