"""The person's odds: for each kind of round they could be invited in, how recent rounds went.

Since 2023-06-28 IRCC runs several kinds of rounds of invitations side by side: general rounds
(every Express Entry program, by CRS alone), rounds for one program (CEC, FSW, FST), rounds for
provincial nominees (whose CRS includes the 600 nomination points), and category-based rounds
(French, healthcare, STEM, ...). A candidate is invited in a round only if eligible for its
program or category, and only if their CRS is at or above the round's cut-off.

For each kind of round the person qualifies for (or might: eligibility ``unknown`` is listed
with the facts that would decide it, never dropped), this module measures over the last
``months`` before ``on``: how many rounds were held, the share whose cut-off was at or below the
person's score, and the expected wait for such a round at that recent frequency (the window's
length over the number of such rounds: the mean gap if they keep coming at the same rate).
Given a projected trajectory (month start, projected CRS: the planner's), it reports the first
month whose projection reaches the recent median cut-off, and, for a person at or above the
median today, the first month the projection falls below it (a language test expiring, a
birthday): the time left to be invited at today's pace.

Past rounds do not promise future ones: IRCC chooses each round's kind, size and timing (no
STEM round has been held since 2024-04-11), so these are descriptions of history, not
probabilities of an invitation.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from maplepath import programs
from maplepath.crs import scalar as crs
from maplepath.draws.rounds import Round
from maplepath.draws.stats import months_before
from maplepath.i18n import noop, say, word
from maplepath.profile.model import Profile
from maplepath.programs.verdict import Ternary, Verdict, and3, or3
from maplepath.rulebook.book import RuleBook

# The English text; ``word(CAVEAT)`` (or ``caveat()``) says it in the language in force.
CAVEAT = noop(
    "Past rounds do not promise future ones: IRCC chooses the kind, size and timing of every "
    "round, so these figures describe recent history, not the chance of an invitation."
)
PROGRAMS = programs.EXPRESS_ENTRY  # fsw, cec, fst: rounds for one program
STALE_DAYS = 45  # rounds come every two weeks or so; a longer gap means an old import
_ANSWER = {"eligible": True, "ineligible": False, "unknown": None}
_NAME = {True: "eligible", False: "ineligible", None: "unknown"}
# The programs as a sentence names them (French: TQF, CEC, TMSF).
_PROGRAM = {"fsw": noop("FSW"), "cec": noop("CEC"), "fst": noop("FST")}


def caveat() -> str:
    """What the odds are not, in the language in force."""
    return word(CAVEAT)


class NoRoundsError(ValueError):
    """No rounds imported, or none in the window: nothing to measure odds against."""


@dataclass(frozen=True)
class DrawOdds:
    """One kind of round: the person's eligibility, and how its recent rounds went."""

    draw_type: str  # general, cec, fsw, fst, pnp or ee_category:<id> (round category ids)
    eligibility: str  # eligible | ineligible | unknown
    reason: str
    needs: tuple[str, ...]  # facts that would decide an unknown eligibility
    rounds: int  # rounds of this kind in the window with a published cut-off
    at_or_below: int  # of them, rounds whose cut-off was at or below the person's score
    cutoffs: tuple[int, ...]  # the window's cut-offs, oldest first
    last_round: date | None  # the latest round of this kind ever imported
    window_days: int
    clears_median: tuple[date, int] | None = None  # first trajectory month reaching the median
    drops_below_median: tuple[date, int] | None = None  # ... falling below it, if at it now
    trajectory_given: bool = False

    @property
    def share(self) -> float | None:
        return self.at_or_below / self.rounds if self.rounds else None

    @property
    def median_cutoff(self) -> float | None:
        return statistics.median(self.cutoffs) if self.cutoffs else None

    @property
    def expected_wait_days(self) -> int | None:
        """The window over the number of rounds at or below the score (None when there were
        none: at that frequency no such round is expected)."""
        return round(self.window_days / self.at_or_below) if self.at_or_below else None

    def to_json(self) -> dict[str, Any]:
        median = self.median_cutoff
        out: dict[str, Any] = {
            "draw_type": self.draw_type,
            "eligibility": self.eligibility,
            "reason": self.reason,
            "needs": list(self.needs),
            "rounds": self.rounds,
            "at_or_below": self.at_or_below,
            "share": None if self.share is None else round(self.share, 3),
            "cutoff": {
                "min": min(self.cutoffs) if self.cutoffs else None,
                "median": None if median is None else _number(median),
                "max": max(self.cutoffs) if self.cutoffs else None,
                "last": self.cutoffs[-1] if self.cutoffs else None,
            },
            "last_round": None if self.last_round is None else self.last_round.isoformat(),
            "expected_wait_days": self.expected_wait_days,
        }
        if self.trajectory_given:
            out["trajectory_clears_median"] = _month(self.clears_median)
            out["trajectory_drops_below_median"] = _month(self.drops_below_median)
        return out


@dataclass(frozen=True)
class Odds:
    on: date
    crs: int
    months: int
    window_from: date  # the window is (window_from, on]
    rounds_in_window: int
    latest_round: date
    draw_types: tuple[DrawOdds, ...]
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def get(self, draw_type: str) -> DrawOdds:
        for d in self.draw_types:
            if d.draw_type == draw_type:
                return d
        raise KeyError(f"no draw type {draw_type!r}: {[d.draw_type for d in self.draw_types]}")

    def to_json(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "crs": self.crs,
            "months": self.months,
            "window": {"from": self.window_from.isoformat(), "to": self.on.isoformat()},
            "rounds_in_window": self.rounds_in_window,
            "latest_round": self.latest_round.isoformat(),
            "draw_types": [d.to_json() for d in self.draw_types],
            "warnings": list(self.warnings),
            "caveat": caveat(),
        }


def odds(
    profile: Profile,
    on: date,
    rounds: Iterable[Round],
    *,
    months: int = 12,
    trajectory: Sequence[tuple[date, int]] | None = None,
    scenarios: Iterable[str] = (),
    book: RuleBook | None = None,
) -> Odds:
    """The person's odds on ``on`` against the rounds held in the ``months`` before it.

    ``trajectory`` (optional): (month start, projected CRS) pairs, e.g. from the planner.
    Raises NoRoundsError when no round was held on or before ``on``.
    """
    if months < 1:
        raise ValueError(say("months must be at least 1, not %(months)s", months=months))
    scen = tuple(scenarios)
    held = sorted((r for r in rounds if r.date <= on), key=lambda r: r.order)
    if not held:
        raise NoRoundsError(
            say(
                "no Express Entry rounds imported on or before %(on)s: run maplepath draws update",
                on=on,
            )
        )
    result = crs.score(profile, on, scen, book)
    score = result.total
    start = months_before(on, months)
    window = [r for r in held if r.date > start]
    verdicts = {v.program: v for v in programs.evaluate_all(profile, on, book)}
    types = []
    for draw_type, answer, reason, needs in _eligibility(profile, on, verdicts):
        of_type = [r for r in window if r.category == draw_type and r.cutoff is not None]
        if answer is not True and not of_type and _closed(draw_type, verdicts):
            continue  # a category closed and silent in the window: nothing to say
        cutoffs = tuple(r.cutoff for r in of_type if r.cutoff is not None)
        ever = [r.date for r in held if r.category == draw_type]
        median = statistics.median(cutoffs) if cutoffs else None
        types.append(
            DrawOdds(
                draw_type=draw_type,
                eligibility=_NAME[answer],
                reason=reason,
                needs=needs,
                rounds=len(cutoffs),
                at_or_below=sum(c <= score for c in cutoffs),
                cutoffs=cutoffs,
                last_round=ever[-1] if ever else None,
                window_days=(on - start).days,
                clears_median=None if answer is False else _first(trajectory, median, above=True),
                drops_below_median=(
                    None
                    if answer is False or median is None or score < median
                    else _first(trajectory, median, above=False)
                ),
                trajectory_given=trajectory is not None,
            )
        )
    order = {"eligible": 0, "unknown": 1, "ineligible": 2}
    types.sort(key=lambda d: (order[d.eligibility], -(d.share or 0.0), -d.rounds, d.draw_type))
    warnings = list(result.warnings)
    if (on - held[-1].date).days > STALE_DAYS:
        warnings.append(
            say(
                "the latest round imported is of %(latest)s, %(days)s days before %(on)s: run "
                "maplepath draws update for newer rounds",
                latest=held[-1].date,
                days=(on - held[-1].date).days,
                on=on,
            )
        )
    return Odds(
        on=on,
        crs=score,
        months=months,
        window_from=start,
        rounds_in_window=len(window),
        latest_round=held[-1].date,
        draw_types=tuple(types),
        warnings=tuple(warnings),
    )


def _closed(draw_type: str, verdicts: dict[str, Verdict]) -> bool:
    v = verdicts.get(draw_type)
    return v is not None and v.status in ("closed", "not_yet_open")


def _eligibility(
    profile: Profile, on: date, verdicts: dict[str, Verdict]
) -> Iterable[tuple[str, bool | None, str, tuple[str, ...]]]:
    """(draw type, eligible?, why, facts that would decide) for every kind of round."""
    ee = [verdicts[p] for p in PROGRAMS if p in verdicts]
    any_program = or3(_ANSWER[v.verdict] for v in ee)
    eligible_for = [v.program for v in ee if v.verdict == "eligible"]
    needs = _needs(ee)
    if any_program is True:
        names = ", ".join(word(_PROGRAM.get(p, p.upper())) for p in eligible_for)
        why = say("eligible for %(programs)s", programs=names)
    elif any_program is False:
        why = say("not eligible for FSW, CEC or FST: only candidates in the pool are invited")
    else:
        why = say("eligibility for FSW, CEC or FST depends on missing facts")
    yield "general", any_program, why, () if any_program is not None else needs
    for v in ee:
        yield v.program, _ANSWER[v.verdict], _verdict_reason(v), _open_needs(v)
    yield _pnp(profile, on, any_program, needs)
    for pid, v in verdicts.items():
        if pid.startswith("ee_category:"):
            yield pid, _ANSWER[v.verdict], _verdict_reason(v), _open_needs(v)


def _pnp(
    profile: Profile, on: date, any_program: bool | None, ee_needs: tuple[str, ...]
) -> tuple[str, bool | None, str, tuple[str, ...]]:
    """Provincial nominee rounds invite only candidates with an Express Entry-aligned
    nomination (worth 600 CRS points), who must also meet an Express Entry program."""
    held = [n for n in profile.nominations if n.issued is None or n.issued <= on]
    aligned = or3(and3(n.express_entry_aligned, None if n.issued is None else True) for n in held)
    if not held:
        aligned = None
        why = say("no provincial nomination in the profile: PNP rounds invite nominees")
    elif aligned is True:
        why = say("holds an Express Entry-aligned provincial nomination (+600 CRS)")
    elif aligned is False:
        why = say("the nomination held is not Express Entry-aligned (a paper-based nomination)")
    else:
        why = say(
            "whether the nomination is Express Entry-aligned, or when it was issued, is missing"
        )
    answer = and3(aligned, any_program)
    needs = (
        () if answer is not None else (*(("nominations",) if aligned is None else ()), *ee_needs)
    )
    return "pnp", answer, why, tuple(dict.fromkeys(needs))


def _open_needs(v: Verdict) -> tuple[str, ...]:
    return v.needs if v.verdict == "unknown" else ()


def _needs(verdicts: Sequence[Verdict]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for v in verdicts:
        if v.verdict == "unknown":
            seen.update(dict.fromkeys(v.needs))
    return tuple(seen)


def _verdict_reason(v: Verdict) -> str:
    """The first criterion that decides the verdict (unmet, else unknown), or 'all met'."""
    for status in (Ternary.unmet, Ternary.unknown):
        for c in v.criteria:
            if c.status == status:
                return say("%(criterion)s: %(detail)s", criterion=c.id, detail=c.detail)
    return say("every criterion met")


def _first(
    trajectory: Sequence[tuple[date, int]] | None, median: float | None, *, above: bool
) -> tuple[date, int] | None:
    """The first projected month at or above the median (``above``), or below it."""
    if trajectory is None or median is None:
        return None
    for month, projected in sorted(trajectory):
        if (projected >= median) == above:
            return month, projected
    return None


def _month(found: tuple[date, int] | None) -> dict[str, Any] | None:
    return None if found is None else {"month": found[0].strftime("%Y-%m"), "crs": found[1]}


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else round(float(x), 1)


def invitation_wait(found: Odds) -> tuple[int, int, int] | None:
    """How long after entering the pool an invitation typically comes, at the recent pace of
    the rounds the person could enter whose cut-off was at or below their score: (median days,
    days by which 9 in 10 would be invited, such rounds in the window); None when there were
    none. Rounds are taken to come at their window's average rate, independently (a Poisson
    process): the wait for the first is exponential, its median ln 2 and its 90th percentile
    ln 10 times the mean gap. A description of recent history, not a promise."""
    mine = [d for d in found.draw_types if d.eligibility == "eligible" and d.at_or_below]
    total = sum(d.at_or_below for d in mine)
    if not total:
        return None
    gap = mine[0].window_days / total
    return round(gap * math.log(2)), round(gap * math.log(10)), total


def chance(found: Odds, days: int) -> tuple[float, float, float, int] | None:
    """The chance of an invitation within ``days`` at the recent pace of the rounds the person
    could enter that cut off at or below their score, as in ``invitation_wait`` (rounds at
    their window's average rate: 1 - e^(-rate x days)); with a range from the count's own
    uncertainty (k +/- sqrt(k) rounds: few rounds, a wide range) and the count k. None when the
    person can enter no kind of round that was held in the window."""
    mine = [d for d in found.draw_types if d.eligibility == "eligible" and d.rounds]
    if not mine:
        return None
    k = sum(d.at_or_below for d in mine)
    window = mine[0].window_days

    def p(rounds: float) -> float:
        return 1 - math.exp(-rounds / window * days)

    spread = math.sqrt(k)
    return p(k), p(max(0.0, k - spread)), p(k + spread), k
