"""Reading medcoop's workbooks back as a script does: the headers are words for people, so a
sheet's columns are found by their machine names, through the workbook's defined names (each
column's cells are named `TABLE_COLUMN`) or through the "about" sheet's list of columns."""

from __future__ import annotations

from typing import Any


def named_columns(book: Any, sheet: str, table: str) -> dict[int, tuple[str, str]]:
    """The columns of a sheet (1, 2, ...) that a defined name `table_key` names: column ->
    (key, the range's reference). Only names of `table` that point into that sheet count."""
    from openpyxl.utils.cell import range_boundaries

    found: dict[int, tuple[str, str]] = {}
    for name, defined in book.defined_names.items():
        if not name.startswith(f"{table}_"):
            continue
        for title, reference in defined.destinations:
            if title == sheet:
                first_col, _first_row, last_col, _last_row = range_boundaries(reference)
                assert first_col == last_col, (name, reference)
                assert first_col not in found, (name, found[first_col])
                found[first_col] = (name.removeprefix(f"{table}_"), reference)
    return found


def keys(book: Any, sheet: str, table: str) -> list[str]:
    """The keys of a sheet's columns, in order, from the defined names (every column has one)."""
    named = named_columns(book, sheet, table)
    width = book[sheet].max_column
    assert sorted(named) == list(range(1, width + 1)), (sheet, named)
    return [named[col][0] for col in range(1, width + 1)]


def keyed_rows(book: Any, sheet: str, table: str) -> list[dict[str, Any]]:
    """The rows under a sheet's header as dicts by key (the defined names)."""
    names = keys(book, sheet, table)
    rows = list(book[sheet].iter_rows(min_row=2, values_only=True))
    return [dict(zip(names, row, strict=True)) for row in rows]


def keyed_cells(book: Any, sheet: str, table: str) -> list[dict[str, Any]]:
    """As keyed_rows, the cells themselves (their formats too)."""
    names = keys(book, sheet, table)
    return [dict(zip(names, row, strict=True)) for row in book[sheet].iter_rows(min_row=2)]


def about_columns(book: Any, about: str, width: int) -> list[tuple[Any, ...]]:
    """The about sheet's list of columns (the rows under its header row, the first row of `width`
    cells after the facts), each row cut to `width`."""
    rows = [row[:width] for row in book[about].iter_rows(values_only=True)]
    header = next(i for i, row in enumerate(rows) if all(v is not None for v in row))
    return [rows[header], *rows[header + 1 :]]


def column_width(sheet: Any, col: int) -> float | None:
    """The width a sheet sets for its column col (1, 2, ...), None when it sets none: openpyxl files
    the widths of a run of equal columns (<col min max>) under the run's first column only."""
    for dimension in sheet.column_dimensions.values():
        if dimension.min is not None and dimension.min <= col <= dimension.max:
            return float(dimension.width)
    return None
