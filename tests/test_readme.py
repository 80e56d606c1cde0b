"""The README's examples are real: each `$ medcoop …` line prints what the README shows."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

SKIP = ("edited.json", "frictionless", "medcoop validate", "medcoop export")


def _examples() -> list[tuple[str, str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = []
    for block in re.findall(r"```console\n(.*?)```", readme, re.S):
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
