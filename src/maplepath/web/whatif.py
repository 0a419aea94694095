"""What if: the CRS after chosen actions (a better test, French, a Canadian credential, the
partner as principal applicant) and, or, some months from now. The actions are the planner's
own (``planner.actions.catalogue``: each knows how it changes the profile and how long it takes);
the score is the CRS on the day the last of them is done, or the later day asked for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from maplepath.crs import scalar as crs
from maplepath.planner.actions import catalogue, swapped
from maplepath.planner.improve import schedule
from maplepath.profile.model import Profile
from maplepath.programs.common import shift

MONTHS = (0, 6, 12, 24, 36)
LABELS = {
    "applicant:english": "Your English test",
    "applicant:french": "Your French test",
    "applicant:credential": "A Canadian credential",
    "spouse:english": "Your partner's English test",
    "spouse:french": "Your partner's French test",
    "spouse:credential": "Your partner: a Canadian credential",
    "swap": "Principal applicant",
}


@dataclass(frozen=True)
class Choice:
    group: str  # the form field: one action per group
    label: str
    options: tuple[tuple[str, str], ...]  # (action id, title)


def choices(profile: Profile, on: date) -> list[Choice]:
    """The actions on offer, one list per group (English, French, credential, partner...)."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for a in catalogue(profile, on):
        groups.setdefault(a.group, []).append((a.id, a.title))
    return [
        Choice(f"whatif.{g}", LABELS.get(g, g.replace(":", ": ").replace("_", " ")), tuple(opts))
        for g, opts in groups.items()
    ]


def score(profile: Profile, on: date, chosen: list[str], months: int) -> dict[str, Any]:
    """The CRS with ``chosen`` action ids done and ``months`` passed, against the CRS now."""
    offered = {a.id: a for a in catalogue(profile, on)}
    actions = {offered[i].group: offered[i] for i in chosen if i in offered}  # one per group
    p, done = profile, on
    for action, _start, end in schedule(actions.values(), on):
        p, done = action.apply(p, end), max(done, end)
    if any(a.swap for a in actions.values()):
        p = swapped(p)
    when = max(done, shift(on, 0, months)) if months else done
    now = crs.score(profile, on).total
    after = crs.score(p, when).total
    return {
        "now": now,
        "after": after,
        "when": when,
        "gain": after - now,
        "done": [a.title for a in actions.values()],
    }
