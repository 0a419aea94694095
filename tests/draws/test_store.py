"""The rounds database: one-transaction imports, idempotent, migrations recorded once."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from maplepath.draws import store
from maplepath.draws.rounds import DrawsImportError
from maplepath.draws.store import ImportSummary, import_rounds, list_rounds

from . import FIXTURES, REFERENCE_ROUNDS, reference_file


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MAPLEPATH_DATA_DIR", str(tmp_path))
    return tmp_path


def _dump(data_dir: Path) -> list[str]:
    with sqlite3.connect(data_dir / store.DB_FILE) as db:
        return list(db.iterdump())


def test_the_reference_file_imports_into_the_data_directory(data_dir: Path) -> None:
    summary = import_rounds(reference_file())
    assert (summary.added, summary.unchanged, summary.total) == (REFERENCE_ROUNDS, 0, 435)
    assert (data_dir / "draws.sqlite3").is_file()
    history = list_rounds()
    assert len(history) == REFERENCE_ROUNDS
    first = history[0]
    assert first.number == "1" and first.date == date(2015, 1, 31)
    assert (first.invitations, first.cutoff) == (779, 886)


def test_rounds_read_back_equal_the_rounds_parsed(data_dir: Path) -> None:
    from maplepath.draws.rounds import parse_rounds

    import_rounds(reference_file())
    assert list_rounds() == parse_rounds(reference_file().read_bytes())


def test_importing_the_same_file_again_adds_nothing(data_dir: Path) -> None:
    import_rounds(reference_file())
    rounds_before = list_rounds()
    again = import_rounds(reference_file())
    assert again == ImportSummary(0, REFERENCE_ROUNDS, REFERENCE_ROUNDS, 0, again.source)
    assert list_rounds() == rounds_before


def test_a_newer_file_adds_the_new_rounds(data_dir: Path, tmp_path: Path) -> None:
    data = json.loads(reference_file().read_bytes())
    older = tmp_path / "older.json"
    # IRCC lists the newest round first: the file as it was three rounds ago.
    older.write_text(json.dumps({**data, "rounds": data["rounds"][3:]}))
    assert import_rounds(older).added == REFERENCE_ROUNDS - 3
    newer = import_rounds(reference_file())
    assert (newer.added, newer.unchanged, newer.total) == (
        3,
        REFERENCE_ROUNDS - 3,
        REFERENCE_ROUNDS,
    )
    assert list_rounds()[-1].number == "434"


def test_a_corrected_round_is_rewritten(data_dir: Path, tmp_path: Path) -> None:
    import_rounds(reference_file())
    data = json.loads(reference_file().read_bytes())
    data["rounds"][0]["drawSize"] = "301"
    corrected = tmp_path / "corrected.json"
    corrected.write_text(json.dumps(data))
    summary = import_rounds(corrected)
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, REFERENCE_ROUNDS - 1)
    assert list_rounds()[-1].invitations == 301


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("truncated.json", "not valid JSON"),
        ("bad_number.json", "round 9002, field drawSize: '1,25O' is not a whole number"),
        ("missing_field.json", "round 9001, field drawCRS: missing"),
    ],
)
def test_a_damaged_file_is_refused_and_changes_nothing(
    data_dir: Path, fixture: str, message: str
) -> None:
    import_rounds(reference_file())
    before = _dump(data_dir)
    with pytest.raises(DrawsImportError, match=message):
        import_rounds(FIXTURES / fixture)
    assert _dump(data_dir) == before


def test_a_damaged_file_on_a_fresh_directory_creates_nothing(data_dir: Path) -> None:
    with pytest.raises(DrawsImportError):
        import_rounds(FIXTURES / "bad_number.json")
    assert not (data_dir / store.DB_FILE).exists()


def test_a_missing_source_is_a_draws_import_error(data_dir: Path) -> None:
    with pytest.raises(DrawsImportError, match="no such file"):
        import_rounds(data_dir / "nowhere.json")


def test_a_file_url_is_read_too(data_dir: Path) -> None:
    summary = import_rounds((FIXTURES / "two_rounds.json").resolve().as_uri())
    assert summary.added == 2 and summary.source.startswith("file://")


def test_migrations_are_applied_in_order_and_recorded_once(data_dir: Path) -> None:
    import_rounds(FIXTURES / "two_rounds.json")
    import_rounds(FIXTURES / "two_rounds.json")
    list_rounds()
    names = [name for name, _ in store.MIGRATIONS]
    assert store.applied_migrations() == names
    with sqlite3.connect(data_dir / store.DB_FILE) as db:
        assert db.execute("SELECT COUNT(*) FROM migrations").fetchone() == (len(names),)
        assert db.execute("SELECT COUNT(*) FROM imports").fetchone() == (2,)


def test_migration_names_are_unique_and_ordered() -> None:
    names = [name for name, _ in store.MIGRATIONS]
    assert names == sorted(set(names))


def test_list_rounds_by_category_and_since(data_dir: Path) -> None:
    import_rounds(reference_file())
    stem = list_rounds("stem")
    assert stem == list_rounds("ee_category:stem")
    assert len(stem) == 3 and stem[-1].date == date(2024, 4, 11)  # the last STEM round
    since = list_rounds(since=date(2026, 8, 1))
    assert since and all(r.date >= date(2026, 8, 1) for r in since)
    assert list_rounds("ee_category:researchers") == []  # a category never drawn from yet
    with pytest.raises(ValueError, match="no round category 'stme'"):
        list_rounds("stme")


def test_an_empty_database_has_no_rounds(data_dir: Path) -> None:
    assert list_rounds() == []
