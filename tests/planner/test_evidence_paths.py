"""Only regular files inside the case folder are read as evidence, and messages never quote a
document's text (before: a link to /dev/zero or a FIFO hung for ever, a link out of the case
was followed, a YAML error echoed the lines around it, a passport number was shown whole)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from maplepath.planner.evidence import MAX_DOCUMENT_BYTES, EvidenceError, load_documents
from maplepath.privacy import mask

from ..cli_helpers import ok
from ..conftest import FIXTURES

PASSPORT = "kind: passport\nfields:\n  name: Priya Raman\n  passport_number: V4821937\n"


def _case(tmp_path: Path) -> Path:
    case = tmp_path / "case"
    (case / "evidence").mkdir(parents=True)
    (case / "profile.yaml").write_text("birth_date: 1990-01-01\n")
    return case


def _refused(case: Path, match: str) -> None:
    with pytest.raises(EvidenceError, match=match):
        load_documents(case)


def test_a_link_out_of_the_case_is_refused(tmp_path: Path) -> None:
    case = _case(tmp_path)
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(PASSPORT)
    (case / "evidence" / "passport.yaml").symlink_to(outside)
    _refused(case, "passport.yaml: a link to a file outside the case folder")


def test_a_link_inside_the_case_is_read(tmp_path: Path) -> None:
    case = _case(tmp_path)
    (case / "scans").mkdir()
    (case / "scans" / "p.yaml").write_text(PASSPORT)
    (case / "evidence" / "passport.yaml").symlink_to(case / "scans" / "p.yaml")
    assert [d.id for d in load_documents(case)] == ["passport"]


def test_an_evidence_folder_linked_out_of_the_case_is_refused(tmp_path: Path) -> None:
    case = tmp_path / "case"
    case.mkdir()
    (case / "profile.yaml").write_text("birth_date: 1990-01-01\n")
    other = tmp_path / "other"
    other.mkdir()
    (other / "passport.yaml").write_text(PASSPORT)
    (case / "evidence").symlink_to(other)
    _refused(case, "outside the case folder")


def test_a_dangling_link_is_refused(tmp_path: Path) -> None:
    case = _case(tmp_path)
    (case / "evidence" / "gone.yaml").symlink_to(case / "nowhere.yaml")
    _refused(case, "gone.yaml: a link to nothing")


def test_a_fifo_and_a_device_are_refused_without_reading(tmp_path: Path) -> None:
    case = _case(tmp_path)
    os.mkfifo(case / "evidence" / "pipe.yaml")
    _refused(case, "pipe.yaml: not read: not a regular file")
    (case / "evidence" / "pipe.yaml").unlink()
    # A device reached through a link inside the case: /dev/zero never ends.
    (case / "dev").mkdir()
    (case / "dev" / "zero.yaml").symlink_to("/dev/zero")
    (case / "evidence" / "zero.yaml").symlink_to(case / "dev" / "zero.yaml")
    _refused(case, "outside the case folder")


def test_a_folder_named_like_a_document_is_refused(tmp_path: Path) -> None:
    case = _case(tmp_path)
    (case / "evidence" / "notes.yaml").mkdir()
    _refused(case, "notes.yaml: not read: not a regular file")


def test_a_huge_document_is_refused_by_size(tmp_path: Path) -> None:
    case = _case(tmp_path)
    (case / "evidence" / "big.yaml").write_bytes(b"#" * (MAX_DOCUMENT_BYTES + 1))
    _refused(case, "big.yaml: not read: 1,048,577 bytes: larger than 1,048,576")


def test_a_yaml_error_gives_line_and_column_not_the_text(tmp_path: Path) -> None:
    case = _case(tmp_path)
    (case / "evidence" / "passport.yaml").write_text(PASSPORT + "  name: [Priya Raman V4821937\n")
    with pytest.raises(EvidenceError) as exc:
        load_documents(case)
    message = str(exc.value)
    assert "passport.yaml: not valid YAML: line" in message
    assert "V4821937" not in message and "Priya" not in message


def test_the_cli_refuses_a_fifo_in_a_case_at_once(tmp_path: Path) -> None:
    case = _case(tmp_path)
    os.mkfifo(case / "evidence" / "pipe.yaml")
    # In a subprocess with a timeout: the hang this guards against would stop the suite.
    run = subprocess.run(
        [str(Path(sys.executable).parent / "maplepath"), "case", "review", str(case)],
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert run.returncode == 2, run.stdout + run.stderr
    assert "pipe.yaml: not read" in run.stdout + run.stderr
    assert "Traceback" not in run.stderr


def test_passport_numbers_are_masked_in_findings() -> None:
    out = ok("case", "review", str(FIXTURES / "cases" / "planted"), "--on", "2026-11-22")
    assert "A09876534" not in out and "A09876543" not in out
    assert "A098…34" in out and "A098…43" in out  # still told apart


def test_mask_keeps_enough_to_tell_values_apart() -> None:
    assert mask("FZ1234556") == "FZ12…56"
    assert mask("FZ 1234 556") == "FZ12…56"
    assert mask("AB123") == "A…3"
    assert mask("AB1") == "…"


@pytest.mark.parametrize("when", ["9999-12-31", "0001-01-01"])
def test_a_document_date_outside_1900_2100_is_refused_by_field(tmp_path: Path, when: str) -> None:
    # Before: accepted, and its validity (two years on) computed from it.
    case = _case(tmp_path)
    (case / "evidence" / "ielts.yaml").write_text(
        "kind: language_test_result\nfields:\n  test: ielts_general\n"
        f"  date: {when}\n  scores: {{listening: 8, reading: 8, writing: 7, speaking: 7}}\n"
    )
    _refused(case, f"ielts.yaml: fields.date: {when} is not a plausible date")


def test_a_long_value_in_the_wrong_field_is_masked_in_the_error() -> None:
    # A name typed into citizenships, a passport number into a NOC, a name into a date: the
    # message shows enough to find the field, not the value.
    from maplepath.profile.load import ProfileError, validate_profile

    for data, hidden, hint in [
        ({"citizenships": ["Priya Sharma"]}, "Priya Sharma", "'Priy…ma' is not a two-letter"),
        ({"work": [{"noc": "FZ1234556"}]}, "FZ1234556", "'FZ12…56' is not a NOC code"),
        ({"birth_date": "Priya Sharma"}, "Priya Sharma", "'Priy…ma' is not a date"),
    ]:
        with pytest.raises(ProfileError) as exc:
            validate_profile(data)
        assert hidden not in str(exc.value) and hint in str(exc.value), str(exc.value)
    # Short values and dates written another way are shown whole: they are what to fix.
    for data, whole in [
        ({"citizenships": ["Indai"]}, "'Indai'"),
        ({"birth_date": "12 April 1995"}, "'12 April 1995'"),
        ({"work": [{"province": "Ont"}]}, "'Ont'"),
    ]:
        with pytest.raises(ProfileError, match=whole):
            validate_profile(data)
