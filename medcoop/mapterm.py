"""The world map in a terminal: coloured half-block characters drawn with Rich, fitted to the
terminal's width, a legend, and the list of the countries shown with their counts (drawn by
the table view), so that nothing is told by colour alone.

Without colour (--no-color, NO_COLOR, TERM=dumb, a pipe or a file) the map is drawn with one
plain ASCII character per cell (legend below it), then the same list. Imported only by
`medcoop map`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from medcoop import captions, i18n
from medcoop.choropleth import HOME_FILL, LAND_FILL, Choropleth
from medcoop.geo import World, cell_of, raster
from medcoop.render import Terminal, visible
from medcoop.view import Column, Table, View

if TYPE_CHECKING:
    from rich.style import Style
    from rich.text import Text

PIPE_WIDTH: Final = 80  # a pipe or a file gets the map this wide
MAX_WIDTH: Final = 240
MIN_WIDTH: Final = 40
USUAL_WIDTHS: Final = (80, 100, 120, 132, 160, 200, MAX_WIDTH)
"""Terminal widths whose maps' rasters, with the pipe's, are compiled into the wheel (sizes())."""
RAMP: Final = (":", "+", "*", "#", "@")  # classes, lightest to darkest, without colour
SPREAD: Final = {1: (3,), 2: (1, 4), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}
HOME_CHAR: Final = "C"
LAND_CHAR: Final = "."

Grid = list[list[str | None]]


def _width(term: Terminal) -> int:
    """Columns for the map: the terminal's less one (a full line can wrap on some terminals)."""
    if not term.is_tty:
        return PIPE_WIDTH
    return max(MIN_WIDTH, min(term.width, MAX_WIDTH)) - 1


def _rows(world: World, columns: int, *, half_blocks: bool) -> int:
    """Map rows for a map `columns` wide: a character cell is about twice as tall as wide, and
    a half block draws two rows in one (their number kept even)."""
    if half_blocks:
        return 2 * round(columns * world.height / world.width / 2)
    return round(columns * world.height / world.width / 2)


def sizes(world: World) -> list[tuple[int, int]]:
    """(columns, rows) of the rasters a pipe or a file (characters, or half blocks with
    FORCE_COLOR) and terminals of the usual widths (either way) draw: those compiled into
    the wheel with the geometry (geo.module_source, hatch_build.py)."""
    terminals = [Terminal(is_tty=True, width=width) for width in USUAL_WIDTHS]
    widths = {_width(Terminal()), *map(_width, terminals)}
    return sorted({(c, _rows(world, c, half_blocks=half)) for c in widths for half in (False, True)})


def _grid(chart: Choropleth, world: World, columns: int, rows: int) -> Grid:
    """Country key per cell; a country shown on the map that no cell reaches (a small state)
    gets the cell at its centre."""
    grid = raster(world, columns, rows)
    present = {key for row in grid for key in row if key}
    for entry in chart.entries:
        if entry.shown and entry.a2 not in present and entry.a2 in world.shapes:
            i, j = cell_of(world, world.shapes[entry.a2].centre, columns, rows)
            grid[j][i] = entry.a2
    return grid


def _fills(chart: Choropleth) -> dict[str, str]:
    return {e.a2: e.fill for e in chart.entries if e.shown}


# --------------------------------------------------------------------------- colour


def _half_blocks(chart: Choropleth, world: World, columns: int) -> Text:
    """Two map pixels per character: the upper half in the foreground colour of '▀', the
    lower half in its background; runs of equal cells share one style."""
    from rich.style import Style
    from rich.text import Text

    rows = _rows(world, columns, half_blocks=True)
    grid = _grid(chart, world, columns, rows)
    fills = _fills(chart)
    styles: dict[tuple[str | None, str | None], tuple[str, Style | None]] = {}

    def cell(top: str | None, bottom: str | None) -> tuple[str, Style | None]:
        pair = (top, bottom)
        if pair not in styles:
            if top is None and bottom is None:
                styles[pair] = (" ", None)
            elif top is None:
                styles[pair] = ("▄", Style(color=bottom))
            else:
                styles[pair] = ("▀", Style(color=top, bgcolor=bottom))
        return styles[pair]

    text = Text()
    for j in range(0, rows, 2):
        upper = [fills.get(k, LAND_FILL) if k else None for k in grid[j]]
        lower = [fills.get(k, LAND_FILL) if k else None for k in grid[j + 1]]
        run_char, run_style, run = "", None, 0
        for top, bottom in zip(upper, lower, strict=True):
            char, style = cell(top, bottom)
            if run and (char, style) != (run_char, run_style):
                text.append(run_char * run, style=run_style)
                run = 0
            run_char, run_style = char, style
            run += 1
        text.append(run_char * run, style=run_style)
        text.append("\n")
    return text


def _swatch_legend(chart: Choropleth, columns: int) -> Text:
    """The legend in coloured swatches, wrapped between items (never inside one)."""
    from rich.style import Style
    from rich.text import Text

    items: list[tuple[str, str | None, str]] = [(captions.MAP_LEGEND.format(measure=chart.measure), None, "")]
    items += [("", fill, label) for fill, label in _legend_items(chart)]
    text, used = Text(), 0
    for words, fill, label in items:
        width = len(words) + (3 + len(label) if fill else 0)
        if used and used + 2 + width > columns:
            text.append("\n")
            used = 0
        elif used:
            text.append("  ")
            used += 2
        text.append(words)
        if fill:
            text.append("██", style=Style(color=fill))
            text.append(f" {label}")
        used += width
    return text


def _legend_items(chart: Choropleth) -> list[tuple[str, str]]:
    return [
        *((b.fill, b.label) for b in chart.bins),
        (HOME_FILL, captions.MAP_HOME),
        (LAND_FILL, captions.MAP_OTHER),
    ]


# --------------------------------------------------------------------------- no colour


def _characters(chart: Choropleth) -> dict[str, str]:
    """Character per legend fill, without colour: the ramp for the classes, C for home."""
    spread = SPREAD.get(len(chart.bins), ())
    chars = {b.fill: RAMP[spread[k]] for k, b in enumerate(chart.bins)}
    chars[HOME_FILL] = HOME_CHAR
    chars[LAND_FILL] = LAND_CHAR
    return chars


def _plain_map(chart: Choropleth, world: World, columns: int) -> str:
    """One character per cell (a cell is about twice as tall as wide)."""
    rows = _rows(world, columns, half_blocks=False)
    grid = _grid(chart, world, columns, rows)
    fills = _fills(chart)
    chars = _characters(chart)
    lines = ["".join(chars[fills.get(k, LAND_FILL)] if k else " " for k in row).rstrip() for row in grid]
    keys = [f"{chars[fill]} {label}" for fill, label in _legend_items(chart)]
    legend = captions.MAP_NO_COLOR_KEY.format(measure=chart.measure, keys="   ".join(keys))
    return "\n".join([*lines, *_wrapped(legend, columns)]) + "\n"


def _wrapped(text: str, columns: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, columns, break_long_words=False, break_on_hyphens=False) or [""]


# --------------------------------------------------------------------------- entry point


def _list_view(chart: Choropleth) -> View:
    """The countries shown, with their counts: the list under the map."""
    shown = {e.a2 for e in chart.entries if e.shown}
    table = chart.view.table
    derived = chart.measure == captions.role_name("mentions")  # how many of the mentions the editors derive
    return View(
        preface=(captions.msg("MAP_DERIVED"),) if derived else (),
        table=Table(
            columns=(
                Column("a2", "A2"),
                *(
                    (Column("name_es", "Country"), Column("name_en", "English"))
                    if i18n.language == "es"
                    else (Column("name_en", "Country"), Column("name_es", "Spanish"))
                ),
                Column("value", chart.measure.capitalize(), "int"),
                *((Column("mentions_derived", "Derived", "int"),) if derived else ()),
                Column("map_key", "Map key"),
            ),
            rows=[r for r in table.rows if r["a2"] in shown],
            title=table.title,
            empty_note=captions.MAP_NO_ROWS,
        ),
    )


def draw(chart: Choropleth, world: World, term: Terminal) -> str:
    """The map, its legend and the list of countries, for a terminal (or a pipe or a file)."""
    from medcoop.tableview import table_view

    columns = _width(term)
    utf = term.encoding.lower().replace("-", "").startswith("utf")
    title = "\n".join(_wrapped(visible(chart.title, one_line=True), columns))
    if term.color and utf:
        picture = _colour(chart, world, columns, title)
    else:
        picture = title + "\n" + _plain_map(chart, world, columns)
    source = "\n".join(_wrapped(captions.MAP_SOURCE, columns))
    apart = "" if chart.apart is None else "\n" + "\n".join(_wrapped(i18n.shown(chart.apart), columns)) + "\n"
    return f"{picture}{source}\n\n{table_view(_list_view(chart), term)}{apart}"


def _colour(chart: Choropleth, world: World, columns: int, title: str) -> str:
    """The half-block map and its legend as text with the terminal's colour codes; the
    colour system (truecolor, 256, 16) is Rich's reading of the environment."""
    import io

    from rich.console import Console
    from rich.text import Text

    sink = io.StringIO()
    console = Console(
        file=sink,
        width=columns + 1,
        force_terminal=True,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=True,
        legacy_windows=False,
        force_jupyter=False,
        force_interactive=False,
    )
    console.print(Text(title, style="bold"))
    console.print(_half_blocks(chart, world, columns), end="")
    console.print(_swatch_legend(chart, columns))
    return sink.getvalue()
