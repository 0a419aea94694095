"""`maplepath draws update|list|stats` over the reference copy of IRCC's rounds file."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maplepath.cli import app

from ..conftest import SHARED_DATA

runner = CliRunner(env={"COLUMNS": "200"})
ROUNDS = SHARED_DATA / "express_entry" / "ee_rounds_123_en.json"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MAPLEPATH_DATA_DIR", str(tmp_path))
    return tmp_path


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.skipif(
    not ROUNDS.exists(), reason="needs ../shared/data (reference data) beside the checkout"
)
def test_update_is_idempotent_and_list_and_stats_read_the_rounds() -> None:
    first = json.loads(run("draws", "update", "--from", str(ROUNDS), "--json"))
    assert first["added"] == 435
    again = json.loads(run("draws", "update", "--from", str(ROUNDS), "--json"))
    assert again["added"] == 0 and again["unchanged"] == 435
    rounds = json.loads(
        run("draws", "list", "--category", "cec", "--since", "2026-01-01", "--json")
    )
    assert rounds and all(r["category"] == "cec" and r["date"] >= "2026-01-01" for r in rounds)
    stats = json.loads(run("draws", "stats", "--json"))
    assert stats["rounds"] == 435
    assert set(stats["latest"]) == {"date", "category", "invitations", "cutoff"}
    assert "Past rounds do not promise future ones" in run("draws", "stats")


def test_stats_before_any_import_says_what_to_do() -> None:
    assert "maplepath draws update" in run("draws", "stats")


def test_a_corrupt_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "rounds.json"
    bad.write_text('{"rounds": [')
    result = runner.invoke(app, ["draws", "update", "--from", str(bad)])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_an_unknown_category_is_a_clear_error() -> None:
    result = runner.invoke(app, ["draws", "list", "--category", "nope"])
    assert result.exit_code == 2


PROFILE = Path(__file__).resolve().parents[2] / "examples" / "data_scientist_pgwp.yaml"
CASE = Path(__file__).resolve().parents[2] / "examples" / "cases" / "priya"


def fail(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output


@pytest.fixture
def imported() -> None:
    if not ROUNDS.exists():
        pytest.skip("needs ../shared/data (reference data) beside the checkout")
    run("draws", "update", "--from", str(ROUNDS))


def test_odds_before_any_import_says_to_run_update() -> None:
    assert "maplepath draws update" in fail("draws", "odds", str(PROFILE), "--on", "2026-11-22")


@pytest.mark.usefixtures("imported")
def test_odds_for_a_profile_and_a_case_folder() -> None:
    data = json.loads(run("draws", "odds", str(PROFILE), "--on", "2026-11-22", "--json"))
    assert data["crs"] == 478 and data["months"] == 12
    cec = next(d for d in data["draw_types"] if d["draw_type"] == "cec")
    assert cec["eligibility"] == "eligible" and cec["rounds"] == 16 and cec["at_or_below"] == 0
    assert "do not promise" in data["caveat"]
    text = run("draws", "odds", str(PROFILE), "--on", "2026-11-22", "--months", "24")
    assert "Your odds over the last 24 months" in text and "do not promise" in text
    assert "pnp" in text and "would be decided by: nominations" in text
    if CASE.is_dir():
        assert json.loads(run("draws", "odds", str(CASE), "--on", "2026-11-22", "--json"))["crs"]


@pytest.mark.usefixtures("imported")
def test_odds_with_a_trajectory_file(tmp_path: Path) -> None:
    path = tmp_path / "trajectory.json"
    months = [
        {"month": "2026-12", "crs": 480, "events": []},
        {"month": "2027-05", "crs": 520, "events": ["birthday"]},
    ]
    path.write_text(json.dumps(months))
    data = json.loads(
        run("draws", "odds", str(PROFILE), "--on", "2026-11-22", "--trajectory", str(path),
            "--json")
    )  # fmt: skip
    cec = next(d for d in data["draw_types"] if d["draw_type"] == "cec")
    assert cec["trajectory_clears_median"] == {"month": "2027-05", "crs": 520}
    path.write_text('[{"month": "May", "crs": 1}]')
    assert "entry 0" in fail("draws", "odds", str(PROFILE), "--trajectory", str(path))


@pytest.mark.usefixtures("imported")
def test_odds_errors_are_clear(tmp_path: Path) -> None:
    assert "no such case folder" in fail("draws", "odds", str(tmp_path / "nope.yaml"))
    assert "--months" in fail("draws", "odds", str(PROFILE), "--months", "0")
    assert "no rule carries" in fail("draws", "odds", str(PROFILE), "--scenario", "nope")


@pytest.mark.usefixtures("imported")
def test_chart_writes_a_png_and_refuses_other_formats(tmp_path: Path) -> None:
    out = tmp_path / "cutoffs.png"
    assert "wrote" in run("draws", "chart", "--since", "2025-01-01", "--score", "478",
                          "--out", str(out))  # fmt: skip
    assert out.read_bytes()[:4] == b"\x89PNG"
    svg = tmp_path / "cec.svg"
    run("draws", "chart", "--category", "cec", "--out", str(svg))
    assert "<svg" in svg.read_text()
    assert ".png or .svg" in fail("draws", "chart", "--out", str(tmp_path / "c.gif"))
    assert "0 to 1200" in fail("draws", "chart", "--score", "5000", "--out", str(out))
    assert "no rounds" in fail("draws", "chart", "--since", "2030-01-01", "--out", str(out))


@pytest.mark.usefixtures("imported")
def test_simulate_is_reproducible_and_compares_scenarios() -> None:
    args = ("draws", "simulate", "--weeks", "3", "--size", "500", "--pool-size", "10000",
            "--scenario", "job-offer-restored", "--category", "general", "--category", "cec",
            "--seed", "2")  # fmt: skip
    first = json.loads(run(*args, "--json"))
    assert first == json.loads(run(*args, "--json"))
    assert [r["draw_type"] for r in first["rounds"]] == ["general", "cec", "general"]
    assert first["scenarios"] == ["baseline", "job-offer-restored"]
    assert first["start"] == {"round": "434", "date": "2026-08-03"}
    text = run(*args)
    assert "Simulated rounds" in text and "not a forecast" in text


@pytest.mark.usefixtures("imported")
def test_simulate_errors_are_clear() -> None:
    assert "no scenario named" in fail("draws", "simulate", "--scenario", "nope")
    assert "no round category" in fail("draws", "simulate", "--category", "nope")
    assert "round 214" in fail("draws", "simulate", "--round", "100")
    assert "cannot reach the Dask scheduler" in fail(
        "draws", "simulate", "--weeks", "1", "--pool-size", "1000", "--dask", "tcp://127.0.0.1:9",
        "--dask-timeout", "1",
    )  # fmt: skip


def test_sweep_compares_scenarios_in_process() -> None:
    args = ("draws", "sweep", "--profiles", "40000", "--on", "2026-11-22", "--scenario",
            "job-offer-restored", "--top", "2")  # fmt: skip
    data = json.loads(run(*args, "--json"))
    assert data["top_percent"] == 2 and data["profiles"] == 40_000
    base, restored = data["scenarios"]
    assert (base["scenario"], restored["scenario"]) == ("baseline", "job-offer-restored")
    assert base["cutoff_change"] == 0 and restored["cutoff_change"] >= 0
    assert restored["mean_change"] > 0
    assert "cut-off for the top 2%" in run(*args)
    assert "--top" in fail("draws", "sweep", "--top", "0")


@pytest.mark.usefixtures("imported")
def test_odds_projects_the_planner_trajectory_by_default() -> None:
    # The francophone engineer clears the French-category median now; her French result
    # expires within 36 months, and the planner's trajectory shows when she falls below it.
    engineer = str(PROFILE.parent / "francophone_engineer.yaml")
    data = json.loads(run("draws", "odds", engineer, "--on", "2026-11-22", "--ahead", "36",
                          "--json"))  # fmt: skip
    french = next(d for d in data["draw_types"] if d["draw_type"] == "ee_category:french")
    drop = french["trajectory_drops_below_median"]
    assert drop is not None and drop["crs"] < french["cutoff"]["median"]
    none = json.loads(run("draws", "odds", engineer, "--on", "2026-11-22", "--ahead", "0",
                          "--json"))  # fmt: skip
    french = next(d for d in none["draw_types"] if d["draw_type"] == "ee_category:french")
    assert french.get("trajectory_drops_below_median") is None


def test_backtest_before_any_import_says_to_run_update() -> None:
    assert "maplepath draws update" in fail("draws", "backtest", "--train-until", "2025-06-30")


@pytest.mark.usefixtures("imported")
def test_backtest_reports_error_and_bias_per_kind_of_round() -> None:
    data = json.loads(run("draws", "backtest", "--train-until", "2025-06-30", "--json"))
    assert data["train_until"] == "2025-06-30" and data["method"] == "recent"
    assert data["rounds"] == data["overall"]["n"] == len(data["predictions"]) == 81
    assert data["mae"] <= 25
    assert set(data["by_category"]["cec"]) == {"rounds", "mae", "bias"}
    assert set(data["categories"]["cec"]) == {"n", "mae", "bias", "estimator"}
    first = data["predictions"][0]
    assert set(first) == {"number", "date", "category", "predicted", "actual", "error", "basis"}
    text = run("draws", "backtest", "--train-until", "2025-06-30")
    assert "81 rounds after 2025-06-30" in text and "mean error 24.2" in text
    assert "pnp" in text and "first round of its kind" in text


@pytest.mark.usefixtures("imported")
def test_backtest_errors_are_clear() -> None:
    assert "is not a date" in fail("draws", "backtest", "--train-until", "30/06/2025")
    assert "no round after 2026-09-30" in fail("draws", "backtest", "--train-until", "2026-09-30")
    assert "--method" in fail("draws", "backtest", "--train-until", "2025-06-30", "--method", "x")
    assert "--train-until" in runner.invoke(app, ["draws", "backtest"]).output


@pytest.mark.usefixtures("imported")
def test_odds_state_each_kind_of_rounds_backtest_bias() -> None:
    engineer = str(PROFILE.parent / "francophone_engineer.yaml")
    data = json.loads(run("draws", "odds", engineer, "--on", "2026-11-22", "--ahead", "0",
                          "--json"))  # fmt: skip
    rows = {d["draw_type"]: d for d in data["draw_types"]}
    french = rows["ee_category:french"]
    assert isinstance(french["bias"], float)
    assert french["backtest"] == {"since": "2025-11-22", "rounds": 11, "mae": french["backtest"]
                                  ["mae"], "bias": french["bias"]}  # fmt: skip
    assert rows["general"]["bias"] is None and rows["general"]["backtest"] is None
    text = run("draws", "odds", engineer, "--on", "2026-11-22", "--ahead", "0")
    assert "each predicted from the rounds before it" in text
    assert re.search(r"french \(category\): predicted [\d.]+ points too (low|high) on average "
                     r"\(11 rounds", text)  # fmt: skip


@pytest.mark.usefixtures("imported")
def test_simulate_follows_the_recent_pattern_by_default() -> None:
    data = json.loads(run("draws", "simulate", "--weeks", "4", "--pool-size", "10000", "--json"))
    kinds = [p["draw_type"] for p in data["schedule"]]
    assert kinds[:3] == ["pnp", "cec", "ee_category:french"] and "general" not in kinds
    assert {r["draw_type"] for r in data["rounds"]} <= set(kinds)
    days = [r["date"] for r in data["rounds"]]
    assert days == sorted(days) and all(r["week"] <= 4 for r in data["rounds"])
    assert "Rounds as in the 12 months before 2026-08-03" in run(
        "draws", "simulate", "--weeks", "2", "--pool-size", "10000"
    )
