"""The practice's accounts: argon2id hashes only, the same answer for a wrong password and an
unknown name, refusals that say why, weaker hashes replaced at sign-in."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import text
from typer.testing import CliRunner

from maplepath.cli import app
from maplepath.practice import PracticeError, Store
from maplepath.practice.accounts import add_user, check_password

SECRET = "correct horse battery staple"


def _hash(store: Store, name: str) -> str:
    with store.engine.connect() as c:
        query = text("SELECT password_hash FROM users WHERE name = :n")
        return str(c.execute(query, {"n": name}).scalar_one())


def test_the_password_is_kept_only_as_an_argon2id_hash(store: Store) -> None:
    add_user(store, "alice", "consultant", SECRET, actor="setup")
    kept = _hash(store, "alice")
    assert kept.startswith("$argon2id$") and SECRET not in kept
    assert all(SECRET not in str(e) for e in store.audit())
    assert [e["detail"] for e in store.audit()] == ["alice (consultant)"]


def test_the_right_password_gives_the_role_and_any_other_nothing(store: Store) -> None:
    add_user(store, "bob", "assistant", SECRET, actor="alice")
    assert check_password(store, "bob", SECRET) == "assistant"
    assert check_password(store, "bob", SECRET + "!") is None
    assert check_password(store, "nobody", SECRET) is None


@pytest.mark.parametrize(
    ("name", "role", "password", "said"),
    [
        ("carol", "admin", SECRET, "consultant or assistant"),
        ("carol", "consultant", "short", "at least 12"),
        ("  ", "consultant", SECRET, "needs a name"),
    ],
)
def test_bad_accounts_are_refused_by_reason(
    store: Store, name: str, role: str, password: str, said: str
) -> None:
    with pytest.raises(PracticeError, match=said):
        add_user(store, name, role, password, actor="alice")


def test_a_second_account_of_the_same_name_is_refused(store: Store) -> None:
    add_user(store, "alice", "consultant", SECRET, actor="setup")
    with pytest.raises(PracticeError, match="already an account"):
        add_user(store, "alice", "assistant", SECRET, actor="setup")


def test_a_hash_with_weaker_parameters_is_replaced_at_sign_in(store: Store) -> None:
    add_user(store, "dan", "consultant", SECRET, actor="setup")
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(SECRET)
    with store.engine.begin() as c:
        c.execute(text("UPDATE users SET password_hash = :h WHERE name = 'dan'"), {"h": weak})
    assert check_password(store, "dan", SECRET) == "consultant"
    assert _hash(store, "dan") != weak and not PasswordHasher().check_needs_rehash(
        _hash(store, "dan")
    )


def test_user_add_reads_the_password_from_stdin(store: Store, store_url: str | None) -> None:
    args = ["practice", "user", "add", str(store.folder), "erin", "--role", "assistant"]
    db = [] if store_url is None else ["--db", store_url]
    result = CliRunner().invoke(app, [*args, *db, "--password-stdin"], input=SECRET + "\n")
    assert result.exit_code == 0, result.output
    assert SECRET not in result.output
    assert check_password(store, "erin", SECRET) == "assistant"
    refused = CliRunner().invoke(app, [*args[:4], "frank", "--role", "x", *db,
                                       "--password-stdin"], input=SECRET + "\n")  # fmt: skip
    assert refused.exit_code == 2 and "consultant or assistant" in refused.output
