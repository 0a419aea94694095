"""What the HTTP API takes: a profile (the same pydantic model the CLI's files are checked
against), the date to assess on and the reported rule changes to apply; the plan endpoints
add their own knobs. The answers' models are in ``api_answers``."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from maplepath.profile.model import Profile

# ISO dates only (2026-11-21): pydantic's date would also take a Unix timestamp.
IsoDate = Annotated[
    str,
    Field(
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        json_schema_extra={"format": "date"},
        examples=["2026-11-21"],
        description="The date to assess on (YYYY-MM-DD); today when left out.",
    ),
]
Scenario = Annotated[
    str, Field(max_length=100, description="A reported rule change by name, e.g. crs-2026-11.")
]


class ProfileRequest(BaseModel):
    """A profile to assess on a date, with reported rule changes applied if asked."""

    model_config = ConfigDict(extra="forbid")

    profile: Profile
    on: IsoDate | None = None
    scenarios: list[Scenario] = Field(default=[], max_length=20)


class PathwaysRequest(ProfileRequest):
    programs: list[Annotated[str, Field(max_length=100)]] | None = Field(
        default=None, max_length=50, description="Only these program ids (all when left out)."
    )


class TrajectoryRequest(ProfileRequest):
    months: int = Field(default=36, ge=0, le=240, description="How many months ahead.")


class ImproveRequest(ProfileRequest):
    target: int = Field(ge=0, le=1200, description="The CRS score to reach.")
    by: Literal["time", "cost"] = Field(default="time", description="Quickest or cheapest first.")
    max_actions: int = Field(default=4, ge=1, le=6, description="Most actions in one plan.")
    limit: int = Field(default=5, ge=1, le=20, description="Most plans in the answer.")
