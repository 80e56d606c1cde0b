"""What each column of the report's tables means, in one place.

The tables themselves are defined once, by medcoop.export (from the dataset's records); this
module only describes their columns, by column name, with a few meanings that depend on the
table. A column whose values are the editors' words (medcoop.provenance) says so. The export
puts the descriptions into datapackage.json, and the SQLite database's Datasette metadata and
the workbook's "about" sheet read them from there.
"""

from __future__ import annotations

TABLES: dict[str, str] = {
    "sections": "The report's sections, and how each section's year is known.",
    "countries": "Every country the report mentions.",
    "organisations": "Every organisation the report mentions.",
    "metrics": "The headline figures the report states.",
    "topic_lists": "The report's lists of topics (delegations' interests, best practices, ...).",
    "actions": "Cooperation actions.",
    "action_partners": "Which organisations are partners of which action.",
    "action_countries": "Which countries take part in which action.",
    "action_beneficiaries": "Which organisations benefit from which action.",
    "country_roles": "Countries named in a role: top mission sender, best-practice or South-South partner.",
    "events": "International events the city was invited to or took part in.",
    "awards": "Named awards and recognitions.",
    "milestones": "Recognitions that are no award: network memberships, appointments.",
    "programme_actions": "Which actions belong to which programme.",
    "programme_awards": "Which awards belong to which programme.",
    "tallies": "Counts the report states, with the items it names.",
    "tally_items": "The items a tally names, in the report's order.",
    "visitors": "Visiting personalities.",
    "programmes": "Programmes and initiatives.",
}

COLUMNS: dict[str, str] = {
    "id": "Stable identifier of the row.",
    "a2": "ISO 3166-1 alpha-2 code.",
    "a3": "ISO 3166-1 alpha-3 code.",
    "name_en": "English name.",
    "name_es": "Spanish name.",
    "name": "Name as printed in the report.",
    "name_corrected": "Name as on the public record, where the report's spelling differs.",
    "correction_basis": "Why the name or title was corrected.",
    "acronym": "Acronym.",
    "aliases": "Other names it answers to, joined by '; '.",
    "printed_as": "Spellings printed in the report, joined by '; '.",
    "kind": "Kind of record.",
    "kind_basis": "Where the kind comes from: printed, public record, editorial, derived or ISO 3166.",
    "country_basis": "Where the country comes from: printed, public record, editorial, derived or ISO 3166.",
    "name_basis": "Where the name comes from: printed, public record, editorial, derived or ISO 3166.",
    "iso_names": "The country's ISO 3166 names, joined by '; '.",
    "restates": "Figure this one states again (see metrics.id), so that money is counted once.",
    "award": "Award (see awards.id).",
    "country": "Country (ISO alpha-2 code, see countries.a2).",
    "year": "Year.",
    "year_basis": "How the year is known: stated in its sentence, its section, the report period or public record.",
    "year_note": "Note on the year.",
    "period_start": "First year of the period.",
    "period_end": "Last year of the period.",
    "heading_as_printed": "Heading as printed in the report.",
    "basis": "Why the section's year is what it is.",
    "measure": "What is measured.",
    "label": "What the figure is, in words.",
    "value": "The figure.",
    "qualifier": "Qualifier printed with the figure (more than, about, ...).",
    "unit": "Unit of the figure.",
    "note": "Note.",
    "context": "What the list is about.",
    "topics": "Topics, joined by '; '.",
    "modality": "Modality of cooperation (technical, financial, ...).",
    "programme": "Programme the action belongs to.",
    "programme_note": "Note on the programme.",
    "summary": "What the action is, in a few words.",
    "details": "What the report says of it.",
    "amount_usd": "Amount in US dollars, where the report states one.",
    "action": "Action (see actions.id).",
    "organisation": "Organisation (see organisations.id).",
    "role": "Role the report gives the country.",
    "organiser": "Organiser (see organisations.id).",
    "city": "City.",
    "participation": "How the city took part.",
    "awarding_body": "Awarding body (see organisations.id).",
    "recipient": "Who received it, as the report says.",
    "recipient_org": "Recipient organisation (see organisations.id).",
    "subject": "What is counted.",
    "count": "The count the report states.",
    "counted": "What the count is of.",
    "named_what": "What the named items are.",
    "named": "Items the report names, joined by '; ' (often fewer than the count).",
    "named_refs": "Records the named items refer to, joined by '; '.",
    "complete": "Whether the named items are all of the count.",
    "tally": "Tally (see tallies.id).",
    "position": "Position of the item in the report's list (1, 2, ...).",
    "item": "The item as named in the report.",
    "ref": "Record the item refers to, if any.",
    "title": "Title or position as printed.",
    "title_corrected": "Title as on the public record, where the report's differs.",
    "since": "Year it started.",
    "description": "What it is.",
    "heading": "Heading.",
    "section": "Section of the report the row comes from (see sections.id).",
    "quote": "Verbatim quote from that section: the row's provenance.",
}

_BY_TABLE: dict[tuple[str, str], str] = {
    ("sections", "id"): "Section of the report: introduction, 2016, 2017, 2018.",
    ("sections", "year"): "Year of the section.",
    ("sections", "year_basis"): "How the section's year is known: stated, inferred or not applicable.",
    ("countries", "note"): "Note on the country or its spelling.",
    ("organisations", "kind"): "Kind of organisation.",
    ("organisations", "country"): "Country of the organisation (see countries.a2).",
    ("awards", "kind"): "Kind of award.",
    ("milestones", "kind"): "membership or appointment.",
    ("milestones", "organisation"): "Organisation of the membership or appointment (see organisations.id).",
    ("programme_actions", "programme"): "Programme (see programmes.id).",
    ("programme_awards", "programme"): "Programme (see programmes.id).",
    ("awards", "name"): "Name of the award as printed.",
    ("programmes", "kind"): "Kind of programme.",
    ("visitors", "name"): "Name of the visitor as printed.",
    ("visitors", "organisation"): "Organisation the visitor represents (see organisations.id).",
    ("country_roles", "printed_as"): "The country's name as printed where the role is given.",
}


EDITORIAL_NOTE = "The editors' words, not the report's: the quote is the report's."
"""Added to the description of a column whose values medcoop.provenance declares editorial."""


def describe(table: str, column: str) -> str | None:
    """What a column of a table means, or None when it is not described; a column of the
    editors' words says so."""
    from medcoop.provenance import editorial

    text = _BY_TABLE.get((table, column)) or COLUMNS.get(column)
    if text is not None and editorial(table, column):
        return f"{text} {EDITORIAL_NOTE}"
    return text
