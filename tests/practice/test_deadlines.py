"""A consultant's own deadlines: kept, audited, met without being deleted, and the nearest
one ahead on the dashboard alongside the dates the rules set."""

from __future__ import annotations

from datetime import date

import pytest

from maplepath.practice import PracticeError, Store
from maplepath.practice import deadlines as dl
from maplepath.practice.clients import dashboard

from .conftest import example_document


def test_a_kept_deadline_is_the_dashboards_next_when_it_comes_first(store: Store) -> None:
    cid = store.add_client("Ana Lima", example_document(), actor="alice")
    on = date(2026, 11, 21)
    computed = dashboard(store, on)[0]["next_deadline"]
    assert computed is not None and computed > "2026-11-23"  # the rules' own next date
    dl.add(store, cid, date(2026, 11, 23), "Biometrics appointment", actor="alice")
    assert dashboard(store, on)[0]["next_deadline"] == "2026-11-23"
    # and one already past is not "next"
    assert dl.next_due(store, cid, [], date(2026, 11, 24)) is None


def test_a_met_deadline_stays_in_the_file_with_who_closed_it(store: Store) -> None:
    cid = store.add_client("Ana Lima", example_document(), actor="alice")
    first = dl.add(store, cid, date(2026, 12, 1), "  Reply to   IRCC letter ", actor="alice")
    dl.add(store, cid, date(2026, 12, 20), "Medical exam", actor="alice")
    dl.done(store, first, actor="bob")
    dl.done(store, first, actor="bob")  # twice: one entry
    assert [d.title for d in dl.kept(store, cid)] == ["Medical exam"]
    both = dl.kept(store, cid, include_done=True)
    assert [(d.title, d.done) for d in both] == [
        ("Reply to IRCC letter", True),
        ("Medical exam", False),
    ]
    actions = [(e["actor"], e["action"]) for e in store.audit(cid)]
    assert actions.count(("bob", "deadline.done")) == 1
    assert actions.count(("alice", "deadline.add")) == 2


@pytest.mark.parametrize("title", ["", "   ", "x" * 201])
def test_a_deadline_without_a_fit_title_is_refused_and_nothing_kept(
    store: Store, title: str
) -> None:
    cid = store.add_client("Ana Lima", example_document(), actor="alice")
    with pytest.raises(PracticeError, match="title"):
        dl.add(store, cid, date(2026, 12, 1), title, actor="alice")
    assert dl.kept(store, cid) == []


def test_a_deadline_for_no_client_or_an_unknown_one_is_refused(store: Store) -> None:
    with pytest.raises(PracticeError, match="no client 9"):
        dl.add(store, 9, date(2026, 12, 1), "Medical", actor="alice")
    with pytest.raises(PracticeError, match="no deadline 4"):
        dl.done(store, 4, actor="alice")
