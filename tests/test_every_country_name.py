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
from medcoop.names import AmbiguousName, fold

country_converter = pytest.importorskip("country_converter")
CC_DATA = Path(country_converter.__file__).resolve().parent / "country_data.tsv"


@lru_cache(maxsize=1)
def cc_rows() -> list[dict[str, str]]:
    """country_converter's countries (those it does not mark obsolete), read with csv: its own
    loader needs a pandas older than the one the tests install."""
    with CC_DATA.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r for r in rows if not r["obsolete"].strip()]


@lru_cache(maxsize=1)
def cc_regexes() -> list[tuple[str, re.Pattern[str]]]:
    return [(r["ISO2"], re.compile(r["regex"], re.IGNORECASE)) for r in cc_rows()]


def cc_says(name: str) -> set[str]:
    """The countries country_converter's expressions find in a name (as its convert() does)."""
    return {code for code, pattern in cc_regexes() if pattern.search(name)}


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


@pytest.fixture(scope="module")
def ds():  # type: ignore[no-untyped-def]
    return load()


def test_the_names_file_agrees_with_country_converter() -> None:
    """A name of the names file that country_converter's expressions give to one country is
    filed under that country (world-countries and ISO checked by an independent source)."""
    disagree = []
    checked = 0
    for name, code in file_names():
        said = cc_says(name)
        if len(said) == 1:
            checked += 1
            if said != {code}:
                disagree.append((name, code, said))
    assert checked > 1000
    assert disagree == []


def test_every_name_finds_its_country_and_its_rows(ds, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    mentions = list(q.mentions(ds))
    monkeypatch.setattr(q, "mentions", lambda _ds: iter(mentions))  # the same rows, computed once
    report = {c["a2"]: c for c in ds["countries"]}
    rows = {code: q.country(ds, c["name_en"]).table.rows for code, c in report.items()}
    assert all(rows.values())
    names = expected()
    wrong = []
    for _key, (name, codes) in sorted(names.items()):
        if len(codes) > 1:
            with pytest.raises(AmbiguousName) as raised:
                q.country(ds, name)
            assert len(raised.value.candidates) == len(codes), name
            continue
        (code,) = codes
        view = q.country(ds, name)
        if code in report:
            if view.table.rows != rows[code]:
                wrong.append((name, code, view.notice))
        elif view.table.rows or not (view.notice or "").endswith(f"({code}) is not mentioned in the report"):
            wrong.append((name, code, view.notice))
    assert wrong == []
    # how many names this runs, and of how many countries (the report's 26 and the rest)
    report_names = sum(1 for _n, cs in names.values() if cs <= set(report))
    assert len(names) > 2000 and report_names > 200


def test_every_report_country_has_names_from_both_sources(ds) -> None:  # type: ignore[no-untyped-def]
    cc = {code for _n, code in cc_names()}
    listed = {code for _n, code in file_names()}
    assert {c["a2"] for c in ds["countries"]} <= cc & listed
    assert len(cc & listed) > 240  # the report's 26 and a few hundred others
