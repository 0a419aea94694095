"""Case folders: init, saved snapshots (atomic), and rechecks that say why things moved."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maplepath.assess import assess
from maplepath.cli import app
from maplepath.planner import case, recheck, snapshot
from maplepath.profile.load import load_profile
from maplepath.rulebook import book as rulebook
from tests.conftest import EXAMPLES

runner = CliRunner()
OFFER_PROFILE = EXAMPLES / "us_web_developer_offer.yaml"


def make_case(tmp_path: Path, source: Path = OFFER_PROFILE) -> Path:
    return case.init(tmp_path / "case", source)


def save(root: Path, on: date, book: rulebook.RuleBook) -> Path:
    profile_path = case.profile_file(root)
    a = assess(load_profile(profile_path), on, (), book)
    return snapshot.save(root, a, profile_path, datetime(2026, 11, 22, 10, 0), book)


def test_init_makes_the_folders_and_copies_the_profile(tmp_path: Path) -> None:
    root = make_case(tmp_path)
    assert (root / "profile.yaml").read_bytes() == OFFER_PROFILE.read_bytes()
    assert (root / "evidence").is_dir() and (root / "assessments").is_dir()
    assert case.profile_file(root) == root / "profile.yaml"
    assert case.case_dir(root) == root
    assert case.case_dir(root / "profile.yaml") is None


def test_init_never_overwrites_a_profile(tmp_path: Path) -> None:
    root = make_case(tmp_path)
    (root / "profile.yaml").write_text("birth_date: 1990-01-01\n")
    with pytest.raises(case.CaseError, match="never overwritten"):
        case.init(root, OFFER_PROFILE)
    assert (root / "profile.yaml").read_text() == "birth_date: 1990-01-01\n"


def test_init_without_a_profile_writes_a_template_that_loads(tmp_path: Path) -> None:
    root = case.init(tmp_path / "blank")
    p = load_profile(root / "profile.yaml")
    assert p.birth_date is None and p.work == []


def test_a_folder_without_profile_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(case.CaseError, match=r"no profile\.yaml"):
        case.profile_file(tmp_path)
    with pytest.raises(case.CaseError, match="no such"):
        case.profile_file(tmp_path / "nope.yaml")


def test_a_snapshot_records_date_fingerprint_and_rules_used(
    tmp_path: Path, book: rulebook.RuleBook
) -> None:
    root = make_case(tmp_path)
    path = save(root, date(2025, 3, 1), book)
    data = json.loads(path.read_text())
    assert data["assessed_on"] == "2025-03-01"
    assert data["rules"]["fingerprint"] == book.fingerprint()
    used = data["rules"]["used"]
    # The job-offer rule as it stood that day (50 points since 2016-11-19... NOC 2021 wording).
    assert (
        used["crs.additional.arranged_employment"]
        == book.at(
            "crs.additional.arranged_employment", date(2025, 3, 1)
        ).effective_from.isoformat()
    )
    assert "programs.bc_pnp_tech.status" in used
    assert (
        data["assessment"]["crs"]["total"]
        == assess(load_profile(OFFER_PROFILE), date(2025, 3, 1)).crs.total
    )
    second = save(root, date(2025, 3, 1), book)
    assert second != path and second.name.endswith("_002.json")
    assert snapshot.latest(root) is not None


def test_a_crash_mid_write_leaves_no_snapshot(
    tmp_path: Path, book: rulebook.RuleBook, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_case(tmp_path)

    def crash(*args: object) -> None:
        raise OSError("disk pulled out")

    monkeypatch.setattr(os, "link", crash)  # the step that publishes the snapshot
    with pytest.raises(OSError):
        save(root, date(2026, 11, 22), book)
    assert list((root / "assessments").iterdir()) == []


def test_recheck_names_the_rule_that_changed_with_its_source(
    tmp_path: Path, book: rulebook.RuleBook
) -> None:
    root = make_case(tmp_path)
    before = snapshot.load(save(root, date(2025, 3, 24), book))
    now = assess(load_profile(root / "profile.yaml"), date(2025, 3, 25), (), book)
    r = recheck.recheck(before, now, snapshot.profile_hash(root / "profile.yaml"), book)
    line = [d for d in r.differences if d.subject == "arranged employment"]
    assert len(line) == 1
    assert line[0].cause == "rule_changed"
    assert "2025-03-25" in line[0].why
    assert line[0].references and "http" in line[0].references[0]
    assert any(c["rule"] == "crs.additional.arranged_employment" for c in r.rule_changes)
    assert not r.profile_edited


def test_recheck_tells_a_closed_program_with_its_date(
    tmp_path: Path, book: rulebook.RuleBook
) -> None:
    root = make_case(tmp_path)
    before = snapshot.load(save(root, date(2022, 2, 3), book))
    now = assess(load_profile(root / "profile.yaml"), date(2026, 11, 22), (), book)
    r = recheck.recheck(before, now, snapshot.profile_hash(root / "profile.yaml"), book)
    bc = [d for d in r.differences if d.subject == "bc_pnp_tech"]
    assert bc and bc[0].cause == "status_changed"
    assert "closed since" in bc[0].why


def test_recheck_without_rule_changes_blames_time_or_the_profile(
    tmp_path: Path, book: rulebook.RuleBook
) -> None:
    root = make_case(tmp_path, EXAMPLES / "data_scientist_pgwp.yaml")
    before = snapshot.load(save(root, date(2027, 6, 1), book))
    now = assess(load_profile(root / "profile.yaml"), date(2027, 7, 1), (), book)
    sha = snapshot.profile_hash(root / "profile.yaml")
    r = recheck.recheck(before, now, sha, book)
    language = [d for d in r.differences if d.subject.startswith("first language")]
    assert language and all(d.cause == "facts_or_time" for d in language)
    edited = recheck.recheck(before, now, "something else", book)
    assert edited.profile_edited
    assert {d.cause for d in edited.differences if d.what == "crs line"} == {"profile_edited"}


def test_recheck_lists_rules_not_verified_for_180_days(
    tmp_path: Path, book: rulebook.RuleBook
) -> None:
    root = make_case(tmp_path)
    before = snapshot.load(save(root, date(2026, 11, 22), book))
    now = assess(load_profile(root / "profile.yaml"), date(2026, 11, 22), (), book)
    fresh = recheck.recheck(before, now, snapshot.profile_hash(root / "profile.yaml"), book)
    assert fresh.differences == [] and fresh.stale_rules == []
    later = assess(load_profile(root / "profile.yaml"), date(2028, 1, 1), (), book)
    stale = recheck.recheck(before, later, snapshot.profile_hash(root / "profile.yaml"), book)
    assert "crs.core.age" in {s["rule"] for s in stale.stale_rules}


def test_a_corrupt_snapshot_is_a_clear_error(tmp_path: Path) -> None:
    root = make_case(tmp_path)
    (root / "assessments" / "2026-01-01_001.json").write_text('{"schema": 1, "assess')
    with pytest.raises(case.CaseError, match="not a readable snapshot"):
        snapshot.latest(root)
    result = runner.invoke(app, ["case", "recheck", str(root)])
    assert result.exit_code == 2 and "not a readable snapshot" in result.output


def test_cli_init_assess_recheck(tmp_path: Path) -> None:
    root = tmp_path / "c"
    r = runner.invoke(app, ["case", "init", str(root), "--from", str(OFFER_PROFILE)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["case", "assess", str(root), "--on", "2025-03-24", "--json"])
    assert r.exit_code == 0, r.output
    assert Path(json.loads(r.stdout)["snapshot"]).is_file()
    r = runner.invoke(app, ["case", "recheck", str(root), "--on", "2025-03-25"])
    assert r.exit_code == 0, r.output
    assert "arranged employment" in r.output and "rule changed" in r.output
    r = runner.invoke(app, ["case", "recheck", str(root), "--on", "2025-03-25", "--json"])
    assert json.loads(r.stdout)["since"] == "2025-03-24"


def test_cli_errors_are_messages_not_tracebacks(tmp_path: Path) -> None:
    r = runner.invoke(app, ["case", "assess", str(tmp_path / "missing")])
    assert r.exit_code == 2 and "not a case folder" in r.output
    root = case.init(tmp_path / "c", OFFER_PROFILE)
    r = runner.invoke(app, ["case", "recheck", str(root)])
    assert r.exit_code == 2 and "no snapshot yet" in r.output
    r = runner.invoke(app, ["case", "init", str(root)])
    assert r.exit_code == 2 and "never overwritten" in r.output
    (tmp_path / "file").write_text("x")
    r = runner.invoke(app, ["case", "init", str(tmp_path / "file")])
    assert r.exit_code == 2


def test_cli_trajectory_table_json_and_chart(tmp_path: Path) -> None:
    profile = str(EXAMPLES / "data_scientist_pgwp.yaml")
    r = runner.invoke(app, ["plan", "trajectory", profile, "--on", "2026-11-22", "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert len(data) == 37 and data[0]["month"] == "2026-11"
    root = case.init(tmp_path / "c", EXAMPLES / "data_scientist_pgwp.yaml")
    png, svg = tmp_path / "t.png", tmp_path / "t.svg"
    r = runner.invoke(
        app, ["plan", "trajectory", str(root), "--on", "2026-11-22", "--chart", str(png)]
    )
    assert r.exit_code == 0, r.output
    assert "turns 30" in r.output and png.read_bytes().startswith(b"\x89PNG")
    r = runner.invoke(app, ["plan", "trajectory", profile, "--months", "6", "--chart", str(svg)])
    assert r.exit_code == 0 and b"<svg" in svg.read_bytes()
    r = runner.invoke(app, ["plan", "trajectory", profile, "--chart", str(tmp_path / "t.gif")])
    assert r.exit_code == 2 and ".png or .svg" in r.output
    r = runner.invoke(app, ["plan", "trajectory", profile, "--months", "-3"])
    assert r.exit_code == 2 and "months" in r.output


def test_trajectory_of_a_case_shows_its_passport_expiring(tmp_path: Path) -> None:
    root = shutil.copytree(EXAMPLES / "cases" / "priya", tmp_path / "priya")
    (root / "evidence" / "passport.yaml").write_text(
        "kind: passport\nfields:\n  name: Priya Raman\n  passport_number: V4821937\n"
        "  issued: 2017-09-02\n  expires: 2027-09-01\n"
    )
    r = runner.invoke(
        app, ["plan", "trajectory", str(root), "--on", "2026-11-22", "--months", "12", "--json"]
    )
    assert r.exit_code == 0, r.output
    events = [e for p in json.loads(r.stdout) for e in p["events"]]
    assert any(e.startswith("2027-09-01: passport") for e in events)
    # The same profile file alone knows nothing of the passport.
    r = runner.invoke(
        app,
        ["plan", "trajectory", str(root / "profile.yaml"), "--on", "2026-11-22", "--json"],
    )
    assert not any("passport" in e for p in json.loads(r.stdout) for e in p["events"])


def test_case_assess_says_which_facts_each_line_and_criterion_assumes(tmp_path: Path) -> None:
    root = shutil.copytree(EXAMPLES / "cases" / "wei", tmp_path / "wei")
    r = runner.invoke(app, ["case", "assess", str(root), "--on", "2026-11-22", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["assumptions"] == []  # every fact has its document
    (root / "evidence" / "celpip_2025.yaml").unlink()
    r = runner.invoke(app, ["case", "assess", str(root), "--on", "2026-11-22", "--json"])
    data = json.loads(r.stdout)
    lines = {line["factor"]: line["assumed"] for line in data["crs"]["lines"]}
    assert lines["first language: listening"] == ["language_tests[0]"]
    assert lines["age"] == []
    cec = next(p for p in data["programs"] if p["program"] == "cec")
    assert next(c for c in cec["criteria"] if c["id"] == "language")["assumed"] == [
        "language_tests[0]"
    ]
    pending = {a["path"]: a for a in data["assumptions"]}
    assert set(pending) == {"language_tests[0]"}
    assert "CRS first language: listening" in pending["language_tests[0]"]["used_by"]
    saved = json.loads(Path(data["snapshot"]).read_text())
    assert saved["assessment"]["assumptions"] == data["assumptions"]
    r = runner.invoke(app, ["case", "assess", str(root), "--on", "2026-11-22"])
    assert "Assumptions to resolve before applying (1)" in r.output


def test_recheck_save_keeps_a_snapshot_with_its_assumptions(tmp_path: Path) -> None:
    root = shutil.copytree(EXAMPLES / "cases" / "wei", tmp_path / "wei")
    runner.invoke(app, ["case", "assess", str(root), "--on", "2026-11-22"])
    (root / "evidence" / "celpip_2025.yaml").unlink()
    r = runner.invoke(app, ["case", "recheck", str(root), "--on", "2027-01-05", "--save"])
    assert r.exit_code == 0, r.output
    newest = snapshot.latest(root)
    assert newest is not None and newest.on == date(2027, 1, 5)
    assert [a["path"] for a in newest.data["assessment"]["assumptions"]] == ["language_tests[0]"]


def test_init_without_a_profile_writes_the_full_commented_template(tmp_path: Path) -> None:
    from maplepath.profile.load import read_profile
    from maplepath.profile.model import Profile
    from maplepath.profile.reference import template

    root = case.init(tmp_path / "blank")
    target = root / "profile.yaml"
    text = target.read_text()
    assert text == template(str(target))
    assert read_profile(target).profile == Profile() and not read_profile(target).warnings
    for name in Profile.model_fields:  # every top-level field, with its comment
        assert f"\n{name}: " in text and f"\n# {name}: " in text, name
    assert "YYYY-MM-DD" in text and "single | married | common_law" in text
    r = runner.invoke(app, ["profile", "check", str(target)])
    assert r.exit_code == 0, r.output


def test_saves_racing_on_one_date_keep_every_snapshot_privately(
    tmp_path: Path, book: rulebook.RuleBook
) -> None:
    import stat
    import threading

    root = make_case(tmp_path)
    profile_path = case.profile_file(root)
    a = assess(load_profile(profile_path), date(2026, 11, 22), (), book)
    saved: list[Path] = []

    def save_one() -> None:
        saved.append(snapshot.save(root, a, profile_path, datetime(2026, 11, 22, 10), book))

    threads = [threading.Thread(target=save_one) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(saved)) == 8  # before: several saves took one name and one was lost
    for path in saved:
        assert json.loads(path.read_text())["assessed_on"] == "2026-11-22"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not [p for p in saved[0].parent.iterdir() if p.name.startswith(".")]
    assert stat.S_IMODE(saved[0].parent.stat().st_mode) & 0o077 == 0  # the folder is private


def test_a_recheck_whose_only_change_is_an_expired_test_names_it(
    tmp_path: Path, book: rulebook.RuleBook
) -> None:
    """Issue 19: the data scientist's CELPIP of 2025-06-14 stops counting on 2027-06-14; a
    recheck across that day blames that result, with its dates, not "time passed"."""
    root = make_case(tmp_path, EXAMPLES / "data_scientist_pgwp.yaml")
    profile = load_profile(root / "profile.yaml")
    before = snapshot.load(save(root, date(2027, 6, 1), book))
    now = assess(profile, date(2027, 6, 20), (), book)
    sha = snapshot.profile_hash(root / "profile.yaml")
    r = recheck.recheck(before, now, sha, book, profile)
    assert r.differences and r.rule_changes == []
    said = "the CELPIP-General result of 2025-06-14 stopped counting on 2027-06-14"
    assert all(said in d.why for d in r.differences if d.what != "crs"), r.differences
    # the total first, then programs, then the CRS lines
    order = [d.what for d in r.differences]
    assert order[0] == "crs" and order == sorted(order, key=["crs", "program", "crs line"].index)


def test_recheck_folds_the_stale_rules_into_one_line(tmp_path: Path) -> None:
    from rich.console import Console

    from maplepath.planner.recheck import Recheck
    from maplepath.report.case import recheck as show

    r = Recheck(date(2026, 1, 1), date(2028, 1, 1), False)
    r.stale_rules = [{"rule": f"crs.rule_{i}", "last_verified": "2026-01-01"} for i in range(98)]
    console = Console(record=True, width=100)
    show(console, r)
    text = console.export_text()
    assert "98 rules this case depends on were last verified more than 180 days ago" in text
    assert "maplepath rules audit" in text and "crs.rule_5" not in text
