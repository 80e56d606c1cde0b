"""The record listings: awards, milestones, actions, events and visitors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from medcoop.i18n import Named, _
from medcoop.terms import term
from medcoop.translations import localised
from medcoop.view import Column, Row, Table, View

if TYPE_CHECKING:  # records are plain dicts at run time; names is loaded when a name is looked up
    from medcoop.records import Dataset, Source
from medcoop.query.periods import Years, _within, period
from medcoop.query.resolve import _corrected_org, _country_filter, _modality_filter, find_partner, org_names
from medcoop.query.rows import EDITORIAL, _join, _names, _table, _tally_text, marks

# --------------------------------------------------------------------------- awards

AWARDS_COLUMNS = (
    Column("year", "Year", "year"),
    Column("kind", "Kind"),
    Column("name", "Name"),
    Column("name_corrected", "Public-record name"),
    Column("awarding_body", "Awarding body"),
    Column("recipient", "Recipient"),
    Column("note", "Note"),
    EDITORIAL,
)


def awards(ds: Dataset, years: Years | None = None) -> View:
    orgs = org_names(ds)
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "year": w["year"],
                "kind": term(w["kind"]),
                "name": w["name"],
                "name_corrected": w["name_corrected"],
                "awarding_body": orgs[w["awarding_body"]] if w["awarding_body"] else None,
                "recipient": w["recipient"],
                "note": _join(x for x in (localised(w, "note"), localised(w, "year_note")) if x) or None,
                "editorial": marks("awards", w, {"name_corrected": "name_corrected", "note": ("note", "year_note")})
                + (["awarding_body"] if w["awarding_body"] and _corrected_org(ds, w["awarding_body"]) else []),
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
        title=_("Counts stated in the report"),
        wide_only=True,  # its sentences, several lines each at 80 columns, under --wide
    )
    return View(table=_table(ds, AWARDS_COLUMNS, rows, title=_("Awards and mentions")), extras=(tallies,))


MILESTONES_COLUMNS = (
    Column("id", "Id"),
    Column("year", "Year", "year"),
    Column("kind", "Kind"),
    Column("name", "Name"),
    Column("name_basis", "Name is"),
    Column("organisation", "Organisation"),
    Column("note", "Note"),
    EDITORIAL,
)


def milestones(ds: Dataset, years: Years | None = None) -> View:
    """Recognitions that are no awards: a network membership, an appointment."""
    orgs = org_names(ds)
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": m["id"],
                "year": m["year"],
                "kind": term(m["kind"]),
                "name": localised(m, "name") if m["name_basis"] == "editorial" else m["name"],
                "name_basis": term(m["name_basis"]),
                "organisation": orgs[m["organisation"]] if m["organisation"] else None,
                "note": localised(m, "note"),
                "editorial": marks("milestones", m, {"name": "name", "note": "note"})
                + (["organisation"] if m["organisation"] and _corrected_org(ds, m["organisation"]) else []),
            },
            m["source"],
        )
        for m in sorted(ds["milestones"], key=lambda m: m["year"])
        if _within(years, m["year"])
    )
    return View(table=_table(ds, MILESTONES_COLUMNS, rows, title=_("Memberships and appointments")))


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
    Column("programmes", "Programmes"),
    Column("details", "Details"),
    Column("note", "Note"),
    EDITORIAL,
)


def actions(
    ds: Dataset,
    years: Years | None = None,
    *,
    country: str | None = None,
    partner: str | None = None,
    modality: str | None = None,
) -> View:

    orgs = org_names(ds)
    programmes_of: dict[str, list[str]] = {}
    for g in ds["programmes"]:
        for aid in g["actions"]:
            programmes_of.setdefault(aid, []).append(g["name"])
    code, notice = _country_filter(ds, country)
    org = find_partner(ds, partner)["id"] if partner is not None else None
    wanted = _modality_filter(ds, modality) if modality is not None else None
    rows: Iterable[tuple[Row, Source]] = (
        (
            {
                "id": a["id"],
                "year": a["year"],
                "heading": a["heading_as_printed"],
                "partners": _names(a["partners"], orgs),
                "countries": list(a["countries"]),
                "modality": term(a["modality"]),
                "summary": localised(a, "summary"),
                "amount_usd": a["amount_usd"],
                "beneficiaries": _names(a["beneficiaries"], orgs),
                "programmes": programmes_of.get(a["id"], []),
                "details": a["details"],
                "note": localised(a, "note"),
                "editorial": marks("actions", a, {"summary": "summary", "note": "note"})
                + [k for k in ("partners", "beneficiaries") if any(_corrected_org(ds, o) for o in a[k])],
            },
            a["source"],
        )
        for a in ds["actions"]
        if _within(years, a["year"])
        and (code is None or code in a["countries"])
        and (org is None or org in a["partners"] or org in a["beneficiaries"])
        and (wanted is None or a["modality"] in wanted)
    )
    return View(table=_table(ds, ACTIONS_COLUMNS, rows, title=_("Cooperation actions")), notice=notice)


EVENTS_COLUMNS = (
    Column("id", "Id"),
    Column("year", "Year", "year"),
    Column("name", "Event"),
    Column("organiser", "Organiser"),
    Column("city", "City"),
    Column("country", "Country code"),
    Column("participation", "Participation"),
    Column("note", "Note"),
    EDITORIAL,
    Column("country_name", "Country"),
)
"""The columns of medcoop events (country_name last: columns are only ever added)."""


def events(ds: Dataset, years: Years | None = None, *, country: str | None = None) -> View:
    names = country_names(ds)
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
                "participation": localised(e, "participation"),
                "note": localised(e, "note"),
                "editorial": marks("events", e, {"participation": "participation", "note": "note"})
                + (["organiser"] if e["organiser"] and _corrected_org(ds, e["organiser"]) else []),
                "country_name": names.get(e["country"]) if e["country"] else None,
            },
            e["source"],
        )
        for e in ds["events"]
        if _within(years, e["year"]) and (code is None or e["country"] == code)
    )
    return View(table=_table(ds, EVENTS_COLUMNS, rows, title=_("International events")), notice=notice)


VISITORS_COLUMNS = (
    Column("id", "Id"),
    Column("year", "Year", "year"),
    Column("name", "Name as printed"),
    Column("name_corrected", "Corrected name"),
    Column("title", "Title as printed"),
    Column("title_corrected", "Corrected title"),
    Column("organisation", "Organisation"),
    Column("country", "Country code"),
    Column("country_basis", "Country is"),
    Column("city", "City"),
    Column("correction_basis", "Basis of correction"),
    Column("note", "Note"),
    EDITORIAL,
    Column("country_name", "Country"),
)
"""The columns of medcoop visitors (country_name last: columns are only ever added)."""


def visitors(ds: Dataset, years: Years | None = None, *, country: str | None = None) -> View:
    names = country_names(ds)
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
                "title_corrected": localised(v, "title_corrected"),
                "organisation": orgs[v["organisation"]] if v["organisation"] else None,
                "country": v["country"],
                "country_basis": term(v["country_basis"]),
                "city": v["city"],
                "correction_basis": localised(v, "correction_basis"),
                "note": localised(v, "note"),
                "editorial": marks(
                    "visitors",
                    v,
                    {
                        "name_corrected": "name_corrected",
                        "title_corrected": "title_corrected",
                        "country": "country",
                        "correction_basis": "correction_basis",
                        "note": "note",
                    },
                )
                + (["organisation"] if v["organisation"] and _corrected_org(ds, v["organisation"]) else []),
                "country_name": names.get(v["country"]) if v["country"] else None,
            },
            v["source"],
        )
        for v in ds["visitors"]
        if _within(years, v["year"]) and (code is None or v["country"] == code)
    )
    return View(table=_table(ds, VISITORS_COLUMNS, rows, title=_("Visiting personalities")), notice=notice)


def country_names(ds: Dataset) -> dict[str, str]:
    """ISO alpha-2 -> the country's name, English as a value and Spanish where people read it."""
    return {c["a2"]: Named(c["name_en"], c["name_es"]) for c in ds["countries"]}
