"""The renderer: a view in each format. CSV, TSV, JSON, JSON Lines, Markdown and HTML are
written here; the table view and SVG pictures are drawn by medcoop.tableview (Rich).

Machine formats are built with the standard library and hold raw values; the other formats
are for people. Rich and tabulate are imported only when a table or Markdown is drawn, and
the table view's code only when a table is, so the CSV and JSON paths never pay for them.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator

from medcoop import i18n
from medcoop.cells import LIST_JOIN, NUMERIC_KINDS, Terminal, brief, human, visible
from medcoop.formats import MACHINE_FORMATS, Format
from medcoop.view import Cell, Column, Row, Table, View

__all__ = ["NUMERIC_KINDS", "Terminal", "html_page", "human", "machine", "markdown", "render", "visible"]


# --------------------------------------------------------------------------- machine formats


def _plain(value: Cell) -> str:
    if isinstance(value, list):
        return LIST_JOIN.join(value)
    return "" if value is None else str(value)


def _delimited(table: Table, delimiter: str, excel: bool) -> str:
    return "".join(_delimited_chunks(table.columns, [table.rows], delimiter, excel))


def _delimited_chunks(
    columns: tuple[Column, ...], batches: Iterable[list[Row]], delimiter: str, excel: bool
) -> Iterator[str]:
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if excel else "\n")
    cell: Callable[[Cell], str] = _excel_cell if excel else _plain
    writer.writerow([cell(c.key) for c in columns])  # a header (an SQL alias) may look like a formula too
    prefix = "\ufeff" if excel else ""
    for rows in batches:
        writer.writerows([cell(row.get(c.key)) for c in columns] for row in rows)
        yield prefix + buf.getvalue()
        prefix = ""
        buf.seek(0)
        buf.truncate()
    if prefix or buf.tell():  # no batch at all: the header alone
        yield prefix + buf.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _excel_cell(value: Cell) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay."""
    text = _plain(value)
    if isinstance(value, (str, list)) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def _records(table: Table) -> list[dict[str, Cell]]:
    return [{c.key: row.get(c.key) for c in table.columns} for row in table.rows]


def machine(table: Table, fmt: Format, *, excel: bool = False) -> str:
    """CSV, TSV, JSON or JSON Lines text: same columns, same order, raw values."""
    if fmt is Format.csv:
        return _delimited(table, ",", excel)
    if fmt is Format.tsv:
        return _delimited(table, "\t", excel)
    import json

    if fmt is Format.json:
        return json.dumps(_records(table), ensure_ascii=False, indent=2) + "\n"
    if fmt is Format.jsonl:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records(table))
    raise ValueError(f"not a machine format: {fmt}")


STREAMED_FORMATS = frozenset({Format.csv, Format.tsv, Format.jsonl})
"""Formats written a batch of rows at a time, so that any number of rows can go out."""


def stream(
    columns: tuple[Column, ...], batches: Iterable[list[Row]], fmt: Format, *, excel: bool = False
) -> Iterator[str]:
    """CSV, TSV or JSON Lines text of rows that come in batches, a chunk per batch (the CSV
    header first): the same text as machine() gives for all the rows at once."""
    if fmt in (Format.csv, Format.tsv):
        yield from _delimited_chunks(columns, batches, "," if fmt is Format.csv else "\t", excel)
        return
    if fmt is not Format.jsonl:
        raise ValueError(f"not a streamed format: {fmt}")
    import json

    for rows in batches:
        yield "".join(json.dumps({c.key: row.get(c.key) for c in columns}, ensure_ascii=False) + "\n" for row in rows)


# --------------------------------------------------------------------------- markdown


_MARKDOWN_SYNTAX = r"([\\`*\[\]~|]|(?<![^\W_])_|_(?![^\W_]))"
"""The characters that make Markdown of text (emphasis, code, links and images, strikethrough,
a cell's end): each is written with a backslash before it, so it shows as itself. An underscore
inside a word (amount_usd) makes no emphasis and stays as it is."""


def _md_cell(text: str) -> str:
    """text as it reads, in a Markdown table cell: controls shown as escapes, HTML's characters
    as entities, Markdown's syntax backslash-escaped (no live link, image or emphasis)."""
    import re
    from html import escape

    text = escape(visible(text), quote=False)
    return re.sub(_MARKDOWN_SYNTAX, r"\\\1", text).replace("\n", "<br>")


MARKDOWN_ALIGNED_UP_TO = 1_000
"""Markdown tables are aligned (every cell padded to its column's width) while no cell is
longer than this; past it the rows are written unpadded, which renders the same, so that one
long cell does not repeat its length in padding on every row."""


def markdown(table: Table, title: str | None = None) -> str:
    """A GitHub table, under a heading that says what it shows."""
    body = [[_md_cell(human(c, row)) for c in table.columns] for row in table.rows]
    heading = f"## {_md_cell(title)}\n\n" if title else ""
    headers = [_md_cell(c.header) for c in table.columns]  # as the table view and HTML head them
    lines = table.legend if table.rows else (brief(table.empty_note), *table.legend)  # no row: say so
    legend = "".join(f"\n{_md_cell(line)}\n" for line in lines)
    if any(len(cell) > MARKDOWN_ALIGNED_UP_TO for row in body for cell in row):
        rows = [headers, ["---"] * len(headers), *body]
        return heading + "".join(f"| {' | '.join(row)} |\n" for row in rows) + legend
    from tabulate import tabulate

    return heading + tabulate(body, headers=headers, tablefmt="github", disable_numparse=True) + "\n" + legend


# --------------------------------------------------------------------------- html


def html_page(table: Table, title: str) -> str:
    """A complete HTML page with one table; every value escaped, so data never becomes markup."""
    from html import escape

    def cell(tag: str, text: str, style: str = "") -> str:
        return f"<{tag}{style}>{escape(visible(text)).replace(chr(10), '<br>')}</{tag}>"

    cells = [[human(c, row) for c in table.columns] for row in table.rows]
    styles = [_html_class(c.kind in NUMERIC_KINDS, [row[i] for row in cells]) for i, c in enumerate(table.columns)]
    head = "".join(cell("th", c.header) for c in table.columns)
    body = "\n".join(
        "<tr>" + "".join(cell("td", text, style) for text, style in zip(row, styles, strict=True)) + "</tr>"
        for row in cells
    )
    lines = table.legend if table.rows else (brief(table.empty_note), *table.legend)  # no row: say so
    legend = "".join(f"<p>{escape(visible(line))}</p>\n" for line in lines)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{i18n.language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        "<style>table{border-collapse:collapse;font-family:sans-serif}th,td{border:1px solid #ccc;"
        "padding:4px 8px;vertical-align:top;text-align:left}td.num{text-align:right}"
        "td.num,td.word{white-space:nowrap}</style>\n"
        f"</head>\n<body>\n<table>\n<caption>{escape(title)}</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n{legend}</body>\n</html>\n"
    )


def _html_class(numeric: bool, texts: list[str]) -> str:
    """Numbers (right-aligned) and columns of single words (ids, codes, periods) never wrap."""
    if numeric:
        return ' class="num"'
    return ' class="word"' if texts and not any(" " in t or "\n" in t for t in texts) else ""


def title_of(view: View) -> str:
    """What a view shows, in one line: its table's title, else the first line of its preface
    (a country's or organisation's names), shortened where it echoes a long argument."""
    return brief(view.table.title or (view.preface[0] if view.preface else "medcoop"))


# --------------------------------------------------------------------------- entry point


def render(view: View, fmt: Format, term: Terminal, *, excel: bool = False) -> str:
    """The text of a view in one format. Machine formats carry only the rows."""
    if fmt in MACHINE_FORMATS:
        return machine(view.table, fmt, excel=excel)
    if fmt is Format.markdown:
        people = view.for_people()
        return markdown(people.table, title_of(people))
    if fmt is Format.html:
        people = view.for_people()
        return html_page(people.table, title_of(people))
    from medcoop.tableview import table_view

    return table_view(view, term)
