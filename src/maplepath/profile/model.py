"""The user's input: one person's facts, as DESIGN.md specifies.

Every field is optional: a missing fact makes the criteria that need it ``unknown``, never
``unmet``. Ages are never stored: ``birth_date`` is, and age is computed on the assessment date.
Unknown keys are refused (a typo such as ``hours:`` for ``hours_per_week:`` would otherwise
silently drop a fact). Loading and its error messages live in ``profile/load.py``.

The docstring under each field says what the fact is (its first sentence) and what it changes
in an assessment; ``examples`` gives a value. They are the single source of docs/profile.md and
of the ``maplepath case init`` template (``profile/reference.py`` reads them from this file, so
importing the model costs nothing for them).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict

from maplepath.i18n import say
from maplepath.occupations import codes as occupations
from maplepath.privacy import shown
from maplepath.profile.levels import LanguageLevels

# Numbers and yes/no answers as they are written. Left lax, pydantic reads ``false`` as 0,
# ``"40"`` as 40 and ``1`` as yes: in a profile that is a slip, not a fact, and the API's
# JSON Schema promises a number or a boolean.
Number = Annotated[float, Strict()]  # an int or a float, never a bool or a string
Count = Annotated[int, Strict()]
YesNo = Annotated[bool, Strict()]

PROVINCES = ("AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT")


class MaritalStatus(StrEnum):
    """As IRCC defines it: common_law is living together in a conjugal relationship for at least
    a year; separated, divorced and widowed persons have no partner in the application."""

    single = "single"
    married = "married"
    common_law = "common_law"
    separated = "separated"
    divorced = "divorced"
    widowed = "widowed"


class CanadianStatus(StrEnum):
    """A person's status in Canada: none (a foreign national), citizen, or permanent_resident."""

    none = "none"
    citizen = "citizen"
    permanent_resident = "permanent_resident"


class EducationLevel(StrEnum):
    """The levels of the CRS education table, lowest first: secondary (high school), one_year and
    two_year (post-secondary programs), bachelors (three years or more), masters, professional
    (an entry-to-practice degree in medicine, law, pharmacy...: a master's to the CRS), doctoral."""

    secondary = "secondary"
    one_year = "one_year"
    two_year = "two_year"
    bachelors = "bachelors"
    masters = "masters"
    professional = "professional"
    doctoral = "doctoral"


class Lmia(StrEnum):
    """The LMIA behind a job offer: none, approved (a positive LMIA for this job), or exempt (the
    job of an LMIA-exempt work permit, such as CUSMA or an intra-company transfer)."""

    none = "none"
    approved = "approved"
    exempt = "exempt"


class EmployerRelationship(StrEnum):
    """How the Canadian employer is related to the one abroad (ICT's qualifying relationships)."""

    parent = "parent"
    subsidiary = "subsidiary"
    branch = "branch"
    affiliate = "affiliate"


class Relation(StrEnum):
    """A relative's relation to you or your accompanying partner (the FSW adaptability list)."""

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
    raise ValueError(
        say("%(value)s is not a two-letter ISO country code (e.g. IN, US, CA)", value=shown(v))
    )


def _province(v: Any) -> Any:
    if v is None:
        return v
    if isinstance(v, str) and v.strip().upper() in PROVINCES:
        return v.strip().upper()
    raise ValueError(
        say(
            "%(value)s is not a Canadian province or territory (%(provinces)s)",
            value=shown(v),
            provinces=", ".join(PROVINCES),
        )
    )


Country = Annotated[str, BeforeValidator(_country)]
Province = Annotated[str, BeforeValidator(_province)]
Noc = Annotated[str, BeforeValidator(occupations.coerce)]


class _Model(BaseModel):
    # No NaN or infinite amount: "$inf meets $15,263" is no answer.
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False
    )


class Eca(_Model):
    """An Educational Credential Assessment of a foreign credential."""

    issuer: str | None = Field(default=None, examples=["WES"])
    """The organisation that issued the ECA report (WES, ICES, IQAS, CES, ICAS, MCC or PEBC).
    Shown in the assessment; checked against the ECA report in the evidence."""
    issued: date | None = Field(default=None, examples=["2024-01-10"])
    """The date the ECA report was issued. An ECA counts for five years from it (rule
    education.eca_validity); not given, the CRS does not count the credential."""
    level: EducationLevel | None = Field(default=None, examples=["masters"])
    """The Canadian equivalent the ECA gives: the level a foreign credential counts at (CRS
    education points, FSW education factor)."""


class Credential(_Model):
    """One credential, finished or under way (list each; two or more is derived)."""

    level: EducationLevel | None = Field(default=None, examples=["masters"])
    """The level of the credential as awarded. A Canadian credential counts at it (CRS, FSW); a
    foreign one at its ECA's level. Not given: the credential is not counted."""
    program_years: Number | None = Field(default=None, gt=0, le=12, examples=[2])
    """The program's length in years of full-time study. Three years or more makes two
    credentials count as 'two or more' and a Canadian one a three-year credential (CRS); two
    years of full-time study in Canada earn FSW adaptability points."""
    country: Country | None = Field(default=None, examples=["IN"])
    """The country that awarded the credential (CA = Canadian). A Canadian credential counts as
    it is and may add CRS Canadian-education points; a foreign one only through a valid ECA."""
    completed: date | None = Field(default=None, examples=["2019-05-31"])
    """The date the credential was completed. It counts only from then (a later date is a
    credential under way); not given, criteria needing a completed credential are unknown."""
    full_time: YesNo | None = Field(default=None, examples=[True])
    """Whether the program was studied full time. Part-time Canadian study earns no CRS
    Canadian-education points and no FSW study-in-Canada adaptability."""
    eca: Eca | None = Field(
        default=None, examples=[{"issuer": "WES", "issued": "2024-01-10", "level": "masters"}]
    )
    """The Educational Credential Assessment of a foreign credential. Without a valid one it
    earns no CRS education points and does not meet FSW's; a Canadian credential needs none."""

    @property
    def canadian(self) -> bool | None:
        return None if self.country is None else self.country == "CA"


class Scores(_Model):
    """One result's scores on the test's own scale (IELTS bands, CELPIP levels, PTE, TEF or TCF
    points), each read as a CLB (NCLC) level by the test's chart in force on the test date."""

    listening: Number | None = Field(default=None, examples=[8.5])
    """The listening score."""
    reading: Number | None = Field(default=None, examples=[8.0])
    """The reading score."""
    writing: Number | None = Field(default=None, examples=[7.0])
    """The writing score."""
    speaking: Number | None = Field(default=None, examples=[7.5])
    """The speaking score."""


class LanguageTest(_Model):
    """One sitting of a language test IRCC accepts for economic immigration."""

    # Validated against the rule book in profile.load (accepted tests, scales by test date).
    test: str = Field(examples=["ielts_general"])
    """Which test. TEF and TCF Canada give the French CLB, the others the English one; the better
    is the CRS first official language. IELTS Academic, CELPIP-LS and PTE Academic are refused."""
    date: Annotated[date, Field(examples=["2025-09-20"])]
    """The test date printed on the result. A result counts for two years from it (rule
    language.validity), and is read on the scale in force that day."""
    scores: Scores = Field(
        examples=[{"listening": 8.5, "reading": 8.0, "writing": 7.0, "speaking": 7.5}]
    )
    """The four abilities' scores. A missing one leaves that ability's CLB unknown."""


class WorkPeriod(_Model):
    """One job held over one span (a change of hours or NOC is a new period)."""

    employer: str | None = Field(default=None, examples=["Northwind Software Inc."])
    """The employer's name. Periods with one employer make ICT's year; a current period with an
    offer's employer makes an LMIA-exempt offer valid. Matched against reference letters."""
    title: str | None = Field(default=None, examples=["Senior Software Engineer"])
    """The job title. Shown, and compared with reference letters (it does not decide the NOC)."""
    noc: Noc | None = Field(default=None, examples=["21231"])
    """The job's NOC 2021 code. Its TEER decides whether the work is skilled (0-3) for every
    experience count and CEC's language level; it is read against FST's trades and the lists of
    categories and provincial streams. Not given: the period's experience is uncertain."""
    country: Country | None = Field(default=None, examples=["CA"])
    """Where the work was done (CA = in Canada): Canadian experience (CRS, CEC) or foreign
    experience (CRS, FSW). Not given: the period could be either."""
    province: Province | None = Field(default=None, examples=["ON"])
    """For work in Canada, the province or territory: for the streams that need work there."""
    start: date | None = Field(default=None, examples=["2021-07-01"])
    """The first day of the period. Experience counts from it, inside each program's look-back
    window (CEC 3 years, FST 5, FSW 10). Not given: the period's experience is uncertain."""
    end: date | None = Field(default=None, examples=["2024-06-30"])
    """The last day of the period; null means still working there. Current work is what the
    proof-of-funds exemption and streams for current workers read."""
    hours_per_week: Number | None = Field(default=None, ge=0, le=168, examples=[40])
    """Paid hours a week. 30 is full time (rule experience.full_time): fewer count in proportion
    (1,560 hours make a year), more do not count faster. Not given: experience is a range."""
    self_employed: YesNo | None = Field(default=None, examples=[False])
    """Whether you were self-employed: such work in Canada counts for neither CEC nor the CRS."""
    full_time_student: YesNo | None = Field(default=None, examples=[False])
    """Whether you were a full-time student then: such work counts for neither CEC nor the CRS."""
    authorized: YesNo | None = Field(default=None, examples=[True])
    """For work in Canada, whether you held work authorization. Unauthorized work counts for no
    program; a current authorized period is being authorized to work in Canada now."""

    @property
    def teer(self) -> int | None:
        return occupations.teer(self.noc) if self.noc and len(self.noc) == 5 else None

    @property
    def canadian(self) -> bool | None:
        return None if self.country is None else self.country == "CA"


class JobOffer(_Model):
    """A written offer of employment in Canada."""

    employer: str | None = Field(default=None, examples=["Acme Cloud Ltd."])
    """The employer's name. An LMIA-exempt offer is valid only while you work in Canada for this
    employer (a current work period with the same name)."""
    noc: Noc | None = Field(default=None, examples=["21231"])
    """The offered job's NOC 2021 code: skilled (TEER 0-3) for FSW, a trade for FST, on the lists
    of GTS, CUSMA and the provincial streams; TEER 0 is ICT's executive or senior manager."""
    province: Province | None = Field(default=None, examples=["BC"])
    """Where the job is: the provincial streams and Quebec's pilot need an offer in the province."""
    start: date | None = Field(default=None, examples=["2026-09-01"])
    """The first day of the job. With end, decides whether the offer lasts a year or more."""
    end: date | None = Field(default=None, examples=[None])
    """The last day of the job; null means indefinite. An offer shorter than a year, or ended by
    the assessment date, is not valid."""
    full_time: YesNo | None = Field(default=None, examples=[True])
    """Whether the job is full time. Every program that reads an offer needs a full-time one."""
    hourly_wage: Number | None = Field(default=None, ge=0, examples=[58.0])
    """The offered wage in Canadian dollars an hour (a salary over its yearly hours): compared
    with the wage floors of GTS and Quebec's pilot."""
    lmia: Lmia | None = Field(default=None, examples=["approved"])
    """The Labour Market Impact Assessment behind the offer. FSW, FST and the CRS need an approved
    LMIA, or an exempt offer while working for the employer. Not given: validity is unknown."""
    employer_relationship: EmployerRelationship | None = Field(
        default=None, examples=["subsidiary"]
    )
    """For an intra-company transfer, how the Canadian employer is related to your employer
    abroad: ICT's qualifying relationship (unknown when not given)."""


class Nomination(_Model):
    """A provincial nomination received."""

    province: Province = Field(examples=["BC"])
    """The nominating province or territory."""
    stream: str | None = Field(default=None, examples=["skills_immigration"])
    """The provincial stream, as the certificate names it: shown, and matched against it."""
    issued: date | None = Field(default=None, examples=["2026-05-01"])
    """The date the nomination was issued: it adds CRS points from then (none when not given)."""
    express_entry_aligned: YesNo | None = Field(default=None, examples=[True])
    """Whether the stream is Express Entry-aligned (enhanced): only then does it add the CRS
    points of crs.additional.provincial_nomination; a base one leads outside Express Entry."""


class Relative(_Model):
    """A relative of yours or of your accompanying spouse or partner living in Canada."""

    relation: Relation = Field(examples=["sibling"])
    """How the relative is related to you or your partner. A sibling gives CRS sibling points;
    every listed relation counts for FSW adaptability."""
    status: CanadianStatus | None = Field(default=None, examples=["citizen"])
    """The relative's status in Canada: only a citizen or permanent resident counts. Not given:
    unknown for FSW, and the CRS counts no sibling."""
    birth_date: date | None = Field(default=None, examples=["1990-01-01"])
    """The relative's date of birth. They must be 18 or older on the assessment date; not given,
    the CRS assumes they are (shown as an assumption) and FSW leaves it unknown."""


class Certificate(_Model):
    """A Canadian certificate of qualification in a trade."""

    trade_noc: Noc | None = Field(default=None, examples=["72200"])
    """The NOC 2021 code of the certified trade: one of FST's trades to stand for a job offer."""
    province: Province | None = Field(default=None, examples=["ON"])
    """The province or territory that issued it: shown, and matched against the certificate."""


class Evidence(_Model):
    """A document you hold, listed in the profile instead of the case's evidence/ folder."""

    id: str = Field(examples=["ielts-2025"])
    """A name for the document, unique in the profile: findings and checklists cite it."""
    kind: str = Field(examples=["language_test_result"])
    """The kind of document, one of docs/evidence.md (passport, language_test_result,
    eca_report, ...): it decides which profile facts the document can confirm."""
    fields: dict[str, Any] = Field(
        default_factory=dict, examples=[{"name": "Priya Sharma", "date": "2025-09-20"}]
    )
    """What the document shows, by the field names of its kind. A fact it shows confirms the
    profile's; a different value is flagged as a contradiction."""


class Spouse(_Model):
    """Your spouse or common-law partner: only with marital_status married or common_law."""

    accompanying: YesNo | None = Field(default=None, examples=[True])
    """Whether your partner comes with you to Canada. If so (and not a citizen or PR) the CRS
    uses the with-spouse tables; if not, you are scored as single. Not given: assumed so."""
    canadian_status: CanadianStatus | None = Field(default=None, examples=["none"])
    """Your partner's status in Canada: a citizen or permanent resident leaves you scored single."""
    birth_date: date | None = Field(default=None, examples=["1996-01-30"])
    """Your partner's date of birth. With their education and tests, the CRS also scores the
    couple the other way round (your partner as principal applicant)."""
    education: list[Credential] = Field(default_factory=list)
    """Your partner's credentials: CRS spouse education points, and FSW adaptability for two
    years of full-time study in Canada."""
    language_tests: list[LanguageTest] = Field(default_factory=list)
    """Your partner's test results: CRS spouse language points (first official language), and
    FSW adaptability for CLB 4 in every ability."""
    language_levels: LanguageLevels | None = None
    """Your partner's level in a language without a test: where a plan for a test starts."""
    work: list[WorkPeriod] = Field(default_factory=list)
    """Your partner's work: CRS spouse experience points for skilled Canadian work, and FSW
    adaptability for a year of work in Canada in any occupation."""


class Profile(_Model):
    """One person's facts (the principal applicant's, with the partner's under spouse)."""

    birth_date: date | None = Field(default=None, examples=["1995-04-12"])
    """Your date of birth; age is computed on the assessment date. It sets the CRS age points,
    the FSW age factor and provincial age limits. Not given: 0 age points, age criteria unknown."""
    citizenships: list[Country] = Field(default_factory=list, examples=[["IN"]])
    """Every citizenship you hold. US or Mexican citizenship opens CUSMA work permits; checked
    against passports in the evidence. Empty: citizenship criteria are unknown."""
    marital_status: MaritalStatus | None = Field(default=None, examples=["married"])
    """Your marital status. married or common_law makes your spouse's facts count (CRS spouse
    factors, FSW adaptability, documents). Not given: the CRS scores you as single."""
    spouse: Spouse | None = Field(
        default=None,
        examples=[{"accompanying": True, "canadian_status": "none", "birth_date": "1996-01-30"}],
    )
    """Your spouse or common-law partner (only when married or common_law). Their education,
    language and Canadian work add CRS spouse points and FSW adaptability."""
    education: list[Credential] = Field(default_factory=list)
    """Every credential you hold or are studying for, one item each: CRS education, Canadian
    education and transferability points, FSW's education, provincial requirements."""
    language_tests: list[LanguageTest] = Field(default_factory=list)
    """Your language test results, one item per sitting. The best valid English and French
    results give the CLB levels of the CRS language points and every language minimum."""
    language_levels: LanguageLevels | None = None
    """Your level in a language you hold no valid result for (a course, your estimate, or
    "none"): where a plan to take a test starts. It scores nothing."""
    work: list[WorkPeriod] = Field(default_factory=list)
    """Every period of work, in Canada or abroad, one item per job (or change of hours or NOC):
    full-time-equivalent years in each program's window. A missing fact makes them a range."""
    job_offers: list[JobOffer] = Field(default_factory=list)
    """Offers of employment in Canada you hold. A valid one gives FSW points and the funds
    exemption, meets FST and opens the routes that need an employer; CRS job-offer points follow
    the rule in force (none from 2025-03-25). Empty means no offer."""
    nominations: list[Nomination] = Field(default_factory=list)
    """Provincial nominations you have received: an Express Entry-aligned one adds CRS points."""
    relatives_in_canada: list[Relative] = Field(default_factory=list)
    """Your or your accompanying partner's relatives living in Canada, 18 or older, citizens or
    permanent residents: a sibling gives CRS points, any of them FSW adaptability."""
    certificates_of_qualification: list[Certificate] = Field(default_factory=list)
    """Canadian certificates of qualification in a trade (provincial): one meets FST in place of
    a job offer and adds CRS skill-transferability points."""
    settlement_funds_cad: Number | None = Field(default=None, ge=0, examples=[24000])
    """The money you can show for settling, in Canadian dollars (not borrowed), against the
    funds table for family_size: FSW and FST need it unless you work here with a valid offer."""
    family_size: Count | None = Field(default=None, ge=1, le=30, examples=[3])
    """The people counted for proof of funds: you, your partner, your dependent children and
    theirs, coming or not. Sets the funds FSW and FST require (unknown when not given)."""
    evidence: list[Evidence] = Field(default_factory=list)
    """Documents you hold, in the shape of the files of a case's evidence/ folder: a document
    confirms the facts it shows; the planner lists the others as assumptions."""

    @property
    def has_partner(self) -> bool | None:
        """Married or common-law; None while marital status is not given."""
        if self.marital_status is None:
            return None
        return self.marital_status in (MaritalStatus.married, MaritalStatus.common_law)
