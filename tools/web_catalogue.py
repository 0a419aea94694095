"""Refresh the web app's French catalogue from what the pages say.

Usage: ``.venv/bin/python tools/web_catalogue.py [--check]`` -- collects every sentence of the templates
(``{{ _("...") }}``) and the questionnaire's own words (question labels, sections, hints,
choices, the what-if groups, the verdict words and the disclaimer), adds the new ones to
``src/maplepath/web/locale/fr/LC_MESSAGES/messages.po`` with an empty translation, keeps the
translations already there, drops those no page uses, and lists what is left to translate.
A test fails while any is, or while the catalogue is not what this writes (``--check``).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from maplepath.web import i18n  # noqa: E402
from maplepath.web.messages import dynamic_messages  # noqa: E402

PO = i18n.CATALOGUES / "fr" / "LC_MESSAGES" / "messages.po"


def template_messages() -> list[str | tuple[str, str]]:
    found = extract_from_dir(
        str(ROOT / "src" / "maplepath" / "web" / "templates"),
        method_map=[("**.html", "jinja2")],
        options_map={"**.html": {"extensions": "jinja2.ext.i18n"}},
    )
    return [m[2] for m in found]


def main() -> None:
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
    for msgid in [*template_messages(), *dynamic_messages()]:
        kept = old.get(msgid)
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
