"""Build hook: the wheel carries the shipped dataset compiled in, as medcoop/_shipped.py (with the
Spanish translations of its editors' words, data/medcoop.es.json, and the answers about its country
mentions that medcoop.query.mentioned would otherwise read from the quotes at every command); its
tables, as `medcoop sql` fills them, in an SQLite file, medcoop/_shipped.sqlite (written by the
package's own table code, medcoop.sql.write_tables, which reads the record types: msgspec is a
build dependency for them); its Excel workbook in each language, as `medcoop export --xlsx` writes
it, medcoop/_shipped.en.xlsx and _shipped.es.xlsx (medcoop.xlsx.shipped_workbooks; XlsxWriter is a
build dependency for them); the world map's geometry compiled in the forms the map is drawn from,
as medcoop/_world.py (with the rasters of the terminal map for a pipe and the usual terminal
widths); and the message catalogs compiled from their sources (medcoop/locale/*/LC_MESSAGES/
medcoop.po -> .mo, with Babel, a build dependency).

See medcoop/snapshot.py for why the dataset is compiled, medcoop/geo.py for the geometry. Editable
installs get no such files and read data/medcoop.json and medcoop/data/world.json, so that an edit
to them shows at once; their catalogs are compiled beside the sources (a git-ignored file), so
reinstall (pip install -e .) after editing a .po.
"""

import contextlib
import importlib.util
import json
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def _load(root: Path, name: str) -> Any:
    """A module of the package loaded from its file (the package itself is not installed yet)."""
    spec = importlib.util.spec_from_file_location(f"medcoop_{name}", root / "medcoop" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def _source_tree(root: Path) -> Iterator[None]:
    """The package importable from the source tree for the while; its modules are then forgotten
    again."""
    before = set(sys.modules)
    sys.path.insert(0, str(root))
    try:
        yield
    finally:
        sys.path.remove(str(root))
        for name in set(sys.modules) - before:
            if name == "medcoop" or name.startswith("medcoop."):
                del sys.modules[name]


def _mentions(root: Path, data: bytes) -> Any:
    """What medcoop.query.mentioned.decisions() reads from the shipped dataset's quotes, computed
    by the package's own code (standard library only)."""
    with _source_tree(root):
        from medcoop.query.mentioned import decisions

        return decisions(json.loads(data))


def _tables(root: Path, data: bytes, target: Path) -> None:
    """The shipped dataset's tables written to target by the package's own code, from the records
    _shipped.py holds (json reads data/medcoop.json as snapshot.module_source does)."""
    with _source_tree(root):
        from medcoop.sql import write_tables

        write_tables(json.loads(data), target)


def _workbooks(root: Path, locale: Path) -> dict[str, bytes]:
    """The shipped dataset's workbook in each language, written by the package's own code from
    data/medcoop.json and data/medcoop.es.json (as a checkout writes it), in the words of the
    catalogs compiled into locale (those the wheel carries)."""
    with _source_tree(root):
        from medcoop import i18n
        from medcoop.xlsx import shipped_workbooks

        i18n.LOCALE_DIR = locale
        books: dict[str, bytes] = shipped_workbooks()
        return books


def _world(root: Path) -> str:
    """medcoop/_world.py: medcoop/data/world.json compiled by medcoop.geo, with the rasters of the
    sizes the terminal map draws in a pipe and on terminals of the usual widths."""
    with _source_tree(root):
        from medcoop import geo, mapterm

        world = geo.load()
        return str(geo.module_source(world, mapterm.sizes(world)))


class ShippedDatasetHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        compile_catalogs = _load(root, "catalogs").compile_catalogs
        if version == "editable":
            compile_catalogs(root, root)
            return
        self._folder = tempfile.mkdtemp(prefix="medcoop-build-")
        for relative in compile_catalogs(root, Path(self._folder)):
            build_data["force_include"][str(Path(self._folder) / relative)] = relative.as_posix()
        snapshot = _load(root, "snapshot")
        target = Path(self._folder) / "_shipped.py"
        data = (root / "data" / "medcoop.json").read_bytes()
        source = snapshot.module_source(data, (root / "data" / "medcoop.es.json").read_bytes(), _mentions(root, data))
        target.write_text(source, encoding="utf-8")
        build_data["force_include"][str(target)] = "medcoop/_shipped.py"
        tables = Path(self._folder) / "_shipped.sqlite"
        _tables(root, data, tables)
        build_data["force_include"][str(tables)] = "medcoop/_shipped.sqlite"
        for language, book in _workbooks(root, Path(self._folder) / "medcoop" / "locale").items():
            workbook = Path(self._folder) / f"_shipped.{language}.xlsx"
            workbook.write_bytes(book)
            build_data["force_include"][str(workbook)] = f"medcoop/_shipped.{language}.xlsx"
        geometry = Path(self._folder) / "_world.py"
        geometry.write_text(_world(root), encoding="utf-8")
        build_data["force_include"][str(geometry)] = "medcoop/_world.py"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
