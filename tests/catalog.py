"""medcoop's messages and its Spanish catalog (medcoop/locale/es/LC_MESSAGES/medcoop.po).

    python -m tests.catalog          # list the messages the catalog lacks or no longer needs
    python -m tests.catalog --update # add the missing ones (untranslated), drop the unused ones

The messages are every string the code passes to _(), N_(), Msg() and ngettext(), and every
column header (the second argument of Column()), found with Babel's Python extractor; and the
help, epilog and metavars of the whole Typer app (docstrings and option help, which Typer reads
from the code). The tests use the same lists.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "medcoop" / "locale" / "es" / "LC_MESSAGES" / "medcoop.po"
KEYWORDS = {"_": None, "N_": None, "Msg": None, "ngettext": (1, 2), "Column": (2,)}


def code_messages() -> dict[str | tuple[str, str], list[tuple[str, int]]]:
    """Message id (a pair for plurals) -> where the code says it (file, line)."""
    from babel.messages.extract import extract_from_dir

    found: dict[str | tuple[str, str], list[tuple[str, int]]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "medcoop"), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        key = message if isinstance(message, str) else (message[0], message[1])
        found.setdefault(key, []).append((f"medcoop/{filename}", lineno))
    return found


def help_messages() -> dict[str, str]:
    """Every help text, epilog and metavar of the whole app -> the command it belongs to."""
    import typer.main

    from medcoop import cli

    group = typer.main.get_command(cli.build_app())
    found: dict[str, str] = {}
    for name, command in (("medcoop", group), *getattr(group, "commands", {}).items()):
        texts: list[Any] = [command.help, command.short_help, command.epilog]
        for param in command.params:
            texts += [getattr(param, "help", None), param.metavar]
        for text in texts:
            if isinstance(text, str) and text:
                found.setdefault(text, name)
    return found


def all_messages() -> dict[str | tuple[str, str], str]:
    """Every message id -> a note on where it comes from."""
    found: dict[str | tuple[str, str], str] = {}
    for key, places in code_messages().items():
        found[key] = ", ".join(sorted({file for file, _line in places}))
    for text, command in help_messages().items():
        found.setdefault(text, f"help of {command}")
    return found


def read_catalog() -> Any:
    from babel.messages.pofile import read_po

    with PO.open("rb") as file:
        return read_po(file, locale="es", domain="medcoop")


def _key(message: Any) -> str | tuple[str, str]:
    return message.id if isinstance(message.id, str) else (message.id[0], message.id[1])


def main(argv: list[str]) -> int:
    from babel.messages.pofile import write_po

    catalog = read_catalog()
    wanted = all_messages()
    have = {_key(m) for m in catalog if m.id}
    missing = [k for k in wanted if k not in have]
    unused = [k for k in have if k not in wanted]
    for key in missing:
        print(f"missing: {key!r}  ({wanted[key]})")
    for key in unused:
        print(f"unused:  {key!r}")
    if "--update" in argv:
        for key in unused:
            del catalog[key if isinstance(key, str) else key[0]]
        for key in missing:
            catalog.add(key, "" if isinstance(key, str) else ("", ""), auto_comments=[wanted[key]])
        with PO.open("wb") as file:
            write_po(file, catalog, width=0, omit_header=False, no_location=True, sort_output=False)
    return 1 if (missing or unused) and "--update" not in argv else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
