"""The shortcuts that make evaluating one profile on many dates cheaper (issue 6) answer exactly
as the plain ways: the rule book's by-date memo and bisection, the quick verdict constructors,
the per-book category plan, and the per-date facts the categories share."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maplepath import programs
from maplepath.crs import inputs as crs_inputs
from maplepath.profile.load import load_profile
from maplepath.profile.model import Profile, WorkPeriod
from maplepath.programs import ee_category
from maplepath.programs.verdict import (
    Criterion,
    Finding,
    Ternary,
    Verdict,
    combine,
    criterion,
    ternary,
)
from maplepath.rulebook.book import RULES_ROOT, RuleBook, Ruling, UnknownRuleError, default
from maplepath.rulebook.rulefile import IN_FORCE

from ..conftest import EXAMPLES

ON = date(2026, 11, 21)


def example(name: str) -> Profile:
    return load_profile(EXAMPLES / f"{name}.yaml")


def scanned(book: RuleBook, rule_id: str, on: date, wanted: frozenset[str]) -> Ruling:
    """The value in force as the rule book first found it: a scan of every dated value."""
    rule = book.get(rule_id)
    chosen = None
    for dv in rule.values:
        if dv.effective_from > on:
            break
        if dv.status == IN_FORCE or dv.scenario in wanted:
            chosen = dv
    if chosen is None or chosen.ended:
        return book._not_in_force(rule, on, "")
    refs = chosen.references or rule.references
    return Ruling(rule_id, on, chosen.value, chosen.effective_from, refs, chosen.status, rule.unit)


def same(a: Ruling, b: Ruling) -> bool:
    return (a.value, a.effective_from, a.references, a.status, a.unit, a.in_force) == (
        b.value,
        b.effective_from,
        b.references,
        b.status,
        b.unit,
        b.in_force,
    )


def test_every_rule_on_both_sides_of_every_date_is_the_value_a_scan_finds() -> None:
    book = RuleBook()
    for rule_id, rule in book.rules.items():
        days = {date(2014, 1, 1), date(2031, 1, 1)}
        for dv in rule.values:
            days |= {dv.effective_from - timedelta(days=1), dv.effective_from}
        for on in sorted(days):
            expected = scanned(book, rule_id, on, frozenset())
            assert same(book.at(rule_id, on), expected), (rule_id, on)
            assert book.at(rule_id, on) is book.at(rule_id, on)  # kept, not rebuilt
            assert book.value(rule_id, on) == expected.value
            for scenarios in ([], set(), frozenset(), ()):
                assert book.at(rule_id, on, scenarios) is book.at(rule_id, on)
            for name in {dv.scenario for dv in rule.values if dv.scenario}:
                wanted = frozenset([name])
                assert same(book.at(rule_id, on, [name]), scanned(book, rule_id, on, wanted))


def test_an_unknown_rule_is_refused_every_time_and_leaves_nothing_behind() -> None:
    book = RuleBook()
    for _ in range(2):
        with pytest.raises(UnknownRuleError):
            book.at("crs.core.agee", ON)
        with pytest.raises(UnknownRuleError):
            book.value("crs.core.agee", ON)
    assert "crs.core.agee" not in book._plain.get(ON, {})


def test_the_by_date_memo_is_bounded() -> None:
    book = RuleBook()
    start = date(2000, 1, 1)
    for k in range(70_000):
        book.at("crs.core.age", start + timedelta(days=k))
    assert book._plain_count <= 65_537
    assert sum(map(len, book._plain.values())) == book._plain_count
    assert same(book.at("crs.core.age", ON), scanned(book, "crs.core.age", ON, frozenset()))


findings = st.builds(
    Finding,
    st.sampled_from([True, False, None]),
    st.text(max_size=5),
    st.lists(st.text(max_size=3), max_size=2).map(tuple),
)


@settings(max_examples=200, deadline=None)
@given(findings, st.lists(st.text(max_size=4), max_size=3), st.booleans())
def test_a_quick_criterion_is_the_dataclass_one(
    f: Finding, rules: list[str], as_list: bool
) -> None:
    plain = Criterion(
        "c", ternary(f.value), f.detail, tuple(rules), f.needs if f.value is None else ()
    )
    quick = criterion("c", f, rules if as_list else tuple(rules))
    assert quick == plain and hash(quick) == hash(plain) and repr(quick) == repr(plain)
    assert quick.to_json() == plain.to_json()
    with pytest.raises(AttributeError):
        quick.detail = "changed"  # type: ignore[misc]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list(Ternary)), max_size=6))
def test_combine_is_the_three_valued_and(statuses: list[Ternary]) -> None:
    criteria = [Criterion(str(i), s, "") for i, s in enumerate(statuses)]
    if Ternary.unmet in statuses:
        expected = "ineligible"
    elif statuses and all(s == Ternary.met for s in statuses):
        expected = "eligible"
    else:
        expected = "unknown"
    assert combine(criteria) == combine(iter(criteria)) == expected


def test_findings_and_verdicts_built_by_keyword_still_check_their_values() -> None:
    f = Finding(value=None, detail="d", needs=("x",))
    assert f == Finding(None, "d", ("x",)) and Finding(True, "d").needs == ()
    v = Verdict(
        program="fsw",
        verdict="eligible",
        status="open",
        criteria=(),
        leads_to="permanent_residence",
        processing=None,
    )
    assert v == Verdict("fsw", "eligible", "open", (), "permanent_residence", None)
    with pytest.raises(ValueError, match="verdict"):
        Verdict("fsw", "maybe", "open", (), "permanent_residence", None)
    with pytest.raises(ValueError, match="status"):
        Verdict("fsw", "eligible", "ajar", (), "permanent_residence", None)
    with pytest.raises(ValueError, match="leads_to"):
        Verdict("fsw", "eligible", "open", (), "citizenship", None)


def test_the_categories_plan_is_read_from_each_rule_book(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Which rules a category has is kept per book: a book without the French category's
    language rule asks no French language criterion, while the packaged book still does."""
    monkeypatch.setenv("MAPLEPATH_DATA_DIR", str(tmp_path / "data"))
    root = tmp_path / "rules"
    shutil.copytree(RULES_ROOT, root)
    (root / "programs" / "ee_category" / "french" / "language.yaml").unlink()
    other = RuleBook(root)
    profile = example("francophone_engineer")
    ids = ee_category.evaluate("french", profile, ON, default()).ids
    assert "french_language" in ids
    assert "french_language" not in ee_category.evaluate("french", profile, ON, other).ids
    assert "french_language" in ee_category.evaluate("french", profile, ON, default()).ids


def one_by_one(profile: Profile, on: date) -> list[dict[str, Any]]:
    """Each evaluator on a fresh copy of the profile, outside any shared session."""
    out = []
    for evaluate in programs.REGISTRY.values():
        copy = Profile.model_validate(profile.model_dump())
        out.append(evaluate(copy, on, default()).to_json())
    return out


@pytest.mark.parametrize("name", ["software_engineer_abroad", "couple_spouse_stronger"])
def test_verdicts_sharing_facts_equal_verdicts_derived_alone(name: str) -> None:
    profile = example(name)
    for on in (date(2023, 6, 1), date(2025, 3, 1), ON, date(2028, 2, 1)):
        shared = [v.to_json() for v in programs.evaluate_all(profile, on)]
        assert shared == one_by_one(profile, on)


def test_work_added_in_place_is_measured_for_the_categories() -> None:
    """The NOC codes the categories share are per memo entry: a period appended to the same
    profile object on the same date is counted (STEM lists 21211, data scientists)."""
    profile = example("us_web_developer_offer")
    on = date(2027, 6, 1)
    before = programs.evaluate_all(profile, on)
    profile.work.append(
        WorkPeriod(
            noc="21211", country="CA", start=date(2024, 1, 1), hours_per_week=40, authorized=True
        )
    )
    after = {v.program: v for v in programs.evaluate_all(profile, on)}
    assert [v.to_json() for v in after.values()] == one_by_one(profile, on)
    detail = after["ee_category:stem"].criterion("occupation_experience").detail
    assert (
        "21211" in detail
        and detail
        != next(v for v in before if v.program == "ee_category:stem")
        .criterion("occupation_experience")
        .detail
    )


def test_deriving_the_profile_as_given_alone_equals_the_first_of_both_arrangements() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        profile = load_profile(path)
        for on in (date(2019, 1, 1), ON):
            first, _ = crs_inputs.derive_arrangements(profile, on)
            alone = crs_inputs.derive(profile, on)
            assert alone.inputs == first.inputs and alone.missing == first.missing
            assert alone.assumed == first.assumed and alone.details == first.details


def test_the_crs_derivation_is_shared_only_within_a_session_for_that_profile() -> None:
    from maplepath.crs import scalar as crs
    from maplepath.crs import shared as crs_shared
    from maplepath.profile import memo
    from maplepath.programs.oinp_hcp_tech import crs_before_nomination

    profile, book = example("couple_spouse_stronger"), default()
    alone = crs_before_nomination(Profile.model_validate(profile.model_dump()), ON, book)
    assert memo.peek(profile, ON, book, crs_shared.KEY) is None  # outside: nothing kept
    with memo.session(profile, ON, book):
        scored = crs.score(profile, ON, (), book)
        held = memo.peek(profile, ON, book, crs_shared.KEY)
        assert held is not None and crs_shared.as_given(profile, ON, book) is held[0]
        assert crs_before_nomination(profile, ON, book) == alone
        assert crs.score(profile, ON, (), book).total == scored.total
        other = date(2027, 1, 1)
        assert memo.peek(profile, other, book, crs_shared.KEY) is None  # another date
    assert memo.peek(profile, ON, book, crs_shared.KEY) is None
    profile.language_tests.clear()  # changed in place: a new memo entry, a new derivation
    with memo.session(profile, ON, book):
        assert memo.peek(profile, ON, book, crs_shared.KEY) is None
        changed = crs.score(profile, ON, (), book)
        assert changed.total < scored.total
        assert crs_before_nomination(profile, ON, book) == crs_before_nomination(
            Profile.model_validate(profile.model_dump()), ON, book
        )


def test_the_sentences_kept_per_date_are_said_in_the_language_in_force() -> None:
    """A retired category's verdict, the work permits' criteria and BC's employer criterion are
    kept per date, rule book and language: asked in French after English they are French, and
    the same as built anew."""
    from maplepath import i18n
    from maplepath.programs import cusma, gts, ict, verdict

    kept = (
        ee_category._not_in_force,
        gts.permit_criterion,
        ict._permit,
        cusma._permit,
        verdict.beyond_profile,  # BC's employer criterion
    )
    ids = ["ee_category:agriculture", "gts_a", "gts_b", "ict", "cusma", "bc_pnp_tech"]
    profile = example("software_engineer_abroad")
    said = {}
    try:
        for lang in ("en", "fr", "en"):
            i18n.use(lang)
            first = programs.evaluate_some(profile, ON, ids)
            for f in kept:
                f.cache_clear()
            assert programs.evaluate_some(profile, ON, ids) == first
            said.setdefault(lang, first)
            assert first == said[lang]
    finally:
        i18n.use("en")
    assert said["en"][0].status == "closed" and said["en"][0].verdict == "ineligible"
    for en, fr in zip(said["en"], said["fr"], strict=True):
        assert en.criteria[-1].detail != fr.criteria[-1].detail  # each kept one is last


def test_the_categories_measure_work_under_the_rule_book_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A category's work is measured with the rule book it is evaluated under (the default one
    was read, whatever book was asked)."""
    from maplepath.rulebook import book as rulebook

    book = default()
    profile = example("software_engineer_abroad")
    listed = next(iter(book.value("programs.ee_category.healthcare.occupations", ON)))
    work = [w.model_copy(update={"noc": listed}) for w in profile.work]
    profile = profile.model_copy(update={"work": work})

    def refused() -> RuleBook:
        raise AssertionError("the default rule book was read")

    monkeypatch.setattr(rulebook, "default", refused)
    verdict = ee_category.evaluate("healthcare", profile, ON, book)
    assert f"as NOC {listed}" in verdict.criterion("occupation_experience").detail


def test_the_criteria_no_profile_shows_are_said_in_the_language_in_force() -> None:
    """The criteria the same for everyone (SINP's approval letter, OINP's registered employer,
    Alberta's tech industry, PSTQ's stream and settlement, GTS's referral, MPNP's connection
    without Manitoba work) are kept per language: French after English, and as built anew."""
    from maplepath import i18n
    from maplepath.programs import quebec_pstq, verdict

    kept = (quebec_pstq._stream_chosen, verdict.beyond_profile)
    asked = {
        "sinp_tech": "job_approval_letter",
        "oinp_workforce_priority": "registered_employer",
        "aaip_accelerated_tech": "tech_industry_employer",
        "quebec_pstq": "settlement_and_support",
        "gts_a": "referral",
        "mpnp_skilled_worker_overseas": "manitoba_connection",
    }
    profile = example("software_engineer_abroad")
    said: dict[str, list[str]] = {}
    try:
        for lang in ("en", "fr", "en"):
            i18n.use(lang)
            first = programs.evaluate_some(profile, ON, list(asked))
            for f in kept:
                f.cache_clear()  # type: ignore[attr-defined]
            assert programs.evaluate_some(profile, ON, list(asked)) == first
            details = [v.criterion(asked[v.program]).detail for v in first]
            assert said.setdefault(lang, details) == details
    finally:
        i18n.use("en")
    for en, fr in zip(said["en"], said["fr"], strict=True):
        assert en != fr
