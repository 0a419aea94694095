"""The consistency review: where the documents contradict each other or the profile.

Weak files are refused less for what they lack than for what does not add up: a name spelled
two ways, a date of birth that moves, a test report carrying another passport number, a
reference letter that says part-time where the profile claims full-time. IRCC may treat a
material contradiction as misrepresentation (IRPA s. 40: five years' inadmissibility), so each
finding says which documents disagree, on what, how much it matters and why.

Severity: ``high`` — can get the application refused or returned (identity, scores,
credential level, an undeclared spouse); ``medium`` — changes what is counted or invites an
officer's doubt (dates, hours, titles vs the NOC, wages, funds); ``low`` — needs an explanation
in the application (a gap in the work history, a middle name missing on one document).
Identity (names, dates of birth, passports, marriage) is checked in
``consistency_identity``, employment in ``consistency_work``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from maplepath.i18n import decimal, money, noop, say, word
from maplepath.planner import consistency_identity as identity
from maplepath.planner import consistency_work, matching
from maplepath.planner.evidence import Document
from maplepath.planner.findings import SEVERITIES, Finding
from maplepath.profile import language
from maplepath.profile.model import EducationLevel, Profile, Spouse

__all__ = ["SEVERITIES", "Finding", "review"]

WHY_SCORES = noop(
    "IRCC verifies results with the testing body; scores that differ from the report are "
    "misrepresentation (five years' inadmissibility), and the CLB levels rest on them"
)
WHY_TEST_DATE = noop(
    "the result claimed is not the one in the folder: validity (2 years) and the score chart "
    "both run from the test date"
)
WHY_ECA_LEVEL = noop(
    "the education points follow the Canadian equivalence the ECA states, not the foreign "
    "title; claiming a higher level than assessed is refused"
)
WHY_ECA_DATE = noop("an ECA counts for 5 years from its issue date; the dates must be the report's")
WHY_DIPLOMA = noop(
    "every credential claimed needs its diploma and transcripts; a level or date that differs "
    "from the diploma changes the points and invites doubt"
)
WHY_FUNDS = noop(
    "proof of funds must show at least the amount claimed (and the minimum for the family "
    "size); a smaller balance fails the FSW and FST funds requirement"
)


def review(profile: Profile, documents: Sequence[Document], on: date) -> list[Finding]:
    """Every contradiction between the documents and with the profile, most severe first."""
    found: list[Finding] = []
    for about, person in _people(profile):
        docs = [d for d in documents if d.about == about]
        prefix = "" if about == "applicant" else "spouse."
        found += identity.names(docs)
        found += identity.birth_dates(docs, person.birth_date, prefix)
        found += identity.passport_numbers(docs)
        found += _language(docs, person, prefix)
        found += _education(docs, person, prefix)
        found += consistency_work.review(docs, person, prefix, on)
    found += identity.nationality(profile, documents)
    found += _funds(profile, documents)
    found += identity.marriage(profile, documents)
    found += identity.partner_name(documents)
    found += consistency_work.job_offers(profile, documents)
    return sorted(found, key=lambda f: SEVERITIES.index(f.severity))


def _people(profile: Profile) -> Iterator[tuple[str, Profile | Spouse]]:
    yield "applicant", profile
    if profile.spouse is not None:
        yield "spouse", profile.spouse


def _language(docs: Sequence[Document], person: Profile | Spouse, prefix: str) -> list[Finding]:
    results = [d for d in docs if d.kind == "language_test_result" and d.fields.test]
    out = []
    for i, t in enumerate(person.language_tests):
        path = f"profile:{prefix}language_tests[{i}]"
        name = language.TESTS.get(t.test, t.test)
        same_test = [d for d in results if d.fields.test == t.test]
        same_day = [d for d in same_test if d.fields.date == t.date]
        for d in same_day:
            if d.fields.scores is None:
                continue
            diffs = [
                say(
                    "%(ability)s %(report)s vs %(profile)s",
                    ability=word(a),
                    report=decimal(f"{getattr(d.fields.scores, a):g}"),
                    profile=decimal(f"{getattr(t.scores, a):g}"),
                )
                for a in language.ABILITIES
                if getattr(d.fields.scores, a) is not None
                and getattr(t.scores, a) is not None
                and getattr(d.fields.scores, a) != getattr(t.scores, a)
            ]
            if diffs:
                out.append(
                    Finding(
                        "language_scores",
                        "high",
                        (d.id, path),
                        say(
                            "%(test)s of %(date)s: the report and the profile differ on "
                            "%(differences)s (report vs profile)",
                            test=name,
                            date=t.date,
                            differences=", ".join(diffs),
                        ),
                        word(WHY_SCORES),
                    )
                )
        if same_test and not same_day:
            dates = ", ".join(
                say("%(document)s of %(date)s", document=d.id, date=d.fields.date)
                for d in same_test
            )
            out.append(
                Finding(
                    "language_test_date",
                    "medium",
                    (*(d.id for d in same_test), path),
                    say(
                        "the profile claims %(test)s of %(date)s; the folder has %(found)s",
                        test=name,
                        date=t.date,
                        found=dates,
                    ),
                    word(WHY_TEST_DATE),
                )
            )
    return out


def _education(docs: Sequence[Document], person: Profile | Spouse, prefix: str) -> list[Finding]:
    out = []
    ecas = [d for d in docs if d.kind == "eca_report"]
    diplomas = [d for d in docs if d.kind == "diploma"]
    for i, c in enumerate(person.education):
        path = f"profile:{prefix}education[{i}]"
        if c.eca is not None and ecas:
            out += _eca(ecas, c.eca.level, c.eca.issued, path + ".eca")
        same_level = [d for d in diplomas if d.fields.level == c.level]
        for d in same_level:
            if matching.close_dates(d.fields.completed, c.completed) is False:
                out.append(
                    Finding(
                        "diploma",
                        "medium",
                        (d.id, path),
                        say(
                            "%(document)s was completed %(completed)s; the profile says "
                            "%(claimed)s",
                            document=d.id,
                            completed=d.fields.completed,
                            claimed=c.completed,
                        ),
                        word(WHY_DIPLOMA),
                    )
                )
    claimed_levels = {c.level for c in person.education}
    for d in diplomas:
        if d.fields.level is not None and d.fields.level not in claimed_levels:
            out.append(
                Finding(
                    "diploma",
                    "medium",
                    (d.id, f"profile:{prefix}education"),
                    say(
                        "%(document)s is a %(level)s diploma; the profile claims %(claimed)s",
                        document=d.id,
                        level=d.fields.level,
                        claimed=", ".join(sorted(str(x) for x in claimed_levels if x))
                        or say("none"),
                    ),
                    word(WHY_DIPLOMA),
                )
            )
    return out


def _eca(
    ecas: Sequence[Document], claimed: EducationLevel | None, issued: date | None, path: str
) -> list[Finding]:
    """The report of one credential: those issued that day (one report may assess several
    credentials, or several reports share a day), else the only report in the folder."""
    same_day = [d for d in ecas if issued is not None and d.fields.issued == issued]
    match = same_day or (list(ecas) if len(ecas) == 1 else [])
    out = []
    if claimed is not None and match and all(d.fields.level not in (None, claimed) for d in match):
        d = match[0]
        out.append(
            Finding(
                "eca_level",
                "high",
                (d.id, path),
                say(
                    "%(document)s assesses the credential as %(level)s; the profile claims "
                    "%(claimed)s",
                    document=d.id,
                    level=d.fields.level,
                    claimed=claimed,
                ),
                word(WHY_ECA_LEVEL),
            )
        )
    if not same_day and match and match[0].fields.issued and issued:
        d = match[0]
        out.append(
            Finding(
                "eca_date",
                "medium",
                (d.id, path),
                say(
                    "%(document)s was issued %(issued)s; the profile says %(claimed)s",
                    document=d.id,
                    issued=d.fields.issued,
                    claimed=issued,
                ),
                word(WHY_ECA_DATE),
            )
        )
    return out


def _funds(profile: Profile, docs: Sequence[Document]) -> list[Finding]:
    claimed = profile.settlement_funds_cad
    if claimed is None:
        return []
    return [
        Finding(
            "funds",
            "medium",
            (d.id, "profile:settlement_funds_cad"),
            say(
                "%(document)s shows %(amount)s; the profile claims %(claimed)s",
                document=d.id,
                amount=money(d.fields.amount_cad),
                claimed=money(claimed),
            ),
            word(WHY_FUNDS),
        )
        for d in docs
        if d.kind == "proof_of_funds"
        and d.fields.amount_cad is not None
        and d.fields.amount_cad < claimed
    ]
