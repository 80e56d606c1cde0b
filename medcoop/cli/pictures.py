"""The picture commands: the world map (terminal and SVG) and the HTML fact sheet."""

from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from medcoop import words
from medcoop.cli.options import DataOpt, YearOpt, _one, load, with_output_options
from medcoop.cli.output import _check_excel, emit, refuse_same_output, say, show, terminal
from medcoop.cli.registry import COMMANDS, command
from medcoop.errors import UsageError
from medcoop.formats import Format
from medcoop.i18n import _
from medcoop.lazy import LazyModule

if TYPE_CHECKING:
    from medcoop import query
else:  # imported on first use: `medcoop --version` and `--help` need none of them
    query = LazyModule("medcoop.query")

# --------------------------------------------------------------------------- pictures: map and report

MAP_ROLES = tuple(w.value for w in words.MAP_ROLES)
MapRoleOpt = Annotated[
    Optional[str],
    typer.Option(
        "--role",
        "-r",
        help=f"Colour by one role instead of all mentions: {', '.join(MAP_ROLES)}.",
        autocompletion=lambda incomplete: words.completions(words.MAP_ROLES, incomplete),
        show_default=False,
    ),
]
MapSvgOpt = Annotated[
    Optional[str],  # not a Path, which would turn '' into '.'
    typer.Option(
        "--svg",
        help="Also save the map as an SVG picture (tooltips, legend, source).",
        show_default=False,
        metavar="FILE",
    ),
]

MAP_HELP = (
    "A world map of the report's countries, coloured by mentions (or by one --role), Colombia marked as the "
    "home country, with a legend and the list of the countries and their counts.\n\n"
    "On a terminal: coloured half blocks. Without colour (--no-color, NO_COLOR, a pipe, a file): one ASCII "
    "character per place, explained under the map. -f csv, json, ...: the data behind the map, as "
    "`medcoop countries` counts it.\n\n"
    "Example: medcoop map --role visitor --svg visitors.svg"
)
REPORT_HELP = (
    "Write a fact sheet of the report as one self-contained HTML page to publish or print (two A4 pages, then "
    "its sources): the key figures, the map, the actions, awards, events and visitors in words, the counts the "
    "report states, corrections, each source sentence whole and how to cite.\n\n"
    "Example: medcoop report -o medellin-cooperation.html"
)


def map_command(role: MapRoleOpt = None, year: YearOpt = None, svg: MapSvgOpt = None, **out: Any) -> None:
    from medcoop import choropleth

    fmt: Format = out.pop("fmt")
    refuse_same_output(svg, out["output"])
    ds = load(out.pop("data"))
    chart = choropleth.build(ds, query.parse_years(_one(year, "--year"), ds), role)
    if svg is not None:
        from medcoop.files import atomic_write_text
        from medcoop.geo import world
        from medcoop.mapsvg import svg_map

        atomic_write_text(svg, svg_map(chart, world()))
        say(_("wrote {path}").format(path=svg))
        if fmt is Format.table and out["output"] is None and terminal(out["no_color"]).is_tty:
            return  # on a terminal the picture was the answer: no map paged behind the message
    if fmt is not Format.table:
        emit(chart.view, fmt, **out)  # the data behind the map: no geometry needed
        return
    _check_excel(fmt, out["excel"])
    for option, given in (("--cite", out["cite"]), ("--wide", out["wide"]), ("--columns", out["columns"] is not None)):
        if given:
            raise UsageError(
                _(
                    "{option} goes with the data behind the map: -f csv, tsv, json, jsonl, markdown, html or xlsx"
                ).format(option=option)
            )
    from medcoop.cells import Terminal
    from medcoop.geo import world
    from medcoop.mapterm import draw

    output = out["output"]
    term = Terminal() if output is not None else terminal(out["no_color"])  # a file: as a pipe, no colour
    text = draw(chart, world(), term)
    if output is not None:
        from medcoop.files import atomic_write_text

        atomic_write_text(output, text)
        return
    show(text, term, term.encoding, no_pager=out["no_pager"])


map_command.__doc__ = MAP_HELP
COMMANDS["map"] = lambda: with_output_options(map_command)


@command
def report(
    output: Annotated[
        Optional[str],
        typer.Option("--output", "-o", help="The HTML file to write.", show_default=False, metavar="FILE.html"),
    ] = None,
    data: DataOpt = None,
) -> None:
    from medcoop.factsheet import fact_sheet
    from medcoop.files import atomic_write_text

    if output is None:
        raise UsageError(
            _("medcoop report writes an HTML page: name it with -o, as in medcoop report -o {example}").format(
                example="medellin-cooperation.html"
            )
        )

    atomic_write_text(output, fact_sheet(load(data)))
    say(_("wrote {path}").format(path=output))


report.__doc__ = REPORT_HELP
