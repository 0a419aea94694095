"""What a person's CRS derivation could not count for want of facts, in the language in force.

The notes name the facts (profile paths such as ``work[0].hours_per_week``) first or in full:
``programs.oinp_hcp_tech`` reads the paths back from ``crs.total_before_nomination``'s notes,
so a path stays written as it is in every language.
"""

from __future__ import annotations

import math

from maplepath.i18n import noop, say
from maplepath.i18n import years as years_said
from maplepath.profile import experience
from maplepath.profile.model import WorkPeriod

WORK_FACTS = (
    "start",
    "noc",
    "hours_per_week",
    "country",
    "authorized",
    "self_employed",
    "full_time_student",
)


def full_years(acc: experience.Accrual, cap: int) -> int:
    return min(cap, int(acc.years + 1e-9))


def years_note(
    acc: experience.Accrual, cap: int, what: str, work: list[WorkPeriod], prefix: str
) -> str | None:
    """What missing facts leave open about a person's counted years (None when nothing does)."""
    if not acc.unknown:
        return None
    years = full_years(acc, cap)
    possible = (
        acc.possible_years
        if math.isinf(acc.possible_years)
        else min(cap, int(acc.possible_years + 1e-9))
    )
    if possible <= years:
        return None
    gaps = [
        f"{prefix}work[{i}].{name}"
        for i in acc.unknown
        for name in WORK_FACTS
        if getattr(work[i], name) is None
    ]
    facts = ", ".join(gaps)
    if math.isinf(possible):
        return say(
            "%(what)s: %(years)s counted, more if these facts allow: %(facts)s",
            what=what,
            years=years_said(years),
            facts=facts,
        )
    return say(
        "%(what)s: %(years)s counted, %(possible)s if these facts allow: %(facts)s",
        what=what,
        years=years_said(years),
        possible=years_said(int(possible)),
        facts=facts,
    )


# Whose experience a note is about: the principal applicant's, the spouse's, or (the couple the
# other way round) the applicant's as the accompanying partner.
CANADIAN = (
    noop("Canadian experience"),
    noop("spouse's Canadian experience"),
    noop("applicant's Canadian experience"),
)
FOREIGN = (noop("foreign experience"), noop("spouse's foreign experience"))
