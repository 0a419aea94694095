"""The rounds history, kept in an SQLite database in the user's data directory.

Per the data policy maplepath does not ship IRCC's rounds: ``maplepath draws update`` reads the
official file (``https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json``)
or a local copy and upserts it here. IRCC only adds rounds and, rarely, corrects one, so an
import adds the new rounds, rewrites corrected ones and leaves the rest alone. The whole file is
parsed before anything is written, and the write is one transaction: a truncated download or a
bad value changes nothing.

The schema grows by named migrations, applied in order and recorded in ``migrations``. A
shipped migration is never edited; a change is a new migration at the end of the list.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from maplepath import datadir
from maplepath.draws import rounds as rd
from maplepath.draws.rounds import BANDS, DrawsImportError, Round
from maplepath.i18n import say

DB_FILE = "draws.sqlite3"
OFFICIAL_URL = "https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json"
_BAND_COLUMNS = tuple("band_" + b.replace("-", "_") for b in BANDS)
_COLUMNS = (
    "number", "date", "name", "category", "programs", "invitations", "cutoff", "drawn_at",
    "tie_break", "distribution_as_on", *_BAND_COLUMNS,
)  # fmt: skip
_Row = tuple[str | int | None, ...]

# (name, statements), in order. Never edit or reorder a shipped entry: append a new one.
MIGRATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "0001_rounds",
        (
            "CREATE TABLE rounds ("
            " number TEXT PRIMARY KEY, date TEXT NOT NULL, name TEXT NOT NULL,"
            " category TEXT NOT NULL, programs TEXT NOT NULL, invitations INTEGER NOT NULL,"
            " cutoff INTEGER, drawn_at TEXT, tie_break TEXT, distribution_as_on TEXT, "
            + ", ".join(f"{c} INTEGER" for c in _BAND_COLUMNS)
            + ")",
            "CREATE INDEX rounds_category_date ON rounds (category, date)",
        ),
    ),
    (
        "0002_imports",
        (
            "CREATE TABLE imports (id INTEGER PRIMARY KEY, source TEXT NOT NULL,"
            " imported_at TEXT NOT NULL, added INTEGER NOT NULL, updated INTEGER NOT NULL,"
            " total INTEGER NOT NULL)",
        ),
    ),
)


@dataclass(frozen=True)
class ImportSummary:
    added: int  # rounds not in the database before
    unchanged: int  # rounds already there, identical
    total: int  # rounds in the file
    updated: int = 0  # rounds already there that IRCC has since corrected
    source: str = ""

    @property
    def text(self) -> str:
        if self.updated:
            return say(
                "%(total)s rounds read: %(added)s added, %(updated)s corrected, "
                "%(unchanged)s unchanged",
                total=self.total,
                added=self.added,
                updated=self.updated,
                unchanged=self.unchanged,
            )
        return say(
            "%(total)s rounds read: %(added)s added, %(unchanged)s unchanged",
            total=self.total,
            added=self.added,
            unchanged=self.unchanged,
        )


def db_path(data_dir: Path | None = None) -> Path:
    return (data_dir or datadir.data_dir()) / DB_FILE


class DamagedDatabase(ValueError):
    """The rounds database cannot be read: said in one line, with the command that repairs it."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        super().__init__(
            say(
                "the rounds database %(path)s is damaged (%(reason)s): run `maplepath draws "
                "update --rebuild` to recreate it from IRCC's file (the rounds are IRCC's: "
                "nothing else is lost)",
                path=path,
                reason=reason,
            )
        )


def _damage(exc: sqlite3.Error) -> str | None:
    """Why ``exc`` means the file is damaged, or None when it does not (a lock held too long,
    a full disk: the file is sound and the command can be run again)."""
    text = str(exc)
    if isinstance(exc, sqlite3.OperationalError) and any(
        word in text for word in ("locked", "busy", "disk I/O", "full", "unable to open")
    ):
        return None
    return text


@contextmanager
def connect(data_dir: Path | None = None, path: Path | None = None) -> Iterator[sqlite3.Connection]:
    """An open, migrated database. Transactions are explicit (BEGIN ... COMMIT). A file that is
    not a database, a malformed page or a table gone raise DamagedDatabase. ``path``: another
    file than the data directory's (a rebuild's new one)."""
    path = path or db_path(data_dir)
    try:
        with closing(sqlite3.connect(path, isolation_level=None)) as db:
            db.execute("PRAGMA busy_timeout = 5000")
            migrate(db)
            _check_schema(db)
            yield db
    except sqlite3.Error as exc:
        reason = _damage(exc)
        if reason is None:
            raise
        raise DamagedDatabase(path, reason) from None


def _check_schema(db: sqlite3.Connection) -> None:
    """The tables the migrations made, with their columns: a file edited by hand or by another
    program fails here, before a query reads half of it."""
    have = {
        table: [c[1] for c in db.execute(f"PRAGMA table_info({table})")]
        for table in ("rounds", "imports")
    }
    if have["rounds"] != list(_COLUMNS):
        raise sqlite3.DatabaseError(say("the rounds table is missing or not maplepath's"))
    if not have["imports"]:
        raise sqlite3.DatabaseError(say("the imports table is missing"))


def rebuild(
    source: str | Path, progress: datadir.Progress | None = None, *, data_dir: Path | None = None
) -> ImportSummary:
    """A new database from IRCC's file, in place of the current one (damaged or not).

    The file is read and parsed first, the new database built beside the old one and moved
    over it in one rename: interrupted at any point, the old file (or the new one) is whole.
    The old file is kept as ``draws.sqlite3.damaged``, with its journal if it had one (left in
    place, SQLite would replay that journal onto the new file)."""
    parsed = _parse(source, progress)
    path = db_path(data_dir)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fresh = folder / f"{DB_FILE}.rebuild"
    for leftover in (fresh, Path(f"{fresh}-journal")):
        leftover.unlink(missing_ok=True)
    try:
        summary = _upsert(parsed[0], parsed[1], data_dir, fresh)
    except sqlite3.Error as e:
        raise DrawsImportError(say("cannot write %(path)s: %(error)s", path=fresh, error=e)) from e
    if path.exists():
        os.replace(path, folder / f"{DB_FILE}.damaged")
    for suffix in ("-journal", "-wal", "-shm"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, folder / f"{DB_FILE}.damaged{suffix}")
    os.replace(fresh, path)
    return summary


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet recorded, each in its own transaction; their names."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS migrations"
        " (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)"
    )
    done = {name for (name,) in db.execute("SELECT name FROM migrations")}
    applied = []
    for name, statements in MIGRATIONS:
        if name in done:
            continue
        with _transaction(db):
            if db.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                continue  # another process applied it meanwhile
            for sql in statements:
                db.execute(sql)
            db.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, _now()))
        applied.append(name)
    return applied


def applied_migrations(data_dir: Path | None = None) -> list[str]:
    with connect(data_dir) as db:
        return [n for (n,) in db.execute("SELECT name FROM migrations ORDER BY id")]


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def import_rounds(
    source: str | Path,
    progress: datadir.Progress | None = None,
    *,
    data_dir: Path | None = None,
) -> ImportSummary:
    """Read IRCC's rounds file from a path or an http(s)/file URL and upsert every round.

    Example: ``import_rounds(OFFICIAL_URL)``. Raises DrawsImportError (naming the round and
    field for a bad value); the database is then left exactly as it was.
    """
    rows, name = _parse(source, progress)
    try:
        return _upsert(rows, name, data_dir)
    except sqlite3.Error as e:
        raise DrawsImportError(
            say("cannot write %(path)s: %(error)s", path=db_path(data_dir), error=e)
        ) from e


def _parse(source: str | Path, progress: datadir.Progress | None) -> tuple[dict[str, _Row], str]:
    try:
        raw, name = datadir.read_source(source, progress)
    except datadir.SourceError as e:
        raise DrawsImportError(str(e)) from e
    try:
        parsed = rd.parse_rounds(raw, name)
    except DrawsImportError as e:
        raise DrawsImportError(
            say("%(source)s: %(error)s", source=name, error=e), e.number, e.field
        ) from None
    return {r.number: _row(r) for r in parsed}, name


def _upsert(
    rows: dict[str, _Row], name: str, data_dir: Path | None, path: Path | None = None
) -> ImportSummary:
    with connect(data_dir, path) as db, _transaction(db):
        cols = ", ".join(_COLUMNS)
        old = {row[0]: row for row in db.execute(f"SELECT {cols} FROM rounds")}
        new = [row for number, row in rows.items() if old.get(number) != row]
        if new:
            marks = ", ".join("?" * len(_COLUMNS))
            update = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[1:])
            db.executemany(
                f"INSERT INTO rounds ({cols}) VALUES ({marks})"
                f" ON CONFLICT (number) DO UPDATE SET {update}",
                new,
            )
        added = sum(1 for row in new if row[0] not in old)
        summary = ImportSummary(added, len(rows) - len(new), len(rows), len(new) - added, name)
        db.execute(
            "INSERT INTO imports (source, imported_at, added, updated, total)"
            " VALUES (?, ?, ?, ?, ?)",
            (name, _now(), summary.added, summary.updated, summary.total),
        )
    return summary


def list_rounds(
    category: str | None = None, since: date | None = None, *, data_dir: Path | None = None
) -> list[Round]:
    """The imported rounds, oldest first; of one category ("cec", "stem" or "ee_category:stem")
    and/or on or after ``since``. An unknown category id is an error, a quiet one is not."""
    where, args = [], []
    if category is not None:
        where.append("category = ?")
        args.append(resolve_category(category))
    if since is not None:
        where.append("date >= ?")
        args.append(since.isoformat())
    sql = f"SELECT {', '.join(_COLUMNS)} FROM rounds"
    sql += f" WHERE {' AND '.join(where)}" if where else ""
    with connect(data_dir) as db:
        found = [_round(row) for row in db.execute(sql, args)]
    return sorted(found, key=lambda r: r.order)


def resolve_category(category: str) -> str:
    """A round id as given, or a bare category id ("stem") as its ``ee_category:`` id."""
    known = rd.known_ids()
    if category in known:
        return category
    if f"ee_category:{category}" in known:
        return f"ee_category:{category}"
    raise ValueError(
        say(
            "no round category %(category)s; known: %(known)s",
            category=repr(category),
            known=", ".join(known),
        )
    )


def _row(r: Round) -> _Row:
    counts = r.distribution or (None,) * len(BANDS)
    return (
        r.number, r.date.isoformat(), r.name, r.category, ",".join(r.programs), r.invitations,
        r.cutoff, _iso(r.drawn_at), _iso(r.tie_break), _iso(r.distribution_as_on), *counts,
    )  # fmt: skip


def _round(row: _Row) -> Round:
    bands = row[10:]
    return Round(
        number=str(row[0]),
        date=date.fromisoformat(str(row[1])),
        name=str(row[2]),
        category=str(row[3]),
        programs=tuple(str(row[4]).split(",")) if row[4] else (),
        invitations=int(row[5] or 0),
        cutoff=None if row[6] is None else int(row[6]),
        drawn_at=None if row[7] is None else datetime.fromisoformat(str(row[7])),
        tie_break=None if row[8] is None else datetime.fromisoformat(str(row[8])),
        distribution_as_on=None if row[9] is None else date.fromisoformat(str(row[9])),
        distribution=None if bands[0] is None else tuple(int(b or 0) for b in bands),
    )


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
