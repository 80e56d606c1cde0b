"""The country listings: one country's records (`country`), and every country the report names (`countries`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from medcoop import i18n
from medcoop.i18n import Msg, _
from medcoop.translations import localised
from medcoop.view import Cell, Column, Row, Table, View

if TYPE_CHECKING:  # records are plain dicts at run time; names is loaded when a name is looked up
    from medcoop.records import Dataset, Source
from medcoop.query import periods
from medcoop.query.mentioned import _COUNT_KEYS, HOW, ROLE_LABELS, mentions
from medcoop.query.periods import Years
from medcoop.query.resolve import NotMentioned, find_country
from medcoop.query.rows import EDITORIAL, _apart, _join, _table

_ROLE_ORDER = list(ROLE_LABELS)

COUNTRY_COLUMNS = (
    Column("period", "Period"),
    Column("role", "Role"),
    Column("what", "What"),
    Column("details", "Details"),
    Column("amount_usd", "Amount", "usd"),
    Column("restates", "Restates"),
    Column("how", "How it names it"),
    EDITORIAL,
)


def country(ds: Dataset, query: str, years: Years | None = None) -> View:
    found, notice = find_country(ds, query)
    if isinstance(found, NotMentioned):
        return View(
            table=Table(columns=COUNTRY_COLUMNS, rows=[]),
            notice=_join(x for x in (notice, found.notice) if x),
        )
    own = sorted(
        mentions(ds, found["a2"]),
        key=lambda m: (m.start, m.end, _ROLE_ORDER.index(m.role)),
    )
    hits = [m for m in own if periods.keeps(years, m.span)]
    extras, aside = _apart(years, ((m.span, ROLE_LABELS[m.role], m.what, m.source) for m in own))
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "period": m.span.label(),
                "role": ROLE_LABELS[m.role],
                "what": m.what,
                "details": m.details,
                "amount_usd": m.amount_usd,
                "restates": m.restates,
                "how": HOW[m.how],
                "editorial": list(m.editorial),
            },
            m.source,
        )
        for m in hits
    )
    printed = ", ".join(found["printed_as"])
    names = (found["name_es"], found["name_en"]) if i18n.language == "es" else (found["name_en"], found["name_es"])
    preface = [  # one line, as a title: most countries' names and printed forms fit 80 columns
        _("{name} · {other} · {a2} / {a3} · in the report: {printed}").format(
            name=names[0], other=names[1], a2=found["a2"], a3=found["a3"], printed=printed
        )
    ]
    if found["note"]:
        preface.append(localised(found, "note") or "")
    table = _table(ds, COUNTRY_COLUMNS, rows, empty_note=_("No mentions in these years."))
    return View(table=table, preface=tuple(preface), notice=notice, extras=extras, aside=aside)


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
    Column("mentions_printed", "Printed (the sentence prints its name)", "int"),
    Column("mentions_derived", "Derived (a city printed, or read by the editors)", "int"),
    EDITORIAL,
    Column("roles", "Roles"),
)
"""The columns of medcoop countries (roles last: columns are only ever added)."""


def countries(ds: Dataset, years: Years | None = None) -> View:
    counts: dict[str, dict[str, int]] = {c["a2"]: dict.fromkeys(_COUNT_KEYS.values(), 0) for c in ds["countries"]}
    printed = dict.fromkeys(counts, 0)
    every = list(mentions(ds))
    for m in every:
        if periods.keeps(years, m.span):
            counts[m.country][_COUNT_KEYS[m.role]] += 1
            printed[m.country] += m.how == "printed"
    names = {c["a2"]: c["name_en"] for c in ds["countries"]}
    extras, aside = _apart(
        years, ((m.span, ROLE_LABELS[m.role], f"{names[m.country]} ({m.country})", m.source) for m in every)
    )
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
                    "mentions_printed": printed[c["a2"]],
                    "mentions_derived": total - printed[c["a2"]],
                    "editorial": [],  # ISO names and the report's spellings; the counts are a GROUP BY of mentions
                    "roles": [ROLE_LABELS[role] for role, key in _COUNT_KEYS.items() if counts[c["a2"]][key]],
                },
                c["source"],
            )
        )
    rows.sort(key=lambda pair: (-sum(counts[str(pair[0]["a2"])].values()), str(pair[0]["name_en"])))
    table = _table(ds, COUNTRIES_COLUMNS, rows, title=_("Countries the report names, and why"))
    table = table.replace(columns=table.columns, legend=_why_these(ds, len(ds["countries"])))
    return View(table=table, extras=extras, aside=aside)


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
