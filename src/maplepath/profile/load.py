"""Reading a profile file: every problem reported at once, by field path, never a traceback.

``load_profile`` parses YAML or JSON, validates the shape with pydantic, then checks what a
shape cannot (an end date before a start date, a test IRCC does not accept, a score off the
test's scale, a fact dated in the future) and maps NOC 2016 codes to NOC 2021.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from maplepath import datadir
from maplepath.occupations import codes as occupations
from maplepath.profile import language, plausibility
from maplepath.profile.dates import DATE_FORMAT, date_message
from maplepath.profile.model import JobOffer, LanguageTest, Profile, Spouse, WorkPeriod
from maplepath.rulebook.rulefile import MAX_DEPTH, load_yaml, nesting_depth


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


def _path(loc: tuple[int | str, ...], data: Any = None) -> str:
    """``education[0].eca.level``: an int is a list index only where the document has a list
    (a mapping key that YAML read as a number is still a key)."""
    out, node = "", data
    for part in loc:
        if isinstance(part, int) and (data is None or isinstance(node, list)):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
        try:
            node = node[part]
        except (IndexError, KeyError, TypeError):
            node = None
    return out


def _walk_types(tp: Any) -> Iterator[Any]:
    yield tp
    for arg in getattr(tp, "__args__", ()):
        yield from _walk_types(arg)


@functools.cache
def _shape(model: type[BaseModel]) -> dict[str, tuple[str, type[BaseModel] | None]]:
    """Each field's kind for the checks before pydantic: ("date", None), ("one" | "many", the
    model inside), or ("", None)."""
    out: dict[str, tuple[str, type[BaseModel] | None]] = {}
    for name, field in model.model_fields.items():
        kinds = list(_walk_types(field.annotation))
        sub = next((t for t in kinds if isinstance(t, type) and issubclass(t, BaseModel)), None)
        if sub is not None:
            out[name] = ("many" if list in {get_origin(t) for t in kinds} else "one", sub)
        else:
            out[name] = ("date" if date in kinds else "", None)
    return out


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model whose mapping sits at ``loc`` (list indexes skipped), if any."""
    model: type[BaseModel] | None = Profile
    for part in loc:
        if model is not None and not isinstance(part, int):
            model = _shape(model).get(part, ("", None))[1]
    return model


def _homes(key: str, model: type[BaseModel], where: str) -> list[str]:
    """Where a field named ``key`` belongs below ``where``, nearest first (``eca`` for
    ``issuer`` in a credential): the models one level down, else two."""
    level = [(where, model)]
    for _ in range(2):
        below = [
            ((f"{at}.{name}" if at else name) + ("[]" if kind == "many" else ""), sub)
            for at, m in level
            for name, (kind, sub) in _shape(m).items()
            if sub is not None
        ]
        found = [at for at, sub in below if key in sub.model_fields]
        if found:
            return found[:3]
        level = below
    return []


def _suggest(key: str, names: list[str]) -> str | None:
    """The field a typo most likely meant: a prefix first (hours -> hours_per_week)."""
    prefixed = [n for n in names if len(key) >= 3 and n.startswith(key)]
    if prefixed:
        return min(prefixed, key=len)
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown(loc: tuple[int | str, ...], data: Any) -> str:
    key, model = str(loc[-1]), _model_at(loc[:-1])
    if model is None:
        return "unknown field"
    homes = _homes(key, model, _path(loc[:-1], data))
    if homes:
        return f"unknown field here: it belongs under {' or '.join(homes)}"
    close = _suggest(key, sorted(model.model_fields))
    return "unknown field" + (f" (did you mean {close}?)" if close else "")


def _required(loc: tuple[int | str, ...]) -> str:
    model, name = _model_at(loc[:-1]), str(loc[-1])
    field = model.model_fields.get(name) if model else None
    if field is None:
        return "required here"
    if date in set(_walk_types(field.annotation)):
        return f"required here (a date, {DATE_FORMAT})"
    kind = field.annotation
    if isinstance(kind, type) and issubclass(kind, Enum):
        return f"required here (one of {', '.join(m.value for m in kind)})"
    return "required here"


def _date_problems(
    data: Any, model: type[BaseModel], loc: tuple[int | str, ...]
) -> Iterator[tuple[tuple[int | str, ...], str]]:
    if not isinstance(data, dict):
        return
    shape = _shape(model)
    for key, value in data.items():
        kind, sub = shape.get(key, ("", None)) if isinstance(key, str) else ("", None)
        if kind == "date" and (message := date_message(value)):
            yield (*loc, key), message
        elif kind == "one" and sub is not None:
            yield from _date_problems(value, sub, (*loc, key))
        elif kind == "many" and sub is not None and isinstance(value, list):
            for i, item in enumerate(value):
                yield from _date_problems(item, sub, (*loc, key, i))


def _shape_problems(data: dict[str, Any], exc: ValidationError | None) -> list[Problem]:
    """pydantic's errors, and the date checks before them, by field path: where a date check
    and pydantic both object to a field, the date check says why."""
    dates = {loc: message for loc, message in _date_problems(data, Profile, ())}
    problems, said = [], set()
    for err in exc.errors(include_url=False) if exc else []:
        loc = tuple(err["loc"])
        if loc in dates:
            if loc not in said:
                said.add(loc)
                problems.append(Problem(_path(loc, data), dates[loc]))
            continue
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = _unknown(loc, data)
        elif err["type"] == "missing":
            msg = _required(loc)
        elif loc and loc[-1] == "[key]":  # a mapping's key, not a field
            loc, msg = loc[:-2], f"key {loc[-2]!r}: {msg}"
        problems.append(Problem(_path(loc, data), msg))
    problems += [Problem(_path(loc, data), m) for loc, m in dates.items() if loc not in said]
    return problems


def parse_document(text: str, source: str) -> dict[str, Any]:
    """The top-level mapping of a YAML or JSON document, or a ProfileError."""
    if not text.strip():
        raise ProfileError(source, [Problem("", "the file is empty")])
    try:
        data = json.loads(text) if source.endswith(".json") else load_yaml(text)
    except json.JSONDecodeError as exc:
        raise ProfileError(source, [Problem("", f"not valid JSON: {exc}")]) from None
    except RecursionError:
        raise ProfileError(source, [Problem("", "nested too deeply to be a profile")]) from None
    except yaml.YAMLError as exc:
        raise ProfileError(source, [Problem("", f"not valid YAML: {yaml_reason(exc)}")]) from None
    if nesting_depth(data) > MAX_DEPTH:
        problem = f"nested more than {MAX_DEPTH} levels deep: not a profile"
        raise ProfileError(source, [Problem("", problem)])
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise ProfileError(source, [Problem("", f"expected a mapping of fields, got a {kind}")])
    return data


def yaml_reason(exc: yaml.YAMLError) -> str:
    """Where and what, never the text around it (PyYAML quotes the lines: personal facts)."""
    if isinstance(exc, yaml.reader.ReaderError):  # a control character
        char = exc.character
        code = f"#x{char:02x}" if isinstance(char, int) else f"#x{ord(char[:1] or ' '):02x}"
        return f"character {code} at position {exc.position} is not allowed in YAML"
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or "not a YAML document"
    return f"line {mark.line + 1}, column {mark.column + 1}: {problem}" if mark else problem


def load_profile(path: str | Path, today: date | None = None) -> Profile:
    """Read and check a profile file (see ``read_profile`` for the warnings too)."""
    return read_profile(path, today).profile


# A profile of every fact a person could have is a few kilobytes; the web app takes 1 MiB.
MAX_PROFILE_BYTES = 1 << 20


def read_profile(path: str | Path, today: date | None = None) -> LoadedProfile:
    """Read and check a profile file. ``today`` (given by the CLI) refuses facts dated later."""
    p = Path(path)
    try:
        raw = datadir.read_small_file(p, MAX_PROFILE_BYTES)
    except OSError as exc:
        raise ProfileError(str(p), [Problem("", f"cannot read the file: {exc.strerror}")]) from None
    except datadir.NotReadable as exc:
        raise ProfileError(str(p), [Problem("", f"not a profile: {exc}")]) from None
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
        raise ProfileError(source, _shape_problems(data, exc)) from None
    if bad_dates := _shape_problems(data, None):  # dates pydantic accepts but a profile does not
        raise ProfileError(source, bad_dates)
    problems = list(_check(profile, today))
    impossible, unusual = plausibility.check(profile, today)
    problems += [Problem(f.path, f.message) for f in impossible]
    mapped, warnings, map_problems = (
        _map_nocs(profile) if _has_2016_codes(profile) else (profile, [], [])
    )
    problems += map_problems
    warnings += [f"{f.path}: {f.message}" for f in unusual]
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
    first: dict[str, int] = {}  # one pass: a list search per entry was quadratic
    for i, e in enumerate(p.evidence):
        if first.setdefault(e.id, i) != i:
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
