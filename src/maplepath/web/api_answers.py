"""The HTTP API's answers as models, so that ``/openapi.json`` describes every field. The
bytes sent are ``report.answers`` (the CLI's ``--json``); these models only describe them, and
the tests check every answer against its model (``tests/web/test_api_answers.py``): a key the
model lacks, or a value of another type, fails them. No model lets an undescribed key through.

The planner's answers (``plan trajectory``, ``plan improve``) are in ``api_answers_plan``, with
the vocabulary both modules use (dates, verdicts, statuses), and are re-exported here.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from maplepath.web.api_answers_plan import (
    AnswerModel,
    CriterionStatus,
    Improvement,
    IsoDate,
    LeadsTo,
    Month,
    ProgramStatus,
    VerdictValue,
)

__all__ = [
    "AssessAnswer",
    "CrsAnswer",
    "DrawStats",
    "Improvement",
    "Month",
    "NocMatch",
    "NocUnit",
    "Pathway",
    "RuleAnswer",
]

# A dated value of a rule: in force, or a change reported or proposed but not confirmed,
# applied only under its scenario (``rulebook.rulefile.STATUSES``).
RuleStatus = Literal["in_force", "reported", "proposed"]
Teer = Annotated[
    int,
    Field(
        ge=0,
        le=5,
        description="The TEER category (Training, Education, Experience and "
        "Responsibilities), 0-5: the second digit of a NOC 2021 code; 0-3 is skilled work.",
    ),
]


# --- maplepath crs ---------------------------------------------------------------------------


class CrsSections(AnswerModel):
    """The four sections of the CRS (IRCC, CRS criteria), each already capped."""

    core: int = Field(description="A, core human capital (max. 460 with a spouse, 500 alone).")
    spouse: int = Field(description="B, the accompanying spouse's factors (max. 40; 0 alone).")
    transferability: int = Field(description="C, skill transferability (max. 100).")
    additional: int = Field(description="D, additional points (max. 600).")


class CrsLine(AnswerModel):
    """One explained line of the score: the points of one factor and the rule that gave them."""

    factor: str = Field(description="What the line counts, in the language of the answer.")
    points: int
    rule: str = Field(description="The id of the rule applied (`GET /api/v1/rules/{rule}`).")
    effective_from: IsoDate | None = Field(
        description="Since when the value of the rule applied has been in force."
    )
    detail: str = Field(description="The facts counted, in the language of the answer.")


class CrsAlternative(AnswerModel):
    """A couple's other arrangement: the spouse as principal applicant, scored too."""

    principal_applicant: Literal["spouse"]
    total: int
    difference: int = Field(description="This total minus the profile's as given.")


class CrsAnswer(AnswerModel):
    """The Comprehensive Ranking System score on a date, line by line
    (``maplepath crs --json``)."""

    on: IsoDate = Field(description="The date scored.")
    total: int
    sections: CrsSections
    lines: list[CrsLine]
    principal_applicant: Literal["applicant", "spouse"] = Field(
        description="Whose human capital is scored as the principal applicant's."
    )
    warnings: list[str] = Field(
        description="The profile's warnings, then the score's (a result not counted, a rule "
        "change reported but not applied, a rule book older than the date)."
    )
    missing: list[str] = Field(
        description="Facts of the profile that are missing and would change the score."
    )
    alternative: CrsAlternative | None = Field(
        description="With an accompanying spouse who could be principal applicant, the score "
        "that way; null otherwise."
    )


# --- maplepath pathways / assess -------------------------------------------------------------


class Criterion(AnswerModel):
    """One requirement of a program, measured on the date."""

    id: str = Field(description="Stable within the program (`experience`, `language`, ...).")
    status: CriterionStatus = Field(
        description="`unknown` when a fact is missing: never `unmet` for want of a fact."
    )
    detail: str = Field(
        description="Why, in the language of the answer; an `unknown` one names the profile "
        "facts that would decide it."
    )
    rules: list[str] = Field(description="The ids of the rules the criterion applied.")


class Pathway(AnswerModel):
    """One program's verdict on the date (``maplepath pathways --json``): eligible only when
    every criterion is met, ineligible as soon as one is unmet, otherwise unknown."""

    program: str = Field(description="The program's id: `fsw`, `cec`, `ee_category:stem`, ...")
    verdict: VerdictValue
    status: ProgramStatus = Field(description="The program's status rule on the date.")
    criteria: list[Criterion]
    leads_to: LeadsTo = Field(description="What a successful application gives.")
    processing: str | None = Field(
        description="Typical processing time as the program's rule words it; null when no "
        "rule says."
    )


class RulesVersion(AnswerModel):
    """Which rule book answered."""

    last_verified: IsoDate | None = Field(
        description="The latest day any rule was checked against its source."
    )
    fingerprint: str = Field(description="A digest of the rule book's content.")


class AssessAnswer(AnswerModel):
    """One person's Express Entry picture on a date (``maplepath assess --json``)."""

    on: IsoDate = Field(description="The date assessed.")
    crs: CrsAnswer
    programs: list[Pathway] = Field(
        description="The Express Entry programs (FSW, CEC, FST), in that order."
    )
    pathways: list[Pathway] = Field(description="Every route, ranked as `pathways` ranks them.")
    missing: list[str] = Field(
        description="Facts that are missing, with the score or the verdict they would decide."
    )
    warnings: list[str]
    rules: RulesVersion
    disclaimer: str = Field(description="An assessment, not legal advice.")


# --- maplepath noc ---------------------------------------------------------------------------


class NocMatch(AnswerModel):
    """A NOC 2021 unit group found for a job title (``maplepath noc search --json``)."""

    code: str = Field(description="The five-digit NOC 2021 code.", pattern=r"^\d{5}$")
    title: str
    teer: Teer
    score: float = Field(ge=0, le=100, description="How well the words matched; best first.")
    why: str = Field(description="Which words matched where.")


class NocGroup(AnswerModel):
    """A class of NOC 2021 above the unit group."""

    code: str
    title: str


class NocGroups(AnswerModel):
    """The classes a unit group belongs to, from its first digit to its first four."""

    broad_category: NocGroup = Field(alias="broad category")
    major_group: NocGroup = Field(alias="major group")
    sub_major_group: NocGroup = Field(alias="sub-major group")
    minor_group: NocGroup = Field(alias="minor group")


class NocListing(AnswerModel):
    """An occupation list of a program or an Express Entry category that names the code, and
    the days it did."""

    program: str = Field(description="The program id (`bc_pnp_tech`, `ee_category:stem`).")
    kind: Literal["program", "ee_category"]
    rule: str = Field(description="The list's rule id (`GET /api/v1/rules/{rule}`).")
    since: IsoDate = Field(description="The first day the list named the code.")
    until: IsoDate | None = Field(
        description="The first day it no longer did; null while it still does."
    )


NamedBy = Annotated[
    list[NocListing],
    Field(description="Every occupation list that names the code: programs, then categories."),
]


class NocUnitGroup(AnswerModel):
    """A NOC 2021 unit group with its TEER and its classes."""

    code: str = Field(pattern=r"^\d{5}$")
    title: str
    teer: Teer
    teer_meaning: str = Field(description="What the TEER usually asks, in English.")
    groups: NocGroups
    named_by: NamedBy


class NocSuccessor(AnswerModel):
    """A NOC 2021 unit group a NOC 2016 code became."""

    code: str = Field(pattern=r"^\d{5}$")
    title: str
    teer: Teer


class Noc2016Code(AnswerModel):
    """What a four-digit NOC 2016 code became, by Statistics Canada's correspondence table."""

    code: str = Field(description="The NOC 2016 code asked.", pattern=r"^\d{4}$")
    change: str = Field(
        description="Statistics Canada's kind of change (`code change, name change`, `split "
        "off`, `transfer`, ...); empty when it names none."
    )
    note: str = Field(description="The correspondence's note, or the new title(s).")
    became: list[NocSuccessor] = Field(description="One unit group, or several for a split.")
    named_by: NamedBy


# ``maplepath noc show --json``: a unit group, or for a NOC 2016 code what it became (the
# codes people still quote from letters and job ads written before 2022-11-16).
NocUnit = Annotated[
    NocUnitGroup | Noc2016Code,
    Field(description="A NOC 2021 unit group, or for a NOC 2016 code what it became."),
]


# --- maplepath rules show --------------------------------------------------------------------

RuleValue = Annotated[
    Any,
    Field(
        description="The rule's value, any JSON: a number, a text, a table of points, a list "
        "of codes; a step table as [{threshold, value}, ...]; null when the rule has ended."
    ),
]


class RuleReference(AnswerModel):
    """A published source of a rule's value."""

    title: str
    href: str = Field(description="Where it is published (an IRCC or provincial page).")


class DatedRuleValue(AnswerModel):
    """One value of a rule and the day it took effect."""

    effective_from: IsoDate
    value: RuleValue
    status: RuleStatus
    scenario: str | None = Field(
        description="The scenario that applies a reported or proposed value; null in force."
    )
    references: list[RuleReference]
    in_force_on_date: bool = Field(description="Whether this is the value in force on `on`.")


class RuleAnswer(AnswerModel):
    """A rule with every dated value and the one in force on a date
    (``maplepath rules show --json``)."""

    id: str
    description: str
    unit: str | None = Field(description="What the value counts (`points`, `CAD`, ...).")
    latest: IsoDate = Field(description="The date of the rule's latest value.")
    last_verified: IsoDate = Field(description="When the rule was last checked at its source.")
    status: RuleStatus
    on: IsoDate = Field(description="The date asked.")
    in_force: bool = Field(description="False before the rule began or after it ended.")
    reason: str | None = Field(description="Why no value is in force on `on`; null when one is.")
    value: RuleValue
    effective_from: IsoDate | None = Field(
        description="Since when the value in force on `on` has applied; null when none is."
    )
    values: list[DatedRuleValue] = Field(description="Every value, oldest first.")
    notes: str | None


# --- maplepath draws stats -------------------------------------------------------------------

Median = Annotated[int | float | None, Field(description="A half-way value is a decimal.")]


class DrawLatest(AnswerModel):
    """The latest round imported."""

    date: IsoDate
    category: str
    invitations: int
    cutoff: int | None = Field(description="The lowest CRS invited; null when not published.")


class CutoffSpread(AnswerModel):
    """The cut-off scores of a kind of round over a window; null when no round had one."""

    min: int | None
    median: Median
    max: int | None


class CutoffWindows(AnswerModel):
    """The cut-off scores over the 12 months up to the latest round, and over all rounds."""

    last_12_months: CutoffSpread
    all_time: CutoffSpread


class DaysBetweenRounds(AnswerModel):
    """How often rounds of a kind are held."""

    median: Median = Field(description="Median days between two rounds; null for one round.")


class DrawCategory(AnswerModel):
    """The rounds of one kind, over all time."""

    rounds: int
    invitations: int
    cutoff: CutoffWindows
    days_between_rounds: DaysBetweenRounds
    last: IsoDate = Field(description="The date of the latest round of this kind.")


class DrawStats(AnswerModel):
    """Per kind of round: how often, how many, at what score (``maplepath draws stats
    --json``); empty until rounds are imported. History, not a forecast."""

    rounds: int
    latest: DrawLatest | None
    categories: dict[str, DrawCategory] = Field(
        description="By kind of round (`general`, `cec`, `fsw`, `fst`, `pnp`, "
        "`ee_category:<id>`, `unknown`), the most rounds first."
    )
