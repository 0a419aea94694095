"""Three-valued verdicts (DESIGN.md principle 3) and the pathways JSON shape."""

from __future__ import annotations

from datetime import date

import pytest

from maplepath import programs
from maplepath.profile.model import Profile
from maplepath.programs.verdict import (
    Criterion,
    Finding,
    Ternary,
    Verdict,
    and3,
    combine,
    criterion,
    or3,
    ternary,
)

MET = Criterion("language", Ternary.met, "CLB 9")
UNMET = Criterion("experience", Ternary.unmet, "0.5 years")
UNKNOWN = Criterion("proof_of_funds", Ternary.unknown, "not given", ("x",), ("family_size",))


def verdict(*criteria: Criterion, status: str = "open") -> Verdict:
    return Verdict("fsw", combine(criteria), status, criteria, "permanent_residence", None)


def test_true_false_and_none_read_as_met_unmet_and_unknown() -> None:
    assert [ternary(x) for x in (True, False, None)] == ["met", "unmet", "unknown"]


def test_a_program_is_eligible_only_when_every_criterion_is_met() -> None:
    assert combine([MET, MET]) == "eligible"
    assert combine([MET, UNKNOWN]) == "unknown"


def test_one_unmet_criterion_makes_a_program_ineligible_whatever_is_unknown() -> None:
    assert combine([MET, UNKNOWN, UNMET]) == "ineligible"


def test_no_criteria_decide_nothing() -> None:
    assert combine([]) == "unknown"


def test_three_valued_and_and_or() -> None:
    assert (and3(True, True), and3(True, None), and3(None, False)) == (True, None, False)
    assert (or3([False, False]), or3([False, None]), or3([None, True])) == (False, None, True)
    assert or3([]) is False


def test_a_finding_keeps_its_needs_only_while_unknown() -> None:
    assert criterion("a", Finding(None, "?", ("birth_date",)), ["r"]).needs == ("birth_date",)
    assert criterion("a", Finding(True, "ok", ("birth_date",)), ["r"]).needs == ()


def test_a_verdict_lists_the_facts_that_would_decide_it() -> None:
    v = verdict(MET, UNKNOWN, Criterion("age", Ternary.unknown, "?", (), ("family_size", "b")))
    assert v.verdict == "unknown"
    assert v.needs == ("family_size", "b")


def test_the_json_item_has_exactly_the_pathways_shape() -> None:
    item = verdict(MET, UNKNOWN).to_json()
    assert item == {
        "program": "fsw",
        "verdict": "unknown",
        "status": "open",
        "criteria": [
            {"id": "language", "status": "met", "detail": "CLB 9", "rules": []},
            {
                "id": "proof_of_funds",
                "status": "unknown",
                "detail": "not given (would be decided by: family_size)",
                "rules": ["x"],
            },
        ],
        "leads_to": "permanent_residence",
        "processing": None,
    }


@pytest.mark.parametrize(
    ("field", "value"), [("verdict", "maybe"), ("status", "open?"), ("leads_to", "citizenship")]
)
def test_a_verdict_refuses_values_outside_the_design(field: str, value: str) -> None:
    fields = {"verdict": "eligible", "status": "open", "leads_to": "permanent_residence"}
    with pytest.raises(ValueError, match=field):
        Verdict("fsw", criteria=(), processing=None, **(fields | {field: value}))


def test_an_unknown_criterion_id_names_the_ones_there_are() -> None:
    with pytest.raises(KeyError, match="language"):
        verdict(MET).criterion("age")


def test_the_registry_starts_with_the_three_express_entry_programs() -> None:
    assert list(programs.REGISTRY)[:3] == ["fsw", "cec", "fst"]
    assert programs.EXPRESS_ENTRY == ("fsw", "cec", "fst")


def test_an_empty_profile_is_unknown_for_every_open_program_never_ineligible() -> None:
    # A missing fact never makes a person ineligible; only a program that is closed or not yet
    # open on the date may be ineligible for everyone.
    verdicts = programs.evaluate_all(Profile(), date(2026, 11, 21))
    open_ones = [v for v in verdicts if v.status == "open"]
    assert {v.program for v in open_ones} >= {"fsw", "cec", "fst"}
    assert {v.program: v.verdict for v in open_ones} == {v.program: "unknown" for v in open_ones}
    fsw = verdicts[0]
    assert {"language_tests", "work", "education", "birth_date"} <= set(fsw.needs)
