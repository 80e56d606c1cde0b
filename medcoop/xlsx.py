"""Excel workbooks: the report's tables (`medcoop export --xlsx`) or one listing.

Written with XlsxWriter, imported only here (and this module only when a workbook is made).
Every cell is typed: integers as numbers, booleans as booleans, empty as an empty cell, text
as text (written with write_string, so text that starts with '=' is never a formula). Each
sheet has a bold frozen header, an autofilter and column widths that fit its content up to
MAX_WIDTH; a column of longer text (or of several lines) wraps, and every cell is top-aligned.
Counts and amounts carry a number format with a thousands separator ('#,##0', '"USD" #,##0'),
which Excel shows in its own locale's way: 1.500 and USD 12.500.000 in Colombia; years carry
none. The functions return the file's bytes; the CLI writes them (atomically).

The shipped dataset's workbook is the same at every run in a language, so an installed medcoop
carries it ready-made, in each language (medcoop/_shipped.en.xlsx, _shipped.es.xlsx, written by
shipped_workbooks() when the wheel is built, as hatch_build.py writes _shipped.py): `medcoop
export --xlsx` on the shipped dataset copies those bytes (shipped()) instead of importing
XlsxWriter and the table model and writing every cell. A checkout, an editable install and
`--data` write the workbook here, as before.

A workbook is for people: its headers are words (medcoop.describe's LABELS, a listing's
headers), in English or Spanish; under Spanish it is Spanish throughout (sheet names, the
"about" sheet, the editors' words in the cells, the vocabulary medcoop classifies with); the
report's quotes and the names it prints stay as printed; the English workbook names its sheets
by the tables' keys. The machine names stay where formulas and scripts need them: each column's
cells are an Excel name (defined_name: actions_amount_usd), the same in both languages, and the
"about" sheet lists each column's sheet and header beside its table, column and Excel name.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from medcoop import i18n
from medcoop.cells import EDITORIAL_MARK
from medcoop.errors import MedcoopError
from medcoop.i18n import N_, _, number

if TYPE_CHECKING:
    from medcoop.records import Dataset
    from medcoop.view import Table

MAX_WIDTH = 60
MIN_WIDTH = 6
EXCEL_TEXT_LIMIT = 32_767
SHEET_NAME_LIMIT = 31
NAME_LIMIT = 255
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

CREATED = datetime.datetime(1980, 1, 1, tzinfo=datetime.timezone.utc)
"""The creation time every workbook states (the date its zip entries carry too), so that a
workbook is byte for byte the same from one run to the next."""

_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
NUMBER_FORMATS = {"int": "#,##0", "usd": '"USD" #,##0'}
"""Excel number formats of counts and amounts: separators as the reader's Excel shows them."""
_USD_COLUMNS = frozenset({"amount_usd", "usd_stated_in_actions"})
_YEAR_COLUMNS = frozenset({"year", "period_start", "period_end", "since", "position"})
SHIPPED_WORKBOOKS = {language: Path(__file__).with_name(f"_shipped.{language}.xlsx") for language in i18n.LANGUAGES}
"""Where an installed medcoop keeps the shipped dataset's workbook in each language (hatch_build.py
writes them with shipped_workbooks())."""


class _Book:
    def __init__(self) -> None:
        import xlsxwriter

        self.buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self.buffer, _OPTIONS)
        self.book.set_properties({"created": CREATED})  # not the clock: the same data, the same bytes
        self.bold = self.book.add_format({"bold": True, "valign": "top"})
        self.top = self.book.add_format({"valign": "top"})
        self.wrapped = self.book.add_format({"valign": "top", "text_wrap": True})
        self.formats = {
            kind: self.book.add_format({"num_format": fmt, "valign": "top"}) for kind, fmt in NUMBER_FORMATS.items()
        }
        self.names: set[str] = set()  # the defined names so far, casefolded (Excel's names ignore case)

    def sheet(
        self,
        name: str,
        headers: Sequence[str],
        rows: Iterable[Sequence[object]],
        keys: Sequence[str] = (),
        names: Sequence[str | None] = (),
    ) -> None:
        """A sheet of a table: bold frozen header, autofilter, fitted widths, typed cells; keys
        (the columns' names) choose each number column's format; names (column_names) name each
        column's cells, under the header (row 2 alone when the table is empty)."""
        from xlsxwriter.utility import quote_sheetname, xl_range_abs

        ws = self.book.add_worksheet(name[:SHEET_NAME_LIMIT])
        last = self._table(ws, 0, headers, rows, [0] * len(headers), [False] * len(headers), keys)
        for col, defined in enumerate(names):
            if defined is not None:
                self.book.define_name(defined, f"={quote_sheetname(ws.name)}!{xl_range_abs(1, col, max(last, 1), col)}")

    def column_names(self, table: str, keys: Sequence[str]) -> list[str | None]:
        """The Excel name of each column of a table (defined_name), taken for this workbook; None
        for a key that makes no name, or one an earlier column took (Excel's names ignore case)."""
        names: list[str | None] = []
        for key in keys:
            name = defined_name(table, key)
            if name is not None and name.casefold() in self.names:
                name = None
            if name is not None:
                self.names.add(name.casefold())
            names.append(name)
        return names

    def about(
        self, name: str, facts: Sequence[tuple[str, str]], headers: Sequence[str], rows: Iterable[Sequence[object]]
    ) -> None:
        """The "about" sheet: facts (bold label, text), then a table below them."""
        ws = self.book.add_worksheet(name)
        columns = max(len(headers), 2)
        widths, wraps = [0] * columns, [False] * columns
        for line, (label, text) in enumerate(facts):
            ws.write_string(line, 0, label, self.bold)
            widths[0] = max(widths[0], len(label))
            width, multiline = self._cell(ws, line, 1, text)
            widths[1], wraps[1] = max(widths[1], width), wraps[1] or _wraps(width, multiline)
        self._table(ws, len(facts) + 1, headers, rows, widths, wraps, ())

    def _table(
        self,
        ws: Any,
        top: int,
        headers: Sequence[str],
        rows: Iterable[Sequence[object]],
        widths: list[int],
        wraps: list[bool],
        keys: Sequence[str],
    ) -> int:
        """Write a table with its header on row `top`; the index of its last row. A column of
        text wider than MAX_WIDTH (or of several lines) wraps; every cell is top-aligned, so that
        a row of wrapped cells reads from its top."""
        for col, header in enumerate(headers):
            _check_length(header)
            ws.write_string(top, col, header, self.bold)
            widths[col] = max(widths[col], len(header))
        formats = [self._format(key) for key in keys] or [None] * len(headers)
        last = top
        for last, values in enumerate(rows, start=top + 1):
            for col, value in enumerate(values):
                width, multiline = self._cell(ws, last, col, value, formats[col])
                widths[col], wraps[col] = max(widths[col], width), wraps[col] or _wraps(width, multiline)
        ws.freeze_panes(top + 1, 0)
        ws.autofilter(top, 0, last, max(len(headers) - 1, 0))
        for col, width in enumerate(widths):
            # the column's format is that of its cells written without one: text, booleans, years
            ws.set_column(col, col, _width(width), self.wrapped if wraps[col] else self.top)
        return last

    def _format(self, key: str) -> Any:
        if key in _USD_COLUMNS:
            return self.formats["usd"]
        return None if key in _YEAR_COLUMNS else self.formats["int"]

    def _cell(self, ws: Any, row: int, col: int, value: object, fmt: Any = None) -> tuple[int, bool]:
        """Write one typed cell; its width in characters, and whether it holds several lines."""
        if value is None or value == []:
            return 0, False
        if isinstance(value, list):  # a list of names, joined as in CSV
            value = "; ".join(map(i18n.shown, value))
        if isinstance(value, bool):
            ws.write_boolean(row, col, value)
        elif isinstance(value, (int, float)):
            ws.write_number(row, col, value, fmt)
            return len(number(value)) + (4 if fmt is self.formats["usd"] else 0), False
        else:
            text = i18n.shown(value) if isinstance(value, i18n.Localized) else str(value)
            _check_length(text)
            ws.write_string(row, col, text)
            lines = text.split("\n")
            return max(len(line) for line in lines), len(lines) > 1
        return len(str(value)), False

    def close(self) -> bytes:
        self.book.close()
        return self.buffer.getvalue()


def _width(characters: int) -> int:
    """A column's width for its widest cell: a margin of 2, at least MIN_WIDTH, at most MAX_WIDTH."""
    return min(max(characters + 2, MIN_WIDTH), MAX_WIDTH)


def _wraps(characters: int, multiline: bool) -> bool:
    """Whether a cell of text wraps: it is wider than its column can be, or of several lines."""
    return multiline or characters + 2 > MAX_WIDTH


def defined_name(table: str, key: str) -> str | None:
    """The Excel name of a column's cells in a table's sheet: the table's name and the column's
    joined by '_' (actions_amount_usd), the same in every language; None when they make no name
    (a medcoop sql alias such as count(*)). Excel's names take letters, digits, '_' and '.', and
    no cell reference (A1, R1C1), which the '_' rules out; LibreOffice takes no '.' in a name, so
    '_' joins them."""
    name = f"{table}_{key}"
    return name if _NAME.fullmatch(name) and len(name) <= NAME_LIMIT else None


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


def shipped(language: str) -> bytes | None:
    """The shipped dataset's workbook in language as the installed medcoop carries it, or None (a
    checkout or an editable install, which have none: the workbook is written)."""
    path = SHIPPED_WORKBOOKS.get(language)
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:  # none, or unreadable: written as in a checkout
        return None


def shipped_workbooks() -> dict[str, bytes]:
    """The shipped dataset's workbook in each language medcoop speaks, as workbook() writes it in
    that language: what the wheel carries (SHIPPED_WORKBOOKS). The run's language is put back."""
    from medcoop.dataset import load

    before = i18n.language
    books: dict[str, bytes] = {}
    try:
        for language in i18n.LANGUAGES:
            i18n.use(language)
            if i18n.language != language:  # no compiled catalog: it would be English
                raise RuntimeError(f"no compiled message catalog for {language!r}")
            books[language] = workbook(load())
    finally:
        i18n.use(before)
    return books


def workbook(ds: Dataset) -> bytes:
    """The report's tables, one sheet each, after an "about" sheet."""
    from medcoop import __version__
    from medcoop.describe import LABELS, SHEETS, TYPES
    from medcoop.export import resources
    from medcoop.relational import schema_table, typed

    spanish = i18n.language == "es"
    sheet: Callable[[str], str] = (lambda name: _(SHEETS[name])) if spanish else str

    def label(column: str) -> str:
        return _(LABELS[column])

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
    facts.append(
        (
            _("Names"),
            _(
                "Each column of a table's sheet is also an Excel name, its table's and its column's names joined "
                "by '_' (Name in formulas, below), the same in English and in Spanish: =SUM(actions_amount_usd) "
                "adds up the amounts of the actions, in Excel or LibreOffice. Programs name the columns by Table "
                "and Column, as the CSV files and the SQLite database of medcoop export do."
            ),
        )
    )
    keys = {r.name: [f["name"] for f in r.fields] for r in tables}
    names = {r.name: book.column_names(r.name, keys[r.name]) for r in tables}  # before any sheet refers to one
    headers = {
        r.name: [
            _header(key, not_the_reports_columns(r.name) | {c for t, c in marked if t == r.name}, label(key))
            for key in keys[r.name]
        ]
        for r in tables
    }

    def about_row(row: dict[str, Any]) -> list[object]:
        table, column, kind = str(row["table"]), str(row["column"]), str(row["type"])
        reference = str(row["references"]).split(".") if row.get("references") else None
        position = keys[table].index(column)
        return [
            sheet(table),
            headers[table][position],
            table,
            column,
            names[table][position],
            _(TYPES.get(kind, kind)),
            row["required"],
            row["key"],
            f"{sheet(reference[0])}: {label(reference[1])}" if reference else None,
            row["description"],
        ]

    about = [_(header) for header in ABOUT_HEADERS]
    book.about(_("about"), facts, about, (about_row(row) for row in schema_table(tables).rows))
    for r in tables:
        kinds = [f["type"] for f in r.fields]
        rows = (
            tuple(typed(kind, cell(r.name, key, row)) for key, kind in zip(keys[r.name], kinds, strict=True))
            for row in r.rows
        )
        book.sheet(sheet(r.name), headers[r.name], rows, keys[r.name], names[r.name])
    return book.close()


ABOUT_HEADERS = (
    N_("Sheet"),
    N_("Header"),
    N_("Table"),
    N_("Column"),
    N_("Name in formulas"),
    N_("Type"),
    N_("Required"),
    N_("Key"),
    N_("References"),
    N_("Description"),
)
"""The headers of the about sheet's list of columns: each column as people read it (its sheet,
its header), as programs name it (its table and column, as in the CSV files and the database),
its Excel name, and what the data package says of it."""

LISTING_ABOUT_HEADERS = (N_("Header"), N_("Column"), N_("Name in formulas"))
"""The headers of a listing's about sheet: each column's header, its key and its Excel name."""


def listing(table: Table, name: str) -> bytes:
    """One listing (a command's table) as a workbook of one sheet, and an about sheet after it
    (the legend of its marks, and each column's header, key and Excel name): the headers and
    medcoop's words (and the editors', translated under Spanish) as people read them."""
    from medcoop.columns import editorial_columns

    book = _Book()
    keys = [c.key for c in table.columns]
    marked = editorial_columns(name)
    shown = {c.key: c.header for c in table.for_people().columns}
    headers = [_header(k, marked, shown[k]) for k in keys]
    sheet = _(name) if i18n.language == "es" and name.isidentifier() else name
    names = book.column_names(name, keys)
    book.sheet(sheet, headers, ([row.get(k) for k in keys] for row in table.rows), keys, names)
    numbers = [n for n, c in zip(names, table.columns, strict=True) if n and c.kind in ("int", "usd")]
    example = next(iter(numbers + [n for n in names if n]), None)
    facts = [(_("Legend"), _legend())] if any(h.endswith(EDITORIAL_MARK) for h in headers) else []
    if example is not None:
        facts.append(
            (
                _("Names"),
                _(
                    "Each column is also an Excel name (Name in formulas, below), the same in English and in "
                    "Spanish: =SUM({example}) adds one up, in Excel or LibreOffice. Column is the column's name "
                    "in the other formats (-f csv, -f json)."
                ).format(example=example),
            )
        )
    rows = ([h, k, n] for h, k, n in zip(headers, keys, names, strict=True))
    book.about(_("about"), facts, [_(h) for h in LISTING_ABOUT_HEADERS], rows)
    return book.close()


def _header(key: str, marked: Iterable[str], text: str | None = None) -> str:
    """A column's header (its key, or text: its header for people), marked when its values are not
    the report's words ('what †'), unless it is marked already."""
    text = key if text is None else text
    return f"{text} {EDITORIAL_MARK}" if key in marked and not text.endswith(EDITORIAL_MARK) else text


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
