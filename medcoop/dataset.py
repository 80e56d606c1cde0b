"""The data model, loading and validation of the medcoop dataset.

The dataset is one JSON file (``data/medcoop.json``); it is decoded once, at the
boundary, into the typed records below. Nothing here prints or knows about the CLI.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct

from medcoop.errors import DatasetError

MAX_BYTES = 256 * 1024 * 1024
"""Dataset files larger than this are refused before they are read."""

DATA_FILE = "medcoop.json"

NonEmpty = Annotated[str, Meta(min_length=1)]
Id = Annotated[str, Meta(pattern=r"^[a-z0-9][a-z0-9-]*$")]
A2 = Annotated[str, Meta(pattern=r"^[A-Z]{2}$")]
A3 = Annotated[str, Meta(pattern=r"^[A-Z]{3}$")]
Year = Annotated[int, Meta(ge=1900, le=2100)]
Count = Annotated[int, Meta(ge=0, le=2**63 - 1)]

YearBasis = Literal["stated", "section", "report period", "public record"]
"""How a record's year is known: printed in its sentence; from its section (whose
heading was lost, see the section's basis); the report's period; or public records."""


class Record(Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Base of every record type."""


class Source(Record, frozen=True, kw_only=True):
    """Where a fact comes from: a section of the report and a verbatim quote."""

    section: NonEmpty
    quote: NonEmpty


class Section(Record, frozen=True, kw_only=True):
    id: NonEmpty
    heading_as_printed: str | None = None
    year: Year | None = None
    year_basis: Literal["stated", "inferred", "not applicable"]
    basis: str | None = None


class Report(Record, frozen=True, kw_only=True):
    title_es: NonEmpty
    title_en: NonEmpty
    publisher: NonEmpty
    period_start: Year
    period_end: Year
    language: NonEmpty
    source_text: str = ""
    sections: list[Section]


class Metric(Record, frozen=True, kw_only=True):
    id: Id
    measure: NonEmpty
    label: NonEmpty
    value: Count
    qualifier: str | None = None
    unit: NonEmpty
    period_start: Year
    period_end: Year
    year_basis: YearBasis
    country: A2 | None = None
    note: str | None = None
    source: Source


class TopicList(Record, frozen=True, kw_only=True):
    id: Id
    context: NonEmpty
    topics: list[NonEmpty]
    period_start: Year
    period_end: Year
    year_basis: YearBasis
    source: Source


class Country(Record, frozen=True, kw_only=True):
    a2: A2
    a3: A3
    name_en: NonEmpty
    name_es: NonEmpty
    printed_as: list[NonEmpty] = []
    aliases: list[NonEmpty] = []
    note: str | None = None
    source: Source


class Organisation(Record, frozen=True, kw_only=True):
    id: Id
    name: NonEmpty
    name_corrected: str | None = None
    correction_basis: str | None = None
    acronym: str | None = None
    name_es: str | None = None
    kind: NonEmpty
    country: A2 | None = None
    aliases: list[NonEmpty] = []
    source: Source


class Action(Record, frozen=True, kw_only=True):
    id: Id
    year: Year
    year_basis: YearBasis
    heading_as_printed: NonEmpty
    partners: list[Id] = []
    countries: list[A2] = []
    modality: str | None = None
    programme: str | None = None
    programme_note: str | None = None
    summary: NonEmpty
    details: NonEmpty
    amount_usd: Count | None = None
    beneficiaries: list[Id] = []
    topics: list[NonEmpty] = []
    source: Source


Role = Literal["top_mission_sender", "best_practice_partner", "south_south_partner"]


class CountryRole(Record, frozen=True, kw_only=True):
    id: Id
    country: A2
    role: Role
    printed_as: NonEmpty
    period_start: Year
    period_end: Year
    year_basis: YearBasis
    topics: list[NonEmpty] = []
    source: Source


class Event(Record, frozen=True, kw_only=True):
    id: Id
    year: Year
    year_basis: YearBasis
    name: NonEmpty
    organiser: Id | None = None
    city: str | None = None
    country: A2 | None = None
    participation: NonEmpty
    note: str | None = None
    source: Source


class Award(Record, frozen=True, kw_only=True):
    id: Id
    year: Year
    year_basis: YearBasis
    year_note: str | None = None
    name: NonEmpty
    name_corrected: str | None = None
    correction_basis: str | None = None
    kind: Literal["award", "mention", "membership", "appointment"]
    awarding_body: Id | None = None
    recipient: NonEmpty
    recipient_org: Id | None = None
    note: str | None = None
    source: Source


class Tally(Record, frozen=True, kw_only=True):
    id: Id
    subject: NonEmpty
    period_start: Year
    period_end: Year
    count: Count
    counted: NonEmpty
    named_what: NonEmpty
    named: list[NonEmpty] = []
    named_refs: list[NonEmpty] = []
    complete: bool
    note: str | None = None
    source: Source


class Visitor(Record, frozen=True, kw_only=True):
    id: Id
    year: Year
    year_basis: YearBasis
    name: NonEmpty
    name_corrected: str | None = None
    title: NonEmpty
    title_corrected: str | None = None
    correction_basis: str | None = None
    organisation: Id | None = None
    country: A2 | None = None
    city: str | None = None
    note: str | None = None
    source: Source


class Programme(Record, frozen=True, kw_only=True):
    id: Id
    name: NonEmpty
    kind: NonEmpty
    since: Year | None = None
    year_basis: YearBasis
    description: NonEmpty
    source: Source


class Dataset(Record, frozen=True, kw_only=True):
    schema_version: Literal[1]
    report: Report
    metrics: list[Metric]
    topic_lists: list[TopicList] = []
    countries: list[Country]
    organisations: list[Organisation]
    actions: list[Action]
    country_roles: list[CountryRole] = []
    events: list[Event] = []
    awards: list[Award] = []
    tallies: list[Tally] = []
    visitors: list[Visitor] = []
    programmes: list[Programme] = []


# --------------------------------------------------------------------------- loading


def default_path() -> Path:
    """The dataset shipped with medcoop: inside the wheel, or ``data/`` of a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / DATA_FILE
    if packaged.is_file():
        return packaged
    return here.parent / "data" / DATA_FILE


def read_file(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES; never blocks on a FIFO."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise DatasetError(f"{path}: no such file") from None
    except PermissionError:
        raise DatasetError(f"{path}: permission denied") from None
    except OSError as exc:
        raise DatasetError(f"{path}: cannot open ({exc.strerror})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise DatasetError(f"{path}: is a directory, not a dataset file")
        if not stat.S_ISREG(st.st_mode):
            raise DatasetError(f"{path}: not a regular file")
        if st.st_size > MAX_BYTES:
            raise DatasetError(f"{path}: too large ({st.st_size} bytes; the limit is {MAX_BYTES})")
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as f:
        try:
            data = f.read(MAX_BYTES + 1)
        except OSError as exc:
            raise DatasetError(f"{path}: cannot read ({exc.strerror})") from None
    if len(data) > MAX_BYTES:
        raise DatasetError(f"{path}: too large (the limit is {MAX_BYTES} bytes)")
    return data


def _reject_duplicates(pairs: list[tuple[str, object]]) -> None:
    """object_pairs_hook that only checks: the scan keeps no objects (msgspec builds the records)."""
    if len(pairs) > 1 and len(dict(pairs)) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DatasetError(f"duplicate key {key!r} in a JSON object")
            seen.add(key)


def _reject_constant(name: str) -> object:
    raise DatasetError(f"{name} is not a JSON number")


def _json_path(message: str) -> str:
    """msgspec says 'Expected `int`, got `str` - at `$.a[0]`'; lead with the path."""
    text, sep, where = message.rpartition(" - at ")
    if sep:
        return f"{where.strip('`')}: {text}"
    return f"$: {message}"


def decode(data: bytes, origin: str = "<data>") -> Dataset:
    """Decode and type-check dataset bytes; raises DatasetError with one line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        raise DatasetError(f"{origin}: empty file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DatasetError(f"{origin}: not UTF-8 (invalid byte at offset {exc.start})") from None
    try:
        dataset = msgspec.json.decode(data, type=Dataset)
    except msgspec.ValidationError as exc:
        raise DatasetError(f"{origin}: {_json_path(str(exc))}") from None
    except msgspec.DecodeError as exc:
        raise DatasetError(f"{origin}: not valid JSON ({exc})") from None
    try:
        json.loads(text, object_pairs_hook=_reject_duplicates, parse_constant=_reject_constant)
    except DatasetError as exc:
        raise DatasetError(f"{origin}: {exc}") from None
    except (ValueError, RecursionError) as exc:  # pragma: no cover - msgspec rejects these first
        raise DatasetError(f"{origin}: not valid JSON ({exc})") from None
    return dataset


def load(path: Path | None = None) -> Dataset:
    """Read, decode and validate a dataset file (the shipped one by default)."""
    path = default_path() if path is None else path
    dataset = decode(read_file(path), str(path))
    problems = validate(dataset)
    if problems:
        more = f" (and {len(problems) - 1} more; run 'medcoop validate')" if len(problems) > 1 else ""
        raise DatasetError(f"{path}: {problems[0]}{more}")
    return dataset


# --------------------------------------------------------------------------- validation


def validate(ds: Dataset) -> list[str]:
    """Every problem of a decoded dataset, one line each, led by its JSON path."""
    return list(_problems(ds))


def _unique(items: list[str], path: str, what: str) -> Iterator[str]:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item in seen:
            yield f"{path}[{i}]: duplicate {what} {item!r}"
        seen.add(item)


def _problems(ds: Dataset) -> Iterator[str]:  # noqa: C901 - a flat list of checks
    rep = ds.report
    lo, hi = rep.period_start, rep.period_end
    if lo > hi:
        yield f"$.report: period_start {lo} is after period_end {hi}"
    sections = {s.id for s in rep.sections}
    yield from _unique([s.id for s in rep.sections], "$.report.sections", "section id")
    for i, s in enumerate(rep.sections):
        if s.year is not None and not lo <= s.year <= hi:
            yield f"$.report.sections[{i}].year: {s.year} is outside the report period {lo}-{hi}"

    countries = {c.a2 for c in ds.countries}
    orgs = {o.id for o in ds.organisations}
    yield from _unique([c.a2 for c in ds.countries], "$.countries", "country code")
    yield from _unique([c.a3 for c in ds.countries], "$.countries", "country code")
    collections: dict[str, list[str]] = {
        "metrics": [r.id for r in ds.metrics],
        "topic_lists": [r.id for r in ds.topic_lists],
        "organisations": [r.id for r in ds.organisations],
        "actions": [r.id for r in ds.actions],
        "country_roles": [r.id for r in ds.country_roles],
        "events": [r.id for r in ds.events],
        "awards": [r.id for r in ds.awards],
        "tallies": [r.id for r in ds.tallies],
        "visitors": [r.id for r in ds.visitors],
        "programmes": [r.id for r in ds.programmes],
    }
    for name, ids in collections.items():
        yield from _unique(ids, f"$.{name}", "id")
    any_ref = countries | {i for ids in collections.values() for i in ids}

    def country(code: str | None, path: str) -> Iterator[str]:
        if code is not None and code not in countries:
            yield f"{path}: unknown country code {code!r}"

    def org(ref: str | None, path: str) -> Iterator[str]:
        if ref is not None and ref not in orgs:
            yield f"{path}: unknown organisation {ref!r}"

    def year(value: int, path: str) -> Iterator[str]:
        if not lo <= value <= hi:
            yield f"{path}: {value} is outside the report period {lo}-{hi}"

    def period(start: int, end: int, path: str) -> Iterator[str]:
        yield from year(start, f"{path}.period_start")
        yield from year(end, f"{path}.period_end")
        if start > end:
            yield f"{path}: period_start {start} is after period_end {end}"

    def source(src: Source, path: str) -> Iterator[str]:
        if src.section not in sections:
            yield f"{path}.source.section: unknown section {src.section!r}"
        if not src.quote.strip():
            yield f"{path}.source.quote: empty"

    for i, c in enumerate(ds.countries):
        yield from source(c.source, f"$.countries[{i}]")
    for i, o in enumerate(ds.organisations):
        p = f"$.organisations[{i}]"
        yield from country(o.country, f"{p}.country")
        yield from source(o.source, p)
    for i, m in enumerate(ds.metrics):
        p = f"$.metrics[{i}]"
        yield from period(m.period_start, m.period_end, p)
        yield from country(m.country, f"{p}.country")
        yield from source(m.source, p)
    for i, topics in enumerate(ds.topic_lists):
        p = f"$.topic_lists[{i}]"
        yield from period(topics.period_start, topics.period_end, p)
        yield from source(topics.source, p)
    for i, a in enumerate(ds.actions):
        p = f"$.actions[{i}]"
        yield from year(a.year, f"{p}.year")
        for j, code in enumerate(a.countries):
            yield from country(code, f"{p}.countries[{j}]")
        for j, ref in enumerate(a.partners):
            yield from org(ref, f"{p}.partners[{j}]")
        for j, ref in enumerate(a.beneficiaries):
            yield from org(ref, f"{p}.beneficiaries[{j}]")
        yield from source(a.source, p)
    for i, r in enumerate(ds.country_roles):
        p = f"$.country_roles[{i}]"
        yield from country(r.country, f"{p}.country")
        yield from period(r.period_start, r.period_end, p)
        yield from source(r.source, p)
    for i, e in enumerate(ds.events):
        p = f"$.events[{i}]"
        yield from year(e.year, f"{p}.year")
        yield from country(e.country, f"{p}.country")
        yield from org(e.organiser, f"{p}.organiser")
        yield from source(e.source, p)
    for i, w in enumerate(ds.awards):
        p = f"$.awards[{i}]"
        yield from year(w.year, f"{p}.year")
        yield from org(w.awarding_body, f"{p}.awarding_body")
        yield from org(w.recipient_org, f"{p}.recipient_org")
        yield from source(w.source, p)
    for i, t in enumerate(ds.tallies):
        p = f"$.tallies[{i}]"
        yield from period(t.period_start, t.period_end, p)
        if len(t.named) > t.count:
            yield f"{p}.named: {len(t.named)} items named, above the count {t.count}"
        if t.complete and len(t.named) != t.count:
            yield f"{p}.complete: marked complete with {len(t.named)} of {t.count} items named"
        if len(t.named_refs) > len(t.named):
            yield f"{p}.named_refs: more references ({len(t.named_refs)}) than named items ({len(t.named)})"
        for j, ref in enumerate(t.named_refs):
            if ref not in any_ref:
                yield f"{p}.named_refs[{j}]: unknown reference {ref!r}"
        yield from source(t.source, p)
    for i, v in enumerate(ds.visitors):
        p = f"$.visitors[{i}]"
        yield from year(v.year, f"{p}.year")
        yield from country(v.country, f"{p}.country")
        yield from org(v.organisation, f"{p}.organisation")
        yield from source(v.source, p)
    for i, g in enumerate(ds.programmes):
        p = f"$.programmes[{i}]"
        if g.since is not None and g.since > hi:
            yield f"{p}.since: {g.since} is after the report period {lo}-{hi}"
        yield from source(g.source, p)
