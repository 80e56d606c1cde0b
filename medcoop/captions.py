"""Every word the map and the fact sheet say of their own, in one place.

English for now. Each text is a plain constant or a format string with named fields, so that
a translation layer can put each one through gettext's ``_()`` here, where it is defined,
and nowhere else. Country names come from the dataset (English and Spanish)."""

from __future__ import annotations

from typing import Final

LANG: Final = "en"
"""The language of these words (the fact sheet's lang attribute)."""

# --------------------------------------------------------------------------- roles (map --role)

ROLE_NAMES: Final = {
    "mentions": "mentions in the report",
    "cooperation-partner": "cooperation actions",
    "mission-sender": "top mission sender",
    "best-practice": "best-practice partner",
    "south-south": "South-South partner",
    "event": "events hosted",
    "visitor": "visitors",
}
"""--role value -> what the map colours, for titles and legends."""


# --------------------------------------------------------------------------- map

MAP_TITLE: Final = "Medellín's international cooperation, {period}: countries by {measure}"
MAP_DESC: Final = (
    "World map (Equal Earth projection). Colombia, the home country, is marked apart. "
    "Countries of the report, by {measure}: {countries}."
)
MAP_HOME: Final = "Colombia (home country)"
MAP_OTHER: Final = "other countries"
MAP_SOURCE: Final = "Fuente/Source: ACI Medellín, Special Report on Cooperation 2016-2018 · map: Natural Earth"
MAP_LEGEND: Final = "{measure}:"
MAP_LIST_TITLE: Final = "Countries of the report, by {measure}"
MAP_TOOLTIP_HOME: Final = "home country"
MAP_NO_COLOR_KEY: Final = "Key, {measure}: {keys}"
MAP_NO_ROWS: Final = "No country in this selection."
MAP_SMALL: Final = "small states are drawn as circles"

# --------------------------------------------------------------------------- fact sheet

SHEET_PERIOD: Final = "{publisher} · {period}"
SHEET_LEAD: Final = (
    "A fact sheet of the report, made by medcoop from its dataset: every fact below carries the "
    "number of its source sentence, quoted in full under Sources."
)
SHEET_CONTENTS: Final = "Contents"
SHEET_HEADLINES: Final = "Headline figures"
SHEET_YEARS: Final = "The three years side by side"
SHEET_YEARS_NOTE: Final = (
    "Actions, events and visitors per year are counted from the records of the dataset; "
    "delegates, journalists and awards are the figures the report states."
)
SHEET_BARS: Final = "{measure} per year"
SHEET_BARS_DESC: Final = "Bar chart of {measure}: {values}."
SHEET_MAP: Final = "Countries"
SHEET_ACTIONS: Final = "Cooperation actions"
SHEET_AWARDS: Final = "Awards and recognitions"
SHEET_MILESTONES: Final = "Memberships and appointments"
SHEET_TALLIES: Final = "Counts the report states"
SHEET_TALLIES_NOTE: Final = "A count with only some items named stays a count: the report names these items of it."
SHEET_EVENTS: Final = "International events"
SHEET_VISITORS: Final = "Visitors"
SHEET_COUNTRIES: Final = "Countries and their roles"
SHEET_SOURCES: Final = "Sources"
SHEET_SOURCES_NOTE: Final = (
    "Each sentence as printed in the report, by section. The year headings of the three blocks "
    "were lost in the captured page; their years are inferred (see the sections below)."
)
SHEET_SECTION: Final = "Section {section}"
SHEET_SOURCE_COLUMN: Final = "Source"
SHEET_SOURCE_LINK: Final = "source sentence {number}"
SHEET_CORRECTIONS: Final = "Corrections from public records"
SHEET_CORRECTIONS_NOTE: Final = (
    "The report's spelling is kept as printed; a corrected name or title from public records is "
    "shown beside it, marked “corrected”."
)
SHEET_CORRECTED: Final = "corrected"
SHEET_CITE: Final = "How to cite"
SHEET_CITE_REPORT: Final = "{publisher}. {title_es} — {title_en}. Period covered: {period}."
SHEET_CITE_DATA: Final = (
    "Data: medcoop {version}, dataset data/medcoop.json (each fact with its source sentence). "
    "Map: Natural Earth 1:50m admin-0 countries (public domain), via world-atlas 2.0.2."
)
SHEET_MADE: Final = "Made with medcoop {version}."
