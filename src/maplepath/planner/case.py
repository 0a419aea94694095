"""A case folder: everything about one person's application in one directory.

    CASE/
      profile.yaml        the facts (DESIGN.md, profile format)
      evidence/           one YAML file per document the person holds (planner.evidence)
      assessments/        saved JSON snapshots, one per `maplepath case assess`

Commands that take CASE_OR_PROFILE accept either the folder or a profile file.
"""

from __future__ import annotations

from pathlib import Path

PROFILE = "profile.yaml"
EVIDENCE = "evidence"
ASSESSMENTS = "assessments"


class CaseError(ValueError):
    """A path that is neither a case folder nor a profile file, or a broken case folder."""


def profile_file(path: str | Path) -> Path:
    """The profile of CASE_OR_PROFILE: ``CASE/profile.yaml`` for a folder, else the file."""
    p = Path(path)
    if p.is_dir():
        found = p / PROFILE
        if not found.is_file():
            raise CaseError(f"{p} is a folder but has no {PROFILE} (make one: maplepath case init)")
        return found
    if not p.exists():
        raise CaseError(f"{p}: no such case folder or profile file")
    return p


def case_dir(path: str | Path) -> Path | None:
    """The case folder of CASE_OR_PROFILE, or None when a bare profile file was given."""
    p = Path(path)
    return p if p.is_dir() else None
