"""Confirmed vs assumed facts (DESIGN.md, principle 4), and what each CRS line and program
criterion rests on.

``confirm(profile, documents, on)`` checks every fact the profile states (``confirmable``)
against the documents: an unexpired document of the right kind, about the right person, that
agrees on content confirms it. Everything else is an assumption, with the reason (no document;
the document expired on a date — a passport, a language result after two years, an ECA after
five; or the document says something else) and the document that would confirm it.

``assumed_for_line("crs.core.first_language")`` and ``assumed_for_criterion("fsw",
"language")`` list the assumed facts a CRS line or a verdict rests on, so every score and
verdict can say what it takes on trust.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from maplepath.crs.result import CrsResult
from maplepath.i18n import say, word
from maplepath.planner.confirmable import UNRELATED, facts
from maplepath.planner.evidence import Document
from maplepath.profile import language
from maplepath.profile.facts import add_years
from maplepath.profile.model import Profile, Spouse
from maplepath.programs.verdict import Verdict
from maplepath.rulebook import book as rulebook

# Work periods older than this many years count for no program maplepath models (FSW's
# look-back is the longest, 10 years: rule programs.fsw.experience).
LOOKBACK_YEARS = 10


@dataclass(frozen=True)
class Assumption:
    path: str
    what: str
    confirm_with: str
    why: str  # "no document", or which document does not support it and how

    def to_json(self) -> dict[str, str]:
        return {
            "path": self.path,
            "what": self.what,
            "confirm_with": self.confirm_with,
            "why": self.why,
        }


@dataclass
class Confirmations:
    on: date
    profile: Profile
    confirmed: dict[str, tuple[str, ...]]  # fact path -> ids of the documents confirming it
    assumed: dict[str, Assumption]
    _order: list[str] = field(default_factory=list)

    def is_confirmed(self, path: str) -> bool:
        return path in self.confirmed

    def assumptions(self) -> list[Assumption]:
        """Every assumed fact, in profile order: what to resolve before applying."""
        return [self.assumed[p] for p in self._order if p in self.assumed]

    def assumed_for_line(self, rule_id: str, principal: str = "applicant") -> list[str]:
        """The assumed facts a CRS line (by its rule id) rests on. With ``principal="spouse"``
        (the CRS result's ``principal_applicant``) the spouse's facts are the core ones."""
        return self._assumed(paths_for_line(self.profile, rule_id, self.on, principal))

    def assumed_for_criterion(self, program_id: str, criterion_id: str) -> list[str]:
        """The assumed facts a program criterion rests on."""
        return self._assumed(paths_for_criterion(self.profile, program_id, criterion_id, self.on))

    def _assumed(self, paths: Iterable[str]) -> list[str]:
        return [p for p in dict.fromkeys(paths) if p in self.assumed]

    def to_json(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "confirmed": {p: list(ids) for p, ids in self.confirmed.items()},
            "assumed": [a.to_json() for a in self.assumptions()],
        }


def confirm(
    profile: Profile,
    documents: Sequence[Document],
    on: date,
    book: rulebook.RuleBook | None = None,
) -> Confirmations:
    """Which of the profile's facts the documents confirm on ``on``."""
    book = book or rulebook.default()
    confirmed: dict[str, tuple[str, ...]] = {}
    assumed: dict[str, Assumption] = {}
    order: list[str] = []
    for fact in facts(profile):
        order.append(fact.path)
        ids: list[str] = []
        against: list[str] = []
        for d in documents:
            if d.kind not in fact.kinds or d.about != fact.about:
                continue
            reason = fact.check(d)
            if reason == UNRELATED:
                continue
            if reason is not None:
                against.append(say("%(document)s %(reason)s", document=d.id, reason=reason))
            elif d.not_yet_issued(on):
                against.append(
                    say(
                        "%(document)s was issued after %(on)s (%(issued)s)",
                        document=d.id,
                        on=on,
                        issued=d.issued_on(),
                    )
                )
            elif d.expired(on, book):
                until = d.valid_until(on, book)
                against.append(say("%(document)s expired on %(until)s", document=d.id, until=until))
            else:
                ids.append(d.id)
        if ids:
            confirmed[fact.path] = tuple(ids)
        else:
            why = "; ".join(against) if against else say("no document")
            assumed[fact.path] = Assumption(fact.path, fact.what, fact.confirm_with, why)
    return Confirmations(on, profile, confirmed, assumed, order)


# --- what a CRS line or a criterion rests on -------------------------------------------------


def _person(profile: Profile, prefix: str) -> Profile | Spouse | None:
    return profile if prefix == "" else profile.spouse


def _tests(profile: Profile, prefix: str, on: date, french: bool | None = None) -> list[str]:
    p = _person(profile, prefix)
    if p is None:
        return []
    validity = rulebook.default().at(language.VALIDITY_RULE, on)
    years = int(validity.value["years"]) if validity.in_force else 2
    out = []
    for i, t in enumerate(p.language_tests):
        if t.date > on or on >= add_years(t.date, years):
            continue  # not taken yet, or expired: the score does not use it
        if french is not None and t.test.startswith(("tef", "tcf")) != french:
            continue
        out.append(f"{prefix}language_tests[{i}]")
    return out


def _education(profile: Profile, prefix: str, canadian_only: bool = False) -> list[str]:
    p = _person(profile, prefix)
    if p is None:
        return []
    out = []
    for i, c in enumerate(p.education):
        if canadian_only and not c.canadian:
            continue
        out.append(f"{prefix}education[{i}]")
        if c.eca is not None and not c.canadian:
            out.append(f"{prefix}education[{i}].eca")
    return out


def recent_work(profile: Profile, prefix: str, on: date, where: str | None = None) -> list[str]:
    """The work periods of the last 10 years (``where``: canada | foreign | None for both)."""
    p = _person(profile, prefix)
    if p is None:
        return []
    since = add_years(on, -LOOKBACK_YEARS)
    out = []
    for i, w in enumerate(p.work):
        if (w.start is not None and w.start > on) or (w.end is not None and w.end < since):
            continue
        if (where == "canada" and w.canadian is not True) or (where == "foreign" and w.canadian):
            continue
        out.append(f"{prefix}work[{i}]")
    return out


def _indexed(name: str, items: Sequence[Any], keep: Callable[[Any], bool] = bool) -> list[str]:
    return [f"{name}[{i}]" for i, x in enumerate(items) if keep(x)]


def paths_for_line(
    profile: Profile, rule_id: str, on: date, principal: str = "applicant"
) -> list[str]:
    """The fact paths a CRS line (``crs.core.age``, ``crs.spouse.language``, ...) rests on."""
    me, partner = ("spouse.", "") if principal == "spouse" else ("", "spouse.")
    person = _person(profile, me)
    birth = [f"{me}birth_date"] if person is not None and person.birth_date else []
    couple = ["marital_status"] if profile.has_partner else []
    key = rule_id.removeprefix("crs.")
    table: dict[str, list[str]] = {
        "core.age": birth,
        "core.education": _education(profile, me),
        "core.first_language": _tests(profile, me, on),
        "core.second_language": _tests(profile, me, on),
        "core.canadian_experience": recent_work(profile, me, on, "canada"),
        "spouse.education": couple + _education(profile, partner),
        "spouse.language": couple + _tests(profile, partner, on),
        "spouse.canadian_experience": couple + recent_work(profile, partner, on, "canada"),
        "transferability.education_language": _education(profile, me) + _tests(profile, me, on),
        "transferability.education_canadian_experience": _education(profile, me)
        + recent_work(profile, me, on, "canada"),
        "transferability.foreign_experience_language": recent_work(profile, me, on, "foreign")
        + _tests(profile, me, on),
        "transferability.foreign_experience_canadian_experience": recent_work(
            profile, me, on, "foreign"
        )
        + recent_work(profile, me, on, "canada"),
        "transferability.certificate_language": _indexed(
            "certificates_of_qualification", profile.certificates_of_qualification, _true
        )
        + _tests(profile, me, on),
        "additional.provincial_nomination": _indexed("nominations", profile.nominations, _true),
        "additional.sibling": _indexed(
            "relatives_in_canada",
            profile.relatives_in_canada,
            lambda r: str(r.relation) == "sibling",
        ),
        "additional.french": _tests(profile, me, on, french=True),
        "additional.canadian_education": _education(profile, me, canadian_only=True),
        "additional.arranged_employment": _indexed("job_offers", profile.job_offers, _true),
        "additional.high_wage_occupation": _indexed("job_offers", profile.job_offers, _true)
        + recent_work(profile, me, on),
    }
    return table.get(key, [])


def _true(_: Any) -> bool:
    return True


_JOB_OFFER_CRITERIA = frozenset(
    {"job_offer", "tech_job_offer", "salary", "wage_floor", "position", "relationship"}
    | {"profession", "specialized_talent", "military_recruitment"}
)


def paths_for_criterion(
    profile: Profile, program_id: str, criterion_id: str, on: date
) -> list[str]:
    """The fact paths a program criterion (``maplepath pathways`` ids) rests on; [] for criteria
    that rest on nothing in the profile (a program's status, a referral, an employer's list)."""
    offers = _indexed("job_offers", profile.job_offers, _true)
    lang, edu, work = _tests(profile, "", on), _education(profile, ""), recent_work(profile, "", on)
    funds = ["settlement_funds_cad"] if profile.settlement_funds_cad is not None else []
    c = criterion_id
    if program_id == "cec" and c == "experience":
        return recent_work(profile, "", on, "canada")
    if program_id in ("aaip_opportunity", "gts_b", "cusma") and c == "occupation":
        return offers if program_id != "aaip_opportunity" else work
    if c in ("experience", "occupation_experience", "tech_employment", "employment"):
        return work
    if c in ("language", "french_language"):
        return lang
    if c == "education":
        return edu
    if c == "proof_of_funds":
        return funds
    if c == "citizenship":
        return ["citizenships"] if profile.citizenships else []
    if c == "job_offer_or_certificate":
        return offers + _indexed(
            "certificates_of_qualification", profile.certificates_of_qualification, _true
        )
    if c in _JOB_OFFER_CRITERIA or c == "occupation":
        return offers
    if c == "selection_grid":
        birth = ["birth_date"] if profile.birth_date else []
        relatives = _indexed("relatives_in_canada", profile.relatives_in_canada, _true)
        return birth + lang + edu + work + offers + relatives
    if c in ("express_entry_program", "express_entry"):
        return work + lang + edu + funds
    if c == "crs_minimum":
        rules = rulebook.default().ids("crs.")
        return [p for r in rules for p in paths_for_line(profile, r, on)]
    return []


# --- scores and verdicts annotated with their assumptions ---------------------------------


def annotate_crs(result: CrsResult, c: Confirmations) -> dict[str, Any]:
    """``maplepath crs --json`` with each line's assumed facts (``assumed``) and all of them
    (``assumed_facts``), for reports and saved assessments."""
    data = result.to_json()
    every: dict[str, None] = {}
    for line in data["lines"]:
        line["assumed"] = c.assumed_for_line(line["rule"], result.principal_applicant)
        every.update(dict.fromkeys(line["assumed"]))
    data["assumed_facts"] = list(every)
    return data


def annotate_verdict(v: Verdict, c: Confirmations) -> dict[str, Any]:
    """A ``maplepath pathways --json`` item with each criterion's assumed facts."""
    data = v.to_json()
    for item in data["criteria"]:
        item["assumed"] = c.assumed_for_criterion(v.program, item["id"])
    data["assumed_facts"] = list(
        dict.fromkeys(p for item in data["criteria"] for p in item["assumed"])
    )
    return data


def used_by(
    c: Confirmations, result: CrsResult | None, verdicts: Sequence[Verdict] = ()
) -> dict[str, list[str]]:
    """For each assumed fact, what falls if it cannot be proven: the CRS lines that score
    points from it (by factor) and the met criteria (``program/criterion``) of open programs
    the person is not already ineligible for."""
    out: dict[str, dict[str, None]] = {a.path: {} for a in c.assumptions()}
    if result is not None:
        for line in result.lines:
            if line.points:
                for p in c.assumed_for_line(line.rule, result.principal_applicant):
                    out[p][say("CRS %(factor)s", factor=word(line.factor))] = None
    for v in verdicts:
        if v.verdict == "ineligible" or v.status != "open":
            continue
        for crit in v.criteria:
            if str(crit.status) != "met":
                continue
            for p in c.assumed_for_criterion(v.program, crit.id):
                out[p][f"{v.program}/{crit.id}"] = None
    return {p: list(uses) for p, uses in out.items()}
