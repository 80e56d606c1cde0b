"""`medcoop sql`: one read-only SQL query over the report's tables, in an in-memory SQLite.

The tables are the data package's (medcoop.export), loaded into ``:memory:``: filled from the
dataset, or, for the shipped dataset of an installed medcoop, copied from the SQLite file of the
same tables that the wheel carries (``medcoop/_shipped.sqlite``, written by ``write_tables`` when
the wheel was built), so that a query on it neither loads the records nor fills a table. Then the
connection is locked: ``PRAGMA query_only``, an authorizer that lets a statement read and
nothing else (no ATTACH, no write, no ``load_extension``, only informational PRAGMAs), and a
progress handler that stops a query past its time limit. Results come out in batches, so a
caller can stream them; errors are raised as MedcoopErrors with SQLite's own words.
"""

from __future__ import annotations

import math
import re
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
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
BATCH_BYTES = 1_000_000
"""A batch ends at BATCH rows or once its cells hold about this many characters."""
MAX_VALUE = 10_000_000
"""The longest string or blob a query may make (SQLite's SQLITE_LIMIT_LENGTH), in bytes."""
MAX_RESULT = 100_000_000
"""The most characters of cells a result held whole (table, json, markdown, html, xlsx) may have."""
SHIPPED_TABLES = Path(__file__).with_name("_shipped.sqlite")
"""Where an installed medcoop keeps the shipped dataset's tables (hatch_build.py writes it)."""

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


def check_timeout(timeout: float) -> float:
    """The time limit, or UsageError when it is not a finite number of seconds above 0."""
    if not isinstance(timeout, (int, float)) or isinstance(timeout, bool):
        raise UsageError(_("the time limit must be a number of seconds, not {timeout}").format(timeout=repr(timeout)))
    if not (math.isfinite(timeout) and timeout > 0):
        raise UsageError(_("the time limit must be more than 0 seconds, not {timeout}").format(timeout=f"{timeout:g}"))
    return float(timeout)


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

    def interrupted(self, exc: Exception) -> bool:
        """Whether SQLite stopped because Ctrl-C (or SIGTERM, SIGHUP) arrived in one of the
        callbacks: Python raises it as the callback starts, before its first line, and SQLite
        only sees that the callback failed (the query is 'interrupted' before the time limit,
        or 'not authorized' with nothing refused)."""
        message = str(exc)
        if message == "interrupted":
            return time.monotonic() <= self.deadline
        return message == "not authorized" and self.refused is None


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
    """A value as SQLite gives it, as a cell: a blob as x'hex', an infinite number (1e999) as
    the text 'Infinity' or '-Infinity' (JSON has no number for it; SQLite has no NaN)."""
    if isinstance(value, bytes):
        return "x'" + value.hex() + "'"
    if isinstance(value, float) and not math.isfinite(value):
        return "Infinity" if value > 0 else "-Infinity" if value < 0 else None
    return value  # type: ignore[return-value]  # str, int, float or None, as SQLite gives them


def _size(cell: Cell) -> int:
    return len(cell) if isinstance(cell, str) else 8


class Result:
    """A running query: its column names and its rows, fetched in batches."""

    def __init__(self, session: Session, cursor: sqlite3.Cursor, names: tuple[str, ...]) -> None:
        self._session = session
        self._cursor = cursor
        self.names: Final = names

    def batches(self) -> Iterator[list[Row]]:
        """The rows, a batch at a time (at most BATCH rows, about BATCH_BYTES characters),
        until the result ends or the time limit passes (checked at every row, so that it
        bounds the work outside SQLite's own steps too)."""
        names = self.names
        session = self._session
        while True:
            batch: list[Row] = []
            size = 0
            while len(batch) < BATCH and size < BATCH_BYTES:
                try:
                    values = self._cursor.fetchone()
                except sqlite3.Error as exc:
                    raise session.error(exc) from None
                if values is None:
                    break
                cells = [_cell(v) for v in values]
                size += sum(map(_size, cells))
                batch.append(dict(zip(names, cells, strict=True)))
                session.check_time()
            if batch:
                yield batch
            if len(batch) < BATCH and size < BATCH_BYTES:
                return

    def table(self, max_rows: int | None = DEFAULT_MAX_ROWS, *, cite: bool = False) -> Table:
        """The whole result (at most max_rows rows, and MAX_RESULT characters, else TooManyRows)
        as a table; with cite, its provenance columns last (UsageError when it has none)."""
        self.columns(cite=cite)  # refuse --cite before fetching
        rows: list[Row] = []
        size = 0
        for batch in self.batches():
            rows += batch
            if max_rows is not None and len(rows) > max_rows:
                raise TooManyRows(
                    _(
                        "the result has more than {count} rows: add a LIMIT, raise --max-rows, "
                        "or use -f csv, tsv or jsonl, which stream any number of rows"
                    ).format(count=number(max_rows))
                )
            size += sum(_size(cell) for row in batch for cell in row.values())
            if size > MAX_RESULT:
                raise TooManyRows(
                    _(
                        "the result holds more than {count} characters: select fewer or shorter values, "
                        "or use -f csv, tsv or jsonl, which stream them"
                    ).format(count=number(MAX_RESULT))
                )
        return Table(columns=self.columns(rows, cite=cite), rows=rows, title=_("SQL result"))

    def columns(self, rows: list[Row] | None = None, *, cite: bool = False) -> tuple[Column, ...]:
        """The result's columns (their kind told from rows, when given); with cite, the
        provenance columns (section, quote) last, or UsageError when the result has none."""
        sample = rows or []
        columns = tuple(Column(n, n, _kind(n, [r.get(n) for r in sample])) for n in self.names)
        return cited(columns) if cite else columns


class Session:
    """An in-memory copy of the report's tables, locked for reading: of the dataset ds, or of the
    shipped dataset when ds is None. The shipped dataset's tables (ds None, or the dataset compiled
    into an installed medcoop, which medcoop.load() gives) are copied from the file the wheel
    carries; in a checkout, and for any other dataset, they are filled from the records."""

    def __init__(self, ds: Dataset | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self.conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        prebuilt = shipped_tables() if ds is None or _is_compiled(ds) else None
        if prebuilt is not None:
            _copy(prebuilt, self.conn)
        else:
            if ds is None:
                from medcoop.dataset import load

                ds = load()
            fill_tables(self.conn, ds)
        self.names = _names(self.conn)  # table -> its columns
        self.conn.execute("PRAGMA query_only = ON")
        if hasattr(self.conn, "setlimit"):  # Python 3.11: no string or blob over MAX_VALUE bytes
            self.conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE)
        _warm_up(self.conn)
        self._guard = _Guard()
        self.conn.set_authorizer(self._guard.authorize)
        self.conn.set_progress_handler(self._guard.progress, 1000)

    @property
    def timeout(self) -> float:
        """The time limit of each query, in seconds (a finite number above 0)."""
        return self._timeout

    @timeout.setter
    def timeout(self, value: float) -> None:
        self._timeout = check_timeout(value)

    def check_time(self) -> None:
        """TimeLimit once the running query is past its time limit."""
        if time.monotonic() > self._guard.deadline:
            raise self._time_limit()

    def _time_limit(self) -> TimeLimit:
        return TimeLimit(
            _("the query ran longer than {seconds} s and was stopped (raise --timeout)").format(
                seconds=f"{self.timeout:g}"
            )
        )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def error(self, exc: Exception) -> MedcoopError:
        """The MedcoopError for what SQLite raised; raises the interrupt instead when Ctrl-C
        (or SIGTERM) stopped the query."""
        if self._guard.interrupted(exc):
            from medcoop.signals import Stopped, last

            raise Stopped(last())
        if self._guard.refused is not None:
            return Refused(
                _("refused: {what}; medcoop sql only reads the report's tables").format(what=self._guard.refused)
            )
        if isinstance(exc, sqlite3.OperationalError) and str(exc) == "interrupted":
            return self._time_limit()
        if isinstance(exc, (sqlite3.ProgrammingError, sqlite3.Warning)) and "one statement" in str(exc):
            return SqlError(_("give one SQL statement at a time"))
        return SqlError(f"SQL: {exc}{self._did_you_mean(str(exc))} ({_(HINT)})")

    def _did_you_mean(self, message: str) -> str:
        """ "; did you mean ...?" for an unknown table or column SQLite names, from the report's
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
        try:
            query.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise SqlError(
                _("the query is not UTF-8 text (character {position}); give it in UTF-8").format(position=exc.start + 1)
            ) from None
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


def fill_tables(conn: sqlite3.Connection, ds: Dataset) -> None:
    """Create the report's tables (medcoop.export's table model) in conn and fill them from ds."""
    from medcoop.export import resources
    from medcoop.relational import fill

    fill(conn, resources(ds))


def write_tables(ds: Dataset, path: Path) -> None:
    """Write the tables a Session fills from ds into a new SQLite file at path, page for page as
    filled (hatch_build.py writes the shipped dataset's into the wheel)."""
    source = sqlite3.connect(":memory:", isolation_level=None)
    target = sqlite3.connect(path)
    try:
        fill_tables(source, ds)
        source.backup(target)
    finally:
        target.close()
        source.close()


def shipped_tables() -> Path | None:
    """The shipped dataset's tables as an SQLite file (written when the wheel was built), or None
    in a checkout or an editable install, which fill them from data/medcoop.json at each run, so
    that an edit to it shows at once."""
    return SHIPPED_TABLES if SHIPPED_TABLES.is_file() else None


def _is_compiled(ds: Dataset) -> bool:
    """Whether ds is the shipped dataset compiled into the installed medcoop (medcoop._shipped),
    the one whose tables the wheel carries (medcoop.load() of the Python API)."""
    module = sys.modules.get("medcoop._shipped")
    return module is not None and ds is getattr(module, "DATASET", None)


def _copy(path: Path, conn: sqlite3.Connection) -> None:
    """The database file at path copied into conn (in memory, as a filled one: nothing of the
    file, not even its name, is seen by a query), the file opened read-only."""
    source = sqlite3.connect(path.absolute().as_uri() + "?mode=ro&immutable=1", uri=True)
    try:
        source.backup(conn)
    finally:
        source.close()


def _names(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """Each table's columns, by table name, in the order they were made."""
    from medcoop.relational import quote

    tables = [name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    return {t: tuple(c[1] for c in conn.execute(f"PRAGMA table_info({quote(t)})")) for t in tables}


def _warm_up(conn: sqlite3.Connection) -> None:
    """Use each table-valued function a query may read once before the authorizer is set: the
    first use of one registers it in the schema, which the authorizer would refuse as a change."""
    for name in (*(f"pragma_{p}" for p in sorted(READ_PRAGMAS)), "json_each", "json_tree"):
        try:
            conn.execute(f"SELECT * FROM {name} LIMIT 0").fetchall()  # our own names
        except sqlite3.Error:
            continue  # not in this SQLite


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
