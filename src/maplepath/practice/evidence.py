"""A client's evidence in the practice: each document's facts (the evidence YAML of a case
folder: ``kind``, ``fields``) checked as a case's are, and the scanned file itself, if any,
kept once under ``files/`` by its sha256 (two clients' copies of one file are one file).
Documents are append-only like the rest of the record: a newer document of the same id is the
one that counts; the older stays in the file."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text

from maplepath.datadir import atomic_write_bytes
from maplepath.i18n import say
from maplepath.planner import evidence as documents
from maplepath.practice.store import Store, audit_entry

MAX_FILE = 20 << 20  # a scanned document; larger is not a document a consultant uploads
# A document's id names its file in an exported case folder (evidence/<id>.yaml): letters,
# digits, "_" and "-" only, so that no id can point outside the folder.
DOC_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def check_id(doc_id: str) -> str:
    if not DOC_ID.fullmatch(doc_id):
        raise documents.EvidenceError(
            say(
                "%(id)s is not a document id: 1 to 64 letters, digits, _ or -, as a file name",
                id=repr(doc_id),
            )
        )
    return doc_id


def add(
    store: Store,
    client_id: int,
    doc_id: str,
    mapping: dict[str, Any],
    actor: str,
    attachment: tuple[str, bytes] | None = None,
) -> documents.Document:
    """Keep one document of a client (refused, with the field named, if its facts are not a
    document's); its file under ``files/<sha256>``."""
    doc = documents.parse_document(mapping, check_id(doc_id), f"evidence {doc_id}")
    sha, name = None, None
    with store.engine.connect() as c:
        store.client_row(c, client_id)  # no file is kept for a client who is not (or no longer)
    if attachment is not None:
        name, body = attachment
        name = Path(name).name[:200]  # the name it was uploaded with, no folders
        if len(body) > MAX_FILE:
            raise documents.EvidenceError(
                say("%(name)s: larger than %(mib)s MiB", name=name, mib=MAX_FILE >> 20)
            )
        sha = hashlib.sha256(body).hexdigest()
        target = store.folder / "files" / sha
        if not target.exists():
            atomic_write_bytes(target, body, mode=0o600)
    # The facts as written (the YAML's mapping), not the model's dump: what the consultant
    # entered is what is kept, and what an export writes back.
    data = json.dumps(mapping, ensure_ascii=False, default=str)
    with store.engine.begin() as c:
        store.client_row(c, client_id)  # refuses an unknown client by name
        c.execute(
            text(
                "INSERT INTO evidence (client_id, doc_id, kind, data, file_sha256, file_name,"
                " added_at, added_by) VALUES (:c, :d, :k, :data, :sha, :name, :at, :by)"
            ),
            {"c": client_id, "d": doc.id, "k": doc.kind, "data": data, "sha": sha,
             "name": name, "at": datetime.now(UTC).isoformat(timespec="seconds"), "by": actor},
        )  # fmt: skip
        audit_entry(c, actor, "evidence.add", client_id, f"{doc.id} ({doc.kind})")
    return doc


def written(store: Store, client_id: int) -> dict[str, dict[str, Any]]:
    """The latest facts of each of the client's documents, by id, as they were written."""
    with store.engine.connect() as c:
        store.client_row(c, client_id)  # refuses an unknown client by name
        rows = c.execute(
            text("SELECT doc_id, data FROM evidence WHERE client_id = :c ORDER BY id"),
            {"c": client_id},
        )
        return {doc_id: json.loads(data) for doc_id, data in rows}


def held(store: Store, client_id: int) -> list[documents.Document]:
    """The client's documents that count: the latest of each id, in the order first kept."""
    return [
        documents.parse_document(mapping, doc_id, f"practice evidence {doc_id}")
        for doc_id, mapping in written(store, client_id).items()
    ]
