"""The user's input: one person's facts, as DESIGN.md specifies.

Every field is optional: a missing fact makes the criteria that need it ``unknown``, never
``unmet``. Ages are never stored: ``birth_date`` is, and age is computed on the assessment date.
Unknown keys are refused (a typo such as ``hours:`` for ``hours_per_week:`` would otherwise
silently drop a fact). Loading and its error messages live in ``profile/load.py``.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from maplepath.occupations import codes as occupations

PROVINCES = ("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT")


class MaritalStatus(StrEnum):
    single = "single"
    married = "married"
    common_law = "common_law"
    separated = "separated"
    divorced = "divorced"
    widowed = "widowed"


class CanadianStatus(StrEnum):
    none = "none"
    citizen = "citizen"
    permanent_resident = "permanent_resident"


class EducationLevel(StrEnum):
    """The credential levels of the CRS education table, lowest first."""

    secondary = "secondary"
    one_year = "one_year"
    two_year = "two_year"
    bachelors = "bachelors"
    masters = "masters"
    professional = "professional"
    doctoral = "doctoral"


class Lmia(StrEnum):
    none = "none"
    approved = "approved"
    exempt = "exempt"


class EmployerRelationship(StrEnum):
    parent = "parent"
    subsidiary = "subsidiary"
    branch = "branch"
    affiliate = "affiliate"


class Relation(StrEnum):
    sibling = "sibling"
    parent = "parent"
    grandparent = "grandparent"
    child = "child"
    grandchild = "grandchild"
    aunt_uncle = "aunt_uncle"
    niece_nephew = "niece_nephew"


def _country(v: Any) -> Any:
    if isinstance(v, str) and len(v.strip()) == 2 and v.strip().isalpha():
        return v.strip().upper()
    if v is None:
        return v
    raise ValueError(f"{v!r} is not a two-letter ISO country code (e.g. IN, US, CA)")


def _province(v: Any) -> Any:
    if v is None:
        return v
    if isinstance(v, str) and v.strip().upper() in PROVINCES:
        return v.strip().upper()
    raise ValueError(f"{v!r} is not a Canadian province or territory ({', '.join(PROVINCES)})")


Country = Annotated[str, BeforeValidator(_country)]
Province = Annotated[str, BeforeValidator(_province)]
Noc = Annotated[str, BeforeValidator(occupations.coerce)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Eca(_Model):
    """An Educational Credential Assessment of a foreign credential."""

    issuer: str | None = None
    issued: date | None = None
    level: EducationLevel | None = None


class Credential(_Model):
    level: EducationLevel | None = None
    program_years: float | None = Field(default=None, gt=0, le=12)
    country: Country | None = None
    completed: date | None = None
    full_time: bool | None = None
    eca: Eca | None = None

    @property
    def canadian(self) -> bool | None:
        return None if self.country is None else self.country == "CA"


class Scores(_Model):
    listening: float | None = None
    reading: float | None = None
    writing: float | None = None
    speaking: float | None = None


class LanguageTest(_Model):
    # Validated against the rule book in profile.load (accepted tests, scales by test date).
    test: str
    date: date
    scores: Scores


class WorkPeriod(_Model):
    employer: str | None = None
    title: str | None = None
    noc: Noc | None = None
    country: Country | None = None
    province: Province | None = None
    start: date | None = None
    end: date | None = None  # None = ongoing
    hours_per_week: float | None = Field(default=None, ge=0, le=168)
    self_employed: bool | None = None
    full_time_student: bool | None = None
    authorized: bool | None = None  # held work authorization (Canadian work)

    @property
    def teer(self) -> int | None:
        return occupations.teer(self.noc) if self.noc and len(self.noc) == 5 else None

    @property
    def canadian(self) -> bool | None:
        return None if self.country is None else self.country == "CA"


class JobOffer(_Model):
    employer: str | None = None
    noc: Noc | None = None
    province: Province | None = None
    start: date | None = None
    end: date | None = None  # None = indefinite
    full_time: bool | None = None
    hourly_wage: float | None = Field(default=None, ge=0)
    lmia: Lmia | None = None
    employer_relationship: EmployerRelationship | None = None


class Nomination(_Model):
    province: Province
    stream: str | None = None
    issued: date | None = None
    express_entry_aligned: bool | None = None


class Relative(_Model):
    relation: Relation
    status: CanadianStatus | None = None
    birth_date: date | None = None


class Certificate(_Model):
    trade_noc: Noc | None = None
    province: Province | None = None


class Evidence(_Model):
    id: str
    kind: str
    fields: dict[str, Any] = Field(default_factory=dict)


class Spouse(_Model):
    accompanying: bool | None = None
    canadian_status: CanadianStatus | None = None
    birth_date: date | None = None
    education: list[Credential] = Field(default_factory=list)
    language_tests: list[LanguageTest] = Field(default_factory=list)
    work: list[WorkPeriod] = Field(default_factory=list)


class Profile(_Model):
    birth_date: date | None = None
    citizenships: list[Country] = Field(default_factory=list)
    marital_status: MaritalStatus | None = None
    spouse: Spouse | None = None
    education: list[Credential] = Field(default_factory=list)
    language_tests: list[LanguageTest] = Field(default_factory=list)
    work: list[WorkPeriod] = Field(default_factory=list)
    job_offers: list[JobOffer] = Field(default_factory=list)
    nominations: list[Nomination] = Field(default_factory=list)
    relatives_in_canada: list[Relative] = Field(default_factory=list)
    certificates_of_qualification: list[Certificate] = Field(default_factory=list)
    settlement_funds_cad: float | None = Field(default=None, ge=0)
    family_size: int | None = Field(default=None, ge=1, le=30)
    evidence: list[Evidence] = Field(default_factory=list)

    @property
    def has_partner(self) -> bool | None:
        """Married or common-law; None while marital status is not given."""
        if self.marital_status is None:
            return None
        return self.marital_status in (MaritalStatus.married, MaritalStatus.common_law)
