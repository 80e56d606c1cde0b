"""Counts that add up and say what they count: every count of a country is a GROUP BY of the
`mentions` table, how each mention names its country is said, derived counts are called derived,
and a qualified figure keeps its qualifier in the charts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

YEARS = (None, "2016", "2017", "2018")
ROLE_COLUMNS = (
    "cooperation_actions", "top_mission_sender", "best_practice_partner", "south_south_partner", "events",
    "visitors", "headline_figures", "named_in_sentence",
)  # fmt: skip


def _json(run, *args: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    result = run(*args, "-f", "json")
    assert result.code == 0, result.err
    rows: list[dict[str, object]] = json.loads(result.out)
    return rows


@pytest.mark.parametrize("year", YEARS)
def test_every_count_of_countries_is_a_group_by_of_mentions(run, year: str | None) -> None:  # type: ignore[no-untyped-def]
    where = "" if year is None else f"WHERE year = {year}"
    grouped = _json(run, "sql", f"SELECT country, role, count(*) AS n FROM mentions {where} GROUP BY country, role")
    by_how = _json(run, "sql", f"SELECT country, how, count(*) AS n FROM mentions {where} GROUP BY country, how")
    sql = {(r["country"], r["role"]): r["n"] for r in grouped}
    year_args = () if year is None else ("--year", year)
    views = {
        "countries": _json(run, "countries", *year_args),
        "map": _json(run, "map", *year_args),
    }
    for name, rows in views.items():
        assert {str(r["a2"]) for r in rows} == {str(c) for c, _role in sql} | {
            str(r["a2"]) for r in rows if r["mentions"] == 0
        }, name
        for row in rows:
            for role in ROLE_COLUMNS:
                assert row[role] == sql.get((row["a2"], role), 0), (name, row["a2"], role)
            assert row["mentions"] == sum(sql.get((row["a2"], role), 0) for role in ROLE_COLUMNS)
            printed = sum(int(r["n"]) for r in by_how if r["country"] == row["a2"] and r["how"] == "printed")  # type: ignore[call-overload]
            assert row["mentions_printed"] == printed
            assert row["mentions_derived"] == row["mentions"] - printed  # type: ignore[operator]


def test_country_view_rows_are_its_mentions(run) -> None:  # type: ignore[no-untyped-def]
    for row in _json(run, "countries"):
        one = _json(run, "country", str(row["a2"]))
        assert len(one) == row["mentions"]
        assert sum(1 for r in one if r["how"] == "printed") == row["mentions_printed"]


def test_a_country_derived_from_a_city_says_so(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    blocks = re.split(r"Remarked cooperation actions:\s*", source_text.split("Leave a Reply")[0])
    printed = sum(block.count("France") for block in blocks)
    assert printed == 3 and "Mayor of Paris" in blocks[1]  # France printed 3 times; Paris in 2016
    france = next(r for r in _json(run, "countries") if r["a2"] == "FR")
    assert (france["mentions"], france["mentions_printed"], france["mentions_derived"]) == (4, 3, 1)
    hidalgo = next(r for r in _json(run, "country", "France") if "Paris" in str(r["what"]))
    assert hidalgo["how"] == "derived from a city"
    assert "derived" in run("map", "--no-color").out.lower()  # the map's list says it too


def test_years_says_what_it_counts(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    assert "received a mention in the UNESCO Educating Cities Award" in source_text
    rows = {r["year"]: r for r in _json(run, "years")}
    awards_2018 = _json(run, "awards", "--year", "2018")
    assert rows[2018]["awards_named"] == sum(1 for w in awards_2018 if w["kind"] == "award") == 2
    assert rows[2018]["mentions_named"] == sum(1 for w in awards_2018 if w["kind"] == "mention") == 1


def test_qualified_figures_keep_their_qualifier_in_the_charts(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    assert "more than 900 delegates" in source_text
    for command in ("years", "summary"):
        out = run(command, "--wide", "--no-color").out  # the bar charts come with --wide
        chart = out[out.index("Delegates per year") :]
        line = next(x for x in chart.splitlines() if x.startswith("2016"))
        assert "more than 900" in line, line


def test_the_fact_sheet_counts_every_role_and_calls_derived_counts_derived(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Each country of the sheet: its roles add up to its records, as `countries` counts them,
    and the records the editors derived (a city printed) are called derived."""
    target = tmp_path / "sheet.html"
    assert run("report", "-o", str(target)).code == 0
    page = target.read_text(encoding="utf-8")
    rows = {str(r["name_en"]): r for r in _json(run, "countries")}  # type: ignore[union-attr]
    items = re.findall(r"<li><strong>([^<]+)</strong> — (\d+) records?(?: \((\d+) derived[^)]*\))?: ([^<]*)<a", page)
    assert len(items) == len(rows)
    for name, total, derived, roles in items:
        counts = [int(n) for n in re.findall(r" (\d+)(?=,|\s*$)", roles)]
        assert sum(counts) == int(total) == int(rows[name]["mentions"]), name  # type: ignore[call-overload]
        assert int(derived or 0) == int(rows[name]["mentions_derived"]), name  # type: ignore[call-overload]
    assert any(derived for _n, _t, derived, _r in items)  # Paris counts for France


def test_mentions_table_is_in_every_tabular_door(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    import medcoop

    assert "mentions" in {r["table"] for r in medcoop.load().tables()}
    db = tmp_path / "m.db"
    assert run("export", "--sqlite", str(db), "--datasette-metadata", str(tmp_path / "meta.json")).code == 0
    with sqlite3.connect(db) as conn:
        total = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert total == sum(int(r["mentions"]) for r in _json(run, "countries"))  # type: ignore[call-overload]
