"""The world map as an SVG picture: one element per country, keyed by ISO code, a tooltip
(<title>) for each country of the report, a legend and the source line.

Used by `medcoop map --svg FILE` and, inline, by the fact sheet. Every text from the dataset
is escaped (and its control characters shown as escapes), so data never becomes markup."""

from __future__ import annotations

from html import escape
from typing import Final

from medcoop import captions, i18n
from medcoop.choropleth import COUNT_HEADERS, HOME_FILL, LAND_FILL, PALETTE, Choropleth, Entry
from medcoop.geo import World
from medcoop.render import visible

TOP: Final = 70  # room for the title above the map, in map units
BOTTOM: Final = 150  # room for the legend and the source line below it
SMALL: Final = 14  # states smaller than this (map units, both ways) also get a circle
DOT: Final = 9  # the circle's radius
FONT: Final = "font-family=\"'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif\""


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


def _legend(chart: Choropleth, y: int) -> str:
    items = [(b.fill, b.label) for b in chart.bins]
    items += [(HOME_FILL, captions.MAP_HOME), (LAND_FILL, captions.MAP_OTHER)]
    parts = [
        f'<text x="20" y="{y + 24}" font-size="26">{text(captions.MAP_LEGEND.format(measure=chart.measure))}</text>'
    ]
    x = 20 + 14 * len(captions.MAP_LEGEND.format(measure=chart.measure)) + 20
    for fill, label in items:
        parts.append(f'<rect x="{x}" y="{y + 2}" width="30" height="30" fill="{fill}" stroke="#737373"/>')
        parts.append(f'<text x="{x + 38}" y="{y + 26}" font-size="26">{text(label)}</text>')
        x += 38 + 14 * len(label) + 34
    parts.append(
        f'<circle cx="{x + 12}" cy="{y + 17}" r="{DOT}" fill="{PALETTE[2]}" stroke="#252525" stroke-width="1.5"/>'
        f'<text x="{x + 30}" y="{y + 26}" font-size="26">{text(captions.MAP_SMALL)}</text>'
    )
    return "".join(parts)


def svg_map(chart: Choropleth, world: World, *, prefix: str = "", standalone: bool = True) -> str:
    """The map as SVG text. prefix keeps ids unique when the picture is inlined in a page;
    standalone adds the XML declaration and a fixed display size."""
    width, height = world.width, world.height + TOP + BOTTOM
    reported = [e for e in chart.entries if e.a2 in world.shapes]
    named = {e.a2 for e in reported}
    # the report's countries drawn last, so that their outline and circles stay on top; Colombia last of all
    countries = "\n".join(
        [_other(world, key) for key in world.shapes if key not in named]
        + [_reported(world, e, chart.measure, prefix) for e in sorted(reported, key=lambda e: e.home)]
    )
    listed = "; ".join(
        f"{e.name_es if i18n.language == 'es' else e.name_en} {e.value}" for e in chart.entries if e.shown
    )
    desc = captions.MAP_DESC.format(measure=chart.measure, countries=listed)
    size = f' width="{width // 2}" height="{height // 2}"' if standalone else ' width="100%"'
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else ""
    return (
        f'{head}<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"{size} '
        f'role="img" aria-labelledby="{prefix}map-title {prefix}map-desc" {FONT}>\n'
        f'<title id="{prefix}map-title">{text(chart.title)}</title>\n'
        f'<desc id="{prefix}map-desc">{text(desc)}</desc>\n'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>\n'
        f'<text x="20" y="46" font-size="34" font-weight="bold">{text(chart.title)}</text>\n'
        f'<g transform="translate(0 {TOP})" stroke="#ffffff" stroke-width="0.8" stroke-linejoin="round">\n'
        f"{countries}\n</g>\n"
        f"{_legend(chart, world.height + TOP + 20)}\n"
        f'<text x="20" y="{height - 22}" font-size="22" fill="#525252">{text(captions.MAP_SOURCE)}</text>\n'
        "</svg>\n"
    )
