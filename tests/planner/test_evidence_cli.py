"""``maplepath case review`` and ``maplepath case checklist``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from maplepath.cli import app

from ..conftest import EXAMPLES, FIXTURES

runner = CliRunner(env={"COLUMNS": "200"})
PRIYA = str(EXAMPLES / "cases" / "priya")
PLANTED = str(FIXTURES / "cases" / "planted")


def _ok(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _json(*args: str) -> Any:
    return json.loads(_ok(*args, "--json"))


def _fails(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output


def test_review_of_a_consistent_case_finds_nothing() -> None:
    out = _ok("case", "review", PRIYA, "--on", "2026-11-22")
    assert "No contradictions found." in out
    assert "Confirmed facts: 8; assumed: 0" in out


def test_review_prints_each_finding_with_its_documents_and_why() -> None:
    out = _ok("case", "review", PLANTED, "--on", "2026-11-22")
    assert "high   passport_number (passport, ielts)" in out
    assert "why: a part-time reference letter against a full-time claim" in out
    assert "assumed work[1]" in out


def test_review_json() -> None:
    data = _json("case", "review", PLANTED, "--on", "2026-11-22")
    assert data["on"] == "2026-11-22"
    assert len(data["findings"]) == 13
    assert {"kind", "severity", "documents", "detail", "why"} == set(data["findings"][0])
    assert data["confirmed"]["birth_date"] == ["passport"]
    assert data["assumptions"][0]["path"] == "language_tests[0]"
    assert "CRS first language: writing" in data["assumptions"][0]["used_by"]


def test_review_shows_an_expired_result_as_an_assumption() -> None:
    data = _json("case", "review", PRIYA, "--on", "2027-03-06")
    assert [a["path"] for a in data["assumptions"]] == ["language_tests[0]"]


def test_checklist_for_a_named_program() -> None:
    data = _json("case", "checklist", PRIYA, "--program", "fsw", "--on", "2026-11-22")
    assert data["programs"] == ["fsw"]
    statuses = {(i["item"], i["who"]): i["status"] for i in data["items"]}
    assert statuses[("passport", "applicant")] == "present"
    assert statuses[("police_certificate", "applicant")] == "missing"
    assert statuses[("passport", "spouse")] == "not_needed"


def test_checklist_defaults_to_programs_eligible_or_unknown() -> None:
    data = _json("case", "checklist", PRIYA, "--on", "2026-11-22")
    assert "fsw" in data["programs"]
    assert "cec" not in data["programs"]  # no Canadian work: ineligible
    out = _ok("case", "checklist", PRIYA, "--on", "2026-11-22")
    assert "express entry: fsw" in out and "missing" in out


def test_an_unknown_program_is_a_clear_error() -> None:
    assert "--program: 'fws' is not a program id" in _fails(
        "case", "checklist", PRIYA, "--program", "fws"
    )


def test_a_profile_file_instead_of_a_case_folder_is_a_clear_error() -> None:
    out = _fails("case", "review", str(Path(PRIYA) / "profile.yaml"))
    assert "give a case folder" in out


def test_a_malformed_document_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "profile.yaml").write_text("birth_date: 1990-01-01\n")
    (tmp_path / "evidence").mkdir()
    (tmp_path / "evidence" / "passport.yaml").write_text("kind: passport\nfields: {dob: 1}\n")
    out = _fails("case", "review", str(tmp_path))
    assert "evidence/passport.yaml: fields.dob: unknown field" in out


def test_a_bad_date_is_a_clear_error() -> None:
    assert "is not a date" in _fails("case", "review", PRIYA, "--on", "2026-13-01")


def test_a_missing_case_folder_is_a_clear_error() -> None:
    assert "no such case folder" in _fails("case", "checklist", "/no/such/case")
