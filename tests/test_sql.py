"""`medcoop sql`: the export's tables in SQLite, every format, and a connection that only reads."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import time
from pathlib import Path

import pytest

from medcoop import cli, dataset
from medcoop.export import resources
from medcoop.formats import TEXT_FORMATS, Format

from .conftest import TINY, medcoop_process

D = ("--data", str(TINY))
TEN_MILLION = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 10000000) SELECT x FROM c"
FOREVER = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


def test_the_tables_are_the_exports(tmp_path: Path) -> None:
    """Every table of the data package, with its columns, types, keys and rows, and no other."""
    from medcoop.sql import Session

    ds = dataset.load()
    assert cli.main(["export", str(tmp_path)]) == 0
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    with Session(ds) as session:
        conn = session.conn
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
        assert names == [r["name"] for r in package["resources"]]
        for r in package["resources"]:
            info = conn.execute(f'PRAGMA table_info("{r["name"]}")').fetchall()
            fields = r["schema"]["fields"]
            assert [c[1] for c in info] == [f["name"] for f in fields]
            sql_type = {"integer": "INTEGER", "boolean": "INTEGER", "string": "TEXT"}
            assert [c[2] for c in info] == [sql_type[f["type"]] for f in fields]
            assert [c[1] for c in sorted(info, key=lambda c: c[5]) if c[5]] == r["schema"]["primaryKey"]
            fks = {(fk[3], fk[2], fk[4]) for fk in conn.execute(f'PRAGMA foreign_key_list("{r["name"]}")')}
            expected = {
                (fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0])
                for fk in r["schema"].get("foreignKeys", [])
            }
            assert fks == expected
            with (tmp_path / r["path"]).open(encoding="utf-8", newline="") as f:
                csv_rows = list(csv.reader(f))[1:]
            db_rows = conn.execute(f'SELECT * FROM "{r["name"]}"').fetchall()
            as_csv = [
                ["" if v is None else ("true" if v == 1 else "false") if t == "boolean" else str(v) for v, t in row]
                for row in ([(v, f["type"]) for v, f in zip(values, fields, strict=True)] for values in db_rows)
            ]
            assert as_csv == csv_rows, r["name"]


def test_amounts_are_integers_and_a_join_answers(run) -> None:  # type: ignore[no-untyped-def]
    query = (
        "SELECT a.id, a.amount_usd, o.name FROM actions a JOIN action_partners p ON p.action = a.id "
        "JOIN organisations o ON o.id = p.organisation WHERE a.amount_usd IS NOT NULL"
    )
    rows = json.loads(run("sql", query, "-f", "json").out)
    # "a grant of USD 12.5 million" for the smart mobility project with Korea's MOLIT (2018 section)
    assert rows == [
        {
            "id": "2018-korea-molit-smart-mobility",
            "amount_usd": 12500000,
            "name": "Ministry of Land, Transport, and Infrastructure of Korea",
        }
    ]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_every_format(run, fmt: Format) -> None:  # type: ignore[no-untyped-def]
    """Each format carries the rows, years as years (2016, never 2,016 in the table view)."""
    result = run("sql", "SELECT year, kind, name FROM awards", *D, "-f", fmt.value)
    assert result.code == 0 and result.err == ""
    if fmt is Format.json:
        assert json.loads(result.out) == [{"year": 2016, "kind": "award", "name": "2016 Prize"}]
    elif fmt is Format.jsonl:
        assert result.out == '{"year": 2016, "kind": "award", "name": "2016 Prize"}\n'
    elif fmt in (Format.csv, Format.tsv):
        sep = "," if fmt is Format.csv else "\t"
        assert (
            result.out == sep.join(["year", "kind", "name"]) + "\n" + sep.join(["2016", "award", "2016 Prize"]) + "\n"
        )
    elif fmt is Format.markdown:
        heading, blank, header, _rule, row = result.out.splitlines()
        assert [c.strip() for c in header.split("|")[1:-1]] == ["year", "kind", "name"]
        assert (heading, blank) == ("## SQL result", "")
        assert [c.strip() for c in row.split("|")[1:-1]] == ["2016", "award", "2016 Prize"]
    elif fmt is Format.html:
        assert "<th>year</th><th>kind</th><th>name</th>" in result.out
        assert '<td class="num">2016</td><td class="word">award</td><td>2016 Prize</td>' in result.out
    else:
        lines = [line.strip() for line in result.out.splitlines()]
        assert lines[0] == "SQL result" and set(lines[2]) == {"─"}
        assert lines[1:4:2] == ["year  kind   name", "2016  award  2016 Prize"]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_tables_lists_columns_types_and_keys_in_every_format(run, fmt: Format) -> None:  # type: ignore[no-untyped-def]
    """--tables names every table; --schema TABLE gives its columns, types, keys and references."""
    assert "action_partners" in run("sql", "--tables", "-f", fmt.value).out.replace("\\_", "_")
    result = run("sql", "--schema", "action_partners", "-f", fmt.value)
    assert result.code == 0
    for column in ("organisation", "organisations.id"):
        assert column in result.out, column
    if fmt is Format.json:
        names = [r["table"] for r in json.loads(run("sql", "--tables", "-f", "json").out)]
        rows = [
            {"table": name, **row}
            for name in names
            for row in json.loads(run("sql", "--schema", name, "-f", "json").out)
        ]
        amount = next(r for r in rows if (r["table"], r["column"]) == ("actions", "amount_usd"))
        assert amount["type"] == "integer" and amount["required"] == "no" and amount["key"] is None
        link = [r for r in rows if r["table"] == "action_partners"]
        assert [(r["column"], r["key"], r["references"]) for r in link] == [
            ("action", "primary", "actions.id"),
            ("organisation", "primary", "organisations.id"),
        ]
        model = [(r.name, f["name"]) for r in resources(dataset.load()) for f in r.fields]
        assert [(r["table"], r["column"]) for r in rows] == model
        assert all(r["description"] for r in rows)  # every column is described


def test_cite_puts_the_provenance_last_and_needs_it(run) -> None:  # type: ignore[no-untyped-def]
    cited = run("sql", "SELECT quote, section, name FROM awards", *D, "--cite", "-f", "csv")
    assert cited.out == "name,section,quote\n2016 Prize,2016,The city won the 2016 Prize\n"
    streamed = run("sql", "SELECT * FROM awards", *D, "--cite", "-f", "jsonl")
    assert list(json.loads(streamed.out))[-2:] == ["section", "quote"]
    missing = run("sql", "SELECT name FROM awards", *D, "--cite", "-f", "json")
    assert missing.code == 2 and missing.out == "" and "select the section and quote" in missing.err


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("DELETE FROM actions", "refused: DELETE actions is not allowed"),
        ("UPDATE actions SET amount_usd = 1", "refused: UPDATE actions is not allowed"),
        ("INSERT INTO sections VALUES ('x', NULL, NULL, 'stated', NULL)", "refused: INSERT sections is not allowed"),
        ("DROP TABLE actions", "refused"),
        ("CREATE TEMP TABLE t(x)", "refused: changing the schema is not allowed"),
        ("ATTACH DATABASE '{tmp}/stolen.db' AS x", "refused: ATTACH"),
        ("VACUUM INTO '{tmp}/copy.db'", "refused: ATTACH"),
        ("SELECT load_extension('{tmp}/evil')", "refused: load_extension() is not allowed"),
        ("PRAGMA query_only = 0", "refused: PRAGMA query_only is not allowed"),
        ("PRAGMA writable_schema = 1", "refused: PRAGMA writable_schema"),
        ("BEGIN", "refused: TRANSACTION"),
        ("SELECT 1; DELETE FROM actions", "give one SQL statement at a time"),
        ("SELECT 1; SELECT 2", "give one SQL statement at a time"),
        ("SELEC * FROM actions", 'SQL: near "SELEC": syntax error (see the tables and their columns with: medcoop sql'),
        ("SELECT * FROM action", "SQL: no such table: action; did you mean 'actions'? (see the tables and their colu"),
        ("SELECT nobody FROM actions", "SQL: no such column: nobody"),
        ("", "give an SQL query"),
    ],
)
def test_refused_and_wrong_queries_exit_2_with_one_line(run, tmp_path: Path, query: str, words: str) -> None:  # type: ignore[no-untyped-def]
    result = run("sql", query.format(tmp=tmp_path), "-f", "csv")
    assert (result.code, result.out) == (2, "")
    assert result.err.startswith("medcoop: error: ") and result.err.count("\n") == 1
    assert words in result.err
    assert list(tmp_path.iterdir()) == []  # nothing written, attached or loaded


def test_describing_pragmas_are_allowed(run) -> None:  # type: ignore[no-untyped-def]
    result = run("sql", "PRAGMA table_info(awards)", *D, "-f", "csv")
    assert result.code == 0 and result.out.splitlines()[1] == "0,id,TEXT,1,,1"


def test_a_query_that_runs_forever_stops_at_the_time_limit(run) -> None:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    result = run("sql", FOREVER, "--timeout", "0.5", "-f", "csv")
    assert time.monotonic() - start < 10
    assert result.code == 1 and result.out == ""
    assert result.err == "medcoop: error: the query ran longer than 0.5 s and was stopped (raise --timeout)\n"


def test_ten_million_rows_are_refused_whole_or_streamed(run) -> None:  # type: ignore[no-untyped-def]
    held = run("sql", TEN_MILLION, "-f", "json")
    assert held.code == 1 and held.out == "" and "more than 10,000 rows" in held.err
    assert run("sql", TEN_MILLION, "-f", "table", "--max-rows", "5").code == 1
    assert json.loads(run("sql", TEN_MILLION + " LIMIT 3", "-f", "json").out) == [{"x": 1}, {"x": 2}, {"x": 3}]


def test_ten_million_rows_stream_to_a_closed_pipe_quickly() -> None:
    start = time.monotonic()
    proc = medcoop_process(["sql", TEN_MILLION, "-f", "csv"], shell_pipe="head -3", timeout=60)
    assert time.monotonic() - start < 20
    assert proc.stdout == b"x\n1\n2\n"
    assert proc.stderr.decode().strip().endswith("status=141")


def test_streamed_rows_end_at_the_time_limit_with_an_error() -> None:
    proc = medcoop_process(["sql", TEN_MILLION, "-f", "jsonl", "--timeout", "0.3"], timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.endswith(b"the query ran longer than 0.3 s and was stopped (raise --timeout)\n")
    lines = proc.stdout.decode().splitlines()
    assert 0 < len(lines) < 10_000_000 and lines[:2] == ['{"x": 1}', '{"x": 2}']


def test_duplicate_column_names_lose_nothing(run) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run("sql", "SELECT a.id, w.id FROM actions a, awards w", *D, "-f", "json").out)
    assert rows == [{"id": "a-2017-korea", "id_2": "w-2016"}]


def test_floats_and_blobs(run) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run("sql", "SELECT 1.0 * 3 / 2 AS half, x'00ff' AS blob", "-f", "json").out)
    assert rows == [{"half": 1.5, "blob": "x'00ff'"}]


def test_cli_defaults_are_the_libraries() -> None:
    import inspect

    from medcoop import sql

    params = inspect.signature(cli.data.sql).parameters
    assert params["timeout"].default == sql.DEFAULT_TIMEOUT
    assert params["max_rows"].default == sql.DEFAULT_MAX_ROWS


def test_the_connection_really_is_read_only() -> None:
    """Even past the authorizer, query_only holds."""
    from medcoop.sql import Session

    with Session(dataset.load()) as session:
        session.conn.set_authorizer(None)
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            session.conn.execute("DELETE FROM actions")


def test_streamed_csv_is_the_same_text_as_whole(run) -> None:  # type: ignore[no-untyped-def]
    from medcoop import sql

    query = "SELECT * FROM actions"
    streamed = run("sql", query, "-f", "csv", "--excel").out
    whole = io.StringIO()
    with sql.Session(dataset.load()) as session:
        from medcoop.render import machine

        whole.write(machine(session.run(query).table(), Format.csv, excel=True))
    assert streamed == whole.getvalue() and streamed.startswith("\ufeffid,")


REFERENCE = re.compile(r"\b[a-z_]+\.(?:id|a2)\b")
"""A table.column a description names."""


@pytest.mark.parametrize("lang", ["en", "es"])
def test_descriptions_name_the_foreign_key_of_their_column(run, lang: str) -> None:  # type: ignore[no-untyped-def]
    """Every column with a foreign key names the column it refers to (and no other); no column
    without one names any (metrics.restates refers to actions.id, yet said metrics.id)."""
    from medcoop import i18n

    i18n.use(lang)
    try:
        tables = resources(dataset.load())
        with_key = 0
        for resource in tables:
            refers = {fk["fields"][0]: fk["reference"] for fk in resource.fks if len(fk["fields"]) == 1}
            for field in resource.fields:
                where = f"{resource.name}.{field['name']}"
                named = REFERENCE.findall(i18n.shown(field.get("description") or ""))
                if field["name"] in refers:
                    with_key += 1
                    target = refers[field["name"]]
                    assert named == [f"{target['resource']}.{target['fields'][0]}"], where
                else:
                    assert named == [], where
        assert with_key >= 30  # every record table's section, the link tables, the references
    finally:
        i18n.use("en")
    rows = list(csv.DictReader(io.StringIO(run("sql", "--schema", "metrics", "-f", "csv").out)))
    restates = next(r for r in rows if r["column"] == "restates")
    assert restates["references"] == "actions.id" and "actions.id" in restates["description"]


@pytest.mark.parametrize(
    ("query", "meant"),
    [
        ("SELECT * FROM awrds", "no such table: awrds; did you mean 'awards'?"),
        ("SELECT a.yeer FROM actions a", "no such column: a.yeer; did you mean 'year'?"),
        ("SELECT heading FROM actions", "no such column: heading; did you mean 'heading_as_printed'?"),  # actions' name
        ("SELECT what FROM metrics", "no such column: what; did you mean 'label'?"),  # summary's name
    ],
)
def test_an_unknown_table_or_column_gets_a_did_you_mean(run, query: str, meant: str) -> None:  # type: ignore[no-untyped-def]
    result = run("sql", query, "-f", "csv")
    assert result.code == 2 and meant in result.err


def test_a_listing_column_named_as_in_sql_gets_its_listing_name(run) -> None:  # type: ignore[no-untyped-def]
    """One vocabulary, or a did-you-mean: the listing's `heading` is the tables' `heading_as_printed`."""
    result = run("actions", "-c", "heading_as_printed", "-f", "csv")
    assert result.code == 2 and "did you mean 'heading'?" in result.err
