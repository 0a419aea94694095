"""The practice store: clients with every profile version kept, an audit log the database
itself keeps append-only, named migrations applied once, refusals that change nothing."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from maplepath.practice import DB_FILE, PracticeError, Store
from maplepath.practice.clients import recheck_all
from maplepath.profile.load import parse_document

from ..conftest import EXAMPLES
from .conftest import DB_ERRORS, foreign_connection


def _doc(name: str = "data_scientist_pgwp.yaml") -> dict[str, Any]:
    path = EXAMPLES / name
    return parse_document(path.read_text(), path.name)


def test_init_makes_the_database_in_wal_and_the_files_folder(tmp_path: Path) -> None:
    Store.init(tmp_path / "p")
    assert (tmp_path / "p" / DB_FILE).is_file() and (tmp_path / "p" / "files").is_dir()
    with sqlite3.connect(tmp_path / "p" / DB_FILE) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        names = [r[0] for r in db.execute("SELECT name FROM migrations")]
    assert names == [
        "0001_clients", "0002_snapshots", "0003_users", "0004_evidence", "0005_deadlines",
        "0006_assignments", "0007_sign_ins", "0008_erasures", "0009_truncate_and_sign_out",
    ]  # fmt: skip


def test_opening_twice_applies_no_migration_again(store: Store, store_url: str | None) -> None:
    assert store.migrate() == []
    assert Store(store.folder, db=store_url).migrate() == []


def test_a_folder_that_is_not_a_practice_is_refused_with_the_command_to_make_one(
    tmp_path: Path,
) -> None:
    with pytest.raises(PracticeError, match="maplepath practice init"):
        Store(tmp_path / "nothing-here")
    assert not (tmp_path / "nothing-here").exists()  # and nothing was made


def test_every_save_is_a_new_version_and_the_old_ones_stay(store: Store) -> None:
    first = _doc()
    cid = store.add_client("Priya Sharma", first, actor="consultant", file_no="MP-0001")
    second = {**first, "marital_status": "married"}
    assert store.save_profile(cid, second, actor="consultant") == 2
    assert store.profile(cid) == _json(second)
    assert store.profile(cid, 1) == _json(first)
    (client,) = store.clients()
    assert client["name"] == "Priya Sharma" and client["latest"] == 2


def _json(doc: dict[str, Any]) -> dict[str, Any]:
    import json

    loaded: dict[str, Any] = json.loads(json.dumps(doc, default=str))
    return loaded


def test_the_audit_log_says_who_did_what_to_whom(store: Store) -> None:
    cid = store.add_client("Wei Chen", _doc(), actor="alice", file_no="MP-7")
    store.save_profile(cid, _doc(), actor="bob")
    log = store.audit(cid)
    assert [(e["actor"], e["action"], e["detail"]) for e in log] == [
        ("alice", "client.add", "MP-7"),  # the file number: no name in the log
        ("alice", "profile.save", "version 1"),
        ("bob", "profile.save", "version 2"),
    ]
    assert all(e["at"] for e in log)


@pytest.mark.parametrize("table", ["audit", "profile_versions", "snapshots"])
@pytest.mark.parametrize("statement", ["UPDATE {t} SET client_id = client_id", "DELETE FROM {t}"])
def test_the_database_refuses_to_change_or_delete_the_record(
    store: Store, store_url: str | None, table: str, statement: str
) -> None:
    store.add_client("Wei Chen", _doc(), actor="alice")
    recheck_all(store, date(2026, 11, 21), "alice")  # a snapshot to refuse to touch
    with pytest.raises(DatabaseError, match="append-only"), store.engine.begin() as c:
        c.execute(text(statement.format(t=table)))
    # nor does a tool other than ours
    with foreign_connection(store, store_url) as db, pytest.raises(DB_ERRORS, match="append-only"):
        db.execute(statement.format(t=table))
    assert len(store.audit()) == 3


@pytest.mark.parametrize("table", ["audit", "profile_versions", "snapshots", "evidence",
                                   "sign_ins", "erasures"])  # fmt: skip
def test_no_guarded_table_can_be_emptied_at_once(
    store: Store, store_url: str | None, table: str
) -> None:
    from maplepath.practice import access, evidence
    from maplepath.practice.accounts import add_user

    cid = store.add_client("Wei Chen", _doc(), actor="alice")
    recheck_all(store, date(2026, 11, 21), "alice")
    evidence.add(store, cid, "passport", {"kind": "passport", "fields": {"name": "Wei Chen"}},
                 "alice")  # fmt: skip
    add_user(store, "alice", "consultant", "correct horse battery staple", actor="setup")
    access.sign_in(store, "alice", "a wrong password!")
    emptying = f"TRUNCATE {table} CASCADE" if store_url else f"DELETE FROM {table}"
    if store_url or table != "erasures":  # (SQLite: a DELETE of no erasure refuses nothing)
        with pytest.raises(DatabaseError, match="append-only"), store.engine.begin() as c:
            c.execute(text(emptying))
    with store.engine.connect() as c:
        assert c.execute(text("SELECT COUNT(*) FROM audit")).scalar()


def test_two_writers_saving_one_client_at_once_lose_nothing(
    store: Store, store_url: str | None
) -> None:
    """Two consultants' saves of one client at the same moment (two stores, as two processes
    would have): every one kept, each under a number of its own."""
    cid = store.add_client("A", _doc(), actor="alice")
    saves, writers = 15, [Store(store.folder, db=store_url) for _ in range(2)]
    together = threading.Barrier(len(writers))

    def write(n: int) -> list[int]:
        together.wait()
        return [
            writers[n].save_profile(cid, {**_doc(), "note": f"{n}.{i}"}, actor=f"writer {n}")
            for i in range(saves)
        ]

    with ThreadPoolExecutor(len(writers)) as pool:
        numbers = list(pool.map(write, range(len(writers))))
    for writer in writers:
        writer.engine.dispose()
    assert sorted(v for mine in numbers for v in mine) == list(range(2, 2 + 2 * saves))
    assert all(mine == sorted(mine) for mine in numbers)
    notes = {store.profile(cid, v)["note"] for v in range(2, 2 + 2 * saves)}
    assert notes == {f"{n}.{i}" for n in range(len(writers)) for i in range(saves)}
    logged = [e["detail"] for e in store.audit(cid) if e["action"] == "profile.save"]
    assert sorted(logged) == sorted(f"version {v}" for v in range(1, 2 + 2 * saves))


def test_a_second_client_with_the_same_file_number_leaves_nothing_behind(store: Store) -> None:
    store.add_client("A", _doc(), actor="alice", file_no="MP-7")
    before = len(store.audit())
    with pytest.raises(PracticeError, match="MP-7"):
        store.add_client("B", _doc(), actor="alice", file_no="MP-7")
    assert [c["name"] for c in store.clients()] == ["A"] and len(store.audit()) == before


def test_unknown_clients_and_versions_are_refused_by_name(store: Store) -> None:
    cid = store.add_client("A", _doc(), actor="alice")
    with pytest.raises(PracticeError, match="no client 99"):
        store.profile(99)
    with pytest.raises(PracticeError, match="no version 5"):
        store.profile(cid, 5)
    with pytest.raises(PracticeError, match="needs a name"):
        store.add_client("  ", _doc(), actor="alice")


def test_a_database_url_other_than_postgresql_or_sqlite_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PracticeError, match="postgresql"):
        Store(tmp_path, db="mysql://x")


def test_the_same_code_runs_on_a_database_given_by_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'elsewhere.db'}"
    store = Store.init(tmp_path / "p", db=url)
    cid = store.add_client("A", _doc(), actor="alice")
    assert Store(tmp_path / "p", db=url).profile(cid)["birth_date"] == str(_doc()["birth_date"])
