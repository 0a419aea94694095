"""`maplepath pathways`: every route on a date, ranked, in the designed JSON shape."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from maplepath.cli import app
from maplepath.profile.load import load_profile
from maplepath.programs import pathways

from ..conftest import EXAMPLES

ON = date(2026, 11, 21)
runner = CliRunner(env={"COLUMNS": "200"})
ITEM_KEYS = {"program", "verdict", "status", "criteria", "leads_to", "processing"}


def test_every_item_has_the_designed_shape() -> None:
    result = runner.invoke(
        app,
        ["pathways", str(EXAMPLES / "data_scientist_pgwp.yaml"), "--on", "2026-11-21", "--json"],
    )
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    assert items and all(set(i) == ITEM_KEYS for i in items)
    for i in items:
        assert i["verdict"] in {"eligible", "ineligible", "unknown"}
        assert i["status"] in {"open", "paused", "closed", "not_yet_open"}
        assert i["leads_to"] in {"permanent_residence", "work_permit", "nomination"}
        assert all(set(c) == {"id", "status", "detail", "rules"} for c in i["criteria"])


def test_open_and_eligible_routes_come_first() -> None:
    ranked = pathways.evaluate(load_profile(EXAMPLES / "data_scientist_pgwp.yaml"), ON)
    keys = [
        (pathways.STATUS_ORDER[p.verdict.status], pathways.VERDICT_ORDER[p.verdict.verdict])
        for p in ranked
    ]
    assert keys == sorted(keys)
    assert ranked[0].verdict.verdict == "eligible"


def test_only_the_named_programs_are_evaluated() -> None:
    ranked = pathways.evaluate(load_profile(EXAMPLES / "data_scientist_pgwp.yaml"), ON, ["cec"])
    assert [p.verdict.program for p in ranked] == ["cec"]


def test_an_unknown_program_id_is_a_clear_error() -> None:
    with pytest.raises(pathways.UnknownProgramError, match="no program 'nope' \\(known: "):
        pathways.evaluate(load_profile(EXAMPLES / "data_scientist_pgwp.yaml"), ON, ["nope"])
    result = runner.invoke(
        app, ["pathways", str(EXAMPLES / "data_scientist_pgwp.yaml"), "--program", "nope"]
    )
    assert result.exit_code == 2 and "no program 'nope'" in result.output


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("2 weeks (service standard)", 14.0),
        ("about 6 months", 180.0),
        ("10 business days", 10.0),
        (None, None),
        ("varies", None),
    ],
)
def test_processing_times_are_read_as_days_for_ranking(
    text: str | None, days: float | None
) -> None:
    assert pathways.processing_days(text) == days


DESIGN_IDS = {
    "fsw",
    "cec",
    "fst",
    "gts_a",
    "gts_b",
    "cusma",
    "ict",
    "bc_pnp_tech",
    "oinp_hcp_tech",
    "aaip_accelerated_tech",
    "aaip_opportunity",
    "sinp_tech",
    "mpnp_skilled_worker_overseas",
    "quebec_ai",
    "quebec_it_vfx",
}


def test_every_program_id_of_the_design_is_registered() -> None:
    from maplepath import programs

    ids = set(programs.REGISTRY)
    assert ids >= DESIGN_IDS
    assert any(i.startswith("ee_category:") for i in ids)


def _statuses(on: date) -> dict[str, tuple[str, date | None]]:
    ranked = pathways.evaluate(load_profile(EXAMPLES / "us_web_developer_offer.yaml"), on)
    return {p.verdict.program: (p.verdict.status, p.status_since) for p in ranked}


def test_2022_02_03_reproduces_that_days_world() -> None:
    then = _statuses(date(2022, 2, 3))
    assert then["bc_pnp_tech"][0] == "open"
    assert then["quebec_ai"][0] == "open" and then["quebec_it_vfx"][0] == "open"
    assert then["ee_category:stem"][0] == "not_yet_open"
    # Job-offer CRS points were still in force that day.
    from maplepath.rulebook import book as rulebook

    assert rulebook.at("crs.additional.arranged_employment", date(2022, 2, 3)).in_force


def test_today_shows_what_has_closed_since_and_when() -> None:
    now = _statuses(ON)
    assert now["bc_pnp_tech"][0] == "closed" and now["bc_pnp_tech"][1] is not None
    assert now["quebec_ai"] == ("closed", date(2026, 1, 1))
    assert now["oinp_hcp_tech"][0] == "closed"
    result = runner.invoke(
        app, ["pathways", str(EXAMPLES / "us_web_developer_offer.yaml"), "--on", "2026-11-21"]
    )
    assert result.exit_code == 0, result.output
    assert "closed since 2026-01-01" in result.output


def test_the_fastest_open_route_to_a_work_permit_is_named() -> None:
    ranked = pathways.evaluate(load_profile(EXAMPLES / "us_web_developer_offer.yaml"), ON)
    best = pathways.fastest(ranked, "work_permit")
    assert best is not None and best.verdict.status == "open"
