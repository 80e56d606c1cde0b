"""`medcoop export --sqlite` and `--xlsx`: the data package's tables, read back by SQLite,
Datasette and openpyxl, and compared with the package's CSV files and the listings."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from medcoop import cli
from medcoop.xlsx import not_the_reports_columns

from . import workbooks
from .conftest import TINY


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The data package, the database (with metadata.json beside it) and the workbook."""
    out = tmp_path_factory.mktemp("formats")
    assert (
        cli.main(["export", str(out / "package"), "--sqlite", str(out / "medcoop.db"), "--xlsx", str(out / "m.xlsx")])
        == 0
    )
    return out


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def _descriptor(exported: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((exported / "package" / "datapackage.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _as_csv_text(value: object, kind: str) -> str:
    if value is None:
        return ""
    if kind == "boolean":
        assert value in (0, 1, True, False), value
        return "true" if value else "false"
    return str(value)


# --------------------------------------------------------------------------- SQLite


def test_database_holds_the_package_with_keys(exported: Path) -> None:
    conn = sqlite3.connect(exported / "medcoop.db")
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    for resource in _descriptor(exported)["resources"]:
        name, fields = resource["name"], resource["schema"]["fields"]
        info = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
        assert [c[1] for c in sorted(info, key=lambda c: c[5]) if c[5]] == resource["schema"]["primaryKey"]
        required = {f["name"] for f in fields if f.get("constraints", {}).get("required")}
        assert {c[1] for c in info if c[3]} == required
        rows = conn.execute(f'SELECT * FROM "{name}"').fetchall()
        text = [[_as_csv_text(v, f["type"]) for v, f in zip(row, fields, strict=True)] for row in rows]
        assert [[c[1] for c in info], *text] == _csv(exported / "package" / resource["path"]), name
        for fk in resource["schema"].get("foreignKeys", []):  # every key is indexed
            indexed = {
                conn.execute(f'PRAGMA index_info("{ix[1]}")').fetchone()[2]
                for ix in conn.execute(f'PRAGMA index_list("{name}")')
            }
            assert fk["fields"][0] in indexed, (name, fk)


def test_a_broken_reference_is_caught_by_foreign_key_check(exported: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes((exported / "medcoop.db").read_bytes())
    conn = sqlite3.connect(copy)
    conn.execute("UPDATE action_partners SET organisation = 'nobody' WHERE rowid = 1")
    assert [r[:3] for r in conn.execute("PRAGMA foreign_key_check")] == [("action_partners", 1, "organisations")]


def test_full_text_search_over_the_text_columns(exported: Path) -> None:
    conn = sqlite3.connect(exported / "medcoop.db")
    found = [r[0] for r in conn.execute(
        "SELECT a.id FROM actions_fts JOIN actions a ON a.rowid = actions_fts.rowid "
        "WHERE actions_fts MATCH 'mobility' ORDER BY a.id"
    )]  # fmt: skip
    columns = [r[1] for r in conn.execute("PRAGMA table_info(actions)")]
    texts = {r[0]: " ".join(str(v) for v in r if isinstance(v, str)) for r in conn.execute("SELECT * FROM actions")}
    expected = sorted(i for i, t in texts.items() if re.search(r"\bmobility\b", t, re.I))
    assert found == expected and len(expected) >= 2
    fts_columns = [r[1] for r in conn.execute("PRAGMA table_info(actions_fts)")]
    assert "summary" in fts_columns and "quote" in fts_columns and "id" not in fts_columns
    assert set(fts_columns) < set(columns)


def test_metadata_for_datasette(exported: Path) -> None:
    meta = json.loads((exported / "metadata.json").read_text(encoding="utf-8"))
    assert meta["title"].startswith("Special Report on Cooperation 2016, 2017, 2018")
    assert "ACI Medellín" in meta["source"] and "no licence" in meta["license"]
    tables = meta["databases"]["medcoop"]["tables"]
    assert [r["name"] for r in _descriptor(exported)["resources"]] == list(tables)
    assert tables["actions"]["columns"]["amount_usd"] == "Amount in US dollars, where the report states one."
    assert tables["actions"]["fts_table"] == "actions_fts"


def test_sqlite_options_refuse_and_write_atomically(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("export").code == 2
    lonely = run("export", "--datasette-metadata", str(tmp_path / "m.json"))
    assert lonely.code == 2 and "goes with --sqlite" in lonely.err
    target = tmp_path / "keep.db"
    target.write_bytes(b"mine")
    missing = run("export", "--sqlite", str(tmp_path / "no" / "such" / "x.db"))
    assert missing.code == 1 and "cannot write" in missing.err
    assert run("export", "--sqlite", str(tmp_path), "--data", str(TINY)).code == 2  # a folder
    assert target.read_bytes() == b"mine" and sorted(p.name for p in tmp_path.iterdir()) == ["keep.db"]
    meta = tmp_path / "elsewhere.json"
    args = ("export", "--sqlite", str(target), "--datasette-metadata", str(meta), "--data", str(TINY))
    assert run(*args).code == 2 and target.read_bytes() == b"mine"  # an existing file is replaced with --force only
    assert run(*args, "--force").code == 0
    assert sqlite3.connect(target).execute("SELECT id FROM awards").fetchall() == [("w-2016",)]
    assert "keep" in json.loads(meta.read_text(encoding="utf-8"))["databases"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere.json", "keep.db"]  # no temporary file left


@pytest.mark.parametrize(
    ("existing", "args"),
    [
        ("x.db", ["--sqlite", "x.db"]),
        ("metadata.json", ["--sqlite", "x.db"]),  # the metadata written beside the database by default
        ("m.json", ["--sqlite", "x.db", "--datasette-metadata", "m.json"]),
        ("x.xlsx", ["--xlsx", "x.xlsx"]),
        ("x.xlsx", ["package", "--sqlite", "x.db", "--xlsx", "x.xlsx"]),
    ],
)
def test_export_replaces_no_file_without_force(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: str, args: list[str]
) -> None:
    """An existing file is the user's until --force says otherwise (as a folder that is not empty
    is): refused before anything is written, exit 2, the file untouched; replaced with --force."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / existing).write_bytes(b"mine")
    refused = run("export", *args, "--data", str(TINY))
    assert refused.code == 2, refused.err
    assert refused.err == f"medcoop: error: {existing}: file exists (use --force to replace it)\n"
    assert [p.name for p in tmp_path.iterdir()] == [existing] and (tmp_path / existing).read_bytes() == b"mine"
    forced = run("export", *args, "--data", str(TINY), "--force")
    assert forced.code == 0, forced.err
    assert (tmp_path / existing).read_bytes() != b"mine"


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--sqlite", "same.out", "--xlsx", "same.out"], "same.out"),
        (["--sqlite", "m.db", "--datasette-metadata", "m.db"], "m.db"),
        (["--sqlite", "m.db", "--datasette-metadata", "./m.db"], "m.db"),  # one file, spelled two ways
        (["pkg", "--xlsx", "pkg/datapackage.json"], "pkg/datapackage.json"),
        (["pkg", "--sqlite", "pkg/../pkg/awards.csv"], "pkg/../pkg/awards.csv"),
    ],
)
def test_export_never_writes_two_of_its_files_at_one_path(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], named: str
) -> None:
    """The second file would replace the first (a workbook where the database was said to be),
    with or without --force: refused before anything is written, exit 2."""
    monkeypatch.chdir(tmp_path)
    for force in ([], ["--force"]):
        refused = run("export", *args, "--data", str(TINY), *force)
        message = f"medcoop: error: {named}: export would write two of its files there\n"
        assert (refused.code, refused.err) == (2, message)
        assert list(tmp_path.iterdir()) == []


def test_export_writes_to_a_stream_without_force(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A device is no file to replace: --xlsx /dev/null needs no --force."""
    assert run("export", "--xlsx", os.devnull, "--data", str(TINY)).code == 0


# --------------------------------------------------------------------------- Datasette


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _datasette(db: Path, metadata: Path) -> Iterator[str]:
    pytest.importorskip("datasette")
    port = _free_port()
    command = [sys.executable, "-m", "datasette", "serve", str(db), "-m", str(metadata), "-h", "127.0.0.1"]
    proc = subprocess.Popen([*command, "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/-/versions.json", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("datasette did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        if proc.stderr:
            proc.stderr.close()


def _get(url: str) -> object:
    with urllib.request.urlopen(url, timeout=20) as response:
        return json.loads(response.read().decode("utf-8"))


def test_datasette_serves_the_rows_of_medcoop(exported: Path, run) -> None:  # type: ignore[no-untyped-def]
    with _datasette(exported / "medcoop.db", exported / "metadata.json") as base:
        rows = _get(f"{base}/medcoop/actions.json?_shape=array&_size=max")
        found = _get(f"{base}/medcoop/actions.json?_shape=array&_search=mobility")
    # Datasette orders a table by its primary key
    assert rows == json.loads(run("sql", "SELECT * FROM actions ORDER BY id", "-f", "json").out)
    listing = sorted(json.loads(run("actions", "-f", "json").out), key=lambda r: str(r["id"]))
    assert isinstance(rows, list) and len(rows) == len(listing) == 10
    for table_row, listed in zip(rows, listing, strict=True):
        shared = ("id", "year", "modality", "summary", "amount_usd", "details")
        assert {k: table_row[k] for k in shared} == {k: listed[k] for k in shared}
        assert table_row["heading_as_printed"] == listed["heading"]
    ids = sorted(r["id"] for r in found)  # type: ignore[attr-defined]
    expected = [r["id"] for r in rows if re.search(r"\bmobility\b", json.dumps(r, ensure_ascii=False), re.I)]
    assert ids == expected and len(ids) >= 2


# --------------------------------------------------------------------------- Excel


def _key(header: str) -> str:
    return header.removesuffix(" \u2020")


def _book(exported: Path) -> Any:
    return pytest.importorskip("openpyxl").load_workbook(exported / "m.xlsx")


def test_every_sheet_equals_its_csv_with_numbers_as_numbers(exported: Path) -> None:
    book = _book(exported)
    resources = _descriptor(exported)["resources"]
    assert book.sheetnames == ["about", *(r["name"] for r in resources)]
    for resource in resources:
        sheet = book[resource["name"]]
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
        kinds = {f["name"]: f["type"] for f in resource["schema"]["fields"]}
        header = workbooks.keys(book, resource["name"], resource["name"])  # the headers are words
        marked = {k for k, h in zip(header, values[0], strict=True) if h != _key(h)}  # not the report's words: †
        assert marked == not_the_reports_columns(resource["name"]), resource["name"]
        for row in values[1:]:
            for name, value in zip(header, row, strict=True):
                expected = {"integer": int, "boolean": bool, "string": str}[kinds[name]]
                assert value is None or type(value) is expected, (resource["name"], name, value)
        as_text = [header] + [[_as_csv_text(v, kinds[n]) for n, v in zip(header, r, strict=True)] for r in values[1:]]
        assert as_text == _csv(exported / "package" / resource["path"]), resource["name"]
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == sheet.dimensions
        assert all(c.font.b for c in sheet[1])
        assert all(6 <= (workbooks.column_width(sheet, c.column) or 0) <= 61 for c in sheet[1])
    about = [row for row in book["about"].iter_rows(values_only=True)]
    facts = {row[0]: row[1] for row in about if row[0] and row[2] is None}
    assert facts["Publisher"] == "ACI Medellín" and facts["Period"] == "2016-2018"
    assert "section" in facts["How to cite"] and "no licence" in facts["Licence"]
    assert "=SUM(actions_amount_usd)" in facts["Names"]
    described = {(r[2], r[3]): r[9] for r in about if r[2] == "actions"}
    assert described[("actions", "amount_usd")] == "Amount in US dollars, where the report states one."


def test_english_headers_are_words_marked_as_before(exported: Path) -> None:
    """The English workbook is headed as people read it (LABELS), no longer by the keys; the
    columns that are not the report's words keep their †."""
    from medcoop.describe import LABELS

    book = _book(exported)
    for resource in _descriptor(exported)["resources"]:
        name = resource["name"]
        fields = [f["name"] for f in resource["schema"]["fields"]]
        marks = not_the_reports_columns(name)
        expected = [f"{LABELS[f]} \u2020" if f in marks else LABELS[f] for f in fields]
        assert [c.value for c in book[name][1]] == expected, name
    actions = [c.value for c in book["actions"][1]]
    assert "Amount (USD)" in actions and "Heading as printed" in actions and "amount_usd" not in actions


def test_every_column_is_a_defined_name_over_its_values(exported: Path) -> None:
    """TABLE_COLUMN names the column's cells under the header (row 2 alone when the table is
    empty): the range's values are the CSV file's column; nothing else is named."""
    from openpyxl.utils.cell import range_boundaries

    book = _book(exported)
    expected: set[str] = set()
    for resource in _descriptor(exported)["resources"]:
        table, fields = resource["name"], resource["schema"]["fields"]
        header, *rows = _csv(exported / "package" / resource["path"])
        for position, field in enumerate(fields):
            name = f"{table}_{field['name']}"
            expected.add(name)
            [(sheet, reference)] = list(book.defined_names[name].destinations)
            assert sheet == table and reference.count("$") == 4, (name, reference)  # absolute
            first_col, first_row, last_col, last_row = range_boundaries(reference)
            assert (first_col, first_row, last_col, last_row) == (position + 1, 2, position + 1, max(len(rows), 1) + 1)
            cells = book[sheet].iter_rows(min_row=first_row, max_row=last_row, min_col=first_col, max_col=last_col)
            got = [_as_csv_text(row[0].value, field["type"]) for row in cells]
            assert got == ([row[position] for row in rows] or [""]), name
            assert header[position] == field["name"]
    assert set(book.defined_names) == expected
    [(sheet, reference)] = list(book.defined_names["actions_amount_usd"].destinations)
    amounts = [row[0].value for row in book[sheet][reference]]
    header, *rows = _csv(exported / "package" / "actions.csv")
    in_csv = sum(int(row[header.index("amount_usd")] or 0) for row in rows)
    # what =SUM(actions_amount_usd) gives: the report's one amount of an action, USD 12.5 million
    assert sum(v for v in amounts if v is not None) == in_csv == 12_500_000


def test_the_about_sheet_keeps_each_columns_machine_name_beside_its_header(exported: Path) -> None:
    """Sheet and Header (as people read them) beside Table, Column and Name in formulas: a
    script maps a header to its column by the about sheet, as by the defined names."""
    book = _book(exported)
    rows = workbooks.about_columns(book, "about", 10)
    assert rows[0][:5] == ("Sheet", "Header", "Table", "Column", "Name in formulas")
    listed = rows[1:]
    fields = [(r["name"], f["name"]) for r in _descriptor(exported)["resources"] for f in r["schema"]["fields"]]
    assert [(r[2], r[3]) for r in listed] == fields
    for sheet, header, table, column, name, *_rest in listed:
        assert name == f"{table}_{column}"
        col = workbooks.keys(book, sheet, table).index(column)
        assert book[sheet].cell(1, col + 1).value == header, (table, column)


def test_long_text_wraps_top_aligned_and_narrow_columns_stay_narrow(exported: Path) -> None:
    """A column with text wider than the widest column (60) wraps, every cell top-aligned so that
    a tall row reads from its top; a column of short values keeps a narrow width."""
    book = _book(exported)
    resources = {r["name"]: r for r in _descriptor(exported)["resources"]}
    wrapped: set[tuple[str, str]] = set()
    for name, resource in resources.items():
        sheet = book[name]
        rows = _csv(exported / "package" / resource["path"])
        for position, key in enumerate(rows[0]):
            texts = [row[position] for row in rows[1:]]
            long = any(len(line) > 58 for t in texts for line in t.split("\n")) or any("\n" in t for t in texts)
            cells = [row[position] for row in sheet.iter_rows(min_row=2) if row[position].value is not None]
            assert all(c.alignment.vertical == "top" for c in cells), (name, key)
            assert all(bool(c.alignment.wrap_text) == long for c in cells), (name, key)
            if long:
                wrapped.add((name, key))
            width = workbooks.column_width(sheet, position + 1)
            assert width is not None and 6 <= width <= 61, (name, key, width)
            assert width >= 60 if long else True, (name, key, width)
    assert {("actions", "quote"), ("actions", "details"), ("countries", "quote")} <= wrapped
    assert not {("actions", "id"), ("actions", "year"), ("actions", "amount_usd")} & wrapped
    actions = book["actions"]
    widths = {c.value: workbooks.column_width(actions, c.column) for c in actions[1]}
    assert widths["Year"] < 10 and widths["Amount (USD)"] < 20  # narrow columns stay narrow
    about = book["about"]
    assert about["B5"].alignment.wrap_text and about["B5"].value.startswith("The report is")  # the licence wraps


def test_text_like_a_formula_stays_text(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    openpyxl = pytest.importorskip("openpyxl")
    data = json.loads(TINY.read_text(encoding="utf-8"))
    data["awards"][0]["note"] = '=HYPERLINK("http://127.0.0.1/x","click")'
    data["awards"][0]["recipient"] = "+1 city"
    data["awards"][0]["source"]["quote"] = "+1 city won the 2016 Prize"  # a recipient is printed in its quote
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(data), encoding="utf-8")
    assert run("export", "--xlsx", str(tmp_path / "f.xlsx"), "--data", str(edited)).code == 0
    book = openpyxl.load_workbook(tmp_path / "f.xlsx")
    [row] = workbooks.keyed_cells(book, "awards", "awards")
    assert row["note"].value == '=HYPERLINK("http://127.0.0.1/x","click")' and row["note"].data_type == "s"
    assert row["recipient"].value == "+1 city" and row["year"].value == 2016 and row["year"].data_type == "n"
    assert row["name_corrected"].value is None


def test_one_listing_as_a_workbook() -> None:
    openpyxl = pytest.importorskip("openpyxl")
    import io

    from medcoop import dataset, query
    from medcoop.xlsx import listing

    view = query.actions(dataset.load(), (2018, 2018))
    book = openpyxl.load_workbook(io.BytesIO(listing(view.table, "actions")))
    rows = list(book["actions"].iter_rows(values_only=True))
    assert workbooks.keys(book, "actions", "actions") == [c.key for c in view.table.columns]
    assert tuple(map(_key, rows[0])) == tuple(c.header for c in view.table.columns)  # the headers for people
    assert [h for h in rows[0] if h != _key(h)] == ["Summary \u2020", "Note \u2020"]  # the editors' words
    assert "the editors' words" in str(book["about"]["B1"].value)
    assert [r[0] for r in rows[1:]] == [r["id"] for r in view.table.rows]
    assert 12500000 in rows[2] or 12500000 in rows[1]
    listed = {c.key: i for i, c in enumerate(view.table.columns)}
    for row, sheet_row in zip(view.table.rows, rows[1:], strict=True):
        value = row["partners"]
        assert sheet_row[listed["partners"]] == ("; ".join(value) if isinstance(value, list) else value) or None
    about = workbooks.about_columns(book, "about", 3)
    assert about[0] == ("Header", "Column", "Name in formulas")
    assert about[1:] == [(h, c.key, f"actions_{c.key}") for h, c in zip(rows[0], view.table.columns, strict=True)]


def test_format_xlsx_writes_one_listing_as_a_workbook(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """--format xlsx -o FILE: the listing's rows (every column, or those of -c), typed, as -f json has them."""
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "actions.xlsx"
    result = run("actions", "--format", "xlsx", "-o", str(out))
    assert result.code == 0 and result.out == ""
    rows = json.loads(run("actions", "-f", "json").out)
    book = openpyxl.load_workbook(out)
    values = list(book["actions"].iter_rows(values_only=True))
    assert workbooks.keys(book, "actions", "actions") == list(rows[0])
    for got, want in zip(values[1:], rows, strict=True):
        # an empty list or a missing value is an empty cell; a list is joined as in CSV
        expected = [None if v in ([], None) else "; ".join(v) if isinstance(v, list) else v for v in want.values()]
        assert expected == list(got)
    picked = tmp_path / "picked.xlsx"
    assert run("awards", "-f", "xlsx", "-c", "year,name", "-o", str(picked)).code == 0
    book = openpyxl.load_workbook(picked)
    assert next(book["awards"].iter_rows(values_only=True)) == ("Year", "Name")
    assert workbooks.keys(book, "awards", "awards") == ["year", "name"]


def test_format_xlsx_needs_a_file(run) -> None:  # type: ignore[no-untyped-def]
    for argv in (["awards", "-f", "xlsx"], ["sql", "SELECT 1", "-f", "xlsx"]):
        result = run(*argv)
        assert result.code == 2 and result.out == ""
        assert "-o FILE.xlsx" in result.err and "Traceback" not in result.err


def test_sql_writes_a_workbook_with_output(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "q.xlsx"
    assert run("sql", "SELECT year, count(*) AS n FROM actions GROUP BY year", "-f", "xlsx", "-o", str(out)).code == 0
    assert list(openpyxl.load_workbook(out)["data"].iter_rows(values_only=True)) == [
        ("year", "n"),
        (2016, 3),
        (2017, 5),
        (2018, 2),
    ]
