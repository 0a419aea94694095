"""The rule book: load the dated, cited rule files, validate them, query them by date.

``rulefile`` parses one file strictly; ``book`` holds every file of a root and answers
``at(rule_id, on)``. Nothing here knows what a rule means: that is the engine's business.
"""

from maplepath.rulebook.book import (
    Brackets,
    Change,
    Reference,
    Rule,
    RuleBook,
    RuleFileError,
    Ruling,
    UnknownRuleError,
    at,
    default,
)

__all__ = [
    "Brackets",
    "Change",
    "Reference",
    "Rule",
    "RuleBook",
    "RuleFileError",
    "Ruling",
    "UnknownRuleError",
    "at",
    "default",
]
