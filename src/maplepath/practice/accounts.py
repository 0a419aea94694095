"""The practice's accounts: who may sign in, as a consultant (every client) or an assistant
(the clients assigned to them, with the web pages). Passwords are kept only as argon2id hashes
(argon2-cffi's defaults, RFC 9106's second recommended profile); a hash made with weaker
parameters is replaced at the next sign-in."""

from __future__ import annotations

from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import text

from maplepath.i18n import say
from maplepath.practice.store import PracticeError, Store, audit_entry

ROLES = ("consultant", "assistant")
MIN_PASSWORD = 12  # characters: a passphrase, not a PIN (NIST SP 800-63B asks for 8 at least)
_HASHER = PasswordHasher()


def add_user(store: Store, name: str, role: str, password: str, actor: str) -> int:
    """A new account; its id. The password itself is never kept, logged or audited."""
    name = name.strip()
    if not name:
        raise PracticeError(say("an account needs a name"))
    if role not in ROLES:
        raise PracticeError(
            say("the role is %(roles)s, not %(role)s", roles=" or ".join(ROLES), role=repr(role))
        )
    if len(password) < MIN_PASSWORD:
        raise PracticeError(say("a password of at least %(n)s characters, please", n=MIN_PASSWORD))
    with store.engine.begin() as c:
        if c.execute(text("SELECT 1 FROM users WHERE name = :n"), {"n": name}).first():
            raise PracticeError(say("there is already an account named %(name)s", name=name))
        row = c.execute(
            text(
                "INSERT INTO users (name, role, password_hash, created_at)"
                " VALUES (:n, :r, :h, :at) RETURNING id"
            ),
            {"n": name, "r": role, "h": _HASHER.hash(password),
             "at": datetime.now(UTC).isoformat(timespec="seconds")},
        ).one()  # fmt: skip
        audit_entry(c, actor, "user.add", None, f"{name} ({role})")
    return int(row[0])


def check_password(store: Store, name: str, password: str) -> str | None:
    """The account's role if ``password`` is its own, else None (the same answer for an
    unknown name, so a sign-in page cannot be asked who has an account)."""
    with store.engine.connect() as c:
        row = c.execute(
            text("SELECT id, role, password_hash FROM users WHERE name = :n"), {"n": name.strip()}
        ).first()
    if row is None:
        _HASHER.hash(password)  # the same time spent as for a real account
        return None
    try:
        _HASHER.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _HASHER.check_needs_rehash(row.password_hash):
        with store.engine.begin() as c:
            c.execute(
                text("UPDATE users SET password_hash = :h WHERE id = :i"),
                {"h": _HASHER.hash(password), "i": row.id},
            )
    return str(row.role)
