"""The table view, for people: a view drawn with Rich, fitted to a terminal, uncut in a pipe
or a file, and as an SVG picture. Imported only when a table is drawn."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, Final

from medcoop import i18n
from medcoop.cells import EDITORIAL_MARK, NUMERIC_KINDS, CannotDraw, Terminal, brief, human, visible
from medcoop.view import Bars, Cell, Column, Table, View

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, OverflowMethod, RenderableType, RenderResult
    from rich.measure import Measurement
    from rich.table import Table as RichTable
    from rich.text import Text


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


FLEXIBLE_MIN = 6
"""On a terminal too narrow for a table, text that can wrap (cells with spaces) shares the spare
width, no column narrower than this (or its longest word, up to BLOCKS_UNDER); numbers and
text without spaces (identifiers, codes, periods) keep their full width and never wrap."""


class _Stats:
    __slots__ = ("header_word", "longest", "mean", "spaced", "two_lines", "word")

    def __init__(
        self, *, longest: int, word: int, mean: int, header_word: int, spaced: bool, two_lines: int = 0
    ) -> None:
        self.two_lines: Final = two_lines  # the narrowest width that holds each cell in two lines
        self.longest: Final = longest  # longest line of a cell
        self.word: Final = word  # longest word of a cell
        self.mean: Final = mean  # mean cell length
        self.header_word: Final = header_word  # longest word of the header
        self.spaced: Final = spaced  # some cell has a space: the column may wrap there


def _lines(text: str) -> list[str]:
    return text.splitlines() or [""]


def _stats(table: Table) -> list[_Stats]:
    cells = [[human(c, row) for c in table.columns] for row in table.rows]
    stats = []
    for i, c in enumerate(table.columns):
        column = [row[i] for row in cells]
        stats.append(
            _Stats(
                longest=max(len(line) for text in column for line in _lines(text)) if column else 0,
                word=max((len(word) for text in column for word in text.split()), default=0),
                mean=sum(map(len, column)) // max(1, len(column)),
                header_word=max((len(word) for word in visible(c.header).split()), default=0),
                spaced=any(" " in text or "\n" in text for text in column),
                two_lines=max(map(_two_lines, column), default=0) if c.kind == "usd" else 0,
            )
        )
    return stats


def _two_lines(text: str) -> int:
    """The width of the wider line when a one-line text is split at its best space."""
    cuts = [i for i, char in enumerate(text) if char == " "]
    return min((max(i, len(text) - i - 1) for i in cuts), default=len(text))


def _flexible(column: Column, stats: _Stats) -> bool:
    """Whether a column may wrap at its spaces: text; never numbers and amounts."""
    return column.kind not in NUMERIC_KINDS and stats.spaced


def _fixed_width(stats: _Stats) -> int:
    """A column that never wraps: as wide as its longest cell, its header wrapped to that width
    (or to the header's longest word)."""
    return max(stats.longest, stats.header_word)


BLOCKS_UNDER = 14
"""A table whose text columns would get fewer columns than this each (or than their longest
line, when shorter) is shown as blocks."""


GAP = 2
"""Spaces between two columns (and none at the edges), as gh and kubectl print their tables."""


def _overhead(columns: int) -> int:
    """The width a table spends between its columns."""
    return GAP * max(0, columns - 1)


def _needed(table: Table, stats: list[_Stats], flexible_width: int) -> int:
    """The width of a fitted table with fixed columns whole and flexible ones `flexible_width`
    wide at most."""
    widths = [
        min(flexible_width, max(s.longest, s.header_word)) if _flexible(c, s) else _fixed_width(s)
        for c, s in zip(table.columns, stats, strict=True)
    ]
    return sum(widths) + _overhead(len(widths))


MAIN_SHARE = 0.45
"""The share of the width a table's main text column keeps at least (when it needs it) before
its other text columns grow past their longest word."""


def _fit(table: Table, stats: list[_Stats], width: int) -> list[int]:
    """Column widths for a table drawn `width` wide, giving the width to the text: numbers and
    text without spaces whole; the main text column (the longest on average) as wide as it can
    be; the other text columns whole when they leave it MAIN_SHARE of the width, else as wide
    as their longest word (up to 14), then growing by their mean length with what is left."""
    flexible = [_flexible(c, s) for c, s in zip(table.columns, stats, strict=True)]
    full = [  # a text column's header whole when there is room; a number's wraps over it
        max(s.longest, len(c.header) if flex and "\n" not in c.header else s.header_word)
        for c, s, flex in zip(table.columns, stats, flexible, strict=True)
    ]
    low = [
        min(f, max(FLEXIBLE_MIN, s.two_lines, min(max(s.word, s.header_word), 14)))
        for f, s in zip(full, stats, strict=True)
    ]
    widths = [lo if flex else f for flex, lo, f in zip(flexible, low, full, strict=True)]
    spare = width - _overhead(len(widths)) - sum(widths)
    texts = [i for i, flex in enumerate(flexible) if flex]
    if not texts or spare <= 0:
        return widths
    main = max(texts, key=lambda i: (stats[i].mean, full[i]))
    keep = min(full[main] - widths[main], max(0, int(width * MAIN_SHARE) - widths[main]))
    for i in sorted((i for i in texts if i != main), key=lambda i: full[i]):
        if full[i] - widths[i] <= spare - keep:
            spare -= full[i] - widths[i]
            widths[i] = full[i]
    grow = min(full[main] - widths[main], spare)
    widths[main] += grow
    spare -= grow
    _fill(widths, full, [max(1, s.mean) for s in stats], spare)
    _balance(table, widths, low, full, main, [i for i in texts if i != main])
    return widths


def _balance(table: Table, widths: list[int], low: list[int], full: list[int], main: int, others: list[int]) -> None:
    """Move width between two text columns, each pair in turn (twice over), to where the rows
    take the fewest lines; on a tie, the column other than the main one as wide as it can be,
    so that short texts such as names stay on one line."""
    if not others or len(table.rows) > 200:
        return
    cells = [[human(c, row) for row in table.rows] for c in table.columns]
    texts = [main, *others]
    pairs = [(a, b) for a in texts for b in texts if a != b and (a == main or (b != main and a < b))]
    for _round in range(2):
        for keep, other in pairs:
            pair = widths[keep] + widths[other]
            best: tuple[int, int] | None = None
            for width in range(min(full[other], pair - low[keep]), low[other] - 1, -1):
                if pair - width > full[keep]:
                    break
                trial = widths.copy()
                trial[other], trial[keep] = width, pair - width
                lines = _rows_lines(cells, trial)
                if best is None or lines < best[0]:
                    best = (lines, width)
            if best is not None:
                widths[other], widths[keep] = best[1], pair - best[1]


def _rows_lines(cells: list[list[str]], widths: list[int]) -> int:
    """How many lines the rows take with these column widths (words wrapped at spaces)."""
    rows = len(cells[0]) if cells else 0
    return sum(
        max(_lines_at(column[r], width) for column, width in zip(cells, widths, strict=True)) for r in range(rows)
    )


def _words(paragraph: str) -> list[str]:
    """A line's words, a mark of the editors' words kept with the word before it."""
    words: list[str] = []
    for word in paragraph.split():
        if word == EDITORIAL_MARK and words:
            words[-1] += " " + word
        else:
            words.append(word)
    return words


def _wrapped(text: str, width: int) -> str:
    """A text wrapped at spaces to width, as Rich would, but never leaving the mark of the
    editors' words alone on a line (a word longer than width is left for Rich to fold)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in _words(paragraph):
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
    return "\n".join(lines)


def _lines_at(text: str, width: int) -> int:
    """How many lines a text takes wrapped at spaces to width (a longer word folded)."""
    total = 0
    for paragraph in text.split("\n"):
        used = -1
        lines = 1
        for word in _words(paragraph):
            size = len(word)
            if used >= 0 and used + 1 + size <= width:
                used += 1 + size
                continue
            if used >= 0:
                lines += 1
            lines += (size - 1) // max(1, width)
            used = (size - 1) % max(1, width) + 1
        total += lines
    return total


def _wrap_header(header: str, width: int) -> str:
    """A header's words on lines no wider than width (a longer word keeps its line)."""
    lines: list[str] = []
    for word in header.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


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


def _grid(ascii_only: bool, **options: Any) -> RichTable:
    """An empty Rich table in medcoop's style (its title and caption are _Titled's)."""
    from rich import box
    from rich.table import Table as RichTable

    return RichTable(
        box=_ascii_head() if ascii_only else box.SIMPLE_HEAD,
        header_style="bold",
        show_lines=False,
        show_edge=False,
        pad_edge=False,
        collapse_padding=True,
        **options,
    )


def _ascii_head() -> Any:
    from rich.box import Box

    return Box("    \n    \n -- \n    \n    \n    \n    \n    \n", ascii=True)


class _Titled:
    """A Rich table under its title, over its caption (an empty table's note), both at the left
    as the table's first column is, never broken inside a word: whole in a pipe or a file (the
    width it needs counts in the view's), wrapped at spaces only on a narrower terminal."""

    def __init__(self, table: RenderableType, title: str | None, caption: str | None) -> None:
        self.table = table
        self.title = visible(brief(title)) if title else None
        self.caption = visible(brief(caption)) if caption else None  # it may echo what was searched

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.title:
            yield from self._annotation(console, options, self.title, "bold")
        yield self.table
        if self.caption:
            yield from self._annotation(console, options, self.caption, "table.caption")

    @staticmethod
    def _annotation(console: Console, options: ConsoleOptions, text: str, style: str) -> RenderResult:
        from rich.cells import cell_len
        from rich.text import Text

        # Wrapped at spaces (crop cuts nothing then); a word wider than the terminal, never
        # wrapped at all (the terminal shows all of it on two lines rather than lose its end).
        longest = max(cell_len(word) for word in text.split())
        overflow: OverflowMethod = "crop" if longest <= options.max_width else "ignore"
        yield from console.render(Text(text, style=style, justify="left", overflow=overflow), options)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.cells import cell_len
        from rich.measure import Measurement

        table = Measurement.get(console, options, self.table)
        texts = [text for text in (self.title, self.caption) if text]
        longest = max((cell_len(text) for text in texts), default=0)
        word = max((cell_len(word) for text in texts for word in text.split()), default=0)
        return Measurement(max(table.minimum, word), max(table.maximum, longest))


def _rich_table(
    table: Table, ascii_only: bool, widths: list[int] | None = None, stats: list[_Stats] | None = None
) -> RenderableType:
    """A Rich table. Without widths (a pipe, a file, or measuring) nothing wraps; given column
    widths (from _fit, for a terminal narrower than the table), numbers are never folded and
    paragraphs wrap."""
    if widths is None:
        return _unwrapped_table(table, ascii_only)
    from rich.text import Text

    grid = _grid(ascii_only)
    for c, s, width in zip(table.columns, stats or _stats(table), widths, strict=True):
        whole = not _flexible(c, s)
        shown = visible(c.header)  # an SQL alias may hold controls or markup: shown as text
        header = Text(_wrap_header(shown, width) if whole else shown)
        right = c.kind in NUMERIC_KINDS
        grid.add_column(header, justify="right" if right else "left", no_wrap=whole, overflow="fold", width=width)
    wraps = [_flexible(c, s) for c, s in zip(table.columns, stats or _stats(table), strict=True)]
    for row in table.rows:
        cells = (
            _wrapped(human(c, row), w) if wrap else human(c, row)
            for c, w, wrap in zip(table.columns, widths, wraps, strict=True)
        )
        grid.add_row(*(_cell_text(text, table.highlight) for text in cells))
    return _titled(grid, table)


def _titled(grid: RichTable, table: Table) -> _Titled:
    return _Titled(grid, table.title, None if table.rows else table.empty_note)


def _unwrapped_table(table: Table, ascii_only: bool) -> RenderableType:
    """The table _rich_table draws, for an unlimited width: each column as wide as its longest
    line, so that Rich need not measure every word of every cell to find it, and each line of
    a cell padded and justified here as Rich would, which spares it a Padding around every
    cell. The same characters for about half the work."""
    from rich.cells import cell_len

    grid = _grid(ascii_only, padding=0)
    shown = [[visible(human(c, row)).split("\n") for c in table.columns] for row in table.rows]
    last = len(table.columns) - 1
    for i, c in enumerate(table.columns):
        header = visible(c.header).split("\n")
        width = max(cell_len(line) for lines in (header, *(row[i] for row in shown)) for line in lines)
        right = c.kind in NUMERIC_KINDS
        gap = " " * (GAP - 1) if i < last else ""

        def pad(lines: list[str], width: int = width, right: bool = right, gap: str = gap) -> str:
            return "\n".join((" " * (width - cell_len(line)) if right else "") + line + gap for line in lines)

        grid.add_column(_cell_text(pad(header), None, escape=False), no_wrap=True, width=width + len(gap))
        for row in shown:
            row[i] = [pad(row[i])]
    for row in shown:
        grid.add_row(*(_cell_text(cell[0], table.highlight, escape=False) for cell in row))
    return _titled(grid, table)


def _record_blocks(table: Table, ascii_only: bool) -> RenderableType:
    """The rows as blocks of 'Header  value' lines, for terminals too narrow for the columns."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table as RichTable
    from rich.text import Text

    blocks: list[RenderableType] = []
    if table.title:
        blocks.append(Text(visible(brief(table.title)), style="bold"))
    for number, row in enumerate(table.rows, start=1):
        blocks.append(Rule(f"{number}/{len(table.rows)}", characters="-" if ascii_only else "─", align="left"))
        grid = RichTable.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for c in table.columns:
            value = human(c, row)
            if value:
                grid.add_row(Text(visible(c.header)), _cell_text(value, table.highlight))
        blocks.append(grid)
    if not table.rows:
        blocks.append(Text(visible(brief(table.empty_note))))
    return Group(*blocks)


def _cell_text(value: str, highlight: str | None, *, escape: bool = True) -> Text:
    """A cell's text, controls escaped (unless they already are), the search match highlighted."""
    from rich.text import Text

    text = Text(visible(value) if escape else value)
    if highlight:
        from medcoop.names import folded_span

        span = folded_span(text.plain, highlight)
        if span is not None:
            text.stylize("bold reverse", *span)
    return text


def _bars(chart: Bars, ascii_only: bool) -> RenderableType:
    """A bar chart as lines of text: the title centred over them, then label, value and bar.
    (The same characters and styles as a Rich grid of three columns, for a fraction of the work.)"""
    from rich.cells import cell_len
    from rich.text import Text

    block = "#" if ascii_only else "█"
    top = max((v for _, v in chart.items), default=0) or 1
    labels = [visible(label) for label, _ in chart.items]
    values = list(chart.shown_values())
    bars = [block * max(1, round(30 * value / top)) for _, value in chart.items]
    label_width = max(map(cell_len, labels))
    value_width = max(map(len, values))
    bar_width = max(map(len, bars))
    width = label_width + 1 + value_width + 1 + bar_width
    title = visible(chart.title)
    left = max(0, (width - cell_len(title)) // 2)
    text = Text(no_wrap=True, overflow="crop")
    text.append(" " * left + title + " " * max(0, width - left - cell_len(title)), style="table.title")
    for label, value, bar in zip(labels, values, bars, strict=True):
        text.append(f"\n{label}{' ' * (label_width - cell_len(label))} {value:>{value_width}} ")
        text.append(bar.ljust(bar_width), style="cyan")
    return text


def _parts(view: View, ascii_only: bool, *, width: int | None = None) -> list[RenderableType]:
    """What the table view prints; with a width, tables wider than it are fitted to it."""
    from rich.text import Text

    parts: list[RenderableType] = [Text(visible(brief(line))) for line in view.preface]
    for item in (view.table, *view.extras):
        if isinstance(item, Bars):
            if item.items:
                parts += [Text(""), _bars(item, ascii_only)]
            continue
        if item is not view.table:
            if not item.rows:
                continue  # an extra with nothing to show in these years (the counts of 2018)
            parts.append(Text(""))
        parts.append(_table_or_blocks(item, ascii_only, width))
        parts += [Text(visible(line), style="dim") for line in item.legend]
    return parts


def _table_or_blocks(table: Table, ascii_only: bool, width: int | None) -> RenderableType:
    """The table uncut (no width), fitted to the width, or as blocks when it cannot be."""
    if width is None:
        return _rich_table(table, ascii_only)
    stats = _stats(table)
    if _needed(table, stats, BLOCKS_UNDER) > width:
        return _record_blocks(table, ascii_only)
    return _rich_table(table, ascii_only, _fit(table, stats, width), stats)


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
    from rich.console import Group

    console = _console(term, width, sink, record=sink is None)
    console.print(Group(*parts), crop=False)  # a title word wider than a terminal is not cut
    return console


def table_view(view: View, term: Terminal) -> str:
    """The human view: preface, the table fitted to a terminal (uncut in a pipe), extras."""
    if view.notice and not view.table.rows:
        return ""  # nothing to draw: the notice (on stderr) is the answer
    view = view.for_people()
    sink = _Sink(term.encoding)
    if term.is_tty:
        _draw(_shortened(view), term, max(40, term.width), sink)
    else:
        _check_pipe_width(view)
        _draw(view, term, None, sink)
    return _strip_trailing(sink.getvalue())


PIPE_WIDTH = 10_000
"""The widest table drawn for a pipe or a file, in characters (about ten times the widest the
report's data make): every cell is whole in it; a wider one is refused rather than cut."""


def _check_pipe_width(view: View) -> None:
    """CannotDraw when a table or chart of the view would be wider than PIPE_WIDTH. Measured by
    characters, at most half the terminal cells they take, so that the check costs a pass
    over the text and the console's UNLIMITED width always holds what it lets through."""
    for item in (view.table, *view.extras):
        if isinstance(item, Bars):
            texts = [[label for label, _ in item.items]]
        else:
            texts = [[c.header, *(human(c, row) for row in item.rows)] for c in item.columns]
        width = sum(max((len(line) for text in column for line in text.split("\n")), default=0) for column in texts)
        if width + _overhead(len(texts)) > PIPE_WIDTH:
            raise CannotDraw(
                i18n._(
                    "the table view would be {width} characters wide, more than the {limit} it draws "
                    "whole in a pipe or a file; use --format csv, tsv, json, jsonl, markdown or html for every cell"
                ).format(width=i18n.number(width), limit=i18n.number(PIPE_WIDTH))
            )


CELL_SHOWN = 2_000
"""A terminal or a picture shows this many characters of a longer cell, and says how many it
leaves out (wrapping megabytes of text would take minutes); other formats carry every one."""


def _shortened(view: View) -> View:
    """The view with cells longer than CELL_SHOWN cut there, with a note of what is left out."""

    def cut(value: Cell) -> Cell:
        if isinstance(value, str) and len(value) > CELL_SHOWN:
            left = len(value) - CELL_SHOWN
            more = i18n._("{count} more characters: --format csv or json shows all").format(count=i18n.number(left))
            return f"{value[:CELL_SHOWN]}… [{more}]"
        return value

    def table(t: Table) -> Table:
        if not any(isinstance(v, str) and len(v) > CELL_SHOWN for row in t.rows for v in row.values()):
            return t
        rows = [{k: cut(v) for k, v in row.items()} for row in t.rows]
        return t.replace(columns=t.columns, rows=rows, legend=t.legend)

    extras = tuple(table(e) if isinstance(e, Table) else e for e in view.extras)
    return View(table=table(view.table), preface=view.preface, extras=extras, notice=view.notice, aside=view.aside)


SVG_COLUMNS = 120
"""Pictures wrap long cells at this many columns (never cutting them), so that they stay legible."""


def svg_picture(view: View) -> str:
    """The table view, bars included, as an SVG picture (in colour; cells over CELL_SHOWN
    characters shortened, saying so)."""
    view = view.for_people()
    console = _draw(_shortened(view), Terminal(color=True), SVG_COLUMNS)
    return console.export_svg(title=brief(view.table.title or "medcoop"))


def _strip_trailing(text: str) -> str:
    return "".join(line.rstrip(" ") + "\n" for line in text.splitlines())
