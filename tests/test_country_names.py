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


# --------------------------------------------------------------------------- every door, every name people type

REPORTED = ["Mexican", "Rep. Dominicana", "Myanmar (Burma)", "Great Britain and Northern Ireland", "Lucía", "Rica"]
"""Names of report countries once answered 'not mentioned' (issue 19)."""

TYPED = {
    "Mexican": "MX", "Rep. Dominicana": "DO", "Myanmar (Burma)": "MM", "Great Britain and Northern Ireland": "GB",
    "Lucía": "LC", "Rica": "CR",
    # demonyms
    "Korean": "KR", "South Korean": "KR", "British": "GB", "Spanish": "ES", "Brazilian": "BR", "Irish": "IE",
    "Finnish": "FI", "Chilean": "CL", "Peruvian": "PE", "Ecuadorian": "EC", "Burmese": "MM", "Guyanese": "GY",
    "Swedish": "SE", "Canadian": "CA", "Argentinian": "AR", "Bolivian": "BO", "American": "US",
    # abbreviations and word orders
    "ROK": "KR", "S. Korea": "KR", "Korea, South": "KR", "Rep. of Korea": "KR", "Korea (the Republic of)": "KR",
    "Republic of Ireland": "IE", "Republic of Mexico": "MX",
    # brackets and slashes, Spanish official names
    "Burma (Myanmar)": "MM", "Myanmar/Burma": "MM", "República Federativa del Brasil": "BR",
}  # fmt: skip
"""Names people type for the report's countries, and the country each is (ISO 3166-1 alpha-2)."""


def _canonical(code: str) -> tuple[str, str]:
    from medcoop.dataset import load

    (c,) = [c for c in load()["countries"] if c["a2"] == code]
    return c["name_en"], c["name_es"]


def _country_options() -> list[str]:
    """Every listing that takes --country (medcoop.cli.LISTINGS: one added later is looped over too)."""
    import inspect

    from medcoop import cli

    return sorted(name for name, build in cli.LISTINGS.items() if "country" in inspect.signature(build).parameters)


@pytest.mark.parametrize(("name", "code"), TYPED.items())
def test_a_name_people_type_finds_the_report_country(run, name: str, code: str) -> None:  # type: ignore[no-untyped-def]
    english, _spanish = _canonical(code)
    found = run("country", name, "-f", "json")
    assert found.code == 0 and "not mentioned" not in found.err, found.err
    assert json.loads(found.out) == json.loads(run("country", english, "-f", "json").out) != []


@pytest.mark.parametrize("listing", _country_options())
@pytest.mark.parametrize(("name", "code"), TYPED.items())
def test_every_country_option_takes_the_names_people_type(run, listing: str, name: str, code: str) -> None:  # type: ignore[no-untyped-def]
    english, _spanish = _canonical(code)
    found = run(listing, "--country", name, "-f", "json")
    assert found.code == 0 and "not mentioned" not in found.err, found.err
    assert json.loads(found.out) == json.loads(run(listing, "--country", english, "-f", "json").out)


@pytest.mark.parametrize("name", REPORTED)
def test_in_spanish_a_reported_name_finds_the_report_country(run, name: str) -> None:  # type: ignore[no-untyped-def]
    _english, spanish = _canonical(TYPED[name])
    found = run("--lang", "es", "country", name, "-f", "json")
    assert found.code == 0 and "no se menciona" not in found.err, found.err
    assert json.loads(found.out) == json.loads(run("--lang", "es", "country", spanish, "-f", "json").out) != []
    for listing in _country_options():
        found = run("--lang", "es", listing, "--country", name, "-f", "json")
        assert found.code == 0 and "no se menciona" not in found.err, (listing, found.err)


@pytest.mark.parametrize("name", REPORTED)
def test_the_api_finds_a_reported_name(name: str) -> None:
    import warnings

    import medcoop
    from medcoop import i18n

    i18n.use("en")
    english, _spanish = _canonical(TYPED[name])
    report = medcoop.load()
    with warnings.catch_warnings(record=True) as notices:
        warnings.simplefilter("always")
        assert report.country(name) == report.country(english) != []
        assert report.actions(country=name) == report.actions(country=english)
        assert report.events(country=name) == report.events(country=english)
        assert report.visitors(country=name) == report.visitors(country=english)
    assert not [n for n in notices if "not mentioned" in str(n.message)]


@pytest.mark.parametrize(
    ("name", "both"),
    [
        ("Dominican", ("Dominica", "Dominican Republic")),
        ("Congolese", ("Congo", "Congo, The Democratic Republic of the")),
    ],
)
def test_a_name_of_two_countries_is_an_error_naming_both(run, name: str, both: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    result = run("country", name)
    assert (result.code, result.out) == (2, "")
    assert result.err == f"medcoop: error: country {name!r} is ambiguous: it could be {both[0]!r} or {both[1]!r}\n"


def test_a_demonym_of_a_state_and_its_territories_is_the_states(run) -> None:  # type: ignore[no-untyped-def]
    """world-countries gives 'American' to the United States and the Northern Mariana Islands."""
    assert run("country", "American", "-f", "json").out == run("country", "United States", "-f", "json").out


@pytest.mark.parametrize(
    ("typo", "err"),
    [
        ("Sth Korea", "unknown country 'Sth Korea'; did you mean 'South Korea'?"),
        (
            "Repulic of Irland",
            "unknown country 'Repulic of Irland'; did you mean 'Ireland', 'Finland' or 'South Korea'?",
        ),
        ("Korea, Repblic of", "unknown country 'Korea, Repblic of'; did you mean 'South Korea'?"),
    ],
)
def test_a_typo_of_a_report_country_suggests_it_as_one(run, typo: str, err: str) -> None:  # type: ignore[no-untyped-def]
    """A report country is suggested by its name, first, never as '(not in the report)'."""
    result = run("country", typo)
    assert (result.code, result.err) == (2, f"medcoop: error: {err}\n")


def test_a_code_of_another_country_is_that_country_not_a_start(run) -> None:  # type: ignore[no-untyped-def]
    """ME is Montenegro's ISO code: not mentioned, though 'Me' starts Mexico (a name before a start)."""
    result = run("country", "ME", "-f", "json")
    assert (result.code, result.out) == (0, "[]\n")
    assert result.err == (
        "medcoop: 'ME' is Montenegro (ME), not the start of Mexico; Montenegro (ME) is not mentioned in the report\n"
    )


def test_every_name_completion_offers_finds_its_country_without_a_notice() -> None:
    from medcoop.dataset import load
    from medcoop.query.resolve import completion_names, find_country

    ds = load()
    by_code = {c["a2"]: c for c in ds["countries"]}
    offered = completion_names(ds)
    assert len(offered) == 4 * len(by_code)
    for c, name in zip([c for c in ds["countries"] for _ in range(4)], offered, strict=True):
        found, notice = find_country(ds, name)
        assert (found, notice) == (by_code[c["a2"]], None), name
