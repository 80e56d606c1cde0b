"""The data commands: export (CSV + datapackage.json, SQLite, Excel), sql and validate."""

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, Optional

import typer

from medcoop.cli.options import DataOpt, _utf8, load, output_command
from medcoop.cli.output import _check_excel, emit, say, write_stdout
from medcoop.cli.registry import command
from medcoop.errors import ExitCode, UsageError
from medcoop.formats import Format
from medcoop.i18n import _, ngettext
from medcoop.lazy import LazyModule

if TYPE_CHECKING:
    from medcoop import dataset as ds_module
    from medcoop.records import Dataset
    from medcoop.view import Column
else:  # imported on first use: `medcoop --version` and `--help` need none of them
    ds_module = LazyModule("medcoop.dataset")


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
        typer.Option("--sqlite", metavar="FILE", help="Write the tables as a SQLite database too.", show_default=False),
    ] = None,
    datasette_metadata: Annotated[
        Optional[str],
        typer.Option(
            "--datasette-metadata",
            metavar="JSON",
            help="Where --sqlite writes Datasette's metadata [default: metadata.json beside the database]",
            show_default=False,
        ),
    ] = None,
    xlsx: Annotated[
        Optional[str],
        typer.Option("--xlsx", metavar="FILE", help="Write the tables as an Excel workbook too.", show_default=False),
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
    from medcoop.files import refuse_same, write_files, write_folder

    if datasette_metadata is not None and sqlite is None:
        raise UsageError(_("--datasette-metadata goes with --sqlite"))
    if directory is None and sqlite is None and xlsx is None:
        raise UsageError(_("give a folder for the data package, --sqlite FILE or --xlsx FILE"))
    targets = _export_targets(sqlite, datasette_metadata, xlsx)
    if not force:
        _refuse_existing(targets)
    carried = _carried_workbook(data, targets)
    # the shipped dataset's workbook alone, ready-made, needs no record loaded
    ds = load(data) if carried is None or directory is not None or targets.sqlite is not None else None
    files: dict[str, str] = {}
    if ds is not None and directory is not None:
        from medcoop.export import package  # the table model: not for a database or workbook alone

        files = package(ds)
    refuse_same(
        [*(directory / name for name in files if directory is not None), *targets],
        _("{second}: export would write two of its files there"),
    )
    contents = _export_contents(ds, targets, carried)  # everything is made before the first byte is written
    if directory is not None:
        write_folder(directory, {name: text.encode("utf-8") for name, text in files.items()}, force=force)
        say(
            ngettext("wrote {count} file to {path}", "wrote {count} files to {path}", len(files)).format(
                count=len(files), path=directory
            )
        )
    if contents:
        write_files(contents)
        _say_written(targets)


class _ExportTargets(NamedTuple):
    """The files `export` writes besides the data package: the SQLite database and its
    Datasette metadata, and the workbook (None where not asked for)."""

    sqlite: Path | None
    metadata: Path | None
    xlsx: Path | None


def _export_targets(sqlite: str | None, metadata: str | None, xlsx: str | None) -> _ExportTargets:
    """The paths of the files to write, checked to be file names: the metadata where asked, else
    beside a database that is a file (none beside /dev/null, /dev/stdout or >(...))."""
    from medcoop.files import check_target

    db_path = check_target(sqlite) if sqlite is not None else None
    meta_path = None
    if db_path is not None:
        from medcoop.database import metadata_path  # and sqlite3: not for a workbook alone

        meta_path = metadata_path(db_path, check_target(metadata) if metadata is not None else None)
    return _ExportTargets(db_path, meta_path, check_target(xlsx) if xlsx is not None else None)


def _refuse_existing(targets: _ExportTargets) -> None:
    """UsageError if one of the files exists as a file (a descriptor, a device or a FIFO is a
    stream, not a file to replace): export replaces files only with --force, as it writes into a
    folder that is not empty."""
    from medcoop.files import is_stream

    for path in targets:
        # os.path: False for a name the system refuses
        if path is not None and os.path.isfile(path) and not is_stream(path):
            raise UsageError(_("{path}: file exists (use --force to replace it)").format(path=path))


def _carried_workbook(data: Path | None, targets: _ExportTargets) -> bytes | None:
    """The workbook asked for, when it is the shipped dataset's (no --data) and the installed
    medcoop carries it ready-made in this run's language (medcoop/xlsx.py); else None: it is
    written from the records."""
    if data is not None or targets.xlsx is None:
        return None
    from medcoop import i18n
    from medcoop.xlsx import shipped

    return shipped(i18n.language)


def _export_contents(ds: "Dataset | None", targets: _ExportTargets, carried: bytes | None) -> list[tuple[Path, bytes]]:
    """The SQLite database (and its Datasette metadata) and the workbook (carried, or written from
    the records), as (path, bytes), the small metadata first. ds is None only when the carried
    workbook is all there is to make."""
    db_path, meta_path, xlsx = targets
    contents: list[tuple[Path, bytes]] = []
    if db_path is not None:
        import json

        from medcoop.database import database

        assert ds is not None  # loaded whenever a database is asked for

        name = os.fsencode(db_path.stem).decode("utf-8", "replace")  # a name that is not UTF-8 still names it
        db, meta = database(ds, name)
        if meta_path is not None:
            contents.append((meta_path, (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode("utf-8")))
        contents.append((db_path, db))
    if xlsx is not None:
        book = carried
        if book is None:
            from medcoop.xlsx import workbook

            assert ds is not None  # loaded whenever there is no carried workbook
            book = workbook(ds)
        contents.append((xlsx, book))
    return contents


def _say_written(targets: _ExportTargets) -> None:
    db_path, meta_path, xlsx = targets
    if db_path is not None and meta_path is not None:
        say(
            _("wrote {database} and {metadata} (datasette {database} -m {metadata})").format(
                database=db_path, metadata=meta_path
            )
        )
    elif db_path is not None:
        say(_("wrote {path}").format(path=db_path))
    if xlsx is not None:
        say(_("wrote {path}").format(path=xlsx))


SqlQuery = Annotated[
    Optional[str],
    typer.Argument(
        help="One SQL statement (SELECT ...) over the report's tables; see them with --tables.",
        metavar="QUERY",
        show_default=False,
    ),
]


@output_command
def sql(
    query_text: SqlQuery = None,
    *,
    tables: Annotated[bool, typer.Option("--tables", help="List the tables: rows, and what each holds.")] = False,
    schema: Annotated[
        Optional[str],
        typer.Option(
            "--schema", metavar="TABLE", help="List a table's columns: types, keys, meaning.", show_default=False
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", metavar="SECONDS", help="Stop the query after this many seconds.")
    ] = 5.0,
    max_rows: Annotated[
        int,
        typer.Option(
            "--max-rows", metavar="N", help="Most rows for table, json, markdown, html (csv, tsv, jsonl stream)."
        ),
    ] = 10_000,
    cite: Annotated[
        bool, typer.Option("--cite", help="Put the rows' provenance (the selected section and quote) last.")
    ] = False,
    **out: Any,
) -> None:
    """Run one read-only SQL query over the tables of medcoop export, in SQLite.

    \b
    Example: medcoop sql "SELECT year, count(*) FROM actions GROUP BY year"
    The tables: medcoop sql --tables
    A table's columns: medcoop sql --schema actions

    --cite needs the rows' section and quote columns (SELECT a.*, or a.section, a.quote).
    """
    from medcoop.view import View

    if max_rows < 1:
        raise UsageError(_("--max-rows must be 1 or more, not {count}").format(count=max_rows))

    fmt: Format = out.pop("fmt")
    data = out.pop("data")
    # the shipped dataset is left to Session, which opens an installed medcoop's tables ready-made
    ds = load(data) if data is not None else None
    _check_excel(fmt, out["excel"])
    if tables or schema is not None:
        if query_text is not None:
            raise UsageError(_("give either a query or --tables, not both"))
        if tables and schema is not None:
            raise UsageError(_("--tables lists every table, --schema TABLE one table's columns: give one"))
        if cite:
            raise UsageError(_("--cite goes with a query, not with --tables"))
        from medcoop.export import resources
        from medcoop.relational import table_schema, tables_list

        model = resources(ds if ds is not None else load(None))
        if tables:
            emit(View(table=tables_list(model)), fmt, listing="sql", citable=False, **out)
        else:
            table = table_schema(model, schema or "")
            emit(View(table=table), fmt, listing="sql --schema", citable=False, **out)
        return
    from medcoop.render import STREAMED_FORMATS, stream
    from medcoop.sql import Session

    with Session(ds, timeout=timeout) as session:
        result = session.run(_utf8(query_text or ""))
        if fmt in STREAMED_FORMATS and out["svg"] is None:
            chunks = stream(
                _sql_columns(result.columns(cite=cite), cite, out), result.batches(), fmt, excel=out["excel"]
            )
            if out["output"] is not None:  # any number of rows, into the file as they come
                from medcoop.files import write_files

                write_files([(out["output"], (chunk.encode("utf-8") for chunk in chunks))])
                return
            for chunk in chunks:
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
    """Check a dataset file: structure, types, ids, references, years, tallies, provenance, and the
    Spanish translations of its editors' words beside it (FILE.es.json), when it has them.

    Example: medcoop validate my-edition.json
    """
    from medcoop import translations

    target = path or data or ds_module.default_path()
    ds, problems = ds_module.decode_and_validate(ds_module.read_file(target), str(target))
    table = translations.read(target)
    if table is not None:
        problems += translations.problems(ds, table, str(translations.sibling(target)))
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
