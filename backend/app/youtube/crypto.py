"""Secrets at rest (OAuth tokens, upload session URIs) are Fernet tokens made with
ENCRYPTION_KEY: a database dump or a stray SELECT shows ciphertext, never a usable token."""

from cryptography.fernet import Fernet, InvalidToken

from app.config import get_settings
from app.youtube.errors import NotConfigured


def _fernet() -> Fernet:
    key = get_settings().youtube.encryption_key
    if not key:
        raise NotConfigured(
            "ENCRYPTION_KEY is not set, so YouTube tokens cannot be stored safely; "
            "set it (see README) and restart"
        )
    return Fernet(key.encode())


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(value: str) -> str:
    try:
        return _fernet().decrypt(value.encode()).decode()
    except InvalidToken as exc:
        # The key changed since the value was stored: the only way out is to connect again.
        raise NotConfigured(
            "Stored YouTube credentials cannot be decrypted with the current "
            "ENCRYPTION_KEY; disconnect and connect the channel again"
        ) from exc
