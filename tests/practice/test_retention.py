"""A client's file is kept until one explicit, confirmed, audited erasure; the whole file can
be handed over; the audit log keeps no personal data to outlive an erasure."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from maplepath.practice import PracticeError, Store, evidence, retention
from maplepath.practice import deadlines as dl
from maplepath.practice.exchange import export_case

from .conftest import example_document

PASSPORT = {"kind": "passport", "fields": {"name": "Ana Lima", "passport_number": "P1",
            "issued": "2020-01-02", "expires": "2030-01-01"}}  # fmt: skip


def _client(store: Store, name: str = "Ana Lima") -> int:
    number = f"F-{sum(map(ord, name))}"
    cid = store.add_client(name, example_document(), actor="alice", file_no=number)
    store.save_profile(cid, {**example_document(), "marital_status": "single"}, actor="bob")
    scan = ("scan.pdf", b"%PDF-1.4 " + name.encode())
    evidence.add(store, cid, "passport", PASSPORT, "alice", scan)
    dl.add(store, cid, date(2026, 12, 20), "Medical exam", actor="alice")
    kept = {"assessed_on": "2026-11-21", "assessment": {"crs": {"total": 1}}}
    store.save_snapshot(cid, kept, actor="alice")
    return cid


def test_erasing_takes_the_typed_name_and_a_reason_else_nothing_goes(store: Store) -> None:
    cid = _client(store)
    with pytest.raises(PracticeError, match="nothing was erased"):
        retention.erase(store, cid, "Ana", "client asked", actor="alice")
    with pytest.raises(PracticeError, match="why"):
        retention.erase(store, cid, "Ana Lima", "  ", actor="alice")
    assert store.profile(cid) and len(list((store.folder / "files").iterdir())) == 1


def test_an_erasure_deletes_the_file_and_leaves_an_audit_without_personal_data(
    store: Store,
) -> None:
    cid = _client(store)
    keep = _client(store, "Wei Chen")
    assert retention.erase(store, cid, "Ana Lima", "retention period over", actor="alice") == 1
    with pytest.raises(PracticeError, match="erased on"):
        store.profile(cid)
    assert [c["id"] for c in store.clients()] == [keep]
    assert len(list((store.folder / "files").iterdir())) == 1  # Wei's scan stays
    with store.engine.connect() as c:
        for table in ("profile_versions", "snapshots", "evidence", "deadlines"):
            left = c.execute(text(f"SELECT COUNT(*) FROM {table} WHERE client_id = {cid}"))
            assert left.scalar() == 0, table
        assert c.execute(text(f"SELECT name FROM clients WHERE id = {cid}")).scalar() == ""
    log = store.audit(cid)
    assert log[-1]["action"] == "client.erase" and log[-1]["actor"] == "alice"
    assert not any("Ana" in json.dumps(e, default=str) for e in store.audit())


@pytest.mark.parametrize("table", ["profile_versions", "snapshots", "evidence", "erasures"])
def test_without_an_erasure_the_record_still_refuses_delete(store: Store, table: str) -> None:
    cid = _client(store)
    retention.erase(store, _client(store, "Wei Chen"), "Wei Chen", "asked", actor="alice")
    with pytest.raises(DatabaseError, match="append-only"), store.engine.begin() as c:
        c.execute(text(f"DELETE FROM {table}"))  # Ana's rows (and the erasure) refuse
    assert store.profile(cid)


def test_the_export_holds_the_whole_file(store: Store, tmp_path: Path) -> None:
    cid = _client(store)
    out = export_case(store, cid, tmp_path / "out", actor="alice")
    record = out / retention.RECORD_DIR
    versions = sorted((record / "versions").iterdir())
    assert [json.loads(v.read_text())["saved_by"] for v in versions] == ["alice", "bob"]
    assert json.loads(versions[1].read_text())["document"]["marital_status"] == "single"
    assert [d["title"] for d in json.loads((record / "deadlines.json").read_text())] == [
        "Medical exam"
    ]
    (scan,) = (record / "files").iterdir()
    assert scan.name.startswith("passport-") and scan.suffix == ".pdf"
    assert scan.read_bytes() == b"%PDF-1.4 Ana Lima"
    actions = [e["action"] for e in json.loads((record / "audit.json").read_text())]
    assert actions[:2] == ["client.add", "profile.save"] and "evidence.add" in actions
    assert json.loads((record / "client.json").read_text())["name"] == "Ana Lima"


def test_the_whole_file_has_every_document_version_with_or_without_a_scan(
    store: Store, tmp_path: Path
) -> None:
    cid = _client(store)
    newer = {**PASSPORT, "fields": {**PASSPORT["fields"], "passport_number": "P2"}}
    evidence.add(store, cid, "passport", newer, "bob")  # a newer version, no scan
    out = export_case(store, cid, tmp_path / "out", actor="alice")
    kept = json.loads((out / retention.RECORD_DIR / "evidence.json").read_text())
    assert [(d["doc_id"], d["added_by"], bool(d["file_sha256"])) for d in kept] == [
        ("passport", "alice", True),
        ("passport", "bob", False),
    ]
    assert kept[1]["data"]["fields"]["passport_number"] == "P2"


def test_the_practice_s_files_are_its_owner_s_alone(store: Store, tmp_path: Path) -> None:
    from maplepath.practice import DB_FILE

    cid = _client(store)
    assert (store.folder.stat().st_mode & 0o777) == 0o700
    assert (store.folder / "files").stat().st_mode & 0o777 == 0o700
    for scan in (store.folder / "files").iterdir():
        assert scan.stat().st_mode & 0o777 == 0o600
    if (store.folder / DB_FILE).exists():
        assert (store.folder / DB_FILE).stat().st_mode & 0o777 == 0o600
    out = export_case(store, cid, tmp_path / "out", actor="alice")
    for f in (out / retention.RECORD_DIR).rglob("*"):
        if f.is_file():
            assert f.stat().st_mode & 0o777 == 0o600, f


def test_no_scan_is_kept_for_a_client_who_is_not_or_no_longer_one(store: Store) -> None:
    from maplepath.planner.evidence import EvidenceError

    with pytest.raises(PracticeError, match="no client 7"):
        evidence.add(store, 7, "passport", PASSPORT, "alice", ("p.pdf", b"%PDF x"))
    cid = _client(store)
    retention.erase(store, cid, "Ana Lima", "asked", actor="alice")
    with pytest.raises(PracticeError, match="erased"):
        evidence.add(store, cid, "passport", PASSPORT, "alice", ("p.pdf", b"%PDF y"))
    assert not list((store.folder / "files").iterdir())
    with pytest.raises(EvidenceError, match="not a document id"):
        evidence.add(store, _client(store, "Wei Chen"), "../x", PASSPORT, "alice")


def test_a_blank_file_number_is_no_number(store: Store) -> None:
    a = store.add_client("A", example_document(), actor="alice", file_no="")
    b = store.add_client("B", example_document(), actor="alice", file_no="  ")
    assert [c["file_no"] for c in store.clients() if c["id"] in (a, b)] == [None, None]
