"""`maplepath noc show|search|import`: codes explained, titles found, the index imported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..cli_helpers import fails, ok
from ..conftest import FIXTURES


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MAPLEPATH_DATA_DIR", str(tmp_path))
    return tmp_path


def test_show_explains_a_unit_group_with_its_teer_and_groups() -> None:
    data = json.loads(ok("noc", "show", "21231", "--json"))
    assert data["title"] == "Software engineers and designers" and data["teer"] == 1
    assert data["groups"]["major group"] == {
        "code": "21",
        "title": "Professional occupations in natural and applied sciences",
    }


def test_show_of_a_noc_2016_code_lists_what_it_became() -> None:
    data = json.loads(ok("noc", "show", "2173", "--json"))
    assert [c["code"] for c in data["became"]] == ["21211", "21231"]
    assert "split off" in data["change"]


def test_show_names_the_programs_and_categories_whose_lists_hold_the_code() -> None:
    data = json.loads(ok("noc", "show", "21231", "--json"))
    named = {(x["program"], x["rule"]): x for x in data["named_by"]}
    bc = named[("bc_pnp_tech", "programs.bc_pnp_tech.occupations")]
    assert bc == {
        "program": "bc_pnp_tech",
        "kind": "program",
        "rule": "programs.bc_pnp_tech.occupations",
        "since": "2022-11-16",  # the NOC 2021 list; before, the same job was NOC 2016 2173
        "until": None,
    }
    # STEM listed software engineers from 2023-05-31 until the 2025-02-27 revision.
    stem = named[("ee_category:stem", "programs.ee_category.stem.occupations")]
    assert stem["kind"] == "ee_category"
    assert (stem["since"], stem["until"]) == ("2023-05-31", "2025-02-27")
    kinds = [x["kind"] for x in data["named_by"]]
    assert kinds == sorted(kinds, key=lambda k: k == "ee_category"), "programs first"
    # The keys of before are kept.
    assert {"code", "title", "teer", "teer_meaning", "groups"} <= set(data)
    out = ok("noc", "show", "21231")
    assert "Programs whose occupation lists name it:" in out
    assert "bc_pnp_tech (programs.bc_pnp_tech.occupations), since 2022-11-16" in out
    assert "ee_category:stem (programs.ee_category.stem.occupations), from 2023-05-31 to " in (
        " ".join(out.split())
    )


def test_show_of_a_code_on_no_list_says_so() -> None:
    data = json.loads(ok("noc", "show", "65201", "--json"))  # food counter attendants
    assert data["title"].startswith("Food counter attendants") and data["named_by"] == []
    assert "No program or Express Entry category lists this code." in ok("noc", "show", "65201")


def test_show_of_a_noc_2016_code_names_the_lists_of_noc_2016_days() -> None:
    data = json.loads(ok("noc", "show", "2173", "--json"))
    bc = [x for x in data["named_by"] if x["program"] == "bc_pnp_tech"]
    assert [(x["since"], x["until"]) for x in bc] == [("2017-05-10", "2022-11-16")]
    assert all(x["until"] == "2022-11-16" for x in data["named_by"])  # NOC 2021 from then


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("99999", "99999 is not a NOC 2021 unit group"),
        ("212", "212 has 3 digits"),
        ("abc", "is not a NOC code"),
    ],
)
def test_show_of_a_bad_code_is_a_clear_error(code: str, message: str) -> None:
    assert message in fails("noc", "show", code)


def test_search_ranks_unit_groups_and_says_why() -> None:
    data = json.loads(
        ok("noc", "search", "site", "reliability", "engineer", "--json", "--limit", "3")
    )
    assert data[0]["code"] == "21231"
    assert set(data[0]) == {"code", "title", "teer", "score", "why"} and data[0]["why"]
    assert len(data) <= 3


def test_an_empty_search_is_a_clear_error() -> None:
    assert "empty query" in fails("noc", "search", "   ")


def test_import_then_search_uses_the_official_titles(data_dir: Path) -> None:
    out = ok("noc", "import", str(FIXTURES / "noc" / "elements_sample.csv"))
    assert "Saved to" in out and (data_dir / "noc_index.json").exists()
    summary = json.loads(
        ok("noc", "import", str(FIXTURES / "noc" / "elements_sample.csv"), "--json")
    )
    assert summary["titles"] > 0 and summary["path"].startswith(str(data_dir))


def test_importing_a_wrong_file_is_an_error_and_keeps_the_previous_index(
    data_dir: Path, tmp_path: Path
) -> None:
    ok("noc", "import", str(FIXTURES / "noc" / "elements_sample.csv"))
    before = (data_dir / "noc_index.json").read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\xff\xfe not a csv at all")
    fails("noc", "import", str(bad))
    assert (data_dir / "noc_index.json").read_bytes() == before


def test_importing_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    out = fails("noc", "import", str(tmp_path / "nope.csv"))
    assert "nope.csv" in out
