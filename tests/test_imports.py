"""Structural start-up checks (no timing): machine formats never import Rich or tabulate."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import installed_package, process_env


def _imported(args: list[str]) -> set[str]:
    """The modules `medcoop ARGS` imports."""
    return _importing("-m", "medcoop", *args)[1]


def _importing(
    *python: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Python run with these arguments under -X importtime (it must succeed), and the modules it imported."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *python],
        capture_output=True, text=True, cwd=cwd, env=process_env(env), timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stderr.splitlines()
    return proc, {line.rsplit("|", 1)[1].strip() for line in lines if line.startswith("import time:") and "|" in line}


@pytest.mark.parametrize(
    "args", [["summary", "-f", "csv"], ["summary", "-f", "json"], ["country", "Korea", "-f", "csv"], ["--version"]]
)
def test_machine_formats_import_neither_rich_nor_tabulate(args: list[str]) -> None:
    modules = _imported(args)
    assert "medcoop.cli" in modules  # the measurement itself works
    assert not {m for m in modules if m == "rich" or m.startswith(("rich.", "tabulate"))}
    assert not {m for m in modules if m.startswith(("pycountry", "pydantic"))}


@pytest.mark.parametrize("args", [["summary", "-f", "csv"], ["country", "Korea", "-f", "csv"]])
def test_an_answer_on_stdout_imports_nothing_for_files_or_numbers(args: list[str]) -> None:
    """tempfile (and random with it) is for writing files, decimal for reading quotes' numbers
    (validation): an answer written to stdout imports neither (start-up is the product's latency).
    Reading data/medcoop.json (a checkout) imports msgspec, which imports decimal itself: so the
    modules that read numbers are checked on their own too."""
    imported = _imported(args)
    assert "medcoop.files" in imported  # the writing path ran
    assert not imported & {"tempfile", "random"}
    modules = "medcoop.provenance, medcoop.files, medcoop.cli.output, medcoop.query"
    check = f"import sys, {modules}; print(sorted({{'tempfile', 'random', 'decimal'}} & set(sys.modules)))"
    alone = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True, timeout=60)
    assert alone.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["map"], {}),
        (["map"], {"FORCE_COLOR": "1"}),
        (["map", "--svg", "{tmp}/map.svg"], {}),
        (["map", "--svg", "{tmp}/map.svg", "-f", "csv"], {}),
    ],
    ids=["piped", "FORCE_COLOR", "svg-and-map", "svg-csv"],
)
def test_an_installed_map_reads_no_geometry_file(tmp_path: Path, args: list[str], env: dict[str, str]) -> None:
    """An installed medcoop draws the map (in a pipe: characters, or half blocks with
    FORCE_COLOR; and the SVG) from the geometry compiled into the wheel (medcoop/_world.py), not
    from medcoop/data/world.json, which is read with json (docs/performance.md)."""
    installed_package(tmp_path, "an editable install reads medcoop/data/world.json: there is no compiled geometry")
    _proc, modules = _importing("-m", "medcoop", *(a.format(tmp=tmp_path) for a in args), env=env, cwd=tmp_path)
    assert "medcoop._world" in modules  # the map was drawn, from the compiled geometry
    assert not {m for m in modules if m == "json" or m.startswith("json.")}


def test_table_imports_rich_and_markdown_tabulate() -> None:
    assert "rich.table" in _imported(["summary"])
    assert "tabulate" in _imported(["awards", "-f", "markdown"])


def test_help_imports_neither_markdown_nor_pygments() -> None:
    """typer.rich_utils imports rich.markdown (markdown-it-py) and rich.traceback (Pygments) for
    what medcoop's help never draws; medcoop.cli.richhelp keeps them out (docs/performance.md)."""
    for args in (["--help"], ["country", "--help"]):
        modules = _imported(args)
        assert "typer.rich_utils" in modules  # the help was drawn by Typer's Rich help
        assert not {m for m in modules if m.startswith(("markdown_it", "pygments", "rich.markdown", "rich.traceback"))}


@pytest.mark.parametrize("args", [["--help"], ["country", "--help"], ["--lang", "es", "sql", "--help"]])
def test_help_is_the_same_as_with_typers_own_import(args: list[str]) -> None:
    """The stand-ins change what is imported, not what is drawn: the help is byte for byte the
    help drawn after typer.rich_utils was imported as Typer does it."""
    script = "import sys; {pre}from medcoop.cli import main; sys.exit(main(sys.argv[1:]))"
    env = {**process_env(), "COLUMNS": "100"}
    drawn = [
        subprocess.run(
            [sys.executable, "-c", script.format(pre=pre), *args], capture_output=True, env=env, check=True, timeout=60
        ).stdout
        for pre in ("", "import typer.rich_utils; ")
    ]
    assert drawn[0] == drawn[1] and b"medcoop" in drawn[0]


def test_the_stand_ins_are_the_names_typer_takes() -> None:
    """Fails when Typer changes what typer.rich_utils takes from rich.markdown and rich.traceback:
    medcoop.cli.richhelp must then stand in for those names (or no longer for these)."""
    import ast
    import importlib.util

    from medcoop.cli.richhelp import STAND_INS

    spec = importlib.util.find_spec("typer.rich_utils")
    assert spec is not None and spec.origin is not None
    with open(spec.origin, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    taken: dict[str, set[str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in STAND_INS:
            taken.setdefault(node.module, set()).update(a.name for a in node.names)
        if isinstance(node, ast.Import):
            assert not {a.name for a in node.names} & set(STAND_INS), "typer.rich_utils imports the module whole"
    assert taken == {module: {name} for module, name in STAND_INS.items()}


def test_a_stand_in_called_is_the_real_thing() -> None:
    """Were Typer ever to draw one, the stand-in imports its module and returns the real object."""
    from rich.text import Text

    from medcoop.cli.richhelp import _stand_in

    markdown = _stand_in("rich.markdown", "Markdown")("*medcoop*")
    import rich.markdown

    assert isinstance(markdown, rich.markdown.Markdown) and not isinstance(markdown, Text)


def test_medcoop_takes_from_typer_only_what_it_has_in_one_place() -> None:
    """Typer's private modules (its vendored Click, its completion classes) are reached from the
    few places listed here, each with its reason; typer._click.core is reached from none (the
    parameter source is read through the public Context)."""
    import ast
    from pathlib import Path

    import medcoop

    allowed = {
        ("cli_i18n.py", "typer._click"),  # Click's classes, to translate its messages and help
        ("cli/app.py", "typer._completion_classes"),  # Typer's shell scripts, set up for completion
    }
    package = Path(medcoop.__file__).parent
    found = set()
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names if node.module == "typer"]
            for name in names:
                if name.startswith("typer._"):
                    found.add((path.relative_to(package).as_posix(), name))
    assert found == allowed


NO_COMMAND = [["--help"], ["--lang", "es", "--help"], ["bogus"], ["--bogus"], ["bogus", "--help"], ["-f", "csv"]]
"""Command lines that name no command: the app's help, and its errors (bare `medcoop` prints its
overview without building the app at all: test_help)."""


@pytest.mark.parametrize("args", NO_COMMAND)
def test_a_command_line_without_a_command_builds_no_commands_parameters(
    run,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
) -> None:
    """Typer builds a command's parameters from its signature; the app's help and its errors
    only list the commands, so only the app's own options are built (docs/performance.md)."""
    import typer.main

    from medcoop.cli import app

    built: dict[str, list[str]] = {}
    real = typer.main.get_params_from_function
    commands = {make().__name__ for make in app.COMMANDS.values()}  # map's function is map_command

    def counting(func: Any) -> Any:
        params = real(func)
        if getattr(func, "__name__", "") in commands:
            built[func.__name__] = list(params)
        return params

    monkeypatch.setattr(typer.main, "get_params_from_function", counting)
    run(*args)
    assert set(built) == commands and all(params == [] for params in built.values())


@pytest.mark.parametrize("args", NO_COMMAND)
def test_a_command_line_without_a_command_answers_as_with_every_command_built(
    run,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
) -> None:
    from medcoop.cli import app

    listed = run(*args)
    whole = app.build_app
    monkeypatch.setattr(app, "build_app", lambda only=None, listed=False: whole(only))
    assert run(*args) == listed
    assert "Usage" in listed.out + listed.err or "Uso" in listed.out + listed.err or "error" in listed.err


def test_sql_on_the_shipped_tables_loads_no_records(tmp_path: Path) -> None:
    """With the tables ready-made, `sql` on the shipped dataset imports neither the compiled
    dataset nor the record types and msgspec, the table model nor the queries, and fills no
    table (start-up is its latency: docs/performance.md)."""
    from medcoop import dataset, sql

    written = tmp_path / "_shipped.sqlite"
    sql.write_tables(json.loads(dataset.default_path().read_bytes()), written)
    script = (
        "import sys; from pathlib import Path; import medcoop.sql; "
        f"medcoop.sql.SHIPPED_TABLES = Path({str(written)!r}); "
        "from medcoop.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    proc, imported = _importing("-c", script, "sql", "SELECT count(*) FROM actions", "-f", "csv")
    assert proc.stdout == f"count(*)\n{len(dataset.load()['actions'])}\n"
    assert "medcoop.cli.data" in imported and "sqlite3" in imported  # the measurement itself works
    loaded = {
        m
        for m in imported
        if m in ("msgspec", "json", "medcoop._shipped", "medcoop.records", "medcoop.export", "medcoop.dataset")
        or m.startswith(("msgspec.", "medcoop.query", "medcoop.translations"))
    }
    assert loaded == set()


def test_export_xlsx_of_the_carried_workbook_loads_no_records(tmp_path: Path) -> None:
    """With the shipped dataset's workbook ready-made (an installed medcoop), `export --xlsx`
    imports neither XlsxWriter, the table model, the records and msgspec, nor SQLite, in either
    language: it copies the workbook (docs/performance.md)."""
    from medcoop import xlsx

    carried = {}
    for language, book in xlsx.shipped_workbooks().items():
        carried[language] = tmp_path / f"_shipped.{language}.xlsx"
        carried[language].write_bytes(book)
    paths = {language: str(path) for language, path in carried.items()}
    script = (
        "import sys; from pathlib import Path; import medcoop.xlsx; "
        f"medcoop.xlsx.SHIPPED_WORKBOOKS = {{k: Path(v) for k, v in {paths!r}.items()}}; "
        "from medcoop.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    for language, path in carried.items():
        target = tmp_path / f"{language}.xlsx"
        _proc, imported = _importing("-c", script, "--lang", language, "export", "--xlsx", str(target))
        assert target.read_bytes() == path.read_bytes()
        assert "medcoop.cli.data" in imported and "medcoop.files" in imported  # the measurement itself works
        loaded = {
            m
            for m in imported
            if m in ("msgspec", "sqlite3", "json", "medcoop._shipped", "medcoop.records", "medcoop.export")
            or m.startswith(("xlsxwriter", "msgspec.", "medcoop.dataset", "medcoop.database", "medcoop.query"))
        }
        assert loaded == set()
