"""Excel workbooks: the report's tables (`medcoop export --xlsx`) or one listing.

Written with XlsxWriter, imported only here (and this module only when a workbook is made).
Every cell is typed: integers as numbers, booleans as booleans, empty as an empty cell, text
as text (written with write_string, so text that starts with '=' is never a formula). Each
sheet has a bold frozen header, an autofilter and column widths that fit its content. Counts
and amounts carry a number format with a thousands separator ('#,##0', '"USD" #,##0'), which
Excel shows in its own locale's way: 1.500 and USD 12.500.000 in Colombia; years carry none.
The functions return the file's bytes; the CLI writes them (atomically).

A workbook is for people: under Spanish it is Spanish throughout (sheet names, headers, the
"about" sheet, the editors' words in the cells, the vocabulary medcoop classifies with); the
report's quotes and the names it prints stay as printed. The English workbook names its sheets
and columns by their keys, as the data package does.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from medcoop import i18n
from medcoop.cells import EDITORIAL_MARK
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
NUMBER_FORMATS = {"int": "#,##0", "usd": '"USD" #,##0'}
"""Excel number formats of counts and amounts: separators as the reader's Excel shows them."""
_USD_COLUMNS = frozenset({"amount_usd", "usd_stated_in_actions"})
_YEAR_COLUMNS = frozenset({"year", "period_start", "period_end", "since", "position"})


class _Book:
    def __init__(self) -> None:
        import xlsxwriter

        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buffer, _OPTIONS)
        self.book.set_properties({"created": CREATED})  # not the clock: the same data, the same bytes
        self.bold = self.book.add_format({"bold": True})
        self.formats = {kind: self.book.add_format({"num_format": fmt}) for kind, fmt in NUMBER_FORMATS.items()}

    def sheet(
        self, name: str, headers: Sequence[str], rows: Iterable[Sequence[object]], keys: Sequence[str] = ()
    ) -> None:
        """A sheet of a table: bold frozen header, autofilter, fitted widths, typed cells; keys
        (the columns' names) choose each number column's format."""
        ws = self.book.add_worksheet(name[:SHEET_NAME_LIMIT])
        self._table(ws, 0, headers, rows, [0] * len(headers), keys)

    def about(
        self, name: str, facts: Sequence[tuple[str, str]], headers: Sequence[str], rows: Iterable[Sequence[object]]
    ) -> None:
        """The "about" sheet: facts (bold label, text), then a table below them."""
        ws = self.book.add_worksheet(name)
        for line, (label, text) in enumerate(facts):
            ws.write_string(line, 0, label, self.bold)
            ws.write_string(line, 1, text)
        widths = [max(len(label) for label, _value in facts)] + [0] * (len(headers) - 1)
        self._table(ws, len(facts) + 1, headers, rows, widths, ())

    def legend(self, text: str) -> None:
        """An "about" sheet after the table, saying what the marks of its headers mean (a sheet of its
        own, so that the table's sheet holds the table alone)."""
        ws = self.book.add_worksheet(_("about"))
        ws.write_string(0, 0, _("Legend"), self.bold)
        ws.write_string(0, 1, text)

    def _table(
        self,
        ws: Any,
        top: int,
        headers: Sequence[str],
        rows: Iterable[Sequence[object]],
        widths: list[int],
        keys: Sequence[str],
    ) -> None:
        for col, header in enumerate(headers):
            _check_length(header)
            ws.write_string(top, col, header, self.bold)
            widths[col] = max(widths[col], len(header))
        formats = [self._format(key) for key in keys] or [None] * len(headers)
        last = top
        for last, values in enumerate(rows, start=top + 1):
            for col, value in enumerate(values):
                widths[col] = max(widths[col], self._cell(ws, last, col, value, formats[col]))
        ws.freeze_panes(top + 1, 0)
        ws.autofilter(top, 0, last, max(len(headers) - 1, 0))
        for col, width in enumerate(widths):
            ws.set_column(col, col, min(max(width + 2, MIN_WIDTH), MAX_WIDTH))

    def _format(self, key: str) -> Any:
        if key in _USD_COLUMNS:
            return self.formats["usd"]
        return None if key in _YEAR_COLUMNS else self.formats["int"]

    def _cell(self, ws: Any, row: int, col: int, value: object, fmt: Any = None) -> int:
        """Write one typed cell; its width in characters."""
        if value is None or value == []:
            return 0
        if isinstance(value, list):  # a list of names, joined as in CSV
            value = "; ".join(map(i18n.shown, value))
        if isinstance(value, bool):
            ws.write_boolean(row, col, value)
        elif isinstance(value, (int, float)):
            ws.write_number(row, col, value, fmt)
            return len(number(value)) + (4 if fmt is self.formats["usd"] else 0)
        else:
            text = i18n.shown(value) if isinstance(value, i18n.Localized) else str(value)
            _check_length(text)
            ws.write_string(row, col, text)
            return max(len(line) for line in text.split("\n"))
        return len(str(value))

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def _cells(ds: Dataset) -> Callable[[str, str, dict[str, Any]], object]:
    """How a cell of the report's tables reads in this run's language: under Spanish, the
    editors' words translated (medcoop.translations) and the dataset's vocabulary too (but in
    the fields that print the report's words); in English, as it is."""
    if i18n.language != "es":
        return lambda _table, _column, row: row.get(_column)
    from medcoop import translations
    from medcoop.provenance import FIELDS, PRINTED
    from medcoop.terms import term

    table = translations.table_for(ds)

    def cell(resource: str, column: str, row: dict[str, Any]) -> object:
        value = row.get(column)
        if not isinstance(value, str) or not value:
            return value
        rid = row.get("id", row.get("a2"))
        spanish = table.get(resource, {}).get(str(rid), {}).get(column)
        if spanish:
            return spanish
        if FIELDS.get(resource, {}).get(column) != PRINTED or column == "modality":
            return i18n.shown(term(value) or "")
        return value

    return cell


def _editors_columns() -> frozenset[tuple[str, str]]:
    """(table, column) of every column whose text is the editors' words (their translation under
    Spanish): marked †, as the table view marks them."""
    from medcoop.provenance import FIELDS, editorial
    from medcoop.translations import PUBLIC_RECORD_TEXT, SECTIONS

    columns = {(table, field) for table, fields in FIELDS.items() for field in fields if editorial(table, field)}
    return frozenset({*columns, *PUBLIC_RECORD_TEXT, (SECTIONS, "basis")})


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
    from medcoop.describe import LABELS, SHEETS, TYPES
    from medcoop.export import resources
    from medcoop.relational import schema_table, typed

    spanish = i18n.language == "es"
    sheet: Callable[[str], str] = (lambda name: _(SHEETS[name])) if spanish else str
    label: Callable[[str], str] = (lambda name: _(LABELS[name])) if spanish else str
    marked = _editors_columns() if spanish else frozenset()
    cell = _cells(ds)
    tables = resources(ds)
    rep = ds["report"]
    period = f"{rep['period_start']}-{rep['period_end']}"
    book = _Book()
    facts = [
        (_("Title"), f"{rep['title_es']} - {rep['title_en']}"),
        (_("Publisher"), rep["publisher"]),
        (_("Period"), period),
        (
            _("Source"),
            _("{publisher}: {title} (web page text)").format(
                publisher=rep["publisher"], title=f"{rep['title_es']} - {rep['title_en']}"
            ),
        ),
        (
            _("Licence"),
            _(
                "The report is {publisher}'s and states no licence; the facts are transcribed from it with short "
                "quotations for citation. Credit the report when you reuse them."
            ).format(publisher=rep["publisher"]),
        ),
        (
            _("How to cite"),
            _(
                "{publisher}, {title} ({period}); data transcribed by medcoop {version}. Each row gives the section "
                "of the report and a verbatim quote: cite them."
            ).format(publisher=rep["publisher"], title=rep["title_en"], period=period, version=__version__),
        ),
        (
            _("About"),
            _(
                "{title_es} - {title_en}, {period}, transcribed by medcoop {version}. Every row cites the section of "
                "the report and a verbatim quote. Years of the three blocks are inferred (their headings were lost); "
                "see sections.csv."
            ).format(title_es=rep["title_es"], title_en=rep["title_en"], period=period, version=__version__),
        ),
        (_("Sheets"), _("One per table, as the CSV files of medcoop export; below, what each column means.")),
    ]
    facts.append((_("Legend"), _legend()))
    schema = schema_table(tables)
    keys = [c.key for c in schema.columns]
    shown_schema = schema.for_people()
    headers = [c.header for c in shown_schema.columns] if spanish else keys

    def about_row(row: dict[str, Any]) -> list[object]:
        values = [row.get(k) for k in keys]
        if spanish:
            reference = str(row["references"]).split(".") if row.get("references") else None
            values[keys.index("table")] = sheet(str(row["table"]))
            values[keys.index("column")] = label(str(row["column"]))
            values[keys.index("type")] = _(TYPES.get(str(row["type"]), str(row["type"])))
            if reference:
                values[keys.index("references")] = f"{sheet(reference[0])}: {label(reference[1])}"
        return values

    book.about(_("about"), facts, headers, (about_row(row) for row in schema.rows))
    for r in tables:
        names = [f["name"] for f in r.fields]
        kinds = [f["type"] for f in r.fields]
        rows = (
            tuple(typed(kind, cell(r.name, name, row)) for name, kind in zip(names, kinds, strict=True))
            for row in r.rows
        )
        marks = not_the_reports_columns(r.name) | {n for t, n in marked if t == r.name}
        book.sheet(sheet(r.name), [_header(n, marks, label(n)) for n in names], rows, names)
    return book.close()


def listing(table: Table, name: str) -> bytes:
    """One listing (a command's table) as a workbook of one sheet, and a legend under it: under
    Spanish, with the headers and medcoop's words (and the editors', translated) as people read them."""
    from medcoop.columns import editorial_columns

    book = _Book()
    keys = [c.key for c in table.columns]
    marked = editorial_columns(name)
    if i18n.language == "es":
        shown = {c.key: c.header for c in table.for_people().columns}
        sheet = _(name) if name.isidentifier() else name
    else:
        shown, sheet = {k: k for k in keys}, name
    headers = [_header(k, marked, shown[k]) for k in keys]
    book.sheet(sheet, headers, ([row.get(k) for k in keys] for row in table.rows), keys)
    if any(k in marked for k in keys):
        book.legend(_legend())
    return book.close()


def _header(key: str, marked: Iterable[str], text: str | None = None) -> str:
    """A column's header (its key, or text: its header for people), marked when its values are not
    the report's words ('what †')."""
    text = key if text is None else text
    return f"{text} {EDITORIAL_MARK}" if key in marked else text


def _legend() -> str:
    return _(
        "{mark} the editors' words or public records, not the report's: the section and quote columns "
        "(medcoop --cite) give the sentence; a listing's editorial column names, row by row, the cells that "
        "are not the report's words."
    ).format(mark=EDITORIAL_MARK)


def not_the_reports_columns(table: str) -> frozenset[str]:
    """The columns of a table of the relational model whose values are not the report's words."""
    from medcoop.provenance import EDITORIAL, FIELDS, PUBLIC_RECORD

    return frozenset(k for k, kind in FIELDS.get(table, {}).items() if kind in (EDITORIAL, PUBLIC_RECORD))
