"""medcoop map: the geometry file, the map's data (= countries' counts), the SVG picture and
the terminal map (colour at 80 and 120 columns, no colour, pipes)."""

from __future__ import annotations

import csv
import importlib.util
import io
import itertools
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from medcoop import choropleth, dataset, geo

from .conftest import ROOT, TINY, medcoop_process
from .test_process import _pty_run

SVG = "{http://www.w3.org/2000/svg}"
COUNTS = choropleth.COUNT_COLUMNS
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def shipped() -> dataset.Dataset:
    return dataset.load(None)


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_geometry", ROOT / "scripts" / "build_geometry.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_geometry"] = module
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- geometry


def test_geometry_holds_every_country_of_the_dataset(shipped: dataset.Dataset) -> None:
    world = geo.load()
    for country in shipped["countries"]:
        shape = world.shapes.get(country["a2"])
        assert shape is not None, country["a2"]
        assert shape.rings and all(len(r) >= 3 for r in shape.rings), country["a2"]
        x0, y0, x1, y1 = shape.box
        assert 0 <= x0 <= x1 <= world.width and 0 <= y0 <= y1 <= world.height


def test_geometry_file_is_small() -> None:
    assert geo.GEOMETRY_FILE.stat().st_size < 200_000


def test_geometry_keys_are_iso_alpha2() -> None:
    keys = geo.load().shapes
    assert all(re.fullmatch(r"[A-Z]{2}", k) or k.startswith("_") for k in keys)
    assert "AQ" not in keys  # left out
    assert {"CO", "FR", "GF", "RU", "FJ", "US"} <= set(keys)


def test_french_guiana_is_not_france() -> None:
    world = geo.load()
    guiana, france = world.shapes["GF"].box, world.shapes["FR"].box
    # France keeps Europe only: its box is east of the Atlantic and far from Guiana's
    assert france[0] > world.width * 0.45 and guiana[2] < world.width * 0.4


def test_no_ring_wraps_across_the_antimeridian() -> None:
    world = geo.load()
    for key, shape in world.shapes.items():
        for ring in shape.rings:
            xs = [x for x, _ in ring]
            assert max(xs) - min(xs) < world.width * 0.6, key
    # Russia's land past 180° (Chukotka's tip) is drawn in the far west of the map, apart
    spans = [(min(x for x, _ in r), max(x for x, _ in r)) for r in world.shapes["RU"].rings]
    assert any(hi < world.width * 0.3 for _, hi in spans) and any(lo > world.width * 0.5 for lo, _ in spans)


def test_script_cuts_a_ring_crossing_the_antimeridian() -> None:
    build = _script()
    ring = [(170.0, 0.0), (-170.0, 0.0), (-170.0, 10.0), (170.0, 10.0), (170.0, 0.0)]
    pieces = build.cut_antimeridian(ring)
    assert len(pieces) == 2
    lons = sorted((min(p[0] for p in piece), max(p[0] for p in piece)) for piece in pieces)
    assert lons == [(-180.0, -170.0), (170.0, 180.0)]
    assert build.cut_antimeridian([(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 0.0)]) == [
        [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 0.0)]
    ]


def test_script_projects_equal_earth() -> None:
    build = _script()
    assert build.equal_earth is geo.equal_earth  # one formula for the shapes and the outline
    assert build.equal_earth(0, 0) == (0.0, 0.0)
    x, y = build.equal_earth(180, 0)
    assert abs(x - 2.70663) < 1e-4 and y == 0  # Equal Earth's half width at the equator
    _, top = build.equal_earth(0, 90)
    assert abs(top - 1.31731) < 1e-4


# --------------------------------------------------------------------------- data behind the map


def _csv(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


@pytest.mark.parametrize("year", [None, "2017", "2016-2017"])
def test_map_csv_equals_countries_counts(run, year: str | None) -> None:  # type: ignore[no-untyped-def]
    extra = ["--year", year] if year else []
    countries = {r["a2"]: r for r in _csv(run("countries", "-f", "csv", *extra).out)}
    rows = _csv(run("map", "-f", "csv", *extra).out)
    assert sorted(r["a2"] for r in rows) == sorted(countries)
    for row in rows:
        assert {k: row[k] for k in COUNTS} == {k: countries[row["a2"]][k] for k in COUNTS}
        assert row["value"] == row["mentions"]


@pytest.mark.parametrize(("role", "column"), sorted(choropleth.ROLE_COLUMNS.items()))
def test_map_role_colours_that_column(run, role: str, column: str) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run("map", "--role", role, "-f", "json").out)
    assert all(r["value"] == r[column] for r in rows)
    values = [r["value"] for r in rows]
    assert values == sorted(values, reverse=True)
    for r in rows:
        if r["a2"] == "CO":
            assert r["fill"] == choropleth.HOME_FILL
        elif r["value"] == 0:
            assert r["fill"] == choropleth.LAND_FILL
        else:
            assert r["fill"] in choropleth.PALETTE


def test_map_bad_role_is_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    result = run("map", "--role", "donor")
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1 and "cooperation-partner" in result.err


def test_classes_one_per_count_up_to_five_then_groups() -> None:
    assert [b.label for b in choropleth.classes([0, 1, 2, 2, 4, 5])] == ["1", "2", "4", "5"]
    bins = choropleth.classes(list(range(0, 11)))
    assert len(bins) == 5 and bins[0].low == 1 and bins[-1].high == 10
    assert all(a.high < b.low for a, b in itertools.pairwise(bins))
    assert choropleth.classes([0, 0]) == []


# --------------------------------------------------------------------------- SVG


def _svg(run, tmp_path: Path, *args: str) -> ET.Element:  # type: ignore[no-untyped-def]
    target = tmp_path / "map.svg"
    result = run("map", "--svg", str(target), "-f", "csv", *args)
    assert result.code == 0, result.err
    return ET.fromstring(target.read_bytes())  # parses as XML


def test_svg_map_holds_every_country_with_its_code_and_tooltip(run, tmp_path: Path, shipped) -> None:  # type: ignore[no-untyped-def]
    root = _svg(run, tmp_path)
    assert root.get("role") == "img" and root.find(f"{SVG}title") is not None
    by_iso: dict[str, list[ET.Element]] = {}
    for element in root.iter():
        if element.get("data-iso"):
            by_iso.setdefault(element.get("data-iso", ""), []).append(element)
    for country in shipped["countries"]:
        elements = by_iso[country["a2"]]
        tips = [e.find(f"{SVG}title") for e in elements]
        assert all(t is not None and country["name_en"] in (t.text or "") for t in tips)
        assert country["name_es"] in (tips[0].text or "")  # type: ignore[union-attr]
    fills = {iso: {e.get("fill") for e in els} for iso, els in by_iso.items()}
    assert fills["CO"] == {choropleth.HOME_FILL}
    assert all(choropleth.HOME_FILL not in f for iso, f in fills.items() if iso != "CO")
    assert fills["GF"] == {choropleth.LAND_FILL} and fills["FR"] != fills["GF"]  # French Guiana is not France
    for small in ("GD", "LC", "SG"):
        assert any(e.tag == f"{SVG}circle" for e in by_iso[small]), small
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Colombia (home country)" in texts


def _texts(root: ET.Element, cls: str | None = None) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text") if cls is None or cls in (t.get("class") or "").split()]


def test_svg_map_scales_to_its_container(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = _svg(run, tmp_path)
    assert root.get("width") is None and root.get("height") is None
    x, y, width, height = map(float, (root.get("viewBox") or "").split())
    assert (x, y) == (0, 0) and width > 0 and height > 0


def test_svg_map_has_a_title_what_it_counts_and_a_credit(run, tmp_path: Path, shipped) -> None:  # type: ignore[no-untyped-def]
    rep = shipped["report"]
    texts = " ".join(_texts(_svg(run, tmp_path)))
    assert f"Medellín's international cooperation, {rep['period_start']}-{rep['period_end']}" in texts
    assert "the number of records of the report that name the country" in texts
    assert "A city counts for its country (Paris for France)" in texts
    assert f"Source: {rep['publisher']}, {rep['title_en']}." in texts
    assert "Map: Natural Earth via world-atlas, Equal Earth projection." in texts
    visitors = " ".join(_texts(_svg(run, tmp_path, "--role", "visitor")))
    assert "the number of the report's visitors from the country" in visitors


def test_legend_classes_read_as_words() -> None:
    legend = [b.legend for b in choropleth.classes([0, 1, 2, 2, 4, 5])]
    assert legend == ["1 record", "2 records", "4 records", "5 records"]
    assert [b.legend for b in choropleth.classes(list(range(0, 11)))] == [
        "1–2 records",
        "3–4 records",
        "5–6 records",
        "7–8 records",
        "9–10 records",
    ]


def test_legend_of_the_svg_map_has_every_class_in_words(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = json.loads(run("map", "-f", "json").out)
    values = sorted({r["value"] for r in rows if r["a2"] != "CO" and r["value"]})
    keys = _texts(_svg(run, tmp_path), "mc-key")
    words = [f"{v} record" if v == 1 else f"{v} records" for v in values]  # five or fewer counts: one class each
    assert len(values) <= 5 and keys[: len(values)] == words


def test_svg_map_labels_the_main_countries(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Colombia and every country of the darkest class (the most records) are named on the
    picture, in the run's language; small states are not (their circles are)."""
    world = geo.load()
    rows = json.loads(run("map", "-f", "json").out)
    top = max(r["value"] for r in rows if r["a2"] != "CO")
    main = [r for r in rows if (r["value"] == top or r["a2"] == "CO") and not world.shapes[r["a2"]].tiny(14)]
    assert len(main) >= 3
    labels = _texts(_svg(run, tmp_path), "mc-lbl")
    assert {r["name_en"] for r in main} <= set(labels)
    assert not {r["name_en"] for r in rows if world.shapes[r["a2"]].tiny(14)} & set(labels)
    target = tmp_path / "mapa.svg"
    assert run("--lang", "es", "map", "--svg", str(target), "-f", "csv").code == 0
    spanish = _texts(ET.fromstring(target.read_bytes()), "mc-lbl")
    assert {r["name_es"] for r in main} <= set(spanish)


def test_svg_map_grows_its_texts_when_narrow(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """At 390 px the picture is drawn at 390 / viewBox width pixels per unit: the narrow style's
    sizes (labels, legend, title, credit) are at least 11 px there, and minor labels are hidden."""
    from medcoop import mapsvg

    root = _svg(run, tmp_path)
    style = "".join(s.text or "" for s in root.iter(f"{SVG}style"))
    narrow = style[style.index("@media (max-width:") :]
    scale = (390 - 16) / float((root.get("viewBox") or "").split()[2])  # a phone, less the page's margins
    sizes = {m.group(1): float(m.group(2)) for m in re.finditer(r"\.(mc-[a-z]+)\{font-size:(\d+)px", narrow)}
    assert set(sizes) == {"mc-lbl", "mc-title", "mc-sub", "mc-key", "mc-credit"}
    assert all(size * scale >= 11 for size in sizes.values()), sizes
    assert ".mc-minor{display:none}" in narrow and mapsvg.NARROW > 390


def test_svg_map_draws_the_sphere_round_the_land(run, tmp_path: Path) -> None:
    """The sea is drawn inside the sphere's outline (Equal Earth): the meridian at 180° bends
    (wider at the equator than near the poles), and the outline reaches past the land's box."""
    world = geo.load()
    assert world.transform is not None
    left_equator, left_arctic = world.project(-180, 0), world.project(-180, 75)
    assert left_equator[0] < left_arctic[0] - 100  # a curved edge, not a rectangle
    assert world.project(0, 90)[1] < 0 < world.height < world.project(0, -60)[1] + 5
    root = _svg(run, tmp_path)
    outline = world.outline(-60)
    assert any(p.get("d") == outline for p in root.iter(f"{SVG}path"))
    # the shapes were projected with the same formula: Colombia's centre is where Bogotá's region is
    x, y = world.project(-73.1, 4.0)
    cx, cy = world.shapes["CO"].centre
    assert abs(x - cx) < 25 and abs(y - cy) < 25


def test_svg_map_escapes_the_dataset(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(TINY.read_text(encoding="utf-8"))
    data["countries"][0]["name_en"] = '<script>alert("x")</script> & \u202e'
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    root = _svg(run, tmp_path, "--data", str(path))
    tips = [t.text or "" for t in root.iter(f"{SVG}title")]
    assert any('<script>alert("x")</script> & \\u202e' in t for t in tips)  # literal text, not markup
    assert not list(root.iter(f"{SVG}script"))


def test_svg_write_error_is_one_line_exit_1(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("map", "--svg", str(tmp_path / "missing" / "map.svg"))
    assert result.code == 1 and result.err.count("\n") == 1 and "cannot write" in result.err


# --------------------------------------------------------------------------- terminal


def _lines(out: bytes) -> list[str]:
    return [ANSI.sub("", line) for line in out.decode().replace("\r\n", "\n").split("\n")]


def _listed(lines: list[str]) -> set[str]:
    return {m.group(1) for line in lines if (m := re.match(r"\s*([A-Z]{2})\s{2,}", line))}


@pytest.mark.parametrize("columns", [80, 120])
def test_terminal_map_in_colour_fits_the_width(columns: int, shipped) -> None:  # type: ignore[no-untyped-def]
    out = _pty_run(["map"], {"TERM": "xterm-256color", "COLORTERM": "truecolor"}, columns=columns)
    lines = _lines(out)
    assert max(len(line) for line in lines) <= columns
    map_lines = [line for line in lines if "▀" in line or "▄" in line]
    assert len(map_lines) >= columns // 5  # the picture is there, about as tall as the width allows
    assert max(len(line) for line in map_lines) >= columns * 0.8
    assert b"\x1b[38;2;230;85;13m" in out or b"\x1b[48;2;230;85;13m" in out  # Colombia's orange
    text = "\n".join(lines)
    assert "Colombia (home country)" in text and "Fuente/Source: ACI Medellín" in text
    assert _listed(lines) == {c["a2"] for c in shipped["countries"]}  # every country shown is listed


@pytest.mark.parametrize("env", [{"NO_COLOR": "1", "TERM": "xterm"}, {"TERM": "dumb"}], ids=["NO_COLOR", "dumb"])
def test_terminal_map_without_colour_uses_characters(env: dict[str, str]) -> None:
    out = _pty_run(["map", "--role", "visitor"], env, columns=80)
    assert b"\x1b" not in out
    lines = _lines(out)
    assert max(len(line) for line in lines) <= 80
    assert not any("▀" in line or "▄" in line for line in lines)
    map_lines = [line for line in lines[1:] if re.fullmatch(r"[ .:+*#@C]*", line) and line.strip()]
    assert len(map_lines) >= 12 and any("C" in line for line in map_lines)
    assert any(line.startswith("Key, visitors:") for line in lines)
    # only countries with visitors, and Colombia, are shown and listed
    assert _listed(lines) == {"KR", "US", "FR", "ES", "EC", "SE", "GB", "FI", "CO"}


def test_piped_map_is_plain_and_80_wide() -> None:
    proc = medcoop_process(["map"], env={"COLUMNS": "200"})
    assert proc.returncode == 0 and b"\x1b" not in proc.stdout
    lines = proc.stdout.decode().splitlines()
    picture = lines[: next(i for i, line in enumerate(lines) if line.startswith("Fuente/Source"))]
    assert max(len(line) for line in picture) <= 80
    assert "South Korea" in proc.stdout.decode()


# --------------------------------------------------------------------------- start-up


@pytest.mark.parametrize("args", [["countries"], ["summary", "-f", "csv"], ["country", "Korea"]])
def test_other_commands_never_load_the_map(args: list[str]) -> None:
    from .test_imports import _imported

    modules = _imported(args)
    assert "medcoop.cli" in modules
    assert not modules & {"medcoop.geo", "medcoop.choropleth", "medcoop.mapterm", "medcoop.mapsvg", "medcoop.factsheet"}


def test_map_data_needs_no_geometry_nor_rich() -> None:
    from .test_imports import _imported

    modules = _imported(["map", "-f", "csv"])
    assert "medcoop.choropleth" in modules and "medcoop.geo" not in modules
    assert not {m for m in modules if m == "rich" or m.startswith("rich.")}
    assert "medcoop.geo" in _imported(["map"])


def test_readme_picture_is_the_map_of_this_version(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """docs/map.svg (the README's picture) is what `medcoop map --svg` draws now: regenerate it
    with `medcoop map --svg docs/map.svg` when the map changes."""
    target = tmp_path / "map.svg"
    assert run("map", "--svg", str(target), "-f", "csv").code == 0
    assert (ROOT / "docs" / "map.svg").read_bytes() == target.read_bytes()


def test_svg_on_a_terminal_says_where_it_wrote_and_draws_no_map_behind(tmp_path: Path) -> None:
    target = tmp_path / "map.svg"
    drawn = _pty_run(["map", "--svg", str(target)], {"MEDCOOP_PAGER": "cat"})
    assert "<svg" in target.read_text(encoding="utf-8")
    assert drawn.strip() == b""  # the picture is the answer: no terminal map paged behind the message
    piped = medcoop_process(["map", "--svg", str(target)])  # in a pipe the map is the output, as before
    assert piped.returncode == 0 and piped.stdout and piped.stderr.decode() == f"medcoop: wrote {target}\n"


def test_report_without_output_says_what_it_needs(run) -> None:  # type: ignore[no-untyped-def]
    result = run("report")
    assert result.code == 2 and result.out == ""
    assert result.err == (
        "medcoop: error: medcoop report writes an HTML page: name it with -o, as in "
        "medcoop report -o medellin-cooperation.html\n"
    )
