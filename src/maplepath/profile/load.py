"""Reading a profile file: every problem reported at once, by field path, never a traceback.

``load_profile`` parses YAML or JSON, validates the shape with pydantic, then checks what a
shape cannot (an end date before a start date, a test IRCC does not accept, a score off the
test's scale, a fact dated in the future) and maps NOC 2016 codes to NOC 2021.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from maplepath.occupations import codes as occupations
from maplepath.profile import language
from maplepath.profile.model import JobOffer, LanguageTest, Profile, Spouse, WorkPeriod
from maplepath.rulebook.rulefile import load_yaml


@dataclass(frozen=True)
class Problem:
    path: str  # "work[2].start"; "" for the file as a whole
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ProfileError(ValueError):
    """Everything wrong with a profile file, one problem per line."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source, self.problems = source, problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"{source}: {len(problems)} problem(s)\n{lines}")


@dataclass(frozen=True)
class LoadedProfile:
    profile: Profile
    warnings: tuple[str, ...]


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _all_field_names(model: type[BaseModel], seen: set[type] | None = None) -> set[str]:
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names = set(model.model_fields)
    for field in model.model_fields.values():
        for arg in _walk_types(field.annotation):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                names |= _all_field_names(arg, seen)
    return names


def _walk_types(tp: Any) -> Iterator[Any]:
    yield tp
    for arg in getattr(tp, "__args__", ()):
        yield from _walk_types(arg)


_FIELD_NAMES = sorted(_all_field_names(Profile))


def _suggest(key: str) -> str | None:
    """The field a typo most likely meant: a prefix first (hours -> hours_per_week)."""
    prefixed = [n for n in _FIELD_NAMES if len(key) >= 3 and n.startswith(key)]
    if prefixed:
        return min(prefixed, key=len)
    close = difflib.get_close_matches(key, _FIELD_NAMES, n=1, cutoff=0.6)
    return close[0] if close else None


def _pydantic_problems(exc: ValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            key = str(err["loc"][-1])
            close = _suggest(key)
            msg = "unknown field" + (f" (did you mean {close}?)" if close else "")
        elif err["type"] == "missing":
            msg = "required here"
        problems.append(Problem(_path(err["loc"]), msg))
    return problems


def parse_document(text: str, source: str) -> dict[str, Any]:
    """The top-level mapping of a YAML or JSON document, or a ProfileError."""
    if not text.strip():
        raise ProfileError(source, [Problem("", "the file is empty")])
    try:
        data = json.loads(text) if source.endswith(".json") else load_yaml(text)
    except json.JSONDecodeError as exc:
        raise ProfileError(source, [Problem("", f"not valid JSON: {exc}")]) from None
    except yaml.YAMLError as exc:
        raise ProfileError(source, [Problem("", f"not valid YAML: {_yaml_reason(exc)}")]) from None
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise ProfileError(source, [Problem("", f"expected a mapping of fields, got a {kind}")])
    return data


def _yaml_reason(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    return f"line {mark.line + 1}, column {mark.column + 1}: {problem}" if mark else problem


def load_profile(path: str | Path, today: date | None = None) -> Profile:
    """Read and check a profile file (see ``read_profile`` for the warnings too)."""
    return read_profile(path, today).profile


def read_profile(path: str | Path, today: date | None = None) -> LoadedProfile:
    """Read and check a profile file. ``today`` (given by the CLI) refuses facts dated later."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise ProfileError(str(p), [Problem("", f"cannot read the file: {exc.strerror}")]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"not UTF-8 text (byte {exc.start})"
        raise ProfileError(str(p), [Problem("", msg)]) from None
    return validate_profile(parse_document(text, str(p)), str(p), today)


def validate_profile(
    data: Any, source: str = "profile", today: date | None = None
) -> LoadedProfile:
    """Check a parsed document; raise ProfileError listing every problem."""
    if not isinstance(data, dict):
        raise ProfileError(source, [Problem("", "expected a mapping of fields")])
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        raise ProfileError(source, _pydantic_problems(exc)) from None
    problems = list(_check(profile, today))
    mapped, warnings, map_problems = (
        _map_nocs(profile) if _has_2016_codes(profile) else (profile, [], [])
    )
    problems += map_problems
    if problems:
        raise ProfileError(source, problems)
    return LoadedProfile(mapped, tuple(warnings))


def _check(p: Profile, today: date | None) -> Iterator[Problem]:
    if p.birth_date and today and p.birth_date > today:
        yield Problem("birth_date", f"{p.birth_date} is in the future")
    if p.spouse is not None and p.has_partner is False:
        yield Problem(
            "spouse", f"only for married or common_law (marital_status is {p.marital_status})"
        )
    yield from _check_person(p, "", today)
    if p.spouse is not None:
        yield from _check_person(p.spouse, "spouse.", today)
    for i, offer in enumerate(p.job_offers):
        yield from _check_span(offer, f"job_offers[{i}]", None)
        yield from _check_noc(offer.noc, f"job_offers[{i}].noc")
    for i, cert in enumerate(p.certificates_of_qualification):
        yield from _check_noc(cert.trade_noc, f"certificates_of_qualification[{i}].trade_noc")
    ids = [e.id for e in p.evidence]
    for i, e in enumerate(p.evidence):
        if ids.index(e.id) != i:
            yield Problem(f"evidence[{i}].id", f"{e.id!r} is used twice")


def _check_person(person: Profile | Spouse, prefix: str, today: date | None) -> Iterator[Problem]:
    if prefix and person.birth_date and today and person.birth_date > today:
        yield Problem(prefix + "birth_date", f"{person.birth_date} is in the future")
    for i, period in enumerate(person.work):
        yield from _check_span(period, f"{prefix}work[{i}]", today)
        yield from _check_noc(period.noc, f"{prefix}work[{i}].noc")
    for i, test in enumerate(person.language_tests):
        yield from _check_test(test, f"{prefix}language_tests[{i}]", today)


def _check_noc(code: str | None, where: str) -> Iterator[Problem]:
    """A 5-digit code must be a NOC 2021 unit group (4-digit NOC 2016 codes are mapped later)."""
    if code is not None and len(code) == 5 and not occupations.is_unit_group(code):
        try:
            occupations.lookup(code)
        except occupations.NocError as exc:
            yield Problem(where, str(exc))


def _check_span(x: WorkPeriod | JobOffer, where: str, today: date | None) -> Iterator[Problem]:
    if x.start and x.end and x.start > x.end:
        yield Problem(f"{where}.start", f"date is after end ({x.end})")
    if today and isinstance(x, WorkPeriod) and x.start and x.start > today:
        yield Problem(f"{where}.start", f"{x.start} is in the future: list work already done")


def _check_test(test: LanguageTest, where: str, today: date | None) -> Iterator[Problem]:
    if test.test in language.UNACCEPTED_TESTS:
        yield Problem(f"{where}.test", language.UNACCEPTED_TESTS[test.test])
        return
    if test.test not in language.TESTS:
        known = ", ".join(language.TESTS)
        yield Problem(f"{where}.test", f"{test.test!r} is not a test IRCC accepts ({known})")
        return
    if today and test.date > today:
        yield Problem(f"{where}.date", f"{test.date} is in the future: give results you have")
    scores = {k: v for k, v in test.scores.model_dump().items() if v is not None}
    for ability, message in language.score_problems(test.test, test.date, scores):
        yield Problem(f"{where}.scores" + (f".{ability}" if ability else ""), message)


def _has_2016_codes(p: Profile) -> bool:
    codes = [w.noc for w in p.work] + [o.noc for o in p.job_offers]
    codes += [c.trade_noc for c in p.certificates_of_qualification]
    codes += [w.noc for w in p.spouse.work] if p.spouse else []
    return any(c is not None and len(c) == 4 for c in codes)


def _map_nocs(p: Profile) -> tuple[Profile, list[str], list[Problem]]:
    """Replace 4-digit NOC 2016 codes by their NOC 2021 code when the mapping is one-to-one."""
    warnings: list[str] = []
    problems: list[Problem] = []

    def fix(code: str | None, where: str) -> str | None:
        if code is None or len(code) == 5:
            return code
        m = occupations.map_2016(code)
        if m is None:
            problems.append(
                Problem(
                    where,
                    f"{code} is not a NOC 2016 code we can map: give the 5-digit NOC 2021 code",
                )
            )
        elif m.unique is None:
            cands = ", ".join(m.candidates)
            problems.append(
                Problem(
                    where,
                    f"NOC 2016 {code} became several NOC 2021 groups ({cands}); {m.note}. "
                    "Give the one that fits",
                )
            )
        else:
            warnings.append(f"{where}: NOC 2016 {code} read as NOC 2021 {m.unique} ({m.note})")
            return m.unique
        return code

    def fix_work(items: list[WorkPeriod], prefix: str) -> list[WorkPeriod]:
        return [
            w.model_copy(update={"noc": fix(w.noc, f"{prefix}work[{i}].noc")})
            for i, w in enumerate(items)
        ]

    update: dict[str, Any] = {
        "work": fix_work(p.work, ""),
        "job_offers": [
            o.model_copy(update={"noc": fix(o.noc, f"job_offers[{i}].noc")})
            for i, o in enumerate(p.job_offers)
        ],
        "certificates_of_qualification": [
            c.model_copy(
                update={
                    "trade_noc": fix(c.trade_noc, f"certificates_of_qualification[{i}].trade_noc")
                }
            )
            for i, c in enumerate(p.certificates_of_qualification)
        ],
    }
    if p.spouse is not None:
        update["spouse"] = p.spouse.model_copy(update={"work": fix_work(p.spouse.work, "spouse.")})
    return p.model_copy(update=update), warnings, problems
