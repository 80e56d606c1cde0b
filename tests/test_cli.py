"""Every command in every format, on the tiny fixture, with exact expected content.

The expected rows are written from tests/fixtures/tiny.json by hand.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest

from medcoop import __version__, columns
from medcoop.cli import build_app

from .conftest import ROOT, TINY

D = ("--data", str(TINY))

EXPECTED: dict[str, list[dict[str, object]]] = {
    "summary": [
        {
            "metric": "money",
            "what": "Money received",
            "value": 2500000,
            "unit": "USD",
            "qualifier": None,
            "period": "2016-2017",
            "restates": "a-2017-korea",
            "note": "From Korea",
            "editorial": ["what", "note"],  # a metric's label and note are the editors' words
        },
        {
            "metric": "delegates-2016",
            "what": "Delegates",
            "value": 1200,
            "unit": "delegates",
            "qualifier": "more than",
            "period": "2016",
            "restates": None,
            "note": None,
            "editorial": ["what"],
        },
        {
            "metric": "delegates-2017",
            "what": "Delegates",
            "value": 300,
            "unit": "delegates",
            "qualifier": None,
            "period": "2017",
            "restates": None,
            "note": None,
            "editorial": ["what"],
        },
    ],
    "country": [
        {
            "period": "2016",
            "role": "event's country (as printed with it)",
            "what": "Forum of Mayors",
            "details": "participation",
            "amount_usd": None,
            "restates": None,
            "how": "printed",  # "Forum of Mayors (Korea)"
            "editorial": ["details"],  # the event's name is printed; its participation is the editors' word
        },
        {
            "period": "2016-2017",
            "role": "headline figure",
            "what": "Money received",
            "details": "From Korea",
            "amount_usd": None,  # the action below counts it; this row restates it
            "restates": "a-2017-korea",
            "how": "derived",  # "In 2016-2017, 2.5 million dollars": the sentence does not print Korea
            "editorial": ["what", "details"],  # a metric's label and note
        },
        {
            "period": "2017",
            "role": "cooperation partner",
            "what": "Traffic centre",
            "details": "modality: financial; partners: Ministry of Land; A traffic centre, USD 2.5 million.",
            "amount_usd": 2500000,
            "restates": None,
            "how": "printed",  # "South Korea (financial, mobility): ..."
            "editorial": ["what"],  # the summary; the details are the report's passage
        },
        {
            "period": "2017",
            "role": "visitor's country",
            "what": "Jon Smiht (corrected: John Smith), Mayor of Seoul",
            "details": "press; country derived from the city printed (Seoul)",
            "amount_usd": None,
            "restates": None,
            "how": "derived from a city",  # "Mayor of Seoul"
            "editorial": ["what", "details"],  # the corrected name; the correction's basis
        },
    ],
    "countries": [
        {
            "a2": "KR",
            "a3": "KOR",
            "name_en": "South Korea",
            "name_es": "Corea del Sur",
            "printed_as": ["Korea"],
            "cooperation_actions": 1,
            "top_mission_sender": 0,
            "best_practice_partner": 0,
            "south_south_partner": 0,
            "events": 1,
            "visitors": 1,
            "headline_figures": 1,
            "named_in_sentence": 0,
            "mentions": 4,
            "mentions_printed": 2,  # the event and the action print Korea
            "mentions_derived": 2,  # the figure's sentence does not; the visitor's country is Seoul's
            "editorial": [],
            "roles": [
                "cooperation partner",
                "event's country (as printed with it)",
                "visitor's country",
                "headline figure",
            ],
        },
        {
            "a2": "GD",
            "a3": "GRD",
            "name_en": "Grenada",
            "name_es": "Granada",
            "printed_as": ["Granada"],
            "cooperation_actions": 0,
            "top_mission_sender": 0,
            "best_practice_partner": 0,
            "south_south_partner": 1,
            "events": 0,
            "visitors": 0,
            "headline_figures": 0,
            "named_in_sentence": 0,
            "mentions": 1,
            "mentions_printed": 1,  # "Granada"
            "mentions_derived": 0,
            "editorial": [],
            "roles": ["South-South partner"],
        },
    ],
    "awards": [
        {
            "year": 2016,
            "kind": "award",
            "name": "2016 Prize",
            "name_corrected": None,
            "awarding_body": "Inter-American Development Bank",
            "recipient": "The city",
            "note": None,
            "editorial": [],
        },
    ],
}
ARGS = {"summary": ["summary"], "country": ["country", "Korea"], "countries": ["countries"], "awards": ["awards"]}
FORMATS = ["table", "csv", "tsv", "json", "jsonl", "markdown"]


def _as_text(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else str(value)


def parse(fmt: str, out: str) -> list[dict[str, object]] | None:
    if fmt == "json":
        return json.loads(out)  # type: ignore[no-any-return]
    if fmt == "jsonl":
        return [json.loads(line) for line in out.splitlines()]
    if fmt in ("csv", "tsv"):
        return list(csv.DictReader(io.StringIO(out, newline=""), delimiter="," if fmt == "csv" else "\t"))
    return None


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", sorted(EXPECTED))
def test_every_command_in_every_format(run, command: str, fmt: str) -> None:  # type: ignore[no-untyped-def]
    wide = ["--wide"] if fmt == "table" else []  # the table view's every column (tests/test_tables.py: the default)
    result = run(*ARGS[command], *D, "-f", fmt, *wide)
    assert result.code == 0, result.err
    assert result.err == ""
    expected = EXPECTED[command]
    keys = list(expected[0])
    rows = parse(fmt, result.out)
    if fmt in ("json", "jsonl"):
        assert rows == expected
        assert all(list(r) == keys for r in rows or [])
    elif fmt in ("csv", "tsv"):
        assert rows == [{k: _as_text(v) for k, v in row.items()} for row in expected]
        assert result.out.splitlines()[0] == ("," if fmt == "csv" else "\t").join(keys)
        assert "\r" not in result.out
    elif fmt == "markdown":
        heading, blank, *lines = result.out.splitlines()
        assert heading.startswith("## ") and blank == ""  # what the table shows
        marked = [k for k in keys if k in columns.editorial_columns(command)]  # the editors' words, for people
        # headed as people read them: as the HTML page heads the same columns
        page = run(*ARGS[command], *D, "-f", "html", *wide).out
        heads = [html.unescape(h) for h in re.findall(r"<th>(.*?)</th>", page)]
        assert [c.strip() for c in lines[0].strip("|").split("|")] == heads
        assert [h.endswith(" †") for h in heads] == [k in marked for k in keys]
        legend = bool(marked) or any(row.get("editorial") for row in expected)  # marked headers or cells
        assert len(lines) == 2 + len(expected) + 2 * legend  # and the line that says what the mark means
        assert legend == (lines[-1] == columns.EDITORIAL_LEGEND)
    else:
        assert "\x1b" not in result.out
        for row in expected:
            for key, value in row.items():
                if isinstance(value, str):
                    assert value in result.out, (key, value)


def test_table_formats_amounts_and_counts_for_people(run) -> None:  # type: ignore[no-untyped-def]
    out = run("summary", *D).out
    assert "USD 2.5 million" in out and "1,200" in out and "2500000" not in out
    assert "more than 1,200" in out  # the qualifier folded into the value
    assert "Delegates per year" not in out and "Delegates per year" in run("summary", *D, "--wide").out


EXPECTED_AWARDS_TABLE = """\
Awards and mentions
Year  Kind   Name        Public-record name  Awarding body                    Recipient  Note †  Editorial
──────────────────────────────────────────────────────────────────────────────────────────────────────────
2016  award  2016 Prize                      Inter-American Development Bank  The city
† the editors' words, not the report's: --cite shows the sentence.

Counts stated in the report
Period  What the report counts
─────────────────────────────────────────
2016    3 awards, 1 named: the 2016 Prize
"""

EXPECTED_AWARDS_COMPACT = """\
Awards and mentions
Year  Kind   Name (Awarding body)                          Recipient
────────────────────────────────────────────────────────────────────
2016  award  2016 Prize (Inter-American Development Bank)  The city
Counts stated in the report: -w shows its 1 row
"""
"""The compact view: the awarding body folded after the award's name, the counts left to -w."""

EXPECTED_AWARDS_MARKDOWN = """\
## Awards and mentions

| Year   | Kind   | Name       | Public-record name   | Awarding body                   | Recipient   | Note †   | Editorial   |
|--------|--------|------------|----------------------|---------------------------------|-------------|----------|-------------|
| 2016   | award  | 2016 Prize |                      | Inter-American Development Bank | The city    |          |             |

† the editors' words, not the report's: --cite shows the sentence.
"""  # noqa: E501 - a Markdown table is as wide as it is


def test_awards_table_exact(run) -> None:  # type: ignore[no-untyped-def]
    assert run("awards", *D, "--wide").out == EXPECTED_AWARDS_TABLE
    assert run("awards", *D, "-w").out == EXPECTED_AWARDS_TABLE
    assert run("awards", *D).out == EXPECTED_AWARDS_COMPACT


def test_awards_markdown_exact(run) -> None:  # type: ignore[no-untyped-def]
    assert run("awards", *D, "-f", "markdown").out == EXPECTED_AWARDS_MARKDOWN


def test_summary_csv_exact(run) -> None:  # type: ignore[no-untyped-def]
    assert run("summary", *D, "-f", "csv").out == (
        "metric,what,value,unit,qualifier,period,restates,note,editorial\n"
        "money,Money received,2500000,USD,,2016-2017,a-2017-korea,From Korea,what; note\n"
        "delegates-2016,Delegates,1200,delegates,more than,2016,,,what\n"
        "delegates-2017,Delegates,300,delegates,,2017,,,what\n"
    )


@pytest.mark.parametrize(
    "name", ["Korea", "korea", "KOREA", "Corea del Sur", "corea", "KR", "kr", "KOR", "kor", "Sou", "Córea"]
)
def test_country_names_resolve_to_the_same_rows(run, name: str) -> None:  # type: ignore[no-untyped-def]
    assert run("country", name, *D, "-f", "json").out == run("country", "South Korea", *D, "-f", "json").out


def test_country_table_opens_with_names_and_codes(run) -> None:  # type: ignore[no-untyped-def]
    out = run("country", "Granada", *D).out
    assert out.splitlines()[0] == "Grenada · Granada · GD / GRD · in the report: Granada"


def test_near_miss_suggests(run) -> None:  # type: ignore[no-untyped-def]
    result = run("country", "Grenda", *D)
    assert result.code == 2 and result.out == ""
    assert result.err == "medcoop: error: unknown country 'Grenda'; did you mean 'Grenada'?\n"


def test_unknown_country_exits_2(run) -> None:  # type: ignore[no-untyped-def]
    result = run("country", "Xyzzy", *D)
    assert (result.code, result.out) == (2, "")
    assert result.err == "medcoop: error: unknown country 'Xyzzy'\n"


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_real_country_not_in_report_is_not_an_error(run, fmt: str) -> None:  # type: ignore[no-untyped-def]
    result = run("country", "Japan", *D, "-f", fmt)
    assert result.code == 0
    assert result.err == "medcoop: Japan (JP) is not mentioned in the report\n"
    header = "period,role,what,details,amount_usd,restates,how,editorial\n"
    assert result.out == {"csv": header, "json": "[]\n", "table": ""}[fmt]
    assert run("country", "Japón", *D, "-f", fmt).err == result.err


def test_ambiguous_prefix_exits_2(run) -> None:  # type: ignore[no-untyped-def]
    result = run("country", "Uni")  # the shipped dataset: United States, United Kingdom, United Mexican States
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "medcoop: error: country 'Uni' is ambiguous: it could be 'United States', 'United Kingdom' or 'Mexico'\n"
    )


def test_unique_prefix_works(run) -> None:  # type: ignore[no-untyped-def]
    assert run("country", "Gre", *D, "-f", "csv").out == run("country", "GD", *D, "-f", "csv").out


@pytest.mark.parametrize(
    ("year", "rows"), [("2016", 1), ("2017", 1), ("2016-2017", 3), ("2016 - 2016", 1), ("2017-2017", 1)]
)
def test_year_filter(run, year: str, rows: int) -> None:  # type: ignore[no-untyped-def]
    result = run("summary", *D, "--year", year, "-f", "json")
    assert result.code == 0 and len(json.loads(result.out)) == rows


@pytest.mark.parametrize("year", ["2015", "2018", "2016-2019", "20x6", "2017-2016", "", "2016-", "ninety"])
def test_bad_year_exits_2(run, year: str) -> None:  # type: ignore[no-untyped-def]
    result = run("awards", *D, "--year", year)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("medcoop: error: ") and result.err.count("\n") == 1


def test_empty_result_is_success(run) -> None:  # type: ignore[no-untyped-def]
    result = run("awards", *D, "--year", "2017", "-f", "csv")
    assert (result.code, result.out) == (0, "year,kind,name,name_corrected,awarding_body,recipient,note,editorial\n")
    assert run("awards", *D, "--year", "2017", "-f", "json").out == "[]\n"


def test_format_env_and_flag(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MEDCOOP_FORMAT", "jsonl")
    assert json.loads(run("awards", *D).out.splitlines()[0])["year"] == 2016
    assert run("awards", *D, "-f", "csv").out.startswith("year,kind")
    monkeypatch.setenv("MEDCOOP_FORMAT", "xml")
    bad = run("awards", *D)
    assert bad.code == 2 and "xml" in bad.err


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--bogus"], 2),
        (["summary", "--bogus"], 2),
        (["summary", "-f", "xml"], 2),
        (["nosuchcommand"], 2),
        (["country"], 2),
        (["summary", "--data"], 2),
        (["awards", "--excel"], 2),
    ],
)
def test_usage_errors_are_one_line_exit_2(run, args: list[str], code: int) -> None:  # type: ignore[no-untyped-def]
    result = run(*args)
    assert result.code == code
    assert result.err.startswith("medcoop: error: ") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err and result.out == ""


def test_version(run) -> None:  # type: ignore[no-untyped-def]
    assert run("--version").out == f"medcoop {__version__}\n"
    assert run("-V").out == f"medcoop {__version__}\n"
    # with more arguments it goes through Typer's eager option: the same answer
    assert run("--version", "summary").out == f"medcoop {__version__}\n"


def test_help_documents_exit_codes(run) -> None:  # type: ignore[no-untyped-def]
    result = run("--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    for code in ("0 success", "1 data or runtime error", "2 usage error", "130 interrupted"):
        assert code in text


def _commands() -> list[str]:
    from typer.main import get_command

    return sorted(get_command(build_app()).commands)  # type: ignore[attr-defined]


def test_every_command_has_help_with_an_example(run) -> None:  # type: ignore[no-untyped-def]
    for name in _commands():
        result = run(name, "--help")
        assert result.code == 0, name
        assert "Example: medcoop " + name in " ".join(result.out.split()), name


def test_every_command_is_documented_with_an_example() -> None:
    """docs/commands.md has a section per command, with an example of it."""
    page = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    for name in _commands():
        found = re.search(rf"^### `medcoop {name}\b.*?(?=^### |\Z)", page, re.MULTILINE | re.DOTALL)
        assert found, f"docs/commands.md: no section for medcoop {name}"
        assert re.search(rf"^\$ medcoop (?:--lang \w+ )?{name}\b", found.group(), re.MULTILINE), name


def test_cite_adds_provenance_columns(run) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run("awards", *D, "--cite", "-f", "json").out)
    assert rows[0]["section"] == "2016" and rows[0]["quote"] == "The city won the 2016 Prize"
    header = run("awards", *D, "--cite", "-f", "csv").out.splitlines()[0]
    assert header.endswith(",section,quote,basis")


def test_internal_error_is_short_without_locals(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from medcoop import dataset

    def broken(path: Path | None = None) -> None:
        secret_sentinel = "s3cr3t-sentinel"  # noqa: F841 - must not leak
        raise RuntimeError("boom")

    monkeypatch.setattr(dataset, "load", broken)
    result = run("summary", "-f", "csv")
    assert result.code == 1 and result.out == ""
    assert result.err == "medcoop: internal error (RuntimeError); set MEDCOOP_DEBUG=1 to see the traceback\n"
    monkeypatch.setenv("MEDCOOP_DEBUG", "1")
    debug = run("summary", "-f", "csv")
    assert debug.code == 1 and "Traceback" in debug.err and "s3cr3t-sentinel" not in debug.err


@pytest.mark.parametrize(
    "words",
    [["country", "Corea", "del", "Sur"], ["partner", "Bloomberg", "Philanthropies"], ["search", "medellin", "lab"]],
)
def test_names_of_several_words_need_no_quotes(run, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    unquoted = run(*words, "-f", "csv")
    quoted = run(words[0], " ".join(words[1:]), "-f", "csv")
    assert unquoted.code == 0 and len(unquoted.out.splitlines()) > 1
    assert (unquoted.out, unquoted.err) == (quoted.out, quoted.err)
