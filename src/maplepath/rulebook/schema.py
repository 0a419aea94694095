"""The type of a rule's value, written in the rule file (``metadata.schema``) and checked at load.

A string where a number belongs, a negative number of points or a misspelt key used to load
and break scoring later, far from the file. Each packaged rule file now says what its values
are, and every dated value is checked against that when the file is parsed; a value that does
not fit names the file, the date and the key.

The notation, in YAML:

- a scalar type: ``int``, ``int>=0``, ``number``, ``number>=0`` (an int or a decimal), ``str``,
  ``date`` (an ISO date string), ``bool``, ``any``; alternatives joined by ``|`` (``str|bool``);
- ``[T]``: a list of T;
- a mapping of key -> type: those keys only (each may be absent); the key ``"*"`` types any
  other key;
- ``{"[brackets]": T}``: a bracket table whose values are T.

``null`` fits every type: a rule's ``value: null`` ends it, and a ``null`` inside a value is a
fact not given (a fee not published). ``tools/rule_schemas.py`` writes the schema of a new
rule file from its values, to be read and tightened by hand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

SCALARS = frozenset({"int", "int>=0", "number", "number>=0", "str", "date", "bool", "any"})
BRACKETS = "[brackets]"
WILDCARD = "*"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class SchemaError(ValueError):
    """A value that does not fit, at ``key`` (``values.2025-03-25.value.other``)."""

    def __init__(self, key: str, message: str) -> None:
        self.key, self.message = key, message
        super().__init__(f"{key}: {message}")


def validate(schema: Any, key: str = "metadata.schema") -> Any:
    """The schema itself, checked: SchemaError at the first part that is not a type."""
    if isinstance(schema, str):
        unknown = [t for t in schema.split("|") if t not in SCALARS]
        if unknown:
            known = ", ".join(sorted(SCALARS))
            raise SchemaError(key, f"{unknown[0]!r} is not a type ({known}, [T] or a mapping)")
    elif isinstance(schema, list):
        if len(schema) != 1:
            raise SchemaError(key, "a list type has one element: the type of its items")
        validate(schema[0], f"{key}[0]")
    elif isinstance(schema, dict):
        if not schema:
            raise SchemaError(key, "an empty mapping types nothing: give its keys")
        for k, sub in schema.items():
            validate(sub, f"{key}.{k}")
    else:
        raise SchemaError(key, f"{schema!r} is not a type")
    return schema


def check(value: Any, schema: Any, key: str) -> None:
    """SchemaError when ``value`` (a parsed rule value, or a Brackets) does not fit."""
    if value is None:
        return
    if isinstance(schema, str):
        if not any(_fits(value, t) for t in schema.split("|")):
            raise SchemaError(key, f"{_show(value)} is not {_describe(schema)}")
        return
    if isinstance(schema, list):
        if not isinstance(value, list):
            raise SchemaError(key, f"{_show(value)} is not a list")
        for i, item in enumerate(value):
            check(item, schema[0], f"{key}[{i}]")
        return
    if BRACKETS in schema:
        values = getattr(value, "values", None)
        if values is None or not hasattr(value, "thresholds"):
            raise SchemaError(key, "expected a bracket table (brackets:)")
        for i, item in enumerate(values):
            check(item, schema[BRACKETS], f"{key}.brackets[{i}].value")
        return
    if not isinstance(value, Mapping):
        raise SchemaError(key, f"{_show(value)} is not a mapping")
    for k, item in value.items():
        sub = schema.get(str(k), schema.get(WILDCARD))
        if sub is None:
            known = ", ".join(k2 for k2 in schema if k2 != WILDCARD)
            raise SchemaError(f"{key}.{k}", f"unknown key (the rule's keys: {known})")
        check(item, sub, f"{key}.{k}")


def _fits(value: Any, t: str) -> bool:
    if t == "any":
        return True
    if t == "bool":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False  # YAML's true is not the number 1
    if t in ("int", "int>=0"):
        return isinstance(value, int) and (t == "int" or value >= 0)
    if t in ("number", "number>=0"):
        return isinstance(value, int | float) and value == value and (t == "number" or value >= 0)
    if t == "date":
        return isinstance(value, str) and _DATE.fullmatch(value) is not None
    return isinstance(value, str)  # str


_WORDS = {
    "int": "a whole number",
    "int>=0": "a whole number of 0 or more",
    "number": "a number",
    "number>=0": "a number of 0 or more",
    "str": "a text",
    "date": "a date (YYYY-MM-DD)",
    "bool": "true or false",
}


def _describe(schema: str) -> str:
    return " or ".join(_WORDS.get(t, t) for t in schema.split("|"))


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_rule_values(values: list[Any], schema: Any) -> None:
    """Every dated value of one file against its schema (raises SchemaError)."""
    for dv in values:
        table = hasattr(dv.value, "thresholds")
        check(dv.value, schema, f"values.{dv.effective_from}" + ("" if table else ".value"))
