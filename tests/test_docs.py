"""The sample outputs in README.md and docs/*.md are what the commands print today.

Each ```text or ```console block carries an ``<!-- output: ... -->`` marker naming the commands
that make it (tools/refresh_docs.py documents the format); every block is regenerated here, in
this process, and compared with the document.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from .conftest import load_tool

ROOT = Path(__file__).resolve().parents[1]

# How many sample output blocks each document has: a renamed or broken marker must not quietly
# take a block out of the check. Change these when a block is added or removed.
EXPECTED_BLOCKS = {
    "README.md": 12,
    "docs/case.md": 3,
    "docs/draws.md": 7,
    "docs/evidence.md": 5,
    "docs/planning.md": 6,
}


refresh_docs = load_tool("refresh_docs")
BLOCKS = refresh_docs.find_blocks()


def test_the_parser_sees_every_sample_output_block() -> None:
    assert dict(Counter(block.doc for block in BLOCKS)) == EXPECTED_BLOCKS


def test_every_text_block_carries_a_marker() -> None:
    unmarked = [u for path in refresh_docs.documents() for u in refresh_docs.parse(path)[1]]
    assert unmarked == []


# The commands that default to today's date, and the option that pins it.
DATED = {
    "assess": "--on",
    "crs": "--on",
    "pathways": "--on",
    "profile check": "--on",
    "case assess": "--on",
    "case review": "--on",
    "case checklist": "--on",
    "case recheck": "--on",
    "plan ": "--on",
    "draws odds": "--on",
    "draws sweep": "--on",
    "rules show": "--on",
    "rules changes": "--until",
}


def test_every_command_is_given_its_date() -> None:
    """Outputs must not depend on the day they are made."""
    for block in BLOCKS:
        for step in block.steps:
            command = step.text.removeprefix("maplepath ")
            for prefix, option in DATED.items():
                if step.kind != "file" and command.startswith(prefix):
                    assert f" {option} " in command, f"{block.id}: {step.text} needs {option}"


def test_an_excerpt_marks_what_it_leaves_out() -> None:
    lines = ["a", "b", "", "c", "d", "e"]
    assert refresh_docs.excerpt(lines, "lines 1-2,5") == ["a", "b", "...", "d", "..."]
    assert refresh_docs.excerpt(lines, "last 2") == ["...", "d", "e"]
    assert refresh_docs.excerpt(lines, "paragraphs 1") == ["a", "b", "..."]
    assert refresh_docs.excerpt(lines, "lines 1-") == lines


@pytest.mark.parametrize("block", BLOCKS, ids=lambda block: block.id)
def test_the_sample_output_is_what_the_commands_print(block: Any) -> None:
    if block.needs_shared_data and not refresh_docs.SHARED_DATA.is_dir():
        pytest.skip(refresh_docs.NEEDS_SHARED_DATA)
    new = refresh_docs.render(block)
    if new != block.current:
        diff = refresh_docs.diff(block, new)
        pytest.fail(f"{block.id} is out of date:\n{diff}\n{refresh_docs.HINT}", pytrace=False)


def _python_imports() -> list[tuple[str, str]]:
    """Every ``from maplepath... import ...`` line of the Python examples in the docs."""
    found = []
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith(("from maplepath", "import maplepath")):
                found.append((str(path.relative_to(ROOT)), line))
    return found


@pytest.mark.parametrize(("where", "line"), _python_imports())
def test_every_import_in_a_python_example_works(where: str, line: str) -> None:
    try:
        exec(line, {})  # an import statement only
    except ImportError as e:
        pytest.fail(f"{where}: {line!r} fails: {e}")
