"""A finding of the consistency review: which documents disagree, on what, and how much it
matters (``consistency`` explains the severities)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: str  # high | medium | low
    documents: tuple[str, ...]  # document ids; "profile:<path>" for a profile fact
    detail: str
    why: str

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity {self.severity!r} is not one of {SEVERITIES}")

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "documents": list(self.documents),
            "detail": self.detail,
            "why": self.why,
        }
