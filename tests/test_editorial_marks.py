"""Every value that is not the report's words is marked, in every door: the `editorial` column
of every listing (a list in JSON, joined in CSV and TSV), the workbook's headers and legend, the
map's tooltips, --cite's basis; a fact from outside the report is never plain text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from medcoop import dataset
from medcoop.provenance import EDITORIAL, FIELDS, PUBLIC_RECORD

from .conftest import every_listing


def _json(run, *args: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    result = run(*args, "-f", "json")
    assert result.code == 0, result.err
    rows: list[dict[str, object]] = json.loads(result.out)
    return rows


@pytest.mark.parametrize("command", every_listing(), ids=lambda c: c[0])
def test_every_listing_has_the_editorial_column_in_every_machine_format(run, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    rows = _json(run, *command)
    for row in rows:
        marks = row["editorial"]
        assert isinstance(marks, list) and set(marks) <= set(row) - {"editorial"}, row
    lines = [json.loads(x) for x in run(*command, "-f", "jsonl").out.splitlines()]
    assert [x["editorial"] for x in lines] == [r["editorial"] for r in rows]
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        read = list(csv.DictReader(io.StringIO(run(*command, "-f", fmt).out), delimiter=delimiter))
        assert [x["editorial"] for x in read] == ["; ".join(r["editorial"]) for r in rows]  # type: ignore[arg-type]


def test_editors_words_are_marked_row_by_row(run) -> None:  # type: ignore[no-untyped-def]
    assert FIELDS["metrics"]["label"] == EDITORIAL and FIELDS["actions"]["summary"] == EDITORIAL
    assert all("what" in r["editorial"] for r in _json(run, "summary"))  # type: ignore[operator]
    assert all("summary" in r["editorial"] for r in _json(run, "actions"))  # type: ignore[operator]
    years = _json(run, "years")
    assert all({"actions", "events", "visitors", "awards_named"} <= set(r["editorial"]) for r in years)  # type: ignore[call-overload]


def test_corrected_names_are_marked(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    assert FIELDS["organisations"]["name_corrected"] == PUBLIC_RECORD
    assert "Bloomberg Philanthropy:" in source_text and "Bloomberg Philanthropies" not in source_text
    assert "Paula Lehtomamaki" in source_text and "Lehtomäki" not in source_text
    bancuadra = next(r for r in _json(run, "actions") if "Bloomberg Philanthropies" in r["partners"])  # type: ignore[operator]
    assert "partners" in bancuadra["editorial"]  # type: ignore[operator]
    for text in ("Bloomberg Philanthropies", "Lehtomäki", "Secretary of State for Transport"):
        rows = _json(run, "search", text)
        assert rows and all(r["editorial"] == ["text"] for r in rows if text in str(r["text"])), (text, rows)
    grayling = next(r for r in _json(run, "visitors") if r["id"] == "2017-christopher-grayling")
    assert "title_corrected" in grayling["editorial"]  # type: ignore[operator]


def test_the_map_says_how_the_report_prints_a_corrected_name(run, tmp_path: Path, source_text: str) -> None:  # type: ignore[no-untyped-def]
    assert "Granada" in source_text and "Burma" in source_text
    assert "Grenada" not in source_text and "Myanmar" not in source_text
    picture = tmp_path / "map.svg"
    assert run("map", "--svg", str(picture)).code == 0
    svg = picture.read_text(encoding="utf-8")
    assert "printed as Granada" in svg and "printed as Burma" in svg


@pytest.mark.parametrize("command", every_listing(), ids=lambda c: c[0])
def test_cite_always_gives_a_basis(run, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    for row in _json(run, *command, "--cite"):
        assert row["basis"], row


def test_block_years_cite_their_inference(run) -> None:  # type: ignore[no-untyped-def]
    row = _json(run, "actions", "--year", "2016", "--cite")[0]
    assert "inferred" in str(row["basis"])


def test_no_fact_from_outside_the_report_is_plain_text(run) -> None:  # type: ignore[no-untyped-def]
    out = run("partner", "Bloomberg").out
    assert "30 November 2016" not in out and "Mayors Challenge" not in out
    ds = dataset.load(None)
    for org in ds["organisations"]:
        assert "Mayors Challenge" not in (org["correction_basis"] or "")


def test_the_workbook_marks_headers_and_has_a_legend(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    target = tmp_path / "s.xlsx"
    assert run("summary", "-f", "xlsx", "-o", str(target)).code == 0
    with zipfile.ZipFile(target) as book:
        strings = book.read("xl/sharedStrings.xml").decode("utf-8")
    assert "What †" in strings and "the editors' words" in strings
    whole = tmp_path / "all.xlsx"
    assert run("export", "--xlsx", str(whole)).code == 0
    with zipfile.ZipFile(whole) as book:
        strings = book.read("xl/sharedStrings.xml").decode("utf-8")
    assert "What †" in strings and "the editors' words" in strings  # metrics.label
