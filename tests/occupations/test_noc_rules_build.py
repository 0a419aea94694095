"""tools/build_noc_rules.py rebuilds the two NOC tables from StatCan's files without losing what
a verification wrote above them (schema, citations, notes): rebuilt from the reference copies,
the files come out exactly as they are in the repository."""

from __future__ import annotations

import shutil
from pathlib import Path

from maplepath.rulebook.book import RULES_ROOT

from ..conftest import load_tool

OCCUPATIONS = RULES_ROOT / "occupations"
FILES = ("noc2021.yaml", "noc2016_to_2021.yaml")


def test_a_rebuild_from_statcan_s_files_keeps_the_metadata_and_the_table(
    shared_data: Path, tmp_path: Path
) -> None:
    tool = load_tool("build_noc_rules")
    for name in FILES:
        shutil.copy(OCCUPATIONS / name, tmp_path / name)
    noc = shared_data / "noc"
    tool.structure(noc / "noc_2021_version_1.0_-_classification_structure.csv", tmp_path)
    tool.concordance(noc / "noc2016v1.3_to_noc2021v1.0_concordance.csv", tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_text(encoding="utf-8") == (OCCUPATIONS / name).read_text(
            encoding="utf-8"
        ), f"{name}: rebuilt differs from the repository's"
    assert not list(tmp_path.glob("*.tmp"))


def test_a_new_file_gets_a_header_with_a_schema_and_citations(
    shared_data: Path, tmp_path: Path
) -> None:
    tool = load_tool("build_noc_rules")
    tool.structure(
        shared_data / "noc" / "noc_2021_version_1.0_-_classification_structure.csv", tmp_path
    )
    text = (tmp_path / "noc2021.yaml").read_text(encoding="utf-8")
    assert "schema: {'*': str}" in text and "statcan.gc.ca" in text
    assert '      "21231": Software engineers and designers\n' in text
