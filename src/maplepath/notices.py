"""What every report says besides its numbers: that it is an assessment, not advice, and when
its rules were last checked."""

from __future__ import annotations

from datetime import date

from maplepath.rulebook.book import RuleBook

# In Canada only licensed consultants (CICC members) and lawyers may advise on immigration for
# a fee (Immigration and Refugee Protection Act, s. 91): the tool measures, it does not advise.
DISCLAIMER = (
    "maplepath is an assessment of your own facts against published rules, not legal advice. "
    "Only a licensed consultant or lawyer may advise you for a fee."
)


def staleness_warnings(book: RuleBook, on: date) -> list[str]:
    """Say when the assessment date is later than the rules were last checked."""
    checked = book.last_verified()
    if on > checked:
        return [f"rules last verified {checked}; assessing {on}: later changes are not known"]
    return []
