"""Program eligibility: one module per program, one registry.

Each module exposes ``evaluate(profile, on, book=None) -> Verdict``; ``REGISTRY`` maps the
program ids of ``maplepath pathways`` (DESIGN.md) to them, and ``evaluate_all`` runs them all on
one date: the Express Entry programs and categories, the fast work permits, the provincial tech
streams and Quebec's pilot — every program id of DESIGN.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from maplepath.profile import memo
from maplepath.profile.model import Profile
from maplepath.programs import (
    aaip,
    bc_pnp_tech,
    cusma,
    ee_category,
    express_entry,
    gts,
    ict,
    mpnp,
    oinp_hcp_tech,
    oinp_workforce_priority,
    quebec,
    quebec_pstq,
    sinp_tech,
)
from maplepath.programs.verdict import Verdict
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.book import RuleBook

Evaluator = Callable[[Profile, date, RuleBook | None], Verdict]


def _shared(program: str) -> Evaluator:
    """FSW, CEC and FST through the per-profile memo every Express Entry route shares."""

    def run(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
        return express_entry.verdict(program, profile, on, book or rulebook.default())

    return run


def _in_session(evaluate: Evaluator) -> Evaluator:
    """The evaluator, run in a memo session when called on its own (``pathways --program``, a
    planner bisecting dates): the profile's memo key is then computed once for the call rather
    than once for every shared fact it asks for. Within ``evaluate_all`` it runs as it is."""

    def run(profile: Profile, on: date, book: RuleBook | None = None) -> Verdict:
        book = book or rulebook.default()
        if memo.active_for(profile, on, book):
            return evaluate(profile, on, book)
        token = memo.enter(profile, on, book)
        try:
            return evaluate(profile, on, book)
        finally:
            memo.leave(token)

    return run


_EVALUATORS: dict[str, Evaluator] = {
    "fsw": _shared("fsw"),
    "cec": _shared("cec"),
    "fst": _shared("fst"),
    **ee_category.evaluators(),
    **gts.PROGRAMS,
    "cusma": cusma.evaluate,
    "ict": ict.evaluate,
    "bc_pnp_tech": bc_pnp_tech.evaluate,
    "oinp_hcp_tech": oinp_hcp_tech.evaluate,
    "oinp_workforce_priority": oinp_workforce_priority.evaluate,
    **aaip.PROGRAMS,
    "sinp_tech": sinp_tech.evaluate,
    "mpnp_skilled_worker_overseas": mpnp.evaluate,
    **quebec.PROGRAMS,
    "quebec_pstq": quebec_pstq.evaluate,
}
REGISTRY: dict[str, Evaluator] = {pid: _in_session(ev) for pid, ev in _EVALUATORS.items()}

# Programs that can name the first later day on which their verdict may differ, with the same
# rules in force (programs/steady.py): the trajectory carries their verdict forward until then.
STEADY: dict[str, Callable[[Profile, date, RuleBook], date]] = {
    "gts_a": gts.steady_until_a,
    "gts_b": gts.steady_until_b,
    "cusma": cusma.steady_until,
    "ict": ict.steady_until,
    "bc_pnp_tech": bc_pnp_tech.steady_until,
    "mpnp_skilled_worker_overseas": mpnp.steady_until,
    "quebec_pstq": quebec_pstq.steady_until,
}


def registry(on: date | None = None) -> dict[str, Evaluator]:
    """Every program id with its evaluator (all ids that ever existed, so past dates work)."""
    return dict(REGISTRY)


def evaluate_all(profile: Profile, on: date, book: RuleBook | None = None) -> list[Verdict]:
    """Every registered program's verdict on ``on``, in registry order."""
    book = book or rulebook.default()
    # The facts several programs share (Express Entry verdicts, the CRS) are derived once.
    # Inside the session the evaluators run as they are: ``REGISTRY``'s wrappers would only
    # find the session active, once per program and date.
    token = memo.enter(profile, on, book)
    try:
        return [evaluate(profile, on, book) for evaluate in _EVALUATORS.values()]
    finally:
        memo.leave(token)


def evaluate_some(
    profile: Profile, on: date, program_ids: Iterable[str], book: RuleBook | None = None
) -> list[Verdict]:
    """The verdicts of the programs named (registry ids), in the order given, on ``on``: one
    memo session for all of them, as in ``evaluate_all``."""
    book = book or rulebook.default()
    with memo.session(profile, on, book):
        return [_EVALUATORS[pid](profile, on, book) for pid in program_ids]


EXPRESS_ENTRY = ("fsw", "cec", "fst")

__all__ = [
    "EXPRESS_ENTRY",
    "REGISTRY",
    "STEADY",
    "Evaluator",
    "evaluate_all",
    "evaluate_some",
    "registry",
]
