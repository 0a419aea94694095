"""How far off the recent-rounds prediction was, per kind of round, for ``draws odds``.

The odds describe the last ``months`` of rounds. Over the same window, ``backtest`` predicts
each round's cut-off from the rounds before it; the mean of (predicted - actual) per kind of
round is that kind's bias: below zero, the rounds cut off higher than the recent ones
suggested. The odds state it per kind, so a reader knows which way the history has been
misleading lately.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from maplepath.draws import backtest
from maplepath.draws.odds import Odds
from maplepath.draws.rounds import Round
from maplepath.i18n import decimal, say


def odds_bias(found: Odds, rounds: Iterable[Round]) -> dict[str, backtest.Score]:
    """Per kind of round in ``found``: the backtest score of its rounds in the odds window
    (each predicted from the rounds before it). Kinds with no round there are left out."""
    held = [r for r in rounds if r.date <= found.on]
    try:
        result = backtest.backtest(held, found.window_from, until=found.on)
    except backtest.BacktestError:
        return {}
    kinds = {d.draw_type for d in found.draw_types}
    return {k: s for k, s in result.by_category().items() if k in kinds}


def label(draw_type: str) -> str:
    """``ee_category:french`` reads "french (category)", as in the odds table."""
    cid = draw_type.removeprefix(backtest.CATEGORY_PREFIX)
    return cid if cid == draw_type else say("%(category)s (category)", category=cid)


def sentence(draw_type: str, s: backtest.Score) -> str:
    """One kind's bias, for the person: how far, which way, from how many rounds."""
    points = decimal(format(abs(s.bias), "g"))
    if abs(s.bias) < 0.5:
        way = say("predicted within half a point on average")
    elif s.bias < 0:
        way = say("predicted %(points)s points too low on average", points=points)
    else:
        way = say("predicted %(points)s points too high on average", points=points)
    mae = decimal(format(s.mae, "g"))
    if s.n == 1:
        return say(
            "%(kind)s: %(way)s (1 round; error %(mae)s)", kind=label(draw_type), way=way, mae=mae
        )
    return say(
        "%(kind)s: %(way)s (%(n)s rounds; mean error %(mae)s)",
        kind=label(draw_type),
        way=way,
        n=s.n,
        mae=mae,
    )


def lines(found: Odds, biases: dict[str, backtest.Score]) -> list[str]:
    """The text ``draws odds`` prints: a heading, then a line per kind, in the table's order."""
    rows = [sentence(d.draw_type, biases[d.draw_type]) for d in found.draw_types
            if d.draw_type in biases]  # fmt: skip
    if not rows:
        return []
    head = say(
        "Cut-offs since %(since)s, each predicted from the rounds before it (maplepath draws "
        "backtest):",
        since=found.window_from,
    )
    return [head, *(f"  {row}" for row in rows)]


def with_bias(
    data: dict[str, Any], found: Odds, biases: dict[str, backtest.Score]
) -> dict[str, Any]:
    """``draws odds --json`` with each row's ``bias`` (mean predicted - actual, CRS points, or
    null) and ``backtest`` ({since, rounds, mae, bias} or null)."""
    rows = []
    for row in data["draw_types"]:
        s = biases.get(row["draw_type"])
        extra: dict[str, Any] = {"bias": None, "backtest": None}
        if s is not None:
            extra = {
                "bias": s.bias,
                "backtest": {"since": found.window_from.isoformat(), "rounds": s.n,
                             "mae": s.mae, "bias": s.bias},
            }  # fmt: skip
        rows.append(row | extra)
    return data | {"draw_types": rows}
