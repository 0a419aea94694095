"""What a document of the evidence folder is and shows: its kinds (``KINDS``: what each is
called and the fields it can show) and the fields themselves (``Fields``). ``evidence`` reads
the files into documents of these kinds.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from maplepath.i18n import noop, say
from maplepath.profile.model import Country, EducationLevel, Lmia, Noc, Province, Relation, Scores

# What each kind of document is, and the fields it can show (a field outside its list is a
# typo or a document of another kind, and is refused).
_PERSON = ("about", "name", "date_of_birth", "issuing_body", "issued", "expires")
_JOB = ("employer", "job_title")
_PAY = ("hours_per_week", "wage", "wage_period", "wage_currency")
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "passport": (
        noop("passport or travel document (bio-data page)"),
        (*_PERSON, "passport_number", "nationality"),
    ),
    "birth_certificate": (noop("birth certificate"), (*_PERSON, "country")),
    "language_test_result": (
        noop("language test result (IELTS, CELPIP, PTE Core, TEF, TCF)"),
        (*_PERSON, "passport_number", "test", "date", "scores"),
    ),
    "eca_report": (
        noop("Educational Credential Assessment report"),
        (*_PERSON, "level", "credential_country", "completed"),
    ),
    "diploma": (
        noop("degree, diploma or certificate (with transcripts)"),
        (*_PERSON, "level", "program_years", "credential_country", "completed"),
    ),
    "employment_reference_letter": (
        noop("employment reference letter (title, duties, dates, hours, pay)"),
        (*_PERSON, *_JOB, "noc", "country", "province", "start", "end", *_PAY),
    ),
    "pay_stub": (
        noop("pay stub or payslip"),
        (*_PERSON, "employer", "start", "end", *_PAY),
    ),
    "work_permit": (
        noop("Canadian work permit"),
        (*_PERSON, "employer", "noc", "province", "start", "end"),
    ),
    "study_permit": (noop("Canadian study permit"), (*_PERSON, "province", "start", "end")),
    "job_offer_letter": (
        noop("written job offer from an employer in Canada"),
        (*_PERSON, *_JOB, "noc", "province", "start", "end", "full_time", "lmia", *_PAY),
    ),
    "police_certificate": (noop("police certificate"), (*_PERSON, "country")),
    "medical_exam": (noop("immigration medical exam confirmation"), _PERSON),
    "proof_of_funds": (noop("bank letter showing settlement funds"), (*_PERSON, "amount_cad")),
    "marriage_certificate": (noop("marriage certificate"), (*_PERSON, "partner_name", "date")),
    "provincial_nomination": (
        noop("provincial nomination certificate"),
        (*_PERSON, "province", "stream"),
    ),
    "certificate_of_qualification": (
        noop("certificate of qualification in a trade (Canadian province or territory)"),
        (*_PERSON, "noc", "province"),
    ),
    "relative_status_proof": (
        noop("proof of a relative's Canadian status and relationship"),
        (*_PERSON, "relation", "country"),
    ),
}


class About(StrEnum):
    applicant = "applicant"
    spouse = "spouse"


class WagePeriod(StrEnum):
    hour = "hour"
    week = "week"
    month = "month"
    year = "year"


# Hours in a period, for comparing wages stated per hour, week, month or year (a full-time
# week of 40 hours; 52 weeks a year). Only used to compare two documents with each other.
HOURS_IN = {"hour": 1.0, "week": 40.0, "month": 40.0 * 52 / 12, "year": 40.0 * 52}


class Fields(BaseModel):
    """What a document shows. Every field is optional: a document shows what it shows."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    about: About = About.applicant
    name: str | None = None
    date_of_birth: dt.date | None = None
    passport_number: str | None = None
    nationality: Country | None = None
    country: Country | None = None
    issuing_body: str | None = None
    issued: dt.date | None = None
    expires: dt.date | None = None
    # language test results
    test: str | None = None
    date: dt.date | None = None
    scores: Scores | None = None
    # education
    level: EducationLevel | None = None
    program_years: float | None = Field(default=None, gt=0, le=12)
    credential_country: Country | None = None
    completed: dt.date | None = None
    # employment and job offers
    employer: str | None = None
    job_title: str | None = None
    noc: Noc | None = None
    province: Province | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    hours_per_week: float | None = Field(default=None, ge=0, le=168)
    wage: float | None = Field(default=None, ge=0)
    wage_period: WagePeriod | None = None
    wage_currency: str | None = None
    full_time: bool | None = None
    lmia: Lmia | None = None
    # funds, marriage, nomination, relatives
    amount_cad: float | None = Field(default=None, ge=0)
    partner_name: str | None = None
    stream: str | None = None
    relation: Relation | None = None

    @model_validator(mode="after")
    def _spans(self) -> Fields:
        if self.issued and self.expires and self.issued > self.expires:
            raise ValueError(
                say(
                    "issued (%(issued)s) is after expires (%(expires)s)",
                    issued=self.issued,
                    expires=self.expires,
                )
            )
        if self.start and self.end and self.start > self.end:
            raise ValueError(
                say("start (%(start)s) is after end (%(end)s)", start=self.start, end=self.end)
            )
        return self

    def hourly_wage(self) -> float | None:
        """The wage per hour, for comparing documents (None without a wage and its period)."""
        if self.wage is None or self.wage_period is None:
            return None
        return self.wage / HOURS_IN[str(self.wage_period)]
