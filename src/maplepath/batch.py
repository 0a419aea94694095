"""``maplepath.batch``: the CRS over numpy columns, kept at its public name (it lives in
``maplepath.crs.batch``)."""

from maplepath.crs.batch import (
    COLUMNS,
    LIMITS,
    columns_from_profiles,
    score_columns,
    synthetic_pool,
)

__all__ = ["COLUMNS", "LIMITS", "columns_from_profiles", "score_columns", "synthetic_pool"]
