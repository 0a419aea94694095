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


def _practice(tmp_path: Path) -> str:
    folder = str(tmp_path / "clients")
    ok("practice", "init", folder)
    ok("practice", "add", folder, "--client", "Priya", "--from", PGWP, "--file-no", "MP-1")
    couple = str(EXAMPLES / "couple_spouse_stronger.yaml")
    ok("practice", "add", folder, "--client", "Arjun", "--from", couple)
    return folder


def test_recheck_keeps_a_first_assessment_then_says_what_moved_and_why(tmp_path: Path) -> None:
    folder = _practice(tmp_path)
    first = json.loads(ok("practice", "recheck", folder, "--on", "2026-11-21", "--json"))
    assert [(r["client"], r["crs_before"], r["changes"]) for r in first] == [
        ("Priya", None, ["first assessment kept"]),
        ("Arjun", None, ["first assessment kept"]),
    ]
    # Priya's CELPIP of 2025-06-14 expires on 2027-06-14: a year later her score falls, and
    # the recheck says it was that result (the same rules, a dated fact), not a rule change.
    later = json.loads(ok("practice", "recheck", folder, "--on", "2027-11-21", "--json"))
    priya = later[0]
    assert priya["crs_before"] == first[0]["crs_after"] and priya["crs_after"] < priya["crs_before"]
    expired = "the CELPIP-General result of 2025-06-14 stopped counting on 2027-06-14"
    assert any(expired in c for c in priya["changes"]), priya["changes"]
    assert Store(folder).latest_snapshot(1)["assessed_on"] == "2027-11-21"


def test_recheck_says_when_the_profile_itself_was_edited(tmp_path: Path) -> None:
    folder = _practice(tmp_path)
    ok("practice", "recheck", folder, "--on", "2026-11-21")
    store = Store(folder)
    edited = store.profile(1)
    edited["language_tests"][0]["scores"]["listening"] = 6
    store.save_profile(1, edited, actor="tester")
    priya = json.loads(ok("practice", "recheck", folder, "--on", "2026-11-21", "--json"))[0]
    assert priya["crs_after"] < priya["crs_before"]
    assert any("the profile was edited" in c for c in priya["changes"]), priya["changes"]


def test_list_is_the_dashboard_with_the_change_since_the_last_recheck(tmp_path: Path) -> None:
    folder = _practice(tmp_path)
    rows = json.loads(ok("practice", "list", folder, "--on", "2026-11-21", "--json"))
    assert [set(r) for r in rows] == [
        {"client_id", "client", "file_no", "crs", "crs_change", "next_deadline", "findings",
         "stale"}
    ] * 2  # fmt: skip
    expected = json.loads(ok("crs", PGWP, "--on", "2026-11-21", "--json"))["total"]
    assert rows[0]["crs"] == expected and rows[0]["crs_change"] is None
    assert rows[0]["file_no"] == "MP-1"
    ok("practice", "recheck", folder, "--on", "2026-11-21")
    later = json.loads(ok("practice", "list", folder, "--on", "2027-11-21", "--json"))
    assert later[0]["crs_change"] == later[0]["crs"] - expected < 0
    text = ok("practice", "list", folder, "--on", "2026-11-21")
    assert f"1. Priya [MP-1]: CRS {expected} (+0)" in text


def test_a_case_folder_goes_in_and_comes_out_as_a_case_folder_case_reads(tmp_path: Path) -> None:
    folder = str(tmp_path / "clients")
    ok("practice", "init", folder)
    priya = EXAMPLES / "cases" / "priya"
    found = json.loads(ok("practice", "import", folder, str(priya), "--json"))
    evidence = len(list((priya / "evidence").glob("*.y*ml")))
    assert found == {"client_id": 1, "snapshots": 0, "documents": evidence}
    assert Store(folder).clients()[0]["name"] == "priya"
    ok("practice", "recheck", folder, "--on", "2026-11-21")
    out = tmp_path / "out"
    ok("practice", "export", folder, "1", str(out))
    assert sorted(p.name for p in (out / "assessments").iterdir()) == ["2026-11-21_001.json"]
    # the exported folder is a case: maplepath case assess reads it, with the same CRS
    again = json.loads(ok("case", "assess", str(out), "--on", "2026-11-21", "--json"))
    original = json.loads(ok("crs", str(priya / "profile.yaml"), "--on", "2026-11-21", "--json"))
    assert again["crs"]["total"] == original["total"]
    assert "client.export" in {e["action"] for e in Store(folder).audit(1)}


def test_an_export_never_overwrites(tmp_path: Path) -> None:
    folder = _practice(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    assert "never overwrites" in fails("practice", "export", folder, "1", str(out))
    assert (out / "keep.txt").read_text() == "mine"


def test_the_dashboard_counts_what_case_review_finds_and_the_export_keeps_it(
    tmp_path: Path,
) -> None:
    folder = str(tmp_path / "clients")
    ok("practice", "init", folder)
    wei = EXAMPLES / "cases" / "wei"
    ok("practice", "import", folder, str(wei))
    on = ["--on", "2026-11-21", "--json"]
    review = json.loads(ok("case", "review", str(wei), *on))
    (row,) = json.loads(ok("practice", "list", folder, *on))
    assert row["findings"] == len(review["findings"]) > 0
    out = tmp_path / "wei-again"
    ok("practice", "export", folder, "1", str(out))
    again = json.loads(ok("case", "review", str(out), *on))
    assert len(again["findings"]) == len(review["findings"])
    # years later the documents have expired: the dashboard counts them
    (later,) = json.loads(ok("practice", "list", folder, "--on", "2031-01-01", "--json"))
    assert later["stale"] > row["stale"]
