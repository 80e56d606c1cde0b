"""medcoop report: a self-contained fact sheet that parses strictly, leads with the key figures,
says the report's facts in words, cites each record's whole sentence once, and shows hostile
text literally. (How it looks in a real browser, on a phone and printed: test_browser.py.)"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import html5lib
import pytest

from medcoop import __version__, dataset, query
from medcoop.cells import human
from medcoop.view import Column

from .conftest import TINY

SHOWN_LISTS = ("metrics", "actions", "awards", "milestones", "tallies", "events", "visitors", "countries")
"""The records the sheet shows, each with its source."""


def _sheet(run, tmp_path: Path, *args: str) -> str:  # type: ignore[no-untyped-def]
    target = tmp_path / "sheet.html"
    result = run("report", "-o", str(target), *args)
    assert result.code == 0, result.err
    assert result.out == "" and str(target) in result.err
    return target.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def shipped() -> dataset.Dataset:
    return dataset.load(None)


@pytest.fixture
def page(run, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    return _sheet(run, tmp_path)


def _strict(page: str) -> None:
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(page)  # raises on the first parse error
    assert not parser.errors


def test_sheet_parses_strictly(page: str) -> None:
    _strict(page)


def test_sheet_is_self_contained(page: str) -> None:
    assert "<script" not in page
    assert not re.search(r"""(?:src|href)\s*=\s*(?!["']?#)""", page)  # only links inside the page
    assert "url(" not in page and "@import" not in page


def _tree(page: str):  # type: ignore[no-untyped-def]
    return html5lib.parse(page, namespaceHTMLElements=False)


def _words(element) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _section(page: str, anchor: str):  # type: ignore[no-untyped-def]
    return next(s for s in _tree(page).iter("section") if s.get("id") == anchor)


def test_sheet_is_accessible(page: str) -> None:
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert re.findall(r"<th(?=[\s>])(?![^>]*\bscope=)", page) == []  # every header cell has a scope
    svgs = re.findall(r"<svg[^>]*>", page)
    pictures = [tag for tag in svgs if 'aria-hidden="true"' not in tag]  # the legend's swatches are decoration
    assert len(pictures) == 1  # the map
    for tag in pictures:
        assert 'role="img"' in tag and "aria-labelledby=" in tag
        for ident in re.search(r'aria-labelledby="([^"]+)"', tag).group(1).split():  # type: ignore[union-attr]
            assert f'id="{ident}"' in page


def test_sheet_prints_on_a4_without_orphaned_headings(page: str) -> None:
    assert "@page{size:A4" in page
    assert "h2,h3{break-after:avoid;page-break-after:avoid}" in page
    assert "ul.facts li{margin:.25rem 0;break-inside:avoid;page-break-inside:avoid}" in page
    printing = page[page.index("@media print{") :]
    assert ".apparatus{break-before:page;page-break-before:always}" in printing  # the sheet, then its sources


def _numbers(shipped: dataset.Dataset) -> list[str]:
    value = Column("value", "", "value")
    return [human(value, {"value": m["value"], "unit": m["unit"]}) for m in shipped["metrics"]]


def test_sheet_holds_every_fact(page: str, shipped: dataset.Dataset) -> None:
    for metric, number in zip(shipped["metrics"], _numbers(shipped), strict=True):
        if metric["measure"] == "delegation_countries":  # said with the delegations: "from 57 countries"
            assert f"from {number} countries" in page
            continue
        if metric["measure"] == "delegates":  # the tile of delegates per year: its years and values
            assert f"<span>{metric['period_start']}</span> <span>" in page and f"{number} <a" in page
            continue
        assert escape(metric["label"]) in page and f"{number}" in page, metric["id"]
    for action in shipped["actions"]:
        assert escape(action["summary"]) in page, action["id"]
    for award in shipped["awards"]:
        assert escape(award["name"]) in page, award["id"]
        if award["name_corrected"]:
            assert escape(award["name_corrected"]) in page
    for milestone in shipped["milestones"]:
        assert escape(milestone["name"]) in page, milestone["id"]
    for visitor in shipped["visitors"]:
        assert escape(visitor["name"]) in page, visitor["id"]
    for event in shipped["events"]:
        assert escape(event["name"]) in page, event["id"]
    for tally in shipped["tallies"]:
        assert escape(tally["counted"]) in page, tally["id"]
    rep = shipped["report"]
    assert escape(rep["title_es"]) in page and escape(rep["title_en"]) in page and "2016-2018" in page


def test_sheet_leads_with_the_key_figures_as_big_numbers(page: str, shipped: dataset.Dataset) -> None:
    """The first section holds the big numbers, from the dataset: the amount received, the
    delegations and the countries they came from, the countries named, delegates per year."""
    sections = [s.get("id") for s in _tree(page).iter("section")]
    assert sections[:2] == ["figures", "map"] and sections.index("actions") < sections.index("sources")
    figures = _section(page, "figures")
    tiles = [_words(li) for ul in figures.iter("ul") if ul.get("class") == "figures" for li in ul if li.tag == "li"]
    big = [_words(span) for span in figures.iter("span") if span.get("class") == "big"]
    metric = {
        m["id"]: human(Column("v", "", "value"), {"v": m["value"], "unit": m["unit"]}) for m in shipped["metrics"]
    }
    assert big[:3] == [
        metric["cooperation-received-2016-2018"],
        metric["delegations-2016-2018"],
        str(len(query.countries(shipped).table.rows)),
    ]
    assert f"from {metric['delegation-countries-2016-2018']} countries" in tiles[1]
    per_year = [m for m in shipped["metrics"] if m["measure"] == "delegates"]
    assert len(per_year) == 3
    for m in per_year:
        shown = f"{m['qualifier']} {metric[m['id']]}" if m["qualifier"] else metric[m["id"]]
        assert f"{m['period_start']} {shown}" in tiles[3]


def test_sheet_says_the_facts_in_words(page: str, shipped: dataset.Dataset) -> None:
    """Countries by name (never an ISO code), who gave each award, no zero counts, no column of
    the printed heading, no heading printed twice (as h2 and as a table caption)."""
    names = {c["a2"]: c["name_en"] for c in shipped["countries"]}
    actions = _section(page, "actions")
    items = [_words(li) for li in actions.iter("li")]
    for action in shipped["actions"]:
        item = next(i for i in items if action["summary"] in i)
        assert all(names[a2] in item for a2 in action["countries"]), item
    orgs = {o["id"]: o["name_corrected"] or o["name"] for o in shipped["organisations"]}
    awards = " ".join(_words(li) for li in _section(page, "awards").iter("li"))
    for award in shipped["awards"]:
        body = award["awarding_body"]
        assert (f"awarded by {orgs[body]}" if body else "awarding body not named in the report") in awards
    shown = " ".join(_words(_section(page, s)) for s in ("map", "actions", "events", "visitors"))
    codes = "|".join(c["a3"] for c in shipped["countries"])
    assert not re.search(rf"\b(?:{codes})\b", shown)
    lists = [ul for ul in _section(page, "map").iter("ul") if "countries" in (ul.get("class") or "")]
    countries = [_words(li) for ul in lists for li in ul]
    assert len(countries) == len(shipped["countries"])
    assert not any(re.search(r"\b0\b", c) for c in countries), countries
    assert "Heading as printed" not in page
    h2 = {_words(h) for h in _tree(page).iter("h2")}
    assert not h2 & {_words(c) for c in _tree(page).iter("caption")}


def _sources(page: str) -> dict[str, str]:
    return {li.get("id")[4:]: _words(li.find("q")) for li in _section(page, "sources").iter("li")}  # type: ignore[index,union-attr]


def test_sheet_cites_one_whole_sentence_per_record(page: str, shipped: dataset.Dataset, source_text: str) -> None:
    """Each source is a whole sentence of the report (or a run of them), listed once: none holds
    another, each is in the report's text, and each record's quote is in the source it links to."""
    from medcoop.sentences import fold

    sources = _sources(page)
    report = fold(source_text.split("Leave a Reply")[0])
    quotes = {(r["source"]["section"], r["source"]["quote"]) for key in SHOWN_LISTS for r in shipped[key]}  # type: ignore[literal-required]
    assert len(sources) < len(quotes) / 2  # sentences, not one per matched phrase
    for number, sentence in sources.items():
        found = re.search(r"\s+".join(map(re.escape, fold(sentence).split())), report)
        assert found, number
        before = report[: found.start()].rstrip(" \t•")
        assert not before or before[-1] in '\n.!?"', sentence  # a sentence starts there
        assert not any(sentence in other for n, other in sources.items() if n != number), sentence
    links = re.findall(r'href="#src-(\d+)"', page)
    assert set(links) == set(sources)
    for quote in {q for _s, q in quotes}:
        assert any(" ".join(fold(quote).split()) in fold(s) for s in sources.values()), quote


def test_each_record_links_to_the_sentence_of_its_quote(page: str, shipped: dataset.Dataset) -> None:
    from medcoop.sentences import fold

    sources = _sources(page)
    visitors = _section(page, "visitors")
    for li in visitors.iter("li"):
        number = li.find("a").get("href")[5:]  # type: ignore[union-attr,index]
        record = next(v for v in shipped["visitors"] if v["name"] in _words(li))
        assert " ".join(fold(record["source"]["quote"]).split()) in fold(sources[number])


def test_sheet_says_how_to_cite_the_report_and_the_dataset(page: str, shipped: dataset.Dataset) -> None:
    rep = shipped["report"]
    cite = _words(_section(page, "cite"))
    assert f"{rep['publisher']} (n.d.). {rep['title_es']} — {rep['title_en']} [web page]." in cite
    assert f"medcoop, version {__version__}" in cite and "[data set and software]" in cite
    assert "data/medcoop.json" not in page and ".json" not in cite


def test_sheet_marks_corrections(page: str, shipped: dataset.Dataset) -> None:
    corrections = page[page.index('id="corrections"') : page.index('id="sources"')]
    for visitor in shipped["visitors"]:
        if visitor["name_corrected"]:
            assert escape(visitor["name"]) in corrections and escape(visitor["name_corrected"]) in corrections
    assert corrections.count("(corrected)") >= sum(1 for v in shipped["visitors"] if v["name_corrected"])


def test_sheet_marks_the_editors_words(page: str, shipped: dataset.Dataset) -> None:
    """A value of a column provenance declares the editors' words is followed by †; the report's
    own words (names as printed) are not; the header says what † means."""
    mark = ' <span class="mark">†</span>'
    for action in shipped["actions"]:
        assert escape(action["summary"]) + mark in page
    for metric in shipped["metrics"]:
        if metric["measure"] not in ("delegation_countries", "delegates"):  # the big numbers' own words
            assert escape(metric["label"]) + mark in page
    for visitor in shipped["visitors"]:
        assert escape(visitor["name"]) + mark not in page
    header = _words(next(_tree(page).iter("header")))
    assert "† marks the editors' words (a label, a summary, a note), not the report's" in header


def test_sheet_in_spanish_says_its_own_words_in_spanish(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every text of the sheet's own (captions.TEXT) is in the Spanish page in Spanish: none of
    the English texts that the catalog translates differently is left."""
    from medcoop import captions, i18n

    from . import catalog as messages

    try:
        page = _sheet(run, tmp_path, "--lang", "es")
    finally:
        i18n.use("en")  # the run's language is the process's: the next tests read English
    _strict(page)
    assert page.startswith('<!DOCTYPE html>\n<html lang="es">')
    spanish = {m.id: m.string for m in messages.read_catalog() if isinstance(m.id, str)}
    plain = [t for k, t in captions.TEXT.items() if k.startswith("SHEET_") and "{" not in t and spanish[t] != t]
    assert [t for t in plain if escape(spanish[t]) not in page] == []
    words = _words(_tree(page).find("body"))
    assert [t for t in plain if len(t.split()) > 3 and t in words] == []
    assert "El informe en cifras" in words and "Cómo citar" in words
    assert "1 registro" in words and "otorgado por" in words
    assert "† señala las palabras de los editores" in words


def test_sheet_shows_hostile_text_literally(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hostile = '<script>alert("x")</script></td></table><b>&amp;'
    data = json.loads(TINY.read_text(encoding="utf-8"))
    data["actions"][0]["summary"] = hostile
    data["visitors"][0]["name"] = hostile + "\u202e"  # a bidi override is allowed in a dataset, shown escaped
    data["visitors"][0]["source"]["quote"] = "Mayor of Seoul, " + hostile + "\u202e"  # a name is printed in its quote
    data["countries"][0]["name_en"] = hostile
    data["metrics"][0]["source"]["quote"] = f"{hostile} in 2016-2017"  # a stated period is printed
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    page = _sheet(run, tmp_path, "--data", str(path))
    _strict(page)
    assert "<script" not in page and "<b>" not in page
    assert escape(hostile) in page and escape(hostile) + "\\u202e" in page
    assert "\u202e" not in page


def test_report_write_errors(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = run("report", "-o", str(tmp_path / "missing" / "sheet.html"))
    assert missing.code == 1 and missing.err.count("\n") == 1 and "cannot write" in missing.err
    assert run("report", "-o", "").code == 2
    assert run("report").code == 2  # -o is required
