"""The shipped dataset's workbook, written into the wheel in each language (medcoop/_shipped.en.xlsx
and _shipped.es.xlsx, by hatch_build.py with medcoop.xlsx.shipped_workbooks): `medcoop export
--xlsx` on the shipped dataset copies it instead of writing every cell. What people and scripts
read in it must be what the workbook written from the records holds, cell by cell, in both
languages; the file is used when present and for the shipped dataset only; a --data file's
workbook is written as before."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from medcoop import dataset, i18n, xlsx

from .conftest import ROOT, TINY, installed_package, process_env

openpyxl = pytest.importorskip("openpyxl")


def contents(data: bytes) -> dict[str, Any]:
    """Everything of a workbook that people or scripts read: its properties, sheet names and
    defined names; each sheet's frozen panes, autofilter, columns (span, width, format: wrap and
    alignment) and every cell (value, type, number format, bold, wrap and alignment)."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    props = book.properties
    found: dict[str, Any] = {
        "properties": (props.created, props.modified, props.title, props.creator, props.lastModifiedBy),
        "sheets": book.sheetnames,
        "names": {name: defined.attr_text for name, defined in book.defined_names.items()},
    }
    for sheet in book.worksheets:
        pane = sheet.sheet_view.pane
        found[sheet.title] = {
            "frozen": (sheet.freeze_panes, pane.state if pane is not None else None),
            "filter": sheet.auto_filter.ref,
            "dimensions": sheet.dimensions,
            "columns": [
                (d.min, d.max, d.width, d.customWidth, d.alignment.wrap_text, d.alignment.vertical)
                for _key, d in sorted(sheet.column_dimensions.items())
            ],
            "cells": [
                (
                    cell.coordinate,
                    cell.value,
                    cell.data_type,
                    cell.number_format,
                    cell.font.b,
                    cell.alignment.wrap_text,
                    cell.alignment.vertical,
                )
                for row in sheet.iter_rows()
                for cell in row
            ],
        }
    return found


@pytest.fixture(scope="module")
def carried(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The workbooks as the build hook writes them into the wheel, by language."""
    folder = tmp_path_factory.mktemp("wheel")
    paths = {}
    for language, book in xlsx.shipped_workbooks().items():
        paths[language] = folder / f"_shipped.{language}.xlsx"
        paths[language].write_bytes(book)
    return paths


def _written(run, folder: Path, language: str, *args: str) -> bytes:  # type: ignore[no-untyped-def]
    """The workbook `medcoop --lang LANGUAGE export --xlsx FILE ARGS` writes."""
    target = folder / f"{language}-{len(list(folder.iterdir()))}.xlsx"
    result = run("--lang", language, "export", "--xlsx", str(target), *args)
    assert result.code == 0, result.err
    return target.read_bytes()


def test_the_build_writes_a_workbook_in_each_language(carried: dict[str, Path]) -> None:
    """Both languages, each in its own words (no catalog would have made the Spanish one English),
    and the run's language put back."""
    assert i18n.language == "en"
    assert sorted(carried) == sorted(i18n.LANGUAGES) == sorted(xlsx.SHIPPED_WORKBOOKS)
    english, spanish = (contents(carried[language].read_bytes()) for language in ("en", "es"))
    assert "actions" in english["sheets"] and "Acciones" in spanish["sheets"]
    assert set(english["names"]) == set(spanish["names"]) and len(english["names"]) > 100
    sheet_of = dict(zip(english["sheets"], spanish["sheets"], strict=True))
    for name, reference in english["names"].items():  # the same cells, of the same sheet in its words
        sheet, cells = reference.rsplit("!", 1)
        spanish_sheet, spanish_cells = spanish["names"][name].rsplit("!", 1)
        assert (spanish_sheet.strip("'"), spanish_cells) == (sheet_of[sheet.strip("'")], cells), name


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_carried_workbook_is_the_written_one_cell_by_cell(
    run,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    carried: dict[str, Path],
    language: str,
) -> None:
    """What `export --xlsx` writes from the records (a checkout: no workbook carried) and what it
    copies from the workbook carried: the same for people and for scripts, and the same bytes."""
    monkeypatch.setattr(xlsx, "SHIPPED_WORKBOOKS", {})
    before = _written(run, tmp_path, language)
    monkeypatch.setattr(xlsx, "SHIPPED_WORKBOOKS", carried)
    after = _written(run, tmp_path, language)
    written, copied = contents(before), contents(after)
    assert copied == written
    assert after == before  # written by this XlsxWriter in this process: byte for byte
    sheet = "actions" if language == "en" else "Acciones"
    assert written[sheet]["frozen"] == ("A2", "frozen") and written[sheet]["filter"].startswith("A1:")
    assert any(column[4] for column in written[sheet]["columns"])  # a column of long text wraps
    assert {cell[3] for cell in written[sheet]["cells"]} >= {"General", '"USD" #,##0'}
    assert {name for name in written["names"] if name.startswith("actions_")} >= {"actions_amount_usd", "actions_id"}


def test_the_carried_workbook_is_used_for_the_shipped_dataset_only(
    run,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    carried: dict[str, Path],
) -> None:
    """Each language's file is the one copied (here swapped, so that a copy shows), with a database
    or a data package beside it too; --data, even naming the shipped file, is written from it;
    a carried file that cannot be read is written instead."""
    english, spanish = (carried[language].read_bytes() for language in ("en", "es"))
    monkeypatch.setattr(xlsx, "SHIPPED_WORKBOOKS", {"en": carried["es"], "es": carried["en"]})
    assert _written(run, tmp_path, "en") == spanish
    assert _written(run, tmp_path, "es") == english
    out = tmp_path / "out"
    out.mkdir()
    assert _written(run, out, "en", "--sqlite", str(tmp_path / "m.db"), str(tmp_path / "package")) == spanish
    assert (tmp_path / "m.db").is_file() and (tmp_path / "package" / "actions.csv").is_file()
    assert _written(run, tmp_path, "en", "--data", str(dataset.default_path())) == english
    assert _written(run, tmp_path, "es", "--data", str(dataset.default_path())) == spanish
    monkeypatch.setattr(xlsx, "SHIPPED_WORKBOOKS", {"en": tmp_path, "es": tmp_path / "absent.xlsx"})  # a folder
    assert _written(run, tmp_path, "en") == english
    assert _written(run, tmp_path, "es") == spanish


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("data", [TINY, ROOT / "data" / "medcoop.json"], ids=["tiny", "the shipped file"])
def test_a_data_files_workbook_is_written_as_before(
    run,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    carried: dict[str, Path],
    language: str,
    data: Path,
) -> None:
    """--data writes its workbook from its records, cell by cell and byte for byte as without a
    carried workbook (the carried files here are the other language's, which it must not take)."""
    monkeypatch.setattr(xlsx, "SHIPPED_WORKBOOKS", {})
    before = _written(run, tmp_path, language, "--data", str(data))
    monkeypatch.setattr(xlsx, "SHIPPED_WORKBOOKS", {"en": carried["es"], "es": carried["en"]})
    after = _written(run, tmp_path, language, "--data", str(data))
    assert contents(after) == contents(before)
    assert after == before


def test_installed_wheel_carries_the_workbook_written_in_each_language(
    run,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The wheel's workbooks (hatch_build.py) are, cell by cell, those the checkout writes from
    data/medcoop.json in each language, and its `export --xlsx` copies them: without XlsxWriter,
    the table model, the records or SQLite (docs/performance.md)."""

    def installed(*args: str) -> subprocess.CompletedProcess[str]:  # run outside the checkout
        return subprocess.run(
            [sys.executable, *args], capture_output=True, text=True, cwd=tmp_path, env=process_env(), timeout=60
        )

    installed_package(tmp_path, "an editable install writes the workbook: there is none carried to check")
    monkeypatch.setattr(xlsx, "SHIPPED_WORKBOOKS", {})
    for language in ("en", "es"):
        target = tmp_path / f"installed.{language}.xlsx"
        answer = installed("-X", "importtime", "-m", "medcoop", "--lang", language, "export", "--xlsx", str(target))
        assert answer.returncode == 0, answer.stderr[-2000:]
        assert contents(target.read_bytes()) == contents(_written(run, tmp_path, language)), "stale install?"
        imported = {line.rsplit("|", 1)[1].strip() for line in answer.stderr.splitlines() if "import time:" in line}
        assert "medcoop.xlsx" in imported
        assert not {
            m
            for m in imported
            if m in ("msgspec", "sqlite3", "medcoop.export", "medcoop.records", "medcoop.dataset")
            or m.startswith(("xlsxwriter", "msgspec."))
        }


def test_the_comparison_sees_what_people_and_scripts_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """contents() tells workbooks apart by a width, a wrap, a number format, a frozen pane, a
    sheet name or a defined name: the comparisons above would see any of them change."""
    import xlsxwriter.worksheet

    ds = dataset.load()
    english = contents(xlsx.workbook(ds))
    changes: list[tuple[Any, str, Any]] = [
        (xlsx, "MIN_WIDTH", xlsx.MIN_WIDTH + 1),  # the narrow columns' widths
        (xlsx, "MAX_WIDTH", 200),  # wraps (and widths)
        (xlsx, "NUMBER_FORMATS", {**xlsx.NUMBER_FORMATS, "usd": '"US$" #,##0'}),
        (xlsxwriter.worksheet.Worksheet, "freeze_panes", lambda *args: None),
        (xlsx, "SHEET_NAME_LIMIT", 17),  # "action_beneficiaries" loses its last letters
        (xlsx, "defined_name", lambda table, key: f"{table}_{key}_" if key != "id" else None),
    ]
    for owner, name, value in changes:
        with monkeypatch.context() as patched:
            patched.setattr(owner, name, value)
            assert contents(xlsx.workbook(ds)) != english, name
    assert contents(xlsx.workbook(ds)) == english
