"""The consistency review of a work history over time: jobs that overlap, gaps between
them, and Canadian work that no permit in the folder covers (``consistency_work`` runs it
with the reference letters' checks).

IRCC's personal history must account for every month of the last 10 years, and Canadian work
counts only while authorized (IRPR s. 87.1(3)(d)).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date, timedelta

from maplepath.i18n import noop, say, word
from maplepath.planner import matching, permits
from maplepath.planner.evidence import Document
from maplepath.planner.findings import Finding
from maplepath.profile.facts import add_years
from maplepath.profile.model import WorkPeriod

FULL_TIME_HOURS = 30  # IRCC: full-time work is at least 30 hours a week

WHY_OVERLAP = noop(
    "two full-time jobs at the same time are possible but an officer will question them, and "
    "no more than 30 hours a week count toward experience"
)
WHY_GAP = noop(
    "the application's personal history must account for every month of the last 10 years; "
    "explain the gap (study, job search, travel, leave)"
)
WHY_AUTHORIZED = noop(
    "Canadian work counts for the Canadian Experience Class and the CRS only while authorized; "
    "work outside a permit does not count and can make the person inadmissible"
)


def authorization(
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
                    say(
                        "%(employer)s (%(start)s to %(end)s): no permit in the folder covers "
                        "%(gaps)s",
                        employer=w.employer,
                        start=w.start,
                        end=w.end or say("now"),
                        gaps=cover.describe(),
                    ),
                    word(WHY_AUTHORIZED),
                )
            )
    return out


def overlaps_and_gaps(work: Sequence[WorkPeriod], prefix: str, on: date) -> list[Finding]:
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
                    say(
                        "%(first)s and %(second)s overlap for %(days)s days, both full time",
                        first=wa.employer,
                        second=wb.employer,
                        days=days,
                    ),
                    word(WHY_OVERLAP),
                )
            )
        gap = wb.start - end_a - timedelta(days=1)
        if gap > matching.A_MONTH and end_a >= since:
            out.append(
                Finding(
                    "employment_gap",
                    "low",
                    paths,
                    say(
                        "%(days)s days without work between %(first)s (ended %(ended)s) and "
                        "%(second)s (started %(started)s)",
                        days=gap.days,
                        first=wa.employer,
                        ended=end_a,
                        second=wb.employer,
                        started=wb.start,
                    ),
                    word(WHY_GAP),
                )
            )
    return out
