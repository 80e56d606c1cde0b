"""Build medcoop/data/world.json, the world map's geometry, from Natural Earth via world-atlas.

    python scripts/build_geometry.py [--from countries-50m.json] [--out medcoop/data/world.json]

Without --from, the npm package world-atlas@2.0.2 is fetched with the ordinary npm client
(`npm pack`) into a temporary folder and its countries-50m.json is read (Natural Earth 1:50m
admin-0 countries, as TopoJSON with ISO 3166-1 numeric ids). The script then:

1. decodes the TopoJSON arcs into rings of longitude/latitude;
2. keys each country by ISO 3166-1 alpha-2 (pycountry); the few shapes without an ISO code
   (Kosovo: XK; Somaliland, Northern Cyprus, ...) get a key that starts with "_";
3. splits France's overseas departments (French Guiana, Guadeloupe, Martinique, Réunion,
   Mayotte) from France under their own codes, so that they are never coloured as France;
4. cuts any ring that crosses the antimeridian (a step of more than 180° of longitude) at
   ±180°, so that no shape is drawn across the whole map;
5. projects with the Equal Earth projection (Šavrič, Patterson & Jenny 2018), scales to
   integer coordinates (x to the right, y down, origin at the top left of the land's box),
   simplifies each ring (Douglas-Peucker, tolerance TOLERANCE units) and stores it
   delta-encoded: [x0, y0, dx1, dy1, ...]; the scale and offsets are stored too ("transform"),
   so that medcoop/geo.py can project other points (the outline of the sphere) the same way;
6. leaves out Antarctica (a thematic map of cooperation has no use for it, and it would take
   a sixth of the picture), and stores a centre for each country (of its largest ring) where
   the map draws small states as circles.

The output is deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
MEMBER = "package/countries-50m.json"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "medcoop" / "data" / "world.json"

WIDTH = 2000  # projected map width in integer units
TOLERANCE = 0.7  # Douglas-Peucker tolerance, in those units

# Shapes of Natural Earth without an ISO numeric id.
NO_ISO = {"Kosovo": "XK"}
# France's overseas departments: (alpha-2, lon min, lon max, lat min, lat max).
FRANCE_OVERSEAS = (
    ("GF", -55.0, -51.0, 1.5, 6.5),  # French Guiana
    ("GP", -62.0, -60.9, 15.7, 16.7),  # Guadeloupe
    ("MQ", -61.4, -60.7, 14.2, 15.0),  # Martinique
    ("RE", 55.0, 56.0, -21.6, -20.7),  # Réunion
    ("YT", 44.8, 45.4, -13.2, -12.4),  # Mayotte
)
LEFT_OUT = {"AQ"}  # Antarctica

# The projection is medcoop's own (medcoop/geo.py), so that the map projects the sphere's outline
# with the same formula as the shapes.
sys.path.insert(0, str(ROOT))
from medcoop.geo import equal_earth  # noqa: E402


# --------------------------------------------------------------------------- fetch


def fetch(folder: Path) -> bytes:
    """countries-50m.json of world-atlas, through `npm pack` (the npm client and its registry)."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True, stdout=subprocess.DEVNULL)
    (tgz,) = folder.glob("world-atlas-*.tgz")
    with tarfile.open(tgz) as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{tgz.name} has no {MEMBER}")
        return member.read()


# --------------------------------------------------------------------------- topojson


Ring = list[tuple[float, float]]


def decode_arcs(topo: dict) -> list[Ring]:  # type: ignore[type-arg]
    (kx, ky), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * kx + tx, y * ky + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[Ring], indexes: list[int]) -> Ring:
    points: Ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def polygons(arcs: list[Ring], geometry: dict) -> list[list[Ring]]:  # type: ignore[type-arg]
    if geometry["type"] == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in poly] for poly in geometry["arcs"]]
    return []


# --------------------------------------------------------------------------- antimeridian


def _clip(points: Ring, limit: float, keep_below: bool) -> Ring:
    """Sutherland-Hodgman clipping of a closed ring by the line lon = limit."""

    def inside(p: tuple[float, float]) -> bool:
        return p[0] <= limit if keep_below else p[0] >= limit

    out: Ring = []
    for i, cur in enumerate(points):
        prev = points[i - 1]
        if inside(cur):
            if not inside(prev):
                out.append(_cross(prev, cur, limit))
            out.append(cur)
        elif inside(prev):
            out.append(_cross(prev, cur, limit))
    return out


def _cross(a: tuple[float, float], b: tuple[float, float], lon: float) -> tuple[float, float]:
    t = (lon - a[0]) / (b[0] - a[0])
    return (lon, a[1] + t * (b[1] - a[1]))


def cut_antimeridian(points: Ring) -> list[Ring]:
    """The ring as is, or, when it steps across ±180°, unwrapped and cut into its two sides."""
    if all(abs(b[0] - a[0]) <= 180 for a, b in itertools.pairwise(points)):
        return [points]
    unwrapped: Ring = [points[0]]
    for lon, lat in points[1:]:
        prev = unwrapped[-1][0]
        lon += 360 * round((prev - lon) / 360)
        unwrapped.append((lon, lat))
    pieces = []
    for shift in (-360, 0, 360):
        moved = [(lon + shift, lat) for lon, lat in unwrapped]
        piece = _clip(_clip(moved, -180, keep_below=False), 180, keep_below=True)
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


# --------------------------------------------------------------------------- simplify


def simplify(points: list[tuple[int, int]], tolerance: float) -> list[tuple[int, int]]:
    """Douglas-Peucker on a closed ring (iterative); first and last points are kept."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    # split the closed ring at its farthest point from the start, so both halves are open lines
    far = max(range(len(points)), key=lambda i: (points[i][0] - points[0][0]) ** 2 + (points[i][1] - points[0][1]) ** 2)
    keep[far] = True
    stack = [(0, far), (far, len(points) - 1)]
    while stack:
        lo, hi = stack.pop()
        (ax, ay), (bx, by) = points[lo], points[hi]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, best_i = -1.0, -1
        for i in range(lo + 1, hi):
            px, py = points[i]
            dist = math.hypot(px - ax, py - ay) if norm == 0 else abs(dy * (px - ax) - dx * (py - ay)) / norm
            if dist > best:
                best, best_i = dist, i
        if best > tolerance:
            keep[best_i] = True
            stack.extend([(lo, best_i), (best_i, hi)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def area(points: list[tuple[float, float]]) -> float:
    return 0.5 * sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(points, points[1:] + points[:1], strict=True))


def centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    a = area(points)
    if abs(a) < 1e-12:
        return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
    cx = cy = 0.0
    for p, q in zip(points, points[1:] + points[:1], strict=True):
        cross = p[0] * q[1] - q[0] * p[1]
        cx += (p[0] + q[0]) * cross
        cy += (p[1] + q[1]) * cross
    return (cx / (6 * a), cy / (6 * a))


# --------------------------------------------------------------------------- build


def alpha2(numeric: str) -> str:
    import pycountry

    found = pycountry.countries.get(numeric=numeric)
    if found is None:
        raise SystemExit(f"no ISO 3166-1 country for numeric id {numeric}")
    return str(found.alpha_2)


def keyed_rings(topo: dict) -> dict[str, list[Ring]]:  # type: ignore[type-arg]
    """ISO alpha-2 (or "_Name") -> rings in degrees, antimeridian cut, France's overseas apart."""
    arcs = decode_arcs(topo)
    shapes: dict[str, list[Ring]] = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        key = alpha2(geometry["id"]) if "id" in geometry else NO_ISO.get(name, "_" + name)
        if key in LEFT_OUT:
            continue
        for poly in polygons(arcs, geometry):
            target = key
            if key == "FR":
                lon, lat = centroid(poly[0])
                target = next((c for c, x0, x1, y0, y1 in FRANCE_OVERSEAS if x0 <= lon <= x1 and y0 <= lat <= y1), "FR")
            for points in poly:
                shapes.setdefault(target, []).extend(cut_antimeridian(points))
    missing = [c for c, *_ in FRANCE_OVERSEAS if c not in shapes]
    if missing:
        raise SystemExit(f"France's overseas departments not found: {missing}")
    return shapes


def build(topo: dict) -> dict:  # type: ignore[type-arg]
    shapes = keyed_rings(topo)
    projected = {key: [[equal_earth(lon, lat) for lon, lat in r] for r in rings] for key, rings in shapes.items()}
    xs = [x for rings in projected.values() for r in rings for x, _ in r]
    ys = [y for rings in projected.values() for r in rings for _, y in r]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    scale = WIDTH / (x1 - x0)
    height = round((y1 - y0) * scale)

    def to_int(p: tuple[float, float]) -> tuple[float, float]:
        return ((p[0] - x0) * scale, (y1 - p[1]) * scale)

    countries: dict[str, dict[str, object]] = {}
    for key in sorted(projected):
        rings = [[to_int(p) for p in r] for r in projected[key]]
        largest = max(rings, key=lambda r: abs(area(r)))
        cx, cy = centroid(largest)
        encoded = []
        for r in rings:
            points: list[tuple[int, int]] = []
            for x, y in r:
                p = (round(x), round(y))
                if not points or p != points[-1]:
                    points.append(p)
            if len(points) > 1 and points[0] == points[-1]:
                points.pop()
            points = simplify([*points, points[0]], TOLERANCE)[:-1] if len(points) >= 3 else points
            if len(points) < 3:
                continue
            flat = [points[0][0], points[0][1]]
            for (ax, ay), (bx, by) in itertools.pairwise(points):
                flat += [bx - ax, by - ay]
            encoded.append(flat)
        countries[key] = {"c": [round(cx), round(cy)], "r": encoded}
    return {
        "source": "Natural Earth 1:50m admin-0 countries (public domain), from world-atlas 2.0.2 (ISC)",
        "projection": "Equal Earth",
        "width": WIDTH,
        "height": height,
        # map units from Equal Earth's own (x, y): ((x - x0) * scale, (y1 - y) * scale); medcoop.geo
        # projects the sphere's outline with it, so that the sea is drawn round the land
        "transform": {"scale": round(scale, 6), "x0": round(x0, 9), "y1": round(y1, 9)},
        "countries": countries,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--from", dest="source", type=Path, help="a local countries-50m.json instead of npm")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if args.source:
        raw = args.source.read_bytes()
    else:
        with tempfile.TemporaryDirectory() as folder:
            raw = fetch(Path(folder))
    data = build(json.loads(raw))
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=True) + "\n"
    args.out.write_text(text, encoding="ascii")
    print(f"wrote {args.out} ({len(text):,} bytes, {len(data['countries'])} shapes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
