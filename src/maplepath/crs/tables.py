"""CRS points tables on a date, compiled once from the rule files into small nested lists.

The scalar score (with its explained lines) indexes these lists, and the vectorized pool
scorer (``batch``) turns the same lists into numpy arrays, so there is exactly one copy of
every number: the rule file. (Plain lists keep numpy out of a single score's start-up, and
indexing a list is ten times faster than reading a numpy scalar.)

Index conventions (shared with ``CrsInputs`` and the batch columns):
- ``education``: 0 less than secondary, 1 secondary, 2 one-year, 3 two-year, 4 bachelor's or
  three-year program, 5 two or more credentials (one of three years or more), 6 master's or
  entry-to-practice professional degree, 7 doctorate.
- CLB levels 0-12 (0 = no result or below CLB 4); age 0-120; Canadian years 0-5; foreign 0-3.
- ``with_spouse``: index 1 when an accompanying spouse who is not a Canadian citizen or
  permanent resident counts (the "with a spouse" columns), else 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from maplepath.rulebook.book import RuleBook, Ruling, default

EDUCATION_LEVELS = (
    "less_than_secondary",
    "secondary",
    "one_year",
    "two_year",
    "bachelors",
    "two_or_more",
    "masters",
    "doctoral",
)
# Skill transferability groups credentials differently from the core table: ONE post-secondary
# credential of one year or longer — a bachelor's included — is on the 13/25 row; only two or
# more credentials, a master's or a doctorate reach 25/50 (IRCC CRS criteria, section C).
TRANSFER_ROW = (0, 0, 1, 1, 1, 2, 3, 4)
TRANSFER_ROWS = ("secondary_or_less", "one_post_secondary", "two_or_more", "masters", "doctoral")
FOREIGN_ROWS = ("none", "one_or_two", "three_or_more")
MAX_AGE, MAX_CLB = 120, 12

Array = list[Any]  # a table of points: ints, or lists of them (one per spouse column, row)


@dataclass(frozen=True)
class Source:
    """Which rule a table came from, and since when (None: no rule in force that day)."""

    rule: str
    effective_from: date | None


def _step(mapping: dict[Any, int], size: int) -> Array:
    """A step table over 0..size-1: the value of the highest key not above i; below the lowest
    key, the lowest key's value ("17 years of age or less")."""
    keys = sorted(int(k) for k in mapping)
    out = []
    for i in range(size):
        eligible = [k for k in keys if k <= i] or [keys[0]]
        found = mapping[eligible[-1]] if eligible[-1] in mapping else mapping[str(eligible[-1])]
        out.append(int(found))
    return out


def _rows(mapping: dict[str, dict[str, int]], rows: Iterable[str], cols: Iterable[str]) -> Array:
    """A rows x (1 + cols) table whose column 0 is zero (the 'not reached' column)."""
    cols = list(cols)
    return [[0, *(int(mapping[r][c]) for c in cols)] for r in rows]


@dataclass(frozen=True)
class CrsTables:
    on: date
    scenarios: frozenset[str]
    age: Array  # [with_spouse, age]
    education: Array  # [with_spouse, level]
    first_language: Array  # [with_spouse, clb] per ability
    second_language: Array  # [clb] per ability
    second_language_cap: Array  # [with_spouse]
    canadian_experience: Array  # [with_spouse, years]
    core_cap: Array  # [with_spouse]
    spouse_education: Array  # [level]
    spouse_language: Array  # [clb] per ability
    spouse_language_cap: int
    spouse_canadian_experience: Array  # [years]
    spouse_cap: int
    edu_language: Array  # [transfer row, 0 | clb7 | clb9]
    edu_canadian: Array  # [transfer row, 0 | 1 year | 2+ years]
    foreign_language: Array  # [foreign row, 0 | clb7 | clb9]
    foreign_canadian: Array  # [foreign row, 0 | 1 year | 2+ years]
    certificate: Array  # [0 | clb5 | clb7]
    transfer_caps: dict[str, int]
    nomination: int
    sibling: int
    french: Array  # [0 | English CLB 4 or less | English CLB 5+]
    canadian_education: Array  # [0 | one or two years | three or more]
    job_offer: Array  # [0 | other skilled | major group 00]
    additional_cap: int
    total_cap: int
    language_levels: tuple[int, int]  # lowest first-language CLB for transferability columns 1, 2
    certificate_levels: tuple[int, int]  # the same for a certificate of qualification
    french_levels: tuple[int, int]  # (NCLC in all French abilities, CLB in all English ones)
    sources: dict[str, Source]


def _get(
    book: RuleBook, rule: str, on: date, scen: frozenset[str], sources: dict[str, Source]
) -> Ruling:
    ruling = book.at(rule, on, scen)
    since = ruling.effective_from
    if not ruling.in_force:
        # An ended rule explains itself by its end date ("0 points since 2025-03-25"); one not
        # yet started has no date.
        ended = [
            dv.effective_from
            for dv in book.get(rule).values
            if dv.effective_from <= on and dv.ended
        ]
        since = ended[-1] if ended else None
    sources[rule] = Source(rule, since)
    return ruling


def compile_tables(
    on: date, scenarios: Iterable[str] = (), book: RuleBook | None = None
) -> CrsTables:
    """Every CRS table in force on ``on`` (reported values only for the named scenarios)."""
    book = book or default()
    scen = frozenset(scenarios)
    src: dict[str, Source] = {}

    def v(rule: str) -> Any:
        ruling = _get(book, f"crs.{rule}", on, scen, src)
        if not ruling.in_force and rule.startswith(
            ("core.", "spouse.", "transferability.", "caps")
        ):
            raise ValueError(f"no CRS table crs.{rule} on {on}: {ruling.reason}")
        return ruling.value

    def both(value: dict[str, dict[Any, int]], size: int) -> Array:
        return [_step(value["without_spouse"], size), _step(value["with_spouse"], size)]

    def lookup3(value: dict[str, int] | None, keys: tuple[str, str]) -> Array:
        return [0, *(int(value[k]) for k in keys)] if value else [0, 0, 0]

    second = v("core.second_language")
    spouse_lang = v("spouse.language")
    caps = v("transferability.caps")
    core_caps = v("core.caps")
    offer = v("additional.arranged_employment")
    levels = v("transferability.language_levels")
    french = v("additional.french_levels")
    return CrsTables(
        on=on,
        scenarios=scen,
        age=both(v("core.age"), MAX_AGE + 1),
        education=[
            [int(v("core.education")[w][lv]) for lv in EDUCATION_LEVELS]
            for w in ("without_spouse", "with_spouse")
        ],
        first_language=both(v("core.first_language"), MAX_CLB + 1),
        second_language=_step(second["per_ability"], MAX_CLB + 1),
        second_language_cap=[
            int(second["max"]["without_spouse"]),
            int(second["max"]["with_spouse"]),
        ],
        canadian_experience=both(v("core.canadian_experience"), 6),
        core_cap=[int(core_caps["without_spouse"]), int(core_caps["with_spouse"])],
        spouse_education=[int(v("spouse.education")[lv]) for lv in EDUCATION_LEVELS],
        spouse_language=_step(spouse_lang["per_ability"], MAX_CLB + 1),
        spouse_language_cap=int(spouse_lang["max"]),
        spouse_canadian_experience=_step(v("spouse.canadian_experience"), 6),
        spouse_cap=int(v("spouse.caps")),
        edu_language=_rows(
            v("transferability.education_language"), TRANSFER_ROWS, ("clb7", "clb9")
        ),
        edu_canadian=_rows(
            v("transferability.education_canadian_experience"),
            TRANSFER_ROWS,
            ("canadian_1", "canadian_2"),
        ),
        foreign_language=_rows(
            v("transferability.foreign_experience_language"), FOREIGN_ROWS, ("clb7", "clb9")
        ),
        foreign_canadian=_rows(
            v("transferability.foreign_experience_canadian_experience"),
            FOREIGN_ROWS,
            ("canadian_1", "canadian_2"),
        ),
        certificate=lookup3(v("transferability.certificate_language"), ("clb5", "clb7")),
        transfer_caps={
            k: int(caps[k]) for k in ("education", "foreign_experience", "certificate", "total")
        },
        nomination=int(v("additional.provincial_nomination") or 0),
        sibling=int(v("additional.sibling") or 0),
        french=lookup3(
            v("additional.french"), ("nclc7_and_clb4_or_less", "nclc7_and_clb5_or_more")
        ),
        canadian_education=lookup3(
            v("additional.canadian_education"), ("one_or_two_years", "three_or_more")
        ),
        job_offer=lookup3(offer, ("other", "major_group_00")),
        additional_cap=int(v("additional.caps")),
        total_cap=int(v("caps")),
        language_levels=(
            levels["education_and_foreign"]["clb7"],
            levels["education_and_foreign"]["clb9"],
        ),
        certificate_levels=(levels["certificate"]["clb5"], levels["certificate"]["clb7"]),
        # Before French points existed the levels cannot be reached (and the table is zero).
        french_levels=(french["french_nclc"], french["english_clb"])
        if french
        else (MAX_CLB + 1,) * 2,
        sources=src,
    )


_CACHE: dict[tuple[date, frozenset[str], int], tuple[RuleBook, CrsTables]] = {}


def tables(on: date, scenarios: Iterable[str] = (), book: RuleBook | None = None) -> CrsTables:
    """``compile_tables`` memoised per (date, scenarios, rule book). The entry holds its book:
    a book's id is reused once the book is gone, and another book's tables must not answer."""
    book = book or default()
    key = (on, frozenset(scenarios), id(book))
    found = _CACHE.get(key)
    if found is None or found[0] is not book:
        if len(_CACHE) > 4096:
            _CACHE.clear()
        found = _CACHE[key] = (book, compile_tables(on, scenarios, book))
    return found[1]
