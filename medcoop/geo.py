"""The world map's geometry (medcoop/data/world.json) and what is drawn from it.

The file is made by scripts/build_geometry.py from Natural Earth (see NOTICE): countries
projected with Equal Earth (equal_earth() below, the one formula the script uses too), integer
coordinates (x right, y down) in a box of `width` by `height`, keyed by ISO 3166-1 alpha-2, each
ring delta-encoded as [x0, y0, dx1, dy1, ...], and the scale and offsets of that box, so that
the outline of the sphere is projected the same way (World.project, World.outline).
Only `map` and `report` import this module; nothing here knows of colours or terminals.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from pathlib import Path
from typing import Final

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
    """One country: its rings (absolute points) and a centre (of its largest ring)."""

    __slots__ = ("centre", "key", "rings")

    def __init__(self, key: str, centre: tuple[int, int], rings: list[Points]) -> None:
        self.key: Final = key
        self.centre: Final = centre
        self.rings: Final = rings

    @property
    def box(self) -> tuple[int, int, int, int]:
        """(left, top, right, bottom) of the rings; the centre alone for a shape without rings.
        Computed when asked (only the SVG map asks), not for every country on loading."""
        xs = [x for r in self.rings for x, _ in r] or [self.centre[0]]
        ys = [y for r in self.rings for _, y in r] or [self.centre[1]]
        return (min(xs), min(ys), max(xs), max(ys))

    def path(self) -> str:
        """SVG path data: one absolute move and relative lines per ring."""
        parts = []
        for r in self.rings:
            steps = " ".join(f"{bx - ax} {by - ay}" for (ax, ay), (bx, by) in itertools.pairwise(r))
            parts.append(f"M{r[0][0]} {r[0][1]}l{steps}z")
        return "".join(parts)

    def tiny(self, size: int) -> bool:
        """Smaller than size units both ways (a state that vanishes at world scale)."""
        x0, y0, x1, y1 = self.box
        return x1 - x0 < size and y1 - y0 < size


class World:
    __slots__ = ("height", "shapes", "transform", "width")

    def __init__(
        self, width: int, height: int, shapes: dict[str, Shape], transform: tuple[float, float, float] | None = None
    ) -> None:
        self.width: Final = width
        self.height: Final = height
        self.shapes: Final = shapes
        self.transform: Final = transform  # (scale, x0, y1): Equal Earth's units to the map's

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
    data = json.loads(path.read_bytes())
    shapes = {
        key: Shape(key, (c["c"][0], c["c"][1]), [_decode(r) for r in c["r"]]) for key, c in data["countries"].items()
    }
    t = data.get("transform")
    transform = (float(t["scale"]), float(t["x0"]), float(t["y1"])) if t else None
    return World(data["width"], data["height"], shapes, transform)


@functools.cache
def world() -> World:
    """The shipped geometry, read once per process."""
    return load()


def raster(world: World, columns: int, rows: int) -> list[list[str | None]]:
    """The key of the country at the centre of each cell of a columns x rows grid over the
    map (None for the sea), by scan lines with the even-odd rule."""
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
