"""Answers that fit a screen: at 80 columns every listing takes about one line per row (at most
1.5 lines a row plus 8 for titles, headers and legends; `summary` at most 36 lines), drawn on a
real pseudo-terminal of 80x24 with the pager off, in English and in Spanish."""

from __future__ import annotations

import json

import pytest

from .conftest import every_listing, medcoop_process
from .test_tables import _pty

SUMMARY_LINES = 36


def _rows(args: list[str]) -> int:
    result = medcoop_process([*args, "-f", "json"])
    assert result.returncode == 0, result.stderr
    return len(json.loads(result.stdout))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("args", every_listing(), ids=" ".join)
def test_every_listing_takes_about_a_line_a_row(args: list[str], lang: str) -> None:
    out = _pty(args, {"MEDCOOP_PAGER": "", "MEDCOOP_LANG": lang}, columns=80, rows=24)
    lines = out.count("\n")
    budget = SUMMARY_LINES if args == ["summary"] else int(1.5 * _rows(args)) + 8
    assert lines <= budget, f"medcoop {' '.join(args)} (--lang {lang}): {lines} lines, budget {budget}\n{out}"
    assert max(map(len, out.splitlines())) <= 80
