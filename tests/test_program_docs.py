"""docs/programs/ is what tools/program_docs.py writes from the rule files today: a page per
registered program and an index, so a rule change that is not in the docs fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from maplepath import programs

from .conftest import load_tool

HINT = "run .venv/bin/python tools/program_docs.py"


program_docs = load_tool("program_docs")
page_name = program_docs.page_name


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return dict(program_docs.pages())


def test_every_registered_program_has_a_page_and_the_index_links_it(
    pages: dict[str, str],
) -> None:
    missing = [p for p in programs.REGISTRY if not (program_docs.DOCS / page_name(p)).is_file()]
    assert not missing, f"no page for {missing}: {HINT}"
    index = (program_docs.DOCS / "README.md").read_text(encoding="utf-8")
    for program in programs.REGISTRY:
        assert f"[`{program}`]({page_name(program)})" in index


def test_no_page_differs_from_what_the_tool_writes(pages: dict[str, str]) -> None:
    drifted = program_docs.drifted(program_docs.DOCS, pages)
    assert drifted == [], f"out of date: {drifted}: {HINT}"


def test_check_lists_a_changed_a_missing_and_a_left_over_page(
    tmp_path: Path, pages: dict[str, str]
) -> None:
    docs = tmp_path / "programs"
    docs.mkdir()
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    assert program_docs.main(["--check"], docs=docs) == 0
    fsw = docs / "fsw.md"
    fsw.write_text(fsw.read_text().replace("67", "65"))
    (docs / "cec.md").unlink()
    (docs / "retired_program.md").write_text("# gone\n")
    assert program_docs.drifted(docs, pages) == ["fsw.md", "cec.md", "retired_program.md"]
    assert program_docs.main(["--check"], docs=docs) == 1
    assert program_docs.main([], docs=docs) == 0  # writes them back, drops the left-over
    assert program_docs.drifted(docs, pages) == []
    assert not (docs / "retired_program.md").exists()


def test_a_program_added_to_the_registry_gets_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(programs.REGISTRY, "yukon_tech", programs.REGISTRY["fsw"])
    found = program_docs.pages()
    assert "yukon_tech.md" in found and "[`yukon_tech`](yukon_tech.md)" in found["README.md"]
    assert "yukon_tech.md" in program_docs.drifted(program_docs.DOCS, found)


def test_a_page_says_who_criteria_status_history_codes_and_sources(
    pages: dict[str, str],
) -> None:
    page = pages["bc_pnp_tech.md"]
    for heading in (
        "## Who it is for",
        "## Criteria",
        "## Status history",
        "## NOC codes it lists",
        "## Official links and other sources",
    ):
        assert heading in page
    assert "BC PNP Tech was never a stream of its own" in page  # the module's docstring
    assert "| `programs.bc_pnp_tech.job_offer` |" in page
    assert "| 2017-05-10 | open |" in page and "| 2025-01-01 | closed |" in page
    assert "| 21231 | Software engineers and designers |" in page
    assert "(https://welcomebc.ca/immigrate-to-b-c/invitations-to-apply)" in page


def test_a_category_page_has_its_name_its_list_and_the_lists_before(
    pages: dict[str, str],
) -> None:
    page = pages["ee_category.stem.md"]
    assert page.splitlines()[2] == (
        "# Express Entry category: Science, Technology, Engineering and Math (STEM) "
        "occupations (`ee_category:stem`)"
    )
    assert "(NOC 2021, from 2025-02-27): 11 unit groups." in page
    assert "Earlier lists: 2023-05-31 (24 codes)." in page
    assert "| `programs.ee_category.experience` |" in page  # shared by every category


def test_a_program_of_a_family_reads_the_family_s_status_and_its_own_paragraph(
    pages: dict[str, str],
) -> None:
    page = pages["gts_a.md"]
    assert "Rule `programs.gts.status` (shared with the other `gts` programs)" in page
    assert "Category A (`gts_a`)" in page and "Category B (`gts_b`)" not in page


def test_a_program_without_an_occupation_list_says_so(pages: dict[str, str]) -> None:
    assert "None: its rules hold no occupation list" in pages["fsw.md"]
    assert "`programs.express_entry.proof_of_funds`" in pages["fsw.md"]
