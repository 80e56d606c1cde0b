"""The report's tables (medcoop.export's one table model) in SQLite, and described as rows.

Nothing here defines a table: every name, column, type and key comes from
``export.resources``, so the database, ``medcoop sql``, the workbook and the Python API
follow the data package wherever it goes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Union

from medcoop.i18n import Msg, _
from medcoop.view import Column, Row, Table

if TYPE_CHECKING:
    from medcoop.export import Resource

Typed = Union[str, int, bool, None]
"""A cell with its Table Schema type: integers as int, booleans as bool, empty as None."""

SQL_TYPES = {"integer": "INTEGER", "boolean": "INTEGER", "number": "REAL"}
"""SQLite column type of each Table Schema type (TEXT otherwise); booleans are 0 and 1."""


def quote(name: str) -> str:
    """An SQL identifier, quoted."""
    return '"' + name.replace('"', '""') + '"'


def typed(kind: str, cell: object) -> Typed:
    """A cell of the data package (as its CSV holds it) with its type back."""
    if cell is None or cell == "":
        return None
    if kind == "boolean":
        return cell in (True, "true")
    if kind == "integer" and isinstance(cell, str):
        return int(cell)
    assert isinstance(cell, (str, int))
    return cell


def typed_rows(resource: Resource) -> Iterator[tuple[Typed, ...]]:
    """The resource's rows as tuples in the order of its fields, each cell typed."""
    kinds = [(f["name"], f["type"]) for f in resource.fields]
    for row in resource.rows:
        yield tuple(typed(kind, row.get(name)) for name, kind in kinds)


def _required(field: dict[str, Any]) -> bool:
    return bool(field.get("constraints", {}).get("required"))


def create_sql(resource: Resource) -> str:
    """CREATE TABLE with the resource's columns, types, NOT NULLs, primary and foreign keys."""
    parts = [
        f"{quote(f['name'])} {SQL_TYPES.get(f['type'], 'TEXT')}{' NOT NULL' if _required(f) else ''}"
        for f in resource.fields
    ]
    parts.append(f"PRIMARY KEY ({', '.join(map(quote, resource.key))})")
    for fk in resource.fks:
        ref = fk["reference"]
        parts.append(
            f"FOREIGN KEY ({', '.join(map(quote, fk['fields']))}) "
            f"REFERENCES {quote(ref['resource'])} ({', '.join(map(quote, ref['fields']))})"
        )
    return f"CREATE TABLE {quote(resource.name)} (\n  " + ",\n  ".join(parts) + "\n)"


def fill(conn: sqlite3.Connection, tables: Iterable[Resource], *, indexes: bool = False) -> None:
    """Create and fill the tables; with indexes, index every foreign key not led by the primary key."""
    for r in tables:
        conn.execute(create_sql(r))
        marks = ", ".join("?" for _field in r.fields)
        conn.executemany(f"INSERT INTO {quote(r.name)} VALUES ({marks})", typed_rows(r))
        if indexes:
            for fk in r.fks:
                if fk["fields"] != r.key[: len(fk["fields"])]:
                    columns = ", ".join(map(quote, fk["fields"]))
                    name = quote(f"idx_{r.name}_{'_'.join(fk['fields'])}")
                    conn.execute(f"CREATE INDEX {name} ON {quote(r.name)} ({columns})")


def key_columns(resource: Resource) -> set[str]:
    return set(resource.key) | {name for fk in resource.fks for name in fk["fields"]}


def text_columns(resource: Resource) -> list[str]:
    """The columns worth searching: text that is neither a key nor a reference."""
    keys = key_columns(resource)
    return [f["name"] for f in resource.fields if f["type"] == "string" and f["name"] not in keys]


def fts_available(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.medcoop_fts_probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    conn.execute("DROP TABLE temp.medcoop_fts_probe")
    return True


def fts_table(resource: Resource) -> str:
    return f"{resource.name}_fts"


def add_fts(conn: sqlite3.Connection, tables: Iterable[Resource]) -> list[str]:
    """A full-text index (FTS5, external content) over each table's text columns, named
    TABLE_fts as Datasette and sqlite-utils expect; the tables it indexed."""
    done = []
    for r in tables:
        columns = text_columns(r)
        if not columns:
            continue
        names = ", ".join(map(quote, columns))
        fts = quote(fts_table(r))
        conn.execute(f'CREATE VIRTUAL TABLE {fts} USING FTS5 ({names}, content="{r.name}")')
        conn.execute(f"INSERT INTO {fts} (rowid, {names}) SELECT rowid, {names} FROM {quote(r.name)}")
        done.append(r.name)
    return done


# --------------------------------------------------------------------------- the tables as rows

SCHEMA_COLUMNS = (
    Column("table", "Table"),
    Column("column", "Column"),
    Column("type", "Type"),
    Column("required", "Required"),
    Column("key", "Key"),
    Column("references", "References"),
    Column("description", "Description"),
)


def schema_table(tables: Iterable[Resource]) -> Table:
    """One row per column of every table: its type, whether required, key and reference."""
    rows: list[Row] = []
    for r in tables:
        refs = {
            fk["fields"][0]: f"{fk['reference']['resource']}.{fk['reference']['fields'][0]}"
            for fk in r.fks
            if len(fk["fields"]) == 1
        }
        for f in r.fields:
            rows.append(
                {
                    "table": r.name,
                    "column": f["name"],
                    "type": f["type"],
                    "required": Msg("yes") if _required(f) else Msg("no"),
                    "key": Msg("primary") if f["name"] in r.key else None,
                    "references": refs.get(f["name"]),
                    "description": f.get("description"),  # an i18n text (medcoop.describe)
                }
            )
    return Table(columns=SCHEMA_COLUMNS, rows=rows, title=_("Tables of medcoop sql and medcoop export"))


LIST_COLUMNS = (Column("table", "Table"), Column("rows", "Rows", "int"), Column("description", "Description"))


def tables_list(tables: Iterable[Resource]) -> Table:
    """One row per table: its name, how many rows it has, what it holds (medcoop sql --tables)."""
    from medcoop.describe import TABLES

    rows: list[Row] = [
        {"table": r.name, "rows": len(r.rows), "description": Msg(TABLES[r.name]) if r.name in TABLES else None}
        for r in tables
    ]
    return Table(
        columns=LIST_COLUMNS,
        rows=rows,
        title=_("Tables of medcoop sql and medcoop export"),
        legend=(Msg("A table's columns: medcoop sql --schema TABLE"),),
    )


def table_schema(tables: Iterable[Resource], name: str) -> Table:
    """The columns of one table (medcoop sql --schema TABLE); UsageError, with a did-you-mean,
    for a name that is no table."""
    import difflib

    from medcoop.errors import UsageError

    found = {r.name: r for r in tables}
    if name not in found:
        close = difflib.get_close_matches(name.lower(), list(found), n=1, cutoff=0.6)
        hint = _("; did you mean {names}?").format(names=repr(close[0])) if close else ""
        raise UsageError(
            _("unknown table {name}{hint} (the tables: medcoop sql --tables)").format(name=repr(name), hint=hint)
        )
    whole = schema_table([found[name]])
    return Table(columns=SCHEMA_COLUMNS[1:], rows=whole.rows, title=_("Columns of the table {name}").format(name=name))
