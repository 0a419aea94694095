"""The consistency review of employment: reference letters and pay stubs against the profile's
work history, titles against the NOC claimed, overlaps and gaps, and job offers.

Experience is what IRCC counts from the reference letters: their dates, their hours (30 a week
is full time; part-time work counts pro rata) and duties that match the lead statement of the
NOC claimed. A profile that says more than its letters is refused on the letters.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache

from maplepath import occupations
from maplepath.planner import matching, permits
from maplepath.planner.evidence import Document
from maplepath.planner.findings import Finding
from maplepath.profile.facts import add_years
from maplepath.profile.model import Profile, Spouse, WorkPeriod

FULL_TIME_HOURS = 30  # IRCC: full-time work is at least 30 hours a week
NOC_TOP = 5  # a title "plausibly" fits a NOC found among the first five search results
NOC_PLACEABLE = 60.0  # below this best search score the title says too little to judge
WAGE_TOLERANCE = 0.10

WHY_HOURS = (
    "a part-time reference letter against a full-time claim changes the experience count: "
    "IRCC counts part-time work pro rata (30 hours a week is full time)"
)
WHY_HOURS_DIFF = "the hours on the letter are the ones counted; the profile should say the same"
WHY_DATES = (
    "experience is counted between the dates on the reference letter; other dates in the "
    "profile change the years counted and read as misrepresentation"
)
WHY_EMPLOYER = (
    "the letter for these dates is from another employer than the profile says; the "
    "experience claimed has no letter behind it"
)
WHY_TITLE = "the job title on the letter should be the one in the profile"
WHY_NOC = (
    "an officer checks that the title and duties fit the NOC claimed; a title that points to "
    "another occupation invites a refusal for not performing the NOC's main duties"
)
WHY_NOC_DIFF = "the letter and the profile name different NOC codes for the same job"
WHY_WAGE = (
    "pay stubs and the reference letter should show the same pay; a difference suggests "
    "different hours or a different job"
)
WHY_OVERLAP = (
    "two full-time jobs at the same time are possible but an officer will question them, and "
    "no more than 30 hours a week count toward experience"
)
WHY_GAP = (
    "the application's personal history must account for every month of the last 10 years; "
    "explain the gap (study, job search, travel, leave)"
)
WHY_UNLISTED = (
    "the folder has a letter for work the profile does not list: claim it, or be ready to "
    "say why it is left out (the personal history must show it)"
)
WHY_AUTHORIZED = (
    "Canadian work counts for the Canadian Experience Class and the CRS only while authorized; "
    "work outside a permit does not count and can make the person inadmissible"
)
WHY_OFFER = (
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
                    f"{d.id} ({d.fields.employer}, {d.fields.start} to "
                    f"{d.fields.end or 'now'}) matches no work in the profile",
                    WHY_UNLISTED,
                )
            )
            continue
        out += _compare(d, person.work[i], f"profile:{prefix}work[{i}]")
    out += _wages(docs)
    out += _overlaps_and_gaps(person.work, prefix, on)
    out += _authorization(docs, person.work, prefix, on)
    return out


def _authorization(
    docs: Sequence[Document], work: Sequence[WorkPeriod], prefix: str, on: date
) -> list[Finding]:
    """Canadian work outside every permit in the folder (checked only when the folder holds
    permits: without any, authorization is unknown, not contradicted)."""
    held = [d for d in docs if d.kind in permits.PERMIT_KINDS]
    if not held:
        return []
    about = held[0].about
    out = []
    for i, w in enumerate(work):
        if w.canadian is not True or w.authorized is False:
            continue
        cover = permits.coverage(w, held, about, on)
        days = sum((b - a).days + 1 for a, b in cover.gaps)
        if days > matching.A_MONTH.days:
            out.append(
                Finding(
                    "work_authorization",
                    "high",
                    (*cover.documents, f"profile:{prefix}work[{i}]"),
                    f"{w.employer} ({w.start} to {w.end or 'now'}): no permit in the folder "
                    f"covers {cover.describe()}",
                    WHY_AUTHORIZED,
                )
            )
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
                f"{d.id} is from {f.employer!r}; the profile says {w.employer!r} for these dates",
                WHY_EMPLOYER,
            )
        )
    if matching.close_dates(f.start, w.start) is False:
        out.append(
            Finding(
                "employment_dates",
                "medium",
                docs,
                f"{d.id} starts {f.start}; the profile says {w.start}",
                WHY_DATES,
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
                f"{d.id} ends {f.end or 'never (still employed)'}; the profile says "
                f"{w.end or 'ongoing'}",
                WHY_DATES,
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
                f"{d.id} shows {fh:g} hours a week; the profile claims {wh:g}",
                WHY_HOURS if part_time else WHY_HOURS_DIFF,
            )
        )
    if f.job_title and w.title and matching.title_similarity(f.job_title, w.title) < 70:
        out.append(
            Finding(
                "job_title",
                "low",
                docs,
                f"{d.id} gives the title {f.job_title!r}; the profile {w.title!r}",
                WHY_TITLE,
            )
        )
    if f.noc and w.noc and f.noc != w.noc:
        out.append(
            Finding(
                "noc", "medium", docs, f"{d.id} says NOC {f.noc}; the profile {w.noc}", WHY_NOC_DIFF
            )
        )
    title = f.job_title or w.title
    if title and w.noc and len(w.noc) == 5:
        fits, best = noc_fits(title, w.noc)
        if fits is False:
            out.append(
                Finding(
                    "noc",
                    "medium",
                    docs,
                    f"the title {title!r} reads as NOC {best}, not the {w.noc} claimed "
                    f"({_title(w.noc)})",
                    WHY_NOC,
                )
            )
    return out


def _title(code: str) -> str:
    try:
        return occupations.lookup(code).title
    except occupations.NocError:
        return "unknown code"


@lru_cache(maxsize=512)
def noc_fits(title: str, noc: str) -> tuple[bool | None, str]:
    """Whether a job title plausibly matches a NOC 2021 code: the code is among the first
    results of a NOC search for the title, or in the same minor group as the best one. None
    when the title says too little to place (e.g. "Member of Technical Staff")."""
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
                        f"{stub.id} pays {a:,.2f} an hour; {letter.id} states {b:,.2f} "
                        f"({abs(a - b) / b:.0%} apart)",
                        WHY_WAGE,
                    )
                )
    return out


def _overlaps_and_gaps(work: Sequence[WorkPeriod], prefix: str, on: date) -> list[Finding]:
    dated = sorted(
        (i for i, w in enumerate(work) if w.start is not None and w.start <= on),
        key=lambda i: work[i].start or on,
    )
    out = []
    since = add_years(on, -10)
    for a, b in itertools.pairwise(dated):
        wa, wb = work[a], work[b]
        assert wa.start is not None and wb.start is not None
        end_a = wa.end or on
        both_full = all((w.hours_per_week or 0) >= FULL_TIME_HOURS for w in (wa, wb))
        days = matching.overlap_days(wa.start, wa.end, wb.start, wb.end, on)
        paths = (f"profile:{prefix}work[{a}]", f"profile:{prefix}work[{b}]")
        if both_full and days > matching.A_MONTH.days:
            out.append(
                Finding(
                    "overlapping_employment",
                    "medium",
                    paths,
                    f"{wa.employer} and {wb.employer} overlap for {days} days, both full time",
                    WHY_OVERLAP,
                )
            )
        gap = wb.start - end_a - timedelta(days=1)
        if gap > matching.A_MONTH and end_a >= since:
            out.append(
                Finding(
                    "employment_gap",
                    "low",
                    paths,
                    f"{gap.days} days without work between {wa.employer} (ended {end_a}) and "
                    f"{wb.employer} (started {wb.start})",
                    WHY_GAP,
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
                diffs.append(f"NOC {f.noc} vs {o.noc}")
            wage = f.hourly_wage()
            if wage and o.hourly_wage and abs(wage - o.hourly_wage) / o.hourly_wage > 0.02:
                diffs.append(f"${wage:,.2f}/h vs ${o.hourly_wage:,.2f}/h")
            if f.full_time is not None and o.full_time is not None and f.full_time != o.full_time:
                diffs.append(f"full time {f.full_time} vs {o.full_time}")
            if diffs:
                out.append(
                    Finding(
                        "job_offer",
                        "high" if f.full_time is False and o.full_time else "medium",
                        (d.id, path),
                        f"{d.id} and the profile's offer from {o.employer} differ: "
                        + "; ".join(diffs)
                        + " (letter vs profile)",
                        WHY_OFFER,
                    )
                )
    return out
