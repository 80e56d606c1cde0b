"""Nothing lost, whatever happens to the output (#11): short writes, full disks, closed or
unwritable streams, readers that go away, long cells; every case run with medcoop's stdout
buffered and raw (PYTHONUNBUFFERED=1). Exit codes as the README's table says."""

from __future__ import annotations

import json
import os
import resource
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import TINY, every_listing, process_env

FORMATS = ["table", "csv", "tsv", "json", "jsonl", "markdown", "html"]
COMMANDS = every_listing()


@pytest.fixture(autouse=True)
def _both_buffering(unbuffered: bool) -> None:
    """Every test here runs with medcoop's stdout buffered and raw (PYTHONUNBUFFERED=1)."""


def _medcoop(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "medcoop", *args]


def _shell(args: list[str], redirections: str, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """medcoop run by bash with redirections (`>&-`, `2>&-`, `> /dev/full`)."""
    script = f"exec {shlex.join(_medcoop(args))} {redirections}"
    return subprocess.run(["bash", "-c", script], capture_output=True, env=process_env(), timeout=timeout, check=False)


def _file_limit(size: int) -> None:
    """In the child: files may grow to `size` bytes; a write past it is cut short there, the
    next fails with EFBIG (SIGXFSZ is ignored, as Python does) — what a full disk does."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def _to_limited_file(args: list[str], path: Path, size: int) -> subprocess.CompletedProcess[bytes]:
    with path.open("wb") as out:
        return subprocess.run(
            _medcoop(args),
            stdout=out,
            stderr=subprocess.PIPE,
            env=process_env(),
            preexec_fn=lambda: _file_limit(size),
            timeout=60,
            check=False,
        )


_EXPECTED: dict[tuple[str, ...], bytes] = {}


def _expected(args: list[str]) -> bytes:
    """What a run left alone writes to stdout: made once per command line for the tests of this
    worker, in whichever buffering mode asks first (the other mode's output must equal it too)."""
    key = tuple(args)
    if key not in _EXPECTED:
        proc = subprocess.run(_medcoop(args), capture_output=True, env=process_env(), timeout=60, check=False)
        assert proc.returncode == 0, proc.stderr
        _EXPECTED[key] = proc.stdout
    return _EXPECTED[key]


# --------------------------------------------------------------------------- 1. short writes, full disks


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_short_write_to_a_file_fails_naming_the_reason(fmt: str, tmp_path: Path) -> None:
    """Case 1: `> full-fs/s.json` must never exit 0 with part of the output."""
    args = ["search", "e", "--cite", "-f", fmt]
    assert len(_expected(args)) > 16384
    proc = _to_limited_file(args, tmp_path / "s.out", 8192)
    assert (proc.returncode, proc.stderr.decode()) == (
        1,
        "medcoop: error: cannot write the output to stdout (File too large)\n",
    )


@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["summary", "--help"], *[[*c, "--cite"] for c in COMMANDS]]
)
def test_a_full_device_is_exit_1_naming_the_reason(args: list[str]) -> None:
    proc = _shell(args, "> /dev/full")
    assert (proc.returncode, proc.stderr.decode()) == (
        1,
        "medcoop: error: cannot write the output to stdout (No space left on device)\n",
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_that_fits_is_written_whole_under_a_file_limit(fmt: str, tmp_path: Path) -> None:
    """The limit is real: under it, everything arrives (the test above is no accident)."""
    args = ["search", "e", "--cite", "-f", fmt]
    expected = _expected(args)
    target = tmp_path / "s.out"
    proc = _to_limited_file(args, target, len(expected))
    assert (proc.returncode, proc.stderr, target.read_bytes()) == (0, b"", expected)


# --------------------------------------------------------------------------- 2. closed streams, readers gone


def _reader_gone(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    """medcoop writing into a pipe whose reader has already gone (`| true`, deterministically)."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            _medcoop(args), stdout=write, stderr=subprocess.PIPE, env=process_env(), timeout=60, check=False
        )
    finally:
        os.close(write)


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["summary", "--help"], *COMMANDS])
def test_a_reader_gone_is_141_quietly(args: list[str]) -> None:
    proc = _reader_gone(args)
    assert (proc.returncode, proc.stderr) == (141, b"")


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["summary", "--help"], *COMMANDS])
def test_closed_stdout_is_exit_1_with_one_line(args: list[str]) -> None:
    proc = _shell(args, ">&-")
    assert (proc.returncode, proc.stderr.decode()) == (
        1,
        "medcoop: error: cannot write the output to stdout (Bad file descriptor)\n",
    )
    both = _shell(args, ">&- 2>&-")
    assert (both.returncode, both.stdout, both.stderr) == (1, b"", b"")


@pytest.mark.parametrize(
    "full", [[*c, "-f", "table"] for c in COMMANDS] + [["search", "e", "--cite", "-f", f] for f in FORMATS[1:]]
)
def test_closed_stderr_changes_nothing(full: list[str]) -> None:
    proc = _shell(full, "2>&-")
    assert (proc.returncode, proc.stdout) == (0, _expected(full))


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["sumary"], 2),
        (["summary", "--bogus"], 2),
        (["country", "Atlantis"], 2),
        (["summary", "--data", "/nonexistent.json"], 1),
        (["--help"], 0),
        (["--version"], 0),
        (["summary", "--svg", ""], 2),
    ],
)
def test_a_message_that_cannot_be_written_is_dropped_and_the_code_kept(args: list[str], code: int) -> None:
    for redirections in ("2>&-", "2> /dev/full"):
        proc = _shell(args, redirections)
        assert (proc.returncode, proc.stderr) == (code, b""), redirections


# --------------------------------------------------------------------------- 3. long cells


@pytest.fixture(scope="module")
def long_cell(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny dataset with one figure's label 10 MB long (words), and one 150,000 characters
    of a single word beyond the width a piped table used to be drawn at."""
    data = json.loads(TINY.read_text(encoding="utf-8"))
    data["metrics"][0]["label"] = "word " * 2_000_000
    data["metrics"][1]["label"] = "y" * 150_000
    path = tmp_path_factory.mktemp("long") / "long.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _labels(data: Path) -> list[str]:
    return [m["label"] for m in json.loads(data.read_text(encoding="utf-8"))["metrics"]]


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "tsv"])
def test_machine_formats_keep_long_cells_exact(long_cell: Path, fmt: str) -> None:
    out = subprocess.run(
        _medcoop(["summary", "--data", str(long_cell), "-f", fmt]), capture_output=True, env=process_env(), timeout=60
    )
    assert out.returncode == 0
    text = out.stdout.decode()
    for label in _labels(long_cell):
        assert label.strip() in text


def test_a_piped_table_is_whole_or_refused(long_cell: Path) -> None:
    """Case 3: columns used to vanish and cells end in '…', exit 0."""
    proc = subprocess.run(
        _medcoop(["summary", "--data", str(long_cell)]), capture_output=True, env=process_env(), timeout=60
    )
    out = proc.stdout.decode()
    if proc.returncode == 0:  # whole: every column and every cell
        assert "…" not in out and all(label.strip() in out for label in _labels(long_cell))
    else:
        assert (proc.returncode, out) == (1, "")
        err = proc.stderr.decode()
        assert err.count("\n") == 1 and err.startswith("medcoop: error: the table view would be ")
        assert "--format csv" in err


def test_a_piped_table_below_the_limit_has_every_cell_whole(tmp_path: Path) -> None:
    data = json.loads(TINY.read_text(encoding="utf-8"))
    data["metrics"][0]["label"] = "z" * 5_000
    path = tmp_path / "wide.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    proc = subprocess.run(
        _medcoop(["summary", "--data", str(path)]), capture_output=True, env=process_env(), timeout=60
    )
    assert proc.returncode == 0 and "z" * 5_000 in proc.stdout.decode() and "…" not in proc.stdout.decode()
    for m in data["metrics"]:
        assert m["label"] in proc.stdout.decode()


def test_markdown_of_a_long_cell_costs_its_length_not_rows_times_it(long_cell: Path) -> None:
    proc = subprocess.run(
        _medcoop(["summary", "--data", str(long_cell), "-f", "markdown"]),
        capture_output=True,
        env=process_env(),
        timeout=60,
    )
    assert proc.returncode == 0
    total = sum(len(label) for label in _labels(long_cell))
    assert len(proc.stdout) < total + 10_000  # was 18 times the cell
    heading, blank, *lines = proc.stdout.decode().splitlines()
    assert (heading, blank) == ("## Headline figures", "")
    table = lines[: lines.index("")]  # then the legend of the marked columns
    assert table[0].startswith("| Metric | What † |") and table[1].startswith("| --- |")
    assert all(line.startswith("| ") and line.endswith(" |") for line in table)
    assert lines[lines.index("") + 1].startswith("† the editors' words")
    assert any(label.strip() in proc.stdout.decode() for label in _labels(long_cell))


def test_an_svg_of_a_long_cell_is_bounded_and_says_so(long_cell: Path, tmp_path: Path) -> None:
    picture = tmp_path / "long.svg"
    proc = subprocess.run(
        _medcoop(["summary", "--data", str(long_cell), "-f", "csv", "--svg", str(picture)]),
        capture_output=True,
        env=process_env(),
        timeout=60,  # minutes before the cap
    )
    assert proc.returncode == 0
    svg = picture.read_text(encoding="utf-8")
    assert len(svg) < 2_000_000 and "more&#160;characters" in svg


# --------------------------------------------------------------------------- 4. atomic --svg


def test_svg_failure_leaves_no_truncated_file(tmp_path: Path) -> None:
    picture = tmp_path / "years.svg"
    picture.write_text("old picture", encoding="utf-8")
    args = ["search", "e", "--cite", "-f", "csv", "--svg", str(picture)]
    proc = _to_limited_file(args, tmp_path / "stdout.csv", 8192)
    assert proc.returncode == 1
    assert proc.stderr.decode() == f"medcoop: error: {picture}: cannot write (File too large)\n"
    assert picture.read_text(encoding="utf-8") == "old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stdout.csv", "years.svg"]  # no temporary file left


@pytest.mark.parametrize("path", ["", "-"])
def test_svg_to_no_file_is_a_usage_error(path: str, tmp_path: Path) -> None:
    proc = subprocess.run(
        _medcoop(["summary", "--svg", path]), capture_output=True, env=process_env(), cwd=tmp_path, timeout=60
    )
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr.decode() == f"medcoop: error: {path!r} is not a file name: give the path of a file to write\n"
    assert list(tmp_path.iterdir()) == []


# Every option that names a file medcoop writes: '' and '-' are usage errors (exit 2) that name the
# problem; none turns into the current folder, and nothing is written.
FILE_OPTIONS = [
    ["awards", "-o", "{}"],
    ["awards", "--svg", "{}", "-f", "csv"],
    ["awards", "-f", "xlsx", "-o", "{}"],
    ["sql", "SELECT 1", "-o", "{}"],
    ["map", "--svg", "{}", "-f", "csv"],
    ["report", "-o", "{}"],
    ["export", "--sqlite", "{}"],
    ["export", "--xlsx", "{}"],
    ["export", "--sqlite", "m.db", "--datasette-metadata", "{}"],
]


@pytest.mark.parametrize("bad", ["", "-"])
@pytest.mark.parametrize("argv", FILE_OPTIONS, ids=lambda a: " ".join(a))
def test_every_file_option_refuses_empty_and_dash(run, bad: str, argv: list[str], tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = run(*[bad if a == "{}" else a for a in argv])
    assert result.code == 2, result.err
    assert "is not a file name" in result.err and "Traceback" not in result.err
    assert list(tmp_path.iterdir()) == []


def test_output_held_in_python_waits_for_a_full_non_blocking_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a stream holds before medcoop writes (its buffer's pending text) is flushed first;
    when the stream's descriptor is non-blocking and its pipe full, the flush waits for room
    (select) rather than losing the text or failing, and every byte arrives, in order."""
    import io
    import select
    import threading

    from medcoop.cli import output

    read, write = os.pipe()
    os.set_blocking(write, False)
    filled = 0
    try:
        while True:
            filled += os.write(write, b"x" * 65536)
    except BlockingIOError:
        pass
    stream = io.TextIOWrapper(io.BufferedWriter(io.FileIO(write, "w")), encoding="utf-8")
    stream.write("pending, ")  # held by the wrapper: medcoop's write must not pass it
    waiting = threading.Event()
    real_select = select.select

    def noted(*args: object) -> object:
        waiting.set()
        return real_select(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(select, "select", noted)
    got: list[bytes] = []

    def drain() -> None:
        waiting.wait(30)  # once the writer waits for room, not before
        while chunk := os.read(read, 65536):
            got.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        output.write_all(stream, b"then medcoop's own")
    finally:
        stream.close()
        reader.join(30)
        os.close(read)
    assert waiting.is_set()
    assert b"".join(got) == b"x" * filled + b"pending, then medcoop's own"
