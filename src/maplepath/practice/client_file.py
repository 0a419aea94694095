"""One client's file as the practice shows it on a date: who they are, every profile version
(and what changed between two), the assessment, what the review finds in the documents, the
evidence checklist, the deadlines (the consultant's and the rules'), and the timeline. Opening
a file is itself recorded in the audit log: a regulator may ask who read a client's file."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import text

from maplepath.assess import Assessment
from maplepath.planner import checklist, consistency, timeline
from maplepath.planner.evidence import Document
from maplepath.planner.findings import Finding
from maplepath.practice import deadlines, evidence
from maplepath.practice.clients import assess_document
from maplepath.practice.store import Store, audit_entry


@dataclass(frozen=True)
class Due:
    due: date
    title: str
    kept_id: int | None  # the consultant's deadline's id; None for one the rules set


@dataclass
class ClientFile:
    client: dict[str, Any]
    on: date
    versions: list[dict[str, Any]]
    document: dict[str, Any]
    assessment: Assessment | None
    refused: str  # why the latest profile cannot be assessed, if it cannot
    documents: list[Document] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # document id -> attached file's name
    findings: list[Finding] = field(default_factory=list)
    checklist: list[checklist.Item] = field(default_factory=list)
    dues: list[Due] = field(default_factory=list)
    timeline: timeline.Timeline | None = None


def open_file(store: Store, client_id: int, on: date, actor: str) -> ClientFile:
    """The client's file on ``on``, the read recorded under ``actor``'s name."""
    with store.engine.begin() as c:
        client = store.client_row(c, client_id)
        versions = [
            dict(r._mapping)
            for r in c.execute(
                text(
                    "SELECT version, saved_at, saved_by FROM profile_versions"
                    " WHERE client_id = :c ORDER BY version DESC"
                ),
                {"c": client_id},
            )
        ]
        files = {
            r.doc_id: r.file_name
            for r in c.execute(
                text(
                    "SELECT doc_id, file_name FROM evidence WHERE client_id = :c"
                    " AND file_name IS NOT NULL ORDER BY id"
                ),
                {"c": client_id},
            )
        }
        audit_entry(c, actor, "client.open", client_id, "")
    document = store.profile(client_id)
    profile, assessment, refused = assess_document(document, on)
    docs = evidence.held(store, client_id)
    out = ClientFile(client, on, versions, document, assessment, refused, docs, files)
    kept = [Due(d.due, d.title, d.id) for d in deadlines.kept(store, client_id)]
    if profile is not None and assessment is not None:
        out.findings = consistency.review(profile, docs, on)
        chosen = checklist.pursued([r.verdict for r in assessment.routes])
        out.checklist = checklist.checklist(profile, docs, chosen, on, findings=out.findings)
        with suppress(ValueError):  # no Express Entry route to lay out
            out.timeline = timeline.timeline(profile, on)
    ruled = [Due(d.due, d.title, None) for d in (out.timeline.deadlines if out.timeline else [])]
    out.dues = sorted((d for d in kept + ruled if d.due >= on), key=lambda d: d.due)
    return out


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, str, str]]:
    """What differs between two profile versions: (path, before, after), by path; a missing
    value is the empty string."""
    old, new = dict(_flat(before)), dict(_flat(after))
    return [
        (path, old.get(path, ""), new.get(path, ""))
        for path in sorted(old.keys() | new.keys())
        if old.get(path) != new.get(path)
    ]


def _flat(value: Any, prefix: str = "") -> list[tuple[str, str]]:
    """A document's leaves as (path, text): ``work.0.noc``, as the questionnaire names them."""
    if isinstance(value, dict):
        return [kv for k, v in value.items() for kv in _flat(v, f"{prefix}{k}.")]
    if isinstance(value, list):
        return [kv for i, v in enumerate(value) for kv in _flat(v, f"{prefix}{i}.")]
    return [(prefix.rstrip("."), "" if value is None else str(value))]
