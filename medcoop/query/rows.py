"""What every listing shares: the record walk, citations, table building, the editors' marks."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from medcoop import i18n
from medcoop.i18n import N_, Msg, _, ngettext
from medcoop.view import Column, Row, Table

if TYPE_CHECKING:  # records are plain dicts at run time; names is loaded when a name is looked up
    from medcoop.records import Dataset, Record, Source


Citation = tuple[str, str, "str | None"]


def _cite(source: Source) -> Citation:
    return (source["section"], source["quote"], None)


def _table(columns: tuple[Column, ...], found: Iterable[tuple[Row, Source]], **kw: object) -> Table:
    pairs = list(found)
    return Table(
        columns=columns,
        rows=[row for row, _src in pairs],
        citations=tuple(_cite(src) for _row, src in pairs),
        **kw,  # type: ignore[arg-type]
    )


def _join(items: Iterable[str]) -> str:
    return "; ".join(items)


def _names(ids: Iterable[str], names: dict[str, str]) -> list[str]:
    return [names[i] for i in ids]


def _corrected(printed: str, corrected: str | None) -> str:
    return printed if not corrected else Msg("{printed} (corrected: {corrected})", printed=printed, corrected=corrected)


def _title(record: Record) -> tuple[str, str]:
    """(field, value) of the text that names a record."""
    for key in ("label", "name", "summary", "title", "subject"):
        value = record.get(key)
        if isinstance(value, str):
            return key, value
    return "", ""


_ACTION_DETAILS = ("modality", "details")
_EVENT_DETAILS = ("participation", "city", "note")
_VISITOR_DETAILS = ("title_corrected", "correction_basis")
"""The fields an action's, an event's or a visitor's details in the country view are made of."""


def _editors(*cells: tuple[str, str, Mapping[str, object], str]) -> tuple[str, ...]:
    """The columns of a row that hold the editors' words: of (column, collection, record, field)
    each, the columns some value of whose fields medcoop.provenance declares the editors'."""
    from medcoop.provenance import editors_value

    return tuple(dict.fromkeys(column for column, name, record, field in cells if editors_value(name, field, record)))


def _qualified(value: int, qualifier: str | None) -> str:
    """A value for people (table view only): 'more than 900', 'más de 900'."""
    return f"{_(qualifier)} {i18n.number(value)}" if qualifier else i18n.number(value)


def _tally_text(count: int, counted: str, named_what: str, named: list[str]) -> str:
    """A count as the table view says it: '4 international awards for the city, 1 named: ...'."""
    names = ", ".join(named)
    if named_what == "awards":
        return ngettext(
            "{count} {counted}, {named} named: {names}", "{count} {counted}, {named} named: {names}", len(named)
        ).format(count=count, counted=counted, named=len(named), names=names)
    return _("{count} {counted}, none named; {named_what} named: {names}").format(
        count=count, counted=counted, named_what=_(named_what), names=names
    )


RECORD_KINDS = {
    kind: Msg(kind)
    for kind in (
        N_("metric"), N_("topics"), N_("country"), N_("organisation"), N_("action"), N_("country role"),
        N_("event"), N_("award"), N_("milestone"), N_("tally"), N_("visitor"), N_("programme"),
    )
}  # fmt: skip
"""The kinds of record, as search and the country view name them (translated where people read them)."""

COLLECTIONS = {
    "metric": "metrics", "topics": "topic_lists", "country": "countries", "organisation": "organisations",
    "action": "actions", "country role": "country_roles", "event": "events", "award": "awards",
    "milestone": "milestones", "tally": "tallies", "visitor": "visitors", "programme": "programmes",
}  # fmt: skip
"""Kind of record -> its collection in the dataset (medcoop.provenance declares its fields)."""


def _records(ds: Dataset) -> Iterator[tuple[str, str, int, int, str | None, Record]]:  # noqa: C901 - flat
    """(kind, id, first year, last year, year basis, record) of every record; a record
    with no year of its own (a country, an organisation) spans the report's period."""
    lo, hi = ds["report"]["period_start"], ds["report"]["period_end"]
    for m in ds["metrics"]:
        yield "metric", m["id"], m["period_start"], m["period_end"], m["year_basis"], m
    for t in ds["topic_lists"]:
        yield "topics", t["id"], t["period_start"], t["period_end"], t["year_basis"], t
    for c in ds["countries"]:
        yield "country", c["a2"], lo, hi, None, c
    for o in ds["organisations"]:
        yield "organisation", o["id"], lo, hi, None, o
    for a in ds["actions"]:
        yield "action", a["id"], a["year"], a["year"], a["year_basis"], a
    for r in ds["country_roles"]:
        yield "country role", r["id"], r["period_start"], r["period_end"], r["year_basis"], r
    for e in ds["events"]:
        yield "event", e["id"], e["year"], e["year"], e["year_basis"], e
    for w in ds["awards"]:
        yield "award", w["id"], w["year"], w["year"], w["year_basis"], w
    for ms in ds["milestones"]:
        yield "milestone", ms["id"], ms["year"], ms["year"], ms["year_basis"], ms
    for t2 in ds["tallies"]:
        yield "tally", t2["id"], t2["period_start"], t2["period_end"], t2["year_basis"], t2
    for v in ds["visitors"]:
        yield "visitor", v["id"], v["year"], v["year"], v["year_basis"], v
    for g in ds["programmes"]:
        first = lo if g["since"] is None else max(g["since"], lo)
        yield "programme", g["id"], first, hi, g["year_basis"], g


_REF_FIELDS = (
    "partners", "beneficiaries", "organiser", "awarding_body", "recipient_org", "organisation", "named_refs",
    "restates", "actions", "awards",
)  # fmt: skip
"""Fields of a record that refer to other records by id."""


def _first_match(record: Record, matches: Callable[[str], bool], skip: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """(field path, text) of the first string of a record, in field order, that matches;
    ids and references are left out (they are for machines), and the fields in `skip`. Lists
    hold strings; the one object inside a record is its source."""
    for name, item in record.items():
        if name == "id" or name in _REF_FIELDS or name in skip:
            continue
        if type(item) is str:
            if matches(item):
                return name, item
        elif type(item) is list:
            for element in item:
                if type(element) is str and matches(element):
                    return name, element
        elif type(item) is dict:
            for key, text in item.items():
                if type(text) is str and matches(text):
                    return f"{name}.{key}", text
    return None
