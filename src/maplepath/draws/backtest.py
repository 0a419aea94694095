"""How well past rounds predicted the next one: a walk-forward backtest of the cut-offs.

Every round held after ``train_until`` is predicted from the rounds held before it (strictly
earlier days: a round never sees itself or a round of the same day), and the prediction is
compared with the cut-off IRCC published. Two methods:

- ``recent`` (the default): for each kind of round (``rounds.category_of``), a summary of the
  cut-offs of the latest rounds of that kind: the last one, the median or mean of the last
  k, or an exponentially weighted mean. Which estimator a kind uses is chosen on the training
  period alone (the rounds up to ``train_until``, each predicted walk-forward from those
  before it): a kind with at least ``MIN_TRAINING`` training rounds takes the estimator with
  the lowest mean absolute error on its own rounds, the others the best over every kind. The
  choice is then frozen for the whole test period. A kind's first round ever has nothing of
  its kind to go on: it is predicted by the median cut-off of the rounds of its family (the
  category-based rounds, or the others) in the 12 months before it, and marked so.
- ``simulation``: the pool simulation (``simulate``) started from the latest pool distribution
  published before the round, holding one round of the round's kind and size (scaled to the
  simulated pool). It knows the round's size, which the recent method does not, and its
  synthetic pool is not fitted per category: see the figures in README.md.

The figures describe how such predictions did in the past; they promise nothing of the next
round.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from maplepath.draws.rounds import Round
from maplepath.draws.stats import months_before
from maplepath.i18n import decimal, say

METHODS = ("recent", "simulation")
MIN_TRAINING = 5  # training rounds a kind needs to choose its own estimator
SELECTION_MONTHS = 24  # the estimator is chosen on the training rounds of the last 24 months
SIM_POOL = 50_000  # candidates in each simulated pool (round sizes scaled to it)
CATEGORY_PREFIX = "ee_category:"


class BacktestError(ValueError):
    """Nothing to backtest: no rounds imported, or none after the date asked."""


@dataclass(frozen=True)
class Estimator:
    """A summary of the latest cut-offs of one kind of round."""

    kind: str  # last | median | mean | ewma
    param: float = 1

    @property
    def name(self) -> str:
        if self.kind == "last":
            return "last"
        if self.kind == "ewma":
            return f"ewma_{self.param:g}"
        return f"{self.kind}_{int(self.param)}"

    def predict(self, history: Sequence[int]) -> float:
        """The next cut-off from the earlier ones (oldest first, at least one)."""
        if self.kind == "last":
            return float(history[-1])
        if self.kind == "median":
            return float(statistics.median(history[-int(self.param) :]))
        if self.kind == "mean":
            return float(statistics.fmean(history[-int(self.param) :]))
        value = float(history[0])
        for cutoff in history[1:]:
            value = self.param * cutoff + (1 - self.param) * value
        return value


# In order of preference at equal training error: the simplest first.
ESTIMATORS: tuple[Estimator, ...] = (
    Estimator("last"),
    *(Estimator("median", k) for k in (2, 3, 4, 5, 6, 8)),
    *(Estimator("mean", k) for k in (2, 3, 4, 6)),
    *(Estimator("ewma", a) for a in (0.7, 0.5, 0.3, 0.2)),
)
FIRST_OF_ITS_KIND = "first_of_its_kind"


@dataclass(frozen=True)
class Prediction:
    number: str
    date: date
    category: str
    predicted: float
    actual: int
    basis: str  # the estimator's name, FIRST_OF_ITS_KIND, or "simulation"

    @property
    def error(self) -> float:
        return round(self.predicted - self.actual, 1)

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number, "date": self.date.isoformat(), "category": self.category,
            "predicted": _number(self.predicted), "actual": self.actual,
            "error": _number(self.error), "basis": self.basis,
        }  # fmt: skip


@dataclass(frozen=True)
class Score:
    n: int
    mae: float  # mean absolute error, CRS points
    bias: float  # mean of predicted - actual: below 0, predictions were too low

    def to_json(self) -> dict[str, Any]:
        return {"n": self.n, "mae": self.mae, "bias": self.bias}


def score(predictions: Iterable[Prediction]) -> Score:
    errors = [p.predicted - p.actual for p in predictions]
    if not errors:
        return Score(0, 0.0, 0.0)
    mae = statistics.fmean(abs(e) for e in errors)
    return Score(len(errors), round(mae, 1), round(statistics.fmean(errors), 1))


@dataclass(frozen=True)
class Backtest:
    train_until: date
    method: str
    predictions: tuple[Prediction, ...]
    chosen: dict[str, str]  # kind of round -> estimator (recent method)
    skipped: tuple[str, ...] = ()  # rounds the method could not predict (their numbers)

    @property
    def overall(self) -> Score:
        return score(self.predictions)

    def by_category(self) -> dict[str, Score]:
        kinds: dict[str, list[Prediction]] = {}
        for p in self.predictions:
            kinds.setdefault(p.category, []).append(p)
        ordered = sorted(kinds.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        return {kind: score(ps) for kind, ps in ordered}

    def to_json(self) -> dict[str, Any]:
        """DESIGN.md's shape (``rounds``, ``mae``, ``by_category``), with the bias, the
        method, and every prediction (``predictions``)."""
        overall, kinds = self.overall, self.by_category()
        return {
            "train_until": self.train_until.isoformat(),
            "method": self.method,
            "rounds": overall.n,
            "mae": overall.mae,
            "bias": overall.bias,
            "overall": overall.to_json(),
            "by_category": {
                k: {"rounds": s.n, "mae": s.mae, "bias": s.bias} for k, s in kinds.items()
            },
            "categories": {
                k: s.to_json() | {"estimator": self.chosen.get(k, self.method)}
                for k, s in kinds.items()
            },
            "estimators": dict(sorted(self.chosen.items())),
            "predictions": [p.to_json() for p in self.predictions],
            "skipped": list(self.skipped),
        }


def backtest(
    rounds: Iterable[Round],
    train_until: date,
    method: str = "recent",
    *,
    until: date | None = None,
    pool_size: int = SIM_POOL,
    seed: int = 0,
) -> Backtest:
    """Every round after ``train_until`` (and on or before ``until``, when given) predicted
    from the rounds before it. Raises BacktestError when there is nothing to predict."""
    if method not in METHODS:
        raise BacktestError(
            say(
                "no backtest method %(method)s; known: %(known)s",
                method=repr(method),
                known=", ".join(METHODS),
            )
        )
    held = sorted((r for r in rounds if r.cutoff is not None), key=lambda r: r.order)
    if not held:
        raise BacktestError(say("no rounds imported: run maplepath draws update"))
    tested = [r for r in held if r.date > train_until and (until is None or r.date <= until)]
    if not tested:
        raise BacktestError(
            say(
                "no round after %(date)s to predict (the latest imported is of %(latest)s): "
                "choose an earlier --train-until",
                date=train_until,
                latest=held[-1].date,
            )
        )
    if method == "simulation":
        found, skipped = _simulated(held, tested, pool_size, seed)
        return Backtest(train_until, method, tuple(found), {}, tuple(skipped))
    chosen = choose(held, train_until)
    return Backtest(train_until, method, tuple(_recent(held, tested, chosen)), chosen)


def walk_forward(held: Sequence[Round], estimator: Estimator) -> dict[str, float | None]:
    """Every round's prediction from the earlier rounds of its kind (None: none earlier)."""
    history: dict[str, list[int]] = {}
    out: dict[str, float | None] = {}
    pending: list[Round] = []
    for i, r in enumerate(held):
        pending.append(r)
        if i + 1 < len(held) and held[i + 1].date == r.date:
            continue  # rounds of one day see only the days before
        for p in pending:
            earlier = history.get(p.category)
            out[p.number] = estimator.predict(earlier) if earlier else None
        for p in pending:
            history.setdefault(p.category, []).append(int(p.cutoff or 0))
        pending = []
    return out


def choose(held: Sequence[Round], train_until: date) -> dict[str, str]:
    """Per kind of round, the estimator with the lowest walk-forward error on the training
    rounds (the last SELECTION_MONTHS months up to ``train_until``); kinds with fewer than
    MIN_TRAINING of them get the best one over every kind. Key ``*``: that overall choice."""
    since = months_before(train_until, SELECTION_MONTHS)
    training = [r for r in held if since < r.date <= train_until]
    errors: dict[str, dict[str, list[float]]] = {}  # estimator -> kind -> |errors|
    for est in ESTIMATORS:
        predicted = walk_forward(held, est)
        per_kind = errors.setdefault(est.name, {})
        for r in training:
            if (p := predicted[r.number]) is not None:
                per_kind.setdefault(r.category, []).append(abs(p - int(r.cutoff or 0)))

    def best(kind: str | None) -> str:
        def mae(name: str) -> float:
            found = [e for k, es in errors[name].items() if kind is None or k == kind for e in es]
            return statistics.fmean(found) if found else float("inf")

        return min((e.name for e in ESTIMATORS), key=mae)  # min keeps the first of equals

    overall = best(None)
    kinds = {r.category for r in held}
    counts = {k: len(errors[ESTIMATORS[0].name].get(k, [])) for k in kinds}
    return {"*": overall} | {
        k: best(k) if counts[k] >= MIN_TRAINING else overall for k in sorted(kinds)
    }


def _recent(
    held: Sequence[Round], tested: Sequence[Round], chosen: dict[str, str]
) -> list[Prediction]:
    by_name = {e.name: e for e in ESTIMATORS}
    cache: dict[str, dict[str, float | None]] = {}
    out = []
    for r in tested:
        name = chosen.get(r.category, chosen["*"])
        if name not in cache:
            cache[name] = walk_forward(held, by_name[name])
        predicted = cache[name][r.number]
        basis = name
        if predicted is None:
            predicted, basis = _first_of_its_kind(held, r), FIRST_OF_ITS_KIND
        out.append(Prediction(r.number, r.date, r.category, predicted, int(r.cutoff or 0), basis))
    return out


def _first_of_its_kind(held: Sequence[Round], r: Round) -> float:
    """A kind's first round: the median cut-off of its family's rounds in the 12 months
    before it (category-based rounds, or the others), else of every earlier round."""
    since = months_before(r.date, 12)
    earlier = [e for e in held if e.date < r.date]
    family = r.category.startswith(CATEGORY_PREFIX)
    near = [
        int(e.cutoff or 0)
        for e in earlier
        if e.date > since and e.category.startswith(CATEGORY_PREFIX) == family
    ]
    pool = near or [int(e.cutoff or 0) for e in earlier]
    return float(statistics.median(pool)) if pool else 0.0


def _simulated(
    held: Sequence[Round], tested: Sequence[Round], pool_size: int, seed: int
) -> tuple[list[Prediction], list[str]]:
    """Each round simulated over the pool published last before it (imported here: the
    simulation scores a synthetic pool, which the recent method never needs)."""
    from maplepath.draws import fit, pool, simulate
    from maplepath.draws.scenarios import BASELINE

    kinds = set(pool.draw_types())
    out, skipped = [], []
    for r in tested:
        published = [e for e in held if e.date < r.date and e.distribution is not None]
        if r.category not in kinds or not published:
            skipped.append(r.number)
            continue
        start = published[-1]
        total = sum(pool.targets(start.pool() or {}).values())
        day0 = start.distribution_as_on or start.date
        # IRCC counts the pool the day before a week's first round: the rounds held between
        # that day and this one have already invited their candidates, so they are replayed
        # first (published before this round, at their real kinds, sizes and days).
        between = [e for e in held if day0 < e.date < r.date and e.category in kinds]
        plans = [
            simulate.Plan(
                e.category,
                max(1, round(e.invitations * pool_size / total)),
                day=max(1, (e.date - day0).days),
            )
            for e in [*between, r]
        ]
        fitted = fit.fit(held, start, before=r.date)
        sim = simulate.simulate(start, plans, pool_size=pool_size, seed=seed, fitted=fitted)
        cutoff = sim.rounds[-1].cutoffs[BASELINE]
        if cutoff is None:
            skipped.append(r.number)
            continue
        out.append(Prediction(r.number, r.date, r.category, float(cutoff), int(r.cutoff or 0),
                              "simulation"))  # fmt: skip
    return out, skipped


def heading(result: Backtest) -> str:
    """The backtest in one sentence: how many rounds, by which method, how far off."""
    overall = result.overall
    return say(
        "%(n)s rounds after %(date)s, each predicted from the rounds before it (method: "
        "%(method)s): mean error %(mae)s points, bias %(bias)s",
        n=overall.n,
        date=result.train_until,
        method=result.method,
        mae=decimal(format(overall.mae, "g")),
        bias=decimal(format(overall.bias, "+g")),
    )


def notes(result: Backtest) -> list[str]:
    """What a reader of the figures should know: first rounds of their kind, rounds left
    out, and which way the bias points."""
    out = []
    first = [p.number for p in result.predictions if p.basis == FIRST_OF_ITS_KIND]
    if first:
        out.append(
            say(
                "first round of its kind (predicted from its family's rounds of the 12 months "
                "before): %(rounds)s",
                rounds=", ".join(first),
            )
        )
    if result.skipped:
        out.append(
            say("not predicted by this method: rounds %(rounds)s", rounds=", ".join(result.skipped))
        )
    out.append(
        say(
            "bias below 0: the cut-offs came out higher than predicted. Past rounds do not "
            "promise future ones."
        )
    )
    return out


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else round(float(x), 1)
