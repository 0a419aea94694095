"""NOC 2021 codes: format, TEER, and mapping NOC 2016 codes to NOC 2021.

NOC 2021 unit groups have five digits; the second digit is the TEER category (Training,
Education, Experience and Responsibilities, 0-5), which replaced NOC 2016's skill levels
(0, A, B, C, D) in IRCC's programs on 2022-11-16. People still quote four-digit NOC 2016
codes from old letters and job ads, so a profile may give one: it is mapped when Statistics
Canada's correspondence table maps it to exactly one NOC 2021 unit group, and otherwise the
candidates are listed so the person can choose.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from maplepath import rulebook

CONCORDANCE_RULE = "occupations.noc2016_to_2021"
# The correspondence table is a fixed fact of NOC 2021 V1.0; any date after its release reads it.
_CONCORDANCE_DATE = date(2022, 11, 16)


def coerce(value: Any) -> Any:
    """Normalise a code written in a profile: "21231", 21231 or "2173" (NOC 2016)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("a NOC code is 5 digits (NOC 2021) or 4 digits (NOC 2016), in quotes")
    if isinstance(value, int):
        # YAML reads 00012 as an octal number and drops leading zeros; only codes that cannot
        # have lost a digit are accepted unquoted.
        if 1000 <= value <= 9999 or 10000 <= value <= 99999:
            value = str(value)
        else:
            raise ValueError(f"{value} lost its leading zeros: write the NOC code in quotes")
    if isinstance(value, str):
        code = value.strip()
        if code.isdigit() and len(code) in (4, 5):
            return code
    raise ValueError(
        f'{value!r} is not a NOC code: 5 digits for NOC 2021 (e.g. "21231"), 4 for NOC 2016'
    )


def teer(code: str) -> int:
    """The TEER category of a NOC 2021 unit group: its second digit."""
    if len(code) != 5 or not code.isdigit():
        raise ValueError(f"{code!r} is not a 5-digit NOC 2021 code")
    return int(code[1])


def is_skilled(code: str) -> bool:
    """TEER 0-3: the work Express Entry counts as skilled since 2022-11-16."""
    return teer(code) <= 3


@dataclass(frozen=True)
class Mapping2016:
    noc2016: str
    candidates: tuple[str, ...]  # NOC 2021 codes; one when the mapping is one-to-one
    note: str

    @property
    def unique(self) -> str | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


def map_2016(code: str, book: rulebook.RuleBook | None = None) -> Mapping2016 | None:
    """The NOC 2021 unit group(s) a NOC 2016 code became; None when the table lacks it."""
    table = (book or rulebook.default()).value(CONCORDANCE_RULE, _CONCORDANCE_DATE)
    entry = table.get(code) if table else None
    if entry is None:
        return None
    return Mapping2016(code, tuple(entry["noc2021"]), entry.get("note", ""))
