"""What each program is called, for people: the official name and, for a provincial stream, its
province. Program ids stay the stable keys (``data-program``, ``--program``, JSON); these are
the words shown beside them. Express Entry categories take their names from the category rule
(``programs.ee_category.categories``), dated, as IRCC has renamed them."""

from __future__ import annotations

from datetime import date

from maplepath.rulebook.book import RuleBook

PROGRAMS: dict[str, str] = {
    "fsw": "Federal Skilled Worker Program",
    "cec": "Canadian Experience Class",
    "fst": "Federal Skilled Trades Program",
    "gts_a": "Global Talent Stream, Category A (referred by a designated partner)",
    "gts_b": "Global Talent Stream, Category B (in-demand tech occupations)",
    "cusma": "CUSMA professional work permit",
    "ict": "Intra-company transfer work permit",
    "bc_pnp_tech": "BC PNP Tech",
    "oinp_hcp_tech": "Ontario Human Capital Priorities stream, tech draws",
    "aaip_accelerated_tech": "Alberta Accelerated Tech Pathway",
    "aaip_opportunity": "Alberta Opportunity Stream",
    "sinp_tech": "Saskatchewan tech routes (Tech Talent Pathway, tech draws)",
    "mpnp_skilled_worker_overseas": "Manitoba Skilled Worker Overseas",
    "quebec_ai": "Quebec AI, IT and visual effects pilot: artificial intelligence",
    "quebec_it_vfx": "Quebec AI, IT and visual effects pilot: IT and visual effects",
}

PROVINCES: dict[str, str] = {
    "bc_pnp_tech": "British Columbia",
    "oinp_hcp_tech": "Ontario",
    "aaip_accelerated_tech": "Alberta",
    "aaip_opportunity": "Alberta",
    "sinp_tech": "Saskatchewan",
    "mpnp_skilled_worker_overseas": "Manitoba",
    "quebec_ai": "Quebec",
    "quebec_it_vfx": "Quebec",
}


def name(program: str, on: date, book: RuleBook | None = None) -> str:
    """The name of ``program`` as of ``on``: "Canadian Experience Class", "Express Entry
    category: Science, Technology, Engineering and Math (STEM) occupations"."""
    if program.startswith("ee_category:"):
        from maplepath.programs.ee_category import category_name

        return f"Express Entry category: {category_name(program.split(':', 1)[1], on, book)}"
    return PROGRAMS.get(program, program)
