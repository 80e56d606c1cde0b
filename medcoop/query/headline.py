"""The report as a whole: headline figures, the years compared, tallies, sections and topics."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from medcoop.i18n import Msg, _
from medcoop.terms import term
from medcoop.translations import localised
from medcoop.view import Bars, Column, Row, Table, View

if TYPE_CHECKING:  # records are plain dicts at run time; names is loaded when a name is looked up
    from medcoop.records import Dataset, Source
from medcoop.query.lists import actions, awards, events, milestones, visitors
from medcoop.query.periods import Years, _within, period, record_span
from medcoop.query.rows import EDITORIAL, Citation, _apart, _table, marks

# --------------------------------------------------------------------------- summary

SUMMARY_COLUMNS = (
    Column("metric", "Metric"),
    Column("what", "What"),
    Column("value", "Value", "value"),
    Column("unit", "Unit"),
    Column("qualifier", "Qualifier"),
    Column("period", "Period"),
    Column("restates", "Restates"),
    Column("note", "Note"),
    EDITORIAL,
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
                "what": localised(m, "label"),
                "value": m["value"],
                "unit": term(m["unit"]),
                "qualifier": term(m["qualifier"]),
                "period": period(m["period_start"], m["period_end"], m["year_basis"]),
                "restates": m["restates"],
                "note": localised(m, "note"),
                "editorial": marks("metrics", m, {"what": "label", "note": "note"}),
            },
            m["source"],
        )
        for m in ds["metrics"]
        if _within(years, m["period_start"], m["period_end"], m["year_basis"])
    )
    apart, aside = _apart(
        years,
        (
            (
                record_span(m),
                m["id"],
                localised(m, "label") or "",
                m["source"],
            )
            for m in ds["metrics"]
        ),
    )
    rep = ds["report"]
    preface = (f"{rep['title_es']} — {rep['title_en']} ({rep['publisher']})",)
    year_list = [y for y in range(rep["period_start"], rep["period_end"] + 1) if _within(years, y)]
    # The years side by side are `medcoop years`; the compact table view folds the qualifier
    # into the value ("more than 900"), and --wide adds the bar charts.
    extras: tuple[Table | Bars, ...] = (*apart, *_bars_per_year(ds, year_list))
    table = _table(ds, SUMMARY_COLUMNS, rows, title=_("Headline figures"))
    return View(table=table, preface=preface, extras=extras, aside=aside)


def _bars_per_year(ds: Dataset, year_list: list[int]) -> tuple[Bars, ...]:
    """Bar charts of delegates and journalists in the given years."""
    titles = {"delegates": _("Delegates per year"), "journalists": _("Journalists per year")}
    charts = []
    for measure in ("delegates", "journalists"):
        values = [(y, v, q) for y, v, q in _per_year(ds, measure) if y in year_list]
        charts.append(
            Bars(titles[measure], tuple((str(y), v) for y, v, _q in values), tuple(term(q) for _y, _v, q in values))
        )
    return tuple(charts)


YEARS_COLUMNS = (
    Column("year", "Year", "year"),
    Column("delegates", "Delegates", "int"),
    Column("delegates_qualifier", "Qualifier"),
    Column("journalists", "Journalists", "int"),
    Column("awards_stated", "Awards the report counts", "int"),
    Column("awards_named", "Awards it names (medcoop awards)", "int"),
    Column("mentions_named", "Award mentions named", "int"),
    Column("milestones", "Milestones", "int"),
    Column("actions", "Actions", "int"),
    Column("events", "Events", "int"),
    Column("visitors", "Visitors", "int"),
    Column("usd_stated_in_actions", "USD stated in actions", "usd"),
    EDITORIAL,
)
_YEARS_DERIVED = (
    "awards_named", "mentions_named", "milestones", "actions", "events", "visitors", "usd_stated_in_actions",
)  # fmt: skip
"""The columns of `years` that medcoop counts (derived), not figures the report states."""


def years_view(ds: Dataset, years: Years | None = None) -> View:
    """One row per year. Every count is the number of rows the listing shows for that year
    (`awards --year Y`, `actions --year Y`, ...), so the two never disagree; the USD is the
    sum of the amount_usd the actions listing shows for the year."""
    rep = ds["report"]
    delegates = {y: (v, q) for y, v, q in _per_year(ds, "delegates")}
    journalists = {y: v for y, v, _q in _per_year(ds, "journalists")}
    year_list = [y for y in range(rep["period_start"], rep["period_end"] + 1) if _within(years, y)]
    rows: list[tuple[Row, Citation]] = []
    for year in year_list:
        only = (year, year)
        stated = [
            t["count"]
            for t in ds["tallies"]
            if t["subject"] == "awards" and t["period_start"] == t["period_end"] == year
        ]
        listed_actions = actions(ds, only).table.rows
        listed_awards = awards(ds, only).table.rows
        amounts = [a for a in (r["amount_usd"] for r in listed_actions) if isinstance(a, int)]
        row: Row = {
            "year": year,
            "delegates": delegates.get(year, (None, None))[0],
            "delegates_qualifier": term(delegates.get(year, (None, None))[1]),
            "journalists": journalists.get(year),
            "awards_stated": sum(stated) if stated else None,
            "awards_named": sum(1 for w in listed_awards if w["kind"] == "award"),
            "mentions_named": sum(1 for w in listed_awards if w["kind"] == "mention"),
            "milestones": len(milestones(ds, only).table.rows),
            "actions": len(listed_actions),
            "events": len(events(ds, only).table.rows),
            "visitors": len(visitors(ds, only).table.rows),
            "usd_stated_in_actions": sum(amounts) if amounts else None,
            "editorial": list(_YEARS_DERIVED),
        }
        basis = Msg(
            "derived: counts of the records of {year} in the listings (awards and award mentions, milestones, "
            "actions, events, visitors --year {year}); delegates, journalists and awards stated from section {year}, "
            "whose year is inferred (its heading was lost)",
            year=str(year),
        )
        rows.append((row, (str(year), "", basis)))
    charts = _bars_per_year(ds, year_list)
    # no note above the table: the legend of the mark on the derived counts says where they come from
    table = Table(
        columns=YEARS_COLUMNS,
        rows=[row for row, _cite in rows],
        citations=tuple(cite for _row, cite in rows),
        title=_("The report year by year"),
    )
    return View(table=table, extras=charts)


SECTIONS_COLUMNS = (
    Column("section", "Section"),
    Column("heading_as_printed", "Heading as printed"),
    Column("year", "Year", "year"),
    Column("year_basis", "Year is"),
    Column("basis", "Basis"),
    EDITORIAL,
)


def sections(ds: Dataset) -> View:
    """The report itself: its title, publisher, period, and how each section's year is known."""
    rep = ds["report"]
    rows: list[Row] = [
        {
            "section": s["id"],
            "heading_as_printed": s["heading_as_printed"],
            "year": s["year"],
            "year_basis": term(s["year_basis"]),
            "basis": localised(s, "basis"),
            "editorial": ["basis"] if s["basis"] else [],  # the editors' reasoning (a year inferred)
        }
        for s in rep["sections"]
    ]
    preface = (
        f"{rep['title_es']} — {rep['title_en']}",
        _("Publisher: {publisher} · period {period} · language {language}").format(
            publisher=rep["publisher"], period=period(rep["period_start"], rep["period_end"]), language=rep["language"]
        ),
        localised(rep, "source_text"),
    )
    # the quote is the section's printed heading; the introduction has none but the report's title
    citations = tuple(
        (s["id"], s["heading_as_printed"] or (rep["title_en"] if s["id"] == "introduction" else ""), None)
        for s in rep["sections"]
    )
    table = Table(columns=SECTIONS_COLUMNS, rows=rows, citations=citations, title=_("Sections"))
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
    EDITORIAL,
)


def tallies(ds: Dataset, years: Years | None = None) -> View:
    """Counts the report states, with the items it names ('Four awards, including …')."""
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": t["id"],
                "period": period(t["period_start"], t["period_end"], t["year_basis"]),
                "subject": t["subject"],
                "count": t["count"],
                "counted": t["counted"],
                "named_what": term(t["named_what"]),
                "named_count": len(t["named"]),
                "named": list(t["named"]),
                "complete": Msg("yes") if t["complete"] else Msg("no"),
                "note": localised(t, "note"),
                "editorial": marks("tallies", t, {"note": "note"}),
            },
            t["source"],
        )
        for t in ds["tallies"]
        if _within(years, t["period_start"], t["period_end"], t["year_basis"])
    )
    extras, aside = _apart(
        years,
        (
            (
                record_span(t),
                t["id"],
                f"{t['count']} {t['counted']}",
                t["source"],
            )
            for t in ds["tallies"]
        ),
    )
    table = _table(ds, TALLIES_COLUMNS, rows, title=_("Counts stated in the report"))
    return View(table=table, extras=extras, aside=aside)


TOPICS_COLUMNS = (
    Column("id", "Id"),
    Column("context", "Context"),
    Column("period", "Period"),
    Column("position", "#", "int"),
    Column("topic", "Topic"),
    EDITORIAL,
)


def topics(ds: Dataset) -> View:
    """The topic lists of the report, one row per topic in the order printed."""
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": t["id"],
                "context": localised(t, "context"),
                "period": period(t["period_start"], t["period_end"], t["year_basis"]),
                "position": i,
                "topic": topic,
                "editorial": marks("topic_lists", t, {"context": "context"}),
            },
            t["source"],
        )
        for t in ds["topic_lists"]
        for i, topic in enumerate(t["topics"], start=1)
    )
    return View(table=_table(ds, TOPICS_COLUMNS, rows, title=_("Topics")))
