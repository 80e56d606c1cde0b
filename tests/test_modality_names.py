"""--modality takes the words the actions table shows, in English or in Spanish (the table's
language), through one resolver (query.resolve._modality_filter)."""

from __future__ import annotations

import json

import pytest

# (typed, the modalities the report prints that contain it); the Spanish words are the table's
# (medcoop.po: financial = financiera, technical = técnica, technical exchange = intercambio técnico)
SPANISH = [
    ("financiera", {"financial", "technical and financial"}),
    ("Financiera", {"financial", "technical and financial"}),
    ("técnica y financiera", {"technical and financial"}),
    ("intercambio técnico", {"technical exchange"}),
    ("Sur-Sur", {"South-South"}),
    ("consultoría", {"consultancy"}),
]


@pytest.mark.parametrize(("typed", "modalities"), SPANISH)
def test_in_spanish_the_modality_filter_takes_the_words_the_table_shows(run, typed: str, modalities: set[str]) -> None:  # type: ignore[no-untyped-def]
    result = run("--lang", "es", "actions", "--modality", typed, "-f", "json")
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert rows and {r["modality"] for r in rows} == modalities
    everything = json.loads(run("actions", "-f", "json").out)
    assert rows == [r for r in everything if r["modality"] in modalities]


def test_the_api_takes_the_spanish_words_in_spanish() -> None:
    import medcoop
    from medcoop import i18n

    i18n.use("es")
    try:
        rows = medcoop.load().actions(modality="financiera")
    finally:
        i18n.use("en")
    assert {r["modality"] for r in rows} == {"financial", "technical and financial"}


def test_an_unknown_modality_lists_them_as_the_table_shows_them(run) -> None:  # type: ignore[no-untyped-def]
    result = run("--lang", "es", "actions", "--modality", "xx")
    assert result.code == 2
    assert result.err == (
        "medcoop: error: modalidad desconocida 'xx': las modalidades son "
        "Sur-Sur, consultoría, financiera, técnica y financiera, intercambio técnico\n"
    )
