"""The fact sheet and the SVG map as people see them, in a real browser: Playwright driving the
system's Chromium (Debian's `chromium` package; Playwright's own browser download is not used),
axe-core for accessibility, the page printed to A4 and read back with pypdf.

These tests skip, saying why, where Chromium, Playwright or axe-core is absent (a user's plain
clone). .ci/run installs all three, so CI runs them: Chromium with apt-get, axe-core with npm
into a cache folder outside the checkout (MEDCOOP_AXE_JS names its axe.min.js), Playwright and
pypdf with the test extra; there MEDCOOP_BROWSER_TESTS=required turns a skip into a failure, so
that a green CI has run them. See docs/factsheet.md."""

from __future__ import annotations

import io
import os
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import medcoop_process

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
PHONE = {"width": 390, "height": 844}
SCREEN = {"width": 1280, "height": 900}
MIN_PX = 11
LANGS = ["en", "es"]
WORDS = {  # a few words of the sheet, per language (the catalog's)
    "en": {"figures": "The report in figures", "corrections": "Corrections from public records"},
    "es": {"figures": "El informe en cifras", "corrections": "Correcciones según registros públicos"},
}


def chromium_path() -> str | None:
    for candidate in (os.environ.get("MEDCOOP_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def axe_path() -> Path | None:
    """axe.min.js: MEDCOOP_AXE_JS, else where .ci/run installs it (the user's cache folder)."""
    named = os.environ.get("MEDCOOP_AXE_JS")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    for candidate in (named, cache / "medcoop-ci" / "node_modules" / "axe-core" / "axe.min.js"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def missing(reason: str) -> None:
    """Skip, saying what is missing; fail where the browser tests are required (CI)."""
    if os.environ.get("MEDCOOP_BROWSER_TESTS") == "required":
        pytest.fail(f"MEDCOOP_BROWSER_TESTS=required: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright import sync_api
    except ImportError:
        missing("Playwright is not installed (pip install -e '.[test]')")
    path = chromium_path()
    if path is None:
        missing("no Chromium here (Debian: apt-get install chromium; or set MEDCOOP_CHROMIUM)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(path), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sheets")
    written = {}
    for lang in LANGS:
        target = folder / f"sheet-{lang}.html"
        proc = medcoop_process(["--lang", lang, "report", "-o", str(target)])
        assert proc.returncode == 0, proc.stderr
        written[lang] = target
    return written


@pytest.fixture(scope="module")
def svg_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("map") / "map.svg"
    proc = medcoop_process(["map", "--svg", str(target), "-f", "csv"])
    assert proc.returncode == 0, proc.stderr
    return target


def _open(browser: Any, path: Path, viewport: dict[str, int]) -> Any:
    page = browser.new_page(viewport=viewport)
    page.goto(path.as_uri())
    return page


# Each visible text node's size as drawn, in CSS pixels: an SVG text's font size times the
# picture's scale; the elements that show no text (display: none, hidden) left out.
SMALL_TEXT = """() => {
  const small = []; let seen = 0;
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!el || !node.textContent.trim() || el.closest('title, desc, style, head')) continue;
    if (!el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    let size = parseFloat(style.fontSize);
    if (el instanceof SVGElement) size *= el.getScreenCTM().a;
    seen += 1;
    if (size < MIN - 0.01) small.push(node.textContent.trim().slice(0, 40) + ' (' + size.toFixed(1) + ' px)');
  }
  return {seen, small};
}""".replace("MIN", str(MIN_PX))


@pytest.mark.parametrize("lang", LANGS)
def test_sheet_has_no_serious_accessibility_violation(browser: Any, sheets: dict[str, Path], lang: str) -> None:
    axe = axe_path()
    if axe is None:
        missing("no axe-core here (npm install --prefix ~/.cache/medcoop-ci axe-core; or set MEDCOOP_AXE_JS)")
        return
    for viewport in (SCREEN, PHONE):
        page = _open(browser, sheets[lang], viewport)
        page.add_script_tag(path=str(axe))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        page.close()
        serious = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])})"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], viewport
        assert result["testEngine"]["name"] == "axe-core"


@pytest.mark.parametrize("lang", LANGS)
def test_sheet_never_scrolls_sideways_on_a_phone(browser: Any, sheets: dict[str, Path], lang: str) -> None:
    page = _open(browser, sheets[lang], PHONE)
    width = page.evaluate("document.scrollingElement.scrollWidth")
    page.close()
    assert width <= PHONE["width"]


@pytest.mark.parametrize("lang", LANGS)
def test_sheet_has_no_text_under_11_px_on_a_phone(browser: Any, sheets: dict[str, Path], lang: str) -> None:
    page = _open(browser, sheets[lang], PHONE)
    found = page.evaluate(SMALL_TEXT)
    page.close()
    assert found["seen"] > 300  # the whole page was walked, the map's labels included
    assert found["small"] == []


def _printed(browser: Any, path: Path) -> list[list[str]]:
    """The page printed to A4 (as Chromium prints it), each page's lines of text."""
    from pypdf import PdfReader

    page = _open(browser, path, SCREEN)
    pdf = page.pdf(format="A4")
    headings = page.evaluate("[...document.querySelectorAll('h1, h2, h3')].map(h => h.textContent.trim())")
    page.close()
    pages = [  # NFKC: the PDF's ligatures (ﬁ) as letters
        [line.strip() for line in unicodedata.normalize("NFKC", p.extract_text() or "").splitlines() if line.strip()]
        for p in PdfReader(io.BytesIO(pdf)).pages
    ]
    for lines in pages:  # no page ends on a heading
        assert lines and lines[-1] not in headings, lines[-3:]
    return pages


@pytest.mark.parametrize("lang", LANGS)
def test_sheet_prints_on_two_a4_pages_and_its_sources_on_two_more(
    browser: Any, sheets: dict[str, Path], lang: str
) -> None:
    pages = _printed(browser, sheets[lang])
    assert len(pages) <= 4
    starts = [k for k, lines in enumerate(pages) if lines[0] == WORDS[lang]["corrections"]]
    assert starts == [2]  # the sheet on pages 1 and 2, the corrections, sources and citing after
    first = " ".join(pages[0])
    amount = "USD 30 million" if lang == "en" else "USD 30 millones"
    for words in (WORDS[lang]["figures"], amount, "503", "57", "1,500" if lang == "en" else "1.500"):
        assert words in first, words  # the key figures on page 1


@pytest.mark.parametrize("width", [390, 1280])
def test_svg_map_fits_its_window_and_stays_legible(browser: Any, svg_map: Path, width: int) -> None:
    page = _open(browser, svg_map, {"width": width, "height": 900})
    box = page.evaluate("(() => { const r = document.documentElement.getBoundingClientRect(); return [r.width]; })()")
    labels = page.evaluate(
        "[...document.querySelectorAll('text.mc-lbl')].filter(t => getComputedStyle(t).display !== 'none').length"
    )
    found = page.evaluate(SMALL_TEXT)
    page.close()
    assert box[0] <= width  # scaled to the window: no fixed size
    assert labels >= 4
    assert found["seen"] > 10
    if width == PHONE["width"]:
        assert found["small"] == []


def test_the_phone_map_keeps_fewer_labels_than_the_screen(browser: Any, svg_map: Path) -> None:
    counts = []
    for width in (390, 1280):
        page = _open(browser, svg_map, {"width": width, "height": 900})
        counts.append(
            page.evaluate(
                "[...document.querySelectorAll('text.mc-lbl')]"
                ".filter(t => getComputedStyle(t).display !== 'none').length"
            )
        )
        page.close()
    assert 0 < counts[0] < counts[1]
