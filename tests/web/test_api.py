"""The HTTP API: the CLI's --json bytes for every operation, RFC 9457 problems for every
refusal (400, 404, 413, 422, with every profile problem at once), no cookies, no CORS, and an
OpenAPI document that lists every operation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from maplepath.profile.load import parse_document
from maplepath.web.app import create_app

from ..cli_helpers import ok
from ..conftest import EXAMPLES

ON = "2026-11-21"
PGWP = EXAMPLES / "data_scientist_pgwp.yaml"
COUPLE = EXAMPLES / "couple_spouse_stronger.yaml"
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def api() -> TestClient:
    return TestClient(create_app())


def body(path: Path, **extra: Any) -> dict[str, Any]:
    """A profile file as the API takes it: the document as JSON (dates as strings)."""
    doc = json.loads(json.dumps(parse_document(path.read_text(), path.name), default=str))
    return {"profile": doc, "on": ON, **extra}


@pytest.mark.parametrize(
    ("route", "extra", "cli"),
    [
        ("crs", {}, ["crs"]),
        ("assess", {}, ["assess"]),
        ("pathways", {}, ["pathways"]),
        ("plan/trajectory", {"months": 12}, ["plan", "trajectory", "--months", "12"]),
        ("plan/improve", {"target": 500}, ["plan", "improve", "--target", "500"]),
    ],
)
@pytest.mark.parametrize("profile", [PGWP, COUPLE], ids=["pgwp", "couple"])
def test_each_profile_operation_answers_the_cli_s_json_byte_for_byte(
    api: TestClient, route: str, extra: dict[str, Any], cli: list[str], profile: Path
) -> None:
    r = api.post(f"/api/v1/{route}", json=body(profile, **extra))
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    assert r.text == ok(*cli, str(profile), "--on", ON, "--json")


@pytest.mark.parametrize(
    ("url", "cli"),
    [
        ("/api/v1/noc/search?q=site%20reliability%20engineer&limit=3",
         ["noc", "search", "site reliability engineer", "--limit", "3"]),
        ("/api/v1/noc/21231", ["noc", "show", "21231"]),
        ("/api/v1/noc/2174", ["noc", "show", "2174"]),
        (f"/api/v1/rules/crs.core.age?on={ON}", ["rules", "show", "crs.core.age", "--on", ON]),
        ("/api/v1/draws/stats", ["draws", "stats"]),
    ],
)  # fmt: skip
def test_each_lookup_answers_the_cli_s_json_byte_for_byte(
    api: TestClient, url: str, cli: list[str]
) -> None:
    r = api.get(url)
    assert r.status_code == 200, r.text
    assert r.text == ok(*cli, "--json")


def test_french_is_asked_by_accept_language_and_keeps_keys_ids_and_numbers(
    api: TestClient,
) -> None:
    english = api.post("/api/v1/crs", json=body(PGWP)).json()
    r = api.post("/api/v1/crs", json=body(PGWP), headers={"accept-language": "fr-CA"})
    assert r.text == ok("--lang", "fr", "crs", str(PGWP), "--on", ON, "--json")
    french = r.json()
    assert french["total"] == english["total"]
    assert [ln["rule"] for ln in french["lines"]] == [ln["rule"] for ln in english["lines"]]
    assert french["lines"][0]["factor"] != english["lines"][0]["factor"]


def _problem(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == PROBLEM
    found = r.json()
    assert found["status"] == status and found["type"].startswith("https://")
    assert set(found) == {"type", "title", "status", "detail", "errors"}
    return dict(found)


def test_every_problem_of_a_profile_comes_back_at_once_with_its_path(api: TestClient) -> None:
    doc = body(PGWP)
    doc["profile"]["education"][0]["level"] = "phd?"
    doc["profile"]["marital_status"] = "complicated"
    doc["on"] = "2026-13-40"
    doc["scenarios"] = ["no-such-change"]
    found = _problem(api.post("/api/v1/assess", json=doc), 422)
    paths = sorted(e["path"] for e in found["errors"])
    assert paths == ["on", "profile.education.0.level", "profile.marital_status", "scenarios.0"]
    assert all(e["message"] for e in found["errors"])
    said = {e["path"]: e["message"] for e in found["errors"]}
    assert "2026-13-40" in said["on"] and "no-such-change" in said["scenarios.0"]


def test_a_date_a_scenario_and_a_profile_fact_are_refused_together(api: TestClient) -> None:
    doc = body(PGWP, scenarios=["no-such-change"])
    doc["on"] = "2026-13-40"
    doc["profile"]["work"][0]["noc"] = "99999"
    paths = [e["path"] for e in _problem(api.post("/api/v1/crs", json=doc), 422)["errors"]]
    assert paths == ["on", "scenarios.0", "profile.work.0.noc"]


def test_a_date_a_profile_file_may_not_hold_is_refused_as_the_cli_refuses_it(
    api: TestClient,
) -> None:
    doc = body(PGWP)
    doc["profile"]["birth_date"] = 631152000  # a Unix timestamp: pydantic would take it
    found = _problem(api.post("/api/v1/crs", json=doc), 422)
    assert [e["path"] for e in found["errors"]] == ["profile.birth_date"]


def test_a_body_that_is_not_json_is_a_400(api: TestClient) -> None:
    r = api.post("/api/v1/crs", content=b"{not json", headers={"content-type": "application/json"})
    _problem(r, 400)


def test_a_body_over_1_mib_is_a_413_problem(api: TestClient) -> None:
    big = b'{"profile": {}, "pad": "' + b"x" * (1 << 20) + b'"}'
    r = api.post("/api/v1/crs", content=big, headers={"content-type": "application/json"})
    _problem(r, 413)


@pytest.mark.parametrize(
    "url", ["/api/v1/noc/99999", "/api/v1/noc/abc", "/api/v1/rules/no.such.rule", "/api/v1/x"]
)
def test_unknown_codes_rules_and_operations_are_404_problems(api: TestClient, url: str) -> None:
    assert _problem(api.get(url), 404)["detail"]


def test_unknown_programs_and_bad_parameters_are_422_problems(api: TestClient) -> None:
    found = _problem(api.post("/api/v1/pathways", json=body(PGWP, programs=["nope"])), 422)
    assert [e["path"] for e in found["errors"]] == ["programs.0"]
    found = _problem(api.post("/api/v1/plan/improve", json=body(PGWP, target=5000)), 422)
    assert [e["path"] for e in found["errors"]] == ["target"]
    found = _problem(api.get("/api/v1/noc/search?q=dev&limit=0"), 422)
    assert [e["path"] for e in found["errors"]] == ["limit"]


def test_the_api_sets_no_cookie_and_sends_no_cors_header(api: TestClient) -> None:
    headers = {"origin": "https://elsewhere.example", "cookie": "maplepath_lang=fr"}
    r = api.post("/api/v1/crs", json=body(PGWP), headers=headers)
    assert r.status_code == 200
    assert "set-cookie" not in r.headers
    assert not any(k.startswith("access-control-") for k in r.headers)
    assert r.json()["lines"][0]["factor"] == "age"  # the cookie's French was not read


def test_the_openapi_document_lists_every_operation_and_its_problems(api: TestClient) -> None:
    doc = api.get("/openapi.json").json()
    operations = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops}
    assert operations == {
        ("POST", "/api/v1/crs"), ("POST", "/api/v1/assess"), ("POST", "/api/v1/pathways"),
        ("POST", "/api/v1/plan/trajectory"), ("POST", "/api/v1/plan/improve"),
        ("GET", "/api/v1/noc/search"), ("GET", "/api/v1/noc/{code}"),
        ("GET", "/api/v1/rules/{rule_id}"), ("GET", "/api/v1/draws/stats"),
    }  # fmt: skip
    crs = doc["paths"]["/api/v1/crs"]["post"]
    assert {"200", "400", "413", "422"} <= set(crs["responses"])
    assert PROBLEM in crs["responses"]["422"]["content"]
    assert "Profile" in doc["components"]["schemas"]
