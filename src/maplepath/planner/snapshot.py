"""Saved assessments: what a case looked like on a date, under which rules.

``maplepath case assess`` saves one JSON file per run in ``CASE/assessments/``. Each records
the date assessed, the rule book's fingerprint and oldest ``last_verified``, every rule the
assessment used with the date its value took effect, a hash of the profile, and the whole
assessment (``maplepath assess --json``). ``case recheck`` compares a new assessment with the
latest snapshot, so the rules used are what lets it say "this changed because rule X changed".

Snapshots are written atomically and exclusively (a private temporary file, then a hard link
to the first free name): a crash leaves the old set of snapshots as it was, never a
half-written file, and two saves on the same date get two names instead of one overwriting
the other. They hold a person's facts, so they are readable by their owner only (0600).
"""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from maplepath.assess import DISCLAIMER, Assessment
from maplepath.datadir import write_new
from maplepath.i18n import say
from maplepath.planner.assumptions import (
    Confirmations,
    annotate_crs,
    annotate_verdict,
    used_by,
)
from maplepath.planner.case import ASSESSMENTS, CaseError
from maplepath.rulebook import book as rulebook

SCHEMA = 1


@dataclass(frozen=True)
class Snapshot:
    path: Path
    data: dict[str, Any]

    @property
    def on(self) -> date:
        return date.fromisoformat(self.data["assessed_on"])

    @property
    def rules_used(self) -> dict[str, str]:
        return dict(self.data["rules"]["used"])


def rules_used(a: Assessment, book: rulebook.RuleBook) -> dict[str, str]:
    """Every rule the assessment applied -> the date its applied value took effect: CRS lines,
    each program's criteria and status rule, and the language charts behind the CLB levels."""
    ids: set[str] = {line.rule for line in a.crs.lines}
    for route in a.routes:
        v = route.verdict
        ids.update(r for c in v.criteria for r in c.rules)
        status = f"programs.{v.program.replace(':', '.')}.status"
        if status in book.rules:
            ids.add(status)
    out = {}
    for rule_id in sorted(ids):
        if rule_id not in book.rules:
            continue
        dv = book.dated_value(rule_id, a.on)
        out[rule_id] = dv.effective_from.isoformat() if dv else ""
    return out


def profile_hash(profile_path: Path) -> str:
    return hashlib.sha256(profile_path.read_bytes()).hexdigest()[:16]


def assessment_json(a: Assessment, c: Confirmations | None) -> dict[str, Any]:
    """``maplepath assess --json``; with a case's confirmations, every CRS line and criterion
    also lists its assumed facts, and ``assumptions`` says what to resolve before applying and
    what rests on each (DESIGN.md, principle 4)."""
    data = a.to_json()
    if c is None:
        return data
    data["crs"] = annotate_crs(a.crs, c)
    data["programs"] = [annotate_verdict(v, c) for v in a.programs]
    for item, route in zip(data["pathways"], a.routes, strict=True):
        item.update(annotate_verdict(route.verdict, c))
    uses = used_by(c, a.crs, [r.verdict for r in a.routes])
    data["assumptions"] = [
        {**x.to_json(), "used_by": uses.get(x.path, [])} for x in c.assumptions()
    ]
    return data


def snapshot_data(
    a: Assessment,
    profile_sha: str,
    created: datetime,
    book: rulebook.RuleBook,
    confirmations: Confirmations | None = None,
) -> dict[str, Any]:
    """What a snapshot keeps: the assessment, the profile's hash and the rules it used (the
    value of each, by the date it took effect), so a later recheck can tell why things moved.
    A case folder writes it to a file; a practice keeps it in its database."""
    return {
        "schema": SCHEMA,
        "assessed_on": a.on.isoformat(),
        "created": created.isoformat(timespec="seconds"),
        "profile_sha256": profile_sha,
        "rules": {
            "fingerprint": a.rules_fingerprint,
            "last_verified": a.rules_last_verified.isoformat() if a.rules_last_verified else None,
            "used": rules_used(a, book),
        },
        "assessment": assessment_json(a, confirmations),
        "disclaimer": DISCLAIMER,
    }


def save(
    case: Path,
    a: Assessment,
    profile_path: Path,
    created: datetime,
    book: rulebook.RuleBook,
    confirmations: Confirmations | None = None,
) -> Path:
    """Write a new snapshot; returns its path. Names sort by assessment date, then run."""
    data = snapshot_data(a, profile_hash(profile_path), created, book, confirmations)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    names = (f"{a.on.isoformat()}_{n:03d}.json" for n in itertools.count(1))
    return write_new(case / ASSESSMENTS, names, text.encode())


def load(path: Path) -> Snapshot:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CaseError(
            say("%(path)s: not a readable snapshot (%(reason)s)", path=path, reason=exc)
        ) from exc
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise CaseError(
            say("%(path)s: not a maplepath snapshot (schema %(schema)s)", path=path, schema=SCHEMA)
        )
    for key in ("assessed_on", "rules", "assessment"):
        if key not in data:
            raise CaseError(say("%(path)s: snapshot has no %(key)s", path=path, key=repr(key)))
    try:
        date.fromisoformat(data["assessed_on"])
    except (TypeError, ValueError) as exc:
        raise CaseError(say("%(path)s: assessed_on is not a date", path=path)) from exc
    return Snapshot(path, data)


def all_snapshots(case: Path) -> list[Snapshot]:
    """Every snapshot of the case in the order they were made (temporary files of a crashed
    write are skipped)."""
    folder = case / ASSESSMENTS
    if not folder.is_dir():
        return []
    snaps = [load(p) for p in sorted(folder.glob("*.json")) if not p.name.startswith(".")]
    return sorted(snaps, key=lambda s: (str(s.data.get("created", "")), s.path.name))


def latest(case: Path) -> Snapshot | None:
    snaps = all_snapshots(case)
    return snaps[-1] if snaps else None
