"""The Comprehensive Ranking System score, explained line by line.

Four sections (IRCC, CRS criteria): A core human capital (age, education, official languages,
Canadian work experience); B spouse or common-law partner factors; C skill transferability
(capped at 50 per group and 100 in all); D additional points (nomination, sibling, French,
Canadian education, arranged employment), capped at 600; 1,200 in all. Every line names the
rule and the date that rule took effect. The same ``crs_tables`` drive ``batch``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from maplepath import crs_inputs, crs_tables
from maplepath.crs_inputs import CrsInputs
from maplepath.crs_result import CrsResult, Line
from maplepath.crs_tables import CrsTables
from maplepath.profile import Profile
from maplepath.rulebook import RuleBook, default

EARLIEST = date(2015, 1, 1)  # Express Entry and the CRS began on 2015-01-01
SECTIONS = ("core", "spouse", "transferability", "additional")


class _Lines:
    """Collects explained lines; with ``explain=False`` it only passes the points through (to
    compare arrangements before explaining the one that wins)."""

    def __init__(self, t: CrsTables, explain: bool = True) -> None:
        self.t, self.explain = t, explain
        self.lines: list[Line] = []

    def add(self, section: str, factor: str, points: int, rule: str, detail: str) -> int:
        if not self.explain:
            return int(points)
        rid = f"crs.{rule}"
        self.lines.append(
            Line(factor, int(points), rid, self.t.sources[rid].effective_from, detail, section)
        )
        return int(points)


def _cap(x: int, cap: int) -> int:
    return min(x, cap)


def score_inputs(
    i: CrsInputs, t: CrsTables, explain: bool = True
) -> tuple[dict[str, int], list[Line]]:
    """Points per section and the explained lines for one ``CrsInputs`` (no lines when
    ``explain`` is False)."""
    t = crs_tables.as_lists(t)
    out = _Lines(t, explain)
    w = int(i.with_spouse)
    edu = crs_tables.EDUCATION_LEVELS[i.education]
    first = (i.first_l, i.first_r, i.first_w, i.first_s)
    second = (i.second_l, i.second_r, i.second_w, i.second_s)
    ab = ("listening", "reading", "writing", "speaking")

    core = out.add(
        "core", "age", t.age[w][min(i.age, crs_tables.MAX_AGE)], "core.age", f"age {i.age}"
    )
    core += out.add(
        "core", "education", t.education[w][i.education], "core.education", edu.replace("_", " ")
    )
    for a, clb in zip(ab, first, strict=True):
        core += out.add(
            "core",
            f"first language: {a}",
            t.first_language[w][clb],
            "core.first_language",
            f"CLB {clb}",
        )
    sec = sum(int(t.second_language[c]) for c in second)
    core += out.add(
        "core",
        "second language",
        _cap(sec, int(t.second_language_cap[w])),
        "core.second_language",
        "CLB "
        + "/".join(map(str, second))
        + f" (L/R/W/S), capped at {int(t.second_language_cap[w])}",
    )
    core += out.add(
        "core",
        "Canadian work experience",
        t.canadian_experience[w][i.canadian_years],
        "core.canadian_experience",
        f"{i.canadian_years} year(s)",
    )
    core = _cap(core, int(t.core_cap[w]))

    spouse = 0
    if i.with_spouse:
        sp_edu = crs_tables.EDUCATION_LEVELS[i.spouse_education]
        spouse += out.add(
            "spouse",
            "spouse education",
            t.spouse_education[i.spouse_education],
            "spouse.education",
            sp_edu.replace("_", " "),
        )
        sl = sum(
            int(t.spouse_language[c]) for c in (i.spouse_l, i.spouse_r, i.spouse_w, i.spouse_s)
        )
        spouse += out.add(
            "spouse",
            "spouse language",
            _cap(sl, t.spouse_language_cap),
            "spouse.language",
            f"CLB {i.spouse_l}/{i.spouse_r}/{i.spouse_w}/{i.spouse_s} (L/R/W/S)",
        )
        spouse += out.add(
            "spouse",
            "spouse Canadian work experience",
            t.spouse_canadian_experience[i.spouse_canadian_years],
            "spouse.canadian_experience",
            f"{i.spouse_canadian_years} year(s)",
        )
        spouse = _cap(spouse, t.spouse_cap)

    transfer = _transferability(i, t, out, first)
    additional = _additional(i, t, out)
    sections = {
        "core": core,
        "spouse": spouse,
        "transferability": transfer,
        "additional": additional,
    }
    return sections, out.lines


def _level_col(min_clb: int, levels: tuple[int, int]) -> int:
    """A transferability column (0, 1, 2) from the LOWEST of the four first-language levels."""
    return 2 if min_clb >= levels[1] else 1 if min_clb >= levels[0] else 0


def _can_col(years: int) -> int:
    return 2 if years >= 2 else 1 if years == 1 else 0


def _transferability(i: CrsInputs, t: CrsTables, out: _Lines, first: tuple[int, ...]) -> int:
    low = min(first)
    row = crs_tables.TRANSFER_ROW[i.education]
    frow = min(i.foreign_years, 3)
    frow = 2 if frow >= 3 else 1 if frow >= 1 else 0
    caps = t.transfer_caps
    lc, cc = _level_col(low, t.language_levels), _can_col(i.canadian_years)
    e1 = out.add(
        "transferability",
        "education + language",
        t.edu_language[row][lc],
        "transferability.education_language",
        f"{crs_tables.TRANSFER_ROWS[row].replace('_', ' ')}, lowest first-language CLB {low}",
    )
    e2 = out.add(
        "transferability",
        "education + Canadian experience",
        t.edu_canadian[row][cc],
        "transferability.education_canadian_experience",
        f"{crs_tables.TRANSFER_ROWS[row].replace('_', ' ')}, {i.canadian_years} Canadian year(s)",
    )
    f1 = out.add(
        "transferability",
        "foreign experience + language",
        t.foreign_language[frow][lc],
        "transferability.foreign_experience_language",
        f"{i.foreign_years} foreign year(s), lowest first-language CLB {low}",
    )
    f2 = out.add(
        "transferability",
        "foreign experience + Canadian experience",
        t.foreign_canadian[frow][cc],
        "transferability.foreign_experience_canadian_experience",
        f"{i.foreign_years} foreign year(s), {i.canadian_years} Canadian year(s)",
    )
    cert_col = _level_col(low, t.certificate_levels) if i.certificate else 0
    c = out.add(
        "transferability",
        "certificate of qualification + language",
        t.certificate[cert_col],
        "transferability.certificate_language",
        "certificate of qualification" if i.certificate else "no certificate of qualification",
    )
    total = (
        _cap(e1 + e2, caps["education"])
        + _cap(f1 + f2, caps["foreign_experience"])
        + _cap(c, caps["certificate"])
    )
    return _cap(total, caps["total"])


def _french_col(i: CrsInputs, levels: tuple[int, int]) -> int:
    french = (
        (i.first_l, i.first_r, i.first_w, i.first_s)
        if i.first_is_french
        else (i.second_l, i.second_r, i.second_w, i.second_s)
    )
    english = (
        (i.second_l, i.second_r, i.second_w, i.second_s)
        if i.first_is_french
        else (i.first_l, i.first_r, i.first_w, i.first_s)
    )
    if min(french) < levels[0]:
        return 0
    return 2 if min(english) >= levels[1] else 1


def _additional(i: CrsInputs, t: CrsTables, out: _Lines) -> int:
    pts = out.add(
        "additional",
        "provincial nomination",
        t.nomination if i.nomination else 0,
        "additional.provincial_nomination",
        "Express Entry-aligned nomination" if i.nomination else "none",
    )
    pts += out.add(
        "additional",
        "sibling in Canada",
        t.sibling if i.sibling else 0,
        "additional.sibling",
        "citizen or permanent resident sibling" if i.sibling else "none",
    )
    fc = _french_col(i, t.french_levels)
    pts += out.add(
        "additional",
        "French",
        t.french[fc],
        "additional.french",
        [
            "no NCLC 7 in all four French abilities",
            "NCLC 7+ French, English CLB 4 or less or none",
            "NCLC 7+ French and CLB 5+ English",
        ][fc],
    )
    pts += out.add(
        "additional",
        "Canadian post-secondary education",
        t.canadian_education[i.canadian_education],
        "additional.canadian_education",
        ["none", "one or two years", "three years or more"][i.canadian_education],
    )
    pts += out.add(
        "additional",
        "arranged employment",
        t.job_offer[i.job_offer],
        "additional.arranged_employment",
        [
            "no qualifying job offer",
            "qualifying job offer (skilled)",
            "qualifying job offer (NOC major group 00)",
        ][i.job_offer],
    )
    return _cap(pts, t.additional_cap)


def total_of(sections: dict[str, int], t: CrsTables) -> int:
    return min(sum(sections.values()), t.total_cap)


def reported_warnings(on: date, scenarios: Iterable[str], book: RuleBook) -> list[str]:
    """Reported or proposed CRS changes dated on or before ``on`` that are not being applied."""
    return list(_reported(on, frozenset(scenarios), book))


@lru_cache(maxsize=512)
def _reported(on: date, applied: frozenset[str], book: RuleBook) -> tuple[str, ...]:
    out = []
    for c in book.changes(EARLIEST, on):
        if c.rule_id.startswith("crs.") and c.status != "in_force" and c.scenario not in applied:
            out.append(
                f"the CRS may have changed on {c.effective_from}: {c.rule_id} is reported but not "
                f"confirmed, so it is not applied (try --scenario {c.scenario})"
            )
    return tuple(sorted(set(out)))


def score(
    profile: Profile, on: date, scenarios: Iterable[str] = (), book: RuleBook | None = None
) -> CrsResult:
    """The CRS of ``profile`` on ``on``, with every line explained."""
    if on < EARLIEST:
        raise ValueError(f"the CRS began on {EARLIEST}; cannot score on {on}")
    book = book or default()
    scen = tuple(scenarios)
    as_given, other = crs_inputs.derive_arrangements(profile, on, book)
    result = _score_derivation(as_given, on, scen, book)
    if other is not None:
        alt = _score_derivation(other, on, scen, book, explain=False)
        diff = alt.total - result.total
        result.alternative = {
            "principal_applicant": "spouse",
            "total": alt.total,
            "difference": diff,
        }
        if diff > 0:
            result.warnings.append(
                f"with the spouse as principal applicant the score would be {alt.total} ({diff:+d})"
            )
    result.warnings += reported_warnings(on, scen, book)
    return result


def _score_derivation(
    d: crs_inputs.Derivation, on: date, scen: tuple[str, ...], book: RuleBook, explain: bool = True
) -> CrsResult:
    t = crs_tables.tables(on, scen, book)
    candidates = [d.inputs]
    if any((d.inputs.second_l, d.inputs.second_r, d.inputs.second_w, d.inputs.second_s)):
        # The first official language is whichever scores higher: try both orders.
        i = d.inputs
        candidates.append(
            i._replace(
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
        )
    if len(candidates) > 1:
        candidates.sort(key=lambda inp: total_of(score_inputs(inp, t, explain=False)[0], t))
    inputs = candidates[-1]
    sections, lines = score_inputs(inputs, t) if explain else score_inputs(inputs, t, False)
    total = total_of(sections, t)
    lines = _with_test_details(lines, inputs, d)
    warnings = [f"assumed: {a}" for a in d.assumed]
    if d.details.get("education"):
        warnings.append(d.details["education"])
    return CrsResult(on, total, sections, lines, inputs, warnings=warnings, missing=list(d.missing))


def _with_test_details(lines: list[Line], i: CrsInputs, d: crs_inputs.Derivation) -> list[Line]:
    """Name the test score behind each first-language line ("IELTS ... 7.0 listening = CLB 8")."""
    first = d.tests.get("french" if i.first_is_french else "english")
    second = d.tests.get("english" if i.first_is_french else "french")
    out = []
    for ln in lines:
        if first and ln.factor.startswith("first language: "):
            ln = ln._replace(detail=first.levels[ln.factor.removeprefix("first language: ")].detail)
        elif second and ln.factor == "second language":
            ln = ln._replace(detail=f"{ln.detail}; {second.test} of {second.taken}")
        out.append(ln)
    return out
