"""Tables that never cut what a reader must copy: rule ids, program ids, NOC codes, dates,
numbers.

A rich table shrinks columns to fit the terminal and cuts a word longer than its column with
'…' ("crs.transferability.…", "2025-09-…"). Here no column is narrower than its longest word
(header included), so text folds between words and never inside one, and a column of single
tokens (ids, dates, numbers) keeps each on one line. Three layouts, the first that fits:
the boxed table; the same without a frame (a rule under the header, one space between
columns); stacked, one block per row, its first cell on a line of its own, then each other
cell under its column's name, indented from the first cell.
"""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console, ConsoleOptions, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text


def _plain(cell: Any) -> str:
    if isinstance(cell, Text):
        return cell.plain
    if isinstance(cell, str):
        return Text.from_markup(cell).plain
    return ""


def _longest_word(text: str) -> int:
    return max((Text(word).cell_len for word in text.split()), default=0)


class WholeTable(Table):
    """A ``rich.table.Table`` whose cells are never cut inside a word (see the module)."""

    def __init__(self, *headers: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        for header in headers:
            self.add_column(header)

    def add_column(self, header: Any = "", *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("overflow", "fold")
        super().add_column(header, *args, **kwargs)
        column = self.columns[-1]
        column.min_width = max(column.min_width or 0, _longest_word(_plain(header)))

    def add_row(self, *cells: Any, **kwargs: Any) -> None:
        super().add_row(*cells, **kwargs)
        for column, cell in zip(self.columns, cells, strict=False):
            plain = _plain(cell).strip()
            # A column of single tokens (ids, dates, numbers) keeps each on one line.
            single = not plain or len(plain.split()) == 1
            column.no_wrap = single and (column.no_wrap or len(column._cells) == 1)
            column.min_width = max(column.min_width or 0, _longest_word(plain))
            if column.no_wrap:  # its header is not wrapped either
                column.min_width = max(column.min_width, Text(_plain(column.header)).cell_len)

    def _calculate_column_widths(self, console: Console, options: ConsoleOptions) -> list[int]:
        # Rich shrinks the widest columns first, below their longest word if need be (then
        # widens them back, past the screen); here each column gives up width in proportion
        # to what it has above its minimum.
        ranges = [self._measure_column(console, options, c) for c in self.columns]
        widths = [r.maximum or 1 for r in ranges]
        excess = sum(widths) - options.max_width
        if excess <= 0:
            return widths
        mins = [min(r.minimum, w) for r, w in zip(ranges, widths, strict=True)]
        slack = [w - m for w, m in zip(widths, mins, strict=True)]
        total = sum(slack)
        if total <= excess:
            return mins
        cut = [excess * s // total for s in slack]
        left = excess - sum(cut)
        for i in sorted(range(len(widths)), key=lambda i: slack[i] - cut[i], reverse=True):
            if left == 0:
                break
            if slack[i] > cut[i]:
                cut[i] += 1
                left -= 1
        return [w - c for w, c in zip(widths, cut, strict=True)]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if Table.__rich_measure__(self, console, options).minimum <= options.max_width:
            yield from super().__rich_console__(console, options)
            return
        framed = (self.box, self.padding, self.pad_edge, self.show_edge)
        self.box, self.padding = box.SIMPLE_HEAD, (0, 1, 0, 0)
        self.pad_edge = self.show_edge = False
        try:
            if Table.__rich_measure__(self, console, options).minimum <= options.max_width:
                yield from super().__rich_console__(console, options)
                return
        finally:
            self.box, self.padding, self.pad_edge, self.show_edge = framed
        yield from self._stacked()

    def _stacked(self) -> RenderResult:
        if self.title:
            yield Text.from_markup(str(self.title), style="italic")
        headers = [_plain(c.header) for c in self.columns]
        for first, *rest in zip(*(c.cells for c in self.columns), strict=True):
            yield Text.from_markup(first, style="bold") if isinstance(first, str) else first
            # A row's cells sit under its first cell, indented from it: under a nested row
            # ("  age" in a CRS section) they are indented further than under its section's.
            plain = _plain(first)
            indent = 2 + len(plain) - len(plain.lstrip(" "))
            for header, cell in zip(headers[1:], rest, strict=False):
                value = Text.from_markup(cell) if isinstance(cell, str) else Text(_plain(cell))
                if value.plain.strip():
                    line = Text(f"{header}: " if header else "", style="dim") + value
                    yield Padding(line, (0, 0, 0, indent), expand=False)
