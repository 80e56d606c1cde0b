"""`medcoop export`: a Frictionless data package that validates and reads back; and medcoop.export
pinned on the small dataset of tests/fixtures/tiny.json: the tables, their order, each column's
Table Schema type and constraints, the keys, the rows and link tables, the package's metadata and
files. Expected values are written by hand from the fixture and the record types
(medcoop/records.py), not copied from the program (tests/mutation/export.md)."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path
from typing import Annotated, Any, Literal, Union

import pytest
from msgspec import Meta, inspect

from medcoop import __version__, dataset
from medcoop.describe import TABLES
from medcoop.export import Resource, _schema_of, about, package, resources
from medcoop.records import Dataset

from .conftest import TINY


@pytest.fixture(scope="module")
def package_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from medcoop import cli

    out = tmp_path_factory.mktemp("export") / "out"
    assert cli.main(["export", str(out)]) == 0
    return out


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_frictionless_validates_the_package(package_dir: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(package_dir / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_frictionless_catches_a_broken_foreign_key(package_dir: Path, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    broken = tmp_path / "broken"
    broken.mkdir()
    for f in package_dir.iterdir():
        (broken / f.name).write_bytes(f.read_bytes())
    links = broken / "action_partners.csv"
    links.write_text(links.read_text(encoding="utf-8").replace("world-bank", "nobody"), encoding="utf-8")
    assert not frictionless.validate(str(broken / "datapackage.json")).valid


def test_every_csv_reads_back(package_dir: Path) -> None:
    ds = dataset.load()
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in descriptor["resources"]]
    assert sorted(p.stem for p in package_dir.glob("*.csv")) == sorted(names)
    for resource in descriptor["resources"]:
        rows = _read(package_dir / resource["path"])
        assert list(rows[0]) == [f["name"] for f in resource["schema"]["fields"]]
    assert [r["id"] for r in _read(package_dir / "actions.csv")] == [a["id"] for a in ds["actions"]]
    assert [r["a2"] for r in _read(package_dir / "countries.csv")] == [c["a2"] for c in ds["countries"]]
    amounts = {r["id"]: r["amount_usd"] for r in _read(package_dir / "actions.csv") if r["amount_usd"]}
    assert amounts == {"2018-korea-molit-smart-mobility": "12500000"}
    partners = {(r["action"], r["organisation"]) for r in _read(package_dir / "action_partners.csv")}
    assert partners == {(a["id"], p) for a in ds["actions"] for p in a["partners"]}
    for name in ("metrics", "awards", "visitors", "events", "tallies", "programmes", "country_roles"):
        rows = _read(package_dir / f"{name}.csv")
        assert len(rows) == len(ds[name]) and all(r["quote"] and r["section"] for r in rows)
    items = _read(package_dir / "tally_items.csv")
    assert len(items) == sum(len(t["named"]) for t in ds["tallies"])
    assert descriptor["licenses"] and descriptor["sources"]


def test_refuses_non_empty_folder_and_bad_paths(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    refused = run("export", str(tmp_path))
    assert refused.code == 2 and "not empty" in refused.err
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "datapackage.json").exists()
    assert run("export", str(tmp_path), "--force").code == 0
    assert (tmp_path / "datapackage.json").is_file()
    file = tmp_path / "keep.txt"
    assert run("export", str(file)).code == 2
    failed = run("export", "/proc/medcoop-cannot-write-here")
    assert failed.code == 1 and failed.err.startswith("medcoop: error: /proc/medcoop-cannot-write-here: cannot write (")


def test_column_descriptions_say_which_are_the_editors_words(package_dir: Path) -> None:
    """datapackage.json (and through it the SQLite metadata and the workbook) describes each
    column whose values are the editors' words as such, and no other."""
    from medcoop.provenance import EDITORIAL, FIELDS

    package = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    seen = 0
    for resource in package["resources"]:
        declared = FIELDS.get(resource["name"], {})
        for field in resource["schema"]["fields"]:
            says = "the editors' words" in field.get("description", "").lower()
            assert says == (declared.get(field["name"]) == EDITORIAL), (resource["name"], field["name"])
            seen += says
    assert seen >= 10


REQUIRED = {"required": True}


KEY = {"required": True, "unique": True}


# Function-scoped on purpose: mutmut runs, for a mutant, the tests that called the mutated
# function in its first pass; a module-scoped fixture would build the tables in the first
# test's setup only, and every later test would be left out of the run of export's mutants.
@pytest.fixture
def tiny() -> Dataset:
    return dataset.load(TINY)


@pytest.fixture
def tables(tiny: Dataset) -> dict[str, Resource]:
    return {r.name: r for r in resources(tiny)}


def _fk(field: str, resource: str, target: str) -> dict[str, Any]:
    return {"fields": [field], "reference": {"resource": resource, "fields": [target]}}


def _schema(resource: Resource) -> list[tuple[str, str, dict[str, Any] | None]]:
    """(name, type, constraints) of each field, descriptions left out."""
    return [(f["name"], f["type"], f.get("constraints")) for f in resource.fields]


# --------------------------------------------------------------------------- the tables


def test_tables_in_package_order(tiny: Dataset) -> None:
    """Sections, then each collection followed by its link tables (in the order of the
    record's fields), then the tally items, then the mentions."""
    assert [r.name for r in resources(tiny)] == [
        "sections",
        "countries",
        "organisations",
        "metrics",
        "topic_lists",
        "actions",
        "action_partners",
        "action_countries",
        "action_beneficiaries",
        "country_roles",
        "events",
        "awards",
        "milestones",
        "tallies",
        "visitors",
        "programmes",
        "programme_actions",
        "programme_awards",
        "tally_items",
        "mentions",  # one row per country and record that names it
    ]


def test_sections(tables: dict[str, Resource]) -> None:
    sections = tables["sections"]
    assert _schema(sections) == [
        ("id", "string", KEY),
        ("heading_as_printed", "string", None),
        ("year", "integer", None),
        ("year_basis", "string", REQUIRED),
        ("basis", "string", None),
    ]
    assert (sections.key, sections.fks) == (["id"], [])
    assert sections.rows == [
        {"id": "introduction", "heading_as_printed": None, "year": None, "year_basis": "not applicable", "basis": None},
        {"id": "2016", "heading_as_printed": "Actions", "year": 2016, "year_basis": "inferred", "basis": "test"},
        {"id": "2017", "heading_as_printed": "Actions", "year": 2017, "year_basis": "inferred", "basis": "test"},
    ]


def test_metrics_types_keys_and_references(tables: dict[str, Resource]) -> None:
    """Annotated ints are integers, Literals and Annotated strs strings; '| None' is optional;
    the key is unique; the source becomes section and quote; references are foreign keys."""
    metrics = tables["metrics"]
    assert _schema(metrics) == [
        ("id", "string", KEY),
        ("measure", "string", REQUIRED),
        ("label", "string", REQUIRED),
        ("value", "integer", REQUIRED),
        ("qualifier", "string", None),
        ("unit", "string", REQUIRED),
        ("period_start", "integer", REQUIRED),
        ("period_end", "integer", REQUIRED),
        ("year_basis", "string", REQUIRED),
        ("country", "string", None),
        ("restates", "string", None),
        ("note", "string", None),
        ("section", "string", REQUIRED),
        ("quote", "string", REQUIRED),
    ]
    assert metrics.key == ["id"]
    assert metrics.fks == [
        _fk("country", "countries", "a2"),
        _fk("restates", "actions", "id"),
        _fk("section", "sections", "id"),
    ]
    assert metrics.rows[0] == {
        "id": "money",
        "measure": "cooperation_received",
        "label": "Money received",
        "value": 2500000,
        "qualifier": None,
        "unit": "USD",
        "period_start": 2016,
        "period_end": 2017,
        "year_basis": "stated",
        "country": "KR",
        "restates": "a-2017-korea",
        "note": "From Korea",
        "section": "introduction",
        "quote": "In 2016-2017, 2.5 million dollars",
    }
    assert [r["id"] for r in metrics.rows] == ["money", "delegates-2016", "delegates-2017"]


def test_countries_key_and_joined_lists(tables: dict[str, Resource]) -> None:
    """Lists that refer to no record are joined with '; ', an empty one is empty."""
    countries = tables["countries"]
    assert _schema(countries)[:5] == [
        ("a2", "string", KEY),
        ("a3", "string", REQUIRED),
        ("name_en", "string", REQUIRED),
        ("name_es", "string", REQUIRED),
        ("printed_as", "string", None),  # a list may be empty
    ]
    assert countries.key == ["a2"]
    assert countries.fks == [_fk("section", "sections", "id")]
    korea, grenada = countries.rows
    assert korea["iso_names"] == "Korea, Republic of; South Korea; Corea, República de; Corea del Sur"
    assert korea["aliases"] == "Korea"
    assert grenada["aliases"] is None
    assert grenada["note"] == "Printed 'Granada'."
    assert (grenada["section"], grenada["quote"]) == ("2017", "Granada")
    assert "source" not in korea


def test_tallies_booleans(tables: dict[str, Resource]) -> None:
    tallies = tables["tallies"]
    assert ("complete", "boolean", REQUIRED) in _schema(tallies)
    assert ("count", "integer", REQUIRED) in _schema(tallies)
    assert ("named", "string", None) in _schema(tallies)
    row = tallies.rows[0]
    assert (row["complete"], row["named"], row["named_refs"], row["count"]) == ("false", "the 2016 Prize", "w-2016", 3)


def test_a_true_boolean_is_written_true(tiny: Dataset) -> None:
    """A complete tally (every item named) says 'true', as Table Schema spells a boolean."""
    ds = copy.deepcopy(tiny)
    ds["tallies"][0]["complete"] = True
    assert {r.name: r for r in resources(ds)}["tallies"].rows[0]["complete"] == "true"


def test_link_rows_of_every_record_are_kept(tiny: Dataset) -> None:
    """Each record's list items become rows of the link table, one record after another."""
    ds = copy.deepcopy(tiny)
    second = copy.deepcopy(ds["actions"][0])
    second["id"] = "a-2017-second"
    second["partners"] = ["second-partner", "third-partner"]
    ds["actions"].append(second)
    tables = {r.name: r for r in resources(ds)}
    assert tables["action_partners"].rows == [
        {"action": "a-2017-korea", "organisation": "molit"},
        {"action": "a-2017-second", "organisation": "second-partner"},
        {"action": "a-2017-second", "organisation": "third-partner"},
    ]
    assert tables["action_countries"].rows == [
        {"action": "a-2017-korea", "country": "KR"},
        {"action": "a-2017-second", "country": "KR"},
    ]


def test_field_types_of_the_records_annotations() -> None:
    """bool is boolean, an int (constrained, described or not) integer, anything else string;
    `X | None` is X's type, optional, and so is a list (it may be empty); a union of two other
    types has no one Table Schema type and is refused."""
    assert _schema_of(bool) == ("boolean", True)
    assert _schema_of(int) == ("integer", True)
    assert _schema_of(str) == ("string", True)
    assert _schema_of(Annotated[int, Meta(ge=1)]) == ("integer", True)
    assert _schema_of(Annotated[int, Meta(description="A count.")]) == ("integer", True)
    assert _schema_of(Annotated[bool, Meta(description="Complete?")] | None) == ("boolean", False)
    assert _schema_of(Annotated[int, Meta(ge=1)] | None) == ("integer", False)
    assert _schema_of(Union[bool, None]) == ("boolean", False)
    assert _schema_of(Literal["a", "b"] | None) == ("string", False)
    assert _schema_of(list[str]) == ("string", False)
    assert _schema_of(Annotated[list[str], Meta(min_length=0)]) == ("string", False)
    with pytest.raises(ValueError, match="too many values to unpack"):
        _schema_of(int | str)


def test_actions_and_their_link_tables(tables: dict[str, Resource]) -> None:
    """partners, countries and beneficiaries are link tables, not columns; topics is a list
    of words, joined; amount_usd is an optional integer."""
    actions = tables["actions"]
    assert [name for name, _, _ in _schema(actions)] == [
        "id",
        "year",
        "year_basis",
        "heading_as_printed",
        "modality",
        "summary",
        "details",
        "amount_usd",
        "topics",
        "note",
        "section",
        "quote",
    ]
    assert ("amount_usd", "integer", None) in _schema(actions)
    assert actions.fks == [_fk("section", "sections", "id")]
    assert actions.rows[0]["topics"] == "mobility"
    assert actions.rows[0]["amount_usd"] == 2500000
    partners = tables["action_partners"]
    assert _schema(partners) == [("action", "string", REQUIRED), ("organisation", "string", REQUIRED)]
    assert partners.key == ["action", "organisation"]
    assert partners.fks == [_fk("action", "actions", "id"), _fk("organisation", "organisations", "id")]
    assert partners.rows == [{"action": "a-2017-korea", "organisation": "molit"}]
    countries = tables["action_countries"]
    assert countries.key == ["action", "country"]
    assert countries.fks == [_fk("action", "actions", "id"), _fk("country", "countries", "a2")]
    assert countries.rows == [{"action": "a-2017-korea", "country": "KR"}]
    beneficiaries = tables["action_beneficiaries"]
    assert beneficiaries.fks == [_fk("action", "actions", "id"), _fk("organisation", "organisations", "id")]
    assert beneficiaries.rows == []


def test_programmes_link_tables(tiny: Dataset) -> None:
    ds = copy.deepcopy(tiny)
    ds["programmes"] = [
        {
            "id": "p",
            "name": "P",
            "acronym": None,
            "aliases": [],
            "kind": "programme",
            "since": None,
            "year_basis": "not stated",
            "actions": ["a-2017-korea"],
            "awards": ["w-2016"],
            "description": "A programme.",
            "note": None,
            "source": {"section": "2017", "quote": "P"},
        }
    ]
    tables = {r.name: r for r in resources(ds)}
    assert ("since", "integer", None) in _schema(tables["programmes"])
    assert tables["programme_actions"].rows == [{"programme": "p", "action": "a-2017-korea"}]
    assert tables["programme_actions"].fks == [_fk("programme", "programmes", "id"), _fk("action", "actions", "id")]
    assert tables["programme_awards"].rows == [{"programme": "p", "award": "w-2016"}]
    assert tables["programme_awards"].fks == [_fk("programme", "programmes", "id"), _fk("award", "awards", "id")]


@pytest.mark.parametrize(
    ("table", "fks"),
    [
        ("organisations", [("country", "countries", "a2")]),
        ("events", [("organiser", "organisations", "id"), ("country", "countries", "a2")]),
        ("awards", [("awarding_body", "organisations", "id"), ("recipient_org", "organisations", "id")]),
        ("milestones", [("organisation", "organisations", "id")]),
        ("visitors", [("organisation", "organisations", "id"), ("country", "countries", "a2")]),
        ("country_roles", [("country", "countries", "a2")]),
        ("topic_lists", []),
        ("tallies", []),
        ("programmes", []),
    ],
)
def test_references_of_each_collection(
    tables: dict[str, Resource], table: str, fks: list[tuple[str, str, str]]
) -> None:
    assert tables[table].fks == [_fk(*fk) for fk in fks] + [_fk("section", "sections", "id")]
    assert tables[table].key == ["id"]
    assert _schema(tables[table])[0] == ("id", "string", KEY)


def test_tally_items_with_and_without_refs(tiny: Dataset) -> None:
    """Each named item is a row with its 1-based position; refs are matched by position and
    an item beyond the refs has none."""
    items = {r.name: r for r in resources(tiny)}["tally_items"]
    assert _schema(items) == [
        ("tally", "string", REQUIRED),
        ("position", "integer", {"required": True, "minimum": 1}),
        ("item", "string", REQUIRED),
        ("ref", "string", None),
    ]
    assert items.key == ["tally", "position"]
    assert items.fks == [_fk("tally", "tallies", "id")]
    assert items.rows == [{"tally": "t-2016", "position": 1, "item": "the 2016 Prize", "ref": "w-2016"}]
    ds = copy.deepcopy(tiny)
    ds["tallies"][0]["named"] = ["first", "second", "third"]
    ds["tallies"][0]["named_refs"] = ["w-2016", "e-2016"]
    items = {r.name: r for r in resources(ds)}["tally_items"]
    assert items.rows == [
        {"tally": "t-2016", "position": 1, "item": "first", "ref": "w-2016"},
        {"tally": "t-2016", "position": 2, "item": "second", "ref": "e-2016"},
        {"tally": "t-2016", "position": 3, "item": "third", "ref": None},
    ]


def test_a_value_csv_cannot_hold_is_refused(tiny: Dataset) -> None:
    ds = copy.deepcopy(tiny)
    ds["metrics"][0]["value"] = 2.5  # type: ignore[typeddict-item]
    with pytest.raises(TypeError, match=r"^cannot write 2\.5 to CSV$"):
        resources(ds)


def test_every_column_is_described(tables: dict[str, Resource]) -> None:
    for resource in tables.values():
        for field in resource.fields:
            assert field.get("description"), (resource.name, field["name"])
    assert tables["sections"].fields[2]["description"] == "Year of the section."


def test_a_column_without_meaning_gets_no_description() -> None:
    resource = Resource("things", [{"name": "whatever"}, {"name": "year", "description": "Mine."}], [], [])
    assert resource.fields == [{"name": "whatever"}, {"name": "year", "description": "Mine."}]


# --------------------------------------------------------------------------- descriptors and CSV


def test_descriptor(tables: dict[str, Resource]) -> None:
    assert tables["tally_items"].descriptor() == {
        "name": "tally_items",
        "description": TABLES["tally_items"],
        "path": "tally_items.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": tables["tally_items"].fields,
            "primaryKey": ["tally", "position"],
            "missingValues": [""],
            "foreignKeys": [_fk("tally", "tallies", "id")],
        },
    }
    assert "foreignKeys" not in tables["sections"].descriptor()["schema"]


def test_descriptor_of_an_undescribed_table() -> None:
    descriptor = Resource("things", [], ["id"], []).descriptor()
    assert "description" not in descriptor
    assert descriptor["path"] == "things.csv"


def test_csv_text(tables: dict[str, Resource]) -> None:
    rows = list(csv.reader(io.StringIO(tables["countries"].csv(), newline="")))
    assert rows[0] == [f["name"] for f in tables["countries"].fields]
    assert rows[2][:5] == ["GD", "GRD", "Grenada", "Granada", "Granada"]
    assert rows[2][rows[0].index("aliases")] == ""
    assert rows[2][-2:] == ["2017", "Granada"]
    assert len(rows) == 3


# --------------------------------------------------------------------------- the package


def test_about(tiny: Dataset) -> None:
    meta = about(tiny)
    assert meta == {
        "profile": "tabular-data-package",
        "name": "medcoop-aci-medellin-cooperation-2016-2018",
        "title": "Tiny report (Test agency)",
        "description": (
            f"Informe mínimo - Tiny report, 2016-2017, transcribed by medcoop {__version__}. Every row cites the "
            "section of the report and a verbatim quote. Years of the three blocks are inferred (their headings "
            "were lost); see sections.csv."
        ),
        "version": __version__,
        "sources": [{"title": "Test agency: Informe mínimo - Tiny report (web page text)"}],
        "licenses": [
            {
                "name": "notspecified",
                "title": (
                    "The report is Test agency's and states no licence; the facts are transcribed from it with "
                    "short quotations for citation. Credit the report when you reuse them."
                ),
            }
        ],
    }


def test_package_files(tiny: Dataset, tables: dict[str, Resource]) -> None:
    files = package(tiny)
    assert list(files) == ["datapackage.json"] + [f"{name}.csv" for name in tables]
    text = files["datapackage.json"]
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert '\n  "profile": "tabular-data-package",\n' in text  # indented by two
    assert "Informe mínimo" in text  # not escaped
    assert json.loads(text) == {
        **about(tiny),
        "resources": [json.loads(json.dumps(r.descriptor())) for r in tables.values()],
    }
    assert files["tally_items.csv"] == tables["tally_items"].csv()
    assert files["tally_items.csv"].splitlines()[1] == "t-2016,1,the 2016 Prize,w-2016"


def test_descriptions_name_the_column_a_foreign_key_refers_to(tables: dict[str, Resource]) -> None:
    def described(table: str, column: str) -> str:
        return str(next(f["description"] for f in tables[table].fields if f["name"] == column))

    assert described("metrics", "restates").endswith(". See actions.id.")
    assert described("metrics", "country").endswith(". See countries.a2.")
    assert described("metrics", "section").endswith(". See sections.id.")
    assert described("action_partners", "action").endswith(". See actions.id.")
    assert described("action_partners", "organisation").endswith(". See organisations.id.")
    assert described("tally_items", "tally").endswith(". See tallies.id.")
    for column in ("id", "value", "quote"):
        assert "See " not in described("metrics", column)


def test_the_table_model_reads_each_fields_type_as_msgspec_does() -> None:
    """The table model reads a record field's type and whether it is required from the record
    types' annotations (export._schema_of), not with msgspec.inspect: the same answer as
    msgspec's own reading of the types that decode the dataset, for every field of every table."""

    from medcoop.export import _record_type, _schema_of
    from medcoop.records import Dataset

    checked = 0
    for collection, hint in Dataset.__annotations__.items():
        if getattr(hint, "__origin__", None) is not list:
            continue
        record_type = _record_type(collection)
        info = inspect.type_info(record_type)
        assert isinstance(info, inspect.TypedDictType)
        for f in info.fields:
            if f.name == "source":
                continue
            kind = f.type.types if isinstance(f.type, inspect.UnionType) else (f.type,)
            (base,) = (
                t.type if isinstance(t, inspect.Metadata) else t for t in kind if not isinstance(t, inspect.NoneType)
            )
            expected_kind = {inspect.BoolType: "boolean", inspect.IntType: "integer"}.get(type(base), "string")
            expected_required = f.required and not isinstance(f.type, (inspect.UnionType, inspect.ListType))
            kind_read, required = _schema_of(record_type.__annotations__[f.name])
            assert (kind_read, required and f.name in record_type.__required_keys__) == (
                expected_kind,
                expected_required,
            ), (collection, f.name)
            checked += 1
    assert checked > 100
