"""`maplepath draws update|list|stats` over the reference copy of IRCC's rounds file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maplepath.cli import app

from .conftest import SHARED_DATA

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


@pytest.mark.skipif(not ROUNDS.exists(), reason="reference data not found")
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
