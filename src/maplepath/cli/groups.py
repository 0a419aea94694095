"""How ``maplepath`` lists its commands: each with its whole first sentence, and the top level
without importing a command group until it is run (start-up stays under 0.2 s)."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any, ClassVar

import typer
from typer._click import Context, HelpFormatter
from typer.core import TyperGroup

_SENTENCE = re.compile(r"(.+?[.!?])(?:\s|$)", re.S)


def summary(help_text: str | None) -> str:
    """The first sentence of a help text, on one line (hard line breaks folded)."""
    text = " ".join((help_text or "").split("\n\n", 1)[0].split())
    found = _SENTENCE.match(text)
    return found.group(1) if found else text


class SummaryGroup(TyperGroup):
    """A group whose listing shows each command's first sentence whole, wrapped to the width
    (click cuts it at 45 characters with '...' otherwise)."""

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, self.summary_of(name, cmd)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def summary_of(self, name: str, cmd: Any) -> str:
        return summary(cmd.short_help or cmd.help)


@dataclass(frozen=True)
class Entry:
    """A top-level command: the module that defines it, the command's name within that module's
    group when the module holds several top-level commands (None: the module's group is the
    command), and its summary as listed (a test checks it is the command's own first sentence)."""

    module: str
    name: str | None
    summary: str


class LazyGroup(SummaryGroup):
    """The top level: lists the entries without importing them; imports one on use."""

    entries: ClassVar[dict[str, Entry]] = {}

    def list_commands(self, ctx: Context) -> list[str]:
        return list(self.entries)

    def get_command(self, ctx: Context, cmd_name: str) -> Any:
        entry = self.entries.get(cmd_name)
        if entry is None:
            return None
        from maplepath.cli.metavars import name_values  # with the command, not for --help

        group = typer.main.get_group(importlib.import_module(entry.module).app)
        command = group if entry.name is None else group.get_command(ctx, entry.name)
        return None if command is None else name_values(command)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, e.summary) for name, e in self.entries.items()])
