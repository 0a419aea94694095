"""Personal values shown in part: enough to tell two apart or to find a typing error, not
enough to copy.

A passport number in a finding is shown as its first four and last two characters
(``FZ12…56``). An error message that quotes what was written (a country that is not a code, a
NOC that is not one) quotes a short value whole (``'Indai'``, ``'2173'``, ``'1995-4-12'``) and
a longer one in part, since a long value in the wrong field is most often a name or a number
that belongs elsewhere. Messages about a document's content give the line and column of a
fault, never the text around it.
"""

from __future__ import annotations

import re

_DATE_LIKE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_YEAR = re.compile(r"\b(19|20)\d\d\b")  # "12 April 1995": a date in words


def mask(value: object) -> str:
    """``FZ1234556`` -> ``FZ12…56``; ``AB123`` -> ``A…3``; three characters or fewer: ``…``."""
    text = "".join(str(value).split())
    if len(text) >= 8:
        return f"{text[:4]}…{text[-2:]}"
    if len(text) >= 4:
        return f"{text[0]}…{text[-1]}"
    return "…"


def shown(value: object) -> str:
    """``value`` quoted for an error message: whole when short or shaped like a date, masked
    otherwise (``'Priya Sharma'`` -> ``'Priy…ma'``)."""
    if not isinstance(value, str):
        text = repr(value)
        return text if len(text) <= 12 else mask(text)
    text = value.strip()
    if len(value) <= 6 or _DATE_LIKE.fullmatch(text) or (len(text) <= 20 and _YEAR.search(text)):
        return repr(value)
    return repr(mask(value))
