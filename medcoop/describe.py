"""What each column of the report's tables means, in one place.

The tables themselves are defined once, by medcoop.export (from the dataset's records); this
module only describes their columns, by column name, with a few meanings that depend on the
table. A column whose values are the editors' words (medcoop.provenance) says so; a column with
a foreign key names the column it refers to, as the export gives it (the texts here never do). The export
puts the descriptions into datapackage.json, and the SQLite database's Datasette metadata and
the workbook's "about" sheet read them from there. They are marked for the catalog (N_) and
given as i18n texts: English in those files, translated where `medcoop sql --tables` shows them
to people.
"""

from __future__ import annotations

from medcoop.i18n import N_, Joined, Msg

TABLES: dict[str, str] = {
    "sections": N_("The report's sections, and how each section's year is known."),
    "countries": N_("Every country the report mentions."),
    "organisations": N_("Every organisation the report mentions."),
    "metrics": N_("The headline figures the report states."),
    "topic_lists": N_("The report's lists of topics (delegations' interests, best practices, ...)."),
    "actions": N_("Cooperation actions."),
    "action_partners": N_("Which organisations are partners of which action."),
    "action_countries": N_("Which countries take part in which action."),
    "action_beneficiaries": N_("Which organisations benefit from which action."),
    "country_roles": N_("Countries named in a role: top mission sender, best-practice or South-South partner."),
    "events": N_(
        "International events the report names: those the city was invited to or took part in, and one where "
        "its joining a network was announced."
    ),
    "awards": N_("Awards and mentions the report names."),
    "milestones": N_("Recognitions that are no award: network memberships, appointments."),
    "programme_actions": N_("Which actions belong to which programme."),
    "programme_awards": N_("Which awards belong to which programme."),
    "tallies": N_("Counts the report states, with the items it names."),
    "tally_items": N_("The items a tally names, in the report's order."),
    "visitors": N_("Visiting personalities."),
    "programmes": N_("Programmes and initiatives."),
    "mentions": N_(
        "One row per country and record that names it: every count of a country (medcoop countries, the map, "
        "the fact sheet) is a GROUP BY of this table."
    ),
}

COLUMNS: dict[str, str] = {
    "id": N_("Stable identifier of the row."),
    "a2": N_("ISO 3166-1 alpha-2 code."),
    "a3": N_("ISO 3166-1 alpha-3 code."),
    "name_en": N_("English name."),
    "name_es": N_("Spanish name."),
    "name": N_("Name as printed in the report."),
    "name_corrected": N_("Name as on the public record, where the report's spelling differs."),
    "correction_basis": N_("Why the name or title was corrected."),
    "acronym": N_("Acronym."),
    "aliases": N_("Other names it answers to, joined by '; '."),
    "printed_as": N_("Spellings printed in the report, joined by '; '."),
    "kind": N_("Kind of record."),
    "kind_basis": N_("Where the kind comes from: printed, public record, editorial, derived or ISO 3166."),
    "country_basis": N_("Where the country comes from: printed, public record, editorial, derived or ISO 3166."),
    "name_basis": N_("Where the name comes from: printed, public record, editorial, derived or ISO 3166."),
    "iso_names": N_("The country's ISO 3166 names, joined by '; '."),
    "restates": N_("The action whose amount this figure states again, so that the money is counted once."),
    "award": N_("Award."),
    "country": N_("Country, by its ISO alpha-2 code."),
    "year": N_("Year."),
    "year_basis": N_("How the year is known: stated in its sentence, its section, the report period or public record."),
    "year_note": N_("Note on the year."),
    "period_start": N_("First year of the period."),
    "period_end": N_("Last year of the period."),
    "heading_as_printed": N_("Heading as printed in the report."),
    "basis": N_("Why the section's year is what it is."),
    "measure": N_("What is measured."),
    "label": N_("What the figure is, in words."),
    "value": N_("The figure."),
    "qualifier": N_("Qualifier printed with the figure (more than, about, ...)."),
    "unit": N_("Unit of the figure."),
    "note": N_("Note."),
    "context": N_("What the list is about."),
    "topics": N_("Topics, joined by '; '."),
    "modality": N_("Modality of cooperation (technical, financial, ...)."),
    "programme": N_("Programme the action belongs to."),
    "programme_note": N_("Note on the programme."),
    "summary": N_("What the action is, in a few words."),
    "details": N_("What the report says of it."),
    "amount_usd": N_("Amount in US dollars, where the report states one."),
    "action": N_("Action."),
    "organisation": N_("Organisation."),
    "role": N_("Role the report gives the country."),
    "organiser": N_("Organiser."),
    "city": N_("City."),
    "participation": N_("How the city took part."),
    "awarding_body": N_("Awarding body."),
    "recipient": N_("Who received it, as the report says."),
    "recipient_org": N_("Recipient organisation."),
    "subject": N_("What is counted."),
    "count": N_("The count the report states."),
    "counted": N_("What the count is of."),
    "named_what": N_("What the named items are."),
    "named": N_("Items the report names, joined by '; ' (often fewer than the count)."),
    "named_refs": N_("Records the named items refer to, joined by '; '."),
    "complete": N_("Whether the named items are all of the count."),
    "tally": N_("Tally."),
    "position": N_("Position of the item in the report's list (1, 2, ...)."),
    "item": N_("The item as named in the report."),
    "ref": N_("Record the item refers to, if any."),
    "title": N_("Title or position as printed."),
    "title_corrected": N_("Title as on the public record, where the report's differs."),
    "since": N_("Year it started."),
    "description": N_("What it is."),
    "heading": N_("Heading."),
    "section": N_("Section of the report the row comes from."),
    "quote": N_("Verbatim quote from that section: the row's provenance."),
}

_BY_TABLE: dict[tuple[str, str], str] = {
    ("sections", "id"): N_("Section of the report: introduction, 2016, 2017, 2018."),
    ("sections", "year"): N_("Year of the section."),
    ("sections", "year_basis"): N_("How the section's year is known: stated, inferred or not applicable."),
    ("countries", "note"): N_("Note on the country or its spelling."),
    ("organisations", "kind"): N_("Kind of organisation."),
    ("organisations", "country"): N_("Country of the organisation."),
    ("awards", "kind"): N_("Kind of award."),
    ("milestones", "kind"): N_("membership or appointment."),
    ("milestones", "organisation"): N_("Organisation of the membership or appointment."),
    ("programme_actions", "programme"): N_("Programme."),
    ("programme_awards", "programme"): N_("Programme."),
    ("awards", "name"): N_("Name of the award as printed."),
    ("programmes", "kind"): N_("Kind of programme."),
    ("visitors", "name"): N_("Name of the visitor as printed."),
    ("visitors", "organisation"): N_("Organisation the visitor represents."),
    ("country_roles", "printed_as"): N_("The country's name as printed where the role is given."),
    ("mentions", "country"): N_("The country named, by its ISO alpha-2 code."),
    ("mentions", "record_table"): N_("The table of the record that names the country (actions, visitors, ...)."),
    ("mentions", "record_id"): N_("The id (for a country, the a2) of that record in its table."),
    ("mentions", "role"): N_(
        "The role, as the count column of medcoop countries: cooperation_actions, top_mission_sender, "
        "best_practice_partner, south_south_partner, events, visitors, headline_figures, named_in_sentence."
    ),
    ("mentions", "how"): N_(
        "How the record names the country: printed (its sentence prints a name of the country), derived from a "
        "city (the sentence prints a city of it), or derived (the editors' reading of the sentence)."
    ),
    ("mentions", "year"): N_(
        "The one year the mention is dated in; empty when it covers a wider period or none (not by year)."
    ),
    ("mentions", "period"): N_("The period of the mention, as the listings show it."),
    ("mentions", "amount_usd"): N_("Money this mention counts, in US dollars (empty when another record counts it)."),
}


EDITORIAL_NOTE = N_("The editors' words, not the report's: the quote is the report's.")
"""Added to the description of a column whose values medcoop.provenance declares editorial."""

REFERENCE = N_("See {reference}.")
"""Added to the description of a column with a foreign key, naming the column it refers to, as
the export's foreign keys give it (so that the two cannot disagree)."""


def describe(table: str, column: str, reference: str | None = None) -> str | None:
    """What a column of a table means, or None when it is not described; a column that refers
    to another (`reference`, "table.column", from the export's foreign key) names it, and a
    column of the editors' words says so."""
    from medcoop.provenance import editorial

    text = _BY_TABLE.get((table, column)) or COLUMNS.get(column)
    if text is None:
        return None
    parts = (
        Msg(text),
        Msg(REFERENCE, reference=reference) if reference else None,
        Msg(EDITORIAL_NOTE) if editorial(table, column) else None,
    )
    return Joined(parts, " ") if len([p for p in parts if p]) > 1 else Msg(text)


# --------------------------------------------------------------------------- names for people

SHEETS: dict[str, str] = {
    "sections": N_("Sections"),
    "countries": N_("Countries"),
    "organisations": N_("Organisations"),
    "metrics": N_("Headline figures"),
    "topic_lists": N_("Topic lists"),
    "actions": N_("Actions"),
    "action_partners": N_("Action partners"),
    "action_countries": N_("Action countries"),
    "action_beneficiaries": N_("Action beneficiaries"),
    "country_roles": N_("Country roles"),
    "events": N_("Events"),
    "awards": N_("Awards"),
    "milestones": N_("Milestones"),
    "tallies": N_("Counts"),
    "tally_items": N_("Items of counts"),
    "visitors": N_("Visitors"),
    "programmes": N_("Programmes"),
    "programme_actions": N_("Programme actions"),
    "programme_awards": N_("Programme awards"),
    "mentions": N_("Mentions"),
}
"""The name of each table as people read it (the Spanish workbook's sheets); the English workbook
and every file for programs name the tables by their keys."""

LABELS: dict[str, str] = {
    "id": N_("Id"),
    "a2": N_("A2"),
    "a3": N_("A3"),
    "name_en": N_("English"),
    "name_es": N_("Spanish"),
    "printed_as": N_("Printed as"),
    "aliases": N_("Other names"),
    "iso_names": N_("ISO 3166 names"),
    "note": N_("Note"),
    "section": N_("Section"),
    "quote": N_("Quote"),
    "name": N_("Name"),
    "name_corrected": N_("Corrected name"),
    "correction_basis": N_("Basis of correction"),
    "acronym": N_("Acronym"),
    "kind": N_("Kind"),
    "kind_basis": N_("Kind is"),
    "country": N_("Country"),
    "measure": N_("Measure"),
    "label": N_("What"),
    "value": N_("Value"),
    "qualifier": N_("Qualifier"),
    "unit": N_("Unit"),
    "period_start": N_("From"),
    "period_end": N_("To"),
    "year_basis": N_("Year is"),
    "restates": N_("Restates"),
    "context": N_("Context"),
    "topics": N_("Topics"),
    "year": N_("Year"),
    "heading_as_printed": N_("Heading as printed"),
    "modality": N_("Modality"),
    "summary": N_("Summary"),
    "details": N_("Details"),
    "amount_usd": N_("Amount (USD)"),
    "action": N_("Action"),
    "organisation": N_("Organisation"),
    "role": N_("Role"),
    "organiser": N_("Organiser"),
    "city": N_("City"),
    "participation": N_("Participation"),
    "year_note": N_("About the year"),
    "awarding_body": N_("Awarding body"),
    "recipient": N_("Recipient"),
    "recipient_org": N_("Recipient organisation"),
    "name_basis": N_("Name is"),
    "subject": N_("Subject"),
    "count": N_("Count"),
    "counted": N_("What is counted"),
    "named_what": N_("Items named are"),
    "named": N_("Named items"),
    "named_refs": N_("Records of the named items"),
    "complete": N_("Complete list"),
    "title": N_("Title as printed"),
    "title_corrected": N_("Corrected title"),
    "country_basis": N_("Country is"),
    "since": N_("Since"),
    "description": N_("Description"),
    "programme": N_("Programme"),
    "award": N_("Award"),
    "tally": N_("Count"),
    "position": N_("#"),
    "item": N_("Item"),
    "ref": N_("Record"),
    "basis": N_("Basis"),
    "record_table": N_("Table of the record"),
    "record_id": N_("Record"),
    "how": N_("How it is mentioned"),
    "period": N_("Period"),
}
"""A header for people of each column of the report's tables (the Spanish workbook's headers)."""

TYPES: dict[str, str] = {
    "string": N_("free text"),
    "integer": N_("whole number"),
    "number": N_("number"),
    "boolean": N_("yes or no"),
}
"""The Table Schema types as people read them (the Spanish workbook's about sheet)."""
