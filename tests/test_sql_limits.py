"""`medcoop sql` and `Report.sql()` at their limits: threads, interrupts, time, size, odd numbers."""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import medcoop
from medcoop import dataset
from medcoop.formats import Format

from .conftest import ROOT, TINY, process_env, wait_into_the_query

D = ("--data", str(TINY))
FOREVER = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


def test_report_sql_from_two_threads_never_deadlocks(unbuffered: bool) -> None:
    """One connection with Python callbacks, shared: two threads used to lock each other (and
    Ctrl-C) out for good. Run in a child process with a time limit, so a regression fails here
    instead of hanging the suite."""
    code = """if True:
        import threading, medcoop
        report = medcoop.load()
        answers = []
        def work():
            for _ in range(150):
                answers.append(len(report.sql("SELECT * FROM actions a, actions b LIMIT 2000")))
        threads = [threading.Thread(target=work) for _ in range(2)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(len(answers), set(answers))
    """
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, timeout=90, check=False, cwd=ROOT, env=process_env()
        )
    except subprocess.TimeoutExpired:
        pytest.fail("two threads calling Report.sql() did not finish in 90 s (deadlock)")
    assert proc.returncode == 0, proc.stderr
    rows = len(dataset.load()["actions"]) ** 2
    assert proc.stdout.decode().split(" ", 1) == ["300", f"{{{min(rows, 2000)}}}\n"]


@pytest.mark.parametrize("timeout", [float("nan"), float("inf"), -1.0, 0.0])
def test_api_timeout_must_be_a_finite_number_above_zero(timeout: float) -> None:
    report = medcoop.load(TINY)
    with pytest.raises(medcoop.UsageError, match="time limit must be more than 0 seconds"):
        report.sql("SELECT 1", timeout=timeout)
    assert report.sql("SELECT 1 AS one", timeout=1) == [{"one": 1}]


@pytest.mark.parametrize("value", ["nan", "inf", "NaN", "infinity"])
def test_cli_timeout_must_be_a_finite_number(run, value: str) -> None:  # type: ignore[no-untyped-def]
    result = run("sql", "SELECT 1", *D, "--timeout", value)
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith("medcoop: error:"), result.err


def test_ctrl_c_during_a_query_is_an_interrupt_not_a_time_limit() -> None:
    """Ctrl-C lands in SQLite's progress callback: the query stops as interrupted (130 at the
    CLI), not as 'ran longer than 60 s'."""
    import sqlite3

    from medcoop.sql import Session

    # datasette, imported by other tests of the same worker, turns SQLite's callback tracebacks on for
    # the whole process; medcoop relies on the default (off), as in the medcoop process itself
    sqlite3.enable_callback_tracebacks(False)
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    start = time.monotonic()
    with Session(dataset.load(TINY), timeout=60) as session, pytest.raises(KeyboardInterrupt):
        timer.start()
        try:
            list(session.run(FOREVER).batches())
        finally:
            timer.cancel()
    assert time.monotonic() - start < 30


def test_ctrl_c_during_a_query_exits_130(tmp_path: Path, unbuffered: bool) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "medcoop", "sql", FOREVER, "--timeout", "60", *D],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=process_env(),
        cwd=tmp_path,
    )
    try:
        wait_into_the_query(proc)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
        proc.wait()
    assert (proc.returncode, out, err) == (130, b"", b"")


@pytest.mark.parametrize("fmt", [f.value for f in Format if f is not Format.xlsx])
def test_an_infinite_number_is_the_text_infinity_in_every_format(run, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """SELECT 1e999: JSON has no number for it; it is the text "Infinity" (valid JSON)."""
    result = run("sql", "SELECT 1e999 AS big, -1e999 AS small", *D, "-f", fmt)
    assert result.code == 0, result.err
    if fmt == "json":
        assert json.loads(result.out) == [{"big": "Infinity", "small": "-Infinity"}]
    if fmt == "jsonl":
        assert json.loads(result.out) == {"big": "Infinity", "small": "-Infinity"}
    assert "Infinity" in result.out and "-Infinity" in result.out and "inf\n" not in result.out


def test_an_infinite_number_goes_into_a_workbook(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("sql", "SELECT 1e999 AS big", *D, "-f", "xlsx", "-o", str(tmp_path / "x.xlsx"))
    assert result.code == 0, result.err
    assert (tmp_path / "x.xlsx").stat().st_size > 0


def test_the_api_gives_infinity_as_text() -> None:
    rows = medcoop.load(TINY).sql("SELECT 1e999 AS big, 2.5 AS x")
    assert rows == [{"big": "Infinity", "x": 2.5}] and not any(
        isinstance(v, float) and not math.isfinite(v) for v in rows[0].values()
    )


def test_a_value_over_ten_million_bytes_is_refused(run) -> None:  # type: ignore[no-untyped-def]
    start = time.monotonic()
    result = run("sql", "SELECT randomblob(20000000) AS b", *D, "-f", "csv")
    assert time.monotonic() - start < 10
    assert result.code == 2 and result.out == "" and "too big" in result.err, result.err


def test_a_result_held_whole_is_bounded_in_size(run) -> None:  # type: ignore[no-untyped-def]
    query = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12) "
        "SELECT zeroblob(4900000) AS b FROM n"
    )
    result = run("sql", query, *D, "-f", "json")
    assert result.code == 1 and result.out == ""
    assert "the result holds more than 100,000,000 characters" in result.err, result.err


@pytest.mark.parametrize(
    "query",
    [
        "SELECT name FROM pragma_table_info('actions')",
        "SELECT * FROM pragma_index_list('actions')",
        "SELECT value FROM json_each('[1, 2]')",
    ],
)
def test_table_valued_functions_that_read_are_allowed(run, query: str) -> None:  # type: ignore[no-untyped-def]
    """Their first use registers them in the schema, which was refused as 'changing the schema'."""
    result = run("sql", query, *D, "-f", "csv")
    assert result.code == 0, result.err
    assert "changing the schema" not in result.err


# --------------------------------------------------------------------------- what a query names


CONTROL_ALIASES = 'SELECT id AS "i\x1b]0;title\x07d", quote AS "[red]q\x9b2J" FROM actions LIMIT 2'


@pytest.mark.parametrize("width", [200, 60, 24], ids=["whole", "fitted", "record blocks"])
def test_control_characters_in_column_names_are_escaped_on_a_terminal(
    run,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    width: int,
) -> None:
    from medcoop import cli
    from medcoop.cells import Terminal

    monkeypatch.setattr(cli.output, "terminal", lambda no_color: Terminal(is_tty=True, width=width, height=1000))
    result = run("sql", CONTROL_ALIASES, *D)
    assert result.code == 0, result.err
    assert not any(c in result.out for c in "\x1b\x07\x9b"), repr(result.out)
    assert "i\\x1b]0;title\\x07d" in result.out and "[red]q\\x9b2J" in result.out


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_excel_guards_a_header_that_looks_like_a_formula(run, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = run("sql", 'SELECT 1 AS "=HYPERLINK(""http://example.invalid"")", 2 AS plain', *D, "-f", fmt, "--excel")
    assert result.code == 0, result.err
    header = result.out.removeprefix("\ufeff").split("\r\n")[0]
    assert header.startswith(("\"'=HYPERLINK", "'=HYPERLINK")) and header.endswith("plain")


def test_a_column_name_longer_than_excel_holds_is_refused(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    alias = "a" * 40_000
    result = run("sql", f'SELECT 1 AS "{alias}"', *D, "-f", "xlsx", "-o", str(tmp_path / "x.xlsx"))
    assert result.code == 1 and "a cell of 40,000 characters is more than Excel holds (32767)" in result.err
    assert list(tmp_path.iterdir()) == []


def test_a_workbook_is_the_same_bytes_from_run_to_run(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for n in (1, 2):
        assert run("export", "--xlsx", str(tmp_path / f"{n}.xlsx"), *D).code == 0
        assert run("actions", *D, "-f", "xlsx", "-o", str(tmp_path / f"a{n}.xlsx")).code == 0
        time.sleep(1.1)  # the workbook's clock ticks in seconds
    assert (tmp_path / "1.xlsx").read_bytes() == (tmp_path / "2.xlsx").read_bytes()
    assert (tmp_path / "a1.xlsx").read_bytes() == (tmp_path / "a2.xlsx").read_bytes()


# --------------------------------------------------------------------------- arguments that are not UTF-8


@pytest.mark.parametrize(
    "args",
    [
        [b"sql", b"select '\xff'"],
        [b"search", b"mob\xff"],
        [b"country", b"Espa\xf1a"],
        [b"actions", b"--modality", b"\xff"],
    ],
    ids=["sql", "search", "country", "option"],
)
def test_text_arguments_that_are_not_utf8_are_one_clean_line(
    tmp_path: Path, unbuffered: bool, args: list[bytes]
) -> None:
    """An undecodable byte in a query, a search, a name or an option's text: exit 2, one line
    naming the byte, nothing on stdout (a search for 'mob\\xff' is no search for 'mob')."""
    command = [sys.executable.encode(), b"-m", b"medcoop", *args, b"--data", str(TINY).encode()]
    proc = subprocess.run(command, capture_output=True, timeout=60, check=False, env=process_env(), cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (2, b""), proc.stderr
    assert proc.stderr.count(b"\n") == 1 and b"not UTF-8" in proc.stderr and b"internal error" not in proc.stderr
