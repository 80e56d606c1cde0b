"""Excel workbooks: the report's tables (`medcoop export --xlsx`) or one listing.

Written with XlsxWriter, imported only here (and this module only when a workbook is made).
Every cell is typed: integers as numbers, booleans as booleans, empty as an empty cell, text
as text (written with write_string, so text that starts with '=' is never a formula). Each
sheet has a bold frozen header, an autofilter and column widths that fit its content. The
functions return the file's bytes; the CLI writes them (atomically).
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from medcoop.errors import MedcoopError
from medcoop.i18n import _, number

if TYPE_CHECKING:
    from medcoop.records import Dataset
    from medcoop.view import Table

MAX_WIDTH = 60
MIN_WIDTH = 6
EXCEL_TEXT_LIMIT = 32_767
SHEET_NAME_LIMIT = 31

CREATED = datetime.datetime(1980, 1, 1, tzinfo=datetime.timezone.utc)
"""The creation time every workbook states (the date its zip entries carry too), so that a
workbook is byte for byte the same from one run to the next."""

_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}


class _Book:
    def __init__(self) -> None:
        import xlsxwriter

        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buffer, _OPTIONS)
        self.book.set_properties({"created": CREATED})  # not the clock: the same data, the same bytes
        self.bold = self.book.add_format({"bold": True})

    def sheet(self, name: str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
        """A sheet of a table: bold frozen header, autofilter, fitted widths, typed cells."""
        ws = self.book.add_worksheet(name[:SHEET_NAME_LIMIT])
        self._table(ws, 0, headers, rows, [0] * len(headers))

    def about(self, facts: Sequence[tuple[str, str]], headers: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
        """The "about" sheet: facts (bold label, text), then a table below them."""
        ws = self.book.add_worksheet("about")
        for line, (label, text) in enumerate(facts):
            ws.write_string(line, 0, label, self.bold)
            ws.write_string(line, 1, text)
        widths = [max(len(label) for label, _value in facts)] + [0] * (len(headers) - 1)
        self._table(ws, len(facts) + 1, headers, rows, widths)

    def legend(self, text: str) -> None:
        """An "about" sheet after the table, saying what the marks of its headers mean (a sheet of its
        own, so that the table's sheet holds the table alone)."""
        ws = self.book.add_worksheet("about")
        ws.write_string(0, 0, "Legend", self.bold)
        ws.write_string(0, 1, text)

    def _table(
        self, ws: Any, top: int, headers: Sequence[str], rows: Iterable[Sequence[object]], widths: list[int]
    ) -> None:
        for col, header in enumerate(headers):
            _check_length(header)
            ws.write_string(top, col, header, self.bold)
            widths[col] = max(widths[col], len(header))
        last = top
        for last, values in enumerate(rows, start=top + 1):
            for col, value in enumerate(values):
                widths[col] = max(widths[col], self._cell(ws, last, col, value))
        ws.freeze_panes(top + 1, 0)
        ws.autofilter(top, 0, last, max(len(headers) - 1, 0))
        for col, width in enumerate(widths):
            ws.set_column(col, col, min(max(width + 2, MIN_WIDTH), MAX_WIDTH))

    def _cell(self, ws: Any, row: int, col: int, value: object) -> int:
        """Write one typed cell; its width in characters."""
        if value is None or value == []:
            return 0
        if isinstance(value, list):  # a list of names, joined as in CSV
            value = "; ".join(map(str, value))
        if isinstance(value, bool):
            ws.write_boolean(row, col, value)
        elif isinstance(value, (int, float)):
            ws.write_number(row, col, value)
        else:
            text = str(value)
            _check_length(text)
            ws.write_string(row, col, text)
            return max(len(line) for line in text.split("\n"))
        return len(str(value))

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def _check_length(text: str) -> None:
    """MedcoopError for a cell (a value, or a header such as a long SQL alias) longer than Excel
    holds: XlsxWriter would cut it without a word."""
    if len(text) > EXCEL_TEXT_LIMIT:
        raise MedcoopError(
            _("a cell of {count} characters is more than Excel holds ({limit})").format(
                count=number(len(text)), limit=EXCEL_TEXT_LIMIT
            )
        )


def workbook(ds: Dataset) -> bytes:
    """The report's tables, one sheet each, after an "about" sheet."""
    from medcoop import __version__
    from medcoop.export import about, resources
    from medcoop.relational import schema_table, typed_rows

    tables = resources(ds)
    package = about(ds)
    rep = ds["report"]
    book = _Book()
    facts = [
        ("Title", f"{rep['title_es']} - {rep['title_en']}"),
        ("Publisher", rep["publisher"]),
        ("Period", f"{rep['period_start']}-{rep['period_end']}"),
        ("Source", package["sources"][0]["title"]),
        ("Licence", package["licenses"][0]["title"]),
        (
            "How to cite",
            f"{rep['publisher']}, {rep['title_en']} ({rep['period_start']}-{rep['period_end']}); data transcribed "
            f"by medcoop {__version__}. Each row gives the section of the report and a verbatim quote: cite them.",
        ),
        ("About", package["description"]),
        ("Sheets", "One per table, as the CSV files of medcoop export; below, what each column means."),
    ]
    facts.append(("Legend", _legend()))
    schema = schema_table(tables)
    keys = [c.key for c in schema.columns]
    book.about(facts, keys, ([row.get(k) for k in keys] for row in schema.rows))
    for r in tables:
        marked = not_the_reports_columns(r.name)
        book.sheet(r.name, [_header(f["name"], marked) for f in r.fields], typed_rows(r))
    return book.close()


def listing(table: Table, name: str) -> bytes:
    """One listing (a command's table) as a workbook of one sheet, and a legend under it."""
    from medcoop.columns import editorial_columns

    book = _Book()
    keys = [c.key for c in table.columns]
    marked = editorial_columns(name)
    book.sheet(name, [_header(k, marked) for k in keys], ([row.get(k) for k in keys] for row in table.rows))
    if any(k in marked for k in keys):
        book.legend(_legend())
    return book.close()


def _header(key: str, marked: Iterable[str]) -> str:
    """A column's header, marked when its values are not the report's words ('what †')."""
    from medcoop.cells import EDITORIAL_MARK as MARK

    return f"{key} {MARK}" if key in marked else key


def _legend() -> str:
    from medcoop.cells import EDITORIAL_MARK as MARK

    return (
        f"{MARK} the editors' words or public records, not the report's: the section and quote columns "
        "(medcoop --cite) give the sentence; a listing's editorial column names, row by row, the cells that "
        "are not the report's words."
    )


def not_the_reports_columns(table: str) -> frozenset[str]:
    """The columns of a table of the relational model whose values are not the report's words."""
    from medcoop.provenance import EDITORIAL, FIELDS, PUBLIC_RECORD

    return frozenset(k for k, kind in FIELDS.get(table, {}).items() if kind in (EDITORIAL, PUBLIC_RECORD))
