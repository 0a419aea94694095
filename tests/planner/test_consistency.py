"""The consistency review: every planted contradiction found, no false alarm on a clean case."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maplepath.planner import matching
from maplepath.planner.consistency import SEVERITIES, Finding, review
from maplepath.planner.consistency_work import noc_fits
from maplepath.planner.evidence import load_documents, parse_document
from maplepath.profile.load import load_profile
from maplepath.rulebook.rulefile import load_yaml

from ..conftest import EXAMPLES, FIXTURES

ON = date(2026, 11, 22)
CASES = FIXTURES / "cases"


def _review(case: Path) -> list[Finding]:
    profile = load_profile(case / "profile.yaml")
    return review(profile, load_documents(case, profile), ON)


def _expected() -> list[dict[str, Any]]:
    data = load_yaml((CASES / "planted" / "expected.yaml").read_text())
    assert isinstance(data, list)
    return data


def test_the_clean_case_raises_no_false_alarm() -> None:
    # Accents, word order, upper case, "S.A. de C.V." and "Grupo Financiero" all differ there.
    assert _review(CASES / "clean") == []


def test_the_priya_example_is_internally_consistent() -> None:
    assert _review(EXAMPLES / "cases" / "priya") == []


def test_the_planted_case_has_at_least_eight_contradictions_of_different_kinds() -> None:
    kinds = {e["kind"] for e in _expected()}
    assert len(kinds) >= 8


@pytest.mark.parametrize("planted", _expected(), ids=lambda e: str(e["kind"]))
def test_each_planted_contradiction_is_found(planted: dict[str, Any]) -> None:
    found = [
        f
        for f in _review(CASES / "planted")
        if f.kind == planted["kind"] and set(planted["documents"]) <= set(f.documents)
    ]
    assert found, f"not found: {planted}"
    assert found[0].severity == planted["severity"]
    assert found[0].why and found[0].detail


def test_nothing_but_the_planted_contradictions_is_found() -> None:
    found = _review(CASES / "planted")
    assert len(found) == len(_expected()), [(f.kind, f.documents) for f in found]


def test_findings_come_most_severe_first() -> None:
    ranks = [SEVERITIES.index(f.severity) for f in _review(CASES / "planted")]
    assert ranks == sorted(ranks)


def _case(tmp_path: Path, profile: str, docs: dict[str, str]) -> list[Finding]:
    (tmp_path / "evidence").mkdir(parents=True)
    (tmp_path / "profile.yaml").write_text(profile)
    for name, text in docs.items():
        (tmp_path / "evidence" / f"{name}.yaml").write_text(text)
    return _review(tmp_path)


WORK = """
birth_date: 1990-01-01
work:
  - {employer: Acme, title: Software Engineer, noc: "21231", country: IN,
     start: 2020-01-01, end: null, hours_per_week: 40}
"""


def test_a_letter_with_slightly_fewer_full_time_hours_is_medium_not_high(tmp_path: Path) -> None:
    letter = (
        "kind: employment_reference_letter\nfields: {employer: Acme Ltd, start: 2020-01-01,"
        " hours_per_week: 37.5}\n"
    )
    (f,) = _case(tmp_path, WORK, {"ref": letter})
    assert (f.kind, f.severity) == ("hours", "medium")


def test_a_letter_that_says_the_job_ended_contradicts_an_ongoing_claim(tmp_path: Path) -> None:
    letter = (
        "kind: employment_reference_letter\nfields: {employer: ACME, start: 2020-01-01,"
        " end: 2024-05-31}\n"
    )
    (f,) = _case(tmp_path, WORK, {"ref": letter})
    assert f.kind == "employment_dates" and "2024-05-31" in f.detail


def test_a_letter_for_work_not_in_the_profile_is_reported(tmp_path: Path) -> None:
    letter = (
        "kind: employment_reference_letter\nfields: {employer: Globex, start: 2012-01-01,"
        " end: 2014-01-01}\n"
    )
    (f,) = _case(tmp_path, WORK, {"ref": letter})
    assert (f.kind, f.severity) == ("unlisted_employment", "low")


def test_a_letter_from_another_employer_for_the_same_dates(tmp_path: Path) -> None:
    letter = "kind: employment_reference_letter\nfields: {employer: Globex, start: 2020-01-01}\n"
    (f,) = _case(tmp_path, WORK, {"ref": letter})
    assert f.kind == "employer"


def test_a_missing_middle_name_is_a_low_variant_not_another_person(tmp_path: Path) -> None:
    found = _case(
        tmp_path,
        "birth_date: 1990-01-01\n",
        {
            "passport": "kind: passport\nfields: {name: Priya Lakshmi Raman}\n",
            "ielts": "kind: language_test_result\nfields: {name: Priya Raman}\n",
        },
    )
    assert [(f.kind, f.severity) for f in found] == [("name_variant", "low")]


def test_dates_of_birth_are_compared_between_documents_when_the_profile_has_none(
    tmp_path: Path,
) -> None:
    found = _case(
        tmp_path,
        "citizenships: [IN]\n",
        {
            "passport": "kind: passport\nfields: {date_of_birth: 1990-01-01}\n",
            "birth": "kind: birth_certificate\nfields: {date_of_birth: 1990-01-10}\n",
        },
    )
    assert [f.kind for f in found] == ["date_of_birth"]


def test_a_passport_of_another_country_contradicts_the_citizenship(tmp_path: Path) -> None:
    found = _case(
        tmp_path,
        "citizenships: [IN]\n",
        {"passport": "kind: passport\nfields: {nationality: PK}\n"},
    )
    assert [(f.kind, f.severity) for f in found] == [("citizenship", "high")]


def test_a_job_offer_letter_part_time_against_a_full_time_claim(tmp_path: Path) -> None:
    profile = (
        "job_offers:\n  - {employer: Northwind, noc: '21232', full_time: true, hourly_wage: 50}\n"
    )
    offer = (
        "kind: job_offer_letter\nfields: {employer: Northwind Inc., noc: '21232',"
        " full_time: false, wage: 45, wage_period: hour}\n"
    )
    (f,) = _case(tmp_path, profile, {"offer": offer})
    assert (f.kind, f.severity) == ("job_offer", "high")
    assert "$45.00/h vs $50.00/h" in f.detail


def test_spouse_documents_are_checked_against_the_spouse(tmp_path: Path) -> None:
    profile = "marital_status: married\nbirth_date: 1990-01-01\nspouse: {birth_date: 1992-02-02}\n"
    found = _case(
        tmp_path,
        profile,
        {
            "mine": "kind: passport\nfields: {date_of_birth: 1990-01-01}\n",
            "hers": "kind: passport\nfields: {about: spouse, date_of_birth: 1992-02-03}\n",
        },
    )
    assert [(f.kind, f.documents) for f in found] == [
        ("date_of_birth", ("hers", "profile:spouse.birth_date"))
    ]


@pytest.mark.parametrize(
    ("title", "noc", "fits"),
    [
        ("Senior Software Engineer", "21231", True),
        ("Backend Developer", "21231", True),
        ("Data Scientist", "21211", True),
        ("Growth Marketing Manager", "21231", False),
        ("Accountant", "21231", False),
        ("Member of Technical Staff", "21231", None),
    ],
)
def test_job_titles_are_checked_against_the_noc_claimed(
    title: str, noc: str, fits: bool | None
) -> None:
    assert noc_fits(title, noc)[0] is fits


def test_a_document_about_nothing_in_the_profile_raises_nothing() -> None:
    doc = parse_document({"kind": "medical_exam", "fields": {"issued": "2026-01-01"}}, "m", "m")
    profile = load_profile(EXAMPLES / "cases" / "priya" / "profile.yaml")
    assert review(profile, [doc], ON) == []


CANADIAN = """
birth_date: 1998-08-03
work:
  - {employer: Shopify, title: Data Scientist, noc: "21211", country: CA, start: 2024-06-03,
     end: null, hours_per_week: 37.5, authorized: true}
"""


def test_canadian_work_outside_the_permits_held_is_found(tmp_path: Path) -> None:
    permit = "kind: work_permit\nfields: {start: 2024-05-20, end: 2025-12-31}\n"
    (f,) = _case(tmp_path, CANADIAN, {"pgwp": permit})
    assert (f.kind, f.severity) == ("work_authorization", "high")
    assert f.documents == ("pgwp", "profile:work[0]")
    assert "2026-01-01 to 2026-11-22" in f.detail


def test_canadian_work_within_a_permit_raises_nothing(tmp_path: Path) -> None:
    permit = "kind: work_permit\nfields: {issued: 2024-05-20, expires: 2027-05-19}\n"
    assert _case(tmp_path, CANADIAN, {"pgwp": permit}) == []


def test_without_any_permit_in_the_folder_authorization_is_not_judged(tmp_path: Path) -> None:
    assert _case(tmp_path, CANADIAN, {}) == []


_ACCENTED = str.maketrans("aeiounc", "áéíóúñç")
words = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9), min_size=1, max_size=4
)


@given(words, st.randoms())
def test_names_match_whatever_the_order_accents_case_and_punctuation(
    parts: list[str], rnd: Any
) -> None:
    name = " ".join(parts)
    shuffled = parts[:]
    rnd.shuffle(shuffled)
    variant = ", ".join(w.translate(_ACCENTED).upper() for w in shuffled)
    assert matching.name_similarity(name, variant) == 100.0


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Razorpay Software Pvt Ltd", "Razorpay Software Private Limited", True),
        ("Softtek S.A. de C.V.", "Softtek", True),
        ("Banorte", "Grupo Financiero Banorte", True),
        ("Andela Inc.", "ANDELA", True),
        ("Flutterwave", "Paystack Payments Limited", False),
        ("Infosys", "Wipro", False),
        ("Acme", None, None),
    ],
)
def test_employers_match_without_their_legal_form(a: str, b: str | None, same: bool | None) -> None:
    assert matching.same_employer(a, b) is same


def test_the_spouse_on_the_marriage_certificate_must_be_the_spouse_of_the_passport(
    tmp_path: Path,
) -> None:
    profile = "marital_status: married\nspouse: {accompanying: true}\n"
    cert = "kind: marriage_certificate\nfields: {name: Jose Garcia, partner_name: Ana Torres}\n"
    same = "kind: passport\nfields: {about: spouse, name: 'TORRES, ANA'}\n"
    other = "kind: passport\nfields: {about: spouse, name: Maria Lopez}\n"
    assert _case(tmp_path / "a", profile, {"cert": cert, "pp": same}) == []
    (f,) = _case(tmp_path / "b", profile, {"cert": cert, "pp": other})
    assert (f.kind, f.documents) == ("name", ("pp", "cert"))


def test_wei_example_shows_two_real_weak_points() -> None:
    found = _review(EXAMPLES / "cases" / "wei")
    assert [(f.kind, f.severity, f.documents) for f in found] == [
        # A research assistant's title does not read as a data scientist (NOC 21211).
        ("noc", "medium", ("reference_uoft", "profile:work[0]")),
        # 33 days between the end of her studies' job and Shopify: explain it.
        ("employment_gap", "low", ("profile:work[0]", "profile:work[1]")),
    ]


def test_one_eca_per_credential_issued_the_same_day_raises_nothing(tmp_path: Path) -> None:
    profile = """
education:
  - {level: bachelors, country: IN, eca: {issuer: WES, issued: 2024-01-10, level: bachelors}}
  - {level: masters, country: IN, eca: {issuer: WES, issued: 2024-01-10, level: masters}}
"""
    ecas = {
        "eca_ba": "kind: eca_report\nfields: {issued: 2024-01-10, level: bachelors}\n",
        "eca_ma": "kind: eca_report\nfields: {issued: 2024-01-10, level: masters}\n",
    }
    assert _case(tmp_path, profile, ecas) == []


def test_the_only_eca_issued_another_day_is_a_date_contradiction(tmp_path: Path) -> None:
    profile = (
        "education:\n  - {level: masters, country: IN, eca: {issued: 2024-01-10, level: masters}}\n"
    )
    eca = {"eca": "kind: eca_report\nfields: {issued: 2024-02-10, level: masters}\n"}
    (f,) = _case(tmp_path, profile, eca)
    assert (f.kind, f.severity) == ("eca_date", "medium")
