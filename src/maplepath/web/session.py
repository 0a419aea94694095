"""The practice's sessions: who is signed in, in a cookie signed with the practice's own key
(itsdangerous, HMAC-SHA1 over the value and its time), good for ``MAX_AGE``. The server keeps
no session table: a cookie it did not sign, or one too old, is no session. The account is
looked up again on every request, so a removed account is signed out at once.

The key is made once per practice folder (``session.key``, readable by its owner only); a new
key signs everyone out."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path

from itsdangerous import BadSignature, URLSafeTimedSerializer

from maplepath.datadir import atomic_write_bytes
from maplepath.practice import access
from maplepath.practice.store import Store

COOKIE = "maplepath_session"
KEY_FILE = "session.key"
MAX_AGE = 8 * 3600  # a working day; then sign in again


def _key(folder: Path) -> bytes:
    path = folder / KEY_FILE
    if not path.exists():  # the owner's alone from its first byte
        atomic_write_bytes(path, secrets.token_hex(32).encode(), mode=0o600)
    return path.read_bytes().strip()


class Sessions:
    """Signs and reads the session cookies of one practice."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._signer = URLSafeTimedSerializer(_key(store.folder), salt="maplepath.session")

    def issue(self, user: access.User) -> str:
        # The nonce makes each sign-in's cookie new (the value is not guessable from a name).
        # ``at``: when it was issued, to the microsecond (signed with the rest): a sign-out ends
        # the cookies issued before it, not one issued just after.
        at = datetime.now(UTC).timestamp()
        return self._signer.dumps({"name": user.name, "nonce": secrets.token_hex(8), "at": at})

    def user(self, cookie: str | None) -> access.User | None:
        """The account the cookie was issued to, if it is ours, fresh, and the account exists."""
        if not cookie:
            return None
        try:
            data = self._signer.loads(cookie, max_age=MAX_AGE)
        except BadSignature:  # also an expired one (SignatureExpired is a BadSignature)
            return None
        name = data.get("name") if isinstance(data, dict) else None
        issued = data.get("at") if isinstance(data, dict) else None
        if not isinstance(name, str) or not isinstance(issued, float):
            return None
        found = access.account(self.store, name)
        if found is None:
            return None
        role, signed_out = found
        # A cookie issued before the account last signed out is over, even if replayed.
        if signed_out is not None and issued <= datetime.fromisoformat(signed_out).timestamp():
            return None
        return access.User(name, role)

    def end(self, user: access.User) -> None:
        """Sign ``user`` out everywhere: every cookie issued so far stops being a session."""
        access.signed_out(self.store, user.name, datetime.now(UTC))
