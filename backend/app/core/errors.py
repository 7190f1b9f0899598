"""Errors raised deep down (a provider, ffmpeg) and read by the layers above, which turn
them into what the creator sees."""


class ProviderError(Exception):
    """A provider could not produce its output; the message is shown to the creator."""

    def __init__(self, message: str, *, provider: str, retryable: bool = False) -> None:
        super().__init__(message)
        self.provider = provider
        self.retryable = retryable


class MediaError(Exception):
    """ffmpeg or ffprobe failed; the message carries ffmpeg's last lines."""
