"""NOC 2021: the classification every program decision turns on.

NOC 2021 unit groups have five digits: broad category (1st digit), TEER (2nd digit: Training,
Education, Experience and Responsibilities, 0-5), major group (2 digits), sub-major (3), minor
(4). TEER replaced NOC 2016's skill levels (0, A, B, C, D) in IRCC's programs on 2022-11-16.
People still quote four-digit NOC 2016 codes from old letters and job ads: Statistics Canada's
correspondence table maps each to the NOC 2021 group(s) it became. Both tables are rule files
(``occupations.noc2021``, ``occupations.noc2016_to_2021``); title search lives in ``title_search``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from maplepath.i18n import noop, word
from maplepath.privacy import shown
from maplepath.rulebook import book as rulebook

STRUCTURE_RULE = "occupations.noc2021"
CONCORDANCE_RULE = "occupations.noc2016_to_2021"
# Both tables are fixed facts of NOC 2021 V1.0; any date after IRCC adopted it reads them.
_TABLE_DATE = date(2022, 11, 16)


class NocError(ValueError):
    """A code that is not a NOC 2021 unit group, with what the person probably meant."""


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
        f'{shown(value)} is not a NOC code: 5 digits for NOC 2021 (e.g. "21231"), 4 for NOC 2016'
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
class UnitGroup:
    code: str
    title: str

    @property
    def teer(self) -> int:
        return int(self.code[1])

    @property
    def broad_category(self) -> str:
        return self.code[:1]

    @property
    def major_group(self) -> str:
        return self.code[:2]

    @property
    def sub_major_group(self) -> str:
        return self.code[:3]

    @property
    def minor_group(self) -> str:
        return self.code[:4]

    def in_group(self, group: str) -> bool:
        """Whether this unit group falls in a class given by its code (1 to 5 digits)."""
        return self.code.startswith(group)


@cache
def _titles(book: rulebook.RuleBook | None = None) -> dict[str, str]:
    table = (book or rulebook.default()).value(STRUCTURE_RULE, _TABLE_DATE)
    return {str(k): str(v) for k, v in table.items()}


def unit_groups() -> dict[str, UnitGroup]:
    """All 516 unit groups by code."""
    return _unit_groups()


@cache
def _unit_groups() -> dict[str, UnitGroup]:
    return {c: UnitGroup(c, t) for c, t in _titles().items() if len(c) == 5}


def group_title(code: str) -> str:
    """The title of any NOC 2021 class: "21" -> "Professional occupations in natural and
    applied sciences"."""
    try:
        return _titles()[code]
    except KeyError:
        raise NocError(f"{code!r} is not a NOC 2021 class") from None


def lookup(code: str) -> UnitGroup:
    """The unit group with this code, or a NocError saying what is wrong with it."""
    code = code.strip()
    groups = unit_groups()
    if code in groups:
        return groups[code]
    if not code.isdigit():
        raise NocError(f"{code!r} is not a NOC code: NOC 2021 unit groups are 5 digits")
    if len(code) == 4:
        m = map_2016(code)
        hint = f"; as NOC 2016 it became {', '.join(m.candidates)}" if m else ""
        raise NocError(f"{code} has 4 digits: NOC 2021 unit groups have 5{hint}")
    if len(code) != 5:
        raise NocError(f"{code} has {len(code)} digits: NOC 2021 unit groups have 5")
    near = [c for c in groups if c[:4] == code[:4]] or [c for c in groups if c[:3] == code[:3]]
    hint = f" (in the same group: {', '.join(near[:6])})" if near else ""
    raise NocError(f"{code} is not a NOC 2021 unit group{hint}")


def is_unit_group(code: str) -> bool:
    return code in unit_groups()


def members(group: str) -> list[UnitGroup]:
    """The unit groups of a class: ``members("21")`` is major group 21."""
    return [g for c, g in unit_groups().items() if c.startswith(group)]


def major_group(code: str) -> list[UnitGroup]:
    if len(code) != 2:
        raise NocError(f"{code!r} is not a major group code (2 digits)")
    return members(code)


def in_groups(code: str, include: Iterable[str], exclude: Iterable[str] = ()) -> bool:
    """Whether a unit group is on a list written as classes, the way programs write them
    ("Major Groups 72 (excluding Sub-Major Group 726), 73 ...; Unit Group 62200")."""
    return any(code.startswith(g) for g in include) and not any(code.startswith(g) for g in exclude)


@dataclass(frozen=True)
class Mapping2016:
    noc2016: str
    candidates: tuple[str, ...]  # NOC 2021 codes; one when the mapping is one-to-one
    note: str
    change: str = ""

    @property
    def unique(self) -> str | None:
        return self.candidates[0] if len(self.candidates) == 1 else None


def map_2016(code: str, book: rulebook.RuleBook | None = None) -> Mapping2016 | None:
    """The NOC 2021 unit group(s) a NOC 2016 code became; None when it is not a NOC 2016 code."""
    table = (book or rulebook.default()).value(CONCORDANCE_RULE, _TABLE_DATE)
    entry = table.get(code) if table else None
    if entry is None:
        return None
    candidates = tuple(entry["noc2021"])
    # Statistics Canada notes only splits and transfers; a one-to-one change is named by title.
    note = entry.get("note") or "; ".join(_titles(book).get(c, c) for c in candidates)
    return Mapping2016(code, candidates, note, entry.get("change", ""))


# TEER categories, summarised from Statistics Canada's NOC 2021 introduction ("TEER
# categories"): https://www.statcan.gc.ca/en/subjects/standard/noc/2021/introductionV1
TEER_MEANING = {
    0: noop("management occupations"),
    1: noop("usually a university degree"),
    2: noop("usually a college diploma or apprenticeship of 2+ years, or supervisory work"),
    3: noop("usually a college diploma or apprenticeship under 2 years, or 6+ months of training"),
    4: noop("usually a high school diploma or several weeks of training"),
    5: noop("usually short-term work demonstration and no formal education"),
}  # said with ``word`` where shown


def describe(code: str) -> dict[str, Any]:
    """A code explained: a unit group with its TEER and groups, or what a NOC 2016 code became."""
    code = code.strip()
    if len(code) == 4 and code.isdigit() and (m := map_2016(code)) is not None:
        became = [lookup(c) for c in m.candidates]
        return {
            "code": code,
            "change": m.change,
            "note": m.note,
            "became": [{"code": g.code, "title": g.title, "teer": g.teer} for g in became],
        }
    g = lookup(code)
    levels = {
        "broad category": g.broad_category,
        "major group": g.major_group,
        "sub-major group": g.sub_major_group,
        "minor group": g.minor_group,
    }
    return {
        "code": g.code,
        "title": g.title,
        "teer": g.teer,
        "teer_meaning": word(TEER_MEANING[g.teer]),
        "groups": {k: {"code": v, "title": group_title(v)} for k, v in levels.items()},
    }
