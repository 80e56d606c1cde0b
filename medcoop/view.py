"""What a query returns and the renderer draws: plain values, no UI library.

NamedTuples rather than dataclasses: typed and immutable, and they cost next to nothing to
define at start-up (a dataclass costs about a millisecond; msgspec's import several)."""

from __future__ import annotations

from typing import Literal, NamedTuple, Union

Cell = Union[str, int, None]
Row = dict[str, Cell]
Kind = Literal["text", "int", "year", "usd", "value"]
"""How a table shows a column: as is; 1,500; 2017; USD 12.5 million; by the row's unit."""


class Column(NamedTuple):
    key: str  # stable snake_case name: CSV header and JSON key
    header: str  # what people see in tables
    kind: Kind = "text"


class Table(NamedTuple):
    columns: tuple[Column, ...]
    rows: list[Row]
    title: str | None = None
    citations: tuple[tuple[str, str], ...] = ()  # (section, quote) per row, for --cite
    empty_note: str = "No rows."
    highlight: str | None = None  # text to mark in the table view (search)

    def cited(self) -> Table:
        """The same table with the provenance columns (section, quote) added."""
        columns = (*self.columns, Column("section", "Section"), Column("quote", "Quote"))
        rows = [{**row, "section": s, "quote": q} for row, (s, q) in zip(self.rows, self.citations, strict=True)]
        return self._replace(columns=columns, rows=rows)


class Bars(NamedTuple):
    """A bar chart, drawn in the table view only."""

    title: str
    items: tuple[tuple[str, int], ...]


class View(NamedTuple):
    """One command's answer: the rows every format carries, and table-view extras."""

    table: Table
    preface: tuple[str, ...] = ()  # lines above the table (table view only)
    extras: tuple[Table | Bars, ...] = ()  # after the table (table view only)
    notice: str | None = None  # one line for stderr, e.g. a country the report does not mention
