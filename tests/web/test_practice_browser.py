"""The practice in a real headless Chromium, as a consultant and an assistant use it: sign in,
add a client from a profile file, upload a document with its scan, recheck every client,
download the client's report; two browsers writing to one client at once lose nothing; an
assistant typing another client's URL sees "not found". Screenshots go to
``MAPLEPATH_SCREENSHOTS`` when it is set (``make screenshots``)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from maplepath.practice import Store, evidence
from maplepath.practice.accounts import add_user
from maplepath.profile.load import parse_document
from maplepath.web.app import create_app

from ..conftest import EXAMPLES
from .browser import browser, served
from .test_browser import _shot

SECRET = "correct horse battery staple"
PRIYA = EXAMPLES / "cases" / "priya"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str, Store]]:
    store = Store.init(tmp_path_factory.mktemp("office") / "practice")
    add_user(store, "alice", "consultant", SECRET, actor="setup")
    add_user(store, "sam", "assistant", SECRET, actor="setup")
    with served(create_app(practice=store.folder)) as url, browser() as b:
        yield b, url, store


def _profile(name: str) -> dict[str, Any]:
    return parse_document((EXAMPLES / name).read_text(), name)


def _signed_in(
    office: tuple[Any, str, Store], name: str, width: int = 1280, lang: str = "en"
) -> Any:
    b, url, _ = office
    context = b.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{url}/practice/signin?lang={lang}")
    page.locator("#s-name").fill(name)
    page.locator("#s-password").fill(SECRET)
    page.locator("form.signin button").click()
    page.wait_for_url(f"{url}/practice")
    return page


def test_a_consultant_s_day_from_sign_in_to_the_report(
    office: tuple[Any, str, Store], tmp_path: Path
) -> None:
    b, url, store = office
    page = b.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url + "/practice")
    assert page.url.endswith("/practice/signin")  # asked who first
    _shot(page, "practice_signin_en_desktop", tmp_path)
    page = _signed_in(office, "alice")
    page.locator("#c-name").fill("Priya Raman")
    page.locator("#c-file").fill("MP-2026-014")
    page.set_input_files("#c-profile", str(PRIYA / "profile.yaml"))
    page.get_by_role("button", name="Add the client").click()
    page.wait_for_selector("[data-crs-total]")
    client_url = page.url.split("?")[0]
    # a document with its scan
    page.locator("#e-id").fill("passport")
    page.locator("#e-kind").select_option("passport")
    facts = (PRIYA / "evidence" / "passport.yaml").read_text().split("fields:\n", 1)[1]
    page.locator("#e-fields").fill("\n".join(line.strip() for line in facts.splitlines()))
    scan = tmp_path / "passport-scan.pdf"
    scan.write_bytes(b"%PDF-1.7 the bio-data page")
    page.set_input_files("#e-scan", str(scan))
    page.get_by_role("button", name="Keep the document").click()
    page.wait_for_selector('[data-document="passport"]')
    assert "passport-scan.pdf" in page.locator('[data-document="passport"]').inner_text()
    _shot(page, "practice_client_en_desktop", tmp_path)
    # every client rechecked
    page.goto(url + "/practice?on=2026-11-21")
    page.get_by_role("button", name="Recheck every client").click()
    page.wait_for_selector("article[data-client]")
    assert "first assessment kept" in page.content()
    # the report, downloaded
    page.goto(client_url + "?on=2026-11-21")
    with page.expect_download() as info:
        page.get_by_role("link", name="PDF in French").click()
    pdf = tmp_path / "report.pdf"
    info.value.save_as(pdf)
    said = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Évaluation de Priya Raman" in said and "MP-2026-014" in said
    page.goto(url + "/practice?on=2026-11-21")
    _shot(page, "practice_dashboard_en_desktop", tmp_path)
    cid = int(client_url.rsplit("/", 1)[1])
    assert [d.id for d in evidence.held(store, cid)] == ["passport"]
    actions = {e["action"] for e in store.audit(cid)}
    assert {
        "client.add",
        "evidence.add",
        "snapshot.save",
        "client.open",
        "client.report",
    } <= actions


def test_two_browsers_adding_documents_at_once_lose_nothing(
    office: tuple[Any, str, Store],
) -> None:
    _, url, store = office
    cid = store.add_client("Wei Chen", _profile("data_scientist_pgwp.yaml"), actor="setup")
    pages = [_signed_in(office, "alice") for _ in range(2)]
    for p in pages:
        p.goto(f"{url}/practice/clients/{cid}")
    # Both forms filled, then sent together: two writers on one client's file.
    for n, p in enumerate(pages):
        p.locator("#e-id").fill(f"reference_{n}")
        p.locator("#e-kind").select_option("employment_reference_letter")
        p.locator("#e-fields").fill(f"employer: Company {n}\nnoc: '21231'")
    for p in pages:
        p.evaluate("document.querySelector('#e-id').form.requestSubmit()")
    for n, p in enumerate(pages):
        p.wait_for_selector(f'[data-document="reference_{n}"]')
    assert sorted(d.id for d in evidence.held(store, cid)) == ["reference_0", "reference_1"]


def test_an_assistant_typing_another_client_s_address_sees_not_found(
    office: tuple[Any, str, Store],
) -> None:
    _, url, store = office
    cid = store.add_client("Ana Lima", _profile("software_engineer_abroad.yaml"), actor="setup")
    page = _signed_in(office, "sam")
    response = page.goto(f"{url}/practice/clients/{cid}")
    assert response.status == 404 and "Ana Lima" not in page.content()


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_practice_pages_read_in_both_languages_at_both_widths(
    office: tuple[Any, str, Store], tmp_path: Path, lang: str, width: int
) -> None:
    _, url, store = office
    if not store.clients():
        store.add_client("Priya Raman", _profile("data_scientist_pgwp.yaml"), actor="setup")
    page = _signed_in(office, "alice", width, lang)
    assert page.locator("html").get_attribute("lang") == f"{lang}-CA"
    size = "desktop" if width > 360 else "360"
    page.goto(f"{url}/practice?on=2026-11-21")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _shot(page, f"practice_dashboard_{lang}_{size}", tmp_path)
    page.goto(f"{url}/practice/clients/{store.clients()[0]['id']}?on=2026-11-21")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _shot(page, f"practice_client_{lang}_{size}", tmp_path)
