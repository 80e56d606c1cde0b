"""The message catalogs compiled from their sources: medcoop/locale/<lang>/LC_MESSAGES/medcoop.po
-> .mo, with Babel. Used by the build hook (hatch_build.py: into the wheel, or beside the sources
for an editable install) and by the tests, which import the checkout's sources and compile its
catalogs first (a fresh clone has no .mo: it is built, never committed). Not imported at run time.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path


def compile_catalogs(root: Path, target: Path) -> list[Path]:
    """Every medcoop/locale/<lang>/LC_MESSAGES/medcoop.po under root compiled into the same path
    under target, as .mo; returns the paths written, relative to target."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written: list[Path] = []
    for po in sorted((root / "medcoop" / "locale").glob("*/LC_MESSAGES/medcoop.po")):
        relative = po.relative_to(root).with_suffix(".mo")
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name, domain="medcoop")
        compiled = io.BytesIO()
        write_mo(compiled, catalog, use_fuzzy=False)
        _replace(target / relative, compiled.getvalue())
        written.append(relative)
    return written


def _replace(path: Path, data: bytes) -> None:
    """path holds data, written beside it and renamed over it: a process reading the catalog
    meanwhile (the tests' parallel workers each compile it as they start) sees the old file or
    the new one, never a part. (Not medcoop.files.atomic_write: the build hook loads this module
    alone, without the package.)"""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
