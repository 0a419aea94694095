"""``maplepath practice report|deadline|assign|erase``: a client's report in each format and
language, deadlines kept and met, an assistant given a file, an erasure only when confirmed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from maplepath.practice import Store
from maplepath.practice.accounts import add_user
from maplepath.practice.deadlines import kept

from ..cli_helpers import fails, ok
from ..conftest import EXAMPLES

PGWP = str(EXAMPLES / "data_scientist_pgwp.yaml")


@pytest.fixture
def folder(tmp_path: Path) -> str:
    where = str(tmp_path / "clients")
    ok("practice", "init", where)
    ok("practice", "add", where, "--client", "Priya Sharma", "--from", PGWP, "--file-no", "MP-7",
       "--contact", "priya@example.org")  # fmt: skip
    return where


def test_the_markdown_report_has_the_file_the_score_and_the_disclaimer(
    folder: str, tmp_path: Path
) -> None:
    out = tmp_path / "priya.md"
    ok("practice", "report", folder, "1", "--out", str(out), "--on", "2026-11-21")
    text = out.read_text()
    assert text.startswith("# Assessment of Priya Sharma")
    assert "File MP-7, profile version 1" in text and "assessed on 2026-11-21" in text
    assert "## CRS on 2026-11-21:" in text and "| --- |" in text and "`fsw`" in text
    assert "## Deadlines ahead" in text and "not legal advice" in text
    assert "client.report" in {e["action"] for e in Store(folder).audit(1)}


def test_the_report_in_french_and_as_html_and_pdf(folder: str, tmp_path: Path) -> None:
    md = tmp_path / "priya-fr.md"
    ok("practice", "report", folder, "1", "--out", str(md), "--lang", "fr", "--on", "2026-11-21")
    assert md.read_text().startswith("# Évaluation de Priya Sharma")
    # without --lang: the client's language (French for Ana)
    ok("practice", "add", folder, "--client", "Ana", "--from", PGWP, "--language", "fr")
    ok("practice", "report", folder, "2", "--out", str(md), "--on", "2026-11-21")
    assert md.read_text().startswith("# Évaluation de Ana")
    assert Store(folder).clients()[0]["contact"] == "priya@example.org"
    assert "en or fr" in fails("practice", "add", folder, "--client", "B", "--from", PGWP,
                               "--language", "de")  # fmt: skip
    page = tmp_path / "priya.html"
    ok("practice", "report", folder, "1", "--out", str(page), "--on", "2026-11-21")
    html = page.read_text()
    assert "<style>" in html and "Assessment of Priya Sharma" in html and "<form" not in html
    pdf = tmp_path / "priya.pdf"
    ok("practice", "report", folder, "1", "--out", str(pdf), "--lang", "fr", "--on", "2026-11-21")
    said = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Évaluation de Priya Sharma" in said


def test_a_report_file_of_another_kind_or_for_no_client_is_refused(
    folder: str, tmp_path: Path
) -> None:
    assert ".pdf, .html or .md" in fails("practice", "report", folder, "1", "--out", "x.docx")
    assert "no client 9" in fails(
        "practice", "report", folder, "9", "--out", str(tmp_path / "a.md")
    )
    assert not (tmp_path / "a.md").exists()


def test_deadlines_are_added_and_met_from_the_command_line(folder: str) -> None:
    did = ok(
        "practice", "deadline", "add", folder, "1", "--due", "2026-12-15", "--title", "Medical"
    )
    assert [d.title for d in kept(Store(folder), 1)] == ["Medical"]
    ok("practice", "deadline", "done", folder, did.strip())
    assert kept(Store(folder), 1) == []
    assert "YYYY-MM-DD" in fails("practice", "deadline", "add", folder, "1", "--due", "15/12",
                                 "--title", "x")  # fmt: skip


def test_assign_and_erase(folder: str) -> None:
    add_user(Store(folder), "sam", "assistant", "correct horse battery", actor="t")
    ok("practice", "assign", folder, "1", "sam")
    assert "not an assistant" in fails("practice", "assign", folder, "1", "nobody")
    message = fails("practice", "erase", folder, "1", "--reason", "done", "--confirm", "Priya")
    assert "nothing was erased" in message and Store(folder).profile(1)
    out = ok("practice", "erase", folder, "1", "--reason", "done", "--confirm", "Priya Sharma")
    assert "erased" in out and Store(folder).clients() == []


def test_a_document_and_its_scan_are_kept_from_the_command_line(
    folder: str, tmp_path: Path
) -> None:
    import hashlib

    from maplepath.practice import evidence

    scan = tmp_path / "passport.pdf"
    scan.write_bytes(b"%PDF-1.7 bio-data page")
    facts = EXAMPLES / "cases" / "priya" / "evidence" / "passport.yaml"
    out = ok("practice", "evidence", "add", folder, "1", str(facts), "--scan", str(scan))
    assert "passport kept" in out
    assert [d.id for d in evidence.held(Store(folder), 1)] == ["passport"]
    kept_file = Path(folder) / "files" / hashlib.sha256(scan.read_bytes()).hexdigest()
    assert kept_file.read_bytes() == scan.read_bytes()
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: passport\nfields: {colour: blue}\n")
    assert "colour" in fails("practice", "evidence", "add", folder, "1", str(bad))
    missing = fails("practice", "evidence", "add", folder, "1", str(tmp_path / "none.yaml"))
    assert "none.yaml" in missing and "Traceback" not in missing
    assert [d.id for d in evidence.held(Store(folder), 1)] == ["passport"]


def test_serve_with_a_practice_may_listen_beyond_loopback(
    folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    ran: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: ran.update(kw, app=app))
    out = ok("serve", "--host", "192.168.1.5", "--practice", folder)
    assert ran["host"] == "192.168.1.5" and "/practice" in out
    assert "--practice" in fails("serve", "--host", "192.168.1.5")
    # every address at once would answer for none (the Host check names one): refused
    assert "the address other machines reach" in fails("serve", "--host", "0.0.0.0",
                                                        "--practice", folder)  # fmt: skip
    assert "is not a practice" in fails("serve", "--practice", str(Path(folder) / "nope"))


def test_an_import_with_a_bad_id_or_a_damaged_assessment_keeps_nothing(
    folder: str, tmp_path: Path
) -> None:
    import json
    import shutil

    case = tmp_path / "case"
    shutil.copytree(EXAMPLES / "cases" / "priya", case)
    (case / "evidence" / "passport.yaml").write_text(
        (case / "evidence" / "passport.yaml").read_text() + "id: ../../escaped\n"
    )
    message = fails("practice", "import", folder, str(case))
    assert "not a document id" in message and "Traceback" not in message
    (case / "evidence" / "passport.yaml").write_text(
        (EXAMPLES / "cases" / "priya" / "evidence" / "passport.yaml").read_text()
    )
    (case / "assessments").mkdir(exist_ok=True)
    (case / "assessments" / "2026-11-21_001.json").write_text(
        json.dumps({"assessed_on": "2026-11-21", "assessment": {}})
    )
    message = fails("practice", "import", folder, str(case))
    assert "Traceback" not in message
    assert [c["name"] for c in Store(folder).clients()] == ["Priya Sharma"]  # only the first


def test_the_html_report_s_stylesheet_is_css_and_the_french_report_says_who_in_french(
    folder: str, tmp_path: Path
) -> None:
    page = tmp_path / "r.html"
    ok("practice", "report", folder, "1", "--out", str(page), "--on", "2026-11-21")
    assert "&#34;" not in page.read_text() and '"Segoe UI"' in page.read_text()
    md = tmp_path / "r.md"
    ok("practice", "report", folder, "1", "--out", str(md), "--lang", "fr", "--on", "2026-11-21")
    assert "| applicant |" not in md.read_text() and "demandeur principal" in md.read_text()
