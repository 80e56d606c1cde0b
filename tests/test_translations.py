"""The editors' words in Spanish (data/medcoop.es.json, medcoop/translations.py): complete, the
same numbers and printed names as the English, compiled into the wheel, shown under Spanish only."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from medcoop import dataset, i18n, snapshot, translations
from medcoop.provenance import FIELDS, editors_value

from .conftest import ROOT

SPANISH = ROOT / "data" / "medcoop.es.json"


@pytest.fixture(autouse=True)
def _english_after() -> Any:
    yield
    i18n.use("en")


def _shipped() -> tuple[Any, translations.Translations]:
    ds = dataset.decode(dataset.default_path().read_bytes())
    table = translations.read(dataset.default_path())
    assert table is not None
    return ds, table


def test_every_editors_field_has_its_translation() -> None:
    """Completeness, as the catalog's: every field provenance.py classes as the editors' words (and
    every value whose basis is editorial, but the vocabulary the catalog translates), every
    section's basis and every corrected title, in every record, has a Spanish text."""
    ds, table = _shipped()
    wanted = {(c, translations.key(r), f) for c, r, f, _ in translations.required(ds)}
    # the declaration, read independently of required(): every EDITORIAL field with a value
    for collection, fields in FIELDS.items():
        for record in ds[collection]:
            for field, kind in fields.items():
                if kind == "editorial" and record.get(field):
                    assert (collection, translations.key(record), field) in wanted
    assert ("visitors", "2017-christopher-grayling", "title_corrected") in wanted
    assert ("milestones", "2018-world-cities-summit-2019-host", "name") in wanted  # name_basis editorial
    assert {("sections", s["id"], "basis") for s in ds["report"]["sections"]} <= wanted
    missing = [w for w in sorted(wanted) if not table.get(w[0], {}).get(w[1], {}).get(w[2])]
    assert missing == []
    assert list(translations.problems(ds, table, "medcoop.es.json")) == []


def test_translations_are_spanish() -> None:
    """Every translation differs from its English, and none keeps English words of the editors
    outside the report's quotes and printed names (checked by a few common words)."""
    ds, table = _shipped()
    names = translations.printed_names(ds)
    for collection, record, field, english in translations.required(ds):
        spanish = table[collection][translations.key(record)][field]
        assert spanish != english, (collection, field, english)
        outside_quotes = " ".join(spanish.split("'")[::2])
        for name in names:  # the names the report prints stay as printed: English words in them are no fault
            outside_quotes = outside_quotes.replace(name, "")
        for word in (" the ", " and ", " of the ", " with ", " which "):
            assert word not in f" {outside_quotes} ", (collection, translations.key(record), field, spanish)


def test_names_stay_printed_and_quotes_verbatim() -> None:
    """A name the report prints stays as printed in the translation; a quote of the report inside
    the editors' words (between straight quotes) stays verbatim English."""
    _ds, table = _shipped()
    summary = table["actions"]["2018-spain-house-of-memory"]["summary"]
    assert "House of Memory Museum" in summary and "Madrid City Council" in summary
    note = table["metrics"]["cooperation-received-2016-2018"]["note"]
    assert note.startswith("'During the last three years'")  # as the English note quotes the report


@pytest.mark.parametrize(
    ("english", "spanish", "same"),
    [
        ("USD 12.5 million in 2018", "USD 12,5 millones en 2018", True),
        ("1,500 delegates", "1.500 delegados", True),
        ("six countries", "seis países", True),
        ("fifteen countries", "quince países", True),
        ("one of the 5 best practices", "una de las 5 mejores prácticas", True),
        ("six countries", "siete países", False),
        ("16 March 2016", "16 de marzo de 2017", False),
        ("USD 12.5 million", "USD 12,5 mil", False),
        ("'During the last three years' of 2016", "'During the last three years' de 2016", True),
    ],
)
def test_numbers_of_a_translation(english: str, spanish: str, same: bool) -> None:
    assert (translations.values(english) == translations.values(spanish, spanish=True)) is same
    assert translations.values("1,500 and 12.5 million") == [Decimal(1500), Decimal(12_500_000)]


def _problems(edit: Any) -> list[str]:
    ds, table = _shipped()
    table = copy.deepcopy(table)
    edit(table)
    return list(translations.problems(ds, table, "x.es.json"))


def test_validate_finds_a_missing_translation() -> None:
    found = _problems(lambda t: t["actions"]["2016-world-bank-tif"].pop("summary"))
    assert found == ["x.es.json: actions['2016-world-bank-tif'].summary: no Spanish translation of the editors' words"]


def test_validate_finds_a_changed_number() -> None:
    def edit(t: Any) -> None:
        t["visitors"]["2017-christopher-grayling"]["title_corrected"] = "Secretario de Estado de Transporte (2016–2018)"

    (found,) = _problems(edit)
    assert "visitors['2017-christopher-grayling'].title_corrected" in found and "2018" in found


def test_validate_finds_a_translated_name() -> None:
    def edit(t: Any) -> None:
        t["actions"]["2018-spain-house-of-memory"]["summary"] = "Intercambio técnico con el Museo Casa de la Memoria"

    found = _problems(edit)
    assert any("'House of Memory Museum'" in p for p in found)
    assert any("'Madrid City Council'" in p for p in found)


def test_validate_finds_a_translation_of_nothing() -> None:
    found = _problems(lambda t: t["actions"]["2016-world-bank-tif"].update({"details": "Texto"}))
    assert found == [
        "x.es.json: actions['2016-world-bank-tif'].details: translates nothing (no such record, or no editors' "
        "words in that field)"
    ]


def test_the_wheel_compiles_the_translations_in() -> None:
    namespace: dict[str, Any] = {}
    source = snapshot.module_source(dataset.default_path().read_bytes(), SPANISH.read_bytes())
    exec(compile(source, "_shipped.py", "exec"), namespace)
    assert namespace["TRANSLATIONS"] == json.loads(SPANISH.read_bytes())["records"]


def test_localised_is_english_as_a_value_and_spanish_for_people() -> None:
    ds = dataset.load()
    action = next(a for a in ds["actions"] if a["id"] == "2016-world-bank-tif")
    value = translations.localised(action, "summary")
    assert isinstance(value, translations.Editors)
    assert value == action["summary"] and i18n.shown(value) == action["summary"]
    i18n.use("es")
    assert i18n.shown(value).startswith("Consultoría sobre Tax Increment Financing (TIF)")
    assert str(value) == action["summary"]  # what CSV and JSON carry
    world_bank = next(o for o in ds["organisations"] if o["id"] == "world-bank")
    assert i18n.shown(translations.localised(world_bank, "kind") or "") == i18n._("multilateral bank")


def test_a_data_file_without_translations_shows_english(tmp_path: Path) -> None:
    copy_path = tmp_path / "edition.json"
    copy_path.write_bytes(dataset.default_path().read_bytes())
    ds = dataset.load(copy_path)
    i18n.use("es")
    action = ds["actions"][0]
    assert i18n.shown(translations.localised(action, "summary") or "") == action["summary"]
    (tmp_path / "edition.es.json").write_bytes(SPANISH.read_bytes())
    ds = dataset.load(copy_path)
    assert i18n.shown(translations.localised(ds["actions"][0], "summary") or "") != action["summary"]


def test_every_editors_value_is_required() -> None:
    """required() covers every value editors_value() says is the editors' (the vocabulary aside)."""
    from medcoop.terms import TERMS

    ds, _table = _shipped()
    wanted = {(c, id(r), f) for c, r, f, _ in translations.required(ds)}
    for collection in FIELDS:
        for record in ds[collection]:
            for field in FIELDS[collection]:
                if editors_value(collection, field, record) and record[field] not in TERMS and field != "country":
                    assert (collection, id(record), field) in wanted


def test_validate_checks_the_translations_beside_a_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """medcoop validate FILE checks FILE.es.json when there is one: each problem one line, exit 1;
    the shipped dataset's translations are valid."""
    assert run("validate").code == 0
    edition = tmp_path / "edition.json"
    edition.write_bytes(dataset.default_path().read_bytes())
    assert run("validate", str(edition)).code == 0  # no translations beside it: nothing to check
    table = json.loads(SPANISH.read_text(encoding="utf-8"))
    table["records"]["visitors"]["2017-christopher-grayling"]["title_corrected"] = "Secretario (2016–2018)"
    del table["records"]["programmes"]["bancuadra"]
    (tmp_path / "edition.es.json").write_text(json.dumps(table), encoding="utf-8")
    result = run("validate", str(edition))
    assert result.code == 1
    lines = result.out.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{tmp_path / 'edition.es.json'}: visitors['2017-christopher-grayling'].title_corrected")
    assert lines[1].endswith("programmes['bancuadra'].description: no Spanish translation of the editors' words")
    spanish = run("--lang", "es", "validate", str(edition))
    assert "falta la traducción al español" in spanish.out and spanish.code == 1
    (tmp_path / "edition.es.json").write_text("{", encoding="utf-8")
    broken = run("validate", str(edition))
    assert broken.code == 1 and "not a translations file" in broken.err and "Traceback" not in broken.err


def test_no_listing_shows_the_editors_english_under_spanish(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Every listing (loop over medcoop.cli's), as people read it under Spanish: no cell, title or
    preface line holds an English text of the editors' words that has its translation; and the
    listings do show translations (the same views in English hold those English texts)."""
    from .test_i18n import _views

    ds, table = _shipped()
    report_words = json.dumps([[a["details"] for a in ds["actions"]], [r["source"] for c in FIELDS for r in ds[c]]])
    english_texts = {
        english
        for collection, record, field, english in translations.required(ds)
        if table[collection][translations.key(record)][field] != english
        and english not in report_words
        and " " in english  # a field name (search's field column) is no text of the editors
    }
    views = _views(run, monkeypatch)

    def texts(view: Any) -> list[str]:
        found = list(view.preface)
        for t in (view.table, *view.extras):
            if hasattr(t, "columns"):
                for row in t.rows:
                    for value in row.values():
                        found += value if isinstance(value, list) else [value] if isinstance(value, str) else []
        return found

    seen_in_english = set()
    problems = []
    for name, view in views["es"].items():
        i18n.use("es")
        shown = texts(view.for_people())
        i18n.use("en")
        english_shown = texts(views["en"][name].for_people())
        seen_in_english |= {t for t in english_texts if any(t in cell for cell in english_shown)}
        problems += [(name, t) for t in english_texts if any(t in cell for cell in shown)]
    assert problems == []
    assert len(seen_in_english) > 60  # the listings show the editors' words (most of them by default)


def test_cite_in_spanish_shows_the_report_s_english_quote(run) -> None:  # type: ignore[no-untyped-def]
    """--cite under Spanish: the editors' summary in its translation, the quote verbatim as the
    report prints it (the source text's own sentence)."""
    from .conftest import SOURCE

    out = run("--lang", "es", "actions", "--year", "2018", "--cite", "-c", "id,summary,quote", "-f", "markdown").out
    quote = "South Korea: The Ministry of Land, Transport, and Infrastructure of Korea (MOLIT) bet on the city’s smart"
    if SOURCE.exists():
        assert quote in SOURCE.read_text(encoding="utf-8")
    assert quote in out
    assert (
        json.loads(SPANISH.read_text(encoding="utf-8"))["records"]["actions"]["2018-korea-molit-smart-mobility"][
            "summary"
        ]
        in out
    )
    assert "† traducción de los editores, no palabras del informe" in out


def test_a_data_files_translations_are_checked_when_spanish_reads_them(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A translation that says another number than the English (the river sanitation program is
    'one of the 5 best practices', not 50) or drops a name the report prints is refused, one line
    and exit 1, as a dataset file's problem is: never shown. A field left untranslated is shown
    in English (marked †), and English runs never read the file."""
    data = tmp_path / "edition.json"
    data.write_bytes(dataset.default_path().read_bytes())
    table = json.loads(SPANISH.read_text(encoding="utf-8"))
    records = table["records"]
    river = records["programmes"]["medellin-river-sanitation-program"]
    english = next(p for p in dataset.load(data)["programmes"] if p["id"] == "medellin-river-sanitation-program")
    assert "5 best practices" in english["description"]
    river["description"] = river["description"].replace("5", "50", 1)
    (tmp_path / "edition.es.json").write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    args = ("programme", "medellin-river-sanitation-program", "--data", str(data))
    refused = run("--lang", "es", *args)
    assert refused.code == 1 and refused.out == ""
    assert refused.err.startswith("medcoop: ")
    assert "programmes['medellin-river-sanitation-program'].description" in refused.err and "50" in refused.err
    assert len(refused.err.splitlines()) == 1
    assert run("--lang", "en", *args).code == 0
    # a field left untranslated: English, marked, and no error
    del river["description"]
    (tmp_path / "edition.es.json").write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    shown = run("--lang", "es", *args)
    assert shown.code == 0, shown.err
    assert english["description"].split(";")[0] in " ".join(shown.out.split())
