"""Every client of a practice at once, in one process (the rule book loaded once): the
recheck (what moved since each client's last kept assessment, and why: a rule changed, with
its citation; a program opened or closed; a result expired, a birthday, the profile edited)
and the dashboard (each client's CRS now, its change since the last recheck, the next hard
deadline of their Express Entry route)."""

from __future__ import annotations

from contextlib import suppress
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from maplepath.assess import Assessment, assess
from maplepath.i18n import say
from maplepath.planner import recheck as rechecking
from maplepath.planner import snapshot
from maplepath.practice.store import Store, document_sha
from maplepath.profile.load import ProfileError, validate_profile
from maplepath.profile.model import Profile
from maplepath.rulebook import book as rulebook


def _sha(document: dict[str, Any]) -> str:
    """The profile's hash as a snapshot records it (a case's: 16 hex digits)."""
    return document_sha(document)[:16]


def assess_document(
    document: dict[str, Any], on: date
) -> tuple[Profile | None, Assessment | None, str]:
    """The client's profile and assessment on ``on``, or why their stored profile cannot be
    assessed (a rule of the checks changed since it was saved)."""
    try:
        profile = validate_profile(document, "profile").profile
    except ProfileError as exc:
        return None, None, say("the profile cannot be assessed: %(why)s", why=str(exc))
    return profile, assess(profile, on), ""


def _said(d: rechecking.Difference) -> str:
    text = say(
        "%(subject)s: %(before)s -> %(after)s",
        subject=d.subject,
        before=d.before,
        after=d.after,
    )
    if d.why:
        text += f" ({d.why})"
    if d.references:
        text += " [" + "; ".join(d.references) + "]"
    return text


def recheck_all(
    store: Store, on: date, actor: str, only: set[int] | None = None
) -> list[dict[str, Any]]:
    """Every client (of ``only``, if given) re-assessed on ``on`` against their last kept
    assessment; each new assessment is kept, so the next recheck starts from it."""
    book = rulebook.default()
    out = []
    for client in store.clients(only):
        cid = int(client["id"])
        document = store.profile(cid)
        before = store.latest_snapshot(cid)
        crs_before = before["assessment"]["crs"]["total"] if before else None
        profile, now, refused = assess_document(document, on)
        changes: list[str] = []
        if now is None:
            changes.append(refused)
        else:
            sha = _sha(document)
            if before is None:
                changes.append(say("first assessment kept"))
            else:
                kept = snapshot.Snapshot(Path(), before)
                found = rechecking.recheck(kept, now, sha, book, profile)
                changes += [_said(d) for d in found.differences]
                changes += [
                    say(
                        "rule %(rule)s changed on %(on)s: %(reference)s",
                        rule=c["rule"],
                        on=c["effective_from"],
                        reference=c["reference"] or "-",
                    )
                    for c in found.rule_changes
                ]
            created = datetime.now(UTC)
            store.save_snapshot(cid, snapshot.snapshot_data(now, sha, created, book), actor)
        out.append(
            {
                "client_id": cid,
                "client": client["name"],
                "crs_before": crs_before,
                "crs_after": now.crs.total if now else None,
                "changes": changes,
            }
        )
    return out


def dashboard(store: Store, on: date, only: set[int] | None = None) -> list[dict[str, Any]]:
    """``practice list``: each client's (of ``only``, if given) CRS on ``on``, its change since
    their last kept assessment, and the next deadline on or after ``on``: the consultant's own
    (``deadlines``) or a hard one of their Express Entry route.

    ``findings`` counts what the review finds (documents that contradict each other or the
    profile, as ``case review``), ``stale`` the client's documents expired on ``on``."""
    from maplepath.planner import consistency, timeline
    from maplepath.practice import deadlines, evidence

    out = []
    for client in store.clients(only):
        cid = int(client["id"])
        profile, now, _ = assess_document(store.profile(cid), on)
        before = store.latest_snapshot(cid)
        crs = now.crs.total if now else None
        change = crs - before["assessment"]["crs"]["total"] if before and crs is not None else None
        findings, dues = 0, []
        docs = evidence.held(store, cid)
        if profile is not None:
            findings = len(consistency.review(profile, docs, on))
            with suppress(ValueError):  # no Express Entry route to lay out
                dues = [d.due for d in timeline.timeline(profile, on).deadlines]
        deadline = deadlines.next_due(store, cid, dues, on)
        out.append(
            {
                "client_id": cid,
                "client": client["name"],
                "file_no": client["file_no"],
                "crs": crs,
                "crs_change": change,
                "next_deadline": deadline.isoformat() if deadline else None,
                "findings": findings,
                "stale": sum(d.expired(on) for d in docs),
            }
        )
    return out
