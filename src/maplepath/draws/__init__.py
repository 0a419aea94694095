"""Express Entry rounds of invitations ("draws"): the history, and what it says.

IRCC has invited candidates from the Express Entry pool in numbered rounds since 2015-01-31:
general rounds by CRS alone, rounds for one program (CEC, FST, PNP), and since 2023-06-28
category-based rounds (French, healthcare, STEM, ...). ``rounds`` parses IRCC's rounds file,
``store`` keeps it in the user's data directory, ``stats.stats`` summarises it (not
re-exported here, so ``maplepath.draws.stats`` stays the module). ``odds`` measures one
person's score against recent rounds, ``chart`` draws the cut-offs, ``pool``/``simulate``
build a synthetic pool from a round's published distribution and simulate rounds over it
under policy ``scenarios``, and ``scale`` runs the scoring in chunks, here or on Dask. The
history describes past rounds; it promises nothing about the next one.
"""

from maplepath.draws.rounds import BANDS, DrawsImportError, Round, category_of, parse_rounds
from maplepath.draws.store import (
    OFFICIAL_URL,
    DamagedDatabase,
    ImportSummary,
    import_rounds,
    list_rounds,
    rebuild,
    resolve_category,
)

__all__ = [
    "BANDS",
    "OFFICIAL_URL",
    "DamagedDatabase",
    "DrawsImportError",
    "ImportSummary",
    "Round",
    "category_of",
    "import_rounds",
    "list_rounds",
    "parse_rounds",
    "rebuild",
    "resolve_category",
]
