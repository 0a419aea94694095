"""Quebec's permanent immigration pilot for workers in artificial intelligence, information
technologies and visual effects (Programme pilote d'immigration permanente des travailleurs des
secteurs de l'intelligence artificielle, des technologies de l'information et des effets
visuels; regulation I-0.2.1, r. 8, M.O. 2021-002).

In effect from 2021-04-22 until it closed on 2026-01-01, it selected up to 550 people a year (275
per component). Two components: ``quebec_ai`` (Artificial intelligence: foreign workers with a
degree of at least a Quebec bachelor's and 24 months of skilled work in the last 60, or a recent
master's or doctorate, in a full-time AI job in Quebec paying $75,000, or $100,000 inside the
Montreal Metropolitan Community; and Quebec graduates) and ``quebec_it_vfx`` (Information
technologies and visual effects: listed occupations, two years of experience, a technical
college diploma or more, a job in Quebec). Each has a French-speaking profile (oral French at
level 7) and a Francization profile for people who commit to learning French. Selection gives a
Certificat de sélection du Québec (CSQ); permanent residence is then applied for to IRCC, outside
Express Entry. Quebec has no provincial nominee program and no CRS points are involved.

References: Quebec.ca, pilot program for workers in the AI, IT and visual effects sectors;
LégisQuébec, I-0.2.1, r. 8.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta

from maplepath.i18n import money, noop, say, word
from maplepath.occupations import codes as occupations
from maplepath.profile.model import Credential, Profile
from maplepath.programs import common, provincial
from maplepath.programs.verdict import Criterion, Finding, Verdict, and3, combine, criterion, or3
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

AI, IT_VFX = "quebec_ai", "quebec_it_vfx"
PROGRAM = (AI, IT_VFX)
LEADS_TO = "permanent_residence"
Q = "programs.quebec."
HOURS_A_YEAR = 2080  # 40 hours x 52 weeks: an hourly wage read as a gross annual salary
_FOUND = {None: noop("unclear"), True: noop("yes"), False: noop("none")}


def _csq() -> str:
    return say("selection gives a CSQ, then a permanent residence application to IRCC")


def _gone() -> str:
    return say("the pilot ran until 2026-01-01 as scheduled; Quebec's other programs remain")


def evaluate_ai(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    before = provincial.early(AI, on, book, LEADS_TO) or provincial.ended(
        AI, on, book, LEADS_TO, _gone()
    )
    if before:
        return before
    rule = book.value(f"programs.{AI}.requirements", on)
    need = say(
        "an expert committee's opinion that the job is in the AI sector (not in the profile)"
    )
    why = say("the job must be in Quebec's AI sector (expert committee)")
    sector = Finding(None, why, (need,))
    criteria = (
        _quebec_job(profile, on, AI),
        _french(profile, on, book, AI),
        _ai_qualification(profile, on, book, rule),
        _salary(profile, rule),
        criterion("ai_sector", sector, (f"programs.{AI}.requirements",)),
    )
    return Verdict(AI, combine(criteria), common.status(AI, on, book), criteria, LEADS_TO, None)


def evaluate_it_vfx(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    before = provincial.early(IT_VFX, on, book, LEADS_TO) or provincial.ended(
        IT_VFX, on, book, LEADS_TO, _gone()
    )
    if before:
        return before
    rule, rules = (
        book.value(f"programs.{IT_VFX}.requirements", on),
        (f"programs.{IT_VFX}.requirements",),
    )
    need = say(
        "the occupation's place in the pilot's schedule of IT and VFX occupations (not encoded)"
    )
    listed = Finding(
        None,
        say(
            "the job must be a listed IT or visual effects occupation paid at least the wage the "
            "regulation sets for it; maplepath does not encode that schedule"
        ),
        (need,),
    )
    diploma = say("a technical diploma")
    criteria = (
        _quebec_job(profile, on, IT_VFX),
        _french(profile, on, book, IT_VFX),
        _levels("education", profile, on, rule["education_levels"], rules, diploma),
        _experience(profile, on, book, rule, rules),
        criterion("occupation_and_wage", listed, rules),
    )
    status = common.status(IT_VFX, on, book)
    return Verdict(IT_VFX, combine(criteria), status, criteria, LEADS_TO, None)


def _quebec_job(profile: Profile, on: date, program: str) -> Criterion:
    """Holding, or having accepted, a full-time job in Quebec."""
    rules = (f"programs.{program}.status",)
    if not profile.work and not profile.job_offers:
        f = Finding(None, say("no work or job offer given"), ("work", "job_offers"))
        return criterion("quebec_job", f, rules)
    csq, found = _csq(), []
    for i, p in enumerate(profile.work):
        started = None if p.start is None else p.start <= on
        hours = None if p.hours_per_week is None else p.hours_per_week >= 30
        where = (f"work[{i}].province",) if p.canadian is not False else ()
        in_quebec = None if p.province is None else p.province == "QC"
        checks: list[provincial.Check] = [
            (started, say("not started"), (f"work[{i}].start",)),
            (p.end is None or p.end >= on, say("ended on %(end)s", end=p.end), ()),
            (p.canadian, say("in %(country)s", country=p.country), (f"work[{i}].country",)),
            (in_quebec, say("in %(province)s", province=p.province), where),
            (hours, say("part-time"), (f"work[{i}].hours_per_week",)),
        ]
        path = f"work[{i}]"
        ok = say("working full-time in Quebec (%(work)s); %(csq)s", work=path, csq=csq)
        found.append(provincial.all_of(checks, ok, say("work")))
    for i, o in enumerate(profile.job_offers):
        quebec = None if o.province is None else o.province == "QC"
        offer: list[provincial.Check] = [
            (quebec, say("in %(province)s", province=o.province), (f"job_offers[{i}].province",)),
            (o.full_time, say("not full-time"), (f"job_offers[{i}].full_time",)),
        ]
        ok = say("full-time Quebec job offer; %(csq)s", csq=csq)
        found.append(provincial.all_of(offer, ok, say("offer %(i)s", i=i)))
    return criterion("quebec_job", provincial.best(found), rules)


def _french(profile: Profile, on: date, book: RuleBook, program: str) -> Criterion:
    """The French-speaking profile (oral level 7, read as NCLC 7 in listening and speaking), or
    else the Francization profile, which needs no French at selection."""
    rule = book.value(Q + "french", on)
    rules = [Q + "french"]
    results = common.best_tests(profile.language_tests, on, book)
    french = results.get("french")
    if french and all(french.clb[a] >= rule["oral_level"] for a in rule["abilities"]):
        text = say(
            "French-speaking profile: %(result)s; %(csq)s",
            result=common.clb_text(french),
            csq=_csq(),
        )
        return criterion("french_profile", Finding(True, text), (*rules, french.rule_id))
    if program == IT_VFX:
        rules.append(f"programs.{IT_VFX}.francization_intake")
        intake = book.at(rules[-1], on)
        if intake.value == "full":
            why = say(
                "no oral French level 7, and the Francization profile was full on %(on)s", on=on
            )
            return criterion("french_profile", Finding(False, why), tuple(rules))
    text = say("Francization profile: no French needed at selection, but you commit to learning it")
    return criterion("french_profile", Finding(True, text), tuple(rules))


def _levels(
    cid: str,
    profile: Profile,
    on: date,
    levels: list[str],
    rules: tuple[str, ...],
    what: str,
    when: Callable[[date], bool] = lambda d: True,
) -> Criterion:
    """A credential at one of ``levels`` completed by ``on`` (and as ``when`` accepts)."""
    if not profile.education:
        return criterion(cid, Finding(None, say("no education given"), ("education",)), rules)
    answers, needs = [], []
    for i, c in enumerate(profile.education):
        level = None if c.level is None else str(c.level) in levels
        done = None if c.completed is None else c.completed <= on and when(c.completed)
        answers.append(and3(level, done))
        needs += [f"education[{i}].{k}" for k in ("level", "completed") if getattr(c, k) is None]
    value = or3(answers)
    text = say("%(what)s: %(found)s", what=what, found=word(_FOUND[value]))
    return criterion(cid, Finding(value, text, tuple(needs)), rules)


def _ai_qualification(
    profile: Profile, on: date, book: RuleBook, rule: Mapping[str, Any]
) -> Criterion:
    """Foreign worker (degree and 24 months of skilled work in 60, or a master's or doctorate of
    the last 12 months) or Quebec graduate (a Quebec university diploma of the last 24 months;
    a profile cannot say a Canadian credential is from Quebec)."""
    rules = (f"programs.{AI}.requirements",)
    teer = rule["max_teer"]
    codes = [c for c, g in occupations.unit_groups().items() if g.teer <= teer]
    work = provincial.listed_experience(
        profile.work,
        on,
        book,
        years=rule["experience_months"] / 12,
        since=provincial.window_start(on, months=rule["window_months"]),
        listing={"classification": "NOC 2021", "codes": codes},
    )
    degree = _levels("degree", profile, on, rule["degree_levels"], rules, "degree").status
    recent = on - relativedelta(months=rule["recent_graduate_months"])
    fresh = _levels(
        "recent", profile, on, rule["recent_graduate_levels"], rules, "", lambda d: d >= recent
    ).status
    answer = {"met": True, "unmet": False}
    worker = and3(answer.get(degree), or3([work.value, answer.get(fresh)]))
    since = on - relativedelta(months=rule["quebec_graduate_months"])

    def from_quebec(c: Credential) -> bool | None:
        """A recent Canadian degree may be from Quebec: never more than unknown."""
        recent = None if c.completed is None else since <= c.completed <= on
        return False if and3(c.canadian, recent) is False else None

    degrees = [c for c in profile.education if str(c.level) in rule["degree_levels"]]
    graduate = or3(from_quebec(c) for c in degrees)
    value = or3([worker, graduate])
    if graduate is None:
        quebec = say("possible if a recent Canadian degree is from Quebec")
    else:
        quebec = say("no")
    text = say(
        "foreign worker: degree %(degree)s, skilled work (TEER 0-%(teer)s) in the last "
        "%(months)s months %(work)s, recent master's or doctorate %(fresh)s; Quebec graduate: "
        "%(graduate)s",
        degree=word(degree),
        teer=teer,
        months=rule["window_months"],
        work=work.detail,
        fresh=word(fresh),
        graduate=quebec,
    )
    needs = ("education",) * (not profile.education) + work.needs
    if graduate is None:
        needs += (say("education (which province issued the degree)"),)
    return criterion("ai_qualification", Finding(value, text, needs), rules)


def _salary(profile: Profile, rule: Mapping[str, Any]) -> Criterion:
    """The job's gross annual salary against $75,000 (outside the Montreal Metropolitan
    Community) and $100,000 (inside); the place of work is not in a profile."""
    rules = (f"programs.{AI}.requirements",)
    low, high = rule["salary"]["outside_montreal"], rule["salary"]["inside_montreal"]
    offers = [(i, o) for i, o in enumerate(profile.job_offers) if o.province in ("QC", None)]
    if not offers:
        f = Finding(None, say("no Quebec job offer given"), ("job_offers",))
        return criterion("salary", f, rules)
    found = []
    for i, o in offers:
        if o.hourly_wage is None:
            f = Finding(None, say("wage not given"), (f"job_offers[{i}].hourly_wage",))
            found.append(f)
            continue
        pay = o.hourly_wage * HOURS_A_YEAR
        path = f"job_offers[{i}]"
        where = say("%(offer)s inside or outside the Montreal Metropolitan Community", offer=path)
        value = True if pay >= high else False if pay < low else None
        text = say(
            "%(pay)s a year against %(low)s (outside Montreal) / %(high)s (inside)",
            pay=money(pay),
            low=money(low),
            high=money(high),
        )
        found.append(Finding(value, text, (where,)))
    return criterion("salary", provincial.best(found), rules)


def _experience(
    profile: Profile, on: date, book: RuleBook, rule: Mapping[str, Any], rules: tuple[str, ...]
) -> Criterion:
    if not profile.work:
        return criterion("experience", Finding(None, say("no work given"), ("work",)), rules)
    since = provincial.window_start(on, years=rule["window_years"])
    f = provincial.listed_experience(
        profile.work, on, book, years=rule["experience_years"], since=since
    )
    text = say(
        "skilled work since %(since)s: %(detail)s (in the listed occupation, which is not checked)",
        since=since,
        detail=f.detail,
    )
    return criterion("experience", Finding(f.value, text, f.needs), rules)


evaluate = evaluate_ai  # the module's first program; PROGRAMS has both
PROGRAMS: dict[str, Callable[[Profile, date, RuleBook | None], Verdict]] = {
    AI: evaluate_ai,
    IT_VFX: evaluate_it_vfx,
}
