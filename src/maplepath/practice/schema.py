"""The practice's tables after the first four (which ``store`` creates): deadlines, the clients
assigned to each assistant, the sign-in attempts that lock an account out, and erasures.
Migrations are appended here, never edited once shipped.

A client file is kept for years (the College of Immigration and Citizenship Consultants sets
the period after a file closes; secondary sources differ on it, six or seven years, so the tool
imposes none), so nothing is deleted by accident: the append-only triggers of the
record's tables let a row go only when its client has an ``erasures`` entry, and that entry is
itself append-only and audited. Deleting is one explicit act, done by ``retention.erase``.
"""

from __future__ import annotations

from collections.abc import Callable

# The tables that hold a client's record: append-only, except for an erased client.
RECORD = ("profile_versions", "snapshots", "evidence")


def _sqlite_erasable(table: str) -> tuple[str, ...]:
    """UPDATE stays refused; DELETE only of an erased client's rows."""
    return (
        f"DROP TRIGGER {table}_no_delete",
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} WHEN NOT EXISTS "
        f"(SELECT 1 FROM erasures e WHERE e.client_id = OLD.client_id) "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END",
    )


def _postgres_erasable(table: str) -> tuple[str, ...]:
    return (
        "CREATE OR REPLACE FUNCTION maplepath_record_only() RETURNS trigger AS $$ BEGIN "
        "IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM erasures e "
        "WHERE e.client_id = OLD.client_id) THEN RETURN OLD; END IF; "
        "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql",
        f"DROP TRIGGER {table}_append_only ON {table}",
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION maplepath_record_only()",
    )


# Every table whose rows the database refuses to change (``store._APPEND_ONLY`` and those above).
GUARDED = ("audit", "profile_versions", "snapshots", "evidence", "sign_ins", "erasures")


def _no_truncate(dialect: str) -> tuple[str, ...]:
    """PostgreSQL's TRUNCATE empties a table without a row trigger firing: refused as a whole.
    SQLite has no TRUNCATE (its DELETE without WHERE runs the row triggers)."""
    if dialect == "sqlite":
        return ()
    return (
        "CREATE OR REPLACE FUNCTION maplepath_no_truncate() RETURNS trigger AS $$ BEGIN "
        "RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql",
        *(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION maplepath_no_truncate()"
            for table in GUARDED
        ),
    )


def later(
    dialect: str, key: str, guard: Callable[[str], tuple[str, ...]]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The migrations from 0005 on, for ``dialect``; ``key`` is its primary-key column type and
    ``guard`` its append-only triggers for a table."""
    erasable = _sqlite_erasable if dialect == "sqlite" else _postgres_erasable
    return (
        (
            "0005_deadlines",
            (
                # A consultant's own dates (a biometrics appointment, a reply to IRCC); the
                # dates the rules set (an ITA's 60 days) are computed from the profile.
                f"CREATE TABLE deadlines (id {key},"
                " client_id INTEGER NOT NULL REFERENCES clients (id), due TEXT NOT NULL,"
                " title TEXT NOT NULL, added_at TEXT NOT NULL, added_by TEXT NOT NULL,"
                " done_at TEXT, done_by TEXT)",
                "CREATE INDEX deadlines_client ON deadlines (client_id, due)",
            ),
        ),
        (
            "0006_assignments",
            (
                "CREATE TABLE assignments (user_name TEXT NOT NULL,"
                " client_id INTEGER NOT NULL REFERENCES clients (id), added_at TEXT NOT NULL,"
                " added_by TEXT NOT NULL, PRIMARY KEY (user_name, client_id))",
            ),
        ),
        (
            "0007_sign_ins",
            (
                f"CREATE TABLE sign_ins (id {key}, name TEXT NOT NULL, at TEXT NOT NULL,"
                " ok INTEGER NOT NULL)",
                "CREATE INDEX sign_ins_name ON sign_ins (name, id)",
                *guard("sign_ins"),
            ),
        ),
        (
            "0008_erasures",
            (
                f"CREATE TABLE erasures (id {key}, client_id INTEGER NOT NULL UNIQUE,"
                " at TEXT NOT NULL, actor TEXT NOT NULL, reason TEXT NOT NULL)",
                *guard("erasures"),
                *(s for table in RECORD for s in erasable(table)),
            ),
        ),
        (
            "0009_truncate_and_sign_out",
            (
                *_no_truncate(dialect),
                # A signed-out session is refused even if its cookie is replayed (web.session).
                "ALTER TABLE users ADD COLUMN signed_out_at TEXT",
            ),
        ),
    )
