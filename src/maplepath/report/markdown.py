"""Markdown rendering of one assessment (GitHub-flavoured tables), for a report a consultant
pastes into a letter or a ticket: the CRS line by line with the rule behind each line, every
route with its verdict and the criteria that decide it, the missing facts and the warnings.
No computation happens here."""

from __future__ import annotations

from collections.abc import Sequence

from maplepath.assess import Assessment
from maplepath.i18n import noop, say, word
from maplepath.report import names, words

CRITERIA = {"met": noop("met"), "unmet": noop("unmet"), "unknown": noop("unknown")}


def cell(value: object) -> str:
    """A table cell: one line, its pipes escaped."""
    return " ".join(str(value).split()).replace("|", "\\|")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> list[str]:
    out = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    out.append("|" + "|".join(" --- " for _ in headers) + "|")
    out += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return out


def assessment(a: Assessment, level: int = 2) -> list[str]:
    """The assessment's sections, their headings at ``level``."""
    h = "#" * level
    out = [f"{h} " + say("CRS on %(on)s: %(total)s points", on=a.on, total=a.crs.total), ""]
    out += table(
        [say("factor"), say("points"), say("detail"), say("rule (in force since)")],
        [
            [
                ln.factor,
                ln.points,
                ln.detail,
                f"`{ln.rule}`"
                + (f" ({ln.effective_from.isoformat()})" if ln.effective_from else ""),
            ]
            for ln in a.crs.lines
            if ln.points or ln.section in ("core", "spouse")
        ],
    )
    out += ["", f"{h} " + say("Programs"), ""]
    for r in a.routes:
        v = r.verdict
        out.append(
            f"- **{cell(names.name(v.program, a.on))}** (`{v.program}`): "
            f"{words.verdict(v.verdict)}, {words.status(v.status)}"
        )
        out += [
            f"  - {cell(c.id.replace('_', ' '))} ({word(CRITERIA[c.status])}): {cell(c.detail)}"
            for c in v.criteria
        ]
    missing = say("Facts that would change a verdict or the score")
    for title, items in ((missing, a.missing), (say("Warnings"), a.warnings)):
        if items:
            out += ["", f"{h} {title}", "", *(f"- {cell(i)}" for i in items)]
    out += [
        "",
        say(
            "Assessed on %(on)s. Rules last verified %(checked)s (rule set %(fingerprint)s).",
            on=a.on,
            checked=a.rules_last_verified,
            fingerprint=a.rules_fingerprint,
        ),
    ]
    return out
