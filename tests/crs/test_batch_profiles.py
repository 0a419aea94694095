"""Batch = scalar on whole profiles (issue 18, point 1): ``columns_from_profiles`` derives the
columns as ``crs.score`` derives its inputs, and ``score_columns`` keeps the better order of
official languages, so a pool scored in bulk gets every candidate's own score, bilingual ones
included (before, a candidate whose French scored higher than their English lost up to 95
points in the batch path)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maplepath import batch
from maplepath.crs import scalar as crs
from maplepath.crs import tables as crs_tables
from maplepath.crs.inputs import CrsInputs
from maplepath.profile.load import validate_profile
from maplepath.profile.model import Profile

from ..strategies import ABILITIES, day, profiles


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(profiles(), min_size=1, max_size=8), day(date(2024, 1, 1), date(2026, 12, 31)))
def test_batch_of_profiles_equals_their_scalar_scores(ps: list[Profile], on: date) -> None:
    columns = batch.columns_from_profiles(ps, on)
    assert batch.score_columns(columns, on).tolist() == [crs.score(p, on).total for p in ps]


def test_a_french_first_candidate_keeps_the_better_order_in_bulk() -> None:
    """English CLB 5 entered first, French NCLC 10 second: the scalar path counts French first,
    and so must the batch path (it used to score the order given, far lower)."""
    doc = {
        "birth_date": date(1994, 1, 1),
        "marital_status": "single",
        "education": [{"level": "masters", "country": "CA", "completed": date(2020, 5, 1)}],
        "language_tests": [
            {"test": "celpip_general", "date": date(2026, 3, 1),
             "scores": dict.fromkeys(ABILITIES, 5)},
            {"test": "tcf_canada", "date": date(2026, 3, 1),
             "scores": {"listening": 600, "reading": 600, "writing": 18, "speaking": 18}},
        ],
    }  # fmt: skip
    p = validate_profile(doc).profile
    on = date(2026, 12, 1)
    cols = batch.columns_from_profiles([p], on)
    # A pool generator may hold the languages either way round; give English first.
    if cols["first_is_french"][0]:
        for a in "lrws":
            cols[f"first_{a}"], cols[f"second_{a}"] = cols[f"second_{a}"], cols[f"first_{a}"]
        cols["first_is_french"] = ~cols["first_is_french"]
    t = crs_tables.tables(on)
    row = CrsInputs(**{k: type(getattr(CrsInputs(), k))(cols[k][0]) for k in batch.COLUMNS})
    as_given = crs.total_of(crs.score_inputs(row, t)[0], t)
    both = int(batch.score_columns(cols, on)[0])
    assert both == crs.score(p, on).total
    assert both > as_given + 50
