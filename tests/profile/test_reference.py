"""The profile reference (docs/profile.md) and the case template, generated from the model:
they are up to date, they document every field of every model, and their examples load."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from enum import Enum
from pathlib import Path

import pytest
from pydantic import BaseModel

from maplepath.profile import model as profile_model
from maplepath.profile import reference
from maplepath.profile.load import parse_document, validate_profile

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "profile.md"
TOOL = "python tools/profile_reference.py"

MODELS = [
    m
    for m in vars(profile_model).values()
    if isinstance(m, type)
    and issubclass(m, BaseModel)
    and m.__module__ in (profile_model.__name__, "maplepath.profile.levels")
    and not m.__name__.startswith("_")
]
ENUMS = [
    e
    for e in vars(profile_model).values()
    if isinstance(e, type) and issubclass(e, Enum) and e.__module__ == profile_model.__name__
]


def test_docs_profile_md_is_the_generated_reference() -> None:
    expected = reference.markdown().encode("utf-8")
    assert DOC.read_bytes() == expected, f"docs/profile.md is out of date: run {TOOL}"


def test_every_model_of_the_profile_module_is_reachable_from_profile() -> None:
    assert set(reference.places()) == set(MODELS)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_has_a_description_and_every_model_a_docstring(model: type[BaseModel]) -> None:
    assert (model.__doc__ or "").strip(), f"{model.__name__} has no docstring"
    bare = [name for name in model.model_fields if not reference.description(model, name)]
    assert bare == [], f"{model.__name__}: give these fields a docstring: {bare}"


def test_every_field_that_is_not_a_model_has_an_example() -> None:
    missing = [f.path for f in reference.fields() if f.nested is None and not f.info.examples]
    assert missing == [], f"give these fields Field(examples=[...]): {missing}"


def test_every_enum_has_a_docstring() -> None:
    assert [e.__name__ for e in ENUMS if not (e.__doc__ or "").strip()] == []


def test_the_doc_has_a_section_for_every_field_of_every_model() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for model, paths in reference.places().items():
        prefix = "" if model is profile_model.Profile else paths[0] + "."
        for name in model.model_fields:
            heading = f"### `{prefix}{name}`"
            assert heading in doc, f"{model.__name__}.{name}: no {heading!r} in docs/profile.md"
            section = doc.split(heading + "\n", 1)[1].split("\n### ", 1)[0]
            assert reference.description(model, name) in section and "Example:" in section
        assert all(f"`{p}`" in doc for p in paths[1:]), f"{model.__name__}: other places"
    for enum in ENUMS:
        assert f"### `{enum.__name__}`" in doc
        assert all(f"`{m.value}`" in doc for m in enum)


def test_fields_walks_every_path_including_the_spouses() -> None:
    paths = {f.path for f in reference.fields()}
    assert {"education[].eca.level", "spouse.education[].eca.level"} <= paths
    assert "language_tests[].scores.listening" in paths and "spouse.work[].noc" in paths


def test_allowed_values_and_formats_are_read_from_the_model() -> None:
    by_path = {f.path: f for f in reference.fields()}
    assert by_path["education[].eca.level"].values == tuple(profile_model.EducationLevel)
    assert by_path["language_tests[].test"].values[0] == "ielts_general"
    assert by_path["nominations[].province"].values == profile_model.PROVINCES
    assert by_path["birth_date"].kind == "date, YYYY-MM-DD"
    assert by_path["education[].program_years"].kind == "number (more than 0, at most 12)"
    assert by_path["evidence[].id"].type_text == "text; required"


def _loads(text: str) -> profile_model.Profile:
    return validate_profile(parse_document(text, "p.yaml"), "p.yaml").profile


def _set_paths(value: object, prefix: str = "") -> set[str]:
    """The field paths given a value in a loaded profile (lists as [])."""
    if isinstance(value, BaseModel):
        out = set()
        for name in value.model_fields_set:
            out.add(prefix + name)
            out |= _set_paths(getattr(value, name), f"{prefix}{name}.")
        return out
    if isinstance(value, list):
        return {
            p.replace(prefix, prefix[:-1] + "[].", 1) for v in value for p in _set_paths(v, prefix)
        }
    return set()


def test_the_full_example_loads_and_gives_every_field_a_value() -> None:
    profile = _loads(reference.example_profile())
    given = _set_paths(profile)
    first = {f.path for f in reference.fields() if not f.path.startswith("spouse.")}
    assert first - given == set()


def test_the_template_loads_as_an_empty_profile_and_names_every_top_level_field() -> None:
    text = reference.template("case/profile.yaml")
    assert _loads(text) == profile_model.Profile()
    for name in profile_model.Profile.model_fields:
        assert re.search(rf"^{name}: (null|\[\])$", text, re.M), name
        assert f"# {name}: " in text
    assert "YYYY-MM-DD" in text and "maplepath profile check case/profile.yaml" in text


def test_the_template_comments_every_field_with_its_values() -> None:
    text = reference.template()
    for f in reference.fields():
        if f.path.startswith("spouse.") and f.path.count(".") > 1:
            continue  # the spouse's credentials, tests and work: the fields of education[] etc.
        assert re.search(rf"^#\s*(# )?{f.name}: ", text, re.M), f.path
    for value in ("common_law", "permanent_resident", "doctoral", "tcf_canada", "affiliate"):
        assert value in text


def _uncomment(text: str) -> str:
    """What a person does to fill a list in: drop its [] or null, and the first '#' of each
    commented line below it."""
    lines = text.splitlines()
    out = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if following.startswith("#  ") and re.fullmatch(r"\w+: (null|\[\])", line):
            line = line.split(":")[0] + ":"
        elif line.startswith("#  "):
            line = line[1:]
        out.append(line)
    return "\n".join(out) + "\n"


def test_uncommenting_the_template_gives_the_filled_template_which_loads() -> None:
    filled = reference.template(filled=True)
    # The filled template also gives the one-line top-level facts (birth_date: 1995-04-12),
    # which the template leaves null with the example in their comment.
    blank = re.sub(r"^(\w+): \[.+\]$", r"\1: []", filled, flags=re.M)
    blank = re.sub(r"^(\w+): (?!\[\]$).+$", r"\1: null", blank, flags=re.M)
    assert _uncomment(reference.template()) == blank
    assert _loads(filled) == _loads(reference.example_profile())


def test_yaml_scalars_are_quoted_only_when_yaml_would_misread_them() -> None:
    assert reference.emit("noc", "21231") == ['noc: "21231"']
    assert reference.emit("province", "ON") == ["province: ON"]
    assert reference.emit("issued", "2024-01-10") == ["issued: 2024-01-10"]
    assert reference.emit("name", "null") == ['name: "null"']
    assert reference.emit("note", "a: b # c") == [f"note: {json.dumps('a: b # c')}"]


def test_importing_the_profile_package_does_not_load_the_reference() -> None:
    code = "import sys, maplepath.profile; print('maplepath.profile.reference' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
