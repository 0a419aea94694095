"""The words of the CRS's explained lines: the factor of each line and what it counted.

The lines' order and rules (``LAYOUT``) are the same in every language; their words are said
in the language in force when the score is explained. Fixed wordings (education levels, CLB
levels, years, the French and job-offer rows) are said once per language and kept in a
``Words``, so an explained score formats only what depends on the candidate.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from maplepath import i18n
from maplepath.crs import tables as crs_tables
from maplepath.crs.inputs import CrsInputs
from maplepath.i18n import noop, say, word

# The explained lines, in order: (section, factor, rule). The spouse's three lines appear only
# when an accompanying spouse counts.
_CORE = (
    ("core", noop("age"), "crs.core.age"),
    ("core", noop("education"), "crs.core.education"),
    ("core", noop("first language: listening"), "crs.core.first_language"),
    ("core", noop("first language: reading"), "crs.core.first_language"),
    ("core", noop("first language: writing"), "crs.core.first_language"),
    ("core", noop("first language: speaking"), "crs.core.first_language"),
    ("core", noop("second language"), "crs.core.second_language"),
    ("core", noop("Canadian work experience"), "crs.core.canadian_experience"),
)
_SPOUSE = (
    ("spouse", noop("spouse education"), "crs.spouse.education"),
    ("spouse", noop("spouse language"), "crs.spouse.language"),
    ("spouse", noop("spouse Canadian work experience"), "crs.spouse.canadian_experience"),
)
_TRANSFER = (
    (
        "transferability",
        noop("education + language"),
        "crs.transferability.education_language",
    ),
    (
        "transferability",
        noop("education + Canadian experience"),
        "crs.transferability.education_canadian_experience",
    ),
    (
        "transferability",
        noop("foreign experience + language"),
        "crs.transferability.foreign_experience_language",
    ),
    (
        "transferability",
        noop("foreign experience + Canadian experience"),
        "crs.transferability.foreign_experience_canadian_experience",
    ),
    (
        "transferability",
        noop("certificate of qualification + language"),
        "crs.transferability.certificate_language",
    ),
)
_ADDITIONAL = (
    ("additional", noop("provincial nomination"), "crs.additional.provincial_nomination"),
    ("additional", noop("sibling in Canada"), "crs.additional.sibling"),
    ("additional", noop("French"), "crs.additional.french"),
    (
        "additional",
        noop("Canadian post-secondary education"),
        "crs.additional.canadian_education",
    ),
    ("additional", noop("arranged employment"), "crs.additional.arranged_employment"),
)
LAYOUT = (_CORE + _TRANSFER + _ADDITIONAL, _CORE + _SPOUSE + _TRANSFER + _ADDITIONAL)
FIRST_LINES = range(2, 6)  # the four first-language lines
SECOND_LINE = 6

# crs_tables.EDUCATION_LEVELS and TRANSFER_ROWS as they are written in a line.
_LEVEL_NAMES = (
    noop("less than secondary"),
    noop("secondary"),
    noop("one year"),
    noop("two year"),
    noop("bachelors"),
    noop("two or more"),
    noop("masters"),
    noop("doctoral"),
)
_ROW_NAMES = (
    noop("secondary or less"),
    noop("one post secondary"),
    noop("two or more"),
    noop("masters"),
    noop("doctoral"),
)
_FRENCH = (
    noop("no NCLC 7 in all four French abilities"),
    noop("NCLC 7+ French, English CLB 4 or less or none"),
    noop("NCLC 7+ French and CLB 5+ English"),
)
_CANADIAN_EDUCATION = (noop("none"), noop("one or two years"), noop("three years or more"))
_JOB_OFFER = (
    noop("no qualifying job offer"),
    noop("qualifying job offer (skilled)"),
    noop("qualifying job offer (NOC major group 00)"),
)


class Words(NamedTuple):
    """The fixed wordings of the lines in one language."""

    factors: tuple[tuple[str, ...], ...]  # per layout (without, with a spouse)
    levels: tuple[str, ...]
    rows: tuple[str, ...]
    clb: tuple[str, ...]
    years: tuple[str, ...]
    french: tuple[str, ...]
    canadian_education: tuple[str, ...]
    job_offer: tuple[str, ...]
    certificate: tuple[str, str]  # without, with
    nomination: tuple[str, str]
    sibling: tuple[str, str]


_WORDS: dict[str, Words] = {}


def words() -> Words:
    """The wordings in the language in force, said once per language."""
    lang = i18n.current()
    found = _WORDS.get(lang)
    if found is None:
        found = _WORDS[lang] = _said()
    return found


def _said() -> Words:
    def said(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(word(n) for n in names)

    none = word("none")
    return Words(
        factors=tuple(said(tuple(f for _, f, _ in layout)) for layout in LAYOUT),
        levels=said(_LEVEL_NAMES),
        rows=said(_ROW_NAMES),
        clb=tuple(say("CLB %(level)s", level=n) for n in range(crs_tables.MAX_CLB + 1)),
        years=tuple(i18n.years(n) for n in range(6)),
        french=said(_FRENCH),
        canadian_education=said(_CANADIAN_EDUCATION),
        job_offer=said(_JOB_OFFER),
        certificate=(say("no certificate of qualification"), say("certificate of qualification")),
        nomination=(none, say("Express Entry-aligned nomination")),
        sibling=(none, say("citizen or permanent resident sibling")),
    )


def details(i: CrsInputs, t: Any, french: int) -> list[str]:
    """What each line counted, in ``LAYOUT`` order (built only for a result being explained);
    ``french`` is the French line's column."""
    w = words()
    low = min(i.first_l, i.first_r, i.first_w, i.first_s)
    row = w.rows[crs_tables.TRANSFER_ROW[i.education]]
    can, fy = i.canadian_years, i.foreign_years
    cap = t.second_language_cap[1 if i.with_spouse else 0]
    clb = w.clb
    out = [
        say("age %(age)s", age=i.age),
        w.levels[i.education],
        clb[i.first_l],
        clb[i.first_r],
        clb[i.first_w],
        clb[i.first_s],
        say(
            "CLB %(l)s/%(r)s/%(w)s/%(s)s (L/R/W/S), capped at %(cap)s",
            l=i.second_l,
            r=i.second_r,
            w=i.second_w,
            s=i.second_s,
            cap=cap,
        ),
        w.years[can],
    ]
    if i.with_spouse:
        out += (
            w.levels[i.spouse_education],
            say(
                "CLB %(l)s/%(r)s/%(w)s/%(s)s (L/R/W/S)",
                l=i.spouse_l,
                r=i.spouse_r,
                w=i.spouse_w,
                s=i.spouse_s,
            ),
            w.years[i.spouse_canadian_years],
        )
    out += (
        say("%(row)s, lowest first-language CLB %(low)s", row=row, low=low),
        say("%(row)s, %(canadian)s in Canada", row=row, canadian=w.years[can]),
        say("%(foreign)s abroad, lowest first-language CLB %(low)s", foreign=w.years[fy], low=low),
        say(
            "%(foreign)s abroad, %(canadian)s in Canada",
            foreign=w.years[fy],
            canadian=w.years[can],
        ),
        w.certificate[1 if i.certificate else 0],
        w.nomination[1 if i.nomination else 0],
        w.sibling[1 if i.sibling else 0],
        w.french[french],
        w.canadian_education[i.canadian_education],
        w.job_offer[i.job_offer],
    )
    return out
