"""A format answers to its aliases (medcoop.words.FORMATS) wherever a format is given: -f md is
Markdown, in every listing, in the map's data and through MEDCOOP_FORMAT."""

from __future__ import annotations

import pytest

from medcoop import words
from tests.conftest import every_listing


def test_md_is_markdown() -> None:
    assert words.resolve(words.FORMATS, "md") == "markdown"


@pytest.mark.parametrize("args", [*every_listing(), ["map"]], ids=lambda a: a[0])
def test_every_command_takes_md_for_markdown(run, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    markdown = run(*args, "-f", "markdown")
    assert markdown.code == 0 and markdown.out.startswith(("#", "|")), markdown.err
    for alias in ("md", "MD"):
        assert run(*args, "-f", alias) == markdown
        assert run(*args, f"--format={alias}") == markdown


def test_medcoop_format_takes_md(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    markdown = run("awards", "-f", "markdown")
    monkeypatch.setenv("MEDCOOP_FORMAT", "md")
    assert run("awards") == markdown


def test_an_unknown_format_still_lists_the_formats(run) -> None:  # type: ignore[no-untyped-def]
    result = run("awards", "-f", "mdx")
    assert result.code == 2
    assert result.err == (
        "medcoop: error: unknown format 'mdx': choose one of table, csv, tsv, json, jsonl, markdown, html, xlsx\n"
    )
