"""The command line: each command works, bad input is a message and exit 2, all documented."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from maplepath import cli

from ..cli_helpers import COMMANDS, fails, ok
from ..conftest import EXAMPLES, HERE

ROOT = HERE.parent


def test_profile_check_prints_the_derived_facts() -> None:
    out = ok(
        "profile", "check", str(EXAMPLES / "software_engineer_abroad.yaml"), "--on", "2026-11-21"
    )
    assert "age: 31" in out
    assert "IELTS General Training" in out
    assert "not legal advice" in out


def test_profile_check_json_has_the_facts_as_data() -> None:
    data = json.loads(
        ok(
            "profile",
            "check",
            str(EXAMPLES / "data_scientist_pgwp.yaml"),
            "--on",
            "2026-11-21",
            "--json",
        )
    )
    assert data["on"] == "2026-11-21"
    applicant = data["applicant"]
    assert applicant["age"] == 28
    assert applicant["language_tests"][0]["clb"] == {
        "listening": 9,
        "reading": 8,
        "writing": 8,
        "speaking": 8,
    }
    assert applicant["language_tests"][0]["rule"] == "language.celpip_general"
    # Full-time-student work at the university does count here (no program filter applied);
    # the Shopify job from 2024-06-03 at 37.5 h/week counts as full time.
    assert applicant["experience"]["canada_skilled_last_3y"]["years"] > 2.4
    assert data["spouse"] is None


def test_profile_check_on_a_past_date_ignores_tests_not_yet_taken() -> None:
    data = json.loads(
        ok(
            "profile",
            "check",
            str(EXAMPLES / "software_engineer_abroad.yaml"),
            "--on",
            "2024-01-01",
            "--json",
        )
    )
    assert data["applicant"]["language_tests"] == []
    assert any("taken after 2024-01-01" in w for w in data["warnings"])


def test_an_expired_test_is_shown_and_warned_about() -> None:
    data = json.loads(
        ok(
            "profile",
            "check",
            str(EXAMPLES / "software_engineer_abroad.yaml"),
            "--on",
            "2027-09-21",
            "--json",
        )
    )
    assert data["applicant"]["language_tests"][0]["expired"] is True
    assert any("expired" in w for w in data["warnings"])


def test_a_bad_profile_lists_problems_and_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("work:\n  - start: 2021-05-01\n    end: 2020-01-01\n    hours_per_week: -3\n")
    out = fails("profile", "check", str(bad))
    assert "work[0].hours_per_week" in out


def test_a_missing_profile_file_exits_2(tmp_path: Path) -> None:
    assert "cannot read the file" in fails("profile", "check", str(tmp_path / "none.yaml"))


def test_a_malformed_date_exits_2() -> None:
    assert "not a date" in fails(
        "profile", "check", str(EXAMPLES / "software_engineer_abroad.yaml"), "--on", "21/11/2026"
    )


def test_rules_list_and_json() -> None:
    assert "language.ielts_general" in ok("rules", "list")
    ids = [r["id"] for r in json.loads(ok("rules", "list", "language", "--json"))]
    assert ids and all(i.startswith("language.") for i in ids)


def test_rules_show_highlights_the_value_in_force() -> None:
    data = json.loads(ok("rules", "show", "language.tef_canada", "--on", "2023-12-10", "--json"))
    assert data["effective_from"] == "2023-12-10"
    assert [v["in_force_on_date"] for v in data["values"]].count(True) == 1
    assert all(v["references"] for v in data["values"])
    assert "in force on 2023-12-10" in ok(
        "rules", "show", "language.tef_canada", "--on", "2023-12-10"
    )


def test_rules_show_before_a_rule_existed_says_so() -> None:
    data = json.loads(ok("rules", "show", "language.pte_core", "--on", "2020-01-01", "--json"))
    assert data["in_force"] is False and "no rule in force" in data["reason"]


def test_rules_show_an_unknown_id_suggests_and_exits_2() -> None:
    assert "did you mean language.ielts_general" in fails("rules", "show", "language.ielts_generl")


def test_rules_changes_lists_dated_changes_with_sources() -> None:
    data = json.loads(ok("rules", "changes", "--since", "2023-01-01", "--json"))
    assert any(
        c["rule"] == "language.tef_canada" and c["effective_from"] == "2023-12-10" for c in data
    )
    assert all(c["references"] for c in data)
    assert "language.tef_canada" in ok("rules", "changes", "--since", "2023-01-01")


FUNDS = "programs.express_entry.proof_of_funds"
HIGH_WAGE = "crs.additional.high_wage_occupation"


def test_rules_audit_json_is_every_rule_with_its_age_status_and_warning() -> None:
    data = json.loads(ok("rules", "audit", "--on", "2026-12-06", "--json"))
    assert all(set(a) == {"id", "last_verified", "age_days", "status", "warning"} for a in data)
    by_id = {a["id"]: a for a in data}
    assert len(by_id) == len(json.loads(ok("rules", "list", "--json")))
    # The 2025 table is the newest known on 2026-12-06: July 2026 has passed without one.
    funds = by_id[FUNDS]
    assert funds["age_days"] >= 0 and funds["status"] == "in_force"
    assert "every year by July" in funds["warning"] and "July 2026" in funds["warning"]
    high_wage = by_id[HIGH_WAGE]
    assert high_wage["status"] == "reported"
    assert high_wage["warning"].startswith("reported, not yet official")
    warned = [a["warning"] is not None for a in data]
    assert warned == sorted(warned, reverse=True), "rules with a warning come first"


def test_rules_audit_warns_on_every_rule_unverified_for_180_days() -> None:
    data = json.loads(ok("rules", "audit", "--on", "2027-12-06", "--json"))
    old = [a for a in data if a["age_days"] > 180]
    assert old and all("not verified for" in a["warning"] for a in old)


def test_rules_audit_of_a_date_before_a_check_does_not_call_that_rule_stale() -> None:
    data = json.loads(ok("rules", "audit", "--on", "2026-09-01", "--json"))
    by_id = {a["id"]: a for a in data}
    # Checked on 2026-12-06, after the date: neither its age nor its yearly table counts.
    assert by_id[FUNDS]["age_days"] < 0 and by_id[FUNDS]["warning"] is None
    assert "not yet official" in by_id[HIGH_WAGE]["warning"]  # reported on any date


def test_rules_audit_prints_the_warnings_first_and_a_count() -> None:
    out = ok("rules", "audit", "--on", "2026-12-06")
    data = json.loads(ok("rules", "audit", "--on", "2026-12-06", "--json"))
    warned = sum(1 for a in data if a["warning"])
    assert f"{len(data)} rules on 2026-12-06, {warned} with a warning" in out
    last_warned = max(out.index(a["id"]) for a in data if a["warning"])
    first_quiet = min(out.index(a["id"] + " ") for a in data if not a["warning"])
    assert last_warned < first_quiet
    assert "one was due by the end of July 2026" in " ".join(out.split())


def test_every_command_group_is_walked() -> None:
    assert len(COMMANDS) >= 25
    assert {p[0] for p, _ in COMMANDS} == set(cli.COMMANDS)


@pytest.mark.parametrize(("path", "cmd"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example_and_is_documented(
    path: tuple[str, ...], cmd: Any
) -> None:
    out = ok(*path, "--help")
    assert "Example: maplepath " + " ".join(path) in re.sub(r"\s+", " ", out)
    docs = (ROOT / "README.md").read_text() + "".join(
        p.read_text() for p in (ROOT / "docs").glob("*.md")
    )
    assert "maplepath " + " ".join(path) in docs, (
        f"document `maplepath {' '.join(path)}` in README or docs/"
    )
