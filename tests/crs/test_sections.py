"""Scoring many rule sets at once recomputes only the sections a rule set changes
(``crs.sections``), and every row still equals a full ``score_columns`` under that rule set."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pytest

from maplepath.crs import batch, sections
from maplepath.crs import tables as crs_tables
from maplepath.draws.scenarios import ARRANGED_EMPLOYMENT, last_value, override_book
from maplepath.rulebook import default

ON = date(2026, 8, 3)


def bumped(value: Any, by: int) -> Any:
    """Every number of a rule value raised by ``by`` (mappings and lists kept)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value + by
    if isinstance(value, dict):
        return {k: bumped(v, by) for k, v in value.items()}
    if isinstance(value, list):
        return [bumped(v, by) for v in value]
    return value


def override(rule_id: str, by: int) -> tuple[tuple[str, Any], ...]:
    return ((rule_id, bumped(default().value(rule_id, ON), by)),)


CASES = {
    "human": override("crs.core.age", 7),
    "spouse": override("crs.spouse.language", 2),
    "transfer": override("crs.transferability.education_language", 9),
    "additional": override("crs.additional.french", 11),
    "job offers": ((ARRANGED_EMPLOYMENT, last_value(ARRANGED_EMPLOYMENT)),),
    "total cap": (("crs.caps", 700),),
}


def pool(n: int, seed: int) -> dict[str, np.ndarray]:
    cols = batch.synthetic_pool(n, seed=seed)
    rng = np.random.default_rng(seed)
    cols["job_offer"] = rng.choice(3, n, p=[0.8, 0.15, 0.05]).astype(np.uint8)
    bilingual = rng.random(n) < 0.3  # many with both languages: both orders are compared
    for a in "lrws":
        cols[f"second_{a}"] = np.where(
            bilingual, rng.integers(4, 11, n), cols[f"second_{a}"]
        ).astype(np.uint8)
    return cols


@pytest.mark.parametrize("seed", range(3))
def test_each_rule_set_equals_a_full_score(seed: int) -> None:
    cols = pool(20_000, seed)
    books = [override_book(o) for o in CASES.values()]
    rule_sets = [((), None), *(((), b) for b in books), (("crs-2026-11",), None)]
    got = batch.score_scenarios(cols, ON, rule_sets, chunk=4096)
    for i, (sc, book) in enumerate(rule_sets):
        want = batch.score_columns(cols, ON, sc, book)
        assert np.array_equal(got[i], want), f"rule set {i}"
    assert not np.array_equal(got[0], got[1])  # the overrides do change scores


@pytest.mark.parametrize(("case", "section"), [
    ("human", ("human",)),
    ("spouse", ("spouse",)),
    ("transfer", ("transfer",)),
    ("additional", ("additional",)),
    ("job offers", ("additional",)),
    ("total cap", ()),
])  # fmt: skip
def test_a_rule_set_recomputes_only_the_section_it_changes(
    case: str, section: tuple[str, ...]
) -> None:
    base = crs_tables.tables(ON, (), None)
    other = crs_tables.tables(ON, (), override_book(CASES[case]))
    found = sections.changed((base, sections.flat(base)), (other, sections.flat(other)))
    assert found == section
