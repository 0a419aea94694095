"""Every program has a name for people, and every provincial stream its province."""

from __future__ import annotations

from datetime import date

from maplepath import programs
from maplepath.report import names


def test_every_program_has_a_name_that_is_not_its_id() -> None:
    for pid in programs.REGISTRY:
        shown = names.name(pid, date(2026, 11, 21))
        assert shown != pid and "_" not in shown, pid


def test_categories_are_named_by_their_rule_on_the_date() -> None:
    assert names.name("ee_category:stem", date(2026, 11, 21)) == (
        "Express Entry category: Science, Technology, Engineering and Math (STEM) occupations"
    )


def test_every_provincial_stream_names_its_province() -> None:
    federal = {"fsw", "cec", "fst", "gts_a", "gts_b", "cusma", "ict"}
    for pid in programs.REGISTRY:
        if pid not in federal and not pid.startswith("ee_category:"):
            assert pid in names.PROVINCES, pid


def test_a_retired_category_keeps_its_name() -> None:
    shown = names.name("ee_category:agriculture", date(2026, 11, 21))
    assert shown.startswith("Express Entry category: Agriculture"), shown
