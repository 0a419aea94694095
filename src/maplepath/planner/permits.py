"""Work in Canada and the permits that authorized it.

Canadian work counts toward the Canadian Experience Class and the CRS only when it was
authorized (IRPR s. 87.1(3)(d)): each day of a Canadian job must fall within a permit that
allowed the work — a work permit (naming the employer, or an open one naming none), or a study
permit for work while studying. A permit's validity is its ``start``/``end`` (or
``issued``/``expires``). Past work is proven by the permit held at the time, so a permit that
has since expired still covers the days it was valid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from maplepath.i18n import say
from maplepath.planner import matching
from maplepath.planner.evidence import Document
from maplepath.profile.model import WorkPeriod

PERMIT_KINDS = ("work_permit", "study_permit")


@dataclass(frozen=True)
class Coverage:
    documents: tuple[str, ...]  # the permits that cover some of the job
    gaps: tuple[tuple[date, date], ...]  # spans of the job no permit covers (inclusive)

    @property
    def covered(self) -> bool:
        return not self.gaps

    def describe(self) -> str:
        return "; ".join(say("%(start)s to %(end)s", start=a, end=b) for a, b in self.gaps)


def _validity(d: Document) -> tuple[date, date] | None:
    f = d.fields
    start, end = f.start or f.issued, f.end or f.expires
    if start is None or end is None:
        return None
    return start, end


def _covers_employer(d: Document, w: WorkPeriod) -> bool:
    # An employer-specific permit covers only that employer; an open permit names none.
    return (
        d.kind == "study_permit"
        or matching.same_employer(d.fields.employer, w.employer) is not False
    )


def coverage(w: WorkPeriod, documents: Sequence[Document], about: str, on: date) -> Coverage:
    """Which days of a Canadian job (to ``on`` when ongoing) the person's permits cover."""
    if w.start is None:
        return Coverage((), ())
    job_end = min(w.end or on, on)
    spans = []
    ids = []
    for d in documents:
        if (
            d.kind not in PERMIT_KINDS
            or d.about != about
            or not _covers_employer(d, w)
            or d.not_yet_issued(on)
        ):
            continue
        valid = _validity(d)
        if valid is None or valid[1] < w.start or valid[0] > job_end:
            continue
        spans.append(valid)
        ids.append(d.id)
    gaps = []
    cursor = w.start
    for start, end in sorted(spans):
        if start > cursor:
            gaps.append((cursor, min(start - timedelta(days=1), job_end)))
        cursor = max(cursor, end + timedelta(days=1))
        if cursor > job_end:
            break
    if cursor <= job_end:
        gaps.append((cursor, job_end))
    return Coverage(tuple(ids), tuple(gaps))
