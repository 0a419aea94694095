"""The profile facts a document can confirm, and how each is matched (see ``assumptions``).

A profile fact is *confirmed* when an unexpired document in the evidence folder supports it —
matched on content, not on a label: the same test, date and scores; the same employer and
dates and hours; the same date of birth — and *assumed* otherwise. IRCC decides on documents,
not on what a profile says: an assumed fact is one the person still has to prove, and a CRS
line or a verdict resting on it is only as good as that proof.

Fact paths are the profile's field paths (``birth_date``, ``language_tests[0]``,
``education[1].eca``, ``work[2]``, ``spouse.language_tests[0]``, ``job_offers[0]``, ...). Only
facts the profile states are listed: a missing fact is ``unknown``, never an assumption.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from maplepath.planner import matching
from maplepath.planner.evidence import Document
from maplepath.profile import language
from maplepath.profile.model import (
    Certificate,
    Credential,
    JobOffer,
    LanguageTest,
    Nomination,
    Profile,
    Relative,
    Spouse,
    WorkPeriod,
)

Check = Callable[[Document], str | None]  # None: the document supports the fact; else why not
# What a check returns for a document about something else (another employer, another test):
# it neither confirms the fact nor counts against it.
UNRELATED = "unrelated"


@dataclass(frozen=True)
class Fact:
    path: str
    what: str  # "IELTS General Training of 2025-03-06"
    confirm_with: str  # the document that would confirm it
    kinds: tuple[str, ...]
    about: str  # applicant | spouse
    check: Check


def _ne(label: str, doc_value: Any, fact_value: Any) -> str | None:
    if doc_value is None or fact_value is None or doc_value == fact_value:
        return None
    return f"{label} {doc_value}, not {fact_value}"


def _first(*reasons: str | None) -> str | None:
    return next((r for r in reasons if r), None)


def _test_fact(t: LanguageTest, path: str, about: str) -> Fact:
    def check(d: Document) -> str | None:
        f = d.fields
        if f.test != t.test or f.date != t.date:
            return UNRELATED
        if f.scores is None:
            return "shows no scores"
        return _first(
            *(
                _ne(f"{a}", getattr(f.scores, a), getattr(t.scores, a))
                for a in ("listening", "reading", "writing", "speaking")
            )
        )

    what = f"{language.TESTS.get(t.test, t.test)} of {t.date}"
    return Fact(path, what, f"the {what} result", ("language_test_result",), about, check)


def _credential_facts(c: Credential, path: str, about: str) -> list[Fact]:
    def diploma(d: Document) -> str | None:
        f = d.fields
        if f.level is not None and c.level is not None and f.level != c.level:
            return UNRELATED  # the diploma of another credential
        return _first(
            None
            if matching.close_dates(f.completed, c.completed) is not False
            else f"completed {f.completed}, not {c.completed}",
        )

    level = str(c.level) if c.level else "credential"
    out = [
        Fact(
            path,
            f"{level} ({c.country or '?'})",
            f"the {level} diploma",
            ("diploma",),
            about,
            diploma,
        )
    ]
    if c.eca is not None and not c.canadian:
        eca = c.eca

        def report(d: Document) -> str | None:
            f = d.fields
            return _first(
                _ne("level", f.level and str(f.level), eca.level and str(eca.level)),
                _ne("issued", f.issued, eca.issued),
            )

        out.append(
            Fact(
                f"{path}.eca",
                f"ECA of the {level} by {eca.issuer or '?'} issued {eca.issued or '?'}",
                f"the {eca.issuer or ''} ECA report".replace("  ", " "),
                ("eca_report",),
                about,
                report,
            )
        )
    return out


def _work_fact(w: WorkPeriod, path: str, about: str) -> Fact:
    def check(d: Document) -> str | None:
        f = d.fields
        if matching.same_employer(f.employer, w.employer) is False:
            return UNRELATED
        ended = (
            None
            if (f.end is None) == (w.end is None)
            and matching.close_dates(f.end, w.end) is not False
            else f"ends {f.end or 'never (ongoing)'}, not {w.end or 'ongoing'}"
        )
        hours = None
        fh, wh = f.hours_per_week, w.hours_per_week
        if fh is not None and wh is not None and abs(fh - wh) > 1:
            hours = f"shows {fh:g} h/week, not {wh:g}"
        start = matching.close_dates(f.start, w.start)
        return _first(
            None if start is not False else f"starts {f.start}, not {w.start}", ended, hours
        )

    span = f"{w.start or '?'} to {w.end or 'now'}"
    return Fact(
        path,
        f"{w.title or 'work'} at {w.employer or '?'}, {span}",
        f"a reference letter from {w.employer or 'the employer'} (dates, hours, duties)",
        ("employment_reference_letter",),
        about,
        check,
    )


def _person_facts(p: Profile | Spouse, prefix: str, about: str) -> list[Fact]:
    out: list[Fact] = []
    if p.birth_date is not None:
        born = p.birth_date
        out.append(
            Fact(
                f"{prefix}birth_date",
                f"born {born}",
                "a passport or birth certificate",
                ("passport", "birth_certificate"),
                about,
                lambda d: (
                    _ne("date of birth", d.fields.date_of_birth, born)
                    if d.fields.date_of_birth
                    else "shows no date of birth"
                ),
            )
        )
    for i, t in enumerate(p.language_tests):
        out.append(_test_fact(t, f"{prefix}language_tests[{i}]", about))
    for i, c in enumerate(p.education):
        out += _credential_facts(c, f"{prefix}education[{i}]", about)
    for i, w in enumerate(p.work):
        out.append(_work_fact(w, f"{prefix}work[{i}]", about))
    return out


def _offer_check(o: JobOffer, d: Document) -> str | None:
    if matching.same_employer(d.fields.employer, o.employer) is False:
        return UNRELATED
    return _ne("NOC", d.fields.noc, o.noc)


def _nomination_check(n: Nomination, d: Document) -> str | None:
    return _ne("province", d.fields.province, n.province)


def _relative_check(r: Relative, d: Document) -> str | None:
    return _ne("relation", d.fields.relation and str(d.fields.relation), str(r.relation))


def _certificate_check(c: Certificate, d: Document) -> str | None:
    return _first(
        _ne("NOC", d.fields.noc, c.trade_noc), _ne("province", d.fields.province, c.province)
    )


def facts(profile: Profile) -> list[Fact]:
    """Every fact the profile states that a document could confirm."""
    out = _person_facts(profile, "", "applicant")
    if profile.citizenships:
        wanted = set(profile.citizenships)
        out.append(
            Fact(
                "citizenships",
                "citizen of " + ", ".join(profile.citizenships),
                "a passport of each country",
                ("passport",),
                "applicant",
                lambda d: None if d.fields.nationality in wanted else UNRELATED,
            )
        )
    if profile.marital_status is not None and str(profile.marital_status) == "married":
        out.append(
            Fact(
                "marital_status",
                "married",
                "the marriage certificate",
                ("marriage_certificate",),
                "applicant",
                lambda d: None,
            )
        )
    if profile.spouse is not None:
        out += _person_facts(profile.spouse, "spouse.", "spouse")
    for i, o in enumerate(profile.job_offers):
        out.append(
            Fact(
                f"job_offers[{i}]",
                f"job offer from {o.employer or '?'}",
                f"the written job offer from {o.employer or 'the employer'}",
                ("job_offer_letter",),
                "applicant",
                partial(_offer_check, o),
            )
        )
    for i, n in enumerate(profile.nominations):
        out.append(
            Fact(
                f"nominations[{i}]",
                f"nomination by {n.province}",
                f"the {n.province} nomination certificate",
                ("provincial_nomination",),
                "applicant",
                partial(_nomination_check, n),
            )
        )
    for i, r in enumerate(profile.relatives_in_canada):
        out.append(
            Fact(
                f"relatives_in_canada[{i}]",
                f"{r.relation} in Canada ({r.status or '?'})",
                f"proof of the {r.relation}'s status and relationship",
                ("relative_status_proof",),
                "applicant",
                partial(_relative_check, r),
            )
        )
    for i, c in enumerate(profile.certificates_of_qualification):
        out.append(
            Fact(
                f"certificates_of_qualification[{i}]",
                f"certificate of qualification, NOC {c.trade_noc or '?'}",
                "the certificate of qualification",
                ("certificate_of_qualification",),
                "applicant",
                partial(_certificate_check, c),
            )
        )
    if profile.settlement_funds_cad is not None:
        funds = profile.settlement_funds_cad
        out.append(
            Fact(
                "settlement_funds_cad",
                f"${funds:,.0f} of settlement funds",
                "a bank letter showing the funds",
                ("proof_of_funds",),
                "applicant",
                lambda d: (
                    None
                    if d.fields.amount_cad is not None and d.fields.amount_cad >= funds
                    else f"shows ${d.fields.amount_cad or 0:,.0f}, less than ${funds:,.0f}"
                ),
            )
        )
    return out
