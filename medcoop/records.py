"""The records of the medcoop dataset, as typed JSON objects.

A record is the plain dict that the JSON file holds: every key present (null when the
report does not say), nothing else. These TypedDicts describe them for mypy and, through
msgspec, validate a dataset file when it is read (``medcoop.dataset.decode``); the shipped
dataset, checked by the tests, is compiled into the package and needs neither at run time.

No ``from __future__ import annotations`` here: msgspec resolves these annotations when it
builds a decoder, and real objects are cheaper to resolve than strings.
"""

from typing import Annotated, Literal, TypedDict, Union

from msgspec import Meta

NonEmpty = Annotated[str, Meta(min_length=1)]
Id = Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9-]*$")]
A2 = Annotated[str, Meta(pattern=r"^[A-Z]{2}$")]
A3 = Annotated[str, Meta(pattern=r"^[A-Z]{3}$")]
Year = Annotated[int, Meta(ge=1900, le=2100)]
Count = Annotated[int, Meta(ge=0, le=2**63 - 1)]

YearBasis = Literal["stated", "section", "report period", "public record", "not stated"]
"""How a record's year is known: printed in its sentence; from its section (whose
heading was lost, see the section's basis); the report's period ("during the last three
years"); public records; or not stated at all (the sentence gives no period: the record
spans the report's period only because the report does)."""

Basis = Literal["printed", "public record", "editorial", "derived", "ISO 3166"]
"""Where a value that is not quoted comes from: printed in its sentence; public records;
the editors' reading (a label, a kind); derived from other values (a visitor's country
from the city printed); the ISO 3166 standard (country names). A field whose values are
sometimes printed and sometimes not carries one per record, as ``<field>_basis``
(``medcoop.provenance`` declares which fields these are)."""


class Source(TypedDict):
    """Where a fact comes from: a section of the report and a verbatim quote."""

    section: NonEmpty
    quote: NonEmpty


class Section(TypedDict):
    id: NonEmpty
    heading_as_printed: str | None
    year: Year | None
    year_basis: Literal["stated", "inferred", "not applicable"]
    basis: str | None


class Report(TypedDict):
    title_es: NonEmpty
    title_en: NonEmpty
    publisher: NonEmpty
    period_start: Year
    period_end: Year
    language: NonEmpty
    source_text: str
    sections: list[Section]


class Metric(TypedDict):
    id: Id
    measure: NonEmpty
    label: NonEmpty
    value: Count
    qualifier: str | None
    unit: NonEmpty
    period_start: Year
    period_end: Year
    year_basis: YearBasis
    country: A2 | None
    restates: Id | None
    note: str | None
    source: Source


class TopicList(TypedDict):
    id: Id
    context: NonEmpty
    topics: list[NonEmpty]
    period_start: Year
    period_end: Year
    year_basis: YearBasis
    source: Source


class Country(TypedDict):
    a2: A2
    a3: A3
    name_en: NonEmpty
    name_es: NonEmpty
    printed_as: list[NonEmpty]
    aliases: list[NonEmpty]
    iso_names: list[NonEmpty]
    note: str | None
    source: Source


class Organisation(TypedDict):
    id: Id
    name: NonEmpty
    name_corrected: str | None
    correction_basis: str | None
    acronym: str | None
    name_es: str | None
    kind: NonEmpty
    kind_basis: Basis
    country: A2 | None
    aliases: list[NonEmpty]
    source: Source


class Action(TypedDict):
    id: Id
    year: Year
    year_basis: YearBasis
    heading_as_printed: NonEmpty
    partners: list[Id]
    countries: list[A2]
    modality: str | None
    summary: NonEmpty
    details: NonEmpty
    amount_usd: Count | None
    beneficiaries: list[Id]
    topics: list[NonEmpty]
    note: str | None
    source: Source


Role = Literal["top_mission_sender", "best_practice_partner", "south_south_partner"]


class CountryRole(TypedDict):
    id: Id
    country: A2
    role: Role
    printed_as: NonEmpty
    period_start: Year
    period_end: Year
    year_basis: YearBasis
    source: Source


class Event(TypedDict):
    id: Id
    year: Year
    year_basis: YearBasis
    name: NonEmpty
    organiser: Id | None
    city: str | None
    country: A2 | None
    participation: NonEmpty
    note: str | None
    source: Source


class Award(TypedDict):
    id: Id
    year: Year
    year_basis: YearBasis
    year_note: str | None
    name: NonEmpty
    name_corrected: str | None
    correction_basis: str | None
    kind: Literal["award", "mention"]
    awarding_body: Id | None
    recipient: NonEmpty
    recipient_org: Id | None
    note: str | None
    source: Source


class Milestone(TypedDict):
    """A recognition that is no award: a network membership, an appointment."""

    id: Id
    year: Year
    year_basis: YearBasis
    kind: Literal["membership", "appointment"]
    name: NonEmpty
    name_basis: Basis
    organisation: Id | None
    note: str | None
    source: Source


class Tally(TypedDict):
    id: Id
    subject: NonEmpty
    period_start: Year
    period_end: Year
    year_basis: YearBasis
    count: Count
    counted: NonEmpty
    named_what: NonEmpty
    named: list[NonEmpty]
    named_refs: list[NonEmpty]
    complete: bool
    note: str | None
    source: Source


class Visitor(TypedDict):
    id: Id
    year: Year
    year_basis: YearBasis
    name: NonEmpty
    name_corrected: str | None
    title: NonEmpty
    title_corrected: str | None
    correction_basis: str | None
    organisation: Id | None
    country: A2 | None
    country_basis: Basis | None
    city: str | None
    note: str | None
    source: Source


class Programme(TypedDict):
    id: Id
    name: NonEmpty
    acronym: str | None
    aliases: list[NonEmpty]
    kind: NonEmpty
    since: Year | None
    year_basis: YearBasis
    actions: list[Id]
    awards: list[Id]
    description: NonEmpty
    note: str | None
    source: Source


class Dataset(TypedDict):
    schema_version: Literal[1]
    report: Report
    metrics: list[Metric]
    topic_lists: list[TopicList]
    countries: list[Country]
    organisations: list[Organisation]
    actions: list[Action]
    country_roles: list[CountryRole]
    events: list[Event]
    awards: list[Award]
    milestones: list[Milestone]
    tallies: list[Tally]
    visitors: list[Visitor]
    programmes: list[Programme]


Record = Union[
    Metric, TopicList, Country, Organisation, Action, CountryRole, Event, Award, Milestone, Tally, Visitor, Programme
]
"""Any record listed in the dataset (the ones search walks)."""

OBJECT_TYPES = (
    Dataset, Report, Section, Source, Metric, TopicList, Country, Organisation, Action, CountryRole, Event, Award,
    Milestone, Tally, Visitor, Programme,
)  # fmt: skip
KEY_SETS = frozenset(frozenset(t.__annotations__) for t in OBJECT_TYPES)
"""The keys of each kind of JSON object: any other key in a dataset file is an error."""
