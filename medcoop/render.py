"""The only place that draws tables and writes CSV, TSV, JSON, JSON Lines, Markdown, HTML and SVG.

Machine formats are built with the standard library and hold raw values; the table
view formats for people. Rich and tabulate are imported only when a table or Markdown
is drawn, so the CSV and JSON paths never pay for them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from medcoop.formats import MACHINE_FORMATS, Format
from medcoop.view import Bars, Cell, Column, Row, Table, View

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text


class Terminal:
    """Where the table view goes: a terminal (fit to width) or a pipe/file (never cut)."""

    __slots__ = ("color", "encoding", "is_tty", "width")

    def __init__(self, *, is_tty: bool = False, width: int = 80, color: bool = False, encoding: str = "utf-8") -> None:
        self.is_tty: Final = is_tty
        self.width: Final = width
        self.color: Final = color
        self.encoding: Final = encoding


# --------------------------------------------------------------------------- safe text

# Patterns, compiled (and cached by re) on first use: the CSV and JSON paths never need them.
_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
_CONTROL_OR_NEWLINE = _CONTROL[:-1] + "\n\t]"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, one_line: bool = False) -> str:
    """Control, C1 and bidi characters shown as escapes (ESC -> '\\x1b'); tabs and
    newlines kept in tables, escaped too when one_line (messages)."""
    return re.sub(_CONTROL_OR_NEWLINE if one_line else _CONTROL, _escape, text)


# --------------------------------------------------------------------------- values for people


def usd(amount: int) -> str:
    if amount >= 1_000_000 and amount % 100_000 == 0:
        return f"USD {amount / 1_000_000:g} million"
    return f"USD {amount:,}"


def human(column: Column, row: Row) -> str:
    value = row.get(column.key)
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        if column.kind == "usd" or (column.kind == "value" and row.get("unit") == "USD"):
            return usd(value)
        if column.kind in ("int", "value"):
            return f"{value:,}"
    return str(value)


# --------------------------------------------------------------------------- machine formats


def _plain(value: Cell) -> str:
    return "" if value is None else str(value)


def _delimited(table: Table, delimiter: str, excel: bool) -> str:
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if excel else "\n")
    writer.writerow([c.key for c in table.columns])
    cell: Callable[[Cell], str] = _excel_cell if excel else _plain
    writer.writerows([cell(row.get(c.key)) for c in table.columns] for row in table.rows)
    return ("\ufeff" if excel else "") + buf.getvalue()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _excel_cell(value: Cell) -> str:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers stay."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return _plain(value)


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


# --------------------------------------------------------------------------- markdown


def _md_cell(text: str) -> str:
    from html import escape

    text = escape(visible(text), quote=False)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")


def markdown(table: Table) -> str:
    from tabulate import tabulate

    body = [[_md_cell(human(c, row)) for c in table.columns] for row in table.rows]
    return tabulate(body, headers=[c.key for c in table.columns], tablefmt="github", disable_numparse=True) + "\n"


# --------------------------------------------------------------------------- html


def html_page(table: Table, title: str) -> str:
    """A complete HTML page with one table; every value escaped, so data never becomes markup."""
    from html import escape

    def cell(tag: str, text: str, numeric: bool = False) -> str:
        style = ' class="num"' if numeric else ""
        return f"<{tag}{style}>{escape(visible(text)).replace(chr(10), '<br>')}</{tag}>"

    head = "".join(cell("th", c.header) for c in table.columns)
    body = "\n".join(
        "<tr>" + "".join(cell("td", human(c, row), c.kind in _NUMERIC) for c in table.columns) + "</tr>"
        for row in table.rows
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n"
        "<style>table{border-collapse:collapse;font-family:sans-serif}th,td{border:1px solid #ccc;"
        "padding:4px 8px;vertical-align:top;text-align:left}td.num{text-align:right}</style>\n"
        f"</head>\n<body>\n<table>\n<caption>{escape(title)}</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</body>\n</html>\n"
    )


# --------------------------------------------------------------------------- table view


class _Sink(io.StringIO):
    """A text buffer that tells Rich which encoding the real output has."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


def _console(term: Terminal, width: int, sink: io.StringIO | None = None, *, record: bool = False) -> Console:
    from rich.console import Console

    return Console(
        file=sink or _Sink(term.encoding),
        width=width,
        force_terminal=term.color,
        no_color=not term.color,
        color_system="auto" if term.color else None,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        legacy_windows=False,
        force_jupyter=False,
        force_interactive=False,
        record=record,
        _environ={},
    )


_NUMERIC = frozenset({"int", "year", "usd", "value"})


FLEXIBLE_OVER = 12
"""On a terminal too narrow for a table, text columns longer than this share the spare width
(wrapped, never cut); shorter ones and numbers keep their full width."""
FLEXIBLE_MIN = 6


class _Stats:
    __slots__ = ("longest", "mean", "word")

    def __init__(self, *, longest: int, word: int, mean: int) -> None:
        self.longest: Final = longest  # longest line, header included
        self.word: Final = word  # longest word
        self.mean: Final = mean  # mean cell length


def _stats(table: Table) -> list[_Stats]:
    cells = [[human(c, row) for c in table.columns] for row in table.rows]
    stats = []
    for i, c in enumerate(table.columns):
        column = [c.header, *(row[i] for row in cells)]
        stats.append(
            _Stats(
                longest=max(len(line) for text in column for line in text.splitlines() or [""]),
                word=max(len(word) for text in column for word in text.split() or [""]),
                mean=sum(len(row[i]) for row in cells) // max(1, len(cells)),
            )
        )
    return stats


def _flexible(column: Column, stats: _Stats) -> bool:
    return column.kind not in _NUMERIC and stats.longest > FLEXIBLE_OVER


BLOCKS_UNDER = 14
"""A table whose long text columns would get fewer columns than this each is shown as blocks."""


def _needed(table: Table, stats: list[_Stats], flexible_width: int) -> int:
    """The width of a fitted table with fixed columns whole and flexible ones `flexible_width`
    wide (plus a space of padding each side of a cell and one rule between columns)."""
    widths = [flexible_width if _flexible(c, s) else s.longest for c, s in zip(table.columns, stats, strict=True)]
    return sum(widths) + 3 * len(widths) + 1


def _fit(table: Table, stats: list[_Stats], width: int) -> list[int]:
    """Column widths for a table drawn `width` wide: numbers and short text whole; long text
    columns start at FLEXIBLE_MIN, grow to their longest word (up to 14), then share the rest
    by their mean length."""
    flexible = [_flexible(c, s) for c, s in zip(table.columns, stats, strict=True)]
    widths = [FLEXIBLE_MIN if flex else s.longest for flex, s in zip(flexible, stats, strict=True)]
    spare = width - (3 * len(widths) + 1) - sum(widths)
    words = [min(s.word, 14) if flex else w for flex, s, w in zip(flexible, stats, widths, strict=True)]
    spare = _fill(widths, words, [1] * len(widths), spare)
    _fill(widths, [s.longest for s in stats], [max(1, s.mean) for s in stats], spare)
    return widths


def _fill(widths: list[int], targets: list[int], weights: list[int], spare: int) -> int:
    """Grow widths toward targets, sharing `spare` by weight; returns what is left."""
    while spare > 0:
        growing = [i for i, w in enumerate(widths) if w < targets[i]]
        if not growing:
            break
        total = sum(weights[i] for i in growing)
        given = 0
        for i in growing:
            share = min(max(1, spare * weights[i] // total), targets[i] - widths[i], spare - given)
            widths[i] += share
            given += share
        spare -= given
        if not given:
            break
    return spare


def _rich_table(table: Table, ascii_only: bool, widths: list[int] | None = None) -> RenderableType:
    """A Rich table; given column widths (from _fit, for a terminal narrower than the table),
    numbers are never folded and paragraphs wrap."""
    from rich import box
    from rich.table import Table as RichTable

    grid = RichTable(
        title=table.title,
        box=box.ASCII if ascii_only else box.SIMPLE_HEAD,
        header_style="bold",
        title_style="bold",
        show_lines=False,
    )
    cells = [[_cell_text(human(c, row), table.highlight) for c in table.columns] for row in table.rows]
    if widths is None:
        # Unlimited width (a pipe, a file, or measuring): every column as wide as its longest
        # line, which spares Rich measuring each word of each cell to find the same widths.
        from rich.cells import cell_len

        natural = [
            max(cell_len(line) for text in (c.header, *(row[i].plain for row in cells)) for line in text.split("\n"))
            for i, c in enumerate(table.columns)
        ]
    for i, c in enumerate(table.columns):
        numeric = c.kind in _NUMERIC
        if widths is None:
            grid.add_column(c.header, justify="right" if numeric else "left", no_wrap=True, width=natural[i])
        else:
            grid.add_column(
                c.header, justify="right" if numeric else "left", no_wrap=numeric, overflow="fold", width=widths[i]
            )
    for cell_row in cells:
        grid.add_row(*cell_row)
    if not table.rows:
        grid.caption = table.empty_note
    return grid


def _record_blocks(table: Table, ascii_only: bool) -> RenderableType:
    """The rows as blocks of 'Header  value' lines, for terminals too narrow for the columns."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table as RichTable
    from rich.text import Text

    blocks: list[RenderableType] = []
    if table.title:
        blocks.append(Text(table.title, style="bold"))
    for number, row in enumerate(table.rows, start=1):
        blocks.append(Rule(f"{number}/{len(table.rows)}", characters="-" if ascii_only else "─", align="left"))
        grid = RichTable.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for c in table.columns:
            value = human(c, row)
            if value:
                grid.add_row(Text(c.header), _cell_text(value, table.highlight))
        blocks.append(grid)
    if not table.rows:
        blocks.append(Text(table.empty_note))
    return Group(*blocks)


def _cell_text(value: str, highlight: str | None) -> Text:
    from rich.text import Text

    text = Text(visible(value))
    if highlight:
        from medcoop.names import folded_span

        span = folded_span(text.plain, highlight)
        if span is not None:
            text.stylize("bold reverse", *span)
    return text


def _bars(chart: Bars, ascii_only: bool) -> RenderableType:
    from rich.table import Table as RichTable
    from rich.text import Text

    block = "#" if ascii_only else "█"
    top = max((v for _, v in chart.items), default=0) or 1
    grid = RichTable.grid(padding=(0, 1))
    grid.title = chart.title
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(no_wrap=True, style="cyan")
    for label, value in chart.items:
        grid.add_row(Text(visible(label)), f"{value:,}", block * max(1, round(30 * value / top)))
    return grid


def _parts(view: View, ascii_only: bool, *, width: int | None = None) -> list[RenderableType]:
    """What the table view prints; with a width, tables wider than it are fitted to it."""
    from rich.text import Text

    parts: list[RenderableType] = [Text(visible(line)) for line in view.preface]
    for item in (view.table, *view.extras):
        if isinstance(item, Bars):
            if item.items:
                parts += [Text(""), _bars(item, ascii_only)]
            continue
        if item is not view.table:
            parts.append(Text(""))
        if width is None:
            parts.append(_rich_table(item, ascii_only))
            continue
        stats = _stats(item)
        if _needed(item, stats, BLOCKS_UNDER) > width:
            parts.append(_record_blocks(item, ascii_only))
        else:
            parts.append(_rich_table(item, ascii_only, _fit(item, stats, width)))
    return parts


UNLIMITED = 100_000
"""The width a pipe or file gets: tables keep their natural width, nothing is wrapped or cut."""


def _natural_width(parts: list[RenderableType], term: Terminal) -> int:
    """The width the parts take when nothing wraps, as Rich measures them."""
    from rich.measure import Measurement

    probe = _console(term, UNLIMITED)
    return max(Measurement.get(probe, probe.options, p).maximum for p in parts)


def _draw(view: View, term: Terminal, limit: int | None, sink: io.StringIO | None = None) -> Console:
    """Print the view on a console no wider than `limit` (None: unlimited, for pipes and files);
    a view wider than the limit gets its tables fitted to it, or shown as blocks."""
    ascii_only = not term.encoding.lower().replace("-", "").startswith("utf")
    parts = _parts(view, ascii_only)
    width = UNLIMITED
    if limit is not None:
        natural = _natural_width(parts, term)
        width = min(natural, limit)
        if natural > limit:
            parts = _parts(view, ascii_only, width=limit)
    console = _console(term, width, sink, record=sink is None)
    for part in parts:
        console.print(part)
    return console


def table_view(view: View, term: Terminal) -> str:
    """The human view: preface, the table fitted to a terminal (uncut in a pipe), extras."""
    if view.notice and not view.table.rows:
        return ""  # nothing to draw: the notice (on stderr) is the answer
    sink = _Sink(term.encoding)
    _draw(view, term, max(40, term.width) if term.is_tty else None, sink)
    return _strip_trailing(sink.getvalue())


SVG_COLUMNS = 120
"""Pictures wrap long cells at this many columns (never cutting them), so that they stay legible."""


def svg_picture(view: View) -> str:
    """The table view, bars included, as an SVG picture (uncut, in colour)."""
    console = _draw(view, Terminal(color=True), SVG_COLUMNS)
    return console.export_svg(title=view.table.title or "medcoop")


def _strip_trailing(text: str) -> str:
    return "".join(line.rstrip(" ") + "\n" for line in text.splitlines())


# --------------------------------------------------------------------------- entry point


def render(view: View, fmt: Format, term: Terminal, *, excel: bool = False) -> str:
    """The text of a view in one format. Machine formats carry only the rows."""
    if fmt in MACHINE_FORMATS:
        return machine(view.table, fmt, excel=excel)
    if fmt is Format.markdown:
        return markdown(view.table)
    if fmt is Format.html:
        return html_page(view.table, view.table.title or "medcoop")
    return table_view(view, term)
