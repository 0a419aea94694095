"""``maplepath practice init|add``: the folder made, a client added with their checked
profile, refusals with a message and nothing kept."""

from __future__ import annotations

import json
from pathlib import Path

from maplepath.practice import Store

from ..cli_helpers import fails, ok
from ..conftest import EXAMPLES

PGWP = str(EXAMPLES / "data_scientist_pgwp.yaml")


def test_init_then_add_prints_the_client_id_and_keeps_the_profile(tmp_path: Path) -> None:
    folder = str(tmp_path / "clients")
    assert "clients" in ok("practice", "init", folder)
    assert ok("practice", "add", folder, "--client", "Priya Sharma", "--from", PGWP) == "1\n"
    out = ok("practice", "add", folder, "--client", "Wei", "--from", PGWP, "--json")
    assert json.loads(out) == {"client_id": 2}
    store = Store(folder)
    assert [c["name"] for c in store.clients()] == ["Priya Sharma", "Wei"]
    assert store.profile(1)["work"][0]["noc"] == "21211"
    assert {e["action"] for e in store.audit()} == {"client.add", "profile.save"}


def test_a_bad_profile_is_refused_and_nothing_is_kept(tmp_path: Path) -> None:
    folder = str(tmp_path / "clients")
    ok("practice", "init", folder)
    bad = tmp_path / "bad.yaml"
    bad.write_text("birth_date: 2090-01-01\n")
    message = fails("practice", "add", folder, "--client", "X", "--from", str(bad))
    assert "birth_date" in message
    assert Store(folder).clients() == [] and Store(folder).audit() == []


def test_adding_to_a_folder_that_is_not_a_practice_says_how_to_make_one(tmp_path: Path) -> None:
    message = fails("practice", "add", str(tmp_path), "--client", "X", "--from", PGWP)
    assert "maplepath practice init" in message
