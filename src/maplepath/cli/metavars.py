"""What each command's arguments and options take, as help and errors name them.

typer names a value by its Python type (``--on <str>``, ``--scenario <list[str]>``, usage
``{profile}``), which tells a user nothing about what to type. Every value gets a name in
capitals instead (``--on DATE``, ``--scenario NAME``, ``PROFILE``), or its few words when there
are few (``--by time|cost``): from the tables below, by option or parameter name, unless the
command gives its own ``metavar`` (case folders: ``CASE``). A test walks every command and fails
on a value that is named neither here nor there.
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperOption

OPTIONS = {
    "--ahead": "MONTHS",
    "--by": "time|cost",
    "--category": "CATEGORY",
    "--chart": "FILE",
    "--client": "NAME",
    "--confirm": "NAME",
    "--contact": "TEXT",
    "--dask": "ADDRESS",
    "--dask-timeout": "SECONDS",
    "--db": "URL",
    "--due": "DATE",
    "--file-no": "TEXT",
    "--from": "FILE",
    "--host": "HOST",
    "--ics": "FILE",
    "--invited": "DATE",
    "--lang": "en|fr",
    "--language": "en|fr",
    "--limit": "N",
    "--max-actions": "N",
    "--method": "recent|simulation",
    "--months": "N",
    "--on": "DATE",
    "--out": "FILE",
    "--pathway": "ID",
    "--pool-size": "N",
    "--port": "PORT",
    "--practice": "DIR",
    "--profiles": "N",
    "--program": "ID",
    "--reason": "TEXT",
    "--remind": "DAYS",
    "--role": "consultant|assistant",
    "--round": "NUMBER",
    "--scan": "FILE",
    "--scenario": "NAME",
    "--score": "SCORE",
    "--seed": "N",
    "--since": "DATE",
    "--size": "N",
    "--target": "SCORE",
    "--target-draw": "CATEGORY",
    "--title": "TEXT",
    "--top": "PERCENT",
    "--train-until": "DATE",
    "--trajectory": "FILE",
    "--until": "DATE",
    "--weeks": "N",
}

ARGUMENTS = {
    "assistant": "ASSISTANT",
    "case": "CASE",
    "case_dir": "CASE",
    "case_or_profile": "CASE_OR_PROFILE",
    "client_id": "CLIENT_ID",
    "code": "CODE",
    "deadline_id": "DEADLINE_ID",
    "facts": "FACTS",
    "folder": "DIR",  # a practice's folder; case folders name themselves CASE
    "name": "NAME",
    "out": "OUT_DIR",
    "prefix": "PREFIX",
    "profile": "PROFILE",
    "rule_id": "RULE_ID",
    "source": "FILE_OR_URL",
    "text": "TEXT",
}


def name_values(command: Any) -> Any:
    """``command`` (and every command under it) with each value-taking parameter named."""
    for param in command.params:
        if param.metavar is not None:
            continue
        if isinstance(param, TyperOption) and not param.is_flag:
            param.metavar = OPTIONS.get(param.opts[0])
        elif isinstance(param, TyperArgument):
            param.metavar = ARGUMENTS.get(param.name or "")
    for sub in getattr(command, "commands", {}).values():
        name_values(sub)
    return command
