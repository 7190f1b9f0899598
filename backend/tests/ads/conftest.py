"""Ads tests share the provider tests' emulators and settings fixtures."""

from tests.providers.conftest import configure, openai_api, openai_server  # noqa: F401
