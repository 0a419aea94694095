"""The planner's answers as models (``plan trajectory``, ``plan improve``), and the vocabulary
every answer model uses: ISO dates, the values of a verdict, a criterion and a program's status.
``api_answers`` re-exports the answers and describes the others with the same vocabulary."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

IsoDate = Annotated[str, Field(json_schema_extra={"format": "date"})]
# Three-valued verdicts (``programs.verdict``: VERDICTS, Ternary, STATUSES, LEADS_TO): a missing
# fact makes a criterion unknown, never unmet.
VerdictValue = Literal["eligible", "ineligible", "unknown"]
CriterionStatus = Literal["met", "unmet", "unknown"]
ProgramStatus = Literal["open", "paused", "closed", "not_yet_open"]
LeadsTo = Literal["permanent_residence", "work_permit", "nomination"]


class AnswerModel(BaseModel):
    """The base of every answer model: no undescribed key, no value converted."""

    # Strict: an answer of another type (a "1" for a 1) fails the tests, not converted.
    model_config = ConfigDict(extra="forbid", strict=True)


# --- maplepath plan trajectory ---------------------------------------------------------------


class ProgramState(AnswerModel):
    """A program's verdict and status at one point of the trajectory."""

    verdict: VerdictValue
    status: ProgramStatus


class Month(AnswerModel):
    """One point of the trajectory: the start date, then the same day of each later month
    (``maplepath plan trajectory --json`` is a list of them)."""

    month: str = Field(description="The point's month, YYYY-MM.", pattern=r"^\d{4}-\d{2}$")
    date: IsoDate = Field(description="The day scored.")
    crs: int = Field(description="The CRS total on that day.")
    events: list[str] = Field(
        description="The dated changes since the previous point, oldest first, each as "
        "`YYYY-MM-DD: what happened` (a birthday, a result or an ECA expiring, a rule taking "
        "effect, a CRS line or a verdict changing); empty at the first point."
    )
    programs: dict[str, ProgramState] = Field(
        description="Every program by id (`fsw`, `ee_category:stem`, ...), on that day."
    )


# --- maplepath plan improve ------------------------------------------------------------------


class PlanStep(AnswerModel):
    """One action of a plan, scheduled: actions of one track follow each other, tracks run
    side by side."""

    action: str = Field(
        description="The action's stable id (`applicant:english:L9-R9-W9-S9`, "
        "`spouse:eca:0`, `wait:2027-07-01`)."
    )
    title: str = Field(description="The action in words, in the language of the answer.")
    start: IsoDate
    end: IsoDate
    days: int = Field(description="How long the action takes.")
    cost_cad: int | None = Field(description="Its fee in CAD; null when no source cites one.")
    score_after: int = Field(
        description="The CRS on `end` with this step and the ones ending before it done."
    )
    rules: list[str] = Field(description="The rules the action's time, fee and effect read.")


class Plan(AnswerModel):
    """A set of actions that reaches the target (or the best one can), scored on the day the
    last one ends: age points lost and experience gained meanwhile count."""

    days: int = Field(description="How long the plan takes: its longest track.")
    cost_cad: int = Field(description="The sum of the known fees, in CAD.")
    cost_complete: bool = Field(description="False when some fee is unknown (not counted).")
    final_on: IsoDate = Field(description="The day the plan ends and is scored.")
    final_score: int
    steps: list[PlanStep] = Field(description="In the order they end.")


class Improvement(AnswerModel):
    """The quickest (or cheapest) sets of actions that reach a CRS target: the exact Pareto
    front of days and cost (``maplepath plan improve --json``)."""

    on: IsoDate = Field(description="The day the plans start.")
    current: int = Field(description="The CRS on `on`, with nothing done.")
    target: int
    target_from: str | None = Field(
        description="Where the target came from (a round's cut-off); null when it was given."
    )
    by: Literal["time", "cost"] = Field(description="What the plans are ordered by, first.")
    reachable: bool = Field(description="Whether any plan reaches the target.")
    best_score: int = Field(description="The highest score any plan in the space reaches.")
    plans: list[Plan] = Field(description="The plans that reach the target, best first.")
    best_plan: Plan | None = Field(
        description="When the target is unreachable, the plan behind `best_score`; else null."
    )
    searched: int = Field(description="Combinations of actions in the space.")
    scored: int = Field(description="Combinations actually scored (the rest were bounded).")
