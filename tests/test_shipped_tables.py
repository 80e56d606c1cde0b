"""The shipped dataset's tables, written into the wheel as an SQLite file (medcoop/_shipped.sqlite,
by hatch_build.py with medcoop.sql.write_tables): `medcoop sql` on the shipped dataset copies them
instead of loading the records and filling the tables. They must hold exactly what filling the
tables from data/medcoop.json gives, be used when present and only for the shipped dataset, and
every answer of `sql` must be the same with them as without."""

from __future__ import annotations

import copy
import json
import sqlite3
import subprocess
import sys
import types
from pathlib import Path

import pytest

from medcoop import dataset, sql
from medcoop.api import Report

from .conftest import ROOT, TINY, installed_package

COUNT = ("sql", "SELECT count(*) FROM actions", "-f", "csv")
FOREVER = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


def _shipped_json() -> object:
    """The records as the build hook hands them to write_tables (and as _shipped.py holds them)."""
    return json.loads(dataset.default_path().read_bytes())


def _everything(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    """The schema (every object and its SQL) and every table's rows, in rowid order, with types."""
    found: dict[str, list[tuple[object, ...]]] = {
        "": conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid").fetchall()
    }
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid").fetchall():
        found[name] = [
            tuple((value, type(value).__name__) for value in row)
            for row in conn.execute(f'SELECT rowid, * FROM "{name}" ORDER BY rowid')
        ]
    return found


@pytest.fixture
def written(tmp_path: Path) -> Path:
    """The shipped dataset's tables written as the build hook writes them."""
    path = tmp_path / "_shipped.sqlite"
    sql.write_tables(_shipped_json(), path)  # type: ignore[arg-type]  # the JSON records
    return path


def test_the_written_tables_hold_what_filling_them_from_the_json_gives(written: Path) -> None:
    """Every table, column, key and row (with its SQLite type), and nothing else: the file
    against a session filled from data/medcoop.json, decoded and validated."""
    filled = sqlite3.connect(":memory:")
    sql.fill_tables(filled, dataset.load(dataset.default_path()))
    file = sqlite3.connect(written)
    try:
        tables = _everything(file)
        assert tables == _everything(filled)
        assert {"actions", "mentions", "tally_items", "programme_actions"} <= set(tables)
        assert len(tables["actions"]) == len(dataset.load()["actions"]) and len(tables["mentions"]) > 40
    finally:
        file.close()
        filled.close()


def test_a_session_on_the_shipped_dataset_copies_the_file_when_there_is_one(
    written: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the file (an installed medcoop), Session() holds what a filled session holds, and
    the file is not seen: the database is in memory, as a filled one is."""
    monkeypatch.setattr(sql, "SHIPPED_TABLES", written)
    assert sql.shipped_tables() == written
    with sql.Session() as copied, sql.Session(dataset.load(dataset.default_path())) as filled:
        assert _everything(copied.conn) == _everything(filled.conn)
        assert copied.names == filled.names and "heading_as_printed" in copied.names["actions"]
        list_files = "SELECT name, file FROM pragma_database_list"
        assert (
            copied.run(list_files).table().rows == filled.run(list_files).table().rows == [{"name": "main", "file": ""}]
        )


def _fewer_actions(tmp_path: Path) -> Path:
    """Tables written from the shipped records with three actions only: answers read from them
    show that the file was used (filling from data/medcoop.json gives every action)."""
    records = copy.deepcopy(_shipped_json())
    assert isinstance(records, dict) and len(records["actions"]) > 3
    records["actions"] = records["actions"][:3]
    path = tmp_path / "fewer.sqlite"
    sql.write_tables(records, path)  # type: ignore[arg-type]
    return path


def test_sql_answers_from_the_file_for_the_shipped_dataset_only(
    run,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    every = len(dataset.load()["actions"])
    monkeypatch.setattr(sql, "SHIPPED_TABLES", tmp_path / "absent.sqlite")
    assert sql.shipped_tables() is None  # a checkout: filled from data/medcoop.json
    assert run(*COUNT).out == f"count(*)\n{every}\n"

    monkeypatch.setattr(sql, "SHIPPED_TABLES", _fewer_actions(tmp_path))
    assert run(*COUNT).out == "count(*)\n3\n"
    # --data, even naming the shipped file, fills the tables from that file
    assert run(*COUNT, "--data", str(dataset.default_path())).out == f"count(*)\n{every}\n"
    assert run(*COUNT, "--data", str(TINY)).out == f"count(*)\n{len(dataset.load(TINY)['actions'])}\n"
    # --tables and --schema read the table model of the loaded records, as before
    assert f"actions,{every}," in run("sql", "--tables", "-f", "csv").out


def test_the_api_copies_the_file_for_the_compiled_dataset_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """medcoop.load() of an installed medcoop is the compiled dataset (medcoop._shipped.DATASET):
    its sql() reads the file; a dataset equal to it but loaded from a file fills the tables."""
    monkeypatch.setattr(sql, "SHIPPED_TABLES", _fewer_actions(tmp_path))
    compiled = dataset.load(dataset.default_path())
    module = types.ModuleType("medcoop._shipped")
    module.DATASET = compiled  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "medcoop._shipped", module)
    query = "SELECT count(*) AS n FROM actions"
    assert Report(compiled).sql(query) == [{"n": 3}]
    same_records = dataset.decode(dataset.default_path().read_bytes())
    assert same_records == compiled
    assert Report(same_records).sql(query) == [{"n": len(compiled["actions"])}]


LINES = [
    ["sql", "SELECT * FROM actions", "-f", "json"],
    ["sql", "SELECT * FROM mentions ORDER BY country, record_table, record_id", "-f", "csv"],
    ["sql", "SELECT * FROM sqlite_master", "-f", "jsonl"],
    ["sql", "SELECT * FROM pragma_database_list", "-f", "csv"],
    ["sql", "SELECT a.id, a.year, a.amount_usd, a.section, a.quote FROM actions a", "--cite"],
    ["sql", "SELECT a.id FROM actions a", "--cite"],
    ["sql", "SELECT year, count(*) FROM awards GROUP BY year", "-f", "markdown"],
    ["sql", "SELECT * FROM awrds"],
    ["sql", "SELECT heading FROM actions"],
    ["--lang", "es", "sql", "SELECT what FROM metrics"],
    ["--lang", "es", "sql", "SELECT year, count(*) FROM actions GROUP BY year"],
    ["sql", "DELETE FROM actions"],
    ["sql", "PRAGMA writable_schema = 1"],
    ["sql", "ATTACH ':memory:' AS x"],
    ["sql", "SELECT * FROM mentions", "--max-rows", "3"],
    ["sql", "SELECT 1; SELECT 2"],
    ["sql", FOREVER, "--timeout", "0.1"],
    ["sql", "--tables", "-f", "csv"],
    ["--lang", "es", "sql", "--schema", "actions"],
    ["sql", "--schema", "action"],
]


def test_every_answer_is_the_same_with_the_file(
    run,  # type: ignore[no-untyped-def]
    written: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Rows, errors and their did-you-means, refusals, limits and the time limit, --cite, both
    languages, --tables and --schema: as a session filled from data/medcoop.json answers."""
    monkeypatch.setattr(sql, "SHIPPED_TABLES", ROOT / "absent.sqlite")
    filled = [run(*line) for line in LINES]
    monkeypatch.setattr(sql, "SHIPPED_TABLES", written)
    copied = [run(*line) for line in LINES]
    for line, before, after in zip(LINES, filled, copied, strict=True):
        assert after == before, line
    assert {r.code for r in filled} == {0, 1, 2}


def _installed(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Python run outside the checkout, so that it imports the installed medcoop."""
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, cwd=tmp_path, timeout=60, check=False
    )


def test_installed_wheel_answers_sql_from_its_tables(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """The wheel carries the tables (hatch_build.py), exactly those filled from data/medcoop.json,
    and its `sql` answers from them as the checkout answers, loading no records."""
    installed_package(tmp_path, "an editable install fills the tables from data/medcoop.json: no file to check")
    found = _installed(tmp_path, "-c", "import medcoop.sql as s; print(s.shipped_tables())")
    assert found.returncode == 0, found.stderr[-2000:]
    tables = found.stdout.strip()
    assert tables != "None", "the wheel carries no tables"
    shipped = sqlite3.connect(f"{Path(tables).as_uri()}?mode=ro", uri=True)
    filled = sqlite3.connect(":memory:")
    try:
        sql.fill_tables(filled, dataset.load(dataset.default_path()))
        assert _everything(shipped) == _everything(filled), "stale install?"
    finally:
        shipped.close()
        filled.close()

    answer = _installed(tmp_path, "-X", "importtime", "-m", "medcoop", "sql", "SELECT * FROM mentions", "-f", "csv")
    assert answer.returncode == 0, answer.stderr[-2000:]
    assert answer.stdout == run("sql", "SELECT * FROM mentions", "-f", "csv").out
    imported = {
        line.rsplit("|", 1)[1].strip() for line in answer.stderr.splitlines() if line.startswith("import time:")
    }
    assert "sqlite3" in imported
    assert not {m for m in imported if m in ("msgspec", "medcoop._shipped", "medcoop.export", "medcoop.records")}
