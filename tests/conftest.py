from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import medcoop
from medcoop.catalogs import compile_catalogs

if Path(medcoop.__file__).resolve().parent == Path(__file__).resolve().parent.parent / "medcoop":
    # The tests import the checkout's sources (python -m pytest puts it first on sys.path), which
    # carry the catalogs' sources only: compile them, as the build hook does for an editable install.
    compile_catalogs(Path(__file__).resolve().parent.parent, Path(__file__).resolve().parent.parent)

from medcoop import cli  # after the catalogs are compiled

if TYPE_CHECKING:
    from medcoop.records import Dataset

ROOT = Path(__file__).resolve().parent.parent
TINY = Path(__file__).resolve().parent / "fixtures" / "tiny.json"

LISTING_ARGS = {"country": ["KR"], "partner": ["IDB"], "programme": ["PAR"], "search": ["e"]}
"""The arguments a listing of the shipped dataset needs, for the loops over every listing."""


def every_listing() -> list[list[str]]:
    """Every listing command (medcoop.cli.LISTINGS, so that a listing added later is looped over
    too) with the arguments it needs."""
    return [[name, *LISTING_ARGS.get(name, [])] for name in sorted(cli.LISTINGS)]


SOURCE = ROOT.parent / "shared" / "seed" / "000_1fcbfc8151e813c2.txt"

# Variables that change how medcoop draws; tests start from none of them.
_OUTPUT_ENV = (
    "MEDCOOP_FORMAT", "MEDCOOP_DATA", "MEDCOOP_DEBUG", "MEDCOOP_PAGER", "PAGER",
    "NO_COLOR", "FORCE_COLOR", "COLUMNS", "TERM",
)  # fmt: skip
# Variables that choose medcoop's language; tests start in English (the source language).
_LANGUAGE_ENV = ("MEDCOOP_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


_PYCACHE_OWNER = "MEDCOOP_TEST_PYCACHE_OWNER"


def pytest_configure(config: pytest.Config) -> None:
    """The medcoop processes the tests start read their bytecode from one cache, written by the
    first of them, as an installed medcoop's processes read what pip compiled at install: not
    each compiling every module from source again (what PYTHONDONTWRITEBYTECODE=1, set in many
    CI images, would make each do: about 60 ms of every run). The cache is a folder of its own
    (PYTHONPYCACHEPREFIX), never the checkout; the test run that made it (the xdist controller,
    whose workers inherit its environment) removes it at the end. Readable by all, for the tests
    that run medcoop as `nobody`.

    No test remembers a valid dataset file in a cache folder (MEDCOOP_CACHE_DIR empty, for this
    process and every one it starts): each load checks its file in full, whatever ran before,
    and nothing is written under $HOME; tests/test_validated.py gives the cache a folder of its own."""
    os.environ["MEDCOOP_CACHE_DIR"] = ""
    if os.environ.get(_PYCACHE_OWNER):
        return  # a worker of the run that made it
    import tempfile

    folder = tempfile.mkdtemp(prefix="medcoop-test-pycache-")
    os.chmod(folder, 0o755)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = folder
    os.environ[_PYCACHE_OWNER] = str(os.getpid())


def pytest_unconfigure(config: pytest.Config) -> None:
    if os.environ.get(_PYCACHE_OWNER) == str(os.getpid()):
        import shutil

        shutil.rmtree(os.environ["PYTHONPYCACHEPREFIX"], ignore_errors=True)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from medcoop import i18n

    for name in (*_OUTPUT_ENV, *_LANGUAGE_ENV):
        monkeypatch.delenv(name, raising=False)
    i18n.use("en")  # whatever a module's fixtures or an earlier in-process command left on
    yield
    i18n.use("en")  # a test that ran medcoop --lang es leaves the next one in English, as it starts


@pytest.fixture(scope="module")
def ds() -> Dataset:
    """The shipped dataset (one object per process: medcoop.dataset.load shares it)."""
    from medcoop import dataset

    return dataset.load()


@pytest.fixture
def run(capsysbinary: pytest.CaptureFixture[bytes]):  # type: ignore[no-untyped-def]
    """Run medcoop in-process (stdout is not a terminal) and capture its output."""

    def _run(*args: str) -> Result:
        code = cli.main(list(args))
        captured = capsysbinary.readouterr()
        return Result(int(code), captured.out.decode("utf-8"), captured.err.decode("utf-8"))

    return _run


UNBUFFERED = {"on": False}
"""Whether medcoop_process runs medcoop with PYTHONUNBUFFERED=1 (stdout a raw file, whose
writes may be short), as many Docker and CI images do; see the `unbuffered` fixture."""


@pytest.fixture(params=[False, True], ids=["buffered", "PYTHONUNBUFFERED=1"])
def unbuffered(request: pytest.FixtureRequest) -> Iterator[bool]:
    """Run a test twice: medcoop's stdout buffered, and raw (PYTHONUNBUFFERED=1)."""
    UNBUFFERED["on"] = request.param
    yield request.param
    UNBUFFERED["on"] = False


def process_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a medcoop process: none of the variables that change its output,
    PYTHONUNBUFFERED=1 when the `unbuffered` fixture says so, then env."""
    full_env = {
        k: v for k, v in os.environ.items() if k not in (*_OUTPUT_ENV, *_LANGUAGE_ENV) and k != "PYTHONUNBUFFERED"
    }
    if UNBUFFERED["on"]:
        full_env["PYTHONUNBUFFERED"] = "1"
    full_env.update(env or {})
    return full_env


def installed_package(cwd: Path, editable: str) -> Path:
    """The folder of the medcoop that Python imports outside the checkout (run in `cwd`): an
    installed wheel's. Skips the test when medcoop is not installed, or when it is this checkout
    (an editable install), saying `editable` then."""
    where = subprocess.run(
        [sys.executable, "-c", "import medcoop; print(medcoop.__file__)"],
        capture_output=True, text=True, cwd=cwd, timeout=60, check=False,
    )  # fmt: skip
    if where.returncode != 0:
        pytest.skip("medcoop is not installed in this environment (tests run from a checkout)")
    package = Path(where.stdout.strip()).resolve().parent
    if package == ROOT / "medcoop":
        pytest.skip(editable)
    return package


def medcoop_process(
    args: list[str], *, env: dict[str, str] | None = None, shell_pipe: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[bytes]:
    """Run medcoop as a real process (python -m medcoop), optionally piped into a shell command."""
    full_env = process_env(env)
    command = [sys.executable, "-m", "medcoop", *args]
    if shell_pipe is None:
        return subprocess.run(command, capture_output=True, env=full_env, timeout=timeout, check=False)
    quoted = " ".join(_quote(c) for c in command)
    script = f'{quoted} | {shell_pipe}; echo "status=${{PIPESTATUS[0]}}" >&2'
    return subprocess.run(["bash", "-c", script], capture_output=True, env=full_env, timeout=timeout, check=False)


def wait_into_the_query(proc: subprocess.Popen[bytes], cpu_seconds: float = 0.2, timeout: float = 30) -> None:
    """Return once the medcoop process `proc` is running its SQL query: SQLite's library is
    loaded into it (/proc/PID/maps), and it has since spent `cpu_seconds` of CPU (the query of a
    tiny dataset is all it does then), however loaded the machine is; or once it has ended."""
    import time

    tick = os.sysconf("SC_CLK_TCK")

    def cpu() -> float:  # user + system time of the process, from /proc/PID/stat
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / tick

    deadline = time.monotonic() + timeout
    started: float | None = None
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            if started is None and "_sqlite3" in Path(f"/proc/{proc.pid}/maps").read_text():
                started = cpu()
            if started is not None and cpu() - started >= cpu_seconds:
                return
        except OSError:  # it has just ended
            return
        time.sleep(0.01)


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


@pytest.fixture
def source_text() -> str:
    if not SOURCE.is_file():
        pytest.skip("../shared (the source text) is not beside this checkout")
    return SOURCE.read_text(encoding="utf-8")
