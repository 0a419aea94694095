"""Evidence in the practice: facts checked as a case's are, scanned files kept once by sha256,
the newest document of an id the one that counts, nothing overwritten."""

from __future__ import annotations

import hashlib

import pytest

from maplepath.planner.evidence import EvidenceError
from maplepath.practice import PracticeError, Store
from maplepath.practice import evidence as kept

from .conftest import example_document

PASSPORT = {"kind": "passport", "fields": {"name": "Ana Silva", "passport_number": "P1",
            "issued": "2020-01-02", "expires": "2030-01-01"}}  # fmt: skip


@pytest.fixture
def client(store: Store) -> tuple[Store, int]:
    return store, store.add_client("A", example_document(), "alice")


def test_a_scanned_file_is_kept_once_by_its_sha256(client: tuple[Store, int]) -> None:
    store, cid = client
    scan = b"%PDF-1.7 a passport scan"
    kept.add(store, cid, "passport", PASSPORT, "alice", ("passport.pdf", scan))
    kept.add(store, cid, "passport", PASSPORT, "alice", ("again.pdf", scan))
    files = list((store.folder / "files").iterdir())
    assert [f.name for f in files] == [hashlib.sha256(scan).hexdigest()]
    assert files[0].read_bytes() == scan


def test_the_newest_document_of_an_id_counts_and_the_older_stays(
    client: tuple[Store, int],
) -> None:
    store, cid = client
    kept.add(store, cid, "passport", PASSPORT, "alice")
    renewed = {**PASSPORT, "fields": {**PASSPORT["fields"], "expires": "2035-01-01"}}
    kept.add(store, cid, "passport", renewed, "bob")
    (doc,) = kept.held(store, cid)
    assert str(doc.fields.expires) == "2035-01-01"
    assert [e["action"] for e in store.audit(cid)].count("evidence.add") == 2


def test_facts_that_are_not_a_document_are_refused_with_the_field(
    client: tuple[Store, int],
) -> None:
    store, cid = client
    with pytest.raises(EvidenceError, match="kind"):
        kept.add(store, cid, "x", {"kind": "horoscope", "fields": {}}, "alice")
    with pytest.raises(PracticeError, match="no client 9"):
        kept.add(store, 9, "passport", PASSPORT, "alice")
    assert kept.held(store, cid) == []
