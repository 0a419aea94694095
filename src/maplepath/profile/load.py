"""Reading a profile file: every problem reported at once, by field path, never a traceback.

``load_profile`` parses YAML or JSON, validates the shape with pydantic, then checks what a
shape cannot (an end date before a start date, a test IRCC does not accept, a score off the
test's scale, a fact dated in the future) and maps NOC 2016 codes to NOC 2021. Every message
is in the language in force (``maplepath.i18n``); those of the shape are ``profile.shape``'s.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from maplepath import datadir
from maplepath.i18n import say, say_n, word
from maplepath.occupations import codes as occupations
from maplepath.profile import language, plausibility, shape
from maplepath.profile.dates import date_message
from maplepath.profile.model import JobOffer, LanguageTest, Profile, Spouse, WorkPeriod
from maplepath.rulebook.rulefile import MAX_DEPTH, load_yaml, nesting_depth


@dataclass(frozen=True)
class Problem:
    path: str  # "work[2].start"; "" for the file as a whole
    message: str

    def __str__(self) -> str:
        if not self.path:
            return self.message
        return say("%(path)s: %(message)s", path=self.path, message=self.message)


class ProfileError(ValueError):
    """Everything wrong with a profile file, one problem per line."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source, self.problems = source, problems
        lines = "\n".join(f"  {p}" for p in problems)
        head = say_n(
            "%(source)s: %(num)d problem",
            "%(source)s: %(num)d problems",
            len(problems),
            source=source,
        )
        super().__init__(f"{head}\n{lines}")


@dataclass(frozen=True)
class LoadedProfile:
    profile: Profile
    warnings: tuple[str, ...]


def _date_problems(
    data: Any, model: type[BaseModel], loc: tuple[int | str, ...]
) -> Iterator[tuple[tuple[int | str, ...], str]]:
    if not isinstance(data, dict):
        return
    fields = shape.kinds(model)
    for key, value in data.items():
        kind, sub = fields.get(key, ("", None)) if isinstance(key, str) else ("", None)
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
                problems.append(Problem(shape.path(loc, data), dates[loc]))
            continue
        msg = shape.pydantic_message(err).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = shape.unknown(loc, data)
        elif err["type"] == "missing":
            msg = shape.required(loc)
        elif loc and loc[-1] == "[key]":  # a mapping's key, not a field
            loc, msg = loc[:-2], say("key %(key)s: %(message)s", key=repr(loc[-2]), message=msg)
        problems.append(Problem(shape.path(loc, data), msg))
    problems += [Problem(shape.path(loc, data), m) for loc, m in dates.items() if loc not in said]
    return problems


def parse_document(text: str, source: str) -> dict[str, Any]:
    """The top-level mapping of a YAML or JSON document, or a ProfileError."""
    if not text.strip():
        raise ProfileError(source, [Problem("", say("the file is empty"))])
    try:
        data = json.loads(text) if source.endswith(".json") else load_yaml(text)
    except json.JSONDecodeError as exc:
        raise ProfileError(source, [Problem("", say("not valid JSON: %(why)s", why=exc))]) from None
    except RecursionError:
        problem = say("nested too deeply to be a profile")
        raise ProfileError(source, [Problem("", problem)]) from None
    except yaml.YAMLError as exc:
        problem = say("not valid YAML: %(why)s", why=yaml_reason(exc))
        raise ProfileError(source, [Problem("", problem)]) from None
    if nesting_depth(data) > MAX_DEPTH:
        problem = say("nested more than %(depth)s levels deep: not a profile", depth=MAX_DEPTH)
        raise ProfileError(source, [Problem("", problem)])
    if not isinstance(data, dict):
        problem = say("expected a mapping of fields, got a %(kind)s", kind=type(data).__name__)
        raise ProfileError(source, [Problem("", problem)])
    return data


def yaml_reason(exc: yaml.YAMLError) -> str:
    """Where and what, never the text around it (PyYAML quotes the lines: personal facts)."""
    if isinstance(exc, yaml.reader.ReaderError):  # a control character
        char = exc.character
        code = f"#x{char:02x}" if isinstance(char, int) else f"#x{ord(char[:1] or ' '):02x}"
        return say(
            "character %(code)s at position %(position)s is not allowed in YAML",
            code=code,
            position=exc.position,
        )
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or say("not a YAML document")
    if mark is None:
        return str(problem)
    return say(
        "line %(line)s, column %(column)s: %(problem)s",
        line=mark.line + 1,
        column=mark.column + 1,
        problem=problem,
    )


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
        msg = say("cannot read the file: %(why)s", why=exc.strerror)
        raise ProfileError(str(p), [Problem("", msg)]) from None
    except datadir.NotReadable as exc:
        raise ProfileError(str(p), [Problem("", say("not a profile: %(why)s", why=exc))]) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = say("not UTF-8 text (byte %(byte)s)", byte=exc.start)
        raise ProfileError(str(p), [Problem("", msg)]) from None
    return validate_profile(parse_document(text, str(p)), str(p), today)


def validate_profile(
    data: Any, source: str = "profile", today: date | None = None
) -> LoadedProfile:
    """Check a parsed document; raise ProfileError listing every problem."""
    if not isinstance(data, dict):
        raise ProfileError(source, [Problem("", say("expected a mapping of fields"))])
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
    warnings += [str(Problem(f.path, f.message)) for f in unusual]
    if problems:
        raise ProfileError(source, problems)
    return LoadedProfile(mapped, tuple(warnings))


def _check(p: Profile, today: date | None) -> Iterator[Problem]:
    if p.birth_date and today and p.birth_date > today:
        yield Problem("birth_date", say("%(day)s is in the future", day=p.birth_date))
    if p.spouse is not None and p.has_partner is False:
        status = p.marital_status
        why = say("only for married or common_law (marital_status is %(status)s)", status=status)
        yield Problem("spouse", why)
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
            yield Problem(f"evidence[{i}].id", say("%(id)s is used twice", id=repr(e.id)))


def _check_person(person: Profile | Spouse, prefix: str, today: date | None) -> Iterator[Problem]:
    if prefix and person.birth_date and today and person.birth_date > today:
        yield Problem(prefix + "birth_date", say("%(day)s is in the future", day=person.birth_date))
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
        yield Problem(f"{where}.start", say("date is after end (%(end)s)", end=x.end))
    if today and isinstance(x, WorkPeriod) and x.start and x.start > today:
        why = say("%(day)s is in the future: list work already done", day=x.start)
        yield Problem(f"{where}.start", why)


def _check_test(test: LanguageTest, where: str, today: date | None) -> Iterator[Problem]:
    if test.test in language.UNACCEPTED_TESTS:
        yield Problem(f"{where}.test", word(language.UNACCEPTED_TESTS[test.test]))
        return
    waiting = None if test.test in language.TESTS else language.pending(test.test)
    if waiting:
        yield Problem(f"{where}.test", waiting)
        return
    if test.test not in language.TESTS:
        known = ", ".join(language.TESTS)
        why = say(
            "%(test)s is not a test IRCC accepts (%(known)s)", test=repr(test.test), known=known
        )
        yield Problem(f"{where}.test", why)
        return
    if today and test.date > today:
        why = say("%(day)s is in the future: give results you have", day=test.date)
        yield Problem(f"{where}.date", why)
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
            why = say(
                "%(code)s is not a NOC 2016 code we can map: give the 5-digit NOC 2021 code",
                code=code,
            )
            problems.append(Problem(where, why))
        elif m.unique is None:
            why = say(
                "NOC 2016 %(code)s became several NOC 2021 groups (%(candidates)s); %(note)s. "
                "Give the one that fits",
                code=code,
                candidates=", ".join(m.candidates),
                note=m.note,
            )
            problems.append(Problem(where, why))
        else:
            why = say(
                "NOC 2016 %(code)s read as NOC 2021 %(new)s (%(note)s)",
                code=code,
                new=m.unique,
                note=m.note,
            )
            warnings.append(str(Problem(where, why)))
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
