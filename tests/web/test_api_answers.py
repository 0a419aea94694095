"""The answers' models (``web.api_answers``) describe the answers exactly: every answer the
engine gives, for every example profile on two dates, in English and in French, with and
without the rule book's scenarios, validates against its model, which forbids any key it does
not describe and converts no value. And ``/openapi.json`` lets no undescribed key through."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any, get_args

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel, TypeAdapter

from maplepath import i18n
from maplepath.draws.stats import summarize
from maplepath.draws.store import import_rounds, list_rounds
from maplepath.occupations import codes
from maplepath.profile.load import read_profile
from maplepath.profile.model import Profile
from maplepath.programs import verdict
from maplepath.report import answers
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.rulefile import STATUSES as RULE_STATUSES
from maplepath.web import api_answers as out
from maplepath.web import api_answers_plan as plan
from maplepath.web.app import create_app

from ..conftest import EXAMPLES, FIXTURES
from ..draws import REFERENCE

PROFILES = sorted(EXAMPLES.glob("*.yaml"))
DATES = [date(2026, 11, 21), date(2024, 6, 1)]
LANGUAGES = ["en", "fr"]
ANSWERS = {
    "CrsAnswer", "AssessAnswer", "Pathway", "Month", "Improvement", "NocMatch",
    "NocUnitGroup", "Noc2016Code", "RuleAnswer", "DrawStats",
}  # fmt: skip


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.use(request.param)
    try:
        yield request.param
    finally:
        i18n.use("en")


def valid(model: Any, answer: Any) -> None:
    """The answer, through JSON as the API sends it, validates against ``model``."""
    sent = json.loads(answers.dumps(answer))
    if isinstance(model, type) and issubclass(model, BaseModel):
        model.model_validate(sent)
    else:
        TypeAdapter(model).validate_python(sent)


@pytest.fixture(scope="module", params=PROFILES, ids=[p.stem for p in PROFILES])
def profile(request: pytest.FixtureRequest) -> Profile:
    path: Path = request.param
    return read_profile(path).profile


@pytest.mark.parametrize("scenarios", [(), tuple(rulebook.default().scenarios())])
@pytest.mark.parametrize("on", DATES, ids=str)
def test_every_profile_answer_is_described_by_its_model(
    profile: Profile, on: date, scenarios: tuple[str, ...], language: str
) -> None:
    score = answers.crs(profile, on, scenarios, ["a warning of the profile"])
    valid(out.CrsAnswer, score)
    valid(out.AssessAnswer, answers.assess(profile, on, scenarios, ["a warning"]))
    valid(list[out.Pathway], answers.pathways(profile, on))
    valid(list[out.Pathway], answers.pathways(profile, on, ["fsw", "cec"]))
    expiry = [(on + timedelta(days=40), "passport expires")]
    valid(list[out.Month], answers.trajectory(profile, on, 24, scenarios, expiry))
    near = score["total"] + 30
    for target, by in [(near, "time"), (near, "cost"), (1200, "time")]:  # 1200: unreachable
        found = answers.improve(profile, on, target, by, scenarios=scenarios, target_from="x")
        valid(out.Improvement, found)


def test_a_couple_s_other_arrangement_is_described() -> None:
    couple = read_profile(EXAMPLES / "couple_spouse_stronger.yaml").profile
    score = answers.crs(couple, DATES[0])
    assert score["alternative"] is not None
    valid(out.CrsAnswer, score)


def test_every_unit_group_and_every_noc_2016_code_is_described(language: str) -> None:
    for code in codes.unit_groups():
        valid(out.NocUnit, answers.noc_show(code))
    old = rulebook.default().value(codes.CONCORDANCE_RULE, date(2022, 11, 16))
    assert old
    for code in old:
        valid(out.NocUnit, answers.noc_show(code))
    for title in ["site reliability engineer", "data scientist", "ingénieur logiciel", "cook"]:
        valid(list[out.NocMatch], answers.noc_search(title, 50))


@pytest.mark.parametrize("on", [*DATES, date(2015, 1, 1)], ids=str)
def test_every_rule_is_described(on: date, language: str) -> None:
    book = rulebook.default()
    for rule_id in book.rules:
        valid(out.RuleAnswer, answers.rule(rule_id, on))
        for scenario in book.scenarios():
            valid(out.RuleAnswer, answers.rule(rule_id, on, [scenario]))


def test_draw_stats_are_described_empty_and_with_rounds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MAPLEPATH_DATA_DIR", str(tmp_path))
    empty = answers.draws_stats()
    assert empty["rounds"] == 0
    valid(out.DrawStats, empty)
    import_rounds(FIXTURES / "draws" / "two_rounds.json", data_dir=tmp_path)
    two = answers.draws_stats()
    assert two["rounds"] == 2
    valid(out.DrawStats, two)
    # One round only (no days between rounds), and a window with no cut-off published.
    rounds = list_rounds(data_dir=tmp_path)
    for some in ([rounds[0]], [rounds[-1]], rounds):
        valid(out.DrawStats, summarize(some))
        valid(out.DrawStats, summarize(some, on=date(2040, 1, 1)))


def test_draw_stats_of_ircc_s_rounds_are_described(tmp_path: Path) -> None:
    if not REFERENCE.is_file():
        pytest.skip("needs ../shared/data (reference data) beside the checkout")
    import_rounds(REFERENCE, data_dir=tmp_path)
    rounds = list_rounds(data_dir=tmp_path)
    full = summarize(rounds)
    assert full["rounds"] > 400 and len(full["categories"]) > 5
    valid(out.DrawStats, full)
    valid(out.DrawStats, summarize(rounds, on=date(2020, 6, 30)))


def test_the_models_closed_sets_are_the_engine_s() -> None:
    assert get_args(plan.VerdictValue) == verdict.VERDICTS
    assert get_args(plan.ProgramStatus) == verdict.STATUSES
    assert get_args(plan.LeadsTo) == verdict.LEADS_TO
    assert set(get_args(plan.CriterionStatus)) == {str(t) for t in verdict.Ternary}
    assert set(get_args(out.RuleStatus)) == RULE_STATUSES


def test_a_key_the_model_lacks_or_a_value_of_another_type_is_refused() -> None:
    score = answers.crs(read_profile(PROFILES[0]).profile, DATES[0])
    with pytest.raises(ValueError, match="Extra inputs"):
        out.CrsAnswer.model_validate({**score, "new": 1})
    with pytest.raises(ValueError, match="valid integer"):
        out.CrsAnswer.model_validate({**score, "total": str(score["total"])})


def _reachable(doc: dict[str, Any], schema: Any, seen: set[str]) -> Iterator[dict[str, Any]]:
    """Every schema inside ``schema``, following references to components once."""
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str):
            name = ref.rsplit("/", 1)[-1]
            if name not in seen:
                seen.add(name)
                yield from _reachable(doc, doc["components"]["schemas"][name], seen)
            return
        yield schema
        for value in schema.values():
            yield from _reachable(doc, value, seen)
    elif isinstance(schema, list):
        for item in schema:
            yield from _reachable(doc, item, seen)


def test_the_openapi_document_describes_every_key_of_every_answer() -> None:
    doc = TestClient(create_app()).get("/openapi.json").json()
    seen: set[str] = set()
    schemas = []
    for ops in doc["paths"].values():
        for op in ops.values():
            ok = op["responses"]["200"]["content"]["application/json"]["schema"]
            schemas += list(_reachable(doc, ok, seen))
    assert seen >= ANSWERS
    for s in schemas:
        assert s.get("additionalProperties") is not True, s
        if s.get("type") == "object" and "properties" in s:
            assert s.get("additionalProperties") is False, s.get("title")
    for name in seen:
        component = doc["components"]["schemas"][name]
        assert component.get("description"), f"{name} has no description"
        for key, prop in component.get("properties", {}).items():
            if not {"type", "$ref", "anyOf", "enum", "const"} & set(prop):
                assert prop.get("description"), f"{name}.{key} (any JSON) is not described"
