"""``maplepath draws ...``: import, list, summarise and chart Express Entry rounds of invitations;
the person's odds against recent rounds; pool simulations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer
from rich.console import Console

from maplepath import draws
from maplepath.cli.common import (
    JSON_HELP,
    ON_HELP,
    _date,
    _fail,
    _print_json,
    _scenarios,
    _user_errors,
    group,
)
from maplepath.draws import backtest, bias, chart, fit, scale, scenarios, schedule, simulate
from maplepath.draws import odds as draw_odds
from maplepath.i18n import say
from maplepath.planner.case import profile_file
from maplepath.planner.trajectory import trajectory as plan_trajectory
from maplepath.profile.load import read_profile
from maplepath.report import answers, words
from maplepath.report import odds as odds_view
from maplepath.report import reference as render
from maplepath.report import simulation as sim_view
from maplepath.report.tables import WholeTable
from maplepath.report.text import download_progress

app = group("Express Entry rounds of invitations: import, list, stats, odds, simulations.")


@app.command("update")
def draws_update(
    source: str = typer.Option(
        draws.OFFICIAL_URL,
        "--from",
        metavar="FILE_OR_URL",
        help="IRCC's rounds file (path or URL).",
    ),
    fresh: bool = typer.Option(
        False, "--rebuild", help="Recreate the database from the file (a damaged one is kept)."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Import IRCC's rounds-of-invitations file into your data directory.

    Idempotent: a newer file adds rounds; a corrupt one changes nothing. --rebuild makes a new
    database from the file in place of a damaged one (kept as draws.sqlite3.damaged).

    Example: maplepath draws update --from ee_rounds_123_en.json
    """
    load = draws.rebuild if fresh else draws.import_rounds
    with _user_errors(), download_progress(source) as progress:
        summary = load(source, progress=progress)
    data = {
        "source": summary.source,
        "added": summary.added,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "total": summary.total,
    }
    if as_json:
        _print_json(data)
    else:
        Console().print(
            say(
                "%(added)s rounds added, %(updated)s corrected, %(unchanged)s unchanged "
                "(%(total)s in the file)",
                added=summary.added,
                updated=summary.updated,
                unchanged=summary.unchanged,
                total=summary.total,
            ),
            highlight=False,
        )


@app.command("list")
def draws_list(
    category: str | None = typer.Option(
        None, "--category", help="general, cec, fsw, fst, pnp, stem, french, ..."
    ),
    since: str | None = typer.Option(None, "--since", help="First date (YYYY-MM-DD)."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """The imported rounds, oldest first.

    Date, round type, invitations, lowest CRS invited.

    Example: maplepath draws list --category cec --since 2025-01-01
    """
    start = _date(since, "--since") if since else None
    with _user_errors():
        rounds = draws.list_rounds(category, start)
    if as_json:
        _print_json(
            [
                {
                    "number": r.number,
                    "date": r.date.isoformat(),
                    "category": r.category,
                    "name": r.name,
                    "invitations": r.invitations,
                    "cutoff": r.cutoff,
                }
                for r in rounds
            ]
        )
    else:
        render.rounds_table(Console(), rounds)


@app.command("stats")
def draws_stats(as_json: bool = typer.Option(False, "--json", help=JSON_HELP)) -> None:
    """Statistics per round type: rounds, invitations, cut-offs, days between.

    Cut-offs over the last 12 months and all time.

    Example: maplepath draws stats --json
    """
    with _user_errors():
        data = answers.draws_stats()
    if as_json:
        _print_json(data)
    else:
        render.draw_stats(Console(), data)


@app.command("chart")
def draws_chart(
    out: Path = typer.Option(..., "--out", help="The chart file to write: .png or .svg."),
    category: str | None = typer.Option(
        None, "--category", help="One kind of round (general, cec, pnp, french, ...); default all."
    ),
    score: int | None = typer.Option(None, "--score", help="Your CRS, drawn as a line."),
    since: str | None = typer.Option(None, "--since", help="First date (YYYY-MM-DD)."),
) -> None:
    """Chart the cut-off of every imported round over time.

    One line per kind of round, with your score as a horizontal line.

    Example: maplepath draws chart --since 2024-01-01 --score 478 --out cutoffs.png
    """
    start = _date(since, "--since") if since else None
    if score is not None and not 0 <= score <= 1200:
        _fail(say("--score: %(score)s is not a CRS score (0 to 1200)", score=score))
    with _user_errors():
        chart.chart_format(out)
        rounds = draws.list_rounds(category, start)
        if not rounds:
            _fail(say("no rounds for that choice (imported with: maplepath draws update)"))
        chart.write_chart(rounds, out, score=score)
    Console().print(say("wrote %(out)s (%(n)s rounds)", out=out, n=len(rounds)), highlight=False)


@app.command("odds")
def draws_odds(
    case_or_profile: Path = typer.Argument(..., help="A case folder or a profile file."),
    on: str | None = typer.Option(None, "--on", help=ON_HELP),
    months: int = typer.Option(12, "--months", help="How many months of rounds to look at."),
    trajectory: Path | None = typer.Option(
        None,
        "--trajectory",
        help="Projected CRS by month: the JSON of maplepath plan trajectory --json.",
    ),
    ahead: int = typer.Option(
        24,
        "--ahead",
        help="Without --trajectory: project the CRS this many months ahead (0: do not).",
    ),
    scenario: list[str] = typer.Option([], "--scenario", help="Apply a reported rule scenario."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Your odds per kind of round: recent cut-offs against your CRS.

    For each kind of round you qualify for (or might), the share of recent rounds whose cut-
    off was at or below your CRS and the expected wait at that pace.

    Example: maplepath draws odds examples/data_scientist_pgwp.yaml --on 2026-11-22
    """
    day = _date(on)
    if months < 1:
        _fail(say("--months: %(months)s must be at least 1", months=months))
    names = _scenarios(scenario)
    with _user_errors():
        path = profile_file(case_or_profile)
        loaded = read_profile(path, today=date.today())
        projected = odds_view.read_trajectory(trajectory) if trajectory else None
        if projected is None and ahead > 0:
            # The planner's trajectory: birthdays, expiries and experience move the score.
            t = plan_trajectory(loaded.profile, day, ahead, scenarios=names, with_programs=False)
            projected = [(p.on, p.crs) for p in t.points]
        rounds = draws.list_rounds()
        result = draw_odds.odds(
            loaded.profile, day, rounds, months=months, trajectory=projected, scenarios=names
        )
        biases = bias.odds_bias(result, rounds)
    if as_json:
        chances = {
            f"within_{m}_months": None
            if (c := draw_odds.chance(result, days)) is None
            else {
                "estimate": round(c[0], 3),
                "low": round(c[1], 3),
                "high": round(c[2], 3),
                "rounds": c[3],
            }
            for m, days in ((6, 182), (12, 365))
        }
        extra = {"headline": odds_view.headline(result), "chance": chances}
        data = bias.with_bias(result.to_json(), result, biases)
        _print_json(data | extra | {"profile_warnings": list(loaded.warnings)})
    else:
        console = Console()
        odds_view.print_odds(console, result, loaded.warnings)
        for line in bias.lines(result, biases):
            console.print(line, highlight=False)


@app.command("backtest")
def draws_backtest(
    train_until: str = typer.Option(
        ..., "--train-until", help="Predict every round after this date (YYYY-MM-DD)."
    ),
    method: str = typer.Option(
        "recent", "--method", help="recent (the latest rounds of each kind) or simulation."
    ),
    seed: int = typer.Option(0, "--seed", help="Random seed of the simulation method."),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """How well the rounds before each round predicted its cut-off (walk-forward).

    Every round after --train-until predicted from the rounds held before it; mean absolute
    error and bias (mean predicted - actual) per kind of round and overall.

    Example: maplepath draws backtest --train-until 2025-06-30
    """
    day = _date(train_until, "--train-until")
    if method not in backtest.METHODS:
        _fail(
            say(
                "--method: %(method)s is not one of %(known)s",
                method=repr(method),
                known=", ".join(backtest.METHODS),
            )
        )
    with _user_errors():
        result = backtest.backtest(draws.list_rounds(), day, method, seed=seed)
    if as_json:
        _print_json(result.to_json())
    else:
        _print_backtest(Console(), result)


def _print_backtest(console: Console, result: backtest.Backtest) -> None:
    console.print(backtest.heading(result), highlight=False)
    table = WholeTable(
        say("kind of round"), say("rounds"), say("mean error"), say("bias"), say("estimator")
    )
    for kind, s in result.by_category().items():
        est = result.chosen.get(kind, result.method)
        table.add_row(bias.label(kind), str(s.n), words.general(s.mae), words.signed(s.bias), est)
    console.print(table)
    for line in backtest.notes(result):
        console.print(line, style="dim", highlight=False)


@app.command("simulate")
def draws_simulate(
    round_number: str | None = typer.Option(
        None, "--round", help="Start from this round's published pool (default: the latest)."
    ),
    weeks: int = typer.Option(52, "--weeks", help="How many weeks to simulate."),
    size: int | None = typer.Option(
        None,
        "--size",
        help="Invitations per round (default: each kind's recent median; 3000 with --category).",
    ),
    category: list[str] = typer.Option(
        [],
        "--category",
        help="Hold one round a week of these kinds, in turn (general, cec, pnp, french, ...); "
        "default: the kinds, sizes and spacing of the last 12 months of rounds.",
    ),
    scenario: list[str] = typer.Option(
        [], "--scenario", help="job-offer-restored or a rule scenario (crs-2026-11); repeatable."
    ),
    pool_size: int | None = typer.Option(
        None, "--pool-size", help="Candidates in the pool (default: as IRCC published)."
    ),
    seed: int = typer.Option(0, "--seed", help="Random seed: the same seed, the same result."),
    dask: str | None = typer.Option(
        None, "--dask", help="Score on a Dask cluster: a scheduler address, or 'local'."
    ),
    dask_timeout: float = typer.Option(
        scale.CONNECT_TIMEOUT_S, "--dask-timeout", help="Seconds to wait for the scheduler."
    ),
    fitted: bool = typer.Option(
        True,
        "--fit/--no-fit",
        help="Give each kind of round its share of the pool from its latest round (default), "
        "or keep the synthetic pool's own mix.",
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Simulate a year of rounds over a synthetic pool, under policy scenarios.

    Rounds as in the last 12 months (or weekly rounds of the --category kinds) over a pool
    shaped like a round's published pool, with new candidates each week and profiles expiring
    after 12 months; cut-offs compared across scenarios.

    Example: maplepath draws simulate --weeks 26 --size 3000 --scenario job-offer-restored
    """
    if weeks < 1 or (size is not None and size < 1):
        _fail(say("--weeks and --size must be at least 1"))
    if pool_size is not None and pool_size < 1000:
        _fail(say("--pool-size: %(size)s is too small (at least 1000)", size=pool_size))
    with _user_errors():
        kinds = [draws.resolve_category(c) for c in category]
        chosen = [scenarios.named(s) for s in scenario]
        rounds = draws.list_rounds()
        start = simulate.starting_round(rounds, round_number)
        pattern: list[schedule.Pattern] = []
        if kinds:
            each = size or 3000
            plans = [simulate.Plan(kinds[w % len(kinds)], each) for w in range(weeks)]
        else:
            plans, pattern = schedule.recent_plans(rounds, start, weeks, size, pool_size)
            if not plans:
                _fail(say("no round of the recent pattern falls in %(weeks)s weeks", weeks=weeks))
        found = fit.fit(rounds, start) if fitted else None
        with scale.cluster(dask, dask_timeout) as client, sim_view.progress_bar() as progress:
            result = simulate.simulate(
                start, plans, scenarios=chosen, pool_size=pool_size, seed=seed,
                client=client, progress=progress, fitted=found,
            )  # fmt: skip
    if as_json:
        _print_json(result.to_json() | {"schedule": [p.to_json() for p in pattern]})
    else:
        if pattern:
            Console().print(schedule.describe(pattern, result.start), highlight=False)
        sim_view.print_simulation(Console(), result)


@app.command("sweep")
def draws_sweep(
    scenario: list[str] = typer.Option(
        [], "--scenario", help="job-offer-restored or a rule scenario (crs-2026-11); repeatable."
    ),
    profiles: int = typer.Option(1_000_000, "--profiles", help="Synthetic candidates to score."),
    top: float = typer.Option(
        1.3,
        "--top",
        help="Report the cut-off for inviting this percentage (1.3: 3,000 of a 229,100 pool).",
    ),
    on: str | None = typer.Option(None, "--on", help="Score with the rules of this date."),
    seed: int = typer.Option(0, "--seed", help="Random seed: the same seed, the same result."),
    dask: str | None = typer.Option(
        None, "--dask", help="Score on a Dask cluster: a scheduler address, or 'local'."
    ),
    dask_timeout: float = typer.Option(
        scale.CONNECT_TIMEOUT_S, "--dask-timeout", help="Seconds to wait for the scheduler."
    ),
    as_json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Score one synthetic pool under the baseline rules and each scenario.

    In chunks (here, or on a Dask cluster); compares mean scores and the cut-off for
    inviting the top few percent.

    Example: maplepath draws sweep --profiles 200000 --scenario job-offer-restored
    """
    day = _date(on)
    if profiles < 1:
        _fail(say("--profiles must be at least 1"))
    if not 0 < top <= 100:
        _fail(say("--top: %(top)s is not a percentage above 0", top=top))
    with _user_errors():
        chosen = [scenarios.named("baseline"), *(scenarios.named(s) for s in scenario)]
        with scale.cluster(dask, dask_timeout) as client, sim_view.progress_bar() as progress:
            result = scale.sweep(chosen, profiles, day, seed, client=client, progress=progress)
    rows = sim_view.sweep_rows(result, top / 100)
    data = {"on": day.isoformat(), "profiles": profiles, "top_percent": top,
            "seed": seed, "scenarios": rows}  # fmt: skip
    if as_json:
        _print_json(data)
    else:
        sim_view.print_sweep(Console(), data)
