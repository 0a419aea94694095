"""Statistics Canada's NOC 2021 example titles, imported into the user's data directory.

Each NOC 2021 unit group lists the job titles it covers ("Site reliability engineer" is in
21231); people know their job title, not their code, so search needs this index. Statistics
Canada publishes it in the NOC 2021 V1.0 "elements" CSV on open.canada.ca. Per the data policy
the project does not ship it: the user points ``maplepath noc import`` at the official download
(or a local copy) and search reads the JSON kept in the data directory.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from maplepath import datadir
from maplepath.occupations import codes as occupations

INDEX_FILE = "noc_index.json"
_FORMAT = 1
# More unknown codes than this means the wrong file (a NOC 2016 list, another classification).
_MAX_BAD_SHARE = 0.05

# The elements CSV: one row per (class, element). Unit groups are Level 5; an element type says
# what the text is. Example titles come as "Illustrative example(s)" (the few shown in the unit
# group's profile) and "All examples" (the full list), so a title can appear under both.
_ELEMENT_COLUMNS = (
    "Level",
    "Code - NOC 2021 V1.0",
    "Element Type Label English",
    "Element Description English",
)
_UNIT_GROUP_LEVEL = "5"
_TITLE_TYPES = frozenset({"illustrative example(s)", "all examples"})
_DUTY_TYPE = "main duties"
# Each unit group's duties open with this lead-in line, which is not itself a duty.
_DUTY_PREAMBLE = "this group performs"


@dataclass(frozen=True)
class ImportedIndex:
    titles: tuple[tuple[str, str], ...]  # (NOC 2021 code, example title)
    duties: tuple[tuple[str, str], ...]  # (code, main duty sentence); () when the source has none
    source: str
    imported_at: str
    count: int
    skipped: int = 0  # rows dropped because their code is not a unit group or their text is empty

    @property
    def summary(self) -> str:
        groups = len({code for code, _ in self.titles})
        text = f"{self.count:,} example titles for {groups} NOC 2021 unit groups"
        if self.duties:
            text += f" and {len(self.duties):,} main duties"
        if self.skipped:
            text += f"; skipped {self.skipped:,} rows with an unknown code or empty text"
        return f"{text} (from {self.source}, imported {self.imported_at})"


class IndexImportError(ValueError):
    """A source that cannot be imported, named with the file, line and column at fault."""


def index_path(data_dir: Path | None = None) -> Path:
    return (data_dir or datadir.data_dir()) / INDEX_FILE


def import_index(
    source: str | Path, *, progress: datadir.Progress | None = None, data_dir: Path | None = None
) -> ImportedIndex:
    """Read example titles (and main duties) from a local file or an http(s)/file URL and make
    them the user's NOC index. On any error the previous index is left as it was."""
    try:
        raw, name = datadir.read_source(source, progress)
    except datadir.SourceError as e:
        raise IndexImportError(str(e)) from e
    titles, duties, skipped = _parse(raw, name)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    index = ImportedIndex(titles, duties, name, now, len(titles), skipped)
    path = index_path(data_dir)
    try:
        datadir.atomic_write_bytes(path, _dump(index))
    except OSError as e:
        raise IndexImportError(f"cannot write {path}: {e.strerror or e}") from e
    _cache[path] = (_signature(path), index)
    return index


def load_index(data_dir: Path | None = None) -> ImportedIndex | None:
    """The imported index, or None when the user has not imported one yet."""
    path = index_path(data_dir)
    try:
        signature = _signature(path)
    except FileNotFoundError:
        return None
    cached = _cache.get(path)
    if cached and cached[0] == signature:
        return cached[1]
    try:
        index = _load(json.loads(path.read_bytes()))
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise IndexImportError(
            f"{path} is damaged ({e}); import the NOC index again with `maplepath noc import`"
        ) from None
    _cache[path] = (signature, index)
    return index


# A new file from os.replace has a new inode, so this changes on every import.
_cache: dict[Path, tuple[tuple[int, int, int], ImportedIndex]] = {}


def _signature(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return (st.st_ino, st.st_mtime_ns, st.st_size)


_Pairs = tuple[tuple[str, str], ...]


def _parse(raw: bytes, name: str) -> tuple[_Pairs, _Pairs, int]:
    reader = csv.reader(io.StringIO(_decode(raw, name), newline=""), strict=True)
    found: dict[str, dict[tuple[str, str], None]] = {"title": {}, "duty": {}}
    considered, bad = 0, list[str]()
    try:
        header = [h.strip() for h in next(reader)]
        cols = _Columns.of(header, name)
        line = reader.line_num
        for row in reader:
            line, start = reader.line_num, line + 1
            if not any(field.strip() for field in row):
                continue
            if len(row) < len(header):
                raise IndexImportError(
                    f"{name}, line {start}: {len(row)} fields where the header has"
                    f" {len(header)} (is the file truncated?)"
                )
            kind = cols.kind(row)
            if kind is None:
                continue
            considered += 1
            code, value = cols.code(row), " ".join(row[cols.text].split())
            if any(field.strip() for field in row[len(header) :]):
                bad.append(f"line {start}: more fields than the header (an unquoted comma?)")
            elif not occupations.is_unit_group(code):
                bad.append(f"line {start}: {code!r} in {header[cols.code_i]!r} is not a unit group")
            elif not value:
                bad.append(f"line {start}: {header[cols.text]!r} is empty")
            else:
                found[kind][(code, value)] = None
    except csv.Error as e:
        raise IndexImportError(f"{name}, line {reader.line_num}: {e} (is it truncated?)") from None
    if len(bad) > _MAX_BAD_SHARE * considered:
        raise IndexImportError(
            f"{name}: {len(bad):,} of {considered:,} rows are unusable (more than 5%), so this is"
            f" probably not a NOC 2021 file; first: {'; '.join(bad[:3])}"
        )
    if not found["title"]:
        raise IndexImportError(f"{name} has no NOC 2021 example titles")
    # Grouped by code; within a code, the source's order.
    titles = tuple(sorted(found["title"], key=lambda pair: pair[0]))
    duties = tuple(sorted(found["duty"], key=lambda pair: pair[0]))
    return titles, duties, len(bad)


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"PK\x03\x04"):
        raise IndexImportError(f"{name} is a ZIP archive: extract the CSV and import that")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise IndexImportError(
            f"{name} is not UTF-8 text (line {line}, byte 0x{raw[e.start]:02X}):"
            ' save it as "CSV UTF-8" and import it again'
        ) from None
    if not text.strip():
        raise IndexImportError(f"{name} is empty")
    return text


@dataclass(frozen=True)
class _Columns:
    """Where the code and text sit in one of the accepted formats; -1 for an absent column."""

    code_i: int
    text: int
    level: int = -1  # elements CSV only
    element_type: int = -1  # elements CSV only
    unofficial: int = -1  # reference copy only

    @classmethod
    def of(cls, header: list[str], name: str) -> _Columns:
        col = {h.casefold(): i for i, h in enumerate(header)}
        if all(c.casefold() in col for c in _ELEMENT_COLUMNS):
            level, code, element_type, text = (col[c.casefold()] for c in _ELEMENT_COLUMNS)
            return cls(code, text, level, element_type)
        # A plain "code,title" list, or the reference copy's
        # "noc_code,unit_group_title,example_title,non_official_addition".
        code = col.get("code", col.get("noc_code", -1))
        text = col.get("example_title", col.get("title", -1))
        if code < 0 or text < 0:
            raise IndexImportError(
                f"{name}: the first row ({', '.join(header)[:200]}) is not a header maplepath"
                " knows; expected Statistics Canada's NOC 2021 elements CSV (columns"
                f" {', '.join(_ELEMENT_COLUMNS)}) or a CSV with columns code,title"
            )
        return cls(code, text, unofficial=col.get("non_official_addition", -1))

    def kind(self, row: list[str]) -> str | None:
        """ "title", "duty", or None for a row that is neither."""
        if self.level < 0:
            # non_official_addition=1 marks titles added by the copy's author, not StatCan's.
            return None if self.unofficial >= 0 and row[self.unofficial].strip() == "1" else "title"
        if row[self.level].strip() != _UNIT_GROUP_LEVEL:
            return None
        kind = row[self.element_type].strip().casefold()
        if kind in _TITLE_TYPES:
            return "title"
        if kind == _DUTY_TYPE and not row[self.text].strip().casefold().startswith(_DUTY_PREAMBLE):
            return "duty"
        return None

    def code(self, row: list[str]) -> str:
        code = row[self.code_i].strip()
        # Spreadsheets drop leading zeros; a Level 5 code has five digits, so they can be restored.
        if self.level >= 0 and code.isdigit() and len(code) < 5:
            return code.zfill(5)
        return code


def _dump(index: ImportedIndex) -> bytes:
    payload = {"format": _FORMAT, **vars(index)}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def _load(data: Any) -> ImportedIndex:
    if data.get("format") != _FORMAT:
        raise ValueError(f"index format {data.get('format')!r}, this version reads {_FORMAT}")
    pairs = {k: tuple((str(c), str(t)) for c, t in data[k]) for k in ("titles", "duties")}
    return ImportedIndex(
        **pairs,
        source=str(data["source"]),
        imported_at=str(data["imported_at"]),
        count=len(pairs["titles"]),
        skipped=int(data.get("skipped", 0)),
    )
