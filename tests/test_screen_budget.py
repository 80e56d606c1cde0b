"""Answers that fit a screen: at 80 columns every listing takes about one line per row (at most
1.5 lines a row plus 8 for titles, headers and legends; `summary` at most 36 lines), drawn on a
real pseudo-terminal of 80x24 with the pager off, in English and in Spanish."""

from __future__ import annotations

import json

import pytest

from medcoop import cli

from .conftest import medcoop_process
from .test_tables import ARGS, _pty

SUMMARY_LINES = 36


def _rows(run, args: list[str]) -> int:  # type: ignore[no-untyped-def]
    """How many rows the listing answers (its JSON, in-process: the count is no matter of the terminal)."""
    result = run(*args, "-f", "json")
    assert result.code == 0, result.err
    return len(json.loads(result.out))


def _cases() -> list[object]:
    assert set(ARGS) == set(cli.LISTINGS)  # every listing, each with the arguments it needs
    return [pytest.param(ARGS[name], lang, id=f"{name}-{lang}") for name in sorted(ARGS) for lang in ("en", "es")]


@pytest.mark.parametrize(("args", "lang"), _cases())
def test_every_listing_takes_about_a_line_a_row(run, args: list[str], lang: str) -> None:  # type: ignore[no-untyped-def]
    out = _pty(args, {"MEDCOOP_PAGER": "", "MEDCOOP_LANG": lang}, columns=80, rows=24)
    lines = out.count("\n")
    budget = SUMMARY_LINES if args == ["summary"] else int(1.5 * _rows(run, args)) + 8
    assert lines <= budget, f"medcoop {' '.join(args)} (--lang {lang}): {lines} lines, budget {budget}\n{out}"
    assert max(map(len, out.splitlines())) <= 80


@pytest.mark.parametrize("name", sorted(ARGS))
def test_a_pipe_reads_like_the_screen(run, name: str) -> None:  # type: ignore[no-untyped-def]
    """`medcoop actions | head`: the title at the left, not centred over a wide table; no rule
    wider than the rows under it; one line per row, nothing cut (the grep contract)."""
    args = ARGS[name]
    piped = medcoop_process(args)
    assert piped.returncode == 0, piped.stderr
    lines = piped.stdout.decode().splitlines()
    view = cli.LISTINGS[name](__import__("medcoop.dataset").dataset.load(), **_own(name))
    if view.table.title:
        assert view.table.title in lines  # a line of its own, at the left
    rows = _rows(run, args)
    for i, line in enumerate(lines):
        if line and set(line) == {"─"}:
            table = lines[i + 1 : i + 1 + rows] if i == _first_rule(lines) else []
            assert len(line) <= max(len(lines[i - 1]), *map(len, table or [line])), line
    first = _first_rule(lines)
    assert all(set(line) != {"─"} for line in lines[first + 1 : first + 1 + rows])  # the rows, a line each


def _first_rule(lines: list[str]) -> int:
    return next(i for i, line in enumerate(lines) if line and set(line) == {"─"})


def _own(name: str) -> dict[str, object]:
    args = ARGS[name][1:]
    return {"name" if name in ("country", "partner", "programme") else "text": args} if args else {}
