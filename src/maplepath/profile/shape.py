"""What a problem with a profile's shape says: pydantic's errors in the current language, an
unknown field with where it belongs or the field it was likely meant to be, a required field with
what it takes, each at its field path (``education[0].eca.level``).

pydantic words its errors in English; each error type it gives for a profile has its sentence
here, with the error's context (a bound, the values allowed) in it. The English is pydantic's own
text, unchanged; a type not listed is said in pydantic's English.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator
from datetime import date
from enum import Enum
from typing import Any, get_origin

from pydantic import BaseModel

from maplepath import i18n
from maplepath.i18n import decimal, noop, say, word
from maplepath.profile.dates import DATE_FORMAT
from maplepath.profile.model import Profile


def path(loc: tuple[int | str, ...], data: Any = None) -> str:
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


def walk_types(tp: Any) -> Iterator[Any]:
    """A type and every type inside it (``list[WorkPeriod] | None`` -> list, WorkPeriod...)."""
    yield tp
    for arg in getattr(tp, "__args__", ()):
        yield from walk_types(arg)


@functools.cache
def kinds(model: type[BaseModel]) -> dict[str, tuple[str, type[BaseModel] | None]]:
    """Each field's kind for the checks before pydantic: ("date", None), ("one" | "many", the
    model inside), or ("", None)."""
    out: dict[str, tuple[str, type[BaseModel] | None]] = {}
    for name, field in model.model_fields.items():
        types = list(walk_types(field.annotation))
        sub = next((t for t in types if isinstance(t, type) and issubclass(t, BaseModel)), None)
        if sub is not None:
            out[name] = ("many" if list in {get_origin(t) for t in types} else "one", sub)
        else:
            out[name] = ("date" if date in types else "", None)
    return out


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model whose mapping sits at ``loc`` (list indexes skipped), if any."""
    model: type[BaseModel] | None = Profile
    for part in loc:
        if model is not None and not isinstance(part, int):
            model = kinds(model).get(part, ("", None))[1]
    return model


def _homes(key: str, model: type[BaseModel], where: str) -> list[str]:
    """Where a field named ``key`` belongs below ``where``, nearest first (``eca`` for
    ``issuer`` in a credential): the models one level down, else two."""
    level = [(where, model)]
    for _ in range(2):
        below = [
            ((f"{at}.{name}" if at else name) + ("[]" if kind == "many" else ""), sub)
            for at, m in level
            for name, (kind, sub) in kinds(m).items()
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


def unknown(loc: tuple[int | str, ...], data: Any) -> str:
    """What a field pydantic does not know at ``loc`` says: where it belongs, or the field its
    name is close to."""
    key, model = str(loc[-1]), _model_at(loc[:-1])
    if model is None:
        return say("unknown field")
    homes = _homes(key, model, path(loc[:-1], data))
    if homes:
        return say("unknown field here: it belongs under %(homes)s", homes=say(" or ").join(homes))
    close = _suggest(key, sorted(model.model_fields))
    if close is None:
        return say("unknown field")
    return say("unknown field (did you mean %(close)s?)", close=close)


def required(loc: tuple[int | str, ...]) -> str:
    """What a required field missing at ``loc`` says: what it takes, for a date or a choice."""
    model, name = _model_at(loc[:-1]), str(loc[-1])
    field = model.model_fields.get(name) if model else None
    if field is None:
        return say("required here")
    if date in set(walk_types(field.annotation)):
        return say("required here (a date, %(format)s)", format=DATE_FORMAT)
    kind = field.annotation
    if isinstance(kind, type) and issubclass(kind, Enum):
        return say("required here (one of %(values)s)", values=", ".join(m.value for m in kind))
    return say("required here")


# pydantic's messages by error type, its own English words with its ctx as placeholders: the
# English is pydantic's text as it is; another language says the sentence of the type, if any.
_PYDANTIC = {
    "int_parsing": noop("Input should be a valid integer, unable to parse string as an integer"),
    "int_from_float": noop("Input should be a valid integer, got a number with a fractional part"),
    "int_type": noop("Input should be a valid integer"),
    "float_parsing": noop("Input should be a valid number, unable to parse string as a number"),
    "float_type": noop("Input should be a valid number"),
    "finite_number": noop("Input should be a finite number"),
    "bool_parsing": noop("Input should be a valid boolean, unable to interpret input"),
    "bool_type": noop("Input should be a valid boolean"),
    "string_type": noop("Input should be a valid string"),
    "list_type": noop("Input should be a valid list"),
    "dict_type": noop("Input should be a valid dictionary"),
    "model_type": noop("Input should be a valid dictionary or instance of %(class_name)s"),
    "model_attributes_type": noop(
        "Input should be a valid dictionary or object to extract fields from"
    ),
    "enum": noop("Input should be %(expected)s"),
    "literal_error": noop("Input should be %(expected)s"),
    "greater_than": noop("Input should be greater than %(gt)s"),
    "greater_than_equal": noop("Input should be greater than or equal to %(ge)s"),
    "less_than": noop("Input should be less than %(lt)s"),
    "less_than_equal": noop("Input should be less than or equal to %(le)s"),
    "date_type": noop("Input should be a valid date"),
    "date_parsing": noop("Input should be a valid date in the format YYYY-MM-DD, %(error)s"),
    "date_from_datetime_parsing": noop("Input should be a valid date or datetime, %(error)s"),
    "date_from_datetime_inexact": noop(
        "Datetimes provided to dates should have zero time - e.g. be exact dates"
    ),
}
# The reasons pydantic gives for a date it cannot read (its ``error``), said in a sentence above.
_DATE_REASONS = (
    noop("input is too short"),
    noop("input is too long"),
    noop("invalid character in year"),
    noop("invalid character in month"),
    noop("invalid character in day"),
    noop("invalid date separator, expected `-`"),
    noop("month value is outside expected range of 1-12"),
    noop("day value is outside expected range"),
    noop("unexpected extra characters at the end of the input"),
)


def pydantic_message(err: Any) -> str:
    """pydantic's message of ``err`` in the current language (its English when not mapped)."""
    message = _PYDANTIC.get(err["type"])
    if message is None or i18n.current() == "en":
        return str(err["msg"])
    params = {}
    for name, value in (err.get("ctx") or {}).items():
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int | float):
            value = decimal(str(value))
        elif name == "expected":  # pydantic's list: 'a', 'b' or 'c'
            value = str(value).replace("' or '", "'" + say(" or ") + "'")
        elif name == "error":
            value = word(str(value))
        params[name] = value
    try:
        return word(message) % params
    except (KeyError, TypeError, ValueError):  # a ctx this pydantic no longer gives
        return str(err["msg"])
