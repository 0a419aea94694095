"""Federal Skilled Worker Program (FSW), an Express Entry program (IRPR ss. 75-83).

Minimum requirements: one year of continuous skilled work in one occupation in the last ten
years; CLB/NCLC 7 in every ability of the first official language; a Canadian credential or a
foreign one with a valid ECA; 67 of 100 points on the six-factor selection grid (separate from
the CRS); proof of funds unless already authorized to work in Canada with a valid job offer.

References: IRCC, "Federal Skilled Worker Program: who can apply" (page of 2026-06-22,
https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/who-can-apply/federal-skilled-workers.html);
the rules under ``rules/programs/fsw/`` and ``rules/programs/express_entry/``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial

from maplepath import i18n
from maplepath.i18n import noop, say, word
from maplepath.profile import experience, language, memo
from maplepath.profile.facts import age_on
from maplepath.profile.model import CanadianStatus, Credential, Profile, Spouse, WorkPeriod
from maplepath.programs import common
from maplepath.programs.verdict import Criterion, Finding, Verdict, and3, combine, criterion, or3
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook, Ruling

PROGRAM = "fsw"
R = "programs.fsw."
G = "programs.fsw.grid."
THREE_YEAR_LEVELS = {"bachelors", "professional", "doctoral"}  # programs of 3+ years
# The grid's factors name its lines (keys of ``grid``); ``word`` says them.
FACTORS = (noop("first official language"), noop("second official language"))
EDUCATION, EXPERIENCE, AGE = noop("education"), noop("experience"), noop("age")
ARRANGED, ADAPTABILITY = noop("arranged employment"), noop("adaptability")
# The adaptability elements (keys of the rule's table) as a line names them.
ELEMENTS = {
    "spouse_language": noop("spouse language"),
    "studies_in_canada": noop("studies in Canada"),
    "spouse_studies_in_canada": noop("spouse studies in Canada"),
    "work_in_canada": noop("work in Canada"),
    "spouse_work_in_canada": noop("spouse work in Canada"),
    "arranged_employment": noop("arranged employment"),
    "relatives_in_canada": noop("relatives in Canada"),
}


@dataclass(frozen=True, init=False)
class Line:
    """One line of the selection grid: points certain (``low``) and possible (``high``)."""

    factor: str
    low: int
    high: int
    detail: str
    rule: str
    needs: tuple[str, ...] = ()

    def __init__(
        self, factor: str, low: int, high: int, detail: str, rule: str, needs: tuple[str, ...] = ()
    ) -> None:
        # The instance dict written directly (as for ``verdict.Finding``): the same object.
        d = self.__dict__
        d["factor"], d["low"], d["high"] = factor, low, high
        d["detail"], d["rule"], d["needs"] = detail, rule, needs

    @classmethod
    def earned_if(cls, factor: str, f: Finding, points: int, rule: str) -> Line:
        """A line worth ``points`` when the finding holds, a range while it is unknown."""
        low, high = (points, points) if f.value else (0, 0 if f.value is False else points)
        return cls(factor, low, high, f.detail, rule, f.needs)

    def show(self) -> str:
        points = f"{self.low}" if self.low == self.high else f"{self.low}-{self.high}"
        pattern, names = _said(i18n.current())
        factor = names[self.factor] if self.factor in names else word(self.factor)
        return pattern % {"factor": factor, "points": points, "detail": self.detail}


@lru_cache(maxsize=8)
def _said(lang: str) -> tuple[str, dict[str, str]]:
    """A line's sentence (to fill as ``say`` does) and the grid's words, in ``lang``: the
    language in force (``i18n.current()``) when asked."""
    names = {w: word(w) for w in (*FACTORS, EDUCATION, EXPERIENCE, AGE, ARRANGED, ADAPTABILITY)}
    return say("%(factor)s %(points)s (%(detail)s)"), names


class _Points(dict[float, int]):
    """A points table's ``int(lookup(x))`` for each ``x`` asked (levels, ages, years), looked
    up once; a lookup that fails (below the first threshold) keeps nothing and raises."""

    table: Ruling

    def __missing__(self, x: float) -> int:
        found = self[x] = int(self.table.lookup(x))
        return found


@lru_cache(maxsize=1024)
def _points(rule_id: str, on: date, book: RuleBook) -> _Points:
    """Per rule, date and book: a book never changes, and every profile asks the same."""
    points = _Points()
    points.table = book.at(rule_id, on)
    return points


def evaluate(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    early = common.before_rules(PROGRAM, on, book)
    if early:
        return early
    minimum = book.value(R + "language", on)
    lang, lang_rules = common.language_finding(
        profile.language_tests, on, book, minimum, say("the FSW minimum of CLB 7 in every ability")
    )
    # CLB 7 in every ability whatever the occupation: unmet stays unmet as results age.
    fades = common.results_only_fade(profile.language_tests, on)
    criteria = (
        _experience(profile, on, book),
        criterion("language", lang, (R + "language", *lang_rules), fades),
        _education(profile, on, book),
        _grid_criterion(grid(profile, on, book), on, book),
        common.funds_criterion(profile, on, book, common.skilled),
    )
    status = common.status(PROGRAM, on, book)
    return Verdict(
        PROGRAM,
        combine(criteria),
        status,
        criteria,
        "permanent_residence",
        common.processing(on, book),
    )


def _experience(profile: Profile, on: date, book: RuleBook) -> Criterion:
    """IRPR s. 75(2)(a): the run must be continuous and in one NOC (longest_continuous)."""
    rule = book.value(R + "experience", on)
    years, window, rules = rule["years"], rule["window_years"], (R + "experience",)
    if not profile.work:
        return criterion("experience", Finding(None, say("no work given"), ("work",)), rules)
    run = partial(experience.longest_continuous, profile.work, on, window_years=window, book=book)
    sure = run(require_authorized=True)
    if sure is not None and sure.years >= years - common.EPSILON:
        text = say(
            "%(years)s years as NOC %(noc)s from %(start)s to %(end)s",
            years=common.shown_years(sure.years),
            noc=sure.noc,
            start=sure.start,
            end=sure.end,
        )
        return criterion("experience", Finding(True, text), rules)
    # The favourable run only matters when the certain one falls short.
    best = run(require_authorized=True, assume_favourable=True)
    if best is None or best.years < years - common.EPSILON:
        longest = (
            say("%(years)s years", years=common.shown_years(best.years))
            if best
            else say("no skilled work")
        )
        text = say(
            "longest continuous run in the %(window)s years before %(on)s, in one skilled "
            "occupation: %(longest)s (%(years)s needed)",
            window=window,
            on=on,
            longest=longest,
            years=years,
        )
        return criterion("experience", Finding(False, text), rules)
    needs = common.work_needs(profile.work, best.periods, common.WORK_FACTS)
    text = say(
        "a continuous year in the %(window)s years before %(on)s, in one skilled occupation "
        "depends on missing facts",
        window=window,
        on=on,
    )
    return criterion("experience", Finding(None, text, tuple(needs)), rules)


def _education(profile: Profile, on: date, book: RuleBook) -> Criterion:
    rules = (R + "education", common.ECA_RULE)
    if not profile.education:
        f = Finding(None, say("no education given"), ("education",))
        return criterion("education", f, rules)
    reads = common.read_education(profile, on, book)
    value = or3(r.value for r in reads)
    counted = [
        # The level is the profile's own value (``masters``), as the profile file writes it.
        say("%(level)s: %(detail)s", level=c.level or "?", detail=r.detail)
        for c, r in zip(profile.education, reads, strict=True)
    ]
    needs = tuple(n for r in reads if r.value is None for n in r.needs)
    return criterion("education", Finding(value, "; ".join(counted), needs), rules)


# --- the six-factor selection grid -------------------------------------------------------------


def grid(profile: Profile, on: date, book: RuleBook | None = None) -> list[Line]:
    """The FSW selection grid line by line (language first and second, education, experience,
    age, arranged employment, adaptability), each as a range when facts are missing."""
    book = book or rulebook.default()
    arranged = memo.in_session(
        profile,
        on,
        book,
        ("best_offer", common.skilled),
        lambda: common.best_offer(profile, on, common.skilled),
    )
    points = int(book.value(G + "arranged_employment", on)["points"])
    return [
        *_language_lines(profile, on, book),
        _education_line(profile, on, book),
        _experience_line(profile, on, book),
        _age_line(profile, on, book),
        Line.earned_if(ARRANGED, arranged, points, G + "arranged_employment"),
        _adaptability_line(profile, on, book, arranged),
    ]


def _grid_criterion(lines: list[Line], on: date, book: RuleBook) -> Criterion:
    mark = int(book.value(R + "pass_mark", on))
    low, high = sum(line.low for line in lines), sum(line.high for line in lines)
    total = f"{low}" if low == high else f"{low}-{high}"
    shown = "; ".join([x.show() for x in lines])
    detail = say(
        "%(total)s of 100 points (pass mark %(mark)s): %(lines)s",
        total=total,
        mark=mark,
        lines=shown,
    )
    value = True if low >= mark else False if high < mark else None
    needs = tuple(dict.fromkeys(n for line in lines if line.low < line.high for n in line.needs))
    ids = (R + "pass_mark", *[line.rule for line in lines])
    return criterion("selection_grid", Finding(value, detail, needs), ids)


def _language_lines(profile: Profile, on: date, book: RuleBook) -> list[Line]:
    """IRPR s. 79: the first official language is the one that earns more (the person chooses);
    the other earns 4 points with CLB 5 in every ability."""
    first, second = book.at(G + "language_first", on), book.value(G + "language_second", on)
    ids, points_of = (first.rule_id, G + "language_second"), _points(G + "language_first", on, book)
    if not profile.language_tests:
        most, needs = (4 * points_of[99], second["points"]), ("language_tests",)
        none = say("no test given")
        return [Line(f, 0, most[n], none, ids[n], needs) for n, f in enumerate(FACTORS)]
    best = common.best_tests(profile.language_tests, on, book)
    if not best:
        none = say("no result valid on %(on)s", on=on)
        return [Line(f, 0, 0, none, ids[n]) for n, f in enumerate(FACTORS)]
    scored: dict[str, tuple[int, int, str]] = {}
    for lang, result in best.items():  # each language scored once
        other = [r for k, r in best.items() if k != lang]
        bonus = second["points"] if other and other[0].minimum >= second["min_clb"] else 0
        text = common.clb_text(other[0]) if other else say("no result in the other language")
        clb = result.clb
        scored[lang] = sum([points_of[clb[a]] for a in language.ABILITIES]), bonus, text
    lang = max(best, key=lambda k: scored[k][0] + scored[k][1])
    points, bonus, other_text = scored[lang]
    return [
        Line(FACTORS[0], points, points, common.clb_text(best[lang]), ids[0]),
        Line(FACTORS[1], bonus, bonus, other_text, ids[1]),
    ]


def _education_line(profile: Profile, on: date, book: RuleBook) -> Line:
    """The best credential that counts (IRPR s. 78), or two or more of them when one is from a
    program of three years or more; an unknown level or validity is a range."""
    table, top = book.value(G + "education", on), 25
    if not profile.education:
        return Line(EDUCATION, 0, top, say("no education given"), G + "education", ("education",))
    reads = common.read_education(profile, on, book)
    levels = [common.level(c) for c in profile.education]  # each read once
    counted = [c for c, r in zip(profile.education, reads, strict=True) if r.value]
    maybe = [c for c, r in zip(profile.education, reads, strict=True) if r.value is not False]
    low, what = max(
        ((table[lv], lv) for lv, r in zip(levels, reads, strict=True) if lv and r.value),
        default=(0, say("none counted")),
    )
    high = max(
        [
            table.get(lv or "", top)
            for lv, r in zip(levels, reads, strict=True)
            if r.value is not False
        ],
        default=0,
    )
    if _two_or_more(counted, False) and table["two_or_more"] > low:
        low, what = table["two_or_more"], say("two or more credentials, one of 3+ years")
    if _two_or_more(maybe, True):
        high = max(high, table["two_or_more"])
    needs = tuple(n for r in reads if r.value is None for n in r.needs)
    needs += tuple(f"education[{i}].level" for i, lv in enumerate(levels) if not lv)
    return Line(EDUCATION, low, high, what, G + "education", needs)


def _two_or_more(kept: list[Credential], favourable: bool) -> bool:
    post = [c for c in kept if common.level(c) != "secondary"]
    three = [
        c.program_years >= 3 if c.program_years else (common.level(c) in THREE_YEAR_LEVELS or None)
        for c in post
    ]
    return len(post) >= 2 and (True in three or (favourable and None in three))


def _experience_line(profile: Profile, on: date, book: RuleBook) -> Line:
    """IRPR s. 80: full years of skilled work in the last 10, in any skilled occupations."""
    table, window = book.at(G + "experience", on), book.value(R + "experience", on)["window_years"]
    points_of = _points(G + "experience", on, book)
    if not profile.work:
        most, none = points_of[99], say("no work given")
        return Line(EXPERIENCE, 0, most, none, table.rule_id, ("work",))
    acc = experience.accrue(
        profile.work, on, window_years=window, require_authorized=True, book=book
    )
    low, high = (
        points_of[min(99, math.floor(y + common.EPSILON))] for y in (acc.years, acc.possible_years)
    )
    text = say(
        "%(years)s years skilled, last %(window)s years",
        years=common.shown_years(acc.years),
        window=window,
    )
    needs = tuple(common.work_needs(profile.work, acc.unknown, common.WORK_FACTS))
    return Line(EXPERIENCE, low, high, text, table.rule_id, needs)


def _age_line(profile: Profile, on: date, book: RuleBook) -> Line:
    rule_id = G + "age"
    if profile.birth_date is None:
        return Line(AGE, 0, 12, say("birth date not given"), rule_id, ("birth_date",))
    age = age_on(profile.birth_date, on)
    points = _points(rule_id, on, book)[age]
    return Line(AGE, points, points, say("%(age)s on %(on)s", age=age, on=on), rule_id)


def _adaptability_line(profile: Profile, on: date, book: RuleBook, arranged: Finding) -> Line:
    """IRPR s. 83: each element earns its points; the factor is capped at 10. The spouse's
    elements count only for an accompanying spouse or common-law partner."""
    table = book.value(G + "adaptability", on)
    partner, spouse = _partner(profile), profile.spouse or _NO_SPOUSE
    min_clb, min_age = table["spouse_language"]["min_clb"], table["relatives_in_canada"]["min_age"]
    # When the partner's elements cannot count (no partner, or one not accompanying) each of
    # them is and3(False, ...) = False whatever the spouse's facts: they are not read.
    counts = partner.value is not False
    if counts:
        best_spouse = common.best_tests(spouse.language_tests, on, book).values()
    elements = {
        "spouse_language": counts
        and and3(partner.value, any(r.minimum >= min_clb for r in best_spouse)),
        "studies_in_canada": _studied_in_canada(profile.education, on),
        "spouse_studies_in_canada": counts
        and and3(partner.value, _studied_in_canada(spouse.education, on)),
        "work_in_canada": _worked_in_canada(profile.work, on, book, skilled_only=True),
        # The spouse's year of work in Canada may be in any occupation (IRPR s. 83(1)(e)).
        "spouse_work_in_canada": counts
        and and3(partner.value, _worked_in_canada(spouse.work, on, book, False)),
        "arranged_employment": arranged.value,
        "relatives_in_canada": or3(
            and3(
                None if r.status is None else r.status != CanadianStatus.none,
                None if r.birth_date is None else age_on(r.birth_date, on) >= min_age,
            )
            for r in profile.relatives_in_canada
        ),
    }
    low = min(table["maximum"], sum(table[k]["points"] for k, v in elements.items() if v))
    high = min(
        table["maximum"], sum(table[k]["points"] for k, v in elements.items() if v is not False)
    )
    earned = ", ".join(word(ELEMENTS[k]) for k, v in elements.items() if v) or say("none earned")
    needs = partner.needs + tuple(
        f"relatives_in_canada[{i}].{f}"
        for i, r in enumerate(profile.relatives_in_canada)
        for f in ("status", "birth_date")
        if getattr(r, f) is None
    )
    return Line(ADAPTABILITY, low, high, earned, G + "adaptability", needs)


_NO_SPOUSE = Spouse()  # read only: the facts of a person without a partner


def _partner(profile: Profile) -> Finding:
    """Whether an accompanying spouse or common-law partner's elements count."""
    if profile.has_partner is None:
        return Finding(None, "", ("marital_status",))
    if not profile.has_partner:
        return Finding(False, "")
    if profile.spouse is None:
        return Finding(None, "", ("spouse",))
    accompanying = profile.spouse.accompanying
    return Finding(accompanying, "", ("spouse.accompanying",) if accompanying is None else ())


def _studied_in_canada(education: list[Credential], on: date) -> bool | None:
    """Two academic years of full-time study in Canada, in a program of two years or more."""
    return or3(
        and3(
            c.canadian,
            None if c.program_years is None else c.program_years >= 2,
            c.full_time,
            None if c.completed is None else c.completed <= on,
        )
        for c in education
    )


def _worked_in_canada(
    work: Sequence[WorkPeriod], on: date, book: RuleBook, skilled_only: bool
) -> bool | None:
    """A year of full-time (or equivalent) authorized work in Canada, at any time."""
    acc = experience.accrue(
        work, on, where="canada", require_authorized=True, skilled_only=skilled_only, book=book
    )
    return acc.at_least(1)
