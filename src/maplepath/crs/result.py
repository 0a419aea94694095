"""The result of a CRS computation: the explained lines and their JSON (DESIGN.md's shape)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from maplepath.crs.inputs import CrsInputs


class Line(NamedTuple):
    """One explained line of a score (a NamedTuple: a score makes dozens of them)."""

    factor: str
    points: int
    rule: str
    effective_from: date | None
    detail: str
    section: str


@dataclass
class CrsResult:
    on: date
    total: int
    sections: dict[str, int]
    lines: list[Line]
    inputs: CrsInputs
    principal_applicant: str = "applicant"
    warnings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    alternative: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "total": self.total,
            "sections": self.sections,
            "lines": [
                {
                    "factor": ln.factor,
                    "points": ln.points,
                    "rule": ln.rule,
                    "effective_from": ln.effective_from.isoformat() if ln.effective_from else None,
                    "detail": ln.detail,
                }
                for ln in self.lines
            ],
            "principal_applicant": self.principal_applicant,
            "warnings": self.warnings,
            "missing": self.missing,
            "alternative": self.alternative,
        }
