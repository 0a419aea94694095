"""``i18n.kept_per_language``: computed once per arguments and language, never answered in
another language than the one in force."""

from __future__ import annotations

import pytest

from maplepath import i18n
from maplepath.i18n import say


def test_kept_once_per_arguments_and_language() -> None:
    calls: list[int] = []

    @i18n.kept_per_language
    def greeting(n: int) -> str:
        calls.append(n)
        return say("no work given") + f" {n}"

    try:
        i18n.use("en")
        english = greeting(1)
        assert greeting(1) is english and calls == [1]
        i18n.use("fr")
        french = greeting(1)
        assert french != english and calls == [1, 1]
        assert greeting(2) != french and calls == [1, 1, 2]
        i18n.use("en")
        assert greeting(1) is english and calls == [1, 1, 2]
        greeting.cache_clear()  # type: ignore[attr-defined]
        assert greeting(1) == english and calls == [1, 1, 2, 1]
    finally:
        i18n.use("en")
    with pytest.raises(TypeError, match="by position"):
        greeting(n=1)
