"""The evidence folder: the documents a person holds, each described by the fields it shows.

A case's ``evidence/`` folder holds one YAML file per document (``kind:``, ``fields:``, and an
optional ``id:`` that defaults to the file stem); the profile may also list documents inline
under ``evidence:`` in the same shape. Both count. Which profile facts a document confirms is
``assumptions``; what each pathway needs is ``checklist``; where documents contradict each
other or the profile is ``consistency``; the kinds and their fields are ``evidence_fields``.

A document stops counting when it expires: the date printed on it (passport, permit), or the
validity IRCC gives the kind (language results 2 years from the test date, rule
``language.validity``; ECA reports 5 years from issue, ``education.eca_validity``; medical
exams 12 months, ``planner.documents.validity``).
"""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from maplepath import datadir
from maplepath.i18n import say, word
from maplepath.planner import case
from maplepath.planner.evidence_fields import KINDS, Fields
from maplepath.profile import language, plausibility
from maplepath.profile.facts import add_years
from maplepath.profile.load import load_profile, yaml_reason
from maplepath.profile.model import Profile
from maplepath.programs.common import shift
from maplepath.rulebook import book as rulebook
from maplepath.rulebook.rulefile import load_yaml

__all__ = [
    "KINDS",
    "MAX_DOCUMENT_BYTES",
    "Document",
    "EvidenceError",
    "Fields",
    "inline_documents",
    "load_documents",
    "parse_document",
    "read_file",
]

VALIDITY_RULE = "planner.documents.validity"


class EvidenceError(ValueError):
    """A document file that cannot be read: names the file and the field."""


class Document(BaseModel):
    """One document: its id (file stem or inline id), kind, the fields it shows, and where it
    came from (``evidence/passport.yaml`` or ``profile.yaml evidence[0]``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: str
    fields: Fields
    source: str = ""

    @property
    def about(self) -> str:
        return str(self.fields.about)

    @property
    def title(self) -> str:
        return word(KINDS[self.kind][0])

    def valid_until(self, on: date, book: rulebook.RuleBook | None = None) -> date | None:
        """The first day the document no longer counts, or None when it does not expire."""
        book = book or rulebook.default()
        f = self.fields
        ends = [f.expires] if f.expires else []
        if self.kind == "language_test_result" and f.date:
            ruling = book.at(language.VALIDITY_RULE, on)
            if ruling.in_force:
                ends.append(add_years(f.date, int(ruling.value["years"])))
        elif self.kind == "eca_report" and f.issued:
            ruling = book.at("education.eca_validity", on)
            if ruling.in_force:
                ends.append(add_years(f.issued, int(ruling.value)))
        elif self.kind == "medical_exam" and f.issued:
            ruling = book.at(VALIDITY_RULE, on)
            if ruling.in_force:
                ends.append(shift(f.issued, months=int(ruling.value["medical_exam_months"])))
        return min(ends) if ends else None

    def issued_on(self) -> date | None:
        """The day the document came into being: its issue date, else a test's date."""
        return self.fields.issued or self.fields.date

    def not_yet_issued(self, on: date) -> bool:
        """Issued after ``on``: on that date the person did not hold it."""
        issued = self.issued_on()
        return issued is not None and issued > on

    def expired(self, on: date, book: rulebook.RuleBook | None = None) -> bool:
        until = self.valid_until(on, book)
        return until is not None and on >= until


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc)


def parse_document(data: Any, doc_id: str, source: str) -> Document:
    """A document from its parsed mapping; EvidenceError naming the source and the field."""
    if not isinstance(data, dict):
        raise EvidenceError(
            say("%(source)s: expected a mapping with kind: and fields:", source=source)
        )
    unknown = sorted(set(data) - {"id", "kind", "fields"})
    if unknown:
        raise EvidenceError(
            say(
                "%(source)s: %(key)s: unknown key (a document has id, kind, fields)",
                source=source,
                key=unknown[0],
            )
        )
    kind = data.get("kind")
    if kind not in KINDS:
        known = ", ".join(KINDS)
        raise EvidenceError(
            say(
                "%(source)s: kind: %(kind)s is not a document kind (%(known)s)",
                source=source,
                kind=repr(kind),
                known=known,
            )
        )
    fields = data.get("fields") or {}
    if not isinstance(fields, dict):
        raise EvidenceError(
            say("%(source)s: fields: expected a mapping of what the document shows", source=source)
        )
    allowed = KINDS[kind][1]
    for key in fields:
        if key not in allowed and key in Fields.model_fields:
            raise EvidenceError(
                say(
                    "%(source)s: fields.%(key)s: a %(kind)s does not show %(key)s (it shows: "
                    "%(allowed)s)",
                    source=source,
                    key=key,
                    kind=kind,
                    allowed=", ".join(allowed),
                )
            )
    doc_id = str(data.get("id") or doc_id)
    try:
        doc = Document(id=doc_id, kind=kind, fields=Fields.model_validate(fields), source=source)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            key = str(err["loc"][-1])
            close = [n for n in allowed if len(key) >= 3 and n.startswith(key)]
            close += difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            msg = (
                say("unknown field (did you mean %(close)s?)", close=close[0])
                if close
                else say("unknown field")
            )
        where = _where(("fields", *err["loc"]))
        raise EvidenceError(f"{source}: {where}: {msg}") from None
    _check_dates(doc)
    _check_scores(doc)
    return doc


def _check_dates(doc: Document) -> None:
    """A document's dates within the dates maplepath works with (rule profile.plausibility):
    validity periods are computed from them (9999-12-31 plus two years is no date)."""
    lim = plausibility.limits(None)  # the rule's latest limits: no clock read here
    if lim is None:
        return
    for name in Fields.model_fields:
        value = getattr(doc.fields, name)
        if isinstance(value, date) and not lim.earliest <= value <= lim.latest:
            raise EvidenceError(
                say(
                    "%(source)s: fields.%(name)s: %(value)s is not a plausible date (the dates "
                    "maplepath works with are %(earliest)s to %(latest)s)",
                    source=doc.source,
                    name=name,
                    value=value,
                    earliest=lim.earliest,
                    latest=lim.latest,
                )
            )


def _check_scores(doc: Document) -> None:
    f = doc.fields
    if doc.kind != "language_test_result" or f.test is None:
        return
    if f.test not in language.TESTS:
        accepted = ", ".join(language.TESTS)
        raise EvidenceError(
            say(
                "%(source)s: fields.test: %(test)s is not a test IRCC accepts (%(accepted)s)",
                source=doc.source,
                test=repr(f.test),
                accepted=accepted,
            )
        )
    if f.date and f.scores:
        scores = {k: v for k, v in f.scores.model_dump().items() if v is not None}
        for ability, message in language.score_problems(f.test, f.date, scores):
            if ability and scores.get(ability) is None:
                continue  # a partial transcription is allowed; wrong scales are not
            where = "fields.scores" + (f".{ability}" if ability else "")
            raise EvidenceError(f"{doc.source}: {where}: {message}")


# A document's transcription is a few hundred bytes; a scan is not read (it stays beside it).
MAX_DOCUMENT_BYTES = 1 << 20


def read_file(path: Path, root: Path | None = None) -> Document:
    """One document file (YAML or JSON). With ``root`` (the case folder) only a regular file
    inside it is read: a link that leads out of the case, a device or a pipe is refused by
    name, before anything is read from it. Messages never quote the document's text."""
    source = f"{path.parent.name}/{path.name}"
    if root is not None:
        _check_inside(path, root, source)
    try:
        raw = datadir.read_small_file(path, MAX_DOCUMENT_BYTES)
        text = raw.decode("utf-8-sig")
    except OSError as exc:
        raise EvidenceError(
            say("%(source)s: cannot read the file: %(reason)s", source=source, reason=exc.strerror)
        ) from None
    except UnicodeDecodeError as exc:
        raise EvidenceError(
            say("%(source)s: not UTF-8 text (byte %(byte)s)", source=source, byte=exc.start)
        ) from None
    except datadir.NotReadable as exc:
        raise EvidenceError(
            say("%(source)s: not read: %(reason)s", source=source, reason=exc)
        ) from None
    if not text.strip():
        raise EvidenceError(say("%(source)s: the file is empty", source=source))
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        # PyYAML's own message quotes the lines around the fault: a name, a passport number.
        raise EvidenceError(
            say("%(source)s: not valid YAML: %(reason)s", source=source, reason=yaml_reason(exc))
        ) from None
    return parse_document(data, path.stem, source)


def _check_inside(path: Path, root: Path, source: str) -> None:
    """A document of the case must be in the case: following a link out of it would read (and
    show in a report) a file the case's owner never put there."""
    try:
        real, home = path.resolve(strict=True), root.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling link, a loop of links
        raise EvidenceError(say("%(source)s: a link to nothing: not read", source=source)) from None
    if not real.is_relative_to(home):
        raise EvidenceError(
            say("%(source)s: a link to a file outside the case folder: not read", source=source)
        )


def inline_documents(profile: Profile) -> list[Document]:
    """The profile's inline ``evidence:`` entries as documents."""
    return [
        parse_document(
            {"id": e.id, "kind": e.kind, "fields": e.fields}, e.id, f"profile evidence[{i}]"
        )
        for i, e in enumerate(profile.evidence)
    ]


def load_documents(case_dir: str | Path, profile: Profile | None = None) -> list[Document]:
    """Every document of a case: ``evidence/*.yaml`` (sorted by name) then the profile's inline
    entries. ``profile`` defaults to the case's ``profile.yaml`` (when there is one)."""
    root = Path(case_dir)
    if not root.is_dir():
        raise EvidenceError(say("%(folder)s: not a case folder", folder=root))
    folder = root / case.EVIDENCE
    docs: list[Document] = []
    if folder.is_dir():
        files = [p for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".json")]
        docs += [read_file(p, root) for p in sorted(files)]
    if profile is None and (root / case.PROFILE).is_file():
        profile = load_profile(root / case.PROFILE)
    if profile is not None:
        docs += inline_documents(profile)
    seen: dict[str, str] = {}
    for d in docs:
        if d.id in seen:
            raise EvidenceError(
                say(
                    "%(source)s: id %(id)s is also used by %(other)s",
                    source=d.source,
                    id=repr(d.id),
                    other=seen[d.id],
                )
            )
        seen[d.id] = d.source
    return docs
