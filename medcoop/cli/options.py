"""The options every listing shares, declared once, and the wrapper that gives them to a command."""

import inspect
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from medcoop import words
from medcoop.cli.completers import _complete_columns
from medcoop.cli.output import emit
from medcoop.cli.registry import COMMANDS
from medcoop.errors import UsageError
from medcoop.formats import Format
from medcoop.i18n import _
from medcoop.lazy import LazyModule

if TYPE_CHECKING:
    from medcoop import dataset as ds_module
    from medcoop.records import Dataset
    from medcoop.view import View
else:  # imported on first use: `medcoop --version` and `--help` need none of them
    ds_module = LazyModule("medcoop.dataset")

# --------------------------------------------------------------------------- shared options

FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        envvar="MEDCOOP_FORMAT",
        case_sensitive=False,
        metavar="FORMAT",
        autocompletion=lambda incomplete: words.completions(words.FORMATS, incomplete),
        help="table, csv, tsv, json, jsonl, markdown, html, xlsx (-o FILE). \\[env: MEDCOOP_FORMAT]",
        show_envvar=False,
    ),
]
DataOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--data",
        envvar="MEDCOOP_DATA",
        metavar="FILE",
        help="Another dataset file. \\[env: MEDCOOP_DATA]",
        show_default=False,
        show_envvar=False,
        readable=False,  # read_file tells an unreadable file (exit 1), as every other unusable one
    ),
]
YearOpt = Annotated[
    Optional[list[str]],  # a list, so that a second --year is an error rather than silently the one kept
    typer.Option(
        "--year",
        "-y",
        metavar="YEAR",
        help="A year (2017) or a range (2016-2017).",
        show_default=False,
    ),
]
CiteOpt = Annotated[bool, typer.Option("--cite", help="Add the provenance: section, quote, basis.")]
NoColorOpt = Annotated[bool, typer.Option("--no-color", help="No colour in the table view.")]
SvgOpt = Annotated[
    Optional[str],  # not a Path, which would turn '' into '.'
    typer.Option("--svg", help="Also save the view as an SVG picture.", show_default=False, metavar="FILE"),
]
ExcelOpt = Annotated[
    bool,
    typer.Option(
        "--excel",
        help="For spreadsheets: BOM, CRLF, no formula run.",
    ),
]
WideOpt = Annotated[bool, typer.Option("--wide", "-w", help="Every column, and bar charts (table view).")]
NoPagerOpt = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Never page (MEDCOOP_PAGER, PAGER, less -FRX).",
    ),
]
OutputOpt = Annotated[
    Optional[str],  # not a Path, which would turn '' into '.'
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (a table as in a pipe, uncut).",
        show_default=False,
    ),
]


def load(data: Path | None) -> "Dataset":
    return ds_module.load(data)


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


def listing_command(build: Callable[..., "View"]) -> Callable[..., None]:
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
    those bytes are decoded as UTF-8 here. Bytes that are not UTF-8 are a UsageError (a
    search for 'mob\\xff' is no search for 'mob')."""
    if not any("\udc80" <= ch <= "\udcff" for ch in text):
        return text
    raw = text.encode(sys.getfilesystemencoding(), "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        from medcoop.cells import visible

        shown = visible(raw.decode("utf-8", "backslashreplace"), one_line=True)
        raise UsageError(
            _("{text}: not UTF-8 text (the byte 0x{byte:02x}); give the text in UTF-8").format(
                text=shown, byte=raw[exc.start]
            )
        ) from None


def _text(value: Any) -> Any:
    """A command's own argument (a name, a search text, an option's text) decoded by _utf8;
    other values (numbers, paths) as they are."""
    if isinstance(value, str):
        return _utf8(value)
    if isinstance(value, list):
        return [_text(v) for v in value]
    return value


ColumnsOpt = Annotated[
    Optional[str],
    typer.Option(
        "--columns",
        "-c",
        metavar="NAME,...",
        help="Only these columns, in order (CSV header names).",
        autocompletion=_complete_columns,
        show_default=False,
    ),
]


def output_command(func: Callable[..., None]) -> Callable[..., None]:
    """Register a command that takes the output options besides its own (with_output_options)."""
    COMMANDS[func.__name__] = lambda: with_output_options(func)
    return func
