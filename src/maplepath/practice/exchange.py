"""Case folders in and out of a practice: the interchange format stays the case folder
(``profile.yaml``, ``evidence/``, ``assessments/``) that ``maplepath case`` reads, so a client
file can move between a consultant and the client, or out of the practice when it ends.

An export writes a new folder and never overwrites one; an import leaves the case folder as
it was. Evidence goes both ways as its YAML (the facts each document shows); scanned files
attached in the practice stay in it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from maplepath.datadir import atomic_write_bytes
from maplepath.i18n import say
from maplepath.planner import case, snapshot
from maplepath.planner import evidence as documents
from maplepath.practice import evidence, retention
from maplepath.practice.store import PracticeError, Store
from maplepath.profile.load import parse_document, read_profile
from maplepath.rulebook.rulefile import load_yaml


def import_case(
    store: Store, folder: str | Path, actor: str, name: str | None = None
) -> dict[str, Any]:
    """A case folder as a new client: its profile and documents (checked) and its kept
    assessments."""
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
    folder = root / case.EVIDENCE
    files = sorted(p for p in folder.glob("*") if p.suffix in (".yaml", ".yml", ".json"))
    try:
        docs = [documents.read_file(p, root) for p in files]  # all checked before any is kept
        for d in docs:
            evidence.check_id(d.id)
    except documents.EvidenceError as exc:
        raise PracticeError(str(exc)) from None
    for snap in kept:  # what the store reads of each, checked before anything is kept
        total = (snap.data.get("assessment") or {}).get("crs", {}).get("total")
        if not isinstance(total, int) or not isinstance(snap.data.get("assessed_on"), str):
            raise PracticeError(
                say("%(path)s: not an assessment maplepath kept", path=str(snap.path))
            )
    client_id = store.add_client(name or root.resolve().name, document, actor)
    for snap in kept:
        store.save_snapshot(client_id, snap.data, actor)
    for d, p in zip(docs, files, strict=True):
        raw = load_yaml(p.read_text(encoding="utf-8-sig"))  # YAML 1.2: ON is Ontario
        evidence.add(store, client_id, d.id, {k: v for k, v in raw.items() if k != "id"}, actor)
    return {"client_id": client_id, "snapshots": len(kept), "documents": len(docs)}


def export_case(store: Store, client_id: int, out: str | Path, actor: str) -> Path:
    """A client's latest profile and every kept assessment as a new case folder, with the
    whole file (every version, the audit entries, deadlines, attached files) under record/."""
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
    written = evidence.written(store, client_id)
    try:
        for doc_id in written:
            evidence.check_id(doc_id)  # an id kept before ids were checked names no file
    except documents.EvidenceError as exc:
        raise PracticeError(str(exc)) from None
    for doc_id, mapping in written.items():
        body = yaml.safe_dump(mapping, sort_keys=False, allow_unicode=True)
        atomic_write_bytes(target / case.EVIDENCE / f"{doc_id}.yaml", body.encode())
    for n, data in enumerate(snaps, start=1):
        name = f"{data['assessed_on']}_{n:03d}.json"
        body = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        atomic_write_bytes(target / case.ASSESSMENTS / name, body.encode())
    retention.whole_file(store, client_id, target)  # and the rest of the file, as it stands
    store.record(actor, "client.export", client_id, "")
    return target
