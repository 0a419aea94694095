"""The answers' text: orjson's bytes are the standard library's, for every answer the
examples give, and what orjson refuses is still written."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from maplepath.profile.load import read_profile
from maplepath.report import answers

from ..conftest import EXAMPLES

ON = date(2026, 11, 21)


def _standard(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_answer_of_the_examples_is_the_standard_library_s_text(path: Path) -> None:
    profile = read_profile(path).profile
    for data in (
        answers.crs(profile, ON),
        answers.assess(profile, ON),
        answers.pathways(profile, ON),
        answers.trajectory(profile, ON, 24),
        answers.improve(profile, ON, 520, limit=2),
    ):
        assert answers.dumps(data) == _standard(data)


def test_lookups_and_odd_values_are_the_standard_library_s_text_too() -> None:
    for data in (
        answers.noc_search("machine learning engineer", 5),
        answers.noc_show("21231"),
        answers.rule("crs.core.age", ON),
        {"é": "français", "n": 3, "x": 0.1, "on": ON, "empty": [], "nested": {}, "none": None},
        {"wide": 2**70},  # wider than orjson takes: written by the standard library
    ):
        assert answers.dumps(data) == _standard(data)
