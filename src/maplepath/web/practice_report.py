"""A client's report as a PDF (the practice's client page links it, in English or French):
the file's header, the results page's assessment, what the review finds, the documents still
needed and the deadlines ahead, printed by WeasyPrint as ``POST /report.pdf`` is."""

from __future__ import annotations

from maplepath.notices import DISCLAIMER
from maplepath.practice import report as client_report
from maplepath.practice.client_file import ClientFile
from maplepath.web import report, results
from maplepath.web.pages import templates


def context(f: ClientFile) -> dict[str, object]:
    shown = results.context(f.assessment) if f.assessment is not None else {}
    needed = [i for i in f.checklist if i.status in ("missing", "expired", "flagged")]
    return {**shown, "f": f, "head": client_report.header(f), "needed": needed, "practice": True}


def pdf(f: ClientFile) -> bytes:
    return report.pdf(templates, context(f), DISCLAIMER, template="practice_report.html")


def html(f: ClientFile) -> str:
    """The report as one self-contained HTML file (its stylesheet inside)."""
    return report.html(
        templates, context(f), DISCLAIMER, template="practice_report.html", inline_css=True
    )
