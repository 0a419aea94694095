"""The main job: one person's Express Entry picture on a date.

The CRS with its explained lines, every program's verdict with the criteria that decide it,
the facts that are missing and would change a verdict or a score, and the warnings (expired
results, reported rule changes not applied, rules older than the assessment date).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from maplepath import programs
from maplepath.crs import scalar as crs
from maplepath.crs.result import CrsResult
from maplepath.i18n import noop, say, word
from maplepath.notices import DISCLAIMER, disclaimer, staleness_warnings
from maplepath.profile.model import Profile
from maplepath.programs import pathways
from maplepath.programs.pathways import Pathway
from maplepath.programs.verdict import Verdict
from maplepath.rulebook import book as rulebook

__all__ = ["DISCLAIMER", "Assessment", "assess", "disclaimer", "staleness_warnings"]

# The Express Entry programs as a sentence names them (French: TQF, CEC, TMSF).
_NAMES = {"fsw": noop("FSW"), "cec": noop("CEC"), "fst": noop("FST")}


@dataclass
class Assessment:
    on: date
    crs: CrsResult
    programs: list[Verdict]
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rules_last_verified: date | None = None
    rules_fingerprint: str = ""
    routes: list[Pathway] = field(default_factory=list)  # every program, ranked

    def to_json(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "crs": self.crs.to_json(),
            "programs": [v.to_json() for v in self.programs],
            "pathways": [p.to_json() for p in self.routes],
            "missing": self.missing,
            "warnings": self.warnings,
            "rules": {
                "last_verified": self.rules_last_verified.isoformat()
                if self.rules_last_verified
                else None,
                "fingerprint": self.rules_fingerprint,
            },
            "disclaimer": disclaimer(),
        }


def assess(
    profile: Profile,
    on: date,
    scenarios: tuple[str, ...] = (),
    book: rulebook.RuleBook | None = None,
) -> Assessment:
    book = book or rulebook.default()
    score = crs.score(profile, on, scenarios, book)
    routes = pathways.evaluate(profile, on, book=book)
    by_id = {r.verdict.program: r.verdict for r in routes}
    verdicts = [by_id[p] for p in programs.EXPRESS_ENTRY]
    missing = list(score.missing)
    for v in verdicts:
        if v.verdict != "unknown":
            continue  # a decided verdict: no missing fact can change it
        for need in v.needs:
            note = say(
                "%(fact)s: would decide %(program)s eligibility",
                fact=need,
                program=word(_NAMES.get(v.program, v.program.upper())),
            )
            if note not in missing:
                missing.append(note)
    warnings = list(score.warnings) + staleness_warnings(book, on)
    return Assessment(
        on=on,
        crs=score,
        programs=verdicts,
        missing=missing,
        warnings=warnings,
        rules_last_verified=book.last_verified(),
        rules_fingerprint=book.fingerprint(),
        routes=routes,
    )
