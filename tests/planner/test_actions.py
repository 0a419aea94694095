"""The what-if catalogue: only actions the person can take, with durations and costs from the
rules, each changing a copy of the profile the way it says."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from maplepath.crs import inputs as crs_inputs
from maplepath.crs import scalar as crs
from maplepath.planner import actions, language_actions
from maplepath.profile import language
from maplepath.profile.load import read_profile
from maplepath.profile.model import CanadianStatus, Profile
from maplepath.programs import pathways
from maplepath.programs.verdict import Verdict

from ..conftest import EXAMPLES

ON = date(2026, 11, 22)


def load(name: str) -> Profile:
    return read_profile(EXAMPLES / f"{name}.yaml").profile


def ids(profile: Profile, on: date = ON) -> list[str]:
    return [a.id for a in actions.catalogue(profile, on)]


def by_id(profile: Profile, action_id: str) -> actions.Action:
    return next(a for a in actions.catalogue(profile, ON) if a.id == action_id)


def test_a_retake_never_aims_at_a_level_already_held() -> None:
    # Jordan: CELPIP L11 R10 W9 S10 = CLB 10/10/9/10: only writing can still go up.
    jordan = load("us_web_developer_offer")
    english = [a for a in actions.catalogue(jordan, ON) if a.group == "applicant:english"]
    assert [a.id for a in english] == [
        "applicant:english:renew-L10-R10-W9-S10",  # the same levels, before they lapse
        "applicant:english:L10-R10-W10-S10",
    ]


def test_every_language_action_raises_some_ability_and_lowers_none() -> None:
    for name in ("couple_spouse_stronger", "data_scientist_pgwp", "francophone_engineer"):
        p = load(name)
        for a in actions.catalogue(p, ON):
            if (":english:" not in a.id and ":french:" not in a.id) or ":renew-" in a.id:
                continue
            who, lang = a.id.split(":")[:2]
            person = p if who == "applicant" else p.spouse
            assert person is not None
            held = actions.valid_tests(person, ON, __import__("maplepath").rulebook.default())
            now = held[lang].clb if lang in held else dict.fromkeys(language.ABILITIES, 4)
            target = {
                ab: int(part[1:])
                for ab, part in zip(language.ABILITIES, a.id.split(":")[2].split("-"), strict=True)
            }
            assert all(target[ab] >= now[ab] for ab in language.ABILITIES), a.id
            assert any(target[ab] > now[ab] for ab in language.ABILITIES), a.id
            assert max(target.values()) <= 10


def test_no_spouse_action_without_a_spouse_who_counts() -> None:
    assert not [i for i in ids(load("software_engineer_abroad")) if i.startswith("spouse")]
    couple = load("couple_spouse_stronger")
    assert any(i.startswith("spouse:") for i in ids(couple))
    assert "swap" in ids(couple)
    assert couple.spouse is not None
    citizen = couple.model_copy(
        update={
            "spouse": couple.spouse.model_copy(update={"canadian_status": CanadianStatus.citizen})
        }
    )
    found = ids(citizen)
    assert not [i for i in found if i.startswith("spouse")] and "swap" not in found


def test_an_eca_is_offered_only_for_a_foreign_credential_without_a_lasting_one() -> None:
    # Wei's Chinese bachelor's has no ECA; Arjun's ECA of 2025-02-01 lasts until 2030, past
    # any plan (36 months); Priya's ECAs of 2024-01-10 lapse on 2029-01-10, within that reach.
    assert "applicant:eca:0" in ids(load("data_scientist_pgwp"))
    assert not [i for i in ids(load("couple_spouse_stronger")) if ":eca:" in i]
    assert [i for i in ids(load("software_engineer_abroad")) if ":eca:" in i] == [
        "applicant:eca:0",
        "applicant:eca:1",
    ]
    eca = by_id(load("data_scientist_pgwp"), "applicant:eca:0")
    assert (eca.days, eca.cost_cad) == (60, 264)  # rule planner.actions.eca.wes
    done = eca.apply(load("data_scientist_pgwp"), ON + timedelta(days=60))
    assert done.education[0].eca is not None
    assert done.education[0].eca.issued == ON + timedelta(days=60)
    assert load("data_scientist_pgwp").education[0].eca is None  # a copy was changed


def test_an_ielts_retake_takes_booking_preparation_and_results_and_costs_the_fee() -> None:
    # 14 days to book + 30 days per level (W 9 -> 10) + 13 days for results; $319.
    a = by_id(load("software_engineer_abroad"), "applicant:english:L10-R10-W10-S10")
    assert (a.days, a.cost_cad, a.track) == (57, 319, "applicant:language")


def test_a_first_french_test_has_an_unknown_fee_and_is_planned_from_nclc_4() -> None:
    a = by_id(load("software_engineer_abroad"), "applicant:french:L7-R7-W7-S7")
    assert a.cost_cad is None
    # From NCLC 4 at most 2 levels a sitting: a test at 6, then a retake at 7, each booked,
    # prepared and waited for (issue 19: never one leap).
    assert a.days == (14 + 30 * 2 + 42) + (14 + 30 * 1 + 42)
    assert "2 sittings" in a.title


def test_no_sitting_gains_more_than_the_cited_pace() -> None:
    from maplepath.planner.language_actions import sittings

    four = dict.fromkeys(("listening", "reading", "writing", "speaking"), 4)
    ten = dict.fromkeys(four, 10)
    stages = sittings(four, ten, 2)
    assert [s["reading"] for s in stages] == [6, 8, 10]
    before = four
    for s in stages:
        assert all(s[a] - before[a] <= 2 for a in s)
        before = s
    one = sittings({**four, "writing": 9}, {**four, "writing": 10}, 2)
    assert one == [{**four, "writing": 10}]
    p = load("software_engineer_abroad")
    a = by_id(p, "applicant:french:L10-R10-W10-S10")
    done = ON + timedelta(days=a.days)
    french = [t for t in a.apply(p, done).language_tests if t.test == "tef_canada"]
    assert len(french) == 3 and french == sorted(french, key=lambda t: t.date)


def test_a_known_fee_is_paid_at_every_sitting() -> None:
    from maplepath.planner.language_actions import _action, _test_data
    from maplepath.rulebook.book import default

    book = default()
    data = _test_data("ielts_general", ON, book)
    prep = book.value("planner.actions.preparation", ON)
    four = dict.fromkeys(("listening", "reading", "writing", "speaking"), 4)
    a = _action("applicant", "english", "ielts_general", data, prep, four,
                dict.fromkeys(four, 8), False, book)  # fmt: skip
    assert a.cost_cad == 2 * data["fee_cad"]  # two sittings, two fees


def test_a_retake_records_scores_that_read_as_the_target_levels() -> None:
    p = load("couple_spouse_stronger")
    a = by_id(p, "applicant:english:L9-R9-W9-S9")
    done_on = ON + timedelta(days=a.days)
    changed = a.apply(p, done_on)
    clb = crs_inputs.derive(changed, done_on).inputs
    assert (clb.first_l, clb.first_r, clb.first_w, clb.first_s) == (9, 9, 9, 9)
    assert changed.language_tests[-1].date == done_on - timedelta(days=13)


def test_waiting_offers_the_days_another_year_of_canadian_experience_counts() -> None:
    wei = load("data_scientist_pgwp")
    waits = [a for a in actions.catalogue(wei, ON) if a.group == "wait"]
    assert waits, "Wei works in Canada: waiting adds experience"
    first = waits[0]
    day = ON + timedelta(days=first.days)
    before = crs_inputs.derive(wei, day - timedelta(days=1)).inputs.canadian_years
    assert crs_inputs.derive(wei, day).inputs.canadian_years == before + 1


def test_switching_principal_applicant_scores_like_the_crs_alternative() -> None:
    couple = load("couple_spouse_stronger")
    alt = crs.score(couple, ON).alternative
    assert alt is not None
    assert crs.score(actions.swapped(couple), ON).total == alt["total"]


def _fake_evaluate(verdict: str, status: str):  # type: ignore[no-untyped-def]
    def evaluate(profile, on, only=None, book=None):  # type: ignore[no-untyped-def]
        v = Verdict("oinp_hcp_tech", verdict, status, (), "nomination", None)
        return [pathways.Pathway(v, None)]

    return evaluate


def test_a_nomination_is_offered_only_through_an_eligible_open_route(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    priya = load("software_engineer_abroad")
    monkeypatch.setattr(actions.pathways, "evaluate", _fake_evaluate("unknown", "open"))
    assert not [i for i in ids(priya) if i.startswith("nomination")]
    monkeypatch.setattr(actions.pathways, "evaluate", _fake_evaluate("eligible", "closed"))
    assert not [i for i in ids(priya) if i.startswith("nomination")]
    monkeypatch.setattr(actions.pathways, "evaluate", _fake_evaluate("eligible", "open"))
    nom = by_id(priya, "nomination:oinp_hcp_tech")
    assert nom.days == 180  # an assumption of planner.actions.provincial_nomination
    done_on = ON + timedelta(days=nom.days)
    gained = crs.score(nom.apply(priya, done_on), done_on).total - crs.score(priya, done_on).total
    assert gained == 600


def test_the_fastest_test_of_a_language_has_a_known_wait() -> None:
    from maplepath.rulebook.book import default

    assert language_actions._fastest("english", ON, default()) == "pte_core"
    # TCF Canada's wait is unknown, so French is planned with TEF Canada.
    assert language_actions._fastest("french", ON, default()) == "tef_canada"


def test_a_held_result_can_be_renewed_at_the_same_levels() -> None:
    # Priya's IELTS (CLB 10/10/9/10) lapses on 2027-09-20: a long plan needs it renewed.
    priya = load("software_engineer_abroad")
    renew = by_id(priya, "applicant:english:renew-L10-R10-W9-S10")
    assert renew.days == 14 + 13 and renew.cost_cad == 319
    late = date(2028, 1, 10)
    assert crs_inputs.derive(priya, late).inputs.first_w == 0  # expired
    assert crs_inputs.derive(renew.apply(priya, ON + timedelta(days=27)), late).inputs.first_w == 9


def test_another_credential_counts_twice_and_is_offered_once() -> None:
    # A one-year Canadian program: a second credential and Canadian education (15 points).
    jordan = load("us_web_developer_offer")
    a = by_id(jordan, "applicant:credential")
    assert a.days == 120 + 365 and a.cost_cad is None
    done = ON + timedelta(days=a.days)
    i = crs_inputs.derive(a.apply(jordan, done), done).inputs
    assert (
        i.canadian_education == 1 and i.education > crs_inputs.derive(jordan, done).inputs.education
    )
    # Wei already holds a Canadian master's: no credential action.
    assert "applicant:credential" not in ids(load("data_scientist_pgwp"))


def test_a_first_test_starts_from_the_level_the_profile_states() -> None:
    """Issue 19: "no French" plans from nothing (CLB 4 is the first result the charts give,
    after four levels of preparation); a course level plans from there, 2 levels a sitting."""
    from maplepath.profile.levels import LanguageLevels

    p = load("software_engineer_abroad")
    none = p.model_copy(update={"language_levels": LanguageLevels(french="none")})
    a = by_id(none, "applicant:french:L6-R6-W6-S6")
    # from 0: a sitting at 4 (4 levels), then one at 6 (2 levels): two bookings, two waits
    assert a.days == (14 + 30 * 4 + 42) + (14 + 30 * 2 + 42) and "2 sittings" in a.title
    assert "applicant:french:L4-R4-W4-S4" in ids(none)
    course = p.model_copy(update={"language_levels": LanguageLevels(french=6)})
    b = by_id(course, "applicant:french:L8-R8-W8-S8")
    assert b.days == 14 + 30 * 2 + 42 and "sittings" not in b.title  # within reach of one
    assert "applicant:french:L6-R6-W6-S6" not in ids(course)  # no test for the level held
    # and the CRS ignores a stated level: only results score
    from maplepath import crs

    assert crs.score(none, ON).total == crs.score(p, ON).total


def test_a_stated_level_is_checked_like_every_profile_fact() -> None:
    import pytest

    from maplepath.profile.load import ProfileError, validate_profile

    for bad in ({"french": 11}, {"french": "fluent"}, {"german": 5}, {"english": True}):
        with pytest.raises(ProfileError):
            validate_profile({"language_levels": bad}, "profile")
    ok = validate_profile({"language_levels": {"english": "none", "french": 5}}, "profile")
    assert ok.profile.language_levels is not None
