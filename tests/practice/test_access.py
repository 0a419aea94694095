"""Who opens which file: consultants every client, assistants their assigned ones; sign-ins
recorded, and an account locked for a while after repeated failures, whoever is typing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from maplepath.practice import PracticeError, Store, access
from maplepath.practice.accounts import add_user

from .conftest import example_document

SECRET = "correct horse battery staple"
T0 = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


@pytest.fixture
def team(store: Store) -> Store:
    add_user(store, "alice", "consultant", SECRET, actor="setup")
    add_user(store, "sam", "assistant", SECRET, actor="setup")
    return store


def test_an_assistant_sees_only_the_clients_assigned_to_them(team: Store) -> None:
    mine = team.add_client("Ana Lima", example_document(), actor="alice")
    other = team.add_client("Wei Chen", example_document(), actor="alice")
    sam = access.User("sam", "assistant")
    alice = access.User("alice", "consultant")
    assert access.visible(team, sam) == set() and not access.may_open(team, sam, mine)
    access.assign(team, "sam", mine, actor="alice")
    access.assign(team, "sam", mine, actor="alice")  # twice: once
    assert access.visible(team, sam) == {mine}
    assert access.may_open(team, sam, mine) and not access.may_open(team, sam, other)
    assert access.visible(team, alice) is None and access.may_open(team, alice, other)
    assert [c["id"] for c in team.clients(access.visible(team, sam))] == [mine]
    access.unassign(team, "sam", mine, actor="alice")
    assert not access.may_open(team, sam, mine)
    actions = [e["action"] for e in team.audit(mine)]
    assert actions.count("client.assign") == 1 and actions.count("client.unassign") == 1


def test_only_an_assistant_is_assigned_clients(team: Store) -> None:
    cid = team.add_client("Ana Lima", example_document(), actor="alice")
    with pytest.raises(PracticeError, match="not an assistant"):
        access.assign(team, "alice", cid, actor="alice")
    with pytest.raises(PracticeError, match="not an assistant"):
        access.assign(team, "nobody", cid, actor="alice")


def test_a_sign_in_gives_the_account_and_a_wrong_password_or_name_nothing(team: Store) -> None:
    assert access.sign_in(team, "alice", SECRET, T0) == access.User("alice", "consultant")
    assert access.sign_in(team, "alice", "wrong password!", T0) is None
    assert access.sign_in(team, "mallory", SECRET, T0) is None
    assert [e["action"] for e in team.audit()].count("user.sign_in") == 1


def test_five_failures_in_a_row_lock_the_account_for_fifteen_minutes(team: Store) -> None:
    for n in range(access.LOCK_AFTER):
        assert access.sign_in(team, "sam", f"guess number {n}", T0 + timedelta(seconds=n)) is None
    last = T0 + timedelta(seconds=access.LOCK_AFTER - 1)
    with pytest.raises(access.Locked, match="locked until") as locked:
        access.sign_in(team, "sam", SECRET, last + timedelta(minutes=1))  # even the right one
    assert locked.value.until == last + access.LOCK_FOR
    # the lock-out ends by itself, and a success clears the count
    assert access.sign_in(team, "sam", SECRET, last + access.LOCK_FOR + timedelta(seconds=1))
    assert access.locked_until(team, "sam", last + access.LOCK_FOR) is None


def test_four_failures_then_a_success_do_not_lock(team: Store) -> None:
    for n in range(access.LOCK_AFTER - 1):
        access.sign_in(team, "sam", f"guess number {n}", T0)
    assert access.sign_in(team, "sam", SECRET, T0) is not None
    access.sign_in(team, "sam", "one more wrong one", T0)
    assert access.locked_until(team, "sam", T0) is None


def test_an_account_removed_or_unknown_has_no_role(team: Store) -> None:
    assert access.role_of(team, "sam") == "assistant"
    assert access.role_of(team, "nobody") is None
