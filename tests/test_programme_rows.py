"""A programme's rows hold every record that names it; a programme asked for as a partner
points to `medcoop programme`; the pointers, programme rows and marks of the query layer, rule by
rule (tests/mutation/query.md)."""

from __future__ import annotations

import copy
import json
import re
import shlex
from collections import Counter
from typing import Any

import pytest

from medcoop import dataset, query
from medcoop.errors import UsageError
from medcoop.records import Dataset

from .views import _named, _with_quote

PROGRAMMES = dataset.load()["programmes"]
NOTES = ("note", "correction_basis", "kind_basis", "basis")
LISTING_OF_KIND = {
    "metric": "summary", "topics": "topics", "country": "countries", "organisation": "partners",
    "action": "actions", "country role": "countries", "event": "events", "award": "awards",
    "milestone": "milestones", "tally": "tallies", "visitor": "visitors", "programme": "programmes",
}  # fmt: skip


def _json(run, *args: str) -> Any:  # type: ignore[no-untyped-def]
    result = run(*args, "-f", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.mark.parametrize("g", PROGRAMMES, ids=lambda g: g["id"])
def test_a_programme_lists_every_record_that_names_it(run, g: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    rows = _json(run, "programme", g["name"])
    assert rows, g["name"]
    shown = Counter(r["record"] for r in rows)
    named = Counter(
        LISTING_OF_KIND[hit["kind"]]
        for hit in _json(run, "search", g["name"])
        if hit["field"].split(".")[0] not in NOTES
    )
    linked = Counter(["programmes"] + ["actions"] * len(g["actions"]) + ["awards"] * len(g["awards"]))
    assert shown == named | linked, g["name"]  # every record found by its name, and its links, once each


def test_sos_paisa_and_medellin_lab_have_their_records(run, source_text: str) -> None:  # type: ignore[no-untyped-def]
    sos = _json(run, "programme", "Sos Paisa")
    figures = [r for r in sos if r["record"] == "summary"]
    assert [r["what"].rsplit(": ", 1)[1] for r in figures] == ["40 contributions", "19 meetings", "12 countries"]
    assert "40 contributions and 19 meetings in 12 countries" in source_text
    lab = _json(run, "programme", "Medellin LAB")
    assert [r["record"] for r in lab] == ["programmes"] and lab[0]["period"] == "since 2017"
    assert "The creation of the Medellín LAB" in source_text


@pytest.mark.parametrize(
    "name", sorted({n for g in PROGRAMMES for n in (g["name"], g["acronym"]) if n}), ids=lambda n: n
)
def test_a_programme_asked_for_as_a_partner_points_to_it(run, name: str) -> None:  # type: ignore[no-untyped-def]
    result = run("partner", name)
    assert result.code == 2 and result.err.count("\n") == 1
    assert f"{name!r} is a programme, not a partner" in result.err
    pointer = re.search(r"see '(medcoop [^']*)'", result.err)
    assert pointer is not None
    assert _json(run, *shlex.split(pointer.group(1))[1:])


# --------------------------------------------------------------------------- pointers, programme rows, marks


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("UNESCO", "UNESCO"),
        ("NovaGob.Lab", "NovaGob.Lab"),  # letters, digits and - _ . , need no quotes
        ("Semilleros_2018,-x", "Semilleros_2018,-x"),
        ("Motor Route Program", '"Motor Route Program"'),
        ("", '""'),
        ('the "Daily Payments"', '"the \\"Daily Payments\\""'),  # a quote is escaped inside the quotes
        ("a\\b", '"a\\\\b"'),  # and so is a backslash
        ('a\\"', '"a\\\\\\""'),  # the backslash first, then the quote: each escaped once
    ],
)
def test_shell_word_quotes_what_a_shell_would_split_or_read(text: str, word: str) -> None:
    assert query.shell_word(text) == word


@pytest.mark.parametrize("name", ["United Nations", "Naciones Unidas"])
def test_a_name_of_no_country_the_report_does_not_print_says_so(ds: Dataset, name: str) -> None:
    # the source text has no "United Nations": no search to point to
    with pytest.raises(query.NotACountry) as caught:
        query.find_country(ds, name)
    assert str(caught.value) == (
        f"'{name}' is the United Nations, an organisation of countries, not a country: the report does not name it"
    )


def test_a_query_with_the_words_of_one_countrys_name_is_taken_as_that_country(ds: Dataset) -> None:
    # ISO 3166 names the country 'Bosnia and Herzegovina': the only one with 'Herzegovina' in its name
    found, notice = query.find_country(ds, "Herzegovina")
    assert isinstance(found, query.NotMentioned) and (found.name, found.a2) == ("Bosnia and Herzegovina", "BA")
    assert notice == "'Herzegovina' taken as Bosnia and Herzegovina, the only country with that name in it"


def test_close_names_are_three_at_most_the_reports_first(ds: Dataset) -> None:
    from medcoop.names import UnknownName

    # 'Filandia' (Finlandia misspelt) is close to two of the report's countries, Finland and Ireland, and to
    # three of the world's (Finland, Iceland, Thailand): the two, then one of the world's not said already
    with pytest.raises(UnknownName) as caught:
        query.find_country(ds, "Filandia")
    assert caught.value.suggestions == ["Finland", "Ireland", "Iceland"]
    assert str(caught.value) == (
        "unknown country 'Filandia'; did you mean 'Finland', 'Ireland' or 'Iceland' (not in the report)?"
    )


def test_an_unknown_modality_is_a_usage_error_listing_the_modalities(ds: Dataset) -> None:
    # the actions' modalities in data/medcoop.json, as printed ("South-South", "technical exchange", ...)
    with pytest.raises(UsageError) as caught:
        query.actions(ds, modality="grant")
    assert str(caught.value) == (
        "unknown modality 'grant': the modalities are "
        "South-South, consultancy, financial, technical and financial, technical exchange"
    )


@pytest.mark.parametrize(
    ("name", "command"),
    [("Bancuadra", "medcoop programme Bancuadra"), ("Motor Route Program", 'medcoop programme "Motor Route Program"')],
)
def test_a_programmes_name_given_as_a_partner_points_to_the_programme(ds: Dataset, name: str, command: str) -> None:
    # "the Bancuadra project of the Bank of Opportunities": a programme, whose partner is the bank
    with pytest.raises(UsageError) as caught:
        query.partner(ds, name)
    assert str(caught.value) == f"'{name}' is a programme, not a partner: see '{command}'"


def test_an_organisations_name_is_the_partner_even_if_a_programme_answers_to_it(ds: Dataset) -> None:
    edited = copy.deepcopy(ds)
    next(g for g in edited["programmes"] if g["id"] == "medellin-river-sanitation-program")["aliases"] = ["EPM"]
    assert query.programme(edited, "EPM").preface[0].startswith("Medellín River Sanitation Program")
    assert query.partner(edited, "EPM").preface[0] == "EPM"


def test_a_programme_keeps_the_records_dated_in_the_years(ds: Dataset) -> None:
    # PAR's own record states no start: it is dated by the block that names it (2017), as its action is
    assert query.programme(ds, "PAR", (2016, 2016)).table.rows == []
    rows = query.programme(ds, "PAR", (2017, 2017)).table.rows
    assert [(r["period"], r["record"]) for r in rows] == [
        ("2017", "actions"),
        ("2017 (start not stated)", "programmes"),
    ]


def test_a_programmes_figures_show_label_value_unit_and_note(ds: Dataset) -> None:
    # "the Sos Paisa program has supported 40 contributions from Paisas living abroad. Also, Sos Paisa has
    # coordinated 19 meetings ..."; "it has coordinated 40 contributions and 19 meetings in 12 countries"
    notes = {m["id"]: m["note"] for m in ds["metrics"]}
    rows = query.programme(ds, "Sos Paisa").table.rows
    assert [(r["period"], r["record"], r["what"], r["details"]) for r in rows] == [
        ("since 2004", "programmes", "Sos Paisa", ds["programmes"][0]["description"]),  # "In 2004, ..."
        (
            "2016-2018",
            "summary",
            "Contributions from Paisas living abroad supported by Sos Paisa: 40 contributions",
            notes["sos-paisa-contributions-2016-2018"],
        ),
        (
            "2016-2018",
            "summary",
            "Meetings with Paisas in cities around the world coordinated by Sos Paisa: 19 meetings",
            None,
        ),
        (
            "2016-2018",
            "summary",
            "Countries of Sos Paisa's contributions and meetings: 12 countries",
            notes["sos-paisa-countries-2016-2018"],
        ),
    ]
    assert notes["sos-paisa-contributions-2016-2018"] and notes["sos-paisa-countries-2016-2018"]


def test_a_programme_row_without_a_description_shows_the_records_note(ds: Dataset) -> None:
    edited = copy.deepcopy(ds)
    next(t for t in edited["tallies"] if t["id"] == "2018-idb-best-practices")["note"] = "A note, as edited."
    rows = query.programme(edited, "Medellín River Sanitation Program").table.rows
    assert [r["details"] for r in rows if r["record"] == "tallies"] == ["A note, as edited."]
    rows = query.programme(ds, "Medellín River Sanitation Program").table.rows
    assert [r["details"] for r in rows if r["record"] == "tallies"] == [None]  # the tally has no note


def test_the_editorial_column_follows_the_provenance_of_the_fields_a_row_shows(
    ds: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    from medcoop import provenance

    def marks() -> tuple[object, object]:
        # Sweden's 2017 action (its summary is medcoop's, modality and details printed) and the 2016 World Cities
        # Summit in Singapore (its name printed, its participation medcoop's)
        (action,) = (r for r in query.country(ds, "Sweden").table.rows if r["role"] == "cooperation partner")
        event = next(
            r for r in query.country(ds, "Singapore").table.rows if r["role"] == "event's country (as printed with it)"
        )
        return action["editorial"], event["editorial"]

    assert marks() == (["what"], ["details"])
    monkeypatch.setitem(provenance.FIELDS["actions"], "details", provenance.EDITORIAL)
    monkeypatch.setitem(provenance.FIELDS["events"], "name", provenance.EDITORIAL)
    assert marks() == (["what", "details"], ["what", "details"])


def test_a_count_or_a_topic_list_names_no_country_whatever_its_quote(ds: Dataset) -> None:
    edited = copy.deepcopy(ds)
    next(t for t in edited["tallies"] if t["id"] == "2018-idb-best-practices")["source"]["quote"] = "Peru, as edited"
    next(t for t in edited["topic_lists"] if t["id"] == "best-practice-topics")["source"]["quote"] = "Chile, as edited"
    assert _named(edited, "PE") == [] and _named(edited, "CL") == []
    assert _named(_with_quote(ds, "Peru, as edited"), "PE") != []  # the same words in a figure name it
    assert _named(_with_quote(ds, "Chile, as edited"), "CL") != []


def test_a_quote_with_two_names_of_a_country_names_it_once(ds: Dataset) -> None:
    # 'South Korea' holds both of the report's names of Korea ("South Korea", "Korea")
    quote = "503 delegations, one of them from South Korea"
    assert _named(_with_quote(ds, quote), "KR") == [("2016-2018", "metric: Delegations received", quote)]


def test_a_country_no_record_refers_to_is_named_by_a_quote(ds: Dataset) -> None:
    # Peru's only record is its South-South role ("countries such as: ... Peru"); without it, no record refers to
    # Peru, and a quote that prints its name still names it
    edited = _with_quote(ds, "503 delegations, one of them from Peru")
    edited["country_roles"] = [r for r in edited["country_roles"] if r["country"] != "PE"]
    assert _named(edited, "PE") == [
        ("2016-2018", "metric: Delegations received", "503 delegations, one of them from Peru")
    ]


def test_a_sentence_naming_a_country_gives_its_records_period_as_stated(ds: Dataset) -> None:
    # Bancuadra's sentence states no period ("the Bancuadra project of the Bank of Opportunities ...")
    edited = copy.deepcopy(ds)
    bancuadra = next(g for g in edited["programmes"] if g["id"] == "bancuadra")
    bancuadra["source"]["quote"] = "the Bancuadra project, as edited to name Peru"
    assert _named(edited, "PE") == [
        (
            "2017 (start not stated)",  # named in the 2017 block
            "programme: Bancuadra",
            "the Bancuadra project, as edited to name Peru",
        )
    ]
