"""medcoop.dataset's validation, rule by rule: each rule broken once in a small dataset (the
tiny fixture with one record of each kind added), in English and in the run's language.
Expected messages are written from the rules they state (tests/mutation/dataset.md)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import hypothesis
import pytest
from hypothesis import strategies as st

from medcoop import dataset

from .records import Data, full


def _problems(edit: Callable[[Data], object]) -> list[str]:
    data = full()
    edit(data)
    return dataset.validate(data)  # type: ignore[arg-type]


def _set(path: str, value: object) -> Callable[[Data], None]:
    """An edit: the value at a dotted path ('actions.0.countries.0') replaced."""

    def edit(data: Data) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[int(last) if isinstance(node, list) else last] = value

    return edit


def test_the_full_tiny_dataset_is_valid() -> None:
    assert dataset.validate(full()) == []  # type: ignore[arg-type]


# --------------------------------------------------------------------------- references


UNKNOWN_COUNTRY = [
    "organisations.0.country",
    "metrics.0.country",
    "actions.0.countries.0",
    "country_roles.0.country",
    "events.0.country",
    "visitors.0.country",
]


@pytest.mark.parametrize("where", UNKNOWN_COUNTRY)
def test_every_country_reference_is_checked(where: str) -> None:
    path = "$." + where.replace(".0", "[0]")
    assert f"{path}: unknown country code 'JP'" in _problems(_set(where, "JP"))


UNKNOWN_ORGANISATION = [
    "actions.0.partners.0",
    "events.0.organiser",
    "awards.0.awarding_body",
    "awards.0.recipient_org",
    "visitors.0.organisation",
    "milestones.0.organisation",
]


@pytest.mark.parametrize("where", UNKNOWN_ORGANISATION)
def test_every_organisation_reference_is_checked(where: str) -> None:
    path = "$." + where.replace(".0", "[0]")
    assert _problems(_set(where, "nobody")) == [f"{path}: unknown organisation 'nobody'"]


def test_beneficiaries_are_organisations() -> None:
    problems = _problems(_set("actions.0.beneficiaries", ["idb", "nobody"]))
    assert problems == ["$.actions[0].beneficiaries[1]: unknown organisation 'nobody'"]


def test_missing_references_are_allowed() -> None:
    for where in ("organisations.0.country", "events.0.organiser", "events.0.country", "milestones.0.organisation"):
        assert _problems(_set(where, None)) == [], where


# --------------------------------------------------------------------------- years


YEARS = ["actions.0.year", "events.0.year", "awards.0.year", "visitors.0.year", "milestones.0.year"]


@pytest.mark.parametrize("where", YEARS)
@pytest.mark.parametrize("year", [2015, 2018])
def test_every_year_is_in_the_report_period(where: str, year: int) -> None:
    path = "$." + where.replace(".0", "[0]")
    assert f"{path}: {year} is outside the report period 2016-2017" in _problems(_set(where, year))


@pytest.mark.parametrize("where", YEARS)
@pytest.mark.parametrize("year", [2016, 2017])
def test_both_ends_of_the_report_period_are_in_it(where: str, year: int) -> None:
    problems = _problems(_set(where, year))
    assert not [p for p in problems if "outside the report period" in p], problems


PERIODS = ["metrics.1", "topic_lists.0", "country_roles.0", "tallies.0"]


@pytest.mark.parametrize("where", PERIODS)
def test_every_period_is_checked(where: str) -> None:
    path = "$." + where.replace(".", "[") + "]"
    outside = _problems(lambda d: (_set(f"{where}.period_start", 2015)(d), _set(f"{where}.period_end", 2015)(d)))
    assert _period(outside) == [
        f"{path}.period_start: 2015 is outside the report period 2016-2017",
        f"{path}.period_end: 2015 is outside the report period 2016-2017",
    ]
    reversed_ = _problems(lambda d: (_set(f"{where}.period_start", 2017)(d), _set(f"{where}.period_end", 2016)(d)))
    assert _period(reversed_) == [f"{path}: period_start 2017 is after period_end 2016"]
    one_year = _problems(lambda d: (_set(f"{where}.period_start", 2017)(d), _set(f"{where}.period_end", 2017)(d)))
    assert _period(one_year) == []


def _period(problems: list[str]) -> list[str]:
    """The problems about the report period (other rules may also speak of a year)."""
    return [p for p in problems if "outside the report period" in p or "is after period_end" in p]


def test_the_report_period_and_its_sections() -> None:
    reversed_period = _problems(_set("report.period_start", 2018))
    assert [p for p in reversed_period if p.startswith("$.report:")] == [
        "$.report: period_start 2018 is after period_end 2017"
    ]
    one_year = _problems(lambda d: (_set("report.period_end", 2016)(d), _set("report.sections.2.year", None)(d)))
    assert not [p for p in one_year if p.startswith("$.report")], one_year
    assert _period(_problems(_set("report.sections.2.year", 2018))) == [
        "$.report.sections[2].year: 2018 is outside the report period 2016-2017"
    ]
    assert _period(_problems(_set("report.sections.1.year", 2015))) == [
        "$.report.sections[1].year: 2015 is outside the report period 2016-2017"
    ]


# --------------------------------------------------------------------------- ids


COLLECTIONS = [
    "metrics",
    "topic_lists",
    "organisations",
    "actions",
    "country_roles",
    "events",
    "awards",
    "tallies",
    "visitors",
    "programmes",
]


@pytest.mark.parametrize("name", COLLECTIONS)
def test_ids_are_unique_in_each_collection(name: str) -> None:
    def again(data: Data) -> None:
        data[name].append(copy.deepcopy(data[name][-1]))

    data = full()
    n, last = len(data[name]), data[name][-1]["id"]
    assert f"$.{name}[{n}]: duplicate id {last!r}" in _problems(again)


def test_section_ids_and_country_codes_are_unique() -> None:
    def section_again(data: Data) -> None:
        data["report"]["sections"].append(dict(data["report"]["sections"][2], year=None))

    assert "$.report.sections[3]: duplicate section id '2017'" in _problems(section_again)
    assert _problems(_set("countries.1.a3", "KOR")) == ["$.countries[1]: duplicate country code 'KOR'"]
    a2 = _problems(_set("countries.1.a2", "KR"))
    assert "$.countries[1]: duplicate country code 'KR'" in a2
    assert "$.country_roles[0].country: unknown country code 'GD'" in a2


# --------------------------------------------------------------------------- sources


SOURCES = [
    "countries",
    "organisations",
    "metrics",
    "topic_lists",
    "actions",
    "country_roles",
    "events",
    "awards",
    "tallies",
    "visitors",
    "programmes",
    "milestones",
]


@pytest.mark.parametrize("name", SOURCES)
def test_every_record_has_a_known_section_and_a_quote(name: str) -> None:
    section = _problems(_set(f"{name}.0.source.section", "2019"))
    assert [p for p in section if "source" in p] == [f"$.{name}[0].source.section: unknown section '2019'"]
    assert f"$.{name}[0].source.quote: empty" in _problems(_set(f"{name}.0.source.quote", " \n"))


# --------------------------------------------------------------------------- tallies and programmes


def test_tally_counts() -> None:
    assert _named(_problems(_set("tallies.0.count", 0))) == ["$.tallies[0].named: 1 items named, above the count 0"]
    # as many named as counted: complete, or not; more references than named items
    assert _named(_problems(lambda d: d["tallies"][0].update(count=1, complete=True))) == []
    assert _named(_problems(lambda d: d["tallies"][0].update(count=1))) == []
    assert _problems(_set("tallies.0.complete", True)) == [
        "$.tallies[0].complete: marked complete with 1 of 3 items named"
    ]
    assert _problems(_set("tallies.0.named_refs", ["w-2016", "idb"])) == [
        "$.tallies[0].named_refs: more references (2) than named items (1)"
    ]


def _named(problems: list[str]) -> list[str]:
    """The problems about a tally's named items (another rule checks that its count is printed)."""
    return [p for p in problems if p.startswith(("$.tallies[0].named", "$.tallies[0].complete"))]


def test_tally_references_may_be_any_record_or_country() -> None:
    for ref in ("w-2016", "idb", "KR", "money", "tl-2017", "p-1", "ss-gd", "e-2016", "v-2017", "t-2016"):
        assert _problems(_set("tallies.0.named_refs", [ref])) == [], ref
    assert _problems(_set("tallies.0.named_refs", ["nobody"])) == [
        "$.tallies[0].named_refs[0]: unknown reference 'nobody'"
    ]
    assert _problems(_set("tallies.0.named_refs", ["ms-1"])) == ["$.tallies[0].named_refs[0]: unknown reference 'ms-1'"]


def test_programme_references_and_start() -> None:
    assert "$.programmes[0].since: 2018 is after the report period 2016-2017" in _problems(
        _set("programmes.0.since", 2018)
    )
    assert _problems(_set("programmes.0.since", None)) == []
    older = {"since": 1990, "source": {"section": "2016", "quote": "the forum of mayors, since 1990"}}
    assert _problems(lambda d: d["programmes"][0].update(older)) == []  # a programme may be older than the report
    assert _problems(_set("programmes.0.actions", ["a-2017-korea", "w-2016"])) == [
        "$.programmes[0].actions: unknown action 'w-2016'"
    ]
    assert _problems(_set("programmes.0.awards", ["a-2017-korea"])) == [
        "$.programmes[0].awards: unknown award 'a-2017-korea'"
    ]


# --------------------------------------------------------------------------- list items


@pytest.mark.parametrize(
    ("item", "shown"),
    [
        ("one; two", "'one; two'"),
        ("This is a note.", "'This is a note.'"),
        ("A short note.", "'A short note.'"),
        ("x" * 121, repr("x" * 40)),
    ],
    ids=["separator", "sentence", "three-words", "long"],
)
def test_list_items_are_not_notes(item: str, shown: str) -> None:
    assert _problems(_set("organisations.0.aliases", ["ok", item])) == [
        f"$.organisations[0].aliases[1]: free text in a list ({shown}); notes go in a note field"
    ]


@pytest.mark.parametrize("item", ["St. Louis.", "x" * 120, "one;two", "three words here", "Dr. Who"])
def test_list_items_that_are_items(item: str) -> None:
    assert _problems(_set("organisations.0.aliases", [item])) == []


# --------------------------------------------------------------------------- where values come from


def test_a_printed_value_may_stand_in_a_passage() -> None:
    def edit(data: Data) -> None:
        data["actions"][0]["details"] = (
            "South Korea (financial, mobility): a traffic centre, USD 2.5 million, and a bus lane."
        )
        data["actions"][0]["topics"] = ["mobility", "bus lane"]

    assert _problems(edit) == []
    assert _problems(_set("actions.0.topics", ["bus lane"])) == [
        "$.actions[0].topics: 'bus lane' is not in the record's quote; print it as the report does"
    ]


def test_a_passage_holds_its_quote_or_what_follows_the_heading() -> None:
    assert _problems(_set("actions.0.details", "It built a traffic centre, USD 2.5 million, in Seoul.")) == []
    assert _problems(_set("actions.0.details", "South Korea (financial, mobility)")) == [
        "$.actions[0].details: does not hold the record's quote"
    ]


def test_printed_values_are_whole_words() -> None:
    # the acronym printed in brackets: found although the value begins and ends with a letter
    assert _problems(_set("organisations.0.acronym", "(MOLIT)")) == []
    assert _problems(_set("organisations.0.acronym", "MOLIT)")) == []
    assert _problems(_set("organisations.0.acronym", "OLIT")) == [
        "$.organisations[0].acronym: 'OLIT' is not in the record's quote; print it as the report does"
    ]
    assert _problems(_set("organisations.0.acronym", "MOLI")) == [
        "$.organisations[0].acronym: 'MOLI' is not in the record's quote; print it as the report does"
    ]


def test_printed_values_that_begin_or_end_with_punctuation() -> None:
    # no word boundary is asked for at an end that is not a letter or digit
    glued = {"section": "2017", "quote": "Ministry of Land(MOLIT)2017"}
    assert _problems(lambda d: d["organisations"][0].update(acronym="(MOLIT)", source=glued)) == []
    # a value of letters and signs is a whole word at each end that is a letter or digit
    edges = {"G-8": [], "XG-8": ["'G-8'"], "G-80": ["'G-8'"]}
    for printed, missing in edges.items():
        quote = {"section": "2017", "quote": f"Ministry of Land (MOLIT), {printed}"}
        problems = _problems(lambda d, q=quote: d["organisations"][0].update(acronym="G-8", source=q))  # type: ignore[misc]
        assert problems == [
            f"$.organisations[0].acronym: {m} is not in the record's quote; print it as the report does"
            for m in missing
        ], printed


def test_a_passage_holds_what_follows_the_first_colon() -> None:
    def edit(data: Data) -> None:
        data["actions"][0]["source"]["quote"] = "South Korea: financial, mobility: a traffic centre, USD 2.5 million"
        data["actions"][0]["details"] = "A traffic centre, USD 2.5 million."

    assert _problems(edit) == ["$.actions[0].details: does not hold the record's quote"]


def test_spellings_are_looked_up_in_every_quote() -> None:
    assert _problems(_set("countries.0.printed_as", ["Korea", "Mayor of Seoul"])) == []
    assert _problems(_set("countries.0.printed_as", ["Seoul Korea"])) == [
        "$.countries[0].printed_as: 'Seoul Korea' is in no quote of the dataset"
    ]


def test_a_value_printed_sometimes_has_its_basis() -> None:
    assert _problems(_set("organisations.0.kind_basis", None)) == [
        "$.organisations[0].kind_basis: the quote prints ministry; give its basis"
        " (printed, public record, editorial or derived)"
    ]
    # a country is printed when the quote prints one of its names (Korea, for KR)
    assert _problems(_set("visitors.0.source.quote", "Mayor of Seoul, Jon Smiht, of Korea")) == []
    assert _problems(lambda d: d["visitors"][0].update(country_basis="printed")) == [
        "$.visitors[0].country_basis: the quote does not print KR; give its basis"
        " (printed, public record, editorial or derived)"
    ]
    # only the quote counts, not the record's other fields
    assert _problems(lambda d: d["visitors"][0].update(country_basis="printed", title="Mayor of Seoul, Korea")) == [
        "$.visitors[0].title: 'Mayor of Seoul, Korea' is not in the record's quote; print it as the report does",
        "$.visitors[0].country_basis: the quote does not print KR; give its basis"
        " (printed, public record, editorial or derived)",
    ]
    assert _problems(lambda d: d["milestones"][0].update(name_basis="editorial", name="A club")) == []
    assert _problems(lambda d: d["milestones"][0].update(name="A club")) == [
        "$.milestones[0].name_basis: the quote does not print A club; give its basis"
        " (printed, public record, editorial or derived)"
    ]
    assert _problems(lambda d: d["visitors"][0].update(country=None, country_basis=None)) == []


# --------------------------------------------------------------------------- money counted once


def test_a_restatement_names_an_action_with_that_amount() -> None:
    assert _problems(_set("metrics.0.restates", "nope")) == ["$.metrics[0].restates: unknown action 'nope'"]
    assert _problems(_set("metrics.0.value", 2_400_000)) == [
        "$.metrics[0].restates: 'a-2017-korea' states 2500000 USD, not 2400000 USD"
    ]
    assert _problems(_set("metrics.0.unit", "EUR")) == [
        "$.metrics[0].restates: 'a-2017-korea' states 2500000 USD, not 2500000 EUR"
    ]


def test_an_amount_stated_twice_must_be_linked() -> None:
    twice = "$.metrics[0]: 2500000 USD is also stated by action 'a-2017-korea'; set restates"
    assert _problems(_set("metrics.0.restates", None)) == [twice]
    for start, end in ((2017, 2017), (2016, 2017)):
        edit = {"restates": None, "period_start": start, "period_end": end}
        assert _problems(lambda d, e=edit: d["metrics"][0].update(e)) == [twice], (start, end)  # type: ignore[misc]
    for other in ({"period_end": 2016}, {"value": 2_500_001}, {"country": "GD"}, {"country": None}, {"unit": "EUR"}):
        edit = {"restates": None, **other}
        problems = _problems(lambda d, e=edit: d["metrics"][0].update(e))  # type: ignore[misc]
        assert not [p for p in problems if "also stated by" in p], other


def test_every_metric_is_checked_for_money() -> None:
    assert _problems(_set("metrics.2.restates", "nope")) == ["$.metrics[2].restates: unknown action 'nope'"]

    def later(data: Data) -> None:
        data["metrics"][0].update(unit="EUR", restates=None)
        data["metrics"].append(dict(data["metrics"][0], id="usd", unit="USD"))

    assert _problems(later) == ["$.metrics[3]: 2500000 USD is also stated by action 'a-2017-korea'; set restates"]


def test_an_action_restated_by_one_metric_is_linked_for_all() -> None:
    def another(data: Data) -> None:
        data["metrics"].append(dict(data["metrics"][0], id="money-again", restates=None))

    assert _problems(another) == []


# --------------------------------------------------------------------------- numbers and years in their quotes

COUNT_FORMS = "a count must be printed there (1,500, eight, more than 900)"
AMOUNT_FORMS = "an amount must be printed there, with its currency (USD 12.5 million, 12.5 million U.S. dollars)"


def test_a_count_not_in_its_quote_names_the_forms_it_may_take() -> None:
    assert _problems(_set("metrics.2.value", 301)) == [
        f"$.metrics[2].value: 301 is not in the record's quote; {COUNT_FORMS}"
    ]


def test_a_metric_in_usd_is_an_amount_printed_with_its_currency() -> None:
    def money(quote: str, unit: str = "USD") -> Callable[[Data], None]:
        # on its own: no country, so no action states the amount too
        def edit(data: Data) -> None:
            data["metrics"][0].update(restates=None, country=None, unit=unit)
            data["metrics"][0]["source"]["quote"] = quote

        return edit

    assert _problems(money("In 2016-2017, 2.5 million dollars")) == []
    assert _problems(money("In 2016-2017, 2.5 million")) == [
        f"$.metrics[0].value: USD 2500000 is not in the record's quote; {AMOUNT_FORMS}"
    ]
    assert _problems(money("In 2016-2017, 2.5 million", unit="people")) == []  # a count needs no currency


def test_a_year_of_a_section_without_a_year() -> None:
    assert _problems(_set("events.0.source.section", "introduction")) == [
        "$.events[0].year: 2016 is not the year of its section 'introduction' (-), and its year_basis is section"
    ]


@pytest.mark.parametrize("basis", ["report period", "not stated"])
def test_a_record_over_the_report_period_has_no_year_of_its_own(basis: str) -> None:
    assert _problems(_set("country_roles.0.year_basis", basis)) == []
    assert _problems(lambda d: d["country_roles"][0].update(year_basis=basis, period_start=2017)) == [
        f"$.country_roles[0].period_start: 2017 with year_basis {basis}: the record spans the report period 2016-2017"
    ]


@hypothesis.settings(max_examples=400, deadline=None)
@hypothesis.given(
    value=st.text(alphabet="ab_ .é1", max_size=4),
    texts=st.lists(st.text(alphabet="ab_ .é1-", max_size=12), max_size=3),
)
def test_a_printed_value_is_found_as_whole_words_as_a_regular_expression_would(value: str, texts: list[str]) -> None:
    """The whole-word check of printed values (found with str.find) agrees with the regular
    expression it stands for: the value, no \\w just before it when it begins with a letter or
    digit, none just after it when it ends with one."""
    import re

    from medcoop.validation import _printed

    before = r"(?<!\w)" if value[:1].isalnum() else ""
    after = r"(?!\w)" if value[-1:].isalnum() else ""
    pattern = re.compile(before + re.escape(value) + after)
    assert _printed(value, texts) == any(pattern.search(text) for text in texts)
