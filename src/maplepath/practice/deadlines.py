"""A client's deadlines: the consultant's own dates (a biometrics appointment, a reply IRCC
asked for by a date), kept in the practice, and the dates the rules set (an invitation's 60
days, a test result's two years), computed from the profile on the day asked. The dashboard's
"next deadline" is the nearest of both that is still ahead."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import text

from maplepath.i18n import say
from maplepath.practice.store import PracticeError, Store, audit_entry

MAX_TITLE = 200


@dataclass(frozen=True)
class Deadline:
    id: int | None  # None for a date the rules set (not kept: computed on the day)
    client_id: int
    due: date
    title: str
    done: bool = False


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def add(store: Store, client_id: int, due: date, title: str, actor: str) -> int:
    """A consultant's deadline for a client; its id."""
    title = " ".join(title.split())
    if not title:
        raise PracticeError(say("a deadline needs a title: what is due"))
    if len(title) > MAX_TITLE:
        raise PracticeError(say("a deadline's title is %(n)s characters at most", n=MAX_TITLE))
    with store.engine.begin() as c:
        store.client_row(c, client_id)
        row = c.execute(
            text(
                "INSERT INTO deadlines (client_id, due, title, added_at, added_by)"
                " VALUES (:c, :due, :title, :at, :by) RETURNING id"
            ),
            {"c": client_id, "due": due.isoformat(), "title": title, "at": _now(), "by": actor},
        ).one()
        audit_entry(c, actor, "deadline.add", client_id, f"{row[0]} due {due.isoformat()}")
    return int(row[0])


def done(store: Store, deadline_id: int, actor: str) -> None:
    """Mark a deadline met (it stays in the file, with who closed it and when)."""
    with store.engine.begin() as c:
        row = c.execute(
            text("SELECT client_id, done_at FROM deadlines WHERE id = :i"), {"i": deadline_id}
        ).first()
        if row is None:
            raise PracticeError(say("no deadline %(id)s in this practice", id=deadline_id))
        if row.done_at is None:
            c.execute(
                text("UPDATE deadlines SET done_at = :at, done_by = :by WHERE id = :i"),
                {"at": _now(), "by": actor, "i": deadline_id},
            )
            audit_entry(c, actor, "deadline.done", int(row.client_id), str(deadline_id))


def kept(store: Store, client_id: int, include_done: bool = False) -> list[Deadline]:
    """The consultant's deadlines of a client, nearest first."""
    query = "SELECT id, due, title, done_at FROM deadlines WHERE client_id = :c"
    if not include_done:
        query += " AND done_at IS NULL"
    with store.engine.connect() as c:
        rows = c.execute(text(query + " ORDER BY due, id"), {"c": client_id})
        return [
            Deadline(int(r.id), client_id, date.fromisoformat(r.due), r.title, bool(r.done_at))
            for r in rows
        ]


def next_due(store: Store, client_id: int, computed: list[date], on: date) -> date | None:
    """The nearest date on or after ``on``: a kept deadline not yet met, or one of the rules'."""
    dues = [d.due for d in kept(store, client_id)] + computed
    return min((d for d in dues if d >= on), default=None)
