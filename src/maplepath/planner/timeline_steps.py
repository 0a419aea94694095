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


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    start: date
    end: date
    done: bool = False
    detail: str = ""
    rules: tuple[str, ...] = ()


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
