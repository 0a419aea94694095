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
Employment is checked in ``consistency_work``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from maplepath.planner import consistency_work, matching
from maplepath.planner.evidence import Document
from maplepath.planner.findings import SEVERITIES, Finding
from maplepath.privacy import mask
from maplepath.profile import language
from maplepath.profile.model import EducationLevel, Profile, Spouse

__all__ = ["SEVERITIES", "Finding", "review"]

WHY_NAME = (
    "IRCC matches every document to the name in the passport; a document in another name is "
    "not accepted as yours without proof of the change (marriage certificate, affidavit)"
)
WHY_NAME_VARIANT = (
    "a name written with words left out is usually accepted, but an officer may ask: add a "
    "one-line explanation or a 'one and the same person' affidavit"
)
WHY_DOB = (
    "a date of birth that differs between documents puts identity in doubt, and the age "
    "points of the CRS rest on it"
)
WHY_PASSPORT = (
    "documents must carry the passport you apply with (IRCC checks test results and forms "
    "against it); a mismatch gets the file refused or returned as incomplete"
)
WHY_NATIONALITY = (
    "the citizenship in the profile decides which programs are open (CUSMA needs US or "
    "Mexican citizenship) and which police certificates and visas are needed"
)
WHY_SCORES = (
    "IRCC verifies results with the testing body; scores that differ from the report are "
    "misrepresentation (five years' inadmissibility), and the CLB levels rest on them"
)
WHY_TEST_DATE = (
    "the result claimed is not the one in the folder: validity (2 years) and the score chart "
    "both run from the test date"
)
WHY_ECA_LEVEL = (
    "the education points follow the Canadian equivalence the ECA states, not the foreign "
    "title; claiming a higher level than assessed is refused"
)
WHY_ECA_DATE = "an ECA counts for 5 years from its issue date; the dates must be the report's"
WHY_DIPLOMA = (
    "every credential claimed needs its diploma and transcripts; a level or date that differs "
    "from the diploma changes the points and invites doubt"
)
WHY_FUNDS = (
    "proof of funds must show at least the amount claimed (and the minimum for the family "
    "size); a smaller balance fails the FSW and FST funds requirement"
)
WHY_MARRIED = (
    "a spouse must be declared (and examined) even when not accompanying; an undeclared "
    "spouse is misrepresentation and can never be sponsored later (IRPR 117(9)(d))"
)


def review(profile: Profile, documents: Sequence[Document], on: date) -> list[Finding]:
    """Every contradiction between the documents and with the profile, most severe first."""
    found: list[Finding] = []
    for about, person in _people(profile):
        docs = [d for d in documents if d.about == about]
        prefix = "" if about == "applicant" else "spouse."
        found += _names(docs)
        found += _birth_dates(docs, person.birth_date, prefix)
        found += _passport_numbers(docs)
        found += _language(docs, person, prefix)
        found += _education(docs, person, prefix)
        found += consistency_work.review(docs, person, prefix, on)
    found += _nationality(profile, documents)
    found += _funds(profile, documents)
    found += _marriage(profile, documents)
    found += _partner_name(documents)
    found += consistency_work.job_offers(profile, documents)
    return sorted(found, key=lambda f: SEVERITIES.index(f.severity))


def _people(profile: Profile) -> Iterator[tuple[str, Profile | Spouse]]:
    yield "applicant", profile
    if profile.spouse is not None:
        yield "spouse", profile.spouse


def _names(docs: Sequence[Document]) -> list[Finding]:
    named = [d for d in docs if d.fields.name]
    if len(named) < 2:
        return []
    passports = [d for d in named if d.kind == "passport"]
    ref = passports[0] if passports else named[0]
    ref_name = ref.fields.name or ""
    out = []
    for d in named:
        name = d.fields.name or ""
        if d is ref or matching.name_similarity(name, ref_name) >= matching.SAME_NAME:
            continue
        if matching.name_subset(name, ref_name):
            out.append(
                Finding(
                    "name_variant",
                    "low",
                    (ref.id, d.id),
                    f"{d.id} reads {name!r}, {ref.id} reads {ref_name!r}",
                    WHY_NAME_VARIANT,
                )
            )
        else:
            score = matching.name_similarity(name, ref_name)
            out.append(
                Finding(
                    "name",
                    "high",
                    (ref.id, d.id),
                    f"{d.id} is in the name {name!r}, {ref.id} in {ref_name!r} "
                    f"(similarity {score:.0f}/100)",
                    WHY_NAME,
                )
            )
    return out


def _birth_dates(docs: Sequence[Document], claimed: date | None, prefix: str) -> list[Finding]:
    dated = [d for d in docs if d.fields.date_of_birth]
    out = []
    if claimed is not None:
        for d in dated:
            if d.fields.date_of_birth != claimed:
                out.append(
                    Finding(
                        "date_of_birth",
                        "high",
                        (d.id, f"profile:{prefix}birth_date"),
                        f"{d.id} gives {d.fields.date_of_birth}, the profile {claimed}",
                        WHY_DOB,
                    )
                )
        return out
    for d in dated[1:]:  # no date claimed: the documents must still agree with each other
        if d.fields.date_of_birth != dated[0].fields.date_of_birth:
            out.append(
                Finding(
                    "date_of_birth",
                    "high",
                    (dated[0].id, d.id),
                    f"{dated[0].id} gives {dated[0].fields.date_of_birth}, "
                    f"{d.id} {d.fields.date_of_birth}",
                    WHY_DOB,
                )
            )
    return out


def _norm_passport(number: str) -> str:
    return "".join(number.split()).upper()


def _passport_numbers(docs: Sequence[Document]) -> list[Finding]:
    held = {
        _norm_passport(d.fields.passport_number): d.id
        for d in docs
        if d.kind == "passport" and d.fields.passport_number
    }
    if not held:
        return []
    out = []
    for d in docs:
        number = d.fields.passport_number
        if d.kind == "passport" or not number or _norm_passport(number) in held:
            continue
        out.append(
            Finding(
                "passport_number",
                "high",
                (*held.values(), d.id),
                f"{d.id} carries passport number {mask(number)}; the passport held is "
                + ", ".join(mask(n) for n in held),
                WHY_PASSPORT,
            )
        )
    return out


def _nationality(profile: Profile, docs: Sequence[Document]) -> list[Finding]:
    if not profile.citizenships:
        return []
    return [
        Finding(
            "citizenship",
            "high",
            (d.id, "profile:citizenships"),
            f"{d.id} is a passport of {d.fields.nationality}; the profile lists "
            + ", ".join(profile.citizenships),
            WHY_NATIONALITY,
        )
        for d in docs
        if d.kind == "passport"
        and d.about == "applicant"
        and d.fields.nationality
        and d.fields.nationality not in profile.citizenships
    ]


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
                f"{a} {getattr(d.fields.scores, a):g} vs {getattr(t.scores, a):g}"
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
                        f"{name} of {t.date}: the report and the profile differ on "
                        + ", ".join(diffs)
                        + " (report vs profile)",
                        WHY_SCORES,
                    )
                )
        if same_test and not same_day:
            dates = ", ".join(f"{d.id} of {d.fields.date}" for d in same_test)
            out.append(
                Finding(
                    "language_test_date",
                    "medium",
                    (*(d.id for d in same_test), path),
                    f"the profile claims {name} of {t.date}; the folder has {dates}",
                    WHY_TEST_DATE,
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
                        f"{d.id} was completed {d.fields.completed}; the profile says "
                        f"{c.completed}",
                        WHY_DIPLOMA,
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
                    f"{d.id} is a {d.fields.level} diploma; the profile claims "
                    + (", ".join(sorted(str(x) for x in claimed_levels if x)) or "none"),
                    WHY_DIPLOMA,
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
                f"{d.id} assesses the credential as {d.fields.level}; the profile claims {claimed}",
                WHY_ECA_LEVEL,
            )
        )
    if not same_day and match and match[0].fields.issued and issued:
        d = match[0]
        out.append(
            Finding(
                "eca_date",
                "medium",
                (d.id, path),
                f"{d.id} was issued {d.fields.issued}; the profile says {issued}",
                WHY_ECA_DATE,
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
            f"{d.id} shows ${d.fields.amount_cad:,.0f}; the profile claims ${claimed:,.0f}",
            WHY_FUNDS,
        )
        for d in docs
        if d.kind == "proof_of_funds"
        and d.fields.amount_cad is not None
        and d.fields.amount_cad < claimed
    ]


def _marriage(profile: Profile, docs: Sequence[Document]) -> list[Finding]:
    status = profile.marital_status
    return [
        Finding(
            "marital_status",
            "high",
            (d.id, "profile:marital_status"),
            f"{d.id} is a marriage certificate; the profile says {status or 'nothing'}",
            WHY_MARRIED,
        )
        for d in docs
        if d.kind == "marriage_certificate"
        and status is not None
        and str(status) not in ("married", "separated", "divorced", "widowed")
    ]


def _partner_name(docs: Sequence[Document]) -> list[Finding]:
    """The spouse named on the marriage certificate against the spouse's passport."""
    passports = [d for d in docs if d.kind == "passport" and d.about == "spouse" and d.fields.name]
    out = []
    for cert in (d for d in docs if d.kind == "marriage_certificate" and d.fields.partner_name):
        for p in passports:
            a, b = cert.fields.partner_name or "", p.fields.name or ""
            if matching.name_similarity(a, b) < matching.SAME_NAME and not matching.name_subset(
                a, b
            ):
                out.append(
                    Finding(
                        "name",
                        "high",
                        (p.id, cert.id),
                        f"{cert.id} names the spouse {a!r}; the spouse's passport {p.id} reads "
                        f"{b!r}",
                        WHY_NAME,
                    )
                )
    return out
