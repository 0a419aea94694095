"""The Comprehensive Ranking System: points tables read from the rule files (``tables``), the
inputs derived from a profile (``inputs``), the scalar score with its explained lines
(``scalar``: ``crs.score(profile, on)``) and the same tables over numpy columns (``batch``).
"""

from maplepath.crs.result import CrsResult, Line
from maplepath.crs.scalar import score, total_before_nomination

__all__ = ["CrsResult", "Line", "score", "total_before_nomination"]
