"""The application timeline: steps already done, the hard deadlines from their rules, planning
back from a target date, and an iCalendar export that re-imports without duplicates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import pytest
from icalendar import Calendar

from maplepath.planner import ics
from maplepath.planner import timeline as tl
from maplepath.planner.timeline_steps import MEDICAL_RULE
from maplepath.profile.load import read_profile
from maplepath.profile.model import JobOffer, Profile
from maplepath.rulebook import default
from maplepath.rulebook.book import RuleBook

from ..conftest import EXAMPLES

ON = date(2026, 11, 22)


def load(name: str) -> Profile:
    return read_profile(EXAMPLES / f"{name}.yaml").profile


def step(t: tl.Timeline, sid: str) -> tl.Step:
    return next(s for s in t.steps if s.id == sid)


def deadline(t: tl.Timeline, did: str) -> tl.Deadline:
    return next(d for d in t.deadlines if d.id == did)


def test_a_valid_test_and_valid_ecas_are_already_done() -> None:
    t = tl.timeline(load("software_engineer_abroad"), ON)
    assert t.pathway == "fsw"  # the best-ranked open route pathways gives her
    assert step(t, "language_test").done and step(t, "language_results").done
    assert step(t, "eca").done
    assert step(t, "ee_profile").start == ON


def test_a_missing_eca_comes_before_the_profile() -> None:
    t = tl.timeline(load("data_scientist_pgwp"), ON)
    assert not step(t, "eca").done
    assert step(t, "eca").end == ON + timedelta(days=60)  # planner.actions.eca.wes
    assert step(t, "ee_profile").start == step(t, "eca").end


def test_no_test_means_booking_then_waiting_for_results() -> None:
    p = load("software_engineer_abroad").model_copy(update={"language_tests": []})
    t = tl.timeline(p, ON, "fsw")
    book, results = step(t, "language_test"), step(t, "language_results")
    assert not book.done and book.end == ON + timedelta(days=14)
    assert results.start == book.end and results.end == book.end + timedelta(days=2)  # PTE Core


def test_the_hard_deadlines_come_from_their_rules() -> None:
    t = tl.timeline(load("software_engineer_abroad"), ON)
    profile_day = step(t, "ee_profile").start
    assert deadline(t, "ita_submission").due == profile_day + timedelta(days=60)
    assert deadline(t, "profile_expires").due == date(2027, 11, 22)  # 12 months
    assert deadline(t, "language_expires_ielts_general").due == date(2027, 9, 20)  # 2 years
    assert deadline(t, "eca_expires_0").due == date(2029, 1, 10)  # 5 years
    assert step(t, "submit_application").end <= deadline(t, "ita_submission").due


def test_proof_of_funds_only_where_the_program_asks_for_it() -> None:
    assert any(
        s.id == "proof_of_funds" for s in tl.timeline(load("data_scientist_pgwp"), ON, "fsw").steps
    )
    assert not any(
        s.id == "proof_of_funds" for s in tl.timeline(load("data_scientist_pgwp"), ON, "cec").steps
    )


def test_fees_count_the_spouse() -> None:
    assert (
        step(tl.timeline(load("software_engineer_abroad"), ON), "fee_payment").detail
        == "$1,675 CAD"
    )
    couple = tl.timeline(load("couple_spouse_stronger"), ON, "fsw")
    assert step(couple, "fee_payment").detail == "$3,350 CAD"


def test_planning_back_from_a_target_date_submits_on_that_day() -> None:
    # Wei's CELPIP of 2025-06-14 is valid until 2027-06-14: still done for an application in May.
    t = tl.timeline(load("data_scientist_pgwp"), ON, target=date(2027, 5, 1))
    assert t.submitted == date(2027, 5, 1)
    assert step(t, "language_test").done  # done steps do not move
    assert step(t, "eca").start > ON


def test_a_target_too_early_keeps_the_earliest_plan_and_says_so() -> None:
    t = tl.timeline(load("data_scientist_pgwp"), ON, target=date(2026, 12, 1))
    assert t.submitted > date(2026, 12, 1)
    assert any("cannot be ready by 2026-12-01" in w for w in t.warnings)


def test_a_result_expiring_before_the_application_is_planned_again() -> None:
    # Arjun's IELTS of 2025-03-08 expires on 2027-03-08; planned from 2027-01-15 it lapses.
    t = tl.timeline(load("couple_spouse_stronger"), date(2027, 1, 15), "fsw")
    assert any("ielts_general result of 2025-03-08 expires" in w for w in t.warnings)
    # ... so the plan books a new test instead of counting the old one as done
    assert not step(t, "language_test").done
    assert step(t, "ee_profile").start == step(t, "language_results").end


def test_a_bc_job_offer_must_have_120_days_left_when_applying() -> None:
    offer = JobOffer(noc="21231", province="BC", start=date(2026, 1, 5), end=date(2027, 12, 31))
    p = load("software_engineer_abroad").model_copy(update={"job_offers": [offer]})
    t = tl.timeline(p, ON, "bc_pnp_tech")
    assert deadline(t, "bc_job_offer_0").due == date(2027, 12, 31) - timedelta(days=120)
    assert step(t, "nomination").end == step(t, "ee_profile").start


def test_work_permit_routes_are_not_covered() -> None:
    with pytest.raises(tl.TimelineError, match="'cusma' is not one"):
        tl.timeline(load("us_web_developer_offer"), ON, "cusma")


def _events(data: bytes) -> list[dict[str, str]]:
    cal = Calendar.from_ical(data)
    return [
        {"uid": str(e["UID"]), "summary": str(e["SUMMARY"]), "start": e.decoded("DTSTART")}
        for e in cal.walk("VEVENT")
    ]


def test_the_ics_export_has_todo_steps_and_deadlines_with_stable_uids() -> None:
    p = load("data_scientist_pgwp")
    t = tl.timeline(p, ON)
    events = _events(ics.to_ics(t))
    todo = [s for s in t.steps if not s.done]
    spans = [s for s in todo if s.end > s.start]  # a start and a due event each
    assert len(events) == len(todo) + len(spans) + len(t.deadlines)
    assert len({e["uid"] for e in events}) == len(events)
    assert not any("Book and take" in e["summary"] for e in events)  # done: not exported
    ita = next(e for e in events if "Submit the complete application" in e["summary"])
    assert ita["start"] == deadline(t, "ita_submission").due
    # A month later the plan moves, but the events keep their UIDs: a re-import updates them.
    later = _events(ics.to_ics(tl.timeline(p, ON + timedelta(days=30))))
    assert {e["uid"] for e in later} == {e["uid"] for e in events}
    assert ics.to_ics(t) == ics.to_ics(tl.timeline(p, ON))  # same plan, same bytes


def test_the_calendar_reminds_before_every_deadline_and_has_no_week_long_blocks() -> None:
    """Issue 19: alarms (VALARM) before every deadline and due date, parsed back with
    icalendar; every event a single day; titles that read (no raw test ids)."""
    p = load("data_scientist_pgwp")
    t = tl.timeline(p, ON)
    cal = Calendar.from_ical(ics.to_ics(t, reminders=(7, 1)))
    events = list(cal.walk("VEVENT"))
    for e in events:
        assert e.decoded("DTEND") - e.decoded("DTSTART") == timedelta(days=1), e["SUMMARY"]
    deadlines = [e for e in events if str(e["SUMMARY"]).startswith("Deadline: ")]
    assert deadlines and len(deadlines) == len(t.deadlines)
    for e in deadlines:
        triggers = sorted(a.decoded("TRIGGER") for a in e.walk("VALARM"))
        assert triggers == [timedelta(days=-7), timedelta(days=-1)], e["SUMMARY"]
        assert all(str(a["ACTION"]) == "DISPLAY" for a in e.walk("VALARM"))
    starts = [e for e in events if str(e["SUMMARY"]).startswith("Start: ")]
    assert all(not list(e.walk("VALARM")) for e in starts)  # a start needs no reminder
    titles = " ".join(str(e["SUMMARY"]) for e in events)
    assert "ielts_general" not in titles and "celpip_general" not in titles
    assert "education[" not in titles


def test_the_calendar_speaks_the_person_s_language() -> None:
    from maplepath import i18n

    p = load("data_scientist_pgwp")
    i18n.use("fr")
    try:
        data = ics.to_ics(tl.timeline(p, ON))
    finally:
        i18n.use("en")
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert any(s.startswith("Échéance") for s in summaries), summaries


def test_without_a_date_or_rounds_the_invitation_is_assumed_and_said_so() -> None:
    t = tl.timeline(load("software_engineer_abroad"), ON)
    assert t.invitation.basis == "assumed"
    assert any("assumed on the day the profile is submitted" in w for w in t.warnings)
    profile_day = step(t, "ee_profile").start
    assert deadline(t, "ita_submission").due == profile_day + timedelta(days=60)


def test_a_picked_invitation_date_moves_the_window_and_the_steps_after_it() -> None:
    picked = date(2027, 5, 1)
    chosen = tl.Invitation("picked", picked)
    t = tl.timeline(load("software_engineer_abroad"), ON, invitation=chosen)
    wait = step(t, "invitation")
    assert (wait.start, wait.end) == (step(t, "ee_profile").start, picked)
    assert deadline(t, "ita_submission").due == picked + timedelta(days=60)
    assert "if invited on 2027-05-01" in deadline(t, "ita_submission").title
    assert step(t, "translations").start == picked
    assert not any("assumed" in w for w in t.warnings)


def test_an_estimated_invitation_comes_its_typical_days_after_the_profile() -> None:
    est = tl.Invitation("estimated", after_days=90, late_days=300, note="from recent rounds")
    t = tl.timeline(load("software_engineer_abroad"), ON, invitation=est)
    start = step(t, "ee_profile").start
    assert step(t, "invitation").end == start + timedelta(days=90)
    assert step(t, "invitation").detail == "from recent rounds"
    assert deadline(t, "ita_submission").due == start + timedelta(days=150)


def test_the_wait_for_an_invitation_follows_the_recent_pace_of_rounds_one_can_clear() -> None:
    import math

    from maplepath.draws.odds import DrawOdds, Odds, invitation_wait

    def kind(name: str, eligibility: str, at_or_below: int) -> DrawOdds:
        return DrawOdds(name, eligibility, "", (), 10, at_or_below, (480,) * 10, ON, 365)

    kinds = (kind("cec", "eligible", 6), kind("general", "eligible", 4),
             kind("ee_category:french", "ineligible", 9))  # fmt: skip
    found = Odds(ON, 500, 12, ON - timedelta(days=365), 30, ON, kinds)
    typical, late, n = invitation_wait(found)
    assert n == 10  # the French rounds do not count: the person cannot enter them
    assert typical == round(36.5 * math.log(2)) and late == round(36.5 * math.log(10))
    none = Odds(ON, 400, 12, ON - timedelta(days=365), 30, ON, (kind("cec", "eligible", 0),))
    assert invitation_wait(none) is None


def test_document_steps_show_their_range_and_the_latest_day_to_start() -> None:
    t = tl.timeline(load("software_engineer_abroad"), ON, "fsw")
    due = deadline(t, "ita_submission").due
    police = step(t, "police_certificates")
    # planner.steps.durations: 60 days typical; planner.steps.duration_ranges: 14-120
    assert police.end == police.start + timedelta(days=60)
    assert police.latest_end == police.start + timedelta(days=120)
    assert police.start_by == due - timedelta(days=120)  # fees are paid on the day (0)
    # 120 days do not fit in the 60-day window even started today, and the detail says so
    assert police.start_by < police.start
    assert police.detail == f"60 days (14-120); at its longest it ends after {due}: start it first"
    letters = step(t, "reference_letters")
    assert letters.detail == f"21 days (7-30); start by {due - timedelta(days=30)}"
    assert "planner.steps.duration_ranges" in police.rules
    translations = step(t, "translations")
    assert translations.start_by == due - timedelta(days=21)
    assert translations.start_by > translations.start  # started at the invitation, in time


def test_the_medical_exam_comes_after_the_application_from_2023_10_01() -> None:
    t = tl.timeline(load("software_engineer_abroad"), ON, "fsw")
    medical = step(t, "medical_exam")
    assert medical.start == step(t, "submit_application").end
    assert "when IRCC asks" in medical.title
    assert medical.latest_end == medical.start + timedelta(days=49)
    assert "planner.steps.medical_exam_timing" in medical.rules
    # fees are no longer paid after the medical exam: they follow the longest other document
    others = ("police_certificates", "reference_letters", "translations")
    assert step(t, "fee_payment").start == max(step(t, s).end for s in others)
    assert step(t, "fee_payment").end <= medical.start


class UpfrontMedical(RuleBook):
    """The rule book with the medical exam before submission, as it was until 2023-09-30 (the
    step durations themselves are dated from 2026, so the switch is tested on today's book)."""

    def value(self, rule_id: str, on: date, scenarios: Iterable[str] = ()) -> Any:
        if rule_id == MEDICAL_RULE:
            return super().value(rule_id, date(2023, 9, 30), scenarios)
        return super().value(rule_id, on, scenarios)


def test_before_2023_10_01_the_medical_exam_came_before_the_application() -> None:
    assert default().value(MEDICAL_RULE, date(2023, 9, 30)) == "before_submission"
    t = tl.timeline(load("software_engineer_abroad"), ON, "fsw", book=UpfrontMedical())
    medical = step(t, "medical_exam")
    assert medical.start == step(t, "ee_profile").start
    assert medical.end <= step(t, "fee_payment").start
    assert "when IRCC asks" not in medical.title
    assert medical.latest_end == medical.start + timedelta(days=49)
    assert medical.start_by == deadline(t, "ita_submission").due - timedelta(days=49)
