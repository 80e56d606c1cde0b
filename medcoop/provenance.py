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

Numbers and years are declared too (NUMBERS, YEAR_FIELDS): every amount and count a record
holds is printed in its quote in one of the forms ``numbers_in`` reads, unless the record
restates another record's amount; a year stands where its ``year_basis`` says.

Plain data, imported by validation and by the table view's column choice: nothing heavy.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from decimal import Decimal

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


def editors_value(collection: str, field: str, record: Mapping[str, object]) -> bool:
    """Whether a record's value of a field is the editors' words: a value of an editorial field,
    or of a field printed only sometimes whose basis for this value is ``editorial``."""
    if not record.get(field):
        return False
    kind = FIELDS.get(collection, {}).get(field)
    return kind == EDITORIAL or (kind == PER_VALUE and record.get(f"{field}_basis") == EDITORIAL)


NOT_THE_REPORTS: Final = (EDITORIAL, PUBLIC_RECORD)
"""The classes of values that are not the report's words: the editors', and public records'."""


def not_the_reports(collection: str, field: str, record: Mapping[str, object]) -> bool:
    """THE rule of the ``editorial`` mark: whether a record's value of a field is not the report's
    words: the editors' words, a correction from public records, or a value printed only
    sometimes whose basis for this value is not ``printed`` (a visitor's country derived from a
    city, an organisation's kind from public records)."""
    if not record.get(field):
        return False
    kind = FIELDS.get(collection, {}).get(field)
    if kind in NOT_THE_REPORTS:
        return True
    return kind == PER_VALUE and record.get(f"{field}_basis") not in (None, "printed")


def marks(collection: str, record: Mapping[str, object], columns: Mapping[str, str | tuple[str, ...]]) -> list[str]:
    """The columns of a listing's row that hold values not in the report's words: of {column:
    field or fields it shows} of one record, those one of whose fields ``not_the_reports``."""
    return [
        column
        for column, fields in columns.items()
        if any(not_the_reports(collection, f, record) for f in ((fields,) if isinstance(fields, str) else fields))
    ]


# --------------------------------------------------------------------------- numbers and years

NUMBERS: Final[dict[str, dict[str, FieldClass]]] = {
    "metrics": {"value": PRINTED},
    "actions": {"amount_usd": PRINTED},
    "tallies": {"count": PRINTED},
}
"""Collection -> number field (an amount, a count) -> where its values come from. A PRINTED
number stands in its record's quote (``numbers_in``); an amount in U.S. dollars (an action's
``amount_usd``, a metric whose unit is ``USD``) with its currency. A record whose ``restates``
names another record holds that record's amount, and is checked against it instead."""

YEAR_FIELDS: Final = ("year", "period_start", "period_end", "since")
"""The fields that hold a record's years. Its ``year_basis`` says where they come from:
``stated``, each is printed in the quote; ``section``, each is the year of the record's section
(``report.sections``); ``report period`` and ``not stated``, the record spans the report's period
(period_start and period_end are the report's) and has no year of its own; ``public record``,
the record's note gives the record."""

_UNITS: Final = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES: Final = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_NUMBER = (
    r"(?P<before>(?<![\w$.])(?:usd|us\$|u\.s\.\$|\$) ?)?"
    r"(?<![\w.,])(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    rf"|(?:{'|'.join(_TENS)})-(?:{'|'.join(list(_UNITS)[1:10])})|{_WORD})"
    r"(?![\w]|[.,]\d)"
    rf"(?: (?P<scale>{'|'.join(_SCALES)})\b)?"
    r"(?P<after> (?:u\.s\. |us )?dollars\b)?"
)
_CURRENCY_FIRSTS = "u$"
"""The first characters of the currencies _NUMBER reads before a number (usd, us$, u.s.$, $)."""


@functools.cache
def _number_at() -> re.Pattern[str]:
    """_NUMBER where it can begin: not after a word character or a point (both of its
    lookbehinds say so), at a digit, or at the first character of a currency or number word.
    What it finds is what _NUMBER finds; the search passes over every other position at once
    instead of trying each alternative there (that search was a third of a large dataset's
    validation). Compiled when first used: this module is imported by the table view too."""
    firsts = re.escape("".join(sorted({w[0] for w in (*_UNITS, *_TENS)} | set(_CURRENCY_FIRSTS))))
    return re.compile(rf"(?<![\w.])(?=\d|[{firsts}])(?:{_NUMBER})", re.IGNORECASE)


class Number:
    """A number as a quote prints it: its value, whether a currency goes with it, and where
    it starts (with its currency)."""

    __slots__ = ("currency", "start", "value")

    def __init__(self, value: Decimal, currency: bool, start: int) -> None:
        self.value: Final = value
        self.currency: Final = currency
        self.start: Final = start


def numbers_in(text: str) -> list[Number]:
    """Every number a (normalised) text prints, in these forms: digits, with commas between
    thousands and a point before decimals ("503", "1,500", "12.5"); a number word from zero to
    ninety-nine ("Four", "Six", "eight", "twenty-one"); either followed by "thousand", "million"
    or "billion" ("12.5 million" is 12,500,000); in U.S. dollars when "USD", "US$" or "$" comes
    before it or "dollars", "U.S. dollars" or "US dollars" after it ("12.5 million U.S. dollars",
    "USD 12.5 million"). A qualifier before it ("more than 900") is the record's qualifier. Digits
    inside a word or a longer figure ("1,2,3", "C40", "2.5.1") are no number."""
    return list(_numbers(text))


def _numbers(text: str) -> Iterator[Number]:
    """numbers_in, one at a time."""
    from decimal import Decimal  # only where quotes are read for numbers: validation, not every answer

    for match in _number_at().finditer(text):
        number = match["number"].casefold()
        if number[0].isdigit():
            value = Decimal(number.replace(",", ""))
        else:
            tens, _dash, unit = number.partition("-")
            value = Decimal(_TENS.get(tens, 0) + _UNITS.get(tens, 0) + _UNITS.get(unit, 0))
        if match["scale"]:
            value *= _SCALES[match["scale"]]
        yield Number(value, bool(match["before"] or match["after"]), match.start())


def prints_number(text: str, value: int, *, usd: bool = False, qualifier: str | None = None) -> bool:
    """Whether a (normalised) text prints the value (as an amount in U.S. dollars when usd),
    right after the (normalised) qualifier when one is given."""
    for number in _numbers(text):  # the first that is the value ends the search
        if number.value != value or (usd and not number.currency):
            continue
        if qualifier is None or text[: number.start].endswith(qualifier + " "):
            return True
    return False


def prints_year(text: str, year: int) -> bool:
    """Whether a (normalised) text prints the year as a figure of its own ("2016", "2016-2018",
    "in 2018,"), not inside a longer one."""
    return re.search(rf"(?<![\w.,]){year}(?![\w]|[.,]\d)", text) is not None


_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_SPACE = re.compile(r"\s+")
_PUNCT_SPACE = re.compile(r"(?<=[(\[]) | (?=[)\],;:.])")


@functools.lru_cache(maxsize=4096)  # records that share a sentence share its quote: normalised once
def normalise(text: str) -> str:
    """Text as compared with the report: case folded; curly quotes straight; en and em dashes
    as '-'; runs of white space as one space; no space after an opening bracket nor before a
    closing bracket or punctuation ('TIF ( Tax' is 'TIF (Tax', 'Guyana , Argentina' is
    'Guyana, Argentina'). Nothing else: a word, a letter or an accent that differs differs."""
    text = _SPACE.sub(" ", text.translate(_FOLD)).strip()
    return _PUNCT_SPACE.sub("", text).casefold()
