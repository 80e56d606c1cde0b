"""The country listings: one country's records (`country`), and every country the report names (`countries`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from medcoop import i18n
from medcoop.i18n import Msg, _
from medcoop.view import Cell, Column, Row, Table, View

if TYPE_CHECKING:  # records are plain dicts at run time; names is loaded when a name is looked up
    from medcoop.records import Dataset, Source
from medcoop.query.mentioned import ROLE_LABELS, mentions
from medcoop.query.periods import Years, _within, period
from medcoop.query.resolve import NotMentioned, find_country
from medcoop.query.rows import _join, _table

_ROLE_ORDER = list(ROLE_LABELS)

COUNTRY_COLUMNS = (
    Column("period", "Period"),
    Column("role", "Role"),
    Column("what", "What"),
    Column("details", "Details"),
    Column("amount_usd", "Amount", "usd"),
    Column("restates", "Restates"),
    Column("editorial", "Editorial"),
)


def country(ds: Dataset, query: str, years: Years | None = None) -> View:
    found, notice = find_country(ds, query)
    if isinstance(found, NotMentioned):
        return View(
            table=Table(columns=COUNTRY_COLUMNS, rows=[]),
            notice=_join(x for x in (notice, found.notice) if x),
        )
    hits = sorted(
        (m for m in mentions(ds) if m.country == found["a2"] and _within(years, m.start, m.end)),
        key=lambda m: (m.start, m.end, _ROLE_ORDER.index(m.role)),
    )
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "period": period(m.start, m.end, m.year_basis),
                "role": ROLE_LABELS[m.role],
                "what": m.what,
                "details": m.details,
                "amount_usd": m.amount_usd,
                "restates": m.restates,
                "editorial": list(m.editorial),
            },
            m.source,
        )
        for m in hits
    )
    printed = ", ".join(found["printed_as"])
    names = (found["name_es"], found["name_en"]) if i18n.language == "es" else (found["name_en"], found["name_es"])
    preface = [
        f"{names[0]} · {names[1]} · {found['a2']} / {found['a3']}",
        _("Printed in the report as: {printed}").format(printed=printed),
    ]
    if found["note"]:
        preface.append(found["note"])
    table = _table(COUNTRY_COLUMNS, rows, empty_note=_("No mentions in these years."))
    return View(table=table, preface=tuple(preface), notice=notice)


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
    Column("named_in_sentence", "Named elsewhere", "int"),
    Column("mentions", "Mentions", "int"),
    Column("roles", "Roles"),
)
"""The columns of medcoop countries (roles last: columns are only ever added)."""
_COUNT_KEYS = {
    "cooperation_partner": "cooperation_actions",
    "top_mission_sender": "top_mission_sender",
    "best_practice_partner": "best_practice_partner",
    "south_south_partner": "south_south_partner",
    "event_host": "events",
    "visitor": "visitors",
    "figure": "headline_figures",
    "named": "named_in_sentence",
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
                    "printed_as": list(c["printed_as"]),
                    **n,
                    "mentions": total,
                    "roles": [ROLE_LABELS[role] for role, key in _COUNT_KEYS.items() if counts[c["a2"]][key]],
                },
                c["source"],
            )
        )
    rows.sort(key=lambda pair: (-sum(counts[str(pair[0]["a2"])].values()), str(pair[0]["name_en"])))
    table = _table(COUNTRIES_COLUMNS, rows, title=_("Countries the report names, and why"))
    return View(table=table.replace(columns=table.columns, legend=_why_these(ds, len(ds["countries"]))))


def _why_these(ds: Dataset, named: int) -> tuple[str, ...]:
    """Why the report's countries are fewer than the countries its delegations came from."""
    came_from = [m["value"] for m in ds["metrics"] if m["measure"] == "delegation_countries"]
    if not came_from or came_from[0] == named:
        return ()
    return (
        Msg(
            "The report names {named} countries; the {total} its delegations came from are a count it does not list.",
            named=str(named),
            total=i18n.number(came_from[0]),
        ),
    )
