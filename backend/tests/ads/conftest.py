"""Ads tests share the provider tests' emulators and settings fixtures."""

from tests.providers.conftest import (  # noqa: F401
    configure,
    openai_api,
    openai_server,
    replicate_api,
    replicate_server,
)
