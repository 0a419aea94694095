"""A chart of round cut-offs over time, one line per kind of round, with the person's score.

Drawn with matplotlib's Agg backend (no display needed) into memory, then written atomically:
a chart is either complete on disk or not there. PNG and SVG only, chosen by the extension.
Cut-offs of different kinds of round are not comparable as a trend: a PNP round's cut-off
includes the 600 nomination points, and a category round competes only among that category's
candidates.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from maplepath.datadir import atomic_write_bytes
from maplepath.draws.rounds import Round
from maplepath.i18n import say

FORMATS = {".png": "png", ".svg": "svg"}
MAX_SERIES = 8  # more lines than this are unreadable: the rest are drawn grey, unlabelled


def chart_format(out: Path) -> str:
    """The format for ``out`` from its extension; ValueError for anything but .png/.svg."""
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        if not out.suffix:
            raise ValueError(
                say("%(path)s: the chart must be a .png or .svg file, not 'none'", path=out)
            )
        raise ValueError(
            say(
                "%(path)s: the chart must be a .png or .svg file, not %(suffix)s",
                path=out,
                suffix=repr(out.suffix),
            )
        )
    return fmt


def render(
    rounds: Iterable[Round],
    fmt: str = "png",
    *,
    score: int | None = None,
    title: str | None = None,
    dpi: int = 90,
) -> bytes:
    """The chart as PNG or SVG bytes. ValueError when no round has a cut-off."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    series: dict[str, list[tuple[date, int]]] = {}
    for r in sorted(rounds, key=lambda r: r.order):
        if r.cutoff is not None:
            series.setdefault(r.category, []).append((r.date, r.cutoff))
    if not series:
        raise ValueError(
            say("no rounds with a cut-off score to chart (import rounds: maplepath draws update)")
        )
    ranked = sorted(series, key=lambda c: -len(series[c]))
    fig = Figure(figsize=(9, 4.8), dpi=dpi)
    ax = fig.add_subplot()
    for i, cid in enumerate(ranked):
        days, cutoffs = zip(*series[cid], strict=True)
        if i < MAX_SERIES:
            ax.plot(days, cutoffs, marker="o", markersize=2.5, linewidth=1, label=cid)
        else:
            ax.plot(days, cutoffs, marker="o", markersize=2, linewidth=0.6, color="0.7")
    if score is not None:
        ax.axhline(
            score,
            color="black",
            linestyle="--",
            linewidth=1.2,
            label=say("your CRS (%(score)s)", score=score),
        )
    ax.set_ylabel(say("lowest CRS invited (cut-off)"))
    ax.set_title(title or say("Express Entry rounds: cut-off score by kind of round"))
    ax.grid(True, linewidth=0.3, alpha=0.6)
    ax.legend(fontsize=7, loc="best", ncols=2)
    source = say("Source: IRCC rounds of invitations. Past rounds do not promise future ones.")
    fig.text(0.01, 0.01, source, fontsize=7, color="0.35")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "maplepath"}):  # stable SVG element ids
        fig.savefig(buf, format=fmt, metadata=_metadata(fmt))
    return buf.getvalue()


def _metadata(fmt: str) -> dict[str, str | None]:
    # No creation date or software version in the file: the same rounds give the same bytes.
    if fmt == "svg":
        return {"Date": None, "Creator": "maplepath"}
    return {"Software": "maplepath"}


def write_chart(
    rounds: Iterable[Round], out: Path, *, score: int | None = None, title: str | None = None
) -> Path:
    """Render the chart to ``out`` (.png or .svg), atomically; the path written."""
    data = render(rounds, chart_format(out), score=score, title=title)
    atomic_write_bytes(out, data)
    return out
