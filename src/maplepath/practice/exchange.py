"""Case folders in and out of a practice: the interchange format stays the case folder
(``profile.yaml``, ``evidence/``, ``assessments/``) that ``maplepath case`` reads, so a client
file can move between a consultant and the client, or out of the practice when it ends.

An export writes a new folder and never overwrites one; an import leaves the case folder as
it was. Evidence documents are not kept in the practice yet: an import counts them and says so
(they stay in the case folder), an export writes none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from maplepath.datadir import atomic_write_bytes
from maplepath.i18n import say
from maplepath.planner import case, snapshot
from maplepath.practice.store import PracticeError, Store
from maplepath.profile.load import parse_document, read_profile


def import_case(
    store: Store, folder: str | Path, actor: str, name: str | None = None
) -> dict[str, Any]:
    """A case folder as a new client: its profile (checked) and its kept assessments."""
    root = Path(folder)
    try:
        path = case.profile_file(root)
    except case.CaseError as exc:
        raise PracticeError(str(exc)) from None
    if not root.is_dir():
        raise PracticeError(say("%(path)s is not a case folder", path=str(root)))
    read_profile(path)  # refused before anything is kept
    document = parse_document(path.read_text(encoding="utf-8-sig"), str(path))
    try:
        kept = snapshot.all_snapshots(root)  # all read before anything is kept
    except case.CaseError as exc:
        raise PracticeError(str(exc)) from None
    client_id = store.add_client(name or root.resolve().name, document, actor)
    for snap in kept:
        store.save_snapshot(client_id, snap.data, actor)
    evidence = (
        [p for p in (root / case.EVIDENCE).glob("*.y*ml")]
        if (root / case.EVIDENCE).is_dir()
        else []
    )
    return {
        "client_id": client_id,
        "snapshots": len(kept),
        "evidence_not_imported": len(evidence),
    }


def export_case(store: Store, client_id: int, out: str | Path, actor: str) -> Path:
    """A client's latest profile and every kept assessment as a new case folder."""
    target = Path(out)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise PracticeError(
            say("%(path)s exists and is not empty; an export never overwrites", path=str(target))
        )
    document = store.profile(client_id)
    snaps = store.snapshots(client_id)
    (target / case.EVIDENCE).mkdir(parents=True, exist_ok=True)
    (target / case.ASSESSMENTS).mkdir(mode=0o700, exist_ok=True)
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    atomic_write_bytes(target / case.PROFILE, text.encode())
    for n, data in enumerate(snaps, start=1):
        name = f"{data['assessed_on']}_{n:03d}.json"
        body = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        atomic_write_bytes(target / case.ASSESSMENTS / name, body.encode())
    store.record(actor, "client.export", client_id, str(target))
    return target
