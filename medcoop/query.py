"""Pure queries over a loaded dataset: resolve names, filter, build rows. No printing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from msgspec import Struct

from medcoop.dataset import Country, Dataset, Organisation, Source
from medcoop.errors import UsageError
from medcoop.names import Matcher, UnknownName, world_country
from medcoop.view import Bars, Cell, Column, Row, Table, View

Years = tuple[int, int]

_YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-\u2013:]\s*(\d{4})\s*)?$")


def parse_years(text: str | None, ds: Dataset) -> Years | None:
    """'2017' -> (2017, 2017); '2016-2017' -> (2016, 2017); inside the report period."""
    if text is None:
        return None
    lo, hi = ds.report.period_start, ds.report.period_end
    match = _YEARS.match(text)
    if not match:
        raise UsageError(f"bad year {text!r}: give a year such as {lo} or a range such as {lo}-{hi}")
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if start > end:
        raise UsageError(f"bad year range {text!r}: {start} is after {end}")
    if start < lo or end > hi:
        raise UsageError(f"year {text!r} is outside the report period {lo}-{hi}")
    return start, end


def _within(years: Years | None, start: int, end: int | None = None) -> bool:
    end = start if end is None else end
    return years is None or (start <= years[1] and end >= years[0])


def period(start: int, end: int) -> str:
    return str(start) if start == end else f"{start}-{end}"


def _cite(source: Source) -> tuple[str, str]:
    return (source.section, source.quote)


def _table(columns: tuple[Column, ...], found: Iterable[tuple[Row, Source]], **kw: object) -> Table:
    pairs = list(found)
    return Table(
        columns=columns,
        rows=[row for row, _ in pairs],
        citations=tuple(_cite(src) for _, src in pairs),
        **kw,  # type: ignore[arg-type]
    )


def _join(items: Iterable[str]) -> str:
    return "; ".join(items)


def _corrected(printed: str, corrected: str | None) -> str:
    return printed if not corrected else f"{printed} (corrected: {corrected})"


# --------------------------------------------------------------------------- names


def org_names(ds: Dataset) -> dict[str, str]:
    return {o.id: o.name_corrected or o.name for o in ds.organisations}


def country_matcher(ds: Dataset) -> Matcher[Country]:
    return Matcher(
        "country",
        ((c, c.name_en, [c.a2, c.a3, c.name_es, *c.printed_as, *c.aliases]) for c in ds.countries),
    )


def partner_matcher(ds: Dataset) -> Matcher[Organisation]:
    names = (
        (o, o.name_corrected or o.name, [o.name, *(x for x in (o.acronym, o.name_es) if x), *o.aliases])
        for o in ds.organisations
    )
    return Matcher("partner", names)


class NotMentioned(Struct, frozen=True):
    """A real country that the report does not mention."""

    name: str
    a2: str


def find_country(ds: Dataset, query: str) -> Country | NotMentioned:
    """The report's country named by query (exact, then unique prefix), or a real
    country the report does not mention; UnknownName (with suggestions) otherwise."""
    matcher = country_matcher(ds)
    found = matcher.exact(query)
    if found is not None:
        return found
    world = world_country(query)
    if world is not None:
        return NotMentioned(*world)
    found = matcher.prefix(query)
    if found is None:
        raise UnknownName("country", query, matcher.suggestions(query))
    return found


# --------------------------------------------------------------------------- country mentions

ROLE_LABELS = {
    "figure": "headline figure",
    "top_mission_sender": "top mission sender",
    "best_practice_partner": "best-practice partner",
    "south_south_partner": "South-South partner",
    "cooperation_partner": "cooperation partner",
    "event_host": "event host",
    "visitor": "visitor's country",
}
ROLE_DETAILS = {
    "top_mission_sender": "Among the five countries that sent the largest number of government and business "
    "missions to Medellín during the last three years",
    "best_practice_partner": "One of six countries with which eight best practices were coordinated",
    "south_south_partner": "Named among the countries of 17 South-South projects with knowledge transferred",
}


class Mention(Struct, frozen=True):
    country: str
    start: int
    end: int
    role: str
    what: str
    details: str
    amount_usd: int | None
    source: Source


def mentions(ds: Dataset) -> Iterator[Mention]:
    """Every sentence of the report that names a country, as (country, role, what)."""
    orgs = org_names(ds)
    for m in ds.metrics:
        if m.country:
            amount = m.value if m.unit == "USD" else None
            what = m.label if amount is not None else f"{m.label}: {m.value:,} {m.unit}"
            yield Mention(m.country, m.period_start, m.period_end, "figure", what, m.note or "", amount, m.source)
    for r in ds.country_roles:
        details = f"Printed as {r.printed_as!r}"
        if r.topics:
            details += f"; on {', '.join(r.topics)}"
        yield Mention(r.country, r.period_start, r.period_end, r.role, ROLE_DETAILS[r.role], details, None, r.source)
    for a in ds.actions:
        details = _join(
            part
            for part in (
                f"modality: {a.modality}" if a.modality else "",
                f"partners: {', '.join(orgs[p] for p in a.partners)}" if a.partners else "",
                a.details,
            )
            if part
        )
        for code in a.countries:
            yield Mention(code, a.year, a.year, "cooperation_partner", a.summary, details, a.amount_usd, a.source)
    for e in ds.events:
        if e.country:
            details = _join(x for x in (e.participation, e.city or "", e.note or "") if x)
            yield Mention(e.country, e.year, e.year, "event_host", e.name, details, None, e.source)
    for v in ds.visitors:
        if v.country:
            what = f"{_corrected(v.name, v.name_corrected)}, {v.title}"
            details = _join(x for x in (v.title_corrected and f"title: {v.title_corrected}", v.correction_basis) if x)
            yield Mention(v.country, v.year, v.year, "visitor", what, details, None, v.source)


_ROLE_ORDER = list(ROLE_LABELS)

COUNTRY_COLUMNS = (
    Column("period", "Period"),
    Column("role", "Role"),
    Column("what", "What"),
    Column("details", "Details"),
    Column("amount_usd", "Amount", "usd"),
)


def country(ds: Dataset, query: str, years: Years | None = None) -> View:
    found = find_country(ds, query)
    if isinstance(found, NotMentioned):
        return View(
            table=Table(columns=COUNTRY_COLUMNS, rows=[]),
            notice=f"{found.name} ({found.a2}) is not mentioned in the report",
        )
    hits = sorted(
        (m for m in mentions(ds) if m.country == found.a2 and _within(years, m.start, m.end)),
        key=lambda m: (m.start, m.end, _ROLE_ORDER.index(m.role)),
    )
    rows = (
        (
            {
                "period": period(m.start, m.end),
                "role": ROLE_LABELS[m.role],
                "what": m.what,
                "details": m.details,
                "amount_usd": m.amount_usd,
            },
            m.source,
        )
        for m in hits
    )
    printed = ", ".join(found.printed_as)
    preface = [f"{found.name_en} · {found.name_es} · {found.a2} / {found.a3}", f"Printed in the report as: {printed}"]
    if found.note:
        preface.append(found.note)
    return View(table=_table(COUNTRY_COLUMNS, rows, empty_note="No mentions in these years."), preface=tuple(preface))


COUNTRIES_COLUMNS = (
    Column("a2", "A2"),
    Column("a3", "A3"),
    Column("name_en", "English"),
    Column("name_es", "Spanish"),
    Column("printed_as", "Printed as"),
    Column("cooperation_actions", "Actions", "int"),
    Column("top_mission_sender", "Top sender", "int"),
    Column("best_practice_partner", "Best practices", "int"),
    Column("south_south_partner", "South-South", "int"),
    Column("events", "Events", "int"),
    Column("visitors", "Visitors", "int"),
    Column("headline_figures", "Figures", "int"),
    Column("mentions", "Mentions", "int"),
)
_COUNT_KEYS = {
    "cooperation_partner": "cooperation_actions",
    "top_mission_sender": "top_mission_sender",
    "best_practice_partner": "best_practice_partner",
    "south_south_partner": "south_south_partner",
    "event_host": "events",
    "visitor": "visitors",
    "figure": "headline_figures",
}


def countries(ds: Dataset, years: Years | None = None) -> View:
    counts: dict[str, dict[str, int]] = {c.a2: dict.fromkeys(_COUNT_KEYS.values(), 0) for c in ds.countries}
    for m in mentions(ds):
        if _within(years, m.start, m.end):
            counts[m.country][_COUNT_KEYS[m.role]] += 1
    rows: list[tuple[Row, Source]] = []
    for c in ds.countries:
        n: dict[str, Cell] = dict(counts[c.a2])
        total = sum(counts[c.a2].values())
        rows.append(
            (
                {
                    "a2": c.a2,
                    "a3": c.a3,
                    "name_en": c.name_en,
                    "name_es": c.name_es,
                    "printed_as": _join(c.printed_as),
                    **n,
                    "mentions": total,
                },
                c.source,
            )
        )
    rows.sort(key=lambda pair: (-int(pair[0]["mentions"] or 0), str(pair[0]["name_en"])))
    return View(table=_table(COUNTRIES_COLUMNS, rows))


# --------------------------------------------------------------------------- summary

SUMMARY_COLUMNS = (
    Column("metric", "Metric"),
    Column("what", "What"),
    Column("value", "Value", "value"),
    Column("unit", "Unit"),
    Column("qualifier", "Qualifier"),
    Column("period", "Period"),
    Column("note", "Note"),
)


def _per_year(ds: Dataset, measure: str) -> list[tuple[int, int, str | None]]:
    return sorted(
        (m.period_start, m.value, m.qualifier)
        for m in ds.metrics
        if m.measure == measure and m.period_start == m.period_end
    )


def summary(ds: Dataset, years: Years | None = None) -> View:
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "metric": m.id,
                "what": m.label,
                "value": m.value,
                "unit": m.unit,
                "qualifier": m.qualifier,
                "period": period(m.period_start, m.period_end),
                "note": m.note,
            },
            m.source,
        )
        for m in ds.metrics
        if _within(years, m.period_start, m.period_end)
    )
    rep = ds.report
    preface = (f"{rep.title_es} — {rep.title_en} ({rep.publisher})",)
    year_list = [y for y in range(rep.period_start, rep.period_end + 1) if _within(years, y)]
    by_year = Table(
        columns=(Column("measure", "Per year"), *(Column(str(y), str(y)) for y in year_list)),
        rows=[
            {"measure": measure, **{str(y): _qualified(v, q) for y, v, q in _per_year(ds, measure) if y in year_list}}
            for measure in ("delegates", "journalists")
        ],
        title="The years side by side",
    )
    bars = tuple(
        Bars(
            f"{measure.capitalize()} per year",
            tuple((str(y), v) for y, v, _ in _per_year(ds, measure) if y in year_list),
        )
        for measure in ("delegates", "journalists")
    )
    return View(table=_table(SUMMARY_COLUMNS, rows, title="Headline figures"), preface=preface, extras=(by_year, *bars))


def _qualified(value: int, qualifier: str | None) -> str:
    return f"{qualifier} {value:,}" if qualifier else f"{value:,}"


# --------------------------------------------------------------------------- awards

AWARDS_COLUMNS = (
    Column("year", "Year", "int"),
    Column("kind", "Kind"),
    Column("name", "Name"),
    Column("name_corrected", "Public-record name"),
    Column("awarding_body", "Awarding body"),
    Column("recipient", "Recipient"),
    Column("note", "Note"),
)


def awards(ds: Dataset, years: Years | None = None) -> View:
    orgs = org_names(ds)
    rows = (
        (
            {
                "year": w.year,
                "kind": w.kind,
                "name": w.name,
                "name_corrected": w.name_corrected,
                "awarding_body": orgs[w.awarding_body] if w.awarding_body else None,
                "recipient": w.recipient,
                "note": _join(x for x in (w.note, w.year_note) if x) or None,
            },
            w.source,
        )
        for w in sorted(ds.awards, key=lambda w: w.year)
        if _within(years, w.year)
    )
    tallies = Table(
        columns=(Column("period", "Period"), Column("stated", "What the report counts")),
        rows=[
            {
                "period": period(t.period_start, t.period_end),
                "stated": _tally_text(t.count, t.counted, t.named_what, t.named),
            }
            for t in ds.tallies
            if t.subject == "awards" and _within(years, t.period_start, t.period_end)
        ],
        title="Counts stated in the report",
    )
    return View(table=_table(AWARDS_COLUMNS, rows, title="Awards and recognitions"), extras=(tallies,))


def _tally_text(count: int, counted: str, named_what: str, named: list[str]) -> str:
    if named_what == "awards":
        return f"{count} {counted}, {len(named)} named: {', '.join(named)}"
    return f"{count} {counted}, none named; {named_what} named: {', '.join(named)}"
