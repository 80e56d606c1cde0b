"""Real processes: pipes, colour, terminals, encodings, signals (not CliRunner)."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import TINY, medcoop_process, process_env

MACHINE = ["csv", "tsv", "json", "jsonl"]


@pytest.fixture(autouse=True)
def _both_buffering(unbuffered: bool) -> None:
    """Every test here runs with medcoop's stdout buffered and raw (PYTHONUNBUFFERED=1)."""


@pytest.fixture(scope="module")
def big_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny fixture with enough metrics that any output overflows a pipe buffer."""
    data = json.loads(TINY.read_text(encoding="utf-8"))
    template = data["metrics"][0]
    data["metrics"] += [dict(template, id=f"m-{i}", label=f"Figure {i} " + "x" * 60) for i in range(3000)]
    path = tmp_path_factory.mktemp("big") / "big.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("reader", ["head -1", "head -c 10", "true"])
@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_closed_pipe_ends_quietly(big_dataset: Path, reader: str, fmt: str) -> None:
    proc = medcoop_process(["summary", "--data", str(big_dataset), "-f", fmt], shell_pipe=f"{reader} >/dev/null")
    err = proc.stderr.decode()
    status = err.rsplit("status=", 1)[1].strip()
    assert err.rsplit("status=", 1)[0] == "", err
    assert status in ("0", "141"), status


def test_closed_pipe_status_is_141(big_dataset: Path) -> None:
    proc = medcoop_process(["summary", "--data", str(big_dataset), "-f", "csv"], shell_pipe="head -1 >/dev/null")
    assert proc.stderr.decode() == "status=141\n"


@pytest.mark.parametrize("fmt", [*MACHINE, "markdown"])
def test_force_color_never_reaches_machine_formats(fmt: str) -> None:
    proc = medcoop_process(["country", "Korea", "-f", fmt], env={"FORCE_COLOR": "1"})
    assert proc.returncode == 0 and b"\x1b" not in proc.stdout
    proc.stdout.decode("utf-8")


def test_piped_table_is_whole_and_colourless_whatever_columns() -> None:
    outputs = {medcoop_process(["summary"], env={"COLUMNS": c}).stdout for c in ("0", "5", "20", "30", "300")}
    assert len(outputs) == 1
    out = outputs.pop().decode()
    assert "\x1b" not in out and "…" not in out
    assert "Between 2016" not in out  # no citations unless asked
    for figure in ("USD 30 million", "USD 12.5 million", "503", "1,500", "1,400", "more than 900"):
        assert figure in out
    for line in out.splitlines():
        assert line == line.rstrip()


def _pty_run(args: list[str], env: dict[str, str], columns: int = 80) -> bytes:
    """Run medcoop with stdout on a pseudo-terminal; return what it drew."""
    import fcntl
    import struct
    import termios

    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    full = process_env({"MEDCOOP_PAGER": "", **env})  # these tests look at the drawing; tests/test_tables.py pages
    proc = subprocess.Popen(
        [sys.executable, "-m", "medcoop", *args], stdout=secondary, stderr=subprocess.PIPE, env=full
    )
    os.close(secondary)
    chunks = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([primary], [], [], 1)
        if ready:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        elif proc.poll() is not None:
            break
    _, err = proc.communicate(timeout=30)
    os.close(primary)
    assert proc.returncode == 0, err
    return b"".join(chunks)


@pytest.mark.parametrize(
    "args", [["awards"], ["country", "KR"], ["summary"], ["actions"], ["visitors"], ["countries"], ["years"]]
)
def test_terminal_gets_colour_and_fits_width(args: list[str]) -> None:
    import re

    out = _pty_run(args, {"TERM": "xterm-256color"}, columns=80)
    assert b"\x1b[" in out
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in out.decode().replace("\r\n", "\n").splitlines()]
    assert max(len(line) for line in lines) <= 80
    text = "\n".join(lines)
    for amount in ("USD 12.5 million", "USD 30 million", "1,500"):
        if args[0] in ("summary",) or (amount == "USD 12.5 million" and args[0] in ("country", "actions")):
            assert amount in text, amount  # amounts are never folded


@pytest.mark.parametrize("env", [{"NO_COLOR": "1", "TERM": "xterm"}, {"TERM": "dumb"}], ids=["NO_COLOR", "TERM=dumb"])
def test_no_colour_in_a_terminal_when_asked(env: dict[str, str]) -> None:
    out = _pty_run(["summary"], env)
    assert b"\x1b" not in out and b"Headline figures" in out


def test_no_color_flag_in_a_terminal() -> None:
    out = _pty_run(["awards", "--no-color"], {"TERM": "xterm-256color"})
    assert b"\x1b" not in out and b"Lee Kuan Yew" in out


def test_narrow_terminal_keeps_amounts_whole() -> None:
    out = _pty_run(["summary"], {"TERM": "dumb"}, columns=30).decode()
    assert "USD 30 million" in out and "USD 12.5 million" in out and "1,500" in out


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}],
    ids=["ascii", "C-locale"],
)
def test_encodings(env: dict[str, str]) -> None:
    table = medcoop_process(["country", "Korea"], env=env)
    assert table.returncode == 0 and table.stderr == b""
    text = table.stdout.decode("ascii")  # degrades to ASCII, readably
    assert "Medell" in text and "KOR" in text
    for fmt in MACHINE:
        proc = medcoop_process(["country", "Korea", "-f", fmt], env=env)
        assert proc.returncode == 0
        assert "Medellín" in proc.stdout.decode("utf-8")
    error = medcoop_process(["country", "Perú-x"], env=env)
    assert error.returncode == 2 and error.stderr.count(b"\n") == 1


def test_sigint_exits_130_quietly(tmp_path: Path) -> None:
    script = tmp_path / "slow.py"
    script.write_text(
        "import sys, time\n"
        "from medcoop import cli, dataset\n"
        "def slow(path=None):\n"
        "    sys.stderr.write('ready\\n'); sys.stderr.flush(); time.sleep(60)\n"
        "dataset.load = slow\n"
        "cli.run()\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [sys.executable, str(script), "summary"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=process_env()
    )
    assert proc.stderr is not None
    assert proc.stderr.readline() == b"ready\n"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert b"Traceback" not in err and out == b""


def test_installed_entry_point_runs_from_another_folder(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "medcoop", "summary", "-f", "csv"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
        env=process_env(),
    )
    assert proc.returncode == 0
    assert proc.stdout.decode().splitlines()[0] == "metric,what,value,unit,qualifier,period,restates,note,editorial"


@pytest.mark.parametrize("columns", ["0", "5", "30"])
def test_terminal_with_odd_columns_keeps_every_figure_whole(columns: str) -> None:
    out = _pty_run(["summary"], {"TERM": "dumb", "COLUMNS": columns}, columns=30).decode()
    assert out.strip(), "never a silently empty output"
    for figure in ("USD 30 million", "USD 12.5 million", "503", "1,500", "1,400", "256"):
        assert figure in out, (columns, figure)


def test_output_to_a_file_ignores_the_terminal_width(tmp_path: Path) -> None:
    outputs = []
    for columns in ("20", "200"):
        target = tmp_path / f"out-{columns}.txt"
        with target.open("wb") as f:
            proc = subprocess.run(
                [sys.executable, "-m", "medcoop", "awards", "--wide"],
                stdout=f,
                env=process_env({"COLUMNS": columns}),
                check=False,
            )
        assert proc.returncode == 0
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1] and b"Lee Kuan Yew World City Prize 2016" in outputs[0]


@pytest.mark.parametrize("big", [False, True], ids=["within a buffer", "many buffers"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "table"])
def test_fast_exit_loses_no_output(big_dataset: Path, big: bool, fmt: str, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """The process ends with os._exit once flushed: every byte must be out by then, in a pipe
    and in a file, and the messages on stderr too."""
    args = ["summary", "-f", fmt, *(["--data", str(big_dataset)] if big else [])]
    expected = run(*args).out.encode("utf-8")
    assert (len(expected) > 200_000) if big else (len(expected) < 8192)
    piped = medcoop_process(args)
    assert (piped.returncode, piped.stdout, piped.stderr) == (0, expected, b"")
    target = tmp_path / "out.txt"
    with target.open("wb") as out:
        to_file = subprocess.run(
            [sys.executable, "-m", "medcoop", *args],
            stdout=out,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
            env=process_env(),
        )
    assert (to_file.returncode, target.read_bytes(), to_file.stderr) == (0, expected, b"")
    failed = medcoop_process(["country", "Atlantis"])
    assert failed.returncode == 2
    assert failed.stderr.decode() == "medcoop: error: unknown country 'Atlantis'\n"
