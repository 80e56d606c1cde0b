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
    data["visitors"][0]["name"] = hostile + "\x1b[31m"
    data["visitors"][0]["source"]["quote"] = "Mayor of Seoul, " + hostile + "\x1b[31m"  # a name is printed in its quote
    data["countries"][0]["name_en"] = hostile
    data["metrics"][0]["source"]["quote"] = f"{hostile} in 2016-2017"  # a stated period is printed
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    page = _sheet(run, tmp_path, "--data", str(path))
    _strict(page)
    assert "<script" not in page and "<b>" not in page
    assert escape(hostile) in page and escape(hostile) + "\\x1b[31m" in page
    assert "\x1b" not in page


def test_report_write_errors(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = run("report", "-o", str(tmp_path / "missing" / "sheet.html"))
    assert missing.code == 1 and missing.err.count("\n") == 1 and "cannot write" in missing.err
    assert run("report", "-o", "").code == 2
    assert run("report").code == 2  # -o is required
