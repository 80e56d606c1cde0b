"""The Python API: the report as an object whose methods mirror the commands.

    >>> import medcoop
    >>> report = medcoop.load()
    >>> report.actions(year=2018, country="Korea")[0]["amount_usd"]
    12500000

Each method calls the same query as its command and returns the same rows as the command's
``-f json`` (a list of dicts), or a pandas DataFrame with ``as_frame=True`` (nullable dtypes:
integers stay integers where some are missing). ``sql()`` and ``tables()`` read the data
package's tables, as ``medcoop sql`` does. Errors are the CLI's, as exceptions
(``medcoop.UnknownName``, ``medcoop.UsageError``, ``medcoop.DatasetError``). A notice the CLI
prints on stderr (a country the report does not mention) is a ``medcoop.Notice`` warning.
"""

from __future__ import annotations

import os
import threading
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Union, overload

from medcoop import dataset
from medcoop import query as q
from medcoop.errors import UsageError
from medcoop.i18n import _
from medcoop.view import Cell, Column, Row, View

if TYPE_CHECKING:
    from pandas import DataFrame

    from medcoop.records import Dataset
    from medcoop.sql import Session

Rows = list[dict[str, Cell]]
YearArg = Union[int, str, None]
"""A year (2017 or "2017") or a range ("2016-2017"), as --year takes."""


class Notice(UserWarning):
    """What the CLI says on stderr beside an answer (a country the report does not mention)."""


def load(path: str | os.PathLike[str] | None = None) -> Report:
    """The report: the shipped dataset, or a dataset file of the same schema (validated)."""
    return Report(dataset.load(Path(path) if path is not None else None))


def _text(what: str, value: object, *, optional: bool = False) -> None:
    """UsageError unless value is text (or None where the argument is optional): a name, a
    search, a filter is a string, as on the command line."""
    if isinstance(value, str) or (optional and value is None):
        return
    raise UsageError(
        _("{what} must be text (a str), not {value}").format(what=what, value=f"{value!r} ({type(value).__name__})")
    )


def _dtype(values: list[Cell], numeric: bool) -> str:
    present = [v for v in values if v is not None]
    if all(isinstance(v, bool) for v in present) and present:
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present) and (present or numeric):
        return "Int64"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present) and present:
        return "Float64"
    if all(isinstance(v, str) for v in present):
        return "string"
    return "object"


def frame(rows: Sequence[Row], names: Sequence[str], numeric: Iterable[str] = ()) -> DataFrame:
    """A DataFrame of rows with nullable dtypes: Int64, Float64, boolean, string."""
    try:
        import pandas as pd
    except ModuleNotFoundError:
        raise UsageError(_("as_frame=True needs pandas: pip install pandas (or leave as_frame out)")) from None

    numbers = set(numeric)
    df = pd.DataFrame.from_records([[r.get(n) for n in names] for r in rows], columns=list(names))
    dtypes = {n: _dtype([r.get(n) for r in rows], n in numbers) for n in names}
    return df.astype({n: t for n, t in dtypes.items() if t != "object"})


RECORD_KINDS = (
    "metrics", "actions", "countries", "organisations", "events", "awards", "milestones", "tallies", "visitors",
    "programmes", "topic_lists",
)  # fmt: skip
"""The kinds of record repr(Report) counts."""


class Report:
    """The report loaded once; each method answers one command's question."""

    def __init__(self, ds: Dataset) -> None:
        self._ds = ds
        self._session: Session | None = None
        self._sql_lock = threading.Lock()  # one query at a time on the one connection

    def __repr__(self) -> str:
        """What the report holds: its edition and its records per kind."""
        report = self._ds["report"]
        counts = ", ".join(f"{len(self._ds[kind])} {kind}" for kind in RECORD_KINDS)  # type: ignore[literal-required]
        return (
            f"<medcoop.Report {report['title_en']!r} ({report['publisher']}, "
            f"{report['period_start']}-{report['period_end']}): {counts}>"
        )

    def frames(self) -> dict[str, DataFrame]:
        """Every table (medcoop sql --tables) as a pandas DataFrame, by table name: the whole
        report in one call, as pandas.read_excel(..., sheet_name=None) gives a workbook."""
        from medcoop.export import resources

        return {r.name: self.table(r.name, as_frame=True) for r in resources(self._ds)}

    # ------------------------------------------------------------------ plumbing

    def _years(self, year: YearArg) -> q.Years | None:
        return q.parse_years(None if year is None else str(year), self._ds)

    def _answer(self, view: View, cite: bool, as_frame: bool) -> Rows | DataFrame:
        from medcoop.render import NUMERIC_KINDS

        if view.notice:
            warnings.warn(view.notice, Notice, stacklevel=3)
        table = view.table.cited() if cite else view.table
        return self._rows(
            table.columns, table.rows, as_frame, {c.key for c in table.columns if c.kind in NUMERIC_KINDS}
        )

    @staticmethod
    def _rows(
        columns: Sequence[Column], rows: list[Row], as_frame: bool, numeric: Iterable[str] = ()
    ) -> Rows | DataFrame:
        names = [c.key for c in columns]
        if as_frame:
            return frame(rows, names, numeric)
        return [{n: r.get(n) for n in names} for r in rows]

    # ------------------------------------------------------------------ the commands

    @overload
    def summary(self, year: YearArg = None, *, cite: bool = False, as_frame: Literal[False] = False) -> Rows: ...
    @overload
    def summary(self, year: YearArg = None, *, cite: bool = False, as_frame: Literal[True]) -> DataFrame: ...
    def summary(self, year: YearArg = None, *, cite: bool = False, as_frame: bool = False) -> Rows | DataFrame:
        """The report's headline figures (medcoop summary)."""
        return self._answer(q.summary(self._ds, self._years(year)), cite, as_frame)

    @overload
    def country(
        self, name: str, year: YearArg = None, *, cite: bool = False, as_frame: Literal[False] = False
    ) -> Rows: ...
    @overload
    def country(self, name: str, year: YearArg = None, *, cite: bool = False, as_frame: Literal[True]) -> DataFrame: ...
    def country(
        self, name: str, year: YearArg = None, *, cite: bool = False, as_frame: bool = False
    ) -> Rows | DataFrame:
        """Everything the report says about one country (medcoop country NAME)."""
        _text("name", name)
        return self._answer(q.country(self._ds, name, self._years(year)), cite, as_frame)

    @overload
    def countries(self, year: YearArg = None, *, cite: bool = False, as_frame: Literal[False] = False) -> Rows: ...
    @overload
    def countries(self, year: YearArg = None, *, cite: bool = False, as_frame: Literal[True]) -> DataFrame: ...
    def countries(self, year: YearArg = None, *, cite: bool = False, as_frame: bool = False) -> Rows | DataFrame:
        """Every country in the report (medcoop countries)."""
        return self._answer(q.countries(self._ds, self._years(year)), cite, as_frame)

    @overload
    def map(
        self, role: str | None = None, year: YearArg = None, *, cite: bool = False, as_frame: Literal[False] = False
    ) -> Rows: ...
    @overload
    def map(
        self, role: str | None = None, year: YearArg = None, *, cite: bool = False, as_frame: Literal[True]
    ) -> DataFrame: ...
    def map(
        self, role: str | None = None, year: YearArg = None, *, cite: bool = False, as_frame: bool = False
    ) -> Rows | DataFrame:
        """The data behind the map: one row per country, its counts per role (medcoop map -f json)."""
        from medcoop import choropleth

        return self._answer(choropleth.build(self._ds, self._years(year), role).view, cite, as_frame)

    @overload
    def awards(self, year: YearArg = None, *, cite: bool = False, as_frame: Literal[False] = False) -> Rows: ...
    @overload
    def awards(self, year: YearArg = None, *, cite: bool = False, as_frame: Literal[True]) -> DataFrame: ...
    def awards(self, year: YearArg = None, *, cite: bool = False, as_frame: bool = False) -> Rows | DataFrame:
        """Named awards and recognitions (medcoop awards)."""
        return self._answer(q.awards(self._ds, self._years(year)), cite, as_frame)

    @overload
    def actions(
        self, year: YearArg = None, *, country: str | None = None, partner: str | None = None,
        modality: str | None = None, cite: bool = False, as_frame: Literal[False] = False,
    ) -> Rows: ...  # fmt: skip
    @overload
    def actions(
        self, year: YearArg = None, *, country: str | None = None, partner: str | None = None,
        modality: str | None = None, cite: bool = False, as_frame: Literal[True],
    ) -> DataFrame: ...  # fmt: skip
    def actions(
        self, year: YearArg = None, *, country: str | None = None, partner: str | None = None,
        modality: str | None = None, cite: bool = False, as_frame: bool = False,
    ) -> Rows | DataFrame:  # fmt: skip
        """Cooperation actions (medcoop actions), filtered like its options."""
        for what, value in (("country", country), ("partner", partner), ("modality", modality)):
            _text(what, value, optional=True)
        view = q.actions(self._ds, self._years(year), country=country, partner=partner, modality=modality)
        return self._answer(view, cite, as_frame)

    @overload
    def events(
        self, year: YearArg = None, *, country: str | None = None, cite: bool = False, as_frame: Literal[False] = False
    ) -> Rows: ...
    @overload
    def events(
        self, year: YearArg = None, *, country: str | None = None, cite: bool = False, as_frame: Literal[True]
    ) -> DataFrame: ...
    def events(
        self, year: YearArg = None, *, country: str | None = None, cite: bool = False, as_frame: bool = False
    ) -> Rows | DataFrame:
        """International events (medcoop events)."""
        _text("country", country, optional=True)
        return self._answer(q.events(self._ds, self._years(year), country=country), cite, as_frame)

    @overload
    def visitors(
        self, year: YearArg = None, *, country: str | None = None, cite: bool = False, as_frame: Literal[False] = False
    ) -> Rows: ...
    @overload
    def visitors(
        self, year: YearArg = None, *, country: str | None = None, cite: bool = False, as_frame: Literal[True]
    ) -> DataFrame: ...
    def visitors(
        self, year: YearArg = None, *, country: str | None = None, cite: bool = False, as_frame: bool = False
    ) -> Rows | DataFrame:
        """Visiting personalities (medcoop visitors)."""
        _text("country", country, optional=True)
        return self._answer(q.visitors(self._ds, self._years(year), country=country), cite, as_frame)

    @overload
    def milestones(self, year: YearArg = None, *, cite: bool = False, as_frame: Literal[False] = False) -> Rows: ...
    @overload
    def milestones(self, year: YearArg = None, *, cite: bool = False, as_frame: Literal[True]) -> DataFrame: ...
    def milestones(self, year: YearArg = None, *, cite: bool = False, as_frame: bool = False) -> Rows | DataFrame:
        """Recognitions that are no awards: memberships, appointments (medcoop milestones)."""
        return self._answer(q.milestones(self._ds, self._years(year)), cite, as_frame)

    @overload
    def programme(
        self, name: str, year: YearArg = None, *, cite: bool = False, as_frame: Literal[False] = False
    ) -> Rows: ...
    @overload
    def programme(
        self, name: str, year: YearArg = None, *, cite: bool = False, as_frame: Literal[True]
    ) -> DataFrame: ...
    def programme(
        self, name: str, year: YearArg = None, *, cite: bool = False, as_frame: bool = False
    ) -> Rows | DataFrame:
        """Everything about one programme (medcoop programme NAME)."""
        _text("name", name)
        return self._answer(q.programme(self._ds, name, self._years(year)), cite, as_frame)

    @overload
    def partners(self, year: YearArg = None, *, cite: bool = False, as_frame: Literal[False] = False) -> Rows: ...
    @overload
    def partners(self, year: YearArg = None, *, cite: bool = False, as_frame: Literal[True]) -> DataFrame: ...
    def partners(self, year: YearArg = None, *, cite: bool = False, as_frame: bool = False) -> Rows | DataFrame:
        """Every organisation, with its counts (medcoop partners)."""
        return self._answer(q.partners(self._ds, self._years(year)), cite, as_frame)

    @overload
    def partner(
        self, name: str, year: YearArg = None, *, cite: bool = False, as_frame: Literal[False] = False
    ) -> Rows: ...
    @overload
    def partner(self, name: str, year: YearArg = None, *, cite: bool = False, as_frame: Literal[True]) -> DataFrame: ...
    def partner(
        self, name: str, year: YearArg = None, *, cite: bool = False, as_frame: bool = False
    ) -> Rows | DataFrame:
        """Everything the report says about one organisation (medcoop partner NAME)."""
        _text("name", name)
        return self._answer(q.partner(self._ds, name, self._years(year)), cite, as_frame)

    @overload
    def years(self, year: YearArg = None, *, cite: bool = False, as_frame: Literal[False] = False) -> Rows: ...
    @overload
    def years(self, year: YearArg = None, *, cite: bool = False, as_frame: Literal[True]) -> DataFrame: ...
    def years(self, year: YearArg = None, *, cite: bool = False, as_frame: bool = False) -> Rows | DataFrame:
        """One row per year (medcoop years)."""
        return self._answer(q.years_view(self._ds, self._years(year)), cite, as_frame)

    @overload
    def search(
        self, text: str, year: YearArg = None, *, cite: bool = False, as_frame: Literal[False] = False
    ) -> Rows: ...
    @overload
    def search(self, text: str, year: YearArg = None, *, cite: bool = False, as_frame: Literal[True]) -> DataFrame: ...
    def search(
        self, text: str, year: YearArg = None, *, cite: bool = False, as_frame: bool = False
    ) -> Rows | DataFrame:
        """Every record that holds the text (medcoop search TEXT)."""
        _text("text", text)
        return self._answer(q.search(self._ds, text, self._years(year)), cite, as_frame)

    @overload
    def tallies(self, year: YearArg = None, *, cite: bool = False, as_frame: Literal[False] = False) -> Rows: ...
    @overload
    def tallies(self, year: YearArg = None, *, cite: bool = False, as_frame: Literal[True]) -> DataFrame: ...
    def tallies(self, year: YearArg = None, *, cite: bool = False, as_frame: bool = False) -> Rows | DataFrame:
        """Counts the report states and the items it names (medcoop tallies)."""
        return self._answer(q.tallies(self._ds, self._years(year)), cite, as_frame)

    @overload
    def programmes(self, *, cite: bool = False, as_frame: Literal[False] = False) -> Rows: ...
    @overload
    def programmes(self, *, cite: bool = False, as_frame: Literal[True]) -> DataFrame: ...
    def programmes(self, *, cite: bool = False, as_frame: bool = False) -> Rows | DataFrame:
        """Programmes and initiatives (medcoop programmes)."""
        return self._answer(q.programmes(self._ds), cite, as_frame)

    @overload
    def topics(self, *, cite: bool = False, as_frame: Literal[False] = False) -> Rows: ...
    @overload
    def topics(self, *, cite: bool = False, as_frame: Literal[True]) -> DataFrame: ...
    def topics(self, *, cite: bool = False, as_frame: bool = False) -> Rows | DataFrame:
        """The report's topic lists (medcoop topics)."""
        return self._answer(q.topics(self._ds), cite, as_frame)

    @overload
    def sections(self, *, cite: bool = False, as_frame: Literal[False] = False) -> Rows: ...
    @overload
    def sections(self, *, cite: bool = False, as_frame: Literal[True]) -> DataFrame: ...
    def sections(self, *, cite: bool = False, as_frame: bool = False) -> Rows | DataFrame:
        """The report's sections and how each one's year is known (medcoop sections)."""
        return self._answer(q.sections(self._ds), cite, as_frame)

    # ------------------------------------------------------------------ the tables

    @overload
    def sql(
        self, query: str, *, timeout: float = ..., max_rows: int | None = ..., as_frame: Literal[False] = False
    ) -> Rows: ...
    @overload
    def sql(
        self, query: str, *, timeout: float = ..., max_rows: int | None = ..., as_frame: Literal[True]
    ) -> DataFrame: ...
    def sql(
        self, query: str, *, timeout: float = 5.0, max_rows: int | None = 10_000, as_frame: bool = False
    ) -> Rows | DataFrame:
        """One read-only SQL query over the tables (medcoop sql QUERY): its rows.

        Safe from several threads: they share one in-memory database and take turns (a
        query waits for the one running; each has its own time limit once it starts)."""
        from medcoop.sql import Session, check_timeout

        _text("query", query)
        check_timeout(timeout)
        with self._sql_lock:
            if self._session is None:
                self._session = Session(self._ds, timeout=timeout)
            self._session.timeout = timeout
            table = self._session.run(query).table(max_rows)
        return self._rows(table.columns, table.rows, as_frame)

    @overload
    def tables(self, *, as_frame: Literal[False] = False) -> Rows: ...
    @overload
    def tables(self, *, as_frame: Literal[True]) -> DataFrame: ...
    def tables(self, *, as_frame: bool = False) -> Rows | DataFrame:
        """The tables and their columns, types and keys (medcoop sql --tables)."""
        from medcoop.export import resources
        from medcoop.relational import schema_table

        table = schema_table(resources(self._ds))
        return self._rows(table.columns, table.rows, as_frame)

    @overload
    def table(self, name: str, *, as_frame: Literal[False] = False) -> Rows: ...
    @overload
    def table(self, name: str, *, as_frame: Literal[True]) -> DataFrame: ...
    def table(self, name: str, *, as_frame: bool = False) -> Rows | DataFrame:
        """All rows of one table, typed (the CSV file NAME.csv of medcoop export)."""
        from medcoop.export import resources
        from medcoop.relational import typed_rows

        found = {r.name: r for r in resources(self._ds)}
        if name not in found:
            tables = ", ".join(found)
            raise UsageError(_("unknown table {name}; the tables are {tables}").format(name=repr(name), tables=tables))
        r = found[name]
        names = [f["name"] for f in r.fields]
        rows: list[Row] = [dict(zip(names, values, strict=True)) for values in typed_rows(r)]
        numeric = {f["name"] for f in r.fields if f["type"] in ("integer", "number")}
        return self._rows([Column(n, n) for n in names], rows, as_frame, numeric)
