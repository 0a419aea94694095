"""What each program is called, for people: the official name and, for a provincial stream, its
province. Program ids stay the stable keys (``data-program``, ``--program``, JSON); these are
the words shown beside them. Express Entry categories take their names from the category rule
(``programs.ee_category.categories``), dated, as IRCC has renamed them. The names are said in
the language in force (IRCC's French names); a province's name is marked for the catalogue
here and said with ``i18n.word`` where it is shown."""

from __future__ import annotations

from datetime import date

from maplepath.i18n import noop, say, word
from maplepath.rulebook.book import RuleBook

PROGRAMS: dict[str, str] = {
    "fsw": noop("Federal Skilled Worker Program"),
    "cec": noop("Canadian Experience Class"),
    "fst": noop("Federal Skilled Trades Program"),
    "gts_a": noop("Global Talent Stream, Category A (referred by a designated partner)"),
    "gts_b": noop("Global Talent Stream, Category B (in-demand tech occupations)"),
    "cusma": noop("CUSMA professional work permit"),
    "ict": noop("Intra-company transfer work permit"),
    "bc_pnp_tech": noop("BC PNP Tech"),
    "oinp_hcp_tech": noop("Ontario Human Capital Priorities stream, tech draws"),
    "oinp_workforce_priority": noop("Ontario Workforce Priority stream (TEER 0-3 job offers)"),
    "aaip_accelerated_tech": noop("Alberta Accelerated Tech Pathway"),
    "aaip_opportunity": noop("Alberta Opportunity Stream"),
    "sinp_tech": noop("Saskatchewan tech routes (Tech Talent Pathway, tech draws)"),
    "mpnp_skilled_worker_overseas": noop("Manitoba Skilled Worker Overseas"),
    "quebec_ai": noop("Quebec AI, IT and visual effects pilot: artificial intelligence"),
    "quebec_it_vfx": noop("Quebec AI, IT and visual effects pilot: IT and visual effects"),
    "quebec_pstq": noop("Quebec Skilled Worker Selection Program (PSTQ)"),
}

PROVINCES: dict[str, str] = {
    "bc_pnp_tech": noop("British Columbia"),
    "oinp_hcp_tech": noop("Ontario"),
    "oinp_workforce_priority": noop("Ontario"),
    "aaip_accelerated_tech": noop("Alberta"),
    "aaip_opportunity": noop("Alberta"),
    "sinp_tech": noop("Saskatchewan"),
    "mpnp_skilled_worker_overseas": noop("Manitoba"),
    "quebec_ai": noop("Quebec"),
    "quebec_it_vfx": noop("Quebec"),
    "quebec_pstq": noop("Quebec"),
}


def name(program: str, on: date, book: RuleBook | None = None) -> str:
    """The name of ``program`` as of ``on``: "Canadian Experience Class", "Express Entry
    category: Science, Technology, Engineering and Math (STEM) occupations"."""
    if program.startswith("ee_category:"):
        from maplepath.programs.ee_category import category_name

        category = category_name(program.split(":", 1)[1], on, book)
        return say("Express Entry category: %(category)s", category=category)
    return word(PROGRAMS.get(program, program))
