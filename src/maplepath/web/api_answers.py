"""The HTTP API's answers as models, so that ``/openapi.json`` describes every field. The
bytes sent are ``report.answers`` (the CLI's ``--json``); these models only describe them, and
the tests check every answer against its model."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _Answer(BaseModel):
    model_config = ConfigDict(extra="allow")


class CrsAnswer(_Answer):
    on: str
    total: int
    sections: dict[str, int]
    lines: list[dict[str, Any]]
    principal_applicant: str
    warnings: list[str]


class AssessAnswer(_Answer):
    on: str


class Pathway(_Answer):
    program: str


class Month(_Answer):
    month: str
    crs: int


class Improvement(_Answer):
    on: str


class NocMatch(_Answer):
    code: str


class NocUnit(_Answer):
    pass


class RuleAnswer(_Answer):
    id: str


class DrawStats(_Answer):
    rounds: int
