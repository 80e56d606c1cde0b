"""The README and the docs: their examples are real (each `$ medcoop …` line prints what the page
shows), the README is a short page for users that works as typed, and no link leaves the repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SKIP = ("edited.json", "frictionless", "medcoop validate", "medcoop export", "map --svg mapa.svg")


PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
"""The user documentation: the README and the reference in docs/."""


def _examples() -> list[tuple[str, str]]:
    examples = []
    text = "\n".join(page.read_text(encoding="utf-8") for page in PAGES)
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            if not any(s in command for s in SKIP):
                examples.append((command, output.rstrip("\n")))
    return examples


@pytest.mark.parametrize(("command", "expected"), _examples(), ids=[c for c, _ in _examples()])
def test_readme_example(command: str, expected: str, tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    if not (bin_dir / "medcoop").exists():
        pytest.skip("medcoop is not installed beside this Python")
    for tool in ("jq", "cut", "head", "grep"):
        if f"| {tool}" in command and shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MEDCOOP_", "COLUMNS", "FORCE_COLOR"))}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    proc = subprocess.run(["bash", "-c", command], capture_output=True, env=env, cwd=tmp_path, check=False)
    got = (proc.stdout + proc.stderr).decode("utf-8").rstrip("\n")
    assert [line.rstrip() for line in got.split("\n")] == [line.rstrip() for line in expected.split("\n")]


README_LINES = 300


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_is_a_short_page_for_users() -> None:
    readme = _readme()
    assert len(readme.splitlines()) <= README_LINES
    for heading in ("## Quick start", "## A tour", "## En español", "## Where to go next"):
        assert f"\n{heading}\n" in readme, heading
    for page in ("commands", "formats", "data", "sql-and-python", "exit-codes", "performance", "development"):
        assert f"(docs/{page}.md)" in readme, page


def test_the_quick_start_then_says_how_to_run_medcoop_as_typed() -> None:
    """The Quick start calls .venv/bin/medcoop; every other example says plain `medcoop`, which
    works once the environment is activated: the README says how before the first of them."""
    readme = _readme()
    start = readme.index("## Quick start")
    blocks = re.findall(r"```sh\n(.*?)```", readme[start:], re.S)
    assert (
        blocks[0].splitlines()[1]
        == "python3 -m venv .venv && .venv/bin/pip install '.[test]' && .venv/bin/python -m pytest"
    )
    activate = readme.index(". .venv/bin/activate")
    first_plain = readme.index("$ medcoop")
    assert start < activate < first_plain


def test_no_link_leaves_the_repository() -> None:
    for page in PAGES:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if target.startswith(("https://", "http://", "#")):
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            assert path.is_relative_to(ROOT.resolve()), f"{page.name}: {target} is outside the repository"
