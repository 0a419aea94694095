"""The consistency review of employment: reference letters and pay stubs against the profile's
work history, titles against the NOC claimed, and job offers (overlaps, gaps and work
without a permit: ``consistency_history``).

Experience is what IRCC counts from the reference letters: their dates, their hours (30 a week
is full time; part-time work counts pro rata) and duties that match the lead statement of the
NOC claimed. A profile that says more than its letters is refused on the letters.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from maplepath import occupations
from maplepath.i18n import current, decimal, noop, say, word
from maplepath.planner import consistency_history as history
from maplepath.planner import matching
from maplepath.planner.consistency_history import FULL_TIME_HOURS
from maplepath.planner.evidence import Document
from maplepath.planner.findings import Finding
from maplepath.profile.model import Profile, Spouse, WorkPeriod

NOC_TOP = 5  # a title "plausibly" fits a NOC found among the first five search results
NOC_PLACEABLE = 60.0  # below this best search score the title says too little to judge
WAGE_TOLERANCE = 0.10

WHY_HOURS = noop(
    "a part-time reference letter against a full-time claim changes the experience count: "
    "IRCC counts part-time work pro rata (30 hours a week is full time)"
)
WHY_HOURS_DIFF = noop(
    "the hours on the letter are the ones counted; the profile should say the same"
)
WHY_DATES = noop(
    "experience is counted between the dates on the reference letter; other dates in the "
    "profile change the years counted and read as misrepresentation"
)
WHY_EMPLOYER = noop(
    "the letter for these dates is from another employer than the profile says; the "
    "experience claimed has no letter behind it"
)
WHY_TITLE = noop("the job title on the letter should be the one in the profile")
WHY_NOC = noop(
    "an officer checks that the title and duties fit the NOC claimed; a title that points to "
    "another occupation invites a refusal for not performing the NOC's main duties"
)
WHY_NOC_DIFF = noop("the letter and the profile name different NOC codes for the same job")
WHY_WAGE = noop(
    "pay stubs and the reference letter should show the same pay; a difference suggests "
    "different hours or a different job"
)
WHY_UNLISTED = noop(
    "the folder has a letter for work the profile does not list: claim it, or be ready to "
    "say why it is left out (the personal history must show it)"
)
WHY_OFFER = noop(
    "the job offer letter is what IRCC and the province check: its employer, NOC, wage and "
    "full-time status must be the ones claimed"
)


def review(
    docs: Sequence[Document], person: Profile | Spouse, prefix: str, on: date
) -> list[Finding]:
    letters = [d for d in docs if d.kind == "employment_reference_letter"]
    out: list[Finding] = []
    for d in letters:
        i = _match(d, person.work, on)
        if i is None:
            out.append(
                Finding(
                    "unlisted_employment",
                    "low",
                    (d.id, f"profile:{prefix}work"),
                    say(
                        "%(document)s (%(employer)s, %(start)s to %(end)s) matches no work in "
                        "the profile",
                        document=d.id,
                        employer=d.fields.employer,
                        start=d.fields.start,
                        end=d.fields.end or say("now"),
                    ),
                    word(WHY_UNLISTED),
                )
            )
            continue
        out += _compare(d, person.work[i], f"profile:{prefix}work[{i}]")
    out += _wages(docs)
    out += history.overlaps_and_gaps(person.work, prefix, on)
    out += history.authorization(docs, person.work, prefix, on)
    return out


def _match(d: Document, work: Sequence[WorkPeriod], on: date) -> int | None:
    """The work period a letter describes: same employer (the most overlapping one), else the
    only period its dates overlap."""
    f = d.fields
    same = [i for i, w in enumerate(work) if matching.same_employer(f.employer, w.employer)]
    if f.start is not None:
        by_overlap = sorted(
            (i for i, w in enumerate(work) if w.start is not None),
            key=lambda i: -_overlap(f.start, f.end, work[i], on),
        )
        if same:
            same.sort(key=lambda i: -_overlap(f.start, f.end, work[i], on))
            return same[0]
        overlapping = [i for i in by_overlap if _overlap(f.start, f.end, work[i], on) > 0]
        return overlapping[0] if len(overlapping) == 1 else None
    return same[0] if same else None


def _overlap(start: date | None, end: date | None, w: WorkPeriod, on: date) -> int:
    if start is None or w.start is None:
        return 0
    return matching.overlap_days(start, end, w.start, w.end, on)


def _compare(d: Document, w: WorkPeriod, path: str) -> list[Finding]:
    f, out = d.fields, []
    docs = (d.id, path)
    if matching.same_employer(f.employer, w.employer) is False:
        out.append(
            Finding(
                "employer",
                "medium",
                docs,
                say(
                    "%(document)s is from %(employer)s; the profile says %(claimed)s for these "
                    "dates",
                    document=d.id,
                    employer=repr(f.employer),
                    claimed=repr(w.employer),
                ),
                word(WHY_EMPLOYER),
            )
        )
    if matching.close_dates(f.start, w.start) is False:
        out.append(
            Finding(
                "employment_dates",
                "medium",
                docs,
                say(
                    "%(document)s starts %(start)s; the profile says %(claimed)s",
                    document=d.id,
                    start=f.start,
                    claimed=w.start,
                ),
                word(WHY_DATES),
            )
        )
    if f.start is not None and (
        (f.end is None) != (w.end is None) or matching.close_dates(f.end, w.end) is False
    ):
        out.append(
            Finding(
                "employment_dates",
                "medium",
                docs,
                say(
                    "%(document)s ends %(end)s; the profile says %(claimed)s",
                    document=d.id,
                    end=f.end or say("never (still employed)"),
                    claimed=w.end or say("ongoing"),
                ),
                word(WHY_DATES),
            )
        )
    fh, wh = f.hours_per_week, w.hours_per_week
    if fh is not None and wh is not None and abs(fh - wh) > 1:
        part_time = fh < FULL_TIME_HOURS <= wh
        out.append(
            Finding(
                "hours",
                "high" if part_time else "medium",
                docs,
                say(
                    "%(document)s shows %(hours)s hours a week; the profile claims %(claimed)s",
                    document=d.id,
                    hours=decimal(f"{fh:g}"),
                    claimed=decimal(f"{wh:g}"),
                ),
                word(WHY_HOURS if part_time else WHY_HOURS_DIFF),
            )
        )
    if f.job_title and w.title and matching.title_similarity(f.job_title, w.title) < 70:
        out.append(
            Finding(
                "job_title",
                "low",
                docs,
                say(
                    "%(document)s gives the title %(title)s; the profile %(claimed)s",
                    document=d.id,
                    title=repr(f.job_title),
                    claimed=repr(w.title),
                ),
                word(WHY_TITLE),
            )
        )
    if f.noc and w.noc and f.noc != w.noc:
        out.append(
            Finding(
                "noc",
                "medium",
                docs,
                say(
                    "%(document)s says NOC %(noc)s; the profile %(claimed)s",
                    document=d.id,
                    noc=f.noc,
                    claimed=w.noc,
                ),
                word(WHY_NOC_DIFF),
            )
        )
    title = f.job_title or w.title
    if title and w.noc and len(w.noc) == 5:
        fits, best = noc_fits(title, w.noc, current())
        if fits is False:
            out.append(
                Finding(
                    "noc",
                    "medium",
                    docs,
                    say(
                        "the title %(title)s reads as NOC %(best)s, not the %(noc)s claimed "
                        "(%(noc_title)s)",
                        title=repr(title),
                        best=best,
                        noc=w.noc,
                        noc_title=_title(w.noc),
                    ),
                    word(WHY_NOC),
                )
            )
    return out


def _title(code: str) -> str:
    try:
        return occupations.lookup(code).title
    except occupations.NocError:
        return say("unknown code")


@lru_cache(maxsize=512)
def noc_fits(title: str, noc: str, lang: str = "en") -> tuple[bool | None, str]:
    """Whether a job title plausibly matches a NOC 2021 code: the code is among the first
    results of a NOC search for the title, or in the same minor group as the best one. None
    when the title says too little to place (e.g. "Member of Technical Staff"). The best match
    is said in ``lang`` (the cache keeps one answer per language)."""
    results = occupations.search(title, limit=NOC_TOP)
    if not results or results[0].score < NOC_PLACEABLE:
        return None, ""
    best = f"{results[0].code} ({results[0].title})"
    if any(r.code == noc for r in results) or results[0].code[:4] == noc[:4]:
        return True, best
    return False, best


def _wages(docs: Sequence[Document]) -> list[Finding]:
    letters = [
        d for d in docs if d.kind == "employment_reference_letter" and d.fields.hourly_wage()
    ]
    out = []
    for stub in (d for d in docs if d.kind == "pay_stub" and d.fields.hourly_wage()):
        for letter in letters:
            if not matching.same_employer(stub.fields.employer, letter.fields.employer):
                continue
            a, b = stub.fields.hourly_wage() or 0.0, letter.fields.hourly_wage() or 0.0
            if b and abs(a - b) / b > WAGE_TOLERANCE:
                out.append(
                    Finding(
                        "wage",
                        "medium",
                        (letter.id, stub.id),
                        say(
                            "%(stub)s pays %(paid)s an hour; %(letter)s states %(stated)s "
                            "(%(apart)s apart)",
                            stub=stub.id,
                            paid=decimal(f"{a:,.2f}"),
                            letter=letter.id,
                            stated=decimal(f"{b:,.2f}"),
                            apart=_percent(abs(a - b) / b),
                        ),
                        word(WHY_WAGE),
                    )
                )
    return out


def job_offers(profile: Profile, docs: Sequence[Document]) -> list[Finding]:
    out = []
    letters = [d for d in docs if d.kind == "job_offer_letter"]
    for i, o in enumerate(profile.job_offers):
        path = f"profile:job_offers[{i}]"
        for d in letters:
            f = d.fields
            if matching.same_employer(f.employer, o.employer) is False:
                continue
            diffs = []
            if f.noc and o.noc and f.noc != o.noc:
                diffs.append(say("NOC %(letter)s vs %(profile)s", letter=f.noc, profile=o.noc))
            wage = f.hourly_wage()
            if wage and o.hourly_wage and abs(wage - o.hourly_wage) / o.hourly_wage > 0.02:
                diffs.append(
                    say(
                        "%(letter)s/h vs %(profile)s/h",
                        letter=_dollars(wage),
                        profile=_dollars(o.hourly_wage),
                    )
                )
            if f.full_time is not None and o.full_time is not None and f.full_time != o.full_time:
                diffs.append(
                    say(
                        "full time %(letter)s vs %(profile)s",
                        letter=_yes(f.full_time),
                        profile=_yes(o.full_time),
                    )
                )
            if diffs:
                out.append(
                    Finding(
                        "job_offer",
                        "high" if f.full_time is False and o.full_time else "medium",
                        (d.id, path),
                        say(
                            "%(document)s and the profile's offer from %(employer)s differ: "
                            "%(differences)s (letter vs profile)",
                            document=d.id,
                            employer=o.employer,
                            differences="; ".join(diffs),
                        ),
                        word(WHY_OFFER),
                    )
                )
    return out


def _percent(share: float) -> str:
    """``12%`` in English, ``12 %`` in French."""
    return say("%(percent)s%%", percent=format(share * 100, ".0f"))


def _dollars(amount: float) -> str:
    """Dollars and cents: ``$25.50`` in English, ``25,50 $`` in French."""
    return say("$%(amount)s", amount=decimal(f"{amount:,.2f}"))


def _yes(value: bool) -> str:
    return say("True") if value else say("False")
