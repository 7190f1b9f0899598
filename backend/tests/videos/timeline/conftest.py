"""The timeline is pure functions: these tests write nothing to the database, so the suite's
emptying of every table after each test (about 50 ms apiece) is skipped here."""

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _isolation() -> Iterator[None]:
    yield
