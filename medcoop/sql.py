"""`medcoop sql`: one read-only SQL query over the report's tables, in an in-memory SQLite.

The tables are the data package's (medcoop.export), loaded into ``:memory:``; then the
connection is locked: ``PRAGMA query_only``, an authorizer that lets a statement read and
nothing else (no ATTACH, no write, no ``load_extension``, only informational PRAGMAs), and a
progress handler that stops a query past its time limit. Results come out in batches, so a
caller can stream them; errors are raised as MedcoopErrors with SQLite's own words.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Final

from medcoop.errors import MedcoopError, UsageError
from medcoop.i18n import N_, _, number
from medcoop.view import Cell, Column, Kind, Row, Table

if TYPE_CHECKING:
    from medcoop.records import Dataset

HINT = N_("see the tables and their columns with: medcoop sql --tables")
DEFAULT_TIMEOUT = 5.0
DEFAULT_MAX_ROWS = 10_000
PROVENANCE = ("section", "quote")
BATCH = 500

READ_PRAGMAS = frozenset(
    {
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list",
        "foreign_key_check", "collation_list", "function_list", "module_list", "pragma_list", "database_list",
        "compile_options",
    }
)  # fmt: skip
"""PRAGMAs that only describe the database; every other one is refused."""

_READ_ACTIONS = frozenset({sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE})
_ACTION_NAMES = {
    getattr(sqlite3, name): name.removeprefix("SQLITE_").replace("_", " ")
    for name in dir(sqlite3)
    if name.startswith(("SQLITE_CREATE", "SQLITE_DROP", "SQLITE_ALTER"))
    or name
    in (
        "SQLITE_INSERT", "SQLITE_UPDATE", "SQLITE_DELETE", "SQLITE_ATTACH", "SQLITE_DETACH", "SQLITE_TRANSACTION",
        "SQLITE_SAVEPOINT", "SQLITE_ANALYZE", "SQLITE_REINDEX",
    )
}  # fmt: skip


class SqlError(UsageError):
    """The query cannot run as written (syntax, unknown table or column, several statements): exit 2."""


class Refused(UsageError):
    """The query would change something or reach outside the report: exit 2."""


class TimeLimit(MedcoopError):
    """The query ran past its time limit: exit 1."""


class TooManyRows(MedcoopError):
    """The result is larger than a format that holds it whole may take: exit 1."""


class _Guard:
    """The authorizer and progress handler of a locked connection."""

    def __init__(self) -> None:
        self.refused: str | None = None
        self.deadline = float("inf")

    def authorize(self, action: int, arg1: str | None, arg2: str | None, db: str | None, source: str | None) -> int:
        if action in _READ_ACTIONS:
            return sqlite3.SQLITE_OK
        first = self.refused is None  # the first refusal names what the statement does
        refused = self.refused
        if action == sqlite3.SQLITE_FUNCTION:
            if (arg2 or "").lower() != "load_extension":
                return sqlite3.SQLITE_OK
            self.refused = _("load_extension() is not allowed")
        elif action == sqlite3.SQLITE_PRAGMA:
            if (arg1 or "").lower() in READ_PRAGMAS:
                return sqlite3.SQLITE_OK
            self.refused = _("PRAGMA {name} is not allowed (only PRAGMAs that describe the tables are)").format(
                name=arg1
            )
        else:
            what = _ACTION_NAMES.get(action, f"action {action}")
            if (arg1 or "").startswith(("sqlite_master", "sqlite_temp_master")):
                what, arg1 = _("changing the schema"), None
            self.refused = _("{what} is not allowed").format(what=f"{what} {arg1}" if arg1 else what)
        if not first:
            self.refused = refused
        return sqlite3.SQLITE_DENY

    def progress(self) -> int:
        return 1 if time.monotonic() > self.deadline else 0


def _kind(name: str, values: list[Cell]) -> Kind:
    """How the table view shows a result column (machine formats carry raw values)."""
    present = [v for v in values if v is not None]
    if not present or not all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "text"
    if name == "year" or name.startswith("period_") or name == "since":
        return "year"
    return "usd" if name.endswith("_usd") else "int"


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    """Column names made unique (a second id becomes id_2), so that no column is lost in a row."""
    seen: set[str] = set()
    out = []
    for name in names:
        new, n = name, 1
        while new in seen:
            n += 1
            new = f"{name}_{n}"
        seen.add(new)
        out.append(new)
    return tuple(out)


def _cell(value: object) -> Cell:
    if isinstance(value, bytes):
        return "x'" + value.hex() + "'"
    return value  # type: ignore[return-value]  # str, int, float or None, as SQLite gives them


class Result:
    """A running query: its column names and its rows, fetched in batches."""

    def __init__(self, session: Session, cursor: sqlite3.Cursor, names: tuple[str, ...]) -> None:
        self._session = session
        self._cursor = cursor
        self.names: Final = names

    def batches(self) -> Iterator[list[Row]]:
        """The rows, a batch at a time, until the result ends or the time limit passes."""
        names = self.names
        while True:
            try:
                got = self._cursor.fetchmany(BATCH)
            except sqlite3.Error as exc:
                raise self._session.error(exc) from None
            if not got:
                return
            yield [dict(zip(names, map(_cell, values), strict=True)) for values in got]

    def table(self, max_rows: int | None = DEFAULT_MAX_ROWS, *, cite: bool = False) -> Table:
        """The whole result (at most max_rows rows, else TooManyRows) as a table; with cite,
        its provenance columns last (UsageError when it has none)."""
        self.columns(cite=cite)  # refuse --cite before fetching
        rows: list[Row] = []
        for batch in self.batches():
            rows += batch
            if max_rows is not None and len(rows) > max_rows:
                raise TooManyRows(
                    _(
                        "the result has more than {count} rows: add a LIMIT, raise --max-rows, "
                        "or use -f csv, tsv or jsonl, which stream any number of rows"
                    ).format(count=number(max_rows))
                )
        return Table(columns=self.columns(rows, cite=cite), rows=rows, title=_("SQL result"))

    def columns(self, rows: list[Row] | None = None, *, cite: bool = False) -> tuple[Column, ...]:
        """The result's columns (their kind told from rows, when given); with cite, the
        provenance columns (section, quote) last, or UsageError when the result has none."""
        sample = rows or []
        columns = tuple(Column(n, n, _kind(n, [r.get(n) for r in sample])) for n in self.names)
        return cited(columns) if cite else columns


class Session:
    """An in-memory copy of the report's tables, locked for reading."""

    def __init__(self, ds: Dataset, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        from medcoop.export import resources
        from medcoop.relational import fill

        if timeout <= 0:
            raise UsageError(
                _("the time limit must be more than 0 seconds, not {timeout}").format(timeout=f"{timeout:g}")
            )
        self.timeout = timeout
        self.conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        tables = resources(ds)
        self.names = {r.name: tuple(f["name"] for f in r.fields) for r in tables}  # table -> its columns
        fill(self.conn, tables)
        self.conn.execute("PRAGMA query_only = ON")
        if hasattr(self.conn, "setlimit"):  # Python 3.11: no string or blob over 100 MB
            self.conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 100_000_000)
        self._guard = _Guard()
        self.conn.set_authorizer(self._guard.authorize)
        self.conn.set_progress_handler(self._guard.progress, 1000)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def error(self, exc: Exception) -> MedcoopError:
        """The MedcoopError for what SQLite raised."""
        if self._guard.refused is not None:
            return Refused(
                _("refused: {what}; medcoop sql only reads the report's tables").format(what=self._guard.refused)
            )
        if isinstance(exc, sqlite3.OperationalError) and str(exc) == "interrupted":
            return TimeLimit(
                _("the query ran longer than {seconds} s and was stopped (raise --timeout)").format(
                    seconds=f"{self.timeout:g}"
                )
            )
        if isinstance(exc, (sqlite3.ProgrammingError, sqlite3.Warning)) and "one statement" in str(exc):
            return SqlError(_("give one SQL statement at a time"))
        return SqlError(f"SQL: {exc}{self._did_you_mean(str(exc))} ({_(HINT)})")

    def _did_you_mean(self, message: str) -> str:
        """"; did you mean ...?" for an unknown table or column SQLite names, from the report's
        tables and columns, and from the names the listings give a column (`heading` in
        medcoop actions is `heading_as_printed` here)."""
        import difflib

        from medcoop.columns import LISTING_RECORDS

        found = re.fullmatch(r"no such (table|column): (?:[\w.]*\.)?(\w+)", message)
        if found is None:
            return ""
        kind, name = found.groups()
        if kind == "table":
            valid = list(self.names)
        else:
            valid = list(dict.fromkeys(column for columns in self.names.values() for column in columns))
            renamed = {shown: field for _table, fields in LISTING_RECORDS.values() for shown, field in fields.items()}
            if renamed.get(name) in valid:
                return _("; did you mean {names}?").format(names=repr(renamed[name]))
        close = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
        return _("; did you mean {names}?").format(names=repr(close[0])) if close else ""

    def run(self, query: str) -> Result:
        """Start the query; its rows come from Result.batches()."""
        if not query.strip():
            raise SqlError(_("give an SQL query, such as: SELECT * FROM actions ({hint})").format(hint=_(HINT)))
        self._guard.refused = None
        self._guard.deadline = time.monotonic() + self.timeout
        try:
            cursor = self.conn.execute(query)
        except (sqlite3.Error, sqlite3.Warning) as exc:
            raise self.error(exc) from None
        names = _unique(d[0] for d in cursor.description or ())
        if not names:
            raise SqlError(_("the statement returns no rows: give a query (SELECT ...)"))
        return Result(self, cursor, names)


def cited(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """The columns with the provenance (section, quote) last, for --cite; UsageError when the
    result does not carry it."""
    names = [c.key for c in columns]
    if not all(p in names for p in PROVENANCE):
        raise UsageError(
            _(
                "--cite needs the rows' provenance: select the section and quote columns of the table the rows "
                "come from (SELECT a.id, a.section, a.quote FROM actions a)"
            )
        )
    head = tuple(c for c in columns if c.key not in PROVENANCE)
    return (*head, Column("section", "Section"), Column("quote", "Quote"))
