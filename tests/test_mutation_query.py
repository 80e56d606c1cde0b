"""medcoop.query's rules, pinned one by one (written against surviving mutants, see tests/mutation/query.md).

Expected values are read from the source text (../shared/seed) and data/medcoop.json: the report covers
2016-2018; 2016's section counts "more than 900 delegates and 250 journalists", 2017's "1,500 delegates and
241 journalists", 2018's "1,400 delegates and 256 journalists".
"""

from __future__ import annotations

import copy
from typing import cast

import pytest

from medcoop import dataset, query
from medcoop.errors import UsageError
from medcoop.records import Dataset, Record
from medcoop.view import Bars, Row, Table, View


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return dataset.load()


@pytest.fixture(autouse=True)
def _english() -> None:
    """The messages below are English: an in-process command of another test may have left Spanish on."""
    from medcoop import i18n

    i18n.use("en")


# --------------------------------------------------------------------------- years


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("2017", (2017, 2017)),
        (" 2018 ", (2018, 2018)),
        ("2016-2017", (2016, 2017)),
        ("2016 \u2013 2018", (2016, 2018)),  # the report's own dash: "Between 2016 – 2018"
        ("2017:2018", (2017, 2018)),
        ("2016-2016", (2016, 2016)),
    ],
)
def test_parse_years_reads_a_year_or_a_range(ds: Dataset, text: str, years: tuple[int, int]) -> None:
    assert query.parse_years(text, ds) == years


def test_parse_years_of_nothing_is_every_year(ds: Dataset) -> None:
    assert query.parse_years(None, ds) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("17", "bad year '17': give a year such as 2016 or a range such as 2016-2018"),
        ("2016-", "bad year '2016-': give a year such as 2016 or a range such as 2016-2018"),
        ("2016 2017", "bad year '2016 2017': give a year such as 2016 or a range such as 2016-2018"),
        ("2018-2016", "bad year range '2018-2016': 2018 is after 2016"),
        ("2015", "year '2015' is outside the report period 2016-2018"),
        ("2019", "year '2019' is outside the report period 2016-2018"),
        ("2015-2016", "year '2015-2016' is outside the report period 2016-2018"),
        ("2018-2019", "year '2018-2019' is outside the report period 2016-2018"),
    ],
)
def test_parse_years_refuses_with_the_reason(ds: Dataset, text: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        query.parse_years(text, ds)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("years", "start", "end", "inside"),
    [
        (None, 2016, None, True),
        ((2017, 2017), 2017, None, True),
        ((2017, 2017), 2016, None, False),
        ((2017, 2017), 2018, None, False),
        ((2017, 2017), 2016, 2018, True),  # a period overlapping the year
        ((2016, 2017), 2017, 2018, True),  # the overlap is one year at the end
        ((2017, 2018), 2016, 2017, True),  # ... or at the start
        ((2018, 2018), 2016, 2017, False),
        ((2016, 2016), 2017, 2018, False),
    ],
)
def test_within_is_the_overlap_rule(years: tuple[int, int] | None, start: int, end: int | None, inside: bool) -> None:
    assert query.periods._within(years, start, end) is inside


@pytest.mark.parametrize(
    ("start", "end", "basis", "text"),
    [
        (2017, 2017, None, "2017"),
        (2016, 2018, None, "2016-2018"),
        (2016, 2018, "stated", "2016-2018"),
        (2016, 2018, "not stated", "not stated (report covers 2016-2018)"),
        (2018, 2018, "not stated", "not stated (report covers 2018)"),
    ],
)
def test_period(start: int, end: int, basis: str | None, text: str) -> None:
    assert query.period(start, end, basis) == text


# --------------------------------------------------------------------------- find_country


@pytest.mark.parametrize(
    ("name", "a2"),
    [("Corea del Sur", "KR"), ("KOR", "KR"), ("Burma", "MM"), ("Granada", "GD"), ("Guat", "GT"), ("Singap", "SG")],
)
def test_a_report_country_by_name_code_or_unique_prefix_has_no_notice(ds: Dataset, name: str, a2: str) -> None:
    found, notice = query.find_country(ds, name)
    assert not isinstance(found, query.NotMentioned)
    assert (found["a2"], notice) == (a2, None)


def test_a_code_that_starts_a_report_country_is_taken_as_its_start(ds: Dataset) -> None:
    # ME is Montenegro's code; 'Me' starts Mexico, which the report names ("Mexico, and France")
    found, notice = query.find_country(ds, "ME")
    assert not isinstance(found, query.NotMentioned) and found["a2"] == "MX"
    assert notice == (
        "'ME' taken as the start of Mexico (MX); "
        "it is also the code of Montenegro (ME), which the report does not mention"
    )


def test_a_three_letter_code_is_a_code_not_a_name(ds: Dataset) -> None:
    # EST (Estonia's alpha-3) starts 'Estados Unidos' (and names of Mexico and Bolivia): with only the
    # United States left, three letters are still a code, so the report's country is kept and the notice says so
    edited = copy.deepcopy(ds)
    edited["countries"] = [c for c in ds["countries"] if c["a2"] not in ("MX", "BO")]
    found, notice = query.find_country(edited, "EST")
    assert not isinstance(found, query.NotMentioned) and found["a2"] == "US"
    assert notice is not None and notice.startswith("'EST' taken as the start of United States (US)")


def test_a_world_name_is_not_a_prefix(ds: Dataset) -> None:
    found, notice = query.find_country(ds, "Dominica")
    assert isinstance(found, query.NotMentioned) and (found.name, found.a2) == ("Dominica", "DM")
    assert notice == "'Dominica' is the name of Dominica, not the start of Dominican Republic"


def test_a_four_letter_world_name_is_a_name_not_a_code(ds: Dataset) -> None:
    # 'Cuba' (four letters) made the start of a report country's alias: a full name wins over a prefix
    edited = copy.deepcopy(ds)
    next(c for c in edited["countries"] if c["a2"] == "CO")["aliases"].append("Cubanacan")
    found, notice = query.find_country(edited, "Cuba")
    assert isinstance(found, query.NotMentioned) and (found.name, found.a2) == ("Cuba", "CU")
    assert notice == "'Cuba' is the name of Cuba, not the start of Colombia"


def test_an_ambiguous_prefix_that_is_a_world_code_says_so(ds: Dataset) -> None:
    from medcoop.names import AmbiguousName

    with pytest.raises(AmbiguousName) as caught:
        query.find_country(ds, "GU")
    assert str(caught.value) == (
        "country 'GU' is ambiguous: it could be 'Guatemala' or 'Guyana'; "
        "'GU' is also Guam (GU), which the report does not mention"
    )


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
        "Among the five countries that sent the largest number of government and business missions to Medellín "
        "during the last three years",
        "Printed as 'France'",
    ),
    # "eight best practices were coordinated with Mexico, South Korea, France, ..."
    (
        "2016-2018",
        "best-practice partner",
        "One of six countries with which eight best practices were coordinated (the topics belong to the eight "
        "practices as a group: see 'medcoop topics')",
        "Printed as 'France'",
    ),
    # "the Ambassador of France in Colombia, Gautier Mignot" (2018): the country is printed
    ("2018", "visitor's country", "Gautier Mignot, Ambassador of France in Colombia", ""),
]


def test_country_lists_every_sentence_in_year_then_role_order(ds: Dataset) -> None:
    view = query.country(ds, "Francia")
    assert [(r["period"], r["role"], r["what"], r["details"]) for r in view.table.rows] == FRANCE_ROWS
    assert all(r["amount_usd"] is None and r["restates"] is None for r in view.table.rows)
    assert [c[0] for c in view.table.citations] == ["2016", "introduction", "introduction", "2018"]
    assert view.preface == ("France · Francia · FR / FRA", "Printed in the report as: France")
    assert view.notice is None


def test_country_keeps_the_mentions_overlapping_the_years(ds: Dataset) -> None:
    rows = query.country(ds, "France", (2018, 2018)).table.rows
    assert [r["what"] for r in rows] == [row[2] for row in FRANCE_ROWS[1:]]
    rows = query.country(ds, "France", (2016, 2017)).table.rows
    assert [r["what"] for r in rows] == [row[2] for row in FRANCE_ROWS[:3]]


def test_country_preface_carries_the_note_and_every_printed_form(ds: Dataset) -> None:
    view = query.country(ds, "CO")
    assert view.preface == (
        "Colombia · Colombia · CO / COL",
        "Printed in the report as: Colombia, Colombian, the country",
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
        "'Dominica' is the name of Dominica, not the start of Dominican Republic; "
        "Dominica (DM) is not mentioned in the report"
    )
    assert query.country(ds, "Japan").notice == "Japan (JP) is not mentioned in the report"


def _counts(view: object) -> dict[str, tuple[object, ...]]:
    keys = [c.key for c in query.COUNTRIES_COLUMNS[5:] if c.kind == "int"]
    return {r["a2"]: tuple(r[k] for k in keys) for r in view.table.rows}  # type: ignore[attr-defined]


def test_countries_say_why_each_is_listed(ds: Dataset) -> None:
    """A Roles column in words (not 0 0 0 1), one role per count that is not 0, and a legend
    that says why the report's 57 countries are 26 here (a count it does not list)."""
    view = query.countries(ds)
    keys = [c.key for c in query.COUNTRIES_COLUMNS[5:] if c.kind == "int" and c.key != "mentions"]
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
    assert counts["FR"] == (0, 1, 1, 0, 0, 1, 0, 0, 3)  # Anne Hidalgo; Gautier Mignot is 2018
    assert counts["SG"] == (0, 0, 0, 0, 1, 0, 0, 0, 1)
    names = [(int(str(r["mentions"])), str(r["name_en"])) for r in query.countries(ds).table.rows]
    assert names == sorted(names, key=lambda pair: (-pair[0], pair[1]))
    assert names[:7] == [
        (5, "South Korea"), (5, "United States"),
        (4, "Argentina"), (4, "Colombia"), (4, "France"), (4, "Mexico"), (4, "Spain"),
    ]  # fmt: skip
    first = query.countries(ds).table.rows[0]
    assert (first["a3"], first["name_es"], first["printed_as"]) == ("KOR", "Corea del Sur", ["South Korea", "Korea"])


# --------------------------------------------------------------------------- summary, awards, milestones


def test_summary_keeps_the_figures_of_the_years_and_sets_the_years_side_by_side(ds: Dataset) -> None:
    view = query.summary(ds, (2017, 2018))
    assert view.preface == (
        "Medellín nodo de conocimiento para el mundo — Special Report on Cooperation 2016, 2017, 2018 (ACI Medellín)",
    )
    ids = [r["metric"] for r in view.table.rows]
    assert "delegates-2016" not in ids and "journalists-2016" not in ids and "delegates-2017" in ids
    assert len(ids) == 16 - 2  # every figure but 2016's two
    assert view.table.title == "Headline figures"
    row = next(r for r in view.table.rows if r["metric"] == "record-cooperation-amount-2018")
    # "12.5 million U.S. dollars for sustainable mobility granted by South Korea" (2018)
    assert (row["value"], row["unit"], row["period"], row["restates"]) == (
        12_500_000, "USD", "2018", "2018-korea-molit-smart-mobility",
    )  # fmt: skip
    delegates, journalists = view.extras
    assert isinstance(delegates, Bars) and isinstance(journalists, Bars)
    assert (delegates.title, delegates.items) == ("Delegates per year", (("2017", 1500), ("2018", 1400)))
    assert (journalists.title, journalists.items) == ("Journalists per year", (("2017", 241), ("2018", 256)))


def test_summary_qualifies_a_value_as_printed(ds: Dataset) -> None:
    from medcoop.cells import human
    from medcoop.columns import choose

    view = choose(query.summary(ds), "summary", table_view=True, wide=False, columns=None, cite=False)
    value = next(c for c in view.table.columns if c.key == "value")
    shown = {r["metric"]: human(value, r) for r in view.table.rows}
    # "more than 900 delegates and 250 journalists" (2016)
    assert (shown["delegates-2016"], shown["journalists-2016"]) == ("more than 900", "250")
    assert "qualifier" not in [c.key for c in view.table.columns]


def test_awards_in_year_order_with_the_counts_stated(ds: Dataset) -> None:
    view = query.awards(ds)
    rows = view.table.rows
    assert view.table.title == "Awards and mentions"
    assert [(r["year"], r["kind"], r["name"]) for r in rows] == [
        (2016, "award", "2016 Lee Kuan Yew Award"),
        (2018, "mention", "UNESCO Educating Cities Award"),
        (2018, "award", "One of the 5 best practices in Latin America and the Caribbean"),
        (2018, "award", "2018 Excellence Award"),
    ]
    # "The Inter-American Development Bank, IDB, awarded EPM": the body by its name, not its id
    assert [r["awarding_body"] for r in rows] == [None, "UNESCO", "Inter-American Development Bank", "NovaGob.Lab"]
    assert rows[1]["note"] is None  # no note, no year note: missing, not ""
    assert rows[2]["note"] == (
        "The report does not print the year; received on 19 March 2018 at the World Water Forum, Brasília."
    )
    (stated,) = view.extras
    assert isinstance(stated, Table) and stated.title == "Counts stated in the report"
    assert [(c.key, c.header) for c in stated.columns] == [("period", "Period"), ("stated", "What the report counts")]
    assert stated.rows == [
        # "Four international awards for the city, including the 2016 Lee Kuan Yew Award"
        {"period": "2016", "stated": "4 international awards for the city, 1 named: the 2016 Lee Kuan Yew Award"},
        # "Six international awards for initiatives from the Mobility Secretariat, the Comptroller General ..."
        {
            "period": "2017",
            "stated": "6 international awards for initiatives, none named; recipients named: the Mobility "
            "Secretariat, the Comptroller General of Medellín, the House of Memory Museum, the Secretariat of "
            "Environment",
        },
    ]


def test_awards_of_a_year(ds: Dataset) -> None:
    view = query.awards(ds, (2017, 2017))
    assert view.table.rows == []
    stated = view.extras[0]
    assert isinstance(stated, Table) and [r["period"] for r in stated.rows] == ["2017"]
    assert [r["year"] for r in query.awards(ds, (2016, 2016)).table.rows] == [2016]


def test_milestones_name_the_organisation(ds: Dataset) -> None:
    view = query.milestones(ds)
    assert view.table.title == "Memberships and appointments"
    assert [(r["id"], r["year"], r["kind"], r["organisation"]) for r in view.table.rows] == [
        ("2017-unesco-learning-cities-network", 2017, "membership", "UNESCO"),
        ("2018-world-cities-summit-2019-host", 2018, "appointment", None),
    ]
    assert [r["id"] for r in query.milestones(ds, (2018, 2018)).table.rows] == ["2018-world-cities-summit-2019-host"]


# --------------------------------------------------------------------------- partners and partner


def _partner_counts(view: object) -> dict[str, tuple[object, ...]]:
    keys = ("actions", "awards", "milestones", "tally_items", "events", "visitors")
    return {r["id"]: tuple(r[k] for k in keys) for r in view.table.rows}  # type: ignore[attr-defined]


def test_partners_count_each_kind_of_link(ds: Dataset) -> None:
    counts = _partner_counts(query.partners(ds))
    # "IDB's III Ibero-American Forum of Mayors" (event) and "The Inter-American Development Bank, IDB, awarded EPM"
    assert counts["idb"] == (0, 1, 0, 0, 1, 0)
    assert counts["epm"] == (0, 1, 0, 0, 0, 0)  # the recipient of that award
    assert counts["unesco"] == (0, 1, 1, 0, 0, 0)  # the Educating Cities mention; the Learning Cities Network
    # "Technical Exchange with the House of Memory Museum" (2018); "Six international awards for initiatives from
    # ... the House of Memory Museum" (2017): a count's item, not an award
    assert counts["house-of-memory-museum"] == (1, 0, 0, 1, 0, 0)
    assert counts["world-bank"] == (1, 0, 0, 0, 0, 1)  # "World Bank: Provided consultancy"; Mahmoud Mohieldin
    assert counts["secretariat-of-youth"] == (1, 0, 0, 0, 0, 0)  # benefits from Canada's action
    assert counts["aci-medellin"] == (0, 0, 0, 0, 0, 0)
    assert query.partners(ds).table.title == "Organisations"


def test_partners_count_within_years(ds: Dataset) -> None:
    counts = _partner_counts(query.partners(ds, (2017, 2017)))
    assert counts["house-of-memory-museum"] == (0, 0, 0, 1, 0, 0)
    assert counts["idb"] == (0, 0, 0, 0, 0, 0)
    assert counts["unesco"] == (0, 0, 1, 0, 0, 0)


def test_partner_preface_shows_the_correction_and_its_basis(ds: Dataset) -> None:
    view = query.partner(ds, "Bloomberg Philanthropy")
    assert view.preface == (
        "Bloomberg Philanthropy (corrected: Bloomberg Philanthropies)",
        "foundation",
        "The organisation's name is Bloomberg Philanthropies (bloomberg.org); Medellín's Bancuadra won a Bloomberg "
        "Mayors Challenge prize on 30 November 2016.",
    )
    assert query.partner(ds, "IDB").preface == ("Inter-American Development Bank", "IDB · multilateral bank")
    assert query.partner(ds, "EPM").preface == ("EPM", "utility · CO")


def test_partner_lists_its_links_in_year_order(ds: Dataset) -> None:
    rows = query.partner(ds, "Mobility Secretariat").table.rows
    assert rows == [
        {
            "year": 2017,
            "record": "tally_items",
            "what": "named among 6 international awards for initiatives (a count: the items are not listed one by one)",
            "details": "Six international awards for initiatives from the Mobility Secretariat, the Comptroller "
            "General of Medellín, the House of Memory Museum, and the Secretariat of Environment",
        },
        {
            "year": 2018,
            "record": "actions",
            "what": "benefits from: Smart mobility: integrated traffic management center",
            "details": "South Korea",  # the action's heading as printed
        },
    ]
    assert [r["year"] for r in query.partner(ds, "Mobility Secretariat", (2018, 2018)).table.rows] == [2018]


def test_partner_links_of_awards_events_milestones_and_visitors(ds: Dataset) -> None:
    idb = query.partner(ds, "IDB").table.rows
    assert [(r["record"], r["what"], r["details"]) for r in idb] == [
        ("awards", "awarding body: One of the 5 best practices in Latin America and the Caribbean", "EPM"),
        ("events", "organiser: III Ibero-American Forum of Mayors", "participation"),
    ]
    epm = query.partner(ds, "EPM").table.rows
    assert [r["what"] for r in epm] == ["recipient: One of the 5 best practices in Latin America and the Caribbean"]
    unesco = query.partner(ds, "UNESCO").table.rows
    assert unesco[0]["what"] == "membership: UNESCO’s Learning Cities Network"
    sweden = query.partner(ds, "Chancellery of Sweden").table.rows
    assert sweden == [
        {
            "year": 2018,
            "record": "visitors",
            "what": "Oscar Stentsön (corrected: Oscar Stenström), Deputy Minister of Trade Affairs of the European "
            "Union, Chancellery of Sweden",
            "details": None,  # nothing more to say: missing, not ""
        }
    ]
    canada = query.partner(ds, "Embassy of Canada").table.rows
    assert [(r["year"], r["record"], r["what"]) for r in canada] == [
        (2016, "actions", "Inclusive economic growth and support to the consolidation of peace")
    ]


# --------------------------------------------------------------------------- search


def _found(view: object) -> list[tuple[object, ...]]:
    return [(r["kind"], r["id"], r["period"], r["field"], r["text"]) for r in view.table.rows]  # type: ignore[attr-defined]


def test_search_reports_the_first_matching_field_of_each_record(ds: Dataset) -> None:
    view = query.search(ds, "Cork")
    # "the III International Conference on Learning Cities held in Cork, Ireland" (2017)
    assert _found(view) == [
        ("country", "IE", "2016-2018", "source.quote", "held in Cork, Ireland"),
        ("event", "2017-learning-cities-conference", "2017", "city", "Cork"),
        (
            "milestone",
            "2017-unesco-learning-cities-network",
            "2017",
            "note",
            "The first city in Colombia to join; announced at the III International Conference on Learning Cities, "
            "Cork, Ireland. The network seeks to support and accelerate the practice of lifelong learning.",
        ),
    ]
    assert (view.table.title, view.table.highlight) == ("Records matching 'Cork'", "Cork")
    assert [c[0] for c in view.table.citations] == ["2017", "2017", "2017"]


def test_search_within_years(ds: Dataset) -> None:
    assert [row[1] for row in _found(query.search(ds, "Cork", (2018, 2018)))] == ["IE"]  # a country spans the period


def test_search_finds_records_that_refer_to_an_organisation_by_another_name(ds: Dataset) -> None:
    # "Medellín’s Secretariat of Mobility" (2018) and "the Mobility Secretariat" (2017), asked for in Spanish
    assert _found(query.search(ds, "Secretaría de Movilidad")) == [
        ("organisation", "secretariat-of-mobility", "2016-2018", "aliases", "Secretaría de Movilidad"),
        ("action", "2018-korea-molit-smart-mobility", "2018", "beneficiaries", "Secretariat of Mobility"),
        ("tally", "2017-international-awards", "2017", "named_refs", "Secretariat of Mobility"),
    ]
    # "The Inter-American Development Bank, IDB, awarded EPM": found through the recipient's other name
    assert _found(query.search(ds, "Empresas Públicas de Medellín"))[1] == (
        "award", "2018-idb-river-sanitation-best-practice", "2018", "recipient_org", "EPM",
    )  # fmt: skip


def test_named_refs_of_an_organisation_and_of_a_programme(ds: Dataset) -> None:
    assert query.searching._named_refs(ds, "Empresas Públicas de Medellín") == {"epm": "EPM"}
    assert query.searching._named_refs(ds, "IDB") == {"idb": "Inter-American Development Bank"}
    assert query.searching._named_refs(ds, "Bloomberg") == {"bloomberg-philanthropies": "Bloomberg Philanthropies"}
    # "Alliance for Reconciliation Program (PAR in Spanish)": the programme and the action it links
    assert query.searching._named_refs(ds, "PAR") == {
        "alliance-for-reconciliation-program": "Alliance for Reconciliation Program",
        "2017-us-alliance-for-reconciliation": "Alliance for Reconciliation Program",
    }
    assert query.searching._named_refs(ds, "Semilleros Infantiles de Participación Ciudadana") == {
        "semilleros-infantiles": "Semilleros Infantiles de Participación Ciudadana",
        "2018-unesco-educating-cities-mention": "Semilleros Infantiles de Participación Ciudadana",
    }
    assert query.searching._named_refs(ds, "Cork") == {}


def _record(**fields: object) -> Record:
    return cast("Record", fields)


def test_refers_by_id_or_by_a_reference_field() -> None:
    refs = {"idb": "Inter-American Development Bank"}
    assert query.searching._refers(_record(organiser="idb"), "e-1", refs) == ("organiser", "Inter-American Development Bank")
    assert query.searching._refers(_record(partners=["x", "idb"]), "a-1", refs) == ("partners", "Inter-American Development Bank")
    assert query.searching._refers(_record(name="idb"), "idb", refs) == ("id", "Inter-American Development Bank")
    assert query.searching._refers(_record(name="idb", partners=["x"], organiser=None), "a-2", refs) is None


def test_first_match_skips_ids_and_references_and_walks_lists_and_the_source() -> None:
    def has_x(text: str) -> bool:
        return "x" in text

    record = _record(id="x", partners=["x"], year=2017, name="a", aliases=["b", "x1"], source={"quote": "x2"})
    assert query.rows._first_match(record, has_x) == ("aliases", "x1")
    record = _record(id="x", organiser="x", name="a", source={"section": "2017", "quote": "x2"})
    assert query.rows._first_match(record, has_x) == ("source.quote", "x2")
    assert query.rows._first_match(_record(name="x0", aliases=["x1"]), has_x) == ("name", "x0")
    assert query.rows._first_match(_record(name="a", count=3, aliases=[None, 4]), has_x) is None


@pytest.mark.parametrize("text", ["", "   ", "?!"])
def test_search_for_no_words_is_a_usage_error(ds: Dataset, text: str) -> None:
    with pytest.raises(UsageError) as caught:
        query.search(ds, text)
    assert str(caught.value) == "give some text to search for"


# --------------------------------------------------------------------------- sections, tallies, programmes, topics


def test_sections_preface_and_citations(ds: Dataset) -> None:
    view = query.sections(ds)
    title = "Medellín nodo de conocimiento para el mundo — Special Report on Cooperation 2016, 2017, 2018"
    assert view.preface[:2] == (title, "Publisher: ACI Medellín · period 2016-2018 · language en")
    assert view.preface[2].startswith("Text of ACI Medellín's web page")
    assert view.table.title == "Sections"
    assert [r["section"] for r in view.table.rows] == ["introduction", "2016", "2017", "2018"]
    assert [r["year"] for r in view.table.rows] == [None, 2016, 2017, 2018]
    # the introduction prints no heading: its quote is the report's title; each block's heading as printed
    assert view.table.citations == (
        ("introduction", "Special Report on Cooperation 2016, 2017, 2018", None),
        ("2016", "Remarked cooperation actions", None),
        ("2017", "Remarked cooperation actions", None),
        ("2018", "Remarked cooperation actions", None),
    )


def test_tallies_of_a_year(ds: Dataset) -> None:
    view = query.tallies(ds, (2017, 2017))
    assert view.table.title == "Counts stated in the report"
    rows = {r["id"]: r for r in view.table.rows}
    # 2016's and 2018's own counts are out; the period's counts overlap 2017
    assert list(rows) == [
        "2017-international-awards",
        "2016-2018-best-practices",
        "2016-2018-south-south-projects",
        "2017-par-projects",
    ]
    # "eight best practices were coordinated with Mexico, South Korea, France, the United States, the United
    # Kingdom, and Spain"
    practices = rows["2016-2018-best-practices"]
    assert (practices["count"], practices["named_count"], practices["complete"]) == (8, 6, "no")
    assert practices["period"] == "2016-2018"
    assert rows["2016-2018-south-south-projects"]["period"] == "not stated (report covers 2016-2018)"
    assert rows["2017-par-projects"]["complete"] == "yes"  # "It benefited two projects ...": both named


def test_programme_preface_and_links(ds: Dataset) -> None:
    view = query.programme(ds, "PAR")
    assert view.preface == (
        "Alliance for Reconciliation Program · PAR · program",
        "The U.S. cooperation action of 2017; it benefited two projects of the Medellín Mayor's Office.",
        "'PAR in Spanish': the acronym is that of the Spanish name, which the report does not print.",
    )
    # its own record (no period stated), then the 2017 action: "Alliance for Reconciliation Program (PAR in
    # Spanish). It benefited two projects of the Medellín Mayor's Office"
    assert [(r["period"], r["record"]) for r in view.table.rows] == [
        ("not stated (report covers 2016-2018)", "programmes"),
        ("2017", "actions"),
    ]
    # 2018 keeps only what overlaps it: the programme's own record, whose period is not stated
    assert [r["record"] for r in query.programme(ds, "PAR", (2018, 2018)).table.rows] == ["programmes"]
    view = query.programme(ds, "Medellín River Sanitation Program")
    assert len(view.preface) == 2  # no note
    # "The Inter-American Development Bank, IDB, awarded EPM for its Medellín River Sanitation Program as one of
    # the 5 best practices in Latin America and the Caribbean": EPM's partner record quotes it, then the
    # programme's own record, the 2018 award and the 2018 count of best practices
    assert [(r["period"], r["record"], r["what"]) for r in view.table.rows] == [
        ("2016-2018", "partners", "EPM"),
        ("not stated (report covers 2016-2018)", "programmes", "Medellín River Sanitation Program"),
        ("2018", "awards", "One of the 5 best practices in Latin America and the Caribbean"),
        ("2018", "tallies", "best practices"),
    ]
    assert view.table.rows[2]["details"] == "EPM"


def test_programmes_list_their_links(ds: Dataset) -> None:
    view = query.programmes(ds)
    assert view.table.title == "Programmes and initiatives"
    rows = {r["id"]: r for r in view.table.rows}
    assert rows["sos-paisa"]["since"] == 2004  # "In 2004, another international cooperation strategy was born"
    assert rows["comprehensive-master-plan-for-mobility"]["actions"] == ["2016-korea-mobility-master-plan"]
    assert rows["semilleros-infantiles"]["awards"] == ["2018-unesco-educating-cities-mention"]
    assert rows["alliance-for-reconciliation-program"]["acronym"] == "PAR"


def test_topics_one_row_per_topic_in_printed_order(ds: Dataset) -> None:
    view = query.topics(ds)
    assert view.table.title == "Topics"
    rows = view.table.rows
    assert len(rows) == 7 + 5 + 7
    # "The topics they are interested the most are the following: urban planning, environment and mobility;
    # transformation; investment; peacebuilding, government and security; and economic development."
    interests = [(r["position"], r["topic"]) for r in rows if r["id"] == "delegation-interests"]
    assert interests == [
        (1, "urban planning, environment and mobility"),
        (2, "transformation"),
        (3, "investment"),
        (4, "peacebuilding, government and security"),
        (5, "economic development"),
    ]
    assert {r["period"] for r in rows} == {"2016-2018"}


# --------------------------------------------------------------------------- years, listings and --country


def test_years_view_counts_cites_and_charts(ds: Dataset) -> None:
    view = query.years_view(ds, (2017, 2018))
    assert view.table.title == "The report year by year"
    assert view.preface == (
        "Counts per year are derived from the dataset's records; USD is the sum of the amounts actions state.",
    )
    keys = [c.key for c in query.YEARS_COLUMNS]
    assert [tuple(r[k] for k in keys) for r in view.table.rows] == [
        # 1,500 delegates, 241 journalists, "Six international awards", none named; the Learning Cities Network;
        # five remarked actions; the Cork conference; Grayling, Lehtomamaki, Mohieldin; no amount printed
        (2017, 1500, None, 241, 6, 0, 1, 5, 1, 3, None),
        # 1,400 and 256; no count of awards; three awards named; the host appointment; Spain and Korea (USD 12.5
        # million); the Forum of Mayors, the Climate Action Summit, the World Cities Summit; three personalities
        (2018, 1400, None, 256, None, 3, 1, 2, 3, 3, 12_500_000),
    ]
    assert view.table.citations[0] == (
        "2017",
        "",
        "derived: counts of the records of 2017 in the listings (awards, milestones, actions, events, visitors "
        "--year 2017); delegates, journalists and awards stated from section 2017",
    )
    delegates, journalists = view.extras
    assert isinstance(delegates, Bars) and isinstance(journalists, Bars)
    assert (delegates.title, delegates.items) == ("Delegates per year", (("2017", 1500), ("2018", 1400)))
    assert journalists.items == (("2017", 241), ("2018", 256))


def test_years_view_of_2016(ds: Dataset) -> None:
    (row,) = query.years_view(ds, (2016, 2016)).table.rows
    # "more than 900 delegates and 250 journalists"; "Four international awards", the Lee Kuan Yew Award named;
    # Canada, Korea, the World Bank; CIDEU, World Cities Summit, C40; Hidalgo, Thorne, Rodas, Pisarello
    assert row == {
        "year": 2016,
        "delegates": 900,
        "delegates_qualifier": "more than",
        "journalists": 250,
        "awards_stated": 4,
        "awards_named": 1,
        "milestones": 0,
        "actions": 3,
        "events": 3,
        "visitors": 4,
        "usd_stated_in_actions": None,
    }


def test_actions_show_names_not_ids(ds: Dataset) -> None:
    view = query.actions(ds, (2016, 2016))
    assert view.table.title == "Cooperation actions" and view.notice is None
    rows = {r["id"]: r for r in view.table.rows}
    assert list(rows) == ["2016-canada-inclusive-growth", "2016-korea-mobility-master-plan", "2016-world-bank-tif"]
    # "Embassy of Canada: ... to support the projects of the Secretariat of Youth and the Secretariat of Social
    # Inclusion and Family (Victims Unit)"
    canada = rows["2016-canada-inclusive-growth"]
    assert canada["partners"] == ["Embassy of Canada"]
    assert canada["beneficiaries"] == [
        "Secretariat of Youth",
        "Secretariat of Social Inclusion and Family (Victims Unit)",
    ]
    assert canada["countries"] == ["CA"] and canada["programmes"] == []
    # "the Comprehensive Master Plan for Mobility of Medellín"
    assert rows["2016-korea-mobility-master-plan"]["programmes"] == [
        "Comprehensive Master Plan for Mobility of Medellín"
    ]
    assert rows["2016-world-bank-tif"]["modality"] == "consultancy"  # "Provided consultancy"


def test_actions_name_a_partner_by_its_corrected_name_and_filter_by_beneficiary(ds: Dataset) -> None:
    (row,) = query.actions(ds, partner="Bank of Opportunities").table.rows  # a beneficiary, not a partner
    assert row["id"] == "2017-bloomberg-bancuadra"
    assert row["partners"] == ["Bloomberg Philanthropies"] and row["beneficiaries"] == ["Bank of Opportunities"]
    assert [r["id"] for r in query.actions(ds, modality="Consultancy").table.rows] == ["2016-world-bank-tif"]
    assert [r["id"] for r in query.actions(ds, (2016, 2016), modality="financial").table.rows] == []


def test_a_country_filter_on_a_country_not_in_the_report_keeps_nothing_and_says_why(ds: Dataset) -> None:
    for listing in (query.actions, query.events, query.visitors):
        view = listing(ds, country="Japan")
        assert view.table.rows == [] and view.notice == "Japan (JP) is not mentioned in the report"
    view = query.events(ds, country="Dominica")
    assert view.table.rows == []
    assert view.notice == (
        "'Dominica' is the name of Dominica, not the start of Dominican Republic; "
        "Dominica (DM) is not mentioned in the report"
    )


def test_a_country_filter_passes_on_the_notice_of_a_code_taken_as_a_start(ds: Dataset) -> None:
    view = query.events(ds, country="ME")
    assert [r["id"] for r in view.table.rows] == ["2016-c40-mayors-summit"]  # "VI Biennial Summit of ... C40 (Mexico)"
    assert view.notice is not None and view.notice.startswith("'ME' taken as the start of Mexico (MX)")
    view = query.visitors(ds, (2016, 2016), country="Francia")
    assert [(r["id"], r["city"], r["country_basis"]) for r in view.table.rows] == [
        ("2016-anne-hidalgo", "Paris", "derived")  # "Mayor of Paris, Anne Hidalgo"
    ]
    assert view.notice is None and view.table.title == "Visiting personalities"
    assert query.events(ds, (2018, 2018), country="Singapore").table.title == "International events"
    assert [r["id"] for r in query.events(ds, (2018, 2018), country="Singapore").table.rows] == [
        "2018-world-cities-summit"
    ]


def test_country_rows_of_figures_actions_events_and_visitors(ds: Dataset) -> None:
    rows = query.country(ds, "South Korea").table.rows
    assert [(r["period"], r["role"]) for r in rows] == [
        ("2016", "cooperation partner"),  # "South Korea: This cooperation activity sought to start up ..."
        ("2016-2018", "best-practice partner"),
        ("2018", "headline figure"),  # "12.5 million U.S. dollars for sustainable mobility granted by South Korea"
        ("2018", "cooperation partner"),  # "(MOLIT) bet on the city's smart mobility with ... USD 12.5 million"
        ("2018", "visitor's country"),  # "Mayor of Chuncheon, South Korea; Read Jea Su"
    ]
    figure, action = rows[2], rows[3]
    # the figure restates the 2018 action's money: the action counts it, the figure names what it restates
    assert (figure["amount_usd"], figure["restates"]) == (None, "2018-korea-molit-smart-mobility")
    assert figure["what"] == "Highest cooperation amount in ACI Medellín's history, for sustainable mobility"
    assert (action["amount_usd"], action["restates"]) == (12_500_000, None)
    assert str(action["details"]).startswith(
        "partners: Ministry of Land, Transport, and Infrastructure of Korea; The Ministry of Land"
    )
    assert rows[4]["what"] == "Read Jea Su (corrected: Lee Jae-soo), Mayor of Chuncheon, South Korea"
    # an event's details: participation, city, note
    (cork,) = query.country(ds, "Ireland").table.rows
    assert (cork["role"], cork["what"]) == (
        "event's country (as printed with it)",
        "III International Conference on Learning Cities",
    )
    assert cork["details"] == "announcement of Medellín joining UNESCO's Learning Cities Network; Cork"
    summit = query.country(ds, "Singapore", (2018, 2018)).table.rows
    assert [r["details"] for r in summit] == ["participation; Medellín was appointed to host the event in 2019."]
    # "achieving the transfer of knowledge of 17 projects with countries such as: ... Argentina and Mexico"
    south = next(r for r in query.country(ds, "Argentina").table.rows if r["role"] == "South-South partner")
    assert south["period"] == "not stated (report covers 2016-2018)"
    assert south["what"] == "Named among the countries of 17 South-South projects with knowledge transferred"
    # a figure that is no money: its value and unit are in what
    figure = query.country(ds, "Colombia").table.rows[0]
    assert figure["what"] == "Delegations from Colombian cities that visited ACI Medellín: 134 delegations"
    assert figure["amount_usd"] is None


# --------------------------------------------------------------------------- countries named in a sentence


def _with_quote(ds: Dataset, quote: str) -> Dataset:
    """The dataset with the 503-delegations figure quoting other words (a record that refers to no country)."""
    edited = copy.deepcopy(ds)
    metric = next(m for m in edited["metrics"] if m["id"] == "delegations-2016-2018")
    metric["source"]["quote"] = quote
    return edited


def _named(ds: Dataset, a2: str) -> list[tuple[object, ...]]:
    rows = query.country(ds, a2).table.rows
    return [(r["period"], r["what"], r["details"]) for r in rows if r["role"] == "named in the sentence"]


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
    assert query.rows._title(_record(label="a", name="b")) == ("label", "a")
    assert query.rows._title(_record(name="b", title="c")) == ("name", "b")
    assert query.rows._title(_record(summary="s", title="c")) == ("summary", "s")
    assert query.rows._title(_record(title="c", subject="d")) == ("title", "c")
    assert query.rows._title(_record(subject="d")) == ("subject", "d")
    assert query.rows._title(_record(label=None, count=3)) == ("", "")


# --------------------------------------------------------------------------- order within a year, unknown names


def test_a_partners_links_of_one_year_keep_the_listings_order(ds: Dataset) -> None:
    # were UNESCO named as the organiser of the Cork conference (2017), its 2017 rows would be the membership,
    # then the event: by year, and within a year in the order of the listings (milestones before events)
    edited = copy.deepcopy(ds)
    next(e for e in edited["events"] if e["id"] == "2017-learning-cities-conference")["organiser"] = "unesco"
    rows = query.partner(edited, "UNESCO").table.rows
    assert [(r["year"], r["record"]) for r in rows] == [(2017, "milestones"), (2017, "events"), (2018, "awards")]


def test_a_programmes_links_in_year_order(ds: Dataset) -> None:
    edited = copy.deepcopy(ds)
    par = next(g for g in edited["programmes"] if g["id"] == "alliance-for-reconciliation-program")
    par["actions"] = ["2018-spain-house-of-memory", "2017-marina-orth-education", "2017-us-alliance-for-reconciliation"]
    par["awards"] = ["2016-lee-kuan-yew-award"]
    rows = query.programme(edited, "PAR").table.rows
    # by period: 2016, then the programme's own record (not stated: the report's whole period, 2016-2018),
    # then 2017 in the listing's order, then 2018
    assert [(r["period"], r["record"], r["what"]) for r in rows] == [
        ("2016", "awards", "2016 Lee Kuan Yew Award"),
        ("not stated (report covers 2016-2018)", "programmes", "Alliance for Reconciliation Program"),
        ("2017", "actions", "High-quality education in English, technology and leadership"),  # the listing's order
        (
            "2017",
            "actions",
            "Alliance for Reconciliation Program (PAR in Spanish): two projects of the Medellín Mayor's Office",
        ),
        ("2018", "actions", "Technical exchange with the House of Memory Museum and Madrid City Council"),
    ]


def test_search_gives_a_records_period_as_the_report_states_it(ds: Dataset) -> None:
    # "In 2004 ... the Sos Paisa program" is before the report; Bancuadra's sentence states no period
    rows = {r["id"]: r["period"] for r in query.search(ds, "Bancuadra").table.rows}
    assert rows["bancuadra"] == "not stated (report covers 2016-2018)"
    assert rows["2017-bloomberg-bancuadra"] == "2017"
    rows = {r["id"]: r["period"] for r in query.search(ds, "Sos Paisa").table.rows}
    assert rows["sos-paisa"] == "2016-2018"  # since 2004: within the report, its whole period


def test_search_finds_the_records_a_programme_links_by_its_other_names(ds: Dataset) -> None:
    edited = copy.deepcopy(ds)
    motor = next(g for g in edited["programmes"] if g["id"] == "motor-route-program")
    motor["aliases"] = ["Ruta Motor"]
    found = _found(query.search(edited, "Ruta Motor"))
    assert ("action", "2017-sweden-motor-route", "2017", "id", "Motor Route Program") in found


def test_an_unknown_programme_or_partner_is_named_as_such(ds: Dataset) -> None:
    from medcoop.names import UnknownName

    with pytest.raises(UnknownName) as caught:
        query.programme(ds, "Nothing like it")
    assert str(caught.value) == "unknown programme 'Nothing like it'"
    with pytest.raises(UnknownName) as caught:
        query.partner(ds, "Nothing like it")
    assert str(caught.value) == "unknown partner 'Nothing like it'"


# --------------------------------------------------------------------------- every listing's rows


def _every_view(ds: Dataset) -> dict[str, View]:
    return {
        "summary": query.summary(ds),
        "awards": query.awards(ds),
        "milestones": query.milestones(ds),
        "actions": query.actions(ds),
        "events": query.events(ds),
        "visitors": query.visitors(ds),
        "partners": query.partners(ds),
        "partner": query.partner(ds, "IDB"),
        "years": query.years_view(ds),
        "search": query.search(ds, "Medellín"),
        "sections": query.sections(ds),
        "tallies": query.tallies(ds),
        "programmes": query.programmes(ds),
        "programme": query.programme(ds, "PAR"),
        "topics": query.topics(ds),
        "country": query.country(ds, "South Korea"),
        "countries": query.countries(ds),
    }


def test_every_row_holds_its_columns_in_order_and_has_a_citation(ds: Dataset) -> None:
    for name, view in _every_view(ds).items():
        keys = [c.key for c in view.table.columns]
        assert view.table.rows, name
        assert all(list(row) == keys for row in view.table.rows), name
        assert len(view.table.citations) == len(view.table.rows), name
        for extra in view.extras:
            if isinstance(extra, Table):
                assert all(list(row) == [c.key for c in extra.columns] for row in extra.rows), name


def test_programmes_say_how_their_year_is_known(ds: Dataset) -> None:
    rows = {r["id"]: r for r in query.programmes(ds).table.rows}
    # "In 2004, another international cooperation strategy was born ..., the Sos Paisa program"
    assert rows["sos-paisa"]["year_basis"] == "stated"
    assert rows["bancuadra"]["year_basis"] == "not stated"


def test_a_year_without_a_delegates_figure(ds: Dataset) -> None:
    edited = copy.deepcopy(ds)
    edited["metrics"] = [m for m in ds["metrics"] if m["id"] != "delegates-2016"]
    row = query.years_view(edited, (2016, 2016)).table.rows[0]
    assert (row["delegates"], row["delegates_qualifier"], row["journalists"]) == (None, None, 250)


def test_a_section_without_a_printed_heading_is_cited_without_a_quote(ds: Dataset) -> None:
    edited = copy.deepcopy(ds)
    next(s for s in edited["report"]["sections"] if s["id"] == "2016")["heading_as_printed"] = None
    citations = query.sections(edited).table.citations
    assert citations[0] == ("introduction", "Special Report on Cooperation 2016, 2017, 2018", None)
    assert citations[1] == ("2016", "", None)  # only the introduction is cited by the report's title


def test_partners_add_up_links_of_one_kind_and_show_the_kind(ds: Dataset) -> None:
    edited = copy.deepcopy(ds)
    next(e for e in edited["events"] if e["id"] == "2016-world-cities-summit")["organiser"] = "idb"
    rows = {r["id"]: r for r in query.partners(edited).table.rows}
    assert rows["idb"]["events"] == 2  # its own forum of mayors (2018) and, so edited, a summit
    assert rows["idb"]["kind"] == "multilateral bank"
    assert rows["bloomberg-philanthropies"]["name_corrected"] == "Bloomberg Philanthropies"  # printed "Philanthropy"


def test_tallies_say_what_the_named_items_are(ds: Dataset) -> None:
    rows = {r["id"]: r for r in query.tallies(ds).table.rows}
    # "eight best practices were coordinated with Mexico, South Korea, ...": the items named are countries
    assert rows["2016-2018-best-practices"]["named_what"] == "countries"
    assert rows["2016-international-awards"]["named_what"] == "awards"


def test_a_milestone_without_a_note_has_no_details_in_the_partner_view(ds: Dataset) -> None:
    edited = copy.deepcopy(ds)
    next(m for m in edited["milestones"] if m["id"] == "2017-unesco-learning-cities-network")["note"] = None
    rows = query.partner(edited, "UNESCO").table.rows
    assert [(r["record"], r["details"]) for r in rows if r["year"] == 2017] == [("milestones", None)]


def test_a_count_of_awards_that_names_several() -> None:
    assert query.rows._tally_text(4, "awards", "awards", ["A", "B"]) == "4 awards, 2 named: A, B"
    assert query.rows._tally_text(4, "awards", "awards", ["A"]) == "4 awards, 1 named: A"
    assert query.rows._tally_text(6, "awards", "recipients", ["X", "Y"]) == "6 awards, none named; recipients named: X, Y"


def test_awards_keep_a_count_whose_period_overlaps_the_years(ds: Dataset) -> None:
    edited = copy.deepcopy(ds)
    next(t for t in edited["tallies"] if t["id"] == "2016-international-awards")["period_end"] = 2017
    for years in ((2016, 2016), (2017, 2017)):
        stated = query.awards(edited, years).extras[0]
        assert isinstance(stated, Table)
        assert stated.rows[0]["period"] == "2016-2017", years
    assert query.awards(ds, (2016, 2016)).table.rows[0]["name_corrected"] == "Lee Kuan Yew World City Prize 2016"


def test_countries_count_a_period_that_ends_in_the_years(ds: Dataset) -> None:
    counts = _counts(query.countries(ds, (2018, 2018)))
    assert counts["FR"] == (0, 1, 1, 0, 0, 1, 0, 0, 3)  # the 2016-2018 roles and Gautier Mignot (2018)


def test_events_and_visitors_name_their_organisations(ds: Dataset) -> None:
    events = {r["id"]: r for r in query.events(ds).table.rows}
    # "IDB's III Ibero-American Forum of Mayors (Argentina)"
    assert events["2018-idb-forum-of-mayors"]["organiser"] == "Inter-American Development Bank"
    assert events["2018-world-cities-summit"]["organiser"] is None
    assert events["2017-learning-cities-conference"]["city"] == "Cork"  # "held in Cork, Ireland"
    visitors = {r["id"]: r for r in query.visitors(ds).table.rows}
    # "Senior Vice President of the World Bank, Mahmoud Mohieldin"
    assert visitors["2017-mahmoud-mohieldin"]["organisation"] == "World Bank"
    assert visitors["2016-anne-hidalgo"]["organisation"] is None
    assert visitors["2017-christopher-grayling"]["title_corrected"] == "Secretary of State for Transport (2016–2019)"


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
        "modality: technical exchange; partners: House of Memory Museum, Madrid City Council; "
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
        assert not isinstance(found, query.NotMentioned) and found["a2"] == "MX"
        assert notice is not None and "México (MX)" in notice
        assert query.country(ds, "Francia").preface[0] == "Francia · France · FR / FRA"
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
    # ISO 3166 names the country 'North Macedonia': the only one with 'Macedonia' in its name
    found, notice = query.find_country(ds, "Macedonia")
    assert isinstance(found, query.NotMentioned) and (found.name, found.a2) == ("North Macedonia", "MK")
    assert notice == "'Macedonia' taken as North Macedonia, the only country with that name in it"


def test_close_names_are_three_at_most_the_reports_first(ds: Dataset) -> None:
    from medcoop import names
    from medcoop.names import UnknownName

    names._world.cache_clear()  # not a world another test built with pycountry's Spanish names hidden
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


def test_a_programme_keeps_a_record_whose_period_overlaps_the_years(ds: Dataset) -> None:
    # PAR's own record states no period (2016-2018): 2016 keeps it; its action is of 2017
    rows = query.programme(ds, "PAR", (2016, 2016)).table.rows
    assert [(r["period"], r["record"]) for r in rows] == [("not stated (report covers 2016-2018)", "programmes")]


def test_a_programmes_figures_show_label_value_unit_and_note(ds: Dataset) -> None:
    # "the Sos Paisa program has supported 40 contributions from Paisas living abroad. Also, Sos Paisa has
    # coordinated 19 meetings ..."; "it has coordinated 40 contributions and 19 meetings in 12 countries"
    notes = {m["id"]: m["note"] for m in ds["metrics"]}
    rows = query.programme(ds, "Sos Paisa").table.rows
    assert [(r["period"], r["record"], r["what"], r["details"]) for r in rows] == [
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
        ("2016-2018", "programmes", "Sos Paisa", ds["programmes"][0]["description"]),
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
            "not stated (report covers 2016-2018)",
            "programme: Bancuadra",
            "the Bancuadra project, as edited to name Peru",
        )
    ]
