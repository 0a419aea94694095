"""NOC 2021 occupations: unit groups and TEER (``codes``), the 2016 -> 2021 concordance, title
search (``title_search``) and the importer of the official index of example titles (``index``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maplepath.occupations.codes import (
    NocError,
    UnitGroup,
    describe,
    is_skilled,
    lookup,
    map_2016,
    teer,
)

__all__ = [
    "NocError",
    "UnitGroup",
    "describe",
    "is_skilled",
    "lookup",
    "map_2016",
    "search",
    "teer",
]


if TYPE_CHECKING:
    from maplepath.occupations.title_search import SearchResult


def search(text: str, limit: int = 5) -> list[SearchResult]:
    """Unit groups ranked for a job title or a few words of duties (``.code``, ``.title``,
    ``.teer``, ``.score``, ``.why``), using the imported official index of example titles when
    there is one."""
    # Imported here: the fuzzy matcher and the index are needed only by a search.
    from maplepath.occupations import index, title_search

    found = index.load_index()
    return title_search.search(text, limit, extra_titles=found.titles if found else None)
