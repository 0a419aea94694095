"""The words the pages show that are not written in a template: the questionnaire's (labels,
sections, hints, choices), the what-if groups, the sections of the results, the verdict and
status words, and the disclaimer. ``tools/catalogue.py`` adds them to the catalogue; a
test checks every one has its French."""

from __future__ import annotations

from maplepath.notices import DISCLAIMER
from maplepath.planner import checklist
from maplepath.web import form, results, whatif

WORDS = (
    "eligible", "ineligible", "unknown", "open", "paused", "closed", "not yet open",
    "met", "unmet", "Assess on",
)  # fmt: skip


def dynamic_messages() -> list[str]:
    out: list[str] = []
    for g in form.GROUPS:
        out += [g.title, g.item, g.intro]
        for q in g.questions:
            out += [q.label, q.hint, *(text for _, text in q.choices)]
    out += list(whatif.LABELS.values())
    out += [title for title, _ in results.GROUPS]
    out += [*WORDS, DISCLAIMER]
    out += checklist.item_titles()  # the documents' titles the rule files write
    return list(dict.fromkeys(m for m in out if m and m != "—"))
