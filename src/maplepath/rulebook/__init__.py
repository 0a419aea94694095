"""The rule book: load the dated, cited rule files, validate them, query them by date.

``rulefile`` parses one file strictly; ``cache`` keeps the compiled book as JSON keyed by the
files' content; ``book`` holds every file of a root and answers ``at(rule_id, on)``. Nothing
here knows what a rule means: that is the engine's business.
"""

from maplepath.rulebook.book import *  # noqa: F403  (the names of book.__all__)
from maplepath.rulebook.book import __all__ as __all__
