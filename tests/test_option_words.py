"""Options that take a fixed word take it in English or Spanish (medcoop/words.py, each list
defined once with both languages), with or without accents, in either language; errors and shell
completion give the words of the run's language."""

from __future__ import annotations

import json

import pytest

from medcoop import i18n, words

from .conftest import ROOT, medcoop_process

DATA = json.loads((ROOT / "data" / "medcoop.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def _english_after() -> object:
    yield
    i18n.use("en")


def _ids(run, *args: str) -> list[str]:  # type: ignore[no-untyped-def]
    result = run(*args, "-f", "csv", "-c", "id")
    assert result.code == 0, result.err
    return result.out.splitlines()[1:]


def _with_modality(word: str) -> list[str]:
    """The actions whose modality (as the dataset holds it) has the word, checked in the data."""
    return [a["id"] for a in DATA["actions"] if a["modality"] and word in a["modality"]]


@pytest.mark.parametrize(
    ("given", "english"),
    [
        ("financiera", "financial"),
        ("Financiera", "financial"),
        ("FINANCIERO", "financial"),
        ("técnica", "technical"),
        ("tecnica", "technical"),
        ("sur-sur", "South-South"),
        ("Sur Sur", "South-South"),
        ("consultoría", "consultancy"),
        ("consultoria", "consultancy"),
        ("intercambio técnico", "technical exchange"),
        ("técnica y financiera", "technical and financial"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_modality_in_spanish_in_either_language(run, given: str, english: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    expected = _with_modality(english)
    assert expected
    assert _ids(run, "--lang", lang, "actions", "--modality", given) == expected
    assert _ids(run, "--lang", lang, "actions", "--modality", english) == expected


def test_modality_error_lists_the_words_of_the_language(run) -> None:  # type: ignore[no-untyped-def]
    english = run("actions", "--modality", "nada")
    spanish = run("--lang", "es", "actions", "--modality", "nada")
    assert english.code == spanish.code == 2
    assert "financial" in english.err and "financiera" not in english.err
    assert "financiera" in spanish.err and "técnica y financiera" in spanish.err
    assert " financial" not in spanish.err and "consultancy" not in spanish.err


@pytest.mark.parametrize(
    ("given", "english"),
    [
        ("sur-sur", "south-south"),
        ("Sur-Sur", "south-south"),
        ("cooperante", "cooperation-partner"),
        ("buenas-prácticas", "best-practice"),
        ("buenas-practicas", "best-practice"),
        ("visitante", "visitor"),
        ("evento", "event"),
        ("misiones", "mission-sender"),
        ("menciones", "mentions"),
    ],
)
@pytest.mark.parametrize("lang", ["en", "es"])
def test_map_role_in_spanish(run, given: str, english: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    spanish_word = run("--lang", lang, "map", "--role", given, "-f", "csv")
    english_word = run("--lang", lang, "map", *(("--role", english) if english != "mentions" else ()), "-f", "csv")
    assert spanish_word.code == english_word.code == 0
    assert spanish_word.out == english_word.out


def test_map_role_error_in_the_language(run) -> None:  # type: ignore[no-untyped-def]
    english = run("map", "--role", "nada")
    spanish = run("--lang", "es", "map", "--role", "nada")
    assert english.code == spanish.code == 2
    assert "south-south" in english.err and "sur-sur" not in english.err
    assert "sur-sur" in spanish.err and "buenas-prácticas" in spanish.err and "south-south" not in spanish.err


def test_format_and_lang_in_spanish(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    table = run("awards").out
    assert run("awards", "-f", "tabla").out == table
    assert run("awards", "--format=Tabla").out == table
    monkeypatch.setenv("MEDCOOP_FORMAT", "tabla")
    assert run("awards").out == table
    assert run("--lang", "español", "awards").out == run("--lang", "es", "awards").out
    assert run("--lang", "Inglés", "awards").out == table
    english, spanish = run("awards", "-f", "nada"), run("--lang", "es", "awards", "-f", "nada")
    assert english.code == spanish.code == 2
    assert "table, csv" in english.err and "tabla, csv" in spanish.err


def test_each_word_list_is_defined_once_with_both_languages() -> None:
    """The Spanish a list shows is the catalog's word for it (modalities), and no form of one
    word is a form of another in the same list."""
    i18n.use("es")
    for word in words.MODALITIES:
        assert word.shown() == i18n._(word.value)
    for word_list in (words.MODALITIES, words.MAP_ROLES, words.FORMATS, words.LANGUAGES):
        for word in word_list:
            for form in word.forms():
                assert words.resolve(word_list, form) == word.value


def _complete(line: str, lang: str) -> list[str]:
    cword = str(len(line.split()) - (0 if line.endswith(" ") else 1))
    env = {"_MEDCOOP_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": cword, "MEDCOOP_LANG": lang}
    proc = medcoop_process([], env=env)
    assert proc.returncode == 0, proc.stderr
    return [offer for offer in proc.stdout.decode().splitlines() if offer]


@pytest.mark.parametrize(
    ("line", "english", "spanish"),
    [
        ("medcoop actions --modality fin", ["financial"], ["financiera"]),
        ("medcoop actions --modality con", ["consultancy"], ["consultoría"]),
        ("medcoop actions --modality tec", ["technical"], ["tecnica", "tecnico"]),
        ("medcoop actions --modality sur", [], ["sur-Sur"]),
        ("medcoop map --role sur", [], ["sur-sur"]),
        ("medcoop map --role so", ["south-south"], []),
        ("medcoop map --role vis", ["visitor"], ["visitante"]),
        ("medcoop awards -f ta", ["table"], ["tabla"]),
    ],
)
def test_completion_offers_the_words_of_the_language(line: str, english: list[str], spanish: list[str]) -> None:
    assert _complete(line, "en") == english
    assert _complete(line, "es") == spanish
