"""The report a consultant hands a client: the file's header (client, file number, profile
version, date), the assessment, what the review finds in the documents, the documents still
needed, and the deadlines ahead, with the disclaimer. Markdown here; the HTML and PDF are the
web's template of the same file (``web.practice_report``)."""

from __future__ import annotations

from maplepath.i18n import noop, say, word
from maplepath.notices import DISCLAIMER
from maplepath.practice.client_file import ClientFile
from maplepath.report import markdown
from maplepath.report.markdown import cell, table

SEVERITY = {"high": noop("high"), "medium": noop("medium"), "low": noop("low")}
# A checklist item's status as a page says it (the client page writes ``not_needed`` spaced).
HAVE = {"present": noop("present"), "flagged": noop("flagged"), "missing": noop("missing"),
        "expired": noop("expired"), "not_needed": noop("not needed")}  # fmt: skip


def header(f: ClientFile) -> dict[str, object]:
    """What the report says of the file itself."""
    latest = f.versions[0] if f.versions else {}
    return {
        "client": f.client["name"],
        "file_no": f.client["file_no"] or "-",
        "version": latest.get("version"),
        "saved_at": str(latest.get("saved_at", ""))[:10],
        "on": f.on,
    }


def to_markdown(f: ClientFile) -> str:
    head = header(f)
    out = [
        "# " + say("Assessment of %(client)s", client=cell(head["client"])),
        "",
        say(
            "File %(file_no)s, profile version %(version)s of %(saved_at)s, assessed on %(on)s.",
            **head,
        ),
        "",
    ]
    if f.assessment is None:
        out += [f"**{cell(f.refused)}**", ""]
    else:
        out += markdown.assessment(f.assessment)
    out += ["", "## " + say("What the documents show"), ""]
    if f.findings:
        out += [
            f"- **{word(SEVERITY[x.severity])}**: {cell(x.detail)} ({cell(x.why)})"
            for x in f.findings
        ]
    else:
        out.append(say("The documents held agree with each other and with the profile."))
    needed = [i for i in f.checklist if i.status in ("missing", "expired", "flagged")]
    out += ["", "## " + say("Documents still needed"), ""]
    if needed:
        out += table(
            [say("document"), say("who"), say("have")],
            [[i.need, word(i.who), word(HAVE[i.status])] for i in needed],
        )
    else:
        out.append(say("None: every document the routes need is held."))
    out += ["", "## " + say("Deadlines ahead"), ""]
    if f.dues:
        out += table([say("due"), say("what")], [[d.due.isoformat(), d.title] for d in f.dues])
    else:
        out.append(say("None."))
    out += ["", f"_{word(DISCLAIMER)}_", ""]
    return "\n".join(out)
