"""Language test scores -> CLB/NCLC: every threshold on both sides, dates, validity, problems.

The charts below are written out by hand from IRCC's equivalency charts (see the rule files for
the citations): they are the specification the rule files must meet, not a copy of them.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from maplepath.profile import language
from maplepath.profile.language import (
    ABILITIES,
    TESTS,
    UNACCEPTED_TESTS,
    TestResult,
    assess_test,
    best_by_language,
    score_problems,
)
from maplepath.rulebook.book import default

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
ON = date(2026, 11, 21)

# (test, a test date in force) -> ability -> lowest score for CLB/NCLC 4, 5, 6, 7, 8, 9, 10
CHARTS: dict[tuple[str, date], dict[str, list[float]]] = {
    ("ielts_general", date(2015, 1, 1)): {
        "listening": [4.5, 5.0, 5.5, 6.0, 7.5, 8.0, 8.5],
        "reading": [3.5, 4.0, 5.0, 6.0, 6.5, 7.0, 8.0],
        "writing": [4.0, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5],
        "speaking": [4.0, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5],
    },
    ("celpip_general", date(2015, 1, 1)): {a: [4, 5, 6, 7, 8, 9, 10] for a in ABILITIES},
    ("pte_core", date(2024, 1, 30)): {
        "listening": [28, 39, 50, 60, 71, 82, 89],
        "reading": [33, 42, 51, 60, 69, 78, 88],
        "writing": [41, 51, 60, 69, 79, 88, 90],
        "speaking": [42, 51, 59, 68, 76, 84, 89],
    },
    ("tcf_canada", date(2018, 11, 7)): {
        "listening": [331, 369, 398, 458, 503, 523, 549],
        "reading": [342, 375, 406, 453, 499, 524, 549],
        "writing": [4, 6, 7, 10, 12, 14, 16],
        "speaking": [4, 6, 7, 10, 12, 14, 16],
    },
    # TEF Canada, old scale (listening 0-360, reading 0-300, speaking/writing 0-450).
    ("tef_canada", date(2015, 1, 1)): {
        "listening": [145, 181, 217, 249, 280, 298, 316],
        "reading": [121, 151, 181, 207, 233, 248, 263],
        "writing": [181, 226, 271, 310, 349, 371, 393],
        "speaking": [181, 226, 271, 310, 349, 371, 393],
    },
    # TEF Canada, tests from 2019-10-01 to 2023-12-09: one 0-699 table for every ability.
    ("tef_canada", date(2019, 10, 1)): {a: [300, 350, 400, 450, 500, 533, 566] for a in ABILITIES},
    # TEF Canada, tests on or after 2023-12-10: 0-699 scale, a table per ability.
    ("tef_canada", date(2023, 12, 10)): {
        "listening": [306, 352, 393, 434, 462, 503, 546],
        "reading": [306, 352, 393, 434, 462, 503, 546],
        "writing": [268, 330, 379, 428, 472, 512, 558],
        "speaking": [328, 387, 422, 456, 494, 518, 556],
    },
}
STEP = {"ielts_general": 0.5}  # the others are scored in whole points


def _scores(test: str, taken: date, **given: float) -> dict[str, float]:
    """A valid result: the CLB 4 score in every ability not given."""
    since = max(d for t, d in CHARTS if t == test and d <= taken)
    chart = CHARTS[test, since]
    return {a: given.get(a, chart[a][0]) for a in ABILITIES}


def assert_clb(test: str, taken: date, ability: str, score: float, expected: int) -> None:
    result = assess_test(test, taken, _scores(test, taken, **{ability: score}), on=taken)
    level = result.levels[ability]
    assert level.clb == expected, level.detail
    assert result.clb[ability] == expected


THRESHOLD_CASES = [
    (test, since, ability, level, score)
    for (test, since), chart in CHARTS.items()
    for ability in ABILITIES
    for level, score in zip(range(4, 11), chart[ability], strict=True)
]


@pytest.mark.parametrize(
    ("test", "taken", "ability", "level", "score"),
    THRESHOLD_CASES,
    ids=[f"{t}-{d}-{a}-{lvl}" for t, d, a, lvl, _ in THRESHOLD_CASES],
)
def test_a_score_at_the_threshold_reaches_the_level_and_one_step_below_does_not(
    test: str, taken: date, ability: str, level: int, score: float
) -> None:
    assert_clb(test, taken, ability, score, level)
    below = score - STEP.get(test, 1)
    assert_clb(test, taken, ability, below, level - 1 if level > 4 else 0)


@pytest.mark.parametrize(("test", "since"), list(CHARTS))
def test_the_rule_files_hold_exactly_the_charts(test: str, since: date) -> None:
    chart = default().at(language.rule_id(test), since).value["clb"]
    for ability in ABILITIES:
        assert chart[ability] == dict(zip(range(4, 11), CHARTS[test, since][ability], strict=True))


CSV_TESTS = {
    "IELTS General Training": ("ielts_general", ON),
    "CELPIP-General": ("celpip_general", ON),
    "PTE Core": ("pte_core", ON),
    "TCF Canada": ("tcf_canada", ON),
    # The reference copy shows only the old-scale TEF table: check it against a test date
    # before both scale changes (2019-10-01 and 2023-12-10).
    "TEF Canada": ("tef_canada", date(2019, 9, 30)),
}


def test_every_threshold_in_the_reference_copy_of_ircc_charts_matches_the_rules() -> None:
    path = SHARED_DATA / "language" / "language_test_to_clb_equivalency.csv"
    if not path.is_file():
        pytest.skip("needs ../shared/data (reference data) beside the checkout")
    book = default()
    seen: set[tuple[str, str, int]] = set()
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            test, taken = CSV_TESTS[row["test"]]
            level, ability = int(row["level"]), row["skill"]
            rule = book.at(language.rule_id(test), taken).value["clb"][ability]
            assert float(row["min_score"]) == rule[level], row
            seen.add((test, ability, level))
    expected = {
        (t, a, lvl) for t, _ in CSV_TESTS.values() for a in ABILITIES for lvl in range(4, 11)
    }
    assert seen == expected


def test_tef_canada_the_same_score_reads_differently_on_either_side_of_2023_12_10() -> None:
    assert_clb("tef_canada", date(2023, 12, 9), "listening", 503, 8)
    assert_clb("tef_canada", date(2023, 12, 10), "listening", 503, 9)
    assert_clb("tef_canada", date(2023, 12, 9), "writing", 460, 7)
    assert_clb("tef_canada", date(2023, 12, 10), "writing", 460, 7)
    assert_clb("tef_canada", date(2023, 12, 9), "speaking", 520, 8)
    assert_clb("tef_canada", date(2023, 12, 10), "speaking", 520, 9)


def test_tef_canada_moved_from_the_old_scale_to_0_699_on_2019_10_01() -> None:
    assert_clb("tef_canada", date(2019, 9, 30), "listening", 300, 9)
    assert_clb("tef_canada", date(2019, 10, 1), "listening", 300, 4)
    [(ability, message)] = score_problems(
        "tef_canada", date(2019, 9, 30), _scores("tef_canada", date(2019, 9, 30), listening=400)
    )
    assert ability == "listening" and "outside the scale 0-360" in message
    assert not score_problems(
        "tef_canada", date(2019, 10, 1), _scores("tef_canada", date(2019, 10, 1), listening=400)
    )


def test_the_chart_is_chosen_by_the_test_date_not_the_assessment_date() -> None:
    result = assess_test(
        "tef_canada", date(2023, 6, 1), _scores("tef_canada", date(2023, 6, 1)), on=ON
    )
    assert result.effective_from == date(2019, 10, 1)
    assert result.rule_id == "language.tef_canada"


@pytest.mark.parametrize(
    ("test", "first"),
    [
        ("pte_core", date(2024, 1, 30)),
        ("tcf_canada", date(2018, 11, 7)),
        ("ielts_general", date(2015, 1, 1)),
        ("celpip_general", date(2015, 1, 1)),
        ("tef_canada", date(2015, 1, 1)),
    ],
)
def test_a_test_taken_before_ircc_accepted_it_is_a_problem(test: str, first: date) -> None:
    day_before = date.fromordinal(first.toordinal() - 1)
    [(ability, message)] = score_problems(test, day_before, _scores(test, first))
    assert ability == ""
    assert f"on or after {first}" in message and TESTS[test] in message
    assert not score_problems(test, first, _scores(test, first))
    with pytest.raises(ValueError, match="on or after"):
        assess_test(test, day_before, _scores(test, first), on=ON)


def test_pte_core_before_2024_01_30_is_a_problem_that_says_so() -> None:
    [(_, message)] = score_problems("pte_core", date(2024, 1, 29), {})
    assert message == (
        "IRCC accepts PTE Core only for tests taken on or after 2024-01-30 (when IRCC began "
        "accepting it); this test was taken on 2024-01-29"
    )


def _ielts(taken: date, on: date) -> TestResult:
    return assess_test("ielts_general", taken, _scores("ielts_general", taken), on=on)


def test_a_result_is_valid_until_the_day_before_its_second_anniversary() -> None:
    taken = date(2024, 3, 15)
    assert _ielts(taken, date(2026, 3, 14)).expires == date(2026, 3, 15)
    assert not _ielts(taken, date(2026, 3, 14)).expired
    assert _ielts(taken, date(2026, 3, 15)).expired
    assert not _ielts(taken, taken).expired


def test_a_result_from_29_february_expires_on_1_march_two_years_later() -> None:
    assert _ielts(date(2024, 2, 29), ON).expires == date(2026, 3, 1)
    assert not _ielts(date(2024, 2, 29), date(2026, 2, 28)).expired


def test_a_test_taken_after_the_assessment_date_cannot_be_assessed() -> None:
    with pytest.raises(ValueError, match="taken after the assessment date"):
        _ielts(date(2026, 11, 22), ON)


def test_a_score_outside_the_scale_is_a_problem() -> None:
    scores = _scores("ielts_general", ON, reading=9.5)
    assert score_problems("ielts_general", ON, scores) == [
        (
            "reading",
            f"IELTS General Training reading score 9.5 is outside the scale 0-9 "
            f"for tests taken on {ON}",
        ),
    ]
    [(ability, message)] = score_problems("pte_core", ON, _scores("pte_core", ON, speaking=5))
    assert ability == "speaking" and "outside the scale 10-90" in message
    [(ability, message)] = score_problems("tcf_canada", ON, _scores("tcf_canada", ON, writing=21))
    assert ability == "writing" and "outside the scale 0-20" in message


def test_a_score_off_the_scales_steps_is_a_problem() -> None:
    [(ability, message)] = score_problems(
        "ielts_general", ON, _scores("ielts_general", ON, listening=6.3)
    )
    assert ability == "listening"
    assert "6.3 is not a possible score" in message and "steps of 0.5" in message
    [(ability, _)] = score_problems(
        "celpip_general", ON, _scores("celpip_general", ON, writing=7.5)
    )
    assert ability == "writing"


def test_a_missing_ability_is_a_problem_named_by_the_ability() -> None:
    scores = _scores("ielts_general", ON)
    del scores["speaking"]
    assert score_problems("ielts_general", ON, scores) == [
        ("speaking", "missing speaking score: every IELTS General Training result reports all four")
    ]
    with pytest.raises(ValueError, match="missing speaking score"):
        assess_test("ielts_general", ON, scores, on=ON)


def test_an_unknown_ability_or_a_non_number_is_a_problem() -> None:
    scores: dict[str, object] = {**_scores("ielts_general", ON), "overall": 7.0}
    scores["writing"] = "seven"
    problems = dict(score_problems("ielts_general", ON, scores))  # type: ignore[arg-type]
    assert "is not an ability IRCC scores" in problems["overall"]
    assert problems["writing"] == "'seven' is not a number"


@pytest.mark.parametrize(
    ("test", "instead"),
    [
        ("ielts_academic", "IELTS General Training"),
        ("celpip_ls", "CELPIP-General"),
        ("pte_academic", "PTE Core"),
    ],
)
def test_unaccepted_tests_say_ircc_does_not_accept_them_and_what_to_take(
    test: str, instead: str
) -> None:
    message = UNACCEPTED_TESTS[test]
    assert "not accepted by IRCC for economic immigration" in message
    assert f"take {instead}" in message or f"take the full {instead}" in message
    assert score_problems(test, ON, {}) == [("", message)]
    with pytest.raises(ValueError, match="not accepted by IRCC"):
        language.rule_id(test)


def test_an_unknown_test_lists_the_accepted_ones() -> None:
    [(ability, message)] = score_problems("toefl", ON, {})
    assert ability == "" and "'toefl' is not a test IRCC accepts" in message
    assert all(test in message for test in TESTS)


def test_every_accepted_test_has_a_rule_file_named_after_it() -> None:
    assert set(TESTS) == {"ielts_general", "celpip_general", "pte_core", "tef_canada", "tcf_canada"}
    assert not set(TESTS) & set(UNACCEPTED_TESTS)
    for test in TESTS:
        assert language.rule_id(test) == f"language.{test}"
        default().get(language.rule_id(test))


def test_a_result_explains_each_level_and_reports_the_lowest() -> None:
    scores = {"listening": 8.5, "reading": 8.0, "writing": 7.0, "speaking": 3.5}
    result = assess_test("ielts_general", date(2025, 9, 20), scores, on=ON)
    assert result.language == "english"
    assert result.clb == {"listening": 10, "reading": 10, "writing": 9, "speaking": 0}
    assert result.minimum == 0
    assert result.levels["listening"].detail == "IELTS General Training 8.5 listening = CLB 10"
    assert result.levels["writing"].detail == "IELTS General Training 7.0 writing = CLB 9"
    assert result.levels["speaking"].detail == "IELTS General Training 3.5 speaking = below CLB 4"
    french = assess_test("tcf_canada", ON, _scores("tcf_canada", ON, listening=549), on=ON)
    assert french.language == "french"
    assert french.levels["listening"].detail == "TCF Canada 549 listening = NCLC 10"


def test_celpip_levels_above_10_read_as_clb_10_the_charts_top_row() -> None:
    assert_clb("celpip_general", ON, "reading", 12, 10)
    assert_clb("celpip_general", ON, "reading", 0, 0)


def _result(test: str, taken: date, on: date = ON, **given: float) -> TestResult:
    return assess_test(test, taken, _scores(test, taken, **given), on=on)


def test_best_by_language_keeps_the_highest_unexpired_result_per_language() -> None:
    weak = _result("ielts_general", date(2025, 1, 10))
    strong = _result("celpip_general", date(2025, 6, 1), listening=9, reading=9)
    expired_but_best = _result("celpip_general", date(2024, 1, 5), listening=10, reading=10)
    french = _result("tcf_canada", date(2025, 3, 3))
    assert expired_but_best.expired
    best = best_by_language([weak, expired_but_best, strong, french])
    assert best == {"english": strong, "french": french}


def test_best_by_language_breaks_a_tie_with_the_most_recent_result() -> None:
    older = _result("ielts_general", date(2025, 1, 10), listening=6.0)
    newer = _result("celpip_general", date(2025, 8, 1), listening=7)
    assert sum(older.clb.values()) == sum(newer.clb.values())
    assert best_by_language([newer, older]) == {"english": newer}
    assert best_by_language([older, newer]) == {"english": newer}


def test_best_by_language_leaves_out_a_language_with_only_expired_results() -> None:
    assert best_by_language([_result("ielts_general", date(2023, 1, 1))]) == {}
    assert best_by_language([]) == {}
