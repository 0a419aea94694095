"""Language actions of the what-if catalogue: retake a test for higher levels, or take a first
test in English or French (for the applicant or the accompanying spouse).

A retake is planned per ability: either every ability below a level T is raised to T, or one
ability alone is raised by up to ``max_levels_per_retake`` levels. Levels run 4..10 (IRCC's
charts start at CLB 4; 10 is "10 and above"), so no action ever aims at a level already held.
A held result can also be renewed at the same levels (results count for two years). The new
result is recorded with the lowest score that reaches each target level on the chart
in force on the test date, and an unchanged ability keeps the lowest score of its level.
Durations: booking + preparation per level gained (an assumption, rule
``planner.actions.preparation``) + the wait for results of that test.

A first test is planned from level 4 (the lowest IRCC's charts list) at the same pace: a
target more than ``max_levels_per_retake`` above it takes several sittings, each with its
booking, preparation, wait and fee (NCLC 8 from nothing: a test at 6, then a retake at 8), never
one leap from no result to NCLC 10.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from maplepath.i18n import say
from maplepath.planner import action as act
from maplepath.profile import language
from maplepath.profile.facts import language_results
from maplepath.profile.model import LanguageTest, Profile, Scores, Spouse
from maplepath.rulebook.book import RuleBook

PREP_RULE = "planner.actions.preparation"
LEVELS = (0, 4, 5, 6, 7, 8, 9, 10)
FIRST_RESULT = 4  # the lowest level IRCC's charts give: a first result is at least this
ABBR = {"listening": "L", "reading": "R", "writing": "W", "speaking": "S"}


def test_rule(test: str) -> str:
    return f"planner.actions.tests.{test}"


def _test_data(test: str, on: date, book: RuleBook) -> dict[str, Any] | None:
    r = book.at(test_rule(test), on)
    if not r.in_force or r.value.get("results_days") is None:
        return None
    chart = book.at(language.rule_id(test), on)
    return dict(r.value) if chart.in_force else None


def _fastest(lang: str, on: date, book: RuleBook) -> str | None:
    """The accepted test of a language with the shortest known wait for results."""
    best: tuple[int, int, str] | None = None
    for test in language.TESTS:
        data = _test_data(test, on, book)
        chart = book.at(language.rule_id(test), on)
        if data is None or chart.value["language"] != lang:
            continue
        key = (int(data["results_days"]), int(data["fee_cad"] or 0), test)
        best = key if best is None or key < best else best
    return None if best is None else best[2]


def _options(current: dict[str, int], max_jump: int) -> list[dict[str, int]]:
    """Per-ability targets: raise all to a common level, or one ability alone."""
    idx = {a: LEVELS.index(current[a]) for a in language.ABILITIES}
    found: dict[tuple[int, ...], dict[str, int]] = {}
    low = min(idx.values())
    for t in range(low + 1, min(len(LEVELS) - 1, low + max_jump) + 1):
        target = {a: LEVELS[max(idx[a], t)] for a in language.ABILITIES}
        found.setdefault(tuple(target.values()), target)
    for a in language.ABILITIES:
        for k in range(1, max_jump + 1):
            if idx[a] + k < len(LEVELS):
                target = dict(current) | {a: LEVELS[idx[a] + k]}
                found.setdefault(tuple(target.values()), target)
    return list(found.values())


def _gained(current: dict[str, int], target: dict[str, int]) -> int:
    """Levels gained in the ability that gains most (CLB levels: from "none", 0, to CLB 4 is
    four levels of preparation, not one step of the chart)."""
    return max(target[a] - current[a] for a in language.ABILITIES)


def _start(person: Profile | Spouse, lang: str, default: int) -> int:
    """Where a first test in ``lang`` is planned from: the level the profile states (a course,
    the person's estimate; "none" is 0), else the rule's default (CLB 4)."""
    stated = getattr(person.language_levels, lang, None) if person.language_levels else None
    if stated is None:
        return default
    return 0 if stated == "none" else int(stated)


def actions(who: str, person: Profile | Spouse, on: date, book: RuleBook) -> list[act.Action]:
    prep = book.at(PREP_RULE, on)
    if not prep.in_force:
        return []
    p = prep.value
    best = language.best_by_language(language_results(person.language_tests, on, book))
    out: list[act.Action] = []
    for lang in ("english", "french"):
        held = best.get(lang)
        test = held.test if held and _test_data(held.test, on, book) else _fastest(lang, on, book)
        if test is None:
            continue
        data = _test_data(test, on, book)
        assert data is not None
        if held is not None:
            current = dict(held.clb)
            # Renewing at the same levels keeps the points of a result that would lapse (results
            # count for 2 years) before a long plan ends.
            options = [current, *_options(current, int(p["max_levels_per_retake"]))]
        else:
            start = _start(person, lang, int(p["new_test_from_level"]))
            current = dict.fromkeys(language.ABILITIES, start)
            first = max(start + 1, FIRST_RESULT)
            options = [dict.fromkeys(language.ABILITIES, t) for t in range(first, 11)]
        for target in options:
            out.append(_action(who, lang, test, data, p, current, target, held is not None, book))
    return out


def _action(
    who: str,
    lang: str,
    test: str,
    data: dict[str, Any],
    prep: dict[str, Any],
    current: dict[str, int],
    target: dict[str, int],
    retake: bool,
    book: RuleBook,
) -> act.Action:
    levels = "-".join(f"{ABBR[a]}{target[a]}" for a in language.ABILITIES)
    results = int(data["results_days"])
    stages = sittings(current, target, int(prep["max_levels_per_retake"]))
    lengths = [
        int(prep["booking_days"]) + int(prep["days_per_level"]) * _gained(start, end) + results
        for start, end in zip([current, *stages[:-1]], stages, strict=True)
    ]
    days = sum(lengths)
    renew = retake and target == current
    fee = data.get("fee_cad")

    def change(p: Profile, done_on: date) -> Profile:
        # Each sitting's result, dated as it comes: the last is ``done_on``'s.
        ends = [done_on - timedelta(days=sum(lengths[i + 1 :])) for i in range(len(stages))]
        new = [
            LanguageTest(
                test=test,
                date=end - timedelta(days=results),
                scores=_scores(test, end - timedelta(days=results), stage, book),
            )
            for stage, end in zip(stages, ends, strict=True)
        ]

        def edit(x: Profile | Spouse) -> Profile | Spouse:
            return x.model_copy(update={"language_tests": [*x.language_tests, *new]})

        return act.on_person(p, who, edit)

    return act.Action(
        id=f"{who}:{lang}:{'renew-' if renew else ''}{levels}",
        group=f"{who}:{lang}",
        track=f"{who}:language",
        title=_title(who, lang, language.TESTS[test], target, renew, retake, len(stages)),
        days=days,
        cost_cad=None if fee is None else fee * len(stages),
        rules=(test_rule(test), PREP_RULE, language.rule_id(test)),
        change=change,
        targets=tuple(target[a] for a in language.ABILITIES),
        sibling=lambda t: _action(who, lang, test, data, prep, current, t, retake, book),
    )


def sittings(current: dict[str, int], target: dict[str, int], pace: int) -> list[dict[str, int]]:
    """The results of each sitting from ``current`` to ``target``: no ability gains more than
    ``pace`` levels between two sittings (one sitting when the target is within reach)."""
    out: list[dict[str, int]] = []
    now = dict(current)
    while True:
        # At most ``pace`` levels a sitting, and a result is at least CLB 4 (the charts' lowest).
        step = {
            a: min(target[a], max(FIRST_RESULT, now[a] + pace)) if target[a] > now[a] else now[a]
            for a in language.ABILITIES
        }
        out.append(step)
        if step in (target, now):
            return out
        now = step


def _title(
    who: str,
    lang: str,
    test: str,
    target: dict[str, int],
    renew: bool,
    retake: bool,
    stages: int = 1,
) -> str:
    # English tests are read in CLB, French ones in NCLC (the same scale, IRCC's two names);
    # in French both are NCLC.
    bench = say("CLB") if lang == "english" else "NCLC"
    levels = say(
        "L%(listening)s R%(reading)s W%(writing)s S%(speaking)s",
        listening=target["listening"],
        reading=target["reading"],
        writing=target["writing"],
        speaking=target["speaking"],
    )
    if stages > 1:
        what = say(
            "take %(test)s in %(n)s sittings (at most 2 levels each) for %(bench)s %(levels)s",
            test=test,
            n=stages,
            bench=bench,
            levels=levels,
        )
        return what if who == "applicant" else say("spouse: %(what)s", what=what)
    if who == "applicant":
        if renew:
            return say(
                "renew %(test)s for %(bench)s %(levels)s", test=test, bench=bench, levels=levels
            )
        if retake:
            return say(
                "retake %(test)s for %(bench)s %(levels)s", test=test, bench=bench, levels=levels
            )
        return say("take %(test)s for %(bench)s %(levels)s", test=test, bench=bench, levels=levels)
    if renew:
        return say(
            "spouse: renew %(test)s for %(bench)s %(levels)s", test=test, bench=bench, levels=levels
        )
    if retake:
        return say(
            "spouse: retake %(test)s for %(bench)s %(levels)s",
            test=test,
            bench=bench,
            levels=levels,
        )
    return say(
        "spouse: take %(test)s for %(bench)s %(levels)s", test=test, bench=bench, levels=levels
    )


def _scores(test: str, taken: date, target: dict[str, int], book: RuleBook) -> Scores:
    """The lowest score per ability that reads as the target level on the chart of the test
    date (the scale's minimum for a level below CLB 4)."""
    chart = book.at(language.rule_id(test), taken).value
    out = {}
    for a in language.ABILITIES:
        level = target[a]
        out[a] = float(chart["clb"][a][level]) if level else float(chart["scale"][a]["min"])
    return Scores(**out)
