"""Every answer right (#10): countries by any name, money counted once, quotes that quote,
counts that agree between commands, nothing read into the report, everything reachable.

Expected values are read from the source text (../shared/seed) or written by hand from it."""

from __future__ import annotations

import csv
import gettext
import io
import json
import re
from typing import Any

import pytest

from medcoop import dataset, query
from medcoop.cli import COMMANDS

from .conftest import TINY

REPORT_NAMES = [
    ("Korea, Republic of", "KR"),
    ("Kingdom of Spain", "ES"),
    ("Republic of Colombia", "CO"),
    ("Corea, República de", "KR"),
    ("Reino de España", "ES"),
    ("United Mexican States", "MX"),
    ("Bolivia, Plurinational State of", "BO"),
    ("Republic of Finland", "FI"),
]


def _json(run, *args: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    result = run(*args, "-f", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- 1. countries by any name


@pytest.mark.parametrize(("name", "a2"), REPORT_NAMES)
def test_every_iso_name_of_a_report_country_finds_it(run, name: str, a2: str) -> None:  # type: ignore[no-untyped-def]
    result = run("country", name, "-f", "json")
    assert result.code == 0 and result.err == "", result.err
    assert result.out == run("country", a2, "-f", "json").out and json.loads(result.out)
    for command in ("actions", "events", "visitors"):
        filtered = run(command, "--country", name, "-f", "json")
        assert filtered.err == "" and filtered.out == run(command, "--country", a2, "-f", "json").out


def test_the_dataset_holds_every_iso_name_of_its_countries() -> None:
    """The report's countries answer to pycountry's names without importing pycountry."""
    import pycountry

    spanish = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"], fallback=True)
    for c in dataset.load()["countries"]:
        iso = pycountry.countries.get(alpha_2=c["a2"])
        names = [str(getattr(iso, a)) for a in ("name", "official_name", "common_name") if hasattr(iso, a)]
        assert set(names + [spanish.gettext(n) for n in names]) <= set(c["iso_names"]), c["a2"]


def test_a_world_code_beats_a_prefix_of_a_report_country(run) -> None:  # type: ignore[no-untyped-def]
    result = run("country", "Me", "-f", "csv")
    assert result.code == 0 and result.out == run("country", "Japan", "-f", "csv").out  # the header only
    assert result.err == (
        "medcoop: 'Me' is Montenegro (ME), not the start of Mexico; Montenegro (ME) is not mentioned in the report\n"
    )  # says which rule matched
    assert run("country", "Mex", "-f", "csv").out == run("country", "Mexico", "-f", "csv").out


def test_a_world_name_beats_a_prefix_and_is_not_mentioned(run) -> None:  # type: ignore[no-untyped-def]
    result = run("country", "Dominica", "-f", "json")
    assert (result.code, result.out) == (0, "[]\n")
    assert "Dominica (DM) is not mentioned" in result.err


def test_european_union_is_not_a_country(run) -> None:  # type: ignore[no-untyped-def]
    result = run("country", "European", "Union")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "not a country" in result.err and "see 'medcoop search \"European Union\"'" in result.err
    assert "United Kingdom" not in result.err


def test_an_organisation_is_not_a_country(run) -> None:  # type: ignore[no-untyped-def]
    result = run("country", "UNESCO")
    assert result.code == 2 and "an organisation, not a country" in result.err


@pytest.mark.parametrize(("typo", "meant"), [("Colmbia", "Colombia"), ("Swedn", "Sweden"), ("Mexco", "Mexico")])
def test_suggestions_are_near_misses(run, typo: str, meant: str) -> None:  # type: ignore[no-untyped-def]
    result = run("country", typo)
    assert result.code == 2 and f"did you mean '{meant}'" in result.err


def test_no_far_fetched_suggestion(run) -> None:  # type: ignore[no-untyped-def]
    result = run("country", "Atlantis")
    assert result.code == 2 and "did you mean" not in result.err


# --------------------------------------------------------------------------- 2. money counted once

AMOUNT_KEYS = ("amount_usd", "usd_stated_in_actions")


def _listing_args(ds: dict[str, Any]) -> list[list[str]]:
    """Every listing, and `country` for every country of the report."""
    args = [[name] for name in LISTINGS_WITHOUT_ARGUMENT]
    args += [["country", c["a2"]] for c in ds["countries"]]
    return args


LISTINGS_WITHOUT_ARGUMENT = (
    "summary", "countries", "awards", "milestones", "actions", "events", "visitors", "partners", "years",
    "tallies", "programmes", "topics", "sections",
)  # fmt: skip


def test_no_listing_counts_money_twice(run) -> None:  # type: ignore[no-untyped-def]
    ds = dataset.load()
    for args in _listing_args(ds):
        rows = _json(run, *args)
        for key in AMOUNT_KEYS:
            amounts = [r[key] for r in rows if r.get(key) is not None]
            # the money the report states per country and year, each once: the actions' amounts
            assert len(amounts) == len(set(amounts)) or key == "usd_stated_in_actions", (args, key, amounts)
    korea = _json(run, "country", "KR")
    assert sum(r["amount_usd"] or 0 for r in korea) == 12_500_000
    headline = next(r for r in korea if r["role"] == "headline figure")
    assert headline["amount_usd"] is None and headline["restates"] == "2018-korea-molit-smart-mobility"
    assert sum(r["usd_stated_in_actions"] or 0 for r in _json(run, "years")) == 12_500_000


def test_validate_finds_money_stated_twice(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(TINY.read_text(encoding="utf-8"))
    data["metrics"][0]["restates"] = None
    path = tmp_path / "twice.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run("validate", str(path))
    assert result.code == 1 and "also stated by action 'a-2017-korea'; set restates" in result.out


# --------------------------------------------------------------------------- 3. --cite quotes the report


def _commands_with_args() -> list[list[str]]:
    ds = dataset.load()
    extra = {"country": ["Korea"], "partner": ["IDB"], "search": ["mobility"], "programme": ["PAR"]}
    extra["sql"] = ["SELECT * FROM actions"]
    return [[name, *extra.get(name, [])] for name in COMMANDS if name not in ("export", "validate", "report")] + [
        ["country", c["a2"]] for c in ds["countries"][:1]
    ]


@pytest.mark.parametrize("cite", [False, True])
def test_csv_headers_are_the_json_keys_without_duplicates(run, cite: bool) -> None:  # type: ignore[no-untyped-def]
    for args in _commands_with_args():
        flags = ["--cite"] if cite else []
        rows = _json(run, *args, *flags)
        for fmt, sep in (("csv", ","), ("tsv", "\t")):
            header = run(*args, *flags, "-f", fmt).out.splitlines()[0].split(sep)
            assert len(header) == len(set(header)), (args, fmt, header)
            if rows:
                assert header == list(rows[0]), (args, fmt)


def test_every_quote_is_verbatim_source_text_or_empty(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    def norm(text: str) -> str:
        return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()

    report = norm(source_text.split("Leave a Reply")[0])
    for args in _commands_with_args():
        for row in _json(run, *args, "--cite"):
            assert row["quote"] == "" or norm(row["quote"]) in report, (args, row["quote"])
    years = _json(run, "years", "--cite")
    assert all(r["quote"] == "" and r["basis"].startswith("derived") for r in years)
    intro = next(r for r in _json(run, "sections", "--cite") if r["section"] == "introduction")
    assert intro["quote"]


# --------------------------------------------------------------------------- 4. counts that agree


@pytest.mark.parametrize("year", [2016, 2017, 2018])
def test_years_counts_are_the_listings_rows(run, year: int) -> None:  # type: ignore[no-untyped-def]
    row = next(r for r in _json(run, "years") if r["year"] == year)
    awards = _json(run, "awards", "--year", str(year))
    assert row["awards_named"] == sum(1 for w in awards if w["kind"] == "award"), year
    assert row["mentions_named"] == sum(1 for w in awards if w["kind"] == "mention"), year
    for column, command in (
        ("milestones", "milestones"),
        ("actions", "actions"),
        ("events", "events"),
        ("visitors", "visitors"),
    ):
        assert row[column] == len(_json(run, command, "--year", str(year))), (year, column)
    amounts = [a["amount_usd"] for a in _json(run, "actions", "--year", str(year)) if a["amount_usd"]]
    assert row["usd_stated_in_actions"] == (sum(amounts) or None)


# --------------------------------------------------------------------------- things the report does not say


def test_best_practice_topics_are_not_each_countrys(run) -> None:  # type: ignore[no-untyped-def]
    for code in ("MX", "KR", "FR", "US", "GB", "ES"):
        rows = [r for r in _json(run, "country", code) if r["role"] == "best-practice partner"]
        assert rows and not any("health" in f"{r['what']} {r['details']}" for r in rows), code
    topics = [r["topic"] for r in _json(run, "topics") if r["id"] == "best-practice-topics"]
    assert "health" in topics  # kept, for the eight practices as a group


def test_south_south_period_is_not_stated(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    sentence = re.search(r"[^.]*17 projects[^.]*\.", source_text)
    assert sentence and not re.search(r"20\d\d|last three years", sentence.group())
    label = "not stated (report covers 2016-2018)"
    assert next(r for r in _json(run, "summary") if r["metric"] == "south-south-projects-2016-2018")["period"] == label
    assert next(r for r in _json(run, "tallies") if r["id"] == "2016-2018-south-south-projects")["period"] == label
    roles = [r for r in _json(run, "country", "Guyana") if r["role"] == "South-South partner"]
    assert [r["period"] for r in roles] == [label]


def test_memberships_and_appointments_are_not_awards(run) -> None:  # type: ignore[no-untyped-def]
    kinds = {r["kind"] for r in _json(run, "awards")}
    assert kinds <= {"award", "mention"}
    milestones = {r["id"]: r for r in _json(run, "milestones")}
    assert set(milestones) == {"2017-unesco-learning-cities-network", "2018-world-cities-summit-2019-host"}
    assert all(r["awarding_body"] != "UNESCO" or r["kind"] == "mention" for r in _json(run, "awards"))
    unesco = _json(run, "partner", "UNESCO")
    assert [r["record"] for r in unesco if "Learning Cities" in r["what"]] == ["milestones"]


def test_values_not_in_the_sentence_are_dropped_or_labelled(run) -> None:  # type: ignore[no-untyped-def]
    ds = dataset.load()
    for a in ds["actions"]:  # topics only as printed in the action's paragraph
        for topic in a["topics"]:
            assert topic.lower() in a["details"].lower(), (a["id"], topic)
    read_in = {"financial inclusion", "security", "culture", "memory", "peacebuilding"}
    assert not read_in & {t for a in ds["actions"] for t in a["topics"]}
    by_id = {a["id"]: a for a in ds["actions"]}
    assert by_id["2018-spain-house-of-memory"]["beneficiaries"] == []
    assert "secretariat-of-economic-development" not in by_id["2017-bloomberg-bancuadra"]["beneficiaries"]
    partners = _json(run, "partners")
    assert all(p["kind_basis"] in ("printed", "editorial", "public record") for p in partners)
    assert {p["id"]: p["kind_basis"] for p in partners}["embassy-of-canada"] == "printed"
    visitors = {v["id"]: v for v in _json(run, "visitors")}
    assert visitors["2016-anne-hidalgo"]["country_basis"] == "derived"
    assert visitors["2018-gautier-mignot"]["country_basis"] == "printed"
    summary = {m["metric"]: m for m in _json(run, "summary")}
    assert "International" not in summary["delegations-2016-2018"]["what"]
    assert "its model" in summary["colombian-city-delegations-2016-2018"]["note"]
    assert "city's model" not in json.dumps(summary)
    roles = {r["role"] for r in _json(run, "country", "Singapore")}
    assert "event host" not in roles


def test_list_columns_are_arrays_in_json_and_joined_in_csv(run) -> None:  # type: ignore[no-untyped-def]
    rows = {r["id"]: r for r in _json(run, "actions")}
    sweden = rows["2017-sweden-motor-route"]
    assert sweden["countries"] == ["SE"] and sweden["programmes"] == ["Motor Route Program"]
    assert sweden["partners"] == [] and "Printed inside the paragraph" in sweden["note"]
    for row in rows.values():
        for key in ("partners", "countries", "beneficiaries", "programmes"):
            assert isinstance(row[key], list) and all(";" not in item for item in row[key]), (row["id"], key)
    jsonl = [json.loads(line) for line in run("actions", "-f", "jsonl").out.splitlines()]
    assert jsonl == list(rows.values())
    csv_rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run("actions", "-f", "csv").out))}
    assert csv_rows["2018-spain-house-of-memory"]["partners"] == "House of Memory Museum; Madrid City Council"


def test_validate_refuses_a_note_in_a_list(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(TINY.read_text(encoding="utf-8"))
    data["actions"][0]["topics"] = ["mobility; Not confirmed in public records."]
    path = tmp_path / "note.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run("validate", str(path))
    assert result.code == 1 and "$.actions[0].topics[0]: free text in a list" in result.out


def test_validate_asks_a_basis_for_a_country_not_printed(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(TINY.read_text(encoding="utf-8"))
    data["visitors"][0]["country_basis"] = None  # 'Mayor of Seoul' does not print Korea
    path = tmp_path / "basis.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = run("validate", str(path))
    assert result.code == 1 and "$.visitors[0].country_basis: the quote does not print KR" in result.out


# --------------------------------------------------------------------------- things hard to reach


def test_colombia_shows_every_sentence_that_names_it(run) -> None:  # type: ignore[no-untyped-def]
    rows = _json(run, "country", "Colombia")
    text = json.dumps(rows, ensure_ascii=False)
    assert "134" in text
    assert "first city in Colombia to join UNESCO" in text
    assert "Ambassador of France in Colombia" in text
    assert "implemented in other cities of the country" in text


def test_award_recipients_of_a_count_are_reached_through_the_partner(run) -> None:  # type: ignore[no-untyped-def]
    partners = {p["id"]: p for p in _json(run, "partners")}
    for org in (
        "secretariat-of-mobility",
        "comptroller-general-of-medellin",
        "house-of-memory-museum",
        "secretariat-of-environment",
    ):
        assert partners[org]["tally_items"] == 1, org
    rows = _json(run, "partner", "Comptroller")
    assert [(r["year"], r["record"]) for r in rows] == [(2017, "tally_items")]
    assert "Six international awards" in rows[0]["details"]


PROGRAMMES = {
    "Alliance for Reconciliation Program": ("PAR", "actions"),
    "Motor Route Program": (None, "actions"),
    "Semilleros Infantiles de Participación Ciudadana": (None, "awards"),
    "Medellín River Sanitation Program": (None, "awards"),
    "Bancuadra": (None, "actions"),
    "Comprehensive Master Plan for Mobility of Medellín": (None, "actions"),
    "Sos Paisa": (None, None),
    "Medellín LAB": (None, None),
}


def test_the_programmes_the_report_names(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    rows = {r["name"]: r for r in _json(run, "programmes")}
    assert set(PROGRAMMES) <= set(rows)
    for name, (acronym, linked) in PROGRAMMES.items():
        assert name in source_text, name
        assert rows[name]["acronym"] == acronym
        if linked:
            assert rows[name][linked], name
            found = _json(run, "programme", name)
            assert found and {r["record"] for r in found} >= {linked, "programmes"}
    assert _json(run, "programme", "PAR") == _json(run, "programme", "Alliance for Reconciliation Program")


def _search(run, *words: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    return _json(run, "search", *words)


def test_search_matches_at_word_starts(run) -> None:  # type: ignore[no-untyped-def]
    par = _search(run, "PAR")
    assert {r["id"] for r in par} == {"2017-us-alliance-for-reconciliation", "alliance-for-reconciliation-program"}
    assert not any(re.search(r"(?i)partner|participa|paris", r["text"]) for r in par)
    us = _search(run, "U.S.")
    assert us and not any("USD" in r["text"] and "U.S." not in r["text"] for r in us)
    assert _search(run, "medellin") and not _search(run, "edellin")  # never inside a word
    assert {r["id"] for r in _search(run, "smart", "mobility")} >= {"2018-korea-molit-smart-mobility"}
    assert all(re.search(r"(?i)smart.*mobility", r["text"]) for r in _search(run, "smart", "mobility"))


def test_search_finds_the_records_of_an_acronym(run) -> None:  # type: ignore[no-untyped-def]
    ids = {r["id"] for r in _search(run, "BID")}
    assert {"idb", "2018-idb-forum-of-mayors", "2018-idb-river-sanitation-best-practice"} <= ids


def test_search_year_keeps_what_is_dated_in_it(run) -> None:  # type: ignore[no-untyped-def]
    ids = {r["id"] for r in _search(run, "South-South", "--year", "2017")}
    assert "south-south-projects-2016-2018" not in ids and "2017-mercociudades-santa-fe" in ids  # no period: apart
    assert "south-south-projects-2016-2018" in {r["id"] for r in _search(run, "South-South")}
    assert "2018-korea-molit-smart-mobility" not in {r["id"] for r in _search(run, "mobility", "--year", "2017")}


def test_the_southern_countries_sentence_is_findable(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    sentence = "The evolution of international cooperation has helped southern countries and cities to interact"
    assert sentence in source_text
    rows = _search(run, "southern")
    assert rows and sentence in rows[0]["text"]


def test_records_spanning_years_have_a_period_in_search() -> None:
    ds = dataset.load()
    rows = query.search(ds, "503").table.rows
    assert [r["period"] for r in rows if r["id"] == "delegations-2016-2018"] == ["2016-2018"]
