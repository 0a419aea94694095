"""Strict parsing of one rule file (OpenFisca's parameter format plus our additions).

The parser refuses anything a reviewer could misread: dates that are not ISO ``YYYY-MM-DD``,
dates out of order or repeated, keys it does not know, a file with no source, a file with no
``last_verified``. Each refusal names the file and the key.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from maplepath.rulebook import schema

IN_FORCE = "in_force"
STATUSES = frozenset({IN_FORCE, "reported", "proposed"})

FILE_KEYS = frozenset({"description", "metadata", "values", "documentation"})
FILE_METADATA_KEYS = frozenset(
    {"unit", "last_verified", "reference", "status", "scenario", "notes", "schema", "updates"}
)
VALUE_KEYS = frozenset({"value", "brackets", "metadata"})
VALUE_METADATA_KEYS = frozenset({"reference", "status", "scenario", "notes"})
REFERENCE_KEYS = frozenset({"title", "href"})
BRACKET_KEYS = frozenset({"threshold", "value"})
UPDATES_KEYS = frozenset({"every", "month"})
UPDATE_PERIODS = frozenset({"year"})

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class RuleFileError(ValueError):
    """A rule file that breaks the format; the message names the file and the key."""

    def __init__(self, path: Path, key: str, message: str) -> None:
        self.path, self.key = path, key
        where = f"{path}: {key}: " if key else f"{path}: "
        super().__init__(where + message)


@dataclass(frozen=True)
class Reference:
    title: str
    href: str


@dataclass(frozen=True)
class Brackets:
    """A step table: the value of the highest threshold not above x."""

    thresholds: tuple[float, ...]
    values: tuple[Any, ...]

    def lookup(self, x: float) -> Any:
        i = bisect.bisect_right(self.thresholds, x) - 1
        if i < 0:
            raise ValueError(f"{x} is below the table's first threshold {self.thresholds[0]}")
        return self.values[i]

    def as_list(self) -> list[dict[str, Any]]:
        return [
            {"threshold": t, "value": v} for t, v in zip(self.thresholds, self.values, strict=True)
        ]


@dataclass(frozen=True)
class DatedValue:
    effective_from: date
    value: Any  # None ends the rule; a Brackets for tables
    references: tuple[Reference, ...]
    status: str
    scenario: str | None
    notes: str | None

    @property
    def ended(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Updates:
    """How often the publisher replaces the rule's table (``metadata.updates``): ``every:
    year``, by ``month`` (1-12). IRCC replaces the proof-of-funds table once a year, by July;
    ``rules audit`` warns when that month has passed a year after the newest table."""

    every: str
    month: int


@dataclass(frozen=True)
class Rule:
    id: str
    path: Path
    description: str
    unit: str | None
    last_verified: date
    status: str
    scenario: str | None
    references: tuple[Reference, ...]
    notes: str | None
    values: tuple[DatedValue, ...]
    updates: Updates | None = None


# libyaml's parser when it is there (ten times faster); resolution and construction below are
# Python either way, so the strictness is the same.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Base):  # type: ignore[valid-type,misc]
    """YAML without implicit timestamps (dates stay strings, checked by us) and without silent
    duplicate keys (PyYAML keeps the last one; we refuse)."""


# YAML 1.1 reads `province: ON` (Ontario) as True and `country: NO` (Norway) as False, and
# `2015-1-5` as a date: only YAML 1.2's true/false are booleans here, and dates stay strings.
_BOOL = "tag:yaml.org,2002:bool"
_StrictLoader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", _BOOL)]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):  # `? [a]: 1`: a list or mapping as a key
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain word or number", key_node.start_mark
            )
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


# Input from strangers (a profile uploaded to the web app) may be built to exhaust the parser:
# aliases that expand to billions of nodes ("billion laughs"), or nesting thousands deep. No
# profile or rule file needs more than a few levels or any alias at all.
MAX_DEPTH = 32
MAX_ALIASES = 20


class YamlLimitError(yaml.YAMLError):
    """A document beyond what a profile or rule file can need; names the line."""

    def __init__(self, problem: str, mark: Any) -> None:
        self.problem, self.problem_mark = problem, mark
        super().__init__(problem)


def _check_limits(text: str) -> None:
    depth = aliases = 0
    for event in yaml.parse(text, Loader=_Base):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlLimitError(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise YamlLimitError(f"more than {MAX_ALIASES} aliases (*name)", event.start_mark)


def nesting_depth(data: Any) -> int:
    """How deeply lists and mappings nest in parsed data (JSON has no event stream to check
    first), counted without recursion and no further than one level past ``MAX_DEPTH``."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                stack.extend(
                    (v, level + 1) for v in (item.values() if isinstance(item, dict) else item)
                )
    return deepest


def load_yaml(text: str) -> Any:
    """Parse YAML the strict way (shared by the rule files, the profiles and the scenario test
    files): within the limits above, plain keys, no duplicate keys, no implicit dates."""
    _check_limits(text)
    return yaml.load(text, Loader=_StrictLoader)


def parse_iso_date(raw: Any, path: Path, key: str) -> date:
    if not isinstance(raw, str) or not _ISO.match(raw):
        raise RuleFileError(path, key, f"{raw!r} is not an ISO date (YYYY-MM-DD)")
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise RuleFileError(path, key, f"{raw!r} is not a real date ({exc})") from None


def _check_keys(obj: Any, allowed: frozenset[str], path: Path, key: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise RuleFileError(path, key, f"expected a mapping, got {type(obj).__name__}")
    unknown = sorted(str(k) for k in obj if k not in allowed)
    if unknown:
        raise RuleFileError(
            path, key, f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}"
        )
    return obj


def _references(raw: Any, path: Path, key: str, required: bool) -> tuple[Reference, ...]:
    if raw is None:
        if required:
            raise RuleFileError(path, key, "no reference: cite a source (title and href)")
        return ()
    if not isinstance(raw, list) or not raw:
        raise RuleFileError(path, key, "reference must be a non-empty list of {title, href}")
    refs = []
    for i, item in enumerate(raw):
        k = f"{key}[{i}]"
        item = _check_keys(item, REFERENCE_KEYS, path, k)
        title, href = item.get("title"), item.get("href")
        if not isinstance(title, str) or not title.strip():
            raise RuleFileError(path, k + ".title", "a reference needs a title stating the fact")
        if not isinstance(href, str) or not href.startswith(("https://", "http://")):
            raise RuleFileError(path, k + ".href", "a reference needs an http(s) href")
        refs.append(Reference(title.strip(), href))
    return tuple(refs)


def _status(meta: dict[str, Any], path: Path, key: str, default: str) -> tuple[str, str | None]:
    status = meta.get("status", default)
    if status not in STATUSES:
        raise RuleFileError(path, key + ".status", f"{status!r} is not one of {sorted(STATUSES)}")
    scenario = meta.get("scenario")
    if scenario is not None and not isinstance(scenario, str):
        raise RuleFileError(path, key + ".scenario", "scenario must be a name")
    return status, scenario


def _updates(meta: dict[str, Any], path: Path) -> Updates | None:
    if "updates" not in meta:
        return None
    key = "metadata.updates"
    raw = _check_keys(meta["updates"], UPDATES_KEYS, path, key)
    every, month = raw.get("every"), raw.get("month")
    if every not in UPDATE_PERIODS:
        raise RuleFileError(
            path, key + ".every", f"{every!r} is not one of {sorted(UPDATE_PERIODS)}"
        )
    if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
        raise RuleFileError(path, key + ".month", f"{month!r} is not a month (1 to 12)")
    return Updates(every, month)


def _brackets(raw: Any, path: Path, key: str) -> Brackets:
    if not isinstance(raw, list) or not raw:
        raise RuleFileError(path, key, "brackets must be a non-empty list of {threshold, value}")
    thresholds: list[float] = []
    values: list[Any] = []
    for i, item in enumerate(raw):
        k = f"{key}[{i}]"
        item = _check_keys(item, BRACKET_KEYS, path, k)
        t = item.get("threshold")
        if isinstance(t, bool) or not isinstance(t, int | float):
            raise RuleFileError(path, k + ".threshold", f"{t!r} is not a number")
        if thresholds and t <= thresholds[-1]:
            raise RuleFileError(path, k + ".threshold", "thresholds must increase")
        if "value" not in item:
            raise RuleFileError(path, k, "a bracket needs a value")
        thresholds.append(t)
        values.append(item["value"])
    return Brackets(tuple(thresholds), tuple(values))


def parse_rule(data: Any, path: Path, rule_id: str) -> Rule:
    data = _check_keys(data, FILE_KEYS, path, "")
    if "description" not in data or not str(data["description"]).strip():
        raise RuleFileError(path, "description", "missing: say in one line what the rule is")
    meta = _check_keys(data.get("metadata"), FILE_METADATA_KEYS, path, "metadata")
    if "last_verified" not in meta:
        raise RuleFileError(path, "metadata.last_verified", "missing: when was this last checked?")
    last_verified = parse_iso_date(meta["last_verified"], path, "metadata.last_verified")
    if last_verified > date.today():
        raise RuleFileError(
            path,
            "metadata.last_verified",
            f"{last_verified} is in the future: give the day checked",
        )
    refs = _references(meta.get("reference"), path, "metadata.reference", required=True)
    file_status, file_scenario = _status(meta, path, "metadata", IN_FORCE)
    updates = _updates(meta, path)
    if file_status != IN_FORCE and not file_scenario:
        raise RuleFileError(path, "metadata", f"status {file_status!r} needs a scenario name")

    raw_values = data.get("values")
    if not isinstance(raw_values, dict) or not raw_values:
        raise RuleFileError(path, "values", "expected a mapping of effective date -> entry")
    values: list[DatedValue] = []
    for raw_key, entry in raw_values.items():
        key = f"values.{raw_key}"
        when = parse_iso_date(raw_key, path, key)
        if values and when <= values[-1].effective_from:
            raise RuleFileError(
                path, key, f"dates must increase (after {values[-1].effective_from})"
            )
        entry = _check_keys(entry, VALUE_KEYS, path, key)
        if ("value" in entry) == ("brackets" in entry):
            raise RuleFileError(path, key, "give exactly one of value: or brackets:")
        vmeta = _check_keys(entry.get("metadata", {}), VALUE_METADATA_KEYS, path, key + ".metadata")
        status, scenario = _status(vmeta, path, key + ".metadata", file_status)
        scenario = scenario or file_scenario
        if status != IN_FORCE and not scenario:
            raise RuleFileError(path, key, f"status {status!r} needs a scenario name to apply it")
        value = (
            _brackets(entry["brackets"], path, key + ".brackets")
            if "brackets" in entry
            else entry["value"]
        )
        values.append(
            DatedValue(
                effective_from=when,
                value=value,
                references=_references(
                    vmeta.get("reference"), path, key + ".metadata.reference", False
                ),
                status=status,
                scenario=scenario,
                notes=vmeta.get("notes"),
            )
        )
    if "schema" in meta:
        try:
            schema.check_rule_values(values, schema.validate(meta["schema"]))
        except schema.SchemaError as exc:
            raise RuleFileError(path, exc.key, exc.message) from None
    return Rule(
        id=rule_id,
        path=path,
        description=str(data["description"]).strip(),
        unit=meta.get("unit"),
        last_verified=last_verified,
        status=file_status,
        scenario=file_scenario,
        references=refs,
        notes=meta.get("notes"),
        values=tuple(values),
        updates=updates,
    )


def parse_rule_file(path: Path, rule_id: str) -> Rule:
    return parse_rule_bytes(path.read_bytes(), path, rule_id)


def parse_rule_bytes(raw: bytes, path: Path, rule_id: str) -> Rule:
    """One rule file's bytes, parsed (``path`` names it in messages)."""
    try:
        data = load_yaml(raw.decode("utf-8"))
    except yaml.YAMLError as exc:
        raise RuleFileError(path, "", f"not valid YAML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise RuleFileError(path, "", f"not UTF-8: {exc}") from None
    return parse_rule(data, path, rule_id)
