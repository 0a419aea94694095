"""How ``maplepath draws simulate`` and ``sweep`` show their results, and their progress bar
(on stderr)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from maplepath.draws.scale import Progress as Callback
from maplepath.draws.scale import Sweep
from maplepath.draws.scenarios import BASELINE
from maplepath.draws.simulate import CAVEAT, Simulation
from maplepath.report.tables import WholeTable


@contextmanager
def progress_bar(label: str = "scoring candidates") -> Iterator[Callback]:
    """A progress callback drawing a bar on stderr (nothing when stderr is not a terminal)."""
    console = Console(stderr=True)
    with Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, transient=True, disable=not console.is_terminal,
    ) as bar:  # fmt: skip
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def print_simulation(console: Console, sim: Simulation) -> None:
    console.print(
        f"Pool of round {sim.start_round} ({sim.start}): {sim.pool_size:,} candidates drawn from "
        f"{sim.reservoir:,} synthetic ones; {sim.weekly_entrants:,} new candidates a week; "
        f"profiles expire after {sim.validity_months} months; seed {sim.seed}",
        highlight=False,
    )
    others = [s for s in sim.scenarios if s != BASELINE]
    table = WholeTable("week", "date", "kind of round", "size", "eligible", "cut-off",
                  *others, title="Simulated rounds")  # fmt: skip
    for r in sim.rounds:
        base = r.cutoffs[BASELINE]
        cells = []
        for name in others:
            c = r.cutoffs[name]
            diff = "" if c is None or base is None else f" ({c - base:+d})"
            cells.append("-" if c is None else f"{c}{diff}")
        table.add_row(str(r.week), r.date.isoformat(), r.draw_type, f"{r.size:,}",
                      f"{r.eligible:,}", "-" if base is None else str(base), *cells)  # fmt: skip
    console.print(table)
    for name, kinds in sim.summary().items():
        for kind, s in kinds.items():
            change = s["mean_change_vs_baseline"]
            vs = ""
            if name != BASELINE and change is not None:
                vs = f", {change:+g} on average vs baseline"
            console.print(
                f"{name}, {kind} rounds: median cut-off {s['median_cutoff']:g} (range "
                f"{s['min_cutoff']}-{s['max_cutoff']}), {s['invited']:,} invited{vs}"
                if s["median_cutoff"] is not None
                else f"{name}, {kind} rounds: no candidate invited",
                highlight=False,
            )
    for note in sim.notes:
        console.print(f"note: {note}", highlight=False)
    console.print(f"[dim]{CAVEAT}[/]")


def sweep_rows(result: Sweep, share: float) -> list[dict[str, Any]]:
    """Per scenario: mean CRS, the cut-off for the top ``share``, and changes from the first."""
    rows = []
    base_mean, base_cut = result.mean(0), result.cutoff_share(0, share)
    for i, s in enumerate(result.scenarios):
        mean, cut = result.mean(i), result.cutoff_share(i, share)
        rows.append(
            {
                "scenario": s.name,
                "mean_crs": round(mean, 1),
                "cutoff": cut,
                "mean_change": round(mean - base_mean, 1),
                "cutoff_change": cut - base_cut,
            }
        )
    return rows


def print_sweep(console: Console, data: dict[str, Any]) -> None:
    table = WholeTable(
        "scenario", "mean CRS", f"cut-off for the top {data['top_percent']:g}%", "change",
        title=f"{data['profiles']:,} synthetic candidates (nominees aside) scored with the rules "
        f"of {data['on']}",
    )  # fmt: skip
    for r in data["scenarios"]:
        table.add_row(r["scenario"], f"{r['mean_crs']:g}", str(r["cutoff"]),
                      f"{r['cutoff_change']:+d} (mean {r['mean_change']:+g})")  # fmt: skip
    console.print(table)
    console.print(f"[dim]{CAVEAT}[/]")
