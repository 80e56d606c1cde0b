"""typer.rich_utils, which draws the help, imported without the two parts of Rich that
medcoop's help never draws.

typer.rich_utils imports, at its top, ``rich.markdown`` (and with it markdown-it-py), for help
written in Markdown (``rich_markup_mode="markdown"``), and ``rich.traceback`` (and with it Pygments),
for Typer's pretty tracebacks. medcoop writes its help in Rich markup and turns every exception
into one line itself (``pretty_exceptions_enable=False``), so neither is ever drawn, yet importing
them was most of what `medcoop --help` cost beyond Typer and Rich's console and table
(docs/performance.md). While typer.rich_utils is imported, each of the two names it takes from
those modules is a stand-in class; the modules themselves are not imported. A stand-in that is
ever called imports its module then and returns the real object, so nothing is lost if Typer
starts using one. tests/test_help.py fails if Typer takes other names from those modules.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

STAND_INS = {"rich.markdown": "Markdown", "rich.traceback": "Traceback"}
"""module -> the one name typer.rich_utils imports from it (Typer 0.28)."""


def rich_utils() -> ModuleType:
    """typer.rich_utils, imported with the stand-ins if it is not imported yet."""
    if "typer.rich_utils" in sys.modules:
        return sys.modules["typer.rich_utils"]
    placed = {}
    for module, name in STAND_INS.items():
        if module not in sys.modules:
            stub = ModuleType(module, "a stand-in while typer.rich_utils is imported (medcoop.cli.richhelp)")
            setattr(stub, name, _stand_in(module, name))
            sys.modules[module] = placed[module] = stub
    try:
        __import__("typer.rich_utils")  # an import statement's path, which -X importtime reports
        return sys.modules["typer.rich_utils"]
    finally:
        for module, stub in placed.items():
            if sys.modules.get(module) is stub:
                del sys.modules[module]


def _stand_in(module: str, name: str) -> type:
    """A class that, called, imports module (the real one) and returns its name called alike."""

    def __new__(cls: type, *args: Any, **kwargs: Any) -> Any:
        __import__(module)
        return getattr(sys.modules[module], name)(*args, **kwargs)

    doc = f"{module}.{name}, imported when called"
    return type(name, (), {"__new__": __new__, "__module__": __name__, "__doc__": doc})
