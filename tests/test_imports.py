"""Structural start-up checks (no timing): machine formats never import Rich or tabulate."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _imported(args: list[str]) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "medcoop", *args], capture_output=True, check=False, timeout=60
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    modules = set()
    for line in proc.stderr.decode().splitlines():
        if line.startswith("import time:") and "|" in line:
            modules.add(line.rsplit("|", 1)[1].strip())
    return modules


@pytest.mark.parametrize(
    "args", [["summary", "-f", "csv"], ["summary", "-f", "json"], ["country", "Korea", "-f", "csv"], ["--version"]]
)
def test_machine_formats_import_neither_rich_nor_tabulate(args: list[str]) -> None:
    modules = _imported(args)
    assert "medcoop.cli" in modules  # the measurement itself works
    assert not {m for m in modules if m == "rich" or m.startswith(("rich.", "tabulate"))}
    assert not {m for m in modules if m.startswith(("pycountry", "pydantic"))}


def test_table_imports_rich_and_markdown_tabulate() -> None:
    assert "rich.table" in _imported(["summary"])
    assert "tabulate" in _imported(["awards", "-f", "markdown"])
