"""`maplepath assess`: the CRS, the three programs, what is missing, warnings — one report."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from maplepath.assess import assess
from maplepath.cli import app
from maplepath.profile.load import load_profile, validate_profile

from .conftest import EXAMPLES

ON = date(2026, 11, 21)
runner = CliRunner(env={"COLUMNS": "200"})


def test_the_data_scientist_on_a_pgwp_is_eligible_for_fsw_and_cec_not_fst() -> None:
    a = assess(load_profile(EXAMPLES / "data_scientist_pgwp.yaml"), ON)
    assert a.crs.total == 478
    assert {v.program: v.verdict for v in a.programs} == {
        "fsw": "eligible",
        "cec": "eligible",
        "fst": "ineligible",
    }
    # FST is decided (no trade experience): no missing fact is listed for it.
    assert not any("FST" in m for m in a.missing)


def test_a_half_filled_profile_gets_unknown_verdicts_and_the_facts_that_decide_them() -> None:
    p = validate_profile(
        {
            "birth_date": "1994-03-01",
            "work": [{"noc": "21231", "country": "CA", "start": "2024-01-01"}],
        },
        "p",
    ).profile
    a = assess(p, ON)
    assert "ineligible" not in {v.verdict for v in a.programs if v.program != "fst"}
    assert any(m.startswith("language_tests") for m in a.missing)


def test_json_carries_the_crs_the_programs_and_the_rule_set() -> None:
    result = runner.invoke(
        app,
        ["assess", str(EXAMPLES / "software_engineer_abroad.yaml"), "--on", "2026-11-21", "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["crs"]["total"] == 467
    assert [p["program"] for p in data["programs"]] == ["fsw", "cec", "fst"]
    for p in data["programs"]:
        assert set(p) == {"program", "verdict", "status", "criteria", "leads_to", "processing"}
        assert all(set(c) == {"id", "status", "detail", "rules"} for c in p["criteria"])
    assert data["rules"]["fingerprint"] and "not legal advice" in data["disclaimer"]


def test_the_report_shows_verdicts_reasons_and_the_disclaimer() -> None:
    result = runner.invoke(
        app, ["assess", str(EXAMPLES / "couple_spouse_stronger.yaml"), "--on", "2026-11-21"]
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "CRS on 2026-11-21: 354 points" in out
    assert "FSW (open, leads to permanent residence)" in out
    assert "spouse as principal applicant" in out
    assert "not legal advice" in out


def test_reported_changes_warn_after_2026_11_02_and_not_before() -> None:
    p = load_profile(EXAMPLES / "software_engineer_abroad.yaml")
    assert any("may have changed on 2026-11-03" in w for w in assess(p, date(2026, 11, 3)).warnings)
    assert not any("may have changed" in w for w in assess(p, date(2026, 11, 2)).warnings)
    # and it says what may have changed: the points it would score (issue 20)
    (reported,) = [w for w in assess(p, date(2026, 12, 6)).warnings if "may have changed" in w]
    assert "points for Canadian work experience and a job offer may differ" in reported


def test_an_unknown_scenario_is_refused() -> None:
    result = runner.invoke(
        app, ["assess", str(EXAMPLES / "software_engineer_abroad.yaml"), "--scenario", "nope"]
    )
    assert result.exit_code == 2
    assert "no rule carries a scenario named 'nope'" in result.output


def test_an_assessment_before_express_entry_is_a_clear_error() -> None:
    result = runner.invoke(
        app, ["assess", str(EXAMPLES / "software_engineer_abroad.yaml"), "--on", "2014-06-01"]
    )
    assert result.exit_code == 2
    assert "the CRS began on 2015-01-01" in result.output


def test_the_assessment_carries_every_route_ranked() -> None:
    a = assess(load_profile(EXAMPLES / "us_web_developer_offer.yaml"), ON)
    ids = [r.verdict.program for r in a.routes]
    assert {"cusma", "gts_b", "bc_pnp_tech", "quebec_ai"} <= set(ids)
    assert {r.verdict.program: r.verdict.verdict for r in a.routes}["cusma"] == "eligible"
    data = a.to_json()
    assert len(data["pathways"]) == len(ids)
    result = runner.invoke(
        app, ["assess", str(EXAMPLES / "us_web_developer_offer.yaml"), "--on", "2026-11-21"]
    )
    assert "Other routes open on 2026-11-21" in result.output
    assert "quebec_ai (since 2026-01-01)" in result.output
