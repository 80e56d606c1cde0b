"""Search: every record whose text holds a word, or that a named organisation or programme refers to."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from medcoop.errors import UsageError
from medcoop.i18n import Msg, _
from medcoop.translations import any_translated, localised
from medcoop.view import Column, Row, View

if TYPE_CHECKING:  # records are plain dicts at run time; names is loaded when a name is looked up
    from medcoop.records import Dataset, Record, Source
from medcoop.query import periods
from medcoop.query.periods import Span, Years
from medcoop.query.resolve import partner_matcher, programme_matcher
from medcoop.query.rows import (
    _REF_FIELDS,
    COLLECTIONS,
    EDITORIAL,
    RECORD_KINDS,
    _apart,
    _first_match,
    _may_match,
    _table,
    record_when,
    undated_records,
)

SEARCH_COLUMNS = (
    Column("kind", "Kind"),
    Column("id", "Id"),
    Column("period", "Period"),
    Column("field", "Field"),
    Column("text", "Matching text"),
    EDITORIAL,
    Column("title", "Title"),
)
"""The columns of medcoop search (title last: columns are only ever added)."""

_TITLE_FIELDS = {
    "metric": "label",
    "topics": "context",
    "country": "name_en",
    "action": "heading_as_printed",
    "tally": "counted",
}
"""The field that names a record of each kind, where it is not its `name`."""


def record_title(kind: str, record: Record, countries: dict[str, str]) -> str | None:
    """What names a record in a list of hits: its name, an action's heading, a figure's label;
    a country role, its country's name."""
    if kind == "country role":
        return countries.get(str(record.get("country")))
    field = _TITLE_FIELDS.get(kind, "name")
    return localised(record, field) if isinstance(record.get(field), str) else None


def _named_refs(ds: Dataset, text: str) -> dict[str, str]:
    """{id: name} of the organisations and programmes that text names exactly (a name,
    acronym or alias: 'BID' is the IDB), and of the records a programme links, so that
    the records referring to them are found."""
    found: dict[str, str] = {}
    org = partner_matcher(ds).exact(text)
    if org is not None:
        found[org["id"]] = org["name_corrected"] or org["name"]
    programme = programme_matcher(ds).exact(text)
    if programme is not None:
        found[programme["id"]] = programme["name"]
        for ref in (*programme["actions"], *programme["awards"]):
            found[ref] = programme["name"]
    return found


def _refers(record: Record, rid: str, refs: dict[str, str]) -> tuple[str, str] | None:
    if not refs:  # the text names no organisation or programme: no reference to look at
        return None
    if rid in refs:
        return "id", refs[rid]
    for name in _REF_FIELDS:
        value = record.get(name)
        for ref in value if isinstance(value, list) else [value]:
            if isinstance(ref, str) and ref in refs:
                return name, refs[ref]
    return None


def _not_printed(kind: str, field: str, value: str, record: Record, rule: Callable[..., bool]) -> bool:
    """Whether the text search shows is not the report's words: a field medcoop.provenance says is
    not, or the name of a record this one refers to (an organisation's) that its sentence does not print."""
    if field == "id" or field in _REF_FIELDS:
        from medcoop.provenance import normalise

        return normalise(value) not in normalise(record["source"]["quote"])
    return rule(COLLECTIONS[kind], field, record)


def search(ds: Dataset, text: str, years: Years | None = None) -> View:
    """Every record with a text at whose word starts the words of `text` stand, in order,
    ignoring case and accents (a word in capitals, an acronym, matches whole words only);
    and every record that refers to an organisation or programme `text` names exactly.
    --year keeps the records whose year or period overlaps it, as every listing does."""
    from medcoop.names import fold, word_pattern, word_pieces
    from medcoop.provenance import not_the_reports
    from medcoop.words import search_alternatives

    pattern = word_pattern(text)
    if pattern is None:
        raise UsageError(_("give some text to search for"))
    alternatives = [p for p in map(word_pattern, search_alternatives(text)) if p is not None]
    # one expression for the query and its alternatives: a text is searched once, not once each
    anyone = re.compile("|".join(f"(?:{p.pattern})" for p in (pattern, *alternatives))) if alternatives else pattern
    # the first word of the query and of each alternative: a text without any of them cannot match
    firsts = tuple({word_pieces(t)[0][0] for t in (text, *search_alternatives(text)) if word_pieces(t)})
    if not all(piece.isascii() for piece in firsts):
        firsts = ()  # (rules nothing out: names.ascii_letters keeps ASCII only)
    refs = _named_refs(ds, text)

    def matches(value: str) -> bool:  # the report's text, and the editors' in English: the query or its English
        return anyone.search(fold(value)) is not None

    def says(value: str) -> bool:  # the editors' words in Spanish: the query itself ('mayor' is 'largest' there)
        return pattern.search(fold(value)) is not None

    countries = {c["a2"]: c["name_en"] for c in ds["countries"]}
    rows: list[tuple[Row, Source]] = []
    left: list[tuple[Span, str, str, Source]] = []
    spanish = any_translated()  # else no record has Spanish words to look at
    for kind, rid, record in undated_records(ds):
        when = None  # a record is dated when the years ask, or when it is found
        if years is not None:
            when = record_when(ds, kind, record)
            if not periods.keeps(years, when) and not periods.apart(years, when):
                continue
        found = (
            (_first_match(record, matches) if _may_match(record, anyone, firsts) else None)
            or (_spanish_match(record, says) if spanish else None)
            or _refers(record, rid, refs)
        )
        if found is None:
            continue
        if when is None:
            when = record_when(ds, kind, record)
        field, value = found
        if not periods.keeps(years, when):
            left.append((when, RECORD_KINDS[kind], f"{rid}: {value}", record["source"]))
            continue
        row: Row = {
            "kind": RECORD_KINDS[kind],
            "id": rid,
            "period": when.label(),
            "field": field,
            "text": localised(record, field) if record.get(field) == value else value,
            "editorial": ["text"] if _not_printed(kind, field, value, record, not_the_reports) else [],
            "title": record_title(kind, record, countries),
        }
        rows.append((row, record["source"]))
    title = _("Records matching {text}").format(text=repr(text))
    empty = Msg("No record contains {text}.", text=repr(text))
    extras, aside = _apart(years, left)
    table = _table(ds, SEARCH_COLUMNS, rows, title=title, highlight=text, empty_note=empty)
    return View(table=table, extras=extras, aside=aside)


def _spanish_match(record: Record, matches: Callable[[str], bool]) -> tuple[str, str] | None:
    """(field, English text) of the first of a record's editors' words whose Spanish translation
    matches: a search finds the records whose English or Spanish text says it, in any language."""
    from medcoop.translations import spanish_fields

    translated = spanish_fields(record)
    if not translated:  # nothing of the record is translated (every record of a file without translations)
        return None
    for field, value in record.items():
        if isinstance(value, str):
            spanish = translated.get(field)
            if spanish is not None and matches(spanish):
                return field, value
    return None
