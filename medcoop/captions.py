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
    "SHEET_LEAD": N_(
        "A fact sheet of the report, made by medcoop from its dataset: every fact below carries the "
        "number of its source sentence, quoted in full under Sources."
    ),
    "SHEET_CONTENTS": N_("Contents"),
    "SHEET_HEADLINES": N_("Headline figures"),
    "SHEET_YEARS": N_("The three years side by side"),
    "SHEET_YEARS_NOTE": N_(
        "Delegates, journalists and the awards stated are figures the report states; the awards named, "
        "actions, events and visitors per year are derived: counted from the records of the dataset."
    ),
    "SHEET_BARS": N_("{measure} per year"),
    "SHEET_BARS_DESC": N_("Bar chart of {measure}: {values}."),
    "SHEET_MAP": N_("Countries"),
    "SHEET_ACTIONS": N_("Cooperation actions"),
    "SHEET_AWARDS": N_("Awards and recognitions"),
    "SHEET_MILESTONES": N_("Memberships and appointments"),
    "SHEET_TALLIES": N_("Counts the report states"),
    "SHEET_TALLIES_NOTE": N_("A count with only some items named stays a count: the report names these items of it."),
    "SHEET_EVENTS": N_("International events"),
    "SHEET_VISITORS": N_("Visitors"),
    "SHEET_COUNTRIES": N_("Countries and their roles"),
    "SHEET_SOURCES": N_("Sources"),
    "SHEET_SOURCES_NOTE": N_(
        "Each sentence as printed in the report, by section. The year headings of the three blocks "
        "were lost in the captured page; their years are inferred (see the sections below)."
    ),
    "SHEET_SECTION": N_("Section {section}"),
    "SHEET_SOURCE_COLUMN": N_("Source"),
    "SHEET_SOURCE_LINK": N_("source sentence {number}"),
    "SHEET_CORRECTIONS": N_("Corrections from public records"),
    "SHEET_CORRECTIONS_NOTE": N_(
        "The report's spelling is kept as printed; a corrected name or title from public records is "
        "shown beside it, marked “corrected”."
    ),
    "SHEET_CORRECTED": N_("corrected"),
    "SHEET_EDITORIAL": N_("{mark} the editors' words, not the report's: the Source column links to the sentence."),
    "SHEET_CITE": N_("How to cite"),
    "SHEET_CITE_REPORT": N_("{publisher}. {title_es} — {title_en}. Period covered: {period}."),
    "SHEET_CITE_DATA": N_(
        "Data: medcoop {version}, dataset data/medcoop.json (each fact with its source sentence). "
        "Map: Natural Earth 1:50m admin-0 countries (public domain), via world-atlas 2.0.2."
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


def msg_format(name: str, **args: object) -> Msg:
    """The text `name` with its fields, as a value: English in the data, translated where people read it."""
    return Msg(TEXT[name], **args)


def role_name(role: str) -> str:
    """What the map colours for a --role value, in this run's language."""
    return i18n._(ROLE_NAMES[role])
