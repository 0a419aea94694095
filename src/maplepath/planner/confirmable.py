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

from maplepath.i18n import decimal, money, noop, say, word
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
# What a check names when a document and the profile disagree ("listening 6.5, not 7.0").
ABILITIES = {
    "listening": noop("listening"),
    "reading": noop("reading"),
    "writing": noop("writing"),
    "speaking": noop("speaking"),
}


@dataclass(frozen=True)
class Fact:
    path: str
    what: str  # "IELTS General Training of 2025-03-06"
    confirm_with: str  # the document that would confirm it
    kinds: tuple[str, ...]
    about: str  # applicant | spouse
    check: Check


def _ne(label: str, doc_value: Any, fact_value: Any) -> str | None:
    """Why a document disagrees on one field; ``label`` is a word marked with ``noop``."""
    if doc_value is None or fact_value is None or doc_value == fact_value:
        return None
    return say(
        "%(field)s %(document)s, not %(profile)s",
        field=word(label),
        document=_shown(doc_value),
        profile=_shown(fact_value),
    )


def _shown(value: Any) -> Any:
    return decimal(str(value)) if isinstance(value, float) else value


def _first(*reasons: str | None) -> str | None:
    return next((r for r in reasons if r), None)


def _test_fact(t: LanguageTest, path: str, about: str) -> Fact:
    def check(d: Document) -> str | None:
        f = d.fields
        if f.test != t.test or f.date != t.date:
            return UNRELATED
        if f.scores is None:
            return say("shows no scores")
        return _first(
            *(
                _ne(label, getattr(f.scores, a), getattr(t.scores, a))
                for a, label in ABILITIES.items()
            )
        )

    what = say("%(test)s of %(date)s", test=language.TESTS.get(t.test, t.test), date=t.date)
    confirm_with = say("the %(what)s result", what=what)
    return Fact(path, what, confirm_with, ("language_test_result",), about, check)


def _credential_facts(c: Credential, path: str, about: str) -> list[Fact]:
    def diploma(d: Document) -> str | None:
        f = d.fields
        if f.level is not None and c.level is not None and f.level != c.level:
            return UNRELATED  # the diploma of another credential
        return _first(
            None
            if matching.close_dates(f.completed, c.completed) is not False
            else say(
                "completed %(completed)s, not %(claimed)s",
                completed=f.completed,
                claimed=c.completed,
            ),
        )

    level = str(c.level) if c.level else say("credential")
    out = [
        Fact(
            path,
            say("%(level)s (%(country)s)", level=level, country=c.country or "?"),
            say("the %(level)s diploma", level=level),
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
                _ne(noop("level"), f.level and str(f.level), eca.level and str(eca.level)),
                _ne(noop("issued"), f.issued, eca.issued),
            )

        out.append(
            Fact(
                f"{path}.eca",
                say(
                    "ECA of the %(level)s by %(issuer)s issued %(issued)s",
                    level=level,
                    issuer=eca.issuer or "?",
                    issued=eca.issued or "?",
                ),
                say("the %(issuer)s ECA report", issuer=eca.issuer)
                if eca.issuer
                else say("the ECA report"),
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
            else say(
                "ends %(end)s, not %(claimed)s",
                end=f.end or say("never (ongoing)"),
                claimed=w.end or say("ongoing"),
            )
        )
        hours = None
        fh, wh = f.hours_per_week, w.hours_per_week
        if fh is not None and wh is not None and abs(fh - wh) > 1:
            hours = say(
                "shows %(hours)s h/week, not %(claimed)s",
                hours=decimal(f"{fh:g}"),
                claimed=decimal(f"{wh:g}"),
            )
        start = matching.close_dates(f.start, w.start)
        started = say("starts %(start)s, not %(claimed)s", start=f.start, claimed=w.start)
        return _first(None if start is not False else started, ended, hours)

    return Fact(
        path,
        say(
            "%(title)s at %(employer)s, %(start)s to %(end)s",
            title=w.title or say("work"),
            employer=w.employer or "?",
            start=w.start or "?",
            end=w.end or say("now"),
        ),
        say(
            "a reference letter from %(employer)s (dates, hours, duties)",
            employer=w.employer or say("the employer"),
        ),
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
                say("born %(born)s", born=born),
                say("a passport or birth certificate"),
                ("passport", "birth_certificate"),
                about,
                lambda d: (
                    _ne(noop("date of birth"), d.fields.date_of_birth, born)
                    if d.fields.date_of_birth
                    else say("shows no date of birth")
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
    return _ne(noop("NOC"), d.fields.noc, o.noc)


def _nomination_check(n: Nomination, d: Document) -> str | None:
    return _ne(noop("province"), d.fields.province, n.province)


def _relative_check(r: Relative, d: Document) -> str | None:
    relation = d.fields.relation and str(d.fields.relation)
    return _ne(noop("relation"), relation, str(r.relation))


def _certificate_check(c: Certificate, d: Document) -> str | None:
    return _first(
        _ne(noop("NOC"), d.fields.noc, c.trade_noc),
        _ne(noop("province"), d.fields.province, c.province),
    )


def facts(profile: Profile) -> list[Fact]:
    """Every fact the profile states that a document could confirm."""
    out = _person_facts(profile, "", "applicant")
    if profile.citizenships:
        wanted = set(profile.citizenships)
        out.append(
            Fact(
                "citizenships",
                say("citizen of %(countries)s", countries=", ".join(profile.citizenships)),
                say("a passport of each country"),
                ("passport",),
                "applicant",
                lambda d: None if d.fields.nationality in wanted else UNRELATED,
            )
        )
    if profile.marital_status is not None and str(profile.marital_status) == "married":
        out.append(
            Fact(
                "marital_status",
                say("married"),
                say("the marriage certificate"),
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
                say("job offer from %(employer)s", employer=o.employer or "?"),
                say(
                    "the written job offer from %(employer)s",
                    employer=o.employer or say("the employer"),
                ),
                ("job_offer_letter",),
                "applicant",
                partial(_offer_check, o),
            )
        )
    for i, n in enumerate(profile.nominations):
        out.append(
            Fact(
                f"nominations[{i}]",
                say("nomination by %(province)s", province=n.province),
                say("the %(province)s nomination certificate", province=n.province),
                ("provincial_nomination",),
                "applicant",
                partial(_nomination_check, n),
            )
        )
    for i, r in enumerate(profile.relatives_in_canada):
        out.append(
            Fact(
                f"relatives_in_canada[{i}]",
                say(
                    "%(relation)s in Canada (%(status)s)",
                    relation=r.relation,
                    status=r.status or "?",
                ),
                say("proof of the %(relation)s's status and relationship", relation=r.relation),
                ("relative_status_proof",),
                "applicant",
                partial(_relative_check, r),
            )
        )
    for i, c in enumerate(profile.certificates_of_qualification):
        out.append(
            Fact(
                f"certificates_of_qualification[{i}]",
                say("certificate of qualification, NOC %(noc)s", noc=c.trade_noc or "?"),
                say("the certificate of qualification"),
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
                say("%(amount)s of settlement funds", amount=money(funds)),
                say("a bank letter showing the funds"),
                ("proof_of_funds",),
                "applicant",
                lambda d: (
                    None
                    if d.fields.amount_cad is not None and d.fields.amount_cad >= funds
                    else say(
                        "shows %(amount)s, less than %(claimed)s",
                        amount=money(d.fields.amount_cad or 0),
                        claimed=money(funds),
                    )
                ),
            )
        )
    return out
