"""The HTTP API fuzzed from its own OpenAPI document by schemathesis (in-process, ASGI): no
operation answers a 5xx, every answer has a declared status, content type and schema, and
every refusal is a declared problem. And a property: for random valid profiles the API's
total is ``crs.score``'s.

One check is left out, with its reason: schemathesis' "positive data acceptance" expects a
2xx for every schema-valid request, but a profile is checked beyond its JSON Schema, as the
CLI checks a file (a test dated after today, an IELTS band of 9.25, a job that ends before it
starts, a date before the CRS existed): those are answered 422 with their paths, as
documented, not accepted."""

from __future__ import annotations

import json
import os
from datetime import date
from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import positive_data_acceptance

from maplepath.crs import scalar as crs
from maplepath.web.app import create_app

APP = create_app()
SCHEMA = schemathesis.openapi.from_asgi("/openapi.json", APP)
# make test: a bounded run; make bench runs more (MAPLEPATH_FUZZ_EXAMPLES).
EXAMPLES = int(os.environ.get("MAPLEPATH_FUZZ_EXAMPLES", "40"))


@SCHEMA.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_operation_answers_outside_its_schema_or_with_a_5xx(case: Any) -> None:
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


ON = date(2026, 11, 21)
LEVELS = ("secondary", "one_year", "two_year", "bachelors", "masters", "professional", "doctoral")
# Each test's scores, on its own scale, all of them valid results.
SCORES = {
    "ielts_general": st.sampled_from([x / 2 for x in range(6, 19)]),
    "celpip_general": st.integers(3, 12),
    "tef_canada": st.integers(150, 699),
}


@st.composite
def valid_profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A profile a person could hold on ``ON``: age 18-55, credentials, one or two tests in
    the last two years, jobs in Canada or abroad, maybe a partner."""

    def day(first: date, last: date) -> str:
        return date.fromordinal(draw(st.integers(first.toordinal(), last.toordinal()))).isoformat()

    def person() -> dict[str, Any]:
        doc: dict[str, Any] = {"birth_date": day(date(1971, 1, 1), date(2008, 1, 1))}
        doc["education"] = [
            {
                "level": draw(st.sampled_from(LEVELS)),
                "country": draw(st.sampled_from(["CA", "IN", "NG", "FR"])),
                "completed": day(date(2000, 1, 1), date(2026, 6, 1)),
                "program_years": draw(st.integers(1, 5)),
                "full_time": True,
            }
            for _ in range(draw(st.integers(0, 2)))
        ]
        tests = draw(st.lists(st.sampled_from(sorted(SCORES)), max_size=2, unique=True))
        doc["language_tests"] = [
            {
                "test": t,
                "date": day(date(2025, 1, 1), ON),
                "scores": {
                    a: draw(SCORES[t]) for a in ("listening", "reading", "writing", "speaking")
                },
            }
            for t in tests
        ]
        jobs = []
        for _ in range(draw(st.integers(0, 2))):
            start = day(date(2014, 1, 1), date(2026, 1, 1))
            canada = draw(st.booleans())
            job = {"noc": draw(st.sampled_from(["21231", "21211", "21222", "22222"])),
                   "country": "CA" if canada else "IN", "start": start, "end": None,
                   "hours_per_week": draw(st.sampled_from([20, 30, 37.5, 40]))}  # fmt: skip
            if canada:
                job |= {"province": draw(st.sampled_from(["ON", "BC", "AB"])), "authorized": True}
            jobs.append(job)
        doc["work"] = jobs
        return doc

    doc = person()
    doc["marital_status"] = draw(st.sampled_from(["single", "married", "common_law"]))
    if doc["marital_status"] != "single":
        doc["spouse"] = {"accompanying": draw(st.booleans()), "canadian_status": "none", **person()}
    return doc


api = TestClient(APP)


@given(valid_profiles())
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_api_total_is_crs_score_s_for_random_valid_profiles(doc: dict[str, Any]) -> None:
    from maplepath.profile.load import ProfileError, validate_profile

    try:
        profile = validate_profile(json.loads(json.dumps(doc)), "random").profile
    except ProfileError:  # a combination the checks refuse (e.g. work before age 16)
        r = api.post("/api/v1/crs", json={"profile": doc, "on": ON.isoformat()})
        assert r.status_code == 422, r.text
        return
    r = api.post("/api/v1/crs", json={"profile": doc, "on": ON.isoformat()})
    assert r.status_code == 200, r.text
    expected = crs.score(profile, ON)
    assert r.json()["total"] == expected.total
    assert r.json()["sections"] == expected.to_json()["sections"]
