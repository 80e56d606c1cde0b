"""Columns that mix the report's words and the editors' row by row (the country listing's What and
Details, search's Matching text) say per row where the text comes from: the `editorial` column
lists the row's columns that hold the editors' words, and the formats for people mark those
cells with †, explained under the table. Checked for every country and several searches,
against the dataset's records and medcoop.provenance, not against the rows themselves."""

from __future__ import annotations

import json
from typing import Any

import pytest

from medcoop import dataset, query
from medcoop.provenance import EDITORIAL, FIELDS, PER_VALUE, PUBLIC_RECORD, normalise

SHIPPED = dataset.load()
MIXED = {"country": ("what", "details"), "search": ("text",)}
SEARCHES = ["press", "mobility", "Medellín", "award", "public records", "Korea", "derived", "city"]


def _editorial_values() -> set[str]:
    """Every value of a field of the editors' words in the dataset (a note, a label, a
    summary, a correction's basis, a participation)."""
    values = set()
    for name, fields in FIELDS.items():
        for record in SHIPPED[name]:  # type: ignore[literal-required]
            values.update(
                record[f]
                for f, kind in fields.items()
                if kind in (EDITORIAL, PUBLIC_RECORD) and isinstance(record[f], str) and record[f]
            )
    return values


EDITORIAL_VALUES = _editorial_values()
ACCOUNTS = {str(text) for text in query.ROLE_DETAILS.values()}  # medcoop's account of a sentence
DERIVED = "country derived from the city printed"  # medcoop's words on how a visitor's country is known


def _json(run, *args: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    result = run(*args, "-f", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def _country_rows(run) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    return [row for c in SHIPPED["countries"] for row in _json(run, "country", c["a2"])]


def test_country_rows_say_which_cells_are_the_editors_words(run) -> None:  # type: ignore[no-untyped-def]
    rows = _country_rows(run)
    assert len(rows) > 50
    for row in rows:
        assert isinstance(row["editorial"], list) and set(row["editorial"]) <= {"what", "details"}, row
        for key in ("what", "details"):
            text = row[key] or ""
            editors = text in ACCOUNTS or DERIVED in text or any(value in text for value in EDITORIAL_VALUES)
            assert (key in row["editorial"]) == editors, (key, row)
    korea = [row for row in rows if (row["details"] or "").startswith("Korean press, November 2018: ")]
    assert len(korea) == 1 and korea[0]["editorial"] == ["what", "details"]  # the name corrected, and its basis
    assert sum("what" in r["editorial"] for r in rows) > 10 and sum("details" in r["editorial"] for r in rows) > 5


def _record(kind: str, rid: str) -> tuple[str, dict[str, Any]]:
    collection = query.COLLECTIONS[kind]
    key = "a2" if collection == "countries" else "id"
    return collection, next(r for r in SHIPPED[collection] if r[key] == rid)  # type: ignore[literal-required]


@pytest.mark.parametrize("text", SEARCHES)
def test_search_rows_say_whether_the_matching_text_is_the_editors_words(run, text: str) -> None:  # type: ignore[no-untyped-def]
    rows = _json(run, "search", text)
    assert rows
    for row in rows:
        collection, record = _record(row["kind"], row["id"])
        field = row["field"]
        kind = FIELDS[collection].get(field)
        editors = kind in (EDITORIAL, PUBLIC_RECORD) or (kind == PER_VALUE and record[f"{field}_basis"] != "printed")
        if field in query.rows._REF_FIELDS:  # a name of a record it refers to: the report's if its sentence prints it
            editors = normalise(row["text"]) not in normalise(record["source"]["quote"])
        assert row["editorial"] == (["text"] if editors else []), row


def test_search_marks_an_editors_note(run) -> None:  # type: ignore[no-untyped-def]
    out = run("search", "Korean press").out
    assert "Korean press, November 2018: Lee Jae-soo" in out and out.count("†") == 2  # the cell and the legend
    assert "† the editors' words, not the report's: --cite shows the sentence." in out


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
@pytest.mark.parametrize("args", [["country", "KR"], ["country", "FR"], ["search", "press"], ["search", "mobility"]])
def test_people_formats_mark_exactly_the_editors_cells(run, args: list[str], fmt: str) -> None:  # type: ignore[no-untyped-def]
    """In a pipe (drawn whole, every column with --wide): one † per cell of the editors'
    words, and one in the legend line under the table."""
    rows = _json(run, *args)
    cells = sum(len(row["editorial"]) for row in rows)
    assert cells
    out = run(*args, "-f", fmt, "--wide").out
    assert out.count("†") == cells + 1
    for row in rows:
        for key in row["editorial"]:
            assert f"{row[key].splitlines()[-1][-20:]} †" in out.replace("&#x27;", "'"), (key, row)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "jsonl"])
def test_machine_formats_carry_the_column_unmarked(run, fmt: str) -> None:  # type: ignore[no-untyped-def]
    out = run("country", "KR", "-f", fmt).out
    assert "†" not in out
    if fmt in ("csv", "tsv"):
        assert out.splitlines()[0].endswith("editorial")  # a column added last: the others keep their places
    else:
        rows = json.loads(out) if fmt == "json" else [json.loads(line) for line in out.splitlines()]
        assert all(isinstance(row["editorial"], list) for row in rows)
