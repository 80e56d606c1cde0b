"""Every name two independent sources know for a country finds that country: its rows when the
report mentions it, "not mentioned" when it does not, an ambiguity when the name is two countries'.

The oracles: country_converter (PyPI, GPL; a test dependency only, never shipped): the short and
official names and the codes of every country it lists, and its own regular expressions, which
say independently which country a name is; and world-countries (npm, ODbL), compiled into
medcoop/data/country_names.json with ISO 3166, CLDR and a few curated names, checked here against
country_converter's expressions wherever they name one country.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pytest

from medcoop import query as q
from medcoop import worldnames
from medcoop.dataset import load
from medcoop.errors import UsageError
from medcoop.names import AmbiguousName, fold

country_converter = pytest.importorskip("country_converter")
CC_DATA = Path(country_converter.__file__).resolve().parent / "country_data.tsv"


@lru_cache(maxsize=1)
def cc_rows() -> list[dict[str, str]]:
    """country_converter's countries (those it does not mark obsolete), read with csv: its own
    loader needs a pandas older than the one the tests install."""
    with CC_DATA.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    rows = [r for r in rows if not r["obsolete"].strip()]
    for r in rows:  # two alpha-2 cells are expressions ('^GB$|^UK$'): the code is their first
        r["ISO2"] = re.findall(r"[A-Z]{2}", r["ISO2"])[0]
    return rows


@lru_cache(maxsize=1)
def cc_regexes() -> list[tuple[str, re.Pattern[str]]]:
    return [(r["ISO2"], re.compile(r["regex"], re.IGNORECASE)) for r in cc_rows()]


def cc_says(name: str) -> set[str]:
    """The countries country_converter's expressions find in a name (as its convert() does)."""
    return {code for code, pattern in cc_regexes() if pattern.search(name)}


def un_members() -> set[str]:
    """The member states of the United Nations, as country_converter lists them."""
    return {r["ISO2"] for r in cc_rows() if r["UNmember"].strip()}


def cc_names() -> Iterator[tuple[str, str]]:
    """(name, alpha-2) of every name and code country_converter lists."""
    for r in cc_rows():
        for key in ("name_short", "name_official", "ISO2", "ISO3"):
            if r[key].strip():
                yield r[key], r["ISO2"]


def file_names() -> Iterator[tuple[str, str]]:
    """(name, alpha-2) of every name and demonym in medcoop's names file (world-countries' among them)."""
    import json

    data = json.loads(worldnames.NAMES_FILE.read_text(encoding="utf-8"))
    for code in data["countries"]:
        for name in worldnames.all_names(code):
            yield name, code


def expected() -> dict[str, tuple[str, set[str]]]:
    """Folded name -> (the name as listed, the codes it may mean): those its sources give it."""
    found: dict[str, tuple[str, set[str]]] = {}
    for name, code in [*cc_names(), *file_names()]:
        key = fold(name)
        if key:
            found.setdefault(key, (name, set()))[1].add(code)
    return found


MISSED = {
    "St. Barths": "a nickname of Saint Barthélemy that none of medcoop's sources lists",
    "XKX": "Kosovo has no ISO 3166 code; XKX is the European Union's, world-countries gives UNK",
}
"""Names country_converter lists that medcoop does not know, and why."""

AMBIGUOUS = {
    "St. Martin": "the island is two countries', Saint Martin (French part) and Sint Maarten (Dutch part)",
}
"""Names country_converter gives one country that medcoop finds ambiguous, and why."""

DISAGREE = {
    "PRK": "North Korea's ISO alpha-3 code; country_converter's expression for Cambodia reads it",
    "VGB": "the British Virgin Islands' ISO alpha-3 code; country_converter's expression for the UK reads 'gb'",
    "Tierras Australes y Antárticas Francesas": "the Spanish official name of the French Southern Territories",
}
"""Names whose country country_converter's expressions say otherwise, and why medcoop is right;
besides the Spanish names its English expressions misread (SPANISH)."""


def spanish_names() -> set[str]:
    """The Spanish names of countries (CLDR as Babel ships it, pycountry's ISO catalog)."""
    import gettext

    import pycountry
    from babel import Locale

    catalog = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["es"])
    found = set(Locale("es").territories.values())
    for c in pycountry.countries:
        found |= {catalog.gettext(str(getattr(c, a))) for a in ("name", "official_name") if hasattr(c, a)}
    return {fold(n) for n in found}


@pytest.fixture(scope="module")
def ds():  # type: ignore[no-untyped-def]
    return load()


def _answer(ds, name: str) -> tuple[set[str], object]:  # type: ignore[no-untyped-def]
    """(the codes medcoop answers a name with, the view or the error)."""
    try:
        view = q.country(ds, name)
    except AmbiguousName as error:
        return {"?"} | set(error.candidates), error
    except UsageError as error:
        return set(), error
    notice = view.notice or ""
    found = re.search(r"\(([A-Z]{2})\) is not mentioned in the report$", notice)
    if found and not view.table.rows:
        return {found.group(1)}, view
    row = view.preface[0] if view.preface else ""
    return {row.split(" · ")[2].split(" / ")[0]} if row.count(" · ") == 3 else set(), view


def test_every_name_finds_its_country_and_its_rows(ds, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    mentions = list(q.mentions(ds))
    # the same rows, computed once (a country's are its rows of every mention: test_countries)
    monkeypatch.setattr(q.by_country, "mentions", lambda _ds, code: (m for m in mentions if m.country == code))
    report = {c["a2"]: c for c in ds["countries"]}
    rows = {code: q.country(ds, c["name_en"]).table.rows for code, c in report.items()}
    assert all(rows.values())
    names = expected()
    spanish = spanish_names()
    wrong, missed, ambiguous, disagree = [], {}, {}, {}
    for key, (name, codes) in sorted(names.items()):
        members = codes & un_members()
        got, answer = _answer(ds, name)
        if len(codes) > 1 and len(members) != 1:
            if got != {"?"} | {_name(ds, c) for c in codes}:
                wrong.append((name, codes, str(answer)))
            continue
        # a demonym of a state and of territories of it ('American', 'French') is the state's
        (code,) = codes if len(codes) == 1 else members
        if not got:
            missed[name] = str(answer)
        elif "?" in got:
            ambiguous[name] = str(answer)
        elif got != {code}:
            wrong.append((name, code, got))
        elif code in report and answer.table.rows != rows[code]:  # type: ignore[attr-defined]
            wrong.append((name, code, "rows"))
        said = cc_says(name)
        if len(said) == 1 and said != {code} and key not in spanish:
            disagree[name] = said
    assert wrong == []
    assert set(missed) == set(MISSED), missed
    assert set(ambiguous) == set(AMBIGUOUS), ambiguous
    assert set(disagree) == set(DISAGREE), disagree
    # how many names this runs, and of how many countries (the report's 26 and the rest)
    report_names = sum(1 for _n, cs in names.values() if cs <= set(report))
    assert len(names) > 2000 and report_names > 200
    assert len({c for _n, cs in names.values() for c in cs} - set(report)) > 200


def _name(ds, code: str) -> str:  # type: ignore[no-untyped-def]
    from medcoop.query.resolve import _name_of

    return _name_of(ds, code)


def test_every_report_country_has_names_from_both_sources(ds) -> None:  # type: ignore[no-untyped-def]
    cc = {code for _n, code in cc_names()}
    listed = {code for _n, code in file_names()}
    assert {c["a2"] for c in ds["countries"]} <= cc & listed
    assert len(cc & listed) > 240  # the report's 26 and a few hundred others
