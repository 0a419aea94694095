"""The steps of a timeline before the Express Entry profile (a language test and its results,
ECAs), the provincial deadlines, and the fees: the parts of ``planner.timeline`` that read the
profile's own documents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from maplepath.i18n import say, word
from maplepath.planner import language_actions
from maplepath.planner.actions import ECA_RULES
from maplepath.profile.facts import eca_window, language_results
from maplepath.profile.language import TESTS, best_by_language
from maplepath.profile.model import Profile
from maplepath.rulebook.book import RuleBook

STEPS_RULE = "planner.steps.durations"
RANGES_RULE = "planner.steps.duration_ranges"
MEDICAL_RULE = "planner.steps.medical_exam_timing"


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    start: date
    end: date
    done: bool = False
    detail: str = ""
    rules: tuple[str, ...] = ()
    # At its longest (planner.steps.duration_ranges) the step ends on ``latest_end``; started
    # by ``start_by`` it still ends, at its longest, before the deadline it must meet.
    latest_end: date | None = None
    start_by: date | None = None


def ranges(on: date, book: RuleBook) -> dict[str, tuple[int, int]]:
    """Each step's shortest and longest days on ``on`` (none before the rule begins)."""
    r = book.at(RANGES_RULE, on)
    return {k: (int(v[0]), int(v[1])) for k, v in r.value.items()} if r.in_force else {}


def span_text(days: int, span: tuple[int, int] | None) -> str:
    """ "35 days (28-49)": the typical figure the plan uses, and the range."""
    if span is None or span[0] == span[1] == days:
        return say("%(days)s days", days=days)
    return say("%(days)s days (%(low)s-%(high)s)", days=days, low=span[0], high=span[1])


@dataclass(frozen=True)
class Deadline:
    id: str
    title: str
    due: date
    detail: str = ""
    rules: tuple[str, ...] = ()


def before_profile(
    profile: Profile,
    on: date,
    d: dict[str, int],
    book: RuleBook,
    renew: set[str],
    steps: list[Step],
    deadlines: list[Deadline],
    warnings: list[str],
) -> date:
    """Add the language and ECA steps (done when a valid result or ECA is held and not being
    renewed) and their expiry deadlines; return the day the profile can be submitted."""
    ready = on
    # 1. language test and results
    held = best_by_language(language_results(profile.language_tests, on, book))
    for lang, t in list(held.items()):
        if f"language_expires_{t.test}" in renew:
            del held[lang]
            warnings.append(
                say(
                    "%(test)s result of %(taken)s expires on %(expires)s, before the "
                    "application: the plan includes a new test",
                    test=t.test,
                    taken=t.taken,
                    expires=t.expires,
                )
            )
    if held:
        best = max(held.values(), key=lambda t: sum(t.clb.values()))
        valid = say("%(test)s of %(taken)s valid", test=best.test, taken=best.taken)
        for sid, title in (
            ("language_test", say("Book and take a language test")),
            ("language_results", say("Language test results")),
        ):
            steps.append(Step(sid, title, on, on, True, valid))
        for t in held.values():
            deadlines.append(
                Deadline(
                    f"language_expires_{t.test}",
                    say(
                        "Your %(test)s result of %(taken)s stops counting",
                        test=TESTS.get(t.test, t.test),
                        taken=t.taken,
                    ),
                    t.expires,
                    say(
                        "results must be less than 2 years old when the profile is submitted "
                        "and when the application is received"
                    ),
                    ("language.validity",),
                )
            )
    else:
        test = language_actions._fastest("english", on, book) or "ielts_general"
        results = int(book.at(language_actions.test_rule(test), on).value["results_days"])
        booked = on + timedelta(days=d["language_test_booking"])
        steps.append(
            Step(
                "language_test",
                say("Book and take a language test"),
                on,
                booked,
                False,
                say("e.g. %(test)s", test=test),
                (STEPS_RULE,),
            )
        )
        ready = booked + timedelta(days=results)
        steps.append(
            Step(
                "language_results",
                say("Language test results"),
                booked,
                ready,
                False,
                say("%(test)s: %(days)s days", test=test, days=results),
                (language_actions.test_rule(test),),
            )
        )
    # ECA for each foreign credential
    eca_end, missing = on, []
    for i, c in enumerate(profile.education):
        if c.canadian is not False:
            continue
        w = eca_window(c, on, book)
        if w is not None and w[0] <= on < w[1] and f"eca_expires_{i}" not in renew:
            deadlines.append(
                Deadline(
                    f"eca_expires_{i}",
                    say(
                        "Your ECA (%(level)s, %(country)s) stops counting",
                        level=word(str(c.level or "")) or "?",
                        country=c.country or "?",
                    ),
                    w[1],
                    say("an ECA must be less than 5 years old"),
                    ("education.eca_validity",),
                )
            )
        else:
            missing.append(i)
    if missing:
        rid = ECA_RULES[0]
        days = int(book.at(rid, on).value["days"])
        eca_end = on + timedelta(days=days)
        steps.append(
            Step(
                "eca",
                say("Educational Credential Assessment"),
                on,
                eca_end,
                False,
                f"education{missing}",
                (rid,),
            )
        )
    else:
        steps.append(
            Step(
                "eca",
                say("Educational Credential Assessment"),
                on,
                on,
                True,
                say("valid ECA(s) or no foreign credential"),
            )
        )
    return max(ready, eca_end)


def provincial_deadlines(
    profile: Profile, on: date, program: str, start: date, book: RuleBook
) -> list[Deadline]:
    out = []
    if program == "oinp_hcp_tech":
        r = book.at("programs.oinp_hcp_tech.noi_deadline", on)
        if r.in_force:
            out.append(
                Deadline(
                    "oinp_noi",
                    say("Apply to Ontario (if the NOI comes as the nomination step starts)"),
                    start + timedelta(days=int(r.value)),
                    say("%(days)s days after the NOI", days=r.value),
                    ("programs.oinp_hcp_tech.noi_deadline",),
                )
            )
    if program == "bc_pnp_tech":
        r = book.at("programs.bc_pnp_tech.job_offer", on)
        left = r.value.get("min_days_left") if r.in_force else None
        for i, o in enumerate(profile.job_offers):
            if left and o.province == "BC" and o.end is not None:
                out.append(
                    Deadline(
                        f"bc_job_offer_{i}",
                        say(
                            "Apply to BC while job offer %(i)s has %(left)s days left",
                            i=i,
                            left=left,
                        ),
                        o.end - timedelta(days=int(left)),
                        say("the offer ends on %(end)s", end=o.end),
                        ("programs.bc_pnp_tech.job_offer",),
                    )
                )
    return out


def fees_for(profile: Profile, table: dict[str, int]) -> int:
    total = int(table["principal"])
    if profile.has_partner and profile.spouse is not None:
        total += int(table["spouse"])
        total += int(table["biometrics_family"])
    else:
        total += int(table["biometrics_person"])
    return total


def document_steps(
    steps: list[Step],
    d: dict[str, int],
    spans: dict[str, tuple[int, int]],
    start: date,
    ita: date,
    due: date,
    upfront: bool,
    funds: bool,
) -> list[date]:
    """Add the document steps (police certificates, the medical exam when it comes before the
    application, reference letters, translations, proof of funds when the program asks for it),
    each at its typical length with its range and the latest day to start it so that at its
    longest, and with the fees paid, it is ready by ``due``; return the days they end."""
    medical = ("medical_exam", say("Immigration medical exam (panel physician)"), start)
    docs = [
        ("police_certificates", say("Police certificates"), start),
        *([medical] if upfront else []),
        ("reference_letters", say("Employer reference letters"), start),
        ("translations", say("Certified translations"), ita),
    ]
    if funds:
        docs.append(("proof_of_funds", say("Proof of settlement funds (bank letters)"), ita))
    ends = []
    fee_longest = spans.get("fee_payment", (0, d["fee_payment"]))[1]
    for sid, title, begin in docs:
        end = begin + timedelta(days=d[sid])
        ends.append(end)
        span = spans.get(sid)
        latest = begin + timedelta(days=span[1]) if span else None
        start_by = due - timedelta(days=span[1] + fee_longest) if span else None
        took = span_text(d[sid], span)
        if start_by is not None and start_by < begin:
            # Even started on the plan's first day it may, at its longest, miss the deadline.
            took = say(
                "%(took)s; at its longest it ends after %(due)s: start it first",
                took=took,
                due=due,
            )
        elif start_by is not None:
            took = say("%(took)s; start by %(by)s", took=took, by=start_by)
        rules = (STEPS_RULE, RANGES_RULE) if span else (STEPS_RULE,)
        steps.append(Step(sid, title, begin, end, False, took, rules, latest, start_by))
    return ends


def medical_on_request(
    submitted: date, d: dict[str, int], spans: dict[str, tuple[int, int]]
) -> Step:
    """The medical exam after the application, when IRCC sends the instructions (2023-10-01 on)."""
    span = spans.get("medical_exam")
    return Step(
        "medical_exam",
        say("Immigration medical exam (panel physician), when IRCC asks"),
        submitted,
        submitted + timedelta(days=d["medical_exam"]),
        False,
        say(
            "%(took)s; since 2023-10-01 IRCC sends the instructions after the application is "
            "received",
            took=span_text(d["medical_exam"], span),
        ),
        (MEDICAL_RULE, STEPS_RULE),
        submitted + timedelta(days=span[1]) if span else None,
    )
