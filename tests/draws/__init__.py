"""Tests for maplepath.draws; the reference rounds file is IRCC's, copied in ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

# ../shared/data beside the checkout (see its PROVENANCE.md); never copied into the repository.
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
REFERENCE = SHARED_DATA / "express_entry" / "ee_rounds_123_en.json"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "draws"
REFERENCE_ROUNDS = 435


def reference_file() -> Path:
    if not REFERENCE.is_file():
        pytest.skip("needs ../shared/data (reference data) beside the checkout")
    return REFERENCE
