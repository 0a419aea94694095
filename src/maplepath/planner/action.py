"""One step a person can take to raise their CRS, and how it changes the profile.

The catalogue of what a person can do (``actions``) and the language retakes
(``language_actions``) both build these; the optimizer (``improve``) combines them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from maplepath.profile.model import Profile, Spouse


@dataclass(frozen=True)
class Action:
    id: str  # stable: "applicant:english:all-9", "spouse:eca:0", "wait:2027-07-01"
    group: str  # at most one action per group in a plan
    track: str  # actions of one track run one after another
    title: str
    days: int
    cost_cad: int | None  # None: no cited fee (the plan's cost is then incomplete)
    rules: tuple[str, ...]
    # (profile, the day this action is done) -> the changed copy; None for a pure wait
    change: Callable[[Profile, date], Profile] | None = field(default=None, compare=False)
    swap: bool = False  # the spouse becomes principal applicant (applied after the others)
    # A language action's target level per ability, and how to make the same action with other
    # targets (the optimizer builds a "best of the group" action from it to bound scores).
    targets: tuple[int, ...] = ()
    sibling: Callable[[dict[str, int]], Action] | None = field(default=None, compare=False)

    def apply(self, profile: Profile, done_on: date) -> Profile:
        return profile if self.change is None else self.change(profile, done_on)


def on_person(
    p: Profile, who: str, edit: Callable[[Profile | Spouse], Profile | Spouse]
) -> Profile:
    """The profile with the applicant (``who == "applicant"``) or the spouse edited."""
    if who == "applicant":
        changed = edit(p)
        assert isinstance(changed, Profile)
        return changed
    assert p.spouse is not None
    return p.model_copy(update={"spouse": edit(p.spouse)})
