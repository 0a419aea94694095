"""Write ``metadata.schema`` into each rule file that has none, inferred from its values.

Usage: ``.venv/bin/python tools/rule_schemas.py [RULES_ROOT]`` (default: the packaged rules).
The inferred type is the loosest that every dated value fits (``int>=0`` when every number is a
whole number of 0 or more, ``number`` when some are decimals or negative, a mapping of the keys
seen, ``"*"`` for a mapping keyed by codes or with more than 12 keys). Read what it writes and
tighten it by hand: the schema is what a later edit is checked against (rulebook/schema.py).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1] / "src" / "maplepath" / "rules"
sys.path.insert(0, str(ROOT.parents[1]))

from maplepath.rulebook.rulefile import Brackets, parse_rule_file  # noqa: E402
from maplepath.rulebook.schema import BRACKETS, WILDCARD  # noqa: E402

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}$")
_KEY = re.compile(r"[a-z_][a-z0-9_]*$")
_NUMBERS = ["int>=0", "int", "number>=0", "number"]


def _scalar(v: Any) -> str:
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int>=0" if v >= 0 else "int"
    if isinstance(v, float):
        return "number>=0" if v >= 0 else "number"
    return "date" if _DATE.match(str(v)) else "str"


def _merge_scalars(a: str, b: str) -> str:
    parts = set(a.split("|")) | set(b.split("|"))
    numbers = [p for p in parts if p in _NUMBERS]
    rest = sorted(p for p in parts if p not in _NUMBERS)
    if "date" in rest and "str" in rest:
        rest.remove("date")
    if "any" in rest:
        return "any"
    if numbers:
        loosest = max(_NUMBERS.index(n) for n in numbers)
        widest = "number" if {"int", "number>=0"} <= set(numbers) else _NUMBERS[loosest]
        rest = [widest, *rest]
    return "|".join(rest)


def _merge(a: Any, b: Any) -> Any:
    if a is None or a == b:
        return b
    if b is None:
        return a
    if isinstance(a, str) and isinstance(b, str):
        return _merge_scalars(a, b)
    if isinstance(a, list) and isinstance(b, list):
        return [_merge(a[0], b[0])]
    if isinstance(a, dict) and isinstance(b, dict):
        if (WILDCARD in a) != (WILDCARD in b):
            item = None
            for sub in (*a.values(), *b.values()):
                item = _merge(item, sub)
            return {WILDCARD: item}
        return {k: _merge(a.get(k), b.get(k)) for k in dict.fromkeys([*a, *b])}
    return "any"


def _infer(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, dict):
        keys = [str(k) for k in v]
        if len(keys) > 12 or not all(_KEY.match(k) for k in keys):
            item = None
            for sub in v.values():
                item = _merge(item, _infer(sub))
            return {WILDCARD: item}
        return {str(k): _infer(sub) for k, sub in v.items()}
    if isinstance(v, list):
        item = None
        for sub in v:
            item = _merge(item, _infer(sub))
        return [item]
    return _scalar(v)


def _closed(t: Any) -> Any:
    """Unknown parts (only nulls or empty lists seen) become ``any``."""
    if t is None:
        return "any"
    if isinstance(t, list):
        return [_closed(t[0])]
    if isinstance(t, dict):
        return {k: _closed(sub) for k, sub in t.items()}
    return t


def infer_schema(values: list[Any]) -> Any:
    t = None
    for v in values:
        if isinstance(v, Brackets):
            item = None
            for sub in v.values:
                item = _merge(item, _infer(sub))
            t = _merge(t, {BRACKETS: item})
        elif v is not None:
            t = _merge(t, _infer(v))
    return _closed(t)


def write_schema(path: Path, root: Path) -> bool:
    rule_id = ".".join(path.relative_to(root).with_suffix("").parts)
    rule = parse_rule_file(path, rule_id)
    text = path.read_text(encoding="utf-8")
    if re.search(r"^  schema:", text, re.M):
        return False
    found = infer_schema([dv.value for dv in rule.values])
    if isinstance(found, str):  # a plain scalar: safe_dump would write a flow mapping
        dumped = f"schema: {found}\n"
    else:
        dumped = yaml.safe_dump(
            {"schema": found}, sort_keys=False, width=96, default_flow_style=None
        )
    block = "".join("  " + line for line in dumped.splitlines(keepends=True))
    new, n = re.subn(r"^metadata:\n", lambda m: m.group(0) + block, text, count=1, flags=re.M)
    if n != 1:
        raise SystemExit(f"{path}: no top-level metadata: line")
    path.write_text(new, encoding="utf-8")
    return True


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT
    written = [p for p in sorted(root.rglob("*.yaml")) if write_schema(p, root)]
    print(f"{len(written)} rule files given a schema")


if __name__ == "__main__":
    main()
