"""Every command's work grows linearly with the dataset, counted, not timed.

A dataset file repeats the shipped records k times under fresh ids (as tests/benchmarks/bench.py's
--scale does). The work is the number of lines of medcoop's own code executed (sys.settrace): it
does not depend on the machine's load. Doubling the records must at most about double that work;
a command comparing every record with every other (quadratic) quadruples it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import medcoop
from medcoop import cli
from medcoop.dataset import default_path

from .conftest import every_listing

PACKAGE = str(Path(medcoop.__file__).resolve().parent)
SCALED_KEYS = ("metrics", "topic_lists", "actions", "country_roles", "events", "awards", "visitors", "programmes")

COMMANDS = [
    ["summary"],
    ["country", "Korea"],
    ["country", "Colombia"],
    ["countries"],
    ["map"],
    ["awards"],
    ["actions"],
    ["events"],
    ["visitors"],
    ["partners"],
    ["partner", "IDB"],
    ["milestones"],
    ["programme", "Bancuadra"],
    ["programmes"],
    ["years"],
    ["search", "Korea"],
    ["tallies"],
    ["topics"],
    ["sections"],
]


def test_every_listing_is_measured() -> None:
    assert {args[0] for args in COMMANDS} >= {args[0] for args in every_listing()}


def _scaled(factor: int, folder: Path) -> Path:
    data = json.loads(default_path().read_text(encoding="utf-8"))
    for key in SCALED_KEYS:
        data[key] = [dict(r, id=f"{r['id']}-x{i}") if i else r for i in range(factor) for r in data[key]]
    path = folder / f"scaled-{factor}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("scaled")
    return {k: _scaled(k, folder) for k in (2, 4)}


def _lines_run(args: list[str], capsysbinary: pytest.CaptureFixture[bytes]) -> int:
    """Lines of medcoop's code executed by one command (its output checked and discarded)."""
    count = 0

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    sys.settrace(tracer)
    try:
        code = cli.main(args)
    finally:
        sys.settrace(None)
    out = capsysbinary.readouterr()
    assert code == 0, out.err
    assert out.out
    return count


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_work_grows_linearly(args: list[str], scaled: dict[int, Path], capsysbinary) -> None:  # type: ignore[no-untyped-def]
    small, large = (_lines_run([*args, "--data", str(scaled[k]), "-f", "csv"], capsysbinary) for k in (2, 4))
    assert large / small < 2.5, f"{' '.join(args)}: {small} lines at x2, {large} at x4"
