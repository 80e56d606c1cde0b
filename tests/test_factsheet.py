"""medcoop report: a self-contained fact sheet that parses strictly, holds every fact and
every source sentence, is accessible, and shows hostile text literally."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import html5lib
import pytest

from medcoop import dataset
from medcoop.factsheet import RECORD_LISTS
from medcoop.render import human
from medcoop.view import Column

from .conftest import TINY


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


def test_sheet_is_accessible(page: str) -> None:
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert re.findall(r"<th(?=[\s>])(?![^>]*\bscope=)", page) == []  # every header cell has a scope
    svgs = re.findall(r"<svg[^>]*>", page)
    assert len(svgs) >= 6  # the map and the bar charts
    for tag in svgs:
        assert 'role="img"' in tag and "aria-labelledby=" in tag
        for ident in re.search(r'aria-labelledby="([^"]+)"', tag).group(1).split():  # type: ignore[union-attr]
            assert f'id="{ident}"' in page


def test_sheet_prints_on_a4_without_split_rows(page: str) -> None:
    assert "@page{size:A4" in page
    printing = page[page.index("@media print{") :]
    assert "thead{display:table-header-group}" in printing
    assert re.search(r"tr,[^{]*\{break-inside:avoid;page-break-inside:avoid\}", printing)


def _numbers(shipped: dataset.Dataset) -> list[str]:
    value = Column("value", "", "value")
    return [human(value, {"value": m["value"], "unit": m["unit"]}) for m in shipped["metrics"]]


def test_sheet_holds_every_fact(page: str, shipped: dataset.Dataset) -> None:
    for metric, number in zip(shipped["metrics"], _numbers(shipped), strict=True):
        assert escape(metric["label"]) in page and f">{number}<" in page, metric["id"]
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


def test_sheet_quotes_every_source_sentence_and_links_rows_to_it(page: str, shipped: dataset.Dataset) -> None:
    quotes = {r["source"]["quote"] for key in RECORD_LISTS for r in shipped[key]}  # type: ignore[literal-required]
    listed = re.findall(r'<li id="src-(\d+)" value="\1">(?:<span[^>]*>[^<]*</span><br>)?<q>([^<]*)</q></li>', page)
    assert {escape(q) for q in quotes} == {q for _, q in listed}
    assert len(listed) == len(quotes)
    for number in set(re.findall(r'href="#src-(\d+)"', page)):
        assert f'id="src-{number}"' in page
    assert len(re.findall(r'href="#src-', page)) >= len(shipped["actions"]) + len(shipped["visitors"])


def test_sheet_marks_corrections(page: str, shipped: dataset.Dataset) -> None:
    corrections = page[page.index('id="corrections"') : page.index('id="sources"')]
    for visitor in shipped["visitors"]:
        if visitor["name_corrected"]:
            assert escape(visitor["name"]) in corrections and escape(visitor["name_corrected"]) in corrections
    assert corrections.count("(corrected)") >= sum(1 for v in shipped["visitors"] if v["name_corrected"])


def test_sheet_shows_hostile_text_literally(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hostile = '<script>alert("x")</script></td></table><b>&amp;'
    data = json.loads(TINY.read_text(encoding="utf-8"))
    data["actions"][0]["summary"] = hostile
    data["visitors"][0]["name"] = hostile + "\u202e"  # a bidi control (C0/C1 controls are refused on load)
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


SHEET_TABLES = {  # listing -> the caption of its table in the sheet
    "summary": "Headline figures",
    "countries": "Countries and their roles",
    "actions": "Cooperation actions",
    "awards": "Awards and recognitions",
    "milestones": "Memberships and appointments",
    "tallies": "Counts the report states",
    "events": "International events",
    "visitors": "Visitors",
}


def _sheet_tables(page: str) -> dict[str, tuple[list[str], str]]:
    """Caption -> (the column headers, the text of the element after the table) of each table."""
    tree = html5lib.parse(page, namespaceHTMLElements=False)
    found = {}
    for section in tree.iter("section"):
        children = list(section)
        for k, table in enumerate(children):
            if table.tag != "table" or table.find("caption") is None:
                continue
            heads = ["".join(th.itertext()) for th in table.find("thead").iter("th")]  # type: ignore[union-attr]
            after = "".join(children[k + 1].itertext()) if k + 1 < len(children) else ""
            found["".join(table.find("caption").itertext())] = (heads, after)  # type: ignore[union-attr]
    return found


def test_sheet_marks_exactly_the_columns_of_the_editors_words(page: str) -> None:
    """A column the sheet shows is marked † iff provenance declares its field the editors'
    words (as the table view marks it); a table with a marked column says what † means."""
    from medcoop import query
    from medcoop.columns import LISTING_RECORDS
    from medcoop.factsheet import SHOWN
    from medcoop.provenance import editorial

    _strict(page)
    tables = _sheet_tables(page)
    assert set(SHOWN) == set(SHEET_TABLES)
    views = {"countries": query.countries, "summary": query.summary}
    marked_in_all = 0
    for listing, caption in SHEET_TABLES.items():
        collection, renamed = LISTING_RECORDS[listing]
        columns = (views.get(listing) or getattr(query, listing))(dataset.load(None)).table.columns
        shown = [c for c in columns if c.key in SHOWN[listing]]
        expected = {c.header for c in shown if editorial(collection, renamed.get(c.key, c.key))}
        heads, after = tables[caption]
        marked = {h.removesuffix(" †") for h in heads if h.endswith(" †")}
        assert marked == expected, caption
        assert {h for h in heads if not h.endswith(" †")} >= {c.header for c in shown} - expected, caption
        assert after.startswith("† the editors' words, not the report's") == bool(expected), caption
        marked_in_all += len(marked)
    assert marked_in_all == 5  # What and Note of the headline figures, Summary, Note, Participation


def test_sheet_marks_the_editors_words_in_spanish(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from medcoop import i18n

    try:
        page = _sheet(run, tmp_path, "--lang", "es")
    finally:
        i18n.use("en")  # the run's language is the process's: the next tests read English
    _strict(page)
    heads = [h for heads, _after in _sheet_tables(page).values() for h in heads]
    assert sum(h.endswith(" †") for h in heads) == 5
    assert page.count('<p class="legend">† palabras de los editores, no del informe') == 4
