"""The shortcuts taken for speed (issues 3 and 5) give exactly the answers of the plain ways."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st

from maplepath.crs import scalar as crs
from maplepath.crs import tables as crs_tables
from maplepath.crs.inputs import CrsInputs, derive_arrangements
from maplepath.profile import experience, language
from maplepath.profile.experience import accrue, crs_experience
from maplepath.profile.load import load_profile
from maplepath.profile.model import WorkPeriod
from maplepath.programs.common import months_and_days, shift
from maplepath.rulebook.book import RuleBook

from .conftest import EXAMPLES
from .crs.test_batch import dates as crs_dates
from .crs.test_batch import inputs as crs_inputs
from .profile.test_experience import on_dates, periods, profiles

FAST = settings(max_examples=300, deadline=None)
days_2000s = st.builds(lambda d: date(2000, 1, 1) + timedelta(days=d), st.integers(0, 12_000))


@FAST
@given(crs_inputs, crs_dates)
def test_points_only_scoring_gives_the_sections_of_the_explained_score(i: Any, on: date) -> None:
    t = crs_tables.tables(on)
    sections, lines = crs.score_inputs(i, t)
    quick, no_lines = crs.score_inputs(i, t, explain=False)
    assert quick == sections and no_lines == []
    for name, total in sections.items():
        assert total <= sum(ln.points for ln in lines if ln.section == name)  # caps only cut
    assert [ln.rule for ln in lines][:2] == ["crs.core.age", "crs.core.education"]
    assert all(ln.effective_from == t.sources[ln.rule].effective_from for ln in lines)


@FAST
@given(profiles, on_dates, st.sampled_from([1, 3, 10]), st.sampled_from([1, 5, 10]))
def test_the_crs_experience_pair_equals_two_accruals(
    work: list[WorkPeriod], on: date, canadian: int, foreign: int
) -> None:
    pair = crs_experience(work, on, canadian, foreign)
    assert pair == (
        accrue(
            work,
            on,
            window_years=canadian,
            where="canada",
            require_authorized=True,
            exclude_self_employed=True,
            exclude_full_time_student=True,
        ),
        accrue(work, on, window_years=foreign, where="foreign"),
    )


def _clipped(work: list[WorkPeriod], since: date) -> list[WorkPeriod]:
    """The periods from ``since`` on, as copies (how provincial look-backs were counted)."""
    out = []
    for p in work:
        if p.end is not None and p.end < since:
            continue
        started_before = p.start is not None and p.start < since
        out.append(p.model_copy(update={"start": since}) if started_before else p)
    return out


@FAST
@given(profiles, on_dates, st.integers(0, 3000), st.booleans())
def test_counting_from_a_date_equals_counting_clipped_copies(
    work: list[WorkPeriod], on: date, back: int, skilled: bool
) -> None:
    since = on - timedelta(days=back)
    kw: dict[str, Any] = {"require_authorized": True, "skilled_only": skilled}
    clipped = accrue(_clipped(work, since), on, **kw)
    direct = accrue(work, on, since=since, **kw)
    assert (direct.years, direct.possible_years) == (clipped.years, clipped.possible_years)
    kept = [i for i, p in enumerate(work) if p.end is None or p.end >= since]
    assert [kept[j] for j in clipped.unknown] == list(direct.unknown)


@FAST
@given(periods(start_known=True), on_dates)
def test_one_period_is_summed_exactly_as_the_sweep_would(p: WorkPeriod, on: date) -> None:
    assert p.start is not None
    last = min(p.end or on, on)
    if last < p.start:
        return
    span = (p.start, last, float(p.hours_per_week or 0), 0)
    far = (date(1990, 1, 1), date(1990, 2, 1), 0.0, 1)  # a second span forces the sweep
    assert experience._hours([span], 30.0) == experience._hours([span, far], 30.0)


@FAST
@given(days_2000s, st.integers(-15, 15), st.integers(-40, 40), st.integers(-900, 5000))
def test_calendar_shifts_match_relativedelta(d: date, years: int, months: int, gap: int) -> None:
    assert shift(d, years, months) == d + relativedelta(years=years, months=months)
    after = d + timedelta(days=gap)
    span = relativedelta(after, d)
    assert months_and_days(d, after) == (span.years * 12 + span.months, span.days)
    assert (shift(d, 1) <= after) == (span.years >= 1)


def test_a_result_is_read_once_and_shared_until_it_expires() -> None:
    scores = {"listening": 8.0, "reading": 7.0, "writing": 7.0, "speaking": 7.5}
    taken = date(2024, 3, 10)
    first = language.assess_test("ielts_general", taken, scores, date(2025, 1, 1))
    again = language.assess_test("ielts_general", taken, dict(scores), date(2025, 6, 1))
    assert again is first and not first.expired
    expired = language.assess_test("ielts_general", taken, scores, date(2026, 3, 10))
    assert expired.expired and expired.expires == date(2026, 3, 10)
    assert expired.clb == first.clb
    day_before = language.assess_test("ielts_general", taken, scores, date(2026, 3, 9))
    assert not day_before.expired


def test_derived_inputs_have_every_field_of_the_batch_columns() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        for d in derive_arrangements(load_profile(path), date(2026, 11, 21)):
            if d is None:
                continue
            assert len(d.inputs) == len(CrsInputs._fields)
            assert CrsInputs(*d.inputs) == d.inputs
            assert all(isinstance(x, int) for x in d.inputs)  # ints and bools only


def test_each_rule_book_has_its_own_compiled_tables() -> None:
    on = date(2026, 11, 21)
    first, second = RuleBook(), RuleBook()
    assert crs_tables.tables(on, (), first) is crs_tables.tables(on, (), first)
    assert crs_tables.tables(on, (), second) is not crs_tables.tables(on, (), first)
