"""The web app's routes (FastAPI's test client): the questionnaire, its answers as a profile,
the results markers, and the guards (Host, CSRF, body cap, headers, error pages)."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from maplepath import programs
from maplepath.web import form
from maplepath.web.app import create_app

from ..conftest import EXAMPLES

ANSWERS = {
    "on": "2026-11-21",
    "birth_date": "1995-04-12",
    "citizenships.0": "IN",
    "marital_status": "single",
    "education.0.level": "masters",
    "education.0.country": "CA",
    "education.0.completed": "2022-05-01",
    "education.0.program_years": "2",
    "education.0.full_time": "true",
    "language_tests.0.test": "ielts_general",
    "language_tests.0.date": "2025-09-20",
    "language_tests.0.scores.listening": "8.5",
    "language_tests.0.scores.reading": "8",
    "language_tests.0.scores.writing": "7",
    "language_tests.0.scores.speaking": "7.5",
    "work.0.noc": "21211",
    "work.0.country": "CA",
    "work.0.province": "ON",
    "work.0.start": "2022-06-01",
    "work.0.hours_per_week": "40",
    "work.0.authorized": "true",
    "work.0.self_employed": "false",
    "work.0.full_time_student": "false",
    "settlement_funds_cad": "18000",
    "family_size": "1",
}


@pytest.fixture
def client() -> TestClient:
    c = TestClient(create_app())
    assert c.get("/assess").status_code == 200  # sets the CSRF cookie
    return c


def _post(c: TestClient, data: dict[str, str], **kw: object) -> object:
    return c.post("/assess", data={"csrf_token": c.cookies["maplepath_csrf"], **data}, **kw)


def _total(html: str) -> int:
    (total,) = re.findall(r'data-crs-total="(\d+)"', html)
    return int(total)


def _cli_total(path: Path, on: str) -> int:
    out = subprocess.run(
        [str(Path(sys.executable).parent / "maplepath"), "crs", str(path), "--on", on, "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    import json

    return int(json.loads(out)["total"])


def test_healthz_and_home(client: TestClient) -> None:
    assert client.get("/healthz").text == "ok"
    r = client.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/assess"


def test_every_input_is_named_by_its_profile_path(client: TestClient) -> None:
    html = client.get("/assess").text
    names = re.findall(r'<(?:input|select)[^>]* name="([^"]+)"', html)
    assert [n for n in names if n not in ("csrf_token", "on", "profile")] == form.field_names()
    for name in ("education.0.eca.issued", "language_tests.0.scores.listening", "work.2.noc"):
        assert name in names
    # every input has a label
    for id_ in re.findall(r'<(?:input|select) id="([^"]+)"', html):
        assert f'for="{id_}"' in html, id_


def test_answers_become_the_profile_and_score_as_the_cli(
    client: TestClient, tmp_path: Path
) -> None:
    r = _post(client, ANSWERS)
    assert r.status_code == 200
    doc = form.to_document(ANSWERS)
    import yaml

    path = tmp_path / "me.yaml"
    path.write_text(yaml.safe_dump(doc))
    assert _total(r.text) == _cli_total(path, "2026-11-21")
    verdicts = dict(re.findall(r'data-program="([^"]+)" data-verdict="([^"]+)"', r.text))
    assert verdicts["cec"] == "eligible"
    assert len(verdicts) == len(programs.REGISTRY)  # every program, one element each


def test_a_blank_slot_is_no_item_and_slots_close_up() -> None:
    doc = form.to_document({"work.0.noc": "", "work.1.noc": "21231", "work.2.title": " "})
    assert doc == {"work": [{"noc": "21231"}]}


def test_an_uploaded_profile_scores_as_the_cli(client: TestClient) -> None:
    path = EXAMPLES / "couple_spouse_stronger.yaml"
    r = _post(client, {"on": "2026-11-21"}, files={"profile": (path.name, path.read_bytes())})
    assert r.status_code == 200
    assert _total(r.text) == _cli_total(path, "2026-11-21")


def test_bad_answers_come_back_beside_their_fields_with_422(client: TestClient) -> None:
    r = _post(client, {"birth_date": "1995-4-12", "work.0.hours_per_week": "500", "on": ""})
    assert r.status_code == 422
    assert 'id="f-birth_date-err"' in r.text and "write 1995-04-12" in r.text
    assert 'id="f-work-0-hours_per_week-err"' in r.text
    assert 'value="1995-4-12"' in r.text  # what was typed is kept


def test_a_date_the_rules_do_not_cover_is_said_beside_the_date(client: TestClient) -> None:
    r = _post(client, {"on": "2014-12-31", "birth_date": "1995-04-12"})
    assert r.status_code == 422 and "the CRS began on 2015-01-01" in r.text
    r = _post(client, {"on": "9999-12-31"})
    assert r.status_code == 422 and "outside the dates maplepath works with" in r.text


def test_a_hostile_upload_is_a_message(client: TestClient) -> None:
    r = _post(client, {}, files={"profile": ("p.yaml", b"? [a]: 1\n")})
    assert r.status_code == 422 and "a key must be a plain word or number" in r.text


def test_a_post_without_the_page_s_token_is_refused(client: TestClient) -> None:
    r = client.post("/assess", data={"csrf_token": "forged", **ANSWERS})
    assert r.status_code == 403 and "expired" in r.text
    fresh = TestClient(create_app())
    assert fresh.post("/assess", data=ANSWERS).status_code == 403


def test_another_host_header_is_refused(client: TestClient) -> None:
    r = client.get("/assess", headers={"host": "attacker.example"})
    assert r.status_code == 421


def test_a_body_over_1_mib_is_refused(client: TestClient) -> None:
    r = _post(client, {"x": "a" * (1 << 20)})
    assert r.status_code == 413


def test_every_page_carries_the_security_headers(client: TestClient) -> None:
    for r in (client.get("/assess"), client.get("/nope"), client.get("/healthz")):
        assert r.headers["content-security-policy"].startswith("default-src 'self'")
        assert r.headers["x-content-type-options"] == "nosniff"
    html = client.get("/assess").text
    # The scripts are the vendored htmx and the questionnaire's own, from this server; nothing
    # inline (CSP 'self').
    assert re.findall(r"<script[^>]*>", html) == [
        '<script src="/static/htmx-2.0.11.min.js" defer>',
        '<script src="/static/questionnaire.js" defer>',
    ]


def test_an_unknown_page_is_a_page_not_a_traceback(client: TestClient) -> None:
    r = client.get("/nope")
    assert r.status_code == 404 and "Back to the questionnaire" in r.text


def test_serve_refuses_a_public_host() -> None:
    from ..cli_helpers import fails

    assert "only loopback is served" in fails("serve", "--host", "0.0.0.0")


def test_the_vendored_htmx_is_the_recorded_file(client: TestClient) -> None:
    import hashlib

    from maplepath.web.app import HERE

    record = (HERE / "static" / "VENDORED.md").read_text()
    for name, digest in re.findall(r"\| `([^`]+\.js)` \|.*\| `([0-9a-f]{64})` \|", record):
        body = client.get(f"/static/{name}").content
        assert hashlib.sha256(body).hexdigest() == digest, name
        assert hashlib.sha256((HERE / "static" / name).read_bytes()).hexdigest() == digest
    assert "htmx-2.0.11.min.js" in record


def test_the_clb_preview_reads_the_scores_as_the_engine(client: TestClient) -> None:
    params = {k: v for k, v in ANSWERS.items() if k.startswith("language_tests.0.") or k == "on"}
    r = client.get("/assess/clb/language_tests.0", params=params)
    assert r.status_code == 200
    assert "listening CLB 10, reading CLB 10, writing CLB 9, speaking CLB 10" in r.text
    assert "valid until 2027-09-20" in r.text
    half = {k: v for k, v in params.items() if not k.endswith("speaking")}
    assert "Give the four scores" in client.get("/assess/clb/language_tests.0", params=half).text
    off = {**params, "language_tests.0.scores.listening": "9.7"}
    assert "9.7" in client.get("/assess/clb/language_tests.0", params=off).text
    assert client.get("/assess/clb/work.0").status_code == 404


def test_noc_suggestions_follow_the_job_title(client: TestClient) -> None:
    r = client.get("/assess/noc/work.1", params={"work.1.title": "site reliability engineer"})
    assert r.status_code == 200 and 'id="noc-work-1"' in r.text
    assert "<strong>21231</strong> Software engineers and designers" in r.text
    blank = client.get("/assess/noc/work.1", params={"work.1.title": " "})
    assert "<li>" not in blank.text
    assert client.get("/assess/noc/language_tests.0").status_code == 404


def test_the_answers_download_as_a_profile_that_scores_the_same(
    client: TestClient, tmp_path: Path
) -> None:
    r = _post_to(client, "/assess/profile.yaml", ANSWERS)
    assert r.status_code == 200
    assert r.headers["content-disposition"] == 'attachment; filename="profile.yaml"'
    path = tmp_path / "downloaded.yaml"
    path.write_bytes(r.content)
    results = _post(client, {"on": "2026-11-21"})  # blank form: a score of nothing
    assert _total(results.text) < _cli_total(path, "2026-11-21")
    assert _total(_post(client, ANSWERS).text) == _cli_total(path, "2026-11-21")
    # Invalid answers download too, as typed: nothing entered is lost.
    bad = _post_to(client, "/assess/profile.yaml", {"birth_date": "1995-4-12"})
    assert "birth_date: 1995-4-12" in bad.text
    assert client.post("/assess/profile.yaml", data=ANSWERS).status_code == 403


def _post_to(c: TestClient, url: str, data: dict[str, str]) -> Any:
    return c.post(url, data={"csrf_token": c.cookies["maplepath_csrf"], **data})


def test_the_pdf_report_opens_and_says_the_score_the_rules_and_the_disclaimer(
    client: TestClient, tmp_path: Path
) -> None:
    path = EXAMPLES / "data_scientist_pgwp.yaml"
    r = _post_to_files(client, "/report.pdf", path)
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(r.content)
    assert r.content.startswith(b"%PDF-")
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))  # p-1.png, or p-01.png from ten pages on
    assert pages and pages[0].stat().st_size > 1000
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    total = _cli_total(path, "2026-11-21")
    assert f"Comprehensive Ranking System: {total} points" in text
    assert "Rules last verified" in text and "not legal advice" in " ".join(text.split())
    # Bad answers: the form again, as for POST /assess.
    assert _post_to(client, "/report.pdf", {"birth_date": "1995-4-12"}).status_code == 422


def _post_to_files(c: TestClient, url: str, path: Path) -> Any:
    data = {"csrf_token": c.cookies["maplepath_csrf"], "on": "2026-11-21"}
    return c.post(url, data=data, files={"profile": (path.name, path.read_bytes())})


def test_the_plan_page_carries_the_answers_and_draws_the_trajectory(client: TestClient) -> None:
    path = EXAMPLES / "data_scientist_pgwp.yaml"
    results = _post_to_files(client, "/assess", path)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', results.text))
    assert hidden["birth_date"] and hidden["on"] == "2026-11-21"
    plan = client.post("/plan", data=hidden)
    assert plan.status_code == 200
    assert f'data-crs-now="{_cli_total(path, "2026-11-21")}"' in plan.text
    assert 'src="data:image/svg+xml;base64,' in plan.text
    # The target is the user's: another one plans again.
    again = client.post("/plan", data={**hidden, "target": "490"})
    assert "Reaching 490 points" in again.text
    assert "img-src 'self' data:" in plan.headers["content-security-policy"]


def test_the_plan_s_events_keep_their_dates_whole(client: TestClient) -> None:
    fields = _plan_fields(client, EXAMPLES / "data_scientist_pgwp.yaml")
    events = client.post("/plan", data=fields).text.split('<ul class="events">', 1)[1]
    events = events.split("</ul>", 1)[0]
    assert '<span class="date">2025-06-14</span>' in events  # the test whose result expires
    bare = re.sub(
        r'<time datetime="[^"]+">|<span class="date">\d{4}-\d{2}-\d{2}</span>', "", events
    )
    assert not re.search(r"\d{4}-\d{2}-\d{2}(?!</time>)", bare)


def _whatif_fields(html: str) -> dict[str, str]:
    form_html = html.split('action="/whatif"', 1)[1].split("</form>", 1)[0]
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form_html))


def test_what_if_recomputes_with_the_planner_s_actions(client: TestClient) -> None:
    from maplepath.crs import scalar as crs
    from maplepath.planner.actions import swapped
    from maplepath.profile.load import load_profile

    path = EXAMPLES / "couple_spouse_stronger.yaml"
    fields = _whatif_fields(_post_to_files(client, "/assess", path).text)
    swap = client.post(
        "/whatif", data={**fields, "whatif.swap": "swap"}, headers={"hx-request": "true"}
    )
    assert swap.status_code == 200 and swap.text.lstrip().startswith('<div id="whatif-result"')
    expected = crs.score(swapped(load_profile(path)), date(2026, 11, 21)).total
    assert f'data-whatif-total="{expected}"' in swap.text
    # Without htmx (no JavaScript): a page with the same answer.
    page = client.post("/whatif", data={**fields, "whatif.swap": "swap"})
    assert "<html" in page.text and f'data-whatif-total="{expected}"' in page.text
    # Nothing chosen, no time: today's score.
    same = client.post("/whatif", data=fields, headers={"hx-request": "true"})
    now = crs.score(load_profile(path), date(2026, 11, 21)).total
    assert f'data-whatif-total="{now}"' in same.text and "(+0 on" in same.text


def test_the_plan_page_lays_out_the_timeline_and_its_calendar(client: TestClient) -> None:
    import icalendar

    path = EXAMPLES / "software_engineer_abroad.yaml"
    results = _post_to_files(client, "/assess", path).text
    form_html = results.split('action="/plan"', 1)[1].split("</form>", 1)[0]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form_html))
    plan = client.post("/plan", data=fields)
    assert plan.text.count("data-step=") >= 5
    ics = client.post("/plan/timeline.ics", data=fields)
    assert ics.headers["content-type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(ics.content)
    events = [e for e in cal.walk() if e.name == "VEVENT"]
    assert len(events) >= 5


def _plan_fields(client: TestClient, path: Path) -> dict[str, str]:
    results = _post_to_files(client, "/assess", path).text
    form_html = results.split('action="/plan"', 1)[1].split("</form>", 1)[0]
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form_html))


def test_the_plan_shows_the_odds_against_imported_rounds(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from maplepath.draws import import_rounds

    from ..draws import reference_file

    monkeypatch.setenv("MAPLEPATH_DATA_DIR", str(tmp_path))
    fields = _plan_fields(client, EXAMPLES / "data_scientist_pgwp.yaml")
    empty = client.post("/plan", data=fields).text
    assert "maplepath draws update" in empty and "data-draw=" not in empty
    import_rounds(reference_file())
    plan = client.post("/plan", data=fields).text
    assert 'data-draw="cec"' in plan and "Past rounds do not promise future ones" in plan
    # Each kind's backtest bias over the window, as draws odds states it.
    assert re.search(r"<li>cec: predicted [^<]*\(\d+ rounds; mean error [\d.]+\)</li>", plan), plan
    assert plan.count('src="data:image/svg+xml;base64,') == 2  # trajectory and cut-offs


def test_the_headline_quotes_the_cut_offs_of_the_rounds_the_person_could_enter(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from maplepath.draws import import_rounds

    from ..draws import reference_file

    monkeypatch.setenv("MAPLEPATH_DATA_DIR", str(tmp_path))
    before = _post_to_files(client, "/assess", EXAMPLES / "data_scientist_pgwp.yaml").text
    assert "rounds cut off" not in before.split("</p>", 1)[0]  # nothing imported: not a word
    import_rounds(reference_file())
    page = _post_to_files(client, "/assess", EXAMPLES / "data_scientist_pgwp.yaml").text
    headline = re.sub(r"\s+", " ", page.split('class="headline">', 1)[1].split("</p>", 1)[0])
    assert "in the last 12 months" in headline.lower()
    assert re.search(r"CEC rounds cut off at \d{3}(\u2013\d{3})?", headline), headline


def test_rule_ids_wrap_at_their_dots_and_read_whole(client: TestClient) -> None:
    r: Any = _post(client, ANSWERS)
    cells = re.findall(r'<td class="rule"><code>(.*?)</code>', r.text)
    assert cells, "no rule cell on the results page"
    for cell in cells:
        rule = cell.replace("<wbr>", "")
        assert re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", rule), rule  # copied whole
        pieces = cell.split("<wbr>")
        assert all(p.endswith((".", "_")) for p in pieces[:-1]), cell
        assert len(pieces) == rule.count(".") + rule.count("_") + 1, cell
    assert "crs.<wbr>core.<wbr>age" in r.text
    css = client.get("/static/maplepath.css").text
    assert "break-all" not in css  # which would cut an id between any two letters


def test_dates_in_sentences_are_kept_whole(client: TestClient) -> None:
    r: Any = _post(client, ANSWERS)
    details = re.findall(r'<li class="criterion-\w+">.*?</li>', r.text, re.S)
    text = " ".join(details)
    assert '<span class="date">2022-06-01</span>' in text  # the work's start, in CEC's reason
    bare = re.sub(r'<span class="date">\d{4}-\d{2}-\d{2}</span>', "", text)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", bare)  # every date of a reason is kept whole
    rules = re.findall(r'<td class="rule">(.*?)</td>', r.text)
    assert rules and all('(<span class="date">' in cell for cell in rules)  # in force from
    assert ".date, time { white-space: nowrap; }" in client.get("/static/maplepath.css").text
    from maplepath.web.pages import whole_dates

    assert whole_dates("<b> 2019-07-15") == '&lt;b&gt; <span class="date">2019-07-15</span>'
