"""The editors' words in Spanish: translations stored with the data, keyed by record and field.

The dataset's own text is of two kinds. The report's words (quotes, printed names, passages)
stay as printed, in English. The editors' words (every field ``medcoop.provenance`` classes as
EDITORIAL, a value whose ``<field>_basis`` is ``editorial``, a visitor's corrected title) are
medcoop's transcription: they have a Spanish translation, written by the editors, stored beside
the dataset in ``<name>.es.json`` (``data/medcoop.es.json`` for the shipped one, compiled into
the wheel with it): collection -> record id (a country's ``a2``, a section's ``id``) -> field ->
text. The vocabulary the dataset classifies with (a kind, a modality) is medcoop's own words and
lives in the gettext catalog (``medcoop.terms``), not here.

``localised(record, field)`` is the one lookup the views use: the value as it is (English, what
CSV and JSON carry), which shows its Spanish translation where people read it under Spanish.
Nothing is read in English: the translations are read the first time a Spanish view asks.

``problems()`` is what ``medcoop validate`` checks: every such field has its translation; the
numbers, amounts and years of a translation are those of the English (``1,500`` is ``1.500``,
``12.5 million`` is ``12,5 millones``, ``six`` is ``seis``); the names the report prints
(organisations, programmes, events, visitors, awards, cities) stay as printed; and nothing is
translated that is not there.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from medcoop import i18n
from medcoop.errors import DatasetError
from medcoop.i18n import Localized, _
from medcoop.terms import term

if TYPE_CHECKING:
    from decimal import Decimal

    from medcoop.records import Dataset

Translations = dict[str, dict[str, dict[str, str]]]
"""collection -> record id -> field -> Spanish text."""

SUFFIX: Final = ".es.json"
SECTIONS: Final = "sections"
"""The report's sections (``report.sections``), whose ``basis`` is the editors' words too."""
REPORT: Final = "report"
"""The report itself, keyed ``report``: its ``source_text`` (what the captured text is) is the editors' words."""

PUBLIC_RECORD_TEXT: Final = frozenset({("visitors", "title_corrected")})
"""Public-record fields that are words, not names: translated. The other public-record fields
are names (a corrected spelling, an organisation's Spanish name) and stay as they are."""


def sibling(path: Path) -> Path:
    """The translations of a dataset file: ``data/medcoop.json`` -> ``data/medcoop.es.json``."""
    return path.with_name(path.name.removesuffix(".json") + SUFFIX)


def key(record: Mapping[str, object]) -> str:
    """A record's id in the translations: its id, or a country's a2 code (the report: 'report')."""
    if "sections" in record:
        return REPORT
    return str(record["id"] if "id" in record else record["a2"])


# --------------------------------------------------------------------------- what is translated


def required(ds: Dataset, within: Translations | None = None) -> Iterator[tuple[str, Mapping[str, object], str, str]]:
    """Every (collection, record, field, English text) that has a Spanish translation; with
    `within`, of the records that have an entry there only (the others' fields are not read)."""
    from medcoop.provenance import FIELDS, editors_value
    from medcoop.terms import TERMS

    if ds["report"]["source_text"]:
        yield REPORT, ds["report"], "source_text", ds["report"]["source_text"]
    for section in ds["report"]["sections"]:
        if section["basis"]:
            yield SECTIONS, section, "basis", section["basis"]
    for collection, fields in FIELDS.items():
        records: list[Mapping[str, object]] = ds[collection]  # type: ignore[literal-required]
        entries = None if within is None else within.get(collection, {})
        if entries is not None and not entries:
            continue
        for record in records:
            if entries is not None and key(record) not in entries:
                continue
            for field in fields:
                value = record.get(field)
                if not isinstance(value, str) or not value or value in TERMS:
                    continue  # a value of the dataset's vocabulary is translated by the catalog
                if (collection, field) in PUBLIC_RECORD_TEXT or editors_value(collection, field, record):
                    yield collection, record, field, value


# --------------------------------------------------------------------------- reading


def parse(data: bytes, origin: str) -> Translations:
    """The translations in a file's bytes; a DatasetError naming origin when they are unusable."""
    import json

    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise DatasetError(_("{path}: not a translations file: {reason}").format(path=origin, reason=exc)) from None
    records = document.get("records") if isinstance(document, dict) else None
    if not isinstance(records, dict) or not all(
        isinstance(ids, dict)
        and all(
            isinstance(fields, dict) and all(isinstance(f, str) and isinstance(t, str) for f, t in fields.items())
            for fields in ids.values()
        )
        for ids in records.values()
    ):
        raise DatasetError(
            _("{path}: not a translations file: expected {shape}").format(
                path=origin, shape='{"records": {collection: {id: {field: text}}}}'
            )
        )
    return records


def read(path: Path) -> Translations | None:
    """The translations beside a dataset file, or None when it has none."""
    from medcoop.dataset import read_file

    file = sibling(path)
    if not file.exists():
        return None
    return parse(read_file(file), str(file))


def checked(ds: Dataset, path: Path) -> Translations | None:
    """The translations beside a dataset file (read), refused when one would say something the
    English does not: other numbers, or a name the report prints dropped (a DatasetError naming
    the first, as a dataset file's first problem is named). A field left untranslated is shown
    in English, and a translation of nothing is never shown; `medcoop validate` names those too."""
    table = read(path)
    if table is None:
        return None
    found = list(problems(ds, table, str(sibling(path)), complete=False))
    if not found:
        return table
    if len(found) == 1:
        raise DatasetError(found[0])
    more = i18n.ngettext(
        "{problem} (and {count} more; run 'medcoop validate')",
        "{problem} (and {count} more; run 'medcoop validate')",
        len(found) - 1,
    )
    raise DatasetError(more.format(problem=found[0], count=len(found) - 1))


def shipped() -> Translations | None:
    """The shipped dataset's translations, as compiled into the installed package (a checkout
    or an editable install reads data/medcoop.es.json)."""
    module = sys.modules.get("medcoop._shipped")
    value = getattr(module, "TRANSLATIONS", None)
    if isinstance(value, dict):
        return value
    from medcoop.dataset import default_path

    return read(default_path())


# --------------------------------------------------------------------------- looking up

_pending: list[tuple[Dataset, Callable[[], Translations | None]]] = []
_attached: list[Dataset] = []  # kept alive: their ids key _tables, their records' ids _by_record
_tables: dict[int, Translations] = {}
_by_record: dict[int, dict[str, str]] = {}


def attach(ds: Dataset, source: Callable[[], Translations | None]) -> None:
    """Give a loaded dataset its translations, read from source the first time Spanish asks."""
    if any(d is ds for d in _attached) or any(d is ds for d, _source in _pending):
        return
    _pending.append((ds, source))


def _resolve() -> None:
    while _pending:
        ds, source = _pending.pop(0)
        _attached.append(ds)
        table = source() or {}
        _tables[id(ds)] = table
        # only the records the file translates are read (a dataset without one reads none)
        for collection, record, field, _english in required(ds, table):
            spanish = table.get(collection, {}).get(key(record), {}).get(field)
            if spanish:
                _by_record.setdefault(id(record), {})[field] = spanish


def table_for(ds: Dataset) -> Translations:
    """The translations of a loaded dataset (empty when it has none)."""
    if _pending:
        _resolve()
    return _tables.get(id(ds), {})


def spanish(record: Mapping[str, object], field: str) -> str | None:
    """The Spanish translation of a record's field, if its dataset has one."""
    return spanish_fields(record).get(field)


def any_translated() -> bool:
    """Whether any record loaded in this process has a Spanish translation (none: there is no
    record to ask spanish_fields about)."""
    if _pending:
        _resolve()
    return bool(_by_record)


def spanish_fields(record: Mapping[str, object]) -> Mapping[str, str]:
    """{field: Spanish translation} of a record's fields that its dataset translates (empty if none)."""
    if _pending:
        _resolve()
    return _by_record.get(id(record), _NONE)


_NONE: Final[Mapping[str, str]] = MappingProxyType({})


class Editors(Localized):
    """The editors' words: the English text as a value (CSV and JSON carry it), its Spanish
    translation where people read it under Spanish (the English when there is none)."""

    record: Mapping[str, object]
    field: str

    def __new__(cls, english: str, record: Mapping[str, object], field: str) -> Editors:
        self = super().__new__(cls, english)
        self.record = record
        self.field = field
        return self

    def translated(self) -> str:
        if i18n.language != "es":
            return str(self)
        return spanish(self.record, self.field) or str(self)


def localised(record: Mapping[str, object], field: str) -> str | None:
    """A record's field as a view shows it: the editors' words with their Spanish translation
    (Editors), a value of the dataset's vocabulary translated by the catalog (terms.term), any
    other value (the report's words, names) as it is."""
    value = record.get(field)
    if not isinstance(value, str) or not value:
        return None if value is None else str(value)
    termed = term(value)
    if termed is not value:
        return termed
    return Editors(value, record, field)


# --------------------------------------------------------------------------- checking

_EN_WORDS: Final = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_ES_WORDS: Final = {
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
    "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
    "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
}  # fmt: skip
_EN_SCALES: Final = {"thousand": 10**3, "million": 10**6, "millions": 10**6}
_ES_SCALES: Final = {"mil": 10**3, "millón": 10**6, "millones": 10**6}


# A Spanish translation keeps the report's quotes in English: it reads English number words too.
# "one" and "un, una, uno" are left out on both sides: Spanish says "una persona" where English says "a".


def _figures_with_scale(text: str, spanish: bool) -> list[Decimal]:
    """The figures a text prints (1,500 and 12.5 in English, 1.500 and 12,5 in Spanish), one
    followed by a scale word scaled ("12.5 million", "12,5 millones")."""
    from decimal import Decimal

    group, decimal = (".", ",") if spanish else (",", ".")
    scales = {**_ES_SCALES, **_EN_SCALES} if spanish else _EN_SCALES
    g, d = re.escape(group), re.escape(decimal)
    figure = rf"(\d{{1,3}}(?:{g}\d{{3}})+(?:{d}\d+)?|\d+(?:{d}\d+)?)"
    pattern = rf"(?<![\w.,]){figure}(?![\w]|[.,]\d)(?: ({'|'.join(scales)})\b)?"
    found = []
    for match in re.finditer(pattern, text, re.IGNORECASE):
        value = Decimal(match[1].replace(group, "").replace(decimal, "."))
        if match[2]:
            value *= scales[match[2].casefold()]
        found.append(value)
    return found


def values(text: str, spanish: bool = False) -> list[Decimal]:
    """Every number of a text (figures scaled, number words), sorted: what a translation keeps."""
    from decimal import Decimal

    words = {**_ES_WORDS, **_EN_WORDS} if spanish else _EN_WORDS
    found = _figures_with_scale(text, spanish)
    for match in re.finditer(rf"(?<![\w-])({'|'.join(sorted(words, key=len, reverse=True))})(?![\w])", text, re.I):
        found.append(Decimal(words[match[1].casefold()]))
    return sorted(found)


def printed_names(ds: Dataset) -> list[str]:
    """The names the report prints, which a translation keeps as printed: organisations (and
    acronyms), programmes, events, visitors, awards (as printed and as corrected), cities."""
    names: list[str | None] = []
    for o in ds["organisations"]:
        names += [o["name"], o["acronym"], o["name_corrected"]]
    for p in ds["programmes"]:
        names += [p["name"], p["acronym"]]
    for e in ds["events"]:
        names += [e["name"], e["city"]]
    for v in ds["visitors"]:
        names += [v["name"], v["name_corrected"], v["city"]]
    for w in ds["awards"]:
        names += [w["name"], w["name_corrected"]]
    return sorted({n for n in names if n and len(n) > 1 and _proper(n)}, key=len, reverse=True)


_SMALL_WORDS: Final = frozenset({"of", "the", "and", "for", "on", "in", "to", "a", "de", "la", "del", "el", "y"})


def _proper(name: str) -> bool:
    """Whether a name is a proper name: each of its words capitalised but the small ones ("One
    of the 5 best practices in Latin America and the Caribbean", an award as the report names
    it, is a description, translated)."""
    words = [w for w in re.split(r"[\s,;()]+", name) if w[:1].isalpha()]
    return all(w[0].isupper() or w in _SMALL_WORDS for w in words)


def _has_name(normalised_text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", normalised_text) is not None


def problems(ds: Dataset, table: Translations, origin: str, *, complete: bool = True) -> Iterator[str]:
    """Every problem of a dataset's translations, one line each, led by origin and the
    record's collection, id and field; without `complete`, only those of what the translations
    say (not a field left untranslated, nor a translation of nothing)."""
    from medcoop.provenance import normalise

    names = [(name, normalise(name)) for name in printed_names(ds)]
    expected: set[tuple[str, str, str]] = set()
    for collection, record, field, english in required(ds):
        rid = key(record)
        where = f"{origin}: {collection}[{rid!r}].{field}"
        expected.add((collection, rid, field))
        spanish_text = table.get(collection, {}).get(rid, {}).get(field)
        if not spanish_text:
            if complete:
                yield _("{where}: no Spanish translation of the editors' words").format(where=where)
            continue
        english_numbers, spanish_numbers = values(english), values(spanish_text, spanish=True)
        if english_numbers != spanish_numbers:
            yield _("{where}: the translation's numbers {spanish} are not the English's {english}").format(
                where=where,
                spanish=", ".join(map(str, spanish_numbers)) or "-",
                english=", ".join(map(str, english_numbers)) or "-",
            )
        english_norm, spanish_norm = normalise(english), normalise(spanish_text)
        for name, norm in names:
            if _has_name(english_norm, norm) and not _has_name(spanish_norm, norm):
                yield _("{where}: the translation drops the name the report prints, {name}").format(
                    where=where, name=repr(name)
                )
    for collection, ids in table.items() if complete else ():
        for rid, fields in ids.items():
            for field in fields:
                if (collection, rid, field) not in expected:
                    yield _("{where}: translates nothing (no such record, or no editors' words in that field)").format(
                        where=f"{origin}: {collection}[{rid!r}].{field}"
                    )
