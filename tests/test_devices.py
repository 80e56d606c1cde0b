"""Output to what is not a file to replace: descriptors (/dev/stdout, /dev/fd/N), devices, FIFOs;
and the files medcoop writes together (--svg with -o, export's files), all or nothing."""

from __future__ import annotations

import errno
import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import TINY, process_env

TARGET_OPTIONS = [
    ["summary", "-f", "csv", "-o", "{path}"],
    ["summary", "-f", "xlsx", "-o", "{path}"],
    ["awards", "-f", "csv", "--svg", "{path}"],
    ["map", "-f", "csv", "--svg", "{path}"],
    ["map", "-o", "{path}"],
    ["report", "-o", "{path}"],
    ["export", "--sqlite", "{path}"],
    ["export", "--xlsx", "{path}"],
    ["sql", "SELECT id, year FROM actions", "-f", "csv", "-o", "{path}"],
]
"""Every option that names a file to write (export's folder aside: a descriptor is no folder)."""


def _medcoop(args: list[str], cwd: Path, shell: str = "{medcoop}") -> subprocess.CompletedProcess[bytes]:
    """medcoop run by bash in cwd (a fake HOME there), as `shell` places it among other commands."""
    import shlex

    command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "medcoop", *args])
    env = process_env({"HOME": str(cwd)})
    return subprocess.run(
        ["bash", "-c", shell.format(medcoop=command)], cwd=cwd, env=env, capture_output=True, timeout=60, check=False
    )


_EXPECTED: dict[tuple[str, ...], bytes] = {}


def _expected(args: list[str], tmp_path: Path) -> bytes:
    """What the command writes to a regular file, then what it writes to stdout (the data of
    `-f csv` beside an --svg picture): made once per command line for the tests of this worker,
    in whichever buffering mode asks first (the other mode's output must equal it too)."""
    key = tuple(args)
    if key not in _EXPECTED:
        folder = tmp_path / "expected"
        folder.mkdir()
        proc = _medcoop([a.format(path=str(folder / "out")) for a in args], folder)
        assert proc.returncode == 0, proc.stderr
        _EXPECTED[key] = (folder / "out").read_bytes() + proc.stdout
    return _EXPECTED[key]


@pytest.mark.parametrize("args", TARGET_OPTIONS, ids=" ".join)
@pytest.mark.parametrize("device", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
def test_a_descriptor_gets_the_output_where_it_points(
    tmp_path: Path, args: list[str], device: str, unbuffered: bool
) -> None:
    """{ echo HEADER; medcoop ... -o /dev/stdout; echo FOOTER; } > f keeps all three, in order;
    and no file is made beside the descriptor (no metadata.json for a database)."""
    if args[:2] == ["export", "--sqlite"] and device == "/dev/stdout":
        device = "/dev/fd/1"  # never /dev/stdout here: the code before this fix wrote /dev/metadata.json
    expected = _expected(args, tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    proc = _medcoop([a.format(path=device) for a in args], work, "{{ echo HEADER; {medcoop}; echo FOOTER; }} > f")
    assert proc.returncode == 0, proc.stderr
    assert (work / "f").read_bytes() == b"HEADER\n" + expected + b"FOOTER\n"
    assert sorted(p.name for p in work.iterdir()) == ["f"]


@pytest.mark.parametrize("args", TARGET_OPTIONS[:4], ids=" ".join)
def test_a_log_appended_to_keeps_what_it_held(tmp_path: Path, args: list[str], unbuffered: bool) -> None:
    """medcoop ... -o /dev/stdout >> log.txt: the log keeps its lines, the output comes after."""
    expected = _expected(args, tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    (work / "log.txt").write_bytes(b"earlier\n")
    proc = _medcoop([a.format(path="/dev/stdout") for a in args], work, "{medcoop} >> log.txt")
    assert proc.returncode == 0, proc.stderr
    assert (work / "log.txt").read_bytes() == b"earlier\n" + expected


def test_the_map_and_its_data_both_reach_stdout(tmp_path: Path, unbuffered: bool) -> None:
    """map --svg /dev/stdout -f csv > f: the picture, then the CSV."""
    work = tmp_path / "work"
    work.mkdir()
    csv = _medcoop(["map", "-f", "csv"], work).stdout
    proc = _medcoop(["map", "--svg", "/dev/stdout", "-f", "csv"], work, "{medcoop} > f")
    assert proc.returncode == 0, proc.stderr
    got = (work / "f").read_bytes()
    end = got.index(b"</svg>\n") + len(b"</svg>\n")
    assert got.startswith(b"<?xml") and got[end:] == csv


def test_no_metadata_beside_a_database_that_is_not_a_file(tmp_path: Path) -> None:
    """/dev/null, /dev/stdout, >(...): Datasette's metadata only where asked."""
    from medcoop.database import metadata_path

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for stream in ("/dev/null", "/dev/stdout", "/dev/fd/1", str(fifo)):
        assert metadata_path(Path(stream)) is None, stream
    assert metadata_path(Path("/dev/null"), tmp_path / "m.json") == tmp_path / "m.json"
    assert metadata_path(tmp_path / "x.db") == tmp_path / "metadata.json"


def test_export_to_a_process_substitution_succeeds(tmp_path: Path, unbuffered: bool) -> None:
    """export --sqlite >(cat > x.db): the database, exit 0, nothing beside it."""
    import shlex

    command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "medcoop", "export", "--sqlite"])
    script = f"{command} >(cat > x.db); status=$?; sleep 1; exit $status"
    env = process_env({"HOME": str(tmp_path)})
    proc = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "x.db").read_bytes()[:16] == b"SQLite format 3\x00"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.db"]


# --------------------------------------------------------------------------- two outputs, one file


SVG_COMMANDS = [["awards"], ["map"], ["sql", "SELECT id FROM actions"], ["summary", "-f", "csv"]]


@pytest.mark.parametrize("args", SVG_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("how", ["same name", "link", "hard link"])
def test_svg_and_output_naming_one_file_are_refused(
    run,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    how: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.svg").write_bytes(b"old")
    other = {"same name": "x.svg", "link": "l.svg", "hard link": "h.svg"}[how]
    if how == "link":
        Path("l.svg").symlink_to("x.svg")
    if how == "hard link":
        os.link("x.svg", "h.svg")
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run(*args, "--svg", "x.svg", "-o", other)
    assert result.code == 2 and result.out == ""
    assert "are the same file: one would replace the other; nothing was written" in result.err
    assert Path("x.svg").read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == before


# --------------------------------------------------------------------------- export's files


def test_export_force_leaves_the_folder_as_it_was_when_a_file_cannot_move_in(
    run,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """One rename fails (an immutable file, EIO): every old file is back, and the message says so."""
    pkg = tmp_path / "pkg"
    assert run("export", str(pkg), "--data", str(TINY)).code == 0
    old = {p.name: p.read_bytes() for p in pkg.iterdir()}
    (pkg / "actions.csv").write_bytes(b"edited by hand\n")
    old["actions.csv"] = b"edited by hand\n"
    real, calls = os.replace, []

    def fails_at_the_sixth(src: str | Path, dst: str | Path) -> None:
        calls.append(dst)
        if len(calls) == 6:
            raise OSError(errno.EPERM, os.strerror(errno.EPERM))
        real(src, dst)

    monkeypatch.setattr(os, "replace", fails_at_the_sixth)
    result = run("export", str(pkg), "--force")
    assert result.code == 1 and result.err.count("\n") == 1
    assert f"nothing was replaced, {pkg} is as it was" in result.err
    assert {p.name: p.read_bytes() for p in pkg.iterdir()} == old


def test_export_force_sqlite_on_a_full_disk_replaces_nothing(
    run,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The metadata cannot be written (no space): the old database stays, and the message says
    that nothing was written."""
    db, meta = tmp_path / "x.db", tmp_path / "metadata.json"
    db.write_bytes(b"old db")
    meta.write_bytes(b"old meta")
    real = os.fsync
    sizes = []

    def full_after_the_first(fd: int) -> None:
        sizes.append(os.fstat(fd).st_size)
        if len(sizes) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", full_after_the_first)
    result = run("export", "--sqlite", str(db), "--force")
    assert result.code == 1 and "No space left on device); nothing was written" in result.err
    assert db.read_bytes() == b"old db" and meta.read_bytes() == b"old meta"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["metadata.json", "x.db"]


def test_export_with_a_name_that_is_not_utf8(tmp_path: Path, unbuffered: bool) -> None:
    """export --sqlite $'d\\xff.db': the database and its metadata, one line on stderr."""
    env = process_env({"HOME": str(tmp_path)})
    proc = subprocess.run(
        [sys.executable.encode(), b"-m", b"medcoop", b"export", b"--sqlite", b"d\xff.db"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.count(b"\n") == 1 and b"internal error" not in proc.stderr
    assert sorted(os.listdir(os.fsencode(tmp_path))) == [b"d\xff.db", b"metadata.json"]


# --------------------------------------------------------------------------- sql into a file


def test_sql_streams_any_number_of_rows_into_a_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    query = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 25000) SELECT x FROM c"
    for fmt in ("csv", "tsv", "jsonl"):
        out = tmp_path / f"rows.{fmt}"
        result = run("sql", query, "--data", str(TINY), "-f", fmt, "-o", str(out))
        assert result.code == 0, result.err
        lines = out.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 25000 + (fmt != "jsonl") and lines[-1] in ("25000", '{"x": 25000}')
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.csv", "rows.jsonl", "rows.tsv"]


def test_sql_into_a_file_past_its_time_limit_leaves_the_file_as_it_was(
    run,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    out = tmp_path / "rows.csv"
    out.write_bytes(b"old\n")
    query = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 100000000) SELECT x FROM c"
    result = run("sql", query, "--data", str(TINY), "-f", "csv", "-o", str(out), "--timeout", "0.3")
    assert result.code == 1 and "ran longer than 0.3 s" in result.err
    assert out.read_bytes() == b"old\n" and sorted(p.name for p in tmp_path.iterdir()) == ["rows.csv"]


# --------------------------------------------------------------------------- a stdout that does not block


def _until_full(read: int, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """Wait until the pipe whose read end is `read` takes no more (what it holds has not grown for
    0.2 s: a pipe of small writes is full before it holds F_GETPIPE_SZ bytes), or its writer ended."""
    import struct
    import termios

    held, since = -1, time.monotonic()
    deadline = since + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        now = struct.unpack("i", fcntl.ioctl(read, termios.FIONREAD, b"\0" * 4))[0]
        if now != held:
            held, since = now, time.monotonic()
        elif held > 0 and time.monotonic() - since >= 0.2:
            return
        time.sleep(0.01)


@pytest.mark.parametrize("fmt", ["json", "csv"], ids=["held whole", "streamed"])
def test_a_non_blocking_stdout_gets_every_byte(tmp_path: Path, unbuffered: bool, fmt: str) -> None:
    """A pipe set O_NONBLOCK by the reader (as some runners do): a write that would block waits,
    buffered or not, instead of failing after the first 4,096 bytes."""
    query = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 40000) SELECT x FROM c"
    args = [sys.executable, "-m", "medcoop", "sql", query, "--data", str(TINY), "-f", fmt, "--max-rows", "50000"]
    env = process_env({"HOME": str(tmp_path)})
    expected = subprocess.run(args, capture_output=True, env=env, timeout=60, check=True).stdout
    assert len(expected) > 200_000  # more than a pipe holds
    read, write = os.pipe()
    fcntl.fcntl(write, fcntl.F_SETFL, fcntl.fcntl(write, fcntl.F_GETFL) | os.O_NONBLOCK)
    proc = subprocess.Popen(args, stdout=write, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    os.close(write)
    try:
        _until_full(read, proc)  # the pipe fills while nobody reads: the next write would block
        with os.fdopen(read, "rb") as reader:
            got = reader.read()
        err = proc.communicate(timeout=60)[1]
    finally:
        proc.kill()
        proc.wait()
    assert (proc.returncode, err) == (0, b"")
    assert got == expected


# --------------------------------------------------------------------------- a home or folder that cannot take a file


def test_install_completion_into_a_home_that_is_no_folder_names_the_file_problem(
    tmp_path: Path, unbuffered: bool
) -> None:
    """HOME=/dev/null and the like: one line naming the path and the reason, exit 1 (a file in
    tmp_path stands for /dev/null, so that nothing can be written where it should not)."""
    home = tmp_path / "not-a-folder"
    home.write_bytes(b"")
    env = process_env({"HOME": str(home), "SHELL": "/bin/bash"})
    proc = subprocess.run(
        [sys.executable, "-m", "medcoop", "--install-completion", "bash"],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1 and proc.stdout == b""
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and "cannot install the completion script" in err and str(home) in err
    assert "internal error" not in err and sorted(p.name for p in tmp_path.iterdir()) == ["not-a-folder"]


@pytest.mark.parametrize("args", [["export", "pkg"], ["export", "--sqlite", "x.db"], ["summary", "-o", "s.csv"]])
def test_a_deleted_working_folder_is_a_named_file_problem(
    run,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    result = run(*args, "--data", str(TINY))
    assert result.code == 1 and result.err.count("\n") == 1, result.err
    assert "the current folder was deleted" in result.err and "internal error" not in result.err
