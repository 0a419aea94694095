"""The Comprehensive Ranking System score, explained line by line.

Four sections (IRCC, CRS criteria): A core human capital (age, education, official languages,
Canadian work experience); B spouse or common-law partner factors; C skill transferability
(capped at 50 per group and 100 in all); D additional points (nomination, sibling, French,
Canadian education, arranged employment), capped at 600; 1,200 in all. Every line names the
rule and the date that rule took effect. The same ``crs_tables`` drive ``batch``.

How a score stays fast (issue 3, under 200 microseconds with its lines): ``_points`` reads
every line's points from the tables once, as plain integers; the sections are summed from those
integers, and the wording of the lines (``wording``, in the language in force) is built only for
the result being explained. Comparing the two orders of official languages, and the other
arrangement of a couple, needs totals only, so no wording is built for them. Because points,
sections and explanations all come from the one ``_points`` list, the explained score and the
points-only one cannot disagree (tests/test_equivalences.py checks it on arbitrary inputs).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from itertools import repeat
from typing import Any, NamedTuple

from maplepath import i18n
from maplepath.crs import inputs as crs_inputs
from maplepath.crs import shared as crs_shared
from maplepath.crs import tables as crs_tables
from maplepath.crs import wording
from maplepath.crs.inputs import ABILITIES, CrsInputs
from maplepath.crs.result import CrsResult, Line
from maplepath.crs.tables import CrsTables
from maplepath.i18n import noop, say, word
from maplepath.profile.model import Profile
from maplepath.rulebook.book import RuleBook, default

EARLIEST = date(2015, 1, 1)  # Express Entry and the CRS began on 2015-01-01
SECTIONS = ("core", "spouse", "transferability", "additional")


_LAYOUT, _FIRST_LINES, _SECOND_LINE = wording.LAYOUT, wording.FIRST_LINES, wording.SECOND_LINE
_new_line = tuple.__new__


class _Scalar(NamedTuple):
    """One compiled table set as the scalar path reads it: nested lists (indexing a list is ten
    times faster than reading a numpy scalar) and, per layout (without, with a spouse), the
    columns of its lines that do not depend on the candidate or the language: rule, effective
    date and section."""

    t: Any
    columns: tuple[tuple[tuple[Any, ...], ...], ...]


_SCALAR: dict[int, tuple[CrsTables, _Scalar]] = {}


def _scalar(t: CrsTables) -> _Scalar:
    found = _SCALAR.get(id(t))
    if found is None or found[0] is not t:  # an id can be reused once a table set is gone
        if len(_SCALAR) > 4096:
            _SCALAR.clear()
        columns = tuple(
            (
                tuple(r for _, _, r in layout),
                tuple(t.sources[r].effective_from for _, _, r in layout),
                tuple(s for s, _, _ in layout),
            )
            for layout in _LAYOUT
        )
        found = _SCALAR[id(t)] = (t, _Scalar(t, columns))
    return found[1]


def _points(i: CrsInputs, t: Any) -> list[int]:
    """The points of every line, in ``_LAYOUT`` order, before the section caps. This is the
    one place that reads the tables; sections and explanations are built from its result."""
    w = 1 if i.with_spouse else 0
    first, second = t.first_language[w], t.second_language
    low = min(i.first_l, i.first_r, i.first_w, i.first_s)
    row = crs_tables.TRANSFER_ROW[i.education]
    fy = i.foreign_years
    frow = 2 if fy >= 3 else 1 if fy >= 1 else 0
    lc, cc = _level_col(low, t.language_levels), _can_col(i.canadian_years)
    age = i.age if i.age < crs_tables.MAX_AGE else crs_tables.MAX_AGE
    second_sum = second[i.second_l] + second[i.second_r] + second[i.second_w] + second[i.second_s]
    second_cap = t.second_language_cap[w]
    pts = [
        t.age[w][age],
        t.education[w][i.education],
        first[i.first_l],
        first[i.first_r],
        first[i.first_w],
        first[i.first_s],
        second_sum if second_sum < second_cap else second_cap,
        t.canadian_experience[w][i.canadian_years],
    ]
    if w:
        sl = t.spouse_language
        spouse_sum = sl[i.spouse_l] + sl[i.spouse_r] + sl[i.spouse_w] + sl[i.spouse_s]
        spouse_cap = t.spouse_language_cap
        pts += (
            t.spouse_education[i.spouse_education],
            spouse_sum if spouse_sum < spouse_cap else spouse_cap,
            t.spouse_canadian_experience[i.spouse_canadian_years],
        )
    pts += (
        t.edu_language[row][lc],
        t.edu_canadian[row][cc],
        t.foreign_language[frow][lc],
        t.foreign_canadian[frow][cc],
        t.certificate[_level_col(low, t.certificate_levels) if i.certificate else 0],
        t.nomination if i.nomination else 0,
        t.sibling if i.sibling else 0,
        t.french[_french_col(i, t.french_levels)],
        t.canadian_education[i.canadian_education],
        t.job_offer[i.job_offer],
    )
    return pts


def _sections(pts: list[int], with_spouse: bool, t: Any) -> dict[str, int]:
    """Section totals with their caps: core (by spouse column), spouse (40), transferability
    (50 per group, 100 in all), additional (600). Caps are applied with ``x if x < cap else
    cap`` rather than ``min``: the builtin call costs more than the rest of a score's sums."""
    if with_spouse:
        core, core_cap = sum(pts[:8]), t.core_cap[1]
        spouse, spouse_cap = pts[8] + pts[9] + pts[10], t.spouse_cap
        spouse = spouse if spouse < spouse_cap else spouse_cap
        k = 11  # where transferability starts
    else:
        core, core_cap, spouse, k = sum(pts[:8]), t.core_cap[0], 0, 8
    caps = t.transfer_caps
    education, foreign, certificate, cap = (
        caps["education"],
        caps["foreign_experience"],
        caps["certificate"],
        caps["total"],
    )
    e, f, c = pts[k] + pts[k + 1], pts[k + 2] + pts[k + 3], pts[k + 4]
    transfer = (
        (e if e < education else education)
        + (f if f < foreign else foreign)
        + (c if c < certificate else certificate)
    )
    additional, additional_cap = sum(pts[k + 5 :]), t.additional_cap
    return {
        "core": core if core < core_cap else core_cap,
        "spouse": spouse,
        "transferability": transfer if transfer < cap else cap,
        "additional": additional if additional < additional_cap else additional_cap,
    }


def _details(i: CrsInputs, t: Any) -> list[str]:
    """What each line counted, in the language in force (only for a result being explained)."""
    return wording.details(i, t, _french_col(i, t.french_levels))


def _explain(i: CrsInputs, s: _Scalar, pts: list[int], details: list[str]) -> list[Line]:
    w = 1 if i.with_spouse else 0
    rules, since, sections = s.columns[w]
    factors = wording.words().factors[w]
    # zip builds each line's tuple in C; tuple.__new__ makes it a Line without a Python call.
    return list(
        map(
            _new_line, repeat(Line), zip(factors, pts, rules, since, details, sections, strict=True)
        )
    )


def score_inputs(
    i: CrsInputs, t: CrsTables, explain: bool = True
) -> tuple[dict[str, int], list[Line]]:
    """Points per section and the explained lines for one ``CrsInputs`` (no lines when
    ``explain`` is False: then no wording is built at all)."""
    s = _scalar(t)
    pts = _points(i, s.t)
    sections = _sections(pts, i.with_spouse, s.t)
    return sections, _explain(i, s, pts, _details(i, s.t)) if explain else []


def _level_col(min_clb: int, levels: tuple[int, int]) -> int:
    """A transferability column (0, 1, 2) from the LOWEST of the four first-language levels."""
    return 2 if min_clb >= levels[1] else 1 if min_clb >= levels[0] else 0


def _can_col(years: int) -> int:
    return 2 if years >= 2 else 1 if years == 1 else 0


def _french_col(i: CrsInputs, levels: tuple[int, int]) -> int:
    first = min(i.first_l, i.first_r, i.first_w, i.first_s)
    second = min(i.second_l, i.second_r, i.second_w, i.second_s)
    french, english = (first, second) if i.first_is_french else (second, first)
    if french < levels[0]:
        return 0
    return 2 if english >= levels[1] else 1


def total_of(sections: dict[str, int], t: CrsTables) -> int:
    return min(sum(sections.values()), t.total_cap)


# What a reported CRS change scores (``basis`` in its rule file), as a warning names it.
BASIS = {
    "canadian_work_experience": noop("Canadian work experience"),
    "job_offer": noop("a job offer"),
}


def reported_warnings(on: date, scenarios: Iterable[str], book: RuleBook) -> list[str]:
    """Reported or proposed CRS changes dated on or before ``on`` that are not being applied."""
    return list(_reported(on, frozenset(scenarios), book, i18n.current()))


@lru_cache(maxsize=512)
def _reported(on: date, applied: frozenset[str], book: RuleBook, lang: str) -> tuple[str, ...]:
    """The warnings, said in ``lang`` (the language in force: part of the cache's key)."""
    out = []
    for c in book.changes(EARLIEST, on):
        if c.rule_id.startswith("crs.") and c.status != "in_force" and c.scenario not in applied:
            text = say(
                "the CRS may have changed on %(on)s: %(rule)s is reported but not confirmed, "
                "so it is not applied (try --scenario %(scenario)s)",
                on=c.effective_from,
                rule=c.rule_id,
                scenario=c.scenario,
            )
            basis = c.value.get("basis") if isinstance(c.value, dict) else None
            if basis:  # what the reported change scores: said, since it is not shown
                named = [word(BASIS.get(b, b)) for b in basis]
                kinds = (
                    named[0]
                    if len(named) == 1
                    else say("%(some)s and %(last)s", some=", ".join(named[:-1]), last=named[-1])
                )
                text += "; " + say(
                    "the points for %(kinds)s may differ from those shown", kinds=kinds
                )
            out.append(text)
    return tuple(sorted(set(out)))


def score(
    profile: Profile, on: date, scenarios: Iterable[str] = (), book: RuleBook | None = None
) -> CrsResult:
    """The CRS of ``profile`` on ``on``, with every line explained."""
    if on < EARLIEST:
        raise ValueError(_too_early(on))
    book = book or default()
    scen = tuple(scenarios)
    as_given, other = crs_shared.arrangements(profile, on, book)
    s = _scalar(crs_tables.tables(on, scen, book))
    result = _score_derivation(as_given, on, s)
    if other is not None:
        # Only the other arrangement's total is reported, so it is scored without explanation.
        alt_total = _best(other.inputs, s)[3]
        diff = alt_total - result.total
        result.alternative = {
            "principal_applicant": "spouse",
            "total": alt_total,
            "difference": diff,
        }
        if diff > 0:
            result.warnings.append(
                say(
                    "with the spouse as principal applicant the score would be %(total)s "
                    "(%(difference)s)",
                    total=alt_total,
                    difference=format(diff, "+d"),
                )
            )
    result.warnings += reported_warnings(on, scen, book)
    return result


def _too_early(on: date) -> str:
    return say("the CRS began on %(began)s; cannot score on %(on)s", began=EARLIEST, on=on)


def total_before_nomination(
    profile: Profile, on: date, book: RuleBook | None = None
) -> tuple[int, list[str]]:
    """The CRS total of the profile as given, counting no provincial nomination (what a province
    reads in the Express Entry pool before it nominates), and the facts whose absence scored
    nothing. Equal to ``score`` of the profile without its nominations, with no lines built."""
    if on < EARLIEST:
        raise ValueError(_too_early(on))
    book = book or default()
    as_given = crs_shared.as_given(profile, on, book)
    s = _scalar(crs_tables.tables(on, (), book))
    return _best(as_given.inputs._replace(nomination=False), s)[3], list(as_given.missing)


def _best(i: CrsInputs, s: _Scalar) -> tuple[CrsInputs, list[int], dict[str, int], int]:
    """The inputs in the better order of official languages, their line points, sections and
    total. The first official language is whichever scores higher, so with results in both
    languages both orders are scored (points only); on a tie the swapped order is kept."""
    t = s.t
    pts = _points(i, t)
    sections = _sections(pts, i.with_spouse, t)
    total = sum(sections.values())
    total = total if total < t.total_cap else t.total_cap
    if i.second_l or i.second_r or i.second_w or i.second_s:
        swapped = i._replace(
            first_l=i.second_l,
            first_r=i.second_r,
            first_w=i.second_w,
            first_s=i.second_s,
            second_l=i.first_l,
            second_r=i.first_r,
            second_w=i.first_w,
            second_s=i.first_s,
            first_is_french=not i.first_is_french,
        )
        other = _points(swapped, t)
        other_sections = _sections(other, i.with_spouse, t)
        other_total = sum(other_sections.values())
        other_total = other_total if other_total < t.total_cap else t.total_cap
        if other_total >= total:
            return swapped, other, other_sections, other_total
    return i, pts, sections, total


def _score_derivation(d: crs_inputs.Derivation, on: date, s: _Scalar) -> CrsResult:
    inputs, pts, sections, total = _best(d.inputs, s)
    lines = _explain(inputs, s, pts, _test_details(_details(inputs, s.t), inputs, d))
    warnings = [say("assumed: %(assumption)s", assumption=a) for a in d.assumed]
    if d.details.get("education"):
        warnings.append(d.details["education"])
    return CrsResult(on, total, sections, lines, inputs, warnings=warnings, missing=list(d.missing))


def _test_details(details: list[str], i: CrsInputs, d: crs_inputs.Derivation) -> list[str]:
    """Name the test score behind each first-language line ("IELTS ... 7.0 listening = CLB 8")
    and the test behind the second-language line."""
    first = d.tests.get("french" if i.first_is_french else "english")
    second = d.tests.get("english" if i.first_is_french else "french")
    if first:
        for n, ability in zip(_FIRST_LINES, ABILITIES, strict=True):
            details[n] = first.levels[ability].detail
    if second:
        details[_SECOND_LINE] = say(
            "%(detail)s; %(test)s of %(taken)s",
            detail=details[_SECOND_LINE],
            test=second.test,
            taken=second.taken,
        )
    return details
