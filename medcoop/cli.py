"""The command line: parse arguments, call one query, hand the view to render, map errors to exit codes."""

import contextlib
import errno
import inspect
import io
import os
import select
import shutil
import sys
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn, Optional, TextIO

import typer
from typer._click.core import ParameterSource

from medcoop import __version__, i18n
from medcoop.cli_i18n import MedcoopCommand, MedcoopGroup, parser_message
from medcoop.errors import ExitCode, MedcoopError, UsageError, WriteError
from medcoop.formats import Format
from medcoop.i18n import _, ngettext
from medcoop.lazy import LazyModule

if TYPE_CHECKING:
    from medcoop import dataset as ds_module
    from medcoop import query
    from medcoop.cells import Terminal
    from medcoop.records import Dataset
    from medcoop.view import Column, View
else:  # imported on first use: `medcoop --version` and `--help` need none of them
    ds_module = LazyModule("medcoop.dataset")
    query = LazyModule("medcoop.query")

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

COMMANDS: dict[str, Callable[[], Callable[..., None]]] = {}
"""Command name -> what makes its function for Typer; build_app() calls only those it builds."""


def command(func: Callable[..., None]) -> Callable[..., None]:
    """Register a command; build_app() turns the registry into a Typer app."""
    COMMANDS[func.__name__] = lambda: func
    return func


class _Command(MedcoopCommand):
    """A command whose usage line names its arguments as Click does: NAME... for several words,
    [PATH] when optional (Typer writes {NAME})."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                name = (param.metavar or param.name or "").upper() + ("..." if param.nargs != 1 else "")
                pieces.append(name if param.required else f"[{name}]")
        return pieces


def build_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command, or with only the one being run: Typer builds
    each command's parameters from its signature at every start, so one is cheaper than all.
    The whole app has the shell-completion options; one command's app does not need them."""
    built = typer.Typer(
        cls=MedcoopGroup,
        name="medcoop",
        help=APP_HELP,
        epilog=EXIT_CODES,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    built.callback()(main_options)
    for name, make in COMMANDS.items():
        if only is None or name == only:
            built.command(name, cls=_Command)(make())
    return built


# --------------------------------------------------------------------------- shared options

FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        envvar="MEDCOOP_FORMAT",
        case_sensitive=False,
        help="Output format: table, csv, tsv, json, jsonl, markdown, html, or xlsx (an Excel workbook, with -o FILE). "
        "\\[env: MEDCOOP_FORMAT]",
        show_envvar=False,
    ),
]
DataOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--data",
        envvar="MEDCOOP_DATA",
        help="Use another dataset file of the same schema (validated when loaded). \\[env: MEDCOOP_DATA]",
        show_default=False,
        show_envvar=False,
        readable=False,  # read_file tells an unreadable file (exit 1), as every other unusable one
    ),
]
YearOpt = Annotated[
    Optional[list[str]],  # a list, so that a second --year is an error rather than silently the one kept
    typer.Option("--year", "-y", help="Only these years: a year (2017) or a range (2016-2017).", show_default=False),
]
CiteOpt = Annotated[bool, typer.Option("--cite", help="Add the provenance columns: section, quote and basis.")]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colour in the table view.")]
SvgOpt = Annotated[
    Optional[str],  # not a Path, which would turn '' into '.'
    typer.Option(
        "--svg", help="Also save the table view, bars included, as an SVG picture.", show_default=False, metavar="FILE"
    ),
]
ExcelOpt = Annotated[
    bool,
    typer.Option(
        "--excel",
        help="CSV or TSV for spreadsheets: a byte-order mark, CRLF line ends, and an apostrophe before "
        "text cells that would run as a formula (starting with =, +, -, @).",
    ),
]
WideOpt = Annotated[
    bool, typer.Option("--wide", "-w", help="Table view: every column (by default, the key columns that fit).")
]
NoPagerOpt = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Never page the table on a terminal (by default a table taller than the terminal goes through "
        "MEDCOOP_PAGER, PAGER or less -FRX). \\[env: MEDCOOP_PAGER, PAGER]",
    ),
]
OutputOpt = Annotated[
    Optional[str],  # not a Path, which would turn '' into '.'
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE instead of stdout (UTF-8, replaced all at once; a table as in a pipe, nothing cut).",
        show_default=False,
    ),
]


class PipeClosed(MedcoopError):
    """The reader of our output went away (head -1); ends quietly."""

    exit_code = ExitCode.PIPE_CLOSED


# --------------------------------------------------------------------------- output


def terminal(no_color: bool) -> "Terminal":
    """What stdout is: a terminal to fit, or a pipe or file that gets every cell whole.
    Colour: --no-color, then NO_COLOR, then FORCE_COLOR, then TERM=dumb, then whether it is a terminal."""
    from medcoop.cells import Terminal

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
    size = shutil.get_terminal_size()
    width, height = (size.columns, size.lines) if is_tty else (80, 24)
    return Terminal(is_tty=is_tty, width=width, height=height, color=color, encoding=sys.stdout.encoding or "utf-8")


class _Stdout(io.TextIOBase):
    """What sys.stdout is while a command runs, so that Click's and Rich's output (help, usage,
    completion) goes through write_stdout like a command's own: every byte written or an error."""

    def __init__(self, real: TextIO | None) -> None:
        super().__init__()
        self.real = real

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.real, "encoding", None) or "utf-8"

    def isatty(self) -> bool:
        try:
            return self.real is not None and self.real.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self.real is None:
            raise OSError(errno.EBADF, "stdout is closed")
        return self.real.fileno()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        _write_out(self.real, text.encode(self.encoding, errors="backslashreplace"))
        return len(text)


def _stdout() -> TextIO | None:
    """The real standard output (not the _Stdout standing in for it while a command runs)."""
    stream = sys.stdout
    return stream.real if isinstance(stream, _Stdout) else stream


def write_all(stream: IO[Any] | None, data: bytes) -> None:
    """Write every byte of data to a stream (its binary buffer when it has one), looping over
    short writes: with PYTHONUNBUFFERED=1 the buffer is a raw file, whose write() may take
    only part of the data. Raises OSError (ValueError if the stream is closed)."""
    if stream is None:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))
    stream.flush()
    buffer = getattr(stream, "buffer", stream)
    if not isinstance(buffer, io.RawIOBase):
        if buffer is stream and not isinstance(stream, (io.BufferedIOBase, io.RawIOBase)):
            stream.write(data.decode(getattr(stream, "encoding", None) or "utf-8"))
        else:
            buffer.write(data)  # a buffered writer writes everything or raises
        buffer.flush()
        return
    view = memoryview(data)
    while view:
        written = buffer.write(view)
        if written is None:  # a non-blocking descriptor that is full: wait until it is not
            select.select([], [buffer], [])
            continue
        view = view[written:]


def _write_out(stream: IO[Any] | None, data: bytes) -> None:
    try:
        write_all(stream, data)
    except BrokenPipeError:
        # Point stdout at /dev/null so that the interpreter's final flush stays quiet.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
        raise PipeClosed("") from None
    except (OSError, ValueError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else _("it is closed")
        raise WriteError(_("cannot write the output to stdout ({reason})").format(reason=why)) from None


def write_stdout(text: str, encoding: str = "utf-8") -> None:
    """Write text to stdout, all of it: PipeClosed when the reader has gone (exit 141),
    WriteError naming the reason on any other failure (exit 1)."""
    _write_out(_stdout(), text.encode(encoding, errors="backslashreplace"))


def say(message: str) -> None:
    """One line on stderr, controls escaped, long arguments shortened; dropped when stderr
    cannot take it (closed, full), never an error of its own."""
    from medcoop.cells import brief, visible

    line = f"medcoop: {brief(visible(message, one_line=True))}\n"
    stream = sys.stderr
    with contextlib.suppress(OSError, ValueError):
        write_all(stream, line.encode(getattr(stream, "encoding", None) or "utf-8", errors="backslashreplace"))


def _check_excel(fmt: Format, excel: bool) -> None:
    if excel and fmt not in (Format.csv, Format.tsv):
        raise UsageError(_("--excel goes with --format csv or tsv"))


def _write_workbook(view: "View", sheet: str, output: str | Path | None) -> None:
    """--format xlsx: the rows as a one-sheet Excel workbook (typed cells, never a formula)."""
    if output is None:
        raise UsageError(_("--format xlsx writes an Excel workbook: give the file with -o FILE.xlsx"))
    from medcoop.files import atomic_write
    from medcoop.xlsx import listing as workbook

    atomic_write(output, workbook(view.table, sheet))


def emit(
    view: "View",
    fmt: Format,
    *,
    listing: str = "",
    cite: bool = False,
    citable: bool = True,
    no_color: bool = False,
    excel: bool = False,
    svg: str | Path | None = None,
    wide: bool = False,
    columns: str | None = None,
    no_pager: bool = False,
    output: str | Path | None = None,
) -> None:
    from medcoop.columns import choose
    from medcoop.render import render

    _check_excel(fmt, excel)
    shown = choose(
        view, listing, table_view=fmt is Format.table, wide=wide, columns=columns, cite=cite, citable=citable
    )
    if view.notice:
        say(i18n.shown(view.notice))
    if svg is not None:
        from medcoop.files import atomic_write_text, check_target
        from medcoop.tableview import svg_picture

        check_target(svg)  # before the drawing: '', '-' and folders are usage errors
        pictured = choose(view, listing, table_view=True, wide=wide, columns=columns, cite=cite, citable=citable)
        atomic_write_text(svg, svg_picture(pictured))
    if fmt is Format.xlsx:
        _write_workbook(shown, listing if listing in LISTINGS else "data", output)
        return
    if output is not None:  # a file gets the piped form, in UTF-8, whatever the locale
        from medcoop.cells import Terminal
        from medcoop.files import atomic_write_text

        atomic_write_text(output, render(shown, fmt, Terminal(), excel=excel))
        return
    term = terminal(no_color)
    text = render(shown, fmt, term, excel=excel)
    show(text, term, term.encoding if fmt is Format.table else "utf-8", no_pager=no_pager)


def show(text: str, term: "Terminal", encoding: str, *, no_pager: bool) -> None:
    """Write text to stdout; on a terminal, text taller than the screen goes through the pager
    (unless --no-pager, or there is no pager to run)."""
    if term.is_tty and not no_pager and text.count("\n") >= term.height:
        from medcoop.pager import page

        if page(text.encode(encoding, errors="backslashreplace")):
            return
    write_stdout(text, encoding)


def load(data: Path | None) -> "Dataset":
    return ds_module.load(data)


# --------------------------------------------------------------------------- commands


def _version(value: bool) -> None:
    if value:
        write_stdout(f"medcoop {__version__}\n")
        raise typer.Exit()


def _completion_script(ctx: typer.Context, param: Any, value: str | None) -> None:
    """--show-completion [SHELL] and --install-completion [SHELL]: Typer's, with the shell named
    or detected."""
    if value is None or ctx.resilient_parsing:
        return
    from typer import completion
    from typer._completion_classes import completion_init

    shells = ("bash", "zsh", "fish", "powershell", "pwsh")
    if value and value not in shells:
        raise typer.BadParameter(f"{value!r} is not a shell medcoop completes: {', '.join(shells)}")
    completion_init()
    callback = completion.show_callback if param.name == "show_completion" else completion.install_callback
    callback(ctx, param, value or True)


def _completion_option(name: str, does: str) -> Any:
    """An option with an optional value (Click's flag_value): alone, the shell is detected.
    Typer 0.28 warns that it will drop flag_value; medcoop pins Typer below 0.29."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return typer.Option(
            name,
            is_flag=False,
            flag_value="",
            metavar="[SHELL]",
            callback=_completion_script,
            expose_value=False,
            is_eager=True,
            help=f"{does} completion for SHELL (bash, zsh, fish, powershell), by default the shell running medcoop.",
            show_default=False,
        )


def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
    lang: Annotated[
        Optional[str],
        typer.Option(
            "--lang",
            metavar="es|en",
            help="Language of medcoop's own words, before or after the command (es: español). "
            "[env: MEDCOOP_LANG, else the locale]",
            show_default=False,
        ),
    ] = None,
    install_completion: Annotated[Optional[str], _completion_option("--install-completion", "Install")] = None,
    show_completion: Annotated[Optional[str], _completion_option("--show-completion", "Print the script of")] = None,
) -> None:
    """Query ACI Medellín's Special Report on Cooperation 2016, 2017, 2018."""


def _output_options() -> list[inspect.Parameter]:
    """The options of every command whose output is a listing: the listings, map's data and
    sql's result. Declared here once; a command gets them from with_output_options()."""
    keyword = inspect.Parameter.KEYWORD_ONLY
    return [
        inspect.Parameter("fmt", keyword, default=Format.table, annotation=FormatOpt),
        inspect.Parameter("data", keyword, default=None, annotation=DataOpt),
        inspect.Parameter("cite", keyword, default=False, annotation=CiteOpt),
        inspect.Parameter("no_color", keyword, default=False, annotation=NoColorOpt),
        inspect.Parameter("excel", keyword, default=False, annotation=ExcelOpt),
        inspect.Parameter("svg", keyword, default=None, annotation=SvgOpt),
        inspect.Parameter("wide", keyword, default=False, annotation=WideOpt),
        inspect.Parameter("columns", keyword, default=None, annotation=ColumnsOpt),
        inspect.Parameter("no_pager", keyword, default=False, annotation=NoPagerOpt),
        inspect.Parameter("output", keyword, default=None, annotation=OutputOpt),
    ]


def with_output_options(
    func: Callable[..., None], own: list[inspect.Parameter] | None = None, name: str | None = None
) -> Callable[..., None]:
    """func as a command with its own parameters (`own`, by default those of its signature but
    its **keywords), then the shared output options it does not declare itself (map's --svg and
    sql's --cite are their own): Typer reads the signature; func gets every option by keyword."""
    if own is None:
        own = [p for p in inspect.signature(func).parameters.values() if p.kind is not p.VAR_KEYWORD]
    names = {p.name for p in own}
    parameters = [*own, *(p for p in _output_options() if p.name not in names)]

    def run_command(**options: Any) -> None:
        func(**options)

    run_command.__name__ = name or func.__name__
    run_command.__doc__ = func.__doc__
    run_command.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    run_command.__annotations__ = {p.name: p.annotation for p in parameters}
    return run_command


def listing(build: Callable[..., "View"]) -> Callable[..., "View"]:
    """Register a listing command from `build(ds, **its own options) -> View`.

    The command gets the output options (--format, --data, --cite, --no-color, --excel, --svg,
    --wide, --columns, --no-pager, --output), loads the dataset, calls `build` and renders what
    it returns. It is made only when build_app() builds it."""
    COMMANDS[build.__name__] = lambda: _listing_command(build)
    LISTINGS[build.__name__] = build
    return build


LISTINGS: dict[str, Callable[..., "View"]] = {}
"""Listing name -> its build function (for completing --columns)."""


def _listing_command(build: Callable[..., "View"]) -> Callable[..., None]:
    own = [p for name, p in inspect.signature(build).parameters.items() if name != "ds"]

    def run_listing(*, fmt: Format, data: Path | None, **options: Any) -> None:
        out = {name: options.pop(name) for name in _shown_options()}
        ds = load(data)
        emit(build(ds, **{name: _text(value) for name, value in options.items()}), fmt, listing=build.__name__, **out)

    command = with_output_options(run_listing, own, build.__name__)
    command.__doc__ = build.__doc__
    return command


def _shown_options() -> tuple[str, ...]:
    """The output options that say how to show a view (emit's keywords): all but --format and --data."""
    return tuple(p.name for p in _output_options() if p.name not in ("fmt", "data"))


def _one(values: list[str] | None, option: str) -> str | None:
    """The value of an option that may be given once (Click would keep the last silently)."""
    if values and len(values) > 1:
        given = ", ".join(repr(v) for v in values)
        raise UsageError(
            _("{option} given {count} times ({given}): give one year or one range, such as 2016-2018").format(
                option=option, count=len(values), given=given
            )
        )
    return values[0] if values else None


def _utf8(text: str) -> str:
    """An argument as UTF-8 text: under a C or POSIX locale (PYTHONUTF8=0) Python decodes
    argv as ASCII, leaving each other byte as a surrogate escape ('Espa\\udcc3\\udcb1a');
    those bytes are decoded as UTF-8 here. Bytes that are not UTF-8 stay escaped."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    raw = text.encode(sys.getfilesystemencoding(), "surrogateescape")
    return raw.decode("utf-8", "surrogateescape")


def _text(value: Any) -> Any:
    """A command's own argument (a name, a search text, an option's text) decoded by _utf8;
    other values (numbers, paths) as they are."""
    if isinstance(value, str):
        return _utf8(value)
    if isinstance(value, list):
        return [_text(v) for v in value]
    return value


@listing
def summary(ds: "Dataset", year: YearOpt = None) -> "View":
    """The report's headline figures, one row per figure.

    Example: medcoop summary -f csv
    """
    return query.summary(ds, query.parse_years(_one(year, "--year"), ds))


def _completion_data() -> "Dataset | None":
    """The dataset completion offers names from: MEDCOOP_DATA or the shipped one."""
    data = os.environ.get("MEDCOOP_DATA")
    try:
        return load(Path(data) if data else None)
    except MedcoopError:
        return None


def _completer(
    names: Callable[["Dataset"], Iterable[str | None]], *, argument: str | None = None
) -> Callable[..., list[str]]:
    """Shell completion of names from the dataset, matched like the names themselves (case,
    accents, several words). `argument`: the several-word argument whose earlier words count;
    without it, the completed word is one option value."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from medcoop.completion import matching

        ds = _completion_data()
        if ds is None:
            return []
        before = list(ctx.params.get(argument) or ()) if argument else []
        return matching((n for n in names(ds) if n), incomplete, before=before, one_word=argument is None)

    return complete


def _country_names(ds: "Dataset") -> Iterable[str]:
    return (n for c in ds["countries"] for n in (c["name_en"], c["name_es"], c["a2"], c["a3"]))


def _partner_names(ds: "Dataset") -> Iterable[str | None]:
    return (n for o in ds["organisations"] for n in (o["name_corrected"] or o["name"], o["acronym"]))


def _modality_words(ds: "Dataset") -> Iterable[str]:
    """The words modalities are made of ('technical and financial': technical, financial)."""
    return {w for a in ds["actions"] for w in (a["modality"] or "").split() if w not in ("and", "or")}


_complete_country = _completer(_country_names, argument="name")
_complete_country_value = _completer(_country_names)
_complete_partner = _completer(_partner_names, argument="name")
_complete_partner_value = _completer(_partner_names)
_complete_modality = _completer(_modality_words)

_SAMPLE_ARGUMENTS: dict[str, Callable[["Dataset"], dict[str, list[str]]]] = {
    "country": lambda ds: {"name": [ds["countries"][0]["a2"]]},
    "partner": lambda ds: {"name": [ds["organisations"][0]["id"]]},
    "search": lambda ds: {"text": ["a"]},
}
"""Arguments that let a listing with a required name build its view, for its column names."""


def _complete_columns(ctx: typer.Context, incomplete: str) -> list[str]:
    """--columns a,b,c: the listing's column names (and section, quote, basis), after those typed."""
    from medcoop.columns import column_names
    from medcoop.completion import column_list

    build = LISTINGS.get(ctx.info_name or "")
    ds = _completion_data()
    if build is None or ds is None:
        return []
    own = [name for name in inspect.signature(build).parameters if name != "ds"]
    given = {name: ctx.params[name] for name in own if ctx.params.get(name)}
    try:
        sample = _SAMPLE_ARGUMENTS[ctx.info_name or ""](ds) if ctx.info_name in _SAMPLE_ARGUMENTS else {}
        view = build(ds, **{**sample, **given})
    except MedcoopError:
        return []
    return column_list(column_names(view.table), incomplete)


ColumnsOpt = Annotated[
    Optional[str],
    typer.Option(
        "--columns",
        "-c",
        metavar="NAME,...",
        help="Exactly these columns, in this order, in every format (names as in the CSV header; "
        "section, quote and basis cite). Without it the table view shows the key columns and the other "
        "formats every column.",
        autocompletion=_complete_columns,
        show_default=False,
    ),
]


CountryName = Annotated[
    list[str],
    typer.Argument(
        help="English or Spanish name, ISO code, alias or the report's spelling; a unique prefix works. "
        "Quotes are optional: medcoop country Corea del Sur.",
        metavar="NAME",
        autocompletion=_complete_country,
        show_default=False,
    ),
]


@listing
def country(ds: "Dataset", name: CountryName, year: YearOpt = None) -> "View":
    """Everything the report says about one country, one row per mention.

    Example: medcoop country "Corea del Sur" -f csv
    """
    return query.country(ds, " ".join(name), query.parse_years(_one(year, "--year"), ds))


@listing
def countries(ds: "Dataset", year: YearOpt = None) -> "View":
    """Every country in the report: codes, English and Spanish names, mentions per role.

    Example: medcoop countries -f json
    """
    return query.countries(ds, query.parse_years(_one(year, "--year"), ds))


@listing
def awards(ds: "Dataset", year: YearOpt = None) -> "View":
    """Awards and mentions the report names, and the award counts it states (memberships and
    appointments: milestones).

    Example: medcoop awards --year 2018
    """
    return query.awards(ds, query.parse_years(_one(year, "--year"), ds))


CountryOpt = Annotated[
    Optional[str],
    typer.Option(
        "--country", help="Only rows about this country (any of its names).", autocompletion=_complete_country_value
    ),
]


PartnerOpt = Annotated[
    Optional[str],
    typer.Option(
        "--partner", "-p", help="Only actions with this organisation.", autocompletion=_complete_partner_value
    ),
]
ModalityOpt = Annotated[
    Optional[str],
    typer.Option(
        "--modality", "-m", help="Only this modality: technical, financial, ...", autocompletion=_complete_modality
    ),
]


@listing
def actions(
    ds: "Dataset",
    year: YearOpt = None,
    country: CountryOpt = None,
    partner: PartnerOpt = None,
    modality: ModalityOpt = None,
) -> "View":
    """Cooperation actions: year, partners, countries, modality, amount, who benefits.

    Example: medcoop actions --year 2017 --modality financial
    """
    years = query.parse_years(_one(year, "--year"), ds)
    return query.actions(ds, years, country=country, partner=partner, modality=modality)


@listing
def events(ds: "Dataset", year: YearOpt = None, country: CountryOpt = None) -> "View":
    """International events the report names: those the city was invited to or took part in,
    and one where its joining a network was announced.

    Example: medcoop events --country Singapore
    """
    return query.events(ds, query.parse_years(_one(year, "--year"), ds), country=country)


@listing
def visitors(ds: "Dataset", year: YearOpt = None, country: CountryOpt = None) -> "View":
    """Visiting personalities: name as printed and corrected, title, organisation, country.

    Example: medcoop visitors --year 2018
    """
    return query.visitors(ds, query.parse_years(_one(year, "--year"), ds), country=country)


@listing
def partners(ds: "Dataset", year: YearOpt = None) -> "View":
    """Every organisation in the report, with counts of its actions, awards, events and visitors.

    Example: medcoop partners -f csv
    """
    return query.partners(ds, query.parse_years(_one(year, "--year"), ds))


PartnerName = Annotated[
    list[str],
    typer.Argument(
        help="Name, acronym or Spanish name of an organisation; a unique prefix works. Quotes are optional.",
        metavar="NAME",
        autocompletion=_complete_partner,
        show_default=False,
    ),
]


@listing
def partner(ds: "Dataset", name: PartnerName, year: YearOpt = None) -> "View":
    """Everything the report says about one organisation.

    Example: medcoop partner IDB
    """
    return query.partner(ds, " ".join(name), query.parse_years(_one(year, "--year"), ds))


@listing
def milestones(ds: "Dataset", year: YearOpt = None) -> "View":
    """Recognitions that are no awards: a network membership, an appointment.

    Example: medcoop milestones -f csv
    """
    return query.milestones(ds, query.parse_years(_one(year, "--year"), ds))


ProgrammeName = Annotated[
    list[str],
    typer.Argument(
        help="Name or acronym of a programme (PAR, Sos Paisa); a unique prefix works. Quotes are optional.",
        metavar="NAME",
        show_default=False,
    ),
]


@listing
def programme(ds: "Dataset", name: ProgrammeName, year: YearOpt = None) -> "View":
    """Everything about one programme or project: the actions and awards of the report that name it.

    Example: medcoop programme PAR
    """
    return query.programme(ds, " ".join(name), query.parse_years(_one(year, "--year"), ds))


@listing
def years(ds: "Dataset", year: YearOpt = None) -> "View":
    """One row per year: delegates, journalists, awards, actions, events, visitors, USD stated.

    Example: medcoop years -f markdown
    """
    return query.years_view(ds, query.parse_years(_one(year, "--year"), ds))


SearchText = Annotated[
    list[str],
    typer.Argument(
        help="Text to find, ignoring case and accents (several words: that phrase).", show_default=False, metavar="TEXT"
    ),
]


@listing
def search(ds: "Dataset", text: SearchText, year: YearOpt = None) -> "View":
    """Search every record of the report; one row per record found.

    Example: medcoop search "medellin lab"
    """
    return query.search(ds, " ".join(text), query.parse_years(_one(year, "--year"), ds))


@listing
def tallies(ds: "Dataset", year: YearOpt = None) -> "View":
    """Counts the report states and the items it names ("Four awards, including ...").

    Example: medcoop tallies -f csv
    """
    return query.tallies(ds, query.parse_years(_one(year, "--year"), ds))


@listing
def programmes(ds: "Dataset") -> "View":
    """Programmes, projects and plans the report names, with their actions and awards.

    Example: medcoop programmes --cite
    """
    return query.programmes(ds)


@listing
def topics(ds: "Dataset") -> "View":
    """The report's topic lists (delegations' interests, best practices, ...), one topic per row.

    Example: medcoop topics -f json
    """
    return query.topics(ds)


@listing
def sections(ds: "Dataset") -> "View":
    """The report: title, publisher, period, and how each section's year is known.

    Example: medcoop sections
    """
    return query.sections(ds)


@command
def export(
    directory: Annotated[
        Optional[Path],
        typer.Argument(help="Folder to write the data package into.", metavar="FOLDER", show_default=False),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Write into a folder that is not empty, replace files that exist.")
    ] = False,
    sqlite: Annotated[
        Optional[str],  # file options are text: a Path would turn '' into '.'
        typer.Option("--sqlite", help="Write the tables as a SQLite database too.", show_default=False),
    ] = None,
    datasette_metadata: Annotated[
        Optional[str],
        typer.Option(
            "--datasette-metadata",
            help="Where --sqlite writes Datasette's metadata [default: metadata.json beside the database]",
            show_default=False,
        ),
    ] = None,
    xlsx: Annotated[
        Optional[str], typer.Option("--xlsx", help="Write the tables as an Excel workbook too.", show_default=False)
    ] = None,
    data: DataOpt = None,
) -> None:
    """Write the dataset as a Frictionless data package: datapackage.json and one CSV per table;
    or the same tables as a SQLite database (--sqlite) or an Excel workbook (--xlsx).

    The data package is all or nothing: built beside the folder and moved into place once complete.

    \b
    Example: medcoop export out/ && frictionless validate out/datapackage.json
    Example: medcoop export --sqlite medcoop.db && datasette medcoop.db -m metadata.json
    Example: medcoop export --xlsx medcoop.xlsx
    """
    from medcoop.export import package
    from medcoop.files import write_folder

    if datasette_metadata is not None and sqlite is None:
        raise UsageError(_("--datasette-metadata goes with --sqlite"))
    if directory is None and sqlite is None and xlsx is None:
        raise UsageError(_("give a folder for the data package, --sqlite FILE or --xlsx FILE"))
    targets = _export_targets(sqlite, datasette_metadata, xlsx)
    if not force:
        _refuse_existing(targets)
    ds = load(data)
    if directory is None:
        _refuse_clashes(list(targets))
        _export_files(ds, targets)
        return
    files = package(ds)
    _refuse_clashes([*(directory / name for name in files), *targets])
    write_folder(directory, {name: text.encode("utf-8") for name, text in files.items()}, force=force)
    say(
        ngettext("wrote {count} file to {path}", "wrote {count} files to {path}", len(files)).format(
            count=len(files), path=directory
        )
    )
    _export_files(ds, targets)


class _ExportTargets(NamedTuple):
    """The files `export` writes besides the data package: the SQLite database and its
    Datasette metadata, and the workbook (None where not asked for)."""

    sqlite: Path | None
    metadata: Path | None
    xlsx: Path | None


def _export_targets(sqlite: str | None, metadata: str | None, xlsx: str | None) -> _ExportTargets:
    """The paths of the files to write, checked to be file names (the metadata beside the database by default)."""
    from medcoop.files import check_target

    db_path = check_target(sqlite) if sqlite is not None else None
    meta_path = None
    if db_path is not None:
        meta_path = check_target(metadata) if metadata is not None else db_path.parent / "metadata.json"
    return _ExportTargets(db_path, meta_path, check_target(xlsx) if xlsx is not None else None)


def _refuse_existing(targets: _ExportTargets) -> None:
    """UsageError if one of the files exists as a file (a device or a FIFO is a stream, not a file
    to replace): export replaces files only with --force, as it writes into a folder that is not empty."""
    for path in targets:
        if path is not None and os.path.isfile(path):  # os.path: False for a name the system refuses
            raise UsageError(_("{path}: file exists (use --force to replace it)").format(path=path))


def _refuse_clashes(paths: list[Path | None]) -> None:
    """UsageError if two of the files export writes are one (the database and the workbook given
    the same name, the workbook named as a file of the package): the second would replace the
    first. Devices and FIFOs are streams, not files one write replaces."""
    seen: set[str] = set()
    for path in paths:
        if path is None or (os.path.exists(path) and not os.path.isfile(path)):
            continue
        real = os.path.realpath(path)
        if real in seen:
            raise UsageError(_("{path}: export would write two of its files there").format(path=path))
        seen.add(real)


def _export_files(ds: "Dataset", targets: _ExportTargets) -> None:
    """The SQLite database (and its Datasette metadata) and the workbook, each written whole or not at all."""
    import json

    from medcoop.files import atomic_write, atomic_write_text

    db_path, meta_path, xlsx = targets
    if db_path is not None and meta_path is not None:
        from medcoop.database import database

        db, meta = database(ds, db_path.stem)
        atomic_write(db_path, db)
        atomic_write_text(meta_path, json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
        say(
            _("wrote {database} and {metadata} (datasette {database} -m {metadata})").format(
                database=db_path, metadata=meta_path
            )
        )
    if xlsx is not None:
        from medcoop.xlsx import workbook

        atomic_write(xlsx, workbook(ds))
        say(_("wrote {path}").format(path=xlsx))


SqlQuery = Annotated[
    Optional[str],
    typer.Argument(
        help="One SQL statement (SELECT ...) over the report's tables; see them with --tables.",
        metavar="QUERY",
        show_default=False,
    ),
]


def output_command(func: Callable[..., None]) -> Callable[..., None]:
    """Register a command that takes the output options besides its own (with_output_options)."""
    COMMANDS[func.__name__] = lambda: with_output_options(func)
    return func


@output_command
def sql(
    query_text: SqlQuery = None,
    *,
    tables: Annotated[bool, typer.Option("--tables", help="List the tables: columns, types and keys.")] = False,
    timeout: Annotated[
        float, typer.Option("--timeout", help="Stop the query after this many seconds.", min=0.001)
    ] = 5.0,
    max_rows: Annotated[
        int,
        typer.Option("--max-rows", help="Most rows for table, json, markdown, html (csv, tsv, jsonl stream).", min=1),
    ] = 10_000,
    cite: Annotated[
        bool, typer.Option("--cite", help="Put the rows' provenance (the selected section and quote) last.")
    ] = False,
    **out: Any,
) -> None:
    """Run one read-only SQL query over the report's tables (those of medcoop export), in SQLite.

    \b
    Example: medcoop sql "SELECT year, count(*) AS actions FROM actions GROUP BY year"
    Joins: medcoop sql "SELECT a.year, o.name FROM actions a JOIN action_partners p
      ON p.action = a.id JOIN organisations o ON o.id = p.organisation"
    Tables: medcoop sql --tables

    --cite needs the rows' section and quote columns in the query (SELECT a.*, or a.section, a.quote).
    """
    from medcoop.view import View

    fmt: Format = out.pop("fmt")
    ds = load(out.pop("data"))
    _check_excel(fmt, out["excel"])
    if tables:
        if query_text is not None:
            raise UsageError(_("give either a query or --tables, not both"))
        if cite:
            raise UsageError(_("--cite goes with a query, not with --tables"))
        from medcoop.export import resources
        from medcoop.relational import schema_table

        emit(View(table=schema_table(resources(ds))), fmt, listing="sql", citable=False, **out)
        return
    from medcoop.render import STREAMED_FORMATS, stream
    from medcoop.sql import Session

    with Session(ds, timeout=timeout) as session:
        result = session.run(query_text or "")
        if fmt in STREAMED_FORMATS and out["svg"] is None and out["output"] is None:
            for chunk in stream(
                _sql_columns(result.columns(cite=cite), cite, out), result.batches(), fmt, excel=out["excel"]
            ):
                write_stdout(chunk)
        else:
            table = result.table(max_rows, cite=cite)
            emit(View(table=table), fmt, listing="sql", cite=cite, citable=False, **out)


def _sql_columns(columns: tuple["Column", ...], cite: bool, out: dict[str, Any]) -> tuple["Column", ...]:
    """The columns of a streamed result that --columns (or --cite) keeps, as emit would keep them."""
    from medcoop.columns import choose
    from medcoop.view import Table, View

    header = View(table=Table(columns=columns, rows=[]))
    chosen = choose(header, "sql", table_view=False, wide=out["wide"], columns=out["columns"], cite=cite, citable=False)
    return chosen.table.columns


@command
def validate(
    path: Annotated[
        Optional[Path],
        typer.Argument(
            help="A dataset file; the shipped dataset (or --data) when omitted.",
            metavar="FILE",
            show_default=False,
            readable=False,
        ),
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
        from medcoop.cells import visible

        write_stdout("".join(f"{visible(p, one_line=True)}\n" for p in problems))
        say(
            ngettext("{path}: {count} problem", "{path}: {count} problems", len(problems)).format(
                path=target, count=len(problems)
            )
        )
        raise typer.Exit(ExitCode.ERROR)
    write_stdout(_("valid: {path}").format(path=target) + "\n")


# --------------------------------------------------------------------------- pictures: map and report

MAP_ROLES = ("cooperation-partner", "mission-sender", "best-practice", "south-south", "event", "visitor")
MapRoleOpt = Annotated[
    Optional[str],
    typer.Option(
        "--role",
        "-r",
        help=f"Colour by one role instead of all mentions: {', '.join(MAP_ROLES)}.",
        autocompletion=lambda incomplete: [r for r in MAP_ROLES if r.startswith(incomplete)],
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
    "home country, with a legend and the list of the countries shown and their counts under it.\n\n"
    "In colour the map is drawn with half blocks fitted to the terminal; without colour (--no-color, NO_COLOR, "
    "TERM=dumb, a pipe or a file) with one ASCII character per place, explained by a key under the map, then "
    "the same list. The other formats (-f csv, json, ...) give the data behind the map: one row per country "
    "with its counts per role, as `medcoop countries` counts them, and the value, key and colour of the map.\n\n"
    "Example: medcoop map --role visitor --svg visitors.svg"
)
REPORT_HELP = (
    "Write a fact sheet of the report as one self-contained HTML page to publish or print: headline figures, "
    "the years side by side, the map, actions, awards, events, visitors, the counts the report states, every "
    "source sentence, corrections and how to cite.\n\n"
    "Example: medcoop report -o medellin-cooperation.html"
)


def map_command(role: MapRoleOpt = None, year: YearOpt = None, svg: MapSvgOpt = None, **out: Any) -> None:
    from medcoop import choropleth

    fmt: Format = out.pop("fmt")
    ds = load(out.pop("data"))
    chart = choropleth.build(ds, query.parse_years(_one(year, "--year"), ds), role)
    if svg is not None:
        from medcoop.files import atomic_write_text
        from medcoop.geo import world
        from medcoop.mapsvg import svg_map

        atomic_write_text(svg, svg_map(chart, world()))
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
        str, typer.Option("--output", "-o", help="The HTML file to write.", show_default=False, metavar="FILE.html")
    ],
    data: DataOpt = None,
) -> None:
    from medcoop.factsheet import fact_sheet
    from medcoop.files import atomic_write_text

    atomic_write_text(output, fact_sheet(load(data)))
    say(_("wrote {path}").format(path=output))


report.__doc__ = REPORT_HELP


# --------------------------------------------------------------------------- entry point


def _app_for(args: list[str]) -> typer.Typer:
    """Only the command named in args (the first word that is no option), else the whole app."""
    if "_MEDCOOP_COMPLETE" in os.environ:
        from typer._completion_classes import completion_init

        completion_init()  # Typer's scripts and output for each shell
        return build_app()
    name = next((a for a in args if not a.startswith("-")), None)
    if name is None and ("--version" in args or "-V" in args):
        return build_app("")  # the version needs no command
    return build_app(name) if name in COMMANDS else build_app()


def main(argv: list[str] | None = None) -> int:
    """Run medcoop; returns the exit code. Errors become one line on stderr. Whatever Click
    or Rich print (help, usage, completions) goes through write_stdout, as a command's output."""
    args = sys.argv[1:] if argv is None else list(argv)
    if not args:
        args = ["--help"]
    real = sys.stdout
    sys.stdout = _Stdout(real)
    try:
        return _main(args)
    finally:
        sys.stdout = real


def _main(args: list[str]) -> int:
    try:
        args = i18n.choose(args)  # --lang, anywhere, is taken out before Typer parses
        if not args:
            args = ["--help"]
        if args in (["--version"], ["-V"]):  # nothing to parse, so no app to build
            write_stdout(f"medcoop {__version__}\n")
            return ExitCode.OK
        result = _app_for(args)(args=args, prog_name="medcoop", standalone_mode=False)
    except PipeClosed:
        return ExitCode.PIPE_CLOSED
    except MedcoopError as exc:
        say(f"error: {exc}")
        return exc.exit_code
    except typer.TyperException as exc:  # Click's usage errors derive from it
        say(f"error: {_click_message(exc)}")
        return ExitCode.USAGE if exc.exit_code == ExitCode.USAGE else ExitCode.ERROR
    except (KeyboardInterrupt, typer.Abort):
        return ExitCode.INTERRUPTED
    except Exception as exc:  # an unexpected bug: short message, trace only on request
        if os.environ.get("MEDCOOP_DEBUG") == "1":
            with contextlib.suppress(Exception):
                traceback.print_exc()
        say(_("internal error ({kind}); set MEDCOOP_DEBUG=1 to see the traceback").format(kind=type(exc).__name__))
        return ExitCode.ERROR
    return result if isinstance(result, int) else ExitCode.OK


def _click_message(exc: "typer.TyperException") -> str:
    """Click's message in this run's language, naming the environment variable a bad value came
    from, with a hint."""
    message = parser_message(exc.format_message())
    ctx = getattr(exc, "ctx", None)
    param = getattr(exc, "param", None)
    if ctx is None:
        return message
    envvar = getattr(param, "envvar", None)
    name = getattr(param, "name", None)
    if isinstance(envvar, str) and name and ctx.get_parameter_source(name) is ParameterSource.ENVIRONMENT:
        message += _(" (from the environment variable {name}={value})").format(
            name=envvar, value=repr(os.environ.get(envvar, ""))
        )
    return message + _(" (see '{command} --help')").format(command=ctx.command_path)


def _reserve_std_fds() -> None:
    """A standard descriptor that was closed when medcoop started (`>&-`) gets /dev/null, so
    that no file medcoop opens takes its number and receives output meant for it; sys.stdout
    and sys.stderr stay None, so output to a closed stdout still fails (exit 1) and messages
    to a closed stderr are dropped."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            with contextlib.suppress(OSError):
                devnull = os.open(os.devnull, os.O_RDWR)
                if devnull != fd:
                    os.dup2(devnull, fd)
                    os.close(devnull)


def run() -> NoReturn:
    """Console-script entry point.

    Once its output is flushed the process ends at once (os._exit): a one-shot command has
    nothing left to clean up, and the interpreter's teardown (freeing every module and
    object, a dataset file's records included) would add about a tenth to every answer.
    Every file medcoop writes is closed before this point; nothing registers atexit work.
    Ctrl-C at any point ends with 130 (see also medcoop.__main__, which covers the imports)."""
    code: int = ExitCode.INTERRUPTED
    try:
        _reserve_std_fds()
        code = main()
        if sys.stdout is not None:
            sys.stdout.flush()
    except KeyboardInterrupt:
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:  # the reader has gone
        code = code or ExitCode.PIPE_CLOSED
    except (OSError, ValueError):  # stdout closed or full at the last flush
        code = code or ExitCode.ERROR
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()
    os._exit(int(code))
