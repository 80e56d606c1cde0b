"""What every listing shares: the record walk, citations, table building, the editors' marks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, cast

from medcoop import i18n
from medcoop.i18n import N_, Msg, _, ngettext
from medcoop.query import periods
from medcoop.query.periods import Span, Years, record_span
from medcoop.terms import term
from medcoop.translations import localised
from medcoop.view import Column, Row, Table

if TYPE_CHECKING:  # records are plain dicts at run time; names is loaded when a name is looked up
    from medcoop.records import Award, Country, Dataset, Programme, Record, Source, Tally


Citation = tuple[str, str, "str | None"]


def marks(collection: str, record: Mapping[str, object], columns: Mapping[str, str | tuple[str, ...]]) -> list[str]:
    """The columns of a row that are not the report's words (medcoop.provenance's one rule)."""
    from medcoop.provenance import marks as provenance_marks

    return provenance_marks(collection, record, columns)


EDITORIAL = Column("editorial", "Editorial")
"""The last column of every listing: the keys of the row's columns that are not the report's words."""


def _cite(source: Source, bases: Mapping[str, str | None] | None = None) -> Citation:
    return (source["section"], source["quote"], (bases or {}).get(source["section"]))


def cite_bases(ds: Dataset) -> dict[str, str | None]:
    """Section -> what a quoted row rests on besides its quote: how the section's year is known
    (the block years are inferred, their headings lost), so that --cite's basis is never empty."""
    bases: dict[str, str | None] = {}
    rep = ds["report"]
    for s in rep["sections"]:
        if s["year_basis"] == "inferred":
            bases[s["id"]] = Msg(
                "section {section}: its year is inferred, its heading lost ({basis})",
                section=s["id"],
                basis=localised(s, "basis") or "",
            )
        elif s["year_basis"] == "stated":
            bases[s["id"]] = Msg("section {section}: its heading states the year", section=s["id"])
        else:
            bases[s["id"]] = Msg(
                "section {section}: no year of its own; a row's period is the one its sentence states, "
                "within the report's {start}-{end}",
                section=s["id"],
                start=str(rep["period_start"]),
                end=str(rep["period_end"]),
            )
    return bases


def _table(ds: Dataset | None, columns: tuple[Column, ...], found: Iterable[tuple[Row, Source]], **kw: object) -> Table:
    pairs = list(found)
    bases = cite_bases(ds) if ds is not None else None
    return Table(
        columns=columns,
        rows=[row for row, _src in pairs],
        citations=tuple(_cite(src, bases) for _row, src in pairs),
        **kw,  # type: ignore[arg-type]
    )


def _join(items: Iterable[str]) -> str:
    """Texts joined by '; '; with medcoop's or the editors' words among them (i18n.Localized),
    joined so that each part is shown in the run's language."""
    kept = list(items)
    if any(isinstance(item, i18n.Localized) for item in kept):
        return i18n.Joined(kept)
    return "; ".join(kept)


def _names(ids: Iterable[str], names: dict[str, str]) -> list[str]:
    return [names[i] for i in ids]


def _corrected(printed: str, corrected: str | None) -> str:
    return printed if not corrected else Msg("{printed} (corrected: {corrected})", printed=printed, corrected=corrected)


def _title(kind: str, record: Record) -> tuple[str, str]:
    """(field, text) of what names a record of a kind in a row ("metric: ...", "awards: ..."), as
    people read it: the editors' words with their Spanish translation (translations.localised); a
    country by its name in the run's language; a count with what it counts, as the report prints
    it ("5 best practices in Latin America and the Caribbean"); an award that is not an award (a
    mention) with its kind. The field is the one the editorial mark is read from. THE rule of the
    rows that name a record in the country, partner and programme views."""
    if kind == "tally":
        tally = cast("Tally", record)
        return "counted", Msg("{count} {counted}", count=tally["count"], counted=tally["counted"])
    if kind == "country":
        country = cast("Country", record)
        return "name_en", i18n.Named(country["name_en"], country["name_es"])
    if kind == "award" and cast("Award", record)["kind"] != "award":
        award = cast("Award", record)
        return "name", Msg("{name} ({kind})", name=award["name"], kind=term(award["kind"]))
    for key in ("label", "name", "summary", "title", "context", "printed_as"):
        if isinstance(record.get(key), str):
            return key, localised(record, key) or ""
    return "", ""


_ACTION_DETAILS = ("modality", "details")
_EVENT_DETAILS = ("participation", "city", "note")
_VISITOR_DETAILS = ("title_corrected", "correction_basis")
"""The fields an action's, an event's or a visitor's details in the country view are made of."""


def _editors(*cells: tuple[str, str, Mapping[str, object], str]) -> tuple[str, ...]:
    """The columns of a row that hold the editors' words: of (column, collection, record, field)
    each, the columns some value of whose fields medcoop.provenance declares the editors'."""
    from medcoop.provenance import not_the_reports

    return tuple(dict.fromkeys(column for column, name, record, field in cells if not_the_reports(name, field, record)))


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


def _records(ds: Dataset) -> Iterator[tuple[str, str, Span, Record]]:
    """(kind, id, when, record) of every record (medcoop.periods dates a country, an
    organisation and a programme)."""
    for kind, rid, record in undated_records(ds):
        yield kind, rid, record_when(ds, kind, record), record


def undated_records(ds: Dataset) -> Iterator[tuple[str, str, Record]]:
    """(kind, id, record) of every record, in the order of _records, without dating them
    (record_when does, for the records that need it)."""
    for kind, collection in COLLECTIONS.items():
        key = "a2" if kind == "country" else "id"
        for record in ds[collection]:  # type: ignore[literal-required]
            yield kind, record[key], record


def record_when(ds: Dataset, kind: str, record: Record) -> Span:
    """When a record of a kind is dated: its own years, a country's and an organisation's by the
    section that names it, a programme's by its start."""
    if kind in ("country", "organisation"):
        return periods.entity_span(ds, record["source"])
    if kind == "programme":
        programme = cast("Programme", record)
        return periods.programme_span(ds, programme["since"], programme["year_basis"], programme["source"])
    return record_span(record)


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


_NOT_TEXT = frozenset({"id", *_REF_FIELDS})


def _may_match(record: Record, pattern: re.Pattern[str], pieces: tuple[str, ...]) -> bool:
    """False when no string _first_match tries can match the pattern once folded (names.fold):
    when none of the words every match begins with (`pieces`: folded, ASCII; none to rule out
    nothing) is in the ASCII letters of the record's strings (names.ascii_letters), which every
    folded ASCII word is a part of; else whether the pattern matches one of them, folded.

    Each is one search over all the strings, one per line, rather than one each: a folded text
    holds no line break, and a pattern of words (names.word_regex) never spans one ('.' is not
    a line break; a word starts or ends at a line break as at a text's ends). Most records are
    settled without folding any of their strings."""
    from medcoop.names import ascii_letters, fold

    texts: list[str] = []  # in any order: whether one matches is the question
    for name, value in record.items():
        if type(value) is str:
            if name not in _NOT_TEXT:
                texts.append(value)
        elif type(value) is list:
            if name not in _NOT_TEXT:
                texts += [item for item in value if type(item) is str]
        elif type(value) is dict:
            texts += [item for item in value.values() if type(item) is str]
    if pieces:
        letters = ascii_letters("\n".join(texts))
        if not any(piece in letters for piece in pieces):
            return False
    return pattern.search("\n".join(map(fold, texts))) is not None


APART_COLUMNS = (Column("period", "Period"), Column("record", "Record"), Column("what", "What"))


def _apart(years: Years | None, found: Iterable[tuple[Span, str, str, Source]]) -> tuple[tuple[Table, ...], str | None]:
    """(extras, aside) of a view of `years`: the records it shows apart, not by year (a table
    for the table view; a line on stderr for the other formats). Of (when, record, what, source)."""
    if years is None:
        return (), None
    rows: list[tuple[Row, Source]] = [
        ({"period": periods.apart_label(when), "record": record, "what": what}, source)
        for when, record, what, source in found
        if periods.apart(years, when)
    ]
    if not rows:
        return (), None
    shown = str(years[0]) if years[0] == years[1] else f"{years[0]}-{years[1]}"
    title = Msg("Not by year: covering a wider or unstated period, not counted in {years}", years=shown)
    return (_table(None, APART_COLUMNS, rows, title=title),), periods.apart_notice(len(rows), years)
