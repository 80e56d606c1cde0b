"""Countries by their common names, plausible suggestions, and pointers that lead somewhere."""

from __future__ import annotations

import json
import re
import shlex

import pycountry
import pytest

from medcoop import names, worldnames


@pytest.mark.parametrize(
    ("name", "a2"),
    [
        ("Russia", "RU"),
        ("Rusia", "RU"),
        ("Turkey", "TR"),
        ("Ivory Coast", "CI"),
        ("Cape Verde", "CV"),
        ("Swaziland", "SZ"),
        ("Macedonia", "MK"),
        ("Holland", "NL"),
        ("Holanda", "NL"),
        ("Corea del Norte", "KP"),
        ("North Korea", "KP"),
    ],
)
def test_a_common_name_of_a_country_the_report_lacks_is_not_mentioned(run, name: str, a2: str) -> None:  # type: ignore[no-untyped-def]
    result = run("country", name, "-f", "json")
    assert (result.code, json.loads(result.out)) == (0, [])
    assert re.search(rf"\({a2}\) is not mentioned in the report\n$", result.err), result.err


def test_a_word_of_one_country_name_is_said_as_such(run) -> None:  # type: ignore[no-untyped-def]
    result = run("country", "Herzegovina", "-f", "json")
    assert "'Herzegovina' taken as Bosnia and Herzegovina, the only country with that name in it" in result.err


@pytest.mark.parametrize("query", ['A"b', "Ja", "Islands"])
def test_short_or_shared_words_are_no_world_country(run, query: str) -> None:  # type: ignore[no-untyped-def]
    result = run("country", query)
    assert result.code == 2 and f"unknown country {query!r}" in result.err


def test_a_typo_of_a_world_country_suggests_it_as_not_in_the_report(run) -> None:  # type: ignore[no-untyped-def]
    result = run("country", "Russsia")
    assert result.code == 2
    assert result.err == (
        "medcoop: error: unknown country 'Russsia'; did you mean 'Russian Federation' (not in the report)?\n"
    )


@pytest.mark.parametrize(("query", "wrong"), [("Rusai", "United States"), ("Corea del Nortte", "South Korea")])
def test_no_implausible_suggestion(run, query: str, wrong: str) -> None:  # type: ignore[no-untyped-def]
    result = run("country", query)
    assert wrong not in result.err


def test_similarity_is_the_share_of_the_longer_name() -> None:
    assert names.similarity("rusia", "usa") == 3 / 5
    assert names.similarity("rusia", "russia") == 5 / 6
    assert names.similarity("corea del norte", "corea del sur") < names.SUGGESTION_CUTOFF


def test_the_names_file_names_real_countries_with_a_basis() -> None:
    from babel import Locale, localedata

    data = json.loads(worldnames.NAMES_FILE.read_text(encoding="utf-8"))
    countries = data["countries"]
    iso = {c.alpha_2 for c in pycountry.countries}
    assert set(countries) == iso | {"XK"}  # Kosovo: world-countries' user-assigned code
    assert all(e["basis"] and e["name"] in worldnames.all_names(e["a2"]) for e in data["curated"])
    cldr: dict[str, set[str]] = {}
    for ident in localedata.locale_identifiers():
        if ident.split("_")[0] in ("en", "es"):
            for code, name in Locale.parse(ident).territories.items():
                cldr.setdefault(code, set()).add(name)
    for code, entry in countries.items():
        assert set(entry.get("cldr", [])) <= cldr[code], code  # names CLDR (as Babel ships it) gives that code
        c = pycountry.countries.get(alpha_2=code)
        assert c is None or (entry["en"], entry["iso"][:3]) == (c.name, [c.alpha_2, c.alpha_3, c.name])


def test_the_names_files_index_is_its_names_folded() -> None:
    """The index the file holds (so that reading it folds nothing) is what its names give."""
    data = json.loads(worldnames.NAMES_FILE.read_text(encoding="utf-8"))
    assert data["index"] == worldnames.compiled_index(data["countries"])


def test_the_names_file_is_not_read_for_a_report_country(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(worldnames, "NAMES_FILE", worldnames.NAMES_FILE.with_name("missing.json"))
    worldnames.world.cache_clear()
    try:
        assert run("country", "Korea", "-f", "json").code == 0
        assert run("actions", "--country", "Corea del Sur", "-f", "json").code == 0
    finally:
        worldnames.world.cache_clear()


NOT_COUNTRIES = [
    "European Union", "EU", "Unión Europea", "UE", "United Nations", "Naciones Unidas",
    "Latin America", "América Latina", "Latin America and the Caribbean", "Caribbean", "UNESCO",
    "Bloomberg Philanthropies",
]  # fmt: skip


@pytest.mark.parametrize("query", NOT_COUNTRIES)
def test_what_is_no_country_points_to_a_command_that_finds_it(run, query: str) -> None:  # type: ignore[no-untyped-def]
    result = run("country", query)
    assert result.code == 2 and result.err.count("\n") == 1, result.err
    assert "not a country" in result.err, result.err
    pointer = re.search(r"see '(medcoop [^']*)'", result.err)
    if pointer is None:
        assert result.err.endswith("not a country: the report does not name it\n")
        assert json.loads(run("search", names.non_country_name(query) or "", "-f", "json").out) == []
        return
    args = shlex.split(pointer.group(1))[1:]
    followed = run(*args, "-f", "json")
    assert followed.code == 0 and json.loads(followed.out), (args, followed.err)
