"""`medcoop export --sqlite`: the report's tables as a SQLite database, and its Datasette metadata.

The tables are the data package's (medcoop.export), with their primary and foreign keys, an
index on every foreign key, and a full-text index (FTS5) over each table's text columns when
the SQLite at hand has FTS5. ``database(ds, name)`` is pure: it returns the file's bytes and
the metadata; the CLI writes them (atomically).
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medcoop.errors import DatasetError
from medcoop.i18n import _

if TYPE_CHECKING:
    from medcoop.export import Resource
    from medcoop.records import Dataset


def metadata_path(db: Path, asked: Path | None = None) -> Path | None:
    """Where `export --sqlite DB` writes Datasette's metadata: where asked (--datasette-metadata),
    else metadata.json beside a database that is a file. A database written to a descriptor, a
    device or a FIFO (/dev/stdout, /dev/null, >(cat > x.db)) gets none unless asked: the folder
    it is in is not the user's (no /dev/metadata.json)."""
    if asked is not None:
        return asked
    from medcoop.files import is_stream

    return None if is_stream(db) else db.parent / "metadata.json"


def database(ds: Dataset, name: str) -> tuple[bytes, dict[str, Any]]:
    """(The database file's bytes, Datasette's metadata for it under the name `name`)."""
    from medcoop.export import about, resources
    from medcoop.relational import add_fts, fill, fts_available

    tables = resources(ds)
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.execute("BEGIN")
        fill(conn, tables, indexes=True)
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            table, _rowid, parent, _fkid = broken[0]
            raise DatasetError(
                _("{count} rows refer to nothing, the first in {table} (to {parent})").format(
                    count=len(broken), table=table, parent=parent
                )
            )
        searchable = add_fts(conn, tables) if fts_available(conn) else []
        conn.execute("COMMIT")
        conn.execute("VACUUM")
        data = _file_bytes(conn)
    finally:
        conn.close()
    return data, metadata(about(ds), tables, name, searchable)


def _file_bytes(conn: sqlite3.Connection) -> bytes:
    """The database as the bytes of a file (serialize() from Python 3.11; a backup before)."""
    if hasattr(conn, "serialize"):
        return conn.serialize()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "medcoop.db"
        target = sqlite3.connect(path)
        try:
            conn.backup(target)
        finally:
            target.close()
        return path.read_bytes()


def metadata(package: dict[str, Any], tables: list[Resource], name: str, searchable: list[str]) -> dict[str, Any]:
    """Datasette's metadata.json: title, description, source and licence of the report, and a
    description of every table and column (from the data package's descriptor)."""
    from medcoop.describe import TABLES
    from medcoop.relational import fts_table

    described: dict[str, Any] = {}
    for r in tables:
        entry: dict[str, Any] = {"columns": {f["name"]: f["description"] for f in r.fields if f.get("description")}}
        if r.name in TABLES:
            entry["description"] = TABLES[r.name]
        if r.name in searchable:
            entry["fts_table"] = fts_table(r)
        described[r.name] = entry
    return {
        "title": package["title"],
        "description": package["description"],
        "source": package["sources"][0]["title"],
        "license": package["licenses"][0]["title"],
        "databases": {name: {"title": package["title"], "tables": described}},
    }
