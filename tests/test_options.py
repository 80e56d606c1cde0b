"""Every command whose output is a listing (the listings, map's data, sql's result and tables)
takes the same output options; no help or error text advises an option its command lacks."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from medcoop import cli

from . import workbooks
from .conftest import TINY

D = ("--data", str(TINY))

ARGUMENTS = {
    "country": ["Korea"],
    "partner": ["IDB"],
    "programme": ["PAR"],
    "search": ["e"],
    "sql": ["SELECT 1 AS a"],
}
"""What each command that needs an argument is given in the probes below."""

PROBES: list[list[str]] = [
    [],
    ["-f", "xlsx"],
    ["-f", "json", "--excel"],
    ["--excel"],
    ["--cite"],
    ["--wide"],
    ["--wide", "-c", "year"],
    ["-c", "no_such_column"],
    ["-c", ","],
    ["-c", "year,year"],
    ["--svg", ""],
    ["-o", ""],
    ["--year", "1999"],
    ["--year", "2016", "--year", "2017"],
    ["--role", "nobody"],
    ["--modality", "nothing"],
    ["--country", "Atlantis"],
    ["--partner", "Nobody at all"],
    ["--tables", "--cite"],
    ["--tables", "-c", "nope"],
    ["--timeout", "0"],
    ["--datasette-metadata", "m.json"],
    ["--max-rows", "0"],
]
"""Mistakes a user makes, each tried on every command that has the options it uses, so that the
shared error paths (emit, choose, the workbook) are reached from every command."""

GLOBAL = {"--lang", "--help", "-h"}
"""Options every command takes (--lang is taken out before the command is parsed)."""

FOREIGN = ("less -FRX", "datasette medcoop.db -m metadata.json")
"""Other programs' options quoted in help texts."""

OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")


def _options(name: str) -> set[str]:
    command = get_command(cli.build_app(name)).commands[name]  # type: ignore[attr-defined]
    return {o for p in command.params for o in (*p.opts, *p.secondary_opts) if o.startswith("-")} | GLOBAL


def _named(text: str) -> set[str]:
    for foreign in FOREIGN:
        text = text.replace(foreign, "")
    return set(OPTION.findall(text))


def _usable(probe: list[str], options: set[str]) -> bool:
    return all(word in options for word in probe if word.startswith("-") and len(word) > 1)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("name", sorted(cli.COMMANDS))
def test_every_option_a_command_names_is_one_it_has(
    run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, lang: str
) -> None:  # type: ignore[no-untyped-def]
    """Its help, and its error messages for every mistake it can be given, name only its own options."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "400")  # help on long lines: no option cut at a line end
    options = _options(name)
    texts = {"--help": run("--lang", lang, name, "--help").out}
    for probe in PROBES:
        if _usable(probe, options):
            result = run("--lang", lang, name, *ARGUMENTS.get(name, []), *probe, *D)
            texts[" ".join(probe)] = result.err
    for probe, text in texts.items():
        unknown = _named(text) - options
        assert not unknown, f"medcoop {name} {probe}: names {sorted(unknown)}, which it lacks:\n{text}"


LISTING_LIKE = ["map", "sql", *cli.LISTINGS]
"""Every command whose output is a listing."""
SHARED = {"--format", "--data", "--cite", "--no-color", "--excel", "--wide", "--columns", "--no-pager", "--output"}


@pytest.mark.parametrize("name", LISTING_LIKE)
def test_listing_like_commands_take_the_output_options(name: str) -> None:
    assert _options(name) >= SHARED


def test_map_takes_output_and_columns_for_its_data(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "map.csv"
    assert run("map", "-f", "csv", "-c", "a2,mentions", "-o", str(target)).out == ""
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0] == ["a2", "mentions"] and ["KR", "5"] in rows[1:]  # Korea: 5 mentions, as `countries` counts
    assert run("map", "-f", "csv", "--wide").out == run("map", "-f", "csv").out


def test_map_writes_the_drawn_map_to_a_file_as_in_a_pipe(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "map.txt"
    result = run("map", "-o", str(target))
    assert (result.code, result.out) == (0, "")
    assert target.read_text(encoding="utf-8") == run("map").out


@pytest.mark.parametrize("option", [["--cite"], ["--wide"], ["-c", "a2"]])
def test_map_refuses_what_only_its_data_takes(run, option: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = run("map", *option)
    assert result.code == 2 and result.out == ""
    assert "goes with the data behind the map: -f csv" in result.err


def test_map_and_sql_write_workbooks(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    openpyxl = pytest.importorskip("openpyxl")
    target = tmp_path / "map.xlsx"
    assert run("map", "-f", "xlsx", "-c", "a2,mentions", "-o", str(target)).code == 0
    book = openpyxl.load_workbook(target)
    rows = list(book["data"].iter_rows(values_only=True))
    assert workbooks.keys(book, "data", "data") == ["a2", "mentions"] and ("KR", 5) in rows


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "jsonl", "markdown", "html"])
def test_sql_columns_in_every_format(run, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """-c picks the result's columns (streamed formats too), in that order."""
    query = "SELECT id, year, amount_usd FROM actions WHERE amount_usd IS NOT NULL ORDER BY id"
    picked = run("sql", query, "-c", "amount_usd,id", "-f", fmt)
    assert picked.code == 0, picked.err
    alone = run("sql", "SELECT amount_usd, id FROM actions WHERE amount_usd IS NOT NULL ORDER BY id", "-f", fmt)
    assert picked.out == alone.out


def test_sql_columns_and_cite(run) -> None:  # type: ignore[no-untyped-def]
    """--cite keeps the provenance last with -c; a provenance column the query lacks is unknown."""
    both = run("sql", "SELECT id, section, quote FROM awards ORDER BY id", "--cite", "-c", "id", "-f", "csv")
    assert both.out.splitlines()[0] == "id,section,quote"
    missing = run("sql", "SELECT id FROM awards", "-c", "id,section")
    assert missing.code == 2 and "unknown column 'section' for sql (columns: id)" in missing.err


def test_sql_tables_take_columns_and_refuse_cite(run) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.reader(io.StringIO(run("sql", "--tables", "-c", "table,rows", "-f", "csv").out)))
    assert rows[0] == ["table", "rows"] and ["metrics", "16"] in rows  # the 16 headline figures
    rows = list(csv.reader(io.StringIO(run("sql", "--schema", "metrics", "-c", "column,type", "-f", "csv").out)))
    assert rows[0] == ["column", "type"] and ["restates", "string"] in rows
    assert run("sql", "--tables", "--cite").code == 2
    assert run("sql", "--schema", "metrics", "--cite").code == 2


def test_sql_tables_is_a_compact_list_and_schema_one_tables_columns(run) -> None:  # type: ignore[no-untyped-def]
    from medcoop import dataset
    from medcoop.export import resources

    tables = resources(dataset.load())
    listed = json.loads(run("sql", "--tables", "-f", "json").out)
    assert [(row["table"], row["rows"]) for row in listed] == [(r.name, len(r.rows)) for r in tables]
    assert all(row["description"] for row in listed)
    for r in tables:
        columns = json.loads(run("sql", "--schema", r.name, "-f", "json").out)
        assert [c["column"] for c in columns] == [f["name"] for f in r.fields], r.name
        count = json.loads(run("sql", f"SELECT count(*) AS n FROM {r.name}", "-f", "json").out)
        assert count == [{"n": len(r.rows)}]
    unknown = run("sql", "--schema", "award")
    assert unknown.code == 2 and "did you mean 'awards'?" in unknown.err and unknown.err.count("\n") == 1
    assert run("sql", "--tables", "--schema", "awards").code == 2


def test_sql_no_pager_and_wide_are_accepted(run) -> None:  # type: ignore[no-untyped-def]
    plain = run("sql", "SELECT 1 AS a")
    assert run("sql", "SELECT 1 AS a", "--no-pager", "--wide").out == plain.out != ""


def test_map_is_paged_on_a_terminal_unless_no_pager(tmp_path: Path) -> None:
    """The drawn map and its list, taller than the terminal, go through the pager as a listing does."""
    from .test_tables import _pty

    record = tmp_path / "paged.txt"
    pager = f"{sys.executable} -c \"import sys; open({str(record)!r}, 'wb').write(sys.stdin.buffer.read())\""
    assert _pty(["map"], {"PAGER": pager}, rows=10) == ""
    assert "Korea" in record.read_text(encoding="utf-8")
    record.unlink()
    assert "Korea" in _pty(["map", "--no-pager"], {"PAGER": pager}, rows=10) and not record.exists()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    ("typed", "meant"), [("xls", "xlsx"), ("jsn", "json"), ("markdwon", "markdown"), ("htm", "html")]
)
def test_a_format_near_a_choice_gets_a_did_you_mean(run, lang: str, typed: str, meant: str) -> None:  # type: ignore[no-untyped-def]
    result = run("--lang", lang, "awards", "-f", typed)
    assert result.code == 2 and result.out == ""
    assert f"'{meant}'?" in result.err and result.err.count("\n") == 1


def test_a_value_near_no_choice_gets_none(run) -> None:  # type: ignore[no-untyped-def]
    result = run("awards", "-f", "foo")
    assert result.code == 2 and "did you mean" not in result.err and "'foo'" in result.err
