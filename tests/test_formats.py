"""medcoop.render, format by format, on small tables built here: what each format promises
(raw values in CSV/TSV/JSON, one table per page in HTML, a GitHub table in Markdown), with
expected text worked out by hand from the format's rules. Written to kill the mutants that
survived a mutmut run on render.py (tests/mutation/render.md)."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest

from medcoop import render
from medcoop.cells import Terminal
from medcoop.formats import Format
from medcoop.view import Column, Row, Table, View

COLUMNS = (
    Column("id", "Id"),
    Column("amount_usd", "Amount", "usd"),
    Column("countries", "Countries"),
    Column("note", "Note †"),
)
ROWS: list[Row] = [
    {"id": "a-1", "amount_usd": 2_500_000, "countries": ["KR", "JP"], "note": "Medellín", "hidden": "x"},
    {"id": "b-2", "amount_usd": None, "countries": [], "note": None},
]


def _table(rows: list[Row] | None = None, **kw: object) -> Table:
    return Table(columns=COLUMNS, rows=ROWS if rows is None else rows, **kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- CSV and TSV


def test_csv_holds_raw_values_in_column_order_and_nothing_else() -> None:
    # a list joined with "; ", None empty, an int as digits, a key outside the columns dropped
    assert render.machine(_table(), Format.csv) == (
        "id,amount_usd,countries,note\na-1,2500000,KR; JP,Medellín\nb-2,,,\n"
    )


def test_tsv_is_tab_delimited() -> None:
    assert render.machine(_table(), Format.tsv) == (
        "id\tamount_usd\tcountries\tnote\na-1\t2500000\tKR; JP\tMedellín\nb-2\t\t\t\n"
    )


def test_csv_quotes_what_needs_quoting() -> None:
    rows: list[Row] = [{"id": 'say "hi", then go', "amount_usd": 1, "countries": ["a,b"], "note": "two\nlines"}]
    text = render.machine(_table(rows), Format.csv)
    assert text == 'id,amount_usd,countries,note\n"say ""hi"", then go",1,"a,b","two\nlines"\n'
    assert list(csv.reader(io.StringIO(text)))[1] == ['say "hi", then go', "1", "a,b", "two\nlines"]


def test_excel_csv_has_a_bom_crlf_lines_and_defused_formulas() -> None:
    rows: list[Row] = [
        {"id": "=1+1", "amount_usd": -5, "countries": ["@x", "y"], "note": "+33"},
        {"id": "-2", "amount_usd": 0, "countries": ["\tz"], "note": "ok = fine"},
        {"id": "\rq", "amount_usd": None, "countries": None, "note": None},
    ]
    text = render.machine(_table(rows), Format.csv, excel=True)
    assert text.startswith("\ufeffid,") and text.count("\ufeff") == 1
    assert text.split("\r\n") == [
        "\ufeffid,amount_usd,countries,note",
        "'=1+1,-5,'@x; y,'+33",  # a number stays a number, even a negative one
        "'-2,0,'\tz,ok = fine",
        '"\'\rq",,,',
        "",
    ]


def test_plain_csv_has_no_bom_and_no_apostrophes() -> None:
    rows: list[Row] = [{"id": "=1+1", "amount_usd": -5, "countries": ["@x"], "note": "+33"}]
    assert render.machine(_table(rows), Format.csv) == "id,amount_usd,countries,note\n=1+1,-5,@x,+33\n"


def test_excel_tsv_too() -> None:
    rows: list[Row] = [{"id": "=A1", "amount_usd": 7, "countries": [], "note": "x"}]
    assert render.machine(_table(rows), Format.tsv, excel=True) == (
        "\ufeffid\tamount_usd\tcountries\tnote\r\n'=A1\t7\t\tx\r\n"
    )


def test_a_table_without_rows_is_its_header() -> None:
    assert render.machine(_table([]), Format.csv) == "id,amount_usd,countries,note\n"
    assert render.machine(_table([]), Format.csv, excel=True) == "\ufeffid,amount_usd,countries,note\r\n"
    assert render.machine(_table([]), Format.json) == "[]\n"
    assert render.machine(_table([]), Format.jsonl) == ""


# --------------------------------------------------------------------------- JSON


def test_json_is_an_indented_array_of_raw_records() -> None:
    text = render.machine(_table(), Format.json)
    assert text == (
        "[\n"
        "  {\n"
        '    "id": "a-1",\n'
        '    "amount_usd": 2500000,\n'
        '    "countries": [\n'
        '      "KR",\n'
        '      "JP"\n'
        "    ],\n"
        '    "note": "Medellín"\n'
        "  },\n"
        "  {\n"
        '    "id": "b-2",\n'
        '    "amount_usd": null,\n'
        '    "countries": [],\n'
        '    "note": null\n'
        "  }\n"
        "]\n"
    )


def test_json_lines_is_one_compact_record_a_line() -> None:
    assert render.machine(_table(), Format.jsonl) == (
        '{"id": "a-1", "amount_usd": 2500000, "countries": ["KR", "JP"], "note": "Medellín"}\n'
        '{"id": "b-2", "amount_usd": null, "countries": [], "note": null}\n'
    )


@pytest.mark.parametrize("fmt", [Format.table, Format.markdown, Format.html, Format.xlsx])
def test_machine_refuses_formats_for_people(fmt: Format) -> None:
    with pytest.raises(ValueError, match=f"^not a machine format: {fmt}$"):
        render.machine(_table(), fmt)


# --------------------------------------------------------------------------- streaming


BATCHES = [ROWS[:1], [], ROWS[1:], ROWS]


@pytest.mark.parametrize(
    ("fmt", "excel"),
    [(Format.csv, False), (Format.csv, True), (Format.tsv, False), (Format.tsv, True), (Format.jsonl, False)],
)
def test_streamed_text_is_machine_text_in_chunks(fmt: Format, excel: bool) -> None:
    chunks = list(render.stream(COLUMNS, iter(BATCHES), fmt, excel=excel))
    whole = render.machine(_table([*ROWS[:1], *ROWS[1:], *ROWS]), fmt, excel=excel)
    assert "".join(chunks) == whole
    assert len(chunks) == len(BATCHES)  # a chunk per batch, as it comes
    assert "".join(chunks).count("\ufeff") == (1 if excel else 0)


def test_stream_chunks_are_the_rows_of_their_batch() -> None:
    chunks = list(render.stream(COLUMNS, [ROWS[:1], ROWS[1:]], Format.csv))
    assert chunks == ["id,amount_usd,countries,note\na-1,2500000,KR; JP,Medellín\n", "b-2,,,\n"]
    assert list(render.stream(COLUMNS, [ROWS[1:]], Format.jsonl)) == [
        '{"id": "b-2", "amount_usd": null, "countries": [], "note": null}\n'
    ]


def test_stream_without_batches_is_the_header_alone() -> None:
    assert list(render.stream(COLUMNS, [], Format.csv)) == ["id,amount_usd,countries,note\n"]
    assert list(render.stream(COLUMNS, [], Format.tsv, excel=True)) == ["\ufeffid\tamount_usd\tcountries\tnote\r\n"]
    assert list(render.stream(COLUMNS, [], Format.jsonl)) == []


@pytest.mark.parametrize("fmt", [Format.json, Format.markdown, Format.table])
def test_stream_refuses_formats_it_cannot_stream(fmt: Format) -> None:
    with pytest.raises(ValueError, match=f"^not a streamed format: {fmt}$"):
        list(render.stream(COLUMNS, [ROWS], fmt))


# --------------------------------------------------------------------------- Markdown


def test_markdown_is_a_github_table_under_its_heading() -> None:
    # headed as the table view heads them; width of a column: its longest cell, at least its
    # header + 2 (tabulate's padding)
    table = Table(
        columns=(Column("id", "Id"), Column("n", "N", "int"), Column("note", "Note †")),
        rows=[{"id": "007", "n": 1500, "note": "x"}, {"id": "b", "n": None, "note": "long words"}],
        legend=("† the editors' words",),
    )
    assert render.markdown(table, "Some <title>") == (
        "## Some &lt;title&gt;\n"
        "\n"
        "| Id   | N     | Note †     |\n"
        "|------|-------|------------|\n"
        "| 007  | 1,500 | x          |\n"
        "| b    |       | long words |\n"
        "\n"
        "† the editors' words\n"
    )


def test_markdown_legend_lines_are_paragraphs() -> None:
    table = Table(columns=(Column("id", "Id"),), rows=[{"id": "x"}], legend=("one | 1", "two"))
    assert render.markdown(table).endswith("| x    |\n\none \\| 1\n\ntwo\n")


def test_markdown_without_a_title_has_no_heading() -> None:
    table = Table(columns=(Column("id", "Id"),), rows=[{"id": "x"}])
    assert render.markdown(table) == "| Id   |\n|------|\n| x    |\n"
    assert render.markdown(table, "") == "| Id   |\n|------|\n| x    |\n"


def test_markdown_cells_escape_what_would_break_the_table() -> None:
    # HTML escaped except quotes; backslashes doubled before pipes are escaped; newlines as <br>;
    # control characters shown as escapes
    table = Table(columns=(Column("t", "T"),), rows=[{"t": "a|b\\c \"q\" 's' <i>&\nnext\x1b"}])
    cell = "a\\|b\\\\c \"q\" 's' &lt;i&gt;&amp;<br>next\\\\x1b"
    assert render.markdown(table) == f"| T{' ' * (len(cell) - 1)} |\n|{'-' * (len(cell) + 2)}|\n| {cell} |\n"


def test_markdown_pads_cells_up_to_the_limit_and_not_past_it() -> None:
    limit = render.MARKDOWN_ALIGNED_UP_TO
    columns = (Column("a", "A"), Column("b", "B"))
    at = render.markdown(Table(columns=columns, rows=[{"a": "x" * limit, "b": "y"}, {"a": "z", "b": "w"}]))
    assert at.splitlines()[3] == "| z" + " " * (limit - 1) + " | w   |"
    past = Table(columns=columns, rows=[{"a": "x" * (limit + 1), "b": "y"}, {"a": "z", "b": "w"}], legend=("L",))
    assert render.markdown(past, "T") == (
        f"## T\n\n| A | B |\n| --- | --- |\n| {'x' * (limit + 1)} | y |\n| z | w |\n\nL\n"
    )


# --------------------------------------------------------------------------- HTML


BR = "\u2424"
"""How _Page shows a <br> in an element's text (a newline in the source stays a newline)."""


class _Page(HTMLParser):
    """The parts of a page: its declaration, elements with their attributes and text (a <br>
    as BR), and any text that stands outside an element that holds text."""

    TEXT_TAGS = ("title", "style", "caption", "th", "td", "p")
    VOID = ("meta", "br")

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.decl = ""
        self.open: list[int] = []  # indices in elements
        self.elements: list[tuple[str, dict[str, str | None], str]] = []
        self.stray = ""
        self.feed(page)
        self.close()

    def handle_decl(self, decl: str) -> None:
        self.decl = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.handle_data(BR)
            return
        self.elements.append((tag, dict(attrs), ""))
        if tag not in self.VOID:
            self.open.append(len(self.elements) - 1)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.elements[self.open.pop()][0] == tag, tag

    def handle_data(self, data: str) -> None:
        if self.open and self.elements[self.open[-1]][0] in self.TEXT_TAGS:
            tag, attrs, text = self.elements[self.open[-1]]
            self.elements[self.open[-1]] = (tag, attrs, text + data)
        else:
            self.stray += data

    def texts(self, tag: str) -> list[str]:
        return [text for t, _, text in self.elements if t == tag]

    def attrs(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a, _ in self.elements if t == tag]


def _lower(attrs: dict[str, str | None]) -> dict[str, str]:
    """Attribute values compared as HTML compares these (lang, charset, viewport): ignoring case."""
    return {k: (v or "").lower() for k, v in attrs.items()}


def _html_table() -> Table:
    return Table(
        columns=(
            Column("id", "Id"),
            Column("n", "N", "int"),
            Column("name", "Name <b>"),
            Column("code", "Code"),
            Column("lines", "Lines"),
        ),
        rows=[
            {"id": "a-1", "n": 1500, "name": "Ruta N", "code": "KR", "lines": "one\ntwo"},
            {"id": "b-2", "n": 2, "name": "<script>&", "code": "JP", "lines": "x"},
        ],
        legend=("† the <editors'> words", "N: a number"),
    )


def test_html_is_one_complete_page_with_one_table() -> None:
    page = _Page(render.html_page(_html_table(), "Partners & <friends>"))
    assert page.decl.lower() == "doctype html"
    assert page.open == []  # every element closed, in order
    assert page.stray.strip() == ""  # no text outside the elements that hold text
    assert [t for t, _, _ in page.elements][:4] == ["html", "head", "meta", "meta"]
    assert [_lower(a) for a in page.attrs("html")] == [{"lang": "en"}]
    assert _lower(page.attrs("meta")[0]) == {"charset": "utf-8"}
    assert _lower(page.attrs("meta")[1]) == {"name": "viewport", "content": "width=device-width, initial-scale=1"}
    assert page.texts("title") == page.texts("caption") == ["Partners & <friends>"]
    assert [t for t, _, _ in page.elements].count("table") == 1
    assert page.texts("th") == ["Id", "N", "Name <b>", "Code", "Lines"]
    assert page.texts("td") == ["a-1", "1,500", "Ruta N", "KR", f"one{BR}two", "b-2", "2", "<script>&", "JP", "x"]
    assert len(page.texts("tr")) == 3  # the header's and one per row
    assert page.texts("p") == ["† the <editors'> words", "N: a number"]


def test_html_classes_keep_numbers_and_single_words_whole() -> None:
    page = _Page(render.html_page(_html_table(), "T"))
    classes = [a.get("class") for a in page.attrs("td")]
    # numbers right-aligned; ids and codes (no space, no newline in any cell) kept on one line;
    # a column with a space or a line break in some cell may wrap
    assert classes == ["word", "num", None, "word", None] * 2
    assert page.attrs("th") == [{}] * 5
    css = page.texts("style")[0]
    rules = dict(re.findall(r"([^{}]+)\{([^{}]*)\}", css))
    assert "".join(f"{s}{{{d}}}" for s, d in rules.items()) == css  # nothing but rules
    assert "text-align:right" in rules["td.num"].split(";")
    assert "white-space:nowrap" in rules["td.num,td.word"].split(";")


def test_html_columns_that_may_wrap() -> None:
    def classes(texts: list[str]) -> list[str | None]:
        table = Table(columns=(Column("t", "T"),), rows=[{"t": t} for t in texts])
        return [a.get("class") for a in _Page(render.html_page(table, "T")).attrs("td")]

    assert classes(["a b", "c"]) == [None, None]  # a space in one cell
    assert classes(["a\nb", "c"]) == [None, None]  # a line break in one cell
    assert classes(["ab", "c"]) == ["word", "word"]


def test_html_shows_control_characters_as_escapes() -> None:
    table = Table(columns=(Column("t", "T\x1b"),), rows=[{"t": "a\x07b"}], legend=("l\x1b",))
    page = _Page(render.html_page(table, "T"))
    assert page.texts("th") == ["T\\x1b"]
    assert page.texts("td") == ["a\\x07b"]
    assert page.texts("p") == ["l\\x1b"]


def test_html_without_rows_or_legend() -> None:
    """No row: the page says so in a sentence (the table's empty note), as the table view does."""
    page = _Page(render.html_page(Table(columns=(Column("t", "T"),), rows=[]), "Empty"))
    assert page.texts("th") == ["T"] and page.texts("td") == [] and page.texts("p") == ["No rows."]
    noted = _Page(render.html_page(Table(columns=(Column("t", "T"),), rows=[], empty_note="None here."), "Empty"))
    assert noted.texts("p") == ["None here."]
    assert page.stray.strip() == "" and page.open == []


# --------------------------------------------------------------------------- titles and dispatch


def test_title_of_a_view() -> None:
    table = Table(columns=COLUMNS, rows=[])
    assert render.title_of(View(table=_table(title="Awards"), preface=("KR", "Korea"))) == "Awards"
    assert render.title_of(View(table=table, preface=("Korea (KR)", "Also: South Korea"))) == "Korea (KR)"
    assert render.title_of(View(table=table)) == "medcoop"


VIEW = View(table=_table(title="Things"), preface=("ignored",))


@pytest.mark.parametrize("fmt", [Format.csv, Format.tsv, Format.json, Format.jsonl])
def test_render_gives_machine_formats_the_rows_only(fmt: Format) -> None:
    assert render.render(VIEW, fmt, Terminal()) == render.machine(VIEW.table, fmt)
    assert render.render(VIEW, fmt, Terminal(), excel=True) == render.machine(VIEW.table, fmt, excel=True)


def test_render_excel_reaches_csv() -> None:
    assert render.render(VIEW, Format.csv, Terminal(), excel=True).startswith("\ufeffid,")
    assert render.render(VIEW, Format.csv, Terminal()).startswith("id,")


def test_render_titles_markdown_and_html() -> None:
    assert render.render(VIEW, Format.markdown, Terminal()) == render.markdown(VIEW.table, "Things")
    assert render.render(VIEW, Format.html, Terminal()) == render.html_page(VIEW.table, "Things")
    untitled = View(table=_table(), preface=("Korea (KR)",))
    assert render.render(untitled, Format.markdown, Terminal()).startswith("## Korea (KR)\n\n| Id ")
    assert "<title>Korea (KR)</title>" in render.render(untitled, Format.html, Terminal())


def test_render_draws_the_table_view_for_its_terminal() -> None:
    text = render.render(VIEW, Format.table, Terminal(width=200))
    lines = text.splitlines()
    assert lines[0] == "ignored"  # the preface, above the table
    assert any("Things" in line for line in lines)
    row = next(line for line in lines if "a-1" in line)
    assert "USD 2.5 million" in row and "KR; JP" in row and "Medellín" in row
    narrow = render.render(VIEW, Format.table, Terminal(is_tty=True, width=40))
    assert max(len(line) for line in narrow.splitlines()) <= 40 < max(len(line) for line in lines)
    assert json.loads(render.render(VIEW, Format.json, Terminal()))[0]["id"] == "a-1"
