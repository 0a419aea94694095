"""Personal values shown in part: enough to tell two apart, not enough to copy.

A passport number in a finding or a message is shown as its first four and last two
characters (``FZ12…56``); shorter values keep less. Messages about a document's content give
the line and column of a fault, never the text around it.
"""

from __future__ import annotations


def mask(value: object) -> str:
    """``FZ1234556`` -> ``FZ12…56``; ``AB123`` -> ``A…3``; three characters or fewer: ``…``."""
    text = "".join(str(value).split())
    if len(text) >= 8:
        return f"{text[:4]}…{text[-2:]}"
    if len(text) >= 4:
        return f"{text[0]}…{text[-1]}"
    return "…"
