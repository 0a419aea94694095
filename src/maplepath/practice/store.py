"""The practice's store: one database of a consultant's clients, through SQLAlchemy Core so the
same code runs on the practice folder's SQLite file (``practice.sqlite3``, WAL) and on
PostgreSQL (``--db postgresql://...``).

What a regulator expects of a client file shapes the tables: nothing a client said is ever
overwritten (every save of a profile is a new version), and ``audit`` records who did what to
which client, when; both are append-only, enforced by the database itself (triggers refuse
UPDATE and DELETE), not by this code's good manners. The schema grows by named migrations,
recorded in ``migrations``, as the draws store's does: a shipped migration is never edited.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import IntegrityError

from maplepath.i18n import say
from maplepath.practice import schema

DB_FILE = "practice.sqlite3"

_APPEND_ONLY = ("audit", "profile_versions")  # and snapshots, from 0002


def _sqlite_guard(table: str) -> tuple[str, ...]:
    return tuple(
        f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
        for verb in ("UPDATE", "DELETE")
    )


def _postgres_guard(table: str) -> tuple[str, ...]:
    return (
        "CREATE OR REPLACE FUNCTION maplepath_append_only() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql",
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION maplepath_append_only()",
    )


def _migrations(dialect: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(name, statements) in order, for one database dialect. Append; never edit."""
    key = "INTEGER PRIMARY KEY" if dialect == "sqlite" else "SERIAL PRIMARY KEY"
    guard = _sqlite_guard if dialect == "sqlite" else _postgres_guard
    return (
        (
            "0001_clients",
            (
                f"CREATE TABLE clients (id {key}, name TEXT NOT NULL, file_no TEXT UNIQUE,"
                " contact TEXT, language TEXT NOT NULL DEFAULT 'en', created_at TEXT NOT NULL)",
                f"CREATE TABLE profile_versions (id {key},"
                " client_id INTEGER NOT NULL REFERENCES clients (id), version INTEGER NOT NULL,"
                " saved_at TEXT NOT NULL, saved_by TEXT NOT NULL, sha256 TEXT NOT NULL,"
                " document TEXT NOT NULL, UNIQUE (client_id, version))",
                f"CREATE TABLE audit (id {key}, at TEXT NOT NULL, actor TEXT NOT NULL,"
                " action TEXT NOT NULL, client_id INTEGER REFERENCES clients (id),"
                " detail TEXT NOT NULL DEFAULT '')",
                *(s for table in _APPEND_ONLY for s in guard(table)),
            ),
        ),
        (
            "0002_snapshots",
            (
                f"CREATE TABLE snapshots (id {key},"
                " client_id INTEGER NOT NULL REFERENCES clients (id), taken_at TEXT NOT NULL,"
                " assessed_on TEXT NOT NULL, crs INTEGER NOT NULL, data TEXT NOT NULL)",
                "CREATE INDEX snapshots_client ON snapshots (client_id, id)",
                *guard("snapshots"),
            ),
        ),
        (
            "0003_users",
            (
                f"CREATE TABLE users (id {key}, name TEXT NOT NULL UNIQUE,"
                " role TEXT NOT NULL CHECK (role IN ('consultant', 'assistant')),"
                " password_hash TEXT NOT NULL, created_at TEXT NOT NULL)",
            ),
        ),
        (
            "0004_evidence",
            (
                f"CREATE TABLE evidence (id {key},"
                " client_id INTEGER NOT NULL REFERENCES clients (id), doc_id TEXT NOT NULL,"
                " kind TEXT NOT NULL, data TEXT NOT NULL, file_sha256 TEXT, file_name TEXT,"
                " added_at TEXT NOT NULL, added_by TEXT NOT NULL)",
                *guard("evidence"),
            ),
        ),
        *schema.later(dialect, key, guard),
    )


class PracticeError(ValueError):
    """A practice that cannot be opened or changed as asked; the message says why."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class Store:
    """One practice's database. ``Store.init(folder)`` makes one; ``Store(folder)`` opens it."""

    def __init__(self, folder: str | Path, db: str | None = None) -> None:
        self.folder = Path(folder)
        if db is None and not (self.folder / DB_FILE).is_file():
            raise PracticeError(
                say(
                    "%(folder)s is not a practice (no %(file)s): make one with "
                    "maplepath practice init %(folder)s",
                    folder=str(self.folder),
                    file=DB_FILE,
                )
            )
        self.engine = _engine(self.folder, db)
        self.migrate()

    @classmethod
    def init(cls, folder: str | Path, db: str | None = None) -> Store:
        path = Path(folder)
        # Clients' files are the consultant's alone: no other local user may read them.
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        (path / "files").mkdir(mode=0o700, exist_ok=True)  # evidence documents, by sha256
        if db is None:
            (path / DB_FILE).touch(mode=0o600, exist_ok=True)  # before SQLite opens it
            made = _engine(path, None)
            with made.connect():  # SQLite makes the file on the first connection
                pass
            made.dispose()
        return cls(path, db)

    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded, each in its own transaction; their names."""
        with self.engine.begin() as c:
            c.execute(
                text(
                    "CREATE TABLE IF NOT EXISTS migrations"
                    " (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
            )
            done = {row[0] for row in c.execute(text("SELECT name FROM migrations"))}
        applied = []
        for name, statements in _migrations(self.engine.dialect.name):
            if name in done:
                continue
            with self.engine.begin() as c:
                for statement in statements:
                    # As written, with no parameters: psycopg would read the % of a trigger's
                    # RAISE message as a placeholder.
                    c.exec_driver_sql(statement, execution_options={"no_parameters": True})
                c.execute(
                    text("INSERT INTO migrations (name, applied_at) VALUES (:n, :at)"),
                    {"n": name, "at": _now()},
                )
            applied.append(name)
        return applied

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.engine.begin() as c:
            yield c

    def add_client(
        self,
        name: str,
        document: dict[str, Any],
        actor: str,
        file_no: str | None = None,
        contact: str | None = None,
        language: str = "en",
    ) -> int:
        """A new client with their first profile version; the client's id. One transaction:
        a refused file number leaves nothing behind."""
        if not name.strip():
            raise PracticeError(say("a client needs a name"))
        file_no = (file_no or "").strip() or None  # no number is no number, not ""
        with self._tx() as c:
            if (
                file_no
                and c.execute(
                    text("SELECT 1 FROM clients WHERE file_no = :f"), {"f": file_no}
                ).first()
            ):
                raise PracticeError(say("file number %(no)s is already a client's", no=file_no))
            try:
                row = c.execute(
                    text(
                        "INSERT INTO clients (name, file_no, contact, language, created_at)"
                        " VALUES (:name, :file_no, :contact, :language, :at) RETURNING id"
                    ),
                    {"name": name.strip(), "file_no": file_no, "contact": contact,
                     "language": language, "at": _now()},
                ).one()  # fmt: skip
            except IntegrityError:  # the same number added by another writer meanwhile
                raise PracticeError(
                    say("file number %(no)s is already a client's", no=file_no)
                ) from None
            client_id = int(row[0])
            # No name in the log: it outlives an erasure (schema), so it holds no personal data.
            audit_entry(c, actor, "client.add", client_id, file_no or "")
            self._save(c, client_id, document, actor)
        return client_id

    def save_profile(self, client_id: int, document: dict[str, Any], actor: str) -> int:
        """A new version of a client's profile (the earlier ones stay); its number."""
        with self._tx() as c:
            # One save of a client at a time: this write holds the client's row (PostgreSQL) or
            # the database (SQLite) until the commit, so a second writer reads the number after
            # the first's, not the same one (which UNIQUE (client_id, version) would refuse).
            c.execute(text("UPDATE clients SET name = name WHERE id = :c"), {"c": client_id})
            self.client_row(c, client_id)
            return self._save(c, client_id, document, actor)

    def _save(self, c: Connection, client_id: int, document: dict[str, Any], actor: str) -> int:
        body = _stored(document)
        last = c.execute(
            text("SELECT MAX(version) FROM profile_versions WHERE client_id = :c"),
            {"c": client_id},
        ).scalar()
        version = int(last or 0) + 1
        c.execute(
            text(
                "INSERT INTO profile_versions (client_id, version, saved_at, saved_by, sha256,"
                " document) VALUES (:c, :v, :at, :by, :sha, :doc)"
            ),
            {"c": client_id, "v": version, "at": _now(), "by": actor,
             "sha": document_sha(document), "doc": body},
        )  # fmt: skip
        audit_entry(c, actor, "profile.save", client_id, f"version {version}")
        return version

    def client_row(self, c: Connection, client_id: int) -> dict[str, Any]:
        row = c.execute(text("SELECT * FROM clients WHERE id = :c"), {"c": client_id}).first()
        if row is None:
            raise PracticeError(say("no client %(id)s in this practice", id=client_id))
        erased = c.execute(
            text("SELECT at FROM erasures WHERE client_id = :c"), {"c": client_id}
        ).scalar()
        if erased is not None:
            raise PracticeError(say("client %(id)s's file was erased on %(at)s", id=client_id,
                                    at=str(erased)[:10]))  # fmt: skip
        return dict(row._mapping)

    def clients(self, only: set[int] | None = None) -> list[dict[str, Any]]:
        """Every client (of ``only``, when given), oldest first, with the number of their
        latest profile version; an erased client is no longer one."""
        with self.engine.connect() as c:
            rows = c.execute(
                text(
                    "SELECT c.*, (SELECT MAX(version) FROM profile_versions v"
                    " WHERE v.client_id = c.id) AS latest FROM clients c WHERE NOT EXISTS"
                    " (SELECT 1 FROM erasures e WHERE e.client_id = c.id) ORDER BY c.id"
                )
            )
            found = [dict(r._mapping) for r in rows]
        return found if only is None else [r for r in found if r["id"] in only]

    def profile(self, client_id: int, version: int | None = None) -> dict[str, Any]:
        """A client's profile document: the latest version, or the one asked for."""
        with self.engine.connect() as c:
            self.client_row(c, client_id)
            query = "SELECT document FROM profile_versions WHERE client_id = :c"
            if version is None:
                query += " ORDER BY version DESC LIMIT 1"
                found = c.execute(text(query), {"c": client_id}).scalar()
            else:
                query += " AND version = :v"
                found = c.execute(text(query), {"c": client_id, "v": version}).scalar()
        if found is None:
            raise PracticeError(say("client %(id)s has no version %(v)s", id=client_id, v=version))
        document: dict[str, Any] = json.loads(found)
        return document

    def save_snapshot(self, client_id: int, data: dict[str, Any], actor: str) -> None:
        """Keep an assessment (``planner.snapshot.snapshot_data``): the next recheck's 'before'."""
        with self._tx() as c:
            self.client_row(c, client_id)
            c.execute(
                text(
                    "INSERT INTO snapshots (client_id, taken_at, assessed_on, crs, data)"
                    " VALUES (:c, :at, :on, :crs, :data)"
                ),
                {"c": client_id, "at": _now(), "on": data["assessed_on"],
                 "crs": data["assessment"]["crs"]["total"],
                 "data": json.dumps(data, ensure_ascii=False, default=str)},
            )  # fmt: skip
            audit_entry(c, actor, "snapshot.save", client_id, data["assessed_on"])

    def latest_snapshot(self, client_id: int) -> dict[str, Any] | None:
        """The client's last kept assessment, or None."""
        with self.engine.connect() as c:
            found = c.execute(
                text("SELECT data FROM snapshots WHERE client_id = :c ORDER BY id DESC LIMIT 1"),
                {"c": client_id},
            ).scalar()
        data: dict[str, Any] | None = json.loads(found) if found else None
        return data

    def snapshots(self, client_id: int) -> list[dict[str, Any]]:
        """Every kept assessment of a client, oldest first."""
        with self.engine.connect() as c:
            self.client_row(c, client_id)
            rows = c.execute(
                text("SELECT data FROM snapshots WHERE client_id = :c ORDER BY id"),
                {"c": client_id},
            )
            return [json.loads(r[0]) for r in rows]

    def record(self, actor: str, action: str, client_id: int | None, detail: str = "") -> None:
        """An entry in the audit log for what happened outside the store (an export)."""
        with self._tx() as c:
            audit_entry(c, actor, action, client_id, detail)

    def audit(self, client_id: int | None = None) -> list[dict[str, Any]]:
        """The audit log, oldest first (of one client, if asked)."""
        query = "SELECT * FROM audit"
        params: dict[str, Any] = {}
        if client_id is not None:
            query, params = query + " WHERE client_id = :c", {"c": client_id}
        with self.engine.connect() as c:
            return [dict(r._mapping) for r in c.execute(text(query + " ORDER BY id"), params)]


def _stored(document: dict[str, Any]) -> str:
    """A profile document as a version keeps it (keys sorted: one text per content)."""
    return json.dumps(document, sort_keys=True, ensure_ascii=False, default=str)


def document_sha(document: dict[str, Any]) -> str:
    """The sha256 a version of ``document`` is kept with."""
    return hashlib.sha256(_stored(document).encode()).hexdigest()


def audit_entry(c: Connection, actor: str, action: str, client_id: int | None, detail: str) -> None:
    c.execute(
        text(
            "INSERT INTO audit (at, actor, action, client_id, detail)"
            " VALUES (:at, :actor, :action, :c, :detail)"
        ),
        {"at": _now(), "actor": actor, "action": action, "c": client_id, "detail": detail},
    )


def _engine(folder: Path, db: str | None) -> Engine:
    url = f"sqlite:///{folder / DB_FILE}" if db is None else db
    if not url.startswith(("postgresql://", "postgresql+psycopg://", "sqlite:///")):
        raise PracticeError(
            say("--db takes postgresql://... (or sqlite:///FILE), not %(db)s", db=db)
        )
    if url.startswith("postgresql://"):  # SQLAlchemy's default is psycopg2; ours is psycopg 3
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
    return engine
