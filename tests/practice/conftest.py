"""The practice's fixtures: a fresh practice folder and its store, on each database the store
runs on (``store_url``): SQLite, the folder's own file, always; and PostgreSQL, a schema of its
own for each test on a throwaway server this session starts (Debian's ``postgresql``; its tests
are skipped, saying so, where that is not installed)."""

from __future__ import annotations

import itertools
import os
import pwd
import shlex
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from maplepath.practice import DB_FILE, Store
from maplepath.profile.load import parse_document

from ..conftest import EXAMPLES


def example_document(name: str = "data_scientist_pgwp.yaml") -> dict[str, Any]:
    path = EXAMPLES / name
    return parse_document(path.read_text(), path.name)


# What the database's own refusal raises in a tool other than the store, on either database.
DB_ERRORS = (sqlite3.DatabaseError, psycopg.DatabaseError)


def _postgres_programs() -> Path | None:
    """Where the newest PostgreSQL server's programs are: Debian keeps them off the PATH, in
    /usr/lib/postgresql/N/bin; elsewhere, where initdb is on the PATH."""
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    found = debian[-1] if debian else shutil.which("initdb")
    return Path(found).parent if found else None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Path]:
    """A throwaway PostgreSQL cluster for the session: the directory of its unix socket (no TCP
    port), trust authentication, no fsync (nothing in it outlives the session)."""
    programs = _postgres_programs()
    if programs is None:
        pytest.skip(
            "needs PostgreSQL's server: apt-get install postgresql (make test does, as root)"
        )
    # Not under tmp_path, which is root's alone when run as root: the server's user must reach
    # its directory, and PostgreSQL refuses to run as root, so as the postgres user Debian makes.
    root = Path(tempfile.mkdtemp(prefix="maplepath-pg-"))
    as_owner: list[str] = []
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root)
            pytest.fail("as root, PostgreSQL needs a postgres user (the postgresql package's)")
        os.chown(root, owner.pw_uid, owner.pw_gid)
        as_owner = ["runuser", "-u", "postgres", "--"]
    data, log = root / "data", root / "server.log"
    options = f"-k {shlex.quote(str(root))} -c listen_addresses='' -F"
    options += " -c full_page_writes=off -c synchronous_commit=off"

    def run(*args: str | Path) -> None:
        subprocess.run([*as_owner, *map(str, args)], cwd=root, check=True, capture_output=True)

    try:
        run(programs / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "--no-sync",
            "--no-locale", "-E", "UTF8")  # fmt: skip
        run(programs / "pg_ctl", "start", "-w", "-D", data, "-l", log, "-o", options)
    except subprocess.CalledProcessError as error:
        said = error.stderr.decode(errors="replace") + (log.read_text() if log.exists() else "")
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"PostgreSQL ({programs}) did not start: {said}")
    try:
        yield root
    finally:
        run(programs / "pg_ctl", "stop", "-D", data, "-m", "immediate")
        shutil.rmtree(root, ignore_errors=True)


_accounts = itertools.count(1)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """The ``db`` of a test's store (``Store.init(folder, db=store_url)``): None, the folder's
    own practice.sqlite3; or, on PostgreSQL, an account of this test's alone, not a superuser,
    whose own schema (first on the default search_path, "$user") keeps the practice's tables.
    A schema takes a millisecond to make where a database takes 0.15 s."""
    if request.param == "sqlite":
        yield None
        return
    socket: Path = request.getfixturevalue("postgres_server")
    name = f"practice_{next(_accounts)}"

    def on_server(*statements: str) -> None:
        with psycopg.connect(host=str(socket), user="postgres", autocommit=True) as admin:
            for statement in statements:
                query = sql.SQL(statement).format(id=sql.Identifier(name), name=name)
                admin.execute(query)

    on_server("CREATE ROLE {id} LOGIN", "CREATE SCHEMA {id} AUTHORIZATION {id}")
    yield f"postgresql://{name}@/postgres?host={socket}"  # a URL such as a consultant gives --db
    # The connections the test left open (a store made by a command): the server stays small.
    on_server("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = {name}")


@pytest.fixture
def store(tmp_path: Path, store_url: str | None) -> Iterator[Store]:
    made = Store.init(tmp_path / "practice", db=store_url)
    yield made
    made.engine.dispose()  # its pooled connections


@contextmanager
def foreign_connection(store: Store, url: str | None) -> Iterator[Any]:
    """The store's database opened with its driver alone, not through the store: another tool."""
    db: Any = sqlite3.connect(store.folder / DB_FILE) if url is None else psycopg.connect(url)
    try:
        yield db
    finally:
        db.close()
