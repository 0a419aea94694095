"""Who may open which client's file, and signing in.

A consultant sees every client; an assistant only the clients assigned to them. A sign-in is
checked against the account's argon2id hash (``accounts``) and recorded; after
``LOCK_AFTER`` failures in a row the account is locked for ``LOCK_FOR`` (whoever types the
password), so a password cannot be guessed at the speed of the network. OWASP's authentication
guidance recommends such a lock-out with a time-limited release rather than a permanent one,
which would let anyone lock a colleague out for good."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from maplepath.i18n import noop, say
from maplepath.practice import accounts
from maplepath.practice.store import PracticeError, Store, audit_entry

# The roles as a page names them (the values stay English in the database).
ROLE_NAMES = {"consultant": noop("consultant"), "assistant": noop("assistant")}
MAX_NAME = 100  # characters of an account name read at sign-in
LOCK_AFTER = 5
LOCK_FOR = timedelta(minutes=15)


@dataclass(frozen=True)
class User:
    name: str
    role: str  # consultant | assistant

    @property
    def sees_all(self) -> bool:
        return self.role == "consultant"


class Locked(PracticeError):
    """Too many failed sign-ins in a row: the account opens again at ``until``."""

    def __init__(self, until: datetime) -> None:
        super().__init__(
            say(
                "Too many failed sign-ins: this account is locked until %(time)s UTC.",
                time=until.strftime("%H:%M"),
            )
        )
        self.until = until


def _now() -> datetime:
    return datetime.now(UTC)


def locked_until(store: Store, name: str, now: datetime | None = None) -> datetime | None:
    """When the account opens again, if the last ``LOCK_AFTER`` attempts all failed recently."""
    now = now or _now()
    with store.engine.connect() as c:
        rows = c.execute(
            text("SELECT at, ok FROM sign_ins WHERE name = :n ORDER BY id DESC LIMIT :k"),
            {"n": name, "k": LOCK_AFTER},
        ).all()
    if len(rows) < LOCK_AFTER or any(r.ok for r in rows):
        return None
    until = datetime.fromisoformat(rows[0].at) + LOCK_FOR
    return until if until > now else None


def sign_in(store: Store, name: str, password: str, now: datetime | None = None) -> User | None:
    """The account if ``password`` is its own; None otherwise (the same for an unknown name).
    Raises ``Locked`` while the account is locked, without checking the password."""
    name, now = name.strip()[:MAX_NAME], now or _now()
    until = locked_until(store, name, now)
    if until is not None:
        raise Locked(until)
    role = accounts.check_password(store, name, password)
    if account(store, name) is None:
        # Nothing is kept of a name that is no account: it may be a password typed in the
        # wrong field, and an unknown name has nothing to lock.
        return None
    with store.engine.begin() as c:
        c.execute(
            text("INSERT INTO sign_ins (name, at, ok) VALUES (:n, :at, :ok)"),
            {"n": name, "at": now.isoformat(timespec="seconds"), "ok": int(role is not None)},
        )
        if role is not None:
            audit_entry(c, name, "user.sign_in", None, "")
    return None if role is None else User(name, role)


def role_of(store: Store, name: str) -> str | None:
    """The account's role now (a session outlives nothing: a removed account signs out)."""
    found = account(store, name)
    return None if found is None else found[0]


def account(store: Store, name: str) -> tuple[str, str | None] | None:
    """The account's role and when it last signed out, or None when there is no such account."""
    with store.engine.connect() as c:
        row = c.execute(
            text("SELECT role, signed_out_at FROM users WHERE name = :n"), {"n": name}
        ).first()
    return None if row is None else (str(row.role), row.signed_out_at)


def signed_out(store: Store, name: str, at: datetime) -> None:
    """Record a sign-out: the sessions issued until ``at`` end (web.session)."""
    with store.engine.begin() as c:
        c.execute(
            text("UPDATE users SET signed_out_at = :at WHERE name = :n"),
            {"at": at.isoformat(), "n": name},
        )
        audit_entry(c, name, "user.sign_out", None, "")


def assign(store: Store, user: str, client_id: int, actor: str) -> None:
    """Give an assistant a client's file (a consultant already sees every file)."""
    with store.engine.begin() as c:
        store.client_row(c, client_id)
        role = c.execute(text("SELECT role FROM users WHERE name = :n"), {"n": user}).scalar()
        if role != "assistant":
            raise PracticeError(say("%(name)s is not an assistant's account", name=user))
        if c.execute(
            text("SELECT 1 FROM assignments WHERE user_name = :u AND client_id = :c"),
            {"u": user, "c": client_id},
        ).first():
            return
        c.execute(
            text(
                "INSERT INTO assignments (user_name, client_id, added_at, added_by)"
                " VALUES (:u, :c, :at, :by)"
            ),
            {"u": user, "c": client_id, "at": _now().isoformat(timespec="seconds"), "by": actor},
        )
        audit_entry(c, actor, "client.assign", client_id, user)


def unassign(store: Store, user: str, client_id: int, actor: str) -> None:
    with store.engine.begin() as c:
        gone = c.execute(
            text("DELETE FROM assignments WHERE user_name = :u AND client_id = :c"),
            {"u": user, "c": client_id},
        ).rowcount
        if gone:
            audit_entry(c, actor, "client.unassign", client_id, user)


def may_open(store: Store, user: User, client_id: int) -> bool:
    if user.sees_all:
        return True
    with store.engine.connect() as c:
        found = c.execute(
            text("SELECT 1 FROM assignments WHERE user_name = :u AND client_id = :c"),
            {"u": user.name, "c": client_id},
        ).first()
    return found is not None


def visible(store: Store, user: User) -> set[int] | None:
    """The ids of the clients ``user`` may open; None for all of them."""
    if user.sees_all:
        return None
    with store.engine.connect() as c:
        rows = c.execute(
            text("SELECT client_id FROM assignments WHERE user_name = :u"), {"u": user.name}
        )
        return {int(r[0]) for r in rows}


def assistants(store: Store) -> list[str]:
    """The assistants' account names, to assign a client to (alphabetical)."""
    with store.engine.connect() as c:
        rows = c.execute(text("SELECT name FROM users WHERE role = 'assistant' ORDER BY name"))
        return [r[0] for r in rows]
