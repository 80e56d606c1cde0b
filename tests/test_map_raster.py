"""The world map's geometry compiled into the wheel (medcoop/geo.py module_source, written by
hatch_build.py as medcoop/_world.py): the rasters, shapes and pictures drawn from it must be
byte for byte those drawn from medcoop/data/world.json, and the raster at every size that of the
scan-line algorithm the map has always used (kept here, as it was, as the oracle)."""

from __future__ import annotations

import math
import random
import sys
import types
import zlib
from pathlib import Path

import pytest

from medcoop import choropleth, dataset, geo, mapsvg, mapterm, query
from medcoop.cells import Terminal

from .conftest import ROOT, installed_package

Grid = list[list[str | None]]


def oracle_raster(world: geo.World, columns: int, rows: int) -> Grid:
    """geo.raster as it was before the geometry was compiled (medcoop 0.1.0 at ac76f7b), word
    for word: the key of the country at the centre of each cell, by scan lines with the
    even-odd rule."""
    sx, sy = world.width / columns, world.height / rows
    grid: Grid = [[None] * columns for _ in range(rows)]
    for key, shape in world.shapes.items():
        crossings: dict[int, list[float]] = {}
        for ring in shape.rings:
            first_rows = [math.ceil(y / sy - 0.5) for _, y in ring]
            prev, prev_row = ring[-1], first_rows[-1]
            for point, row_of_point in zip(ring, first_rows, strict=True):
                (ax, ay), (bx, by) = prev, point
                first, last = (prev_row, row_of_point) if prev_row < row_of_point else (row_of_point, prev_row)
                prev, prev_row = point, row_of_point
                if first == last:
                    continue
                for j in range(max(first, 0), min(last, rows)):
                    yc = (j + 0.5) * sy
                    crossings.setdefault(j, []).append(ax + (yc - ay) * (bx - ax) / (by - ay))
        for j, xs in crossings.items():
            xs.sort()
            row = grid[j]
            for k in range(0, len(xs) - 1, 2):
                start = max(math.ceil(xs[k] / sx - 0.5), 0)
                end = min(math.ceil(xs[k + 1] / sx - 0.5), columns)
                for i in range(start, end):
                    row[i] = key
    return grid


@pytest.fixture(scope="module")
def from_file() -> geo.World:
    return geo.load()


@pytest.fixture(scope="module")
def source(from_file: geo.World) -> str:
    """medcoop/_world.py as the build hook writes it."""
    return geo.module_source(from_file, mapterm.sizes(from_file))


def _module(source: str) -> types.ModuleType:
    module = types.ModuleType("medcoop._world")
    exec(compile(source, "_world.py", "exec"), module.__dict__)
    return module


@pytest.fixture
def built(source: str) -> geo.World:
    """A fresh compiled geometry (its shapes read their rings only when asked)."""
    return geo.compiled(_module(source))


@pytest.fixture(scope="module")
def chart() -> choropleth.Choropleth:
    ds = dataset.load()
    return choropleth.build(ds, query.parse_years(None, ds), None)


# Sizes the map draws (a pipe's, the usual terminals', the narrowest and widest) and odd ones:
# one row or column, odd and prime counts, more cells than the map has units, random sizes.
SIZES = [
    (1, 1), (1, 7), (7, 1), (2, 1), (3, 2), (5, 3), (39, 9), (39, 18), (40, 9), (41, 9), (79, 17), (79, 19),
    (80, 17), (80, 19), (81, 18), (81, 37), (97, 43), (101, 23), (119, 53), (127, 57), (133, 59), (187, 42),
    (187, 84), (211, 47), (239, 107), (241, 54), (300, 300), (2000, 894), (2001, 895), (4000, 10),
]  # fmt: skip
SIZES += [(r.randint(1, 400), r.randint(1, 200)) for r in [random.Random(24)] for _ in range(40)]


def test_the_oracle_draws_the_map(from_file: geo.World) -> None:
    grid = oracle_raster(from_file, 80, 18)
    keys = {key for row in grid for key in row}
    assert {"CO", "BR", "US", "RU", None} <= keys and len(keys) > 80


@pytest.mark.parametrize(("columns", "rows"), SIZES)
def test_raster_is_the_old_algorithms_at_every_size(
    from_file: geo.World, built: geo.World, columns: int, rows: int
) -> None:
    expected = oracle_raster(from_file, columns, rows)
    assert geo.raster(from_file, columns, rows) == expected
    assert geo.raster(built, columns, rows) == expected  # compiled or (most of these) computed


def test_every_compiled_raster_is_the_old_algorithms(from_file: geo.World, built: geo.World) -> None:
    assert set(built.rasters) == set(mapterm.sizes(from_file))
    for columns, rows in built.rasters:
        unpacked = geo.raster(built, columns, rows)
        assert unpacked == oracle_raster(from_file, columns, rows), (columns, rows)
        assert len(unpacked) == rows and {len(row) for row in unpacked} == {columns}
    assert all(shape._rings is None for shape in built.shapes.values())  # no ring read for them


def test_compiled_sizes_are_the_pipes_and_the_usual_terminals(from_file: geo.World) -> None:
    sizes = mapterm.sizes(from_file)
    assert (80, 18) in sizes and (80, 36) in sizes  # a pipe: characters, and half blocks with FORCE_COLOR
    assert {c for c, _ in sizes} == {80, *(w - 1 for w in mapterm.USUAL_WIDTHS)}
    assert all(rows % 2 == 0 for c, rows in sizes if (c, rows * 2) not in sizes)  # half blocks: even


def test_compiled_shapes_are_the_files(from_file: geo.World, built: geo.World) -> None:
    assert (built.width, built.height, built.transform) == (from_file.width, from_file.height, from_file.transform)
    assert list(built.shapes) == list(from_file.shapes)  # the order shapes are drawn in, and the rasters' keys
    for key, shape in built.shapes.items():
        original = from_file.shapes[key]
        assert (shape.key, shape.centre, shape.box) == (key, original.centre, original.box)
        assert shape.path() == original.path()
        assert shape._rings is None  # nothing of that needed the rings
    assert built.outline() == from_file.outline()
    assert built.shapes["CO"].rings == from_file.shapes["CO"].rings  # read from the file when asked


def test_packing_round_trips_and_refuses_too_many_shapes(from_file: geo.World) -> None:
    grid: Grid = [["CO", None, "BR"], [None, None, "ZW"]]
    packed = geo.pack(from_file, grid)
    order = list(from_file.shapes)
    cells = [order.index("CO") + 1, 0, order.index("BR") + 1, 0, 0, order.index("ZW") + 1]
    assert zlib.decompress(packed) == bytes(cells)
    carrying = geo.World(from_file.width, from_file.height, from_file.shapes, None, {(3, 2): packed})
    assert geo.raster(carrying, 3, 2) == grid
    crowded = geo.World(10, 10, {f"K{n}": geo.Shape(f"K{n}", (0, 0), []) for n in range(256)})
    with pytest.raises(ValueError, match="byte"):
        geo.pack(crowded, [[None]])


def _terminals() -> list[Terminal]:
    """A pipe or a file (characters; half blocks with FORCE_COLOR), and terminals of the usual
    widths and of others, in colour and not."""
    widths = [*mapterm.USUAL_WIDTHS, 30, 40, 41, 97, 187, 300]
    return [
        Terminal(),
        Terminal(color=True),
        *(Terminal(is_tty=True, width=w, color=color) for w in widths for color in (True, False)),
    ]


@pytest.mark.parametrize("role", [None, "visitor"])
def test_the_terminal_map_from_the_compiled_geometry_is_the_files(
    from_file: geo.World, built: geo.World, role: str | None
) -> None:
    ds = dataset.load()
    chart = choropleth.build(ds, query.parse_years(None, ds), role)
    for term in _terminals():
        drawn = mapterm.draw(chart, built, term)
        assert drawn == mapterm.draw(chart, from_file, term), (term.width, term.is_tty, term.color)


def test_the_svg_map_from_the_compiled_geometry_is_the_files(
    from_file: geo.World, built: geo.World, chart: choropleth.Choropleth
) -> None:
    assert mapsvg.svg_map(chart, built) == mapsvg.svg_map(chart, from_file)
    assert mapsvg.svg_map(chart, built, prefix="sheet-", standalone=False) == mapsvg.svg_map(
        chart, from_file, prefix="sheet-", standalone=False
    )


def test_the_usual_maps_and_the_svg_read_no_geometry_and_rasterise_nothing(
    built: geo.World, chart: choropleth.Choropleth, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What an installed medcoop draws in a pipe and on the usual terminals, and the SVG map, come
    from the compiled geometry alone: neither the geometry file nor a scan line."""

    def refused(*args: object) -> None:
        raise AssertionError("read or rasterised")

    monkeypatch.setattr(geo, "load", refused)
    monkeypatch.setattr(geo, "rasterise", refused)
    usual = [Terminal(), Terminal(color=True)]
    usual += [Terminal(is_tty=True, width=w, color=c) for w in mapterm.USUAL_WIDTHS for c in (True, False)]
    for term in usual:
        mapterm.draw(chart, built, term)
    mapsvg.svg_map(chart, built)
    assert all(shape._rings is None for shape in built.shapes.values())
    with pytest.raises(AssertionError, match="read or rasterised"):
        mapterm.draw(chart, built, Terminal(is_tty=True, width=97, color=True))  # another width: computed


def test_world_is_the_compiled_geometry_where_it_is_installed(
    source: str, from_file: geo.World, monkeypatch: pytest.MonkeyPatch
) -> None:
    geo.world.cache_clear()
    try:
        if Path(geo.__file__).resolve().parent == ROOT / "medcoop":
            assert geo.world().rasters == {}  # a checkout reads the file
        monkeypatch.setitem(sys.modules, "medcoop._world", _module(source))
        geo.world.cache_clear()
        installed = geo.world()
        assert installed.rasters and installed.shapes["CO"]._rings is None
        assert installed.shapes["CO"].path() == from_file.shapes["CO"].path()
    finally:
        geo.world.cache_clear()


def test_installed_wheel_carries_the_geometry_compiled(tmp_path: Path, source: str) -> None:
    """medcoop/_world.py of an installed wheel holds what module_source writes from this checkout
    (the rasters compared unpacked: zlib's bytes may differ from one version to another)."""
    package = installed_package(
        tmp_path, "an editable install reads medcoop/data/world.json: there is no compiled geometry to check"
    )
    installed = _module((package / "_world.py").read_text(encoding="utf-8"))
    expected = _module(source)
    for name in ("WIDTH", "HEIGHT", "TRANSFORM", "SHAPES"):
        assert getattr(installed, name) == getattr(expected, name), f"{name}: stale install?"
    unpack = {size: zlib.decompress(data) for size, data in installed.RASTERS.items()}
    assert unpack == {size: zlib.decompress(data) for size, data in expected.RASTERS.items()}
