"""The consistency review of identity: names, dates of birth, passport numbers, citizenship
and marriage, across the documents and against the profile (``consistency`` runs it and
explains the severities).

Identity findings are mostly ``high``: IRCC matches every document to the passport the person
applies with, and a document that names someone else, or another date of birth, is not taken
as theirs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from maplepath.i18n import noop, say, word
from maplepath.planner import matching
from maplepath.planner.evidence import Document
from maplepath.planner.findings import Finding
from maplepath.privacy import mask
from maplepath.profile.model import Profile

WHY_NAME = noop(
    "IRCC matches every document to the name in the passport; a document in another name is "
    "not accepted as yours without proof of the change (marriage certificate, affidavit)"
)
WHY_NAME_VARIANT = noop(
    "a name written with words left out is usually accepted, but an officer may ask: add a "
    "one-line explanation or a 'one and the same person' affidavit"
)
WHY_DOB = noop(
    "a date of birth that differs between documents puts identity in doubt, and the age "
    "points of the CRS rest on it"
)
WHY_PASSPORT = noop(
    "documents must carry the passport you apply with (IRCC checks test results and forms "
    "against it); a mismatch gets the file refused or returned as incomplete"
)
WHY_NATIONALITY = noop(
    "the citizenship in the profile decides which programs are open (CUSMA needs US or "
    "Mexican citizenship) and which police certificates and visas are needed"
)
WHY_MARRIED = noop(
    "a spouse must be declared (and examined) even when not accompanying; an undeclared "
    "spouse is misrepresentation and can never be sponsored later (IRPR 117(9)(d))"
)


def names(docs: Sequence[Document]) -> list[Finding]:
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
                    say(
                        "%(document)s reads %(name)s, %(reference)s reads %(reference_name)s",
                        document=d.id,
                        name=repr(name),
                        reference=ref.id,
                        reference_name=repr(ref_name),
                    ),
                    word(WHY_NAME_VARIANT),
                )
            )
        else:
            score = matching.name_similarity(name, ref_name)
            out.append(
                Finding(
                    "name",
                    "high",
                    (ref.id, d.id),
                    say(
                        "%(document)s is in the name %(name)s, %(reference)s in "
                        "%(reference_name)s (similarity %(score)s/100)",
                        document=d.id,
                        name=repr(name),
                        reference=ref.id,
                        reference_name=repr(ref_name),
                        score=format(score, ".0f"),
                    ),
                    word(WHY_NAME),
                )
            )
    return out


def birth_dates(docs: Sequence[Document], claimed: date | None, prefix: str) -> list[Finding]:
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
                        say(
                            "%(document)s gives %(born)s, the profile %(claimed)s",
                            document=d.id,
                            born=d.fields.date_of_birth,
                            claimed=claimed,
                        ),
                        word(WHY_DOB),
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
                    say(
                        "%(first)s gives %(first_born)s, %(document)s %(born)s",
                        first=dated[0].id,
                        first_born=dated[0].fields.date_of_birth,
                        document=d.id,
                        born=d.fields.date_of_birth,
                    ),
                    word(WHY_DOB),
                )
            )
    return out


def _norm_passport(number: str) -> str:
    return "".join(number.split()).upper()


def passport_numbers(docs: Sequence[Document]) -> list[Finding]:
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
                say(
                    "%(document)s carries passport number %(number)s; the passport held is "
                    "%(held)s",
                    document=d.id,
                    number=mask(number),
                    held=", ".join(mask(n) for n in held),
                ),
                word(WHY_PASSPORT),
            )
        )
    return out


def nationality(profile: Profile, docs: Sequence[Document]) -> list[Finding]:
    if not profile.citizenships:
        return []
    return [
        Finding(
            "citizenship",
            "high",
            (d.id, "profile:citizenships"),
            say(
                "%(document)s is a passport of %(country)s; the profile lists %(listed)s",
                document=d.id,
                country=d.fields.nationality,
                listed=", ".join(profile.citizenships),
            ),
            word(WHY_NATIONALITY),
        )
        for d in docs
        if d.kind == "passport"
        and d.about == "applicant"
        and d.fields.nationality
        and d.fields.nationality not in profile.citizenships
    ]


def marriage(profile: Profile, docs: Sequence[Document]) -> list[Finding]:
    status = profile.marital_status
    return [
        Finding(
            "marital_status",
            "high",
            (d.id, "profile:marital_status"),
            say(
                "%(document)s is a marriage certificate; the profile says %(status)s",
                document=d.id,
                status=status or say("nothing"),
            ),
            word(WHY_MARRIED),
        )
        for d in docs
        if d.kind == "marriage_certificate"
        and status is not None
        and str(status) not in ("married", "separated", "divorced", "widowed")
    ]


def partner_name(docs: Sequence[Document]) -> list[Finding]:
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
                        say(
                            "%(certificate)s names the spouse %(name)s; the spouse's passport "
                            "%(passport)s reads %(passport_name)s",
                            certificate=cert.id,
                            name=repr(a),
                            passport=p.id,
                            passport_name=repr(b),
                        ),
                        word(WHY_NAME),
                    )
                )
    return out
