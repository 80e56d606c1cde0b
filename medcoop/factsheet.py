"""The fact sheet: one self-contained HTML page of the report, to publish or print.

Another renderer over the query views: the same tables as the commands (headline figures,
years, actions, awards, stated counts, events, visitors, countries), each row with the number
of its source sentence, the sentences quoted in full under Sources, the map (inline SVG) and
bar charts (inline SVG). No script, no external resource; print styles for A4. Every value
is escaped (and control characters shown as escapes), so data never becomes markup."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Final

from medcoop import __version__, captions, query
from medcoop.cells import EDITORIAL_MARK
from medcoop.columns import editorial_columns
from medcoop.render import NUMERIC_KINDS, human, visible
from medcoop.view import Column, Row, Table

if TYPE_CHECKING:
    from medcoop.records import Dataset

Sources = dict[tuple[str, str], int]

RECORD_LISTS: Final = (
    "metrics",
    "actions",
    "awards",
    "milestones",
    "tallies",
    "events",
    "visitors",
    "country_roles",
    "countries",
    "organisations",
    "programmes",
    "topic_lists",
)
"""Every list of records with a source sentence, in the order the Sources section follows."""

# Columns each table of the sheet shows (the views carry more; ids are for machines).
SHOWN: Final = {
    "summary": ("what", "value", "qualifier", "period", "note"),
    "actions": ("year", "heading", "partners", "countries", "modality", "summary", "amount_usd", "beneficiaries"),
    "awards": ("year", "kind", "name", "name_corrected", "awarding_body", "recipient"),
    "milestones": ("year", "kind", "name", "organisation", "note"),
    "tallies": ("period", "count", "counted", "named_count", "named"),
    "events": ("year", "name", "organiser", "city", "country", "participation"),
    "visitors": ("year", "name", "name_corrected", "title", "title_corrected", "organisation", "country"),
    "countries": (
        "name_en",
        "name_es",
        "printed_as",
        "cooperation_actions",
        "top_mission_sender",
        "best_practice_partner",
        "south_south_partner",
        "events",
        "visitors",
        "headline_figures",
        "named_in_sentence",
        "mentions",
    ),
}
YEAR_MEASURES: Final = ("delegates", "journalists", "awards_stated", "awards_named", "actions", "events", "visitors")
BAR_MEASURES: Final = ("delegates", "journalists", "actions", "events", "visitors")
BAR_FILL: Final = "#2171b5"

CSS: Final = """
:root{color:#1a1a1a;background:#fff;font:15px/1.45 'DejaVu Sans','Helvetica Neue',Arial,sans-serif}
body{max-width:68rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.7rem;margin:0 0 .2rem}h1 .en{display:block;font-size:1.15rem;font-weight:normal;color:#404040}
h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:2px solid #2171b5;padding-bottom:.2rem}
.period{color:#525252;margin:.2rem 0 1rem}.lead{max-width:48rem}
nav ol{columns:2;margin:.5rem 0}
table{border-collapse:collapse;width:100%;margin:.4rem 0 1rem;font-size:.88rem}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid #d0d0d0;padding:.25rem .4rem;vertical-align:top;text-align:left}
thead th{background:#eef3f8}
td.num,th.num{text-align:right;white-space:nowrap}
.src a{text-decoration:none;white-space:nowrap}
.corr{background:#fff3cd;padding:0 .15rem}
.mark{font-size:.75rem;color:#7f4f00;white-space:nowrap}
.legend{font-size:.8rem;color:#525252;margin:-.6rem 0 1rem}
figure{margin:1rem 0}figcaption{font-size:.85rem;color:#525252}
.bars{display:flex;flex-wrap:wrap;gap:1rem}.bars figure{margin:0;flex:1 1 11rem;max-width:14rem}
.bars svg{width:100%;height:auto}
.map svg{width:100%;height:auto;border:1px solid #e0e0e0}
ol.sources li{margin:.2rem 0}
ol.sources q{quotes:"“" "”"}
.section{font-size:.8rem;color:#525252}
.cite{background:#f5f5f5;border-left:4px solid #2171b5;padding:.5rem .8rem}
footer{margin-top:2rem;font-size:.8rem;color:#525252}
@page{size:A4;margin:14mm 12mm}
@media print{
 :root{font-size:9.5pt}body{max-width:none;padding:0}
 nav{display:none}
 h2{break-after:avoid;page-break-after:avoid}
 thead{display:table-header-group}
 tr,figure,.cite,ol.sources li{break-inside:avoid;page-break-inside:avoid}
 table{font-size:8pt}
 a{color:inherit;text-decoration:none}
 .map svg{border:0}
}
"""


def text(value: object) -> str:
    return escape(visible(str(value)), quote=True).replace("\n", "<br>")


# --------------------------------------------------------------------------- sources


def source_numbers(ds: Dataset) -> Sources:
    """Every distinct source sentence of the dataset, numbered by section (introduction,
    then the years), in the order of RECORD_LISTS within a section."""
    order = {s["id"]: i for i, s in enumerate(ds["report"]["sections"])}
    found: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for key in RECORD_LISTS:
        for record in ds[key]:
            pair = (record["source"]["section"], record["source"]["quote"])
            if pair not in seen:
                seen.add(pair)
                found.append(pair)
    found.sort(key=lambda pair: order.get(pair[0], len(order)))  # stable: list order within a section
    return {pair: n for n, pair in enumerate(found, 1)}


def _source_list(sources: Sources) -> str:
    items = []
    section = None
    for (sec, quote), n in sources.items():
        label = ""
        if sec != section:
            section = sec
            label = f'<span class="section">{text(captions.SHEET_SECTION.format(section=sec))}</span><br>'
        items.append(f'<li id="src-{n}" value="{n}">{label}<q>{text(quote)}</q></li>')
    return '<ol class="sources">\n' + "\n".join(items) + "\n</ol>"


def _ref(sources: Sources, citation: tuple[str, str, str | None]) -> str:
    """A link to the row's source sentence; a row that rests on no one sentence shows its basis."""
    section, quote, basis = citation
    n = sources.get((section, quote)) if quote else None
    if n is None:
        return f'<td class="src basis">{text(basis or "")}</td>'
    label = text(captions.SHEET_SOURCE_LINK.format(number=n))
    return f'<td class="src"><a href="#src-{n}" aria-label="{label}">[{n}]</a></td>'


# --------------------------------------------------------------------------- tables


def _cell(column: Column, row: Row, *, header: bool = False) -> str:
    value = human(column, row)
    numeric = column.kind in NUMERIC_KINDS
    attrs = ' class="num"' if numeric else ""
    body = text(value)
    if column.key.endswith("_corrected") and value:
        body = f'<span class="corr">{body}</span> <span class="mark">({text(captions.SHEET_CORRECTED)})</span>'
    if header:
        return f'<th scope="row"{attrs}>{body}</th>'
    return f"<td{attrs}>{body}</td>"


_NUM: Final = ' class="num"'


def html_table(table: Table, keys: tuple[str, ...], caption: str, sources: Sources | None, listing: str = "") -> str:
    """A table of the sheet: the view's rows, the chosen columns, the first as row header,
    and a Source column linking each row to its sentence. The headers of the columns of the
    editors' words (columns.editorial_columns, as the table view marks them) end in
    EDITORIAL_MARK, explained under the table."""
    table = table.for_people()
    columns = [c for c in table.columns if c.key in keys]
    editorial = editorial_columns(listing) & {c.key for c in columns}
    heads = "".join(
        f'<th scope="col"{_NUM if c.kind in NUMERIC_KINDS else ""}>{_head(c, c.key in editorial)}</th>' for c in columns
    )
    if sources is not None:
        heads += f'<th scope="col">{text(captions.SHEET_SOURCE_COLUMN)}</th>'
    rows = []
    for i, row in enumerate(table.rows):
        cells = "".join(_cell(c, row, header=k == 0) for k, c in enumerate(columns))
        if sources is not None:
            cells += _ref(sources, table.citations[i])
        rows.append(f"<tr>{cells}</tr>")
    legend = captions.SHEET_EDITORIAL.format(mark=EDITORIAL_MARK)
    legend = f'\n<p class="legend">{text(legend)}</p>' if editorial else ""
    return (
        f"<table>\n<caption>{text(caption)}</caption>\n<thead><tr>{heads}</tr></thead>\n"
        f"<tbody>\n{chr(10).join(rows)}\n</tbody>\n</table>{legend}"
    )


def _head(column: Column, editorial: bool) -> str:
    if not editorial:
        return text(column.header)
    return f'{text(column.header)} <span class="mark">{EDITORIAL_MARK}</span>'


def _years_table(table: Table) -> str:
    """The years side by side: one column per year, one row per measure."""
    by_key = {c.key: c for c in table.columns}
    heads = "".join(f'<th scope="col" class="num">{text(row["year"])}</th>' for row in table.rows)
    lines = []
    for key in YEAR_MEASURES:
        cells = "".join(f'<td class="num">{text(_qualified(key, row, by_key))}</td>' for row in table.rows)
        lines.append(f'<tr><th scope="row">{text(by_key[key].header)}</th>{cells}</tr>')
    blank = text(by_key["year"].header)
    return (
        f"<table>\n<caption>{text(captions.SHEET_YEARS)}</caption>\n"
        f'<thead><tr><th scope="col">{blank}</th>{heads}</tr></thead>\n'
        f"<tbody>\n{chr(10).join(lines)}\n</tbody>\n</table>"
    )


def _qualified(key: str, row: Row, columns: dict[str, Column]) -> str:
    value = human(columns[key], row)
    qualifier = row.get(f"{key}_qualifier")
    return f"{qualifier} {value}" if qualifier and value else value


def _bar_chart(label: str, items: list[tuple[str, int | None, str]], number: int) -> str:
    """A small bar chart (inline SVG) of one measure over the years; missing values drawn as none."""
    top = max((v for _, v, _ in items if v), default=1) or 1
    width, height, base, margin = 270, 150, 120, 15
    step = (width - 2 * margin) // max(len(items), 1)
    bars = []
    for k, (year, value, shown) in enumerate(items):
        x = margin + k * step + 18
        h = round(96 * (value or 0) / top)
        bars.append(
            f'<rect x="{x}" y="{base - h}" width="{step - 36}" height="{h}" fill="{BAR_FILL}"/>'
            f'<text x="{x + (step - 36) // 2}" y="{base - h - 5}" text-anchor="middle" font-size="12">'
            f"{text(shown or '–')}</text>"
            f'<text x="{x + (step - 36) // 2}" y="{base + 16}" text-anchor="middle" font-size="12">{text(year)}</text>'
        )
    values = "; ".join(f"{year}: {shown or '–'}" for year, _, shown in items)
    title = captions.SHEET_BARS.format(measure=label)
    desc = captions.SHEET_BARS_DESC.format(measure=label, values=values)
    return (
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="bars-{number}-t bars-{number}-d">'
        f'<title id="bars-{number}-t">{text(title)}</title><desc id="bars-{number}-d">{text(desc)}</desc>'
        f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="#737373"/>{"".join(bars)}</svg>'
        f"<figcaption>{text(title)}</figcaption></figure>"
    )


def _bars(table: Table) -> str:
    by_key = {c.key: c for c in table.columns}
    charts = [
        _bar_chart(
            by_key[key].header,
            [(str(r["year"]), _int(r.get(key)), _qualified(key, r, by_key)) for r in table.rows],
            k,
        )
        for k, key in enumerate(BAR_MEASURES)
    ]
    return '<div class="bars">' + "".join(charts) + "</div>"


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# --------------------------------------------------------------------------- corrections


def _corrections(ds: Dataset) -> str:
    """Each name or title the dataset corrects from public records, printed -> corrected."""
    items: list[tuple[str, str, str | None]] = []
    for v in ds["visitors"]:
        if v["name_corrected"]:
            items.append((v["name"], v["name_corrected"], v["correction_basis"]))
        if v["title_corrected"]:
            items.append((v["title"], v["title_corrected"], v["correction_basis"]))
    for w in ds["awards"]:
        if w["name_corrected"]:
            items.append((w["name"], w["name_corrected"], w["correction_basis"]))
    for o in ds["organisations"]:
        if o["name_corrected"]:
            items.append((o["name"], o["name_corrected"], None))
    for c in ds["countries"]:
        if c["note"]:
            items.append((", ".join(c["printed_as"]), c["name_en"], c["note"]))
    lines = [
        f'<li>“{text(printed)}” → <span class="corr">{text(corrected)}</span> '
        f'<span class="mark">({text(captions.SHEET_CORRECTED)})</span>'
        + (f". {text(basis)}" if basis else "")
        + "</li>"
        for printed, corrected, basis in items
    ]
    return "<ul>\n" + "\n".join(lines) + "\n</ul>"


# --------------------------------------------------------------------------- the page


def _section(anchor: str, title: str, body: str) -> str:
    heading = f'<h2 id="{anchor}-h">{text(title)}</h2>'
    return f'<section id="{anchor}" aria-labelledby="{anchor}-h">\n{heading}\n{body}\n</section>'


def fact_sheet(ds: Dataset) -> str:
    from medcoop import choropleth, geo
    from medcoop.mapsvg import svg_map

    rep = ds["report"]
    period = query.period(rep["period_start"], rep["period_end"])
    sources = source_numbers(ds)
    years = query.years_view(ds).table.for_people()
    chart = choropleth.build(ds)

    def listing(name: str, table: Table, caption: str) -> str:
        return html_table(table, SHOWN[name], caption, sources, name)

    sections = [
        ("headlines", captions.SHEET_HEADLINES, listing("summary", query.summary(ds).table, captions.SHEET_HEADLINES)),
        (
            "years",
            captions.SHEET_YEARS,
            f"<p>{text(captions.SHEET_YEARS_NOTE)}</p>\n{_years_table(years)}\n{_bars(years)}",
        ),
        (
            "map",
            captions.SHEET_MAP,
            f'<figure class="map">{svg_map(chart, geo.world(), prefix="sheet-", standalone=False)}</figure>\n'
            + listing("countries", chart.view.table, captions.SHEET_COUNTRIES),
        ),
        ("actions", captions.SHEET_ACTIONS, listing("actions", query.actions(ds, None).table, captions.SHEET_ACTIONS)),
        (
            "awards",
            captions.SHEET_AWARDS,
            listing("awards", query.awards(ds, None).table, captions.SHEET_AWARDS)
            + "\n"
            + listing("milestones", query.milestones(ds, None).table, captions.SHEET_MILESTONES),
        ),
        (
            "tallies",
            captions.SHEET_TALLIES,
            f"<p>{text(captions.SHEET_TALLIES_NOTE)}</p>\n"
            + listing("tallies", query.tallies(ds, None).table, captions.SHEET_TALLIES),
        ),
        ("events", captions.SHEET_EVENTS, listing("events", query.events(ds, None).table, captions.SHEET_EVENTS)),
        (
            "visitors",
            captions.SHEET_VISITORS,
            listing("visitors", query.visitors(ds, None).table, captions.SHEET_VISITORS),
        ),
        (
            "corrections",
            captions.SHEET_CORRECTIONS,
            f"<p>{text(captions.SHEET_CORRECTIONS_NOTE)}</p>\n{_corrections(ds)}",
        ),
        ("sources", captions.SHEET_SOURCES, f"<p>{text(captions.SHEET_SOURCES_NOTE)}</p>\n{_source_list(sources)}"),
        ("cite", captions.SHEET_CITE, _cite(ds, period)),
    ]
    contents = "".join(f'<li><a href="#{anchor}">{text(title)}</a></li>' for anchor, title, _ in sections)
    body = "\n".join(_section(anchor, title, html) for anchor, title, html in sections)
    title = f"{rep['title_es']} — {rep['title_en']}"
    return (
        f'<!DOCTYPE html>\n<html lang="{captions.LANG}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{text(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header>\n"
        f'<h1>{text(rep["title_es"])} <span class="en">{text(rep["title_en"])}</span></h1>\n'
        f'<p class="period">{text(captions.SHEET_PERIOD.format(publisher=rep["publisher"], period=period))}</p>\n'
        f'<p class="lead">{text(captions.SHEET_LEAD)}</p>\n</header>\n'
        f'<nav aria-label="{text(captions.SHEET_CONTENTS)}"><ol>{contents}</ol></nav>\n<main>\n{body}\n</main>\n'
        f"<footer><p>{text(captions.SHEET_MADE.format(version=__version__))}</p></footer>\n</body>\n</html>\n"
    )


def _cite(ds: Dataset, period: str) -> str:
    rep = ds["report"]
    report = captions.SHEET_CITE_REPORT.format(
        publisher=rep["publisher"], title_es=rep["title_es"], title_en=rep["title_en"], period=period
    )
    data = captions.SHEET_CITE_DATA.format(version=__version__)
    return f'<div class="cite"><p>{text(report)}</p><p>{text(data)}</p></div>'
