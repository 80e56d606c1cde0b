"""The year rule: a view of some years counts and shows only what is dated in them; what covers a
wider or unstated period is shown apart and says so; per-year counts never add up to more than
the whole; no title states a year its facts do not have. Checked against the source text, over
every listing."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import every_listing

YEARS = ("2016", "2017", "2018")
BLOCK_YEARS = {1: 2016, 2: 2017, 3: 2018}


def _sentences(source_text: str) -> list[str]:
    return re.split(r"\n\n|(?<=[.:])\s+", source_text)


def _blocks(source_text: str) -> list[str]:
    """The introduction, then the three blocks (2016, 2017, 2018) of the source text."""
    body = source_text.split("Leave a Reply")[0]
    return re.split(r"Remarked cooperation actions:\s*", body)


def _json(run, *args: str) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    result = run(*args, "-f", "json")
    assert result.code == 0, result.err
    rows: list[dict[str, object]] = json.loads(result.out)
    return rows


def _year_args(command: list[str]) -> bool:
    import inspect

    from medcoop import cli

    return "year" in inspect.signature(cli.LISTINGS[command[0]]).parameters


@pytest.mark.parametrize("command", [c for c in every_listing() if _year_args(c)], ids=lambda c: c[0])
def test_rows_of_a_year_add_up_to_no_more_than_the_whole(run, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    whole = _json(run, *command)
    per_year = [_json(run, *command, "--year", y) for y in YEARS]
    if command[0] not in ("countries", "partners"):  # a row per record, not one per entity
        assert sum(len(rows) for rows in per_year) <= len(whole)
    counts = [k for k, v in (whole[0].items() if whole else ()) if isinstance(v, int) and k not in ("year", "since")]
    if command[0] in ("countries", "partners"):  # one row per entity: its counts add up, key by key
        key = "a2" if command[0] == "countries" else "id"
        total = {str(r[key]): r for r in whole}
        for name in counts:
            for ident, row in total.items():
                parts = [next(r for r in rows if r[key] == ident)[name] for rows in per_year]
                assert sum(int(p) for p in parts) <= int(row[name]), (ident, name, parts, row[name])  # type: ignore[call-overload]


@pytest.mark.parametrize("command", [c for c in every_listing() if _year_args(c)], ids=lambda c: c[0])
@pytest.mark.parametrize("year", YEARS)
def test_a_year_shows_only_what_is_dated_in_it(run, command: list[str], year: str) -> None:  # type: ignore[no-untyped-def]
    for row in _json(run, *command, "--year", year):
        if "year" in row:
            assert row["year"] == int(year), row
        if "period" in row:  # the year, alone ("2017", "2017 (start not stated)"), never a wider period
            assert re.fullmatch(rf"{year}( \(start not stated\))?|since {year}", str(row["period"])), row


def test_countries_mentions_per_year_add_up(run) -> None:  # type: ignore[no-untyped-def]
    whole = sum(int(r["mentions"]) for r in _json(run, "countries"))  # type: ignore[call-overload]
    per_year = [sum(int(r["mentions"]) for r in _json(run, "countries", "--year", y)) for y in YEARS]  # type: ignore[call-overload]
    assert sum(per_year) <= whole


def test_south_south_partners_have_no_year(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    sentence = next(s for s in _sentences(source_text) if "17 projects" in s)
    assert not re.search(r"\b20\d\d\b|last three years", sentence)  # the report gives the projects no period
    rows = _json(run, "map", "--role", "south-south", "--year", "2016")
    assert [r["a2"] for r in rows if r["value"]] == []
    drawn = run("map", "--role", "south-south", "--year", "2016", "--no-color")
    assert drawn.code == 0
    assert "not by year" in " ".join((drawn.out + drawn.err).lower().split())
    whole = _json(run, "map", "--role", "south-south")
    assert len([r for r in whole if r["value"]]) == 15


def test_a_year_never_finds_what_the_report_names_in_another(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    blocks = _blocks(source_text)
    assert "EPM" not in blocks[1] and "EPM" in blocks[3] and "EPM" not in blocks[0]
    assert _json(run, "search", "EPM", "--year", "2016") == []
    assert _json(run, "partner", "EPM", "--year", "2016") == []
    assert {r["id"] for r in _json(run, "search", "EPM", "--year", "2018")} >= {"epm", "idb"}


def test_bancuadra_has_one_year(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    blocks = _blocks(source_text)
    assert [i for i, b in enumerate(blocks) if "Bancuadra" in b] == [2]  # named in the 2017 block only
    periods = {str(r["period"]) for r in _json(run, "programme", "Bancuadra")}
    assert all(p.startswith("2017") for p in periods), periods


def test_medellin_lab_is_since_2017(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    blocks = _blocks(source_text)
    assert "The creation of the Medellín LAB" in blocks[2]
    for rows in (_json(run, "search", "medellin lab"), _json(run, "programme", "Medellín LAB")):
        assert rows and all("2017-2018" not in str(r["period"]) for r in rows)
    own = next(r for r in _json(run, "programme", "Medellín LAB") if r["record"] == "programmes")
    assert own["period"] == "since 2017"


def test_sos_paisa_shows_its_2004_start(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    assert "In 2004, another international cooperation strategy was born" in source_text
    own = next(r for r in _json(run, "programme", "Sos Paisa") if r["record"] == "programmes")
    assert own["period"] == "since 2004"


def test_cooperation_topics_have_no_period(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    sentence = next(s for s in _sentences(source_text) if "seeking allies" in s)
    assert not re.search(r"\b20\d\d\b|three years", sentence)
    rows = [r for r in _json(run, "topics") if r["id"] == "cooperation-interests"]
    assert rows and all(str(r["period"]).startswith("not stated") for r in rows)


@pytest.mark.parametrize("command", [["summary"], ["countries"], ["search", "Korea"], ["tallies"]])
def test_what_is_not_by_year_is_shown_apart_and_says_so(run, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    table = run(*command, "--year", "2017")
    assert table.code == 0
    assert "not by year" in " ".join(table.out.split())
    machine = run(*command, "--year", "2017", "-f", "csv")
    assert "not by year" in machine.err and "not by year" not in machine.out
    assert "not by year" not in run(*command, "-f", "csv").err


def test_the_sql_tables_follow_the_rule(run) -> None:  # type: ignore[no-untyped-def]
    per_year = _json(run, "sql", "SELECT year, count(*) AS n FROM mentions GROUP BY year ORDER BY year")
    whole = _json(run, "sql", "SELECT count(*) AS n FROM mentions")
    assert sum(int(r["n"]) for r in per_year) == whole[0]["n"]  # type: ignore[call-overload]
    for y in YEARS:
        counted = sum(int(r["mentions"]) for r in _json(run, "countries", "--year", y))  # type: ignore[call-overload]
        assert [r["n"] for r in per_year if r["year"] == int(y)] == [counted]


def test_the_api_follows_the_rule() -> None:
    import medcoop

    report = medcoop.load()
    assert report.search("EPM", year=2016) == []
    assert sum(r["mentions"] for y in (2016, 2017, 2018) for r in report.countries(year=y)) <= sum(
        r["mentions"] for r in report.countries()
    )
