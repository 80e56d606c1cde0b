"""All-or-nothing export, Ctrl-C, deep nesting, unreadable files and argument handling (#11)."""

from __future__ import annotations

import contextlib
import inspect
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from medcoop import cli, dataset

from .conftest import ROOT, TINY, every_listing, process_env

LISTINGS_WITH_YEAR = [args for args in every_listing() if "year" in inspect.signature(cli.LISTINGS[args[0]]).parameters]
"""Every listing that takes --year (from medcoop.cli.LISTINGS, so that none is left out)."""


def _medcoop(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "medcoop", *args]


def _run(args: list[str], *, limit: int | None = None, **kw: object) -> subprocess.CompletedProcess[bytes]:
    def preexec() -> None:
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        kw.pop("command", None) or _medcoop(args),  # type: ignore[arg-type]
        capture_output=True,
        env=process_env(kw.pop("env", None)),  # type: ignore[arg-type]
        preexec_fn=preexec,
        timeout=60,
        check=False,
        **kw,  # type: ignore[call-overload]
    )


NOBODY = ["--reuid=65534", "--regid=65534", "--clear-groups"]
"""setpriv's arguments that drop root for the user nobody."""


@dataclass
class Nobody:
    """How to run medcoop without root's power to read and write anything."""

    prefix: list[str]  # the command up to medcoop's arguments
    env: dict[str, str]
    cwd: Path

    def run(self, args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
        return _run(args, command=[*self.prefix, *args], env={**self.env, **(env or {})}, cwd=self.cwd)


@pytest.fixture(scope="module")
def nobody() -> Iterator[Nobody]:
    """medcoop run as the user nobody when the tests run as root (CI), as is otherwise.

    nobody may not reach the checkout or its venv (a clone under /root is private to root), so
    medcoop and the packages it runs on are copied (hard-linked where they can be) into a
    world-readable temporary folder, and run from there by an interpreter of this Python version
    that nobody can start."""
    if os.geteuid() != 0:
        yield Nobody(_medcoop([]), {}, ROOT)
        return
    import tempfile

    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to drop root for the permission tests"
    python = _python_for_nobody(setpriv)
    folder = Path(tempfile.mkdtemp(prefix="medcoop-nobody-"))
    try:
        folder.chmod(0o755)
        site = folder / "site"
        _copy_runtime(site)
        env = {"PYTHONPATH": str(site), "PYTHONDONTWRITEBYTECODE": "1"}
        probe = _run([], command=[setpriv, *NOBODY, python, "-s", "-m", "medcoop", "--version"], env=env, cwd=folder)
        assert probe.returncode == 0, probe.stderr.decode()
        yield Nobody([setpriv, *NOBODY, python, "-s", "-m", "medcoop"], env, folder)
    finally:
        shutil.rmtree(folder)


def _python_for_nobody(setpriv: str) -> str:
    """An interpreter of this Python version (msgspec's compiled module must load) that the
    user nobody can start; a skip, with the reason, if there is none."""
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    candidates = [
        getattr(sys, "_base_executable", sys.executable),
        os.path.realpath(sys.executable),
        *(shutil.which(f"python{version}", path=p) for p in ("/usr/local/bin", "/usr/bin", "/bin")),
    ]
    for candidate in dict.fromkeys(c for c in candidates if c):
        check = subprocess.run(
            [setpriv, *NOBODY, candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, cwd="/", timeout=60, check=False,
        )  # fmt: skip
        if check.returncode == 0 and check.stdout.decode().strip() == version:
            return candidate
    pytest.skip(f"no Python {version} interpreter that the user nobody can start (tried {', '.join(candidates)})")


def _copy_runtime(site: Path) -> None:
    """medcoop (as imported by these tests, with the shipped dataset beside it as in a wheel) and
    every distribution it needs at run time (its dependencies, theirs, no extras) into site."""
    from importlib import metadata

    from packaging.requirements import Requirement

    import medcoop

    ignore = shutil.ignore_patterns("__pycache__")
    package = Path(medcoop.__file__).resolve().parent
    shutil.copytree(package, site / "medcoop", ignore=ignore, copy_function=_link_or_copy)
    shipped = site / "medcoop" / "data" / dataset.DATA_FILE
    if not shipped.exists():
        _link_or_copy(str(dataset.default_path()), str(shipped))
    seen: set[str] = {"medcoop"}
    todo = list(metadata.requires("medcoop") or [])
    if "MUTANT_UNDER_TEST" in os.environ:
        todo.append("mutmut")  # a mutant's trampolines import it
    while todo:
        requirement = Requirement(todo.pop())
        name = requirement.name.lower().replace("_", "-")
        if name in seen or (requirement.marker and not requirement.marker.evaluate({"extra": ""})):
            continue
        seen.add(name)
        dist = metadata.distribution(name)
        for file in dist.files or []:
            if file.parts[0] == ".." or "__pycache__" in file.parts:
                continue  # scripts and byte code
            target = site / file
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                _link_or_copy(str(dist.locate_file(file)), str(target))
        todo += dist.requires or []


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry of a folder: a file's bytes, a link's target, 'dir' for a folder."""
    entries: dict[str, bytes | str] = {}
    for p in sorted(folder.iterdir()):
        if p.is_symlink():
            entries[p.name] = f"-> {os.readlink(p)}"
        elif p.is_dir():
            entries[p.name] = "dir"
        else:
            entries[p.name] = p.read_bytes()
    return entries


@pytest.fixture
def public_tmp() -> Iterator[Path]:
    """A temporary folder the user nobody can reach (pytest's own are private to their owner),
    so that the permission tests fail on the permission they test, not on the way to it."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="medcoop-test-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


# --------------------------------------------------------------------------- 5. export, all or nothing


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes | str]:
    """The files of a complete package (written by medcoop into a new folder)."""
    out = tmp_path_factory.mktemp("pkg") / "out"
    proc = _run(["export", str(out)])
    assert proc.returncode == 0, proc.stderr
    return _snapshot(out)


def _old_package(folder: Path) -> dict[str, bytes | str]:
    folder.mkdir()
    (folder / "datapackage.json").write_text("old", encoding="utf-8")
    (folder / "actions.csv").write_text("old actions", encoding="utf-8")
    (folder / "keep.txt").write_text("mine", encoding="utf-8")
    return _snapshot(folder)


def test_export_to_a_new_folder_on_a_full_disk_leaves_nothing(tmp_path: Path, package: dict[str, bytes | str]) -> None:
    biggest = max(len(v) for v in package.values())
    out = tmp_path / "out"
    proc = _run(["export", str(out)], limit=biggest - 1)
    err = proc.stderr.decode()
    assert proc.returncode == 1 and err.count("\n") == 1, err
    named = err.removeprefix(f"medcoop: error: {out}/").removesuffix(": cannot write (File too large)\n")
    assert named in package, err
    assert list(tmp_path.iterdir()) == []  # neither the folder nor a temporary one


def test_export_force_on_a_full_disk_keeps_the_old_files(tmp_path: Path, package: dict[str, bytes | str]) -> None:
    out = tmp_path / "out"
    before = _old_package(out)
    proc = _run(["export", str(out), "--force"], limit=max(len(v) for v in package.values()) - 1)
    assert proc.returncode == 1 and proc.stderr.decode().endswith(": cannot write (File too large)\n")
    assert _snapshot(out) == before


def test_export_force_replaces_the_package_and_keeps_other_files(
    tmp_path: Path, package: dict[str, bytes | str]
) -> None:
    out = tmp_path / "out"
    _old_package(out)
    proc = _run(["export", str(out), "--force"])
    assert proc.returncode == 0, proc.stderr
    assert _snapshot(out) == {**package, "keep.txt": b"mine"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_export_never_writes_through_a_symlink(tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text("not medcoop's", encoding="utf-8")
    out = tmp_path / "out"
    _old_package(out)
    (out / "actions.csv").unlink()
    (out / "actions.csv").symlink_to(outside)
    before = _snapshot(out)
    proc = _run(["export", str(out), "--force"])
    assert proc.returncode == 1
    assert proc.stderr.decode().startswith(f"medcoop: error: {out / 'actions.csv'}: is a symbolic link")
    assert outside.read_text(encoding="utf-8") == "not medcoop's" and _snapshot(out) == before


def test_export_with_a_folder_in_the_way_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _old_package(out)
    (out / "countries.csv").mkdir()
    before = _snapshot(out)
    proc = _run(["export", str(out), "--force"])
    assert proc.returncode == 1
    assert proc.stderr.decode().startswith(f"medcoop: error: {out / 'countries.csv'}: is in the way")
    assert _snapshot(out) == before


def test_export_into_a_read_only_folder_is_exit_1_naming_it(public_tmp: Path, nobody: Nobody) -> None:
    shared = public_tmp / "shared"
    out = shared / "out"
    shared.mkdir(mode=0o755)
    new = nobody.run(["export", str(out)])
    assert (new.returncode, new.stderr.decode()) == (1, f"medcoop: error: {out}: cannot write (Permission denied)\n")
    assert list(shared.iterdir()) == []
    before = _old_package(out)
    forced = nobody.run(["export", str(out), "--force"])
    assert (forced.returncode, forced.stderr.decode()) == (
        1,
        f"medcoop: error: {out}: cannot write (Permission denied)\n",
    )
    assert _snapshot(out) == before


def test_export_onto_a_file_is_a_usage_error(tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_text("mine", encoding="utf-8")
    proc = _run(["export", str(file)])
    assert (proc.returncode, proc.stderr.decode()) == (2, f"medcoop: error: {file}: exists and is not a folder\n")
    assert file.read_text(encoding="utf-8") == "mine"


# --------------------------------------------------------------------------- 6. Ctrl-C


def _interrupt_after(args: list[str], delay: float) -> tuple[subprocess.CompletedProcess[bytes], bool]:
    """Run medcoop in its own process group, send SIGINT to the group after `delay` seconds
    (as Ctrl-C does to a terminal's foreground job); return its result and whether any process
    of the group is left once it has ended."""
    proc = subprocess.Popen(
        _medcoop(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=process_env(), start_new_session=True
    )
    time.sleep(delay)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    time.sleep(0.05)
    try:
        os.killpg(proc.pid, 0)
        left = True
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        left = False
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err), left


def _interrupted_well(result: subprocess.CompletedProcess[bytes], complete: bytes, complete_err: bytes = b"") -> None:
    """130 and nothing on stderr; or, if the signal came after the work was done, success, with
    what a run left alone writes (complete on stdout, complete_err on stderr: a notice).

    One case is outside medcoop: a signal that lands while the interpreter itself starts (its
    `site` import, or runpy finding the package, before any line of medcoop runs) ends it as
    Python does: killed by SIGINT, or Python's own message. No frame of medcoop's may be in it."""
    import re

    if result.returncode == 0:
        assert (result.stdout, result.stderr) == (complete, complete_err)
        return
    in_medcoop = re.search(rb'File "[^"]*/medcoop/[^"/]*\.py"', result.stderr)
    if result.returncode != 130 and not in_medcoop:
        assert result.stdout == b"" and (result.returncode == -signal.SIGINT or b"KeyboardInterrupt" in result.stderr)
        return
    # a notice the run says before its rows (the records a view of some years leaves out) may precede the signal
    assert result.returncode == 130 and result.stderr in (b"", complete_err), result.stderr.decode()


@pytest.fixture(scope="module")
def summary_csv() -> bytes:
    """What `summary -f csv` writes when left alone."""
    return _run(["summary", "-f", "csv"]).stdout


@pytest.mark.parametrize("delay", [i / 100 for i in range(0, 16, 1)])
def test_ctrl_c_at_start_up_is_130_without_traceback(delay: float, summary_csv: bytes) -> None:
    complete = summary_csv
    result, left = _interrupt_after(["summary", "-f", "csv"], delay)
    _interrupted_well(result, complete)
    assert not left


_SIGINT_AT_IMPORT = """
import os, signal, sys

class _CtrlC:
    # From medcoop's first module on, counts the modules the process loads: names them on
    # stderr, or sends itself SIGINT as the Nth starts loading.
    seen = 0

    def find_spec(self, name, path=None, target=None):
        if name == "medcoop" or _CtrlC.seen:
            _CtrlC.seen += 1
            if os.environ["MEDCOOP_TEST_SIGINT_AT"] == "names":
                sys.stderr.write(name + "\\n")
            elif _CtrlC.seen == int(os.environ["MEDCOOP_TEST_SIGINT_AT"]):
                os.kill(os.getpid(), signal.SIGINT)
        return None

if "MEDCOOP_TEST_SIGINT_AT" in os.environ:
    sys.meta_path.insert(0, _CtrlC())
"""


@pytest.mark.parametrize("entry", ["python -m medcoop", "medcoop"])
def test_ctrl_c_while_any_module_loads_is_130_without_traceback(entry: str, tmp_path: Path) -> None:
    """Not a race against the clock: a hook in the interpreter (sitecustomize) sends SIGINT as
    the Nth module of medcoop's start-up starts loading (medcoop itself the first), for every
    medcoop module and every tenth other one up to medcoop.signals, whose install() turns
    Ctrl-C into the exception every cleanup catches: the window only the handlers medcoop sets
    on its first line cover. Both ways of starting medcoop. (Before medcoop's first line, the
    interpreter's own start-up, Ctrl-C is Python's: see _interrupted_well.)"""
    (tmp_path / "sitecustomize.py").write_text(_SIGINT_AT_IMPORT)
    script = Path(sys.executable).with_name("medcoop")
    command = [sys.executable, "-m", "medcoop"] if entry.startswith("python") else [str(script)]
    args = ["summary", "-f", "csv"]

    def run(at: str) -> subprocess.CompletedProcess[bytes]:
        env = process_env({"PYTHONPATH": str(tmp_path), "MEDCOOP_TEST_SIGINT_AT": at})
        return subprocess.run([*command, *args], capture_output=True, env=env, timeout=60, check=False)

    names = run("names").stderr.decode().split()
    assert names[0] == "medcoop" and "medcoop.signals" in names, names
    names = names[: names.index("medcoop.signals") + 1]
    # not as medcoop itself is found and starts loading (twice under -m): none of its lines has run yet
    steps = [n for n, name in enumerate(names, 1) if name != "medcoop" and (name.startswith("medcoop") or n % 10 == 0)]
    assert len(steps) > 20
    for step in steps:
        result = run(str(step))
        where = (names[step - 1], result.stderr.decode())
        assert (result.returncode, result.stderr, result.stdout) == (130, b"", b""), where


@pytest.fixture(scope="module")
def large_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid dataset file over dataset.PARALLEL_OVER, so that its key scan runs in a forked child.
    Its bytes are in long labels rather than many records: the scan reads every byte, while the
    work on the records (validation, the table) would only make each run of the test longer."""
    data = json.loads(TINY.read_text(encoding="utf-8"))
    template = data["metrics"][0]
    data["metrics"] += [dict(template, id=f"m-{i}", label=f"Figure {i} " + "x" * 2_000) for i in range(6_000)]
    path = tmp_path_factory.mktemp("large") / "large.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert path.stat().st_size > dataset.PARALLEL_OVER
    return path


def test_ctrl_c_during_the_forked_key_scan_is_130_and_leaves_no_child(large_data: Path) -> None:
    args = ["summary", "--data", str(large_data), "-f", "csv", "--year", "2016"]
    started = time.monotonic()
    complete = _run(args)
    duration = time.monotonic() - started
    assert complete.returncode == 0, complete.stderr
    for step in range(12):
        result, left = _interrupt_after(args, duration * (0.2 + step * 0.05))
        _interrupted_well(result, complete.stdout, complete.stderr)
        assert not left, "a process of medcoop's group outlived it"


# --------------------------------------------------------------------------- 7. deep nesting


def _nested(depth: int, kind: str) -> str:
    return "[" * depth + "]" * depth if kind == "arrays" else '{"a":' * depth + "1" + "}" * depth


@pytest.mark.parametrize("depth", [1_000, 10_000, 200_000])
@pytest.mark.parametrize("kind", ["arrays", "objects"])
@pytest.mark.parametrize("size", ["small", "forked"])
def test_deep_nesting_is_one_line_naming_the_file(tmp_path: Path, depth: int, kind: str, size: str) -> None:
    text = TINY.read_text(encoding="utf-8").rstrip()
    assert text.endswith("}")
    padding = "x" * (dataset.PARALLEL_OVER + 1) if size == "forked" else ""
    path = tmp_path / "deep.json"
    path.write_text(text[:-1] + f', "padding": "{padding}", "deep": {_nested(depth, kind)}}}', encoding="utf-8")
    for command in (["summary", "--data", str(path)], ["validate", str(path)]):
        proc = _run(command)
        assert (proc.returncode, proc.stdout) == (1, b"")
        assert proc.stderr.decode() == f"medcoop: error: {path}: {dataset.TOO_DEEP}\n"


def test_deep_nesting_found_by_the_key_scan() -> None:
    """The scan (in the child or not) runs deeper in the stack than msgspec's decode: a depth
    that msgspec takes can be too deep for it, and must say so too."""
    text = '{"a":' + "[" * 5_000 + "]" * 5_000 + "}"
    assert dataset._scan(text.encode()) == dataset.TOO_DEEP


# --------------------------------------------------------------------------- 8. unreadable files


@pytest.mark.parametrize("how", ["--data", "MEDCOOP_DATA", "validate"])
def test_an_unreadable_file_is_exit_1(public_tmp: Path, nobody: Nobody, how: str) -> None:
    folder = public_tmp / "readable"
    folder.mkdir(mode=0o755)
    path = folder / "data.json"
    path.write_bytes(TINY.read_bytes())
    path.chmod(0o600 if os.geteuid() == 0 else 0)
    args = {
        "--data": ["summary", "--data", str(path)],
        "MEDCOOP_DATA": ["summary"],
        "validate": ["validate", str(path)],
    }
    env = {"MEDCOOP_DATA": str(path)} if how == "MEDCOOP_DATA" else None
    proc = nobody.run(args[how], env=env)
    assert (proc.returncode, proc.stderr.decode()) == (1, f"medcoop: error: {path}: permission denied\n")
    readable = _run(args[how], env=env)  # the same file is fine for its owner: the test is real
    assert readable.returncode == 0, readable.stderr


# --------------------------------------------------------------------------- 9. arguments


def test_an_unknown_modality_is_a_usage_error_listing_them(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads((ROOT / "data" / "medcoop.json").read_text(encoding="utf-8"))
    modalities = sorted({a["modality"] for a in data["actions"] if a["modality"]})
    assert len(modalities) > 2
    result = run("actions", "--modality", "telepathic")
    assert result.code == 2 and result.out == ""
    assert result.err == f"medcoop: error: unknown modality 'telepathic': the modalities are {', '.join(modalities)}\n"
    assert run("actions", "--modality", "FINANCIAL", "-f", "csv").code == 0  # still any part, any case


@pytest.mark.parametrize("args", every_listing())
def test_a_bad_medcoop_format_names_the_variable(run, monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MEDCOOP_FORMAT", "bogus")
    result = run(*args)
    assert result.code == 2 and result.err.count("\n") == 1
    assert "environment variable MEDCOOP_FORMAT='bogus'" in result.err
    assert "environment" not in run(*args, "-f", "bogus").err  # a bad --format is not blamed on it


@pytest.mark.parametrize("args", LISTINGS_WITH_YEAR)
def test_year_given_twice_is_an_error(run, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    for years in (["--year", "2016", "--year", "2018"], ["-y", "2016", "--year=2017"]):
        result = run(*args, *years, "-f", "csv")
        assert result.code == 2 and result.out == "", result.err
        assert result.err.startswith("medcoop: error: --year given 2 times (")
    assert run(*args, "--year", "2016-2018", "-f", "csv").code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["country", "{long}"],
        ["partner", "{long}"],
        ["{long}"],
        ["summary", "--year", "{long}"],
        ["actions", "--modality", "{long}"],
        ["actions", "--country", "{long}"],
        ["summary", "--{long}"],
        ["summary", "-f", "{long}"],
        ["country", *(["Korea"] * 30_000)],
    ],
)
def test_a_long_argument_is_shortened_in_messages(run, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    long = "Ab" * 50_000
    result = run(*(a.replace("{long}", long) for a in args))
    assert result.code == 2 and result.err.count("\n") == 1
    assert len(result.err) < 1_100 and "more characters]" in result.err


@pytest.mark.parametrize(("args", "expected"), [(["country", "España"], "CIDEU"), (["search", "Medellín"], "Medellín")])
def test_arguments_under_a_c_locale_are_read_as_utf8(args: list[str], expected: str) -> None:
    c_locale = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    utf8 = _run([*args, "-f", "csv"])
    assert utf8.returncode == 0 and utf8.stdout.count(b"\n") > 1 and expected in utf8.stdout.decode()
    proc = _run([*args, "-f", "csv"], env=c_locale)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, utf8.stdout, b"")
