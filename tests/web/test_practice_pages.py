"""The practice's pages as an HTTP client uses them: signing in (CSRF, wrong passwords, the
lock-out), the dashboard of the clients one may see, an assistant refused another's client by
URL, every opening of a file audited, documents uploaded with their scan, new versions and what
changed, deadlines, recheck-all, and the client's report in English and French."""

from __future__ import annotations

import hashlib
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from maplepath.practice import Store, access
from maplepath.practice.accounts import add_user
from maplepath.web.app import create_app
from maplepath.web.session import COOKIE

from ..conftest import EXAMPLES

SECRET = "correct horse battery staple"
ON = "2026-11-21"
PROFILE = EXAMPLES / "data_scientist_pgwp.yaml"


@pytest.fixture
def practice(tmp_path: Path) -> Store:
    store = Store.init(tmp_path / "practice")
    add_user(store, "alice", "consultant", SECRET, actor="setup")
    add_user(store, "sam", "assistant", SECRET, actor="setup")
    return store


def _browser(store: Store) -> TestClient:
    c = TestClient(create_app(practice=store.folder), follow_redirects=False)
    assert c.get("/practice/signin").status_code == 200  # the CSRF cookie
    return c


def _token(c: TestClient) -> str:
    return str(c.cookies["maplepath_csrf"])


def _signed_in(store: Store, name: str) -> TestClient:
    c = _browser(store)
    r = c.post("/practice/signin", data={"csrf_token": _token(c), "name": name, "password": SECRET})
    assert r.status_code == 303 and r.headers["location"] == "/practice"
    return c


def _add(c: TestClient, name: str, path: Path = PROFILE, file_no: str = "") -> Any:
    data = {"csrf_token": _token(c), "client": name, "file_no": file_no}
    return c.post("/practice/clients", data=data, files={"profile": (path.name, path.read_bytes())})


def test_every_practice_page_asks_who_is_signed_in_first(practice: Store) -> None:
    c = _browser(practice)
    for url in ("/practice", "/practice/clients/1", "/practice/clients/1/report.pdf"):
        r = c.get(url)
        assert r.status_code == 303 and r.headers["location"] == "/practice/signin", url
    # a cookie we did not sign is no session
    c.cookies.set(COOKIE, "alice")
    assert c.get("/practice").status_code == 303


def test_signing_in_wrong_says_so_without_saying_which_part(practice: Store) -> None:
    c = _browser(practice)
    for name in ("alice", "mallory"):
        r = c.post(
            "/practice/signin", data={"csrf_token": _token(c), "name": name, "password": "x"}
        )
        assert r.status_code == 401 and "The name or the password is not right." in r.text
        assert COOKIE not in r.cookies
    # no sign-in without the page's token
    r = c.post("/practice/signin", data={"csrf_token": "forged", "name": "alice",
                                         "password": SECRET})  # fmt: skip
    assert r.status_code == 403 and COOKIE not in c.cookies


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(practice: Store) -> None:
    c = _browser(practice)
    for n in range(access.LOCK_AFTER):
        data = {"csrf_token": _token(c), "name": "sam", "password": f"guess {n}"}
        assert c.post("/practice/signin", data=data).status_code == 401
    data = {"csrf_token": _token(c), "name": "sam", "password": SECRET}
    r = c.post("/practice/signin", data=data)
    assert r.status_code == 429 and "locked until" in r.text
    assert _signed_in(practice, "alice")  # another account is not locked


def test_a_consultant_adds_a_client_and_sees_them_on_the_dashboard(practice: Store) -> None:
    c = _signed_in(practice, "alice")
    r = _add(c, "Priya Sharma", file_no="MP-1")
    assert r.status_code == 303 and r.headers["location"] == "/practice/clients/1"
    page = c.get(f"/practice?on={ON}")
    assert page.status_code == 200 and "Priya Sharma" in page.text and "MP-1" in page.text
    (crs,) = re.findall(r'data-crs="(\d+)"', page.text)
    from maplepath.assess import assess
    from maplepath.profile.load import read_profile

    assert (
        int(crs)
        == assess(
            read_profile(PROFILE).profile, __import__("datetime").date(2026, 11, 21)
        ).crs.total
    )


def test_a_bad_profile_is_refused_with_the_reason_and_nothing_is_kept(
    practice: Store, tmp_path: Path
) -> None:
    c = _signed_in(practice, "alice")
    bad = tmp_path / "bad.yaml"
    bad.write_text("birth_date: 1995-4-12\n")
    r = _add(c, "Nobody", bad)
    assert r.status_code == 422 and "Nothing was kept" in r.text and "birth_date" in r.text
    assert practice.clients() == []


def test_an_assistant_sees_only_assigned_clients_even_by_url(practice: Store) -> None:
    alice = _signed_in(practice, "alice")
    _add(alice, "Priya Sharma")
    _add(alice, "Wei Chen")
    sam = _signed_in(practice, "sam")
    assert "Priya" not in sam.get("/practice").text
    assert sam.get("/practice/clients/1").status_code == 404
    assert sam.get("/practice/clients/1/report.pdf").status_code == 404
    r = alice.post("/practice/clients/1/assign", data={"csrf_token": _token(alice),
                                                       "assistant": "sam"})  # fmt: skip
    assert r.status_code == 303
    board = sam.get("/practice").text
    assert "Priya Sharma" in board and "Wei Chen" not in board
    assert sam.get("/practice/clients/1").status_code == 200
    assert sam.get("/practice/clients/2").status_code == 404  # the other, by URL
    assert sam.get("/practice/clients/99").status_code == 404  # the same as no client
    # an assistant neither adds nor assigns clients
    assert _add(sam, "Someone").status_code == 403
    r = sam.post("/practice/clients/2/assign", data={"csrf_token": _token(sam), "assistant": "sam"})
    assert r.status_code == 403 and not access.may_open(
        practice, access.User("sam", "assistant"), 2
    )


def test_every_opening_of_a_file_is_in_the_audit_log(practice: Store) -> None:
    c = _signed_in(practice, "alice")
    _add(c, "Priya Sharma")
    c.get("/practice/clients/1")
    c.get("/practice/clients/1/report.pdf?lang=en")
    actions = [(e["actor"], e["action"]) for e in practice.audit(1)]
    assert ("alice", "client.open") in actions and ("alice", "client.report") in actions
    c.get("/practice")  # the list: one entry, with how many clients it showed
    assert [(e["action"], e["detail"]) for e in practice.audit()][-1] == ("clients.list", "1")


def test_a_document_is_kept_with_its_scan_and_the_review_reads_it(practice: Store) -> None:
    c = _signed_in(practice, "alice")
    _add(c, "Priya Sharma")
    scan = b"%PDF-1.7 a passport scan"
    fields = "name: Priya Sharma\npassport_number: P123\nissued: 2020-01-02\nexpires: 2030-01-01\n"
    data = {"csrf_token": _token(c), "doc_id": "passport", "kind": "passport", "fields": fields}
    r = c.post("/practice/clients/1/evidence", data=data,
               files={"scan": ("passport.pdf", scan)})  # fmt: skip
    assert r.status_code == 303
    assert (practice.folder / "files" / hashlib.sha256(scan).hexdigest()).read_bytes() == scan
    page = c.get(f"/practice/clients/1?on={ON}").text
    assert 'data-document="passport"' in page and "passport.pdf" in page
    # a document whose facts are not a document's: the reason, nothing kept
    data = {**data, "doc_id": "ielts", "kind": "language_test_result", "fields": "colour: blue"}
    r = c.post("/practice/clients/1/evidence", data=data)
    assert r.status_code == 422 and "colour" in r.text
    assert 'data-document="ielts"' not in c.get("/practice/clients/1").text


def test_a_new_version_shows_what_changed(practice: Store, tmp_path: Path) -> None:
    c = _signed_in(practice, "alice")
    _add(c, "Priya Sharma")
    text = PROFILE.read_text().replace("settlement_funds_cad: ", "settlement_funds_cad: 9")
    assert text != PROFILE.read_text()
    newer = tmp_path / "newer.yaml"
    newer.write_text(text)
    r = c.post("/practice/clients/1/profile", data={"csrf_token": _token(c)},
               files={"profile": (newer.name, newer.read_bytes())})  # fmt: skip
    assert (
        r.status_code == 303
        and practice.profile(1)["settlement_funds_cad"]
        != practice.profile(1, 1)["settlement_funds_cad"]
    )
    page = c.get("/practice/clients/1").text
    assert "What version 2 changed" in page
    assert "<code>settlement_<wbr>funds_<wbr>cad</code>" in page  # wraps only after a _


def test_a_deadline_added_is_on_the_page_and_the_dashboard(practice: Store) -> None:
    c = _signed_in(practice, "alice")
    _add(c, "Priya Sharma")
    data = {"csrf_token": _token(c), "due": "2026-11-25", "title": "Biometrics appointment"}
    assert c.post("/practice/clients/1/deadlines", data=data).status_code == 303
    assert "Biometrics appointment" in c.get(f"/practice/clients/1?on={ON}").text
    assert ">2026-11-25</td>" in c.get(f"/practice?on={ON}").text
    bad = {**data, "due": "25/11/2026"}
    r = c.post("/practice/clients/1/deadlines", data=bad)
    assert r.status_code == 422 and "YYYY-MM-DD" in r.text


def test_recheck_all_says_what_changed_for_each_client(practice: Store) -> None:
    c = _signed_in(practice, "alice")
    _add(c, "Priya Sharma")
    _add(c, "Wei Chen")
    r = c.post("/practice/recheck", data={"csrf_token": _token(c), "on": ON})
    assert r.status_code == 200 and "2 clients rechecked" in r.text
    assert r.text.count("first assessment kept") == 2
    assert len(practice.snapshots(1)) == 1 and len(practice.snapshots(2)) == 1


def test_the_report_is_a_pdf_in_english_and_in_french(practice: Store, tmp_path: Path) -> None:
    c = _signed_in(practice, "alice")
    _add(c, "Priya Sharma", file_no="MP-7")
    said = {}
    for lang in ("en", "fr"):
        r = c.get(f"/practice/clients/1/report.pdf?on={ON}&lang={lang}")
        assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
        pdf = tmp_path / f"{lang}.pdf"
        pdf.write_bytes(r.content)
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        said[lang] = " ".join(out.stdout.split())
    assert "Assessment of Priya Sharma" in said["en"] and "MP-7" in said["en"]
    assert "not legal advice" in said["en"]
    assert "Évaluation de Priya Sharma" in said["fr"] and "not legal advice" not in said["fr"]


def test_signing_out_ends_the_session_and_a_removed_account_is_signed_out(
    practice: Store,
) -> None:
    c = _signed_in(practice, "alice")
    assert c.get("/practice").status_code == 200
    r = c.post("/practice/signout", data={"csrf_token": _token(c)})
    assert r.status_code == 303 and c.get("/practice").status_code == 303
    sam = _signed_in(practice, "sam")
    from sqlalchemy import text

    with practice.engine.begin() as db:
        db.execute(text("DELETE FROM users WHERE name = 'sam'"))
    assert sam.get("/practice").status_code == 303


def test_without_a_practice_there_are_no_practice_pages() -> None:
    c = TestClient(create_app(), follow_redirects=False)
    assert c.get("/practice").status_code == 404


def test_an_assistant_cannot_change_another_s_client_by_posting_either(practice: Store) -> None:
    alice = _signed_in(practice, "alice")
    _add(alice, "Priya Sharma")
    sam = _signed_in(practice, "sam")
    t = _token(sam)
    posts = {
        "/practice/clients/1/evidence": {"doc_id": "passport", "kind": "passport",
                                         "fields": "name: X"},
        "/practice/clients/1/deadlines": {"due": "2026-12-01", "title": "x"},
        "/practice/clients/1/profile": {},
    }  # fmt: skip
    for url, data in posts.items():
        files = {"profile": (PROFILE.name, PROFILE.read_bytes())} if "profile" in url else None
        assert sam.post(url, data={"csrf_token": t, **data}, files=files).status_code == 404, url
    assert practice.profile(1) and len(practice.audit(1)) == 2  # nothing of sam's kept


def test_a_replayed_cookie_after_sign_out_is_no_session(practice: Store) -> None:
    c = _signed_in(practice, "alice")
    kept = c.cookies[COOKIE]
    c.post("/practice/signout", data={"csrf_token": _token(c)})
    c.cookies.set(COOKIE, kept)
    assert c.get("/practice").status_code == 303
    again = _signed_in(practice, "alice")  # and signing in again works
    assert again.get("/practice").status_code == 200


def test_bad_addresses_and_dates_are_pages_not_tracebacks(practice: Store) -> None:
    c = _signed_in(practice, "alice")
    _add(c, "Priya Sharma")
    for url in ("/practice/clients/999", "/practice/clients/999/report.pdf"):
        assert c.get(url).status_code == 404, url
    for on in ("9999-12-31", "0001-01-01", "2014-06-01", "yesterday"):
        r = c.get(f"/practice?on={on}")
        assert r.status_code == 422 and "Nothing was kept" in r.text, on
        assert c.get(f"/practice/clients/1?on={on}").status_code == 422, on
    r = c.post("/practice/signout", data={"csrf_token": "é"})
    assert r.status_code == 403
    data = {"csrf_token": _token(c), "due": "9999-12-31", "title": "x"}
    assert c.post("/practice/clients/1/deadlines", data=data).status_code == 422
    from maplepath.practice import retention

    retention.erase(practice, 1, "Priya Sharma", "test", actor="alice")
    assert c.get("/practice/clients/1").status_code == 404


def test_a_document_id_cannot_name_a_file_outside_the_folder(practice: Store) -> None:
    c = _signed_in(practice, "alice")
    _add(c, "Priya Sharma")
    fields = "name: Priya Sharma\npassport_number: P123\n"
    for bad in ("../../../../tmp/pwned", "   ", "a/b", "x" * 65):
        data = {"csrf_token": _token(c), "doc_id": bad, "kind": "passport", "fields": fields}
        r = c.post("/practice/clients/1/evidence", data=data,
                   files={"scan": ("p.pdf", b"%PDF-1.7 x")})  # fmt: skip
        assert r.status_code == 422 and "not a document id" in r.text, bad
    assert not list((practice.folder / "files").iterdir())  # no scan kept either


def test_a_scan_of_a_few_mib_is_kept_and_one_over_20_refused(practice: Store) -> None:
    c = _signed_in(practice, "alice")
    _add(c, "Priya Sharma")
    fields = "name: Priya Sharma\n"
    data = {"csrf_token": _token(c), "doc_id": "passport", "kind": "passport", "fields": fields}
    scan = b"%PDF-1.7 " + b"0" * (3 << 20)
    r = c.post("/practice/clients/1/evidence", data=data, files={"scan": ("p.pdf", scan)})
    assert r.status_code == 303
    huge = b"0" * (22 << 20)
    r = c.post("/practice/clients/1/evidence", data=data, files={"scan": ("p.pdf", huge)})
    assert r.status_code == 413 and "20 MiB" in r.text


def test_nothing_is_kept_of_a_name_that_is_no_account(practice: Store) -> None:
    c = _browser(practice)
    for name in ("my-secret-password-typed-here", "sam" + "x" * 5000):
        data = {"csrf_token": _token(c), "name": name, "password": "whatever it is"}
        c.post("/practice/signin", data=data)
    from sqlalchemy import text

    with practice.engine.connect() as db:
        names = [r[0] for r in db.execute(text("SELECT name FROM sign_ins"))]
    assert names == []
