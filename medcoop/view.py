"""What a query returns and the renderer draws: plain values, no UI library.

Plain classes with slots and Final attributes: typed, immutable to mypy, and free to define.
Each command defines them at start-up, where a NamedTuple costs about 0.3 ms, a dataclass a
millisecond and msgspec's import several."""

from __future__ import annotations

from typing import Final, Literal, Union

from medcoop import i18n

Cell = Union[str, int, float, None, list[str]]
"""A value: text, a number (a float only from medcoop sql: avg, division), missing, or a list of names
(a JSON array; joined with '; ' in CSV)."""
Row = dict[str, Cell]
Kind = Literal["text", "int", "year", "usd", "value"]
"""How a table shows a column: as is; 1,500; 2017; USD 12.5 million; by the row's unit."""


class Column:
    __slots__ = ("folds", "header", "key", "kind")

    def __init__(
        self,
        key: str,
        header: str,
        kind: Kind = "text",
        *,
        folds: tuple[tuple[Column, str, str | None], ...] = (),
    ) -> None:
        self.key: Final = key  # stable snake_case name: CSV header and JSON key
        self.header: Final = header  # what people see in tables
        self.kind: Final = kind
        # Views for people: other columns of the row shown in this one's cells ("more than" 900, a
        # search hit's title, an event's country), each placed as its template (a message id with
        # {value} and {other}) says, in turn; not when its value is the one not worth saying
        # (a country "printed" in its sentence: only "derived from a city" is said).
        self.folds: Final = folds

    def retitled(self, header: str) -> Column:
        """The same column under another header."""
        return Column(self.key, header, self.kind, folds=self.folds)


class Table:
    __slots__ = ("citations", "columns", "empty_note", "highlight", "legend", "rows", "title", "wide_only")

    def __init__(
        self,
        *,
        columns: tuple[Column, ...],
        rows: list[Row],
        title: str | None = None,
        citations: tuple[tuple[str, str, str | None], ...] = (),
        empty_note: str = i18n.Msg("No rows."),
        highlight: str | None = None,
        legend: tuple[str, ...] = (),
        wide_only: bool = False,
    ) -> None:
        self.columns: Final = columns
        self.rows: Final = rows
        self.title: Final = title
        self.citations: Final = citations  # (section, verbatim quote or "", basis or None) per row, for --cite
        self.empty_note: Final = empty_note
        self.highlight: Final = highlight  # text to mark in the table view (search)
        self.legend: Final = legend  # lines under the table view's table (abbreviated headers)
        # an extra table the compact table view leaves to --wide, saying so (the counts under awards)
        self.wide_only: Final = wide_only

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
            wide_only=self.wide_only,
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

    def for_people(self) -> Table:
        """The table as people read it in this run's language: the headers (medcoop's words, marked
        for the catalog where the columns are defined) translated, and in the title, the note and
        the cells the text medcoop says (i18n.Localized); the dataset's text and numbers as they are."""
        shown = i18n.shown
        return Table(
            columns=tuple(c.retitled(_header(c)) for c in self.columns),
            rows=[{key: _shown_cell(v) for key, v in row.items()} for row in self.rows],
            title=None if self.title is None else shown(self.title),
            citations=self.citations,
            empty_note=shown(self.empty_note),
            highlight=self.highlight,
            legend=tuple(map(shown, self.legend)),
            wide_only=self.wide_only,
        )


CITE_COLUMNS = (Column("section", "Section"), Column("quote", "Quote"), Column("basis", "Basis"))


def _header(column: Column) -> str:
    """A column's header in this run's language; a header that is its key (a column of a
    medcoop sql query, a year) is a name, shown as it is."""
    return column.header if column.header == column.key else i18n.said(column.header)


def _shown_cell(value: Cell) -> Cell:
    if isinstance(value, str):
        return i18n.shown(value)
    if isinstance(value, list):
        return [i18n.shown(v) for v in value]
    return value


class Bars:
    """A bar chart, drawn in the table view only."""

    __slots__ = ("items", "qualifiers", "title")

    def __init__(self, title: str, items: tuple[tuple[str, int], ...], qualifiers: tuple[str | None, ...] = ()) -> None:
        self.title: Final = title
        self.items: Final = items
        # printed with each value ("more than" 900): the bar is the number, the label the report's words
        self.qualifiers: Final = qualifiers or (None,) * len(items)

    def shown_values(self) -> tuple[str, ...]:
        """Each value as people read it, with its qualifier: 'more than 900', '1,500'."""
        return tuple(
            f"{i18n.shown(q)} {i18n.number(v)}" if q else i18n.number(v)
            for (_label, v), q in zip(self.items, self.qualifiers, strict=True)
        )

    def for_people(self) -> Bars:
        return Bars(
            i18n.shown(self.title),
            tuple((i18n.shown(label), value) for label, value in self.items),
            tuple(None if q is None else i18n.shown(q) for q in self.qualifiers),
        )


class View:
    """One command's answer: the rows every format carries, and table-view extras."""

    __slots__ = ("aside", "extras", "notice", "preface", "table")

    def __init__(
        self,
        *,
        table: Table,
        preface: tuple[str, ...] = (),
        extras: tuple[Table | Bars, ...] = (),
        notice: str | None = None,
        aside: str | None = None,
    ) -> None:
        self.table: Final = table
        self.preface: Final = preface  # lines above the table (table view only)
        self.extras: Final = extras  # after the table (table view only)
        self.notice: Final = notice  # one line for stderr, e.g. a country the report does not mention
        # one line for stderr where the extras are not shown (every format but the table view): the
        # records a view of some years shows apart, as not by year (medcoop.periods)
        self.aside: Final = aside

    def cited(self) -> View:
        """The view for --cite: the table with its provenance columns, without the extras."""
        return View(table=self.table.cited(), preface=self.preface, notice=self.notice, aside=self.aside)

    def with_table(self, table: Table) -> View:
        """The same view around another table."""
        return View(table=table, preface=self.preface, extras=self.extras, notice=self.notice, aside=self.aside)

    def for_people(self) -> View:
        """The view as the table view, Markdown, HTML and SVG show it in this run's language
        (itself in English): every text medcoop says of its own translated."""
        if i18n.language == "en":
            return self
        return View(
            table=self.table.for_people(),
            preface=tuple(map(i18n.shown, self.preface)),
            extras=tuple(item.for_people() for item in self.extras),
            notice=None if self.notice is None else i18n.shown(self.notice),
            aside=None if self.aside is None else i18n.shown(self.aside),
        )
