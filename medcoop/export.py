"""The dataset as a Frictionless Tabular Data Package: one CSV per table, plus datapackage.json.

`package(ds)` is pure: it returns the files' names and texts; the CLI writes them.
`resources(ds)` is the report's one table model (names, typed fields with descriptions,
primary and foreign keys, rows), which the SQLite database, `medcoop sql`, the workbook
and the Python API read too. List fields that refer to other records become link tables (action_partners, ...);
other lists are joined with '; '.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin, get_type_hints

from medcoop import __version__
from medcoop.describe import TABLES, describe
from medcoop.formats import Format
from medcoop.records import Dataset, Record
from medcoop.render import machine
from medcoop.view import Column, Row, Table

JOIN = "; "

# collection -> (primary key, {field: (resource, field)})
COLLECTIONS: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {
    "countries": ("a2", {}),
    "organisations": ("id", {"country": ("countries", "a2")}),
    "metrics": ("id", {"country": ("countries", "a2"), "restates": ("actions", "id")}),
    "topic_lists": ("id", {}),
    "actions": ("id", {}),
    "country_roles": ("id", {"country": ("countries", "a2")}),
    "events": ("id", {"organiser": ("organisations", "id"), "country": ("countries", "a2")}),
    "awards": ("id", {"awarding_body": ("organisations", "id"), "recipient_org": ("organisations", "id")}),
    "milestones": ("id", {"organisation": ("organisations", "id")}),
    "tallies": ("id", {}),
    "visitors": ("id", {"organisation": ("organisations", "id"), "country": ("countries", "a2")}),
    "programmes": ("id", {}),
}
# (collection, list field) -> (link table, its column for the item, referenced resource and field)
LINKS: dict[tuple[str, str], tuple[str, str, tuple[str, str]]] = {
    ("actions", "partners"): ("action_partners", "organisation", ("organisations", "id")),
    ("actions", "countries"): ("action_countries", "country", ("countries", "a2")),
    ("actions", "beneficiaries"): ("action_beneficiaries", "organisation", ("organisations", "id")),
    ("programmes", "actions"): ("programme_actions", "action", ("actions", "id")),
    ("programmes", "awards"): ("programme_awards", "award", ("awards", "id")),
}


def _schema_of(annotation: Any) -> tuple[str, bool]:
    """A record field's Table Schema type, and whether a value is required, from its annotation:
    `Annotated[X, Meta(...)]` is X; `X | None` is X, optional; a list is a string (joined, or a
    link table), optional (it may be empty); bool is boolean, int integer, anything else string.
    Read from the annotations themselves (records.py has no postponed annotations), so that the
    table model needs no type inspection library (msgspec.inspect gives the same: a test holds it)."""
    if get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    required = True
    if get_origin(annotation) in (Union, UnionType):
        (annotation,) = (a for a in get_args(annotation) if a is not type(None))
        required = False
    if get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) is list or annotation is list:
        return "string", False
    if annotation is bool:
        return "boolean", required
    if annotation is int:
        return "integer", required
    return "string", required


def _cell(value: object) -> str | int | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return JOIN.join(str(v) for v in value) or None
    if value is None or isinstance(value, (int, str)):
        return value
    raise TypeError(f"cannot write {value!r} to CSV")


class _Resource:
    def __init__(self, name: str, fields: list[dict[str, Any]], key: list[str], fks: list[dict[str, Any]]) -> None:
        self.name, self.fields, self.key, self.fks = name, fields, key, fks
        refers = {
            fk["fields"][0]: f"{fk['reference']['resource']}.{fk['reference']['fields'][0]}"
            for fk in fks
            if len(fk["fields"]) == 1
        }
        for f in fields:
            text = describe(name, f["name"], refers.get(f["name"]))
            if text and "description" not in f:
                f["description"] = text
        self.rows: list[Row] = []

    def descriptor(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"fields": self.fields, "primaryKey": self.key, "missingValues": [""]}
        if self.fks:
            schema["foreignKeys"] = self.fks
        return {
            "name": self.name,
            **({"description": TABLES[self.name]} if self.name in TABLES else {}),
            "path": f"{self.name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
        }

    def csv(self) -> str:
        columns = tuple(Column(f["name"], f["name"]) for f in self.fields)
        return machine(Table(columns=columns, rows=list(self.rows)), Format.csv)


def _fk(field: str, target: tuple[str, str]) -> dict[str, Any]:
    return {"fields": [field], "reference": {"resource": target[0], "fields": [target[1]]}}


def _resources(ds: Dataset) -> Iterator[_Resource]:
    sections = _Resource(
        "sections",
        [
            {"name": "id", "type": "string", "constraints": {"required": True, "unique": True}},
            {"name": "heading_as_printed", "type": "string"},
            {"name": "year", "type": "integer"},
            {"name": "year_basis", "type": "string", "constraints": {"required": True}},
            {"name": "basis", "type": "string"},
        ],
        ["id"],
        [],
    )
    sections.rows = [{k: _cell(v) for k, v in s.items()} for s in ds["report"]["sections"]]
    yield sections
    for name, (key, refs) in COLLECTIONS.items():
        records: list[Record] = ds[name]  # type: ignore[literal-required]
        yield from _collection(name, key, refs, records)
    yield _tally_items(ds)
    yield _mentions(ds)


def _mentions(ds: Dataset) -> _Resource:
    """One row per country and record that names it (medcoop.query's mentions): every count of a
    country that a view shows is a GROUP BY of it."""
    from medcoop.query.mentioned import mention_rows

    required = {"constraints": {"required": True}}
    table = _Resource(
        "mentions",
        [
            {"name": "country", "type": "string", **required},
            {"name": "record_table", "type": "string", **required},
            {"name": "record_id", "type": "string", **required},
            {"name": "role", "type": "string", **required},
            {"name": "how", "type": "string", **required},
            {"name": "year", "type": "integer"},
            {"name": "period", "type": "string", **required},
            {"name": "amount_usd", "type": "integer"},
            {"name": "section", "type": "string", **required},
            {"name": "quote", "type": "string", **required},
        ],
        ["country", "record_table", "record_id"],
        [_fk("country", ("countries", "a2")), _fk("section", ("sections", "id"))],
    )
    table.rows = [{k: _cell(v) for k, v in row.items()} for row in mention_rows(ds)]
    return table


def _collection(
    name: str, key: str, refs: dict[str, tuple[str, str]], records: Iterable[Record]
) -> Iterator[_Resource]:
    record_type = _record_type(name)
    fields: list[dict[str, Any]] = []
    links: dict[str, _Resource] = {}
    owner = name[:-1]  # the collections are plurals in -s: an action's partners, a programme's awards
    for field_name, annotation in record_type.__annotations__.items():  # the schema's order
        if field_name == "source":
            continue
        link = LINKS.get((name, field_name))
        if link is not None:
            table, column, target = link
            fks = [_fk(owner, (name, key)), _fk(column, target)]
            links[field_name] = _Resource(
                table,
                [
                    {"name": owner, "type": "string", "constraints": {"required": True}},
                    {"name": column, "type": "string", "constraints": {"required": True}},
                ],
                [owner, column],
                fks,
            )
            continue
        kind, required = _schema_of(annotation)
        required = required and field_name in getattr(record_type, "__required_keys__", ())
        field: dict[str, Any] = {"name": field_name, "type": kind}
        constraints = {"required": True} if required else {}
        if field_name == key:
            constraints["unique"] = True
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    fields += [
        {"name": "section", "type": "string", "constraints": {"required": True}},
        {"name": "quote", "type": "string", "constraints": {"required": True}},
    ]
    fks = [_fk(field, target) for field, target in refs.items()] + [_fk("section", ("sections", "id"))]
    main = _Resource(name, fields, [key], fks)
    for record in records:
        data: dict[str, Any] = dict(record)
        source = data.pop("source")
        row: Row = {}
        for field_name, value in data.items():
            if field_name in links:
                links[field_name].rows += [{owner: data[key], links[field_name].fields[1]["name"]: v} for v in value]
            else:
                row[field_name] = _cell(value)
        row["section"], row["quote"] = source["section"], source["quote"]
        main.rows.append(row)
    yield main
    yield from links.values()


def _record_type(collection: str) -> type:
    """X of the dataset's `collection: list[X]`."""
    record_type: type = get_args(_collections()[collection])[0]
    return record_type


@functools.cache
def _collections() -> dict[str, Any]:
    """The dataset's annotations, resolved once."""
    return get_type_hints(Dataset)


def _tally_items(ds: Dataset) -> _Resource:
    items = _Resource(
        "tally_items",
        [
            {"name": "tally", "type": "string", "constraints": {"required": True}},
            {"name": "position", "type": "integer", "constraints": {"required": True, "minimum": 1}},
            {"name": "item", "type": "string", "constraints": {"required": True}},
            {"name": "ref", "type": "string"},
        ],
        ["tally", "position"],
        [_fk("tally", ("tallies", "id"))],
    )
    for t in ds["tallies"]:
        for position, item in enumerate(t["named"], start=1):
            ref = t["named_refs"][position - 1] if position <= len(t["named_refs"]) else None
            items.rows.append({"tally": t["id"], "position": position, "item": item, "ref": ref})
    return items


Resource = _Resource
"""One table of the model: name, fields (Table Schema dicts), key, fks (foreign keys), rows."""


def resources(ds: Dataset) -> list[Resource]:
    """The report's tables, in the order of the data package."""
    return list(_resources(ds))


def about(ds: Dataset) -> dict[str, Any]:
    """The package's own metadata (name, title, description, version, sources, licences)."""
    rep = ds["report"]
    return {
        "profile": "tabular-data-package",
        "name": "medcoop-aci-medellin-cooperation-2016-2018",
        "title": f"{rep['title_en']} ({rep['publisher']})",
        "description": (
            f"{rep['title_es']} - {rep['title_en']}, {rep['period_start']}-{rep['period_end']}, transcribed by medcoop "
            f"{__version__}. Every row cites the section of the report and a verbatim quote. "
            "Years of the three blocks are inferred (their headings were lost); see sections.csv."
        ),
        "version": __version__,
        "sources": [{"title": f"{rep['publisher']}: {rep['title_es']} - {rep['title_en']} (web page text)"}],
        "licenses": [
            {
                "name": "notspecified",
                "title": (
                    f"The report is {rep['publisher']}'s and states no licence; the facts are transcribed from it "
                    "with short quotations for citation. Credit the report when you reuse them."
                ),
            }
        ],
    }


def package(ds: Dataset) -> dict[str, str]:
    """{file name: text} of the data package: datapackage.json and one CSV per resource."""
    tables = resources(ds)
    descriptor = {**about(ds), "resources": [r.descriptor() for r in tables]}
    files = {"datapackage.json": json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"}
    files.update({f"{r.name}.csv": r.csv() for r in tables})
    return files
