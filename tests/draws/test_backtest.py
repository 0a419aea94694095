"""The walk-forward backtest: only earlier rounds inform a prediction, the estimator is chosen
on the training period alone, and the figures in README.md are the ones it produces."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from maplepath.draws import backtest
from maplepath.draws.backtest import ESTIMATORS, FIRST_OF_ITS_KIND, Estimator
from maplepath.draws.rounds import Round, parse_rounds

from . import reference_file

README = Path(__file__).resolve().parents[2] / "README.md"
TRAIN_UNTIL = date(2025, 6, 30)


def rnd(number: int, day: date, category: str, cutoff: int | None, size: int = 1000) -> Round:
    return Round(str(number), day, category, category, (), size, cutoff, None, None, None, None)


def series(category: str, cutoffs: list[int], start: date, every: int = 14, first: int = 1):
    return [
        rnd(first + i, start + timedelta(days=every * i), category, c)
        for i, c in enumerate(cutoffs)
    ]


def test_estimators_summarise_the_latest_cutoffs() -> None:
    history = [500, 510, 530, 520]
    assert Estimator("last").predict(history) == 520
    assert Estimator("median", 3).predict(history) == 520
    assert Estimator("mean", 2).predict(history) == 525
    assert Estimator("ewma", 0.5).predict([500, 520]) == 510
    assert len({e.name for e in ESTIMATORS}) == len(ESTIMATORS)


def test_each_round_is_predicted_from_earlier_days_only() -> None:
    day = date(2026, 1, 5)
    rounds = [
        rnd(1, day, "cec", 500),
        rnd(2, day + timedelta(days=14), "cec", 520),
        rnd(3, day + timedelta(days=14), "cec", 900),  # the same day: neither sees the other
        rnd(4, day + timedelta(days=28), "pnp", 700),
    ]
    predicted = backtest.walk_forward(rounds, Estimator("last"))
    assert predicted == {"1": None, "2": 500.0, "3": 500.0, "4": None}


def test_the_estimator_is_chosen_on_the_training_rounds_alone() -> None:
    start = date(2024, 1, 1)
    # Alternating cut-offs: the median of the last two beats the last one in training.
    training = series("cec", [500, 520] * 10, start)
    after = start + timedelta(days=14 * 20)
    tested = series("cec", [600, 610, 620], after, first=100)
    chosen = backtest.choose(training + tested, after - timedelta(days=1))
    assert chosen["cec"] == "median_2"
    # Whatever the test period holds, the choice stays: no peeking.
    other = series("cec", [505, 505, 505], after, first=100)
    assert backtest.choose(training + other, after - timedelta(days=1)) == chosen
    result = backtest.backtest(training + tested, after - timedelta(days=1))
    assert [p.predicted for p in result.predictions] == [510.0, 560.0, 605.0]
    assert result.overall.n == 3 and result.overall.bias < 0  # rising cut-offs: too low


def test_a_kind_with_few_training_rounds_takes_the_overall_choice() -> None:
    start = date(2024, 1, 1)
    rounds = series("cec", [500, 520] * 10, start) + series(
        "ee_category:trades", [430, 440], start, every=100, first=50
    )
    chosen = backtest.choose(rounds, date(2025, 1, 1))
    assert chosen["ee_category:trades"] == chosen["*"]


def test_the_first_round_of_a_kind_uses_its_family() -> None:
    start = date(2026, 1, 5)
    rounds = [
        rnd(1, start, "ee_category:french", 400),
        rnd(2, start + timedelta(days=1), "ee_category:healthcare", 460),
        rnd(3, start + timedelta(days=2), "cec", 520),
        rnd(4, start + timedelta(days=30), "ee_category:military", 368),
    ]
    result = backtest.backtest(rounds, start + timedelta(days=10))
    (p,) = result.predictions
    assert (p.basis, p.predicted, p.error) == (FIRST_OF_ITS_KIND, 430.0, 62.0)


def test_nothing_to_backtest_is_a_clear_error() -> None:
    with pytest.raises(backtest.BacktestError, match="draws update"):
        backtest.backtest([], TRAIN_UNTIL)
    rounds = series("cec", [500, 510], date(2025, 1, 1))
    with pytest.raises(backtest.BacktestError, match="latest imported is of 2025-01-15"):
        backtest.backtest(rounds, date(2025, 2, 1))
    with pytest.raises(backtest.BacktestError, match="no backtest method"):
        backtest.backtest(rounds, date(2024, 12, 1), "oracle")
    # Rounds without a published cut-off are not predicted.
    blank = [*rounds, rnd(9, date(2025, 3, 1), "cec", None)]
    assert backtest.backtest(blank, date(2025, 1, 10)).overall.n == 1


@pytest.fixture(scope="module")
def reference() -> list[Round]:
    return parse_rounds(reference_file().read_bytes())


def test_the_recent_method_meets_the_goal_on_the_reference_rounds(
    reference: list[Round],
) -> None:
    result = backtest.backtest(reference, TRAIN_UNTIL)
    data = result.to_json()
    assert data["rounds"] == len(data["predictions"]) == 81
    assert data["mae"] == data["overall"]["mae"] <= 25
    assert sum(c["rounds"] for c in data["by_category"].values()) == 81
    assert set(data["categories"]) == set(data["by_category"])
    assert all(p["date"] > "2025-06-30" for p in data["predictions"])
    for p in data["predictions"]:
        assert p["error"] == pytest.approx(p["predicted"] - p["actual"], abs=0.11)


def readme_rows() -> dict[str, list[str]]:
    """The figures table of README.md's draws section: kind -> its cells."""
    text = README.read_text(encoding="utf-8")
    m = re.search(r"<!-- backtest figures.*?-->\n(.*?)\n\n", text, re.DOTALL)
    assert m, "README.md has no <!-- backtest figures --> table"
    rows = [line.strip("|").split("|") for line in m[1].splitlines()[2:]]
    return {cells[0].strip(): [c.strip() for c in cells[1:]] for cells in rows}


def test_the_readme_figures_are_what_the_backtest_produces(reference: list[Round]) -> None:
    result = backtest.backtest(reference, TRAIN_UNTIL)
    expected = {
        f"`{kind}`": [str(s.n), f"{s.mae:g}", f"{s.bias:+g}"]
        for kind, s in result.by_category().items()
    }
    o = result.overall
    expected["**overall**"] = [f"**{o.n}**", f"**{o.mae:g}**", f"**{o.bias:+g}**"]
    assert {k: v[:3] for k, v in readme_rows().items()} == expected


def test_the_simulation_method_predicts_a_round_from_the_pool_before_it(
    reference: list[Round],
) -> None:
    result = backtest.backtest(
        reference, date(2026, 8, 3), "simulation", until=date(2026, 8, 5), pool_size=10_000
    )
    assert [p.number for p in result.predictions] == ["431", "432"]
    assert all(p.basis == "simulation" and p.predicted > 300 for p in result.predictions)
    assert result.to_json()["method"] == "simulation"


def test_the_simulation_replays_the_rounds_held_since_the_pool_was_counted(
    reference: list[Round], monkeypatch: pytest.MonkeyPatch
) -> None:
    # IRCC counted the pool of rounds 431-434 on 2026-08-03; round 432 (CEC, 2026-08-05) came
    # after round 431 (PNP, 2026-08-04), whose invitations have left the pool by then.
    from maplepath.draws import simulate

    seen: list[list[tuple[str, int | None]]] = []
    real = simulate.simulate

    def spy(start: Round, plans: list[simulate.Plan], **kw: object) -> simulate.Simulation:
        seen.append([(p.draw_type, p.day) for p in plans])
        return real(start, plans, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(simulate, "simulate", spy)
    backtest.backtest(
        reference, date(2026, 8, 4), "simulation", until=date(2026, 8, 5), pool_size=10_000
    )
    assert seen == [[("pnp", 1), ("cec", 2)]]
