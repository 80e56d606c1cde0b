"""The command line: parse arguments, call one query, hand the view to render, map errors to exit codes."""

import os
import shutil
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, Optional

import typer

from medcoop import __version__
from medcoop.errors import ExitCode, MedcoopError, UsageError
from medcoop.formats import Format
from medcoop.lazy import lazy_module

if TYPE_CHECKING:
    from medcoop import dataset as ds_module
    from medcoop import query
    from medcoop.render import Terminal
    from medcoop.view import View
else:  # imported on first use: `medcoop --version` and `--help` need none of them
    ds_module = lazy_module("medcoop.dataset")
    query = lazy_module("medcoop.query")

EXIT_CODES = (
    "Exit codes: 0 success (an empty result too); 1 data or runtime error; "
    "2 usage error (unknown option, bad value, unknown name, bad year); "
    "130 interrupted; 141 the reader closed the pipe early."
)

APP_HELP = (
    "Query ACI Medellín's Special Report on Cooperation 2016, 2017, 2018: every figure, "
    "partner, award and visitor, each with the sentence it comes from.\n\n"
    "Example: medcoop country Korea -f csv"
)

COMMANDS: dict[str, Callable[..., None]] = {}


def command(func: Callable[..., None]) -> Callable[..., None]:
    """Register a command; build_app() turns the registry into a Typer app."""
    COMMANDS[func.__name__] = func
    return func


def build_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command, or with only the one being run: Typer builds
    each command's parameters from its signature at every start, so one is cheaper than all."""
    built = typer.Typer(
        name="medcoop",
        help=APP_HELP,
        epilog=EXIT_CODES,
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    built.callback()(main_options)
    for name, func in COMMANDS.items():
        if only is None or name == only:
            built.command(name)(func)
    return built


# --------------------------------------------------------------------------- shared options

FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        envvar="MEDCOOP_FORMAT",
        case_sensitive=False,
        help="Output format: table, csv, tsv, json, jsonl, markdown or html. [env: MEDCOOP_FORMAT]",
        show_envvar=False,
    ),
]
DataOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--data",
        envvar="MEDCOOP_DATA",
        help="Use another dataset file of the same schema (validated when loaded). [env: MEDCOOP_DATA]",
        show_default=False,
        show_envvar=False,
    ),
]
YearOpt = Annotated[
    Optional[str],
    typer.Option("--year", "-y", help="Only these years: a year (2017) or a range (2016-2017).", show_default=False),
]
CiteOpt = Annotated[bool, typer.Option("--cite", help="Add the provenance columns: section and quote.")]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colour in the table view.")]
SvgOpt = Annotated[
    Optional[Path],
    typer.Option("--svg", help="Also save the table view, bars included, as an SVG picture.", show_default=False),
]
ExcelOpt = Annotated[
    bool,
    typer.Option("--excel", help="CSV/TSV for spreadsheets: BOM, CRLF, formula-like text cells prefixed with '."),
]


class PipeClosed(MedcoopError):
    """The reader of our output went away (head -1); ends quietly."""

    exit_code = ExitCode.PIPE_CLOSED


# --------------------------------------------------------------------------- output


def terminal(no_color: bool) -> "Terminal":
    from medcoop.render import Terminal

    """What stdout is: a terminal to fit, or a pipe or file that gets every cell whole."""
    env = os.environ
    is_tty = sys.stdout.isatty()
    if no_color or env.get("NO_COLOR"):
        color = False
    elif env.get("FORCE_COLOR"):
        color = True
    elif env.get("TERM") == "dumb":
        color = False
    else:
        color = is_tty
    width = shutil.get_terminal_size().columns if is_tty else 80
    return Terminal(is_tty=is_tty, width=width, color=color, encoding=sys.stdout.encoding or "utf-8")


def write_stdout(text: str, encoding: str = "utf-8") -> None:
    data = text.encode(encoding, errors="backslashreplace")
    try:
        sys.stdout.flush()
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(data.decode(encoding))
            sys.stdout.flush()
        else:
            buffer.write(data)
            buffer.flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so that the interpreter's final flush stays quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise PipeClosed("") from None


def say(message: str) -> None:
    """One line on stderr, controls escaped."""
    from medcoop.render import visible

    sys.stderr.write(f"medcoop: {visible(message, one_line=True)}\n")
    sys.stderr.flush()


def emit(
    view: "View",
    fmt: Format,
    *,
    cite: bool = False,
    no_color: bool = False,
    excel: bool = False,
    svg: Path | None = None,
) -> None:
    from msgspec import structs

    from medcoop.render import render, svg_picture

    if excel and fmt not in (Format.csv, Format.tsv):
        raise UsageError("--excel goes with --format csv or tsv")
    if view.notice:
        say(view.notice)
    if cite:
        view = structs.replace(view, table=view.table.cited(), extras=())
    if svg is not None:
        try:
            svg.write_text(svg_picture(view), encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{svg}: cannot write ({exc.strerror or exc})") from None
    term = terminal(no_color)
    text = render(view, fmt, term, excel=excel)
    human = fmt is Format.table
    write_stdout(text, term.encoding if human else "utf-8")


def load(data: Path | None) -> "ds_module.Dataset":
    return ds_module.load(data)


# --------------------------------------------------------------------------- commands


def _version(value: bool) -> None:
    if value:
        write_stdout(f"medcoop {__version__}\n")
        raise typer.Exit()


def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Query ACI Medellín's Special Report on Cooperation 2016, 2017, 2018."""


@command
def summary(
    fmt: FormatOpt = Format.table,
    year: YearOpt = None,
    data: DataOpt = None,
    cite: CiteOpt = False,
    no_color: NoColorOpt = False,
    excel: ExcelOpt = False,
    svg: SvgOpt = None,
) -> None:
    """The report's headline figures, one row per figure.

    Example: medcoop summary -f csv
    """
    ds = load(data)
    emit(query.summary(ds, query.parse_years(year, ds)), fmt, cite=cite, no_color=no_color, excel=excel, svg=svg)


def _complete_country(incomplete: str) -> list[str]:
    from medcoop.names import fold

    try:
        ds = load(None)
    except MedcoopError:
        return []
    key = fold(incomplete)
    names = [n for c in ds.countries for n in (c.name_en, c.name_es, c.a2, c.a3)]
    return sorted({n for n in names if fold(n).startswith(key)})


@command
def country(
    name: Annotated[
        str,
        typer.Argument(
            help="English or Spanish name, ISO code, alias or the report's spelling; a unique prefix works.",
            autocompletion=_complete_country,
            show_default=False,
        ),
    ],
    fmt: FormatOpt = Format.table,
    year: YearOpt = None,
    data: DataOpt = None,
    cite: CiteOpt = False,
    no_color: NoColorOpt = False,
    excel: ExcelOpt = False,
    svg: SvgOpt = None,
) -> None:
    """Everything the report says about one country, one row per mention.

    Example: medcoop country "Corea del Sur" -f csv
    """
    ds = load(data)
    emit(query.country(ds, name, query.parse_years(year, ds)), fmt, cite=cite, no_color=no_color, excel=excel, svg=svg)


@command
def countries(
    fmt: FormatOpt = Format.table,
    year: YearOpt = None,
    data: DataOpt = None,
    cite: CiteOpt = False,
    no_color: NoColorOpt = False,
    excel: ExcelOpt = False,
    svg: SvgOpt = None,
) -> None:
    """Every country in the report: codes, English and Spanish names, mentions per role.

    Example: medcoop countries -f json
    """
    ds = load(data)
    emit(query.countries(ds, query.parse_years(year, ds)), fmt, cite=cite, no_color=no_color, excel=excel, svg=svg)


@command
def awards(
    fmt: FormatOpt = Format.table,
    year: YearOpt = None,
    data: DataOpt = None,
    cite: CiteOpt = False,
    no_color: NoColorOpt = False,
    excel: ExcelOpt = False,
    svg: SvgOpt = None,
) -> None:
    """Named awards and recognitions, and the award counts the report states.

    Example: medcoop awards --year 2018
    """
    ds = load(data)
    emit(query.awards(ds, query.parse_years(year, ds)), fmt, cite=cite, no_color=no_color, excel=excel, svg=svg)


CountryOpt = Annotated[
    Optional[str], typer.Option("--country", "-c", help="Only rows about this country (any of its names).")
]


def _complete_partner(incomplete: str) -> list[str]:
    from medcoop.names import fold

    try:
        ds = load(None)
    except MedcoopError:
        return []
    key = fold(incomplete)
    names = [n for o in ds.organisations for n in (o.name_corrected or o.name, o.acronym) if n]
    return sorted({n for n in names if fold(n).startswith(key)})


@command
def actions(
    fmt: FormatOpt = Format.table,
    year: YearOpt = None,
    country: CountryOpt = None,
    partner: Annotated[
        Optional[str], typer.Option("--partner", "-p", help="Only actions with this organisation.")
    ] = None,
    modality: Annotated[
        Optional[str], typer.Option("--modality", "-m", help="Only this modality: technical, financial, ...")
    ] = None,
    data: DataOpt = None,
    cite: CiteOpt = False,
    no_color: NoColorOpt = False,
    excel: ExcelOpt = False,
    svg: SvgOpt = None,
) -> None:
    """Cooperation actions: year, partners, countries, modality, amount, who benefits.

    Example: medcoop actions --year 2017 --modality financial
    """
    ds = load(data)
    view = query.actions(ds, query.parse_years(year, ds), country=country, partner=partner, modality=modality)
    emit(view, fmt, cite=cite, no_color=no_color, excel=excel, svg=svg)


@command
def events(
    fmt: FormatOpt = Format.table,
    year: YearOpt = None,
    country: CountryOpt = None,
    data: DataOpt = None,
    cite: CiteOpt = False,
    no_color: NoColorOpt = False,
    excel: ExcelOpt = False,
    svg: SvgOpt = None,
) -> None:
    """International events the city was invited to or took part in.

    Example: medcoop events --country Singapore
    """
    ds = load(data)
    emit(
        query.events(ds, query.parse_years(year, ds), country=country),
        fmt,
        cite=cite,
        no_color=no_color,
        excel=excel,
        svg=svg,
    )


@command
def visitors(
    fmt: FormatOpt = Format.table,
    year: YearOpt = None,
    country: CountryOpt = None,
    data: DataOpt = None,
    cite: CiteOpt = False,
    no_color: NoColorOpt = False,
    excel: ExcelOpt = False,
    svg: SvgOpt = None,
) -> None:
    """Visiting personalities: name as printed and corrected, title, organisation, country.

    Example: medcoop visitors --year 2018
    """
    ds = load(data)
    view = query.visitors(ds, query.parse_years(year, ds), country=country)
    emit(view, fmt, cite=cite, no_color=no_color, excel=excel, svg=svg)


@command
def partners(
    fmt: FormatOpt = Format.table,
    year: YearOpt = None,
    data: DataOpt = None,
    cite: CiteOpt = False,
    no_color: NoColorOpt = False,
    excel: ExcelOpt = False,
    svg: SvgOpt = None,
) -> None:
    """Every organisation in the report, with counts of its actions, awards, events and visitors.

    Example: medcoop partners -f csv
    """
    ds = load(data)
    emit(query.partners(ds, query.parse_years(year, ds)), fmt, cite=cite, no_color=no_color, excel=excel, svg=svg)


@command
def partner(
    name: Annotated[
        str,
        typer.Argument(
            help="Name, acronym or Spanish name of an organisation; a unique prefix works.",
            autocompletion=_complete_partner,
            show_default=False,
        ),
    ],
    fmt: FormatOpt = Format.table,
    year: YearOpt = None,
    data: DataOpt = None,
    cite: CiteOpt = False,
    no_color: NoColorOpt = False,
    excel: ExcelOpt = False,
    svg: SvgOpt = None,
) -> None:
    """Everything the report says about one organisation.

    Example: medcoop partner IDB
    """
    ds = load(data)
    emit(query.partner(ds, name, query.parse_years(year, ds)), fmt, cite=cite, no_color=no_color, excel=excel, svg=svg)


@command
def years(
    fmt: FormatOpt = Format.table,
    year: YearOpt = None,
    data: DataOpt = None,
    cite: CiteOpt = False,
    no_color: NoColorOpt = False,
    excel: ExcelOpt = False,
    svg: SvgOpt = None,
) -> None:
    """One row per year: delegates, journalists, awards, actions, events, visitors, USD stated.

    Example: medcoop years -f markdown
    """
    ds = load(data)
    emit(query.years_view(ds, query.parse_years(year, ds)), fmt, cite=cite, no_color=no_color, excel=excel, svg=svg)


@command
def search(
    text: Annotated[str, typer.Argument(help="Text to find, ignoring case and accents.", show_default=False)],
    fmt: FormatOpt = Format.table,
    year: YearOpt = None,
    data: DataOpt = None,
    cite: CiteOpt = False,
    no_color: NoColorOpt = False,
    excel: ExcelOpt = False,
    svg: SvgOpt = None,
) -> None:
    """Search every record of the report; one row per record found.

    Example: medcoop search "medellin lab"
    """
    ds = load(data)
    emit(query.search(ds, text, query.parse_years(year, ds)), fmt, cite=cite, no_color=no_color, excel=excel, svg=svg)


@command
def tallies(
    fmt: FormatOpt = Format.table,
    year: YearOpt = None,
    data: DataOpt = None,
    cite: CiteOpt = False,
    no_color: NoColorOpt = False,
    excel: ExcelOpt = False,
    svg: SvgOpt = None,
) -> None:
    """Counts the report states and the items it names ("Four awards, including ...").

    Example: medcoop tallies -f csv
    """
    ds = load(data)
    emit(query.tallies(ds, query.parse_years(year, ds)), fmt, cite=cite, no_color=no_color, excel=excel, svg=svg)


@command
def programmes(
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
    cite: CiteOpt = False,
    no_color: NoColorOpt = False,
    excel: ExcelOpt = False,
    svg: SvgOpt = None,
) -> None:
    """Programmes and initiatives: Sos Paisa (since 2004), Medellín LAB.

    Example: medcoop programmes --cite
    """
    emit(query.programmes(load(data)), fmt, cite=cite, no_color=no_color, excel=excel, svg=svg)


@command
def topics(
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
    cite: CiteOpt = False,
    no_color: NoColorOpt = False,
    excel: ExcelOpt = False,
    svg: SvgOpt = None,
) -> None:
    """The report's topic lists (delegations' interests, best practices, ...), one topic per row.

    Example: medcoop topics -f json
    """
    emit(query.topics(load(data)), fmt, cite=cite, no_color=no_color, excel=excel, svg=svg)


@command
def sections(
    fmt: FormatOpt = Format.table,
    data: DataOpt = None,
    cite: CiteOpt = False,
    no_color: NoColorOpt = False,
    excel: ExcelOpt = False,
    svg: SvgOpt = None,
) -> None:
    """The report: title, publisher, period, and how each section's year is known.

    Example: medcoop sections
    """
    emit(query.sections(load(data)), fmt, cite=cite, no_color=no_color, excel=excel, svg=svg)


@command
def export(
    directory: Annotated[Path, typer.Argument(help="Folder to write the data package into.", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Write into a folder that is not empty.")] = False,
    data: DataOpt = None,
) -> None:
    """Write the dataset as a Frictionless data package: datapackage.json and one CSV per table.

    Example: medcoop export out/ && frictionless validate out/datapackage.json
    """
    from medcoop.export import package

    ds = load(data)
    files = package(ds)
    try:
        if directory.exists() and not directory.is_dir():
            raise UsageError(f"{directory}: exists and is not a folder")
        if directory.is_dir() and any(directory.iterdir()) and not force:
            raise UsageError(f"{directory}: folder is not empty (use --force to write into it)")
        directory.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (directory / name).write_bytes(text.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{directory}: cannot write ({exc.strerror or exc})") from None
    say(f"wrote {len(files)} files to {directory}")


@command
def validate(
    path: Annotated[
        Optional[Path],
        typer.Argument(help="A dataset file; the shipped dataset (or --data) when omitted.", show_default=False),
    ] = None,
    data: DataOpt = None,
) -> None:
    """Check a dataset file: structure, types, ids, references, years, tallies, provenance.

    Example: medcoop validate my-edition.json
    """
    target = path or data or ds_module.default_path()
    ds = ds_module.decode(ds_module.read_file(target), str(target))
    problems = ds_module.validate(ds)
    if problems:
        from medcoop.render import visible

        write_stdout("".join(f"{visible(p, one_line=True)}\n" for p in problems))
        say(f"{target}: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
        raise typer.Exit(ExitCode.ERROR)
    write_stdout(f"valid: {target}\n")


# --------------------------------------------------------------------------- entry point


app = build_app()


def _app_for(args: list[str]) -> typer.Typer:
    """Only the command named in args (the first word that is no option), else the whole app."""
    if "_MEDCOOP_COMPLETE" in os.environ:
        return app
    name = next((a for a in args if not a.startswith("-")), None)
    if name is None and ("--version" in args or "-V" in args):
        return build_app("")  # the version needs no command
    return build_app(name) if name in COMMANDS else app


def main(argv: list[str] | None = None) -> int:
    """Run medcoop; returns the exit code. Errors become one line on stderr."""
    args = sys.argv[1:] if argv is None else list(argv)
    if not args:
        args = ["--help"]
    try:
        result = _app_for(args)(args=args, prog_name="medcoop", standalone_mode=False)
    except PipeClosed:
        return ExitCode.PIPE_CLOSED
    except MedcoopError as exc:
        say(f"error: {exc}")
        return exc.exit_code
    except typer.TyperException as exc:  # Click's usage errors derive from it
        hint = ""
        ctx = getattr(exc, "ctx", None)
        if ctx is not None:
            hint = f" (see '{ctx.command_path} --help')"
        say(f"error: {exc.format_message()}{hint}")
        return ExitCode.USAGE if exc.exit_code == ExitCode.USAGE else ExitCode.ERROR
    except (KeyboardInterrupt, typer.Abort):
        return ExitCode.INTERRUPTED
    except Exception as exc:  # an unexpected bug: short message, trace only on request
        if os.environ.get("MEDCOOP_DEBUG") == "1":
            traceback.print_exc()
        say(f"internal error ({type(exc).__name__}); set MEDCOOP_DEBUG=1 to see the traceback")
        return ExitCode.ERROR
    return result if isinstance(result, int) else ExitCode.OK


def run() -> NoReturn:
    """Console-script entry point."""
    try:
        code = main()
    except KeyboardInterrupt:
        code = ExitCode.INTERRUPTED
    sys.exit(int(code))
