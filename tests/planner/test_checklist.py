"""The evidence checklist: documents per pathway, present / missing / expired / not needed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from maplepath.planner.checklist import Item, checklist
from maplepath.planner.evidence import load_documents
from maplepath.profile.load import load_profile

from ..conftest import EXAMPLES, FIXTURES

ON = date(2026, 11, 22)
PRIYA = EXAMPLES / "cases" / "priya"
CLEAN = FIXTURES / "cases" / "clean"


def _items(case: Path, program_ids: list[str], on: date = ON) -> list[Item]:
    profile = load_profile(case / "profile.yaml")
    return checklist(profile, load_documents(case, profile), program_ids, on)


def _status(items: list[Item], item: str, who: str = "applicant") -> list[str]:
    return [i.status for i in items if i.item == item and i.who == who]


def test_priya_has_her_profile_documents_and_still_needs_police_and_medical() -> None:
    items = _items(PRIYA, ["fsw"])
    assert {i.pathway for i in items} == {"express_entry"}
    assert _status(items, "passport") == ["present"]
    assert _status(items, "language_test_result") == ["present"]
    assert _status(items, "employment_reference_letter") == ["present", "present"]
    assert _status(items, "proof_of_funds") == ["present"]
    assert _status(items, "police_certificate") == ["missing"]
    assert _status(items, "medical_exam") == ["missing"]


def test_present_documents_say_until_when_they_count() -> None:
    (ielts,) = [i for i in _items(PRIYA, ["fsw"]) if i.item == "language_test_result"]
    assert ielts.valid_until == date(2027, 3, 6) and ielts.documents == ("ielts_2025",)


def test_the_language_result_is_expired_from_its_second_anniversary() -> None:
    items = _items(PRIYA, ["fsw"], date(2027, 3, 6))
    (ielts,) = [i for i in items if i.item == "language_test_result"]
    assert ielts.status == "expired" and "2027-03-06" in ielts.detail


def test_no_spouse_and_no_job_offer_make_documents_not_needed() -> None:
    items = _items(PRIYA, ["fsw"])
    assert _status(items, "passport", "spouse") == ["not_needed"]
    assert _status(items, "job_offer_letter") == ["not_needed"]
    assert _status(items, "marriage_certificate") == ["not_needed"]


def test_the_canadian_experience_class_needs_no_proof_of_funds() -> None:
    assert _status(_items(PRIYA, ["cec"]), "proof_of_funds") == ["not_needed"]
    assert _status(_items(PRIYA, ["cec", "fsw"]), "proof_of_funds") == ["present"]


def test_a_couple_needs_documents_from_both_and_the_marriage_certificate() -> None:
    items = _items(CLEAN, ["fsw"])
    assert _status(items, "passport", "spouse") == ["present"]
    assert _status(items, "marriage_certificate") == ["present"]
    assert _status(items, "job_offer_letter") == ["present"]
    assert _status(items, "diploma", "spouse") == ["missing"]
    # One police certificate per country: José's comes inline from the profile.
    assert _status(items, "police_certificate") == ["present"]
    assert _status(items, "police_certificate", "spouse") == ["missing"]


def test_a_document_that_disagrees_with_the_profile_leaves_the_item_missing() -> None:
    items = _items(FIXTURES / "cases" / "planted", ["fsw"])
    (letter,) = [i for i in items if i.fact == "work[1]"]
    assert letter.status == "missing" and "reference_flutterwave" in letter.detail


def test_each_pathway_has_its_own_list() -> None:
    items = _items(CLEAN, ["fsw", "gts_b", "bc_pnp_tech"])
    assert [p for p in dict.fromkeys(i.pathway for i in items)] == [
        "express_entry",
        "provincial_nominee",
        "work_permit",
    ]
    wp = [i for i in items if i.pathway == "work_permit"]
    assert {i.item for i in wp} == {
        "passport",
        "job_offer_letter",
        "diploma",
        "employment_reference_letter",
    }
    assert all(i.programs == ("gts_b",) for i in wp)


def test_programs_no_list_covers_give_nothing() -> None:
    assert _items(PRIYA, ["quebec_ai"]) == []
    assert _items(PRIYA, []) == []


def test_before_express_entry_there_is_no_list() -> None:
    profile = load_profile(PRIYA / "profile.yaml")
    assert checklist(profile, [], ["fsw"], date(2014, 12, 31)) == []


def test_items_serialise_to_json() -> None:
    data = _items(PRIYA, ["fsw"])[0].to_json()
    assert data["status"] == "present" and data["rule"] == "planner.documents.express_entry"


CANADIAN = """
birth_date: 1998-08-03
work:
  - {employer: University of Toronto, title: Research assistant, noc: "21211", country: CA,
     start: 2023-01-09, end: 2024-04-30, hours_per_week: 20, authorized: true}
  - {employer: Shopify, title: Data Scientist, noc: "21211", country: CA, start: 2024-06-03,
     end: null, hours_per_week: 37.5, authorized: true}
"""
STUDY = "kind: study_permit\nfields: {start: 2022-08-15, end: 2024-07-31}\n"
PGWP = "kind: work_permit\nfields: {start: 2024-05-20, end: 2027-05-19}\n"


def _write(tmp_path: Path, profile: str, docs: dict[str, str]) -> Path:
    (tmp_path / "profile.yaml").write_text(profile)
    (tmp_path / "evidence").mkdir()
    for name, text in docs.items():
        (tmp_path / "evidence" / f"{name}.yaml").write_text(text)
    return tmp_path


def test_canadian_jobs_need_the_permits_that_covered_them(tmp_path: Path) -> None:
    case = _write(tmp_path, CANADIAN, {"study": STUDY, "pgwp": PGWP})
    permits = [i for i in _items(case, ["cec"]) if i.item == "work_permit"]
    assert [(i.fact, i.status, i.documents) for i in permits] == [
        ("work[0]", "present", ("study",)),
        ("work[1]", "present", ("pgwp", "study")),  # the study permit ran to 2024-07-31
    ]


def test_a_job_outlasting_its_permit_leaves_the_permit_missing(tmp_path: Path) -> None:
    short = "kind: work_permit\nfields: {start: 2024-05-20, end: 2025-12-31}\n"
    case = _write(tmp_path, CANADIAN, {"study": STUDY, "pgwp": short})
    (shopify,) = [
        i for i in _items(case, ["cec"]) if i.fact == "work[1]" and i.kind == "work_permit"
    ]
    assert shopify.status == "missing"
    assert shopify.detail == "no permit covers 2026-01-01 to 2026-11-22"


def test_an_employer_specific_permit_covers_only_its_employer(tmp_path: Path) -> None:
    other = (
        "kind: work_permit\nfields: {employer: Wealthsimple, start: 2024-05-20, end: 2027-05-19}\n"
    )
    case = _write(tmp_path, CANADIAN, {"study": STUDY, "other": other})
    (shopify,) = [
        i for i in _items(case, ["cec"]) if i.fact == "work[1]" and i.kind == "work_permit"
    ]
    assert shopify.status == "missing"


def test_no_canadian_work_needs_no_permit() -> None:
    assert _status(_items(PRIYA, ["fsw"]), "work_permit") == ["not_needed"]


def test_a_document_not_yet_issued_on_the_date_is_missing() -> None:
    items = _items(PRIYA, ["fsw"], date(2021, 1, 1))
    assert _status(items, "passport") == ["missing"]


WEI = EXAMPLES / "cases" / "wei"


def test_wei_needs_no_eca_for_a_bachelors_below_her_canadian_masters() -> None:
    items = _items(WEI, ["cec"])
    (eca,) = [i for i in items if i.item == "eca_report"]
    assert eca.status == "not_needed" and "Canadian masters" in eca.detail
    assert _status(items, "eca_report") == ["not_needed"]
    # Priya's bachelor's is her only credential: its ECA is needed.
    assert _status(_items(PRIYA, ["fsw"]), "eca_report") == ["present"]


def test_wei_proves_each_canadian_job_with_the_permit_of_the_time() -> None:
    permits = [i for i in _items(WEI, ["cec"]) if i.item == "work_permit"]
    assert [(i.fact, i.status) for i in permits] == [
        ("work[0]", "present"),
        ("work[1]", "present"),
    ]
    assert _status(_items(WEI, ["cec"]), "proof_of_funds") == ["not_needed"]


def test_after_her_pgwp_ends_wei_has_no_permit_for_her_current_job() -> None:
    permits = [i for i in _items(WEI, ["cec"], date(2027, 8, 1)) if i.item == "work_permit"]
    assert permits[1].status == "missing"
    assert permits[1].detail == "no permit covers 2027-05-20 to 2027-08-01"


def test_a_document_the_review_flags_is_not_ticked(tmp_path: Path) -> None:
    """One truth (issue 19): an IELTS result whose passport number is not the passport's is
    held but flagged, with the review's reason; the same result without the mismatch counts."""
    import shutil

    from maplepath.planner import consistency

    case = tmp_path / "priya"
    shutil.copytree(PRIYA, case)
    ielts = case / "evidence" / "ielts_2025.yaml"
    ielts.write_text(ielts.read_text().replace("V4821937", "V0000001"))
    profile = load_profile(case / "profile.yaml")
    docs = load_documents(case, profile)
    found = consistency.review(profile, docs, ON)
    assert any(f.severity == "high" and "ielts_2025" in f.documents for f in found)
    items = checklist(profile, docs, ["fsw"], ON, findings=found)
    (result,) = [i for i in items if i.item == "language_test_result"]
    assert result.status == "flagged" and result.documents == ("ielts_2025",)
    assert result.detail  # the review's reason
    assert _status(items, "passport") in (["present"], ["flagged"])
    # without the findings (the older call) it is ticked: the callers pass them
    assert _status(_items(case, ["fsw"]), "language_test_result") == ["present"]


def test_a_checklist_is_for_programs_open_or_opening_not_closed_ones() -> None:
    from maplepath import programs
    from maplepath.planner.checklist import pursued

    profile = load_profile(PRIYA / "profile.yaml")
    chosen = pursued(programs.evaluate_all(profile, ON))
    verdicts = {v.program: v for v in programs.evaluate_all(profile, ON)}
    assert chosen and all(verdicts[p].status in ("open", "not_yet_open") for p in chosen)
    assert "bc_pnp_tech" not in chosen  # closed since 2025-01-01, whatever its verdict
