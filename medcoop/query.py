"""Pure queries over a loaded dataset: resolve names, filter, build rows. No printing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Final

from medcoop.errors import UsageError
from medcoop.view import Bars, Cell, Column, Row, Table, View

if TYPE_CHECKING:  # records are plain dicts at run time; names is loaded when a name is looked up
    from medcoop.names import Matcher
    from medcoop.records import Country, Dataset, Organisation, Record, Source

Years = tuple[int, int]

_YEARS = r"^\s*(\d{4})\s*(?:[-\u2013:]\s*(\d{4})\s*)?$"  # compiled on first use (by re)


def parse_years(text: str | None, ds: Dataset) -> Years | None:
    """'2017' -> (2017, 2017); '2016-2017' -> (2016, 2017); inside the report period."""
    if text is None:
        return None
    lo, hi = ds["report"]["period_start"], ds["report"]["period_end"]
    match = re.match(_YEARS, text)
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
    return (source["section"], source["quote"])


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
    return {o["id"]: o["name_corrected"] or o["name"] for o in ds["organisations"]}


def country_matcher(ds: Dataset) -> Matcher[Country]:
    from medcoop.names import Matcher

    return Matcher(
        "country",
        ((c, c["name_en"], [c["a2"], c["a3"], c["name_es"], *c["printed_as"], *c["aliases"]]) for c in ds["countries"]),
    )


def partner_matcher(ds: Dataset) -> Matcher[Organisation]:
    from medcoop.names import Matcher

    names = (
        (
            o,
            o["name_corrected"] or o["name"],
            [o["name"], *(x for x in (o["acronym"], o["name_es"]) if x), *o["aliases"]],
        )
        for o in ds["organisations"]
    )
    return Matcher("partner", names)


class NotMentioned:
    """A real country that the report does not mention."""

    __slots__ = ("a2", "name")

    def __init__(self, name: str, a2: str) -> None:
        self.name: Final = name
        self.a2: Final = a2

    @property
    def notice(self) -> str:
        return f"{self.name} ({self.a2}) is not mentioned in the report"


def find_country(ds: Dataset, query: str) -> Country | NotMentioned:
    """The report's country named by query (exact, then unique prefix), or a real
    country the report does not mention; UnknownName (with suggestions) otherwise."""
    from medcoop.names import UnknownName, world_country

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


class Mention:
    """A sentence of the report that names a country, in a role."""

    __slots__ = ("amount_usd", "country", "details", "end", "role", "source", "start", "what")

    def __init__(
        self,
        country: str,
        start: int,
        end: int,
        role: str,
        what: str,
        details: str,
        amount_usd: int | None,
        source: Source,
    ) -> None:
        self.country: Final = country
        self.start: Final = start
        self.end: Final = end
        self.role: Final = role
        self.what: Final = what
        self.details: Final = details
        self.amount_usd: Final = amount_usd
        self.source: Final = source


def mentions(ds: Dataset) -> Iterator[Mention]:
    """Every sentence of the report that names a country, as (country, role, what)."""
    orgs = org_names(ds)
    for m in ds["metrics"]:
        if m["country"]:
            amount = m["value"] if m["unit"] == "USD" else None
            what = m["label"] if amount is not None else f"{m['label']}: {m['value']:,} {m['unit']}"
            yield Mention(
                m["country"], m["period_start"], m["period_end"], "figure", what, m["note"] or "", amount, m["source"]
            )
    for r in ds["country_roles"]:
        details = f"Printed as {r['printed_as']!r}"
        if r["topics"]:
            details += f"; on {', '.join(r['topics'])}"
        yield Mention(
            r["country"],
            r["period_start"],
            r["period_end"],
            r["role"],
            ROLE_DETAILS[r["role"]],
            details,
            None,
            r["source"],
        )
    for a in ds["actions"]:
        details = _join(
            part
            for part in (
                f"modality: {a['modality']}" if a["modality"] else "",
                f"partners: {', '.join(orgs[p] for p in a['partners'])}" if a["partners"] else "",
                a["details"],
            )
            if part
        )
        for code in a["countries"]:
            yield Mention(
                code, a["year"], a["year"], "cooperation_partner", a["summary"], details, a["amount_usd"], a["source"]
            )
    for e in ds["events"]:
        if e["country"]:
            details = _join(x for x in (e["participation"], e["city"] or "", e["note"] or "") if x)
            yield Mention(e["country"], e["year"], e["year"], "event_host", e["name"], details, None, e["source"])
    for v in ds["visitors"]:
        if v["country"]:
            what = f"{_corrected(v['name'], v['name_corrected'])}, {v['title']}"
            details = _join(
                x for x in (v["title_corrected"] and f"title: {v['title_corrected']}", v["correction_basis"]) if x
            )
            yield Mention(v["country"], v["year"], v["year"], "visitor", what, details, None, v["source"])


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
            notice=found.notice,
        )
    hits = sorted(
        (m for m in mentions(ds) if m.country == found["a2"] and _within(years, m.start, m.end)),
        key=lambda m: (m.start, m.end, _ROLE_ORDER.index(m.role)),
    )
    rows: Iterable[tuple[Row, Source]] = (
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
    printed = ", ".join(found["printed_as"])
    preface = [
        f"{found['name_en']} · {found['name_es']} · {found['a2']} / {found['a3']}",
        f"Printed in the report as: {printed}",
    ]
    if found["note"]:
        preface.append(found["note"])
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
    counts: dict[str, dict[str, int]] = {c["a2"]: dict.fromkeys(_COUNT_KEYS.values(), 0) for c in ds["countries"]}
    for m in mentions(ds):
        if _within(years, m.start, m.end):
            counts[m.country][_COUNT_KEYS[m.role]] += 1
    rows: list[tuple[Row, Source]] = []
    for c in ds["countries"]:
        n: dict[str, Cell] = dict(counts[c["a2"]])
        total = sum(counts[c["a2"]].values())
        rows.append(
            (
                {
                    "a2": c["a2"],
                    "a3": c["a3"],
                    "name_en": c["name_en"],
                    "name_es": c["name_es"],
                    "printed_as": _join(c["printed_as"]),
                    **n,
                    "mentions": total,
                },
                c["source"],
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
        (m["period_start"], m["value"], m["qualifier"])
        for m in ds["metrics"]
        if m["measure"] == measure and m["period_start"] == m["period_end"]
    )


def summary(ds: Dataset, years: Years | None = None) -> View:
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "metric": m["id"],
                "what": m["label"],
                "value": m["value"],
                "unit": m["unit"],
                "qualifier": m["qualifier"],
                "period": period(m["period_start"], m["period_end"]),
                "note": m["note"],
            },
            m["source"],
        )
        for m in ds["metrics"]
        if _within(years, m["period_start"], m["period_end"])
    )
    rep = ds["report"]
    preface = (f"{rep['title_es']} — {rep['title_en']} ({rep['publisher']})",)
    year_list = [y for y in range(rep["period_start"], rep["period_end"] + 1) if _within(years, y)]
    by_year = Table(
        columns=(Column("measure", "Per year"), *(Column(str(y), str(y)) for y in year_list)),
        rows=[
            {"measure": measure, **{str(y): _qualified(v, q) for y, v, q in _per_year(ds, measure) if y in year_list}}
            for measure in ("delegates", "journalists")
        ],
        title="The years side by side",
    )
    extras: tuple[Table | Bars, ...] = (by_year, *_bars_per_year(ds, year_list))
    return View(table=_table(SUMMARY_COLUMNS, rows, title="Headline figures"), preface=preface, extras=extras)


def _bars_per_year(ds: Dataset, year_list: list[int]) -> tuple[Bars, ...]:
    """Bar charts of delegates and journalists in the given years."""
    return tuple(
        Bars(
            f"{measure.capitalize()} per year",
            tuple((str(y), v) for y, v, _ in _per_year(ds, measure) if y in year_list),
        )
        for measure in ("delegates", "journalists")
    )


def _qualified(value: int, qualifier: str | None) -> str:
    return f"{qualifier} {value:,}" if qualifier else f"{value:,}"


# --------------------------------------------------------------------------- awards

AWARDS_COLUMNS = (
    Column("year", "Year", "year"),
    Column("kind", "Kind"),
    Column("name", "Name"),
    Column("name_corrected", "Public-record name"),
    Column("awarding_body", "Awarding body"),
    Column("recipient", "Recipient"),
    Column("note", "Note"),
)


def awards(ds: Dataset, years: Years | None = None) -> View:
    orgs = org_names(ds)
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "year": w["year"],
                "kind": w["kind"],
                "name": w["name"],
                "name_corrected": w["name_corrected"],
                "awarding_body": orgs[w["awarding_body"]] if w["awarding_body"] else None,
                "recipient": w["recipient"],
                "note": _join(x for x in (w["note"], w["year_note"]) if x) or None,
            },
            w["source"],
        )
        for w in sorted(ds["awards"], key=lambda w: w["year"])
        if _within(years, w["year"])
    )
    tallies = Table(
        columns=(Column("period", "Period"), Column("stated", "What the report counts")),
        rows=[
            {
                "period": period(t["period_start"], t["period_end"]),
                "stated": _tally_text(t["count"], t["counted"], t["named_what"], t["named"]),
            }
            for t in ds["tallies"]
            if t["subject"] == "awards" and _within(years, t["period_start"], t["period_end"])
        ],
        title="Counts stated in the report",
    )
    return View(table=_table(AWARDS_COLUMNS, rows, title="Awards and recognitions"), extras=(tallies,))


def _tally_text(count: int, counted: str, named_what: str, named: list[str]) -> str:
    if named_what == "awards":
        return f"{count} {counted}, {len(named)} named: {', '.join(named)}"
    return f"{count} {counted}, none named; {named_what} named: {', '.join(named)}"


# --------------------------------------------------------------------------- listings


def _country_filter(ds: Dataset, name: str | None) -> tuple[str | None, str | None]:
    """(alpha-2 to keep, notice) for a --country option."""
    if name is None:
        return None, None
    found = find_country(ds, name)
    if isinstance(found, NotMentioned):
        return "", found.notice
    return found["a2"], None


ACTIONS_COLUMNS = (
    Column("id", "Id"),
    Column("year", "Year", "year"),
    Column("heading", "Heading as printed"),
    Column("partners", "Partners"),
    Column("countries", "Countries"),
    Column("modality", "Modality"),
    Column("summary", "Summary"),
    Column("amount_usd", "Amount", "usd"),
    Column("beneficiaries", "Benefits"),
    Column("programme", "Programme"),
    Column("details", "Details"),
)


def actions(
    ds: Dataset,
    years: Years | None = None,
    *,
    country: str | None = None,
    partner: str | None = None,
    modality: str | None = None,
) -> View:
    from medcoop.names import fold

    orgs = org_names(ds)
    code, notice = _country_filter(ds, country)
    org = partner_matcher(ds).resolve(partner)["id"] if partner is not None else None
    wanted = fold(modality) if modality is not None else None
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": a["id"],
                "year": a["year"],
                "heading": a["heading_as_printed"],
                "partners": _join(orgs[p] for p in a["partners"]) or None,
                "countries": _join(a["countries"]) or None,
                "modality": a["modality"],
                "summary": a["summary"],
                "amount_usd": a["amount_usd"],
                "beneficiaries": _join(orgs[b] for b in a["beneficiaries"]) or None,
                "programme": _join(x for x in (a["programme"], a["programme_note"]) if x) or None,
                "details": a["details"],
            },
            a["source"],
        )
        for a in ds["actions"]
        if _within(years, a["year"])
        and (code is None or code in a["countries"])
        and (org is None or org in a["partners"] or org in a["beneficiaries"])
        and (wanted is None or (a["modality"] is not None and wanted in fold(a["modality"])))
    )
    return View(table=_table(ACTIONS_COLUMNS, rows, title="Cooperation actions"), notice=notice)


EVENTS_COLUMNS = (
    Column("id", "Id"),
    Column("year", "Year", "year"),
    Column("name", "Event"),
    Column("organiser", "Organiser"),
    Column("city", "City"),
    Column("country", "Country"),
    Column("participation", "Participation"),
    Column("note", "Note"),
)


def events(ds: Dataset, years: Years | None = None, *, country: str | None = None) -> View:
    orgs = org_names(ds)
    code, notice = _country_filter(ds, country)
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": e["id"],
                "year": e["year"],
                "name": e["name"],
                "organiser": orgs[e["organiser"]] if e["organiser"] else None,
                "city": e["city"],
                "country": e["country"],
                "participation": e["participation"],
                "note": e["note"],
            },
            e["source"],
        )
        for e in ds["events"]
        if _within(years, e["year"]) and (code is None or e["country"] == code)
    )
    return View(table=_table(EVENTS_COLUMNS, rows, title="International events"), notice=notice)


VISITORS_COLUMNS = (
    Column("id", "Id"),
    Column("year", "Year", "year"),
    Column("name", "Name as printed"),
    Column("name_corrected", "Corrected name"),
    Column("title", "Title as printed"),
    Column("title_corrected", "Corrected title"),
    Column("organisation", "Organisation"),
    Column("country", "Country"),
    Column("city", "City"),
    Column("correction_basis", "Basis of correction"),
    Column("note", "Note"),
)


def visitors(ds: Dataset, years: Years | None = None, *, country: str | None = None) -> View:
    orgs = org_names(ds)
    code, notice = _country_filter(ds, country)
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": v["id"],
                "year": v["year"],
                "name": v["name"],
                "name_corrected": v["name_corrected"],
                "title": v["title"],
                "title_corrected": v["title_corrected"],
                "organisation": orgs[v["organisation"]] if v["organisation"] else None,
                "country": v["country"],
                "city": v["city"],
                "correction_basis": v["correction_basis"],
                "note": v["note"],
            },
            v["source"],
        )
        for v in ds["visitors"]
        if _within(years, v["year"]) and (code is None or v["country"] == code)
    )
    return View(table=_table(VISITORS_COLUMNS, rows, title="Visiting personalities"), notice=notice)


PARTNERS_COLUMNS = (
    Column("id", "Id"),
    Column("name", "Name as printed"),
    Column("name_corrected", "Corrected name"),
    Column("acronym", "Acronym"),
    Column("kind", "Kind"),
    Column("country", "Country"),
    Column("actions", "Actions", "int"),
    Column("awards", "Awards", "int"),
    Column("events", "Events", "int"),
    Column("visitors", "Visitors", "int"),
)


def _org_mentions(ds: Dataset) -> Iterator[tuple[str, int, str, str, str, Source]]:
    """(organisation id, year, role, what, details, source) for every link to an organisation."""
    for a in ds["actions"]:
        for p in a["partners"]:
            yield p, a["year"], "actions", a["summary"], a["details"], a["source"]
        for b in a["beneficiaries"]:
            yield b, a["year"], "actions", f"benefits from: {a['summary']}", a["heading_as_printed"], a["source"]
    for w in ds["awards"]:
        for ref, role in ((w["awarding_body"], "awarding body"), (w["recipient_org"], "recipient")):
            if ref:
                yield ref, w["year"], "awards", f"{role}: {w['name']}", w["recipient"], w["source"]
    for e in ds["events"]:
        if e["organiser"]:
            yield e["organiser"], e["year"], "events", f"organiser: {e['name']}", e["participation"], e["source"]
    for v in ds["visitors"]:
        if v["organisation"]:
            yield (
                v["organisation"],
                v["year"],
                "visitors",
                f"{_corrected(v['name'], v['name_corrected'])}, {v['title']}",
                "",
                v["source"],
            )


def partners(ds: Dataset, years: Years | None = None) -> View:
    counts = {o["id"]: dict.fromkeys(("actions", "awards", "events", "visitors"), 0) for o in ds["organisations"]}
    for org, year, kind, *_ in _org_mentions(ds):
        if _within(years, year):
            counts[org][kind] += 1
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": o["id"],
                "name": o["name"],
                "name_corrected": o["name_corrected"],
                "acronym": o["acronym"],
                "kind": o["kind"],
                "country": o["country"],
                **counts[o["id"]],
            },
            o["source"],
        )
        for o in ds["organisations"]
    )
    return View(table=_table(PARTNERS_COLUMNS, rows, title="Organisations"))


PARTNER_COLUMNS = (
    Column("year", "Year", "year"),
    Column("record", "Record"),
    Column("what", "What"),
    Column("details", "Details"),
)


def partner(ds: Dataset, name: str, years: Years | None = None) -> View:
    org = partner_matcher(ds).resolve(name)
    rows: Iterable[tuple[Row, Source]] = (
        ({"year": year, "record": kind, "what": what, "details": details or None}, src)
        for oid, year, kind, what, details, src in sorted(_org_mentions(ds), key=lambda m: m[1])
        if oid == org["id"] and _within(years, year)
    )
    preface = [_corrected(org["name"], org["name_corrected"])]
    preface.append(" · ".join(x for x in (org["acronym"], org["kind"], org["country"]) if x))
    if org["correction_basis"]:
        preface.append(org["correction_basis"])
    return View(table=_table(PARTNER_COLUMNS, rows), preface=tuple(preface))


YEARS_COLUMNS = (
    Column("year", "Year", "year"),
    Column("delegates", "Delegates", "int"),
    Column("delegates_qualifier", "Qualifier"),
    Column("journalists", "Journalists", "int"),
    Column("awards_stated", "Awards stated", "int"),
    Column("awards_named", "Awards named", "int"),
    Column("actions", "Actions", "int"),
    Column("events", "Events", "int"),
    Column("visitors", "Visitors", "int"),
    Column("usd_stated_in_actions", "USD stated in actions", "usd"),
)


def years_view(ds: Dataset, years: Years | None = None) -> View:
    rep = ds["report"]
    delegates = {y: (v, q) for y, v, q in _per_year(ds, "delegates")}
    journalists = {y: v for y, v, _ in _per_year(ds, "journalists")}
    rows: list[tuple[Row, Source]] = []
    for year in range(rep["period_start"], rep["period_end"] + 1):
        if not _within(years, year):
            continue
        stated = [
            t["count"]
            for t in ds["tallies"]
            if t["subject"] == "awards" and t["period_start"] == t["period_end"] == year
        ]
        amounts = [a["amount_usd"] for a in ds["actions"] if a["year"] == year and a["amount_usd"] is not None]
        row: Row = {
            "year": year,
            "delegates": delegates.get(year, (None, None))[0],
            "delegates_qualifier": delegates.get(year, (None, None))[1],
            "journalists": journalists.get(year),
            "awards_stated": sum(stated) if stated else None,
            "awards_named": sum(1 for w in ds["awards"] if w["year"] == year and w["kind"] in ("award", "mention")),
            "actions": sum(1 for a in ds["actions"] if a["year"] == year),
            "events": sum(1 for e in ds["events"] if e["year"] == year),
            "visitors": sum(1 for v in ds["visitors"] if v["year"] == year),
            "usd_stated_in_actions": sum(amounts) if amounts else None,
        }
        section = next((s for s in rep["sections"] if s["year"] == year), None)
        cite: Source = {"section": str(year), "quote": section["basis"] or ""} if section else _NO_SOURCE
        rows.append((row, cite))
    charts = _bars_per_year(ds, [int(row["year"] or 0) for row, _ in rows])
    note = "Counts per year are derived from the dataset's records; USD is the sum of the amounts actions state."
    return View(table=_table(YEARS_COLUMNS, rows, title="The report year by year"), preface=(note,), extras=charts)


_NO_SOURCE: Source = {"section": "", "quote": ""}

SEARCH_COLUMNS = (
    Column("kind", "Kind"),
    Column("id", "Id"),
    Column("year", "Year", "year"),
    Column("field", "Field"),
    Column("text", "Matching text"),
)


def _records(ds: Dataset) -> Iterator[tuple[str, str, int | None, Record]]:
    for m in ds["metrics"]:
        yield "metric", m["id"], m["period_start"] if m["period_start"] == m["period_end"] else None, m
    for t in ds["topic_lists"]:
        yield "topics", t["id"], None, t
    for c in ds["countries"]:
        yield "country", c["a2"], None, c
    for o in ds["organisations"]:
        yield "organisation", o["id"], None, o
    for a in ds["actions"]:
        yield "action", a["id"], a["year"], a
    for r in ds["country_roles"]:
        yield "country role", r["id"], None, r
    for e in ds["events"]:
        yield "event", e["id"], e["year"], e
    for w in ds["awards"]:
        yield "award", w["id"], w["year"], w
    for t2 in ds["tallies"]:
        yield "tally", t2["id"], t2["period_start"] if t2["period_start"] == t2["period_end"] else None, t2
    for v in ds["visitors"]:
        yield "visitor", v["id"], v["year"], v
    for g in ds["programmes"]:
        yield "programme", g["id"], g["since"], g


def _first_match(record: Record, needle: str, fold: Callable[[str], str]) -> tuple[str, str] | None:
    """(field path, text) of the first string of a record, in field order, whose folded form
    holds the needle; ids are left out (they are for machines). Lists hold strings; the one
    object inside a record is its source."""
    for name, item in record.items():
        if type(item) is str:
            if name != "id" and needle in fold(item):
                return name, item
        elif type(item) is list:
            for element in item:
                if type(element) is str and needle in fold(element):
                    return name, element
        elif type(item) is dict:
            for key, text in item.items():
                if type(text) is str and needle in fold(text):
                    return f"{name}.{key}", text
    return None


def search(ds: Dataset, text: str, years: Years | None = None) -> View:
    """Every record with a text field containing `text`, ignoring case and accents."""
    from medcoop.names import fold

    needle = fold(text)
    if not needle:
        raise UsageError("give some text to search for")
    rows: list[tuple[Row, Source]] = []
    for kind, rid, year, record in _records(ds):
        if year is None and years is not None:
            continue  # records of the whole period do not answer a question about some years
        if year is not None and not _within(years, year):
            continue
        found = _first_match(record, needle, fold)
        if found is not None:
            field, value = found
            rows.append(({"kind": kind, "id": rid, "year": year, "field": field, "text": value}, record["source"]))
    return View(table=_table(SEARCH_COLUMNS, rows, title=f"Records matching {text!r}", highlight=text))


# --------------------------------------------------------------------------- the rest of the records

SECTIONS_COLUMNS = (
    Column("section", "Section"),
    Column("heading_as_printed", "Heading as printed"),
    Column("year", "Year", "year"),
    Column("year_basis", "Year is"),
    Column("basis", "Basis"),
)


def sections(ds: Dataset) -> View:
    """The report itself: its title, publisher, period, and how each section's year is known."""
    rep = ds["report"]
    rows: list[Row] = [
        {
            "section": s["id"],
            "heading_as_printed": s["heading_as_printed"],
            "year": s["year"],
            "year_basis": s["year_basis"],
            "basis": s["basis"],
        }
        for s in rep["sections"]
    ]
    preface = (
        f"{rep['title_es']} — {rep['title_en']}",
        f"Publisher: {rep['publisher']} · period {period(rep['period_start'], rep['period_end'])}"
        f" · language {rep['language']}",
        rep["source_text"],
    )
    citations = tuple((s["id"], s["heading_as_printed"] or "") for s in rep["sections"])
    table = Table(columns=SECTIONS_COLUMNS, rows=rows, citations=citations, title="Sections")
    return View(table=table, preface=tuple(line for line in preface if line))


TALLIES_COLUMNS = (
    Column("id", "Id"),
    Column("period", "Period"),
    Column("subject", "Subject"),
    Column("count", "Count", "int"),
    Column("counted", "What is counted"),
    Column("named_what", "Items named are"),
    Column("named_count", "Named", "int"),
    Column("named", "Named items"),
    Column("complete", "Complete list"),
    Column("note", "Note"),
)


def tallies(ds: Dataset, years: Years | None = None) -> View:
    """Counts the report states, with the items it names ('Four awards, including …')."""
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": t["id"],
                "period": period(t["period_start"], t["period_end"]),
                "subject": t["subject"],
                "count": t["count"],
                "counted": t["counted"],
                "named_what": t["named_what"],
                "named_count": len(t["named"]),
                "named": _join(t["named"]) or None,
                "complete": "yes" if t["complete"] else "no",
                "note": t["note"],
            },
            t["source"],
        )
        for t in ds["tallies"]
        if _within(years, t["period_start"], t["period_end"])
    )
    return View(table=_table(TALLIES_COLUMNS, rows, title="Counts stated in the report"))


PROGRAMMES_COLUMNS = (
    Column("id", "Id"),
    Column("name", "Name"),
    Column("kind", "Kind"),
    Column("since", "Since", "year"),
    Column("year_basis", "Year is"),
    Column("description", "Description"),
)


def programmes(ds: Dataset) -> View:
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": g["id"],
                "name": g["name"],
                "kind": g["kind"],
                "since": g["since"],
                "year_basis": g["year_basis"],
                "description": g["description"],
            },
            g["source"],
        )
        for g in ds["programmes"]
    )
    return View(table=_table(PROGRAMMES_COLUMNS, rows, title="Programmes and initiatives"))


TOPICS_COLUMNS = (
    Column("id", "Id"),
    Column("context", "Context"),
    Column("period", "Period"),
    Column("position", "#", "int"),
    Column("topic", "Topic"),
)


def topics(ds: Dataset) -> View:
    """The topic lists of the report, one row per topic in the order printed."""
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": t["id"],
                "context": t["context"],
                "period": period(t["period_start"], t["period_end"]),
                "position": i,
                "topic": topic,
            },
            t["source"],
        )
        for t in ds["topic_lists"]
        for i, topic in enumerate(t["topics"], start=1)
    )
    return View(table=_table(TOPICS_COLUMNS, rows, title="Topics"))
