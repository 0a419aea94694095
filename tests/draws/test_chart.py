"""The cut-offs chart: PNG or SVG by extension, written atomically, the score drawn."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from maplepath.draws import chart
from maplepath.draws.rounds import Round


def rnd(number: int, day: date, category: str, cutoff: int | None) -> Round:
    return Round(str(number), day, category, category, (), 1000, cutoff, None, None, None, None)


ROUNDS = [
    rnd(1, date(2026, 1, 5), "cec", 515),
    rnd(2, date(2026, 2, 5), "cec", 508),
    rnd(3, date(2026, 2, 6), "ee_category:french", 400),
    rnd(4, date(2026, 3, 5), "pnp", None),  # no cut-off: not drawn
]


@pytest.mark.parametrize("name", ["c.jpg", "c", "c.png.txt", "c.pdf"])
def test_only_png_and_svg_are_accepted(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        chart.write_chart(ROUNDS, tmp_path / name)
    assert not (tmp_path / name).exists()


def test_a_png_chart_is_written(tmp_path: Path) -> None:
    out = chart.write_chart(ROUNDS, tmp_path / "cutoffs.PNG", score=478)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["cutoffs.PNG"]  # no temporary file left


def test_the_svg_has_a_line_per_kind_of_round_and_the_score(tmp_path: Path) -> None:
    svg = chart.write_chart(ROUNDS, tmp_path / "c.svg", score=478).read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    for label in ("cec", "ee_category:french", "your CRS (478)"):
        assert label in svg
    assert "pnp" not in svg.split("Source:")[0].replace("maplepath", "")


def test_the_same_rounds_give_the_same_svg() -> None:
    assert chart.render(ROUNDS, "svg", score=478) == chart.render(ROUNDS, "svg", score=478)


def test_rounds_without_cutoffs_are_an_error() -> None:
    with pytest.raises(ValueError, match="no rounds with a cut-off"):
        chart.render([rnd(1, date(2026, 1, 1), "pnp", None)])
