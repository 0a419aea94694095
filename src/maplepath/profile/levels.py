"""A language level stated without a test (``language_levels`` of a profile and a spouse):
what a course reached, the person's estimate, or "none". It scores nothing; the planner starts
a first test from it instead of the CLB 4 it assumes otherwise."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict

# A language level without a test result: a CLB/NCLC level 0-10, or "none" for no knowledge.
Level = Literal["none"] | Annotated[int, Strict(), Field(ge=0, le=10)]


class LanguageLevels(BaseModel):
    """Where you stand in a language you hold no valid test result for: the level a course
    reached or your own estimate (CLB for English, NCLC for French), or "none". No points come
    of it (only test results count); plans to take a test start from it, at the cited pace."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    english: Level | None = Field(default=None, examples=["none"])
    """Your English level without a test (0-10, or "none")."""
    french: Level | None = Field(default=None, examples=[5])
    """Your French level without a test (0-10, or "none")."""
