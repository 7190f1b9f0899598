"""YouTube's own domain errors; the app's one handler turns them into the usual JSON shape."""

from app.errors import AppError, Conflict


class NotConfigured(AppError):
    status_code = 503
    error_code = "YOUTUBE_NOT_CONFIGURED"


class NotConnected(Conflict):
    error_code = "YOUTUBE_NOT_CONNECTED"


class ReconnectNeeded(Conflict):
    error_code = "YOUTUBE_RECONNECT_NEEDED"


class StateRejected(AppError):
    """The callback's `state` is unknown, already used or expired: a forged or replayed link."""

    status_code = 403
    error_code = "OAUTH_STATE_INVALID"


class Unavailable(AppError):
    """Google could not be reached or had a transient problem before anything started."""

    status_code = 503
    error_code = "YOUTUBE_UNAVAILABLE"
