"""The world map's geometry (medcoop/data/world.json) and what is drawn from it.

The file is made by scripts/build_geometry.py from Natural Earth (see NOTICE): countries
projected with Equal Earth (equal_earth() below, the one formula the script uses too), integer
coordinates (x right, y down) in a box of `width` by `height`, keyed by ISO 3166-1 alpha-2, each
ring delta-encoded as [x0, y0, dx1, dy1, ...], and the scale and offsets of that box, so that
the outline of the sphere is projected the same way (World.project, World.outline).
Only `map` and `report` import this module; nothing here knows of colours or terminals.

An installed medcoop reads none of that file to draw the map: the wheel carries the geometry
compiled into medcoop/_world.py (module_source(), called by hatch_build.py), in the forms the
map is drawn from: each country's centre, box and SVG path, and the rasters of the sizes a pipe
and the usual terminals get. A shape reads its rings from the file only when a raster of
another size is computed (and a checkout or an editable install reads the file, so that an
edit to it shows at once).
"""

from __future__ import annotations

import functools
import itertools
import math
import sys
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from types import ModuleType

GEOMETRY_FILE: Final = Path(__file__).resolve().parent / "data" / "world.json"

Points = list[tuple[int, int]]

# Equal Earth (Šavrič, Patterson & Jenny 2018): an equal-area world projection whose meridians
# bend, so that the poles are short lines and the high latitudes keep their shape.
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth's (x, y) of a point in degrees (y up; x from -2.7066 to 2.7066 at the equator)."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


class Shape:
    """One country: its rings (absolute points) and a centre (of its largest ring). A shape of
    the compiled geometry (world() in an installed medcoop) comes with its box and SVG path
    and reads its rings from the geometry file only when they are asked for."""

    __slots__ = ("_box", "_path", "_rings", "centre", "key")

    def __init__(
        self,
        key: str,
        centre: tuple[int, int],
        rings: list[Points] | None,
        *,
        box: tuple[int, int, int, int] | None = None,
        path: str | None = None,
    ) -> None:
        self.key: Final = key
        self.centre: Final = centre
        self._rings = rings
        self._box = box
        self._path = path

    @property
    def rings(self) -> list[Points]:
        if self._rings is None:  # compiled: the shipped file's rings (every shape's read at once)
            self._rings = _shipped_file().shapes[self.key].rings
        return self._rings

    @property
    def box(self) -> tuple[int, int, int, int]:
        """(left, top, right, bottom) of the rings; the centre alone for a shape without rings.
        Computed when first asked (only the SVG map asks), not for every country on loading."""
        if self._box is None:
            xs = [x for r in self.rings for x, _ in r] or [self.centre[0]]
            ys = [y for r in self.rings for _, y in r] or [self.centre[1]]
            self._box = (min(xs), min(ys), max(xs), max(ys))
        return self._box

    def path(self) -> str:
        """SVG path data: one absolute move and relative lines per ring."""
        if self._path is None:
            parts = []
            for r in self.rings:
                steps = " ".join(f"{bx - ax} {by - ay}" for (ax, ay), (bx, by) in itertools.pairwise(r))
                parts.append(f"M{r[0][0]} {r[0][1]}l{steps}z")
            self._path = "".join(parts)
        return self._path

    def tiny(self, size: int) -> bool:
        """Smaller than size units both ways (a state that vanishes at world scale)."""
        x0, y0, x1, y1 = self.box
        return x1 - x0 < size and y1 - y0 < size


class World:
    __slots__ = ("height", "rasters", "shapes", "transform", "width")

    def __init__(
        self,
        width: int,
        height: int,
        shapes: dict[str, Shape],
        transform: tuple[float, float, float] | None = None,
        rasters: Mapping[tuple[int, int], bytes] | None = None,
    ) -> None:
        self.width: Final = width
        self.height: Final = height
        self.shapes: Final = shapes
        self.transform: Final = transform  # (scale, x0, y1): Equal Earth's units to the map's
        self.rasters: Final = rasters or {}  # (columns, rows) -> a raster compiled with the geometry (pack())

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """A point in degrees, in the map's units (x right, y down), as the shapes are."""
        scale, x0, y1 = self.transform or (1.0, 0.0, 0.0)
        x, y = equal_earth(lon, lat)
        return ((x - x0) * scale, (y1 - y) * scale)

    def outline(self, south: float = -60.0) -> str:
        """SVG path data of the sphere's edge from the North Pole down to `south` (the map leaves
        Antarctica out): the 180th meridian on both sides, closed by the pole line and the
        parallel at `south`. Empty for a geometry file without its transform."""
        if self.transform is None:
            return ""
        lats = [90.0 - k * (90.0 - south) / 60 for k in range(61)]
        edge = [self.project(180.0, lat) for lat in lats] + [self.project(-180.0, lat) for lat in reversed(lats)]
        return "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in edge) + "Z"


def _decode(flat: list[int]) -> Points:
    """Absolute points of a delta-encoded ring [x0, y0, dx1, dy1, ...] (running sums, in C)."""
    return list(zip(itertools.accumulate(flat[0::2]), itertools.accumulate(flat[1::2]), strict=True))


def load(path: Path = GEOMETRY_FILE) -> World:
    import json

    data = json.loads(path.read_bytes())
    shapes = {
        key: Shape(key, (c["c"][0], c["c"][1]), [_decode(r) for r in c["r"]]) for key, c in data["countries"].items()
    }
    t = data.get("transform")
    transform = (float(t["scale"]), float(t["x0"]), float(t["y1"])) if t else None
    return World(data["width"], data["height"], shapes, transform)


@functools.cache
def _shipped_file() -> World:
    return load()


@functools.cache
def world() -> World:
    """The shipped geometry, once per process: compiled into an installed medcoop
    (medcoop/_world.py), read from the file in a checkout or an editable install."""
    try:
        __import__("medcoop._world")  # an import statement's path, which -X importtime reports
    except ModuleNotFoundError as exc:
        if exc.name != "medcoop._world":
            raise
        return _shipped_file()
    return compiled(sys.modules["medcoop._world"])


# --------------------------------------------------------------------------- compiled geometry

COMPILED_HEADER: Final = '''"""The world map's geometry, compiled from medcoop/data/world.json when this wheel was built
(medcoop/geo.py, module_source). Do not edit: edit the geometry file and rebuild."""

'''


def module_source(world: World, sizes: Iterable[tuple[int, int]]) -> str:
    """Python source of the geometry in the forms the map is drawn from: WIDTH, HEIGHT,
    TRANSFORM, SHAPES (key -> centre, box, SVG path, in the file's order) and RASTERS, the
    raster of each (columns, rows) of sizes, packed (pack()). Read back by compiled()."""
    shapes = {key: (shape.centre, shape.box, shape.path()) for key, shape in world.shapes.items()}
    rasters = {(columns, rows): pack(world, rasterise(world, columns, rows)) for columns, rows in sorted(set(sizes))}
    return (
        f"{COMPILED_HEADER}WIDTH = {world.width!r}\nHEIGHT = {world.height!r}\nTRANSFORM = {world.transform!r}\n"
        f"SHAPES = {shapes!r}\nRASTERS = {rasters!r}\n"
    )


def compiled(module: ModuleType) -> World:
    """The geometry of a module written by module_source(); its shapes' rings are the shipped file's."""
    shapes = {key: Shape(key, centre, None, box=box, path=path) for key, (centre, box, path) in module.SHAPES.items()}
    return World(module.WIDTH, module.HEIGHT, shapes, module.TRANSFORM, module.RASTERS)


def pack(world: World, grid: list[list[str | None]]) -> bytes:
    """A raster in one byte a cell, row after row (0 for the sea, n for the world's n-th shape),
    compressed."""
    if len(world.shapes) > 255:
        raise ValueError("more shapes than a byte a cell can tell apart")
    index: dict[str | None, int] = {key: n for n, key in enumerate(world.shapes, 1)}
    index[None] = 0
    return zlib.compress(bytes([index[key] for row in grid for key in row]), 9)


def _unpack(world: World, packed: bytes, columns: int, rows: int) -> list[list[str | None]]:
    keys = (None, *world.shapes)
    cells = zlib.decompress(packed)
    return [list(map(keys.__getitem__, cells[j * columns : (j + 1) * columns])) for j in range(rows)]


# --------------------------------------------------------------------------- rasters


def raster(world: World, columns: int, rows: int) -> list[list[str | None]]:
    """The key of the country at the centre of each cell of a columns x rows grid over the
    map (None for the sea): the raster compiled with the geometry for that size, if any, else
    rasterise()'s."""
    packed = world.rasters.get((columns, rows))
    if packed is None:
        return rasterise(world, columns, rows)
    return _unpack(world, packed, columns, rows)


def rasterise(world: World, columns: int, rows: int) -> list[list[str | None]]:
    """raster() computed from the rings: by scan lines with the even-odd rule (each edge's
    crossings of the rows' centre lines, sorted along each line, filled pair by pair)."""
    sx, sy = world.width / columns, world.height / rows
    grid: list[list[str | None]] = [[None] * columns for _ in range(rows)]
    for key, shape in world.shapes.items():
        crossings: dict[int, list[float]] = {}
        for ring in shape.rings:
            # the first row whose centre line y = (j + 0.5) * sy is at or below each point: an edge
            # crosses the centre lines of the rows from its upper end's to its lower end's, none if equal
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


def cell_of(world: World, point: tuple[int, int], columns: int, rows: int) -> tuple[int, int]:
    """(column, row) of the grid cell holding a point of the map."""
    i = min(max(int(point[0] * columns / world.width), 0), columns - 1)
    j = min(max(int(point[1] * rows / world.height), 0), rows - 1)
    return i, j
