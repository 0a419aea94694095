"""The dates of a profile file: ISO calendar dates and nothing else.

pydantic reads a number as seconds since 1970 and "2020-01-01T00:00" as a date, and says
"Input should be a valid date or datetime, input is too short" of "2019-5-31". A profile's
dates are written YYYY-MM-DD, and a bad one says how to write it.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from maplepath.i18n import noop, say, word
from maplepath.privacy import shown

DATE_FORMAT = "YYYY-MM-DD"
# The dates a command (or an API request) can work from: plans look 20 years ahead and
# experience 10 years back, and Python's dates end in 9999. The rules themselves start in 2015
# and say so.
EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LOOSE_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# Why Python's calendar refuses a date written YYYY-MM-DD (said after the message below).
_REASONS = (
    noop("month must be in 1..12"),
    noop("day is out of range for month"),
    noop("year 0 is out of range"),
)


def date_message(value: Any) -> str | None:
    """Why ``value`` is not a profile date, or None when it is one."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return None
    if isinstance(value, str):
        text = value.strip()
        if _ISO_DATE.fullmatch(text):
            try:
                date.fromisoformat(text)
            except ValueError as exc:
                return say(
                    "%(value)s is not a real date (%(format)s): %(why)s",
                    value=repr(value),
                    format=DATE_FORMAT,
                    why=word(str(exc)),
                )
            return None
        loose = _LOOSE_DATE.fullmatch(text)
        if loose:
            y, m, d = loose.groups()
            fixed = f"{y}-{m:0>2}-{d:0>2}"
            return say(
                "%(value)s is not a date in the form %(format)s: write %(fixed)s",
                value=repr(value),
                format=DATE_FORMAT,
                fixed=fixed,
            )
    return say(
        "%(value)s is not a date: write it as %(format)s (e.g. 2024-01-31)",
        value=shown(value),
        format=DATE_FORMAT,
    )
