"""Refresh maplepath's French catalogue from what the engine and the pages say.

Usage: ``.venv/bin/python tools/catalogue.py [--check]`` -- collects every sentence of the engine
(the literal first argument of each ``say(...)`` / ``say_n(...)`` in ``src/maplepath``), of the
templates (``{{ _("...") }}``) and the questionnaire's own words (question labels, sections,
hints, choices, the what-if groups, the verdict words and the disclaimer), adds the new ones to
``src/maplepath/locale/fr/LC_MESSAGES/messages.po`` with an empty translation, keeps the
translations already there, drops those nothing uses, and lists what is left to translate.
``--add FILE.json`` (an object of English message -> French) fills those translations first.
A call of ``say`` whose message is not a literal string is refused (it could not be found
here, so it would never be translated). A test fails while any message is untranslated, or
while the catalogue is not what this writes (``--check``).
"""

from __future__ import annotations

import ast
import io
import json
import sys
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from maplepath import i18n  # noqa: E402
from maplepath.web.messages import dynamic_messages  # noqa: E402

PO = i18n.CATALOGUES / "fr" / "LC_MESSAGES" / "messages.po"


def template_messages() -> list[str | tuple[str, str]]:
    found = extract_from_dir(
        str(ROOT / "src" / "maplepath" / "web" / "templates"),
        method_map=[("**.html", "jinja2")],
        options_map={"**.html": {"extensions": "jinja2.ext.i18n"}},
    )
    return [m[2] for m in found]


SOURCE = ROOT / "src" / "maplepath"
KEYWORDS = {"say": (1,), "say_n": (1, 2), "noop": (1,)}


def engine_messages() -> list[str | tuple[str, str]]:
    found = extract_from_dir(
        str(SOURCE), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    )
    ids = extract_from_dir(  # a criterion's id is its heading on the results page
        str(SOURCE / "programs"),
        method_map=[("**.py", "python")],
        keywords={"criterion": (1,), "Criterion": (1,), "beyond_profile": (1,)},
        comment_tags=(),
    )
    return [m[2] for m in found] + [m[2] for m in ids]


def unfound_calls() -> list[str]:
    """``file:line`` of every ``say``/``say_n`` call whose messages are not literal strings."""
    bad = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in KEYWORDS:
                continue
            literal = [
                i < len(node.args)
                and isinstance(node.args[i], ast.Constant)
                and isinstance(node.args[i].value, str)  # type: ignore[attr-defined]
                for i in range(len(KEYWORDS[name]))
            ]
            if not all(literal):
                bad.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return bad


def _added() -> dict[str, Any]:
    """The translations of ``--add FILE.json``: message -> French (a list of the plural forms
    for a message with a plural)."""
    if "--add" not in sys.argv:
        return {}
    loaded = json.loads(Path(sys.argv[sys.argv.index("--add") + 1]).read_text())
    return {str(k): v for k, v in loaded.items() if v}


def main() -> None:
    bad = unfound_calls()
    if bad:
        print("say() needs a literal message (the catalogue is read from the source):")
        for where in bad:
            print("  ", where)
        raise SystemExit(1)
    old = read_po(PO.open("rb"), locale="fr") if PO.exists() else Catalog(locale="fr")
    new = Catalog(
        locale="fr",
        project="maplepath",
        version="0.1",
        copyright_holder="maplepath contributors",
        msgid_bugs_address="",
        last_translator="maplepath contributors",
        language_team="maplepath (fr-CA)",
        fuzzy=False,
        # Kept from the file, so that a refresh with nothing new changes no byte.
        creation_date=old.creation_date,
        revision_date=old.revision_date,
    )
    added = _added()
    for msgid in [*engine_messages(), *template_messages(), *dynamic_messages()]:
        kept = old.get(msgid)
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        if key in added:
            text = added[key]
            new.add(msgid, tuple(text) if isinstance(msgid, tuple) else text)
        else:
            new.add(msgid, kept.string if kept else ("", "") if isinstance(msgid, tuple) else "")
    buffer = io.BytesIO()
    write_po(buffer, new, width=96, omit_header=False, sort_output=False)
    current = PO.read_bytes() if PO.exists() else b""
    if "--check" in sys.argv:
        print("up to date" if buffer.getvalue() == current else "out of date: run without --check")
    elif buffer.getvalue() != current:
        PO.parent.mkdir(parents=True, exist_ok=True)
        PO.write_bytes(buffer.getvalue())
    missing = [
        m.id
        for m in new
        if m.id and not all(m.string if isinstance(m.string, tuple) else [m.string])
    ]
    print(f"{len(new)} messages, {len(missing)} to translate")
    for m in missing:
        print("  ", m)


if __name__ == "__main__":
    main()
