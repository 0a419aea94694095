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
from maplepath.i18n import decimal, say, word
from maplepath.report.tables import WholeTable
from maplepath.report.words import general, number, signed


@contextmanager
def progress_bar(label: str | None = None) -> Iterator[Callback]:
    """A progress callback drawing a bar on stderr (nothing when stderr is not a terminal)."""
    label = say("scoring candidates") if label is None else label
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
        say(
            "Pool of round %(round)s (%(on)s): %(pool)s candidates drawn from %(reservoir)s "
            "synthetic ones; %(weekly)s new candidates a week; profiles expire after "
            "%(months)s months; seed %(seed)s",
            round=sim.start_round,
            on=sim.start,
            pool=number(sim.pool_size),
            reservoir=number(sim.reservoir),
            weekly=number(sim.weekly_entrants),
            months=sim.validity_months,
            seed=sim.seed,
        ),
        highlight=False,
    )
    if sim.fitted and sim.fitted.shares:
        shares = ", ".join(
            f"{kind} {decimal(format(100 * share, '.2g'))}%"
            for kind, share in sorted(sim.fitted.shares.items())
        )
        console.print(
            say(
                "Share of the pool each kind of round can invite, fitted to its latest round "
                "(invitations over the pool at or above its cut-off): %(shares)s",
                shares=shares,
            ),
            highlight=False,
        )
    if sim.fitted and sim.fitted.top:
        cutoff, share = sim.fitted.top
        console.print(
            say(
                "Nominees: %(share)s%% of the 601-1200 band at %(cutoff)s or more, as in the "
                "latest PNP round",
                share=decimal(format(100 * share, ".3g")),
                cutoff=cutoff,
            ),
            highlight=False,
        )
    others = [s for s in sim.scenarios if s != BASELINE]
    table = WholeTable(say("week"), say("date"), say("kind of round"), say("size"),
                       say("eligible"), say("cut-off"), *others,
                       title=say("Simulated rounds"))  # fmt: skip
    for r in sim.rounds:
        base = r.cutoffs[BASELINE]
        cells = []
        for name in others:
            c = r.cutoffs[name]
            diff = "" if c is None or base is None else f" ({c - base:+d})"
            cells.append("-" if c is None else f"{c}{diff}")
        table.add_row(str(r.week), r.date.isoformat(), r.draw_type, number(r.size),
                      number(r.eligible), "-" if base is None else str(base), *cells)  # fmt: skip
    console.print(table)
    for name, kinds in sim.summary().items():
        for kind, s in kinds.items():
            change = s["mean_change_vs_baseline"]
            vs = ""
            if name != BASELINE and change is not None:
                vs = say(", %(change)s on average vs baseline", change=signed(change))
            if s["median_cutoff"] is None:
                line = say("%(name)s, %(kind)s rounds: no candidate invited", name=name, kind=kind)
            else:
                line = say(
                    "%(name)s, %(kind)s rounds: median cut-off %(median)s (range "
                    "%(low)s-%(high)s), %(invited)s invited%(vs)s",
                    name=name,
                    kind=kind,
                    median=general(s["median_cutoff"]),
                    low=s["min_cutoff"],
                    high=s["max_cutoff"],
                    invited=number(s["invited"]),
                    vs=vs,
                )
            console.print(line, highlight=False)
    for note in sim.notes:
        console.print(say("note: %(note)s", note=note), highlight=False)
    console.print(f"[dim]{word(CAVEAT)}[/]")


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
    top = say("cut-off for the top %(top)s%%", top=general(data["top_percent"]))
    title = say(
        "%(profiles)s synthetic candidates (nominees aside) scored with the rules of %(on)s",
        profiles=number(data["profiles"]),
        on=data["on"],
    )
    table = WholeTable(say("scenario"), say("mean CRS"), top, say("change"), title=title)
    for r in data["scenarios"]:
        change = say(
            "%(cutoff)s (mean %(mean)s)",
            cutoff=format(r["cutoff_change"], "+d"),
            mean=signed(r["mean_change"]),
        )
        table.add_row(r["scenario"], general(r["mean_crs"]), str(r["cutoff"]), change)
    console.print(table)
    console.print(f"[dim]{word(CAVEAT)}[/]")
