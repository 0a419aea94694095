"""The evidence checklist: for each pathway a person pursues, the documents it needs, marked
present / missing / expired from the evidence folder, or not_needed when the profile makes it
so (no spouse, no job offer, Canadian Experience Class with no proof of funds).

The lists are rules (``planner.documents.express_entry``, ``.provincial_nominee``,
``.work_permit``), each naming the programs it covers and, per document, how many are needed
(``per``: one per person, per language test claimed, per foreign credential, per job in the
last 10 years, ...). A document is *present* when one of the right kind, about the right
person, agrees with the fact it proves and has not expired on the date; *expired* when the
only agreeing ones have.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fnmatch import fnmatch
from typing import Any

from maplepath.i18n import noop, say, word
from maplepath.planner import permits
from maplepath.planner.assumptions import recent_work
from maplepath.planner.confirmable import UNRELATED, Fact, facts
from maplepath.planner.evidence import Document
from maplepath.planner.findings import Finding
from maplepath.profile.model import EducationLevel, Profile, WorkPeriod
from maplepath.rulebook import book as rulebook

RULES = ("express_entry", "provincial_nominee", "work_permit")
# ``flagged``: a document is held, but the review finds a serious problem with it (a passport
# number that is not the passport's, a name that differs): held is not the same as good.
STATUSES = ("present", "flagged", "missing", "expired", "not_needed")
# The statuses of a program a checklist is made for: open on the date, or known to open.
PURSUED = ("open", "not_yet_open")
# What a document of each kind is called in a checklist line ("Diploma: bachelors (IN)").
_LABELS = {
    "passport": noop("Passport"),
    "birth_certificate": noop("Birth certificate"),
    "language_test_result": noop("Language test result"),
    "eca_report": noop("ECA report"),
    "diploma": noop("Diploma"),
    "employment_reference_letter": noop("Employment reference letter"),
    "pay_stub": noop("Pay stub"),
    "work_permit": noop("Work permit"),
    "study_permit": noop("Study permit"),
    "job_offer_letter": noop("Job offer letter"),
    "police_certificate": noop("Police certificate"),
    "medical_exam": noop("Medical exam"),
    "proof_of_funds": noop("Proof of funds"),
    "marriage_certificate": noop("Marriage certificate"),
    "provincial_nomination": noop("Provincial nomination"),
    "certificate_of_qualification": noop("Certificate of qualification"),
    "relative_status_proof": noop("Relative status proof"),
}


@dataclass(frozen=True)
class Item:
    pathway: str  # the rule file: express_entry | provincial_nominee | work_permit
    programs: tuple[str, ...]  # the programs asked for that need it
    item: str  # the rule's item id (passport, employment_reference_letter, ...)
    kind: str  # the document kind
    who: str  # applicant | spouse
    fact: str | None  # the profile fact it proves ("work[1]"), if any
    need: str  # what exactly is needed
    status: str  # present | missing | expired | not_needed
    documents: tuple[str, ...]  # ids of the documents found (present or expired)
    valid_until: date | None  # the first day the present document stops counting
    rule: str
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "pathway": self.pathway,
            "programs": list(self.programs),
            "item": self.item,
            "kind": self.kind,
            "who": self.who,
            "fact": self.fact,
            "need": self.need,
            "status": self.status,
            "documents": list(self.documents),
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "rule": self.rule,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class _Need:
    who: str
    fact: Fact | None
    need: str
    country: str | None = None
    not_needed: str | None = None  # why not, when it is not needed
    job: WorkPeriod | None = None  # the Canadian job whose permits are needed


def item_titles(book: rulebook.RuleBook | None = None) -> list[str]:
    """Every document title the checklist's rule files write (for the French catalogue)."""
    book = book or rulebook.default()
    out = []
    for name in RULES:
        for dated in book.get(f"planner.documents.{name}").values:
            out += [spec["title"] for spec in dated.value["items"].values()]
    return list(dict.fromkeys(out))


def pursued(verdicts: Sequence[Any]) -> list[str]:
    """The programs a checklist is for by default: not ineligible, and open on the date or
    known to open (a paused or closed program takes no application to gather documents for)."""
    return [v.program for v in verdicts if v.verdict != "ineligible" and v.status in PURSUED]


def checklist(
    profile: Profile,
    documents: Sequence[Document],
    program_ids: Sequence[str],
    on: date,
    book: rulebook.RuleBook | None = None,
    findings: Sequence[Finding] = (),
) -> list[Item]:
    """The documents the programs ``program_ids`` need on ``on``, each marked from the
    documents held. Programs no document list covers are ignored. ``findings`` are the review's
    (``consistency.review``): a document it finds a high-severity problem with does not count
    as present."""
    book = book or rulebook.default()
    flagged = {d: f.detail for f in findings if f.severity == "high" for d in f.documents}
    by_path = {f.path: f for f in facts(profile)}
    out: list[Item] = []
    for name in RULES:
        rule_id = f"planner.documents.{name}"
        ruling = book.at(rule_id, on)
        if not ruling.in_force:
            continue
        programs = tuple(
            p for p in program_ids if any(fnmatch(p, pat) for pat in ruling.value["programs"])
        )
        if not programs:
            continue
        for item_id, spec in ruling.value["items"].items():
            for need in _needs(profile, spec, programs, by_path, on):
                marked = _mark(
                    name, programs, item_id, spec, need, documents, on, book, rule_id, flagged
                )
                out.append(marked)
    return out


def _people(profile: Profile, spec: dict[str, Any]) -> Iterator[tuple[str, str | None]]:
    """(who, why not needed) for the people a document is needed from."""
    wanted = spec.get("who")
    if wanted in (None, "applicant"):
        yield "applicant", None
    if wanted in (None, "spouse"):
        if profile.spouse is None:
            yield "spouse", say("no spouse or common-law partner in the profile")
        elif profile.spouse.accompanying is False:
            yield "spouse", say("the spouse is not accompanying")
        else:
            yield "spouse", None


def _needs(
    profile: Profile,
    spec: dict[str, Any],
    programs: tuple[str, ...],
    by_path: dict[str, Fact],
    on: date,
) -> Iterator[_Need]:
    per, title = spec["per"], word(spec["title"])  # the rule file's words, in the catalogue
    if per in ("married", "funds"):
        yield _single(profile, spec, programs)
        return
    for who, not_needed in _people(profile, spec):
        if not_needed:
            # Said once per person-level document; per-fact ones have nothing to say more.
            if per in ("person", "police_country"):
                yield _Need(who, None, title, not_needed=not_needed)
            continue
        prefix = "" if who == "applicant" else "spouse."
        if per == "person":
            yield _Need(who, None, title)
        elif per == "police_country":
            person = profile if who == "applicant" else profile.spouse
            countries = set(profile.citizenships if who == "applicant" else [])
            countries |= {w.country for w in person.work if w.country} if person else set()
            for c in sorted(countries):
                yield _Need(
                    who, None, say("police certificate from %(country)s", country=c), country=c
                )
            if not countries:
                why = say("no country of citizenship or work given")
                yield _Need(who, None, title, not_needed=why)
        else:
            paths = _fact_paths(profile, per, prefix, on)
            for p in paths:
                fact = by_path.get(p)
                label = say("Permit covering") if per == "canadian_work" else _label(spec["kind"])
                what = say("%(label)s: %(what)s", label=label, what=fact.what if fact else p)
                job = _job(profile, p) if per == "canadian_work" else None
                why_not = _eca_not_needed(profile, p) if per == "foreign_credential" else None
                yield _Need(who, fact, what, job=job, not_needed=why_not)
            if not paths:
                why = say("nothing claimed that needs it (%(per)s)", per=per)
                yield _Need(who, None, title, not_needed=why)


def _eca_not_needed(profile: Profile, path: str) -> str | None:
    """An ECA is needed for points or for FSW's education requirement; a Canadian credential
    of the same or a higher level already gives both."""
    person = profile.spouse if path.startswith("spouse.") and profile.spouse else profile
    index = int(path.split("[", 1)[1].split("]", 1)[0])
    level = person.education[index].level
    if level is None:
        return None
    rank = list(EducationLevel).index
    for c in person.education:
        if c.canadian and c.level is not None and rank(c.level) >= rank(level):
            return say(
                "a Canadian %(level)s is claimed (an ECA would still add points for two or "
                "more credentials)",
                level=c.level,
            )
    return None


def _job(profile: Profile, path: str) -> WorkPeriod:
    person = profile.spouse if path.startswith("spouse.") and profile.spouse else profile
    return person.work[int(path.rsplit("[", 1)[1].rstrip("]"))]


def _label(kind: str) -> str:
    if kind in _LABELS:
        return word(_LABELS[kind])
    text = kind.replace("_", " ").replace("eca", "ECA")
    return text[0].upper() + text[1:]


def _fact_paths(profile: Profile, per: str, prefix: str, on: date) -> list[str]:
    person = profile if prefix == "" else profile.spouse
    if person is None:
        return []
    if per == "language_test":
        return [
            f"{prefix}language_tests[{i}]"
            for i, t in enumerate(person.language_tests)
            if t.date <= on
        ]
    if per == "credential":
        return [f"{prefix}education[{i}]" for i in range(len(person.education))]
    if per == "foreign_credential":
        return [
            f"{prefix}education[{i}].eca" if c.eca else f"{prefix}education[{i}]"
            for i, c in enumerate(person.education)
            if c.canadian is False
        ]
    if per == "work_period":
        # A spouse's work earns points only when it is Canadian (CRS section B).
        return recent_work(profile, prefix, on, "canada" if prefix else None)
    if per == "canadian_work":
        return recent_work(profile, prefix, on, "canada")
    if per == "current_work":
        return [f"{prefix}work[{i}]" for i, w in enumerate(person.work) if w.end is None]
    if prefix:  # job offers, nominations, certificates and relatives are the applicant's
        return []
    if per == "sibling":
        return [
            f"relatives_in_canada[{i}]"
            for i, r in enumerate(profile.relatives_in_canada)
            if str(r.relation) == "sibling"
        ]
    counts = {
        "job_offer": ("job_offers", len(profile.job_offers)),
        "nomination": ("nominations", len(profile.nominations)),
        "certificate": (
            "certificates_of_qualification",
            len(profile.certificates_of_qualification),
        ),
    }
    name, n = counts[per]
    return [f"{name}[{i}]" for i in range(n)]


def _single(profile: Profile, spec: dict[str, Any], programs: tuple[str, ...]) -> _Need:
    title = word(spec["title"])
    if spec["per"] == "married":
        if profile.marital_status is None:
            return _Need("applicant", None, title, not_needed=say("marital status not given"))
        if str(profile.marital_status) != "married":
            return _Need("applicant", None, title, not_needed=f"{profile.marital_status}")
        return _Need("applicant", None, title)
    exempt = set(spec.get("funds_exempt_programs", []))
    if set(programs) <= exempt:
        why = say("not needed for %(programs)s", programs=", ".join(programs))
        return _Need("applicant", None, title, not_needed=why)
    working_here = any(w.canadian and w.authorized and w.end is None for w in profile.work)
    if working_here and profile.job_offers:
        why = say("authorized to work in Canada with a job offer")
        return _Need("applicant", None, title, not_needed=why)
    return _Need("applicant", None, title)


def _mark(
    pathway: str,
    programs: tuple[str, ...],
    item_id: str,
    spec: dict[str, Any],
    need: _Need,
    documents: Sequence[Document],
    on: date,
    book: rulebook.RuleBook,
    rule_id: str,
    flagged: Mapping[str, str],
) -> Item:
    kind = spec["kind"]
    path = need.fact.path if need.fact else None

    def item(
        status: str, ids: tuple[str, ...] = (), until: date | None = None, detail: str = ""
    ) -> Item:
        return Item(
            pathway,
            programs,
            item_id,
            kind,
            need.who,
            path,
            need.need,
            status,
            ids,
            until,
            rule_id,
            detail,
        )

    if need.not_needed:
        return item("not_needed", detail=need.not_needed)
    if need.job is not None:
        # Permits prove past work however long ago they expired: coverage, not expiry.
        cover = permits.coverage(need.job, documents, need.who, on)
        if cover.covered:
            return item("present", cover.documents)
        gaps = say("no permit covers %(gaps)s", gaps=cover.describe())
        return item("missing", cover.documents, detail=gaps)
    agreeing = [
        d
        for d in documents
        if d.kind == kind
        and d.about == need.who
        and (need.country is None or d.fields.country == need.country)
        and (need.fact is None or need.fact.check(d) is None)
        and not d.not_yet_issued(on)
    ]
    held = [d for d in agreeing if not d.expired(on, book)]
    valid = [d for d in held if d.id not in flagged]
    if held and not valid:  # held, but the review finds a serious problem with each
        why = "; ".join(dict.fromkeys(flagged[d.id] for d in held))
        return item("flagged", tuple(d.id for d in held), detail=why)
    if valid:
        ends = [u for d in valid if (u := d.valid_until(on, book)) is not None]
        return item(
            "present", tuple(d.id for d in valid), max(ends) if len(ends) == len(valid) else None
        )
    if agreeing:
        when = ", ".join(
            say("%(document)s on %(until)s", document=d.id, until=d.valid_until(on, book))
            for d in agreeing
        )
        detail = say("expired: %(when)s", when=when)
        return item("expired", tuple(d.id for d in agreeing), detail=detail)
    disagreeing = [
        d.id
        for d in documents
        if d.kind == kind
        and d.about == need.who
        and need.fact
        and need.fact.check(d) not in (None, UNRELATED)
    ]
    detail = (
        say(
            "%(documents)s does not match the profile (see maplepath case review)",
            documents=", ".join(disagreeing),
        )
        if disagreeing
        else ""
    )
    return item("missing", detail=detail)
