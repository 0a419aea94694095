"""The evidence folder: document files, inline entries, validity, and clear errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from maplepath.planner.evidence import KINDS, EvidenceError, load_documents, parse_document
from maplepath.profile.load import load_profile

from ..conftest import EXAMPLES, FIXTURES

PRIYA = EXAMPLES / "cases" / "priya"
CLEAN = FIXTURES / "cases" / "clean"


def _case(tmp_path: Path, files: dict[str, str], profile: str = "birth_date: 1990-01-01\n") -> Path:
    (tmp_path / "profile.yaml").write_text(profile)
    (tmp_path / "evidence").mkdir()
    for name, text in files.items():
        (tmp_path / "evidence" / name).write_text(text)
    return tmp_path


def test_priya_example_case_loads_every_document_with_its_file_stem_as_id() -> None:
    docs = load_documents(PRIYA)
    assert {d.id for d in docs} == {
        "passport",
        "ielts_2025",
        "eca_wes",
        "degree_btech",
        "reference_tcs",
        "reference_razorpay",
        "proof_of_funds",
    }
    assert all(d.source.startswith("evidence/") for d in docs)


def test_priya_example_profile_is_valid() -> None:
    profile = load_profile(PRIYA / "profile.yaml", today=date(2026, 11, 22))
    assert profile.birth_date == date(1997, 6, 15)


def test_inline_profile_evidence_counts_beside_the_folder() -> None:
    docs = load_documents(CLEAN)
    inline = [d for d in docs if d.source.startswith("profile")]
    assert [(d.id, d.kind, d.fields.country) for d in inline] == [
        ("police-mx", "police_certificate", "MX")
    ]


def test_spouse_documents_are_marked_about_the_spouse() -> None:
    about = {d.id: d.about for d in load_documents(CLEAN)}
    assert about["passport_ana"] == "spouse"
    assert about["passport_jose"] == "applicant"


def test_language_result_expires_two_years_after_the_test_date() -> None:
    ielts = next(d for d in load_documents(PRIYA) if d.id == "ielts_2025")
    assert ielts.valid_until(date(2026, 11, 22)) == date(2027, 3, 6)
    assert not ielts.expired(date(2027, 3, 5))
    assert ielts.expired(date(2027, 3, 6))


def test_eca_report_counts_five_years_from_issue() -> None:
    eca = next(d for d in load_documents(PRIYA) if d.id == "eca_wes")
    assert eca.valid_until(date(2026, 11, 22)) == date(2028, 8, 21)


def test_passport_expires_on_its_printed_date_and_a_letter_never() -> None:
    docs = {d.id: d for d in load_documents(PRIYA)}
    assert docs["passport"].valid_until(date(2026, 11, 22)) == date(2031, 9, 1)
    assert docs["reference_tcs"].valid_until(date(2026, 11, 22)) is None


def test_medical_exam_counts_twelve_months() -> None:
    doc = parse_document({"kind": "medical_exam", "fields": {"issued": "2026-01-31"}}, "m", "m")
    assert doc.valid_until(date(2026, 6, 1)) == date(2027, 1, 31)
    doc = parse_document({"kind": "medical_exam", "fields": {"issued": "2024-02-29"}}, "m", "m")
    assert doc.valid_until(date(2024, 6, 1)) == date(2025, 2, 28)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kind: visa\nfields: {}\n", "evidence/bad.yaml: kind: 'visa' is not a document kind"),
        ("kind: passport\nfields: {hours: 3}\n", "evidence/bad.yaml: fields.hours: unknown field"),
        (
            "kind: passport\nfields: {hours_per_week: 3}\n",
            "evidence/bad.yaml: fields.hours_per_week: a passport does not show hours_per_week",
        ),
        (
            "kind: passport\nfields: {date_of_birth: 1990-02-30}\n",
            "evidence/bad.yaml: fields.date_of_birth:",
        ),
        (
            "kind: employment_reference_letter\nfields: {start: 2020-01-01, end: 2019-01-01}\n",
            "start (2020-01-01) is after end (2019-01-01)",
        ),
        (
            "kind: language_test_result\nfields: {test: ielts_general, date: 2025-01-01,"
            " scores: {listening: 9.7}}\n",
            "evidence/bad.yaml: fields.scores.listening:",
        ),
        (
            "kind: language_test_result\nfields: {test: ielts_academic}\n",
            "fields.test: 'ielts_academic' is not a test IRCC accepts",
        ),
        ("kind: passport\nfields: {}\nnotes: hi\n", "evidence/bad.yaml: notes: unknown key"),
        ("- a list\n", "evidence/bad.yaml: expected a mapping"),
        ("kind: passport\nfields: [1]\n", "evidence/bad.yaml: fields: expected a mapping"),
        ("", "evidence/bad.yaml: the file is empty"),
        ("kind: [passport\n", "evidence/bad.yaml: not valid YAML"),
    ],
)
def test_a_malformed_document_names_the_file_and_the_field(
    tmp_path: Path, text: str, message: str
) -> None:
    case = _case(tmp_path, {"bad.yaml": text})
    with pytest.raises(EvidenceError) as err:
        load_documents(case)
    assert message in str(err.value)
    assert isinstance(err.value, ValueError)


def test_an_id_used_twice_is_refused(tmp_path: Path) -> None:
    case = _case(
        tmp_path,
        {"a.yaml": "id: p\nkind: passport\nfields: {}\n", "b.yaml": "id: p\nkind: passport\n"},
    )
    with pytest.raises(EvidenceError, match=r"id 'p' is also used by evidence/a\.yaml"):
        load_documents(case)


def test_a_case_without_an_evidence_folder_has_only_inline_documents(tmp_path: Path) -> None:
    (tmp_path / "profile.yaml").write_text(
        "evidence:\n  - {id: x, kind: passport, fields: {name: A B}}\n"
    )
    assert [d.id for d in load_documents(tmp_path)] == ["x"]


def test_a_bad_inline_document_names_its_profile_entry(tmp_path: Path) -> None:
    (tmp_path / "profile.yaml").write_text("evidence:\n  - {id: x, kind: pasport}\n")
    with pytest.raises(EvidenceError, match=r"profile evidence\[0\]: kind: 'pasport'"):
        load_documents(tmp_path)


def test_not_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EvidenceError, match="not a case folder"):
        load_documents(tmp_path / "missing")


def test_every_kind_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "evidence.md").read_text()
    for kind in KINDS:
        assert f"`{kind}`" in doc, kind
