"""At 80 columns (a pipe, many terminals) and narrower, no table cuts what a reader must type
next: every id, code and date of the answer appears whole, no line is wider than the screen,
and nothing is cut with '…'."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from maplepath.cli import app
from maplepath.report.tables import WholeTable

from ..conftest import EXAMPLES, SHARED_DATA

ON = "2026-11-21"
ROUNDS = SHARED_DATA / "express_entry" / "ee_rounds_123_en.json"
WIDTHS = (80, 60)
# Dates and dotted/colon ids as they appear in JSON answers.
TOKEN = re.compile(r"^(\d{4}-\d{2}-\d{2}|[a-z0-9_]+([.:][a-z0-9_]+)+|\d{5})$")


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MAPLEPATH_DATA_DIR", str(tmp_path))
    return tmp_path


def _run(width: int, *args: str) -> str:
    result = CliRunner(env={"COLUMNS": str(width)}).invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _tokens(data: object) -> set[str]:
    """Every id, code and date in a JSON answer."""
    if isinstance(data, dict):
        return {t for v in data.values() for t in _tokens(v)}
    if isinstance(data, list):
        return {t for v in data for t in _tokens(v)}
    if isinstance(data, str) and TOKEN.match(data):
        return {data}
    return set()


def _words(text: str) -> set[str]:
    words = set(re.findall(r"[^\s│┃|(),']+", text))
    return words | {w.rstrip(".:;") for w in words}


BOX = "─━┏┓┗┛┡┩└┘┳┻╇┃│┌┐┬┴┼"


def _header_lines(text: str) -> list[str]:
    lines = text.splitlines()
    tops = [i for i, ln in enumerate(lines) if ln.lstrip().startswith("┏")]
    out = []
    for top in tops:
        for ln in lines[top + 1 :]:
            if not ln.lstrip().startswith("┃"):
                break
            out.append(ln)
    return out


def _check(text: str, width: int, must_show: set[str], wide: str = "") -> None:
    """``text`` fits ``width``, cuts nothing, and shows every id and date of ``must_show`` and
    of the same answer printed 200 columns wide."""
    lines = text.splitlines()
    too_wide = [ln for ln in lines if len(ln.rstrip()) > width]
    assert not too_wide, f"lines wider than {width}: {too_wide[:3]}"
    assert "…" not in text
    # Every word printed 200 columns wide is printed whole here too, headers included (a
    # stacked layout names the fields but the first column's: its value leads each block).
    must_show = must_show | {w for w in _words(wide) if not set(w) & set(BOX)}
    must_show -= {w for ln in _header_lines(wide) for w in _words(ln.split("┃")[1])}
    missing = sorted(t for t in must_show if t not in _words(text))
    assert not missing, f"cut or missing at {width} columns: {missing[:10]}"


PROFILE_COMMANDS = [
    ("pathways", "us_web_developer_offer.yaml"),
    ("pathways", "couple_spouse_stronger.yaml"),
    ("crs", "data_scientist_pgwp.yaml"),
    ("crs", "couple_spouse_stronger.yaml"),
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("command", "example"), PROFILE_COMMANDS)
def test_profile_tables_keep_every_id_and_date_whole(
    width: int, command: str, example: str
) -> None:
    args = (command, str(EXAMPLES / example), "--on", ON)
    answer = json.loads(_run(200, *args, "--json"))
    if command == "pathways":  # the table shows verdicts; the criteria are in --json only
        shown = {p["program"] for p in answer}
    else:
        printed = [ln for ln in answer["lines"] if ln["points"]]  # zero lines may be left out
        shown = {ln["rule"] for ln in printed} | {ln["effective_from"] for ln in printed}
    _check(_run(width, *args), width, shown, _run(200, *args))


@pytest.mark.parametrize("width", WIDTHS)
def test_rules_list_keeps_every_rule_id_whole(width: int) -> None:
    rules = json.loads(_run(200, "rules", "list", "--json"))
    shown = {r["id"] for r in rules} | {r["last_verified"] for r in rules}
    _check(_run(width, "rules", "list"), width, shown, _run(200, "rules", "list"))


@pytest.mark.parametrize("width", WIDTHS)
def test_rules_changes_keeps_ids_and_dates_whole(width: int) -> None:
    changes = json.loads(_run(200, "rules", "changes", "--since", "2025-01-01", "--json"))
    shown = {c["rule"] for c in changes} | {c["effective_from"] for c in changes}
    args = ("rules", "changes", "--since", "2025-01-01")
    _check(_run(width, *args), width, shown, _run(200, *args))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("on", ["2026-12-06", "2027-12-06"])  # few warnings, then every rule's
def test_rules_audit_keeps_every_rule_id_and_date_whole(width: int, on: str) -> None:
    args = ("rules", "audit", "--on", on)
    audits = json.loads(_run(200, *args, "--json"))
    shown = {a["id"] for a in audits} | {a["last_verified"] for a in audits}
    _check(_run(width, *args), width, shown, _run(200, *args))


@pytest.mark.parametrize("width", WIDTHS)
def test_profile_check_keeps_dates_whole(width: int) -> None:
    path = str(EXAMPLES / "software_engineer_abroad.yaml")
    facts = json.loads(_run(200, "profile", "check", path, "--on", ON, "--json"))
    assert facts  # the dates it shows are those it shows 200 columns wide
    args = ("profile", "check", path, "--on", ON)
    _check(_run(width, *args), width, set(), _run(200, *args))


@pytest.mark.parametrize("width", WIDTHS)
def test_noc_search_keeps_codes_whole(width: int) -> None:
    found = json.loads(_run(200, "noc", "search", "machine", "learning", "engineer", "--json"))
    codes = {r["code"] for r in found}
    _check(_run(width, "noc", "search", "machine", "learning", "engineer"), width, codes)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "args",
    [
        ("plan", "trajectory", "priya", "--on", "2026-11-22"),
        ("plan", "improve", "priya", "--target", "500", "--on", "2026-11-22"),
        ("plan", "timeline", "priya", "--on", "2026-11-22"),
        ("case", "review", "wei", "--on", "2026-11-22"),
        ("case", "checklist", "wei", "--on", "2026-11-22"),
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_planner_tables_keep_dates_whole(width: int, args: tuple[str, ...]) -> None:
    full = (*args[:2], str(EXAMPLES / "cases" / args[2]), *args[3:])
    _check(_run(width, *full), width, set(), _run(200, *full))


@pytest.mark.skipif(
    not ROUNDS.exists(), reason="needs ../shared/data (reference data) beside the checkout"
)
@pytest.mark.parametrize("width", WIDTHS)
def test_draws_tables_keep_dates_and_numbers_whole(width: int) -> None:
    _run(200, "draws", "update", "--from", str(ROUNDS))
    rounds = json.loads(_run(200, "draws", "list", "--since", "2026-01-01", "--json"))
    shown = {r["date"] for r in rounds}
    listed = ("draws", "list", "--since", "2026-01-01")
    _check(_run(width, *listed), width, shown, _run(200, *listed))
    _check(_run(width, "draws", "stats"), width, set(), _run(200, "draws", "stats"))
    odds = ("draws", "odds", str(EXAMPLES / "francophone_engineer.yaml"), "--on", "2026-11-22")
    _check(_run(width, *odds), width, set(), _run(200, *odds))


def test_a_table_too_wide_for_the_screen_is_stacked_not_cut() -> None:
    table = WholeTable("id", "description", title="Rules")
    table.add_row("crs.transferability.caps", "a description of several words")
    out = _render(table, 36)
    assert "crs.transferability.caps" in out
    assert "description: a description of" in out and "…" not in out


def test_a_stacked_row_sits_under_its_first_cell() -> None:
    table = WholeTable("factor", "points", "rule", title="CRS")
    table.add_row("A. Core", "398", "")
    table.add_row("  age", "110", "crs.core.age (2015-01-01)")
    lines = _render(table, 20).splitlines()
    assert lines[1:3] == ["A. Core", "  points: 398"]
    assert lines[3:5] == ["  age", "    points: 110"]
    assert lines[5].startswith("    rule:") and "crs.core.age" in "".join(lines[5:])


def test_a_table_that_fits_is_a_table() -> None:
    table = WholeTable("id", "description")
    table.add_row("fsw", "Federal Skilled Worker")
    out = _render(table, 80)
    assert "┃ id" in out and "description:" not in out


def _render(table: WholeTable, width: int) -> str:
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(table)
    return console.export_text()
