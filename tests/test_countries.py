"""A country asked for by name, code or alias; `country` and `countries` (each role counted),
and the records whose sentence names a country (mentions in figures, lists, Spanish names).

Expected values are read from the source text (../shared/seed) and data/medcoop.json.
"""

from __future__ import annotations

import copy

import pytest

from medcoop import query
from medcoop.records import Dataset
from medcoop.view import Row

from .views import _counts, _found, _named, _record, _with_quote

# --------------------------------------------------------------------------- find_country


@pytest.mark.parametrize(
    ("name", "a2"),
    [("Corea del Sur", "KR"), ("KOR", "KR"), ("Burma", "MM"), ("Granada", "GD"), ("Guat", "GT"), ("Singap", "SG")],
)
def test_a_report_country_by_name_code_or_unique_prefix_has_no_notice(ds: Dataset, name: str, a2: str) -> None:
    found, notice = query.find_country(ds, name)
    assert not isinstance(found, query.NotMentioned)
    assert (found["a2"], notice) == (a2, None)


def test_a_code_of_another_country_is_that_country_not_a_start(ds: Dataset) -> None:
    # ME is Montenegro's code; 'Me' starts Mexico, which the report names ("Mexico, and France"):
    # a code is a name, and a name is never a guess at the start of another
    found, notice = query.find_country(ds, "ME")
    assert isinstance(found, query.NotMentioned) and (found.name, found.a2) == ("Montenegro", "ME")
    assert notice == "'ME' is Montenegro (ME), not the start of Mexico"


def test_a_three_letter_code_is_a_code_not_a_start(ds: Dataset) -> None:
    # EST (Estonia's alpha-3) starts 'Estados Unidos' (and names of Mexico and Bolivia): with only the
    # United States left, it is still Estonia's code, and the notice says which start it is not
    edited = copy.deepcopy(ds)
    edited["countries"] = [c for c in ds["countries"] if c["a2"] not in ("MX", "BO")]
    found, notice = query.find_country(edited, "EST")
    assert isinstance(found, query.NotMentioned) and found.a2 == "EE"
    assert notice == "'EST' is Estonia (EE), not the start of United States"


def test_a_world_name_is_not_a_prefix(ds: Dataset) -> None:
    found, notice = query.find_country(ds, "Dominica")
    assert isinstance(found, query.NotMentioned) and (found.name, found.a2) == ("Dominica", "DM")
    assert notice == "'Dominica' is Dominica (DM), not the start of Dominican Republic"


def test_a_four_letter_world_name_is_a_name_not_a_code(ds: Dataset) -> None:
    # 'Cuba' (four letters) made the start of a report country's alias: a full name wins over a prefix
    edited = copy.deepcopy(ds)
    next(c for c in edited["countries"] if c["a2"] == "CO")["aliases"].append("Cubanacan")
    found, notice = query.find_country(edited, "Cuba")
    assert isinstance(found, query.NotMentioned) and (found.name, found.a2) == ("Cuba", "CU")
    assert notice == "'Cuba' is Cuba (CU), not the start of Colombia"


def test_a_world_code_that_starts_several_report_countries_is_that_country(ds: Dataset) -> None:
    # GU is Guam's code and the start of Guatemala and Guyana: the code, with no notice (no one start was meant)
    found, notice = query.find_country(ds, "GU")
    assert isinstance(found, query.NotMentioned) and (found.name, found.a2, notice) == ("Guam", "GU", None)


def test_an_ambiguous_prefix_of_no_world_country_is_plain(ds: Dataset) -> None:
    from medcoop.names import AmbiguousName

    with pytest.raises(AmbiguousName) as caught:
        query.find_country(ds, "Uni")  # Mexico's ISO name is 'United Mexican States'
    assert str(caught.value) == "country 'Uni' is ambiguous: it could be 'United States', 'United Kingdom' or 'Mexico'"


def test_a_world_country_the_report_does_not_mention(ds: Dataset) -> None:
    found, notice = query.find_country(ds, "Japan")
    assert isinstance(found, query.NotMentioned) and notice is None
    assert found.notice == "Japan (JP) is not mentioned in the report"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("UNESCO", "'UNESCO' is an organisation, not a country: see 'medcoop partner UNESCO'"),
        (
            "European Union",
            "'European Union' is the European Union, a union of countries, not a country: "
            "see 'medcoop search \"European Union\"'",
        ),
    ],
)
def test_an_organisation_or_a_union_is_not_a_country(ds: Dataset, name: str, message: str) -> None:
    with pytest.raises(query.NotACountry) as caught:
        query.find_country(ds, name)
    assert str(caught.value) == message


def test_an_unknown_country_gets_close_names(ds: Dataset) -> None:
    from medcoop.names import UnknownName

    with pytest.raises(UnknownName) as caught:
        query.find_country(ds, "Colombie")
    assert str(caught.value) == "unknown country 'Colombie'; did you mean 'Colombia'?"


# --------------------------------------------------------------------------- country and countries

FRANCE_ROWS = [
    # "Mayor of Paris, Anne Hidalgo" (2016): the country is that of the city printed
    ("2016", "visitor's country", "Anne Hidalgo, Mayor of Paris", "country derived from the city printed (Paris)"),
    # "The United States, Brazil, Argentina, Mexico, and France have sent the largest number of ... missions"
    (
        "2016-2018",
        "top mission sender",
        "Among the five countries that sent the largest number of government and business missions to Medellín",
        "Printed as 'France'",
    ),
    # "eight best practices were coordinated with Mexico, South Korea, France, ..."
    (
        "2016-2018",
        "best-practice partner",
        "One of six countries with which eight best practices were coordinated",
        "Printed as 'France'; the topics belong to the eight practices as a group: see 'medcoop topics'",
    ),
    # "the Ambassador of France in Colombia, Gautier Mignot" (2018): the country is printed
    ("2018", "visitor's country", "Gautier Mignot, Ambassador of France in Colombia", ""),
]


def test_country_lists_every_sentence_in_year_then_role_order(ds: Dataset) -> None:
    view = query.country(ds, "Francia")
    assert [(r["period"], r["role"], r["what"], r["details"]) for r in view.table.rows] == FRANCE_ROWS
    assert all(r["amount_usd"] is None and r["restates"] is None for r in view.table.rows)
    assert [c[0] for c in view.table.citations] == ["2016", "introduction", "introduction", "2018"]
    assert view.preface == ("France · Francia · FR / FRA · in the report: France",)
    assert view.notice is None


def test_country_keeps_the_mentions_dated_in_the_years(ds: Dataset) -> None:
    rows = query.country(ds, "France", (2018, 2018)).table.rows
    assert [r["what"] for r in rows] == [FRANCE_ROWS[3][2]]  # Gautier Mignot; the 2016-2018 roles are apart
    rows = query.country(ds, "France", (2016, 2017)).table.rows
    assert [r["what"] for r in rows] == [FRANCE_ROWS[0][2]]  # Anne Hidalgo


def test_country_preface_carries_the_note_and_every_printed_form(ds: Dataset) -> None:
    view = query.country(ds, "CO")
    assert view.preface == (
        "Colombia · Colombia · CO / COL · in the report: Colombia, Colombian, the country",
        "'the country' in 'other cities of the country' (introduction) is Colombia.",
    )
    assert view.table.empty_note == "No mentions in these years."


def test_a_visitor_with_corrections_and_an_action_with_a_modality(ds: Dataset) -> None:
    rows = query.country(ds, "Sweden").table.rows
    assert [(r["period"], r["role"], r["what"], r["details"]) for r in rows] == [
        # "Sweden: Technical and financial cooperation action for the Motor Route Program ..."
        (
            "2017",
            "cooperation partner",
            "Motor Route Program: access to formal education for vulnerable young people",
            "modality: technical and financial; Technical and financial cooperation action for the Motor Route "
            "Program which aims to offer access to formal education opportunities to vulnerable young people.",
        ),
        # "Deputy Minister of Trade Affairs of the European Union, Chancellery of Sweden, Oscar Stentsön."
        (
            "2018",
            "visitor's country",
            "Oscar Stentsön (corrected: Oscar Stenström), Deputy Minister of Trade Affairs of the European Union, "
            "Chancellery of Sweden",
            "title: State Secretary for EU and trade affairs (Sweden); Government Offices of Sweden, 2017.",
        ),
    ]


def test_a_country_not_in_the_report_is_an_empty_view_with_both_notices(ds: Dataset) -> None:
    view = query.country(ds, "Dominica")
    assert view.table.rows == [] and view.table.columns == query.COUNTRY_COLUMNS
    assert view.notice == (
        "'Dominica' is Dominica (DM), not the start of Dominican Republic; "
        "Dominica (DM) is not mentioned in the report"
    )
    assert query.country(ds, "Japan").notice == "Japan (JP) is not mentioned in the report"


def test_countries_counts_each_role(ds: Dataset) -> None:
    counts = _counts(query.countries(ds))
    # actions, top sender, best practices, South-South, events, visitors, figures, named elsewhere, mentions
    assert counts["FR"] == (0, 1, 1, 0, 0, 2, 0, 0, 4)
    assert counts["MX"] == (0, 1, 1, 1, 1, 0, 0, 0, 4)  # sender, practices, "Argentina and Mexico", C40 (Mexico)
    assert counts["ES"] == (1, 0, 1, 0, 1, 1, 0, 0, 4)  # "Spain: Technical Exchange", CIDEU (Spain), Barcelona
    assert counts["SG"] == (0, 0, 0, 0, 2, 0, 0, 0, 2)  # World Cities Summit 2016 and 2018
    assert counts["KR"] == (2, 0, 1, 0, 0, 1, 1, 0, 5)  # the 2018 record amount is a headline figure
    assert counts["CO"] == (0, 0, 0, 0, 0, 0, 1, 3, 4)  # 134 delegations from Colombian cities


def test_countries_within_years_and_most_mentioned_first(ds: Dataset) -> None:
    view = query.countries(ds, (2016, 2016))
    counts = _counts(view)
    assert counts["FR"] == (0, 0, 0, 0, 0, 1, 0, 0, 1)  # Anne Hidalgo; Mignot is 2018, the roles 2016-2018
    assert counts["SG"] == (0, 0, 0, 0, 1, 0, 0, 0, 1)
    names = [(int(str(r["mentions"])), str(r["name_en"])) for r in query.countries(ds).table.rows]
    assert names == sorted(names, key=lambda pair: (-pair[0], pair[1]))
    assert names[:7] == [
        (5, "South Korea"), (5, "United States"),
        (4, "Argentina"), (4, "Colombia"), (4, "France"), (4, "Mexico"), (4, "Spain"),
    ]  # fmt: skip
    first = query.countries(ds).table.rows[0]
    assert (first["a3"], first["name_es"], first["printed_as"]) == ("KOR", "Corea del Sur", ["South Korea", "Korea"])


# --------------------------------------------------------------------------- countries named in a sentence


def test_a_name_printed_in_a_quote_is_a_mention(ds: Dataset) -> None:
    edited = _with_quote(ds, "503 delegations, one of them from Peru")
    assert _named(edited, "PE") == [
        ("2016-2018", "metric: Delegations received", "503 delegations, one of them from Peru"),
    ]
    assert _named(ds, "PE") == []


def test_a_record_with_the_id_of_another_collections_record_still_names_its_country(ds: Dataset) -> None:
    # ids are unique within a collection only: a milestone with the id of the metric that refers to
    # Colombia ("134 delegations ... Colombian cities") is another record, and its quote still names
    # Colombia: "Medellín is the first city in Colombia to join UNESCO's Learning Cities Network"
    edited = copy.deepcopy(ds)
    milestone = next(m for m in edited["milestones"] if m["id"] == "2017-unesco-learning-cities-network")
    milestone["id"] = "colombian-city-delegations-2016-2018"
    quote = "Medellín is the first city in Colombia to join UNESCO’s Learning Cities Network"
    assert ("2017", "milestone: UNESCO’s Learning Cities Network", quote) in _named(edited, "CO")
    assert _named(edited, "CO") == _named(ds, "CO")


def test_a_name_whose_first_word_begins_another_countrys_is_still_found(ds: Dataset) -> None:
    # a name's words are matched at word starts ('Korea' in 'Koreas'): when one country's first
    # word begins another's, a quote with the longer word names both
    edited = _with_quote(ds, "503 delegations, one of them from Spainland")
    next(c for c in edited["countries"] if c["a2"] == "ES")["printed_as"].append("Spai")
    next(c for c in edited["countries"] if c["a2"] == "FR")["printed_as"].append("Spainland")
    for a2 in ("ES", "FR"):
        assert _named(edited, a2) == [
            ("2016-2018", "metric: Delegations received", "503 delegations, one of them from Spainland"),
        ], a2


def test_an_abbreviation_in_a_quote_is_no_mention(ds: Dataset) -> None:
    # 'USA' and 'U.S.' are printed forms of the United States, but three letters or fewer are left out:
    # "30 million U.S. dollars" is a currency
    assert _named(_with_quote(ds, "503 delegations, one of them from the USA"), "US") == []
    assert _named(_with_quote(ds, "503 delegations, one of them from the United States"), "US") != []


def test_a_quote_already_quoted_by_a_record_of_the_country_is_not_named_again() -> None:
    seen = {"the Ambassador of France in Colombia, Gautier Mignot"}  # the quotes of one country's records
    assert query.mentioned._quoted_already("the Ambassador of France in Colombia, Gautier Mignot", seen)  # the same
    assert query.mentioned._quoted_already("Ambassador of France", seen)  # inside the other
    assert query.mentioned._quoted_already("with the Ambassador of France in Colombia, Gautier Mignot; and", seen)
    assert not query.mentioned._quoted_already("Mayor of Paris", seen)
    assert not query.mentioned._quoted_already("Ambassador of France", set())


def test_title_of_a_record() -> None:
    title = query.rows._title
    assert title("event", _record(label="a", name="b")) == ("label", "a")
    assert title("event", _record(name="b", title="c")) == ("name", "b")
    assert title("event", _record(summary="s", title="c")) == ("summary", "s")
    assert title("visitor", _record(title="c", context="d")) == ("title", "c")
    assert title("topics", _record(context="d", printed_as="e")) == ("context", "d")
    assert title("country role", _record(printed_as="e")) == ("printed_as", "e")
    assert title("metric", _record(label=None, count=3)) == ("", "")
    # a count with its number (for people) and what it counts; an award that is not one with its kind
    assert title("tally", _record(count=1500, counted="delegates", subject="x")) == ("counted", "1,500 delegates")
    assert title("award", _record(name="n", kind="award")) == ("name", "n")
    assert title("award", _record(name="n", kind="mention")) == ("name", "n (mention)")
    assert title("country", _record(name_en="Spain", name_es="España")) == ("name_en", "Spain")


# --------------------------------------------------------------------------- mentions: figures, lists, Spanish


def _figure(ds: Dataset, metric_id: str, **changes: object) -> Row:
    edited = copy.deepcopy(ds)
    metric = next(m for m in edited["metrics"] if m["id"] == metric_id)
    metric.update(changes)  # type: ignore[typeddict-item]
    country = str(metric["country"])
    (row,) = (r for r in query.country(edited, country).table.rows if r["role"] == "headline figure")
    return row


def test_a_figure_that_restates_nothing_counts_its_money(ds: Dataset) -> None:
    # the 2018 record amount restates the MOLIT action's USD 12.5 million; on its own it would count it
    assert _figure(ds, "record-cooperation-amount-2018")["amount_usd"] is None
    row = _figure(ds, "record-cooperation-amount-2018", restates=None)
    assert (row["amount_usd"], row["restates"]) == (12_500_000, None)


def test_a_figures_period_and_note_in_the_country_view(ds: Dataset) -> None:
    row = _figure(ds, "colombian-city-delegations-2016-2018", year_basis="not stated", note=None)
    assert (row["period"], row["details"]) == ("not stated (report covers 2016-2018)", "")
    assert _figure(ds, "colombian-city-delegations-2016-2018")["period"] == "2016-2018"


def test_an_actions_partners_are_listed_in_its_details(ds: Dataset) -> None:
    (row,) = (r for r in query.country(ds, "Spain").table.rows if r["role"] == "cooperation partner")
    # "Spain: Technical Exchange with the House of Memory Museum and Madrid City Council."
    assert row["details"] == (
        "modality: technical exchange; partners: Madrid City Council; Medellín's side: House of Memory Museum; "
        "Technical Exchange with the House of Memory Museum and Madrid City Council."
    )


def test_a_countrys_own_record_a_role_or_a_count_does_not_name_a_country(ds: Dataset) -> None:
    edited = copy.deepcopy(ds)
    next(c for c in edited["countries"] if c["a2"] == "IE")["source"]["quote"] = "Ireland, as edited"
    next(r for r in edited["country_roles"] if r["country"] == "FR")["source"]["quote"] = "France and Guyana"
    next(t for t in edited["tallies"] if t["id"] == "2016-2018-best-practices")["source"]["quote"] = "Finland"
    assert _named(edited, "IE") == [] and _named(edited, "GY") == [] and _named(edited, "FI") == []
    # the same words in a record of another kind do name them
    assert _named(_with_quote(ds, "Ireland, as edited"), "IE") != []


def test_country_names_in_spanish(ds: Dataset) -> None:
    from medcoop import i18n
    from medcoop.names import AmbiguousName

    i18n.use("es")
    try:
        if i18n.language != "es":
            pytest.fail("no compiled Spanish catalog: install medcoop (pip install -e .)")
        with pytest.raises(AmbiguousName) as caught:
            query.find_country(ds, "Uni")
        assert "'Estados Unidos', 'Reino Unido' o 'México'" in str(caught.value)
        found, notice = query.find_country(ds, "ME")
        assert isinstance(found, query.NotMentioned) and found.a2 == "ME"
        assert notice == "'ME' es Montenegro (ME), no el comienzo de México"
        assert query.country(ds, "Francia").preface[0] == "Francia · France · FR / FRA · en el informe: France"
    finally:
        i18n.use("en")


def test_search_names_the_kind_of_each_record(ds: Dataset) -> None:
    # "the Ambassador of France in Colombia, Gautier Mignot"
    assert _found(query.search(ds, "Gautier Mignot")) == [
        ("visitor", "2018-gautier-mignot", "2018", "name", "Gautier Mignot")
    ]
    # "Granada, Chile, Peru, Guatemala, Ecuador, Dominican Republic, Bolivia, Burma, ...": Myanmar's role
    kinds = {(row[0], row[1]) for row in _found(query.search(ds, "Burma"))}
    assert ("country role", "south-south-partner-mm") in kinds and ("tally", "2016-2018-south-south-projects") in kinds


def test_a_milestones_note_is_its_details_in_the_partner_view(ds: Dataset) -> None:
    (row,) = (r for r in query.partner(ds, "UNESCO").table.rows if r["record"] == "milestones")
    assert row["details"] == (
        "The first city in Colombia to join; announced at the III International Conference on Learning Cities, "
        "Cork, Ireland. The network seeks to support and accelerate the practice of lifelong learning."
    )


def test_countries_say_why_each_is_listed(ds: Dataset) -> None:
    """A Roles column in words (not 0 0 0 1), one role per count that is not 0, and a legend
    that says why the report's 57 countries are 26 here (a count it does not list)."""
    view = query.countries(ds)
    keys = ["cooperation_actions", "top_mission_sender", "best_practice_partner", "south_south_partner", "events"]
    keys += ["visitors", "headline_figures", "named_in_sentence"]
    for row in view.table.rows:
        assert len(row["roles"]) == sum(1 for k in keys if row[k])  # type: ignore[arg-type]
    roles = {r["a2"]: r["roles"] for r in view.table.rows}
    # "South-South cooperation projects with countries such as: ... Brazil"; the senders: "The United States, Brazil"
    assert roles["BR"] == ["top mission sender", "South-South partner"]
    assert roles["LC"] == ["South-South partner"]
    assert view.table.title == "Countries the report names, and why"
    # "Between 2016 – 2018, Medellín has received 503 delegations from 57 countries"
    assert view.table.legend == (
        "The report names 26 countries; the 57 its delegations came from are a count it does not list.",
    )


def _every_field(m: query.mentioned.Mention) -> tuple[object, ...]:
    return tuple(str(v) if k in ("what", "details") else v for k in m.__slots__ for v in [getattr(m, k)])


@pytest.mark.parametrize("compiled", [False, True], ids=["read from the quotes", "compiled decisions"])
def test_one_countrys_mentions_are_its_rows_of_every_mention(
    ds: Dataset, compiled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`country` builds the mentions of the country asked for only; they are, in order and field
    for field, the rows of that country among every mention (what `countries`, the map and the
    mentions table count), for every country: of the shipped dataset, of one whose quote names
    two countries by words one of which begins the other, and of one whose action lists a country
    twice; read from the quotes, and from decisions compiled beside the dataset (an installed wheel)."""
    import sys
    import types

    spainland = _with_quote(ds, "503 delegations, one of them from Spainland, Korea and Peru")
    next(c for c in spainland["countries"] if c["a2"] == "ES")["printed_as"].append("Spai")
    next(c for c in spainland["countries"] if c["a2"] == "FR")["printed_as"].append("Spainland")
    twice = copy.deepcopy(ds)
    action = next(a for a in twice["actions"] if a["countries"])
    action["countries"].append(action["countries"][0])
    for edited in (ds, spainland, twice):
        if compiled:
            module = types.ModuleType("medcoop._shipped")
            module.DATASET, module.MENTIONS = edited, query.mentioned.decisions(edited)  # type: ignore[attr-defined]
            monkeypatch.setitem(sys.modules, "medcoop._shipped", module)
        every = [_every_field(m) for m in query.mentioned.mentions(edited)]
        assert {m[1] for m in every} >= {"ES", "FR", "KR", "PE"}
        for c in edited["countries"]:
            own = [_every_field(m) for m in query.mentioned.mentions(edited, c["a2"])]
            assert own == [m for m in every if m[1] == c["a2"]], c["a2"]
