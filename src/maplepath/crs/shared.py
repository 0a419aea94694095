"""The CRS derivation of a profile on a date, shared within a memo session (issue 6).

``crs.score`` and the provincial streams' "CRS before nomination" (Alberta, Ontario) derive the
same CRS inputs from the same profile on the same date. Inside a session of the programs' memo
(``profile/memo.py``: keyed by every object of the profile, the date and the rule book) the
derivation is made once and shared; outside one nothing is kept and each caller derives its own,
as before. The derivation does not depend on rule scenarios (they apply to the points tables,
not to the inputs), and neither caller changes it.
"""

from __future__ import annotations

from datetime import date

from maplepath.crs import inputs as crs_inputs
from maplepath.crs.inputs import Derivation
from maplepath.profile import memo
from maplepath.profile.model import Profile
from maplepath.rulebook.book import RuleBook

KEY = "crs.arrangements"


def arrangements(
    profile: Profile, on: date, book: RuleBook
) -> tuple[Derivation, Derivation | None]:
    """``crs_inputs.derive_arrangements``, derived once per memo session."""
    found: tuple[Derivation, Derivation | None] = memo.in_session(
        profile, on, book, KEY, lambda: crs_inputs.derive_arrangements(profile, on, book)
    )
    return found


def as_given(profile: Profile, on: date, book: RuleBook) -> Derivation:
    """``crs_inputs.derive``: the first of the session's arrangements when ``score`` derived
    them already, else the profile as given alone (nothing kept)."""
    held: tuple[Derivation, Derivation | None] | None = memo.peek(profile, on, book, KEY)
    return held[0] if held is not None else crs_inputs.derive(profile, on, book)
