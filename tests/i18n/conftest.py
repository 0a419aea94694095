"""``french``: run a test with maplepath speaking French, and English again after it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from maplepath import i18n


@pytest.fixture
def french() -> Iterator[None]:
    i18n.use("fr")
    try:
        yield
    finally:
        i18n.use("en")
