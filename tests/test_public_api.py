"""The names DESIGN.md promises keep working wherever their code lives."""

from __future__ import annotations

from datetime import date

import numpy as np

import maplepath
import maplepath.batch
from maplepath import crs, occupations, programs
from maplepath.crs import scalar

from .conftest import EXAMPLES

ON = date(2026, 11, 21)


def test_load_profile_crs_score_and_evaluate_all_from_the_package() -> None:
    profile = maplepath.load_profile(EXAMPLES / "data_scientist_pgwp.yaml")
    assert isinstance(profile, maplepath.Profile)
    result = crs.score(profile, ON)
    assert result.total == scalar.score(profile, ON).total > 0
    verdicts = programs.evaluate_all(profile, ON)
    assert {"fsw", "cec", "fst"} <= {v.program for v in verdicts}


def test_occupation_search_is_a_function_of_the_package() -> None:
    found = occupations.search("software engineer", limit=3)
    assert found and found[0].code == "21231"
    assert callable(occupations.search)  # not shadowed by a submodule


def test_batch_equals_the_scalar_path_under_its_public_name() -> None:
    pool = maplepath.batch.synthetic_pool(200, seed=3)
    totals = maplepath.batch.score_columns(pool, ON)
    assert totals.dtype == np.int16 and totals.shape == (200,)


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        maplepath.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:
        raise AssertionError("expected AttributeError")
