"""Hostile arguments and a hostile dataset: nothing crashes, nothing is interpreted, nothing is lost."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medcoop import cli

from .conftest import TINY

HOSTILE = [
    "[bold]bold?[/]",
    "[/]",
    "[link=http://example.invalid]link?[/link]",
    ":warning: :smile:",
    "<script>alert(1)</script> &amp; <b>b</b>",
    "[click](javascript:alert(1)) ![img](http://example.invalid/x.png)",
    "*emphasis* _under_ **strong** `code` ~~gone~~ <https://example.invalid>",
    "\u202eevil\u202c \u2066iso\u2069",
    '=HYPERLINK("http://example.invalid","x")',
    "+57 300",
    "@SUM(1)",
    "-2+3",
    "tab\there",
    "line\nbreak",
    "back\\slash | pipe",
    "ñ · 😀 \u00a0nbsp",
    "L" * 3000,
]
"""Text a dataset may hold, however it looks: every output shows it literally."""
REFUSED = [
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;http://example.invalid\x07osc\x1b]8;;\x07",
    "\x9b2Jc1\x85nel",
    "cr\r\nlf",
    "\x07bell",
    "nul\x00",
    "del\x7f",
    "\x08backspace",
    "non\uffffcharacter",
    "non\ufdd0character",
    "non\U0010fffecharacter",
]
"""Text a dataset may not hold: control characters but newline and tab (a terminal runs them),
non-characters (they make SVG and HTML malformed). Refused when the file is read."""
BIG = 2**63 - 1


def _run(args: list[str]) -> tuple[int, bytes, bytes]:
    out, err = io.BytesIO(), io.BytesIO()
    out_text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    err_text = io.TextIOWrapper(err, encoding="utf-8", newline="")
    with contextlib.redirect_stdout(out_text), contextlib.redirect_stderr(err_text):
        code = cli.main(args)
        out_text.flush()
        err_text.flush()
    return int(code), out.getvalue(), err.getvalue()


# --------------------------------------------------------------------------- fuzzed arguments

COMMANDS = [
    "summary",
    "country",
    "countries",
    "awards",
    "actions",
    "events",
    "visitors",
    "partners",
    "partner",
    "years",
    "search",
    "validate",
]
OPTIONS = [
    "-f",
    "--format",
    "--year",
    "-y",
    "--data",
    "--cite",
    "--no-color",
    "--excel",
    "--country",
    "--partner",
    "--modality",
    "--help",
    "--version",
    "-V",
    "-h",
]
VALUES = [
    "csv",
    "tsv",
    "json",
    "jsonl",
    "markdown",
    "html",
    "table",
    "xml",
    "2016",
    "2016-2018",
    "2019",
    "1999-2000",
    "Korea",
    "kor",
    "Corea",
    "Japan",
    "Xyzzy",
    "IDB",
    "unesco",
    str(TINY),
    "/dev/zero",
    "/nonexistent",
    ".",
]
TOKENS = [
    "[/]",
    "[bold]",
    "\x1b[2J",
    "\x1b]0;title\x07",
    "--",
    "-",
    "",
    " ",
    "x" * 10_000,
    "\u202e",
    "\x00",
    "é",
    "🙂",
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "%s%n",
    "$(true)",
]
argument = st.one_of(
    st.sampled_from(COMMANDS),
    st.sampled_from(OPTIONS),
    st.sampled_from(VALUES),
    st.sampled_from(TOKENS),
    st.text(max_size=20),
)
EXAMPLES = int(os.environ.get("MEDCOOP_FUZZ_EXAMPLES", "300"))


@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(args=st.lists(argument, max_size=6))
def test_fuzzed_arguments_never_crash(args: list[str], tmp_path: Path) -> None:
    args = [a.replace("\x00", "") for a in args]  # argv cannot hold NUL bytes
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        code, _, err = _run(args)
    finally:
        os.chdir(cwd)
    assert code in (0, 1, 2), (args, code, err)
    assert b"Traceback" not in err and b"internal error" not in err, (args, err)
    if code:
        assert err.count(b"\n") == 1, (args, err)


# --------------------------------------------------------------------------- hostile dataset


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = json.loads(TINY.read_text(encoding="utf-8"))
    data["metrics"][0]["note"] = "\n".join(HOSTILE)
    data["metrics"] += [
        dict(data["metrics"][0], id=f"hostile-{i}", label=text, note=text, restates=None)
        for i, text in enumerate(HOSTILE)
    ]
    data["metrics"][0]["value"] = BIG
    # values the report prints, the amount too, stand in their quote (validate)
    details = f"{HOSTILE[4]} {HOSTILE[0]} mobility, USD {BIG:,}"
    data["actions"][0].update(summary=HOSTILE[8], details=details, modality=HOSTILE[0], amount_usd=BIG)
    data["actions"][0]["source"]["quote"] = f"South Korea: {details}"
    data["awards"][0].update(recipient=HOSTILE[5], note=HOSTILE[6], name=HOSTILE[3])
    data["awards"][0]["source"]["quote"] = f"{HOSTILE[5]} won {HOSTILE[3]} in 2016"  # a stated year
    data["visitors"][0].update(name=HOSTILE[7], title=HOSTILE[13], city=None, country_basis="editorial")
    data["visitors"][0]["source"]["quote"] = f"{HOSTILE[13]}, {HOSTILE[7]}"
    data["events"][0].update(name=HOSTILE[1], participation=HOSTILE[12])
    data["events"][0]["source"]["quote"] = f"{HOSTILE[1]} (Korea)"
    path = tmp_path_factory.mktemp("hostile") / "hostile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


LISTINGS = [
    ["summary"],
    ["awards"],
    ["actions"],
    ["events"],
    ["visitors"],
    ["country", "Korea"],
    ["partners"],
    ["years"],
    ["search", "e"],
]


def _machine_rows(fmt: str, out: bytes) -> list[dict[str, object]]:
    text = out.decode("utf-8")
    if fmt == "json":
        return json.loads(text)  # type: ignore[no-any-return]
    if fmt == "jsonl":
        return [json.loads(line) for line in text.split("\n") if line]
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter="," if fmt == "csv" else "\t"))


def _csv_cell(value: object) -> str:
    """A JSON value as its CSV cell: a list joined with '; ', null empty."""
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else str(value)


@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: " ".join(a))
def test_machine_formats_round_trip_hostile_values(hostile: Path, args: list[str]) -> None:
    code, out, _ = _run([*args, "--data", str(hostile), "-f", "json"])
    assert code == 0
    rows = json.loads(out)
    assert rows
    for fmt in ("csv", "tsv", "jsonl"):
        code, out, _ = _run([*args, "--data", str(hostile), "-f", fmt])
        assert code == 0  # CSV carries the data byte for byte, ESC included; JSON escapes it
        got = _machine_rows(fmt, out)
        if fmt == "jsonl":
            assert got == rows
        else:
            assert got == [{k: _csv_cell(v) for k, v in row.items()} for row in rows]


def test_hostile_values_are_in_the_json_exactly(hostile: Path) -> None:
    rows = json.loads(_run(["summary", "--data", str(hostile), "-f", "json"])[1])
    assert [r["what"] for r in rows[3:]] == HOSTILE
    assert rows[0]["value"] == BIG
    awards = json.loads(_run(["awards", "--data", str(hostile), "-f", "json"])[1])
    assert (awards[0]["recipient"], awards[0]["note"], awards[0]["name"]) == (HOSTILE[5], HOSTILE[6], HOSTILE[3])
    actions = json.loads(_run(["actions", "--data", str(hostile), "-f", "json"])[1])
    assert actions[0]["amount_usd"] == BIG and actions[0]["summary"] == HOSTILE[8]


@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: " ".join(a))
@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_human_formats_show_hostile_text_literally(hostile: Path, args: list[str], fmt: str) -> None:
    code, out, err = _run([*args, "--data", str(hostile), "-f", fmt])
    assert code == 0, err
    for byte in (b"\x1b", b"\x07", b"\x9b".decode("latin-1").encode("utf-8"), "\u202e".encode()):
        assert byte not in out, (byte, fmt)


def test_table_shows_markup_and_controls_as_text(hostile: Path) -> None:
    out = _run(["summary", "--data", str(hostile)])[1].decode("utf-8")
    for literal in (
        "[bold]bold?[/]",
        "[/]",
        "[link=http://example.invalid]link?[/link]",
        ":warning: :smile:",
        "[click](javascript:alert(1))",
        "\\u202eevil\\u202c",
        '=HYPERLINK("http://example.invalid","x")',
        "L" * 3000,
        "9,223,372,036,854,775,807",
    ):
        assert literal in out, literal
    assert "⚠" not in out and "😄" not in out


def test_excel_csv(hostile: Path) -> None:
    code, out, _ = _run(["awards", "--data", str(hostile), "-f", "csv", "--excel"])
    assert code == 0
    assert out.startswith("\ufeff".encode()) and b"\r\n" in out
    rows = list(csv.DictReader(io.StringIO(out.decode("utf-8-sig"), newline="")))
    assert rows[0]["year"] == "2016"
    actions = _run(["actions", "--data", str(hostile), "-f", "csv", "--excel"])[1].decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(actions, newline="")))
    assert row["summary"] == "'" + HOSTILE[8]
    assert row["amount_usd"] == str(BIG)  # numbers untouched
    summary = _run(["summary", "--data", str(hostile), "-f", "csv", "--excel"])[1].decode("utf-8-sig")
    whats = [r["what"] for r in csv.DictReader(io.StringIO(summary, newline=""))]
    assert "'+57 300" in whats and "'@SUM(1)" in whats and "'-2+3" in whats and "'tab\there" not in whats
    plain = _run(["actions", "--data", str(hostile), "-f", "csv"])[1].decode("utf-8")
    assert next(csv.DictReader(io.StringIO(plain, newline="")))["summary"] == HOSTILE[8]


def test_messages_escape_controls(hostile: Path) -> None:
    code, _, err = _run(["country", "\x1b[2J\x07evil", "--data", str(hostile)])
    assert code == 2 and b"\x1b" not in err and b"\x07" not in err and b"\\x1b[2J" in err


# --------------------------------------------------------------------------- refused text


def _refused_dataset(folder: Path, text: str, *, ascii_only: bool) -> Path:
    data = json.loads(TINY.read_text(encoding="utf-8"))
    data["metrics"][0]["note"] = f"before {text} after"
    path = folder / f"refused-{ascii_only}.json"
    path.write_text(json.dumps(data, ensure_ascii=ascii_only), encoding="utf-8")
    return path


@pytest.mark.parametrize("ascii_only", [True, False], ids=["escaped", "raw"])
@pytest.mark.parametrize("text", REFUSED, ids=repr)
def test_control_characters_and_non_characters_in_the_data_are_refused(
    tmp_path: Path, text: str, ascii_only: bool
) -> None:
    """One rule, on load: no text of a dataset holds a control character but newline and tab,
    or a non-character, written raw or as a JSON escape (validate says the same)."""
    path = _refused_dataset(tmp_path, text, ascii_only=ascii_only)
    refused = next(c for c in text if c not in "\n\t" and (not c.isprintable() or ord(c) in (0xFFFF, 0xFDD0)))
    for args in (["summary", "-f", "csv"], ["validate", str(path)]):
        code, out, err = _run([*args, "--data", str(path)])
        assert code == 1 and out == b"", (args, err)
        line = err.decode("utf-8")
        assert line.count("\n") == 1 and f"U+{ord(refused):04X} at offset " in line, line
        assert "may not hold control characters (but newline and tab) or Unicode non-characters" in line
        assert not any(c in line for c in REFUSED)


def test_refused_text_is_refused_by_every_listing(tmp_path: Path) -> None:
    from .conftest import every_listing

    path = _refused_dataset(tmp_path, REFUSED[0], ascii_only=True)
    for args in every_listing():
        for fmt in ("csv", "tsv", "table"):
            code, out, err = _run([*args, "--data", str(path), "-f", fmt])
            assert (code, out) == (1, b""), (args, fmt, err)
            assert b"U+001B at offset" in err and b"\x1b" not in err


def test_escaped_backslashes_are_not_refused() -> None:
    """'\\u001b' written as text (an escaped backslash, then u001b) is six characters, not ESC;
    an emoji written as a surrogate pair is text."""
    from medcoop.dataset import _refused_character

    for clean in (b'"\\\\u001b \\\\b \\\\\\\\r \\ud83d\\ude00 \\u00e1 \\n \\t"', '"¿ñ😀 »"'.encode()):
        assert _refused_character(clean) is None, clean
    for dirty, char in ((b'"\\\\\\u001b"', "U+001B at offset 3"), (b'"\\ud83f\\udfff"', "U+1FFFF at offset 1")):
        assert char in (_refused_character(dirty) or ""), dirty


@pytest.mark.parametrize("args", LISTINGS, ids=lambda a: " ".join(a))
def test_markdown_syntax_from_the_data_is_printed_literally(hostile: Path, args: list[str]) -> None:
    """A link, an image, emphasis or code from the data is text in -f markdown: a CommonMark
    parser (with GitHub's tables and strikethrough) finds no link, image, emphasis, code or HTML."""
    from markdown_it import MarkdownIt

    code, out, err = _run([*args, "--data", str(hostile), "-f", "markdown"])
    assert code == 0, err
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    live = {"link_open", "image", "em_open", "strong_open", "code_inline", "s_open", "html_inline", "html_block"}
    tokens = parser.parse(out.decode("utf-8"))
    every = [*tokens, *(c for t in tokens for c in (t.children or []))]
    found = {t.type for t in every if t.content != "<br>"}  # medcoop's own line break in a cell
    assert not found & live, found & live


def test_markdown_shows_the_data_as_it_is(hostile: Path) -> None:
    from html import unescape

    from markdown_it import MarkdownIt

    out = _run(["summary", "--data", str(hostile), "-f", "markdown"])[1].decode("utf-8")
    text = unescape(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(out))
    for value in HOSTILE[:12]:
        if value.isprintable():
            assert value in text, value
