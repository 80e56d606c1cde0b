"""Organisations and programmes: partners, one partner's records, programmes and one programme's records."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from medcoop import i18n
from medcoop.i18n import N_, Joined, Msg, _
from medcoop.terms import term
from medcoop.translations import localised
from medcoop.view import Column, Row, View

if TYPE_CHECKING:  # records are plain dicts at run time; names is loaded when a name is looked up
    from medcoop.records import Dataset, Organisation, Record, Source
from medcoop.query import periods
from medcoop.query.periods import Years, _within
from medcoop.query.resolve import find_partner, programme_matcher
from medcoop.query.rows import (
    _REF_FIELDS,
    COLLECTIONS,
    EDITORIAL,
    RECORD_KINDS,
    _apart,
    _corrected,
    _first_match,
    _records,
    _table,
    _title,
    marks,
)

PARTNERS_COLUMNS = (
    Column("id", "Id"),
    Column("name", "Name as printed"),
    Column("name_corrected", "Corrected name"),
    Column("acronym", "Acronym"),
    Column("kind", "Kind"),
    Column("kind_basis", "Kind is"),
    Column("country", "Country"),
    Column("actions", "Actions", "int"),
    Column("awards", "Awards", "int"),
    Column("milestones", "Milestones", "int"),
    Column("tally_items", "Named in a count", "int"),
    Column("events", "Events", "int"),
    Column("visitors", "Visitors", "int"),
    Column("named_in_sentence", "Named elsewhere", "int"),
    EDITORIAL,
)
_PARTNER_COUNTS = ("actions", "awards", "milestones", "tally_items", "events", "visitors", "named_in_sentence")


def _org_mentions(ds: Dataset) -> Iterator[tuple[str, int | None, str, str, str, Source]]:  # noqa: C901 - flat
    """(organisation id, year, role, what, details, source) for every link to an organisation,
    then every record that names one without a link to it (_named_org_mentions); the year is
    None for a record of several years."""
    for a in ds["actions"]:
        for p in a["partners"]:
            yield p, a["year"], "actions", localised(a, "summary") or "", a["details"], a["source"]
        for b in a["beneficiaries"]:
            benefits = Msg("benefits from: {summary}", summary=localised(a, "summary"))
            yield b, a["year"], "actions", benefits, a["heading_as_printed"], a["source"]
    for w in ds["awards"]:
        for ref, role in (
            (w["awarding_body"], Msg("awarding body: {name}", name=_title("award", w)[1])),
            (w["recipient_org"], Msg("recipient: {name}", name=_title("award", w)[1])),
        ):
            if ref:
                yield ref, w["year"], "awards", role, w["recipient"], w["source"]
    for m in ds["milestones"]:
        if m["organisation"]:
            name = localised(m, "name") if m["name_basis"] == "editorial" else m["name"]
            what: str = Msg("{kind}: {name}", kind=term(m["kind"]), name=name)
            yield m["organisation"], m["year"], "milestones", what, localised(m, "note") or "", m["source"]
    yield from _tally_org_mentions(ds)
    for e in ds["events"]:
        if e["organiser"]:
            what = Msg("organiser: {name}", name=e["name"])
            yield e["organiser"], e["year"], "events", what, localised(e, "participation") or "", e["source"]
    for v in ds["visitors"]:
        if v["organisation"]:
            what = Joined((_corrected(v["name"], v["name_corrected"]), v["title"]), ", ")
            yield v["organisation"], v["year"], "visitors", what, "", v["source"]
    yield from _named_org_mentions(ds)


def _named_org_mentions(ds: Dataset) -> Iterator[tuple[str, int | None, str, str, str, Source]]:
    """Records that name an organisation without a link to it ('134 delegations ... visited ACI
    Medellín', 'the Bank of Opportunities attached to the Secretariat of Economic Development'):
    by its name, corrected name, acronym or an alias, as `search` matches words, in the report's
    words of the record: its quote and its passages (an action's details), not the editors'. As
    for a country's mentions, not the records of countries and organisations themselves, nor a
    record whose quote is one that links the organisation (one sentence, one row)."""
    from medcoop.names import fold, word_pattern, word_pieces
    from medcoop.provenance import FIELDS, PASSAGE
    from medcoop.query.mentioned import _quoted_already

    patterns = {
        o["id"]: [p for p in map(word_pattern, {*_org_names(o)}) if p is not None] for o in ds["organisations"]
    }
    # every pattern begins with its name's first piece at a word start: the texts are scanned once
    # for all of them, and only the organisations whose first piece is there are tried
    by_first: dict[str, set[str]] = {}
    for o in ds["organisations"]:
        for name in {*_org_names(o)}:
            pieces = word_pieces(name)
            if pieces:
                by_first.setdefault(pieces[0][0], set()).add(o["id"])
    covers = {p: {oid for q, oids in by_first.items() if p.startswith(q) for oid in oids} for p in by_first}
    firsts = re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, sorted(by_first, key=len, reverse=True))) + ")")
    passages = {name: [f for f, source in fields.items() if source == PASSAGE] for name, fields in FIELDS.items()}
    records = [r for r in _records(ds) if r[0] not in ("organisation", "country", "country role")]
    quotes: dict[str, set[str]] = {}  # organisation -> the quotes of the records that link it
    for *_head, record in records:
        for name in _REF_FIELDS:
            for ref in _refs(record.get(name)):
                quotes.setdefault(ref, set()).add(record["source"]["quote"])
    for kind, _rid, span, record in records:
        linked = {ref for name in _REF_FIELDS for ref in _refs(record.get(name))}
        texts = [record["source"]["quote"], *(t for f in passages[COLLECTIONS[kind]] for t in _refs(record.get(f)))]
        folded = [fold(text) for text in texts]
        candidates = {oid for text in folded for m in firsts.finditer(text) for oid in covers[m.group()]}
        for oid, found in patterns.items():
            if oid not in candidates or oid in linked:
                continue
            if _quoted_already(record["source"]["quote"], quotes.get(oid, set())):
                continue
            naming = next((t for t, f in zip(texts, folded, strict=True) if any(p.search(f) for p in found)), None)
            if naming is not None:
                what = Msg("{kind}: {title}", kind=RECORD_KINDS[kind], title=_title(kind, record)[1])
                year = span.start if span.start == span.end else None
                yield oid, year, "named_in_sentence", what, naming, record["source"]


def _org_names(o: Organisation) -> list[str]:
    """The names an organisation answers to: its name as printed and corrected, acronym, aliases."""
    return [x for x in (o["name"], o["name_corrected"], o["acronym"], o["name_es"], *o["aliases"]) if x]


def _refs(value: object) -> list[str]:
    return [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]


def _tally_org_mentions(ds: Dataset) -> Iterator[tuple[str, int, str, str, str, Source]]:
    """Organisations named as items of a count the report states ('six awards for initiatives
    from the Mobility Secretariat, ...'): labelled as tally items, not as awards."""
    orgs = {o["id"] for o in ds["organisations"]}
    for t in ds["tallies"]:
        for ref in t["named_refs"]:
            if ref in orgs:
                what = Msg(
                    "named among {count} {counted} (a count: the items are not listed one by one)",
                    count=t["count"],
                    counted=t["counted"],
                )
                yield ref, t["period_start"], "tally_items", what, t["source"]["quote"], t["source"]


def _dated_within(years: Years | None, year: int | None) -> bool:
    """Whether a row of that year is in the years asked for: one of several years (None) is in
    none of them, only in the whole report."""
    return years is None or (year is not None and _within(years, year))


def partners(ds: Dataset, years: Years | None = None) -> View:
    counts = {o["id"]: dict.fromkeys(_PARTNER_COUNTS, 0) for o in ds["organisations"]}
    for org, year, kind, *_rest in _org_mentions(ds):
        if _dated_within(years, year):
            counts[org][kind] += 1
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": o["id"],
                "name": o["name"],
                "name_corrected": o["name_corrected"],
                "acronym": o["acronym"],
                "kind": term(o["kind"]),
                "kind_basis": term(o["kind_basis"]),
                "country": o["country"],
                **counts[o["id"]],
                "editorial": marks("organisations", o, {"name_corrected": "name_corrected", "kind": "kind"}),
            },
            o["source"],
        )
        for o in ds["organisations"]
    )
    return View(table=_table(ds, PARTNERS_COLUMNS, rows, title=_("Organisations")))


RECORD_LISTS = {
    key: Msg(key)
    for key in (
        N_("actions"), N_("awards"), N_("milestones"), N_("tally_items"), N_("events"), N_("visitors"),
        N_("named_in_sentence"),
        N_("summary"), N_("topics"), N_("countries"), N_("partners"), N_("tallies"), N_("programmes"),
    )
}  # fmt: skip
"""The listings a partner's or programme's row comes from (the record column)."""

PARTNER_COLUMNS = (
    Column("year", "Year", "year"),
    Column("record", "Record"),
    Column("what", "What"),
    Column("details", "Details"),
    EDITORIAL,
)


def partner(ds: Dataset, name: str, years: Years | None = None) -> View:
    org = find_partner(ds, name)
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "year": year,
                "record": RECORD_LISTS[kind],
                "what": what,
                "details": details or None,
                "editorial": ["what"],  # medcoop's account of the link ("awarding body: ...")
            },
            src,
        )
        for oid, year, kind, what, details, src in sorted(_org_mentions(ds), key=lambda m: (m[1] is None, m[1] or 0))
        if oid == org["id"] and _dated_within(years, year)
    )
    preface = [_corrected(org["name"], org["name_corrected"])]
    preface.append(" · ".join(x for x in (org["acronym"], i18n.shown(term(org["kind"]) or ""), org["country"]) if x))
    if org["correction_basis"]:
        preface.append(Msg("Public record: {basis}", basis=localised(org, "correction_basis")))
    return View(table=_table(ds, PARTNER_COLUMNS, rows), preface=tuple(preface))


PROGRAMMES_COLUMNS = (
    Column("id", "Id"),
    Column("name", "Name"),
    Column("acronym", "Acronym"),
    Column("kind", "Kind"),
    Column("since", "Since", "year"),
    Column("year_basis", "Year is"),
    Column("actions", "Actions"),
    Column("awards", "Awards"),
    Column("description", "Description"),
    Column("note", "Note"),
    EDITORIAL,
)


def programmes(ds: Dataset) -> View:
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": g["id"],
                "name": g["name"],
                "acronym": g["acronym"],
                "kind": term(g["kind"]),
                "since": g["since"],
                "year_basis": term(g["year_basis"]),
                "actions": list(g["actions"]),
                "awards": list(g["awards"]),
                "description": localised(g, "description"),
                "note": localised(g, "note"),
                "editorial": marks("programmes", g, {"description": "description", "note": "note"}),
            },
            g["source"],
        )
        for g in ds["programmes"]
    )
    return View(table=_table(ds, PROGRAMMES_COLUMNS, rows, title=_("Programmes and initiatives")))


PROGRAMME_COLUMNS = (
    Column("period", "Period"),
    Column("record", "Record"),
    Column("what", "What"),
    Column("details", "Details"),
    EDITORIAL,
)

_KIND_LISTS = {
    "metric": "summary", "topics": "topics", "country": "countries", "organisation": "partners",
    "action": "actions", "country role": "countries", "event": "events", "award": "awards",
    "milestone": "milestones", "tally": "tallies", "visitor": "visitors", "programme": "programmes",
}  # fmt: skip
"""The listing that shows each kind of record."""


_NOTES = ("note", "correction_basis", "kind_basis", "basis")
"""The editors' notes on a record, which may name what the record does not (a programme
printed in the paragraph before)."""


def programme(ds: Dataset, name: str, years: Years | None = None) -> View:
    """Everything about one programme: every record that names it (by name, acronym or alias,
    as `search` matches, the editors' notes aside: its own record, figures, tallies ...) or
    refers to it (its actions and awards), in the order of their periods."""
    from medcoop.names import fold, word_pattern

    g = programme_matcher(ds).resolve(name)
    patterns = [p for p in map(word_pattern, filter(None, (g["name"], g["acronym"], *g["aliases"]))) if p is not None]
    linked = {g["id"], *g["actions"], *g["awards"]}

    def names_it(value: str) -> bool:
        folded = fold(value)
        return any(p.search(folded) for p in patterns)

    named = [
        (when, kind, record)
        for kind, rid, when, record in _records(ds)
        if rid in linked or _first_match(record, names_it, _NOTES) is not None
    ]
    found = [(when, kind, record) for when, kind, record in named if periods.keeps(years, when)]
    rows: list[tuple[Row, Source]] = []
    for when, kind, record in sorted(found, key=lambda x: (x[0].start, x[0].end)):
        what, details = _what_and_details(kind, record)
        row: Row = {
            "period": when.label(),
            "record": RECORD_LISTS[_KIND_LISTS[kind]],
            "what": what,
            "details": details,
            "editorial": _programme_marks(kind, record),
        }
        rows.append((row, record["source"]))
    extras, aside = _apart(
        years,
        (
            (when, RECORD_LISTS[_KIND_LISTS[kind]], _what_and_details(kind, record)[0], record["source"])
            for when, kind, record in named
        ),
    )
    # the description and the note in one paragraph: two sentences, not two paragraphs of a line and a word
    about = [text for text in (localised(g, "description"), localised(g, "note") if g["note"] else None) if text]
    preface = (
        " · ".join(x for x in (g["name"], g["acronym"], i18n.shown(term(g["kind"]) or "")) if x),
        i18n.Joined(about, " ") if len(about) > 1 else (about[0] if about else ""),
    )
    return View(table=_table(ds, PROGRAMME_COLUMNS, rows), preface=preface, extras=extras, aside=aside)


def _programme_marks(kind: str, record: Record) -> list[str]:
    """The editorial marks of a programme's row, of the fields _what_and_details shows."""
    if kind == "award":
        return []  # its name and recipient, as printed
    if kind == "action":
        return marks("actions", record, {"what": "summary"})
    if kind == "metric":
        return marks("metrics", record, {"what": "label", "details": "note"})
    details = "description" if record.get("description") else "note"
    return marks(COLLECTIONS[kind], record, {"what": _title(kind, record)[0], "details": details})


def _what_and_details(kind: str, record: Record) -> tuple[str, str | None]:
    """What a record is and its details, as a programme's row shows them."""
    fields: Mapping[str, object] = record

    def text(key: str) -> str | None:
        value = fields.get(key)
        return value if isinstance(value, str) else None

    if kind == "action":
        return localised(fields, "summary") or "", text("details")
    if kind == "award":
        return _title(kind, record)[1], text("recipient")
    if kind == "metric":
        unit = term(text("unit") or "")
        label = localised(fields, "label") or ""
        return Msg("{label}: {value} {unit}", label=label, value=fields["value"], unit=unit), localised(fields, "note")
    return _title(kind, record)[1], localised(fields, "description") or localised(fields, "note")
