"""What a query returns and the renderer draws: plain values, no UI library.

Plain classes with slots and Final attributes: typed, immutable to mypy, and free to define.
Each command defines them at start-up, where a NamedTuple costs about 0.3 ms, a dataclass a
millisecond and msgspec's import several."""

from __future__ import annotations

from typing import Final, Literal, Union

Cell = Union[str, int, float, None, list[str]]
"""A value: text, a number (a float only from medcoop sql: avg, division), missing, or a list of names
(a JSON array; joined with '; ' in CSV)."""
Row = dict[str, Cell]
Kind = Literal["text", "int", "year", "usd", "value"]
"""How a table shows a column: as is; 1,500; 2017; USD 12.5 million; by the row's unit."""


class Column:
    __slots__ = ("header", "key", "kind")

    def __init__(self, key: str, header: str, kind: Kind = "text") -> None:
        self.key: Final = key  # stable snake_case name: CSV header and JSON key
        self.header: Final = header  # what people see in tables
        self.kind: Final = kind


class Table:
    __slots__ = ("citations", "columns", "empty_note", "highlight", "legend", "rows", "title")

    def __init__(
        self,
        *,
        columns: tuple[Column, ...],
        rows: list[Row],
        title: str | None = None,
        citations: tuple[tuple[str, str, str | None], ...] = (),
        empty_note: str = "No rows.",
        highlight: str | None = None,
        legend: tuple[str, ...] = (),
    ) -> None:
        self.columns: Final = columns
        self.rows: Final = rows
        self.title: Final = title
        self.citations: Final = citations  # (section, verbatim quote or "", basis or None) per row, for --cite
        self.empty_note: Final = empty_note
        self.highlight: Final = highlight  # text to mark in the table view (search)
        self.legend: Final = legend  # lines under the table view's table (abbreviated headers)

    def replace(
        self, *, columns: tuple[Column, ...], rows: list[Row] | None = None, legend: tuple[str, ...] = ()
    ) -> Table:
        """The same table with other columns (rows keep every key: a cell may read another, like a unit)."""
        return Table(
            columns=columns,
            rows=self.rows if rows is None else rows,
            title=self.title,
            citations=self.citations,
            empty_note=self.empty_note,
            highlight=self.highlight,
            legend=legend,
        )

    def cited(self) -> Table:
        """The same table with the provenance columns added: section, quote (verbatim source
        text, or empty) and basis (what a row without a quote rests on). A column the table
        already has (the sections listing's own section and basis) is not added twice."""
        have = {c.key for c in self.columns}
        extra = tuple(c for c in CITE_COLUMNS if c.key not in have)
        rows = [
            {**{c.key: v for c, v in zip(CITE_COLUMNS, cite, strict=True) if c in extra}, **row}
            for row, cite in zip(self.rows, self.citations, strict=True)
        ]
        return self.replace(columns=(*self.columns, *extra), rows=rows, legend=self.legend)


CITE_COLUMNS = (Column("section", "Section"), Column("quote", "Quote"), Column("basis", "Basis"))


class Bars:
    """A bar chart, drawn in the table view only."""

    __slots__ = ("items", "title")

    def __init__(self, title: str, items: tuple[tuple[str, int], ...]) -> None:
        self.title: Final = title
        self.items: Final = items


class View:
    """One command's answer: the rows every format carries, and table-view extras."""

    __slots__ = ("extras", "notice", "preface", "table")

    def __init__(
        self,
        *,
        table: Table,
        preface: tuple[str, ...] = (),
        extras: tuple[Table | Bars, ...] = (),
        notice: str | None = None,
    ) -> None:
        self.table: Final = table
        self.preface: Final = preface  # lines above the table (table view only)
        self.extras: Final = extras  # after the table (table view only)
        self.notice: Final = notice  # one line for stderr, e.g. a country the report does not mention

    def cited(self) -> View:
        """The view for --cite: the table with its provenance columns, without the extras."""
        return View(table=self.table.cited(), preface=self.preface, notice=self.notice)

    def with_table(self, table: Table) -> View:
        """The same view around another table."""
        return View(table=table, preface=self.preface, extras=self.extras, notice=self.notice)
