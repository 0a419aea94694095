"""The steps of a permanent residence application through Express Entry, with dates and hard
deadlines, and their export to iCalendar.

Model (forwards from ``on``, or shifted so the application is submitted on ``target``):

1. Before the profile, side by side: book and take a language test, then wait for the results;
   an ECA for each foreign credential. Steps already done are kept, marked done, and take no
   time: a language result valid on ``on``, ECAs valid on ``on``.
2. For a provincial route, the nomination (typical days: an assumption of the rule
   ``planner.actions.provincial_nomination``).
3. Submit the Express Entry profile (valid 12 months). The invitation's day cannot be known:
   the earliest, the profile's day, is assumed, and the 60-day window runs from it.
4. Police certificates and reference letters start at the profile (they take longest; IRCC asks
   for them within the 60 days), and so does the medical exam until 2023-09-30 (from 2023-10-01
   IRCC asks for it after the application is received); translations and proof of funds (FSW and
   FST only) start at the invitation; the fees are paid last, then the application is submitted.
   Each step is planned at its typical length and shown as a range (shortest-longest), with the
   latest day to start it so that, at its longest, it is ready before the window closes.
5. Biometrics within 30 days of the instruction letter (assumed the day of submission), then
   IRCC's service standard.

Durations are dated, cited rules under ``rules/planner/steps/``; deadlines reuse the rules
that hold them (``language.validity``, ``education.eca_validity``,
``programs.oinp_hcp_tech.noi_deadline``, ``programs.bc_pnp_tech.job_offer``) or live under
``rules/planner/deadlines/``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from maplepath.i18n import money, say
from maplepath.planner.actions import NOMINATION_RULE
from maplepath.planner.timeline_steps import (
    MEDICAL_RULE,
    STEPS_RULE,
    Deadline,
    Step,
    before_profile,
    document_steps,
    fees_for,
    medical_on_request,
    provincial_deadlines,
    ranges,
)
from maplepath.profile.model import Profile
from maplepath.programs import pathways
from maplepath.programs.common import shift
from maplepath.rulebook.book import RuleBook, default

FEES_RULE = "planner.steps.fees"
ITA_RULE = "planner.deadlines.ita_submission"
PROFILE_RULE = "planner.deadlines.profile_validity"
EXPRESS_ENTRY = ("fsw", "cec", "fst")
NEEDS_FUNDS = ("fsw", "fst")


__all__ = ["Deadline", "Invitation", "Step", "Timeline", "TimelineError", "timeline"]


class TimelineError(ValueError):
    """A pathway the timeline does not cover, or rules missing on the date."""


@dataclass(frozen=True)
class Invitation:
    """When the invitation is planned: ``picked`` by the person (``on``), ``estimated`` from
    recent rounds (typically ``after_days`` after the profile, 9 in 10 by ``late_days``), or
    ``assumed`` on the profile's own day: the earliest it can come, never a forecast."""

    basis: str = "assumed"  # picked | estimated | assumed
    on: date | None = None
    after_days: int = 0
    late_days: int | None = None
    note: str = ""

    def to_json(self) -> dict[str, object]:
        return {
            "basis": self.basis,
            "on": self.on.isoformat() if self.on else None,
            "after_days": self.after_days,
            "late_days": self.late_days,
            "note": self.note,
        }


@dataclass(frozen=True)
class Timeline:
    on: date
    pathway: str
    target: date | None
    steps: list[Step]
    deadlines: list[Deadline]
    warnings: list[str] = field(default_factory=list)
    person: str = ""  # a short stable id of the person, for calendar UIDs
    invitation: Invitation = field(default_factory=Invitation)

    @property
    def submitted(self) -> date:
        return next(s.end for s in self.steps if s.id == "submit_application")


def supported(program: str, book: RuleBook | None = None) -> bool:
    """Whether the timeline covers a route: Express Entry programs and categories, and the
    Express Entry-aligned provincial routes of ``planner.actions.provincial_nomination``."""
    nominations = (book or default()).get(NOMINATION_RULE).values[-1].value or {}
    return program in EXPRESS_ENTRY or program.startswith("ee_category:") or program in nominations


def best_pathway(profile: Profile, on: date, book: RuleBook) -> str:
    """The best-ranked open route the timeline covers, eligible before unknown."""
    for p in pathways.evaluate(profile, on, book=book):
        v = p.verdict
        if v.status == "open" and v.verdict != "ineligible" and supported(v.program, book):
            return v.program
    raise TimelineError(
        say(
            "no open Express Entry or provincial route on %(on)s that this profile may qualify "
            "for (see maplepath pathways); name one with --pathway",
            on=on,
        )
    )


def _person_id(profile: Profile) -> str:
    seed = f"{profile.birth_date}|{','.join(profile.citizenships)}"
    return hashlib.sha256(seed.encode()).hexdigest()[:10]


def timeline(
    profile: Profile,
    on: date,
    pathway: str | None = None,
    target: date | None = None,
    book: RuleBook | None = None,
    invitation: Invitation | None = None,
) -> Timeline:
    """The steps and deadlines of ``pathway`` (default: the best one) for this profile, the
    invitation planned as ``invitation`` says (by default assumed the profile's day)."""
    invitation = invitation or Invitation()
    book = book or default()
    program = pathway or best_pathway(profile, on, book)
    if not supported(program, book):
        raise TimelineError(
            say(
                "the timeline covers Express Entry programs (fsw, cec, fst, ee_category:*) and "
                "Express Entry-aligned provincial routes; %(program)s is not one",
                program=repr(program),
            )
        )
    d = _durations(on, book)
    # A result or ECA that lapses before the application is submitted is planned again.
    renew: set[str] = set()
    while True:
        steps, deadlines, warnings = _plan(profile, on, program, d, book, renew, invitation)
        tl = Timeline(
            on, program, target, steps, deadlines, warnings, _person_id(profile), invitation
        )
        tl = _shift(tl, target) if target is not None else tl
        lapsing = {dl.id for dl in tl.deadlines if _lapses(dl, tl)}
        if not lapsing - renew:
            return replace(tl, warnings=tl.warnings + _expiring(tl))
        renew |= lapsing


def _lapses(dl: Deadline, tl: Timeline) -> bool:
    return dl.id.startswith(("language_expires", "eca_expires")) and dl.due <= tl.submitted


def _expiring(tl: Timeline) -> list[str]:
    """Results and ECAs that lapse before the application is submitted."""
    return [
        say(
            "%(title)s on %(due)s, before the planned application (%(submitted)s): renew it",
            title=dl.title,
            due=dl.due,
            submitted=tl.submitted,
        )
        for dl in tl.deadlines
        if _lapses(dl, tl)
    ]


def _durations(on: date, book: RuleBook) -> dict[str, int]:
    r = book.at(STEPS_RULE, on)
    if not r.in_force:
        raise TimelineError(say("no step durations on %(on)s: %(reason)s", on=on, reason=r.reason))
    return {k: int(v) for k, v in r.value.items()}


def _plan(
    profile: Profile,
    on: date,
    program: str,
    d: dict[str, int],
    book: RuleBook,
    renew: set[str],
    invitation: Invitation,
) -> tuple[list[Step], list[Deadline], list[str]]:
    steps: list[Step] = []
    deadlines: list[Deadline] = []
    warnings: list[str] = []
    start = before_profile(profile, on, d, book, renew, steps, deadlines, warnings)
    # 2. provincial nomination
    noms = book.at(NOMINATION_RULE, on).value or {}
    if program in noms:
        nom_end = start + timedelta(days=int(noms[program]["days"]))
        steps.append(
            Step(
                "nomination",
                say("Provincial nomination (%(program)s)", program=program),
                start,
                nom_end,
                False,
                say("an assumption: provinces publish no single time"),
                (NOMINATION_RULE,),
            )
        )
        deadlines += provincial_deadlines(profile, on, program, start, book)
        start = nom_end
    # 3. profile and (assumed) invitation
    steps.append(
        Step(
            "ee_profile",
            say("Submit the Express Entry profile"),
            start,
            start,
            False,
            "",
            (PROFILE_RULE,),
        )
    )
    months = int(book.at(PROFILE_RULE, on).value)
    deadlines.append(
        Deadline(
            "profile_expires",
            say("Express Entry profile expires without an invitation"),
            shift(start, months=months),
            say("%(months)s months in the pool", months=months),
            (PROFILE_RULE,),
        )
    )
    ita = _invited(start, invitation, steps, warnings)
    window = book.at(ITA_RULE, on)
    if not window.in_force:
        raise TimelineError(
            say(
                "no Express Entry application window on %(on)s: %(reason)s",
                on=on,
                reason=window.reason,
            )
        )
    due = ita + timedelta(days=int(window.value))
    if invitation.basis == "assumed":
        title = say("Submit the complete application (if invited the day the profile is submitted)")
    else:
        title = say("Submit the complete application (if invited on %(on)s)", on=ita)
    deadlines.append(
        Deadline(
            "ita_submission",
            title,
            due,
            say("%(days)s days after the invitation", days=window.value),
            (ITA_RULE,),
        )
    )
    # 4. documents. Each is planned at its typical length, shown as a range, and given the
    # latest day to start it so that at its longest it is ready before the window closes.
    spans = ranges(on, book)
    # Until 2023-09-30 the medical exam was uploaded with the application; from 2023-10-01
    # IRCC asks for it once the application is received (rule planner.steps.medical_exam_timing).
    upfront = book.value(MEDICAL_RULE, on) != "on_request"
    ends = document_steps(steps, d, spans, start, ita, due, upfront, program in NEEDS_FUNDS)
    fees = book.at(FEES_RULE, on)
    pay_start = max([*ends, ita])
    pay_end = pay_start + timedelta(days=d["fee_payment"])
    amount = fees_for(profile, fees.value) if fees.in_force else None
    steps.append(
        Step(
            "fee_payment",
            say("Pay the application fees"),
            pay_start,
            pay_end,
            False,
            say("%(amount)s CAD", amount=money(amount))
            if amount is not None
            else say("fees unknown on this date"),
            (FEES_RULE,),
        )
    )
    steps.append(
        Step(
            "submit_application",
            say("Submit the application for permanent residence"),
            pay_end,
            pay_end,
            False,
            "",
            (ITA_RULE,),
        )
    )
    if pay_end > due:
        warnings.append(
            say(
                "the documents take until %(end)s, after the %(days)s-day window ends (%(due)s): "
                "start police certificates and the medical exam before the invitation",
                end=pay_end,
                days=window.value,
                due=due,
            )
            if upfront
            else say(
                "the documents take until %(end)s, after the %(days)s-day window ends (%(due)s): "
                "start police certificates before the invitation",
                end=pay_end,
                days=window.value,
                due=due,
            )
        )
    if not upfront:
        steps.append(medical_on_request(pay_end, d, spans))
    bio_end = pay_end + timedelta(days=d["biometrics"])
    steps.append(
        Step(
            "biometrics",
            say("Give biometrics (within 30 days of the letter)"),
            pay_end,
            bio_end,
            False,
            "",
            (STEPS_RULE,),
        )
    )
    text = book.at("programs.express_entry.processing", on).value
    processing = pathways.processing_days(text)
    if processing is not None:
        steps.append(
            Step(
                "processing",
                say("IRCC processing (service standard)"),
                pay_end,
                pay_end + timedelta(days=int(processing)),
                False,
                str(text),
                ("programs.express_entry.processing",),
            )
        )
    return steps, sorted(deadlines, key=lambda x: (x.due, x.id)), warnings


def _invited(start: date, inv: Invitation, steps: list[Step], warnings: list[str]) -> date:
    """The day the plan counts the invitation from, and what the timeline says about it."""
    if inv.basis == "picked" and inv.on is not None:
        ita = max(start, inv.on)
        why = say("the invitation date you gave")
    elif inv.basis == "estimated":
        ita = start + timedelta(days=inv.after_days)
        why = inv.note
    else:
        warnings.append(
            inv.note
            or say(
                "the invitation is assumed on the day the profile is submitted, the earliest it "
                "can come, not a forecast: give --invited DATE, or import rounds (maplepath draws "
                "update) for an estimate from them"
            )
        )
        return start
    if ita > start:
        steps.append(
            Step("invitation", say("Wait in the pool for an invitation"), start, ita, False, why)
        )
    return ita


def _shift(tl: Timeline, target: date) -> Timeline:
    """The same plan moved so the application is submitted on ``target``; never before
    ``on``: a target too early keeps the plan from ``on`` and says so."""
    delta = (target - tl.submitted).days
    if delta < 0:
        return replace(
            tl,
            warnings=[
                *tl.warnings,
                say(
                    "the application cannot be ready by %(target)s: the earliest is %(earliest)s",
                    target=target,
                    earliest=tl.submitted,
                ),
            ],
        )

    def moved(s: Step) -> Step:
        if s.done:
            return s
        return replace(s, start=s.start + timedelta(days=delta), end=s.end + timedelta(days=delta))

    moved_steps = [moved(s) for s in tl.steps]
    deadlines = [
        dl
        if dl.id.startswith(("language_expires", "eca_expires"))
        else replace(dl, due=dl.due + timedelta(days=delta))
        for dl in tl.deadlines
    ]
    return replace(tl, steps=moved_steps, deadlines=sorted(deadlines, key=lambda x: (x.due, x.id)))
