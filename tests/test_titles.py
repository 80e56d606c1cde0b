"""Titles of the table view: never broken inside a word. In a pipe or a file a title is one whole
line, however narrow its table; on a terminal narrower than it, it wraps at spaces only."""

from __future__ import annotations

import pytest

from medcoop import cli, columns, dataset
from medcoop.cells import Terminal
from medcoop.view import Table

from .test_tables import ARGS, _own_args

SQL = ["sql", "SELECT 1 AS n"]


def _titles(listing: str) -> list[str]:
    """The titles of a listing's tables (its own and the extra ones it draws), and the lines
    that open a listing without a title (a country's names)."""
    view = cli.LISTINGS[listing](dataset.load(), **_own_args(listing))
    return [*view.preface, *(t.title for t in (view.table, *view.extras) if isinstance(t, Table) and t.title)]


def _narrowest(listing: str) -> list[str]:
    """-c with the listing's first default column: a table narrower than its title."""
    return [*ARGS[listing], "-c", columns.DEFAULT_COLUMNS[listing][0]]


def _cases() -> list[tuple[list[str], list[str]]]:
    cases = [(_narrowest(listing), _titles(listing)) for listing in sorted(ARGS)]
    return [*cases, (SQL, ["SQL result"])]


CASES = _cases()


def test_the_cases_have_titles() -> None:
    """Every listing has a title or opens with a line of names (country, partner)."""
    assert [args[0] for args, titles in CASES if not titles] == []


@pytest.mark.parametrize(("args", "titles"), CASES, ids=lambda a: " ".join(a) if a and isinstance(a[0], str) else "")
def test_in_a_pipe_a_title_is_a_whole_line(run, args: list[str], titles: list[str]) -> None:  # type: ignore[no-untyped-def]
    lines = [line.strip() for line in run(*args).out.splitlines()]
    for title in titles:
        assert title in lines, f"{title!r} is not a line of medcoop {' '.join(args)}"


@pytest.mark.parametrize("width", [40, 80])
@pytest.mark.parametrize(("args", "titles"), CASES, ids=lambda a: " ".join(a) if a and isinstance(a[0], str) else "")
def test_on_a_terminal_a_title_wraps_at_spaces_only(
    run, monkeypatch: pytest.MonkeyPatch, args: list[str], titles: list[str], width: int
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(cli.output, "terminal", lambda no_color: Terminal(is_tty=True, width=width, height=1000))
    out = run(*args).out
    words = " ".join(line.strip() for line in out.splitlines())
    lines = [line.strip() for line in out.splitlines()]
    for title in titles:
        assert title in words, f"{title!r} broken inside a word by medcoop {' '.join(args)}:\n{out}"
        assert len(title) > width or title in lines, f"{title!r} fits the terminal, yet is wrapped:\n{out}"
    assert max(map(len, out.splitlines())) <= width


def test_a_title_wider_than_the_terminal_wraps_between_words(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(cli.output, "terminal", lambda no_color: Terminal(is_tty=True, width=40, height=1000))
    text = "medellin lab living laboratory innovation city"
    out = run("search", text, "-c", "kind").out.splitlines()
    title = f"Records matching {text!r}"
    assert out[0] == "Records matching 'medellin lab living"
    assert " ".join(out[:2]) == title and max(map(len, out)) <= 40


def test_a_title_stands_at_the_left_of_its_table(run) -> None:  # type: ignore[no-untyped-def]
    """As `gh` and `kubectl` print theirs: not centred 76 columns in over a wide table."""
    out = run("sql", "SELECT 'a long enough cell to have been centred over' AS n").out.splitlines()
    assert out[0] == "SQL result" and out[1] == "n" and set(out[2]) == {"─"}


def test_an_empty_tables_note_is_whole_too(run) -> None:  # type: ignore[no-untyped-def]
    out = run("search", "no such text anywhere", "-c", "kind").out.splitlines()
    assert "No record contains 'no such text anywhere'." in [line.strip() for line in out]
    out = run("awards", "--year", "2017", "-c", "name").out.splitlines()
    assert "No rows." in [line.strip() for line in out]


# --------------------------------------------------------------------------- echoed text, shortened

LONG_TEXTS = {"one word": "x" * 100_000, "many words": "xyz " * 25_000}


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "csv", "tsv", "json", "jsonl"])
@pytest.mark.parametrize("kind", sorted(LONG_TEXTS))
def test_a_long_search_text_is_shortened_where_it_is_echoed(run, fmt: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    """The title echoes the search text; it is shortened as an error message would be."""
    result = run("search", LONG_TEXTS[kind], "-f", fmt)
    assert result.code == 0, result.err
    # HTML echoes it three times: title, caption and the sentence that no record contains it
    assert len(result.out) < 4_000 and len(result.err) < 1_100
    if fmt in ("table", "markdown", "html"):  # Markdown writes its bracket escaped: \] shows as ]
        assert ("more characters\\]" if fmt == "markdown" else "more characters]") in result.out


def test_a_long_search_text_is_shortened_in_a_picture(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    picture = tmp_path / "search.svg"
    assert run("search", LONG_TEXTS["one word"], "-f", "csv", "--svg", str(picture)).code == 0
    assert picture.stat().st_size < 30_000  # the whole text made 833 lines of 120 columns


@pytest.mark.parametrize("listing", sorted(ARGS))
def test_the_reports_own_titles_are_never_shortened(listing: str) -> None:
    """brief() shortens only what no title or preface of the report comes near."""
    from medcoop.cells import brief

    view = cli.LISTINGS[listing](dataset.load(), **_own_args(listing))
    texts = [*view.preface, *(t.title for t in (view.table, *view.extras) if t.title)]
    assert all(brief(text) == text for text in texts)


def test_messages_and_titles_are_shortened_alike(run) -> None:  # type: ignore[no-untyped-def]
    """One helper: the title of a search and the error for a country of the same text cut it the same way."""
    long = "Ab" * 50_000
    title = run("search", long).out.splitlines()[0]
    error = run("country", long).err
    shortened = title[len("Records matching '") : -1]
    assert "more characters]" in shortened and shortened in error
