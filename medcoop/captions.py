"""Every word the map and the fact sheet say of their own, in one place.

Each text is a constant of TEXT (English, the catalog's message id) or a format string with
named fields; reading it as an attribute of this module (captions.MAP_TITLE) gives it in this
run's language, translated here, where it is defined (a module __getattr__, so that a run's
language chosen after the import still counts). msg(name) gives a text that stays English as a
value (machine formats carry it) and is translated where people read it. Country names come
from the dataset (English and Spanish)."""

from __future__ import annotations

from typing import Final

from medcoop import i18n
from medcoop.i18n import N_, Msg

ROLE_NAMES: Final = {
    "mentions": N_("mentions in the report"),
    "cooperation-partner": N_("cooperation actions"),
    "mission-sender": N_("top mission sender"),
    "best-practice": N_("best-practice partner"),
    "south-south": N_("South-South partner"),
    "event": N_("events hosted"),
    "visitor": N_("visitors"),
}
"""--role value -> what the map colours, for titles and legends."""

ROLE_COUNTED: Final = {
    "mentions": N_("the number of records of the report that name the country"),
    "cooperation-partner": N_("the number of the report's cooperation actions with the country"),
    "mission-sender": N_("the number of records that name the country among the top senders of missions"),
    "best-practice": N_("the number of records that name the country as a best-practice partner"),
    "south-south": N_("the number of records that name the country as a South-South partner"),
    "event": N_("the number of international events of the report held in the country"),
    "visitor": N_("the number of the report's visitors from the country"),
}
"""--role value -> what a class of the map's legend counts, in words."""


TEXT: Final = {
    # --------------------------------------------------------------------------- map
    "MAP_TITLE": N_("Medellín's international cooperation, {period}: countries by {measure}"),
    "MAP_DESC": N_(
        "World map (Equal Earth projection). Colombia, the home country, is marked apart. "
        "Countries of the report, by {measure}: {countries}."
    ),
    "MAP_HOME": N_("Colombia (home country)"),
    "MAP_OTHER": N_("other countries"),
    "MAP_SOURCE": N_("Fuente/Source: ACI Medellín, Special Report on Cooperation 2016-2018 · map: Natural Earth"),
    "MAP_LEGEND": N_("{measure}:"),
    "MAP_LIST_TITLE": N_("Countries of the report, by {measure}"),
    "MAP_TOOLTIP_HOME": N_("home country"),
    "MAP_NO_COLOR_KEY": N_("Key, {measure}: {keys}"),
    "MAP_NO_ROWS": N_("No country in this selection."),
    "MAP_SMALL": N_("small states are drawn as circles"),
    "MAP_HEADING": N_("Medellín's international cooperation, {period}"),
    "MAP_SUBTITLE": N_("Colour: {counted}. A city counts for its country (Paris for France)."),
    "MAP_RANGE": N_("{low}–{high} records"),
    "MAP_CREDIT": N_("Source: {publisher}, {title}. Map: Natural Earth via world-atlas, Equal Earth projection."),
    "MAP_MADE": N_("Made with medcoop {version}."),
    "MAP_PRINTED_AS": N_("printed as {printed}"),
    "MAP_TITLE_NONE": N_("Medellín's international cooperation: no country by {measure} is dated in {period}"),
    "MAP_APART": N_(
        "Not by year: {count} mentions of {countries} countries cover a wider or unstated period, not counted "
        "in {years}; the map without --year shows them."
    ),
    "MAP_DERIVED": N_(
        "Derived: mentions whose sentence does not print the country's name (a city of it, the editors' reading)."
    ),
    # --------------------------------------------------------------------------- fact sheet
    "SHEET_PERIOD": N_("{publisher} · {period}"),
    "SHEET_KIND": N_("fact sheet"),
    "SHEET_LEAD": N_(
        "The report's key figures, the countries it names, and its cooperation actions, awards, events "
        "and visitors, each with the number of the report's sentence it rests on, quoted in full under Sources."
    ),
    "SHEET_EDITORIAL": N_(
        "{mark} marks the editors' words (a label, a summary, a note), not the report's; "
        "the number after a fact links to the report's sentence."
    ),
    "SHEET_CONTENTS": N_("Contents"),
    "SHEET_FIGURES": N_("The report in figures"),
    "SHEET_FROM_COUNTRIES": N_("from {count} countries"),
    "SHEET_COUNTRIES_NAMED": N_("countries named in the report, Colombia included (counted from its records)"),
    "SHEET_PER_YEAR": N_("Delegates per year"),
    "SHEET_MORE_FIGURES": N_("More figures"),
    "SHEET_TALLIES": N_("Counts the report states"),
    "SHEET_NAMED": N_("{what} named"),
    "SHEET_MAP": N_("Where the countries of the report are"),
    "SHEET_LEGEND": N_("Legend"),
    "SHEET_COUNTRIES": N_("Each country, and what the report names it for"),
    "SHEET_ACTIONS": N_("Cooperation actions"),
    "SHEET_BENEFITS": N_("Benefits"),
    "SHEET_AWARDS": N_("Awards and recognitions"),
    "SHEET_AWARDED_BY": N_("awarded by {body}"),
    "SHEET_NO_BODY": N_("awarding body not named in the report"),
    "SHEET_AWARDED_TO": N_("to {recipient}"),
    "SHEET_EVENTS": N_("International events"),
    "SHEET_VISITORS": N_("Visitors"),
    "SHEET_SOURCES": N_("Sources"),
    "SHEET_SOURCES_NOTE": N_(
        "Each sentence as printed in the report, by section. The year headings of the three blocks "
        "were lost in the captured page; their years are inferred."
    ),
    "SHEET_SECTION": N_("Section {section}"),
    "SHEET_SECTION_INTRO": N_("Introduction"),
    "SHEET_SOURCE_LINK": N_("source sentence {number}"),
    "SHEET_CORRECTIONS": N_("Corrections from public records"),
    "SHEET_CORRECTIONS_NOTE": N_(
        "The report's spelling is kept as printed; a corrected name or title from public records is "
        "shown beside it, marked “corrected”."
    ),
    "SHEET_CORRECTED": N_("corrected"),
    "SHEET_CITE": N_("How to cite"),
    "SHEET_CITE_REPORT_HEAD": N_("The report"),
    "SHEET_CITE_REPORT": N_(
        "{publisher} (n.d.). {title_es} — {title_en} [web page]. Medellín: {publisher}. Period covered: {period}."
    ),
    "SHEET_CITE_DATA_HEAD": N_("The dataset"),
    "SHEET_CITE_DATA": N_(
        "medcoop, version {version}: the report of {publisher}, “{title_en}”, as data, every fact with "
        "its source sentence [data set and software]."
    ),
    "SHEET_CITE_SHEET_HEAD": N_("The map"),
    "SHEET_CITE_SHEET": N_(
        "Natural Earth, 1:50m admin-0 countries (public domain), via world-atlas 2.0.2; Equal Earth projection."
    ),
    "SHEET_MADE": N_("Made with medcoop {version}."),
}
"""Name -> English text; each is an attribute of this module in this run's language."""


def __getattr__(name: str) -> str:
    if name == "LANG":  # the fact sheet's lang attribute
        return i18n.language
    try:
        return i18n._(TEXT[name])
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None


def msg(name: str) -> Msg:
    """The text `name` as a value: English in the data, translated where people read it."""
    return Msg(TEXT[name])


def counted(role: str) -> str:
    """What the map's colours count for a --role value, in this run's language."""
    return i18n._(ROLE_COUNTED[role])


def records(low: int, high: int) -> str:
    """A class of the map's legend: '1 record', '2 records', '2–3 records'."""
    if low == high:
        return i18n.ngettext("{count} record", "{count} records", low).format(count=i18n.number(low))
    return i18n._(TEXT["MAP_RANGE"]).format(low=i18n.number(low), high=i18n.number(high))


def msg_format(name: str, **args: object) -> Msg:
    """The text `name` with its fields, as a value: English in the data, translated where people read it."""
    return Msg(TEXT[name], **args)


def derived(count: int) -> str:
    """How many of a country's records the editors derived (a city printed, their reading)."""
    return i18n.ngettext(
        "{count} derived: a city printed, or the editors' reading",
        "{count} derived: a city printed, or the editors' reading",
        count,
    ).format(count=i18n.number(count))


def role_name(role: str) -> str:
    """What the map colours for a --role value, in this run's language."""
    return i18n._(ROLE_NAMES[role])
