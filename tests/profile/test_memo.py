"""The per-profile memo the programs share: never an answer for another profile, date or book."""

from __future__ import annotations

from datetime import date

from maplepath import programs
from maplepath.crs import scalar as crs
from maplepath.profile import facts, memo
from maplepath.profile.language import best_by_language
from maplepath.profile.load import load_profile
from maplepath.profile.model import LanguageTest, Profile, Scores, WorkPeriod
from maplepath.programs import common, express_entry
from maplepath.programs.oinp_hcp_tech import crs_before_nomination
from maplepath.rulebook.book import RuleBook, default

from ..conftest import EXAMPLES

ON = date(2026, 11, 21)


def example(name: str) -> Profile:
    return load_profile(EXAMPLES / f"{name}.yaml")


def verdicts_json(profile: Profile, on: date = ON) -> list[object]:
    return [v.to_json() for v in programs.evaluate_all(profile, on)]


def fresh_copy(profile: Profile) -> Profile:
    """The same facts in new objects: nothing the memo holds can match it by identity."""
    return Profile.model_validate(profile.model_dump())


def test_a_profile_changed_in_place_is_evaluated_again_not_read_from_the_memo() -> None:
    profile = example("data_scientist_pgwp")
    before = verdicts_json(profile)
    profile.language_tests.clear()  # the lists of a frozen profile can still change
    after = verdicts_json(profile)
    assert after != before
    assert after == verdicts_json(fresh_copy(profile))
    assert express_entry.verdict("cec", profile, ON, default()).criterion("language").status == (
        "unknown"
    )


def test_appending_or_replacing_an_element_changes_the_memo_entry() -> None:
    profile = example("software_engineer_abroad")
    book = default()
    first = memo.table(profile, ON, book)
    assert memo.table(profile, ON, book) is first  # unchanged profile: the same entry
    profile.work.append(WorkPeriod(noc="21231", country="CA", start=date(2026, 1, 5)))
    second = memo.table(profile, ON, book)
    assert second is not first
    profile.work[-1] = WorkPeriod(noc="21231", country="CA", start=date(2026, 1, 5))
    assert memo.table(profile, ON, book) is not second  # equal facts, but a new object
    assert verdicts_json(profile) == verdicts_json(fresh_copy(profile))


def test_a_spouses_list_is_part_of_the_key() -> None:
    profile = example("couple_spouse_stronger")
    book = default()
    first = memo.table(profile, ON, book)
    assert profile.spouse is not None
    profile.spouse.language_tests.append(
        LanguageTest(
            test="ielts_general",
            date=date(2026, 1, 10),
            scores=Scores(listening=9, reading=9, writing=9, speaking=9),
        )
    )
    assert memo.table(profile, ON, book) is not first
    assert verdicts_json(profile) == verdicts_json(fresh_copy(profile))


def test_each_date_and_each_rule_book_has_its_own_entry() -> None:
    profile = example("us_web_developer_offer")
    book, other_book = default(), RuleBook()
    table = memo.table(profile, ON, book)
    assert memo.table(profile, date(2026, 11, 20), book) is not table
    assert memo.table(profile, ON, other_book) is not table
    assert [v.to_json() for v in programs.evaluate_all(profile, ON, other_book)] == (
        verdicts_json(profile)
    )


def test_within_evaluate_all_the_session_table_is_the_profiles_entry() -> None:
    profile = example("francophone_engineer")
    book = default()
    with memo.session(profile, ON, book):
        inside = memo.table(profile, ON, book)
        assert memo.current(ON, book) == (profile, inside)
        assert memo.current(date(2026, 1, 1), book) is None
        other = example("francophone_engineer")  # equal facts, other objects
        assert memo.table(other, ON, book) is not inside
    assert memo.table(profile, ON, book) is inside
    assert memo.current(ON, book) is None


def test_repeated_evaluation_gives_the_same_answers_as_a_fresh_one() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        profile = load_profile(path)
        for on in (date(2016, 6, 1), date(2022, 2, 3), ON):
            first = verdicts_json(profile, on)
            assert verdicts_json(profile, on) == first
            assert verdicts_json(fresh_copy(profile), on) == first


def test_the_crs_before_nomination_is_the_score_without_nominations() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        profile = load_profile(path)
        for on in (date(2016, 6, 1), date(2022, 2, 3), ON):
            plain = crs.score(profile.model_copy(update={"nominations": []}), on)
            assert crs.total_before_nomination(profile, on) == (plain.total, plain.missing)
            total, _ = crs_before_nomination(profile, on, default())
            assert total == plain.total


def test_facts_kept_only_within_a_session_are_derived_once_there_and_every_time_outside() -> None:
    profile, book = example("francophone_engineer"), default()
    calls: list[int] = []

    def derive() -> int:
        calls.append(1)
        return len(calls)

    assert memo.in_session(profile, ON, book, "probe", derive) == 1
    assert memo.in_session(profile, ON, book, "probe", derive) == 2  # no session: no memo
    with memo.session(profile, ON, book):
        assert memo.in_session(profile, ON, book, "probe", derive) == 3
        assert memo.in_session(profile, ON, book, "probe", derive) == 3
        assert memo.in_session(profile, date(2026, 1, 1), book, "probe", derive) == 4


def test_the_best_results_are_read_once_in_a_session_and_equal_a_fresh_reading() -> None:
    profile, book = example("couple_spouse_stronger"), default()
    assert profile.spouse is not None
    for person in (profile, profile.spouse):
        tests = person.language_tests
        outside = facts.best_results(tests, ON, book)
        assert outside == best_by_language(facts.language_results(tests, ON, book))
        with memo.session(profile, ON, book):
            first = facts.best_results(tests, ON, book)
            first.clear()  # a caller's copy: changing it changes nothing kept
            again = facts.best_results(tests, ON, book)
            assert again == outside and again
            # The same result objects both times: read once, not read again.
            assert [id(r) for r in again.values()] == [
                id(r) for r in facts.best_results(tests, ON, book).values()
            ]
        with memo.session(profile, ON, book):
            reads = common.read_education(profile, ON, book)
            assert common.read_education(profile, ON, book) is reads
        assert common.read_education(profile, ON, book) == reads


def test_a_list_of_tests_outside_the_session_profile_is_read_as_it_is() -> None:
    profile, book = example("francophone_engineer"), default()
    other = list(profile.language_tests[:1])  # not the profile's own list
    with memo.session(profile, ON, book):
        assert facts.best_results(other, ON, book).keys() == {
            r.language for r in facts.language_results(other, ON, book) if not r.expired
        }
