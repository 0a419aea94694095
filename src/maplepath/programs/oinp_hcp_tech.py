"""Ontario's Human Capital Priorities (HCP) tech draws, an Express Entry-aligned OINP stream.

Ontario searched the federal Express Entry pool and sent a Notification of Interest (NOI) to
candidates who qualified for the Federal Skilled Worker Program or the Canadian Experience
Class, held a bachelor's degree or higher, and, in the "tech draws" that began on 2019-07-12,
had work experience in a targeted tech occupation (six NOC 2016 unit groups; nine NOC 2021 ones
from 2022-11-16) and a CRS score in the range Ontario set for the draw (its 400-point floor was
replaced in 2018 by a minimum "as determined by the director"). An NOI gave 45 days to apply. A
nomination adds 600 CRS points (crs.additional.provincial_nomination), then IRCC's invitation.
In 2020 the tech draws invited 4,385 candidates. The 2026 redesign ended the stream: O. Reg.
47/26 revoked the human capital priorities category (2026-05-30), and O. Reg. 204/26 replaced
the categories with the Ontario Workforce Priority stream (made 2026-06-25).

This module also holds what the Express Entry-aligned provincial streams share: a finding that
a profile qualifies for a federal Express Entry program (``express_entry``), and the CRS score a
province reads in the pool, without nomination points (``crs_before_nomination``).

References: rules/programs/oinp_hcp_tech/ (O. Reg. 47/26 and 204/26 on ontario.ca/laws);
Ontario Immigration, Human Capital Priorities Stream (ontarioimmigration.ca).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from types import ModuleType

from maplepath.crs import scalar as crs
from maplepath.i18n import noop, say, word
from maplepath.profile import memo
from maplepath.profile.model import Profile
from maplepath.programs import cec, common, fsw
from maplepath.programs import express_entry as ee_programs
from maplepath.programs.provincial import (
    early,
    ended,
    join,
    listed_experience,
    nomination_note,
    window_start,
)
from maplepath.programs.verdict import Criterion, Finding, Verdict, combine, criterion, or3
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

PROGRAM = "oinp_hcp_tech"
LEADS_TO = "nomination"
R = "programs.oinp_hcp_tech."
NOMINATION = "crs.additional.provincial_nomination"
# The federal programs as a sentence names them (FSW is TQF in French), for ``word``.
PROGRAM_NAMES = (noop("FSW"), noop("CEC"), noop("FST"))


# --- shared by the Express Entry-aligned provincial streams ------------------------------------


def express_entry(
    profile: Profile, on: date, book: RuleBook, programs: Sequence[ModuleType]
) -> Finding:
    """Whether the profile qualifies for one of the federal Express Entry ``programs`` (each a
    module with ``evaluate``): met if one is eligible, unmet if all are ineligible."""
    verdicts = ee_programs.verdicts(profile, on, book, (m.PROGRAM for m in programs))
    answers = {"eligible": True, "ineligible": False}
    value = or3(answers.get(v.verdict) for v in verdicts)
    text = ", ".join(f"{word(v.program.upper())} {word(v.verdict)}" for v in verdicts)
    needs = tuple(dict.fromkeys(n for v in verdicts if v.verdict == "unknown" for n in v.needs))
    text = say("Express Entry: %(programs)s", programs=text)
    return Finding(value, text, needs if value is None else ())


def crs_before_nomination(
    profile: Profile, on: date, book: RuleBook
) -> tuple[int, tuple[str, ...] | None]:
    """The CRS total without nomination points, and None when no fact is missing, else the
    facts whose absence scored nothing (the total is then a lower bound). A test or credential
    given but not valid on the date is a fact, not a missing one."""
    return memo.get(profile, on, book, "crs_before_nomination", lambda: _crs(profile, on, book))


def _crs(profile: Profile, on: date, book: RuleBook) -> tuple[int, tuple[str, ...] | None]:
    total, missing = crs.total_before_nomination(profile, on, book)
    needs: list[str] = []
    for m in missing:
        head = m.split(":", 1)[0]
        if " " in head:
            needs += re.findall(r"[\w.]*work\[\d+\]\.\w+", m)
        elif not _given(profile, head):
            needs.append(head)
    return total, tuple(dict.fromkeys(needs)) or None


def _given(profile: Profile, path: str) -> bool:
    """Whether a top-level fact (``language_tests``, ``spouse.birth_date``) is filled in."""
    obj: object = profile
    for part in path.split("."):
        obj = getattr(obj, part, None)
    return bool(obj)


def crs_at_least(profile: Profile, on: date, book: RuleBook, minimum: int, what: str) -> Finding:
    total, missing = crs_before_nomination(profile, on, book)
    if total >= minimum:
        text = say(
            "CRS %(total)s reaches %(what)s (%(minimum)s)", total=total, what=what, minimum=minimum
        )
        return Finding(True, text)
    if missing is not None:
        text = say(
            "CRS %(total)s with facts missing, below %(what)s (%(minimum)s)",
            total=total,
            what=what,
            minimum=minimum,
        )
        return Finding(None, text, missing)
    text = say(
        "CRS %(total)s is below %(what)s (%(minimum)s)", total=total, what=what, minimum=minimum
    )
    return Finding(False, text)


# --- the tech draws ----------------------------------------------------------------------------


def evaluate(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
    book = book or rulebook.default()
    why = say(
        "Ontario revoked the human capital priorities category (O. Reg. 47/26) in its redesign"
    )
    before = early(PROGRAM, on, book, LEADS_TO) or ended(PROGRAM, on, book, LEADS_TO, why)
    if before:
        return before
    status = common.status(PROGRAM, on, book)
    ee = express_entry(profile, on, book, (fsw, cec))
    note = nomination_note(on, book)
    ee = Finding(ee.value, say("%(detail)s; %(note)s", detail=ee.detail, note=note), ee.needs)
    criteria = (
        criterion("express_entry", ee, ("programs.fsw.status", "programs.cec.status", NOMINATION)),
        _occupation(profile, on, book),
        _education(profile, on, book),
        _crs_range(profile, on, book),
    )
    return Verdict(PROGRAM, combine(criteria), status, criteria, LEADS_TO, None)


def _occupation(profile: Profile, on: date, book: RuleBook) -> Criterion:
    rules = (R + "occupations", R + "experience")
    listing, rule = book.value(R + "occupations", on), book.value(R + "experience", on)
    if listing is None or rule is None:
        f = Finding(None, say("no tech draws on %(on)s", on=on))
        return criterion("tech_occupation", f, rules)
    if not profile.work:
        f = Finding(None, say("no work given"), ("work",))
        return criterion("tech_occupation", f, rules)
    since = window_start(on, years=rule["window_years"])
    f = listed_experience(profile.work, on, book, years=rule["years"], since=since, listing=listing)
    text = say(
        "%(detail)s in a targeted tech occupation (%(classification)s) since %(since)s",
        detail=f.detail,
        classification=word(listing["classification"]),
        since=since,
    )
    return criterion("tech_occupation", Finding(f.value, text, f.needs), rules)


def _education(profile: Profile, on: date, book: RuleBook) -> Criterion:
    """A bachelor's degree or higher that counts on the date (Canadian, or with a valid ECA)."""
    rules = (R + "education", common.ECA_RULE)
    levels = book.value(R + "education", on)
    if levels is None:
        return criterion("education", Finding(None, say("no HCP stream on %(on)s", on=on)), rules)
    if not profile.education:
        f = Finding(None, say("no education given"), ("education",))
        return criterion("education", f, rules)
    answers, needs, shown = [], [], []
    reads = common.read_education(profile, on, book)
    for i, (c, read) in enumerate(zip(profile.education, reads, strict=True)):
        level = common.level(c)
        high = None if level is None else level in levels["levels"]
        answers.append(None if high is None else (high and read.value))
        needs += [*read.needs, *((f"education[{i}].level",) if level is None else ())]
        shown.append(say("%(level)s: %(detail)s", level=word(level or "?"), detail=read.detail))
    value = or3(answers)
    text = say("bachelor's or higher needed; %(credentials)s", credentials=join(shown))
    f = Finding(value, text, tuple(needs))
    return criterion("education", f, rules)


def _crs_range(profile: Profile, on: date, book: RuleBook) -> Criterion:
    """The CRS against the range of the latest recorded tech draw: a selection cut-off, so a
    score below it is unknown (the next draw may reach it), never unmet."""
    rules = (R + "tech_draws", R + "noi_deadline")
    draw = book.at(R + "tech_draws", on)
    if not draw.in_force or draw.value is None:
        f = Finding(None, say("no tech draw on record on %(on)s", on=on))
        return criterion("crs_range", f, rules)
    low, high = draw.value["crs_min"], draw.value["crs_max"]
    when = say("the tech draw of %(date)s", date=draw.effective_from)
    days = book.value(R + "noi_deadline", on)
    if low is None:
        why = say("the CRS range of %(draw)s is not on record", draw=when)
        return criterion("crs_range", Finding(None, why), rules)
    total, missing = crs_before_nomination(profile, on, book)
    span = f"{low}-{high}" if high else say("%(low)s and up", low=low)
    if total >= low:
        text = say(
            "CRS %(total)s: within reach of %(draw)s (CRS %(span)s); an NOI gives %(days)s days "
            "to apply",
            total=total,
            draw=when,
            span=span,
            days=days,
        )
        return criterion("crs_range", Finding(True, text), rules)
    text = say(
        "CRS %(total)s is below %(draw)s (CRS %(span)s); Ontario sets the range of each draw",
        total=total,
        draw=when,
        span=span,
    )
    return criterion("crs_range", Finding(None, text, missing or ()), rules)
