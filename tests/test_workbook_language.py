"""The Excel workbook for people in the run's language: under Spanish its sheet names, headers,
"about" sheet, the editors' words and the vocabulary are Spanish, the report's quotes and printed
names as printed; counts and amounts carry a thousands format that Excel shows the reader's way."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from medcoop import i18n
from medcoop.describe import LABELS, SHEETS

from . import workbooks
from .conftest import ROOT

openpyxl = pytest.importorskip("openpyxl")
SPANISH = json.loads((ROOT / "data" / "medcoop.es.json").read_text(encoding="utf-8"))["records"]


@pytest.fixture(autouse=True)
def _english_after() -> Any:
    yield
    i18n.use("en")


def _books(run, tmp_path: Path) -> tuple[Any, Any]:  # type: ignore[no-untyped-def]
    for lang in ("en", "es"):
        assert run("--lang", lang, "export", "--xlsx", str(tmp_path / f"{lang}.xlsx")).code == 0
    return openpyxl.load_workbook(tmp_path / "en.xlsx"), openpyxl.load_workbook(tmp_path / "es.xlsx")


def _rows(sheet: Any) -> list[dict[str, Any]]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_spanish_export_workbook_names_sheets_and_headers_in_spanish(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    english, spanish = _books(run, tmp_path)
    i18n.use("es")
    assert spanish.sheetnames == [i18n._("about"), *(i18n._(SHEETS[name]) for name in english.sheetnames[1:])]
    assert "Acciones" in spanish.sheetnames and "Cifras principales" in spanish.sheetnames
    assert not set(spanish.sheetnames) & set(english.sheetnames)
    for name in english.sheetnames[1:]:
        keys = workbooks.keys(english, name, name)
        assert workbooks.keys(spanish, i18n._(SHEETS[name]), name) == keys  # the same names in both languages
        words = next(english[name].iter_rows(values_only=True))
        heads = next(spanish[i18n._(SHEETS[name])].iter_rows(values_only=True))
        assert [h.removesuffix(" †") for h in heads] == [i18n._(LABELS[k]) for k in keys]
        assert [w.removesuffix(" †") for w in words] == [LABELS[k] for k in keys]  # English words
        assert [w.endswith(" †") for w in words] == [h.endswith(" †") for h in heads] or name == "sections"


def test_spanish_workbook_cells_translate_the_editors_words_only(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The editors' words are the translations stored with the data (marked † in the header); the
    report's quotes, passages and printed names are the English workbook's, byte for byte."""
    english, spanish = _books(run, tmp_path)
    en_actions, es_actions = workbooks.keyed_rows(english, "actions", "actions"), _rows(spanish["Acciones"])
    for en, es in zip(en_actions, es_actions, strict=True):
        assert es["Resumen †"] == SPANISH["actions"][en["id"]]["summary"]
        assert (es["Cita"], es["Detalles"], es["Encabezado tal como aparece"]) == (
            en["quote"],
            en["details"],
            en["heading_as_printed"],
        )
    grayling = next(r for r in _rows(spanish["Visitantes"]) if r["Id"] == "2017-christopher-grayling")
    assert grayling["Cargo corregido †"] == "Secretario de Estado de Transporte (2016–2019)"
    assert grayling["Cargo tal como aparece"] == "Minister of Transport of the United Kingdom"
    sections = {r["Id"]: r for r in _rows(spanish["Secciones"])}
    assert sections["2016"]["Fundamento †"] == SPANISH["sections"]["2016"]["basis"]
    metrics = {r["Id"]: r for r in _rows(spanish["Cifras principales"])}
    assert metrics["delegates-2016"]["Aproximación"] == "more than"  # the report's words, as printed
    assert metrics["delegates-2016"]["El año es"] == "de la sección"  # the vocabulary, in Spanish


def test_spanish_about_sheet(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _english, spanish = _books(run, tmp_path)
    rows = list(spanish["acerca de"].iter_rows(values_only=True))
    facts = {row[0]: row[1] for row in rows if row[0] and row[1] and row[2] is None}
    assert facts["Entidad editora"] == "ACI Medellín" and facts["Periodo"] == "2016-2018"
    legend = facts["Leyenda"]
    assert legend.startswith("† palabras de los editores") and "traducción de los editores" in legend
    assert "=SUMA(actions_amount_usd)" in facts["Nombres"]  # Excel's SUM in Spanish; the names as in English
    header = rows.index(
        (
            "Hoja",
            "Encabezado",
            "Tabla",
            "Columna",
            "Nombre en fórmulas",
            "Tipo",
            "Obligatoria",
            "Clave",
            "Referencia",
            "Descripción",
        )
    )
    first = rows[header + 1]
    assert first[:8] == ("Secciones", "Id", "sections", "id", "sections_id", "texto libre", "sí", "primaria")
    assert {row[6] for row in rows[header + 1 :]} == {"sí", "no"}  # "no" is Spanish too
    partners = next(r for r in rows[header + 1 :] if r[0] == "Socios de acciones" and r[1] == "Acción")
    assert partners[2:5] == ("action_partners", "action", "action_partners_action")  # the machine names kept
    assert partners[8] == "Acciones: Id"
    summary = next(r for r in rows[header + 1 :] if r[2:4] == ("actions", "summary"))
    assert summary[:2] == ("Acciones", "Resumen †")  # the header as the sheet shows it


def test_counts_and_amounts_carry_a_thousands_format_years_none(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Excel shows '#,##0' with the reader's separators (1.500 in Colombia); a year stays 2017."""
    for book in _books(run, tmp_path):
        cells = next(
            r for r in workbooks.keyed_cells(book, book.sheetnames[4], "metrics") if r["id"].value == "delegates-2017"
        )
        value, start = cells["value"], cells["period_start"]
        assert value.value == 1500 and value.number_format == "#,##0"
        assert start.value == 2017 and start.number_format == "General"
        actions = book[book.sheetnames[6]]
        amounts = [r[7] for r in actions.iter_rows(min_row=2) if r[7].value is not None]
        assert [(c.value, c.number_format) for c in amounts] == [(12_500_000, '"USD" #,##0')]


def test_a_listing_workbook_in_spanish(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "acciones.xlsx"
    assert run("--lang", "es", "actions", "--year", "2017", "-f", "xlsx", "-o", str(out)).code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["acciones", "acerca de"]  # the table, and the legend of its marks
    rows = _rows(book["acciones"])
    assert "Modalidad" in rows[0] and "modality" not in rows[0]
    heads = list(rows[0])
    assert "Resumen †" in heads and "Nota †" in heads and not any(h.endswith("† †") for h in heads)  # marked once
    english = tmp_path / "actions.xlsx"
    assert run("--lang", "en", "actions", "--year", "2017", "-f", "xlsx", "-o", str(english)).code == 0
    keys = workbooks.keys(openpyxl.load_workbook(english), "actions", "actions")
    assert workbooks.keys(book, "acciones", "actions") == keys and "amount_usd" in keys  # the same names
    bloomberg = next(r for r in rows if r["Id"] == "2017-bloomberg-bancuadra")
    assert bloomberg["Modalidad"] == "técnica y financiera"
    summary = next(k for k in bloomberg if k.startswith("Resumen"))
    assert bloomberg[summary] == SPANISH["actions"]["2017-bloomberg-bancuadra"]["summary"]
