"""`medcoop export`: a Frictionless data package that validates and reads back."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from medcoop import dataset


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
