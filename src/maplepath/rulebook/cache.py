"""The compiled rule book, kept in the user's data directory so a command need not parse YAML.

The strict parse of every rule file takes 100-170 ms (PyYAML builds every node in Python);
reading the same rules back from one JSON file takes a few. The cache is data, never code: JSON
with a tag on every mapping (so integer keys stay integers and bracket tables stay tables),
never pickle, so a planted or damaged file can at worst be ignored. It is keyed by the content
of every rule file (the rule set's fingerprint) and by this module's and the parser's own
source, so an edit, even one that keeps a file's size and time stamp, is never served stale.
It is written atomically and checked on load: a damaged, foreign or outdated file is rebuilt
from the YAML without a word.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Any

from maplepath import datadir
from maplepath.rulebook import rulefile, schema
from maplepath.rulebook.rulefile import Brackets, DatedValue, Reference, Rule, Updates

FORMAT = 1
_SOURCES = (rulefile.__file__, schema.__file__, __file__)  # the code that makes a cache's rules
_STAMP = hashlib.sha256(b"".join(Path(str(f)).read_bytes() for f in _SOURCES)).hexdigest()


def content_hash(files: list[tuple[str, bytes]]) -> str:
    """The rule set's fingerprint: a hash of every (rule id, file bytes), in id order."""
    h = hashlib.sha256()
    for rule_id, data in sorted(files):
        h.update(rule_id.encode())
        h.update(data)
    return h.hexdigest()


def cache_key(fingerprint: str) -> str:
    return hashlib.sha256(f"{FORMAT}\0{_STAMP}\0{fingerprint}".encode()).hexdigest()


def cache_path(root: Path) -> Path | None:
    """One compiled book per rule-book root (the packaged one, a test's, a user's own)."""
    where = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    try:
        return datadir.data_dir() / "cache" / f"rules-{where}.json"
    except OSError:
        return None  # no writable data directory: parse every time


def load(path: Path, key: str, root: Path) -> dict[str, Rule] | None:
    """The rules stored at ``path`` when it is a sound cache for ``key``; None otherwise."""
    try:
        data = json.loads(path.read_bytes())
        if data["format"] != FORMAT or data["key"] != key:
            return None
        rules = [_rule(r, root) for r in data["rules"]]
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):
        return None
    return {r.id: r for r in rules}


def save(path: Path, key: str, rules: dict[str, Rule], root: Path) -> None:
    payload = {
        "format": FORMAT,
        "key": key,
        "rules": [_rule_json(r, root) for r in rules.values()],
    }
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("rules-*.pickle"):  # the unsafe format of before 2026-12
            old.unlink(missing_ok=True)
        datadir.atomic_write_bytes(path, data.encode())
    except (OSError, ValueError):
        # A read-only home, or a value JSON cannot hold: the book works, only slower.
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


# Values: scalars and lists as JSON has them; every mapping tagged, so the decoder never
# mistakes one for another: {"s": {...}} string keys, {"m": [[k, v], ...]} other keys (CLB
# levels, years), {"b": [thresholds, values]} a bracket table.


def encode(value: Any) -> Any:
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {"s": {k: encode(v) for k, v in value.items()}}
        return {"m": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, Brackets):
        return {"b": [list(value.thresholds), [encode(v) for v in value.values]]}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise ValueError(f"a rule value of type {type(value).__name__} cannot be cached")


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return [decode(v) for v in value]
    if isinstance(value, dict):
        ((tag, body),) = value.items()
        if tag == "s":
            return {k: decode(v) for k, v in body.items()}
        if tag == "m":
            return {decode(k): decode(v) for k, v in body}
        if tag == "b":
            thresholds, values = body
            return Brackets(tuple(thresholds), tuple(decode(v) for v in values))
        raise ValueError(f"unknown tag {tag!r}")
    return value


def _refs(refs: tuple[Reference, ...]) -> list[list[str]]:
    return [[r.title, r.href] for r in refs]


def _rule_json(r: Rule, root: Path) -> dict[str, Any]:
    return {
        "id": r.id,
        "path": r.path.relative_to(root).as_posix(),
        "description": r.description,
        "unit": r.unit,
        "last_verified": r.last_verified.isoformat(),
        "status": r.status,
        "scenario": r.scenario,
        "references": _refs(r.references),
        "notes": r.notes,
        "updates": [r.updates.every, r.updates.month] if r.updates else None,
        "values": [
            [
                dv.effective_from.isoformat(),
                encode(dv.value),
                _refs(dv.references),
                dv.status,
                dv.scenario,
                dv.notes,
            ]
            for dv in r.values
        ],
    }


def _rule(d: dict[str, Any], root: Path) -> Rule:
    return Rule(
        id=d["id"],
        path=root / d["path"],
        description=d["description"],
        unit=d["unit"],
        last_verified=date.fromisoformat(d["last_verified"]),
        status=d["status"],
        scenario=d["scenario"],
        references=tuple(Reference(t, h) for t, h in d["references"]),
        notes=d["notes"],
        values=tuple(
            DatedValue(
                effective_from=date.fromisoformat(when),
                value=decode(value),
                references=tuple(Reference(t, h) for t, h in refs),
                status=status,
                scenario=scenario,
                notes=notes,
            )
            for when, value, refs, status, scenario, notes in d["values"]
        ),
        updates=Updates(*d["updates"]) if d["updates"] else None,
    )
