"""Importing Statistics Canada's NOC 2021 example titles into the user's data directory."""

from __future__ import annotations

import csv
import io
import time
import urllib.error
from pathlib import Path
from typing import Any

import pytest

from maplepath import datadir
from maplepath.occupations import index as noc_index
from maplepath.occupations.index import ImportedIndex, IndexImportError, import_index, load_index

from ..conftest import FIXTURES

ELEMENTS = FIXTURES / "noc" / "elements_sample.csv"
REFERENCE_TITLES = "noc/noc_2021_v1.0_example_titles_en.csv"


@pytest.fixture(autouse=True)
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data directory; the real one is never touched."""
    path = tmp_path / "user-data"
    monkeypatch.setenv(datadir.ENV_VAR, str(path))
    return path


def write(tmp_path: Path, text: str | bytes, name: str = "source.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def titles_of(index: ImportedIndex, code: str) -> list[str]:
    return [title for c, title in index.titles if c == code]


def assert_import_fails(source: Path | str, *fragments: str) -> None:
    with pytest.raises(IndexImportError) as caught:
        import_index(source)
    for fragment in fragments:
        assert fragment in str(caught.value), str(caught.value)


# The user's data directory


def test_the_data_directory_is_the_environment_override_created_on_demand(user_dir: Path) -> None:
    assert not user_dir.exists()
    assert datadir.data_dir() == user_dir
    assert user_dir.is_dir()


def test_without_the_override_the_data_directory_is_the_platforms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(datadir.ENV_VAR)
    monkeypatch.setattr("platformdirs.user_data_dir", lambda app: str(tmp_path / app))
    assert datadir.data_dir() == tmp_path / "maplepath"


def test_an_atomic_write_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "file.json"
    datadir.atomic_write_bytes(target, b"old")
    datadir.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["file.json"]


def test_a_failed_atomic_write_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.json"
    datadir.atomic_write_bytes(target, b"old")

    def disk_full(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", disk_full)
    with pytest.raises(OSError):
        datadir.atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.json"]


# Statistics Canada's elements format


def test_the_elements_csv_gives_titles_of_unit_groups_only() -> None:
    index = import_index(ELEMENTS)
    assert titles_of(index, "21231") == ["Software engineer", "Site reliability engineer"]
    assert titles_of(index, "21232") == ["Software developer", "Programmer, computer"]
    # The minor group 2123 row (Level 4) is not a unit group's example: ignored, not skipped.
    assert {code for code, _ in index.titles} == {"21211", "21231", "21232"}
    assert index.skipped == 0
    assert index.count == len(index.titles) == 6


def test_a_title_both_illustrative_and_in_all_examples_is_kept_once() -> None:
    assert titles_of(import_index(ELEMENTS), "21211") == [
        "Data scientist",
        "Machine learning engineer",
    ]


def test_main_duties_are_kept_without_their_lead_in_line() -> None:
    index = import_index(ELEMENTS)
    assert index.duties == (
        (
            "21231",
            "Research, evaluate and integrate technical information to design software systems",
        ),
        ("21232", "Write and test the code of software applications"),
    )


def test_the_import_is_written_to_the_data_directory_and_loads_back(user_dir: Path) -> None:
    index = import_index(ELEMENTS)
    assert noc_index.index_path() == user_dir / noc_index.INDEX_FILE
    assert noc_index.index_path().is_file()
    assert index.source == str(ELEMENTS.resolve())
    noc_index._cache.clear()
    assert load_index() == index


def test_an_explicit_data_directory_is_used_instead(tmp_path: Path, user_dir: Path) -> None:
    elsewhere = tmp_path / "client-a"
    import_index(ELEMENTS, data_dir=elsewhere)
    assert load_index(elsewhere) is not None
    assert load_index() is None


def test_a_unit_group_code_that_lost_its_leading_zeros_is_restored(tmp_path: Path) -> None:
    header = ELEMENTS.read_text(encoding="utf-8-sig").splitlines()[0]
    source = write(tmp_path, f"{header}\n5,Unit Group,10,Legislators,All examples,Band chief\n")
    assert import_index(source).titles == (("00010", "Band chief"),)


def test_spacing_inside_a_title_is_normalised(tmp_path: Path) -> None:
    source = write(tmp_path, 'code,title\n21231,"  Software\n  engineer "\n')
    assert import_index(source).titles == (("21231", "Software engineer"),)


# Simple lists and the reference copy's columns


def test_a_code_title_csv_ignores_extra_columns(tmp_path: Path) -> None:
    source = write(tmp_path, "code,title,note\n21231,Cloud architect,x\n21211,AI analyst,\n")
    index = import_index(source)
    assert index.titles == (("21211", "AI analyst"), ("21231", "Cloud architect"))
    assert index.duties == ()


def test_titles_added_by_the_copys_author_are_not_imported(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        "noc_code,unit_group_title,example_title,non_official_addition\n"
        "00013,Senior managers,Chief executive officer (CEO),0\n"
        "00013,Senior managers,Political staffer,1\n",
    )
    assert import_index(source).titles == (("00013", "Chief executive officer (CEO)"),)


def test_the_reference_copy_imports_in_under_five_seconds(shared_data: Path) -> None:
    source = shared_data / REFERENCE_TITLES
    start = time.perf_counter()
    index = import_index(source)
    elapsed = time.perf_counter() - start
    assert elapsed <= 5.0, f"import took {elapsed:.2f} s"

    with source.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    unofficial = {r["example_title"] for r in rows if r["non_official_addition"] == "1"}
    assert len(rows) == 22_566 and len(unofficial) == 6
    assert index.count == 22_560 and index.skipped == 0
    assert len({code for code, _ in index.titles}) == 516
    assert not unofficial & {title for _, title in index.titles}
    assert {"Software engineer", "Site reliability engineer"} <= set(titles_of(index, "21231"))
    assert "22,560 example titles for 516 NOC 2021 unit groups" in index.summary


def test_the_reference_index_loads_in_under_100_ms(shared_data: Path) -> None:
    index = import_index(shared_data / REFERENCE_TITLES)
    timings = []
    for _ in range(3):
        noc_index._cache.clear()
        start = time.perf_counter()
        assert load_index() == index
        timings.append(time.perf_counter() - start)
    assert min(timings) <= 0.1, f"load took {min(timings) * 1000:.0f} ms"


# Files that are refused, with what is wrong and where


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    source = write(tmp_path, "code,title\n21231,Ingénieur logiciel\n".encode("latin-1"))
    assert_import_fails(source, "is not UTF-8", "line 2", "0xE9")


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    assert_import_fails(write(tmp_path, b""), "is empty")
    assert_import_fails(write(tmp_path, "\n  \n"), "is empty")


def test_a_file_without_a_known_header_is_refused(tmp_path: Path) -> None:
    source = write(tmp_path, "occupation,label\n21231,Software engineer\n")
    assert_import_fails(source, "occupation, label", "not a header", "code,title")


def test_the_main_duties_reference_file_is_not_mistaken_for_titles(shared_data: Path) -> None:
    assert_import_fails(shared_data / "noc/noc_2021_v1.0_main_duties_and_requirements.csv")


def test_a_header_without_rows_has_no_titles(tmp_path: Path) -> None:
    assert_import_fails(write(tmp_path, "code,title\n"), "has no NOC 2021 example titles")


def test_a_file_cut_inside_a_quoted_field_is_refused(tmp_path: Path) -> None:
    data = ELEMENTS.read_bytes()
    source = write(tmp_path, data[: data.index(b'"Research') + 12])
    assert_import_fails(source, "line 10", "unexpected end of data", "truncated")


def test_a_file_cut_mid_row_is_refused(tmp_path: Path) -> None:
    source = write(
        tmp_path,
        "noc_code,unit_group_title,example_title,non_official_addition\n"
        "21231,Software engineers and designers,Software engineer,0\n"
        "21231,Software engineers and designers,Softw",
    )
    assert_import_fails(source, "line 3", "3 fields where the header has 4", "truncated")


def test_a_zip_archive_is_refused_with_a_hint(tmp_path: Path) -> None:
    assert_import_fails(write(tmp_path, b"PK\x03\x04rest", "noc.zip"), "ZIP archive")


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    assert_import_fails(tmp_path / "nowhere.csv", "nowhere.csv: no such file")


def test_more_than_five_percent_unknown_codes_is_refused(tmp_path: Path) -> None:
    rows = "".join(f"21231,Engineer {i}\n" for i in range(9))
    source = write(tmp_path, f"code,title\n{rows}2173,Software engineer\n")
    assert_import_fails(source, "1 of 10 rows", "line 11: '2173' in 'code' is not a unit group")


def test_a_few_unknown_codes_are_skipped_and_counted(tmp_path: Path) -> None:
    rows = "".join(f"21231,Engineer {i}\n" for i in range(20))
    source = write(tmp_path, f"code,title\n{rows}99999,Nobody\n")
    index = import_index(source)
    assert index.count == 20 and index.skipped == 1
    assert "skipped 1 rows" in index.summary


def test_a_row_with_more_fields_than_the_header_is_skipped(tmp_path: Path) -> None:
    rows = "".join(f"21231,Engineer {i}\n" for i in range(20))
    source = write(tmp_path, f"code,title\n{rows}21231,Software engineer, senior\n")
    index = import_index(source)
    assert index.skipped == 1 and "Software engineer" not in titles_of(index, "21231")


def test_a_failed_import_leaves_the_previous_index_intact(tmp_path: Path) -> None:
    good = import_index(ELEMENTS)
    corrupt = write(tmp_path, b"\xff\xfe\x00garbage")
    assert_import_fails(corrupt, "not UTF-8")
    noc_index._cache.clear()
    assert load_index() == good


# Loading


def test_nothing_imported_loads_as_none() -> None:
    assert load_index() is None


def test_loading_is_cached_until_the_file_changes(tmp_path: Path) -> None:
    import_index(ELEMENTS)
    first = load_index()
    assert load_index() is first
    import_index(write(tmp_path, "code,title\n21211,AI analyst\n"))
    second = load_index()
    assert second is not None and second.titles == (("21211", "AI analyst"),)


def test_a_damaged_index_file_says_to_import_again() -> None:
    import_index(ELEMENTS)
    noc_index.index_path().write_text('{"format": 1, "titles": [')
    with pytest.raises(IndexImportError, match=r"is damaged.*maplepath noc import"):
        load_index()


# Downloads


def test_a_file_url_is_read_in_chunks_with_progress_reports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(datadir, "_CHUNK", 256)
    size = ELEMENTS.stat().st_size
    calls: list[tuple[int, int | None]] = []
    index = import_index(
        ELEMENTS.as_uri(), progress=lambda done, total: calls.append((done, total))
    )
    assert index.source == ELEMENTS.as_uri()
    assert index.count == 6
    assert calls[0] == (0, size) and calls[-1] == (size, size)
    assert len(calls) == 1 + -(-size // 256)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


class FakeResponse(io.BytesIO):
    def __init__(self, data: bytes, length: int | None) -> None:
        super().__init__(data)
        self.headers = {} if length is None else {"Content-Length": str(length)}


def test_a_download_without_a_length_reports_an_unknown_total(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = ELEMENTS.read_bytes()
    monkeypatch.setattr("urllib.request.urlopen", lambda url, timeout: FakeResponse(data, None))
    calls: list[tuple[int, int | None]] = []
    url = "https://www.statcan.gc.ca/noc-2021-elements.csv"
    index = import_index(url, progress=lambda done, total: calls.append((done, total)))
    assert index.source == url and index.count == 6
    assert calls[-1] == (len(data), None)


def test_an_interrupted_download_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = ELEMENTS.read_bytes()
    truncated = FakeResponse(data[:100], len(data))
    monkeypatch.setattr("urllib.request.urlopen", lambda url, timeout: truncated)
    assert_import_fails("https://example.org/noc.csv", f"stopped at 100 of {len(data):,} bytes")


def test_a_refused_download_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_found(url: str, timeout: float) -> Any:
        raise urllib.error.HTTPError(url, 404, "Not Found", {}, None)  # type: ignore[arg-type]

    monkeypatch.setattr("urllib.request.urlopen", not_found)
    assert_import_fails("https://example.org/noc.csv", "example.org/noc.csv: HTTP 404 Not Found")


def test_other_url_schemes_are_refused() -> None:
    assert_import_fails("ftp://example.org/noc.csv", "only http, https and file URLs")


def test_an_unwritable_data_directory_is_named(tmp_path: Path) -> None:
    not_a_dir = write(tmp_path, "x", "not-a-directory")
    with pytest.raises(IndexImportError, match=r"cannot write .*not-a-directory"):
        import_index(ELEMENTS, data_dir=not_a_dir)
