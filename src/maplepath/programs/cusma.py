"""CUSMA professionals: US and Mexican citizens working in Canada in one of 63 professions.

Chapter 16 of the Canada-United States-Mexico Agreement lets a citizen of the United States or
Mexico (not a permanent resident) take pre-arranged professional work for a Canadian enterprise
in one of the 63 professions of Appendix 2, holding that profession's minimum education (mostly a
Baccalaureate or Licenciatura degree, sometimes a diploma plus three years of experience, or a
licence). The work permit is LMIA-exempt under IRPR paragraph 204(a) (code T23, T36 from
2022-12-15).

History: the same list was NAFTA's Appendix 1603.D.1 from 1994-01-01; CUSMA superseded NAFTA on
2020-07-01 and kept the chapter unchanged. maplepath measures profiles from 2015-01-01, so
earlier dates are "open" with an unknown verdict.

The agreement names professions, not NOC codes: the job's NOC code is read through maplepath's
own table (``programs.cusma.noc_professions``, not official); a code it does not map leaves the
profession unknown unless the job is TEER 4 or 5, which is not professional-level work.

References: CUSMA Chapter 16 and Appendix 2
(https://www.international.gc.ca/trade-commerce/trade-agreements-accords-commerciaux/agr-acc/cusma-aceum/text-texte/16.aspx?lang=eng);
IRCC, International Mobility Program: CUSMA (same site as IRCC's operational instructions).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from maplepath import i18n
from maplepath.i18n import noop, say, word
from maplepath.occupations import codes as occupations
from maplepath.profile import experience
from maplepath.profile.model import JobOffer, Profile
from maplepath.programs import common, steady
from maplepath.programs.provincial import join, years_text
from maplepath.programs.verdict import (
    Criterion,
    Finding,
    Ternary,
    Verdict,
    and3,
    combine,
    criterion,
    or3,
)
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

PROGRAM = "cusma"
LEADS_TO = "work_permit"
R = "programs.cusma."
STATUS, PROCESSING, PARTIES = R + "status", R + "processing", R + "parties"
PROFESSIONS, TABLE, EXEMPTION = R + "professions", R + "noc_professions", R + "lmia_exemption"
CEC = "programs.cec.experience"
MEASURED_FROM = date(2015, 1, 1)  # maplepath's experience and NOC rules start here
DEGREES = {
    "bachelors": ("bachelors", "masters", "professional", "doctoral"),
    "masters": ("masters", "doctoral"),
    "professional": ("professional",),
    "licence_or_licenciatura": ("bachelors", "masters", "professional", "doctoral"),
}
REQUIRED = {
    "bachelors": noop("a Baccalaureate or Licenciatura degree"),
    "masters": noop("a master's degree"),
    "professional": noop("the professional degree the agreement names"),
    "licence_or_licenciatura": noop("a state/provincial licence or a Licenciatura degree"),
    "none": noop("no credential"),
}
# The agreements as the rules name them (ACEUM and ALENA in French), for ``word``.
AGREEMENTS = (noop("CUSMA"), noop("NAFTA"))
_RANK = {True: 2, None: 1, False: 0}


def evaluate(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    status = common.status(PROGRAM, on, book)
    if status == "not_yet_open":
        first = book.get(STATUS).values[0].effective_from
        why = say(
            "NAFTA's professionals provisions took effect on %(first)s; %(on)s is earlier",
            first=first,
            on=on,
        )
        gap = Criterion("program_exists", Ternary.unmet, why, (STATUS,))
        return Verdict(PROGRAM, "ineligible", status, (gap,), LEADS_TO, None)
    if on < MEASURED_FROM:
        why = say(
            "NAFTA professionals were admitted on %(on)s, but maplepath measures from 2015-01-01",
            on=on,
        )
        gap = Criterion("rules_in_force", Ternary.unknown, why, (STATUS,))
        return Verdict(PROGRAM, "unknown", status, (gap,), LEADS_TO, None)
    criteria = (_citizenship(profile, on, book), *_job(profile, on, book), _permit(on, book))
    ruling = book.at(PROCESSING, on)
    processing = str(ruling.value) if ruling.in_force else None
    return Verdict(PROGRAM, combine(criteria), status, criteria, LEADS_TO, processing)


def _agreement(on: date, book: RuleBook) -> str:
    return word(str(book.value(EXEMPTION, on)["agreement"]))


@i18n.kept_per_language  # the same for everyone on a date (a book never changes)
def _permit(on: date, book: RuleBook) -> Criterion:
    exempt, cec = book.value(EXEMPTION, on), book.value(CEC, on)
    text = say(
        "an employer-specific work permit, LMIA-exempt under %(provision)s (code %(code)s, "
        "%(agreement)s professional); %(years)s year of full-time skilled work in Canada on it "
        "is Canadian experience that the Canadian Experience Class counts (in the %(window)s "
        "years before applying)",
        provision=exempt["provision"],
        code=exempt["code"],
        agreement=word(exempt["agreement"]),
        years=cec["years"],
        window=cec["window_years"],
    )
    return Criterion("permit", Ternary.met, text, (EXEMPTION, CEC))


def _citizenship(profile: Profile, on: date, book: RuleBook) -> Criterion:
    parties, name = book.value(PARTIES, on), _agreement(on, book)
    if not profile.citizenships:
        f = Finding(None, say("citizenship not given"), ("citizenships",))
    elif held := [c for c in profile.citizenships if c in parties]:
        text = say(
            "citizen of %(country)s, a party to %(agreement)s", country=held[0], agreement=name
        )
        f = Finding(True, text)
    else:
        listed = say(" and ").join(parties)
        why = say(
            "citizen of %(held)s: %(agreement)s covers citizens of %(parties)s only",
            held=", ".join(profile.citizenships),
            agreement=name,
            parties=listed,
        )
        if "CA" in profile.citizenships:
            why = say("%(why)s (a Canadian citizen needs no work permit)", why=why)
        f = Finding(False, why)
    # The citizenships given and the parties to the agreement decide it: timeless when unmet.
    return criterion("citizenship", f, (PARTIES,), True)


# --- the job: a profession of Appendix 2, and its minimum education ---------------------------


def _job(profile: Profile, on: date, book: RuleBook) -> tuple[Criterion, Criterion]:
    if not profile.job_offers:
        none = Finding(None, say("no job offer given"), ("job_offers",))
        pair = (none, none)
    else:
        found = [
            p for i, o in enumerate(profile.job_offers) for p in _offer(profile, o, i, on, book)
        ]
        pair = max(found, key=lambda fs: _RANK[and3(fs[0].value, fs[1].value)])
    rules = (PROFESSIONS, TABLE)
    return criterion("profession", pair[0], rules), criterion("education", pair[1], rules)


def _offer(
    profile: Profile, offer: JobOffer, i: int, on: date, book: RuleBook
) -> list[tuple[Finding, Finding]]:
    """(profession, education) for each profession the offer's job may be."""
    name, at = offer.employer or f"job_offers[{i}]", f"job_offers[{i}]."
    idle = Finding(None, say("no profession to measure the education against"))
    if offer.end is not None and offer.end < on:
        why = say("the offer from %(name)s ended on %(end)s", name=name, end=offer.end)
        return [(Finding(False, why), idle)]
    if offer.noc is None:
        why = say("NOC of %(name)s's offer not given", name=name)
        return [(Finding(None, why, (at + "noc",)), idle)]
    code = offer.noc
    if len(code) == 4:  # NOC 2016: usable only when it became one NOC 2021 group
        mapping = occupations.map_2016(code, book)
        if mapping is None or mapping.unique is None:
            why = say("NOC 2016 code %(noc)s does not map to one NOC 2021 group", noc=code)
            need = say("%(path)s as a %(table)s code", path=at + "noc", table=word("NOC 2021"))
            return [(Finding(None, why, (need,)), idle)]
        code = mapping.unique
    table, professions = book.value(TABLE, on), book.value(PROFESSIONS, on)
    ids = table.get(code, [])
    if not ids:
        if occupations.teer(code) >= 4:
            why = say(
                "NOC %(noc)s is TEER %(teer)s: not professional-level work",
                noc=code,
                teer=occupations.teer(code),
            )
            return [(Finding(False, why), idle)]
        why = say("NOC %(noc)s is not in maplepath's table of the 63 CUSMA professions", noc=code)
        need = say("the CUSMA profession of %(name)s's job: not in the profile", name=name)
        return [(Finding(None, why, (need,)), idle)]
    found = []
    for pid in ids:
        spec = professions[pid]
        # The titles are Appendix 2's own (English), kept as the rules write them.
        text = say(
            "NOC %(noc)s read as %(title)s (maplepath's table, not an official one)",
            noc=code,
            title=spec["title"],
        )
        nocs = _profession_nocs(table, pid)
        found.append((Finding(True, text), education(profile, spec, nocs, on, book)))
    return found


def _profession_nocs(table: Mapping[str, Sequence[str]], pid: str) -> list[str]:
    """The NOC 2021 groups whose work is experience in the profession ``pid``."""
    return [c for c, ps in table.items() if pid in ps]


def steady_until(profile: Profile, on: date, book: RuleBook) -> date:
    """The verdict moves when an offer ends, a credential is completed, or the work in one of
    an offer's professions reaches the years it asks (``programs/steady.py``)."""
    if common.status(PROGRAM, on, book) == "not_yet_open":
        return steady.NEVER  # opening is a rule change: everything is evaluated again then
    if on < MEASURED_FROM:
        return MEASURED_FROM
    days = [*(o.end for o in profile.job_offers), *(c.completed for c in profile.education)]
    until = steady.first(on, days)
    table, professions = book.value(TABLE, on), book.value(PROFESSIONS, on)
    # Every profession of every code the offers may be (more accruals than _offer measures
    # when an offer is decided otherwise: the bound only comes earlier).
    for pid in sorted(_offered(profile, table, book)):
        spec = professions[pid]
        years = [
            int(spec[k]) for k in ("diploma_experience_years", "experience_years") if k in spec
        ]
        if not years:
            continue
        nocs = set(_profession_nocs(table, pid))  # as education() counts it, with no window
        acc = experience.accrue(profile.work, on, skilled_only=False, nocs=nocs, book=book)
        until = min(until, steady.experience(acc, on, book, years, grows_only=True))
    return until


def _offered(profile: Profile, table: Mapping[str, Sequence[str]], book: RuleBook) -> set[str]:
    """The professions the offers' NOC codes may be (a NOC 2016 code through each of its NOC
    2021 candidates)."""
    codes: set[str] = set()
    for o in profile.job_offers:
        if o.noc is None:
            continue
        if len(o.noc) == 4:
            mapping = occupations.map_2016(o.noc, book)
            codes.update(mapping.candidates if mapping else ())
        else:
            codes.add(o.noc)
    return {pid for c in codes for pid in table.get(c, ())}


def education(
    profile: Profile, spec: Mapping[str, Any], nocs: Sequence[str], on: date, book: RuleBook
) -> Finding:
    """A profession's minimum education (Appendix 2) against the profile's credentials, with
    the alternatives the text gives: a diploma plus years of experience in the profession
    (NOC groups ``nocs``), years of experience alone, or a licence (not in the profile)."""
    title, req = spec["title"], spec["education"]
    wanted = word(REQUIRED[req])
    if not profile.education and req != "none":
        why = say("%(title)s needs %(wanted)s; no education given", title=title, wanted=wanted)
        return Finding(None, why, ("education",))
    needs: list[str] = []
    degree = _credential(profile, on, DEGREES.get(req, ()), req == "licence_or_licenciatura")
    routes: list[bool | None] = [degree.value]
    needs += degree.needs
    lines = [degree.detail]
    acc = experience.accrue(profile.work, on, skilled_only=False, nocs=set(nocs), book=book)
    work_needs = common.work_needs(profile.work, acc.unknown, ("noc", "start", "hours_per_week"))
    if "diploma_experience_years" in spec:
        years = int(spec["diploma_experience_years"])
        diploma = _credential(profile, on, ("two_year", *DEGREES["bachelors"]), False)
        seasoned = acc.at_least(years)
        routes.append(and3(diploma.value, seasoned))
        wanted = say(
            "%(wanted)s, or a post-secondary diploma and %(years)s years' experience",
            wanted=wanted,
            years=years,
        )
        if seasoned is not False:
            needs += diploma.needs
        if diploma.value is not False:
            needs += work_needs
        if not degree.value:
            done = years_text(acc.years)
            lines.append(say("%(years)s years' experience as %(title)s", years=done, title=title))
    if "experience_years" in spec:
        routes.append(acc.at_least(int(spec["experience_years"])))
        wanted = say(
            "%(wanted)s, or %(years)s years' experience",
            wanted=wanted,
            years=spec["experience_years"],
        )
        needs += work_needs
    if spec.get("licence") or req in ("licence_or_licenciatura", "none"):
        routes.append(None)  # a licence or the technician's knowledge: not in the profile
        if req == "none":
            need = say(
                "the knowledge the agreement describes for %(title)s: not in the profile",
                title=title,
            )
        else:
            need = say("a licence for %(title)s: not in the profile", title=title)
        needs.append(need)
        if req not in ("licence_or_licenciatura", "none"):
            wanted = say("%(wanted)s, or a licence", wanted=wanted)
    value = or3(routes)
    if value is not False and "also" in spec:
        value = None
        needs.append(say("%(what)s: not in the profile", what=spec["also"]))
    text = say(
        "%(title)s needs %(wanted)s: %(found)s", title=title, wanted=wanted, found=join(lines)
    )
    if value:
        text = say("%(text)s (a credential related to the profession is expected)", text=text)
    return Finding(value, text, tuple(dict.fromkeys(needs)) if value is None else ())


def _credential(profile: Profile, on: date, levels: Sequence[str], mexican: bool) -> Finding:
    """A completed credential at one of ``levels`` (from Mexico only, for a Licenciatura)."""
    answers, needs, seen = [], [], []
    for k, c in enumerate(profile.education):
        level = None if c.level is None else str(c.level)
        done = None if c.completed is None else c.completed <= on
        fits = None if level is None else level in levels
        origin = (None if c.country is None else c.country == "MX") if mexican else True
        answers.append(and3(fits, done, origin))
        facts = (("level", level), ("completed", done), ("country", origin))
        needs += [f"education[{k}].{f}" for f, v in facts if v is None]
        seen.append(f"{word(level or '?')} ({c.country or '?'}, {c.completed or '?'})")
    value = or3(answers)
    return Finding(value, say("credentials: %(seen)s", seen=", ".join(seen)), tuple(needs))
