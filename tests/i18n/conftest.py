"""``french``: run a test with maplepath speaking French, and English again after it;
``speaking``: the same for the language a test is parametrized with (``indirect=True``)."""

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


@pytest.fixture
def speaking(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.use(request.param)
    try:
        yield request.param
    finally:
        i18n.use("en")
