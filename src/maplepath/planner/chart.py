"""The trajectory as a chart: CRS month by month as a step line, each dated event marked.

Drawn with matplotlib's Agg backend (no display needed) and written atomically; the format
follows the file's extension (.png or .svg).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from maplepath.datadir import atomic_write_bytes
from maplepath.i18n import say
from maplepath.planner.trajectory import BC_JOB_OFFER_RULE, Trajectory

FORMATS = {".png": "png", ".svg": "svg"}


def chart_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(
            say(
                "%(path)s: the chart is written as .png or .svg, not %(suffix)s",
                path=path,
                suffix=repr(path.suffix),
            )
        )
    return fmt


def render(
    t: Trajectory,
    out: Path,
    title: str = "",
    cutoffs: Sequence[tuple[str, int]] = (),
) -> Path:
    """Write the chart to ``out``; ``cutoffs`` adds labelled horizontal lines (recent draw
    cut-offs, a target score)."""
    fmt = chart_format(out)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    def x(d: date) -> float:
        return float(mdates.date2num(d))  # type: ignore[no-untyped-call]

    steps = t.steps()
    dates = [x(d) for d, _ in steps]
    scores = [total for _, total in steps]
    fig, ax = plt.subplots(figsize=(9, 4.2), dpi=100)
    try:
        ax.step(dates, scores, where="post", color="#b22222", linewidth=2, label=say("your CRS"))
        marks = _event_marks(t)
        for i, (day, label) in enumerate(marks):
            y = _score_on(t, day)
            ax.plot([x(day)], [y], "o", color="#333333", markersize=4)
            ax.annotate(
                label,
                (x(day), y),
                xytext=(4, 10 + 12 * (i % 3)),
                textcoords="offset points",
                fontsize=7,
                color="#333333",
            )
        for name, value in cutoffs:
            ax.axhline(value, linestyle="--", linewidth=1, color="#4169e1")
            ax.annotate(
                f"{name} {value}",
                (dates[0], value),
                xytext=(2, 3),
                textcoords="offset points",
                fontsize=7,
                color="#4169e1",
            )
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))  # type: ignore[no-untyped-call]
        ax.set_ylabel(say("CRS points"))
        start = t.start.isoformat()
        ax.set_title(title or say("CRS trajectory from %(start)s", start=start), fontsize=10)
        low = min([*scores, *(v for _, v in cutoffs)])
        high = max([*scores, *(v for _, v in cutoffs)])
        ax.set_ylim(max(0, low - 40), min(1200, high + 60))
        ax.grid(True, alpha=0.3)
        ax.legend(loc="lower left", fontsize=8)
        fig.autofmt_xdate()
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, metadata=_metadata(fmt))
    finally:
        plt.close(fig)
    atomic_write_bytes(out, buf.getvalue())
    return out


def _metadata(fmt: str) -> dict[str, str | None]:
    # No creation date in the file, so the same trajectory always gives the same bytes.
    return {"Software": None} if fmt == "png" else {"Date": None}


def _score_on(t: Trajectory, day: date) -> int:
    score = t.points[0].crs
    for d, total in t.steps():
        if d <= day:
            score = total
    return score


def _event_marks(t: Trajectory) -> list[tuple[date, str]]:
    """One short label per event day that moves the score or is a known deadline."""
    out: dict[date, str] = {}
    for e in t.events:
        if e.kind == "program" or e.kind == "rule_change":
            continue
        if e.kind == "language_expiry":
            label = say("test expires")
        elif e.kind == "eca_expiry":
            label = say("ECA expires")
        elif e.kind == "job_offer":
            # The BC PNP Tech event (fewer than 120 days left) is the one citing its rule.
            soon = e.rule == BC_JOB_OFFER_RULE
            label = say("offer < 120 days") if soon else say("offer ends")
        elif e.kind == "crs":
            # ``short`` is "<factor> <old> -> <new>"; a language line's factor has its ability
            # after a colon ("first language: reading"), left out of the label.
            label = e.short.rsplit(" ", 3)[0].split(":")[0].strip()
        elif e.kind in ("birthday", "document_expiry"):
            label = e.text.split(" (")[0]  # the event without the CRS change told with it
        else:
            label = e.kind
        out.setdefault(e.on, label)
    return sorted(out.items())
