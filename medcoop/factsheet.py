"""The fact sheet: one self-contained HTML page of the report, to publish or print.

Another renderer over the query views, laid out as an agency's one-pager: the key figures as
big numbers, the map, then the actions, awards, events and visitors in words, then the
corrections, the sources and how to cite. Every figure and every text of the report or of its
editors comes from a view (summary, countries, actions, awards, milestones, tallies, events,
visitors), shown as people read it in this run's language (Table.for_people); medcoop's own
words come from captions. Each fact links to its source: the whole sentence of the report that
holds its quote (medcoop.sentences), one number per sentence, numbered as they first appear.

No script, no external resource; responsive (nothing wider than a phone but inside its own
scrolling box) and printable on A4 (the sheet on two pages, the apparatus after it). Every value
is escaped (and control characters shown as escapes), so data never becomes markup."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING, Final

from medcoop import __version__, captions, i18n, query
from medcoop.cells import EDITORIAL_MARK, human, visible
from medcoop.columns import editorial_columns
from medcoop.view import Row, Table

if TYPE_CHECKING:
    from medcoop.choropleth import Choropleth
    from medcoop.records import Dataset

Citation = tuple[str, str, str | None]

# The key figures, by the measure of their metric (the view's rows are found by metric id).
AMOUNTS: Final = ("cooperation_received", "record_cooperation_amount")
DELEGATIONS: Final = ("delegations", "delegation_countries")
PER_YEAR: Final = "delegates"

CSS: Final = """
:root{color:#1a1a1a;background:#fff;font:16px/1.5 'DejaVu Sans','Helvetica Neue',Arial,sans-serif}
*{box-sizing:border-box}
body{max-width:62rem;margin:0 auto;padding:1rem .75rem}
h1{font-size:1.6rem;line-height:1.2;margin:.2rem 0}
.kicker{font-size:.9rem;font-weight:bold;color:#2171b5;text-transform:uppercase;letter-spacing:.04em;margin:0}
.subtitle{font-size:1.1rem;color:#404040;margin:.2rem 0 .6rem}
.lead{max-width:46rem;margin:.4rem 0}
h2{font-size:1.25rem;margin:1.6rem 0 .5rem;border-bottom:2px solid #2171b5;padding-bottom:.15rem}
h3{font-size:1rem;margin:.9rem 0 .3rem;color:#2171b5}
h2,h3{break-after:avoid;page-break-after:avoid}
nav ol{margin:.3rem 0;padding-left:1.4rem}
nav li{display:inline-block;margin-right:1rem}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(11.1rem,1fr));gap:.75rem;list-style:none;
 margin:.6rem 0;padding:0}
.figures>li{border-top:4px solid #2171b5;background:#f3f7fb;padding:.55rem .7rem .6rem;break-inside:avoid}
.big{display:block;font-size:1.85rem;line-height:1.15;font-weight:bold;color:#08306b}
.what{display:block;font-size:.95rem}
.years{list-style:none;margin:.3rem 0 0;padding:0}
.years li{display:grid;grid-template-columns:3rem 1fr;gap:.4rem;align-items:center;font-size:.95rem}
.bar{display:block;height:.8rem;background:#4292c6;margin-top:.15rem}
ul.facts{padding-left:1.1rem;margin:.3rem 0}
ul.facts li{margin:.25rem 0;break-inside:avoid;page-break-inside:avoid}
.countries{columns:2 17rem;column-gap:1.5rem}
ul.countries{list-style:none;padding-left:0}
.countries li{break-inside:avoid}
a.src{text-decoration:none;white-space:nowrap;font-size:.85rem}
.corr{background:#fff3cd;padding:0 .15rem}
.mark{font-size:.8rem;color:#7f4f00;white-space:nowrap}
.legend{font-size:.85rem;color:#404040}
figure{margin:.6rem 0}
.map>svg{display:block;width:100%;height:auto}
figcaption{font-size:.9rem;color:#404040}
.keys{list-style:none;padding:0;margin:.3rem 0;display:flex;flex-wrap:wrap;gap:.2rem 1rem}
.keys svg{vertical-align:-.1rem;margin-right:.3rem}
ol.sources{padding-left:2rem}
ol.sources li{margin:.2rem 0;break-inside:avoid;page-break-inside:avoid}
ol.sources q{quotes:"“" "”" "‘" "’"}
.section{font-size:.8rem;color:#404040;font-weight:bold}
.cite{background:#f5f5f5;border-left:4px solid #2171b5;padding:.4rem .8rem;break-inside:avoid}
footer{margin-top:1.5rem;font-size:.85rem;color:#404040}
.scroll{overflow-x:auto}
@media (min-width:48rem){body{padding:1.5rem}h1{font-size:2rem}
 .pair{display:grid;grid-template-columns:1fr 1fr;gap:0 2rem}}
@page{size:A4;margin:10mm 11mm 11mm}
@media print{
 :root{font-size:7.6pt;line-height:1.28}body{max-width:none;padding:0}
 nav{display:none}
 h2{margin:.7rem 0 .3rem}h3{margin:.5rem 0 .2rem}
 .figures{grid-template-columns:repeat(5,1fr);gap:.4rem}
 .big{font-size:1.45rem}
 .map>svg{max-height:74mm;width:auto;max-width:100%;margin:0 auto}
 .pair{display:grid;grid-template-columns:1fr 1fr;gap:0 1.2rem}
 ul.facts li{margin:.1rem 0}
 .cols,.countries{columns:2;column-gap:1.2rem}.countries{columns:3}
 ol.sources{columns:2;column-gap:1.2rem}
 .apparatus{break-before:page;page-break-before:always}
 a{color:inherit;text-decoration:none}
 .figures>li{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .bar{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""


def text(value: object) -> str:
    return escape(visible(str(value)), quote=True).replace("\n", "<br>")


# --------------------------------------------------------------------------- sources


class Sources:
    """The sentences the sheet cites, numbered in the order they are first cited. A sentence
    another cited one of the same section holds (a record whose quote spans two sentences)
    is cited as that longer one, so that each sentence is listed once."""

    def __init__(self, citations: Iterable[Citation]) -> None:
        from medcoop.sentences import sentence_of

        self._sentence_of = sentence_of
        whole = {(s, self._sentence_of(s, q)) for s, q, _b in citations if q}
        self._longest = {
            pair: max((o for o in whole if o[0] == pair[0] and pair[1] in o[1]), key=lambda o: len(o[1]))
            for pair in whole
        }
        self.numbers: dict[tuple[str, str], int] = {}

    def ref(self, citation: Citation) -> str:
        """A link to the citation's source sentence; a row that rests on no sentence shows its basis."""
        section, quote, basis = citation
        if not quote:
            return f' <span class="mark">({text(basis)})</span>' if basis else ""
        pair = self._longest.get((section, self._sentence_of(section, quote)), (section, quote))
        number = self.numbers.setdefault(pair, len(self.numbers) + 1)
        label = text(captions.SHEET_SOURCE_LINK.format(number=number))
        return f' <a class="src" href="#src-{number}" aria-label="{label}">[{number}]</a>'

    def html(self, sections: dict[str, str]) -> str:
        items = []
        shown = None
        for (section, sentence), n in sorted(self.numbers.items(), key=lambda item: item[1]):
            label = ""
            if section != shown:
                shown = section
                label = f'<span class="section">{text(sections.get(section, section))}</span><br>'
            items.append(f'<li id="src-{n}" value="{n}">{label}<q>{text(sentence)}</q></li>')
        return '<ol class="sources">\n' + "\n".join(items) + "\n</ol>"


# --------------------------------------------------------------------------- rows for people


class Listing:
    """A view's table as people read it, its rows by key, and which of its columns are the
    editors' words (marked † where shown)."""

    def __init__(self, table: Table, listing: str, key: str | None = None) -> None:
        self.table = table.for_people()
        self.columns = {c.key: c for c in self.table.columns}
        self.editorial = editorial_columns(listing)
        self.rows = list(zip(self.table.rows, self.table.citations, strict=True))
        self.by_key = {str(row[key]): (row, cite) for row, cite in self.rows} if key else {}

    def cell(self, row: Row, key: str, *, mark: bool = True) -> str:
        """The cell as escaped HTML, its † if the column is the editors' words; '' if empty."""
        column = self.columns.get(key)
        if column is None:
            return ""
        value = human(column, row)
        if not value:
            return ""
        if value.endswith(" " + EDITORIAL_MARK):  # a mixed column's cell of the editors' words
            return f'{text(value[:-2])} <span class="mark">{EDITORIAL_MARK}</span>'
        if mark and key in self.editorial:
            return f'{text(value)} <span class="mark">{EDITORIAL_MARK}</span>'
        return text(value)

    def corrected(self, row: Row, printed: str, corrected: str) -> str:
        """A printed name, with its public-record correction beside it, marked."""
        shown = self.cell(row, printed)
        fixed = self.cell(row, corrected, mark=False)
        if not fixed:
            return shown
        note = text(captions.SHEET_CORRECTED)
        return f'{shown} <span class="corr">{fixed}</span> <span class="mark">({note})</span>'


def _names(codes: object, names: dict[str, str]) -> str:
    items = codes if isinstance(codes, list) else [codes] if isinstance(codes, str) and codes else []
    return ", ".join(text(names.get(c, c)) for c in items)


def _join(parts: Iterable[str], separator: str = " · ") -> str:
    return separator.join(p for p in parts if p)


def _facts(items: Iterable[str]) -> str:
    return '<ul class="facts">\n' + "\n".join(f"<li>{item}</li>" for item in items) + "\n</ul>"


def _by_year(items: Iterable[tuple[Row, str]]) -> str:
    """Facts (row, html) grouped under a heading per year (h3), in the order of the years."""
    years: dict[str, list[str]] = {}
    for row, html in sorted(items, key=lambda pair: str(pair[0].get("year") or "")):
        years.setdefault(str(row.get("year") or ""), []).append(html)
    return "\n".join(
        f"<h3>{text(year)}</h3>\n{_facts(facts)}" if year else _facts(facts) for year, facts in years.items()
    )


def fill(template: str, **html: str) -> str:
    """A caption (escaped) with HTML put in its fields."""
    marks = {key: f"\ue000{k}\ue001" for k, key in enumerate(html)}  # private-use marks, never escaped
    out = text(template.format(**marks))
    for key, value in html.items():
        out = out.replace(marks[key], value)
    return out


# --------------------------------------------------------------------------- figures


def _metric(summary: Listing, ds: Dataset, measure: str, *, year: bool | None = None) -> list[tuple[Row, Citation]]:
    """The summary's rows of a measure: of one year each (year=True), of a period (False), or all."""
    ids = [
        m["id"]
        for m in ds["metrics"]
        if m["measure"] == measure and (year is None or (m["period_start"] == m["period_end"]) == year)
    ]
    return [summary.by_key[i] for i in ids if i in summary.by_key]


def _value(summary: Listing, row: Row) -> str:
    """A figure as people read it: 'USD 30 million', '1,500', 'more than 900'."""
    value = human(summary.columns["value"], row)
    qualifier = row.get("qualifier")
    return f"{qualifier} {value}" if isinstance(qualifier, str) and qualifier else value


def figures(
    ds: Dataset, summary: Listing, countries: Listing, tallies: Listing, sources: Sources, names: dict[str, str]
) -> str:
    """The key figures as big numbers, then the other figures and the counts the report states."""
    tiles: list[str] = []
    used: set[str] = set()

    def tile(big: str, words: str) -> None:
        tiles.append(f'<li><span class="big">{text(big)}</span><span class="what">{words}</span></li>')

    for row, cite in _metric(summary, ds, AMOUNTS[0]):
        used.add(str(row["metric"]))
        tile(_value(summary, row), f"{summary.cell(row, 'what')}, {text(row['period'])}{sources.ref(cite)}")
    found = [_metric(summary, ds, m) for m in DELEGATIONS]
    if all(found):
        (row, cite), (other, _cite) = found[0][0], found[1][0]
        used |= {str(row["metric"]), str(other["metric"])}
        words = captions.SHEET_FROM_COUNTRIES.format(count=_value(summary, other))
        tile(
            _value(summary, row),
            f"{summary.cell(row, 'what')}, {text(words)}, {text(row['period'])}{sources.ref(cite)}",
        )
    if countries.rows:
        tile(i18n.number(len(countries.rows)), text(captions.SHEET_COUNTRIES_NAMED))
    per_year = _metric(summary, ds, PER_YEAR, year=True)
    if per_year:
        top = max(v for r, _c in per_year if isinstance(v := r.get("value"), int)) or 1
        lines = []
        for row, cite in per_year:
            used.add(str(row["metric"]))
            share = round(100 * (row["value"] if isinstance(row["value"], int) else 0) / top)
            lines.append(
                f"<li><span>{text(row['period'])}</span> <span>{text(_value(summary, row))}{sources.ref(cite)}"
                f'<span class="bar" style="width:{share}%"></span></span></li>'
            )
        tiles.append(
            f'<li><span class="what"><strong>{text(captions.SHEET_PER_YEAR)}</strong></span>'
            f'<ul class="years">{"".join(lines)}</ul></li>'
        )
    for row, cite in _metric(summary, ds, AMOUNTS[1]):
        used.add(str(row["metric"]))
        country = row.get("country")
        where = f", {_names(country, names)}" if country else ""
        tile(_value(summary, row), f"{summary.cell(row, 'what')}{where}, {text(row['period'])}{sources.ref(cite)}")
    more = [
        f"<strong>{text(_value(summary, row))}</strong> {summary.cell(row, 'what')}, {text(row['period'])}"
        + sources.ref(cite)
        for row, cite in summary.rows
        if str(row["metric"]) not in used
    ]
    return (
        f'<ul class="figures">\n{chr(10).join(tiles)}\n</ul>\n'
        f'<h3>{text(captions.SHEET_MORE_FIGURES)}</h3>\n<div class="cols">{_facts(more)}</div>\n'
        f'<h3>{text(captions.SHEET_TALLIES)}</h3>\n<div class="cols">{counts(tallies, sources)}</div>'
    )


def counts(tallies: Listing, sources: Sources) -> str:
    """The counts the report states, each with the items it names."""
    items = []
    for row, cite in tallies.rows:
        named = tallies.cell(row, "named")
        what = f"<strong>{text(row['count'])}</strong> {tallies.cell(row, 'counted')}, {text(row['period'])}"
        if named:
            label = captions.SHEET_NAMED.format(what=human(tallies.columns["named_what"], row))
            what += f"; {text(label)}: {named}"
        items.append(what + sources.ref(cite))
    return _facts(items)


# --------------------------------------------------------------------------- the map and countries


def _swatch(fill: str, circle: bool) -> str:
    shape = (
        f'<circle cx="7" cy="7" r="5.5" fill="{fill}" stroke="#252525"/>'
        if circle
        else f'<rect x="0.5" y="0.5" width="13" height="13" fill="{fill}" stroke="#737373"/>'
    )
    return f'<svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">{shape}</svg>'


def the_map(chart: Choropleth) -> str:
    from medcoop import geo
    from medcoop.mapsvg import credit, legend_items, subtitle, svg_map

    keys = "".join(f"<li>{_swatch(fill, circle)}{text(words)}</li>" for fill, words, circle in legend_items(chart))
    return (
        f'<figure class="map">{svg_map(chart, geo.world(), prefix="sheet-", standalone=False)}\n'
        f"<figcaption><p>{text(subtitle(chart))}</p>\n"
        f'<ul class="keys" aria-label="{text(captions.SHEET_LEGEND)}">{keys}</ul>\n'
        f"<p>{text(credit(chart))}</p></figcaption></figure>"
    )


def country_list(countries: Listing, sources: Sources, names: dict[str, str]) -> str:
    """Each country of the report in words: its name, its records (and how many of them the
    editors derived, from a city), what they name it for; no zero."""
    skip = ("mentions", "value")
    roles = [c for c in countries.table.columns if c.kind == "int" and not c.key.startswith(skip)]
    derived = countries.columns.get("mentions_derived")
    items = []
    for row, cite in countries.rows:
        parts = [
            f"{text(c.header)} {text(row[c.key])}" for c in roles if isinstance(row.get(c.key), int) and row[c.key]
        ]
        total = row.get("mentions")
        records = text(captions.records(total, total)) if isinstance(total, int) else ""
        some = row.get(derived.key) if derived is not None else None
        if isinstance(some, int) and some:
            records += f" ({text(captions.derived(some))})"
        items.append(
            f"<strong>{_names(row['a2'], names)}</strong> — {records}"
            + (f": {', '.join(parts)}" if parts else "")
            + sources.ref(cite)
        )
    return f"<h3>{text(captions.SHEET_COUNTRIES)}</h3>\n" + _facts(items).replace('"facts"', '"facts countries"', 1)


# --------------------------------------------------------------------------- actions, awards, events, visitors


def actions(listing: Listing, sources: Sources, names: dict[str, str]) -> str:
    def item(row: Row, cite: Citation) -> str:
        partners = listing.cell(row, "partners")
        where = _names(row.get("countries"), names)
        lead = f"<strong>{partners or where}</strong>" + (f" ({where})" if partners and where else "")
        facts = _join([listing.cell(row, "modality"), listing.cell(row, "amount_usd")])
        benefits = listing.cell(row, "beneficiaries")
        benefit = f" {text(captions.SHEET_BENEFITS)}: {benefits}." if benefits else ""
        summary = listing.cell(row, "summary")
        return (
            f"{lead}" + (f" · {facts}" if facts else "") + f". {summary}." * bool(summary) + benefit + sources.ref(cite)
        )

    return _by_year((row, item(row, cite)) for row, cite in listing.rows)


def awards(listing: Listing, milestones: Listing, sources: Sources) -> str:
    def award(row: Row, cite: Citation) -> str:
        body = listing.cell(row, "awarding_body")
        given = fill(captions.SHEET_AWARDED_BY, body=body) if body else text(captions.SHEET_NO_BODY)
        recipient = listing.cell(row, "recipient")
        to = fill(captions.SHEET_AWARDED_TO, recipient=recipient) if recipient else ""
        return (
            f"<strong>{listing.corrected(row, 'name', 'name_corrected')}</strong> — "
            + _join([listing.cell(row, "kind"), given, to])
            + sources.ref(cite)
        )

    def milestone(row: Row, cite: Citation) -> str:
        return (
            f"<strong>{milestones.cell(row, 'name')}</strong> — "
            + _join([milestones.cell(row, "kind"), milestones.cell(row, "organisation")])
            + sources.ref(cite)
        )

    return _by_year(
        [(row, award(row, cite)) for row, cite in listing.rows]
        + [(row, milestone(row, cite)) for row, cite in milestones.rows]
    )


def events(listing: Listing, sources: Sources, names: dict[str, str]) -> str:
    def item(row: Row, cite: Citation) -> str:
        where = _join([listing.cell(row, "city"), _names(row.get("country"), names)], ", ")
        return (
            f"<strong>{listing.cell(row, 'name')}</strong> — "
            + _join([where, listing.cell(row, "organiser"), listing.cell(row, "participation")])
            + sources.ref(cite)
        )

    return _by_year((row, item(row, cite)) for row, cite in listing.rows)


def visitors(listing: Listing, sources: Sources, names: dict[str, str]) -> str:
    def item(row: Row, cite: Citation) -> str:
        title = listing.corrected(row, "title", "title_corrected")
        of = _join([listing.cell(row, "organisation"), _names(row.get("country"), names)], ", ")
        return (
            f"<strong>{listing.corrected(row, 'name', 'name_corrected')}</strong>, {title}"
            + (f" ({of})" if of else "")
            + sources.ref(cite)
        )

    return _by_year((row, item(row, cite)) for row, cite in listing.rows)


# --------------------------------------------------------------------------- corrections and citing


def corrections(ds: Dataset, visitors: Listing, awards: Listing) -> str:
    """Each name or title the dataset corrects from public records, printed -> corrected, with
    its basis: visitors and awards from their views, organisations from the partners view; the
    basis of an award's correction and a country's note are in no view, and are read from the
    records."""
    items: list[tuple[str, str, str]] = []
    for row, _cite in visitors.rows:
        basis = visitors.cell(row, "correction_basis")
        for printed, fixed in (("name", "name_corrected"), ("title", "title_corrected")):
            if row.get(fixed):
                items.append((visitors.cell(row, printed), visitors.cell(row, fixed, mark=False), basis))
    bases = {w["name"]: w["correction_basis"] for w in ds["awards"]}
    for row, _cite in awards.rows:
        if row.get("name_corrected"):
            found = bases.get(str(row["name"]))
            items.append((awards.cell(row, "name"), awards.cell(row, "name_corrected", mark=False), text(found or "")))
    partners = Listing(query.partners(ds).table, "partners")
    for row, _cite in partners.rows:
        if row.get("name_corrected"):
            items.append((partners.cell(row, "name"), partners.cell(row, "name_corrected", mark=False), ""))
    for c in ds["countries"]:
        if c["note"]:
            items.append((text(", ".join(c["printed_as"])), text(c["name_en"]), text(c["note"])))
    mark = f'<span class="mark">({text(captions.SHEET_CORRECTED)})</span>'
    return _facts(
        f'“{printed}” → <span class="corr">{fixed}</span> {mark}' + (f". {basis}" if basis else "")
        for printed, fixed, basis in items
    )


def cite(ds: Dataset, period: str) -> str:
    rep = ds["report"]
    report = captions.SHEET_CITE_REPORT.format(
        publisher=rep["publisher"], title_es=rep["title_es"], title_en=rep["title_en"], period=period
    )
    data = captions.SHEET_CITE_DATA.format(version=__version__, publisher=rep["publisher"], title_en=rep["title_en"])
    sheet = captions.SHEET_CITE_SHEET
    return (
        f'<div class="cite"><p><strong>{text(captions.SHEET_CITE_REPORT_HEAD)}</strong><br>{text(report)}</p>\n'
        f"<p><strong>{text(captions.SHEET_CITE_DATA_HEAD)}</strong><br>{text(data)}</p>\n"
        f"<p><strong>{text(captions.SHEET_CITE_SHEET_HEAD)}</strong><br>{text(sheet)}</p></div>"
    )


# --------------------------------------------------------------------------- the page


def _section(anchor: str, title: str, body: str) -> str:
    heading = f'<h2 id="{anchor}-h">{text(title)}</h2>'
    return f'<section id="{anchor}" aria-labelledby="{anchor}-h">\n{heading}\n{body}\n</section>'


def fact_sheet(ds: Dataset) -> str:
    from medcoop import choropleth

    rep = ds["report"]
    period = query.period(rep["period_start"], rep["period_end"])
    chart = choropleth.build(ds)
    summary = Listing(query.summary(ds).table, "summary", "metric")
    countries = Listing(query.countries(ds).table, "countries")
    names = {str(r["a2"]): str(r["name_es"] if i18n.language == "es" else r["name_en"]) for r, _c in countries.rows}
    lists = {
        "actions": Listing(query.actions(ds, None).table, "actions"),
        "awards": Listing(query.awards(ds, None).table, "awards"),
        "milestones": Listing(query.milestones(ds, None).table, "milestones"),
        "tallies": Listing(query.tallies(ds, None).table, "tallies"),
        "events": Listing(query.events(ds, None).table, "events"),
        "visitors": Listing(query.visitors(ds, None).table, "visitors"),
    }
    every = [c for listing in (summary, countries, *lists.values()) for _r, c in listing.rows]
    sources = Sources(every)
    body = [
        _section(
            "figures",
            captions.SHEET_FIGURES,
            figures(ds, summary, countries, lists["tallies"], sources, names),
        ),
        _section("map", captions.SHEET_MAP, the_map(chart) + "\n" + country_list(countries, sources, names)),
        _section("actions", captions.SHEET_ACTIONS, actions(lists["actions"], sources, names)),
        _section("awards", captions.SHEET_AWARDS, awards(lists["awards"], lists["milestones"], sources)),
        '<div class="pair">',
        _section("events", captions.SHEET_EVENTS, events(lists["events"], sources, names)),
        _section("visitors", captions.SHEET_VISITORS, visitors(lists["visitors"], sources, names)),
        "</div>",
    ]
    sections = {s["id"]: _section_name(s["id"], s["year"]) for s in rep["sections"]}
    apparatus = [
        _section(
            "corrections",
            captions.SHEET_CORRECTIONS,
            f"<p>{text(captions.SHEET_CORRECTIONS_NOTE)}</p>\n{corrections(ds, lists['visitors'], lists['awards'])}",
        ),
        _section(
            "sources", captions.SHEET_SOURCES, f"<p>{text(captions.SHEET_SOURCES_NOTE)}</p>\n{sources.html(sections)}"
        ),
        _section("cite", captions.SHEET_CITE, cite(ds, period)),
    ]
    anchors = [("figures", captions.SHEET_FIGURES), ("map", captions.SHEET_MAP), ("actions", captions.SHEET_ACTIONS)]
    anchors += [("awards", captions.SHEET_AWARDS), ("events", captions.SHEET_EVENTS)]
    anchors += [
        ("visitors", captions.SHEET_VISITORS),
        ("sources", captions.SHEET_SOURCES),
        ("cite", captions.SHEET_CITE),
    ]
    contents = "".join(f'<li><a href="#{a}">{text(t)}</a></li>' for a, t in anchors)
    legend = captions.SHEET_EDITORIAL.format(mark=EDITORIAL_MARK)
    kicker = captions.SHEET_PERIOD.format(publisher=rep["publisher"], period=period)
    return (
        f'<!DOCTYPE html>\n<html lang="{captions.LANG}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{text(rep['title_es'])} — {text(rep['title_en'])}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<header>\n<p class="kicker">{text(kicker)}</p>\n'
        f"<h1>{text(rep['title_es'])}</h1>\n"
        f'<p class="subtitle">{text(rep["title_en"])} · {text(captions.SHEET_KIND)}</p>\n'
        f'<p class="lead">{text(captions.SHEET_LEAD)}</p>\n<p class="legend">{text(legend)}</p>\n</header>\n'
        f'<nav aria-label="{text(captions.SHEET_CONTENTS)}"><ol>{contents}</ol></nav>\n'
        f'<main>\n{chr(10).join(body)}\n<div class="apparatus">\n{chr(10).join(apparatus)}\n</div>\n</main>\n'
        f"<footer><p>{text(captions.SHEET_MADE.format(version=__version__))}</p></footer>\n</body>\n</html>\n"
    )


def _section_name(section: str, year: int | None) -> str:
    if year is None:
        return captions.SHEET_SECTION_INTRO
    return captions.SHEET_SECTION.format(section=year)
