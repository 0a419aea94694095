"""IRCC's Express Entry rounds file (``ee_rounds_123_en.json``) parsed into typed rounds.

IRCC publishes every round of invitations since the first (2015-01-31) as one JSON file behind
its "rounds of invitations" page. Each round is a mapping of strings, typed by hand over eleven
years, so the same fact comes in several spellings:

- numbers carry thousands commas ("5,000"); two rounds on 2018-05-30 are numbered "91a"/"91b";
- timestamps are "August 7, 2026 at 10:08:20 UTC", and also "April 26,2023 18:10:04 UTC",
  "July 3rd 2026 at ...", "March 02. 2024 at ...", "May 31, 2024 at12:48:30 UTC", a 24-hour
  time with a stray "AM"/"PM", a repeated ISO date, "UTC" left off, and once (round 208) no
  year at all;
- the tie-break time (``drawCutOff``: of candidates at the cut-off score, those who entered the
  pool before it were invited) is blank before round 77 (2017-11): IRCC did not publish it;
- the pool's CRS distribution (``dd1``-``dd18``) is all zeros until IRCC began publishing it
  with each round (round 214, 2022-01-19): zeros there mean "not published", not an empty pool.

The parser is strict about what a value may be and tolerant of how it is written; an error
names the round and the field. Round names map to stable ids through the rule file
``rules/draws/round_names.yaml``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from maplepath.i18n import say
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.rulefile import RuleFileError, parse_rule_file

NAMES_RULE = "draws.round_names"
UNKNOWN = "unknown"
PROGRAMS = ("fsw", "cec", "fst", "pnp")  # the programs a round can invite (``drawText2``)
# dd1..dd18 in IRCC's table order. dd3 (451-500) is the sum of dd4-dd8 and dd9 (401-450) the
# sum of dd10-dd14; dd18 is the whole pool. Checked arithmetically on 434 of 435 rounds: round
# 247 (2023-04-26) has an inconsistent subtotal in IRCC's own data, so sums are not enforced.
BANDS = (
    "601-1200", "501-600", "451-500", "491-500", "481-490", "471-480", "461-470", "451-460",
    "401-450", "441-450", "431-440", "421-430", "411-420", "401-410", "351-400", "301-350",
    "0-300", "total",
)  # fmt: skip
_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTHS = {m: i + 1 for i, name in enumerate(_MONTH_NAMES) for m in (name, name[:3])}
_DAY = re.compile(r"([a-z]+)[\s.]*(\d{1,2})(?:st|nd|rd|th)?[\s,.]*(\d{4})")
_STAMP = re.compile(
    r"(?P<month>[a-z]+)[\s.]*(?P<day>\d{1,2})(?:st|nd|rd|th)?[\s,.]*(?:(?P<year>\d{4})[\s,]*)?"
    r"(?:at)?\s*(?:(?P<iso>\d{4}-\d{2}-\d{2})\s+)?"
    r"(?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})\s*(?P<ampm>[ap]m)?\s*(?:utc)?"
)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_ROUND_NUMBER = re.compile(r"(\d+)([a-z]?)")
REQUIRED = (
    "drawNumber", "drawDate", "drawName", "drawSize", "drawCRS", "drawText2", "drawDateTime",
    "drawCutOff", "drawDistributionAsOn", *(f"dd{i}" for i in range(1, 19)),
)  # fmt: skip


class DrawsImportError(ValueError):
    """A rounds file that cannot be imported; names the round and the field at fault."""

    def __init__(self, message: str, number: str | None = None, field: str | None = None) -> None:
        self.number, self.field = number, field
        if number and field:
            message = say(
                "round %(number)s, field %(field)s: %(message)s",
                number=number,
                field=field,
                message=message,
            )
        elif number:
            message = say("round %(number)s: %(message)s", number=number, message=message)
        elif field:
            message = say(", field %(field)s: %(message)s", field=field, message=message)
        super().__init__(message)


@dataclass(frozen=True)
class Round:
    """One round of invitations, as IRCC published it."""

    number: str  # "1", ..., "91a", "91b", ...
    date: dt.date
    name: str  # IRCC's name for the round type, as written
    category: str  # stable id: general, cec, fsw, fst, pnp, ee_category:<id> or unknown
    programs: tuple[str, ...]  # programs invited (fsw, cec, fst, pnp)
    invitations: int
    cutoff: int | None  # CRS score of the lowest-ranked candidate invited
    drawn_at: datetime | None  # when the round was run (UTC)
    tie_break: datetime | None  # at the cut-off score, profiles entered before this were invited
    distribution_as_on: dt.date | None
    distribution: tuple[int, ...] | None  # counts in BANDS order; None when not published

    @property
    def order(self) -> tuple[dt.date, int, str]:
        return (self.date, *number_key(self.number))

    def pool(self) -> dict[str, int] | None:
        """The pool's CRS distribution keyed by band ("451-500", ..., "total")."""
        return (
            None if self.distribution is None else dict(zip(BANDS, self.distribution, strict=True))
        )


def number_key(number: str) -> tuple[int, str]:
    m = _ROUND_NUMBER.fullmatch(number)
    return (int(m.group(1)), m.group(2)) if m else (0, number)


def parse_rounds(raw: bytes, source: str = "rounds file") -> list[Round]:
    """Every round in an IRCC rounds file, oldest first. Raises DrawsImportError."""
    try:
        data = json.loads(raw)
    except UnicodeDecodeError as e:
        raise DrawsImportError(
            say("%(source)s is not UTF-8 text (%(reason)s)", source=source, reason=e.reason)
        ) from None
    except json.JSONDecodeError as e:
        raise DrawsImportError(
            say(
                "%(source)s is not valid JSON (truncated or damaged?): %(error)s at line "
                "%(line)s column %(column)s",
                source=source,
                error=e.msg,
                line=e.lineno,
                column=e.colno,
            )
        ) from None
    items = data.get("rounds") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise DrawsImportError(
            say('%(source)s has no "rounds" list: not an IRCC rounds file', source=source)
        )
    rounds: dict[str, Round] = {}
    for i, item in enumerate(items):
        r = parse_round(item, position=i)
        if r.number in rounds:
            raise DrawsImportError(say("appears twice in the file"), r.number, "drawNumber")
        rounds[r.number] = r
    return sorted(rounds.values(), key=lambda r: r.order)


def parse_round(item: Any, position: int = 0) -> Round:
    """One round from its JSON mapping. Raises DrawsImportError naming the round and field."""
    if not isinstance(item, dict):
        raise DrawsImportError(
            say("round at position %(position)s is not a mapping", position=position)
        )
    number = item.get("drawNumber")
    if not isinstance(number, str) or not _ROUND_NUMBER.fullmatch(number.strip().lower()):
        raise DrawsImportError(
            say(
                "round at position %(position)s: bad drawNumber %(number)s",
                position=position,
                number=repr(number),
            )
        )
    number = number.strip().lower()
    for key in REQUIRED:
        if not isinstance(item.get(key), str):
            what = (
                say("missing")
                if key not in item
                else say("not text: %(value)s", value=repr(item[key]))
            )
            raise DrawsImportError(what, number, key)

    def field(key: str, parse: Any) -> Any:
        text = " ".join(item[key].split())
        try:
            return parse(text)
        except ValueError as e:
            raise DrawsImportError(f"{e}", number, key) from None

    day: date = field("drawDate", _date)
    counts = tuple(field(f"dd{i}", _int) for i in range(1, 19))
    return Round(
        number=number,
        date=day,
        name=field("drawName", _text),
        category=category_of(item["drawName"]),
        programs=programs_of(item["drawText2"]),
        invitations=field("drawSize", _int),
        cutoff=field("drawCRS", _optional(_int)),
        drawn_at=field("drawDateTime", _optional(lambda t: _stamp(t, day))),
        tie_break=field("drawCutOff", _optional(lambda t: _stamp(t, day))),
        distribution_as_on=field("drawDistributionAsOn", _optional(_date)),
        distribution=None if not any(counts) else counts,
    )


def _text(text: str) -> str:
    if not text:
        raise ValueError(say("empty"))
    return text


def _optional(parse: Any) -> Any:
    return lambda text: parse(text) if text else None


def _int(text: str) -> int:
    if not _NUMBER.fullmatch(text):
        raise ValueError(say("%(text)s is not a whole number", text=repr(text)))
    return int(text.replace(",", ""))


def _month(name: str, text: str) -> int:
    if name not in _MONTHS:
        raise ValueError(say("%(text)s: unknown month %(name)s", text=repr(text), name=repr(name)))
    return _MONTHS[name]


def _date(text: str) -> date:
    """ISO ("2015-01-31") or IRCC's long form ("January 31, 2015")."""
    try:
        if _ISO.fullmatch(text):
            return date.fromisoformat(text)
        if m := _DAY.fullmatch(text.lower()):
            return date(int(m[3]), _month(m[1], text), int(m[2]))
    except ValueError as e:
        raise ValueError(
            say("%(text)s is not a real date (%(error)s)", text=repr(text), error=e)
        ) from None
    raise ValueError(
        say("%(text)s is not a date like 2015-01-31 or January 31, 2015", text=repr(text))
    )


def _stamp(text: str, drawn: date) -> datetime:
    """A time stamp in IRCC's spellings, in UTC. A missing year (round 208's tie-break,
    "October 7 at 16:38:21 UTC") is the latest one that does not put the stamp after the round."""
    m = _STAMP.fullmatch(text.lower())
    if not m:
        raise ValueError(
            say(
                "%(text)s is not a time stamp like 'August 7, 2026 at 10:08:20 UTC'",
                text=repr(text),
            )
        )
    hour = int(m["h"])
    if m["ampm"] and hour <= 12:  # "04:22:17 AM"; a 24-hour "20:19:59 PM" keeps its hour
        hour = hour % 12 + (12 if m["ampm"] == "pm" else 0)
    month, day = _month(m["month"], text), int(m["day"])
    year = int(m["year"]) if m["year"] else drawn.year - ((month, day) > (drawn.month, drawn.day))
    try:
        stamp = datetime(year, month, day, hour, int(m["m"]), int(m["s"]), tzinfo=UTC)
    except ValueError as e:
        raise ValueError(
            say("%(text)s is not a real time (%(error)s)", text=repr(text), error=e)
        ) from None
    if m["iso"] and date.fromisoformat(m["iso"]) != stamp.date():
        raise ValueError(say("%(text)s gives two different dates", text=repr(text)))
    return stamp


@cache
def _name_patterns() -> tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]:
    """(id, patterns) in file order, from the round-names rule (one value since 2015-01-01)."""
    path = rulebook.RULES_ROOT.joinpath(*NAMES_RULE.split(".")).with_suffix(".yaml")
    value = parse_rule_file(path, NAMES_RULE).values[-1].value
    if not isinstance(value, Mapping):
        raise RuleFileError(path, "values", "expected a mapping of id -> patterns")
    out = []
    for rid, patterns in value.items():
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise RuleFileError(path, f"values.{rid}", "expected a list of patterns")
        try:
            out.append((str(rid), tuple(re.compile(p) for p in patterns)))
        except re.error as e:
            raise RuleFileError(path, f"values.{rid}", f"bad pattern: {e}") from None
    return tuple(out)


def known_ids() -> tuple[str, ...]:
    """Every id a round can be given, in the rule file's order (plus ``unknown``)."""
    return (*(rid for rid, _ in _name_patterns()), UNKNOWN)


def _matches(text: str) -> Iterable[str]:
    lowered = " ".join(text.lower().split())
    return (rid for rid, pats in _name_patterns() if any(p.search(lowered) for p in pats))


def category_of(name: str) -> str:
    """The stable id for a round name ("STEM occupations (2023-1)" -> "ee_category:stem")."""
    return next(iter(_matches(name)), UNKNOWN)


def programs_of(text: str) -> tuple[str, ...]:
    """The programs a round invited, from its programs column, in PROGRAMS order."""
    found = set(_matches(text))
    return tuple(p for p in PROGRAMS if p in found)
