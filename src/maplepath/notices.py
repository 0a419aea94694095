"""What every report says besides its numbers: that it is an assessment, not advice, and when
its rules were last checked."""

from __future__ import annotations

from datetime import date

from maplepath.i18n import noop, say, word
from maplepath.rulebook.book import RuleBook

# In Canada only licensed consultants (CICC members) and lawyers may advise on immigration for
# a fee (Immigration and Refugee Protection Act, s. 91): the tool measures, it does not advise.
# The constant is the English text (the pages say it with ``_(disclaimer)``); ``disclaimer()``
# says it in the language in force.
DISCLAIMER = noop(
    "maplepath is an assessment of your own facts against published rules, not legal advice. "
    "Only a licensed consultant or lawyer may advise you for a fee."
)


def disclaimer() -> str:
    """The disclaimer in the language in force."""
    return word(DISCLAIMER)


def staleness_warnings(book: RuleBook, on: date) -> list[str]:
    """Say when the assessment date is later than the rules were last checked."""
    checked = book.last_verified()
    if on > checked:
        return [
            say(
                "rules last verified %(checked)s; assessing %(on)s: later changes are not known",
                checked=checked,
                on=on,
            )
        ]
    return []
