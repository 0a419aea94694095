"""The questionnaire: which questions, in which order, and how its answers become a profile.

Every input is named by its profile path (``education.0.eca.issued``, ``spouse.work.1.noc``), as
the HTTP contract says, so the answers are the profile itself: ``to_document`` nests them and
``profile.load.validate_profile`` checks them with the same messages as a profile file. A
question left blank is a fact not given (unknown, never unmet); a repeated group left wholly
blank (the second job of someone with one) is not there at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from maplepath.profile import language
from maplepath.profile.model import (
    CanadianStatus,
    EducationLevel,
    Lmia,
    MaritalStatus,
    Profile,
    Relation,
)
from maplepath.profile.shape import walk_types

YES_NO = (("", "—"), ("true", "yes"), ("false", "no"))


def _choices(kind: type[StrEnum]) -> tuple[tuple[str, str], ...]:
    return (("", "—"), *((m.value, m.value.replace("_", " ")) for m in kind))


@dataclass(frozen=True)
class Question:
    path: str  # below its group: "eca.issued"
    label: str
    kind: str = "text"  # text | date | number | select
    choices: tuple[tuple[str, str], ...] = ()
    hint: str = ""
    step: str = "any"


@dataclass(frozen=True)
class Group:
    """A section of the form; ``repeat`` slots of a list (``work.0``, ``work.1``...) or one."""

    id: str  # the profile path of the section: "" for top-level facts, "work", "spouse"
    title: str
    questions: tuple[Question, ...]
    repeat: int = 0
    item: str = ""  # "Job", "Credential": each slot's heading
    intro: str = ""
    only_with_partner: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def slots(self) -> list[str]:
        """The path prefix of each slot: ``["work.0.", "work.1.", ...]`` or ``[""]``."""
        if self.repeat:
            return [f"{self.id}.{i}." for i in range(self.repeat)]
        return [f"{self.id}." if self.id else ""]


_LEVELS = _choices(EducationLevel)
_STATUS = _choices(CanadianStatus)
_TESTS = (("", "—"), *language.TESTS.items())
_CREDENTIAL = (
    Question("level", "Level", "select", _choices(EducationLevel)),
    Question("country", "Country where studied", hint="two letters: IN, CA, FR ..."),
    Question("completed", "Completed on", "date"),
    Question("program_years", "Length of the program (years)", "number"),
    Question("full_time", "Full-time", "select", YES_NO),
    Question("eca.issuer", "ECA issuer (foreign credentials)", hint="WES, ICES, IQAS ..."),
    Question("eca.issued", "ECA issued on", "date"),
    Question("eca.level", "ECA: Canadian equivalent", "select", _choices(EducationLevel)),
)
_TEST = (
    Question("test", "Test", "select", _TESTS),
    Question("date", "Test date", "date"),
    Question("scores.listening", "Listening", "number"),
    Question("scores.reading", "Reading", "number"),
    Question("scores.writing", "Writing", "number"),
    Question("scores.speaking", "Speaking", "number"),
)
_WORK = (
    Question("title", "Job title"),
    Question("noc", "NOC 2021 code", hint="5 digits, e.g. 21231 (software engineers)"),
    Question("employer", "Employer"),
    Question("country", "Country", hint="two letters: CA for Canada"),
    Question("province", "Province (Canadian work)", hint="ON, BC, AB ..."),
    Question("start", "Started on", "date"),
    Question("end", "Ended on (blank: still there)", "date"),
    Question("hours_per_week", "Hours a week", "number"),
    Question("authorized", "Authorized to work (Canadian work)", "select", YES_NO),
    Question("self_employed", "Self-employed", "select", YES_NO),
    Question("full_time_student", "While a full-time student", "select", YES_NO),
)

GROUPS: tuple[Group, ...] = (
    Group(
        "",
        "About you",
        (
            Question("birth_date", "Date of birth", "date"),
            Question("citizenships.0", "Citizenship", hint="two letters: IN, US, FR ..."),
            Question("citizenships.1", "Second citizenship (if any)"),
            Question("marital_status", "Marital status", "select", _choices(MaritalStatus)),
        ),
    ),
    Group(
        "spouse",
        "Your spouse or common-law partner",
        (
            Question("accompanying", "Coming with you to Canada", "select", YES_NO),
            Question(
                "canadian_status", "Their status in Canada", "select", _choices(CanadianStatus)
            ),
            Question("birth_date", "Their date of birth", "date"),
            Question(
                "education.0.level", "Their highest education", "select", _choices(EducationLevel)
            ),
            Question("education.0.country", "Where they studied", hint="two letters"),
            Question("education.0.completed", "Completed on", "date"),
            Question("education.0.eca.issued", "ECA issued on (foreign credential)", "date"),
            Question(
                "education.0.eca.level",
                "ECA: Canadian equivalent",
                "select",
                _choices(EducationLevel),
            ),
            Question("language_tests.0.test", "Their language test", "select", _TESTS),
            Question("language_tests.0.date", "Test date", "date"),
            Question("language_tests.0.scores.listening", "Listening", "number"),
            Question("language_tests.0.scores.reading", "Reading", "number"),
            Question("language_tests.0.scores.writing", "Writing", "number"),
            Question("language_tests.0.scores.speaking", "Speaking", "number"),
        ),
        intro="Only if you are married or in a common-law relationship.",
        only_with_partner=True,
    ),
    Group("education", "Education", _CREDENTIAL, repeat=2, item="Credential"),
    Group("language_tests", "Language tests", _TEST, repeat=2, item="Test"),
    Group("work", "Work history", _WORK, repeat=3, item="Job"),
    Group(
        "job_offers",
        "Job offer in Canada",
        (
            Question("employer", "Employer"),
            Question("noc", "NOC 2021 code"),
            Question("province", "Province", hint="ON, BC, AB ..."),
            Question("full_time", "Full-time", "select", YES_NO),
            Question("start", "Starts on", "date"),
            Question("end", "Ends on (blank: indefinite)", "date"),
            Question("lmia", "LMIA", "select", _choices(Lmia)),
            Question("hourly_wage", "Hourly wage (CAD)", "number"),
        ),
        repeat=1,
        item="Offer",
    ),
    Group(
        "relatives_in_canada",
        "Relatives in Canada",
        (
            Question("relation", "Relation", "select", _choices(Relation)),
            Question("status", "Their status", "select", _choices(CanadianStatus)),
            Question("birth_date", "Their date of birth", "date"),
        ),
        repeat=1,
        item="Relative",
    ),
    Group(
        "",
        "Funds",
        (
            Question("settlement_funds_cad", "Settlement funds (CAD)", "number"),
            Question("family_size", "Family size (you, partner, children)", "number", step="1"),
        ),
    ),
)


def field_names() -> list[str]:
    """Every input name of the questionnaire, in page order."""
    return [slot + q.path for g in GROUPS for slot in g.slots() for q in g.questions]


_NOT_PROFILE = frozenset({"on", "csrf_token", "lang", "target"})  # the page's own fields


def to_document(form: Mapping[str, str]) -> dict[str, Any]:
    """The profile document of the answers: blank answers dropped, paths nested, list slots
    closed up (an answered third job after a blank second is the second)."""
    tree: dict[str, Any] = {}
    for name, raw in form.items():
        value = raw.strip() if isinstance(raw, str) else raw
        if value in ("", None) or name in _NOT_PROFILE or name.startswith("whatif"):
            continue
        node: Any = tree
        parts = name.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    doc: dict[str, Any] = _typed(_lists(tree), Profile)
    return doc


def _typed(node: Any, model: type[BaseModel]) -> Any:
    """A form's text as the profile's types, field by field of the model: the model takes
    numbers and yes/no as written (``40``, ``true``), not as text. Text that is not a number
    stays text, and is refused beside its field."""
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        info = model.model_fields.get(key)
        types = set(walk_types(info.annotation)) if info else set()
        sub = next((t for t in types if isinstance(t, type) and issubclass(t, BaseModel)), None)
        if sub is not None:
            items = value if isinstance(value, list) else None
            out[key] = [_typed(v, sub) for v in items] if items is not None else _typed(value, sub)
        elif isinstance(value, str) and bool in types:
            out[key] = {"true": True, "false": False}.get(value, value)
        elif isinstance(value, str) and types & {int, float}:
            out[key] = _number(value)
        else:
            out[key] = value
    return out


def _number(text: str) -> Any:
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text else number


def _lists(node: Any) -> Any:
    """Mappings keyed "0", "1"... become lists, in index order."""
    if not isinstance(node, dict):
        return node
    out = {k: _lists(v) for k, v in node.items()}
    if out and all(k.isdigit() for k in out):
        return [out[k] for k in sorted(out, key=int)]
    return out


def from_document(doc: Mapping[str, Any]) -> dict[str, str]:
    """The form values of a profile document (for an uploaded file shown back in the form)."""
    out: dict[str, str] = {}

    def walk(node: Any, at: str) -> None:
        if isinstance(node, Mapping):
            for k, v in node.items():
                walk(v, f"{at}{k}.")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{at}{i}.")
        elif node is not None:
            out[at[:-1]] = str(node).lower() if isinstance(node, bool) else str(node)

    walk(doc, "")
    return out


def error_key(path: str) -> str:
    """A problem's path as the form names it: ``work[0].noc`` -> ``work.0.noc``."""
    return path.replace("[", ".").replace("]", "")


def messages_by_field(problems: Iterable[Any]) -> tuple[dict[str, list[str]], list[str]]:
    """Each problem beside its input; those for no input of the form, on their own."""
    names = {*field_names(), "on", "profile"}
    beside: dict[str, list[str]] = {}
    general: list[str] = []
    for p in problems:
        key = error_key(p.path)
        target = key if key in names else next((n for n in names if n.startswith(key + ".")), None)
        if target:
            beside.setdefault(target, []).append(p.message)
        else:
            general.append(str(p))
    return beside, general
