"""A case folder: everything about one person's application in one directory.

    CASE/
      profile.yaml        the facts (DESIGN.md, profile format)
      evidence/           one YAML file per document the person holds (planner.evidence)
      assessments/        saved JSON snapshots, one per `maplepath case assess`

Commands that take CASE_OR_PROFILE accept either the folder or a profile file.
"""

from __future__ import annotations

from pathlib import Path

from maplepath.datadir import atomic_write_bytes
from maplepath.i18n import noop, say, word

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
            raise CaseError(
                say(
                    "%(path)s is a folder but has no %(profile)s (make one: maplepath case init)",
                    path=p,
                    profile=PROFILE,
                )
            )
        return found
    if not p.exists():
        raise CaseError(say("%(path)s: no such case folder or profile file", path=p))
    return p


def case_dir(path: str | Path) -> Path | None:
    """The case folder of CASE_OR_PROFILE, or None when a bare profile file was given."""
    p = Path(path)
    return p if p.is_dir() else None


# --- creating a case -------------------------------------------------------------------------

EVIDENCE_README = noop(
    "One YAML file per document you hold (passport, test result, ECA report, reference "
    "letters...):\nkind, and the fields it shows. See docs/evidence.md. A profile fact a "
    'document supports is\n"confirmed"; any other fact is an assumption to resolve before '
    "applying.\n"
)


def init(path: str | Path, profile: str | Path | None = None) -> Path:
    """Create a case folder (its profile copied from ``profile`` when given, else the commented
    template of every profile field, which loads as an empty profile). An existing profile is
    never overwritten."""
    root = Path(path)
    if root.exists() and not root.is_dir():
        raise CaseError(say("%(path)s exists and is not a folder", path=root))
    target = root / PROFILE
    if target.exists():
        raise CaseError(say("%(path)s already exists; a case is never overwritten", path=target))
    if profile is not None:
        source = Path(profile)
        if not source.is_file():
            raise CaseError(say("%(path)s: no such profile file", path=source))
        content = source.read_bytes()
    else:
        # Generated from the profile model's field descriptions, so it lists every field;
        # imported here, not at the top: only this command needs it.
        from maplepath.profile import reference

        content = reference.template(str(target)).encode()
    (root / EVIDENCE).mkdir(parents=True, exist_ok=True)
    (root / ASSESSMENTS).mkdir(mode=0o700, exist_ok=True)  # snapshots: owner only
    readme = root / EVIDENCE / "README.txt"
    if not readme.exists():
        atomic_write_bytes(readme, word(EVIDENCE_README).encode())
    atomic_write_bytes(target, content)
    return root
