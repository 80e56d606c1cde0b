"""The world map as an SVG picture that stands alone: a title, what the colours count, the map
(the sphere's outline, one element per country keyed by ISO code, a tooltip (<title>) for each
country of the report, the main ones labelled), a legend in words and the credit line.

The picture scales to its container (a viewBox, no fixed size). Its own style sheet makes the
texts larger and leaves the minor labels out when the picture is drawn narrow (a phone), so that
it stays legible at 390 pixels. Used by `medcoop map --svg FILE` and, map only, by the fact
sheet (which writes the title and legend as HTML). Every text from the dataset is escaped (and
its control characters shown as escapes), so data never becomes markup."""

from __future__ import annotations

import textwrap
from html import escape
from typing import Final

from medcoop import __version__, captions, i18n
from medcoop.choropleth import COUNT_HEADERS, HOME_FILL, LAND_FILL, PALETTE, Choropleth, Entry
from medcoop.geo import Shape, World
from medcoop.render import visible

SMALL: Final = 14  # states smaller than this (map units, both ways) also get a circle
DOT: Final = 9  # the circle's radius
PAD: Final = 30  # room round the sphere's outline, in map units
SEA: Final = "#eef4f9"
SOUTH: Final = -60.0  # the map's southern edge (Antarctica is left out)
FONT: Final = "font-family=\"'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif\""
NARROW: Final = 720  # pixels: narrower than this, the picture's texts grow (see STYLE)
# Label sizes in map units: wide, and narrow (at 390 px the map is ~0.18 px a unit: 64 units ~ 11.5 px).
LABEL: Final = 30
LABEL_NARROW: Final = 64
CHAR: Final = 0.62  # the width of a bold character, as a share of the font size (an estimate)

STYLE: Final = f"""
.mc-lbl{{font-size:{LABEL}px;font-weight:bold;fill:#1a1a1a;stroke:#fff;stroke-width:6px;stroke-linejoin:round;
paint-order:stroke}}
.mc-title{{font-size:46px;font-weight:bold}}.mc-sub{{font-size:32px}}.mc-key{{font-size:34px}}
.mc-credit{{font-size:26px;fill:#404040}}
@media (max-width:{NARROW}px){{
.mc-lbl{{font-size:{LABEL_NARROW}px;stroke-width:10px}}.mc-minor{{display:none}}
.mc-title{{font-size:66px}}.mc-sub{{font-size:62px}}.mc-key{{font-size:62px}}.mc-credit{{font-size:62px}}
}}
"""

Box = tuple[float, float, float, float]


def text(value: str) -> str:
    return escape(visible(value, one_line=True))


def tooltip(entry: Entry, measure: str) -> str:
    counts = ", ".join(f"{i18n.said(COUNT_HEADERS[k])} {v}" for k, v in entry.counts.items() if v and k != "mentions")
    first, second = (entry.name_es, entry.name_en) if i18n.language == "es" else (entry.name_en, entry.name_es)
    names = first if first == second else f"{first} · {second}"
    printed = entry.printed_otherwise(first)
    if printed:
        names += " (" + captions.MAP_PRINTED_AS.format(printed=", ".join(printed)) + ")"
    home = f" ({captions.MAP_TOOLTIP_HOME})" if entry.home else ""
    return f"{names}{home} — {measure}: {entry.value}" + (f" ({counts})" if counts else "")


def name(entry: Entry) -> str:
    return entry.name_es if i18n.language == "es" else entry.name_en


# --------------------------------------------------------------------------- the map


def _other(world: World, key: str) -> str:
    iso = "" if key.startswith("_") else f' data-iso="{key}"'
    return f'<path{iso} fill="{LAND_FILL}" d="{world.shapes[key].path()}"/>'


def _reported(world: World, entry: Entry, measure: str, prefix: str) -> str:
    """The country's shape with its tooltip, and a circle over it when it is too small to see."""
    shape = world.shapes[entry.a2]
    home = ' stroke="#7f2704" stroke-width="2.5"' if entry.home else ""
    tip = f"<title>{text(tooltip(entry, measure))}</title>"
    element = (
        f'<path id="{prefix}country-{entry.a2}" data-iso="{entry.a2}" class="report" fill="{entry.fill}"{home} '
        f'd="{shape.path()}">{tip}</path>'
    )
    if shape.tiny(SMALL):
        x, y = shape.centre
        element += (
            f'\n<circle data-iso="{entry.a2}" class="small-state" cx="{x}" cy="{y}" r="{DOT}" fill="{entry.fill}" '
            f'stroke="#252525" stroke-width="1.5">{tip}</circle>'
        )
    return element


def _box(shape: Shape, label: str, size: int, width: int) -> Box:
    """Where a label of `size` units goes: centred on the shape, kept inside the map's width."""
    half = CHAR * size * len(label) / 2
    x = min(max(shape.centre[0], half + 4), width - half - 4)
    y = shape.centre[1] + size * 0.35
    return (x - half, y - size * 0.8, x + half, y + size * 0.25)


def _clear(box: Box, taken: list[Box]) -> bool:
    return all(box[2] < b[0] or b[2] < box[0] or box[3] < b[1] or b[3] < box[1] for b in taken)


def labelled(chart: Choropleth, world: World) -> list[tuple[Entry, bool, float]]:
    """The countries named on the picture, each with whether it keeps its label when drawn
    narrow, and the label's x: Colombia, then those of the two darkest classes (most first),
    leaving out the small states (their circles have tooltips) and any label that would cover
    one placed before."""
    top = chart.bins[-2].low if len(chart.bins) >= 2 else (chart.bins[0].low if chart.bins else 1)
    wanted = [e for e in chart.entries if e.shown and e.a2 in world.shapes and (e.home or e.value >= top)]
    wanted.sort(key=lambda e: (not e.home, -e.value))
    wide: list[Box] = []
    narrow: list[Box] = []
    chosen: list[tuple[Entry, bool, float]] = []
    for entry in wanted:
        shape = world.shapes[entry.a2]
        if shape.tiny(SMALL):
            continue
        box = _box(shape, name(entry), LABEL, world.width)
        if not _clear(box, wide):
            continue
        wide.append(box)
        big = _box(shape, name(entry), LABEL_NARROW, world.width)
        major = _clear(big, narrow)
        if major:
            narrow.append(big)
        middle = ((big if major else box)[0] + (big if major else box)[2]) / 2
        chosen.append((entry, major, middle))
    return chosen


def _labels(chart: Choropleth, world: World) -> str:
    out = []
    for entry, major, x in labelled(chart, world):
        cls = "mc-lbl" if major else "mc-lbl mc-minor"
        out.append(
            f'<text class="{cls}" x="{x:.0f}" y="{world.shapes[entry.a2].centre[1]}" dy="0.35em" text-anchor="middle">'
            f"{text(name(entry))}</text>"
        )
    return "\n".join(out)


def map_group(chart: Choropleth, world: World, prefix: str, y: float) -> str:
    """The sea inside the sphere's outline, the countries (those of the report last, so that
    their outlines and circles stay on top; Colombia last of all) and the labels, at height y."""
    reported = [e for e in chart.entries if e.a2 in world.shapes]
    named = {e.a2 for e in reported}
    countries = "\n".join(
        [_other(world, key) for key in world.shapes if key not in named]
        + [_reported(world, e, chart.measure, prefix) for e in sorted(reported, key=lambda e: e.home)]
    )
    outline = world.outline(SOUTH)
    sea = f'<path d="{outline}" fill="{SEA}" stroke="#9fb4c7" stroke-width="1.5"/>\n' if outline else ""
    return (
        f'<g transform="translate({PAD} {y:.0f})">\n{sea}'
        f'<g stroke="#ffffff" stroke-width="0.8" stroke-linejoin="round">\n{countries}\n</g>\n'
        f"{_labels(chart, world)}\n</g>"
    )


def _top_bottom(world: World) -> tuple[float, float]:
    """The map's vertical extent in its units: the sphere's outline, or the land's box."""
    if world.transform is None:
        return 0.0, float(world.height)
    return min(0.0, world.project(0, 90)[1]), max(float(world.height), world.project(0, SOUTH)[1])


# --------------------------------------------------------------------------- the picture


def legend_items(chart: Choropleth) -> list[tuple[str, str, bool]]:
    """(fill, words, is a circle) of each key of the legend, in this run's language."""
    items = [(b.fill, b.legend, False) for b in chart.bins]
    items += [(HOME_FILL, captions.MAP_HOME, False), (LAND_FILL, captions.MAP_OTHER, False)]
    items.append((PALETTE[2], captions.MAP_SMALL, True))
    return items


def subtitle(chart: Choropleth) -> str:
    return captions.MAP_SUBTITLE.format(counted=chart.counted)


def credit(chart: Choropleth) -> str:
    publisher, title = chart.source
    return captions.MAP_CREDIT.format(publisher=publisher, title=title)


def _lines(value: str, width: int) -> list[str]:
    return textwrap.wrap(value, width, break_long_words=False, break_on_hyphens=False) or [""]


def svg_map(chart: Choropleth, world: World, *, prefix: str = "", standalone: bool = True) -> str:
    """The map as SVG text. prefix keeps ids unique when the picture is inlined in a page;
    standalone adds the XML declaration, the title, the legend and the credit line (the fact
    sheet writes those as HTML around the map)."""
    top, bottom = _top_bottom(world)
    width = world.width + 2 * PAD
    listed = "; ".join(f"{name(e)} {e.value}" for e in chart.entries if e.shown)
    desc = captions.MAP_DESC.format(measure=chart.measure, countries=listed)
    parts: list[str] = []
    y = 0.0
    if standalone:
        parts.append(
            f'<text class="mc-title" x="{PAD}" y="84">{text(captions.MAP_HEADING.format(period=chart.period))}</text>'
        )
        y = 84.0
        for line in _lines(subtitle(chart), 50):
            y += 74
            parts.append(f'<text class="mc-sub" x="{PAD}" y="{y:.0f}">{text(line)}</text>')
        y += 40
    parts.append(map_group(chart, world, prefix, y + PAD - top))
    y += PAD - top + bottom + PAD
    if standalone:
        for fill, words, circle in legend_items(chart):
            y += 80
            mark = (
                f'<circle cx="{PAD + 24}" cy="{y - 18:.0f}" r="{DOT * 2}" fill="{fill}" stroke="#252525"/>'
                if circle
                else f'<rect x="{PAD}" y="{y - 42:.0f}" width="48" height="48" fill="{fill}" stroke="#737373"/>'
            )
            parts.append(f'{mark}<text class="mc-key" x="{PAD + 70}" y="{y:.0f}">{text(words)}</text>')
        y += 30
        for line in _lines(credit(chart) + " " + captions.MAP_MADE.format(version=__version__), 52):
            y += 74
            parts.append(f'<text class="mc-credit" x="{PAD}" y="{y:.0f}">{text(line)}</text>')
        y += 30
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else ""
    return (
        f'{head}<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {y:.0f}" '
        f'role="img" aria-labelledby="{prefix}map-title {prefix}map-desc" {FONT}>\n'
        f'<title id="{prefix}map-title">{text(chart.title)}</title>\n'
        f'<desc id="{prefix}map-desc">{text(desc)}</desc>\n'
        f"<style>{STYLE}</style>\n"
        f'<rect width="{width}" height="{y:.0f}" fill="#ffffff"/>\n' + "\n".join(parts) + "\n</svg>\n"
    )
