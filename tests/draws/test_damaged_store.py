"""A damaged rounds database is said in one line with the fix, and ``draws update --rebuild``
recreates it from IRCC's file (before: a raw sqlite3 traceback, and no way to repair it)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from maplepath.draws import store
from maplepath.draws.rounds import DrawsImportError
from maplepath.draws.store import DamagedDatabase, import_rounds, list_rounds, rebuild

from ..cli_helpers import fails, ok
from . import FIXTURES, REFERENCE_ROUNDS, reference_file

PROFILE = Path(__file__).resolve().parents[2] / "examples" / "data_scientist_pgwp.yaml"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MAPLEPATH_DATA_DIR", str(tmp_path))
    return tmp_path


def _not_a_database(db: Path) -> None:
    db.write_bytes(os.urandom(8192))


def _table_dropped(db: Path) -> None:
    with sqlite3.connect(db) as c:
        c.execute("DROP TABLE rounds")


def _column_renamed(db: Path) -> None:
    with sqlite3.connect(db) as c:
        c.execute("ALTER TABLE rounds RENAME COLUMN cutoff TO lowest")


def _pages_overwritten(db: Path) -> None:
    # The header stays (it opens as a database); the b-tree pages after it are garbage.
    data = bytearray(db.read_bytes())
    data[4096:] = bytes(len(data) - 4096)
    data[4096 : 4096 + 64] = os.urandom(64)
    db.write_bytes(bytes(data))


DAMAGE = [_not_a_database, _table_dropped, _column_renamed, _pages_overwritten]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
def test_every_reader_says_damaged_in_one_line_with_the_fix(data_dir: Path, damage) -> None:
    import_rounds(reference_file())
    damage(data_dir / store.DB_FILE)
    with pytest.raises(DamagedDatabase, match="draws update --rebuild"):
        list_rounds()
    for command in (
        ["draws", "list"],
        ["draws", "stats"],
        ["draws", "odds", str(PROFILE), "--on", "2026-11-21"],
        ["draws", "update", "--from", str(reference_file())],
    ):
        out = fails(*command)
        lines = [line for line in out.splitlines() if line.strip()]
        assert len(lines) <= 3 and "is damaged" in out and "--rebuild" in out, (command, out)


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
def test_rebuild_recreates_it_and_keeps_the_damaged_file(data_dir: Path, damage) -> None:
    import_rounds(reference_file())
    db = data_dir / store.DB_FILE
    damage(db)
    damaged = db.read_bytes()
    out = ok("draws", "update", "--rebuild", "--from", str(reference_file()))
    assert f"{REFERENCE_ROUNDS} rounds added" in out
    assert len(list_rounds()) == REFERENCE_ROUNDS
    assert (data_dir / f"{store.DB_FILE}.damaged").read_bytes() == damaged
    assert not (data_dir / f"{store.DB_FILE}.rebuild").exists()


def test_a_rebuild_from_a_bad_file_leaves_the_database_as_it_was(data_dir: Path) -> None:
    import_rounds(reference_file())
    db = data_dir / store.DB_FILE
    before = db.read_bytes()
    with pytest.raises(DrawsImportError):
        rebuild(FIXTURES / "truncated.json")
    assert db.read_bytes() == before
    assert len(list_rounds()) == REFERENCE_ROUNDS


def test_a_stale_journal_moves_aside_with_the_damaged_file(data_dir: Path) -> None:
    # Left beside the new file, SQLite would roll the old file's journal onto it.
    import_rounds(reference_file())
    db = data_dir / store.DB_FILE
    journal = Path(f"{db}-journal")
    journal.write_bytes(os.urandom(4096))
    rebuild(reference_file())
    assert not journal.exists()
    assert (data_dir / f"{store.DB_FILE}.damaged-journal").is_file()
    assert len(list_rounds()) == REFERENCE_ROUNDS


def test_rebuild_on_a_sound_database_gives_the_same_rounds(data_dir: Path) -> None:
    import_rounds(reference_file())
    before = list_rounds()
    summary = rebuild(reference_file())
    assert summary.added == REFERENCE_ROUNDS
    assert list_rounds() == before


def test_a_locked_database_is_not_called_damaged(data_dir: Path) -> None:
    assert store._damage(sqlite3.OperationalError("database is locked")) is None
    assert store._damage(sqlite3.DatabaseError("file is not a database")) is not None
