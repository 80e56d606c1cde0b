"""Where the values of each text field come from: the report's words, or someone else's.

Every text field of every kind of record is declared here as one of:

- PRINTED: the report's words, found in the record's quote (or in one of its passages), as
  ``normalise`` compares them. ``medcoop validate`` checks it.
- PASSAGE: more of the report's words than a quote holds (an action's details): it holds its
  quote (the quote's leading ``Heading:`` set aside); the tests check it against the source text.
- IN_REPORT: printed somewhere in the report (a country's spellings): in some record's quote.
- IDENTIFIER: ids, codes, enumerated values, references and names to look a record up by:
  names for machines, not claims of the report.
- EDITORIAL: the editors' words (labels, summaries, descriptions, notes): not the report's.
  The table view, Markdown and HTML mark these columns.
- PUBLIC_RECORD: from public records (a corrected spelling), with the record's correction_basis.
- ISO: a standard name (ISO 3166-1; Spanish names from CLDR).
- PER_VALUE: sometimes printed, sometimes not: the record's ``<field>_basis`` says which for
  each value (``printed`` is checked like PRINTED).

Plain data, imported by validation and by the table view's column choice: nothing heavy.
"""

from __future__ import annotations

import re
from typing import Final, Literal

FieldClass = Literal[
    "printed", "passage", "in report", "identifier", "editorial", "public record", "ISO 3166", "per value"
]
PRINTED: Final = "printed"
PASSAGE: Final = "passage"
IN_REPORT: Final = "in report"
IDENTIFIER: Final = "identifier"
EDITORIAL: Final = "editorial"
PUBLIC_RECORD: Final = "public record"
ISO: Final = "ISO 3166"
PER_VALUE: Final = "per value"

_NOTES: dict[str, FieldClass] = {"note": EDITORIAL}
_TIMED: dict[str, FieldClass] = {"id": IDENTIFIER, "year_basis": IDENTIFIER}

FIELDS: Final[dict[str, dict[str, FieldClass]]] = {
    "metrics": {
        **_TIMED,
        "measure": IDENTIFIER,
        "label": EDITORIAL,
        "qualifier": PRINTED,
        "unit": IDENTIFIER,
        "country": IDENTIFIER,
        "restates": IDENTIFIER,
        **_NOTES,
    },
    "topic_lists": {**_TIMED, "context": EDITORIAL, "topics": PRINTED},
    "countries": {
        "a2": IDENTIFIER,
        "a3": IDENTIFIER,
        "name_en": ISO,
        "name_es": ISO,
        "printed_as": IN_REPORT,
        "aliases": IDENTIFIER,
        "iso_names": ISO,
        **_NOTES,
    },
    "organisations": {
        "id": IDENTIFIER,
        "name": PRINTED,
        "name_corrected": PUBLIC_RECORD,
        "correction_basis": EDITORIAL,
        "acronym": PRINTED,
        "name_es": PUBLIC_RECORD,
        "kind": PER_VALUE,
        "kind_basis": IDENTIFIER,
        "country": IDENTIFIER,
        "aliases": IDENTIFIER,
    },
    "actions": {
        **_TIMED,
        "heading_as_printed": PRINTED,
        "partners": IDENTIFIER,
        "countries": IDENTIFIER,
        "modality": PRINTED,
        "summary": EDITORIAL,
        "details": PASSAGE,
        "beneficiaries": IDENTIFIER,
        "topics": PRINTED,
        **_NOTES,
    },
    "country_roles": {**_TIMED, "country": IDENTIFIER, "role": IDENTIFIER, "printed_as": PRINTED},
    "events": {
        **_TIMED,
        "name": PRINTED,
        "organiser": IDENTIFIER,
        "city": PRINTED,
        "country": IDENTIFIER,
        "participation": EDITORIAL,
        **_NOTES,
    },
    "awards": {
        **_TIMED,
        "year_note": EDITORIAL,
        "name": PRINTED,
        "name_corrected": PUBLIC_RECORD,
        "correction_basis": EDITORIAL,
        "kind": IDENTIFIER,
        "awarding_body": IDENTIFIER,
        "recipient": PRINTED,
        "recipient_org": IDENTIFIER,
        **_NOTES,
    },
    "milestones": {
        **_TIMED,
        "kind": IDENTIFIER,
        "name": PER_VALUE,
        "name_basis": IDENTIFIER,
        "organisation": IDENTIFIER,
        **_NOTES,
    },
    "tallies": {
        **_TIMED,
        "subject": PRINTED,
        "counted": PRINTED,
        "named_what": IDENTIFIER,
        "named": PRINTED,
        "named_refs": IDENTIFIER,
        **_NOTES,
    },
    "visitors": {
        **_TIMED,
        "name": PRINTED,
        "name_corrected": PUBLIC_RECORD,
        "title": PRINTED,
        "title_corrected": PUBLIC_RECORD,
        "correction_basis": EDITORIAL,
        "organisation": IDENTIFIER,
        "country": PER_VALUE,
        "country_basis": IDENTIFIER,
        "city": PRINTED,
        **_NOTES,
    },
    "programmes": {
        **_TIMED,
        "name": PRINTED,
        "acronym": PRINTED,
        "aliases": IDENTIFIER,
        "kind": PRINTED,
        "actions": IDENTIFIER,
        "awards": IDENTIFIER,
        "description": EDITORIAL,
        **_NOTES,
    },
}
"""Collection of the dataset -> text field -> where its values come from. Numbers, booleans
and the source are not text fields; a test checks that every text field is declared."""


def editorial(collection: str, field: str) -> bool:
    """Whether a field's values are the editors' words."""
    return FIELDS.get(collection, {}).get(field) == EDITORIAL


_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_SPACE = re.compile(r"\s+")
_PUNCT_SPACE = re.compile(r"(?<=[(\[]) | (?=[)\],;:.])")


def normalise(text: str) -> str:
    """Text as compared with the report: case folded; curly quotes straight; en and em dashes
    as '-'; runs of white space as one space; no space after an opening bracket nor before a
    closing bracket or punctuation ('TIF ( Tax' is 'TIF (Tax', 'Guyana , Argentina' is
    'Guyana, Argentina'). Nothing else: a word, a letter or an accent that differs differs."""
    text = _SPACE.sub(" ", text.translate(_FOLD)).strip()
    return _PUNCT_SPACE.sub("", text).casefold()
