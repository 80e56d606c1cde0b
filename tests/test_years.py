"""What a year filter keeps, in every listing and with --country: the report's period,
a year or a span, the records' periods, the order within a year and names the report
does not know.

Expected values are read from the source text (../shared/seed) and data/medcoop.json: the report covers
2016-2018; 2016's section counts "more than 900 delegates and 250 journalists", 2017's "1,500 delegates and
241 journalists", 2018's "1,400 delegates and 256 journalists".
"""

from __future__ import annotations

import copy

import pytest

from medcoop import query
from medcoop.errors import UsageError
from medcoop.records import Dataset
from medcoop.view import Bars

from .views import _found

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
        ((2017, 2017), 2016, 2018, False),  # a wider period is not dated in the year: shown apart
        ((2016, 2017), 2017, 2018, False),  # nor one that ends after the years
        ((2017, 2018), 2016, 2017, False),  # ... or starts before them
        ((2016, 2018), 2016, 2018, True),  # a period inside the years is dated in them
        ((2018, 2018), 2016, 2017, False),
        ((2016, 2016), 2017, 2018, False),
    ],
)
def test_within_is_the_dated_in_rule(years: tuple[int, int] | None, start: int, end: int | None, inside: bool) -> None:
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


# --------------------------------------------------------------------------- years, listings and --country


DERIVED = ["awards_named", "mentions_named", "milestones", "actions", "events", "visitors", "usd_stated_in_actions"]


def test_years_view_counts_cites_and_charts(ds: Dataset) -> None:
    view = query.years_view(ds, (2017, 2018))
    assert view.table.title == "The report year by year"
    assert view.preface == ()  # the legend of the mark on the derived counts says where they come from
    keys = [c.key for c in query.YEARS_COLUMNS]
    assert [tuple(r[k] for k in keys) for r in view.table.rows] == [
        # 1,500 delegates, 241 journalists, "Six international awards", none named; the Learning Cities Network;
        # five remarked actions; the Cork conference; Grayling, Lehtomamaki, Mohieldin; no amount printed
        (2017, 1500, None, 241, 6, 0, 0, 1, 5, 1, 3, None, DERIVED),
        # 1,400 and 256; no count of awards; two awards named and a mention ("received a mention in the UNESCO
        # Educating Cities Award"); the host appointment; Spain and Korea (USD 12.5 million); the Forum of Mayors,
        # the Climate Action Summit, the World Cities Summit; three personalities
        (2018, 1400, None, 256, None, 2, 1, 1, 2, 3, 3, 12_500_000, DERIVED),
    ]
    assert view.table.citations[0] == (
        "2017",
        "",
        "derived: counts of the records of 2017 in the listings (awards and award mentions, milestones, actions, "
        "events, visitors --year 2017); delegates, journalists and awards stated from section 2017, whose year is "
        "inferred (its heading was lost)",
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
        "mentions_named": 0,
        "milestones": 0,
        "actions": 3,
        "events": 3,
        "visitors": 4,
        "usd_stated_in_actions": None,
        "editorial": DERIVED,
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
        "'Dominica' is Dominica (DM), not the start of Dominican Republic; "
        "Dominica (DM) is not mentioned in the report"
    )


def test_a_country_filter_passes_on_the_notice_of_a_code_that_is_no_start(ds: Dataset) -> None:
    view = query.events(ds, country="ME")
    assert view.table.rows == []
    assert view.notice == (
        "'ME' is Montenegro (ME), not the start of Mexico; Montenegro (ME) is not mentioned in the report"
    )
    view = query.events(ds, country="Mex")
    assert [r["id"] for r in view.table.rows] == ["2016-c40-mayors-summit"]  # "VI Biennial Summit of ... C40 (Mexico)"
    assert view.notice is None
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
    assert south["what"] == "Named among the countries of 17 projects whose knowledge Medellín transferred"
    # a figure that is no money: its value and unit are in what
    figure = query.country(ds, "Colombia").table.rows[0]
    assert figure["what"] == "Delegations from Colombian cities that visited ACI Medellín: 134 delegations"
    assert figure["amount_usd"] is None


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
    # by period: 2016, then 2017 in the listings' order (the programme's own record, named in the 2017 block,
    # after the actions), then 2018
    assert [(r["period"], r["record"], r["what"]) for r in rows] == [
        ("2016", "awards", "2016 Lee Kuan Yew Award"),
        ("2017", "actions", "High-quality education in English, technology and leadership"),  # the listing's order
        (
            "2017",
            "actions",
            "Alliance for Reconciliation Program (PAR in Spanish): two projects of the Medellín Mayor's Office",
        ),
        ("2017 (start not stated)", "programmes", "Alliance for Reconciliation Program"),
        ("2018", "actions", "Technical exchange with the House of Memory Museum and Madrid City Council"),
    ]


def test_search_gives_a_records_period_as_the_report_states_it(ds: Dataset) -> None:
    # "In 2004 ... the Sos Paisa program" is before the report; Bancuadra is named in the 2017 block, its start
    # not stated
    rows = {r["id"]: r["period"] for r in query.search(ds, "Bancuadra").table.rows}
    assert rows["bancuadra"] == "2017 (start not stated)"
    assert rows["2017-bloomberg-bancuadra"] == "2017"
    rows = {r["id"]: r["period"] for r in query.search(ds, "Sos Paisa").table.rows}
    assert rows["sos-paisa"] == "since 2004"  # "In 2004, another international cooperation strategy was born"


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
